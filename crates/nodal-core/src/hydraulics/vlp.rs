//! Outflow (vertical lift performance, VLP) curves and their inverse solves.
//!
//! A VLP curve is the flowing bottom-hole pressure a well needs to lift each liquid rate to a
//! fixed wellhead pressure, at fixed water cut and GOR: one top-down traverse per rate.

use super::GradientCorrelation;
use super::fluid::{FluidModel, SurfaceRates};
use super::friction::FrictionCorrelation;
use super::range_check::PathRangeWarning;
use super::traverse::{
    FlowDirection, GasLift, KnownPressure, StepControl, TemperatureProfile, TraverseInput,
    traverse_end_pressure, traverse_end_pressure_checked,
};
use crate::error::{CoreError, CoreResult};
use crate::numeric::brent;
use crate::units::STANDARD_PRESSURE_PSIA;
use crate::wellbore::{FlowPath, Survey};

/// A producing well and its fluid, without rate or pressure: what stays fixed along a VLP
/// curve.
#[derive(Debug, Clone, Copy)]
pub struct VlpCase<'a, F: ?Sized> {
    /// Deviation survey.
    pub survey: &'a Survey,
    /// Flow path (the top is the wellhead, the bottom the depth of the bottom-hole pressure).
    pub flow_path: &'a FlowPath,
    /// Fluid model.
    pub fluid: &'a F,
    /// Water cut, fraction of liquid (0 to 1).
    pub water_cut_fraction: f64,
    /// Produced gas-oil ratio, scf/STB.
    pub gor_scf_stb: f64,
    /// Optional gas-lift injection.
    pub gas_lift: Option<GasLift>,
    /// Pressure-gradient correlation.
    pub correlation: GradientCorrelation,
    /// Turbulent friction-factor equation.
    pub friction: FrictionCorrelation,
    /// Temperature profile.
    pub temperature: TemperatureProfile,
    /// Step control.
    pub step: StepControl,
    /// Elevation-gradient multiplier.
    pub gravity_multiplier: f64,
    /// Friction-gradient multiplier.
    pub friction_multiplier: f64,
}

impl<'a, F: FluidModel + ?Sized> VlpCase<'a, F> {
    /// A case with default step control, Colebrook friction, no gas lift and unit multipliers.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        survey: &'a Survey,
        flow_path: &'a FlowPath,
        fluid: &'a F,
        water_cut_fraction: f64,
        gor_scf_stb: f64,
        correlation: GradientCorrelation,
        temperature: TemperatureProfile,
    ) -> Self {
        Self {
            survey,
            flow_path,
            fluid,
            water_cut_fraction,
            gor_scf_stb,
            gas_lift: None,
            correlation,
            friction: FrictionCorrelation::Colebrook,
            temperature,
            step: StepControl::default(),
            gravity_multiplier: 1.0,
            friction_multiplier: 1.0,
        }
    }

    /// The traverse input of this case at one liquid rate and known pressure.
    pub fn traverse_input(
        &self,
        liquid_rate_stb_d: f64,
        known_pressure: KnownPressure,
    ) -> CoreResult<TraverseInput<'a, F>> {
        let rates = SurfaceRates::from_liquid(
            liquid_rate_stb_d,
            self.water_cut_fraction,
            self.gor_scf_stb,
        )?;
        Ok(TraverseInput {
            survey: self.survey,
            flow_path: self.flow_path,
            fluid: self.fluid,
            rates,
            gas_lift: self.gas_lift,
            correlation: self.correlation,
            friction: self.friction,
            temperature: self.temperature,
            known_pressure,
            direction: FlowDirection::Production,
            step: self.step,
            gravity_multiplier: self.gravity_multiplier,
            friction_multiplier: self.friction_multiplier,
        })
    }

    /// Flowing bottom-hole pressure at one liquid rate and wellhead pressure, psia.
    pub fn bottomhole_pressure(
        &self,
        liquid_rate_stb_d: f64,
        wellhead_pressure_psia: f64,
    ) -> CoreResult<f64> {
        traverse_end_pressure(&self.traverse_input(
            liquid_rate_stb_d,
            KnownPressure::Top(wellhead_pressure_psia),
        )?)
    }

    /// [`Self::bottomhole_pressure`] that also adds the traverse's range warnings to
    /// `warnings` (see [`traverse_end_pressure_checked`]).
    pub fn bottomhole_pressure_checked(
        &self,
        liquid_rate_stb_d: f64,
        wellhead_pressure_psia: f64,
        warnings: &mut Vec<PathRangeWarning>,
    ) -> CoreResult<f64> {
        traverse_end_pressure_checked(
            &self.traverse_input(
                liquid_rate_stb_d,
                KnownPressure::Top(wellhead_pressure_psia),
            )?,
            warnings,
        )
    }
}

