//! Sensitivities: operating points over one or two varied inputs, solved in parallel.

use super::operating_point::{
    NodalOptions, NodalSolution, Outflow, WellOutflow, operating_point, rate_grid, search_limit,
    solve_on_grid,
};
use super::parallel::parallel_map;
use crate::error::{CoreError, CoreResult};
use crate::hydraulics::{FluidModel, GasLift, VlpCase};
use crate::inflow::{AdjustableInflow, InflowModel};
use crate::wellbore::{Conduit, FlowPath, FlowSection};

/// Most cases one sensitivity may hold (product of the value counts of its axes).
pub const MAX_SENSITIVITY_CASES: usize = 400;

/// A well ready for nodal analysis: inflow, outflow (well, fluid and stream) and wellhead
/// pressure.
///
/// With a [`crate::inflow::CompositeIpr`] inflow, [`Self::solve`] uses the water cut of the
/// well for the inflow as well, so the two sides of the node see the same stream. The inflow
/// is any [`AdjustableInflow`]: an [`InflowModel`] (the default) or a
/// [`crate::inflow::GasPseudoPressureInflow`].
#[derive(Debug)]
pub struct NodalCase<'a, F: ?Sized, I = InflowModel> {
    /// Inflow model.
    pub inflow: I,
    /// Well, fluid and stream (water cut, GOR, gas lift) of the outflow.
    pub well: VlpCase<'a, F>,
    /// Wellhead pressure, psia.
    pub wellhead_pressure_psia: f64,
}

impl<'a, F: FluidModel + ?Sized, I: AdjustableInflow> NodalCase<'a, F, I> {
    /// A case from its parts.
    pub fn new(inflow: I, well: VlpCase<'a, F>, wellhead_pressure_psia: f64) -> Self {
        Self {
            inflow,
            well,
            wellhead_pressure_psia,
        }
    }

    /// The operating point of this case (see [`super::solve_operating_point`]).
    pub fn solve(&self, options: &NodalOptions) -> CoreResult<NodalSolution> {
        let inflow = self.inflow.with_water_cut(self.well.water_cut_fraction)?;
        operating_point(&inflow, &self.well, self.wellhead_pressure_psia, options)
    }
}

/// An input a sensitivity varies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum SensitivityVariable {
    /// Wellhead pressure, psia.
    WellheadPressure,
    /// Inner diameter of every tubing section of the flow path, in (roughness kept; a
    /// tapered string becomes one size). An annulus flow path is an error.
    TubingInnerDiameter,
    /// Water cut, fraction (outflow stream and, for the composite IPR, the inflow).
    WaterCut,
    /// Produced GOR, scf/STB.
    Gor,
    /// Average reservoir pressure, psia (inflow parameters held as
    /// [`InflowModel::with_reservoir_pressure`] says).
    ReservoirPressure,
    /// Skin factor (inflow models built from reservoir properties only).
    Skin,
    /// Lift-gas rate, Mscf/d, at the gas-lift injection depth of the case (which must have
    /// gas lift).
    LiftGasRate,
}

impl SensitivityVariable {
    /// Every variable.
    pub const ALL: [Self; 7] = [
        Self::WellheadPressure,
        Self::TubingInnerDiameter,
        Self::WaterCut,
        Self::Gor,
        Self::ReservoirPressure,
        Self::Skin,
        Self::LiftGasRate,
    ];

    /// API name with unit suffix: `wellhead_pressure_psia`, `tubing_id_in`,
    /// `water_cut_fraction`, `gor_scf_stb`, `reservoir_pressure_psia`, `skin`,
    /// `lift_gas_rate_mscf_d`.
    pub fn name(self) -> &'static str {
        match self {
            Self::WellheadPressure => "wellhead_pressure_psia",
            Self::TubingInnerDiameter => "tubing_id_in",
            Self::WaterCut => "water_cut_fraction",
            Self::Gor => "gor_scf_stb",
            Self::ReservoirPressure => "reservoir_pressure_psia",
            Self::Skin => "skin",
            Self::LiftGasRate => "lift_gas_rate_mscf_d",
        }
    }

    /// Looks a variable up by [`Self::name`].
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.name() == name)
    }

    /// Whether the variable changes the inflow only, leaving the outflow curve as it is.
    fn inflow_only(self) -> bool {
        matches!(self, Self::ReservoirPressure | Self::Skin)
    }

    /// Physical range of a value: `(min, max)`.
    fn range(self) -> (f64, f64) {
        match self {
            Self::WellheadPressure => (crate::units::STANDARD_PRESSURE_PSIA, 20_000.0),
            Self::TubingInnerDiameter => (0.5, 60.0),
            Self::WaterCut => (0.0, 1.0),
            Self::Gor => (0.0, 1.0e6),
            Self::ReservoirPressure => (1.0, crate::inflow::MAX_RESERVOIR_PRESSURE_PSIA),
            Self::Skin => (-10.0, 1000.0),
            Self::LiftGasRate => (0.0, 1.0e6),
        }
    }
}

