//! Bubble-point pressure and solution gas-oil ratio (Rs) at and below the bubble point.
//!
//! Every method here is a *pair*: a bubble-point correlation `Pb(Rs, T)` and the solution
//! GOR curve `Rs(p, T)` for `p <= Pb`. For the explicit power-law correlations (Standing,
//! Vasquez-Beggs, Glasø, Al-Marhoun, Petrosky-Farshad) the Rs curve is the exact algebraic
//! inverse of the Pb correlation, so `Rs(Pb(GOR)) = GOR` to rounding. The published
//! "Rs forms" of these correlations are the same inverses with rounded constants; the tests
//! check that they agree. Valkó-McCain (2003) gives only Pb; its Rs below Pb is the
//! companion Velarde-Blasingame-McCain (1999) reduced-GOR curve, which equals the total GOR
//! at Pb by construction.
//!
//! A correlation evaluated at a very small GOR can return a bubble point below atmospheric
//! pressure (Standing and Petrosky-Farshad even go negative); the bubble point is then
//! reported as standard pressure (14.696 psia): the oil is saturated at stock-tank
//! conditions and undersaturated at every pressure above.
//!
//! The published data ranges in each [`MethodInfo`] are those tabulated for the
//! correlations by Sutton (2006, Oil System Correlations, SPE Petroleum Engineering
//! Handbook Vol. I) and Ahmed's handbooks; they drive range warnings, never errors.

use super::{OilFluid, method_enum_helpers, require_temperature};
use crate::error::{CoreError, CoreResult, require_positive};
use crate::method::{MethodInfo, ParamRange};
use crate::units::{STANDARD_PRESSURE_PSIA, api_to_sg};

/// Rankine offset used by the correlations fitted with `T + 460` (Vasquez-Beggs,
/// Al-Marhoun), kept as published rather than 459.67.
const PUBLISHED_RANKINE_OFFSET: f64 = 460.0;

fn clamp_bubble_point(method: &'static str, raw_psia: f64) -> CoreResult<f64> {
    if raw_psia.is_nan() {
        return Err(CoreError::Physical(format!(
            "{method}: bubble-point pressure is undefined for these inputs"
        )));
    }
    Ok(raw_psia.max(STANDARD_PRESSURE_PSIA))
}