/// One point of a VLP curve.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct VlpPoint {
    /// Liquid rate, STB/d.
    pub liquid_rate_stb_d: f64,
    /// Flowing bottom-hole pressure, psia.
    pub bottomhole_pressure_psia: f64,
}

/// Most rates one VLP curve may hold.
pub const MAX_VLP_RATES: usize = 200;

/// Bottom-hole pressure at each liquid rate (STB/d, each > 0) for a fixed wellhead pressure
/// (psia). Errors name the rate that failed.
///
/// ```
/// use nodal_core::hydraulics::*;
/// use nodal_core::wellbore::{Conduit, FlowPath, Survey};
/// let survey = Survey::vertical(8000.0).unwrap();
/// let path = FlowPath::single(0.0, 8000.0,
///     Conduit::Tubing { inner_diameter_in: 2.441, roughness_in: 0.0006 }).unwrap();
/// let fluid = SimpleBlackOil::default();
/// let case = VlpCase::new(&survey, &path, &fluid, 0.3, 400.0,
///     GradientCorrelation::BeggsBrillPayne1979,
///     TemperatureProfile { top_temperature_degf: 100.0, bottom_temperature_degf: 200.0 });
/// let curve = vlp_curve(&case, 200.0, &[200.0, 1000.0, 3000.0]).unwrap();
/// assert_eq!(curve.len(), 3);
/// // Friction dominates at high rate: the curve rises.
/// assert!(curve[2].bottomhole_pressure_psia > curve[1].bottomhole_pressure_psia);
/// ```
pub fn vlp_curve<F: FluidModel + ?Sized>(
    case: &VlpCase<'_, F>,
    wellhead_pressure_psia: f64,
    liquid_rates_stb_d: &[f64],
) -> CoreResult<Vec<VlpPoint>> {
    vlp_curve_checked(
        case,
        wellhead_pressure_psia,
        liquid_rates_stb_d,
        &mut Vec::new(),
    )
}

/// [`vlp_curve`] that also reports where the traverses left the correlation's published
/// range: one [`PathRangeWarning`] per input over all rates (the worst value, the MD span and
/// the station count summed over the rates), appended to `warnings`.
pub fn vlp_curve_checked<F: FluidModel + ?Sized>(
    case: &VlpCase<'_, F>,
    wellhead_pressure_psia: f64,
    liquid_rates_stb_d: &[f64],
    warnings: &mut Vec<PathRangeWarning>,
) -> CoreResult<Vec<VlpPoint>> {
    if liquid_rates_stb_d.is_empty() || liquid_rates_stb_d.len() > MAX_VLP_RATES {
        return Err(CoreError::invalid(
            "liquid_rates_stb_d",
            format!(
                "needs 1 to {MAX_VLP_RATES} rates (got {})",
                liquid_rates_stb_d.len()
            ),
        ));
    }
    let mut out = Vec::with_capacity(liquid_rates_stb_d.len());
    for (i, &q) in liquid_rates_stb_d.iter().enumerate() {
        if !(q.is_finite() && q > 0.0) {
            return Err(CoreError::invalid(
                "liquid_rates_stb_d",
                format!("rate {i} must be a finite number greater than zero (got {q})"),
            ));
        }
        let bhp = case
            .bottomhole_pressure_checked(q, wellhead_pressure_psia, warnings)
            .map_err(|e| CoreError::Physical(format!("at liquid rate {q} STB/d: {e}")))?;
        out.push(VlpPoint {
            liquid_rate_stb_d: q,
            bottomhole_pressure_psia: bhp,
        });
    }
    Ok(out)
}

