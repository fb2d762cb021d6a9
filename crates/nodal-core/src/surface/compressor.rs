//! Reciprocating and centrifugal compressor stages: number of stages, head, power and
//! discharge temperature, stage by stage with intercooling.
//!
//! Source for every equation: GPSA Engineering Data Book, 13th ed. (2012), Section 13
//! "Compressors and Expanders", FPS units:
//! - isentropic head `His = (Zavg R T1/MW) (k/(k−1)) (r^((k−1)/k) − 1)`, ft·lbf/lbm;
//! - polytropic head `Hp = (Zavg R T1/MW) (n/(n−1)) (r^((n−1)/n) − 1)` with
//!   `(n−1)/n = (k−1)/(k ηp)`;
//! - gas power `GHP = w H/(33,000 η)`, `w` in lb/min;
//! - discharge temperature `T2 = T1 [1 + (r^((k−1)/k) − 1)/ηis]` (isentropic efficiency) or
//!   `T2 = T1 r^((n−1)/n)` (polytropic);
//! - equal ratio per stage `r_stage = r^(1/N)`, `N` the smallest count with
//!   `r_stage ≤ r_max` (interstage pressure drops neglected).
//!
//! `R = 1545.35 ft·lbf/(lb-mol·°R)`; Z from the PVT engine at suction and discharge of each
//! stage, `Zavg` their mean. Rates are at 14.696 psia and 60 °F.

use crate::error::{CoreError, CoreResult, require_in_range, require_positive};
use crate::method::MethodInfo;
use crate::pvt::gas::GasModel;
use crate::units::{
    GAS_CONSTANT_PSIA_FT3_PER_LBMOL_R, STANDARD_PRESSURE_PSIA, STANDARD_TEMPERATURE_DEGF,
    degf_to_degr,
};

/// Universal gas constant, ft·lbf/(lb-mol·°R).
pub const GAS_CONSTANT_FT_LBF_PER_LBMOL_R: f64 = 1545.349;
/// ft·lbf/min per horsepower.
pub const FT_LBF_MIN_PER_HP: f64 = 33_000.0;
/// kW per mechanical horsepower.
pub const KW_PER_HP: f64 = 0.745_699_872;
/// Most stages a compressor may have.
pub const MAX_STAGES: u32 = 12;

/// Isentropic (adiabatic) compression.
pub static COMPRESSION_ISENTROPIC: MethodInfo = MethodInfo {
    id: "gpsa_isentropic",
    property: "compressor_power",
    variant: "isentropic head with Zavg, power w His/(33000 ηis), T2 = T1 [1 + (r^((k−1)/k) − 1)/ηis]",
    source: "GPSA Engineering Data Book, 13th ed. (2012), Section 13, Compressors and Expanders",
    ranges: &[],
};

/// Polytropic compression.
pub static COMPRESSION_POLYTROPIC: MethodInfo = MethodInfo {
    id: "gpsa_polytropic",
    property: "compressor_power",
    variant: "polytropic head with (n−1)/n = (k−1)/(k ηp), power w Hp/(33000 ηp), T2 = T1 r^((n−1)/n)",
    source: "GPSA Engineering Data Book, 13th ed. (2012), Section 13, Compressors and Expanders",
    ranges: &[],
};

/// Which efficiency basis the compressor is rated on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum CompressionBasis {
    /// Isentropic efficiency (reciprocating machines are usually rated this way).
    Isentropic,
    /// Polytropic efficiency (centrifugal machines).
    Polytropic,
}

impl CompressionBasis {
    /// Method metadata.
    pub fn info(self) -> &'static MethodInfo {
        match self {
            Self::Isentropic => &COMPRESSION_ISENTROPIC,
            Self::Polytropic => &COMPRESSION_POLYTROPIC,
        }
    }
}

/// A compression duty.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CompressorInput<'a> {
    /// The gas (gravity, Z correlation).
    pub gas: &'a GasModel,
    /// Gas rate, Mscf/d at 14.696 psia and 60 °F.
    pub rate_mscf_d: f64,
    /// Suction pressure, psia.
    pub suction_pressure_psia: f64,
    /// Final discharge pressure, psia.
    pub discharge_pressure_psia: f64,
    /// First-stage suction temperature, °F.
    pub suction_temperature_degf: f64,
    /// Gas leaving each intercooler (suction of stages 2 onward), °F; `None`: no
    /// intercooling (each stage takes the previous stage's discharge temperature).
    pub intercooler_temperature_degf: Option<f64>,
    /// Ratio of specific heats `k = Cp/Cv` (1.25 to 1.30 for natural gas).
    pub heat_capacity_ratio: f64,
    /// Highest compression ratio per stage (typically 3 to 4 for reciprocating machines).
    pub max_ratio_per_stage: f64,
    /// Efficiency basis.
    pub basis: CompressionBasis,
    /// Isentropic or polytropic efficiency, fraction.
    pub efficiency: f64,
    /// Mechanical efficiency (brake power = gas power / this), fraction.
    pub mechanical_efficiency: f64,
}

