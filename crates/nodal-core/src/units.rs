//! Physical constants and unit conversions used by the engine.
//!
//! The engine works in oilfield units. Conversions live here, once, with their exact
//! definitions, so that no correlation carries its own copy of a conversion factor.

/// Standard pressure, psia (14.696 psia = 1 atm).
pub const STANDARD_PRESSURE_PSIA: f64 = 14.696;
/// Standard temperature, °F (60 °F).
pub const STANDARD_TEMPERATURE_DEGF: f64 = 60.0;
/// Offset from °F to °R.
pub const RANKINE_OFFSET: f64 = 459.67;
/// Universal gas constant, psia·ft³/(lb-mol·°R).
pub const GAS_CONSTANT_PSIA_FT3_PER_LBMOL_R: f64 = 10.731_577;
/// Molecular weight of dry air, lb/lb-mol.
pub const AIR_MOLECULAR_WEIGHT: f64 = 28.9625;
/// Density of pure water at 60 °F, lb/ft³.
pub const WATER_DENSITY_LB_FT3: f64 = 62.366;
/// Cubic feet per barrel (exact: 42 US gal × 231 in³ / 1728 in³/ft³).
pub const FT3_PER_BBL: f64 = 5.614_583_333_333_333;
/// Standard acceleration of gravity, ft/s².
pub const GRAVITY_FT_S2: f64 = 32.174;
/// Seconds per day.
pub const SECONDS_PER_DAY: f64 = 86_400.0;

/// °F to °R.
#[inline]
pub fn degf_to_degr(t_degf: f64) -> f64 {
    t_degf + RANKINE_OFFSET
}

/// Oil specific gravity (water = 1 at 60 °F) from API gravity: `141.5 / (131.5 + API)`.
#[inline]
pub fn api_to_sg(api: f64) -> f64 {
    141.5 / (131.5 + api)
}

/// API gravity from oil specific gravity (water = 1 at 60 °F).
#[inline]
pub fn sg_to_api(sg: f64) -> f64 {
    141.5 / sg - 131.5
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_sg_round_trip() {
        // Water is 10 °API by definition.
        assert!((api_to_sg(10.0) - 1.0).abs() < 1e-12);
        for api in [15.0, 35.0, 60.0] {
            assert!((sg_to_api(api_to_sg(api)) - api).abs() < 1e-10);
        }
    }

    #[test]
    fn barrel_is_5_6146_cubic_feet() {
        assert!((FT3_PER_BBL - 5.614_583).abs() < 1e-6);
    }
}