/// The values one input takes.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SensitivityAxis {
    /// The input.
    pub variable: SensitivityVariable,
    /// Its values, in the variable's unit.
    pub values: Vec<f64>,
}

/// One case of a sensitivity.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SensitivityCase {
    /// Value of the first variable.
    pub first_value: f64,
    /// Value of the second variable, if any.
    pub second_value: Option<f64>,
    /// The solution (outcome, operating points and both curves), when it could be computed.
    pub solution: Option<NodalSolution>,
    /// Why the case could not be computed.
    pub error: Option<String>,
}

/// A sensitivity: every case, first variable outer, second inner.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SensitivityResult {
    /// The first variable.
    pub first: SensitivityVariable,
    /// The second variable, if any.
    pub second: Option<SensitivityVariable>,
    /// The cases, `first.values.len() × second.values.len()` of them in that order.
    pub cases: Vec<SensitivityCase>,
}

impl SensitivityResult {
    /// `(first value, second value, stable operating rate)` of every case that flows.
    pub fn operating_rates(&self) -> Vec<(f64, Option<f64>, f64)> {
        self.cases
            .iter()
            .filter_map(|c| {
                c.solution
                    .as_ref()
                    .and_then(|s| s.operating_point())
                    .map(|p| (c.first_value, c.second_value, p.rate))
            })
            .collect()
    }
}

/// Operating points of `base` with one input (or two) set to each of the given values.
///
/// When an axis varies an input that changes the inflow only (reservoir pressure, skin),
/// cases with the same outflow share one outflow curve instead of each tracing its own: the
/// outflow is evaluated once on a grid fine enough for every case that uses it, and each
/// case keeps the grid rates up to its own highest rate (so its curve holds from
/// [`NodalOptions::rate_points`] to about twice as many rates). Its operating points meet
/// the same pressure tolerance as a single solve's.
///
/// Independent cases run in parallel on the available cores (`std::thread::scope`). More
/// than [`MAX_SENSITIVITY_CASES`] cases is an error; so are values outside an input's
/// physical range, a skin sensitivity on an inflow without skin, a lift-gas sensitivity on a
/// case without gas lift, and the same variable twice. A case that fails (e.g. the traverse
/// reaches critical flow) is reported in its [`SensitivityCase::error`] and does not stop the
/// others.
///
/// ```
/// use nodal_core::hydraulics::{GradientCorrelation, SimpleBlackOil, TemperatureProfile, VlpCase};
/// use nodal_core::inflow::{InflowModel, ProductivityIndex};
/// use nodal_core::nodal::*;
/// use nodal_core::wellbore::{Conduit, FlowPath, Survey};
/// let survey = Survey::vertical(8000.0).unwrap();
/// let path = FlowPath::single(0.0, 8000.0,
///     Conduit::Tubing { inner_diameter_in: 2.441, roughness_in: 0.0006 }).unwrap();
/// let fluid = SimpleBlackOil::default();
/// let well = VlpCase::new(&survey, &path, &fluid, 0.2, 400.0,
///     GradientCorrelation::HagedornBrownModified,
///     TemperatureProfile { top_temperature_degf: 100.0, bottom_temperature_degf: 200.0 });
/// let ipr = InflowModel::ProductivityIndex(ProductivityIndex::new(3500.0, 2.0).unwrap());
/// let base = NodalCase::new(ipr, well, 200.0);
/// let whp = SensitivityAxis { variable: SensitivityVariable::WellheadPressure,
///     values: vec![100.0, 300.0, 500.0] };
/// let r = sensitivity(&base, &whp, None, &NodalOptions::default()).unwrap();
/// let rates = r.operating_rates();
/// // Higher wellhead pressure, lower rate.
/// assert!(rates[0].2 > rates[1].2 && rates[1].2 > rates[2].2);
/// ```
pub fn sensitivity<F: FluidModel + Sync + ?Sized, I: AdjustableInflow + Sync>(
    base: &NodalCase<'_, F, I>,
    first: &SensitivityAxis,
    second: Option<&SensitivityAxis>,
    options: &NodalOptions,
) -> CoreResult<SensitivityResult> {
    options.validate()?;
    let total = first.values.len() * second.map_or(1, |s| s.values.len());
    if total > MAX_SENSITIVITY_CASES {
        return Err(CoreError::invalid(
            "values",
            format!(
                "a sensitivity may hold at most {MAX_SENSITIVITY_CASES} cases; {} × {} = {total} were asked for",
                first.values.len(),
                second.map_or(1, |s| s.values.len())
            ),
        ));
    }
    check_axis(base, first)?;
    if let Some(s) = second {
        check_axis(base, s)?;
        if s.variable == first.variable {
            return Err(CoreError::invalid(
                "variable",
                format!(
                    "both axes vary {}; choose two different inputs",
                    s.variable.name()
                ),
            ));
        }
    }
    let mut specs = Vec::with_capacity(total);
    for &v1 in &first.values {
        match second {
            Some(s) => specs.extend(s.values.iter().map(|&v2| (v1, Some(v2)))),
            None => specs.push((v1, None)),
        }
    }
    let changes_of = |&(v1, v2): &(f64, Option<f64>)| -> Vec<(SensitivityVariable, f64)> {
        let mut changes = vec![(first.variable, v1)];
        if let (Some(s), Some(v)) = (second, v2) {
            changes.push((s.variable, v));
        }
        changes
    };
    let inflow_only =
        first.variable.inflow_only() || second.is_some_and(|s| s.variable.inflow_only());
    let results = if inflow_only {
        shared_outflow(base, &specs, &changes_of, options)?
    } else {
        parallel_map(&specs, |spec| solve_with(base, &changes_of(spec), options))?
    };
    let cases = specs
        .iter()
        .zip(results)
        .map(|(&(v1, v2), result)| SensitivityCase {
            first_value: v1,
            second_value: v2,
            error: result.as_ref().err().map(ToString::to_string),
            solution: result.ok(),
        })
        .collect();
    Ok(SensitivityResult {
        first: first.variable,
        second: second.map(|s| s.variable),
        cases,
    })
}

