//! Real-gas volumetric properties from the Z factor: molecular weight, formation volume
//! factor, density and isothermal compressibility.

use crate::error::{CoreError, CoreResult, require_positive};
use crate::units::{
    AIR_MOLECULAR_WEIGHT, FT3_PER_BBL, GAS_CONSTANT_PSIA_FT3_PER_LBMOL_R, STANDARD_PRESSURE_PSIA,
    STANDARD_TEMPERATURE_DEGF, degf_to_degr,
};

use super::z_factor::ZFactor;

/// Absolute temperature, °R, of `temperature_degf`, with the input checked.
pub(crate) fn absolute_temperature_degr(temperature_degf: f64) -> CoreResult<f64> {
    let t = degf_to_degr(temperature_degf);
    if temperature_degf.is_finite() && t > 0.0 {
        Ok(t)
    } else {
        Err(CoreError::invalid(
            "temperature_degf",
            format!("must be a finite temperature above absolute zero (got {temperature_degf})"),
        ))
    }
}

/// Apparent molecular weight of a gas, lb/lb-mol: `M = 28.9625 γ` (γ = gas specific gravity,
/// air = 1).
///
/// ```
/// use nodal_core::pvt::gas::gas_molecular_weight;
/// assert!((gas_molecular_weight(0.7).unwrap() - 20.27375).abs() < 1e-12);
/// ```
pub fn gas_molecular_weight(gas_sg: f64) -> CoreResult<f64> {
    Ok(require_positive("gas_sg", gas_sg)? * AIR_MOLECULAR_WEIGHT)
}

/// Gas formation volume factor, reservoir ft³ per standard ft³.
///
/// `Bg = (p_sc / T_sc) Z T / p` with `p_sc` = 14.696 psia and `T_sc` = 60 °F (519.67 °R);
/// `pressure_psia` in psia, `temperature_degf` in °F, `z` the Z factor.
///
/// Source: the real-gas law, e.g. McCain (1990), *The Properties of Petroleum Fluids*, Ch. 3.
///
/// ```
/// use nodal_core::pvt::gas::gas_fvf_rcf_scf;
/// let bg = gas_fvf_rcf_scf(2000.0, 200.0, 0.88).unwrap();
/// assert!((bg - 14.696 / 519.67 * 0.88 * 659.67 / 2000.0).abs() < 1e-15);
/// ```
pub fn gas_fvf_rcf_scf(pressure_psia: f64, temperature_degf: f64, z: f64) -> CoreResult<f64> {
    let p = require_positive("pressure_psia", pressure_psia)?;
    let t = absolute_temperature_degr(temperature_degf)?;
    let z = require_positive("z_factor", z)?;
    let t_sc = degf_to_degr(STANDARD_TEMPERATURE_DEGF);
    Ok(STANDARD_PRESSURE_PSIA / t_sc * z * t / p)
}

/// Gas formation volume factor, reservoir barrels per thousand standard ft³:
/// [`gas_fvf_rcf_scf`] × 1000 / 5.614583.
///
/// ```
/// use nodal_core::pvt::gas::{gas_fvf_rb_mscf, gas_fvf_rcf_scf};
/// let rcf = gas_fvf_rcf_scf(2000.0, 200.0, 0.88).unwrap();
/// assert!((gas_fvf_rb_mscf(2000.0, 200.0, 0.88).unwrap() - rcf * 1000.0 / 5.614583333).abs() < 1e-9);
/// ```
pub fn gas_fvf_rb_mscf(pressure_psia: f64, temperature_degf: f64, z: f64) -> CoreResult<f64> {
    Ok(gas_fvf_rcf_scf(pressure_psia, temperature_degf, z)? * 1000.0 / FT3_PER_BBL)
}