fn check_common(gas_sg: f64, oil_api: f64, temperature_degf: f64) -> CoreResult<()> {
    require_positive("gas_sg", gas_sg)?;
    require_positive("oil_api", oil_api)?;
    require_temperature(temperature_degf)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Standing (1947)
// ---------------------------------------------------------------------------------------

pub(crate) const STANDING_RANGES: &[ParamRange] = &[
    ParamRange {
        param: "bubble_point_psia",
        min: 130.0,
        max: 7000.0,
    },
    ParamRange {
        param: "temperature_degf",
        min: 100.0,
        max: 258.0,
    },
    ParamRange {
        param: "gor_scf_stb",
        min: 20.0,
        max: 1425.0,
    },
    ParamRange {
        param: "oil_api",
        min: 16.5,
        max: 63.8,
    },
    ParamRange {
        param: "gas_sg",
        min: 0.59,
        max: 0.95,
    },
];

/// Standing (1947) bubble point, chart equation with the Pb exponent 0.83 (and Rs exponent
/// 1/0.83 = 1.20482 in the inverse).
pub static STANDING_1947: MethodInfo = MethodInfo {
    id: "standing_1947",
    property: "bubble_point_pressure",
    variant: "Pb = 18.2[(Rs/γg)^0.83·10^(0.00091T − 0.0125API) − 1.4], Pb in psia; Rs below Pb \
              is its exact inverse (exponent 1/0.83)",
    source: "Standing, M.B. (1947) A Pressure-Volume-Temperature Correlation for Mixtures of \
             California Oils and Gases, API Drilling and Production Practice, 275-287; equation \
             form of the chart from Standing (1981) Volumetric and Phase Behavior of Oil Field \
             Hydrocarbon Systems, SPE",
    ranges: STANDING_RANGES,
};

/// Standing (1947) as printed in its Rs form with exponent 1.2048 (e.g. Ahmed's
/// handbooks); the bubble point is the exact inverse (exponent 1/1.2048).
pub static STANDING_1947_RS_EXP_1_2048: MethodInfo = MethodInfo {
    id: "standing_1947_rs_exp_1_2048",
    property: "bubble_point_pressure",
    variant: "Rs = γg[(p/18.2 + 1.4)·10^(0.0125API − 0.00091T)]^1.2048; Pb is its exact inverse \
              (exponent 1/1.2048); differs from standing_1947 by at most ~0.02 %",
    source: "Standing (1947), API Drilling and Production Practice, 275-287; Rs form as printed \
             in Ahmed, T. Reservoir Engineering Handbook (Gulf), chapter on crude-oil properties",
    ranges: STANDING_RANGES,
};

fn standing_exponent_term(oil_api: f64, temperature_degf: f64) -> f64 {
    // 10^(0.00091 T − 0.0125 API)
    10f64.powf(0.000_91 * temperature_degf - 0.0125 * oil_api)
}

fn standing_pb(gor: f64, gas_sg: f64, api: f64, t: f64, pb_exponent: f64) -> f64 {
    18.2 * ((gor / gas_sg).powf(pb_exponent) * standing_exponent_term(api, t) - 1.4)
}

fn standing_rs(p: f64, gas_sg: f64, api: f64, t: f64, rs_exponent: f64) -> f64 {
    gas_sg * ((p / 18.2 + 1.4) / standing_exponent_term(api, t)).powf(rs_exponent)
}

/// Standing (1947) bubble-point pressure, psia.
///
/// `Pb = 18.2 [ (Rs/γg)^0.83 · 10^a − 1.4 ]`, `a = 0.00091 T − 0.0125 API`, T in °F.
///
/// - `gor_scf_stb`: total solution GOR at the bubble point, scf/STB
/// - `gas_sg`: total surface gas specific gravity (air = 1)
/// - `oil_api`: stock-tank oil gravity, °API
/// - `temperature_degf`: temperature, °F
///
/// Source and data range: [`STANDING_1947`]. A result below 14.696 psia is reported as
/// 14.696 psia.
///
/// ```
/// use nodal_core::pvt::oil::bubble_point::standing_1947_bubble_point;
/// // Rs = 500 scf/STB, γg = 0.75, 35 °API, 180 °F
/// let pb = standing_1947_bubble_point(500.0, 0.75, 35.0, 180.0).unwrap();
/// assert!((pb - 2113.54).abs() < 0.01);
/// ```
pub fn standing_1947_bubble_point(
    gor_scf_stb: f64,
    gas_sg: f64,
    oil_api: f64,
    temperature_degf: f64,
) -> CoreResult<f64> {
    require_positive("gor_scf_stb", gor_scf_stb)?;
    check_common(gas_sg, oil_api, temperature_degf)?;
    clamp_bubble_point(
        STANDING_1947.id,
        standing_pb(gor_scf_stb, gas_sg, oil_api, temperature_degf, 0.83),
    )
}

/// Standing (1947) solution GOR at `pressure_psia` (meaningful at and below the bubble
/// point), scf/STB: the exact inverse of [`standing_1947_bubble_point`],
/// `Rs = γg [ (p/18.2 + 1.4) / 10^a ]^(1/0.83)`.
///
/// ```
/// use nodal_core::pvt::oil::bubble_point::standing_1947_solution_gor;
/// let rs = standing_1947_solution_gor(2113.544, 0.75, 35.0, 180.0).unwrap();
/// assert!((rs - 500.0).abs() < 0.01);
/// ```
pub fn standing_1947_solution_gor(
    pressure_psia: f64,
    gas_sg: f64,
    oil_api: f64,
    temperature_degf: f64,
) -> CoreResult<f64> {
    require_positive("pressure_psia", pressure_psia)?;
    check_common(gas_sg, oil_api, temperature_degf)?;
    Ok(standing_rs(
        pressure_psia,
        gas_sg,
        oil_api,
        temperature_degf,
        1.0 / 0.83,
    ))
}

/// Standing (1947), Rs-form variant with exponent 1.2048: bubble-point pressure, psia,
/// `Pb = 18.2 [ (Rs/γg)^(1/1.2048) · 10^a − 1.4 ]`. Arguments and units as
/// [`standing_1947_bubble_point`]; source [`STANDING_1947_RS_EXP_1_2048`].
///
/// ```
/// use nodal_core::pvt::oil::bubble_point::standing_1947_rs_exp_1_2048_bubble_point;
/// let pb = standing_1947_rs_exp_1_2048_bubble_point(500.0, 0.75, 35.0, 180.0).unwrap();
/// assert!((pb - 2113.73).abs() < 0.01);
/// ```
pub fn standing_1947_rs_exp_1_2048_bubble_point(
    gor_scf_stb: f64,
    gas_sg: f64,
    oil_api: f64,
    temperature_degf: f64,
) -> CoreResult<f64> {
    require_positive("gor_scf_stb", gor_scf_stb)?;
    check_common(gas_sg, oil_api, temperature_degf)?;
    clamp_bubble_point(
        STANDING_1947_RS_EXP_1_2048.id,
        standing_pb(gor_scf_stb, gas_sg, oil_api, temperature_degf, 1.0 / 1.2048),
    )
}

/// Standing (1947), Rs-form variant: solution GOR, scf/STB,
/// `Rs = γg [ (p/18.2 + 1.4) · 10^(0.0125 API − 0.00091 T) ]^1.2048`.
///
/// ```
/// use nodal_core::pvt::oil::bubble_point::standing_1947_rs_exp_1_2048_solution_gor;
/// let rs = standing_1947_rs_exp_1_2048_solution_gor(2000.0, 0.75, 35.0, 180.0).unwrap();
/// assert!((rs - 468.15).abs() < 0.01);
/// ```
pub fn standing_1947_rs_exp_1_2048_solution_gor(
    pressure_psia: f64,
    gas_sg: f64,
    oil_api: f64,
    temperature_degf: f64,
) -> CoreResult<f64> {
    require_positive("pressure_psia", pressure_psia)?;
    check_common(gas_sg, oil_api, temperature_degf)?;
    Ok(standing_rs(
        pressure_psia,
        gas_sg,
        oil_api,
        temperature_degf,
        1.2048,
    ))
}

// ---------------------------------------------------------------------------------------
// Vasquez and Beggs (1980)
// ---------------------------------------------------------------------------------------

pub(crate) const VASQUEZ_BEGGS_RANGES: &[ParamRange] = &[
    ParamRange {
        param: "bubble_point_psia",
        min: 15.0,
        max: 6055.0,
    },
    ParamRange {
        param: "temperature_degf",
        min: 75.0,
        max: 294.0,
    },
    ParamRange {
        param: "gor_scf_stb",
        min: 0.0,
        max: 2199.0,
    },
    ParamRange {
        param: "oil_api",
        min: 15.3,
        max: 59.3,
    },
    ParamRange {
        param: "gas_sg",
        min: 0.511,
        max: 1.351,
    },
];

/// Vasquez-Beggs (1980) bubble point and solution GOR.
pub static VASQUEZ_BEGGS_1980: MethodInfo = MethodInfo {
    id: "vasquez_beggs_1980",
    property: "bubble_point_pressure",
    variant: "Rs = C1·γgs·p^C2·exp[C3·API/(T + 460)], C = (0.0362, 1.0937, 25.7240) for \
              API <= 30 and (0.0178, 1.1870, 23.931) above; Pb is its exact inverse",
    source: "Vasquez, M. and Beggs, H.D. (1980) Correlations for Fluid Physical Property \
             Prediction, JPT 32(6), 968-970",
    ranges: VASQUEZ_BEGGS_RANGES,
};

/// `(C1, C2, C3)` of the Vasquez-Beggs Rs equation for the given API gravity.
fn vasquez_beggs_coefficients(oil_api: f64) -> (f64, f64, f64) {
    if oil_api <= 30.0 {
        (0.0362, 1.0937, 25.7240)
    } else {
        (0.0178, 1.1870, 23.931)
    }
}

/// Vasquez-Beggs (1980) solution GOR, scf/STB:
/// `Rs = C1 γgs p^C2 exp[C3 API / (T + 460)]`, with `(C1, C2, C3)` = (0.0362, 1.0937,
/// 25.7240) for API <= 30 and (0.0178, 1.1870, 23.931) for API > 30.
///
/// - `pressure_psia`: pressure at or below the bubble point, psia
/// - `gas_sg`: gas gravity normalized to a 100 psig separator (γgs; see
///   [`crate::pvt::separator`])
/// - `oil_api`, `temperature_degf`: °API, °F
///
/// Source and data range: [`VASQUEZ_BEGGS_1980`].
///
/// ```
/// use nodal_core::pvt::oil::bubble_point::vasquez_beggs_1980_solution_gor;
/// let rs = vasquez_beggs_1980_solution_gor(2000.0, 0.75, 35.0, 180.0).unwrap();
/// assert!((rs - 409.43).abs() < 0.01);
/// ```
pub fn vasquez_beggs_1980_solution_gor(
    pressure_psia: f64,
    gas_sg: f64,
    oil_api: f64,
    temperature_degf: f64,
) -> CoreResult<f64> {
    require_positive("pressure_psia", pressure_psia)?;
    check_common(gas_sg, oil_api, temperature_degf)?;
    let (c1, c2, c3) = vasquez_beggs_coefficients(oil_api);
    let t_r = temperature_degf + PUBLISHED_RANKINE_OFFSET;
    Ok(c1 * gas_sg * pressure_psia.powf(c2) * (c3 * oil_api / t_r).exp())
}

/// Vasquez-Beggs (1980) bubble-point pressure, psia: the exact inverse of
/// [`vasquez_beggs_1980_solution_gor`],
/// `Pb = [ Rs / (C1 γgs exp(C3 API/(T + 460))) ]^(1/C2)`.
///
/// ```
/// use nodal_core::pvt::oil::bubble_point::vasquez_beggs_1980_bubble_point;
/// let pb = vasquez_beggs_1980_bubble_point(500.0, 0.75, 35.0, 180.0).unwrap();
/// assert!((pb - 2366.74).abs() < 0.01);
/// ```
pub fn vasquez_beggs_1980_bubble_point(
    gor_scf_stb: f64,
    gas_sg: f64,
    oil_api: f64,
    temperature_degf: f64,
) -> CoreResult<f64> {
    require_positive("gor_scf_stb", gor_scf_stb)?;
    check_common(gas_sg, oil_api, temperature_degf)?;
    let (c1, c2, c3) = vasquez_beggs_coefficients(oil_api);
    let t_r = temperature_degf + PUBLISHED_RANKINE_OFFSET;
    let pb = (gor_scf_stb / (c1 * gas_sg * (c3 * oil_api / t_r).exp())).powf(1.0 / c2);
    clamp_bubble_point(VASQUEZ_BEGGS_1980.id, pb)
}

// ---------------------------------------------------------------------------------------
// Glasø (1980)
// ---------------------------------------------------------------------------------------

pub(crate) const GLASO_RANGES: &[ParamRange] = &[
    ParamRange {
        param: "bubble_point_psia",
        min: 165.0,
        max: 7142.0,
    },
    ParamRange {
        param: "temperature_degf",
        min: 80.0,
        max: 280.0,
    },
    ParamRange {
        param: "gor_scf_stb",
        min: 90.0,
        max: 2637.0,
    },
    ParamRange {
        param: "oil_api",
        min: 22.3,
        max: 48.1,
    },
    ParamRange {
        param: "gas_sg",
        min: 0.65,
        max: 1.28,
    },
];

/// Glasø (1980) bubble point (North Sea black oils, non-hydrocarbon corrections not
/// applied, API exponent 0.989 and temperature exponent 0.172 of the black-oil form).
pub static GLASO_1980: MethodInfo = MethodInfo {
    id: "glaso_1980",
    property: "bubble_point_pressure",
    variant: "log Pb = 1.7669 + 1.7447 log Pb* − 0.30218 (log Pb*)², \
              Pb* = (Rs/γg)^0.816 T^0.172 / API^0.989 (black-oil exponents, no correction for \
              CO2, N2 or H2S); Rs below Pb is the exact inverse",
    source: "Glasø, O. (1980) Generalized Pressure-Volume-Temperature Correlations, JPT 32(5), \
             785-795",
    ranges: GLASO_RANGES,
};

const GLASO_A0: f64 = 1.7669;
const GLASO_A1: f64 = 1.7447;
const GLASO_A2: f64 = 0.302_18;

/// `log10 Pb*` at which Glasø's quadratic in `log10 Pb*` peaks; beyond it the correlation
/// would give a bubble point falling with GOR.
const GLASO_MAX_LOG_PB_STAR: f64 = GLASO_A1 / (2.0 * GLASO_A2);

/// Glasø (1980) bubble-point pressure, psia.
///
/// `Pb* = (Rs/γg)^0.816 · T^0.172 / API^0.989`, `log10 Pb = 1.7669 + 1.7447 log10 Pb*
/// − 0.30218 (log10 Pb*)²`, T in °F, γg total surface gas gravity.
///
/// The quadratic peaks at `log10 Pb* = 2.8869` (Pb ≈ 19,280 psia); inputs beyond the
/// peak are rejected because the bubble point would fall with rising GOR.
///
/// ```
/// use nodal_core::pvt::oil::bubble_point::glaso_1980_bubble_point;
/// let pb = glaso_1980_bubble_point(500.0, 0.75, 35.0, 180.0).unwrap();
/// assert!((pb - 2451.82).abs() < 0.01);
/// ```
pub fn glaso_1980_bubble_point(
    gor_scf_stb: f64,
    gas_sg: f64,
    oil_api: f64,
    temperature_degf: f64,
) -> CoreResult<f64> {
    require_positive("gor_scf_stb", gor_scf_stb)?;
    check_common(gas_sg, oil_api, temperature_degf)?;
    let pb_star =
        (gor_scf_stb / gas_sg).powf(0.816) * temperature_degf.powf(0.172) / oil_api.powf(0.989);
    let x = pb_star.log10();
    if x > GLASO_MAX_LOG_PB_STAR {
        return Err(CoreError::Physical(format!(
            "glaso_1980: correlating number Pb* = {pb_star:.1} is beyond the maximum of the \
             correlation ({:.1}); the bubble point is not defined for these inputs",
            10f64.powf(GLASO_MAX_LOG_PB_STAR)
        )));
    }
    let log_pb = GLASO_A0 + GLASO_A1 * x - GLASO_A2 * x * x;
    clamp_bubble_point(GLASO_1980.id, 10f64.powf(log_pb))
}

/// Glasø (1980) solution GOR, scf/STB: the exact inverse of [`glaso_1980_bubble_point`],
/// `log10 Pb* = [1.7447 − sqrt(1.7447² − 4·0.30218·(log10 p − 1.7669))] / (2·0.30218)`,
/// `Rs = γg (Pb* · API^0.989 / T^0.172)^(1/0.816)`. The published rounded form
/// `2.8869 − (14.1811 − 3.3093 log10 p)^0.5` is the same expression.
///
/// ```
/// use nodal_core::pvt::oil::bubble_point::glaso_1980_solution_gor;
/// let rs = glaso_1980_solution_gor(2000.0, 0.75, 35.0, 180.0).unwrap();
/// assert!((rs - 395.67).abs() < 0.5);
/// ```
pub fn glaso_1980_solution_gor(
    pressure_psia: f64,
    gas_sg: f64,
    oil_api: f64,
    temperature_degf: f64,
) -> CoreResult<f64> {
    require_positive("pressure_psia", pressure_psia)?;
    check_common(gas_sg, oil_api, temperature_degf)?;
    let discriminant = GLASO_A1 * GLASO_A1 - 4.0 * GLASO_A2 * (pressure_psia.log10() - GLASO_A0);
    if discriminant < 0.0 {
        return Err(CoreError::Physical(format!(
            "glaso_1980: pressure {pressure_psia} psia is above the highest bubble point the \
             correlation can represent"
        )));
    }
    let x = (GLASO_A1 - discriminant.sqrt()) / (2.0 * GLASO_A2);
    let pb_star = 10f64.powf(x);
    Ok(gas_sg * (pb_star * oil_api.powf(0.989) / temperature_degf.powf(0.172)).powf(1.0 / 0.816))
}

// ---------------------------------------------------------------------------------------
// Al-Marhoun (1988)
// ---------------------------------------------------------------------------------------

pub(crate) const AL_MARHOUN_RANGES: &[ParamRange] = &[
    ParamRange {
        param: "bubble_point_psia",
        min: 20.0,
        max: 3573.0,
    },
    ParamRange {
        param: "temperature_degf",
        min: 75.0,
        max: 240.0,
    },
    ParamRange {
        param: "gor_scf_stb",
        min: 24.0,
        max: 1901.0,
    },
    ParamRange {
        param: "oil_api",
        min: 14.3,
        max: 44.6,
    },
    ParamRange {
        param: "gas_sg",
        min: 0.752,
        max: 1.367,
    },
];

/// Al-Marhoun (1988) bubble point (Middle East oils).
pub static AL_MARHOUN_1988: MethodInfo = MethodInfo {
    id: "al_marhoun_1988",
    property: "bubble_point_pressure",
    variant: "Pb = 5.38088e-3 Rs^0.715082 γg^−1.87784 γo^3.1437 (T + 460)^1.32657; Rs below Pb \
              is the exact inverse",
    source: "Al-Marhoun, M.A. (1988) PVT Correlations for Middle East Crude Oils, JPT 40(5), \
             650-666",
    ranges: AL_MARHOUN_RANGES,
};

fn al_marhoun_factor(gas_sg: f64, oil_api: f64, temperature_degf: f64) -> f64 {
    let t_r = temperature_degf + PUBLISHED_RANKINE_OFFSET;
    5.380_88e-3 * gas_sg.powf(-1.877_84) * api_to_sg(oil_api).powf(3.1437) * t_r.powf(1.326_57)
}

/// Al-Marhoun (1988) bubble-point pressure, psia:
/// `Pb = 5.38088e-3 · Rs^0.715082 · γg^−1.87784 · γo^3.1437 · (T + 460)^1.32657`
/// (γo stock-tank oil specific gravity, T in °F).
///
/// ```
/// use nodal_core::pvt::oil::bubble_point::al_marhoun_1988_bubble_point;
/// let pb = al_marhoun_1988_bubble_point(500.0, 0.75, 35.0, 180.0).unwrap();
/// assert!((pb - 2488.40).abs() < 0.01);
/// ```
pub fn al_marhoun_1988_bubble_point(
    gor_scf_stb: f64,
    gas_sg: f64,
    oil_api: f64,
    temperature_degf: f64,
) -> CoreResult<f64> {
    require_positive("gor_scf_stb", gor_scf_stb)?;
    check_common(gas_sg, oil_api, temperature_degf)?;
    let pb = al_marhoun_factor(gas_sg, oil_api, temperature_degf) * gor_scf_stb.powf(0.715_082);
    clamp_bubble_point(AL_MARHOUN_1988.id, pb)
}

/// Al-Marhoun (1988) solution GOR, scf/STB: exact inverse of
/// [`al_marhoun_1988_bubble_point`], `Rs = [p / (5.38088e-3 γg^−1.87784 γo^3.1437
/// (T + 460)^1.32657)]^(1/0.715082)`.
///
/// ```
/// use nodal_core::pvt::oil::bubble_point::al_marhoun_1988_solution_gor;
/// let rs = al_marhoun_1988_solution_gor(2000.0, 0.75, 35.0, 180.0).unwrap();
/// assert!((rs - 368.36).abs() < 0.01);
/// ```
pub fn al_marhoun_1988_solution_gor(
    pressure_psia: f64,
    gas_sg: f64,
    oil_api: f64,
    temperature_degf: f64,
) -> CoreResult<f64> {
    require_positive("pressure_psia", pressure_psia)?;
    check_common(gas_sg, oil_api, temperature_degf)?;
    Ok(
        (pressure_psia / al_marhoun_factor(gas_sg, oil_api, temperature_degf))
            .powf(1.0 / 0.715_082),
    )
}

// ---------------------------------------------------------------------------------------
// Petrosky and Farshad (1993)
// ---------------------------------------------------------------------------------------

pub(crate) const PETROSKY_FARSHAD_RANGES: &[ParamRange] = &[
    ParamRange {
        param: "bubble_point_psia",
        min: 1574.0,
        max: 6523.0,
    },
    ParamRange {
        param: "temperature_degf",
        min: 114.0,
        max: 288.0,
    },
    ParamRange {
        param: "gor_scf_stb",
        min: 217.0,
        max: 1406.0,
    },
    ParamRange {
        param: "oil_api",
        min: 16.3,
        max: 45.0,
    },
    ParamRange {
        param: "gas_sg",
        min: 0.5781,
        max: 0.8519,
    },
];

/// Petrosky-Farshad (1993) bubble point (Gulf of Mexico oils).
pub static PETROSKY_FARSHAD_1993: MethodInfo = MethodInfo {
    id: "petrosky_farshad_1993",
    property: "bubble_point_pressure",
    variant: "Pb = 112.727 Rs^0.577421 / (γg^0.8439 10^x) − 1391.051, \
              x = 7.916e-4 API^1.5410 − 4.561e-5 T^1.3911; Rs below Pb is the exact inverse",
    source: "Petrosky, G.E. Jr. and Farshad, F.F. (1993) Pressure-Volume-Temperature \
             Correlations for Gulf of Mexico Crude Oils, SPE 26644",
    ranges: PETROSKY_FARSHAD_RANGES,
};

fn petrosky_farshad_x(oil_api: f64, temperature_degf: f64) -> f64 {
    7.916e-4 * oil_api.powf(1.5410) - 4.561e-5 * temperature_degf.powf(1.3911)
}

/// Petrosky-Farshad (1993) bubble-point pressure, psia:
/// `Pb = 112.727 Rs^0.577421 / (γg^0.8439 · 10^x) − 1391.051`,
/// `x = 7.916e-4 API^1.5410 − 4.561e-5 T^1.3911`, T in °F.
///
/// ```
/// use nodal_core::pvt::oil::bubble_point::petrosky_farshad_1993_bubble_point;
/// let pb = petrosky_farshad_1993_bubble_point(500.0, 0.75, 35.0, 180.0).unwrap();
/// assert!((pb - 2489.05).abs() < 0.01);
/// ```
pub fn petrosky_farshad_1993_bubble_point(
    gor_scf_stb: f64,
    gas_sg: f64,
    oil_api: f64,
    temperature_degf: f64,
) -> CoreResult<f64> {
    require_positive("gor_scf_stb", gor_scf_stb)?;
    check_common(gas_sg, oil_api, temperature_degf)?;
    let x = petrosky_farshad_x(oil_api, temperature_degf);
    let pb =
        112.727 * gor_scf_stb.powf(0.577_421) / (gas_sg.powf(0.8439) * 10f64.powf(x)) - 1391.051;
    clamp_bubble_point(PETROSKY_FARSHAD_1993.id, pb)
}

/// Petrosky-Farshad (1993) solution GOR, scf/STB: exact inverse of
/// [`petrosky_farshad_1993_bubble_point`],
/// `Rs = [ (p + 1391.051)/112.727 · γg^0.8439 · 10^x ]^(1/0.577421)`
/// (published rounded as `[(p/112.727 + 12.340) γg^0.8439 10^x]^1.73184`).
///
/// ```
/// use nodal_core::pvt::oil::bubble_point::petrosky_farshad_1993_solution_gor;
/// let rs = petrosky_farshad_1993_solution_gor(2000.0, 0.75, 35.0, 180.0).unwrap();
/// assert!((rs - 395.95).abs() < 0.05);
/// ```
pub fn petrosky_farshad_1993_solution_gor(
    pressure_psia: f64,
    gas_sg: f64,
    oil_api: f64,
    temperature_degf: f64,
) -> CoreResult<f64> {
    require_positive("pressure_psia", pressure_psia)?;
    check_common(gas_sg, oil_api, temperature_degf)?;
    let x = petrosky_farshad_x(oil_api, temperature_degf);
    let base = (pressure_psia + 1391.051) / 112.727 * gas_sg.powf(0.8439) * 10f64.powf(x);
    Ok(base.powf(1.0 / 0.577_421))
}

// ---------------------------------------------------------------------------------------
// Valkó and McCain (2003) with Velarde, Blasingame and McCain (1999)
// ---------------------------------------------------------------------------------------

/// Valkó-McCain (2003) bubble point; Rs below it by Velarde-Blasingame-McCain (1999).
pub static VALKO_MCCAIN_2003: MethodInfo = MethodInfo {
    id: "valko_mccain_2003",
    property: "bubble_point_pressure",
    variant: "ln Pb = 7.475 + 0.713 z + 0.0075 z², z = Σ cubic polynomials in ln Rsb, API, \
              separator γg and T (°F); Rs below Pb from the Velarde-Blasingame-McCain (1999) \
              reduced solution-GOR curve",
    source: "Valkó, P.P. and McCain, W.D. Jr. (2003) Reservoir oil bubblepoint pressures \
             revisited; solution gas-oil ratios and surface gas specific gravities, J. Petroleum \
             Science and Engineering 37(3-4), 153-169; Velarde, J., Blasingame, T.A. and McCain, \
             W.D. Jr. (1999) Correlation of Black Oil Properties at Pressures Below Bubblepoint \
             Pressure - A New Approach, J. Canadian Petroleum Technology 38(13)",
    ranges: &[
        ParamRange {
            param: "temperature_degf",
            min: 78.0,
            max: 330.0,
        },
        ParamRange {
            param: "oil_api",
            min: 6.0,
            max: 56.8,
        },
    ],
};

/// Velarde-Blasingame-McCain (1999) solution GOR below the bubble point (the companion of
/// [`VALKO_MCCAIN_2003`]).
///
/// Its gas-gravity range (0.555-1.245) is of the *separator* gas gravity, the quantity the
/// curve takes, so it is listed as `separator_gas_sg`, not as the total surface `gas_sg`.
pub static VELARDE_1999: MethodInfo = MethodInfo {
    id: "velarde_blasingame_mccain_1999",
    property: "solution_gor",
    variant: "Rs/Rsb = a1 pr^a2 + (1 − a1) pr^a3, pr = (p − 14.696)/(Pb − 14.696) (gauge \
              pressures), each ai = Ci0 γgsp^Ci1 API^Ci2 T^Ci3 (Pb − 14.696)^Ci4",
    source: "Velarde, J., Blasingame, T.A. and McCain, W.D. Jr. (1999) Correlation of Black Oil \
             Properties at Pressures Below Bubblepoint Pressure - A New Approach, J. Canadian \
             Petroleum Technology 38(13) (CIM 97-93); data range as tabulated on the pengtools \
             wiki page of the correlation (Rsb 2.35-322 sm3/sm3, oil SG 0.754-0.989, gas SG \
             0.555-1.245, 21.1-160 °C), converted to field units",
    ranges: &[
        ParamRange {
            param: "gor_scf_stb",
            min: 13.2,
            max: 1808.0,
        },
        ParamRange {
            param: "oil_api",
            min: 11.6,
            max: 56.2,
        },
        ParamRange {
            param: "separator_gas_sg",
            min: 0.555,
            max: 1.245,
        },
        ParamRange {
            param: "temperature_degf",
            min: 70.0,
            max: 320.0,
        },
    ],
};

/// Valkó-McCain (2003) coefficients `C[i][n]`: power `i` (0..=3) of variable `n`
/// (ln Rsb, API, γg separator, T °F).
const VALKO_MCCAIN_C: [[f64; 4]; 4] = [
    [-5.48, 1.27, 4.51, -0.7835],
    [-0.0378, -0.0449, -10.84, 6.23e-3],
    [0.281, 4.36e-4, 8.39, -1.22e-5],
    [-0.0206, -4.76e-6, -2.34, 1.03e-8],
];

/// Largest ln Rsb for which the Valkó-McCain bubble point still rises with GOR (the cubic
/// in ln Rsb turns over at ln Rsb ≈ 9.03, Rsb ≈ 8,300 scf/STB).
fn valko_mccain_max_ln_rsb() -> f64 {
    let [_, c1, c2, c3] = [
        VALKO_MCCAIN_C[0][0],
        VALKO_MCCAIN_C[1][0],
        VALKO_MCCAIN_C[2][0],
        VALKO_MCCAIN_C[3][0],
    ];
    // d/dL (c1 L + c2 L² + c3 L³) = 0, larger root
    let (a, b, c) = (3.0 * c3, 2.0 * c2, c1);
    (-b - (b * b - 4.0 * a * c).sqrt()) / (2.0 * a)
}

/// Valkó-McCain (2003) bubble-point pressure, psia.
///
/// `ln Pb = 7.475 + 0.713 z + 0.0075 z²`, `z = Σ_n (C0n + C1n·Vn + C2n·Vn² + C3n·Vn³)` with
/// `V1 = ln Rsb`, `V2 = API`, `V3 = γg` (separator gas), `V4 = T` (°F).
///
/// - `gor_scf_stb`: total solution GOR at the bubble point (separator + stock tank),
///   scf/STB
/// - `gas_sg`: separator gas specific gravity
///
/// GORs above ≈ 8,300 scf/STB, where the cubic in ln Rsb turns over, are rejected.
///
/// ```
/// use nodal_core::pvt::oil::bubble_point::valko_mccain_2003_bubble_point;
/// let pb = valko_mccain_2003_bubble_point(500.0, 0.75, 35.0, 180.0).unwrap();
/// assert!((pb - 2243.84).abs() < 0.01);
/// ```
pub fn valko_mccain_2003_bubble_point(
    gor_scf_stb: f64,
    gas_sg: f64,
    oil_api: f64,
    temperature_degf: f64,
) -> CoreResult<f64> {
    require_positive("gor_scf_stb", gor_scf_stb)?;
    check_common(gas_sg, oil_api, temperature_degf)?;
    let ln_rsb = gor_scf_stb.ln();
    if ln_rsb > valko_mccain_max_ln_rsb() {
        return Err(CoreError::Physical(format!(
            "valko_mccain_2003: GOR {gor_scf_stb} scf/STB is beyond the maximum the correlation \
             can represent ({:.0} scf/STB)",
            valko_mccain_max_ln_rsb().exp()
        )));
    }
    let vars = [ln_rsb, oil_api, gas_sg, temperature_degf];
    let mut z = 0.0;
    for (n, v) in vars.iter().enumerate() {
        z += VALKO_MCCAIN_C[0][n]
            + v * (VALKO_MCCAIN_C[1][n] + v * (VALKO_MCCAIN_C[2][n] + v * VALKO_MCCAIN_C[3][n]));
    }
    let ln_pb = 7.475 + 0.713 * z + 0.0075 * z * z;
    clamp_bubble_point(VALKO_MCCAIN_2003.id, ln_pb.exp())
}

/// `(Ci0 .. Ci4)` of Velarde et al. (1999) for a1, a2, a3.
const VELARDE_COEFFS: [[f64; 5]; 3] = [
    [9.73e-7, 1.672_608, 0.929_870, 0.247_235, 1.056_052],
    [0.022_339, -1.004_750, 0.337_711, 0.132_795, 0.302_065],
    [0.725_167, -1.485_480, -0.164_741, -0.091_330, 0.047_094],
];

/// Velarde-Blasingame-McCain (1999) solution GOR below the bubble point, scf/STB.
///
/// `Rs = Rsb · [a1 pr^a2 + (1 − a1) pr^a3]`, `pr = (p − 14.696)/(Pb − 14.696)`,
/// `ai = Ci0 · γg^Ci1 · API^Ci2 · T^Ci3 · (Pb − 14.696)^Ci4` (T in °F, Pb − 14.696 in psig).
/// At `p = Pb` the bracket is exactly 1; at or below atmospheric pressure Rs is 0. At or
/// above the bubble point the result is `Rsb`.
///
/// - `pressure_psia`, `bubble_point_psia`: psia
/// - `gor_scf_stb`: Rsb, total solution GOR at the bubble point, scf/STB
/// - `gas_sg`: separator gas specific gravity
///
/// Fluids for which `a1 > 1` (rich separator gas, light oil, high Pb) make the curve
/// negative below Pb and are rejected.
///
/// ```
/// use nodal_core::pvt::oil::bubble_point::velarde_1999_solution_gor;
/// let rs = velarde_1999_solution_gor(1000.0, 2243.8428, 500.0, 0.75, 35.0, 180.0).unwrap();
/// assert!((rs - 272.86).abs() < 0.01);
/// ```
pub fn velarde_1999_solution_gor(
    pressure_psia: f64,
    bubble_point_psia: f64,
    gor_scf_stb: f64,
    gas_sg: f64,
    oil_api: f64,
    temperature_degf: f64,
) -> CoreResult<f64> {
    require_positive("pressure_psia", pressure_psia)?;
    require_positive("bubble_point_psia", bubble_point_psia)?;
    super::require_non_negative("gor_scf_stb", gor_scf_stb)?;
    check_common(gas_sg, oil_api, temperature_degf)?;
    if pressure_psia >= bubble_point_psia {
        return Ok(gor_scf_stb);
    }
    if pressure_psia <= STANDARD_PRESSURE_PSIA {
        return Ok(0.0);
    }
    let pb_gauge = bubble_point_psia - STANDARD_PRESSURE_PSIA;
    // a_i = c0 γg^c1 API^c2 T^c3 pb^c4, evaluated through logarithms: four logarithms and
    // one exponential per coefficient instead of four powers (this runs at every station
    // of a traverse).
    let (ln_sg, ln_api, ln_t, ln_pb) = (
        gas_sg.ln(),
        oil_api.ln(),
        temperature_degf.ln(),
        pb_gauge.ln(),
    );
    let coefficient =
        |c: &[f64; 5]| c[0] * (c[1] * ln_sg + c[2] * ln_api + c[3] * ln_t + c[4] * ln_pb).exp();
    let a1 = coefficient(&VELARDE_COEFFS[0]);
    let a2 = coefficient(&VELARDE_COEFFS[1]);
    let a3 = coefficient(&VELARDE_COEFFS[2]);
    if a1 > 1.0 {
        return Err(CoreError::Physical(format!(
            "velarde_blasingame_mccain_1999: leading coefficient a1 = {a1:.3} exceeds 1 for this \
             fluid (rich separator gas, light oil, high bubble point); the correlation gives a \
             negative solution GOR below the bubble point. Use another bubble-point method."
        )));
    }
    let pr = (pressure_psia - STANDARD_PRESSURE_PSIA) / pb_gauge;
    let ratio = a1 * pr.powf(a2) + (1.0 - a1) * pr.powf(a3);
    Ok(gor_scf_stb * ratio.clamp(0.0, 1.0))
}

// ---------------------------------------------------------------------------------------
// Method selection
// ---------------------------------------------------------------------------------------

/// Bubble-point and solution-GOR method (each a consistent Pb/Rs pair).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum BubblePointMethod {
    /// [`STANDING_1947`]: Pb exponent 0.83, Rs exponent 1/0.83.
    #[default]
    Standing1947,
    /// [`STANDING_1947_RS_EXP_1_2048`]: Rs exponent 1.2048, Pb exponent 1/1.2048.
    Standing1947RsExp12048,
    /// [`VASQUEZ_BEGGS_1980`].
    VasquezBeggs1980,
    /// [`GLASO_1980`].
    Glaso1980,
    /// [`AL_MARHOUN_1988`].
    AlMarhoun1988,
    /// [`PETROSKY_FARSHAD_1993`].
    PetroskyFarshad1993,
    /// [`VALKO_MCCAIN_2003`] Pb with [`VELARDE_1999`] Rs below Pb.
    ValkoMcCain2003,
}