/// One stage.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CompressorStage {
    /// Stage number, from 1.
    pub stage: u32,
    /// Suction pressure, psia.
    pub suction_pressure_psia: f64,
    /// Discharge pressure, psia.
    pub discharge_pressure_psia: f64,
    /// Compression ratio.
    pub ratio: f64,
    /// Suction temperature, °F.
    pub suction_temperature_degf: f64,
    /// Discharge temperature, °F.
    pub discharge_temperature_degf: f64,
    /// Z at suction.
    pub suction_z: f64,
    /// Z at discharge.
    pub discharge_z: f64,
    /// Isentropic head, ft·lbf/lbm.
    pub isentropic_head_ft_lbf_lbm: f64,
    /// Polytropic head, ft·lbf/lbm (at the polytropic exponent implied by the efficiency
    /// when the basis is polytropic; equal to the isentropic head's exponent otherwise).
    pub polytropic_head_ft_lbf_lbm: f64,
    /// Gas power, hp.
    pub gas_power_hp: f64,
}

/// A compressor: its stages and totals.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CompressorResult {
    /// Method id.
    pub method_id: &'static str,
    /// Overall compression ratio.
    pub overall_ratio: f64,
    /// Ratio per stage.
    pub ratio_per_stage: f64,
    /// Mass rate, lb/min.
    pub mass_rate_lb_min: f64,
    /// Stages.
    pub stages: Vec<CompressorStage>,
    /// Total gas power, hp.
    pub total_gas_power_hp: f64,
    /// Total brake power (gas power / mechanical efficiency), hp.
    pub total_brake_power_hp: f64,
    /// Total brake power, kW.
    pub total_brake_power_kw: f64,
}

/// Number of equal-ratio stages for an overall ratio and a highest ratio per stage.
///
/// ```
/// use nodal_core::surface::compressor::stage_count;
/// assert_eq!(stage_count(9.0, 3.0).unwrap(), 2); // 3 × 3
/// assert_eq!(stage_count(10.0, 3.0).unwrap(), 3);
/// assert_eq!(stage_count(1.5, 4.0).unwrap(), 1);
/// ```
pub fn stage_count(overall_ratio: f64, max_ratio_per_stage: f64) -> CoreResult<u32> {
    require_in_range("max_ratio_per_stage", max_ratio_per_stage, 1.05, 10.0)?;
    if !(overall_ratio.is_finite() && overall_ratio > 1.0) {
        return Err(CoreError::invalid(
            "discharge_pressure_psia",
            format!("must be above the suction pressure (overall ratio {overall_ratio})"),
        ));
    }
    // The small allowance keeps an exact power (9 = 3²) from rounding up.
    let n = (overall_ratio.ln() / max_ratio_per_stage.ln() - 1e-9)
        .ceil()
        .max(1.0);
    if n > f64::from(MAX_STAGES) {
        return Err(CoreError::invalid(
            "max_ratio_per_stage",
            format!(
                "an overall ratio of {overall_ratio:.2} would need {n} stages (at most {MAX_STAGES})"
            ),
        ));
    }
    Ok(n as u32)
}

