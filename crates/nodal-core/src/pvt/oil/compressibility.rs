//! Oil isothermal compressibility co (1/psi) and the undersaturated oil FVF above the
//! bubble point.
//!
//! Above the bubble point the oil volume obeys `dBo/dp = −co·Bo`, so
//! `Bo(p) = Bob · exp(−∫_Pb^p co dp')`. Both undersaturated correlations here give `co` as
//! a power of pressure, so the integral is closed-form (no constant-co approximation):
//!
//! - Vasquez-Beggs: `co = A / (1e5 p)` ⇒ `Bo = Bob (Pb/p)^(A/1e5)`.
//! - Petrosky-Farshad: `co = K p^−0.5906` ⇒ `Bo = Bob exp[−K (p^0.4094 − Pb^0.4094)/0.4094]`.
//!
//! Both equal `Bob` at `p = Pb`, so Bo is continuous at the bubble point by construction.
//!
//! Below the bubble point, McCain, Rollins and Villena-Lanzi (1988) correlate the total
//! (apparent) compressibility that includes the volume of gas coming out of solution.

use super::bubble_point::{PETROSKY_FARSHAD_RANGES, VASQUEZ_BEGGS_RANGES};
use super::{OilFluid, method_enum_helpers, require_temperature};
use crate::error::{CoreError, CoreResult, require_positive};
use crate::method::{MethodInfo, ParamRange};

fn check(
    pressure_psia: f64,
    gor_scf_stb: f64,
    gas_sg: f64,
    oil_api: f64,
    temperature_degf: f64,
) -> CoreResult<()> {
    require_positive("pressure_psia", pressure_psia)?;
    require_positive("gor_scf_stb", gor_scf_stb)?;
    require_positive("gas_sg", gas_sg)?;
    require_positive("oil_api", oil_api)?;
    require_temperature(temperature_degf)?;
    Ok(())
}

/// Vasquez-Beggs (1980) undersaturated oil compressibility.
pub static VASQUEZ_BEGGS_1980_CO: MethodInfo = MethodInfo {
    id: "vasquez_beggs_1980",
    property: "undersaturated_oil_compressibility",
    variant: "co = (−1433 + 5 Rsb + 17.2 T − 1180 γgs + 12.61 API) / (1e5 p); Bo above Pb by \
              exact integration, Bo = Bob (Pb/p)^(A/1e5)",
    source: "Vasquez, M. and Beggs, H.D. (1980) Correlations for Fluid Physical Property \
             Prediction, JPT 32(6), 968-970",
    ranges: VASQUEZ_BEGGS_RANGES,
};

/// Petrosky-Farshad (1993) undersaturated oil compressibility.
pub static PETROSKY_FARSHAD_1993_CO: MethodInfo = MethodInfo {
    id: "petrosky_farshad_1993",
    property: "undersaturated_oil_compressibility",
    variant: "co = 1.705e-7 Rsb^0.69357 γg^0.1885 API^0.3272 T^0.6729 p^−0.5906; Bo above Pb by \
              exact integration",
    source: "Petrosky, G.E. Jr. and Farshad, F.F. (1993) Pressure-Volume-Temperature \
             Correlations for Gulf of Mexico Crude Oils, SPE 26644",
    ranges: PETROSKY_FARSHAD_RANGES,
};

/// McCain, Rollins and Villena-Lanzi (1988) oil compressibility below the bubble point.
pub static MCCAIN_1988_CO: MethodInfo = MethodInfo {
    id: "mccain_1988",
    property: "saturated_oil_compressibility",
    variant: "ln co = −7.573 − 1.450 ln p − 0.383 ln Pb + 1.402 ln T_R + 0.256 ln API \
              + 0.449 ln Rsb (bubble point known), T_R = T + 460",
    source: "McCain, W.D. Jr., Rollins, J.B. and Villena-Lanzi, A.J. (1988) The Coefficient of \
             Isothermal Compressibility of Black Oils at Pressures Below the Bubblepoint, SPE \
             Formation Evaluation 3(3), 659-662",
    ranges: &[
        ParamRange {
            param: "pressure_psia",
            min: 500.0,
            max: 5300.0,
        },
        ParamRange {
            param: "bubble_point_psia",
            min: 763.0,
            max: 5300.0,
        },
        ParamRange {
            param: "temperature_degf",
            min: 78.0,
            max: 330.0,
        },
        ParamRange {
            param: "oil_api",
            min: 18.0,
            max: 52.0,
        },
        ParamRange {
            param: "gor_scf_stb",
            min: 15.3,
            max: 1947.0,
        },
    ],
};

