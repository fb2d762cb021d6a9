//! The operating point at the bottom-hole node: where the inflow pressure equals the
//! bottom-hole pressure the outflow needs.

use crate::error::{CoreError, CoreResult};
use crate::hydraulics::{FluidModel, VlpCase};
use crate::inflow::{Inflow, RateBasis};
use crate::numeric::{brent, golden_section_min};
use crate::units::STANDARD_PRESSURE_PSIA;

/// Lowest rate of the outflow grid as a fraction of the highest.
const LOWEST_RATE_FRACTION: f64 = 0.005;
/// Half-width of the central differences for the curve slopes, as a fraction of the highest
/// grid rate.
const SLOPE_STEP_FRACTION: f64 = 0.005;
/// Rate tolerance of an intersection that sits on a step of the outflow curve, as a fraction
/// of the highest rate searched: the intersection counts as converged when the residual
/// changes sign within this distance on either side of it.
const RATE_TOLERANCE_FRACTION: f64 = 1e-6;
/// Highest wellhead pressure accepted, psia.
const MAX_WELLHEAD_PRESSURE_PSIA: f64 = 20_000.0;

/// Solver settings of an operating-point search.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct NodalOptions {
    /// Rates at which both curves are evaluated to bracket the intersections (5 to 200;
    /// default 20). The grid runs from 0.5 % of the highest rate to the highest rate.
    pub rate_points: usize,
    /// Highest rate searched, in the inflow's rate unit; `None` (default) searches up to the
    /// inflow's absolute open flow.
    pub max_rate: Option<f64>,
    /// An intersection is converged when `|outflow − inflow| ≤` this, psi (default 0.01), or
    /// when it sits on a step of the outflow curve and is located in rate within 1e-6 of
    /// the highest rate searched (see [`OperatingPoint::converged`]).
    pub pressure_tolerance_psi: f64,
    /// Most Brent iterations per intersection (default 60).
    pub max_iterations: u32,
}

impl Default for NodalOptions {
    fn default() -> Self {
        Self {
            rate_points: 20,
            max_rate: None,
            pressure_tolerance_psi: 0.01,
            max_iterations: 60,
        }
    }
}

impl NodalOptions {
    /// Checks the fields.
    pub fn validate(&self) -> CoreResult<()> {
        if !(5..=200).contains(&self.rate_points) {
            return Err(CoreError::invalid(
                "rate_points",
                format!("must be 5 to 200 (got {})", self.rate_points),
            ));
        }
        if let Some(q) = self.max_rate {
            crate::error::require_positive("max_rate", q)?;
        }
        crate::error::require_in_range(
            "pressure_tolerance_psi",
            self.pressure_tolerance_psi,
            1e-6,
            10.0,
        )?;
        if !(1..=500).contains(&self.max_iterations) {
            return Err(CoreError::invalid(
                "max_iterations",
                format!("must be 1 to 500 (got {})", self.max_iterations),
            ));
        }
        Ok(())
    }
}

/// Surface rates of the stream at an operating point.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PhaseRates {
    /// Liquid (oil + water), STB/d.
    pub liquid_rate_stb_d: f64,
    /// Oil, STB/d.
    pub oil_rate_stb_d: f64,
    /// Water, STB/d.
    pub water_rate_stb_d: f64,
    /// Formation gas (oil rate × GOR), Mscf/d.
    pub formation_gas_rate_mscf_d: f64,
    /// Injected lift gas, Mscf/d.
    pub lift_gas_rate_mscf_d: f64,
}

/// The outflow side of the bottom-hole node: the flowing bottom-hole pressure the well needs
/// to deliver a rate against its fixed downstream (wellhead) pressure.
pub trait Outflow {
    /// Bottom-hole pressure, psia, needed to produce `rate` (in the inflow's rate unit).
    fn bottomhole_pressure_psia(&self, rate: f64) -> CoreResult<f64>;

    /// The fixed downstream pressure, psia.
    fn wellhead_pressure_psia(&self) -> f64;

    /// Surface rates of the stream at `rate`, when the outflow knows them.
    fn phase_rates(&self, _rate: f64) -> Option<PhaseRates> {
        None
    }
}

/// The outflow of a well from its [`VlpCase`]: one top-down traverse from the wellhead
/// pressure per rate.
///
/// The inflow rate is converted to the liquid rate of the traverse: a liquid rate as it is;
/// a gas rate (Mscf/d) through the case's GOR and water cut,
/// `q_L = 1000 q_g / GOR / (1 − f_w)`.
#[derive(Debug)]
pub struct WellOutflow<'c, 'a, F: ?Sized> {
    case: &'c VlpCase<'a, F>,
    wellhead_pressure_psia: f64,
    basis: RateBasis,
}

impl<'c, 'a, F: FluidModel + ?Sized> WellOutflow<'c, 'a, F> {
    /// The outflow of `case` at `wellhead_pressure_psia` (psia, atmospheric to 20,000) for
    /// rates in `basis`. A gas basis needs GOR > 0 and a water cut below one.
    pub fn new(
        case: &'c VlpCase<'a, F>,
        wellhead_pressure_psia: f64,
        basis: RateBasis,
    ) -> CoreResult<Self> {
        crate::error::require_in_range(
            "wellhead_pressure_psia",
            wellhead_pressure_psia,
            STANDARD_PRESSURE_PSIA,
            MAX_WELLHEAD_PRESSURE_PSIA,
        )?;
        crate::error::require_in_range("water_cut_fraction", case.water_cut_fraction, 0.0, 1.0)?;
        if !(case.gor_scf_stb.is_finite() && case.gor_scf_stb >= 0.0) {
            return Err(CoreError::invalid(
                "gor_scf_stb",
                format!("must be zero or above (got {})", case.gor_scf_stb),
            ));
        }
        if basis == RateBasis::Gas && !(case.gor_scf_stb > 0.0 && case.water_cut_fraction < 1.0) {
            return Err(CoreError::invalid(
                "gor_scf_stb",
                "a gas-rate inflow needs a GOR above zero and a water cut below one to convert gas to liquid rates",
            ));
        }
        Ok(Self {
            case,
            wellhead_pressure_psia,
            basis,
        })
    }

    /// Liquid rate (STB/d) of the traverse at an inflow rate.
    pub fn liquid_rate_stb_d(&self, rate: f64) -> f64 {
        match self.basis {
            RateBasis::Liquid => rate,
            RateBasis::Gas => {
                1000.0 * rate / self.case.gor_scf_stb / (1.0 - self.case.water_cut_fraction)
            }
        }
    }
}

