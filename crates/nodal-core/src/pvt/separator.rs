//! Separator correction of gas gravity: Vasquez and Beggs (1980) reference the solution-gas
//! gravity to a 100 psig separator, because the gravity of separator gas depends on the
//! separator pressure and temperature at which it was sampled.

use crate::error::{CoreError, CoreResult, require_positive};
use crate::method::{MethodInfo, ParamRange};

/// Separator pressure of the Vasquez-Beggs reference, psia (100 psig).
const REFERENCE_SEPARATOR_PRESSURE_PSIA: f64 = 114.7;

/// Conditions of the separator where a gas gravity was measured.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SeparatorConditions {
    /// Separator pressure, psia.
    pub pressure_psia: f64,
    /// Separator temperature, °F.
    pub temperature_degf: f64,
}

/// Metadata of [`gas_sg_at_100_psig_vasquez_beggs_1980`].
pub static GAS_SG_SEPARATOR_CORRECTION_VASQUEZ_BEGGS_1980: MethodInfo = MethodInfo {
    id: "vasquez_beggs_1980_separator_gas_sg",
    property: "gas_sg_at_100_psig_separator",
    variant: "g_100 = g_sep [1 + 5.912e-5 API T_sep log10(p_sep / 114.7)], T_sep °F, p_sep \
              psia; from 5008 measurements on about 600 crude oils",
    source: "Vasquez, M. and Beggs, H.D.: \"Correlations for Fluid Physical Property \
             Prediction\", J. Pet. Tech. 32(6) (June 1980) 968-970",
    ranges: &[
        ParamRange {
            param: "separator_pressure_psia",
            min: 60.0,
            max: 565.0,
        },
        ParamRange {
            param: "separator_temperature_degf",
            min: 76.0,
            max: 150.0,
        },
        ParamRange {
            param: "oil_api",
            min: 15.3,
            max: 59.5,
        },
        ParamRange {
            param: "gas_sg",
            min: 0.511,
            max: 1.351,
        },
    ],
};

/// Gas specific gravity referenced to a 100 psig separator (Vasquez and Beggs 1980).
///
/// `γ_g100 = γ_gsep [1 + 5.912×10⁻⁵ API T_sep log10(p_sep / 114.7)]` with `separator_gas_sg`
/// the gravity measured at the separator (air = 1), `oil_api` the stock-tank oil gravity,
/// `separator_temperature_degf` in °F and `separator_pressure_psia` in psia. Vasquez and
/// Beggs' oil correlations take `γ_g100`. Data: separator 60–565 psia and 76–150 °F, 15.3–59.5
/// °API, gas gravity 0.511–1.351.
///
/// Source: Vasquez and Beggs, *J. Pet. Tech.* 32(6) (1980) 968–970.
///
/// ```
/// use nodal_core::pvt::separator::gas_sg_at_100_psig_vasquez_beggs_1980;
/// // A 100 psig separator needs no correction.
/// let g = gas_sg_at_100_psig_vasquez_beggs_1980(0.75, 35.0, 114.7, 80.0).unwrap();
/// assert!((g - 0.75).abs() < 1e-15);
/// ```
pub fn gas_sg_at_100_psig_vasquez_beggs_1980(
    separator_gas_sg: f64,
    oil_api: f64,
    separator_pressure_psia: f64,
    separator_temperature_degf: f64,
) -> CoreResult<f64> {
    let g = require_positive("gas_sg", separator_gas_sg)?;
    let p = require_positive("separator_pressure_psia", separator_pressure_psia)?;
    if !(oil_api.is_finite() && oil_api > 0.0 && oil_api < 100.0) {
        return Err(CoreError::invalid(
            "oil_api",
            format!("must be an API gravity between 0 and 100 (got {oil_api})"),
        ));
    }
    let t = separator_temperature_degf;
    if !(t.is_finite() && t > -459.67) {
        return Err(CoreError::invalid(
            "separator_temperature_degf",
            format!("must be a finite temperature above absolute zero (got {t})"),
        ));
    }
    let corrected =
        g * (1.0 + 5.912e-5 * oil_api * t * (p / REFERENCE_SEPARATOR_PRESSURE_PSIA).log10());
    if corrected.is_finite() && corrected > 0.0 {
        Ok(corrected)
    } else {
        Err(CoreError::Physical(format!(
            "the Vasquez-Beggs separator correction gives a non-positive gas gravity ({corrected}) \
             at {p} psia and {t} °F; the separator conditions are far outside its data"
        )))
    }
}