/// The Vasquez-Beggs numerator `A = −1433 + 5 Rsb + 17.2 T − 1180 γgs + 12.61 API`,
/// rejected when not positive (the correlation would make the oil expand under pressure).
fn vasquez_beggs_a(gor: f64, gas_sg: f64, oil_api: f64, t: f64) -> CoreResult<f64> {
    let a = -1433.0 + 5.0 * gor + 17.2 * t - 1180.0 * gas_sg + 12.61 * oil_api;
    if a > 0.0 {
        Ok(a)
    } else {
        Err(CoreError::Physical(format!(
            "vasquez_beggs_1980: the compressibility numerator −1433 + 5 Rsb + 17.2 T − 1180 γgs \
             + 12.61 API is {a:.1} (not positive) for this fluid, which would make the oil \
             expand under pressure; use petrosky_farshad_1993 for this low-GOR or cold oil"
        )))
    }
}

/// Vasquez-Beggs (1980) undersaturated oil compressibility, 1/psi:
/// `co = (−1433 + 5 Rsb + 17.2 T − 1180 γgs + 12.61 API) / (1e5 p)`.
///
/// - `pressure_psia`: pressure above the bubble point, psia
/// - `gor_scf_stb`: Rsb, solution GOR at the bubble point, scf/STB
/// - `gas_sg`: γgs, gas gravity normalized to a 100 psig separator
/// - `oil_api`: °API; `temperature_degf`: °F
///
/// Returns a `Physical` error when the numerator is not positive (low GOR, cold, heavy
/// oil), rather than a negative compressibility.
///
/// ```
/// use nodal_core::pvt::oil::compressibility::vasquez_beggs_1980_oil_compressibility;
/// let co = vasquez_beggs_1980_oil_compressibility(3000.0, 500.0, 0.75, 35.0, 180.0).unwrap();
/// assert!((co - 1.23978e-5).abs() < 1e-10);
/// ```
pub fn vasquez_beggs_1980_oil_compressibility(
    pressure_psia: f64,
    gor_scf_stb: f64,
    gas_sg: f64,
    oil_api: f64,
    temperature_degf: f64,
) -> CoreResult<f64> {
    check(
        pressure_psia,
        gor_scf_stb,
        gas_sg,
        oil_api,
        temperature_degf,
    )?;
    let a = vasquez_beggs_a(gor_scf_stb, gas_sg, oil_api, temperature_degf)?;
    Ok(a / (1e5 * pressure_psia))
}

/// Vasquez-Beggs (1980) undersaturated oil FVF, rb/STB, by exact integration of
/// [`vasquez_beggs_1980_oil_compressibility`] from the bubble point:
/// `Bo = Bob · (Pb/p)^(A/1e5)`. At or below the bubble point the result is `Bob`.
///
/// - `bubble_point_fvf_rb_stb`: Bob, saturated FVF at the bubble point, rb/STB
/// - `bubble_point_psia`: Pb, psia; other arguments as the compressibility
///
/// ```
/// use nodal_core::pvt::oil::compressibility::vasquez_beggs_1980_undersaturated_oil_fvf;
/// let bo = vasquez_beggs_1980_undersaturated_oil_fvf(
///     4000.0, 2000.0, 1.3, 500.0, 0.75, 35.0, 180.0,
/// ).unwrap();
/// assert!((bo - 1.266914).abs() < 1e-6);
/// ```
pub fn vasquez_beggs_1980_undersaturated_oil_fvf(
    pressure_psia: f64,
    bubble_point_psia: f64,
    bubble_point_fvf_rb_stb: f64,
    gor_scf_stb: f64,
    gas_sg: f64,
    oil_api: f64,
    temperature_degf: f64,
) -> CoreResult<f64> {
    check(
        pressure_psia,
        gor_scf_stb,
        gas_sg,
        oil_api,
        temperature_degf,
    )?;
    require_positive("bubble_point_psia", bubble_point_psia)?;
    require_positive("bubble_point_fvf_rb_stb", bubble_point_fvf_rb_stb)?;
    if pressure_psia <= bubble_point_psia {
        return Ok(bubble_point_fvf_rb_stb);
    }
    let a = vasquez_beggs_a(gor_scf_stb, gas_sg, oil_api, temperature_degf)?;
    Ok(bubble_point_fvf_rb_stb * (bubble_point_psia / pressure_psia).powf(a / 1e5))
}

