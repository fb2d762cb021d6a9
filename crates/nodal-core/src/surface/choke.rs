//! Wellhead chokes: critical multiphase flow by the Gilbert-type correlations, and gas flow
//! through a choke, critical or subcritical.
//!
//! Gilbert-type correlations (critical flow only) share one form,
//!
//! `p_wh = A R^B q / S^C`,
//!
//! with `p_wh` the upstream (wellhead) pressure in psig, `R` the producing gas-liquid ratio in
//! scf/STB, `q` the gross liquid rate in STB/d and `S` the bean size in 64ths of an inch. The
//! coefficient sets are those tabulated by Brill and Mukherjee (1999), *Multiphase Flow in
//! Wells*, SPE Monograph 17, Ch. 5 (Table 5.2), and by Guo, Lyons and Ghalambor (2007),
//! *Petroleum Production Engineering*, Ch. 5 (Table 5.1).

use crate::error::{CoreError, CoreResult, require_in_range, require_positive};
use crate::method::MethodInfo;
use crate::units::{STANDARD_PRESSURE_PSIA, degf_to_degr};

/// Which Gilbert-type coefficient set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum ChokeCorrelation {
    /// Gilbert (1954): A = 10.00, B = 0.546, C = 1.89.
    Gilbert1954,
    /// Ros (1960): A = 17.40, B = 0.500, C = 2.00.
    Ros1960,
    /// Baxendell (1958): A = 9.56, B = 0.546, C = 1.93.
    Baxendell1958,
    /// Achong (1961): A = 3.82, B = 0.650, C = 1.88.
    Achong1961,
}

/// Gilbert (1954).
pub static GILBERT_1954: MethodInfo = MethodInfo {
    id: "gilbert_1954",
    property: "critical_multiphase_choke",
    variant: "p_wh (psig) = 10.00 R^0.546 q / S^1.89 (R scf/STB, q STB/d, S 1/64 in); the 435 R^0.546 form with R in Mscf/STB",
    source: "Gilbert, W.E. (1954): Flowing and Gas-Lift Well Performance. API Drilling and Production Practice, 126-157; coefficients as tabulated in Brill and Mukherjee (1999), SPE Monograph 17, Ch. 5",
    ranges: &[],
};

/// Ros (1960).
pub static ROS_1960: MethodInfo = MethodInfo {
    id: "ros_1960",
    property: "critical_multiphase_choke",
    variant: "p_wh (psig) = 17.40 R^0.500 q / S^2.00",
    source: "Ros, N.C.J. (1960): An Analysis of Critical Simultaneous Gas/Liquid Flow Through a Restriction and its Application to Flowmetering. Applied Scientific Research 9, 374; coefficients as tabulated in Brill and Mukherjee (1999), SPE Monograph 17, Ch. 5",
    ranges: &[],
};

/// Baxendell (1958).
pub static BAXENDELL_1958: MethodInfo = MethodInfo {
    id: "baxendell_1958",
    property: "critical_multiphase_choke",
    variant: "p_wh (psig) = 9.56 R^0.546 q / S^1.93",
    source: "Baxendell, P.B. (1958): Producing Wells on Casing Flow, an Analysis of Flowing Pressure Gradients. Trans. AIME 213; coefficients as tabulated in Brill and Mukherjee (1999), SPE Monograph 17, Ch. 5",
    ranges: &[],
};

/// Achong (1961).
pub static ACHONG_1961: MethodInfo = MethodInfo {
    id: "achong_1961",
    property: "critical_multiphase_choke",
    variant: "p_wh (psig) = 3.82 R^0.650 q / S^1.88",
    source: "Achong, I.B. (1961): Revised Bean and Performance Formula for Lake Maracaibo Wells. Shell internal report; coefficients as tabulated in Brill and Mukherjee (1999), SPE Monograph 17, Ch. 5",
    ranges: &[],
};

/// Gas through a choke, isentropic nozzle.
pub static GAS_CHOKE_NOZZLE: MethodInfo = MethodInfo {
    id: "gas_choke_isentropic_nozzle",
    property: "gas_choke",
    variant: "q (Mscf/d) = 1243.2 C A p_up [k/((k−1) G T_up) (y^(2/k) − y^((k+1)/k))]^0.5, A in², y = p_dn/p_up, held at the critical ratio (2/(k+1))^(k/(k−1)) when lower (ideal gas, no Z); the constant is 86.4 × 379.48 × (2 gc/(28.9625 × 1545.35))^0.5",
    source: "Isentropic (de Saint-Venant and Wantzel) ideal-gas nozzle flow, critical and subcritical, as in API Standard 520 Part I, gas sizing equations, and in the form of Guo, B., Lyons, W.C. and Ghalambor, A. (2007): Petroleum Production Engineering, Ch. 5",
    ranges: &[],
};