/// The gas gravity to use in the Vasquez-Beggs correlations: corrected to 100 psig with
/// [`gas_sg_at_100_psig_vasquez_beggs_1980`] when the separator conditions are given, and
/// `gas_sg` unchanged (after validation) when they are not.
///
/// ```
/// use nodal_core::pvt::separator::{corrected_gas_sg, SeparatorConditions};
/// assert_eq!(corrected_gas_sg(0.8, 30.0, None).unwrap(), 0.8);
/// let sep = SeparatorConditions { pressure_psia: 300.0, temperature_degf: 100.0 };
/// assert!(corrected_gas_sg(0.8, 30.0, Some(sep)).unwrap() > 0.8);
/// ```
pub fn corrected_gas_sg(
    gas_sg: f64,
    oil_api: f64,
    separator: Option<SeparatorConditions>,
) -> CoreResult<f64> {
    match separator {
        Some(sep) => gas_sg_at_100_psig_vasquez_beggs_1980(
            gas_sg,
            oil_api,
            sep.pressure_psia,
            sep.temperature_degf,
        ),
        None => require_positive("gas_sg", gas_sg),
    }
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

    /// Hand calculation from the published equation: separator gas 0.7 at 300 psia and
    /// 100 °F, 40 °API: 0.7 [1 + 5.912e-5 x 40 x 100 x log10(300/114.7)] = 0.76912.
    #[test]
    fn published_equation_by_hand() {
        let g = gas_sg_at_100_psig_vasquez_beggs_1980(0.7, 40.0, 300.0, 100.0).unwrap();
        let expected = 0.7 * (1.0 + 5.912e-5 * 40.0 * 100.0 * (300.0f64 / 114.7).log10());
        assert!((g - expected).abs() < 1e-15);
        assert!((g - 0.769_12).abs() < 1e-5, "{g}");
    }

    /// Against petpropy 1.0.4 (LGPL, run outside the project), whose
    /// `oil.solution_gas_oil_ratio.vazquez(P, T, gamma_gas, gamma_api, Pb=, P_sp=, T_sp=)`
    /// applies the same separator correction before the Vasquez-Beggs Rs; the ratio of its Rs
    /// with and without separator conditions (1500 psia, 180 °F, Pb 3000 psia) is γg100/γgsep.
    /// Its `T_sp` enters the equation unchanged, so it was given in °F as the paper has it.
    /// (γgsep, API, p_sep psia, T_sep °F) → γg100: (0.75, 35, 300, 100) 0.8148008007,
    /// (0.85, 25, 65, 80) 0.8252106822, (0.70, 45, 500, 140) 0.8667055737. Tolerance 1e-9
    /// relative.
    #[test]
    fn matches_petpropy() {
        for (g, api, p, t, expected) in [
            (0.75, 35.0, 300.0, 100.0, 0.814_800_800_7),
            (0.85, 25.0, 65.0, 80.0, 0.825_210_682_2),
            (0.70, 45.0, 500.0, 140.0, 0.866_705_573_7),
        ] {
            let g100 = gas_sg_at_100_psig_vasquez_beggs_1980(g, api, p, t).unwrap();
            assert!(
                ((g100 - expected) / expected).abs() < 1e-9,
                "{g} {api} {p} {t}: {g100} vs {expected}"
            );
        }
    }

    #[test]
    fn bad_inputs_name_their_field() {
        assert_eq!(
            field(gas_sg_at_100_psig_vasquez_beggs_1980(0.0, 30.0, 100.0, 80.0).unwrap_err()),
            "gas_sg"
        );
        assert_eq!(
            field(gas_sg_at_100_psig_vasquez_beggs_1980(0.7, f64::NAN, 100.0, 80.0).unwrap_err()),
            "oil_api"
        );
        assert_eq!(
            field(gas_sg_at_100_psig_vasquez_beggs_1980(0.7, 30.0, -1.0, 80.0).unwrap_err()),
            "separator_pressure_psia"
        );
        assert_eq!(
            field(
                gas_sg_at_100_psig_vasquez_beggs_1980(0.7, 30.0, 100.0, f64::INFINITY).unwrap_err()
            ),
            "separator_temperature_degf"
        );
        assert_eq!(
            field(corrected_gas_sg(f64::NAN, 30.0, None).unwrap_err()),
            "gas_sg"
        );
    }

    proptest! {
        /// Inside the published range the correction raises the gravity for separators above
        /// 100 psig and lowers it below (at positive °F temperatures).
        #[test]
        fn correction_direction(
            g in 0.511f64..1.351,
            api in 15.3f64..59.5,
            p in 60.0f64..565.0,
            t in 76.0f64..150.0,
        ) {
            let c = gas_sg_at_100_psig_vasquez_beggs_1980(g, api, p, t).unwrap();
            if p > 114.7 {
                prop_assert!(c > g);
            } else if p < 114.7 {
                prop_assert!(c < g);
            }
        }
    }
}
