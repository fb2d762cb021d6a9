//! Pressure traverse: march a pressure along the flow path from a known pressure at one end.
//!
//! Method. The flow path is cut at its section boundaries, at the survey stations (where the
//! trajectory's curvature changes) and at the gas-lift injection point,
//! and each piece into steps of at most [`StepControl::max_step_ft`]. Over a step of length
//! `h` the pressure follows the trapezoidal rule, `p1 = p0 + h (g(p0) + g(p1))/2`, with `g` the
//! pressure change per foot of MD from the chosen correlation, solved by fixed-point
//! iteration to [`StepControl::tolerance_psi`] (second-order accurate in `h`). A step whose
//! pressure change exceeds [`StepControl::max_pressure_change_psi`], or that would take the
//! pressure below atmospheric, is halved (down to 1 ft).
//!
//! At every evaluation point: the trajectory (inclination, TVD) comes from the
//! [`Survey`] by minimum-curvature interpolation, the temperature from a
//! linear geothermal profile in TVD between the given top and bottom temperatures, the
//! fluid properties from the [`FluidModel`] at (p, T), and in-situ rates from
//! [`in_situ_properties`]; lift gas is added above the injection point.
//!
//! Every kept station is also checked against the published range of the correlation (pipe
//! angle, diameter, liquid viscosity, pressure, mixture velocity, liquid-gas ratios, as the
//! correlation's [`crate::MethodInfo::ranges`] declare them); [`traverse`] and
//! [`traverse_into`] report each range left as one [`PathRangeWarning`] (see
//! [`super::range_check`]). Warnings change no number.
//!
//! Failures are errors that say what and where, e.g. "pressure fell below atmospheric
//! (11.2 psia) at MD 4,210 ft"; a traverse never returns NaN and never panics.

use super::fluid::{FluidModel, FluidState, SurfaceRates, in_situ_properties};
use super::friction::FrictionCorrelation;
use super::range_check::{PathRangeWarning, RangeTracker, StationConditions};
use super::{FlowPattern, GradientCorrelation, GradientResult, PipeGeometry};
use crate::error::{CoreError, CoreResult};
use crate::units::STANDARD_PRESSURE_PSIA;
use crate::wellbore::{FlowPath, Survey, TrajectoryPoint};

/// Most stations a traverse may produce (including both ends).
pub const MAX_STATIONS: usize = 5000;
/// Shortest step the step control will cut to, ft.
const MIN_STEP_FT: f64 = 1.0;
/// Corrector iterations per step before the step is halved.
const MAX_CORRECTOR_ITERATIONS: u32 = 25;
/// Highest pressure a traverse accepts as its known pressure, psia.
const MAX_PRESSURE_PSIA: f64 = 30_000.0;

/// Which end of the flow path has the known pressure.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum KnownPressure {
    /// Pressure at the top of the flow path (wellhead), psia; march down.
    Top(f64),
    /// Pressure at the bottom of the flow path (bottom hole), psia; march up.
    Bottom(f64),
}

/// Direction of flow in the well.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum FlowDirection {
    /// Upward flow (a producing well): pressure rises with depth by the full gradient.
    #[default]
    Production,
    /// Downward flow (an injection well): the gradient is evaluated for downhill flow.
    Injection,
}

/// Linear geothermal temperature profile, in TVD, between the top and the bottom of the flow
/// path (in MD instead when the path's TVD span is under 1 ft, e.g. a horizontal line).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TemperatureProfile {
    /// Temperature at the top of the flow path, °F.
    pub top_temperature_degf: f64,
    /// Temperature at the bottom of the flow path, °F.
    pub bottom_temperature_degf: f64,
}

/// Gas-lift injection: lift gas enters the flow path at `injection_md_ft` and flows with the
/// produced fluids above that point.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GasLift {
    /// Measured depth of the injection point, ft.
    pub injection_md_ft: f64,
    /// Lift-gas rate, Mscf/d.
    pub gas_rate_mscf_d: f64,
}

/// Step-size control.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct StepControl {
    /// Longest step, ft MD (default 100).
    pub max_step_ft: f64,
    /// Largest pressure change over one step before it is halved, psi (default 50).
    pub max_pressure_change_psi: f64,
    /// Convergence tolerance of the trapezoidal corrector, psi (default 0.01): a step is
    /// accepted when the corrected end pressure differs from the pressure its gradient was
    /// evaluated at by no more than this. The error left in the accepted pressure is far
    /// smaller: one more corrector pass would move it by `½ |Δmd| · |∂g/∂p|` times this
    /// difference, about 0.003 for a 100-ft step of a typical producer (∂g/∂p ≈ 6e-5
    /// psi/ft per psi) and under 0.01 even in low-pressure gas, so 0.01 psi here leaves less
    /// than 1e-4 psi per step, below the trapezoidal discretization error itself.
    pub tolerance_psi: f64,
}

impl Default for StepControl {
    fn default() -> Self {
        Self {
            max_step_ft: 100.0,
            max_pressure_change_psi: 50.0,
            tolerance_psi: 1e-2,
        }
    }
}

/// Everything a traverse needs. Build with [`TraverseInput::new`] and adjust the public
/// fields.
#[derive(Debug, Clone, Copy)]
pub struct TraverseInput<'a, F: ?Sized> {
    /// Deviation survey; must cover the flow path.
    pub survey: &'a Survey,
    /// Flow path, top to bottom.
    pub flow_path: &'a FlowPath,
    /// Fluid model.
    pub fluid: &'a F,
    /// Surface rates of the produced (or injected) stream.
    pub rates: SurfaceRates,
    /// Optional gas-lift injection.
    pub gas_lift: Option<GasLift>,
    /// Pressure-gradient correlation.
    pub correlation: GradientCorrelation,
    /// Turbulent friction-factor equation.
    pub friction: FrictionCorrelation,
    /// Temperature profile.
    pub temperature: TemperatureProfile,
    /// Known pressure and where.
    pub known_pressure: KnownPressure,
    /// Flow direction.
    pub direction: FlowDirection,
    /// Step control.
    pub step: StepControl,
    /// Multiplier on the elevation gradient (calibration; default 1).
    pub gravity_multiplier: f64,
    /// Multiplier on the friction gradient (calibration; default 1).
    pub friction_multiplier: f64,
}

impl<'a, F: FluidModel + ?Sized> TraverseInput<'a, F> {
    /// A production traverse with default step control, Colebrook friction, no gas lift and
    /// unit multipliers.
    pub fn new(
        survey: &'a Survey,
        flow_path: &'a FlowPath,
        fluid: &'a F,
        rates: SurfaceRates,
        correlation: GradientCorrelation,
        temperature: TemperatureProfile,
        known_pressure: KnownPressure,
    ) -> Self {
        Self {
            survey,
            flow_path,
            fluid,
            rates,
            gas_lift: None,
            correlation,
            friction: FrictionCorrelation::Colebrook,
            temperature,
            known_pressure,
            direction: FlowDirection::Production,
            step: StepControl::default(),
            gravity_multiplier: 1.0,
            friction_multiplier: 1.0,
        }
    }
}