/// Wellhead pressure (psia) at which the well delivers `liquid_rate_stb_d` against a
/// bottom-hole pressure of `bottomhole_pressure_psia`.
///
/// Solved by Brent's method on the top-down traverse (the same calculation as
/// [`vlp_curve`]), bracketed between the lowest wellhead pressure at which the traverse runs
/// (atmospheric, or the first of 2×, 4×, ... atmospheric below the target when the flow is
/// critical at lower pressure) and the target itself. Errors when even that lowest wellhead
/// pressure needs more than the target bottom-hole pressure (the well cannot lift that rate),
/// naming both pressures.
pub fn wellhead_pressure_for_bottomhole_pressure<F: FluidModel + ?Sized>(
    case: &VlpCase<'_, F>,
    liquid_rate_stb_d: f64,
    bottomhole_pressure_psia: f64,
) -> CoreResult<f64> {
    crate::error::require_positive("liquid_rate_stb_d", liquid_rate_stb_d)?;
    crate::error::require_in_range(
        "bottomhole_pressure_psia",
        bottomhole_pressure_psia,
        STANDARD_PRESSURE_PSIA,
        30_000.0,
    )?;
    let residual = |whp: f64| -> CoreResult<f64> {
        Ok(case.bottomhole_pressure(liquid_rate_stb_d, whp)? - bottomhole_pressure_psia)
    };
    let hi = bottomhole_pressure_psia;
    // The lowest wellhead pressure at which the traverse runs: at very low pressure the gas
    // can reach critical velocity near the wellhead, so step up from atmospheric.
    let mut lo = STANDARD_PRESSURE_PSIA;
    let f_lo = loop {
        match residual(lo) {
            Ok(f) => break f,
            Err(e) if lo >= hi => return Err(e),
            Err(_) => lo = (2.0 * lo).min(hi),
        }
    };
    if f_lo > 0.0 {
        return Err(CoreError::Physical(format!(
            "a bottom-hole pressure of {bottomhole_pressure_psia:.1} psia cannot lift {liquid_rate_stb_d} STB/d: even at a wellhead pressure of {lo:.1} psia the well needs {:.1} psia",
            f_lo + bottomhole_pressure_psia
        )));
    }
    let f_hi = residual(hi)?;
    if f_hi < 0.0 {
        return Err(CoreError::Physical(format!(
            "the flow path gains pressure upward at {liquid_rate_stb_d} STB/d (wellhead {hi:.1} psia gives {:.1} psia at bottom); no wellhead pressure below the bottom-hole pressure matches",
            f_hi + bottomhole_pressure_psia
        )));
    }
    brent(
        residual,
        lo,
        hi,
        f_lo,
        f_hi,
        1e-6,
        1e-4,
        60,
        "wellhead_pressure_for_bottomhole_pressure",
    )?
    .or_no_convergence("wellhead_pressure_for_bottomhole_pressure")
}

