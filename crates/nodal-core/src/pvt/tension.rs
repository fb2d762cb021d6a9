//! Interfacial (surface) tension, dyne/cm: gas-oil by Baker and Swerdloff (1956) and by
//! Abdul-Majeed and Abu Al-Soof (2000); gas-water by the 74 °F / 280 °F chart fit.
//!
//! Every result is floored at [`TENSION_FLOOR_DYNE_CM`]: the empirical pressure and
//! dissolved-gas corrections reach zero or go negative at high pressure (Baker-Swerdloff's
//! factor `1 − 0.024 p^0.45` is zero at about 3,980 psia), and a zero or negative tension
//! would make the dimensionless groups of multiphase-flow correlations infinite.

use crate::error::{CoreError, CoreResult, require_positive};
use crate::method::{MethodInfo, ParamRange};

/// Smallest tension returned, dyne/cm. An engineering guard, not part of any correlation:
/// the usual floor in multiphase-flow practice, below which the correlations are
/// extrapolating past the data anyway.
pub const TENSION_FLOOR_DYNE_CM: f64 = 1.0;

fn floored(sigma: f64) -> f64 {
    sigma.max(TENSION_FLOOR_DYNE_CM)
}

fn require_temperature(temperature_degf: f64) -> CoreResult<f64> {
    if temperature_degf.is_finite() && temperature_degf > -459.67 {
        Ok(temperature_degf)
    } else {
        Err(CoreError::invalid(
            "temperature_degf",
            format!("must be a finite temperature above absolute zero (got {temperature_degf})"),
        ))
    }
}

fn require_api(oil_api: f64) -> CoreResult<f64> {
    if oil_api.is_finite() && oil_api > 0.0 && oil_api < 100.0 {
        Ok(oil_api)
    } else {
        Err(CoreError::invalid(
            "oil_api",
            format!("must be an API gravity between 0 and 100 (got {oil_api})"),
        ))
    }
}

/// Gas-oil tension correlation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum GasOilTensionMethod {
    /// Baker and Swerdloff (1956): [`gas_oil_tension_baker_swerdloff_1956`].
    #[default]
    #[cfg_attr(feature = "serde", serde(rename = "baker_swerdloff_1956"))]
    BakerSwerdloff1956,
    /// Abdul-Majeed and Abu Al-Soof (2000): [`gas_oil_tension_abdul_majeed_2000`].
    #[cfg_attr(feature = "serde", serde(rename = "abdul_majeed_abu_al_soof_2000"))]
    AbdulMajeedAbuAlSoof2000,
}

/// Inputs of a gas-oil tension calculation. Baker-Swerdloff uses pressure; Abdul-Majeed uses
/// the solution gas-oil ratio at that pressure.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct GasOilTensionInput {
    /// Pressure, psia.
    pub pressure_psia: f64,
    /// Temperature, °F.
    pub temperature_degf: f64,
    /// Stock-tank oil gravity, °API.
    pub oil_api: f64,
    /// Solution gas-oil ratio at this pressure and temperature, scf/STB.
    pub solution_gor_scf_stb: f64,
}

impl GasOilTensionMethod {
    /// Every method, in a stable order.
    pub const ALL: [Self; 2] = [Self::BakerSwerdloff1956, Self::AbdulMajeedAbuAlSoof2000];

    /// Metadata of the correlation.
    pub fn info(self) -> &'static MethodInfo {
        match self {
            Self::BakerSwerdloff1956 => &GAS_OIL_TENSION_BAKER_SWERDLOFF_1956,
            Self::AbdulMajeedAbuAlSoof2000 => &GAS_OIL_TENSION_ABDUL_MAJEED_2000,
        }
    }

    /// Stable identifier, e.g. `"baker_swerdloff_1956"`.
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// The method with identifier `id`, if any.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.id() == id)
    }

    /// Gas-oil tension, dyne/cm.
    pub fn evaluate(self, input: &GasOilTensionInput) -> CoreResult<f64> {
        match self {
            Self::BakerSwerdloff1956 => gas_oil_tension_baker_swerdloff_1956(
                input.pressure_psia,
                input.temperature_degf,
                input.oil_api,
            ),
            Self::AbdulMajeedAbuAlSoof2000 => gas_oil_tension_abdul_majeed_2000(
                input.temperature_degf,
                input.oil_api,
                input.solution_gor_scf_stb,
            ),
        }
    }
}