/// One station of a traverse.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TraverseStation {
    /// Measured depth, ft.
    pub md_ft: f64,
    /// True vertical depth, ft.
    pub tvd_ft: f64,
    /// Inclination from vertical, degrees.
    pub inclination_deg: f64,
    /// Pressure, psia.
    pub pressure_psia: f64,
    /// Temperature, °F.
    pub temperature_degf: f64,
    /// Liquid holdup.
    pub liquid_holdup: f64,
    /// No-slip liquid holdup.
    pub no_slip_holdup: f64,
    /// Flow pattern.
    pub flow_pattern: FlowPattern,
    /// In-situ (slip) mixture density, lb/ft³.
    pub mixture_density_lb_ft3: f64,
    /// Superficial liquid velocity, ft/s.
    pub superficial_liquid_velocity_ft_s: f64,
    /// Superficial gas velocity, ft/s.
    pub superficial_gas_velocity_ft_s: f64,
    /// Mixture velocity, ft/s.
    pub mixture_velocity_ft_s: f64,
    /// Reynolds number of the correlation's friction term.
    pub reynolds_number: f64,
    /// Darcy friction factor used.
    pub friction_factor: f64,
    /// Elevation gradient, psi/ft (loss along the flow direction).
    pub elevation_gradient_psi_ft: f64,
    /// Friction gradient, psi/ft.
    pub friction_gradient_psi_ft: f64,
    /// Acceleration gradient, psi/ft.
    pub acceleration_gradient_psi_ft: f64,
}

/// Totals of a traverse.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TraverseSummary {
    /// Pressure at the top of the flow path, psia.
    pub top_pressure_psia: f64,
    /// Pressure at the bottom of the flow path, psia.
    pub bottom_pressure_psia: f64,
    /// Pressure lost to elevation along the flow direction, psi (negative in downhill flow).
    pub elevation_loss_psi: f64,
    /// Pressure lost to friction, psi.
    pub friction_loss_psi: f64,
    /// Pressure lost to acceleration, psi.
    pub acceleration_loss_psi: f64,
    /// Number of stations.
    pub station_count: usize,
    /// Id of the correlation used (its [`crate::MethodInfo::id`]).
    pub correlation_id: &'static str,
}

/// A traverse with its stations, top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub struct TraverseResult {
    /// Totals.
    pub summary: TraverseSummary,
    /// Stations ordered by increasing MD.
    pub stations: Vec<TraverseStation>,
    /// Inputs outside the correlation's published range somewhere along the path, one per
    /// input (empty when the whole path is inside).
    pub warnings: Vec<PathRangeWarning>,
}

/// Runs a traverse and returns its stations (top to bottom) and totals.
///
/// ```
/// use nodal_core::hydraulics::*;
/// use nodal_core::wellbore::{Conduit, FlowPath, Survey};
/// let survey = Survey::vertical(8000.0).unwrap();
/// let path = FlowPath::single(0.0, 8000.0,
///     Conduit::Tubing { inner_diameter_in: 2.441, roughness_in: 0.0006 }).unwrap();
/// let fluid = SimpleBlackOil::default();
/// let rates = SurfaceRates::from_liquid(1000.0, 0.2, 400.0).unwrap();
/// let input = TraverseInput::new(&survey, &path, &fluid, rates,
///     GradientCorrelation::HagedornBrownModified,
///     TemperatureProfile { top_temperature_degf: 100.0, bottom_temperature_degf: 200.0 },
///     KnownPressure::Top(150.0));
/// let r = traverse(&input).unwrap();
/// assert_eq!(r.stations.first().unwrap().pressure_psia, 150.0);
/// assert!(r.summary.bottom_pressure_psia > 1500.0 && r.summary.bottom_pressure_psia < 3500.0);
/// // Hagedorn-Brown's data came from 1 to 1.5 in tubing in a vertical well: the 2.441 in
/// // tubing is outside it, and said so once for the whole path.
/// let diameter: Vec<_> = r.warnings.iter().filter(|w| w.range.param == "diameter_in").collect();
/// assert_eq!(diameter.len(), 1);
/// assert_eq!(diameter[0].range.value, 2.441);
/// assert!(!r.warnings.iter().any(|w| w.range.param == "angle_deg"));
/// ```
pub fn traverse<F: FluidModel + ?Sized>(
    input: &TraverseInput<'_, F>,
) -> CoreResult<TraverseResult> {
    let mut stations = Vec::new();
    let mut warnings = Vec::new();
    let summary = traverse_into(input, &mut stations, &mut warnings)?;
    Ok(TraverseResult {
        summary,
        stations,
        warnings,
    })
}

/// Runs a traverse into caller-provided vectors, stations ordered by increasing MD (cleared
/// first; reuse it to avoid allocation). Appends to `warnings` one [`PathRangeWarning`] per
/// input of the correlation's published range that the path left, folded into an entry of
/// the same correlation and input already there (so one vector can gather the warnings of
/// several traverses; it is not cleared). Returns the totals.
pub fn traverse_into<F: FluidModel + ?Sized>(
    input: &TraverseInput<'_, F>,
    stations: &mut Vec<TraverseStation>,
    warnings: &mut Vec<PathRangeWarning>,
) -> CoreResult<TraverseSummary> {
    stations.clear();
    let (summary, ranges) = march(input, |s| stations.push(*s))?;
    if matches!(input.known_pressure, KnownPressure::Bottom(_)) {
        stations.reverse();
    }
    ranges.flush(warnings);
    Ok(summary)
}

/// [`traverse_end_pressure`] that also appends the range warnings of the traverse to
/// `warnings`, as [`traverse_into`] does. Allocates only when a range was left.
pub fn traverse_end_pressure_checked<F: FluidModel + ?Sized>(
    input: &TraverseInput<'_, F>,
    warnings: &mut Vec<PathRangeWarning>,
) -> CoreResult<f64> {
    let (s, ranges) = march(input, |_| {})?;
    ranges.flush(warnings);
    Ok(match input.known_pressure {
        KnownPressure::Top(_) => s.bottom_pressure_psia,
        KnownPressure::Bottom(_) => s.top_pressure_psia,
    })
}

/// Pressure at the other end of the flow path (bottom when the top pressure is known, top
/// when the bottom pressure is known), psia. Allocation-free.
pub fn traverse_end_pressure<F: FluidModel + ?Sized>(
    input: &TraverseInput<'_, F>,
) -> CoreResult<f64> {
    let (s, _) = march(input, |_| {})?;
    Ok(match input.known_pressure {
        KnownPressure::Top(_) => s.bottom_pressure_psia,
        KnownPressure::Bottom(_) => s.top_pressure_psia,
    })
}

/// Formats a depth in whole feet with thousands separators ("4,210").
pub(crate) fn fmt_ft(md_ft: f64) -> String {
    let v = md_ft.round();
    let digits = format!("{}", v.abs() as u64);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if v < 0.0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A step's piece of the path: which section and whether lift gas flows there.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Segment {
    section: usize,
    lift: bool,
}

/// One evaluated point.
#[derive(Clone, Copy)]
struct Point {
    /// Pressure change per foot of increasing MD, psi/ft.
    dp_dmd: f64,
    station: TraverseStation,
    /// The fluid at the point's pressure and temperature, kept so that a change of flow
    /// segment at the same point (section boundary, gas-lift depth) does not evaluate it
    /// again.
    state: FluidState,
    /// Flow angle above horizontal the correlation saw, degrees.
    angle_deg: f64,
    /// Hydraulic diameter, in.
    diameter_in: f64,
    /// In-situ liquid viscosity, cp.
    liquid_viscosity_cp: f64,
    /// Whether lift gas flows at this point.
    lift: bool,
}