impl ChokeCorrelation {
    /// Every correlation, in listing order.
    pub const ALL: [Self; 4] = [
        Self::Gilbert1954,
        Self::Ros1960,
        Self::Baxendell1958,
        Self::Achong1961,
    ];

    /// Method metadata.
    pub fn info(self) -> &'static MethodInfo {
        match self {
            Self::Gilbert1954 => &GILBERT_1954,
            Self::Ros1960 => &ROS_1960,
            Self::Baxendell1958 => &BAXENDELL_1958,
            Self::Achong1961 => &ACHONG_1961,
        }
    }

    /// The correlation with this id.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.info().id == id)
    }

    /// `(A, B, C)` of `p_wh = A R^B q / S^C`.
    pub fn coefficients(self) -> (f64, f64, f64) {
        match self {
            Self::Gilbert1954 => (10.00, 0.546, 1.89),
            Self::Ros1960 => (17.40, 0.500, 2.00),
            Self::Baxendell1958 => (9.56, 0.546, 1.93),
            Self::Achong1961 => (3.82, 0.650, 1.88),
        }
    }

    fn check(gor: f64, bean: f64) -> CoreResult<()> {
        require_in_range("gas_liquid_ratio_scf_stb", gor, 1.0, 100_000.0)?;
        require_in_range("choke_size_64ths_in", bean, 1.0, 256.0)?;
        Ok(())
    }

    /// Upstream (wellhead) pressure, psig, for a liquid rate (STB/d), GLR (scf/STB) and bean
    /// size (64ths of an inch), in critical flow.
    ///
    /// ```
    /// use nodal_core::surface::choke::ChokeCorrelation;
    /// // 1000 STB/d, GLR 1000 scf/STB, 32/64 in: 10 × 1000^0.546 × 1000 / 32^1.89.
    /// let p = ChokeCorrelation::Gilbert1954.upstream_pressure_psig(1000.0, 1000.0, 32.0).unwrap();
    /// assert!((p - 621.1).abs() < 0.5);
    /// ```
    pub fn upstream_pressure_psig(
        self,
        liquid_rate_stb_d: f64,
        gas_liquid_ratio_scf_stb: f64,
        choke_size_64ths_in: f64,
    ) -> CoreResult<f64> {
        require_positive("liquid_rate_stb_d", liquid_rate_stb_d)?;
        Self::check(gas_liquid_ratio_scf_stb, choke_size_64ths_in)?;
        let (a, b, c) = self.coefficients();
        Ok(a * gas_liquid_ratio_scf_stb.powf(b) * liquid_rate_stb_d / choke_size_64ths_in.powf(c))
    }

    /// Liquid rate, STB/d, through a bean at an upstream pressure (psig).
    pub fn liquid_rate_stb_d(
        self,
        upstream_pressure_psig: f64,
        gas_liquid_ratio_scf_stb: f64,
        choke_size_64ths_in: f64,
    ) -> CoreResult<f64> {
        require_positive("upstream_pressure_psig", upstream_pressure_psig)?;
        Self::check(gas_liquid_ratio_scf_stb, choke_size_64ths_in)?;
        let (a, b, c) = self.coefficients();
        Ok(upstream_pressure_psig * choke_size_64ths_in.powf(c)
            / (a * gas_liquid_ratio_scf_stb.powf(b)))
    }

    /// Bean size, 64ths of an inch, passing a rate at an upstream pressure.
    pub fn choke_size_64ths_in(
        self,
        upstream_pressure_psig: f64,
        liquid_rate_stb_d: f64,
        gas_liquid_ratio_scf_stb: f64,
    ) -> CoreResult<f64> {
        require_positive("upstream_pressure_psig", upstream_pressure_psig)?;
        require_positive("liquid_rate_stb_d", liquid_rate_stb_d)?;
        require_in_range(
            "gas_liquid_ratio_scf_stb",
            gas_liquid_ratio_scf_stb,
            1.0,
            100_000.0,
        )?;
        let (a, b, c) = self.coefficients();
        let s = (a * gas_liquid_ratio_scf_stb.powf(b) * liquid_rate_stb_d / upstream_pressure_psig)
            .powf(1.0 / c);
        require_in_range("choke_size_64ths_in", s, 1.0, 256.0).map_err(|_| {
            CoreError::Physical(format!(
                "the bean would be {s:.2}/64 in, outside 1/64 to 256/64 in"
            ))
        })
    }
}