/// Gas-water tension correlation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum GasWaterTensionMethod {
    /// The 74 °F / 280 °F chart fit: [`gas_water_tension_katz_1959`].
    #[default]
    #[cfg_attr(feature = "serde", serde(rename = "katz_1959_chart_fit"))]
    Katz1959ChartFit,
}

impl GasWaterTensionMethod {
    /// Every method, in a stable order.
    pub const ALL: [Self; 1] = [Self::Katz1959ChartFit];

    /// Metadata of the correlation.
    pub fn info(self) -> &'static MethodInfo {
        match self {
            Self::Katz1959ChartFit => &GAS_WATER_TENSION_KATZ_1959,
        }
    }

    /// Stable identifier, e.g. `"katz_1959_chart_fit"`.
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// The method with identifier `id`, if any.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.id() == id)
    }

    /// Gas-water tension, dyne/cm, at `pressure_psia` and `temperature_degf`.
    pub fn evaluate(self, pressure_psia: f64, temperature_degf: f64) -> CoreResult<f64> {
        match self {
            Self::Katz1959ChartFit => gas_water_tension_katz_1959(pressure_psia, temperature_degf),
        }
    }
}

/// Metadata of [`gas_oil_tension_baker_swerdloff_1956`].
///
/// Data range: temperature 68-100 °F. Baker and Swerdloff's dead-oil tension rests on
/// measurements at 68 and 100 °F (Baker, O. and Swerdloff, W., Oil and Gas J., 2 Jan. 1956,
/// 125; the two lines as reprinted in Brill and Mukherjee 1999, SPE Monograph 17, Ch. 2);
/// outside them the value is held constant, an extrapolation that
/// [`crate::pvt::fluid::BlackOilFluid::check_ranges`] reports as a warning. No pressure or
/// API range is published with the dissolved-gas chart, so none is checked.
pub static GAS_OIL_TENSION_BAKER_SWERDLOFF_1956: MethodInfo = MethodInfo {
    id: "baker_swerdloff_1956",
    property: "gas_oil_interfacial_tension",
    variant: "Dead oil: 39 - 0.2571 API at 68 °F and 37.5 - 0.2571 API at 100 °F, linear \
              between and held constant outside (no extrapolation); live oil: times \
              1 - 0.024 p^0.45 (p psia), the curve fit of Baker and Swerdloff's dissolved-gas \
              chart; floored at 1 dyne/cm",
    source: "Baker, O. and Swerdloff, W.: \"Finding Surface Tension of Hydrocarbon Liquids\", \
             Oil and Gas J. (2 Jan. 1956) 125; equations as given in Brill, J.P. and \
             Mukherjee, H.: Multiphase Flow in Wells, SPE Monograph 17 (1999), Ch. 2",
    ranges: &[ParamRange {
        param: "temperature_degf",
        min: 68.0,
        max: 100.0,
    }],
};

/// Metadata of [`gas_oil_tension_abdul_majeed_2000`].
///
/// No data range: none was found in the sources consulted, so `ranges` is empty and this
/// method never raises a range warning. That absence says nothing about its accuracy: the
/// recommender does not treat it as "inside the data" (see [`crate::pvt::recommend`]).
pub static GAS_OIL_TENSION_ABDUL_MAJEED_2000: MethodInfo = MethodInfo {
    id: "abdul_majeed_abu_al_soof_2000",
    property: "gas_oil_interfacial_tension",
    variant: "Dead oil: (1.17013 - 1.694e-3 T)(38.085 - 0.259 API), T °F; live oil: times \
              0.056379 + 0.94362 exp(-3.8491e-3 Rs), Rs scf/STB (pressure enters through \
              Rs); floored at 1 dyne/cm; no published data range was found in the sources \
              consulted",
    source: "Abdul-Majeed, G.H. and Abu Al-Soof, N.B.: \"Estimation of Gas-Oil Surface \
             Tension\", J. Petroleum Science and Engineering 27(3-4) (2000) 197-200",
    ranges: &[],
};

