//! Gas-lift performance curve: oil rate against injected lift-gas rate, with the technical
//! and economic optima.

use super::operating_point::{NodalOptions, NodalSolution};
use super::parallel::parallel_map;
use super::sensitivity::{NodalCase, SensitivityVariable, solve_with};
use crate::error::{CoreError, CoreResult};
use crate::hydraulics::FluidModel;
use crate::inflow::AdjustableInflow;
use crate::numeric::golden_section_min;

/// Most lift-gas rates one performance curve may hold.
pub const MAX_GAS_LIFT_POINTS: usize = 100;

/// One point of the gas-lift performance curve.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GasLiftPoint {
    /// Injected lift gas, Mscf/d.
    pub lift_gas_rate_mscf_d: f64,
    /// Oil rate at the stable operating point, STB/d (0 when the well does not flow).
    pub oil_rate_stb_d: f64,
    /// Liquid rate there, STB/d (0 when the well does not flow).
    pub liquid_rate_stb_d: f64,
    /// Flowing bottom-hole pressure there, psia (`None` when the well does not flow).
    pub bottomhole_pressure_psia: Option<f64>,
    /// Outcome name ([`super::NodalOutcome::name`]), or `"error"`.
    pub outcome: &'static str,
    /// Why the point could not be computed.
    pub error: Option<String>,
}

/// An optimum of the gas-lift performance curve.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GasLiftOptimum {
    /// Lift gas, Mscf/d.
    pub lift_gas_rate_mscf_d: f64,
    /// Oil rate, STB/d.
    pub oil_rate_stb_d: f64,
    /// The optimum is at the first or last lift-gas rate given (the true optimum may lie
    /// outside the range: extend it).
    pub at_range_end: bool,
}

/// The gas-lift performance curve and its optima.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GasLiftPerformance {
    /// One point per lift-gas rate given, in order.
    pub points: Vec<GasLiftPoint>,
    /// Highest oil rate (technical optimum).
    pub maximum: Option<GasLiftOptimum>,
    /// Economic optimum: the lift-gas rate where one more Mscf/d of gas brings
    /// `marginal_oil_per_gas_stb_mscf` STB/d of oil, i.e. the maximum of
    /// `q_o − R q_gi`.
    pub economic: Option<GasLiftOptimum>,
    /// The marginal ratio R used, STB oil per Mscf lift gas.
    pub marginal_oil_per_gas_stb_mscf: Option<f64>,
}

/// Gas-lift performance of `base` (which must have a gas-lift injection point) at each
/// lift-gas rate (Mscf/d, 2 to 100 values, increasing, ≥ 0), solved in parallel.
///
/// The technical optimum is the maximum oil rate; the economic optimum, when a marginal
/// ratio R (STB/Mscf, > 0) is given, the maximum of `q_o(q_gi) − R q_gi`, where the slope of
/// the curve equals R. Each is located on the grid and, when it lies between two grid rates,
/// refined by golden-section search on full operating-point solves (to 0.1 % of the
/// bracketing interval). Rates where the well does not flow count as zero oil; rates that
/// fail are reported and left out.
pub fn gas_lift_performance<F: FluidModel + Sync + ?Sized, I: AdjustableInflow + Sync>(
    base: &NodalCase<'_, F, I>,
    lift_gas_rates_mscf_d: &[f64],
    marginal_oil_per_gas_stb_mscf: Option<f64>,
    options: &NodalOptions,
) -> CoreResult<GasLiftPerformance> {
    options.validate()?;
    if base.well.gas_lift.is_none() {
        return Err(CoreError::invalid(
            "gas_lift",
            "the case has no gas-lift injection point",
        ));
    }
    let rates = lift_gas_rates_mscf_d;
    if !(2..=MAX_GAS_LIFT_POINTS).contains(&rates.len()) {
        return Err(CoreError::invalid(
            "lift_gas_rates_mscf_d",
            format!(
                "needs 2 to {MAX_GAS_LIFT_POINTS} rates (got {})",
                rates.len()
            ),
        ));
    }
    for (i, &g) in rates.iter().enumerate() {
        if !(g.is_finite() && g >= 0.0) || (i > 0 && g <= rates[i - 1]) {
            return Err(CoreError::invalid(
                "lift_gas_rates_mscf_d",
                format!("rate {i} must be at least 0 and above the previous rate (got {g})"),
            ));
        }
    }
    if let Some(r) = marginal_oil_per_gas_stb_mscf {
        crate::error::require_positive("marginal_oil_per_gas_stb_mscf", r)?;
    }
    let solve = |g: f64| solve_with(base, &[(SensitivityVariable::LiftGasRate, g)], options);
    let points = parallel_map(rates, |&g| point(g, solve(g)))?;
    let oil = |g: f64| -> CoreResult<f64> { Ok(point(g, Ok(solve(g)?)).oil_rate_stb_d) };
    let maximum = optimum(&points, 0.0, &oil)?;
    let economic = match marginal_oil_per_gas_stb_mscf {
        Some(r) => optimum(&points, r, &oil)?,
        None => None,
    };
    Ok(GasLiftPerformance {
        points,
        maximum,
        economic,
        marginal_oil_per_gas_stb_mscf,
    })
}