fn check_axis<F: FluidModel + ?Sized, I: AdjustableInflow>(
    base: &NodalCase<'_, F, I>,
    axis: &SensitivityAxis,
) -> CoreResult<()> {
    let field = axis.variable.name();
    if axis.values.is_empty() {
        return Err(CoreError::invalid(field, "needs at least one value"));
    }
    let (lo, hi) = axis.variable.range();
    for (i, &v) in axis.values.iter().enumerate() {
        if !(v.is_finite() && (lo..=hi).contains(&v)) {
            return Err(CoreError::invalid(
                field,
                format!("value {i} must be between {lo} and {hi} (got {v})"),
            ));
        }
    }
    match axis.variable {
        // Every value must give a valid inflow (e.g. `ln(re/rw) − 3/4 + s > 0`, a reservoir
        // pressure inside an m(p) table): refused up front, naming the value.
        SensitivityVariable::Skin | SensitivityVariable::ReservoirPressure => {
            for (i, &v) in axis.values.iter().enumerate() {
                let checked = if axis.variable == SensitivityVariable::Skin {
                    base.inflow.with_skin(v)
                } else {
                    base.inflow.with_reservoir_pressure(v)
                };
                checked.map_err(|e| {
                    let why = match e {
                        CoreError::InvalidInput { message, .. } => message,
                        other => other.to_string(),
                    };
                    CoreError::invalid(field, format!("value {i} ({v}): {why}"))
                })?;
            }
        }
        SensitivityVariable::LiftGasRate if base.well.gas_lift.is_none() => {
            return Err(CoreError::invalid(
                field,
                "the case has no gas-lift injection point; set one to vary the lift-gas rate",
            ));
        }
        SensitivityVariable::TubingInnerDiameter => {
            retubed(base.well.flow_path, axis.values[0])?;
        }
        _ => {}
    }
    Ok(())
}

/// The flow path with every tubing section at inner diameter `inner_diameter_in`.
fn retubed(path: &FlowPath, inner_diameter_in: f64) -> CoreResult<FlowPath> {
    let sections = path
        .sections()
        .iter()
        .enumerate()
        .map(|(i, s)| match s.conduit {
            Conduit::Tubing { roughness_in, .. } => Ok(FlowSection {
                bottom_md_ft: s.bottom_md_ft,
                conduit: Conduit::Tubing {
                    inner_diameter_in,
                    roughness_in,
                },
            }),
            Conduit::Annulus { .. } => Err(CoreError::invalid(
                "tubing_id_in",
                format!("section {i} of the flow path is an annulus; a tubing-ID sensitivity needs tubing flow"),
            )),
        })
        .collect::<CoreResult<Vec<_>>>()?;
    FlowPath::new(path.top_md_ft(), sections)
}

/// Solves `base` with the given inputs changed.
pub(crate) fn solve_with<F: FluidModel + ?Sized, I: AdjustableInflow>(
    base: &NodalCase<'_, F, I>,
    changes: &[(SensitivityVariable, f64)],
    options: &NodalOptions,
) -> CoreResult<NodalSolution> {
    with_changed(base, changes, |case| case.solve(options))
}