/// Metadata of [`gas_water_tension_katz_1959`].
///
/// Data range: temperature 74-280 °F, the two isotherms of the water-methane chart of
/// Katz et al. (1959), *Handbook of Natural Gas Engineering*, that the fit reproduces
/// (Brill and Mukherjee 1999, SPE Monograph 17, Ch. 2); outside them the value is held
/// constant, which [`crate::pvt::fluid::BlackOilFluid::check_ranges`] reports as a warning.
pub static GAS_WATER_TENSION_KATZ_1959: MethodInfo = MethodInfo {
    id: "katz_1959_chart_fit",
    property: "gas_water_interfacial_tension",
    variant: "sigma(74 °F) = 75 - 1.108 p^0.349, sigma(280 °F) = 53 - 0.1048 p^0.637 (p psia), \
              linear in T between and held constant outside; fit of the water-methane \
              tension chart of Katz et al. (1959). Attributions vary: pyrestoolbox labels this \
              fit Jennings and Newman (1971), pengtools Baker and Swerdloff (1956).",
    source: "Katz, D.L. et al.: Handbook of Natural Gas Engineering, McGraw-Hill (1959), \
             water-hydrocarbon surface tension chart; curve fit as given in Brill, J.P. and \
             Mukherjee, H.: Multiphase Flow in Wells, SPE Monograph 17 (1999), Ch. 2",
    ranges: &[ParamRange {
        param: "temperature_degf",
        min: 74.0,
        max: 280.0,
    }],
};

/// Dead-oil surface tension by Baker and Swerdloff (1956), dyne/cm.
///
/// `σ68 = 39 − 0.2571 API`, `σ100 = 37.5 − 0.2571 API`; between 68 and 100 °F,
/// `σ = σ68 − (T − 68)(σ68 − σ100)/32`; below 68 °F `σ68`, above 100 °F `σ100` (the data do
/// not support extrapolation). Floored at [`TENSION_FLOOR_DYNE_CM`].
///
/// Source: Baker and Swerdloff, *Oil and Gas J.* (2 Jan. 1956) 125; Brill and Mukherjee
/// (1999), SPE Monograph 17, Ch. 2.
///
/// ```
/// use nodal_core::pvt::tension::dead_oil_tension_baker_swerdloff_1956;
/// let sigma = dead_oil_tension_baker_swerdloff_1956(84.0, 35.0).unwrap();
/// assert!((sigma - (39.0 - 0.75 - 0.2571 * 35.0)).abs() < 1e-12);
/// ```
pub fn dead_oil_tension_baker_swerdloff_1956(
    temperature_degf: f64,
    oil_api: f64,
) -> CoreResult<f64> {
    let t = require_temperature(temperature_degf)?;
    let api = require_api(oil_api)?;
    let sigma_68 = 39.0 - 0.2571 * api;
    let sigma_100 = 37.5 - 0.2571 * api;
    let sigma = if t <= 68.0 {
        sigma_68
    } else if t >= 100.0 {
        sigma_100
    } else {
        sigma_68 - (t - 68.0) * (sigma_68 - sigma_100) / 32.0
    };
    Ok(floored(sigma))
}