fn point(lift_gas_rate_mscf_d: f64, solution: CoreResult<NodalSolution>) -> GasLiftPoint {
    match solution {
        Ok(s) => {
            let op = s.operating_point();
            let rates = op.and_then(|p| p.phase_rates);
            GasLiftPoint {
                lift_gas_rate_mscf_d,
                oil_rate_stb_d: rates.map_or(0.0, |r| r.oil_rate_stb_d),
                liquid_rate_stb_d: rates.map_or(0.0, |r| r.liquid_rate_stb_d),
                bottomhole_pressure_psia: op.map(|p| p.bottomhole_pressure_psia),
                outcome: s.outcome.name(),
                error: None,
            }
        }
        Err(e) => GasLiftPoint {
            lift_gas_rate_mscf_d,
            oil_rate_stb_d: 0.0,
            liquid_rate_stb_d: 0.0,
            bottomhole_pressure_psia: None,
            outcome: "error",
            error: Some(e.to_string()),
        },
    }
}

/// Maximum of `oil(g) − weight g` over the computed points, refined between the grid
/// neighbours of the best point.
fn optimum(
    points: &[GasLiftPoint],
    weight: f64,
    oil: &dyn Fn(f64) -> CoreResult<f64>,
) -> CoreResult<Option<GasLiftOptimum>> {
    let valid: Vec<&GasLiftPoint> = points.iter().filter(|p| p.error.is_none()).collect();
    let objective = |p: &GasLiftPoint| p.oil_rate_stb_d - weight * p.lift_gas_rate_mscf_d;
    let Some((k, best)) = valid
        .iter()
        .enumerate()
        .max_by(|a, b| objective(a.1).total_cmp(&objective(b.1)))
    else {
        return Ok(None);
    };
    if best.oil_rate_stb_d <= 0.0 {
        return Ok(None);
    }
    let at_range_end = k == 0 || k + 1 == valid.len();
    let mut result = GasLiftOptimum {
        lift_gas_rate_mscf_d: best.lift_gas_rate_mscf_d,
        oil_rate_stb_d: best.oil_rate_stb_d,
        at_range_end,
    };
    if !at_range_end {
        let a = valid[k - 1].lift_gas_rate_mscf_d;
        let b = valid[k + 1].lift_gas_rate_mscf_d;
        let (g, neg) =
            golden_section_min(|g| Ok(-(oil(g)? - weight * g)), a, b, 1e-3 * (b - a), 40)?;
        if -neg > objective(best) {
            result.lift_gas_rate_mscf_d = g;
            result.oil_rate_stb_d = -neg + weight * g;
        }
    }
    Ok(Some(result))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::hydraulics::{
        GasLift, GradientCorrelation, SimpleBlackOil, TemperatureProfile, VlpCase,
    };
    use crate::inflow::{InflowModel, ProductivityIndex};
    use crate::wellbore::{Conduit, FlowPath, Survey};

    /// A heavy, gas-poor stream in 3.5-in tubing from 9,000 ft: dead without lift gas, so
    /// the curve rises from zero, peaks where friction of the added gas outweighs its
    /// lightening, then falls.
    #[test]
    fn performance_curve_has_an_interior_maximum_and_economic_optimum() {
        let survey = Survey::vertical(9000.0).unwrap();
        let path = FlowPath::single(
            0.0,
            9000.0,
            Conduit::Tubing {
                inner_diameter_in: 2.441,
                roughness_in: 0.0006,
            },
        )
        .unwrap();
        let fluid = SimpleBlackOil::default();
        let mut well = VlpCase::new(
            &survey,
            &path,
            &fluid,
            0.5,
            100.0,
            GradientCorrelation::HagedornBrownModified,
            TemperatureProfile {
                top_temperature_degf: 100.0,
                bottom_temperature_degf: 220.0,
            },
        );
        well.gas_lift = Some(GasLift {
            injection_md_ft: 8500.0,
            gas_rate_mscf_d: 0.0,
        });
        let ipr = InflowModel::ProductivityIndex(ProductivityIndex::new(3300.0, 3.0).unwrap());
        let base = NodalCase::new(ipr, well, 150.0);
        let rates: Vec<f64> = vec![0.0, 500.0, 1000.0, 2000.0, 3000.0, 4000.0, 5000.0];
        let perf =
            gas_lift_performance(&base, &rates, Some(0.2), &NodalOptions::default()).unwrap();
        assert_eq!(perf.points.len(), rates.len());
        assert!(
            perf.points.iter().all(|p| p.error.is_none()),
            "{:?}",
            perf.points
        );
        let max = perf.maximum.unwrap();
        let best_grid = perf
            .points
            .iter()
            .map(|p| p.oil_rate_stb_d)
            .fold(0.0, f64::max);
        assert!(max.oil_rate_stb_d >= best_grid - 1e-9);
        assert!(!max.at_range_end, "{:?}", perf.points);
        assert!(max.lift_gas_rate_mscf_d > 2000.0 && max.lift_gas_rate_mscf_d < 4000.0);
        // Dead without lift gas.
        assert_eq!(perf.points[0].outcome, "no_flow");
        let eco = perf.economic.unwrap();
        assert!(eco.lift_gas_rate_mscf_d < max.lift_gas_rate_mscf_d);
        assert!(eco.oil_rate_stb_d <= max.oil_rate_stb_d);
        // The economic optimum maximises q_o − 0.2 q_gi, at least as well as any grid point.
        let profit = |o: f64, g: f64| o - 0.2 * g;
        for p in &perf.points {
            assert!(
                profit(eco.oil_rate_stb_d, eco.lift_gas_rate_mscf_d)
                    >= profit(p.oil_rate_stb_d, p.lift_gas_rate_mscf_d) - 1e-9
            );
        }
    }

    #[test]
    fn inputs_are_validated() {
        let survey = Survey::vertical(5000.0).unwrap();
        let path = FlowPath::single(
            0.0,
            5000.0,
            Conduit::Tubing {
                inner_diameter_in: 2.441,
                roughness_in: 0.0006,
            },
        )
        .unwrap();
        let fluid = SimpleBlackOil::default();
        let well = VlpCase::new(
            &survey,
            &path,
            &fluid,
            0.5,
            100.0,
            GradientCorrelation::HagedornBrownModified,
            TemperatureProfile {
                top_temperature_degf: 100.0,
                bottom_temperature_degf: 180.0,
            },
        );
        let ipr = InflowModel::ProductivityIndex(ProductivityIndex::new(2500.0, 3.0).unwrap());
        let mut base = NodalCase::new(ipr, well, 150.0);
        let o = NodalOptions::default();
        let e = gas_lift_performance(&base, &[0.0, 100.0], None, &o)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("gas_lift:"), "{e}");
        base.well.gas_lift = Some(GasLift {
            injection_md_ft: 4500.0,
            gas_rate_mscf_d: 0.0,
        });
        let e = gas_lift_performance(&base, &[100.0, 50.0], None, &o)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("lift_gas_rates_mscf_d:") && e.contains("rate 1"),
            "{e}"
        );
        let e = gas_lift_performance(&base, &[0.0, 100.0], Some(-1.0), &o)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("marginal_oil_per_gas_stb_mscf:"), "{e}");
    }
}