/// Gas density, lb/ft³: `ρ = p M / (Z R T)` with `M = 28.9625 γ` and
/// `R = 10.731577 psia·ft³/(lb-mol·°R)`.
///
/// ```
/// use nodal_core::pvt::gas::gas_density_lb_ft3;
/// let rho = gas_density_lb_ft3(2000.0, 200.0, 0.88, 0.7).unwrap();
/// assert!((rho - 2000.0 * 0.7 * 28.9625 / (0.88 * 10.731577 * 659.67)).abs() < 1e-12);
/// ```
pub fn gas_density_lb_ft3(
    pressure_psia: f64,
    temperature_degf: f64,
    z: f64,
    gas_sg: f64,
) -> CoreResult<f64> {
    let p = require_positive("pressure_psia", pressure_psia)?;
    let t = absolute_temperature_degr(temperature_degf)?;
    let z = require_positive("z_factor", z)?;
    let m = gas_molecular_weight(gas_sg)?;
    Ok(p * m / (z * GAS_CONSTANT_PSIA_FT3_PER_LBMOL_R * t))
}

/// Isothermal gas compressibility, 1/psi: `cg = 1/p − (1/Z) dZ/dp` with
/// `dZ/dp = (dZ/dPpr) / Ppc`, from a Z factor that carries its derivative ([`ZFactor`]).
///
/// Equivalent to the pseudo-reduced form `cpr = 1/Ppr − (1/Z) dZ/dPpr`, `cg = cpr / Ppc`
/// (Mattar, Brar and Aziz 1975, *J. Can. Pet. Tech.* 14(4)).
///
/// ```
/// use nodal_core::pvt::gas::{gas_compressibility_1_psi, ZFactor};
/// // Ideal gas: cg = 1/p.
/// let cg = gas_compressibility_1_psi(1000.0, 670.0, ZFactor { z: 1.0, dz_dppr: 0.0 }).unwrap();
/// assert!((cg - 1e-3).abs() < 1e-15);
/// ```
pub fn gas_compressibility_1_psi(
    pressure_psia: f64,
    pseudo_critical_pressure_psia: f64,
    z: ZFactor,
) -> CoreResult<f64> {
    let p = require_positive("pressure_psia", pressure_psia)?;
    let ppc = require_positive(
        "pseudo_critical_pressure_psia",
        pseudo_critical_pressure_psia,
    )?;
    let zz = require_positive("z_factor", z.z)?;
    Ok(1.0 / p - z.dz_dppr / (zz * ppc))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn rb_mscf_and_rcf_scf_are_consistent() {
        let rcf = gas_fvf_rcf_scf(3000.0, 150.0, 0.85).unwrap();
        let rb = gas_fvf_rb_mscf(3000.0, 150.0, 0.85).unwrap();
        assert!((rb * FT3_PER_BBL / 1000.0 - rcf).abs() < 1e-15);
    }

    #[test]
    fn standard_conditions_give_unit_bg() {
        let bg = gas_fvf_rcf_scf(STANDARD_PRESSURE_PSIA, STANDARD_TEMPERATURE_DEGF, 1.0).unwrap();
        assert!((bg - 1.0).abs() < 1e-14);
    }

    #[test]
    fn bad_inputs_are_named() {
        for (p, t, z, field) in [
            (0.0, 100.0, 0.9, "pressure_psia"),
            (-5.0, 100.0, 0.9, "pressure_psia"),
            (100.0, f64::NAN, 0.9, "temperature_degf"),
            (100.0, -470.0, 0.9, "temperature_degf"),
            (100.0, 100.0, 0.0, "z_factor"),
        ] {
            match gas_fvf_rcf_scf(p, t, z).unwrap_err() {
                CoreError::InvalidInput { field: f, .. } => assert_eq!(f, field),
                other => panic!("unexpected {other:?}"),
            }
        }
        match gas_density_lb_ft3(100.0, 100.0, 0.9, 0.0).unwrap_err() {
            CoreError::InvalidInput { field, .. } => assert_eq!(field, "gas_sg"),
            other => panic!("unexpected {other:?}"),
        }
    }
}