/// Live-oil (gas-oil) surface tension by Baker and Swerdloff (1956), dyne/cm.
///
/// `σ = σ_dead · (1 − 0.024 p^0.45)` with the dead-oil value from
/// [`dead_oil_tension_baker_swerdloff_1956`] and `p` in psia: the curve fit of Baker and
/// Swerdloff's chart of the effect of dissolved gas. The factor reaches zero near 3,980 psia;
/// the result is floored at [`TENSION_FLOOR_DYNE_CM`].
///
/// Source: Baker and Swerdloff (1956); Brill and Mukherjee (1999), SPE Monograph 17, Ch. 2.
///
/// ```
/// use nodal_core::pvt::tension::gas_oil_tension_baker_swerdloff_1956;
/// let sigma = gas_oil_tension_baker_swerdloff_1956(1000.0, 150.0, 35.0).unwrap();
/// let expected = (37.5 - 0.2571 * 35.0) * (1.0 - 0.024 * 1000f64.powf(0.45));
/// assert!((sigma - expected).abs() < 1e-12);
/// ```
pub fn gas_oil_tension_baker_swerdloff_1956(
    pressure_psia: f64,
    temperature_degf: f64,
    oil_api: f64,
) -> CoreResult<f64> {
    let p = require_positive("pressure_psia", pressure_psia)?;
    let dead = dead_oil_tension_baker_swerdloff_1956(temperature_degf, oil_api)?;
    Ok(floored(dead * (1.0 - 0.024 * p.powf(0.45))))
}

/// Dead-oil surface tension by Abdul-Majeed and Abu Al-Soof (2000), dyne/cm.
///
/// `σ_od = (1.17013 − 1.694×10⁻³ T)(38.085 − 0.259 API)`, `T` in °F. Floored at
/// [`TENSION_FLOOR_DYNE_CM`].
///
/// Source: Abdul-Majeed and Abu Al-Soof, *J. Petroleum Science and Engineering* 27 (2000)
/// 197–200.
///
/// ```
/// use nodal_core::pvt::tension::dead_oil_tension_abdul_majeed_2000;
/// let sigma = dead_oil_tension_abdul_majeed_2000(100.0, 35.0).unwrap();
/// assert!((sigma - 29.0412).abs() < 1e-4);
/// ```
pub fn dead_oil_tension_abdul_majeed_2000(temperature_degf: f64, oil_api: f64) -> CoreResult<f64> {
    let t = require_temperature(temperature_degf)?;
    let api = require_api(oil_api)?;
    Ok(floored((1.17013 - 1.694e-3 * t) * (38.085 - 0.259 * api)))
}

/// Live-oil (gas-oil) surface tension by Abdul-Majeed and Abu Al-Soof (2000), dyne/cm.
///
/// `σ_o = σ_od (0.056379 + 0.94362 exp(−3.8491×10⁻³ Rs))` with the dead-oil value from
/// [`dead_oil_tension_abdul_majeed_2000`] and `Rs` the solution gas-oil ratio (scf/STB) at the
/// pressure and temperature of interest, through which the tension depends on pressure.
/// Floored at [`TENSION_FLOOR_DYNE_CM`].
///
/// Source: Abdul-Majeed and Abu Al-Soof, *J. Petroleum Science and Engineering* 27 (2000)
/// 197–200.
///
/// ```
/// use nodal_core::pvt::tension::gas_oil_tension_abdul_majeed_2000;
/// let dead = gas_oil_tension_abdul_majeed_2000(100.0, 35.0, 0.0).unwrap();
/// let live = gas_oil_tension_abdul_majeed_2000(100.0, 35.0, 500.0).unwrap();
/// assert!((dead - 29.0412).abs() < 1e-3 && live < 0.2 * dead);
/// ```
pub fn gas_oil_tension_abdul_majeed_2000(
    temperature_degf: f64,
    oil_api: f64,
    solution_gor_scf_stb: f64,
) -> CoreResult<f64> {
    if !(solution_gor_scf_stb.is_finite() && solution_gor_scf_stb >= 0.0) {
        return Err(CoreError::invalid(
            "solution_gor_scf_stb",
            format!("must be a finite, non-negative gas-oil ratio (got {solution_gor_scf_stb})"),
        ));
    }
    let dead = dead_oil_tension_abdul_majeed_2000(temperature_degf, oil_api)?;
    Ok(floored(
        dead * (0.056379 + 0.94362 * (-3.8491e-3 * solution_gor_scf_stb).exp()),
    ))
}