/// `f` applied to `base` with the given inputs changed.
fn with_changed<F: FluidModel + ?Sized, I: AdjustableInflow, R>(
    base: &NodalCase<'_, F, I>,
    changes: &[(SensitivityVariable, f64)],
    f: impl FnOnce(&NodalCase<'_, F, I>) -> CoreResult<R>,
) -> CoreResult<R> {
    let w = &base.well;
    let mut inflow = base.inflow;
    let mut wellhead = base.wellhead_pressure_psia;
    let mut water_cut = w.water_cut_fraction;
    let mut gor = w.gor_scf_stb;
    let mut gas_lift = w.gas_lift;
    let mut tubing = None;
    for &(variable, value) in changes {
        match variable {
            SensitivityVariable::WellheadPressure => wellhead = value,
            SensitivityVariable::TubingInnerDiameter => tubing = Some(value),
            SensitivityVariable::WaterCut => water_cut = value,
            SensitivityVariable::Gor => gor = value,
            SensitivityVariable::ReservoirPressure => {
                inflow = inflow.with_reservoir_pressure(value)?;
            }
            SensitivityVariable::Skin => inflow = inflow.with_skin(value)?,
            SensitivityVariable::LiftGasRate => {
                let injection = w.gas_lift.map(|g| g.injection_md_ft).ok_or_else(|| {
                    CoreError::invalid(
                        "lift_gas_rate_mscf_d",
                        "the case has no gas-lift injection point",
                    )
                })?;
                gas_lift = Some(GasLift {
                    injection_md_ft: injection,
                    gas_rate_mscf_d: value,
                });
            }
        }
    }
    let path_storage;
    let flow_path = match tubing {
        Some(d) => {
            path_storage = retubed(w.flow_path, d)?;
            &path_storage
        }
        None => w.flow_path,
    };
    let case = NodalCase {
        inflow,
        well: VlpCase {
            survey: w.survey,
            flow_path,
            fluid: w.fluid,
            water_cut_fraction: water_cut,
            gor_scf_stb: gor,
            gas_lift,
            correlation: w.correlation,
            friction: w.friction,
            temperature: w.temperature,
            step: w.step,
            gravity_multiplier: w.gravity_multiplier,
            friction_multiplier: w.friction_multiplier,
        },
        wellhead_pressure_psia: wellhead,
    };
    f(&case)
}

/// Largest ratio of the highest rates searched of the cases that share one outflow grid.
const SHARED_GRID_RATE_RATIO: f64 = 2.0;

/// A case's inflow (after its changes and the water cut), AOF and highest rate searched.
struct CaseInflow<I> {
    inflow: I,
    aof: f64,
    q_max: f64,
}

/// Solves the cases of a sensitivity in which at least one axis changes the inflow only.
///
/// Cases with the same outflow share the outflow curve instead of each tracing its own:
/// they are grouped by the highest rate searched (ratio at most [`SHARED_GRID_RATE_RATIO`]
/// within a group) and the outflow is evaluated once per group on an evenly spaced grid up
/// to the group's highest rate, fine enough (`(n − 1) q_high / q_low + 1` rates) that every
/// case sees grid rates at most as far apart as its own `n`-rate grid would be. Each case
/// then uses the grid rates below its own highest rate plus that rate itself, and brackets
/// and refines its intersections as [`super::solve_operating_point`] does: the operating
/// points meet the same pressure tolerance. A group is formed only where it saves
/// traverses; the other cases are solved on their own grids.
fn shared_outflow<F, I, C>(
    base: &NodalCase<'_, F, I>,
    specs: &[(f64, Option<f64>)],
    changes_of: &C,
    options: &NodalOptions,
) -> CoreResult<Vec<CoreResult<NodalSolution>>>
where
    F: FluidModel + Sync + ?Sized,
    I: AdjustableInflow + Sync,
    C: Fn(&(f64, Option<f64>)) -> Vec<(SensitivityVariable, f64)> + Sync,
{
    let outflow_changes = |spec: &(f64, Option<f64>)| -> Vec<(SensitivityVariable, f64)> {
        changes_of(spec)
            .into_iter()
            .filter(|(v, _)| !v.inflow_only())
            .collect()
    };
    // Inflow and search limit of every case (closed form: cheap).
    let inflows: Vec<Option<CaseInflow<I>>> = specs
        .iter()
        .map(|spec| {
            with_changed(base, &changes_of(spec), |case| {
                let inflow = case.inflow.with_water_cut(case.well.water_cut_fraction)?;
                let (aof, q_max) = search_limit(&inflow, options)?;
                Ok(CaseInflow { inflow, aof, q_max })
            })
            .ok()
        })
        .collect();
    // Cases with the same outflow changes, by increasing highest rate.
    // (outflow changes as bit patterns, member cases)
    type OutflowKey = Vec<(SensitivityVariable, u64)>;
    let mut by_outflow: Vec<(OutflowKey, Vec<usize>)> = Vec::new();
    for (k, spec) in specs.iter().enumerate() {
        if inflows[k].is_none() {
            continue;
        }
        let key: Vec<_> = outflow_changes(spec)
            .into_iter()
            .map(|(v, x)| (v, x.to_bits()))
            .collect();
        match by_outflow.iter_mut().find(|(k2, _)| *k2 == key) {
            Some((_, members)) => members.push(k),
            None => by_outflow.push((key, vec![k])),
        }
    }
    let q_max_of = |k: usize| inflows[k].as_ref().map_or(0.0, |c| c.q_max);
    let n = options.rate_points;
    // Per group: a member (whose outflow changes stand for all), highest rate, grid size.
    let mut groups: Vec<(usize, f64, usize)> = Vec::new();
    let mut group_of: Vec<Option<usize>> = vec![None; specs.len()];
    for (_, mut members) in by_outflow {
        members.sort_by(|&a, &b| q_max_of(a).total_cmp(&q_max_of(b)));
        let mut start = 0;
        while start < members.len() {
            let q_low = q_max_of(members[start]);
            let mut end = start + 1;
            while end < members.len() && q_max_of(members[end]) <= SHARED_GRID_RATE_RATIO * q_low {
                end += 1;
            }
            let q_high = q_max_of(members[end - 1]);
            let points = ((n - 1) as f64 * q_high / q_low).ceil() as usize + 1;
            let m = end - start;
            // Shared: the grid plus one traverse at each case's own highest rate.
            if points + m < m * n {
                for &k in &members[start..end] {
                    group_of[k] = Some(groups.len());
                }
                groups.push((members[end - 1], q_high, points));
            }
            start = end;
        }
    }
    // The shared grids, every (group, rate) in parallel.
    let items: Vec<(usize, f64)> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, &(_, q_high, points))| rate_grid(q_high, points).map(move |q| (g, q)))
        .collect();
    let basis = base.inflow.rate_basis();
    let evaluated = parallel_map(&items, |&(g, q)| {
        with_changed(base, &outflow_changes(&specs[groups[g].0]), |case| {
            WellOutflow::new(&case.well, case.wellhead_pressure_psia, basis)?
                .bottomhole_pressure_psia(q)
        })
    })?;
    let mut shared: Vec<Vec<(f64, CoreResult<f64>)>> = groups
        .iter()
        .map(|&(_, _, points)| Vec::with_capacity(points))
        .collect();
    for (&(g, q), p) in items.iter().zip(evaluated) {
        shared[g].push((q, p));
    }
    let cases: Vec<usize> = (0..specs.len()).collect();
    parallel_map(&cases, |&k| {
        let spec = &specs[k];
        let (Some(c), Some(g)) = (&inflows[k], group_of[k]) else {
            return solve_with(base, &changes_of(spec), options);
        };
        with_changed(base, &changes_of(spec), |case| {
            let outflow = WellOutflow::new(&case.well, case.wellhead_pressure_psia, basis)?;
            let mut grid: Vec<(f64, CoreResult<f64>)> = shared[g]
                .iter()
                .filter(|(q, _)| *q <= c.q_max)
                .cloned()
                .collect();
            if grid.last().is_none_or(|(q, _)| *q != c.q_max) {
                grid.push((c.q_max, outflow.bottomhole_pressure_psia(c.q_max)));
            }
            solve_on_grid(&c.inflow, &outflow, options, c.aof, c.q_max, &grid)
        })
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::hydraulics::{GradientCorrelation, SimpleBlackOil, TemperatureProfile};
    use crate::inflow::{
        BackPressure, CompositeIpr, DarcyRadial, DarcyRadialInput, Fetkovich, GasDarcyInput,
        GasDarcyPressureSquared, GasPseudoPressureInflow, Inflow, JonesBlountGlaze,
        JonesBlountGlazeInput, ProductivityIndex, StandingFe, Vogel,
    };
    use crate::wellbore::Survey;

    struct Well {
        survey: Survey,
        path: FlowPath,
        fluid: SimpleBlackOil,
    }

    fn well() -> Well {
        Well {
            survey: Survey::vertical(8000.0).unwrap(),
            path: FlowPath::single(
                0.0,
                8000.0,
                Conduit::Tubing {
                    inner_diameter_in: 2.441,
                    roughness_in: 0.0006,
                },
            )
            .unwrap(),
            fluid: SimpleBlackOil::default(),
        }
    }

    fn case<'a>(w: &'a Well, inflow: InflowModel) -> NodalCase<'a, SimpleBlackOil> {
        let mut vlp = VlpCase::new(
            &w.survey,
            &w.path,
            &w.fluid,
            0.2,
            400.0,
            GradientCorrelation::HagedornBrownModified,
            TemperatureProfile {
                top_temperature_degf: 100.0,
                bottom_temperature_degf: 200.0,
            },
        );
        vlp.gas_lift = Some(GasLift {
            injection_md_ft: 7000.0,
            gas_rate_mscf_d: 0.0,
        });
        NodalCase::new(inflow, vlp, 200.0)
    }

    fn darcy() -> InflowModel {
        InflowModel::DarcyRadial(
            DarcyRadial::new(DarcyRadialInput {
                permeability_md: 40.0,
                thickness_ft: 40.0,
                viscosity_cp: 1.5,
                fvf_rb_stb: 1.2,
                drainage_radius_ft: 1490.0,
                wellbore_radius_ft: 0.354,
                skin: 0.0,
                reservoir_pressure_psia: 3500.0,
                bubble_point_psia: Some(2500.0),
            })
            .unwrap(),
        )
    }

    /// A 2-D sensitivity: every case equals the single solve with the same inputs, and the
    /// operating rate moves the way the physics says.
    #[test]
    fn two_axes_match_single_solves_and_trends() {
        let w = well();
        let base = case(&w, darcy());
        let skin = SensitivityAxis {
            variable: SensitivityVariable::Skin,
            values: vec![0.0, 5.0],
        };
        let tubing = SensitivityAxis {
            variable: SensitivityVariable::TubingInnerDiameter,
            values: vec![1.995, 2.441, 2.992],
        };
        let opts = NodalOptions::default();
        let r = sensitivity(&base, &skin, Some(&tubing), &opts).unwrap();
        assert_eq!(r.cases.len(), 6);
        assert!(r.cases.iter().all(|c| c.error.is_none()));
        let rates = r.operating_rates();
        assert_eq!(rates.len(), 6);
        // Skin lowers the rate at every tubing size.
        for k in 0..3 {
            assert!(rates[k].2 > rates[k + 3].2);
        }
        // The middle case is the base case with skin 0 (the skin axis shares the outflow
        // curve among cases, so the grid differs: the same intersection within the
        // tolerance on both sides).
        let direct = solve_with(&base, &[(SensitivityVariable::Skin, 0.0)], &opts).unwrap();
        let shared = r.cases[1]
            .solution
            .as_ref()
            .unwrap()
            .operating_point()
            .unwrap();
        assert!(
            (direct.operating_point().unwrap().bottomhole_pressure_psia
                - shared.bottomhole_pressure_psia)
                .abs()
                <= 0.02
        );
        assert_eq!(r.cases[4].first_value, 5.0);
        assert_eq!(r.cases[4].second_value, Some(2.441));
    }

    #[test]
    fn every_variable_moves_the_rate_the_expected_way() {
        let w = well();
        let base = case(&w, darcy());
        let opts = NodalOptions::default();
        let rate = |v: SensitivityVariable, x: f64| {
            solve_with(&base, &[(v, x)], &opts)
                .unwrap()
                .operating_point()
                .unwrap()
                .rate
        };
        use SensitivityVariable::*;
        assert!(rate(WellheadPressure, 100.0) > rate(WellheadPressure, 400.0));
        assert!(rate(ReservoirPressure, 3800.0) > rate(ReservoirPressure, 3300.0));
        assert!(rate(WaterCut, 0.0) > rate(WaterCut, 0.6));
        assert!(rate(Gor, 800.0) > rate(Gor, 300.0));
        assert!(rate(LiftGasRate, 500.0) > rate(LiftGasRate, 0.0));
    }

    #[test]
    fn more_than_400_cases_is_an_error_with_the_limit() {
        let w = well();
        let base = case(&w, darcy());
        let a = SensitivityAxis {
            variable: SensitivityVariable::WellheadPressure,
            values: (0..21).map(|i| 100.0 + 10.0 * f64::from(i)).collect(),
        };
        let b = SensitivityAxis {
            variable: SensitivityVariable::WaterCut,
            values: (0..20).map(|i| 0.04 * f64::from(i)).collect(),
        };
        let e = sensitivity(&base, &a, Some(&b), &NodalOptions::default())
            .unwrap_err()
            .to_string();
        assert!(e.contains("at most 400 cases") && e.contains("420"), "{e}");
    }

    #[test]
    fn bad_axes_are_errors_naming_the_variable() {
        let w = well();
        let pi = InflowModel::ProductivityIndex(ProductivityIndex::new(3500.0, 2.0).unwrap());
        let base = case(&w, pi);
        let opts = NodalOptions::default();
        let axis = |variable, values: Vec<f64>| SensitivityAxis { variable, values };
        let e = sensitivity(
            &base,
            &axis(SensitivityVariable::Skin, vec![1.0]),
            None,
            &opts,
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("skin:"), "{e}");
        let e = sensitivity(
            &base,
            &axis(SensitivityVariable::WaterCut, vec![0.2, 1.2]),
            None,
            &opts,
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("water_cut_fraction:") && e.contains("value 1"),
            "{e}"
        );
        let e = sensitivity(&base, &axis(SensitivityVariable::Gor, vec![]), None, &opts)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("gor_scf_stb:"), "{e}");
        let e = sensitivity(
            &case(&w, darcy()),
            &axis(SensitivityVariable::Skin, vec![0.0, -9.0]),
            None,
            &opts,
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("skin: value 1 (-9)"), "{e}");
        let g = axis(SensitivityVariable::Gor, vec![300.0]);
        let e = sensitivity(&base, &g, Some(&g), &opts)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("variable:"), "{e}");
        let mut no_lift = case(&w, pi);
        no_lift.well.gas_lift = None;
        let e = sensitivity(
            &no_lift,
            &axis(SensitivityVariable::LiftGasRate, vec![100.0]),
            None,
            &opts,
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("lift_gas_rate_mscf_d:"), "{e}");
        for v in SensitivityVariable::ALL {
            assert_eq!(SensitivityVariable::from_name(v.name()), Some(v));
        }
    }

    /// Inflow-only axes share the outflow curve among cases: every case meets the pressure
    /// tolerance, agrees with its own single solve (same outcome; bottom-hole pressure
    /// within twice the tolerance, both sides converging on the same intersection) and has
    /// grid rates at most as far apart as its own grid would have. (Where the two curves run
    /// nearly parallel, e.g. p̄r 2,600 psia here, the traverse's sub-0.01-psi roughness lets
    /// a crossing move by a few STB/d with the grid; the cases here cross cleanly.)
    #[test]
    fn shared_outflow_matches_single_solves() {
        let w = well();
        let opts = NodalOptions::default();
        let skin = SensitivityAxis {
            variable: SensitivityVariable::Skin,
            values: vec![-2.0, 0.0, 2.0, 5.0, 10.0, 20.0],
        };
        let pressure = SensitivityAxis {
            variable: SensitivityVariable::ReservoirPressure,
            values: vec![3000.0, 3500.0, 4000.0],
        };
        let whp = SensitivityAxis {
            variable: SensitivityVariable::WellheadPressure,
            values: vec![150.0, 400.0],
        };
        for (a, b) in [
            (&skin, Some(&pressure)),
            (&whp, Some(&skin)),
            (&pressure, None),
        ] {
            let base = case(&w, darcy());
            let r = sensitivity(&base, a, b, &opts).unwrap();
            for c in &r.cases {
                let mut changes = vec![(a.variable, c.first_value)];
                if let (Some(b), Some(v)) = (b, c.second_value) {
                    changes.push((b.variable, v));
                }
                let single = solve_with(&base, &changes, &opts).unwrap();
                let shared = c.solution.as_ref().unwrap();
                assert_eq!(shared.outcome.name(), single.outcome.name(), "{changes:?}");
                let grid_step = |s: &NodalSolution| {
                    s.curve
                        .windows(2)
                        .map(|w| w[1].rate - w[0].rate)
                        .fold(0.0, f64::max)
                };
                assert!(
                    grid_step(shared) <= grid_step(&single) * (1.0 + 1e-9),
                    "{changes:?}"
                );
                assert_eq!(
                    shared.curve.last().unwrap().rate,
                    single.curve.last().unwrap().rate
                );
                if let (Some(p), Some(q)) = (shared.operating_point(), single.operating_point()) {
                    assert!(p.converged && p.residual_psi.abs() <= 0.01, "{p:?}");
                    assert!(
                        (p.bottomhole_pressure_psia - q.bottomhole_pressure_psia).abs() <= 0.02,
                        "{changes:?}: {p:?} vs {q:?}\n{:?}\n{:?}",
                        shared.outcome,
                        single.outcome
                    );
                    assert_eq!(p.stable, q.stable);
                }
            }
        }
    }

    /// Two values of `variable` suited to a case of rate basis `gas`.
    fn values(variable: SensitivityVariable, gas: bool) -> Vec<f64> {
        use SensitivityVariable::*;
        match variable {
            WellheadPressure => vec![150.0, 300.0],
            TubingInnerDiameter => vec![2.441, 2.992],
            WaterCut => vec![0.0, 0.3],
            Gor if gas => vec![8_000.0, 12_000.0],
            Gor => vec![300.0, 800.0],
            ReservoirPressure if gas => vec![3_600.0, 4_000.0],
            ReservoirPressure => vec![2_800.0, 3_000.0],
            Skin => vec![1.0, 4.0],
            LiftGasRate => vec![0.0, 300.0],
        }
    }

    /// Runs every variable on `base`: a model with a skin factor (or none) either solves
    /// every case or is refused up front with an error naming `skin`.
    fn every_variable<I: AdjustableInflow + Sync>(
        base: &NodalCase<'_, SimpleBlackOil, I>,
        has_skin: bool,
    ) {
        let opts = NodalOptions::default();
        let gas = base.inflow.rate_basis() == crate::inflow::RateBasis::Gas;
        for variable in SensitivityVariable::ALL {
            let axis = SensitivityAxis {
                variable,
                values: values(variable, gas),
            };
            let id = base.inflow.info().id;
            let r = sensitivity(base, &axis, None, &opts);
            if variable == SensitivityVariable::Skin && !has_skin {
                let e = r.unwrap_err().to_string();
                assert!(e.starts_with("skin:") && e.contains(id), "{id}: {e}");
                continue;
            }
            let r = r.unwrap_or_else(|e| panic!("{id} {}: {e}", variable.name()));
            for c in &r.cases {
                assert!(c.error.is_none(), "{id} {}: {:?}", variable.name(), c.error);
                let s = c.solution.as_ref().unwrap();
                let p = s.operating_point().unwrap_or_else(|| {
                    panic!(
                        "{id} {} = {}: {}",
                        variable.name(),
                        c.first_value,
                        s.outcome.name()
                    )
                });
                assert!(p.converged && p.rate > 0.0, "{id} {}", variable.name());
            }
        }
    }

    /// Every inflow model, oil and gas (including the pseudo-pressure gas inflow, which is
    /// not part of `InflowModel`), through every sensitivity variable.
    #[test]
    fn every_inflow_model_takes_every_variable() {
        let w = well();
        let oil = [
            (
                InflowModel::ProductivityIndex(ProductivityIndex::new(3000.0, 1.5).unwrap()),
                false,
            ),
            (darcy(), true),
            (
                InflowModel::Vogel(Vogel::new(3000.0, 2500.0).unwrap()),
                false,
            ),
            (
                InflowModel::Composite(CompositeIpr::new(3000.0, 2200.0, 1.5, 0.2).unwrap()),
                false,
            ),
            (
                InflowModel::StandingFe(StandingFe::new(3000.0, 0.8, 2500.0).unwrap()),
                false,
            ),
            (
                InflowModel::Fetkovich(Fetkovich::new(3000.0, 3e-3, 0.85).unwrap()),
                false,
            ),
            (
                InflowModel::JonesBlountGlaze(JonesBlountGlaze::new(3000.0, 0.8, 1e-5).unwrap()),
                false,
            ),
            (
                InflowModel::JonesBlountGlaze(
                    JonesBlountGlaze::from_properties(JonesBlountGlazeInput {
                        permeability_md: 30.0,
                        thickness_ft: 40.0,
                        perforated_interval_ft: 20.0,
                        viscosity_cp: 0.8,
                        fvf_rb_stb: 1.2,
                        oil_density_lbm_ft3: 47.0,
                        drainage_radius_ft: 1490.0,
                        wellbore_radius_ft: 0.354,
                        skin: 2.0,
                        reservoir_pressure_psia: 3000.0,
                    })
                    .unwrap(),
                ),
                true,
            ),
        ];
        for (model, has_skin) in oil {
            every_variable(&case(&w, model), has_skin);
        }
        let gas_input = GasDarcyInput {
            permeability_md: 2.0,
            thickness_ft: 30.0,
            temperature_degf: 200.0,
            drainage_radius_ft: 1490.0,
            wellbore_radius_ft: 0.354,
            skin: 1.0,
            non_darcy_coefficient_d_mscf: 1e-4,
            reservoir_pressure_psia: 4000.0,
        };
        let gas_case = |inflow| {
            let mut c = case(&w, inflow);
            c.well.gor_scf_stb = 10_000.0;
            c
        };
        every_variable(
            &gas_case(InflowModel::BackPressure(
                BackPressure::new(4000.0, 2e-4, 0.8).unwrap(),
            )),
            false,
        );
        every_variable(
            &gas_case(InflowModel::GasDarcyPressureSquared(
                GasDarcyPressureSquared::new(gas_input, 0.02, 0.9).unwrap(),
            )),
            true,
        );
        let m = |p: f64| -> CoreResult<f64> { Ok(p * p / (0.02 * 0.9)) };
        let pseudo = GasPseudoPressureInflow::new(gas_input, &m).unwrap();
        let mut c = case(&w, InflowModel::Vogel(Vogel::new(3000.0, 2500.0).unwrap()));
        c.well.gor_scf_stb = 10_000.0;
        let base = NodalCase::new(pseudo, c.well, c.wellhead_pressure_psia);
        every_variable(&base, true);
        // Gas lift on the gas well runs too.
        let g = crate::nodal::gas_lift_performance(
            &base,
            &[0.0, 200.0, 400.0],
            None,
            &NodalOptions::default(),
        )
        .unwrap();
        assert!(
            g.points
                .iter()
                .all(|p| p.error.is_none() && p.oil_rate_stb_d > 0.0)
        );
    }

    /// The composite IPR follows the water cut of the case.
    #[test]
    fn composite_inflow_uses_the_case_water_cut() {
        let w = well();
        let ipr = InflowModel::Composite(CompositeIpr::new(3500.0, 2500.0, 2.0, 0.0).unwrap());
        let base = case(&w, ipr);
        let opts = NodalOptions::default();
        let s = solve_with(&base, &[(SensitivityVariable::WaterCut, 0.5)], &opts).unwrap();
        let p = s.operating_point().unwrap();
        let expected = CompositeIpr::new(3500.0, 2500.0, 2.0, 0.5)
            .unwrap()
            .pressure_at(p.rate)
            .unwrap();
        assert!((p.bottomhole_pressure_psia - expected).abs() < 1e-9);
    }
}