/// `K` of Petrosky-Farshad: `co = K p^−0.5906`.
fn petrosky_farshad_k(gor: f64, gas_sg: f64, oil_api: f64, t: f64) -> f64 {
    1.705e-7 * gor.powf(0.693_57) * gas_sg.powf(0.1885) * oil_api.powf(0.3272) * t.powf(0.6729)
}

/// Petrosky-Farshad (1993) undersaturated oil compressibility, 1/psi:
/// `co = 1.705e-7 Rsb^0.69357 γg^0.1885 API^0.3272 T^0.6729 p^−0.5906` (T in °F).
///
/// Arguments as [`vasquez_beggs_1980_oil_compressibility`] (`gas_sg` is the total surface
/// gas gravity).
///
/// ```
/// use nodal_core::pvt::oil::compressibility::petrosky_farshad_1993_oil_compressibility;
/// let co = petrosky_farshad_1993_oil_compressibility(3000.0, 500.0, 0.75, 35.0, 180.0).unwrap();
/// assert!((co - 1.12022e-5).abs() < 1e-10);
/// ```
pub fn petrosky_farshad_1993_oil_compressibility(
    pressure_psia: f64,
    gor_scf_stb: f64,
    gas_sg: f64,
    oil_api: f64,
    temperature_degf: f64,
) -> CoreResult<f64> {
    check(
        pressure_psia,
        gor_scf_stb,
        gas_sg,
        oil_api,
        temperature_degf,
    )?;
    Ok(
        petrosky_farshad_k(gor_scf_stb, gas_sg, oil_api, temperature_degf)
            * pressure_psia.powf(-0.5906),
    )
}

/// Petrosky-Farshad (1993) undersaturated oil FVF, rb/STB, by exact integration of
/// [`petrosky_farshad_1993_oil_compressibility`]:
/// `Bo = Bob · exp[−K (p^0.4094 − Pb^0.4094) / 0.4094]`. At or below the bubble point
/// the result is `Bob`.
///
/// ```
/// use nodal_core::pvt::oil::compressibility::petrosky_farshad_1993_undersaturated_oil_fvf;
/// let bo = petrosky_farshad_1993_undersaturated_oil_fvf(
///     4000.0, 2000.0, 1.3, 500.0, 0.75, 35.0, 180.0,
/// ).unwrap();
/// assert!((bo - 1.270675).abs() < 1e-6);
/// ```
pub fn petrosky_farshad_1993_undersaturated_oil_fvf(
    pressure_psia: f64,
    bubble_point_psia: f64,
    bubble_point_fvf_rb_stb: f64,
    gor_scf_stb: f64,
    gas_sg: f64,
    oil_api: f64,
    temperature_degf: f64,
) -> CoreResult<f64> {
    check(
        pressure_psia,
        gor_scf_stb,
        gas_sg,
        oil_api,
        temperature_degf,
    )?;
    require_positive("bubble_point_psia", bubble_point_psia)?;
    require_positive("bubble_point_fvf_rb_stb", bubble_point_fvf_rb_stb)?;
    if pressure_psia <= bubble_point_psia {
        return Ok(bubble_point_fvf_rb_stb);
    }
    let k = petrosky_farshad_k(gor_scf_stb, gas_sg, oil_api, temperature_degf);
    let integral = k * (pressure_psia.powf(0.4094) - bubble_point_psia.powf(0.4094)) / 0.4094;
    Ok(bubble_point_fvf_rb_stb * (-integral).exp())
}