struct Marcher<'i, 'a, F: ?Sized> {
    input: &'i TraverseInput<'a, F>,
    top_md: f64,
    bottom_md: f64,
    top_tvd: f64,
    bottom_tvd: f64,
}

impl<F: FluidModel + ?Sized> Marcher<'_, '_, F> {
    fn temperature_at(&self, md: f64, tvd: f64) -> f64 {
        let t = self.input.temperature;
        let frac = if (self.bottom_tvd - self.top_tvd).abs() >= 1.0 {
            (tvd - self.top_tvd) / (self.bottom_tvd - self.top_tvd)
        } else {
            (md - self.top_md) / (self.bottom_md - self.top_md)
        };
        t.top_temperature_degf + frac * (t.bottom_temperature_degf - t.top_temperature_degf)
    }

    fn segment_of(&self, md_a: f64, md_b: f64) -> Segment {
        let mid = 0.5 * (md_a + md_b);
        Segment {
            section: self.input.flow_path.section_index_at(mid),
            lift: self.input.gas_lift.is_some_and(|g| mid < g.injection_md_ft),
        }
    }

    /// Next break point (section boundary, survey station or injection point) strictly
    /// beyond `md` in the
    /// marching direction, or the path end.
    fn next_break(&self, md: f64, down: bool) -> f64 {
        let path = self.input.flow_path;
        let lift_md = self.input.gas_lift.map(|g| g.injection_md_ft);
        if down {
            let section = path.section_index_at(md.next_up());
            let mut b = path.sections()[section].bottom_md_ft.min(self.bottom_md);
            let stations = self.input.survey.stations();
            let i = stations.partition_point(|s| s.md_ft <= md);
            if i < stations.len() {
                b = b.min(stations[i].md_ft);
            }
            if let Some(l) = lift_md
                && l > md
                && l < b
            {
                b = l;
            }
            b
        } else {
            let section = path.section_index_at(md);
            let mut b = path.section_top_md_ft(section).max(self.top_md);
            let stations = self.input.survey.stations();
            let i = stations.partition_point(|s| s.md_ft < md);
            if i > 0 {
                b = b.max(stations[i - 1].md_ft);
            }
            if let Some(l) = lift_md
                && l < md
                && l > b
            {
                b = l;
            }
            b
        }
    }

    fn evaluate(&self, pressure: f64, md: f64, segment: Segment) -> CoreResult<Point> {
        let input = self.input;
        let traj = input.survey.at_md(md)?;
        let temperature = self.temperature_at(md, traj.tvd_ft);
        let state = input
            .fluid
            .state(pressure, temperature)
            .and_then(|state| state.validate().map(|()| state))
            .map_err(|e| at_point(e, pressure, md, temperature))?;
        self.evaluate_with(pressure, md, segment, traj, temperature, state)
    }

    /// The point `here` seen from another flow segment: same pressure, depth and fluid (the
    /// fluid evaluated at the corrector's last pressure, within its tolerance of the
    /// station's).
    fn change_segment(&self, here: &Point, segment: Segment) -> CoreResult<Point> {
        let md = here.station.md_ft;
        let traj = self.input.survey.at_md(md)?;
        let temperature = here.station.temperature_degf;
        let pressure = here.station.pressure_psia;
        self.evaluate_with(pressure, md, segment, traj, temperature, here.state)
    }

    fn evaluate_with(
        &self,
        pressure: f64,
        md: f64,
        segment: Segment,
        traj: TrajectoryPoint,
        temperature: f64,
        state: FluidState,
    ) -> CoreResult<Point> {
        let input = self.input;
        let here = |e: CoreError| at_point(e, pressure, md, temperature);
        let conduit = input.flow_path.sections()[segment.section].conduit;
        let lift = if segment.lift {
            input.gas_lift.map_or(0.0, |g| g.gas_rate_mscf_d)
        } else {
            0.0
        };
        let props = in_situ_properties(
            &state,
            &input.rates,
            lift,
            conduit.flow_area_ft2(),
            pressure,
        );
        props.validate().map_err(here)?;
        let upward_angle = 90.0 - traj.inclination_deg;
        let angle_deg = match input.direction {
            FlowDirection::Production => upward_angle,
            FlowDirection::Injection => -upward_angle,
        };
        let pipe = PipeGeometry {
            diameter_in: conduit.hydraulic_diameter_in(),
            relative_roughness: conduit.relative_roughness(),
            angle_deg,
        };
        let g: GradientResult = input
            .correlation
            .gradient_unchecked(&props, &pipe, input.friction)
            .map_err(here)?
            .with_multipliers(input.gravity_multiplier, input.friction_multiplier);
        let total = g.total_psi_ft();
        let dp_dmd = match input.direction {
            FlowDirection::Production => total,
            FlowDirection::Injection => -total,
        };
        Ok(Point {
            dp_dmd,
            state,
            angle_deg,
            diameter_in: pipe.diameter_in,
            liquid_viscosity_cp: props.liquid_viscosity_cp,
            lift: segment.lift,
            station: TraverseStation {
                md_ft: md,
                tvd_ft: traj.tvd_ft,
                inclination_deg: traj.inclination_deg,
                pressure_psia: pressure,
                temperature_degf: temperature,
                liquid_holdup: g.liquid_holdup,
                no_slip_holdup: g.no_slip_holdup,
                flow_pattern: g.flow_pattern,
                mixture_density_lb_ft3: g.mixture_density_lb_ft3,
                superficial_liquid_velocity_ft_s: props.superficial_liquid_velocity_ft_s,
                superficial_gas_velocity_ft_s: props.superficial_gas_velocity_ft_s,
                mixture_velocity_ft_s: g.mixture_velocity_ft_s,
                reynolds_number: g.reynolds_number,
                friction_factor: g.friction_factor,
                elevation_gradient_psi_ft: g.elevation_psi_ft,
                friction_gradient_psi_ft: g.friction_psi_ft,
                acceleration_gradient_psi_ft: g.acceleration_psi_ft,
            },
        })
    }
}

impl<F: ?Sized> Marcher<'_, '_, F> {
    /// What a published range can be about at a kept point.
    fn conditions(&self, point: &Point) -> StationConditions {
        let rates = &self.input.rates;
        let lift_mscf_d = if point.lift {
            self.input.gas_lift.map_or(0.0, |g| g.gas_rate_mscf_d)
        } else {
            0.0
        };
        StationConditions {
            md_ft: point.station.md_ft,
            angle_deg: point.angle_deg,
            diameter_in: point.diameter_in,
            liquid_viscosity_cp: point.liquid_viscosity_cp,
            pressure_psia: point.station.pressure_psia,
            mixture_velocity_ft_s: point.station.mixture_velocity_ft_s,
            oil_rate_stb_d: rates.oil_rate_stb_d,
            water_rate_stb_d: rates.water_rate_stb_d,
            gas_rate_mmscf_d: (rates.oil_rate_stb_d * rates.gor_scf_stb * 1e-3 + lift_mscf_d)
                * 1e-3,
        }
    }
}