impl<F: FluidModel + ?Sized> Outflow for WellOutflow<'_, '_, F> {
    fn bottomhole_pressure_psia(&self, rate: f64) -> CoreResult<f64> {
        self.case
            .bottomhole_pressure(self.liquid_rate_stb_d(rate), self.wellhead_pressure_psia)
    }

    fn wellhead_pressure_psia(&self) -> f64 {
        self.wellhead_pressure_psia
    }

    fn phase_rates(&self, rate: f64) -> Option<PhaseRates> {
        let liquid = self.liquid_rate_stb_d(rate);
        let oil = liquid * (1.0 - self.case.water_cut_fraction);
        Some(PhaseRates {
            liquid_rate_stb_d: liquid,
            oil_rate_stb_d: oil,
            water_rate_stb_d: liquid * self.case.water_cut_fraction,
            formation_gas_rate_mscf_d: oil * self.case.gor_scf_stb / 1000.0,
            lift_gas_rate_mscf_d: self.case.gas_lift.map_or(0.0, |g| g.gas_rate_mscf_d),
        })
    }
}

/// One intersection of the inflow and outflow curves.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct OperatingPoint {
    /// Rate, in the inflow's rate unit ([`NodalSolution::rate_basis`]).
    pub rate: f64,
    /// Flowing bottom-hole pressure from the inflow at `rate`, psia.
    pub bottomhole_pressure_psia: f64,
    /// Bottom-hole pressure the outflow needs at `rate`, psia.
    pub outflow_pressure_psia: f64,
    /// Wellhead pressure, psia.
    pub wellhead_pressure_psia: f64,
    /// Outflow minus inflow pressure at `rate`, psi.
    pub residual_psi: f64,
    /// Brent iterations (curve evaluations after the two bracket ends).
    pub iterations: u32,
    /// The intersection is found: `|residual_psi|` within the pressure tolerance, or, where
    /// the outflow curve steps over the inflow curve (a flow-pattern switch of the
    /// correlation at one traverse station makes the outflow pressure jump by a fraction of
    /// a psi), the residual changes sign within 1e-6 of the highest rate on either side of
    /// `rate` and `|residual_psi|` is no larger than the step
    /// ([`Self::outflow_step_psi`]). No smaller pressure residual exists there. `false`
    /// when the search stopped (iteration limit) with neither.
    pub converged: bool,
    /// Where the intersection sits on a step of the outflow curve: the height of the step,
    /// psi (the change of `outflow − inflow` across ±1e-6 of the highest rate around
    /// `rate`). `None` when the residual is within the pressure tolerance.
    pub outflow_step_psi: Option<f64>,
    /// The outflow curve rises faster than the inflow curve here (`outflow_slope >
    /// inflow_slope`): a small rate disturbance is pushed back.
    pub stable: bool,
    /// `dp/dq` of the inflow curve, psi per rate unit (negative).
    pub inflow_slope: f64,
    /// `dp/dq` of the outflow curve, psi per rate unit.
    pub outflow_slope: f64,
    /// Surface rates, when the outflow knows the stream (always for a [`VlpCase`]).
    pub phase_rates: Option<PhaseRates>,
}

/// What the inflow and outflow curves do.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "outcome", rename_all = "snake_case"))]
pub enum NodalOutcome {
    /// One intersection, stable: the well flows there.
    Stable {
        /// The operating point.
        point: OperatingPoint,
    },
    /// Two intersections: a J-shaped outflow curve crosses the inflow curve on its falling
    /// (gravity-dominated, unstable) branch and again on its rising branch, where the well
    /// flows. A well started below the unstable rate loads up and dies.
    TwoIntersections {
        /// The intersection where the outflow curve rises faster than the inflow curve.
        stable: OperatingPoint,
        /// The intersection where the outflow curve falls faster than the inflow curve.
        unstable: OperatingPoint,
    },
    /// One intersection, unstable: the rising branch of the outflow curve was not reached
    /// within the rates where the outflow could be computed.
    UnstableOnly {
        /// The intersection.
        point: OperatingPoint,
    },
    /// Three or more intersections, in increasing rate.
    Multiple {
        /// The intersections, each flagged stable or not.
        points: Vec<OperatingPoint>,
    },
    /// No intersection: the outflow needs more pressure than the reservoir delivers at every
    /// rate, so the well cannot flow against this wellhead pressure.
    NoFlow {
        /// Smallest excess of the outflow pressure over the inflow pressure, psi (> 0).
        min_gap_psi: f64,
        /// Rate at which the excess is smallest, in the inflow's rate unit.
        rate_at_min_gap: f64,
        /// Inflow pressure there, psia.
        inflow_pressure_psia: f64,
        /// Outflow pressure there, psia.
        outflow_pressure_psia: f64,
    },
}

impl NodalOutcome {
    /// Stable snake_case name: `stable`, `two_intersections`, `unstable_only`, `multiple`,
    /// `no_flow`.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Stable { .. } => "stable",
            Self::TwoIntersections { .. } => "two_intersections",
            Self::UnstableOnly { .. } => "unstable_only",
            Self::Multiple { .. } => "multiple",
            Self::NoFlow { .. } => "no_flow",
        }
    }
}

/// Both curves at one rate of the grid.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct NodalCurvePoint {
    /// Rate, in the inflow's rate unit.
    pub rate: f64,
    /// Inflow (IPR) pressure, psia.
    pub inflow_pressure_psia: f64,
    /// Outflow (VLP) pressure, psia; `None` where the outflow failed (see
    /// [`NodalSolution::outflow_failures`]).
    pub outflow_pressure_psia: Option<f64>,
}

/// A rate of the grid at which the outflow could not be computed.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct OutflowFailure {
    /// Rate, in the inflow's rate unit.
    pub rate: f64,
    /// Why (e.g. critical flow near the wellhead).
    pub message: String,
}

/// An operating-point analysis: the outcome and the curves behind it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct NodalSolution {
    /// What the curves do, with the intersections.
    pub outcome: NodalOutcome,
    /// Unit of every rate here.
    pub rate_basis: RateBasis,
    /// Inflow method id.
    pub inflow_method: &'static str,
    /// Average reservoir pressure, psia.
    pub reservoir_pressure_psia: f64,
    /// Wellhead pressure, psia.
    pub wellhead_pressure_psia: f64,
    /// Absolute open flow of the inflow, in its rate unit.
    pub absolute_open_flow: f64,
    /// Both curves on the rate grid, increasing rate.
    pub curve: Vec<NodalCurvePoint>,
    /// Grid rates where the outflow failed.
    pub outflow_failures: Vec<OutflowFailure>,
}