/// Liquid rate (STB/d) within `[rate_low_stb_d, rate_high_stb_d]` at which the bottom-hole
/// pressure for a fixed wellhead pressure equals `bottomhole_pressure_psia`.
///
/// A VLP curve is often J-shaped (gravity-dominated at low rate, friction-dominated at high
/// rate), so the caller chooses the bracket, normally on the stable (rising) branch. Brent's
/// method; errors when the target is not bracketed, giving the pressures at both ends.
pub fn liquid_rate_for_bottomhole_pressure<F: FluidModel + ?Sized>(
    case: &VlpCase<'_, F>,
    wellhead_pressure_psia: f64,
    bottomhole_pressure_psia: f64,
    rate_low_stb_d: f64,
    rate_high_stb_d: f64,
) -> CoreResult<f64> {
    crate::error::require_positive("rate_low_stb_d", rate_low_stb_d)?;
    crate::error::require_positive("rate_high_stb_d", rate_high_stb_d)?;
    if rate_high_stb_d <= rate_low_stb_d {
        return Err(CoreError::invalid(
            "rate_high_stb_d",
            format!("must exceed rate_low_stb_d {rate_low_stb_d} (got {rate_high_stb_d})"),
        ));
    }
    crate::error::require_positive("bottomhole_pressure_psia", bottomhole_pressure_psia)?;
    let residual = |q: f64| -> CoreResult<f64> {
        Ok(case.bottomhole_pressure(q, wellhead_pressure_psia)? - bottomhole_pressure_psia)
    };
    let f_lo = residual(rate_low_stb_d)?;
    let f_hi = residual(rate_high_stb_d)?;
    if f_lo.signum() == f_hi.signum() && f_lo != 0.0 && f_hi != 0.0 {
        return Err(CoreError::Physical(format!(
            "a bottom-hole pressure of {bottomhole_pressure_psia:.1} psia is not reached between {rate_low_stb_d} and {rate_high_stb_d} STB/d (the well needs {:.1} to {:.1} psia there)",
            f_lo + bottomhole_pressure_psia,
            f_hi + bottomhole_pressure_psia
        )));
    }
    brent(
        residual,
        rate_low_stb_d,
        rate_high_stb_d,
        f_lo,
        f_hi,
        1e-6 * rate_high_stb_d,
        1e-4,
        60,
        "liquid_rate_for_bottomhole_pressure",
    )?
    .or_no_convergence("liquid_rate_for_bottomhole_pressure")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::hydraulics::fluid::SimpleBlackOil;
    use crate::wellbore::Conduit;

    struct Well {
        survey: Survey,
        path: FlowPath,
        fluid: SimpleBlackOil,
    }

    fn well() -> Well {
        Well {
            survey: Survey::vertical(9000.0).unwrap(),
            path: FlowPath::single(
                0.0,
                9000.0,
                Conduit::Tubing {
                    inner_diameter_in: 2.441,
                    roughness_in: 0.0006,
                },
            )
            .unwrap(),
            fluid: SimpleBlackOil::default(),
        }
    }

    fn case(w: &Well) -> VlpCase<'_, SimpleBlackOil> {
        VlpCase::new(
            &w.survey,
            &w.path,
            &w.fluid,
            0.4,
            500.0,
            GradientCorrelation::HagedornBrownModified,
            TemperatureProfile {
                top_temperature_degf: 100.0,
                bottom_temperature_degf: 220.0,
            },
        )
    }

    /// Hagedorn and Brown's data came from 1.049 to 1.610 in tubing: every traverse of the
    /// curve in 2.441 in tubing is outside, and the curve reports it once, counting the
    /// stations of all rates; the pressures are those of the unchecked curve.
    #[test]
    fn checked_curve_reports_each_range_once_over_all_rates() {
        let w = well();
        let c = case(&w);
        let rates = [300.0, 1000.0, 2500.0];
        let mut warnings = Vec::new();
        let checked = vlp_curve_checked(&c, 200.0, &rates, &mut warnings).unwrap();
        assert_eq!(checked, vlp_curve(&c, 200.0, &rates).unwrap());
        let diameter: Vec<_> = warnings
            .iter()
            .filter(|w| w.range.param == "diameter_in")
            .collect();
        assert_eq!(diameter.len(), 1, "{warnings:?}");
        assert_eq!(diameter[0].range.method, "hagedorn_brown_1965_modified");
        assert_eq!(diameter[0].range.value, 2.441);
        assert_eq!(
            (diameter[0].top_md_ft, diameter[0].bottom_md_ft),
            (0.0, 9000.0)
        );
        let stations: usize = rates
            .iter()
            .map(|&q| {
                let input = c.traverse_input(q, KnownPressure::Top(200.0)).unwrap();
                crate::hydraulics::traverse(&input).unwrap().stations.len()
            })
            .sum();
        assert_eq!(diameter[0].station_count, stations);
        assert!(!warnings.iter().any(|w| w.range.param == "angle_deg"));
    }

    #[test]
    fn curve_points_are_single_traverses() {
        let w = well();
        let c = case(&w);
        let rates = [100.0, 500.0, 1000.0, 2000.0, 4000.0];
        let curve = vlp_curve(&c, 250.0, &rates).unwrap();
        for (point, q) in curve.iter().zip(rates) {
            assert_eq!(point.liquid_rate_stb_d, q);
            assert_eq!(
                point.bottomhole_pressure_psia,
                c.bottomhole_pressure(q, 250.0).unwrap()
            );
        }
        // Friction-dominated at the high end.
        assert!(curve[4].bottomhole_pressure_psia > curve[3].bottomhole_pressure_psia);
    }

    #[test]
    fn wellhead_pressure_inverse_round_trips() {
        let w = well();
        let c = case(&w);
        let bhp = c.bottomhole_pressure(1500.0, 300.0).unwrap();
        let whp = wellhead_pressure_for_bottomhole_pressure(&c, 1500.0, bhp).unwrap();
        assert!((whp - 300.0).abs() < 1e-3, "{whp}");
    }

    #[test]
    fn rate_inverse_round_trips_on_the_rising_branch() {
        let w = well();
        let c = case(&w);
        let bhp = c.bottomhole_pressure(2500.0, 200.0).unwrap();
        let q = liquid_rate_for_bottomhole_pressure(&c, 200.0, bhp, 1500.0, 5000.0).unwrap();
        assert!((q - 2500.0).abs() < 0.05, "{q}");
    }

    #[test]
    fn unreachable_targets_are_errors() {
        let w = well();
        let c = case(&w);
        // 1,000 psia cannot hold a 9,000-ft column of 40 % water cut liquid at 1,500 STB/d.
        let err = wellhead_pressure_for_bottomhole_pressure(&c, 1500.0, 1000.0)
            .unwrap_err()
            .to_string();
        assert!(err.contains("cannot lift"), "{err}");
        let err = liquid_rate_for_bottomhole_pressure(&c, 200.0, 100_000.0, 1000.0, 2000.0)
            .unwrap_err()
            .to_string();
        assert!(err.contains("not reached between"), "{err}");
        assert!(vlp_curve(&c, 200.0, &[]).is_err());
        assert!(
            vlp_curve(&c, 200.0, &[100.0, -5.0])
                .unwrap_err()
                .to_string()
                .contains("rate 1")
        );
    }
}
