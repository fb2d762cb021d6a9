//! Oil properties: bubble point, solution GOR, formation volume factor, compressibility,
//! viscosity and density.
//!
//! Each submodule holds one property family, with one public function per published
//! correlation (named after its authors and year) and a small `Copy` method enum that
//! dispatches between them at run time:
//!
//! | module | property | method enum |
//! | --- | --- | --- |
//! | [`bubble_point`] | bubble-point pressure and solution GOR below it | [`BubblePointMethod`] |
//! | [`fvf`] | saturated oil FVF | [`OilFvfMethod`] |
//! | [`compressibility`] | oil compressibility, undersaturated FVF | [`OilCompressibilityMethod`] |
//! | [`viscosity`] | dead, live and undersaturated oil viscosity | [`DeadOilViscosityMethod`], [`LiveOilViscosityMethod`], [`UndersaturatedViscosityMethod`] |
//! | [`density`] | oil density, total FVF | — |
//! | [`calibration`] | [`OilModel`]: methods + fluid + calibration to measured data | — |
//!
//! Units are oilfield: pressures in psia, temperatures in °F, gas-oil ratios in scf/STB,
//! formation volume factors in rb/STB, viscosities in cP, densities in lb/ft³,
//! compressibilities in 1/psi.

pub mod bubble_point;
pub mod calibration;
pub mod compressibility;
pub mod density;
pub mod fvf;
pub mod viscosity;

pub use bubble_point::BubblePointMethod;
pub use calibration::{OilCalibration, OilMethods, OilModel, OilState};
pub use compressibility::{OilCompressibilityMethod, SaturatedOilCompressibilityMethod};
pub use fvf::OilFvfMethod;
pub use viscosity::{
    DeadOilViscosityMethod, LiveOilViscosityMethod, UndersaturatedViscosityMethod,
};

use crate::error::{CoreError, CoreResult, require_positive};

/// The black-oil description of a crude: what every oil correlation needs besides pressure
/// and temperature.
///
/// Which gas gravity a correlation expects differs between authors (total surface gas for
/// Standing, Glasø, Al-Marhoun and Petrosky-Farshad; gas from a 100 psig separator for
/// Vasquez-Beggs; separator gas for Valkó-McCain and Velarde). `gas_sg` is passed to the
/// chosen correlation as given: correct it beforehand with [`crate::pvt::separator`] if
/// the method needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct OilFluid {
    /// Stock-tank oil gravity, °API.
    pub oil_api: f64,
    /// Gas specific gravity (air = 1).
    pub gas_sg: f64,
    /// Total solution gas-oil ratio of the reservoir oil (Rs at and above the bubble
    /// point), scf/STB.
    pub gor_scf_stb: f64,
}

impl OilFluid {
    /// Validates and builds a fluid description. Every value must be finite and positive;
    /// the error names the offending field.
    pub fn new(oil_api: f64, gas_sg: f64, gor_scf_stb: f64) -> CoreResult<Self> {
        Ok(Self {
            oil_api: require_positive("oil_api", oil_api)?,
            gas_sg: require_positive("gas_sg", gas_sg)?,
            gor_scf_stb: require_positive("gor_scf_stb", gor_scf_stb)?,
        })
    }

    /// Checks the fields again (they are public and may have been changed after `new`).
    pub fn validate(&self) -> CoreResult<()> {
        Self::new(self.oil_api, self.gas_sg, self.gor_scf_stb).map(|_| ())
    }

    /// Stock-tank oil specific gravity (water = 1).
    pub fn oil_sg(&self) -> f64 {
        crate::units::api_to_sg(self.oil_api)
    }
}

/// Checks that `value` is finite and not negative (a solution GOR may be zero).
pub(crate) fn require_non_negative(field: &'static str, value: f64) -> CoreResult<f64> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(CoreError::invalid(
            field,
            format!("must be a finite number not below zero (got {value})"),
        ))
    }
}

/// Turns a correlation result into an error when it is not a finite positive number
/// (a correlation evaluated far outside its data can produce such values).
pub(crate) fn finite_positive(method: &'static str, what: &str, value: f64) -> CoreResult<f64> {
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(CoreError::Physical(format!(
            "{method}: {what} evaluates to {value}, which is not physical; the inputs are \
             outside the range this correlation can represent"
        )))
    }
}

/// Validates the temperature argument of the oil correlations: finite and above 0 °F.
/// Several correlations take logarithms or powers of the Fahrenheit temperature, and no
/// black-oil correlation was fitted below 0 °F.
pub(crate) fn require_temperature(temperature_degf: f64) -> CoreResult<f64> {
    require_positive("temperature_degf", temperature_degf)
}

/// Implements `ALL`-independent helpers for a method enum: `id`, `from_id`.
macro_rules! method_enum_helpers {
    ($ty:ty) => {
        impl $ty {
            /// Stable identifier of the method (the `id` of its [`crate::method::MethodInfo`]).
            pub fn id(self) -> &'static str {
                self.info().id
            }

            /// The method whose identifier is `id`, if any.
            pub fn from_id(id: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|m| m.id() == id)
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.id())
            }
        }
    };
}
pub(crate) use method_enum_helpers;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn fluid_rejects_bad_fields_by_name() {
        assert!(OilFluid::new(35.0, 0.75, 500.0).is_ok());
        let cases = [
            (f64::NAN, 0.75, 500.0, "oil_api"),
            (0.0, 0.75, 500.0, "oil_api"),
            (-5.0, 0.75, 500.0, "oil_api"),
            (35.0, 0.0, 500.0, "gas_sg"),
            (35.0, f64::INFINITY, 500.0, "gas_sg"),
            (35.0, 0.75, -1.0, "gor_scf_stb"),
            (35.0, 0.75, f64::NAN, "gor_scf_stb"),
        ];
        for (api, sg, gor, field) in cases {
            match OilFluid::new(api, sg, gor).unwrap_err() {
                CoreError::InvalidInput { field: f, .. } => assert_eq!(f, field),
                other => panic!("unexpected {other:?}"),
            }
        }
    }

    #[test]
    fn non_negative_guard_accepts_zero() {
        assert_eq!(require_non_negative("rs", 0.0).unwrap(), 0.0);
        assert!(require_non_negative("rs", -1e-9).is_err());
        assert!(require_non_negative("rs", f64::NAN).is_err());
    }
}