/// McCain, Rollins and Villena-Lanzi (1988) oil compressibility below the bubble point,
/// 1/psi (includes the effect of gas coming out of solution):
/// `ln co = −7.573 − 1.450 ln p − 0.383 ln Pb + 1.402 ln(T + 460) + 0.256 ln API
/// + 0.449 ln Rsb`.
///
/// - `pressure_psia`: pressure at or below the bubble point, psia
/// - `bubble_point_psia`: psia; `gor_scf_stb`: Rsb, scf/STB; `oil_api`: °API;
///   `temperature_degf`: °F
///
/// ```
/// use nodal_core::pvt::oil::compressibility::mccain_1988_saturated_oil_compressibility;
/// let co = mccain_1988_saturated_oil_compressibility(1500.0, 2000.0, 500.0, 35.0, 180.0)
///     .unwrap();
/// assert!((co - 2.41460e-4).abs() < 1e-9);
/// ```
pub fn mccain_1988_saturated_oil_compressibility(
    pressure_psia: f64,
    bubble_point_psia: f64,
    gor_scf_stb: f64,
    oil_api: f64,
    temperature_degf: f64,
) -> CoreResult<f64> {
    require_positive("pressure_psia", pressure_psia)?;
    require_positive("bubble_point_psia", bubble_point_psia)?;
    require_positive("gor_scf_stb", gor_scf_stb)?;
    require_positive("oil_api", oil_api)?;
    require_temperature(temperature_degf)?;
    let ln_co = -7.573 - 1.450 * pressure_psia.ln() - 0.383 * bubble_point_psia.ln()
        + 1.402 * (temperature_degf + 460.0).ln()
        + 0.256 * oil_api.ln()
        + 0.449 * gor_scf_stb.ln();
    Ok(ln_co.exp())
}

/// Undersaturated oil compressibility method (above the bubble point); also fixes the
/// undersaturated Bo through its exact integral.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum OilCompressibilityMethod {
    /// [`VASQUEZ_BEGGS_1980_CO`].
    #[default]
    VasquezBeggs1980,
    /// [`PETROSKY_FARSHAD_1993_CO`].
    PetroskyFarshad1993,
}

impl OilCompressibilityMethod {
    /// Every undersaturated compressibility method, in a stable order.
    pub const ALL: [Self; 2] = [Self::VasquezBeggs1980, Self::PetroskyFarshad1993];

    /// Metadata of the method.
    pub fn info(self) -> &'static MethodInfo {
        match self {
            Self::VasquezBeggs1980 => &VASQUEZ_BEGGS_1980_CO,
            Self::PetroskyFarshad1993 => &PETROSKY_FARSHAD_1993_CO,
        }
    }

    /// Undersaturated compressibility of `fluid` at `pressure_psia`, 1/psi.
    pub fn compressibility_1_psi(
        self,
        fluid: &OilFluid,
        pressure_psia: f64,
        temperature_degf: f64,
    ) -> CoreResult<f64> {
        let f = match self {
            Self::VasquezBeggs1980 => vasquez_beggs_1980_oil_compressibility,
            Self::PetroskyFarshad1993 => petrosky_farshad_1993_oil_compressibility,
        };
        f(
            pressure_psia,
            fluid.gor_scf_stb,
            fluid.gas_sg,
            fluid.oil_api,
            temperature_degf,
        )
    }

    /// Undersaturated Bo at `pressure_psia` from `bubble_point_fvf_rb_stb` at
    /// `bubble_point_psia`, rb/STB (Bob itself at or below the bubble point).
    pub fn undersaturated_fvf_rb_stb(
        self,
        fluid: &OilFluid,
        pressure_psia: f64,
        bubble_point_psia: f64,
        bubble_point_fvf_rb_stb: f64,
        temperature_degf: f64,
    ) -> CoreResult<f64> {
        let f = match self {
            Self::VasquezBeggs1980 => vasquez_beggs_1980_undersaturated_oil_fvf,
            Self::PetroskyFarshad1993 => petrosky_farshad_1993_undersaturated_oil_fvf,
        };
        f(
            pressure_psia,
            bubble_point_psia,
            bubble_point_fvf_rb_stb,
            fluid.gor_scf_stb,
            fluid.gas_sg,
            fluid.oil_api,
            temperature_degf,
        )
    }
}

method_enum_helpers!(OilCompressibilityMethod);