/// An error of the fluid or the correlation, said where it happened.
fn at_point(e: CoreError, pressure: f64, md: f64, temperature: f64) -> CoreError {
    CoreError::Physical(format!(
        "at MD {} ft ({pressure:.1} psia, {temperature:.1} °F): {e}",
        fmt_ft(md)
    ))
}

fn validate<F: ?Sized>(input: &TraverseInput<'_, F>) -> CoreResult<()> {
    let path = input.flow_path;
    let survey = input.survey;
    if path.top_md_ft() < survey.top_md_ft() || path.bottom_md_ft() > survey.bottom_md_ft() {
        return Err(CoreError::invalid(
            "flow_path",
            format!(
                "the flow path ({} to {} ft MD) must lie within the survey ({} to {} ft MD)",
                path.top_md_ft(),
                path.bottom_md_ft(),
                survey.top_md_ft(),
                survey.bottom_md_ft()
            ),
        ));
    }
    input.rates.validate()?;
    if let Some(g) = input.gas_lift {
        if !(g.injection_md_ft.is_finite()
            && g.injection_md_ft >= path.top_md_ft()
            && g.injection_md_ft <= path.bottom_md_ft())
        {
            return Err(CoreError::invalid(
                "injection_md_ft",
                format!(
                    "gas-lift injection depth must lie within the flow path ({} to {} ft MD), got {}",
                    path.top_md_ft(),
                    path.bottom_md_ft(),
                    g.injection_md_ft
                ),
            ));
        }
        if !(g.gas_rate_mscf_d.is_finite() && g.gas_rate_mscf_d >= 0.0) {
            return Err(CoreError::invalid(
                "gas_rate_mscf_d",
                format!(
                    "lift-gas rate must be a finite number not below zero (got {})",
                    g.gas_rate_mscf_d
                ),
            ));
        }
    }
    let r = input.rates;
    let lift = input.gas_lift.map_or(0.0, |g| g.gas_rate_mscf_d);
    if r.oil_rate_stb_d + r.water_rate_stb_d == 0.0 && lift == 0.0 {
        return Err(CoreError::invalid(
            "rates",
            "no flow: oil, water and lift-gas rates are all zero",
        ));
    }
    crate::error::require_in_range(
        "top_temperature_degf",
        input.temperature.top_temperature_degf,
        -60.0,
        700.0,
    )?;
    crate::error::require_in_range(
        "bottom_temperature_degf",
        input.temperature.bottom_temperature_degf,
        -60.0,
        700.0,
    )?;
    let (field, p) = match input.known_pressure {
        KnownPressure::Top(p) => ("top_pressure_psia", p),
        KnownPressure::Bottom(p) => ("bottom_pressure_psia", p),
    };
    crate::error::require_in_range(field, p, STANDARD_PRESSURE_PSIA, MAX_PRESSURE_PSIA)?;
    crate::error::require_in_range("max_step_ft", input.step.max_step_ft, MIN_STEP_FT, 10_000.0)?;
    crate::error::require_positive(
        "max_pressure_change_psi",
        input.step.max_pressure_change_psi,
    )?;
    crate::error::require_in_range("tolerance_psi", input.step.tolerance_psi, 1e-9, 1.0)?;
    crate::error::require_in_range("gravity_multiplier", input.gravity_multiplier, 0.0, 10.0)?;
    crate::error::require_in_range("friction_multiplier", input.friction_multiplier, 0.0, 10.0)?;
    let length = path.bottom_md_ft() - path.top_md_ft();
    let min_stations = (length / input.step.max_step_ft).ceil() as usize + 1;
    if min_stations > MAX_STATIONS {
        return Err(CoreError::invalid(
            "max_step_ft",
            format!(
                "{} ft of flow path in steps of {} ft needs {min_stations} stations; at most {MAX_STATIONS} are allowed",
                fmt_ft(length),
                input.step.max_step_ft
            ),
        ));
    }
    Ok(())
}

/// The marching loop shared by every entry point; `emit` sees each station in marching
/// order. Also returns the range excursions of the kept stations.
fn march<F, E>(
    input: &TraverseInput<'_, F>,
    mut emit: E,
) -> CoreResult<(TraverseSummary, RangeTracker)>
where
    F: FluidModel + ?Sized,
    E: FnMut(&TraverseStation),
{
    validate(input)?;
    let path = input.flow_path;
    let (top_md, bottom_md) = (path.top_md_ft(), path.bottom_md_ft());
    let m = Marcher {
        input,
        top_md,
        bottom_md,
        top_tvd: input.survey.at_md(top_md)?.tvd_ft,
        bottom_tvd: input.survey.at_md(bottom_md)?.tvd_ft,
    };
    let (down, start_md, end_md, start_p) = match input.known_pressure {
        KnownPressure::Top(p) => (true, top_md, bottom_md, p),
        KnownPressure::Bottom(p) => (false, bottom_md, top_md, p),
    };
    let sign = if down { 1.0 } else { -1.0 };
    let step = input.step;

    let mut md = start_md;
    let mut p = start_p;
    let mut segment = m.segment_of(md, md + sign * step.max_step_ft.min((end_md - md).abs()));
    let mut here = m.evaluate(p, md, segment)?;
    let mut ranges = RangeTracker::new(input.correlation.info());
    ranges.record(&m.conditions(&here));
    emit(&here.station);
    let mut count = 1usize;
    let (mut elevation, mut friction, mut acceleration) = (0.0, 0.0, 0.0);
    // Rate of change of the gradient along MD over the last accepted step (psi/ft per ft),
    // for a second-order predictor. It changes nothing in the converged answer (the corrector
    // has the last word) but saves corrector iterations: most steps then need one fluid
    // evaluation instead of two or three. Forgotten across a section change, where the
    // gradient may jump.
    let mut gradient_slope: Option<f64> = None;

    while (end_md - md) * sign > 1e-9 {
        let brk = m.next_break(md, down);
        let mut h = step.max_step_ft.min((brk - md).abs());
        let next_segment = m.segment_of(md, md + sign * h);
        if next_segment != segment {
            segment = next_segment;
            here = m.change_segment(&here, segment)?;
            gradient_slope = None;
        }
        // Try the step, halving as the step control requires.
        let accepted = loop {
            let md1 = if (brk - md).abs() - h <= 1e-9 {
                brk
            } else {
                md + sign * h
            };
            let dmd = md1 - md;
            let mut p1 = p + (here.dp_dmd + 0.5 * gradient_slope.unwrap_or(0.0) * dmd) * dmd;
            let can_halve = h > 2.0 * MIN_STEP_FT;
            if can_halve
                && ((p1 - p).abs() > step.max_pressure_change_psi || p1 < STANDARD_PRESSURE_PSIA)
            {
                h *= 0.5;
                continue;
            }
            if p1 < STANDARD_PRESSURE_PSIA {
                return Err(below_atmospheric(p1, md1));
            }
            let mut converged = None;
            for _ in 0..MAX_CORRECTOR_ITERATIONS {
                let there = m.evaluate(p1, md1, segment)?;
                let p_new = p + 0.5 * (here.dp_dmd + there.dp_dmd) * dmd;
                if p_new < STANDARD_PRESSURE_PSIA {
                    if can_halve {
                        break;
                    }
                    return Err(below_atmospheric(p_new, md1));
                }
                if (p_new - p1).abs() <= step.tolerance_psi {
                    // The gradients at p1 stand for those at p_new (within the tolerance).
                    let mut point = there;
                    point.station.pressure_psia = p_new;
                    converged = Some(point);
                    break;
                }
                p1 = p_new;
            }
            match converged {
                Some(point) => break point,
                None if can_halve => h *= 0.5,
                // At the shortest step a correlation switching flow pattern can make the
                // corrector alternate between two values a fraction of a psi apart; accept
                // the last one.
                None => break m.evaluate(p1, md1, segment)?,
            }
        };
        let length = (accepted.station.md_ft - md).abs();
        elevation += 0.5
            * (here.station.elevation_gradient_psi_ft + accepted.station.elevation_gradient_psi_ft)
            * length;
        friction += 0.5
            * (here.station.friction_gradient_psi_ft + accepted.station.friction_gradient_psi_ft)
            * length;
        acceleration += 0.5
            * (here.station.acceleration_gradient_psi_ft
                + accepted.station.acceleration_gradient_psi_ft)
            * length;
        count += 1;
        if count > MAX_STATIONS {
            return Err(CoreError::Physical(format!(
                "the traverse needs more than {MAX_STATIONS} stations (reached MD {} ft); increase max_pressure_change_psi or max_step_ft",
                fmt_ft(accepted.station.md_ft)
            )));
        }
        let step_md = accepted.station.md_ft - md;
        gradient_slope = (step_md.abs() > 1e-9)
            .then(|| (accepted.dp_dmd - here.dp_dmd) / step_md)
            .filter(|slope| slope.is_finite());
        md = accepted.station.md_ft;
        p = accepted.station.pressure_psia;
        here = accepted;
        ranges.record(&m.conditions(&here));
        emit(&here.station);
    }

    let (top_pressure_psia, bottom_pressure_psia) = if down { (start_p, p) } else { (p, start_p) };
    let summary = TraverseSummary {
        top_pressure_psia,
        bottom_pressure_psia,
        elevation_loss_psi: elevation,
        friction_loss_psi: friction,
        acceleration_loss_psi: acceleration,
        station_count: count,
        correlation_id: input.correlation.info().id,
    };
    Ok((summary, ranges))
}