impl BubblePointMethod {
    /// Every bubble-point method, in a stable order.
    pub const ALL: [Self; 7] = [
        Self::Standing1947,
        Self::Standing1947RsExp12048,
        Self::VasquezBeggs1980,
        Self::Glaso1980,
        Self::AlMarhoun1988,
        Self::PetroskyFarshad1993,
        Self::ValkoMcCain2003,
    ];

    /// Metadata of the method (source, variant, published data range).
    pub fn info(self) -> &'static MethodInfo {
        match self {
            Self::Standing1947 => &STANDING_1947,
            Self::Standing1947RsExp12048 => &STANDING_1947_RS_EXP_1_2048,
            Self::VasquezBeggs1980 => &VASQUEZ_BEGGS_1980,
            Self::Glaso1980 => &GLASO_1980,
            Self::AlMarhoun1988 => &AL_MARHOUN_1988,
            Self::PetroskyFarshad1993 => &PETROSKY_FARSHAD_1993,
            Self::ValkoMcCain2003 => &VALKO_MCCAIN_2003,
        }
    }

    /// Bubble-point pressure of `fluid` at `temperature_degf`, psia.
    pub fn bubble_point_psia(self, fluid: &OilFluid, temperature_degf: f64) -> CoreResult<f64> {
        let f = match self {
            Self::Standing1947 => standing_1947_bubble_point,
            Self::Standing1947RsExp12048 => standing_1947_rs_exp_1_2048_bubble_point,
            Self::VasquezBeggs1980 => vasquez_beggs_1980_bubble_point,
            Self::Glaso1980 => glaso_1980_bubble_point,
            Self::AlMarhoun1988 => al_marhoun_1988_bubble_point,
            Self::PetroskyFarshad1993 => petrosky_farshad_1993_bubble_point,
            Self::ValkoMcCain2003 => valko_mccain_2003_bubble_point,
        };
        f(
            fluid.gor_scf_stb,
            fluid.gas_sg,
            fluid.oil_api,
            temperature_degf,
        )
    }

    /// Solution GOR of `fluid` at `pressure_psia`, scf/STB, given its bubble point
    /// `bubble_point_psia` at this temperature (from [`Self::bubble_point_psia`]): the
    /// method's Rs curve below the bubble point, capped at the total GOR, and the total
    /// GOR at and above it.
    pub fn solution_gor_scf_stb(
        self,
        fluid: &OilFluid,
        pressure_psia: f64,
        bubble_point_psia: f64,
        temperature_degf: f64,
    ) -> CoreResult<f64> {
        require_positive("pressure_psia", pressure_psia)?;
        require_positive("bubble_point_psia", bubble_point_psia)?;
        if pressure_psia >= bubble_point_psia {
            return Ok(fluid.gor_scf_stb);
        }
        let (sg, api, t) = (fluid.gas_sg, fluid.oil_api, temperature_degf);
        let rs = match self {
            Self::Standing1947 => standing_1947_solution_gor(pressure_psia, sg, api, t),
            Self::Standing1947RsExp12048 => {
                standing_1947_rs_exp_1_2048_solution_gor(pressure_psia, sg, api, t)
            }
            Self::VasquezBeggs1980 => vasquez_beggs_1980_solution_gor(pressure_psia, sg, api, t),
            Self::Glaso1980 => glaso_1980_solution_gor(pressure_psia, sg, api, t),
            Self::AlMarhoun1988 => al_marhoun_1988_solution_gor(pressure_psia, sg, api, t),
            Self::PetroskyFarshad1993 => {
                petrosky_farshad_1993_solution_gor(pressure_psia, sg, api, t)
            }
            Self::ValkoMcCain2003 => velarde_1999_solution_gor(
                pressure_psia,
                bubble_point_psia,
                fluid.gor_scf_stb,
                sg,
                api,
                t,
            ),
        }?;
        if !rs.is_finite() {
            return Err(CoreError::Physical(format!(
                "{}: solution GOR is undefined at {pressure_psia} psia for this fluid",
                self.id()
            )));
        }
        Ok(rs.min(fluid.gor_scf_stb))
    }
}