/// Gas flow through a choke: the inputs of the isentropic nozzle equation.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GasChoke {
    /// Bean (throat) diameter, 64ths of an inch.
    pub choke_size_64ths_in: f64,
    /// Discharge coefficient `C` (about 0.85 to 0.9 for a positive choke).
    pub discharge_coefficient: f64,
    /// Ratio of specific heats `k`.
    pub heat_capacity_ratio: f64,
    /// Gas gravity, air = 1.
    pub gas_sg: f64,
    /// Upstream temperature, °F.
    pub upstream_temperature_degf: f64,
}

/// Result of a gas choke calculation.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GasChokeFlow {
    /// Gas rate, Mscf/d (14.7 psia, 60 °F).
    pub rate_mscf_d: f64,
    /// Critical pressure ratio `(2/(k+1))^(k/(k−1))`.
    pub critical_pressure_ratio: f64,
    /// Whether the flow is critical (sonic): `p_dn/p_up` at or below the critical ratio.
    pub critical: bool,
}

impl GasChoke {
    /// Checks every field.
    pub fn validate(&self) -> CoreResult<()> {
        require_in_range("choke_size_64ths_in", self.choke_size_64ths_in, 1.0, 256.0)?;
        require_in_range(
            "discharge_coefficient",
            self.discharge_coefficient,
            0.1,
            1.2,
        )?;
        require_in_range("heat_capacity_ratio", self.heat_capacity_ratio, 1.01, 1.67)?;
        require_in_range("gas_sg", self.gas_sg, 0.55, 3.0)?;
        require_in_range(
            "upstream_temperature_degf",
            self.upstream_temperature_degf,
            -40.0,
            500.0,
        )?;
        Ok(())
    }

    /// `(2/(k+1))^(k/(k−1))`.
    pub fn critical_pressure_ratio(&self) -> f64 {
        let k = self.heat_capacity_ratio;
        (2.0 / (k + 1.0)).powf(k / (k - 1.0))
    }

    /// Gas rate, Mscf/d, for an upstream and a downstream pressure (psia); zero when the
    /// downstream pressure is not below the upstream one.
    ///
    /// ```
    /// use nodal_core::surface::choke::GasChoke;
    /// let choke = GasChoke { choke_size_64ths_in: 32.0, discharge_coefficient: 0.86,
    ///     heat_capacity_ratio: 1.3, gas_sg: 0.7, upstream_temperature_degf: 100.0 };
    /// let f = choke.rate(1000.0, 300.0).unwrap();
    /// assert!(f.critical);
    /// // Critical flow does not depend on the downstream pressure.
    /// assert_eq!(f.rate_mscf_d, choke.rate(1000.0, 100.0).unwrap().rate_mscf_d);
    /// ```
    pub fn rate(
        &self,
        upstream_pressure_psia: f64,
        downstream_pressure_psia: f64,
    ) -> CoreResult<GasChokeFlow> {
        self.validate()?;
        let p_up = require_in_range(
            "upstream_pressure_psia",
            upstream_pressure_psia,
            1.0,
            30_000.0,
        )?;
        let p_dn = require_in_range(
            "downstream_pressure_psia",
            downstream_pressure_psia,
            0.0,
            30_000.0,
        )?;
        Ok(self.rate_unchecked(p_up, p_dn))
    }

    pub(crate) fn rate_unchecked(&self, p_up: f64, p_dn: f64) -> GasChokeFlow {
        let k = self.heat_capacity_ratio;
        let yc = self.critical_pressure_ratio();
        let y_raw = p_dn / p_up;
        if y_raw >= 1.0 {
            return GasChokeFlow {
                rate_mscf_d: 0.0,
                critical_pressure_ratio: yc,
                critical: false,
            };
        }
        let critical = y_raw <= yc;
        let y = y_raw.max(yc);
        let d_in = self.choke_size_64ths_in / 64.0;
        let area_in2 = std::f64::consts::PI / 4.0 * d_in * d_in;
        let t_up = degf_to_degr(self.upstream_temperature_degf);
        let bracket =
            k / ((k - 1.0) * self.gas_sg * t_up) * (y.powf(2.0 / k) - y.powf((k + 1.0) / k));
        GasChokeFlow {
            rate_mscf_d: nozzle_constant()
                * self.discharge_coefficient
                * area_in2
                * p_up
                * bracket.max(0.0).sqrt(),
            critical_pressure_ratio: yc,
            critical,
        }
    }
}