impl NodalSolution {
    /// The stable operating point (the one of [`NodalOutcome::Stable`] or
    /// [`NodalOutcome::TwoIntersections`], or the highest-rate stable one of
    /// [`NodalOutcome::Multiple`]), if the well flows.
    pub fn operating_point(&self) -> Option<&OperatingPoint> {
        match &self.outcome {
            NodalOutcome::Stable { point } => Some(point),
            NodalOutcome::TwoIntersections { stable, .. } => Some(stable),
            NodalOutcome::Multiple { points } => points.iter().rev().find(|p| p.stable),
            NodalOutcome::UnstableOnly { .. } | NodalOutcome::NoFlow { .. } => None,
        }
    }
}

/// Operating point of a well: inflow `inflow` against the outflow of `case` at
/// `wellhead_pressure_psia` (psia). See [`solve_operating_point`] for the method.
///
/// ```
/// use nodal_core::hydraulics::{GradientCorrelation, SimpleBlackOil, TemperatureProfile, VlpCase};
/// use nodal_core::inflow::{InflowModel, ProductivityIndex};
/// use nodal_core::nodal::{operating_point, NodalOptions, NodalOutcome};
/// use nodal_core::wellbore::{Conduit, FlowPath, Survey};
/// let survey = Survey::vertical(8000.0).unwrap();
/// let path = FlowPath::single(0.0, 8000.0,
///     Conduit::Tubing { inner_diameter_in: 2.441, roughness_in: 0.0006 }).unwrap();
/// let fluid = SimpleBlackOil::default();
/// let case = VlpCase::new(&survey, &path, &fluid, 0.2, 400.0,
///     GradientCorrelation::HagedornBrownModified,
///     TemperatureProfile { top_temperature_degf: 100.0, bottom_temperature_degf: 200.0 });
/// let ipr = InflowModel::ProductivityIndex(ProductivityIndex::new(3500.0, 2.0).unwrap());
/// let s = operating_point(&ipr, &case, 200.0, &NodalOptions::default()).unwrap();
/// let p = s.operating_point().unwrap();
/// assert_eq!(s.outcome.name(), "stable");
/// assert!(p.converged && p.residual_psi.abs() <= 0.01);
/// // The point lies on the inflow line.
/// assert!((p.bottomhole_pressure_psia - (3500.0 - p.rate / 2.0)).abs() < 1e-6);
/// ```
pub fn operating_point<I, F>(
    inflow: &I,
    case: &VlpCase<'_, F>,
    wellhead_pressure_psia: f64,
    options: &NodalOptions,
) -> CoreResult<NodalSolution>
where
    I: Inflow + ?Sized,
    F: FluidModel + ?Sized,
{
    let outflow = WellOutflow::new(case, wellhead_pressure_psia, inflow.rate_basis())?;
    solve_operating_point(inflow, &outflow, options)
}

/// Operating point of any inflow against any outflow.
///
/// Method:
/// 1. Both curves are evaluated on a grid of [`NodalOptions::rate_points`] rates from 0.5 %
///    of the highest rate (the inflow's AOF, or [`NodalOptions::max_rate`]) to the highest
///    rate. Grid rates where the outflow fails (e.g. critical flow) are reported in
///    [`NodalSolution::outflow_failures`] and left out of the search; invalid inputs are
///    errors.
/// 2. Every sign change of the residual `r(q) = p_outflow(q) − p_inflow(q)` between
///    neighbouring grid rates brackets an intersection, which Brent's method refines to
///    `|r| ≤` [`NodalOptions::pressure_tolerance_psi`].
/// 3. At each intersection both slopes `dp/dq` are taken by central differences (±0.5 % of
///    the highest rate); the intersection is stable where the outflow slope exceeds the
///    inflow slope.
/// 4. No sign change and `r > 0` everywhere: the well cannot flow; the smallest gap is
///    located on the grid and refined by golden-section search between the neighbouring
///    grid rates.
///
/// Intersections closer together than the grid spacing can be missed; raise
/// `rate_points` for curves that touch.
pub fn solve_operating_point<I, O>(
    inflow: &I,
    outflow: &O,
    options: &NodalOptions,
) -> CoreResult<NodalSolution>
where
    I: Inflow + ?Sized,
    O: Outflow + ?Sized,
{
    options.validate()?;
    let (aof, q_max) = search_limit(inflow, options)?;
    let grid: Vec<(f64, CoreResult<f64>)> = rate_grid(q_max, options.rate_points)
        .map(|q| (q, outflow.bottomhole_pressure_psia(q)))
        .collect();
    solve_on_grid(inflow, outflow, options, aof, q_max, &grid)
}

/// The inflow's absolute open flow and the highest rate searched (the AOF, or
/// [`NodalOptions::max_rate`] when lower).
pub(crate) fn search_limit<I: Inflow + ?Sized>(
    inflow: &I,
    options: &NodalOptions,
) -> CoreResult<(f64, f64)> {
    let aof = inflow.absolute_open_flow()?;
    let q_max = options.max_rate.map_or(aof, |m| m.min(aof));
    if !(q_max.is_finite() && q_max > 0.0) {
        return Err(CoreError::invalid(
            "max_rate",
            format!("the highest rate searched must be above zero (got {q_max})"),
        ));
    }
    Ok((aof, q_max))
}

/// `points` rates evenly spaced from `LOWEST_RATE_FRACTION` of `q_max` to `q_max`, both
/// included (the last one exactly).
pub(crate) fn rate_grid(q_max: f64, points: usize) -> impl Iterator<Item = f64> {
    let q_lo = LOWEST_RATE_FRACTION * q_max;
    (0..points).map(move |i| {
        if i + 1 == points {
            q_max
        } else {
            q_lo + (q_max - q_lo) * i as f64 / (points - 1) as f64
        }
    })
}