/// Oil compressibility method below the bubble point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum SaturatedOilCompressibilityMethod {
    /// [`MCCAIN_1988_CO`].
    #[default]
    McCain1988,
}

impl SaturatedOilCompressibilityMethod {
    /// Every below-bubble-point compressibility method.
    pub const ALL: [Self; 1] = [Self::McCain1988];

    /// Metadata of the method.
    pub fn info(self) -> &'static MethodInfo {
        match self {
            Self::McCain1988 => &MCCAIN_1988_CO,
        }
    }

    /// Compressibility of `fluid` at `pressure_psia` below its bubble point, 1/psi.
    pub fn compressibility_1_psi(
        self,
        fluid: &OilFluid,
        pressure_psia: f64,
        bubble_point_psia: f64,
        temperature_degf: f64,
    ) -> CoreResult<f64> {
        match self {
            Self::McCain1988 => mccain_1988_saturated_oil_compressibility(
                pressure_psia,
                bubble_point_psia,
                fluid.gor_scf_stb,
                fluid.oil_api,
                temperature_degf,
            ),
        }
    }
}

method_enum_helpers!(SaturatedOilCompressibilityMethod);

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rel(a: f64, b: f64) -> f64 {
        ((a - b) / b).abs()
    }

    /// The closed-form Bo must match a numerical integration of dBo/dp = −co Bo.
    #[test]
    fn integrated_fvf_matches_numerical_integration() {
        let fluid = OilFluid::new(35.0, 0.75, 500.0).unwrap();
        let (t, pb, bob, p): (f64, f64, f64, f64) = (180.0, 2000.0, 1.3, 6000.0);
        for m in OilCompressibilityMethod::ALL {
            let n = 20_000;
            let dp = (p - pb) / n as f64;
            let mut ln_bo = bob.ln();
            for i in 0..n {
                let pm = pb + (i as f64 + 0.5) * dp;
                ln_bo -= m.compressibility_1_psi(&fluid, pm, t).unwrap() * dp;
            }
            let closed = m.undersaturated_fvf_rb_stb(&fluid, p, pb, bob, t).unwrap();
            assert!(
                rel(closed, ln_bo.exp()) < 1e-9,
                "{m}: {closed} vs {}",
                ln_bo.exp()
            );
        }
    }

    /// Worked example of Afanasyev, Moskvin, Wolcott and McCain (2004), reproduced on the
    /// pengtools wiki (Vasquez and Beggs oil compressibility page): Rs = 53.24 sm³/sm³,
    /// 90 °C, γo = 0.85, γg = 0.75, p = 10 MPa gives co = 0.002907 1/MPa. That example uses
    /// an SI conversion with rounded coefficients (30.6 T[K] where the exact conversion of
    /// 17.2 T[°F] is 30.96 T[K], and a constant −10910), which moves co by about 1.6 %; the
    /// field-unit correlation is checked against it to 2 %.
    #[test]
    fn vasquez_beggs_matches_published_example_within_its_rounding() {
        let rs = 53.24 * crate::units::FT3_PER_BBL;
        let api = crate::units::sg_to_api(0.85);
        let p_psia = 10.0 / 0.006_894_757_293;
        let co = vasquez_beggs_1980_oil_compressibility(p_psia, rs, 0.75, api, 194.0).unwrap();
        let co_per_mpa = co / 0.006_894_757_293;
        assert!(rel(co_per_mpa, 0.002_907) < 0.02, "{co_per_mpa}");
    }

    /// The three compressibility correlations against petpropy 1.0.4
    /// `oil_compressibility.{vazquez_beggs, petrosky_farshad, maccain_rollins_villena}`
    /// (LGPL, run outside the project; it takes T in °R, converted here from °F):
    /// - (p 3000, Rs 500, γg 0.75, 35 °API, 180 °F): VB 1.23978333e-5, PF 1.12021705e-5 1/psi;
    /// - (5000, 900, 0.85, 28, 220): VB 1.240216e-5, PF 1.356777001e-5;
    /// - McCain et al. with Pb (p 1500, Pb 2000, Rsb 500, 35 °API, 180 °F) 2.414595291e-4,
    ///   (800, 3000, 900, 28, 220) 6.886123466e-4.
    ///
    /// Same published equations; tolerance 1e-6 relative.
    #[test]
    fn correlations_match_petpropy() {
        let rel = |a: f64, b: f64| ((a - b) / b).abs();
        for (p, rs, sg, api, t, vb, pf) in [
            (
                3000.0,
                500.0,
                0.75,
                35.0,
                180.0,
                1.239_783_33e-5,
                1.120_217_05e-5,
            ),
            (
                5000.0,
                900.0,
                0.85,
                28.0,
                220.0,
                1.240_216e-5,
                1.356_777_001e-5,
            ),
        ] {
            let co = vasquez_beggs_1980_oil_compressibility(p, rs, sg, api, t).unwrap();
            assert!(rel(co, vb) < 1e-6, "vasquez-beggs {co} vs {vb}");
            let co = petrosky_farshad_1993_oil_compressibility(p, rs, sg, api, t).unwrap();
            assert!(rel(co, pf) < 1e-6, "petrosky-farshad {co} vs {pf}");
        }
        for (p, pb, rs, api, t, expected) in [
            (1500.0, 2000.0, 500.0, 35.0, 180.0, 2.414_595_291e-4),
            (800.0, 3000.0, 900.0, 28.0, 220.0, 6.886_123_466e-4),
        ] {
            let co = mccain_1988_saturated_oil_compressibility(p, pb, rs, api, t).unwrap();
            assert!(rel(co, expected) < 1e-6, "mccain {co} vs {expected}");
        }
    }

    #[test]
    fn vasquez_beggs_rejects_negative_compressibility() {
        // Rsb 50, 100 °F, γg 0.8, 20 °API: A = −155
        let err = vasquez_beggs_1980_oil_compressibility(3000.0, 50.0, 0.8, 20.0, 100.0);
        assert!(matches!(err, Err(CoreError::Physical(_))));
    }

    #[test]
    fn bad_inputs_name_the_field() {
        let field = |r: CoreResult<f64>| match r.unwrap_err() {
            CoreError::InvalidInput { field, .. } => field,
            e => panic!("{e:?}"),
        };
        assert_eq!(
            field(petrosky_farshad_1993_oil_compressibility(
                0.0, 500.0, 0.7, 30.0, 150.0
            )),
            "pressure_psia"
        );
        assert_eq!(
            field(mccain_1988_saturated_oil_compressibility(
                1000.0,
                f64::NAN,
                500.0,
                30.0,
                150.0
            )),
            "bubble_point_psia"
        );
        assert_eq!(
            field(vasquez_beggs_1980_undersaturated_oil_fvf(
                3000.0, 2000.0, -1.0, 500.0, 0.7, 30.0, 150.0
            )),
            "bubble_point_fvf_rb_stb"
        );
    }

    proptest! {
        /// Above Pb: co > 0, Bo continuous at Pb and falling with pressure.
        #[test]
        fn undersaturated_bo_falls_with_pressure(
            api in 20.0f64..45.0,
            sg in 0.65f64..0.85,
            gor in 300.0f64..1400.0,
            t in 120.0f64..250.0,
            pb in 1000.0f64..5000.0,
            dp in 1.0f64..5000.0,
        ) {
            let fluid = OilFluid::new(api, sg, gor).unwrap();
            let bob = 1.3;
            for m in OilCompressibilityMethod::ALL {
                let at_pb = m.undersaturated_fvf_rb_stb(&fluid, pb, pb, bob, t).unwrap();
                prop_assert_eq!(at_pb, bob);
                let just_above =
                    m.undersaturated_fvf_rb_stb(&fluid, pb * (1.0 + 1e-9), pb, bob, t).unwrap();
                prop_assert!((just_above - bob).abs() < 1e-9);
                let b1 = m.undersaturated_fvf_rb_stb(&fluid, pb + dp, pb, bob, t).unwrap();
                let b2 = m.undersaturated_fvf_rb_stb(&fluid, pb + 2.0 * dp, pb, bob, t).unwrap();
                prop_assert!(b2 < b1 && b1 < bob);
                prop_assert!(m.compressibility_1_psi(&fluid, pb + dp, t).unwrap() > 0.0);
            }
        }
    }
}