/// Gas-water surface tension from the 74 °F and 280 °F chart fit, dyne/cm.
///
/// `σ74 = 75 − 1.108 p^0.349`, `σ280 = 53 − 0.1048 p^0.637` (`p` in psia); between 74 and
/// 280 °F, `σ = σ74 − (T − 74)(σ74 − σ280)/206`; below 74 °F `σ74`, above 280 °F `σ280`.
/// Floored at [`TENSION_FLOOR_DYNE_CM`]. The isotherms are those of the water-methane chart of
/// Katz et al. (1959).
///
/// Sources disagree on the name: pyrestoolbox calls this fit "Jennings and Newman (1971)",
/// pengtools "Baker and Swerdloff (1956)"; one pengtools revision printed the interpolation
/// with `T − 68`, a slip from the gas-oil form. The `T − 74` interpolation is followed here.
///
/// Source: Katz et al., *Handbook of Natural Gas Engineering* (1959); fit as given in Brill
/// and Mukherjee (1999), SPE Monograph 17, Ch. 2.
///
/// ```
/// use nodal_core::pvt::tension::gas_water_tension_katz_1959;
/// let sigma = gas_water_tension_katz_1959(1000.0, 74.0).unwrap();
/// assert!((sigma - (75.0 - 1.108 * 1000f64.powf(0.349))).abs() < 1e-12);
/// ```
pub fn gas_water_tension_katz_1959(pressure_psia: f64, temperature_degf: f64) -> CoreResult<f64> {
    let p = require_positive("pressure_psia", pressure_psia)?;
    let t = require_temperature(temperature_degf)?;
    let sigma_74 = 75.0 - 1.108 * p.powf(0.349);
    let sigma_280 = 53.0 - 0.1048 * p.powf(0.637);
    let sigma = if t <= 74.0 {
        sigma_74
    } else if t >= 280.0 {
        sigma_280
    } else {
        sigma_74 - (t - 74.0) * (sigma_74 - sigma_280) / 206.0
    };
    Ok(floored(sigma))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn field(err: CoreError) -> &'static str {
        match err {
            CoreError::InvalidInput { field, .. } => field,
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }

    /// Baker-Swerdloff (1956) live-oil tension against petpropy 1.0.4
    /// `oil.gas_oil_interfacial_tension.baker_swedloff(P, T_F + 460, API)` (LGPL, run outside
    /// the project; same chart fit and 1 dyne/cm floor): (1000 psia, 60 °F, 35 °API)
    /// 13.881901863, (2000, 85, 30) 8.111471878, (500, 150, 40) 16.511360653 dyne/cm.
    /// Tolerance 1e-8 relative.
    #[test]
    fn baker_swerdloff_matches_petpropy() {
        for (p, t, api, expected) in [
            (1000.0, 60.0, 35.0, 13.881_901_863),
            (2000.0, 85.0, 30.0, 8.111_471_878),
            (500.0, 150.0, 40.0, 16.511_360_653),
        ] {
            let sigma = gas_oil_tension_baker_swerdloff_1956(p, t, api).unwrap();
            assert!(
                ((sigma - expected) / expected).abs() < 1e-8,
                "{sigma} vs {expected}"
            );
        }
    }

    /// Abdul-Majeed and Abu Al-Soof (2000) dead- and live-oil tension against neftpy 0.2
    /// `upvt_wat.unf_surface_tension_go_Abdul_Majeed_Nm(t_K, gamma_oil, rs_m3m3)` (run outside
    /// the project; SI inputs converted from °F, °API and scf/STB with 5.614583 scf/STB per
    /// m³/m³, result times 1000 for dyne/cm): (100 °F, 35 °API, Rs 0) 29.041155559,
    /// (180, 35, 500) 4.872818760, (220, 25, 250) 10.507348144, (150, 45, 1200) 1.590228328
    /// dyne/cm. neftpy writes the live-oil exponent per m³/m³ (21.6128e-3, the paper's
    /// 3.8491e-3 per scf/STB times 5.6150), which moves the last case by about 1e-4;
    /// tolerance 5e-4 relative.
    #[test]
    fn abdul_majeed_matches_neftpy() {
        for (t, api, rs, expected) in [
            (100.0, 35.0, 0.0, 29.041_155_559),
            (180.0, 35.0, 500.0, 4.872_818_760),
            (220.0, 25.0, 250.0, 10.507_348_144),
            (150.0, 45.0, 1200.0, 1.590_228_328),
        ] {
            let sigma = gas_oil_tension_abdul_majeed_2000(t, api, rs).unwrap();
            assert!(
                ((sigma - expected) / expected).abs() < 5e-4,
                "{t} {api} {rs}: {sigma} vs {expected}"
            );
        }
    }

    #[test]
    fn baker_swerdloff_temperature_interpolation() {
        let api = 30.0;
        let at = |t: f64| dead_oil_tension_baker_swerdloff_1956(t, api).unwrap();
        assert!((at(68.0) - (39.0 - 0.2571 * api)).abs() < 1e-12);
        assert!((at(100.0) - (37.5 - 0.2571 * api)).abs() < 1e-12);
        assert!((at(84.0) - 0.5 * (at(68.0) + at(100.0))).abs() < 1e-12);
        assert_eq!(at(40.0), at(68.0));
        assert_eq!(at(250.0), at(100.0));
    }

    #[test]
    fn baker_swerdloff_pressure_correction_and_floor() {
        let dead = dead_oil_tension_baker_swerdloff_1956(150.0, 35.0).unwrap();
        let live = gas_oil_tension_baker_swerdloff_1956(2000.0, 150.0, 35.0).unwrap();
        let c = 1.0 - 0.024 * 2000f64.powf(0.45);
        assert!((live - dead * c).abs() < 1e-12);
        // The factor vanishes near 3,980 psia: floored, never negative.
        let high = gas_oil_tension_baker_swerdloff_1956(6000.0, 150.0, 35.0).unwrap();
        assert_eq!(high, TENSION_FLOOR_DYNE_CM);
    }

    /// Dead-oil Abdul-Majeed against pyrestoolbox 3.8.9 `nodal._dead_oil_ift(api, degf)`,
    /// which carries the same equation rewritten in °C (1.11591 - 0.00305 T°C) and floored at
    /// 1 (run outside the project): (35 API, 100 °F) 29.0399593, (35, 200) 24.1226815,
    /// (25, 150) 28.9536712. pyrestoolbox's rounded °C slope (0.00305 against 1.694e-3 x 1.8 = 0.0030492) gives up
    /// to 1.1e-4 relative at 200 °F; tolerance 2e-4.
    #[test]
    fn abdul_majeed_dead_oil_matches_pyrestoolbox() {
        for (api, t, expected) in [
            (35.0, 100.0, 29.039_959_3),
            (35.0, 200.0, 24.122_681_5),
            (25.0, 150.0, 28.953_671_2),
        ] {
            let sigma = dead_oil_tension_abdul_majeed_2000(t, api).unwrap();
            assert!(((sigma - expected) / expected).abs() < 2e-4, "{sigma}");
        }
    }

    #[test]
    fn abdul_majeed_live_oil_factor() {
        let dead = dead_oil_tension_abdul_majeed_2000(180.0, 32.0).unwrap();
        let live = gas_oil_tension_abdul_majeed_2000(180.0, 32.0, 300.0).unwrap();
        let factor = 0.056_379 + 0.943_62 * (-3.8491e-3_f64 * 300.0).exp();
        assert!((live - dead * factor).abs() < 1e-12);
        // At Rs = 0 the factor is 0.999999: the dead-oil value.
        let rs0 = gas_oil_tension_abdul_majeed_2000(180.0, 32.0, 0.0).unwrap();
        assert!(((rs0 - dead) / dead).abs() < 2e-6);
    }

    /// Gas-water fit against pyrestoolbox 3.8.9 `nodal._gas_water_ift(p, degf)` (same
    /// equations, labelled "Jennings & Newman (1971)" there; run outside the project):
    /// (1000, 74) 62.6536166, (1000, 280) 44.4618991, (3000, 150) 49.1091466,
    /// (5000, 200) 38.5772614, (8000, 300) 20.8907912. Same equations: tolerance 1e-9.
    #[test]
    fn gas_water_matches_pyrestoolbox() {
        for (p, t, expected) in [
            (1000.0, 74.0, 62.653_616_567_803_63),
            (1000.0, 280.0, 44.461_899_103_461_6),
            (3000.0, 150.0, 49.109_146_577_713_09),
            (5000.0, 200.0, 38.577_261_388_136_35),
            (8000.0, 300.0, 20.890_791_194_618_224),
        ] {
            let sigma = gas_water_tension_katz_1959(p, t).unwrap();
            assert!(((sigma - expected) / expected).abs() < 1e-9, "{sigma}");
        }
    }

    #[test]
    fn dispatch_and_ids() {
        let input = GasOilTensionInput {
            pressure_psia: 1500.0,
            temperature_degf: 160.0,
            oil_api: 33.0,
            solution_gor_scf_stb: 250.0,
        };
        assert_eq!(
            GasOilTensionMethod::BakerSwerdloff1956
                .evaluate(&input)
                .unwrap(),
            gas_oil_tension_baker_swerdloff_1956(1500.0, 160.0, 33.0).unwrap()
        );
        assert_eq!(
            GasOilTensionMethod::AbdulMajeedAbuAlSoof2000
                .evaluate(&input)
                .unwrap(),
            gas_oil_tension_abdul_majeed_2000(160.0, 33.0, 250.0).unwrap()
        );
        for m in GasOilTensionMethod::ALL {
            assert_eq!(GasOilTensionMethod::from_id(m.id()), Some(m));
        }
        for m in GasWaterTensionMethod::ALL {
            assert_eq!(GasWaterTensionMethod::from_id(m.id()), Some(m));
        }
    }

    #[test]
    fn bad_inputs_name_their_field() {
        assert_eq!(
            field(gas_oil_tension_baker_swerdloff_1956(0.0, 100.0, 30.0).unwrap_err()),
            "pressure_psia"
        );
        assert_eq!(
            field(gas_oil_tension_baker_swerdloff_1956(100.0, f64::NAN, 30.0).unwrap_err()),
            "temperature_degf"
        );
        assert_eq!(
            field(gas_oil_tension_baker_swerdloff_1956(100.0, 100.0, -3.0).unwrap_err()),
            "oil_api"
        );
        assert_eq!(
            field(gas_oil_tension_abdul_majeed_2000(100.0, 30.0, -1.0).unwrap_err()),
            "solution_gor_scf_stb"
        );
        assert_eq!(
            field(gas_water_tension_katz_1959(f64::NAN, 100.0).unwrap_err()),
            "pressure_psia"
        );
    }

    proptest! {
        /// Every tension is at least the floor, finite, and does not rise with pressure.
        #[test]
        fn tensions_are_floored_and_fall_with_pressure(
            p in 14.7f64..15_000.0,
            dp in 1.0f64..2000.0,
            t in 0.0f64..400.0,
            api in 5.0f64..70.0,
            rs in 0.0f64..3000.0,
        ) {
            let bs1 = gas_oil_tension_baker_swerdloff_1956(p, t, api).unwrap();
            let bs2 = gas_oil_tension_baker_swerdloff_1956(p + dp, t, api).unwrap();
            prop_assert!(bs1 >= TENSION_FLOOR_DYNE_CM && bs2 <= bs1);
            let am = gas_oil_tension_abdul_majeed_2000(t, api, rs).unwrap();
            prop_assert!(am >= TENSION_FLOOR_DYNE_CM && am.is_finite());
            let gw1 = gas_water_tension_katz_1959(p, t).unwrap();
            let gw2 = gas_water_tension_katz_1959(p + dp, t).unwrap();
            prop_assert!(gw1 >= TENSION_FLOOR_DYNE_CM && gw2 <= gw1);
        }
    }
}