/// Steps 2 to 4 of [`solve_operating_point`] on outflow pressures already evaluated at the
/// grid rates `grid` (increasing, up to `q_max`): the sensitivities share one evaluated grid
/// among cases whose outflow is the same.
pub(crate) fn solve_on_grid<I, O>(
    inflow: &I,
    outflow: &O,
    options: &NodalOptions,
    aof: f64,
    q_max: f64,
    grid: &[(f64, CoreResult<f64>)],
) -> CoreResult<NodalSolution>
where
    I: Inflow + ?Sized,
    O: Outflow + ?Sized,
{
    let mut curve = Vec::with_capacity(grid.len());
    let mut failures = Vec::new();
    for (q, outflow_pressure) in grid {
        let q = *q;
        let p_in = inflow.pressure_at(q)?;
        let p_out = match outflow_pressure {
            Ok(p) => Some(*p),
            Err(e @ CoreError::InvalidInput { .. }) => return Err(e.clone()),
            Err(e) => {
                failures.push(OutflowFailure {
                    rate: q,
                    message: e.to_string(),
                });
                None
            }
        };
        curve.push(NodalCurvePoint {
            rate: q,
            inflow_pressure_psia: p_in,
            outflow_pressure_psia: p_out,
        });
    }
    let solver = Solver {
        inflow,
        outflow,
        options,
        q_max,
    };
    let outcome = solver.outcome(&curve, &failures)?;
    Ok(NodalSolution {
        outcome,
        rate_basis: inflow.rate_basis(),
        inflow_method: inflow.info().id,
        reservoir_pressure_psia: inflow.reservoir_pressure_psia(),
        wellhead_pressure_psia: outflow.wellhead_pressure_psia(),
        absolute_open_flow: aof,
        curve,
        outflow_failures: failures,
    })
}

struct Solver<'s, I: ?Sized, O: ?Sized> {
    inflow: &'s I,
    outflow: &'s O,
    options: &'s NodalOptions,
    q_max: f64,
}

impl<I: Inflow + ?Sized, O: Outflow + ?Sized> Solver<'_, I, O> {
    fn residual(&self, q: f64) -> CoreResult<f64> {
        Ok(self.outflow.bottomhole_pressure_psia(q)? - self.inflow.pressure_at(q)?)
    }

    fn outcome(
        &self,
        curve: &[NodalCurvePoint],
        failures: &[OutflowFailure],
    ) -> CoreResult<NodalOutcome> {
        // (rate, residual) of the grid points where the outflow was computed, with the grid
        // index so that only true neighbours form brackets.
        let valid: Vec<(usize, f64, f64)> = curve
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                c.outflow_pressure_psia
                    .map(|p| (i, c.rate, p - c.inflow_pressure_psia))
            })
            .collect();
        if valid.is_empty() {
            let why = failures.first().map_or("", |f| f.message.as_str());
            return Err(CoreError::Physical(format!(
                "the outflow could not be computed at any rate up to {:.1}: {why}",
                self.q_max
            )));
        }
        let mut points = Vec::new();
        for (k, &(i, q, r)) in valid.iter().enumerate() {
            if r == 0.0 {
                points.push(self.finish(q, r, 0, None)?);
                continue;
            }
            let Some(&(j, q_next, r_next)) = valid.get(k + 1) else {
                continue;
            };
            if j != i + 1 || r_next == 0.0 || r.signum() == r_next.signum() {
                continue;
            }
            let root = brent(
                |x| self.residual(x),
                q,
                q_next,
                r,
                r_next,
                1e-8 * self.q_max,
                self.options.pressure_tolerance_psi,
                self.options.max_iterations,
                "operating_point",
            )
            .map_err(|e| {
                CoreError::Physical(format!(
                    "solving for the intersection between {q:.3} and {q_next:.3}: {e}"
                ))
            })?;
            let grid_slope = |a: usize, b: usize| {
                let (pa, pb) = (&curve[a], &curve[b]);
                let da = pa.outflow_pressure_psia.unwrap_or(0.0);
                let db = pb.outflow_pressure_psia.unwrap_or(0.0);
                (db - da) / (pb.rate - pa.rate)
            };
            points.push(self.finish(root.x, root.fx, root.iterations, Some(grid_slope(i, j)))?);
        }
        if points.is_empty() {
            self.no_flow(&valid, curve.len(), failures)
        } else {
            Ok(classify(points))
        }
    }

    /// Builds the operating point at `q` with the slopes there.
    fn finish(
        &self,
        q: f64,
        residual: f64,
        iterations: u32,
        grid_outflow_slope: Option<f64>,
    ) -> CoreResult<OperatingPoint> {
        let p_in = self.inflow.pressure_at(q)?;
        let aof = self.inflow.absolute_open_flow()?;
        let h = SLOPE_STEP_FRACTION * self.q_max;
        let lo = (q - h).max(0.5 * q);
        let hi = (q + h).min(aof);
        let inflow_slope =
            (self.inflow.pressure_at(hi)? - self.inflow.pressure_at(lo)?) / (hi - lo);
        let outflow_slope = match (
            self.outflow.bottomhole_pressure_psia(hi),
            self.outflow.bottomhole_pressure_psia(lo),
        ) {
            (Ok(a), Ok(b)) => (a - b) / (hi - lo),
            _ => grid_outflow_slope.unwrap_or(f64::NAN),
        };
        let (converged, outflow_step_psi) = self.convergence(q, residual, aof);
        Ok(OperatingPoint {
            rate: q,
            bottomhole_pressure_psia: p_in,
            outflow_pressure_psia: p_in + residual,
            wellhead_pressure_psia: self.outflow.wellhead_pressure_psia(),
            residual_psi: residual,
            iterations,
            converged,
            outflow_step_psi,
            stable: outflow_slope > inflow_slope,
            inflow_slope,
            outflow_slope,
            phase_rates: self.outflow.phase_rates(q),
        })
    }

    /// Whether the intersection at `q` (residual `residual`) is found, and the outflow step
    /// it sits on (see [`OperatingPoint::converged`]). A residual within the pressure
    /// tolerance converges; otherwise the residual is probed at `q ± δ`,
    /// `δ = RATE_TOLERANCE_FRACTION · q_max`: a sign change there locates the root within δ
    /// and the residual is explained by a step of the outflow curve when it is not larger
    /// than the change across the probe (a smooth curve changes by only `2δ |slope|`, far
    /// below the tolerance, so it cannot pass this test without meeting the tolerance).
    fn convergence(&self, q: f64, residual: f64, aof: f64) -> (bool, Option<f64>) {
        if residual.abs() <= self.options.pressure_tolerance_psi {
            return (true, None);
        }
        let dq = RATE_TOLERANCE_FRACTION * self.q_max;
        let (lo, hi) = ((q - dq).max(0.0), (q + dq).min(aof));
        match (self.residual(lo), self.residual(hi)) {
            (Ok(r_lo), Ok(r_hi)) if r_lo.signum() != r_hi.signum() => {
                let step = (r_hi - r_lo).abs();
                if residual.abs() <= step {
                    (true, Some(step))
                } else {
                    (false, None)
                }
            }
            _ => (false, None),
        }
    }

    /// No intersection: either the outflow stays above the inflow (no flow), or below it up
    /// to the highest rate searched (an error: the intersection lies beyond).
    fn no_flow(
        &self,
        valid: &[(usize, f64, f64)],
        grid_len: usize,
        failures: &[OutflowFailure],
    ) -> CoreResult<NodalOutcome> {
        if valid.iter().all(|&(_, _, r)| r < 0.0) {
            let &(i, q, r) = valid.last().unwrap_or(&(0, 0.0, 0.0));
            let beyond = failures.iter().find(|f| f.rate > q);
            let message = match beyond {
                Some(f) if i + 1 < grid_len => format!(
                    "the outflow curve stays {:.1} psi below the inflow curve at {q:.3}, the highest rate at which the outflow could be computed; above it: {}",
                    -r, f.message
                ),
                _ => {
                    let low = self.inflow.lowest_flowing_pressure_psia();
                    let ending = if low > 0.0 {
                        format!(" (the inflow model ends at {low:.1} psia)")
                    } else {
                        String::new()
                    };
                    format!(
                        "the outflow curve stays below the inflow curve up to the highest rate searched, {q:.3}{ending}, by {:.1} psi there: the intersection lies beyond it; raise max_rate",
                        -r
                    )
                }
            };
            return Err(CoreError::Physical(message));
        }
        let (k, &(_, q_min, r_min)) = valid
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.2.total_cmp(&b.1.2))
            .ok_or_else(|| CoreError::Physical("no outflow points".into()))?;
        let a = k
            .checked_sub(1)
            .and_then(|i| valid.get(i))
            .map_or(q_min, |v| v.1);
        let b = valid.get(k + 1).map_or(q_min, |v| v.1);
        let (mut q_best, mut r_best) = (q_min, r_min);
        if b > a {
            // A failure inside the interval keeps the grid minimum.
            if let Ok((q, r)) = golden_section_min(|x| self.residual(x), a, b, 1e-3 * (b - a), 40)
                && r < r_best
            {
                q_best = q;
                r_best = r;
            }
        }
        if r_best < 0.0 {
            // The outflow dips below the inflow between two grid rates where it is above:
            // two intersections hide inside that interval, one on each side of the minimum.
            let mut points = Vec::with_capacity(2);
            for (lo, hi) in [(a, q_best), (q_best, b)] {
                if hi <= lo {
                    continue;
                }
                let (r_lo, r_hi) = (self.residual(lo)?, self.residual(hi)?);
                if r_lo.signum() == r_hi.signum() {
                    continue;
                }
                let root = brent(
                    |x| self.residual(x),
                    lo,
                    hi,
                    r_lo,
                    r_hi,
                    1e-8 * self.q_max,
                    self.options.pressure_tolerance_psi,
                    self.options.max_iterations,
                    "operating_point",
                )?;
                points.push(self.finish(root.x, root.fx, root.iterations, None)?);
            }
            if !points.is_empty() {
                return Ok(classify(points));
            }
        }
        let p_in = self.inflow.pressure_at(q_best)?;
        Ok(NodalOutcome::NoFlow {
            min_gap_psi: r_best,
            rate_at_min_gap: q_best,
            inflow_pressure_psia: p_in,
            outflow_pressure_psia: p_in + r_best,
        })
    }
}