method_enum_helpers!(BubblePointMethod);

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::units::{FT3_PER_BBL, sg_to_api};
    use proptest::prelude::*;

    fn rel(a: f64, b: f64) -> f64 {
        ((a - b) / b).abs()
    }

    /// pyrestoolbox 3.8.9, `oil_pbub(api, degf, rsb, sg_g=sg, sg_sp=sg, pbmethod=...)`:
    /// 'STAN' is Standing with exponent 0.83 and Pb in psia (our `standing_1947`); 'VALMC' is
    /// Valkó-McCain 2003. Values computed outside the project.
    #[test]
    fn bubble_point_matches_pyrestoolbox() {
        // (api, degf, rsb, sg, STAN, VALMC)
        let cases = [
            (35.0, 180.0, 500.0, 0.75, 2113.5439, 2243.8428),
            (25.0, 150.0, 300.0, 0.80, 1636.0850, 1630.5766),
            (45.0, 220.0, 1200.0, 0.70, 3794.4944, 3816.9134),
            (30.0, 200.0, 800.0, 0.90, 3245.0248, 3040.9631),
        ];
        for (api, t, rsb, sg, stan, valmc) in cases {
            let fluid = OilFluid::new(api, sg, rsb).unwrap();
            let pb = BubblePointMethod::Standing1947
                .bubble_point_psia(&fluid, t)
                .unwrap();
            assert!(rel(pb, stan) < 1e-6, "standing {pb} vs {stan}");
            let pb = BubblePointMethod::ValkoMcCain2003
                .bubble_point_psia(&fluid, t)
                .unwrap();
            assert!(rel(pb, valmc) < 1e-6, "valko-mccain {pb} vs {valmc}");
        }
    }

    /// Glasø, Vasquez-Beggs, Al-Marhoun and Petrosky-Farshad bubble points against petpropy
    /// 1.0.4 `oil.bubble_pressure.{glaso, vazquez_beggs, almarhoun, petrosky_farshad}(Rsb,
    /// γg, T_R, API)` (LGPL, run outside the project). Two notes on that implementation:
    /// its Vasquez-Beggs subtracts 460 from T_R and then divides by °F inside the
    /// exponential, so it was called with T_R + 460 to evaluate the published
    /// `exp(C3 API/(T + 460))`; its Petrosky-Farshad uses the Rs exponent rounded to
    /// 0.5774 where the SPE 26644 form carried here has 0.577421, which moves Pb by up to
    /// 0.03 % in these cases (tolerance 5e-4 for that method, 1e-6 for the others).
    #[test]
    fn other_bubble_points_match_petpropy() {
        // (Rsb, γg, API, °F, Glasø, Vasquez-Beggs, Al-Marhoun, Petrosky-Farshad)
        let cases = [
            (
                500.0,
                0.75,
                35.0,
                180.0,
                2_451.815_344,
                2_366.736_834,
                2_488.401_080,
                2_488.542_263,
            ),
            (
                300.0,
                0.80,
                25.0,
                150.0,
                2_050.782_328,
                1_789.310_645,
                1_744.025_816,
                1_769.362_322,
            ),
            (
                1200.0,
                0.70,
                45.0,
                220.0,
                4_201.230_484,
                4_160.166_734,
                4_779.302_412,
                4_417.462_917,
            ),
        ];
        for (rsb, sg, api, t, glaso, vb, am, pf) in cases {
            let pb = glaso_1980_bubble_point(rsb, sg, api, t).unwrap();
            assert!(rel(pb, glaso) < 1e-6, "glaso {pb} vs {glaso}");
            let pb = vasquez_beggs_1980_bubble_point(rsb, sg, api, t).unwrap();
            assert!(rel(pb, vb) < 1e-6, "vasquez-beggs {pb} vs {vb}");
            let pb = al_marhoun_1988_bubble_point(rsb, sg, api, t).unwrap();
            assert!(rel(pb, am) < 1e-6, "al-marhoun {pb} vs {am}");
            let pb = petrosky_farshad_1993_bubble_point(rsb, sg, api, t).unwrap();
            assert!(rel(pb, pf) < 5e-4, "petrosky-farshad {pb} vs {pf}");
        }
    }

    /// Worked example of Afanasyev, Moskvin, Wolcott and McCain (2004) Practical PVT
    /// Calculations for Black Oils (YUKOS), reproduced in Wolcott (2009) Applied Waterflood
    /// Field Development and on the pengtools wiki (Valko-McCain page): Rsb = 60 sm³/sm³,
    /// γo = 0.85, separator γg = 0.75, 90 °C gives Pb = 11.65 MPa (ln Pb[MPa] = 2.4557).
    /// The source rounds to four digits: tolerance 0.01 MPa.
    #[test]
    fn valko_mccain_matches_published_worked_example() {
        let scf_stb_per_sm3_sm3 = FT3_PER_BBL; // (ft³/m³)/(bbl/m³) = ft³/bbl
        let api = sg_to_api(0.85);
        let pb_psia =
            valko_mccain_2003_bubble_point(60.0 * scf_stb_per_sm3_sm3, 0.75, api, 194.0).unwrap();
        let pb_mpa = pb_psia * 0.006_894_757_293;
        assert!((pb_mpa - 11.65).abs() < 0.01, "{pb_mpa}");
    }

    /// Worked example of the same source for the Velarde-Blasingame-McCain (1999) Rs below
    /// the bubble point, as reproduced on the pengtools wiki (Velarde page): Rsb = 60
    /// sm³/sm³, γo = 0.85, γg = 0.75, 90 °C, Pb = 11.65 MPa; at 10 MPa a1 = 0.1545,
    /// a2 = 1.8812, a3 = 0.5431, pr = 0.8493, Rs/Rsb = 0.8874, Rs = 53.24 sm³/sm³. The
    /// example evaluates the coefficients with the absolute Pb and takes
    /// pr = (p − 0.101 MPa)/Pb; Nodal uses gauge pressures for both (as pyrestoolbox 3.8.9
    /// does), which gives a1 = 0.1531, a2 = 1.8776, a3 = 0.5428, pr = 0.8571 and Rs = 53.61
    /// sm³/sm³, 0.7 % above the example. The exponents a2 and a3 are checked to 0.5 %, a1
    /// (most sensitive to the Pb convention, exponent 1.056) to 1.5 % and Rs to 1 %.
    #[test]
    fn velarde_matches_published_worked_example() {
        let mpa = 1.0 / 0.006_894_757_293;
        let (sg, api, t): (f64, f64, f64) = (0.75, sg_to_api(0.85), 194.0);
        let pb = 11.65 * mpa;
        let pb_gauge = pb - STANDARD_PRESSURE_PSIA;
        let a = |c: &[f64; 5]| {
            c[0] * sg.powf(c[1]) * api.powf(c[2]) * t.powf(c[3]) * pb_gauge.powf(c[4])
        };
        assert!(rel(a(&VELARDE_COEFFS[0]), 0.1545) < 0.015);
        assert!(rel(a(&VELARDE_COEFFS[1]), 1.8812) < 0.005);
        assert!(rel(a(&VELARDE_COEFFS[2]), 0.5431) < 0.005);
        let rsb = 60.0 * FT3_PER_BBL;
        let rs = velarde_1999_solution_gor(10.0 * mpa, pb, rsb, sg, api, t).unwrap();
        assert!(rel(rs / FT3_PER_BBL, 53.24) < 0.01, "{}", rs / FT3_PER_BBL);
    }

    /// pyrestoolbox 3.8.9 `oil_rs(api, degf, sg_sp, p, pb, rsb, rsmethod='VELAR')`
    /// (Velarde-Blasingame-McCain with gauge reduced pressure) and `rsmethod='STAN'`
    /// (Standing inverse with exponent 1/0.83, scaled so Rs(pb) = rsb, i.e. exact here
    /// because pb is Standing's own).
    #[test]
    fn solution_gor_matches_pyrestoolbox() {
        // (api, degf, sg, rsb, p, velarde Rs with pb = VALMC pb, standing Rs)
        let cases = [
            (35.0, 180.0, 0.75, 500.0, 1000.0, 272.8601, 206.1983),
            (25.0, 150.0, 0.80, 300.0, 800.0, 192.6788, 129.1470),
            (45.0, 220.0, 0.70, 1200.0, 2500.0, 689.0997, 728.8788),
        ];
        for (api, t, sg, rsb, p, velarde, standing) in cases {
            let fluid = OilFluid::new(api, sg, rsb).unwrap();
            let m = BubblePointMethod::ValkoMcCain2003;
            let pb = m.bubble_point_psia(&fluid, t).unwrap();
            let rs = m.solution_gor_scf_stb(&fluid, p, pb, t).unwrap();
            assert!(rel(rs, velarde) < 1e-6, "velarde {rs} vs {velarde}");
            let m = BubblePointMethod::Standing1947;
            let pb = m.bubble_point_psia(&fluid, t).unwrap();
            let rs = m.solution_gor_scf_stb(&fluid, p, pb, t).unwrap();
            assert!(rel(rs, standing) < 1e-6, "standing {rs} vs {standing}");
        }
    }

    /// The rounded "Rs forms" that the handbooks print next to each Pb correlation
    /// (Ahmed, Reservoir Engineering Handbook; Sutton (2006) Oil System Correlations, SPE
    /// Petroleum Engineering Handbook vol. I) must agree with our exact inverses. This
    /// guards against a transcription error in either constant set.
    #[test]
    fn exact_inverses_agree_with_published_rs_forms() {
        for &(p, sg, api, t) in &[
            (1500.0_f64, 0.75_f64, 35.0_f64, 180.0_f64),
            (3000.0, 0.9, 25.0, 220.0),
            (800.0, 0.65, 45.0, 120.0),
        ] {
            // Glasø: x = 2.8869 − (14.1811 − 3.3093 log p)^0.5, Rs = γg(API^0.989/T^0.172 10^x)^1.2255
            let x = 2.8869 - (14.1811 - 3.3093 * f64::log10(p)).sqrt();
            let printed = sg * (api.powf(0.989) / t.powf(0.172) * 10f64.powf(x)).powf(1.2255);
            let ours = glaso_1980_solution_gor(p, sg, api, t).unwrap();
            assert!(rel(ours, printed) < 2e-3, "glaso {ours} vs {printed}");

            // Al-Marhoun: Rs = [185.843208 γg^1.87784 γo^−3.1437 T_R^−1.32657 p]^1.398441
            let go = api_to_sg(api);
            let printed = (185.843_208
                * sg.powf(1.877_84)
                * go.powf(-3.1437)
                * (t + 460.0).powf(-1.326_57)
                * p)
                .powf(1.398_441);
            let ours = al_marhoun_1988_solution_gor(p, sg, api, t).unwrap();
            assert!(rel(ours, printed) < 1e-5, "al-marhoun {ours} vs {printed}");

            // Petrosky-Farshad: Rs = [(p/112.727 + 12.340) γg^0.8439 10^x]^1.73184
            let xpf = 7.916e-4 * api.powf(1.541) - 4.561e-5 * t.powf(1.3911);
            let printed =
                ((p / 112.727 + 12.340) * sg.powf(0.8439) * 10f64.powf(xpf)).powf(1.73184);
            let ours = petrosky_farshad_1993_solution_gor(p, sg, api, t).unwrap();
            assert!(
                rel(ours, printed) < 1e-4,
                "petrosky-farshad {ours} vs {printed}"
            );

            // Standing: the two published exponents agree within 0.05 %.
            let a = standing_1947_solution_gor(p, sg, api, t).unwrap();
            let b = standing_1947_rs_exp_1_2048_solution_gor(p, sg, api, t).unwrap();
            assert!(rel(a, b) < 5e-4, "standing variants {a} vs {b}");
        }
        // Vasquez-Beggs Pb form printed by Ahmed: Pb = [(C1 Rs/γgs) 10^a]^C2,
        // a = −C3 API/(T + 460), C = (27.624, 0.914328, 11.172) for API <= 30 and
        // (56.18, 0.84246, 10.393) above.
        for &(rs, sg, api, t, c) in &[
            (400.0, 0.8, 25.0, 160.0, (27.624, 0.914_328, 11.172)),
            (900.0, 0.75, 40.0, 210.0, (56.18, 0.842_46, 10.393)),
        ] {
            let a = -c.2 * api / (t + 460.0);
            let printed = (c.0 * rs / sg * 10f64.powf(a)).powf(c.1);
            let ours = vasquez_beggs_1980_bubble_point(rs, sg, api, t).unwrap();
            assert!(
                rel(ours, printed) < 1e-3,
                "vasquez-beggs {ours} vs {printed}"
            );
        }
    }

    #[test]
    fn tiny_gor_bubble_point_is_atmospheric() {
        let pb = standing_1947_bubble_point(1.0, 0.75, 35.0, 180.0).unwrap();
        assert_eq!(pb, STANDARD_PRESSURE_PSIA);
        let pb = petrosky_farshad_1993_bubble_point(5.0, 0.75, 35.0, 180.0).unwrap();
        assert_eq!(pb, STANDARD_PRESSURE_PSIA);
    }

    #[test]
    fn out_of_domain_is_an_error_not_nan() {
        assert!(glaso_1980_bubble_point(50_000.0, 0.6, 20.0, 250.0).is_err());
        assert!(glaso_1980_solution_gor(30_000.0, 0.75, 35.0, 180.0).is_err());
        assert!(valko_mccain_2003_bubble_point(20_000.0, 0.75, 35.0, 180.0).is_err());
    }

    #[test]
    fn bad_inputs_name_the_field() {
        let field = |r: CoreResult<f64>| match r.unwrap_err() {
            CoreError::InvalidInput { field, .. } => field,
            e => panic!("{e:?}"),
        };
        assert_eq!(
            field(standing_1947_bubble_point(f64::NAN, 0.7, 30.0, 150.0)),
            "gor_scf_stb"
        );
        assert_eq!(
            field(standing_1947_bubble_point(500.0, 0.0, 30.0, 150.0)),
            "gas_sg"
        );
        assert_eq!(
            field(glaso_1980_bubble_point(500.0, 0.7, -3.0, 150.0)),
            "oil_api"
        );
        assert_eq!(
            field(glaso_1980_bubble_point(500.0, 0.7, 30.0, f64::NAN)),
            "temperature_degf"
        );
        assert_eq!(
            field(vasquez_beggs_1980_solution_gor(0.0, 0.7, 30.0, 150.0)),
            "pressure_psia"
        );
        assert_eq!(
            field(velarde_1999_solution_gor(
                -1.0, 2000.0, 500.0, 0.7, 30.0, 150.0
            )),
            "pressure_psia"
        );
    }

    #[test]
    fn ids_are_unique_and_round_trip() {
        for m in BubblePointMethod::ALL {
            assert_eq!(BubblePointMethod::from_id(m.id()), Some(m));
            assert_eq!(m.info().property, "bubble_point_pressure");
        }
        assert_eq!(BubblePointMethod::from_id("nope"), None);
    }

    proptest! {
        /// Inside the published ranges: Rs(Pb(GOR)) = GOR for every method, Rs rises
        /// with pressure below Pb and is flat (= GOR) above.
        #[test]
        fn rs_and_pb_are_consistent_inverses(
            api in 20.0f64..45.0,
            sg in 0.65f64..0.95,
            gor in 100.0f64..1400.0,
            t in 100.0f64..250.0,
            frac in 0.05f64..0.999,
        ) {
            let fluid = OilFluid::new(api, sg, gor).unwrap();
            for m in BubblePointMethod::ALL {
                let pb = match m.bubble_point_psia(&fluid, t) {
                    Ok(pb) => pb,
                    Err(e) => return Err(TestCaseError::fail(format!("{m}: {e}"))),
                };
                prop_assert!(pb.is_finite());
                if pb <= STANDARD_PRESSURE_PSIA {
                    // Clamped to atmospheric: only allowed below the method's data range
                    // (Petrosky-Farshad goes negative well inside other methods' ranges).
                    let gor_min = m
                        .info()
                        .ranges
                        .iter()
                        .find(|r| r.param == "gor_scf_stb")
                        .map_or(0.0, |r| r.min);
                    prop_assert!(gor < gor_min, "{} clamped Pb at GOR {}", m, gor);
                    continue;
                }
                let rs_pb = m.solution_gor_scf_stb(&fluid, pb * (1.0 - 1e-12), pb, t);
                // Velarde can reject a1 > 1 fluids: that is an error, never a wrong number.
                let Ok(rs_pb) = rs_pb else { continue };
                prop_assert!(rel(rs_pb, gor) < 1e-8, "{} Rs(Pb) = {} vs {}", m, rs_pb, gor);
                let p_low = pb * frac;
                let rs_low = m.solution_gor_scf_stb(&fluid, p_low, pb, t).unwrap();
                let rs_lower = m.solution_gor_scf_stb(&fluid, p_low * 0.9, pb, t).unwrap();
                prop_assert!(rs_low.is_finite() && rs_low >= 0.0);
                prop_assert!(rs_lower <= rs_low && rs_low <= gor, "{} not monotone", m);
                let above = m.solution_gor_scf_stb(&fluid, pb * 1.5, pb, t).unwrap();
                prop_assert_eq!(above, gor);
            }
        }
    }
}