/// Sizes the compression: stages, head, power and temperatures (GPSA 2012, Section 13).
pub fn compress(input: &CompressorInput<'_>) -> CoreResult<CompressorResult> {
    let q = require_positive("rate_mscf_d", input.rate_mscf_d)?;
    let ps = require_in_range(
        "suction_pressure_psia",
        input.suction_pressure_psia,
        1.0,
        20_000.0,
    )?;
    let pd = require_in_range(
        "discharge_pressure_psia",
        input.discharge_pressure_psia,
        1.0,
        20_000.0,
    )?;
    require_in_range(
        "suction_temperature_degf",
        input.suction_temperature_degf,
        -40.0,
        400.0,
    )?;
    if let Some(t) = input.intercooler_temperature_degf {
        require_in_range("intercooler_temperature_degf", t, -40.0, 400.0)?;
    }
    let k = require_in_range("heat_capacity_ratio", input.heat_capacity_ratio, 1.01, 1.67)?;
    let eta = require_in_range("efficiency", input.efficiency, 0.3, 1.0)?;
    let eta_m = require_in_range(
        "mechanical_efficiency",
        input.mechanical_efficiency,
        0.5,
        1.0,
    )?;
    let overall = pd / ps;
    let n_stages = stage_count(overall, input.max_ratio_per_stage)?;
    let r = overall.powf(1.0 / f64::from(n_stages));
    let mw = input.gas.molecular_weight();
    let molar_volume_scf = GAS_CONSTANT_PSIA_FT3_PER_LBMOL_R
        * degf_to_degr(STANDARD_TEMPERATURE_DEGF)
        / STANDARD_PRESSURE_PSIA;
    let mass_rate_lb_min = q * 1000.0 / molar_volume_scf * mw / 1440.0;
    let isentropic_exp = (k - 1.0) / k;
    let polytropic_exp = match input.basis {
        CompressionBasis::Isentropic => isentropic_exp,
        CompressionBasis::Polytropic => isentropic_exp / eta,
    };
    let mut stages = Vec::with_capacity(n_stages as usize);
    let mut p_in = ps;
    let mut t_in_degf = input.suction_temperature_degf;
    for i in 1..=n_stages {
        if i > 1
            && let Some(t) = input.intercooler_temperature_degf
        {
            t_in_degf = t;
        }
        let p_out = if i == n_stages { pd } else { p_in * r };
        let ratio = p_out / p_in;
        let t1 = degf_to_degr(t_in_degf);
        let t2 = match input.basis {
            CompressionBasis::Isentropic => t1 * (1.0 + (ratio.powf(isentropic_exp) - 1.0) / eta),
            CompressionBasis::Polytropic => t1 * ratio.powf(polytropic_exp),
        };
        let t2_degf = t2 - crate::units::RANKINE_OFFSET;
        let z1 = input.gas.z_factor(p_in, t_in_degf)?;
        let z2 = input.gas.z_factor(p_out, t2_degf)?;
        let zavg = 0.5 * (z1 + z2);
        let rt_mw = zavg * GAS_CONSTANT_FT_LBF_PER_LBMOL_R * t1 / mw;
        let h_is = rt_mw / isentropic_exp * (ratio.powf(isentropic_exp) - 1.0);
        let h_p = rt_mw / polytropic_exp * (ratio.powf(polytropic_exp) - 1.0);
        let head = match input.basis {
            CompressionBasis::Isentropic => h_is,
            CompressionBasis::Polytropic => h_p,
        };
        let gas_power_hp = mass_rate_lb_min * head / (FT_LBF_MIN_PER_HP * eta);
        stages.push(CompressorStage {
            stage: i,
            suction_pressure_psia: p_in,
            discharge_pressure_psia: p_out,
            ratio,
            suction_temperature_degf: t_in_degf,
            discharge_temperature_degf: t2_degf,
            suction_z: z1,
            discharge_z: z2,
            isentropic_head_ft_lbf_lbm: h_is,
            polytropic_head_ft_lbf_lbm: h_p,
            gas_power_hp,
        });
        p_in = p_out;
        t_in_degf = t2_degf;
    }
    let total_gas_power_hp: f64 = stages.iter().map(|s| s.gas_power_hp).sum();
    let total_brake_power_hp = total_gas_power_hp / eta_m;
    Ok(CompressorResult {
        method_id: input.basis.info().id,
        overall_ratio: overall,
        ratio_per_stage: r,
        mass_rate_lb_min,
        stages,
        total_gas_power_hp,
        total_brake_power_hp,
        total_brake_power_kw: total_brake_power_hp * KW_PER_HP,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::pvt::gas::{GasMethods, Impurities};

    fn gas() -> GasModel {
        GasModel::new(0.65, Impurities::NONE, GasMethods::default()).unwrap()
    }

    fn duty(gas: &GasModel) -> CompressorInput<'_> {
        CompressorInput {
            gas,
            rate_mscf_d: 10_000.0,
            suction_pressure_psia: 100.0,
            discharge_pressure_psia: 1000.0,
            suction_temperature_degf: 80.0,
            intercooler_temperature_degf: Some(120.0),
            heat_capacity_ratio: 1.28,
            max_ratio_per_stage: 4.0,
            basis: CompressionBasis::Isentropic,
            efficiency: 0.80,
            mechanical_efficiency: 0.95,
        }
    }

    /// Hand calculation with the GPSA (2012, Section 13) short form for gas power per
    /// MMscf/d at 14.696 psia and 60 °F:
    /// `hp = 0.0857 Q Zavg T1 (k/(k−1)) (r^((k−1)/k) − 1)/η`, Q in MMscf/d, T1 in °R
    /// (0.0857 = 10⁶ × 1545.35/(379.48 × 1440 × 33,000)). Ratio 10 with at most 4 per stage
    /// is two stages of √10 = 3.1623; the second stage starts at the 120 °F intercooler
    /// outlet. Discharge temperature T2 = T1 [1 + (r^((k−1)/k) − 1)/η]: stage 1,
    /// 539.67 × (1 + (3.1623^0.21875 − 1)/0.8) = 539.67 × 1.35800 = 732.87 °R = 273.2 °F.
    #[test]
    fn two_stage_isentropic_matches_hand_calculation() {
        let gas = gas();
        let r = compress(&duty(&gas)).unwrap();
        assert_eq!(r.stages.len(), 2);
        assert!((r.ratio_per_stage - 10f64.sqrt()).abs() < 1e-12);
        let x = (1.28 - 1.0) / 1.28;
        let rx = 10f64.sqrt().powf(x);
        let t1 = 539.67;
        assert!(
            (r.stages[0].discharge_temperature_degf - (t1 * (1.0 + (rx - 1.0) / 0.8) - 459.67))
                .abs()
                < 1e-9
        );
        assert!((r.stages[0].discharge_temperature_degf - 273.2).abs() < 0.1);
        assert_eq!(r.stages[1].suction_temperature_degf, 120.0);
        assert!((r.stages[1].suction_pressure_psia - 316.228).abs() < 1e-3);
        let mut hand = 0.0;
        for s in &r.stages {
            let zavg = 0.5 * (s.suction_z + s.discharge_z);
            let t = s.suction_temperature_degf + 459.67;
            hand += 0.0857 * 10.0 * zavg * t / x * (rx - 1.0) / 0.8;
        }
        assert!(
            (r.total_gas_power_hp / hand - 1.0).abs() < 5e-4,
            "{} vs {hand}",
            r.total_gas_power_hp
        );
        assert!((r.total_brake_power_hp - r.total_gas_power_hp / 0.95).abs() < 1e-9);
        assert!((r.total_brake_power_kw - r.total_brake_power_hp * 0.745_699_872).abs() < 1e-9);
        // Without intercooling the second stage starts hotter and needs more power.
        let hot = compress(&CompressorInput {
            intercooler_temperature_degf: None,
            ..duty(&gas)
        })
        .unwrap();
        assert!(hot.total_gas_power_hp > r.total_gas_power_hp);
        assert_eq!(
            hot.stages[1].suction_temperature_degf,
            r.stages[0].discharge_temperature_degf
        );
    }

    #[test]
    fn polytropic_head_exceeds_isentropic_and_meets_it_at_full_efficiency() {
        let gas = gas();
        let poly = compress(&CompressorInput {
            basis: CompressionBasis::Polytropic,
            efficiency: 0.78,
            ..duty(&gas)
        })
        .unwrap();
        let exponent = (1.28 - 1.0) / (1.28 * 0.78);
        for s in &poly.stages {
            assert!(s.polytropic_head_ft_lbf_lbm > s.isentropic_head_ft_lbf_lbm);
            // GPSA: T2 = T1 r^((n−1)/n), (n−1)/n = (k−1)/(k ηp).
            let t2 = (s.suction_temperature_degf + 459.67) * s.ratio.powf(exponent) - 459.67;
            assert!((s.discharge_temperature_degf - t2).abs() < 1e-9);
        }
        let ideal = compress(&CompressorInput {
            basis: CompressionBasis::Polytropic,
            efficiency: 1.0,
            ..duty(&gas)
        })
        .unwrap();
        for s in &ideal.stages {
            assert!(
                (s.polytropic_head_ft_lbf_lbm / s.isentropic_head_ft_lbf_lbm - 1.0).abs() < 1e-12
            );
        }
        assert_eq!(poly.method_id, "gpsa_polytropic");
    }

    #[test]
    fn impossible_duties_are_refused() {
        let gas = gas();
        let err = compress(&CompressorInput {
            discharge_pressure_psia: 90.0,
            ..duty(&gas)
        })
        .unwrap_err();
        assert!(
            matches!(
                err,
                CoreError::InvalidInput {
                    field: "discharge_pressure_psia",
                    ..
                }
            ),
            "{err}"
        );
        let err = compress(&CompressorInput {
            max_ratio_per_stage: 1.06,
            discharge_pressure_psia: 19_000.0,
            ..duty(&gas)
        })
        .unwrap_err();
        assert!(err.to_string().contains("stages"), "{err}");
        assert!(
            compress(&CompressorInput {
                rate_mscf_d: 0.0,
                ..duty(&gas)
            })
            .is_err()
        );
    }
}