/// Names the outcome of one or more intersections, in increasing rate.
fn classify(points: Vec<OperatingPoint>) -> NodalOutcome {
    match points.len() {
        1 => {
            let point = points[0];
            if point.stable {
                NodalOutcome::Stable { point }
            } else {
                NodalOutcome::UnstableOnly { point }
            }
        }
        2 if points[0].stable != points[1].stable => {
            let (stable, unstable) = if points[0].stable {
                (points[0], points[1])
            } else {
                (points[1], points[0])
            };
            NodalOutcome::TwoIntersections { stable, unstable }
        }
        _ => NodalOutcome::Multiple { points },
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::inflow::{InflowModel, ProductivityIndex, Vogel};

    /// An analytic outflow curve `p(q) = a + b q + c q² + d/(q + e)`: J-shaped when `d > 0`.
    struct Analytic {
        a: f64,
        b: f64,
        c: f64,
        d: f64,
        e: f64,
        fail_above: f64,
    }

    impl Outflow for Analytic {
        fn bottomhole_pressure_psia(&self, q: f64) -> CoreResult<f64> {
            if q > self.fail_above {
                return Err(CoreError::Physical("critical flow".into()));
            }
            Ok(self.a + self.b * q + self.c * q * q + self.d / (q + self.e))
        }
        fn wellhead_pressure_psia(&self) -> f64 {
            100.0
        }
    }

    fn rising(a: f64) -> Analytic {
        Analytic {
            a,
            b: 0.2,
            c: 1e-4,
            d: 0.0,
            e: 1.0,
            fail_above: f64::INFINITY,
        }
    }

    fn pi(pr: f64, j: f64) -> InflowModel {
        InflowModel::ProductivityIndex(ProductivityIndex::new(pr, j).unwrap())
    }

    /// Stable outcome: the point satisfies both curves within the tolerance, and matches the
    /// intersection of the straight line with the parabola solved in closed form.
    #[test]
    fn one_stable_intersection() {
        let out = rising(1200.0);
        let ipr = pi(3000.0, 2.0);
        let s = solve_operating_point(&ipr, &out, &NodalOptions::default()).unwrap();
        let NodalOutcome::Stable { point } = s.outcome else {
            panic!("{:?}", s.outcome)
        };
        // 1200 + 0.2 q + 1e-4 q² = 3000 − q/2  →  1e-4 q² + 0.7 q − 1800 = 0.
        let exact = (-0.7 + (0.49f64 + 4.0 * 1e-4 * 1800.0).sqrt()) / (2.0 * 1e-4);
        assert!(point.converged);
        assert!(point.residual_psi.abs() <= 0.01);
        assert!((point.rate - exact).abs() < 0.05, "{} {exact}", point.rate);
        assert!(
            (point.outflow_pressure_psia - out.bottomhole_pressure_psia(point.rate).unwrap()).abs()
                < 1e-9
        );
        assert!(
            (point.bottomhole_pressure_psia - ipr.pressure_at(point.rate).unwrap()).abs() < 1e-9
        );
        assert!(point.stable && point.outflow_slope > 0.0 && point.inflow_slope < 0.0);
        assert!(point.iterations > 0);
        assert_eq!(s.curve.len(), 20);
        assert!(s.outflow_failures.is_empty());
        assert_eq!(s.operating_point(), Some(&point));
    }

    /// An outflow curve with a 0.18 psi step (a flow-pattern switch) exactly where it meets
    /// the inflow line: no rate gives a residual within 0.01 psi, yet the intersection is
    /// located to 1e-6 of the highest rate; it is reported converged with the step's
    /// height. A smooth curve reports no step, and a search cut short is not converged.
    #[test]
    fn intersection_on_an_outflow_step_converges_honestly() {
        struct Stepped;
        impl Outflow for Stepped {
            fn bottomhole_pressure_psia(&self, q: f64) -> CoreResult<f64> {
                Ok(1000.0 + 0.5 * q + if q >= 500.0 { 0.18 } else { 0.0 })
            }
            fn wellhead_pressure_psia(&self) -> f64 {
                100.0
            }
        }
        // Inflow 1750.09 − q: at q = 500 it passes midway up the step (1250.09 psia).
        let ipr = pi(1750.09, 1.0);
        let s = solve_operating_point(&ipr, &Stepped, &NodalOptions::default()).unwrap();
        let NodalOutcome::Stable { point } = s.outcome else {
            panic!("{:?}", s.outcome)
        };
        assert!(
            (point.rate - 500.0).abs() < 1e-6 * 1750.09,
            "{}",
            point.rate
        );
        assert!(point.residual_psi.abs() > 0.01 && point.residual_psi.abs() <= 0.0901);
        assert!(point.converged, "{point:?}");
        let step = point.outflow_step_psi.unwrap();
        // 0.18 psi step plus the smooth change over ±1e-6 q_max (1.5 psi per STB/d).
        assert!((step - 0.18).abs() < 1e-2, "{step}");
        // The smooth curve of the first test: no step.
        let smooth =
            solve_operating_point(&pi(3000.0, 2.0), &rising(1200.0), &NodalOptions::default())
                .unwrap();
        let p = smooth.operating_point().unwrap();
        assert!(p.converged && p.outflow_step_psi.is_none());
        // One Brent iteration leaves a wide bracket: neither test passes.
        let short = NodalOptions {
            max_iterations: 1,
            ..NodalOptions::default()
        };
        let s = solve_operating_point(&pi(3000.0, 2.0), &rising(1200.0), &short).unwrap();
        let p = s.operating_point().unwrap();
        assert!(p.residual_psi.abs() > 0.01, "{p:?}");
        assert!(!p.converged && p.outflow_step_psi.is_none());
    }

    /// The realistic case that motivated the step test: a vertical 8,000-ft well, 2.441-in
    /// tubing, 35 °API black oil (recommended correlations) at GOR 600 and 30 % water,
    /// Beggs-Brill (Payne) from 300 psia, PI 0.8 STB/d/psi from 3,500 psia. Its outflow
    /// curve steps by about 0.7 psi where a traverse station changes flow pattern, right at
    /// the intersection; the residual cannot get below 0.01 psi, and the point is reported
    /// converged with the step.
    #[test]
    fn black_oil_well_on_a_pattern_step_is_converged() {
        use crate::hydraulics::{GradientCorrelation, TemperatureProfile};
        use crate::pvt::fluid::{BlackOilFluid, FluidDescription};
        use crate::pvt::gas::Impurities;
        use crate::pvt::recommend::recommend;
        use crate::wellbore::{Conduit, FlowPath, Survey};
        let description = FluidDescription {
            oil_api: 35.0,
            gas_sg: 0.75,
            gor_scf_stb: 600.0,
            water_salinity_wt_pct: 3.0,
            impurities: Impurities::default(),
            separator: None,
            measured: None,
        };
        let methods = recommend(&description, 200.0, 3500.0).unwrap().methods;
        let fluid = BlackOilFluid::new(&description, methods).unwrap();
        let survey = Survey::vertical(8000.0).unwrap();
        let path = FlowPath::single(
            0.0,
            8000.0,
            Conduit::Tubing {
                inner_diameter_in: 2.441,
                roughness_in: 0.0006,
            },
        )
        .unwrap();
        let case = VlpCase::new(
            &survey,
            &path,
            &fluid,
            0.3,
            600.0,
            GradientCorrelation::BeggsBrillPayne1979,
            TemperatureProfile {
                top_temperature_degf: 100.0,
                bottom_temperature_degf: 200.0,
            },
        );
        let ipr = pi(3500.0, 0.8);
        let s = operating_point(&ipr, &case, 300.0, &NodalOptions::default()).unwrap();
        let p = *s.operating_point().unwrap();
        assert!(p.residual_psi.abs() > 0.01, "no step here any more: {p:?}");
        assert!(p.converged, "{p:?}");
        let step = p.outflow_step_psi.unwrap();
        assert!(step >= p.residual_psi.abs() && step < 2.0, "{step}");
        // The intersection is bracketed within 1e-6 of the highest rate (the AOF, 2,800).
        let outflow = WellOutflow::new(&case, 300.0, RateBasis::Liquid).unwrap();
        let r = |q: f64| outflow.bottomhole_pressure_psia(q).unwrap() - ipr.pressure_at(q).unwrap();
        let dq = 1e-6 * 2800.0;
        assert!(r(p.rate - dq).signum() != r(p.rate + dq).signum());
    }

    /// An outflow curve that dips below the inflow line only between two grid rates (every
    /// grid point shows the outflow above): the two hidden intersections are found, not
    /// reported as "no flow". Gap g(q) = −5 + 1e-3 (q − q0)² psi with q0 midway between two
    /// grid rates, so the roots are q0 ± √5000 = q0 ± 70.71 STB/d.
    #[test]
    fn intersections_hidden_between_grid_rates_are_found() {
        let ipr = pi(3000.0, 2.0);
        let options = NodalOptions::default();
        // The grid of the default options on this inflow (AOF 6000): find two neighbours.
        let probe = solve_operating_point(&ipr, &rising(100.0), &options).unwrap();
        let (r0, r1) = (probe.curve[3].rate, probe.curve[4].rate);
        let q0 = 0.5 * (r0 + r1);
        let c = 1e-3;
        let out = Analytic {
            a: 3000.0 - 5.0 + c * q0 * q0,
            b: -0.5 - 2.0 * c * q0,
            c,
            d: 0.0,
            e: 1.0,
            fail_above: f64::INFINITY,
        };
        let s = solve_operating_point(&ipr, &out, &options).unwrap();
        assert!(
            s.curve
                .iter()
                .all(|p| p.outflow_pressure_psia.unwrap() > p.inflow_pressure_psia),
            "the dip must be invisible on the grid for this test to mean anything"
        );
        let NodalOutcome::TwoIntersections { stable, unstable } = s.outcome else {
            panic!("{:?}", s.outcome)
        };
        let half_width = 5000f64.sqrt();
        assert!(
            (stable.rate - (q0 + half_width)).abs() < 0.05,
            "{}",
            stable.rate
        );
        assert!(
            (unstable.rate - (q0 - half_width)).abs() < 0.05,
            "{}",
            unstable.rate
        );
        assert!(stable.converged && unstable.converged);
    }

    /// A J-shaped outflow curve crossed twice by a flat inflow line: the unstable point on
    /// the falling branch and the stable point on the rising branch.
    #[test]
    fn two_intersections_are_both_returned() {
        let out = Analytic {
            a: 1500.0,
            b: 0.0,
            c: 5e-5,
            d: 400_000.0,
            e: 50.0,
            fail_above: f64::INFINITY,
        };
        let ipr = pi(2400.0, 10.0);
        let s = solve_operating_point(&ipr, &out, &NodalOptions::default()).unwrap();
        let NodalOutcome::TwoIntersections { stable, unstable } = s.outcome else {
            panic!("{:?}", s.outcome)
        };
        assert!(unstable.rate < stable.rate);
        assert!(unstable.outflow_slope < unstable.inflow_slope);
        assert!(stable.outflow_slope > stable.inflow_slope);
        for p in [stable, unstable] {
            assert!(p.converged && p.residual_psi.abs() <= 0.01);
            let direct =
                out.bottomhole_pressure_psia(p.rate).unwrap() - ipr.pressure_at(p.rate).unwrap();
            assert!(direct.abs() <= 0.01);
        }
        assert_eq!(s.operating_point().unwrap().rate, stable.rate);
    }

    /// The outflow curve stays above the inflow curve: no flow, with the smallest gap and
    /// where it occurs, checked against a fine scan.
    #[test]
    fn no_intersection_reports_the_gap() {
        let out = Analytic {
            a: 1500.0,
            b: 0.0,
            c: 5e-5,
            d: 400_000.0,
            e: 50.0,
            fail_above: f64::INFINITY,
        };
        let ipr = pi(1700.0, 10.0);
        let s = solve_operating_point(&ipr, &out, &NodalOptions::default()).unwrap();
        let NodalOutcome::NoFlow {
            min_gap_psi,
            rate_at_min_gap,
            inflow_pressure_psia,
            outflow_pressure_psia,
        } = s.outcome
        else {
            panic!("{:?}", s.outcome)
        };
        let aof = 17_000.0;
        let (mut best_q, mut best_gap) = (0.0, f64::INFINITY);
        for i in 1..=170_000 {
            let q = aof * i as f64 / 170_000.0;
            let gap = out.bottomhole_pressure_psia(q).unwrap() - ipr.pressure_at(q).unwrap();
            if gap < best_gap {
                best_gap = gap;
                best_q = q;
            }
        }
        assert!(min_gap_psi > 0.0);
        assert!(
            (min_gap_psi - best_gap).abs() < 0.01,
            "{min_gap_psi} {best_gap}"
        );
        assert!(
            (rate_at_min_gap - best_q).abs() < 5.0,
            "{rate_at_min_gap} {best_q}"
        );
        assert!((outflow_pressure_psia - inflow_pressure_psia - min_gap_psi).abs() < 1e-9);
        assert!(s.operating_point().is_none());
    }

    /// Failing outflow points are reported and skipped; the intersection below them is
    /// still found.
    #[test]
    fn outflow_failures_are_reported_not_hidden() {
        let mut out = rising(1200.0);
        out.fail_above = 3000.0;
        let ipr = pi(3000.0, 2.0);
        let s = solve_operating_point(&ipr, &out, &NodalOptions::default()).unwrap();
        assert!(!s.outflow_failures.is_empty());
        assert!(
            s.outflow_failures
                .iter()
                .all(|f| f.rate > 3000.0 && f.message.contains("critical"))
        );
        assert!(
            s.curve
                .iter()
                .filter(|c| c.outflow_pressure_psia.is_none())
                .count()
                == s.outflow_failures.len()
        );
        assert_eq!(s.outcome.name(), "stable");
        // If the outflow fails everywhere the search is an error naming the reason.
        out.fail_above = 0.0;
        let e = solve_operating_point(&ipr, &out, &NodalOptions::default()).unwrap_err();
        assert!(e.to_string().contains("critical"), "{e}");
    }

    /// An outflow below the inflow at every rate searched is an error saying so.
    #[test]
    fn intersection_beyond_the_search_is_an_error() {
        let out = rising(100.0);
        let ipr = pi(3000.0, 2.0);
        let opts = NodalOptions {
            max_rate: Some(500.0),
            ..NodalOptions::default()
        };
        let e = solve_operating_point(&ipr, &out, &opts)
            .unwrap_err()
            .to_string();
        assert!(e.contains("raise max_rate"), "{e}");
    }

    /// The traverse-based outflow of a vertical 8,000-ft well in 2.992-in tubing
    /// (SimpleBlackOil, GOR 1,000 scf/STB, no water, Beggs-Brill 1973, 100 psia at the
    /// wellhead). Its VLP curve is J-shaped: about 2,360 psia at 200 STB/d, a minimum of
    /// 1,188 psia near 665 STB/d, 1,406 psia at 2,000 STB/d.
    struct RealWell {
        survey: crate::wellbore::Survey,
        path: crate::wellbore::FlowPath,
        fluid: crate::hydraulics::SimpleBlackOil,
    }

    fn real_well() -> RealWell {
        RealWell {
            survey: crate::wellbore::Survey::vertical(8000.0).unwrap(),
            path: crate::wellbore::FlowPath::single(
                0.0,
                8000.0,
                crate::wellbore::Conduit::Tubing {
                    inner_diameter_in: 2.992,
                    roughness_in: 0.0006,
                },
            )
            .unwrap(),
            fluid: crate::hydraulics::SimpleBlackOil::default(),
        }
    }

    fn real_case(w: &RealWell) -> VlpCase<'_, crate::hydraulics::SimpleBlackOil> {
        VlpCase::new(
            &w.survey,
            &w.path,
            &w.fluid,
            0.0,
            1000.0,
            crate::hydraulics::GradientCorrelation::BeggsBrill1973,
            crate::hydraulics::TemperatureProfile {
                top_temperature_degf: 100.0,
                bottom_temperature_degf: 200.0,
            },
        )
    }

    /// Each outcome produced by the real traverse: one stable point (p̄r 3,000 psia, J 2),
    /// two intersections (p̄r 1,500 psia, J 5: the flat IPR cuts the J-shaped VLP twice) and
    /// no flow (p̄r 1,150 psia, J 5: below the VLP minimum). Every intersection satisfies both
    /// curves within the 0.01 psi tolerance, checked with a fresh traverse.
    #[test]
    fn real_traverse_produces_each_outcome() {
        let w = real_well();
        let case = real_case(&w);
        let opts = NodalOptions::default();
        let check = |ipr: &InflowModel, p: &OperatingPoint| {
            let vlp = case.bottomhole_pressure(p.rate, 100.0).unwrap();
            let inflow = ipr.pressure_at(p.rate).unwrap();
            assert!((vlp - inflow).abs() <= 0.01, "{vlp} {inflow}");
            assert!(p.converged);
            let rates = p.phase_rates.unwrap();
            assert!((rates.liquid_rate_stb_d - p.rate).abs() < 1e-9);
            assert!((rates.formation_gas_rate_mscf_d - p.rate).abs() < 1e-9);
        };

        let ipr = pi(3000.0, 2.0);
        let s = operating_point(&ipr, &case, 100.0, &opts).unwrap();
        let NodalOutcome::Stable { point } = s.outcome else {
            panic!("{:?}", s.outcome)
        };
        check(&ipr, &point);

        let ipr = pi(1500.0, 5.0);
        let s = operating_point(&ipr, &case, 100.0, &opts).unwrap();
        let NodalOutcome::TwoIntersections { stable, unstable } = s.outcome else {
            panic!("{:?}", s.outcome)
        };
        check(&ipr, &stable);
        check(&ipr, &unstable);
        assert!(
            unstable.rate < 665.0 && stable.rate > 665.0,
            "{unstable:?} {stable:?}"
        );
        assert!(unstable.outflow_slope < unstable.inflow_slope);
        assert!(stable.outflow_slope > stable.inflow_slope);

        let ipr = pi(1150.0, 5.0);
        let s = operating_point(&ipr, &case, 100.0, &opts).unwrap();
        let NodalOutcome::NoFlow {
            min_gap_psi,
            rate_at_min_gap,
            outflow_pressure_psia,
            ..
        } = s.outcome
        else {
            panic!("{:?}", s.outcome)
        };
        assert!(min_gap_psi > 0.0 && min_gap_psi < 200.0, "{min_gap_psi}");
        // A scan every 5 STB/d finds no smaller gap (beyond the scan's own resolution).
        let scan = (60..=180)
            .map(|i| {
                let q = 5.0 * f64::from(i);
                case.bottomhole_pressure(q, 100.0).unwrap() - ipr.pressure_at(q).unwrap()
            })
            .fold(f64::INFINITY, f64::min);
        assert!(min_gap_psi <= scan + 0.05, "{min_gap_psi} {scan}");
        assert!(
            rate_at_min_gap > 300.0 && rate_at_min_gap < 900.0,
            "{rate_at_min_gap}"
        );
        let vlp = case.bottomhole_pressure(rate_at_min_gap, 100.0).unwrap();
        assert!((vlp - outflow_pressure_psia).abs() < 1e-9);
    }

    /// A gas-rate inflow is coupled through the GOR and water cut of the case.
    #[test]
    fn gas_inflow_converts_to_liquid_through_gor() {
        let w = real_well();
        let mut case = real_case(&w);
        case.gor_scf_stb = 10_000.0;
        case.water_cut_fraction = 0.2;
        let ipr =
            InflowModel::BackPressure(crate::inflow::BackPressure::new(3000.0, 0.05, 0.8).unwrap());
        let s = operating_point(&ipr, &case, 300.0, &NodalOptions::default()).unwrap();
        assert_eq!(s.rate_basis, RateBasis::Gas);
        let p = s.operating_point().unwrap();
        let liquid = 1000.0 * p.rate / 10_000.0 / 0.8;
        let r = p.phase_rates.unwrap();
        assert!((r.liquid_rate_stb_d - liquid).abs() < 1e-9);
        assert!((r.formation_gas_rate_mscf_d - p.rate).abs() < 1e-9);
        let vlp = case.bottomhole_pressure(liquid, 300.0).unwrap();
        assert!((vlp - ipr.pressure_at(p.rate).unwrap()).abs() <= 0.01);
        case.gor_scf_stb = 0.0;
        let e = operating_point(&ipr, &case, 300.0, &NodalOptions::default()).unwrap_err();
        assert!(e.to_string().starts_with("gor_scf_stb"), "{e}");
        let e = operating_point(&ipr, &real_case(&w), 1.0, &NodalOptions::default()).unwrap_err();
        assert!(e.to_string().starts_with("wellhead_pressure_psia"), "{e}");
    }

    #[test]
    fn options_are_validated() {
        let out = rising(1200.0);
        let ipr = InflowModel::Vogel(Vogel::new(3000.0, 2000.0).unwrap());
        for (field, o) in [
            (
                "rate_points",
                NodalOptions {
                    rate_points: 3,
                    ..NodalOptions::default()
                },
            ),
            (
                "max_rate",
                NodalOptions {
                    max_rate: Some(-1.0),
                    ..NodalOptions::default()
                },
            ),
            (
                "pressure_tolerance_psi",
                NodalOptions {
                    pressure_tolerance_psi: 0.0,
                    ..NodalOptions::default()
                },
            ),
            (
                "max_iterations",
                NodalOptions {
                    max_iterations: 0,
                    ..NodalOptions::default()
                },
            ),
        ] {
            let e = solve_operating_point(&ipr, &out, &o)
                .unwrap_err()
                .to_string();
            assert!(e.starts_with(field), "{e}");
        }
    }
}