fn below_atmospheric(p: f64, md: f64) -> CoreError {
    CoreError::Physical(format!(
        "pressure fell below atmospheric ({p:.1} psia) at MD {} ft",
        fmt_ft(md)
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::hydraulics::fluid::SimpleBlackOil;
    use crate::wellbore::{Conduit, FlowSection, SurveyStation};

    fn tubing(d: f64) -> Conduit {
        Conduit::Tubing {
            inner_diameter_in: d,
            roughness_in: 0.0006,
        }
    }

    fn temps() -> TemperatureProfile {
        TemperatureProfile {
            top_temperature_degf: 90.0,
            bottom_temperature_degf: 210.0,
        }
    }

    fn deviated() -> Survey {
        let st = |md_ft, inclination_deg, azimuth_deg| SurveyStation {
            md_ft,
            inclination_deg,
            azimuth_deg,
        };
        Survey::new(&[
            st(0.0, 0.0, 0.0),
            st(2000.0, 0.0, 0.0),
            st(4000.0, 30.0, 45.0),
            st(7000.0, 45.0, 60.0),
            st(9000.0, 50.0, 60.0),
        ])
        .unwrap()
    }

    fn tapered() -> FlowPath {
        FlowPath::new(
            0.0,
            vec![
                FlowSection {
                    bottom_md_ft: 3500.0,
                    conduit: tubing(2.992),
                },
                FlowSection {
                    bottom_md_ft: 9000.0,
                    conduit: tubing(2.441),
                },
            ],
        )
        .unwrap()
    }

    /// A fluid that counts its evaluations.
    struct Counting {
        fluid: SimpleBlackOil,
        calls: std::cell::Cell<usize>,
    }

    impl FluidModel for Counting {
        fn state(&self, pressure_psia: f64, temperature_degf: f64) -> CoreResult<FluidState> {
            self.calls.set(self.calls.get() + 1);
            self.fluid.state(pressure_psia, temperature_degf)
        }
    }

    /// A section boundary changes the conduit, not the fluid: the traverse does not evaluate
    /// the fluid again there. Two identical sections cost the fluid evaluations of one (and
    /// at most one corrector evaluation more), for the same answer.
    #[test]
    fn a_section_boundary_does_not_evaluate_the_fluid_again() {
        let survey = Survey::vertical(8000.0).unwrap();
        let single = FlowPath::single(0.0, 8000.0, tubing(2.441)).unwrap();
        let split = FlowPath::new(
            0.0,
            vec![
                FlowSection {
                    bottom_md_ft: 4000.0,
                    conduit: tubing(2.441),
                },
                FlowSection {
                    bottom_md_ft: 8000.0,
                    conduit: tubing(2.441),
                },
            ],
        )
        .unwrap();
        let rates = SurfaceRates::from_liquid(1500.0, 0.3, 600.0).unwrap();
        let run = |path: &FlowPath| {
            let fluid = Counting {
                fluid: SimpleBlackOil::default(),
                calls: std::cell::Cell::new(0),
            };
            let input = TraverseInput::new(
                &survey,
                path,
                &fluid,
                rates,
                GradientCorrelation::BeggsBrillPayne1979,
                temps(),
                KnownPressure::Top(200.0),
            );
            let p = traverse_end_pressure(&input).unwrap();
            (p, fluid.calls.get())
        };
        let (p_single, n_single) = run(&single);
        let (p_split, n_split) = run(&split);
        // At the boundary the predictor forgets the gradient slope, which may cost one
        // corrector evaluation; evaluating the fluid again there would cost one more.
        assert!(n_split <= n_single + 1, "{n_single} {n_split}");
        // Same answer within the corrector tolerance (0.01 psi per step).
        assert!((p_single - p_split).abs() < 1e-2, "{p_single} {p_split}");
        // About one evaluation per station (81 stations at 100 ft).
        assert!(n_single < 81 * 3 / 2, "{n_single}");
    }

    /// Water only, vertical: constant density and velocity, so the exact answer is linear:
    /// `p_bottom = p_top + L (ρ_w/144 + f ρ v²/(2 g_c d)/144)`.
    #[test]
    fn water_column_is_exact() {
        let survey = Survey::vertical(5000.0).unwrap();
        let path = FlowPath::single(0.0, 5000.0, tubing(2.441)).unwrap();
        let fluid = SimpleBlackOil::default();
        let rates = SurfaceRates {
            oil_rate_stb_d: 0.0,
            water_rate_stb_d: 1500.0,
            gor_scf_stb: 0.0,
        };
        for correlation in GradientCorrelation::ALL {
            let input = TraverseInput::new(
                &survey,
                &path,
                &fluid,
                rates,
                correlation,
                temps(),
                KnownPressure::Top(100.0),
            );
            let r = traverse(&input).unwrap();
            let s = fluid.state(100.0, 100.0).unwrap();
            let rho = s.water_density_lb_ft3;
            let area = tubing(2.441).flow_area_ft2();
            let v = 1500.0 * FT3_PER_BBL_TEST / 86_400.0 / area;
            let d = 2.441 / 12.0;
            let re = rho * v * d / (0.6 * crate::hydraulics::CP_TO_LBM_FT_S);
            let f = crate::hydraulics::friction::colebrook_clamond(re, 0.0006 / 2.441);
            let grad = rho / 144.0 + f * rho * v * v / (2.0 * 32.174 * d) / 144.0;
            let expected = 100.0 + 5000.0 * grad;
            assert!(
                (r.summary.bottom_pressure_psia - expected).abs() < 1e-6,
                "{correlation:?}: {} vs {expected}",
                r.summary.bottom_pressure_psia
            );
            assert_eq!(r.stations.len(), 51);
        }
    }

    const FT3_PER_BBL_TEST: f64 = 5.614_583_333_333_333;

    fn oil_input<'a>(
        survey: &'a Survey,
        path: &'a FlowPath,
        fluid: &'a SimpleBlackOil,
        correlation: GradientCorrelation,
        known: KnownPressure,
    ) -> TraverseInput<'a, SimpleBlackOil> {
        let rates = SurfaceRates::from_liquid(1500.0, 0.3, 600.0).unwrap();
        let mut input = TraverseInput::new(survey, path, fluid, rates, correlation, temps(), known);
        input.gas_lift = Some(GasLift {
            injection_md_ft: 5000.0,
            gas_rate_mscf_d: 400.0,
        });
        input
    }

    #[test]
    fn top_down_and_bottom_up_agree() {
        let (survey, path, fluid) = (deviated(), tapered(), SimpleBlackOil::default());
        for correlation in crate::hydraulics::two_phase_correlations() {
            let down = oil_input(
                &survey,
                &path,
                &fluid,
                correlation,
                KnownPressure::Top(150.0),
            );
            let bhp = traverse_end_pressure(&down).unwrap();
            let up = oil_input(
                &survey,
                &path,
                &fluid,
                correlation,
                KnownPressure::Bottom(bhp),
            );
            let whp = traverse_end_pressure(&up).unwrap();
            assert!(
                (whp - 150.0).abs() < 0.5,
                "{correlation:?}: {whp} (BHP {bhp})"
            );
        }
    }

    /// The trapezoidal march is second order: halving the step cuts the error about four
    /// times. Checked with the smooth homogeneous model (no flow-pattern switches).
    #[test]
    fn answer_converges_as_steps_shrink() {
        let (survey, path, fluid) = (deviated(), tapered(), SimpleBlackOil::default());
        let end = |max_step_ft: f64, correlation| {
            let mut input = oil_input(
                &survey,
                &path,
                &fluid,
                correlation,
                KnownPressure::Top(150.0),
            );
            input.step = StepControl {
                max_step_ft,
                max_pressure_change_psi: 1e6,
                tolerance_psi: 1e-9,
            };
            traverse_end_pressure(&input).unwrap()
        };
        let h = GradientCorrelation::Homogeneous;
        let (p400, p200, p100, p50) = (end(400.0, h), end(200.0, h), end(100.0, h), end(50.0, h));
        let (e1, e2, e3) = ((p400 - p200).abs(), (p200 - p100).abs(), (p100 - p50).abs());
        assert!(e2 < 0.4 * e1 && e3 < 0.4 * e2, "{e1} {e2} {e3}");
        assert!(e3 < 0.05, "{e3}");
        for c in [
            GradientCorrelation::BeggsBrill1973,
            GradientCorrelation::HagedornBrownModified,
            GradientCorrelation::HasanKabir1988,
        ] {
            let (a, b) = (end(50.0, c), end(25.0, c));
            assert!((a - b).abs() < 0.5, "{c:?}: {a} vs {b}");
        }
    }

    /// The two mechanistic models on one case: 8,000 ft vertical well, 2.992-in tubing,
    /// 1,500 STB/d at 30 % water cut and GOR 600 scf/STB, 150 psia at the wellhead, the
    /// default black oil. Both predict bubble flow low in the well and slug flow above.
    /// Hasan-Kabir's drift-flux slug holdup carries the weight of the liquid film around the
    /// Taylor bubbles, which Ansari et al.'s slug unit neglects, so its bottom-hole pressure
    /// is expected higher: band +0 to +15 % of Ansari's (2,306 vs 2,067 psia when written),
    /// and above the no-slip lower bound.
    #[test]
    fn hasan_kabir_against_ansari() {
        let survey = Survey::vertical(8000.0).unwrap();
        let path = FlowPath::single(0.0, 8000.0, tubing(2.992)).unwrap();
        let fluid = SimpleBlackOil::default();
        let run = |correlation| {
            let input = TraverseInput::new(
                &survey,
                &path,
                &fluid,
                SurfaceRates::from_liquid(1500.0, 0.3, 600.0).unwrap(),
                correlation,
                temps(),
                KnownPressure::Top(150.0),
            );
            traverse(&input).unwrap()
        };
        let hk = run(GradientCorrelation::HasanKabir1988);
        let ansari = run(GradientCorrelation::Ansari1994);
        let no_slip = run(GradientCorrelation::Homogeneous);
        let (p_hk, p_ansari) = (
            hk.summary.bottom_pressure_psia,
            ansari.summary.bottom_pressure_psia,
        );
        let ratio = p_hk / p_ansari;
        assert!(ratio > 1.0 && ratio < 1.15, "{p_hk} vs {p_ansari}");
        assert!(p_hk > no_slip.summary.bottom_pressure_psia);
        for r in [&hk, &ansari] {
            let patterns: Vec<_> = r.stations.iter().map(|s| s.flow_pattern).collect();
            assert!(patterns.contains(&FlowPattern::Slug));
            assert_eq!(patterns.last(), Some(&FlowPattern::Bubble));
        }
    }

    #[test]
    fn totals_add_up_and_stations_are_ordered() {
        let (survey, path, fluid) = (deviated(), tapered(), SimpleBlackOil::default());
        for known in [KnownPressure::Top(150.0), KnownPressure::Bottom(3000.0)] {
            let input = oil_input(
                &survey,
                &path,
                &fluid,
                GradientCorrelation::BeggsBrillPayne1979,
                known,
            );
            let r = traverse(&input).unwrap();
            let s = r.summary;
            let sum = s.elevation_loss_psi + s.friction_loss_psi + s.acceleration_loss_psi;
            assert!(
                (sum - (s.bottom_pressure_psia - s.top_pressure_psia)).abs()
                    < 1e-3 * s.station_count as f64,
                "{sum} vs {}",
                s.bottom_pressure_psia - s.top_pressure_psia
            );
            assert_eq!(r.stations.len(), s.station_count);
            assert!(r.stations.windows(2).all(|w| w[1].md_ft > w[0].md_ft));
            assert_eq!(r.stations[0].md_ft, 0.0);
            assert_eq!(r.stations[r.stations.len() - 1].md_ft, 9000.0);
            // The section boundary and the injection point are stations.
            assert!(r.stations.iter().any(|st| st.md_ft == 3500.0));
            assert!(r.stations.iter().any(|st| st.md_ft == 5000.0));
            // Lift gas flows only above the injection point.
            let above = r.stations.iter().find(|st| st.md_ft == 4900.0).unwrap();
            let below = r.stations.iter().find(|st| st.md_ft == 5100.0).unwrap();
            assert!(above.superficial_gas_velocity_ft_s > below.superficial_gas_velocity_ft_s);
            // Temperature is linear in TVD between the ends.
            let last = r.stations[r.stations.len() - 1];
            assert!((last.temperature_degf - 210.0).abs() < 1e-9);
        }
    }

    #[test]
    fn gas_lift_lowers_bottomhole_pressure_of_a_dead_well() {
        let survey = Survey::vertical(8000.0).unwrap();
        let path = FlowPath::single(0.0, 8000.0, tubing(2.441)).unwrap();
        let fluid = SimpleBlackOil::default();
        let rates = SurfaceRates::from_liquid(800.0, 0.8, 100.0).unwrap();
        let mut input = TraverseInput::new(
            &survey,
            &path,
            &fluid,
            rates,
            GradientCorrelation::HagedornBrownModified,
            temps(),
            KnownPressure::Top(120.0),
        );
        let without = traverse_end_pressure(&input).unwrap();
        input.gas_lift = Some(GasLift {
            injection_md_ft: 6000.0,
            gas_rate_mscf_d: 500.0,
        });
        let with = traverse_end_pressure(&input).unwrap();
        assert!(with < without - 300.0, "{with} vs {without}");
    }

    #[test]
    fn horizontal_pipe_has_no_elevation_gradient() {
        let st = |md_ft| SurveyStation {
            md_ft,
            inclination_deg: 90.0,
            azimuth_deg: 30.0,
        };
        let survey = Survey::new(&[st(0.0), st(3000.0)]).unwrap();
        let path = FlowPath::single(0.0, 3000.0, tubing(3.958)).unwrap();
        let fluid = SimpleBlackOil::default();
        for correlation in crate::hydraulics::two_phase_correlations() {
            let input = TraverseInput::new(
                &survey,
                &path,
                &fluid,
                SurfaceRates::from_liquid(2000.0, 0.2, 500.0).unwrap(),
                correlation,
                temps(),
                KnownPressure::Bottom(400.0),
            );
            let r = traverse(&input).unwrap();
            assert!(r.summary.elevation_loss_psi.abs() < 1e-9);
            assert!(
                r.stations
                    .iter()
                    .all(|s| s.elevation_gradient_psi_ft.abs() < 1e-12)
            );
            assert!(r.summary.friction_loss_psi > 0.0);
            // Temperature follows MD when TVD does not change.
            assert!(
                (r.stations[15].temperature_degf - (90.0 + 120.0 * 1500.0 / 3000.0)).abs() < 1e-9
            );
        }
    }

    #[test]
    fn injection_well_gains_pressure_downward() {
        let survey = Survey::vertical(6000.0).unwrap();
        let path = FlowPath::single(0.0, 6000.0, tubing(2.441)).unwrap();
        let fluid = SimpleBlackOil::default();
        let mut input = TraverseInput::new(
            &survey,
            &path,
            &fluid,
            SurfaceRates {
                oil_rate_stb_d: 0.0,
                water_rate_stb_d: 3000.0,
                gor_scf_stb: 0.0,
            },
            GradientCorrelation::SinglePhase,
            temps(),
            KnownPressure::Top(1000.0),
        );
        input.direction = FlowDirection::Injection;
        let r = traverse(&input).unwrap();
        let hydrostatic = 6000.0 * 62.366 * 1.05 / 144.0;
        // Friction opposes the downward flow: less than the full hydrostatic gain.
        let gain = r.summary.bottom_pressure_psia - 1000.0;
        assert!(gain < hydrostatic && gain > hydrostatic - 200.0, "{gain}");
        assert!(r.summary.friction_loss_psi > 0.0);
        assert!(r.summary.elevation_loss_psi < 0.0);
    }

    #[test]
    fn failures_say_what_and_where() {
        let survey = Survey::vertical(10_000.0).unwrap();
        let path = FlowPath::single(0.0, 10_000.0, tubing(2.441)).unwrap();
        let fluid = SimpleBlackOil::default();
        let rates = SurfaceRates::from_liquid(500.0, 1.0, 0.0).unwrap();
        let mut input = TraverseInput::new(
            &survey,
            &path,
            &fluid,
            rates,
            GradientCorrelation::BeggsBrill1973,
            temps(),
            KnownPressure::Bottom(2000.0),
        );
        let err = traverse_end_pressure(&input).unwrap_err().to_string();
        assert!(err.contains("pressure fell below atmospheric"), "{err}");
        assert!(err.contains("at MD 5,"), "{err}");

        input.known_pressure = KnownPressure::Top(100.0);
        input.step.max_step_ft = 1.0;
        let err = traverse_end_pressure(&input).unwrap_err().to_string();
        assert!(
            err.contains("10001 stations") && err.contains("5000"),
            "{err}"
        );

        input.step = StepControl::default();
        let short = Survey::vertical(5000.0).unwrap();
        input.survey = &short;
        let err = traverse_end_pressure(&input).unwrap_err().to_string();
        assert!(err.starts_with("flow_path"), "{err}");

        input.survey = &survey;
        input.rates = SurfaceRates {
            oil_rate_stb_d: 0.0,
            water_rate_stb_d: 0.0,
            gor_scf_stb: 0.0,
        };
        assert!(
            traverse_end_pressure(&input)
                .unwrap_err()
                .to_string()
                .contains("no flow")
        );

        input.rates = rates;
        input.known_pressure = KnownPressure::Top(f64::NAN);
        assert!(traverse_end_pressure(&input).is_err());
    }

    /// A well that builds to 60° inclination: vertical to 1,000 ft, 60° from 2,000 ft
    /// (minimum curvature between), 6,000 ft MD.
    fn sixty_degree_well() -> Survey {
        let st = |md_ft, inclination_deg| SurveyStation {
            md_ft,
            inclination_deg,
            azimuth_deg: 0.0,
        };
        Survey::new(&[
            st(0.0, 0.0),
            st(1000.0, 0.0),
            st(2000.0, 60.0),
            st(6000.0, 60.0),
        ])
        .unwrap()
    }

    fn angle_warning(r: &TraverseResult) -> Option<&PathRangeWarning> {
        r.warnings.iter().find(|w| w.range.param == "angle_deg")
    }

    /// Ansari et al. (1994) declare vertical upward flow only (`ANSARI_1994.ranges`): in a
    /// 60° well the traverse runs (numbers unchanged) and says once where the path left the
    /// range and by how much.
    #[test]
    fn ansari_in_a_deviated_well_warns_with_the_angle() {
        let survey = sixty_degree_well();
        let path = FlowPath::single(0.0, 6000.0, tubing(2.992)).unwrap();
        let fluid = SimpleBlackOil::default();
        let input = TraverseInput::new(
            &survey,
            &path,
            &fluid,
            SurfaceRates::from_liquid(1500.0, 0.3, 600.0).unwrap(),
            GradientCorrelation::Ansari1994,
            temps(),
            KnownPressure::Top(150.0),
        );
        let r = traverse(&input).unwrap();
        let w = angle_warning(&r).unwrap();
        assert_eq!(w.range.method, "ansari_1994");
        // Flow angle above horizontal 90° − 60° = 30°, held from 2,000 ft to the bottom.
        assert!((w.range.value - 30.0).abs() < 1e-9, "{w:?}");
        assert!(w.worst_md_ft >= 2000.0 && w.worst_md_ft <= 6000.0, "{w:?}");
        // The first station below 1,000 ft is already inclined; the kickoff itself is not.
        assert!(w.top_md_ft > 1000.0 && w.top_md_ft <= 1100.0, "{w:?}");
        assert_eq!(w.bottom_md_ft, 6000.0);
        let outside = r
            .stations
            .iter()
            .filter(|s| s.inclination_deg > 0.0)
            .count();
        assert_eq!(w.station_count, outside);
        assert!(w.to_string().contains("inclination 60 deg"), "{w}");
        assert_eq!(
            r.warnings
                .iter()
                .filter(|w| w.range.param == "angle_deg")
                .count(),
            1
        );
        // Warnings change no number: the allocation-free entry point gives the same pressure.
        let p = traverse_end_pressure(&input).unwrap();
        assert_eq!(p, r.summary.bottom_pressure_psia);
        // And bottom-up the same warning (same span, same worst angle).
        let mut up = input;
        up.known_pressure = KnownPressure::Bottom(r.summary.bottom_pressure_psia);
        let r_up = traverse(&up).unwrap();
        let w_up = angle_warning(&r_up).unwrap();
        assert!((w_up.range.value - 30.0).abs() < 1e-9);
        assert_eq!(w_up.bottom_md_ft, 6000.0);
    }

    /// The same case in a vertical well: no angle warning (Ansari declares 90° only).
    #[test]
    fn ansari_in_a_vertical_well_does_not_warn_about_the_angle() {
        let survey = Survey::vertical(6000.0).unwrap();
        let path = FlowPath::single(0.0, 6000.0, tubing(2.992)).unwrap();
        let fluid = SimpleBlackOil::default();
        let input = TraverseInput::new(
            &survey,
            &path,
            &fluid,
            SurfaceRates::from_liquid(1500.0, 0.3, 600.0).unwrap(),
            GradientCorrelation::Ansari1994,
            temps(),
            KnownPressure::Top(150.0),
        );
        let r = traverse(&input).unwrap();
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    }

    /// Gray (1974) was developed for gas and condensate wells and declares condensate-gas
    /// ratios to 50 STB/MMscf and water-gas ratios to 5 STB/MMscf (`gray::RANGES`). An oil
    /// well of 800 STB/d oil and 200 STB/d water at a GOR of 400 scf/STB makes 0.32 MMscf/d:
    /// 2,500 STB/MMscf of oil and 625 of water, far outside, over the whole path. Above a
    /// gas-lift valve the lift gas lowers both ratios, so the worst value is below it.
    #[test]
    fn gray_on_an_oil_well_warns_about_the_liquid_ratios() {
        let survey = Survey::vertical(8000.0).unwrap();
        let path = FlowPath::single(0.0, 8000.0, tubing(2.441)).unwrap();
        let fluid = SimpleBlackOil::default();
        let rates = SurfaceRates::from_liquid(1000.0, 0.2, 400.0).unwrap();
        let mut input = TraverseInput::new(
            &survey,
            &path,
            &fluid,
            rates,
            GradientCorrelation::Gray1974,
            temps(),
            KnownPressure::Top(150.0),
        );
        input.gas_lift = Some(GasLift {
            injection_md_ft: 5000.0,
            gas_rate_mscf_d: 480.0,
        });
        let r = traverse(&input).unwrap();
        let find = |param: &str| {
            r.warnings
                .iter()
                .find(|w| w.range.param == param)
                .unwrap_or_else(|| panic!("no {param} warning in {:?}", r.warnings))
        };
        let cgr = find("condensate_gas_ratio_stb_mmscf");
        assert_eq!(cgr.range.method, "gray_1974");
        assert!((cgr.range.value - 2500.0).abs() < 1e-9, "{cgr:?}");
        assert!(cgr.worst_md_ft > 5000.0, "{cgr:?}");
        assert_eq!((cgr.top_md_ft, cgr.bottom_md_ft), (0.0, 8000.0));
        assert_eq!(cgr.station_count, r.stations.len());
        let wgr = find("water_gas_ratio_stb_mmscf");
        assert!((wgr.range.value - 625.0).abs() < 1e-9, "{wgr:?}");
        // Vertical: no angle warning; one entry per input.
        assert!(angle_warning(&r).is_none());
        let mut params: Vec<_> = r.warnings.iter().map(|w| w.range.param).collect();
        params.sort_unstable();
        params.dedup();
        assert_eq!(params.len(), r.warnings.len());
    }

    /// A dry-gas-like case inside Gray's ratios raises no ratio warning.
    #[test]
    fn gray_on_a_gas_well_inside_its_ratios_does_not_warn_about_them() {
        let survey = Survey::vertical(8000.0).unwrap();
        let path = FlowPath::single(0.0, 8000.0, tubing(2.441)).unwrap();
        let fluid = SimpleBlackOil::default();
        // 20 STB/d oil and 2 STB/d water with 2 MMscf/d of gas: 10 and 1 STB/MMscf.
        let rates = SurfaceRates {
            oil_rate_stb_d: 20.0,
            water_rate_stb_d: 2.0,
            gor_scf_stb: 100_000.0,
        };
        let input = TraverseInput::new(
            &survey,
            &path,
            &fluid,
            rates,
            GradientCorrelation::Gray1974,
            temps(),
            KnownPressure::Top(1000.0),
        );
        let r = traverse(&input).unwrap();
        assert!(
            !r.warnings
                .iter()
                .any(|w| w.range.param.ends_with("_ratio_stb_mmscf")),
            "{:?}",
            r.warnings
        );
    }

    #[test]
    fn depth_formatting() {
        assert_eq!(fmt_ft(4210.4), "4,210");
        assert_eq!(fmt_ft(999.0), "999");
        assert_eq!(fmt_ft(12_345_678.0), "12,345,678");
        assert_eq!(fmt_ft(0.0), "0");
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(24))]

            /// In a vertical producer carrying mostly liquid, pressure rises with depth at
            /// every station, with every two-phase correlation.
            #[test]
            fn pressure_rises_downhole(
                liquid in 100.0..4000.0f64,
                water_cut in 0.0..1.0f64,
                gor in 0.0..800.0f64,
                whp in 50.0..1000.0f64,
            ) {
                for correlation in crate::hydraulics::two_phase_correlations() {
                let survey = Survey::vertical(8000.0).unwrap();
                let path = FlowPath::single(0.0, 8000.0, tubing(2.992)).unwrap();
                let fluid = SimpleBlackOil::default();
                let input = TraverseInput::new(
                    &survey, &path, &fluid,
                    SurfaceRates::from_liquid(liquid, water_cut, gor).unwrap(),
                    correlation, temps(), KnownPressure::Top(whp),
                );
                let r = traverse(&input).unwrap();
                prop_assert!(r.stations.windows(2).all(|w| w[1].pressure_psia > w[0].pressure_psia), "{correlation:?}");
                let floor = crate::hydraulics::uphill_holdup_at_least_no_slip(correlation);
                for s in &r.stations {
                    prop_assert!(s.liquid_holdup >= 0.0 && s.liquid_holdup <= 1.0);
                    prop_assert!(!floor || s.liquid_holdup >= s.no_slip_holdup - 1e-12, "{correlation:?}");
                }
                }
            }
        }
    }
}