/// Constant of the field-unit nozzle equation, Mscf/d per (in² · psia · (1/°R)^½):
/// `86.4 × V_m × (2 gc/(M_air R))^½` with V_m = 379.48 scf/lb-mol (14.696 psia, 60 °F),
/// gc = 32.174 lbm·ft/(lbf·s²), M_air = 28.9625 and R = 1545.35 ft·lbf/(lb-mol·°R).
pub fn nozzle_constant() -> f64 {
    let molar_volume_scf = crate::units::GAS_CONSTANT_PSIA_FT3_PER_LBMOL_R
        * degf_to_degr(crate::units::STANDARD_TEMPERATURE_DEGF)
        / STANDARD_PRESSURE_PSIA;
    86.4 * molar_volume_scf
        * (2.0 * crate::units::GRAVITY_FT_S2
            / (crate::units::AIR_MOLECULAR_WEIGHT
                * super::compressor::GAS_CONSTANT_FT_LBF_PER_LBMOL_R))
            .sqrt()
}

/// Upstream pressure (psia) from a gauge reading (psig).
pub fn psig_to_psia(psig: f64) -> f64 {
    psig + STANDARD_PRESSURE_PSIA
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn gilbert_coefficients_reproduce_the_original_435_form() {
        // Gilbert (1954) printed p = 435 R^0.546 q / S^1.89 with R in Mscf/STB; the tabulated
        // A = 10.00 with R in scf/STB is the same equation (10 × 1000^0.546 = 434.5).
        for (q, r, s) in [
            (1000.0, 1000.0, 32.0),
            (300.0, 2500.0, 16.0),
            (4000.0, 400.0, 48.0),
        ] {
            let p = ChokeCorrelation::Gilbert1954
                .upstream_pressure_psig(q, r, s)
                .unwrap();
            let original = 435.0 * (r / 1000.0_f64).powf(0.546) * q / s.powf(1.89);
            assert!((p / original - 1.0).abs() < 2e-3, "{p} vs {original}");
        }
    }

    #[test]
    fn forms_invert_each_other_for_every_set() {
        for c in ChokeCorrelation::ALL {
            let p = c.upstream_pressure_psig(800.0, 1200.0, 24.0).unwrap();
            let q = c.liquid_rate_stb_d(p, 1200.0, 24.0).unwrap();
            let s = c.choke_size_64ths_in(p, 800.0, 1200.0).unwrap();
            assert!((q - 800.0).abs() < 1e-9 && (s - 24.0).abs() < 1e-9, "{c:?}");
        }
        // Ros at R = 1000 scf/STB, q = 1000 STB/d, S = 32: 17.40 × 31.623 × 1000 / 1024.
        let p = ChokeCorrelation::Ros1960
            .upstream_pressure_psig(1000.0, 1000.0, 32.0)
            .unwrap();
        assert!((p - 17.40 * 1000f64.sqrt() * 1000.0 / 1024.0).abs() < 1e-9);
    }

    /// Reference: `fluids` 1.3.1 (MIT) `fluids.safety_valve.API520_A_g` (API 520 gas
    /// sizing: the isentropic nozzle, critical and subcritical), solved for the mass flow
    /// through a 32/64 in bore with Kd = 0.86, k = 1.3, MW = 0.7 × 28.9625, Z = 1,
    /// 1000 psia and 100 °F upstream, converted to Mscf/d at 14.696 psia and 60 °F.
    /// Tolerance 0.1 %.
    #[test]
    fn gas_choke_matches_the_api_520_nozzle() {
        let choke = GasChoke {
            choke_size_64ths_in: 32.0,
            discharge_coefficient: 0.86,
            heat_capacity_ratio: 1.3,
            gas_sg: 0.7,
            upstream_temperature_degf: 100.0,
        };
        for (p_dn, want, critical) in [
            (300.0, 5004.14, true),
            (800.0, 4168.52, false),
            (950.0, 2303.63, false),
        ] {
            let f = choke.rate(1000.0, p_dn).unwrap();
            assert_eq!(f.critical, critical);
            assert!(
                (f.rate_mscf_d / want - 1.0).abs() < 1e-3,
                "{p_dn}: {} vs {want}",
                f.rate_mscf_d
            );
        }
        assert!((nozzle_constant() - 1243.2).abs() < 0.1);
        assert!((choke.critical_pressure_ratio() - (2.0 / 2.3_f64).powf(1.3 / 0.3)).abs() < 1e-12);
        assert_eq!(choke.rate(1000.0, 1000.0).unwrap().rate_mscf_d, 0.0);
    }
}
