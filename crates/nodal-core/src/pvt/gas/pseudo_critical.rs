//! Pseudo-critical temperature and pressure of a natural gas from its specific gravity, and the
//! corrections for the non-hydrocarbons CO2, H2S and N2.
//!
//! The full procedure ([`pseudo_critical`]) is the one of Whitson and Brulé (2000), *Phase
//! Behavior*, SPE Monograph 20, Eqs. 3.47 to 3.53, written for Sutton's correlation and used
//! here with any of the hydrocarbon correlations:
//!
//! 1. remove the impurities from the gas gravity to get the gravity of the hydrocarbon part
//!    ([`hydrocarbon_gas_sg`]);
//! 2. pseudo-criticals of the hydrocarbon part from a gravity correlation
//!    ([`sutton_1985`], [`standing_natural_gas_1977`], [`standing_condensate_1977`]);
//! 3. combine with the true critical constants of CO2, H2S and N2 by Kay's (1936) mole-fraction
//!    mixing rule;
//! 4. correct for the acid gases with Wichert and Aziz (1972) ([`wichert_aziz_1972`]).
//!
//! The alternative of Carr, Kobayashi and Burrows (1954) ([`carr_kobayashi_burrows_1954`])
//! adjusts the pseudo-criticals of the whole gas gravity with linear terms in the three
//! impurity fractions.

use crate::error::{CoreError, CoreResult, require_positive};
use crate::method::{MethodInfo, ParamRange};
use crate::units::AIR_MOLECULAR_WEIGHT;

/// Molecular weight of carbon dioxide, lb/lb-mol.
const CO2_MOLECULAR_WEIGHT: f64 = 44.0095;
/// Molecular weight of hydrogen sulfide, lb/lb-mol.
const H2S_MOLECULAR_WEIGHT: f64 = 34.081;
/// Molecular weight of nitrogen, lb/lb-mol.
const N2_MOLECULAR_WEIGHT: f64 = 28.0134;

/// Critical temperature of CO2, °R (87.91 °F), and critical pressure, psia.
const CO2_CRITICAL: PseudoCritical = PseudoCritical {
    temperature_degr: 547.58,
    pressure_psia: 1071.0,
};
/// Critical temperature of H2S, °R, and critical pressure, psia.
const H2S_CRITICAL: PseudoCritical = PseudoCritical {
    temperature_degr: 672.35,
    pressure_psia: 1306.0,
};
/// Critical temperature of N2, °R (-232.51 °F), and critical pressure, psia.
const N2_CRITICAL: PseudoCritical = PseudoCritical {
    temperature_degr: 227.16,
    pressure_psia: 493.1,
};

/// Pseudo-critical (or critical) temperature and pressure of a gas.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PseudoCritical {
    /// Pseudo-critical temperature, °R.
    pub temperature_degr: f64,
    /// Pseudo-critical pressure, psia.
    pub pressure_psia: f64,
}

impl PseudoCritical {
    /// Checks that both values are finite and positive; `field` names the input they came from.
    pub fn validated(self, field: &'static str) -> CoreResult<Self> {
        if self.temperature_degr.is_finite()
            && self.temperature_degr > 0.0
            && self.pressure_psia.is_finite()
            && self.pressure_psia > 0.0
        {
            Ok(self)
        } else {
            Err(CoreError::invalid(
                field,
                format!(
                    "pseudo-critical temperature and pressure must be finite and positive (got {} °R, {} psia)",
                    self.temperature_degr, self.pressure_psia
                ),
            ))
        }
    }
}

/// Mole fractions of the non-hydrocarbon components of a natural gas.
///
/// The constructor guarantees each fraction is finite, in `[0, 1]`, and that they sum to at
/// most one, so a value of this type is always usable.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Impurities {
    co2: f64,
    h2s: f64,
    n2: f64,
}

impl Impurities {
    /// A sweet gas with no CO2, H2S or N2.
    pub const NONE: Self = Self {
        co2: 0.0,
        h2s: 0.0,
        n2: 0.0,
    };

    /// Builds the impurity set from mole fractions (not percent) of CO2, H2S and N2.
    ///
    /// Each must be finite and in `[0, 1]`, and their sum at most 1; the error names the
    /// offending field (`co2_mole_frac`, `h2s_mole_frac`, `n2_mole_frac`, or
    /// `impurity_mole_fracs` for the sum).
    pub fn new(co2_mole_frac: f64, h2s_mole_frac: f64, n2_mole_frac: f64) -> CoreResult<Self> {
        for (field, value) in [
            ("co2_mole_frac", co2_mole_frac),
            ("h2s_mole_frac", h2s_mole_frac),
            ("n2_mole_frac", n2_mole_frac),
        ] {
            if !(value.is_finite() && (0.0..=1.0).contains(&value)) {
                return Err(CoreError::invalid(
                    field,
                    format!("must be a mole fraction between 0 and 1 (got {value})"),
                ));
            }
        }
        let total = co2_mole_frac + h2s_mole_frac + n2_mole_frac;
        if total > 1.0 + 1e-12 {
            return Err(CoreError::invalid(
                "impurity_mole_fracs",
                format!("CO2 + H2S + N2 mole fractions must not exceed 1 (got {total})"),
            ));
        }
        Ok(Self {
            co2: co2_mole_frac,
            h2s: h2s_mole_frac,
            n2: n2_mole_frac,
        })
    }

    /// Mole fraction of CO2.
    pub fn co2_mole_frac(&self) -> f64 {
        self.co2
    }

    /// Mole fraction of H2S.
    pub fn h2s_mole_frac(&self) -> f64 {
        self.h2s
    }

    /// Mole fraction of N2.
    pub fn n2_mole_frac(&self) -> f64 {
        self.n2
    }

    /// Total mole fraction of the three non-hydrocarbons.
    pub fn total_mole_frac(&self) -> f64 {
        self.co2 + self.h2s + self.n2
    }

    /// Mole fraction of the hydrocarbon part, `1 - yCO2 - yH2S - yN2` (never negative).
    pub fn hydrocarbon_mole_frac(&self) -> f64 {
        (1.0 - self.total_mole_frac()).max(0.0)
    }

    /// True when all three fractions are zero.
    pub fn is_none(&self) -> bool {
        self.total_mole_frac() == 0.0
    }
}

/// Correlation giving the pseudo-criticals of the hydrocarbon part of a gas from its gravity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum PseudoCriticalMethod {
    /// Sutton (1985), SPE 14265: [`sutton_1985`].
    #[default]
    #[cfg_attr(feature = "serde", serde(rename = "sutton_1985"))]
    Sutton1985,
    /// Standing (1977), natural-gas ("California") curves: [`standing_natural_gas_1977`].
    #[cfg_attr(feature = "serde", serde(rename = "standing_1977_natural_gas"))]
    StandingNaturalGas1977,
    /// Standing (1977), condensate-gas curves: [`standing_condensate_1977`].
    #[cfg_attr(feature = "serde", serde(rename = "standing_1977_condensate"))]
    StandingCondensate1977,
}

impl PseudoCriticalMethod {
    /// Every method, in a stable order.
    pub const ALL: [Self; 3] = [
        Self::Sutton1985,
        Self::StandingNaturalGas1977,
        Self::StandingCondensate1977,
    ];

    /// Metadata of the correlation.
    pub fn info(self) -> &'static MethodInfo {
        match self {
            Self::Sutton1985 => &SUTTON_1985,
            Self::StandingNaturalGas1977 => &STANDING_NATURAL_GAS_1977,
            Self::StandingCondensate1977 => &STANDING_CONDENSATE_1977,
        }
    }

    /// Stable identifier, e.g. `"sutton_1985"`.
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// The method with identifier `id`, if any.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.id() == id)
    }

    /// Pseudo-criticals of a hydrocarbon gas of gravity `hydrocarbon_gas_sg` (air = 1).
    pub fn evaluate(self, hydrocarbon_gas_sg: f64) -> CoreResult<PseudoCritical> {
        match self {
            Self::Sutton1985 => sutton_1985(hydrocarbon_gas_sg),
            Self::StandingNaturalGas1977 => standing_natural_gas_1977(hydrocarbon_gas_sg),
            Self::StandingCondensate1977 => standing_condensate_1977(hydrocarbon_gas_sg),
        }
    }
}

/// How CO2, H2S and N2 are accounted for in the pseudo-criticals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ImpurityCorrection {
    /// Hydrocarbon-gravity correction, Kay's rule with the impurity critical constants, then
    /// Wichert-Aziz (1972) for CO2 and H2S (Whitson and Brulé 2000, Eqs. 3.47-3.53).
    #[default]
    #[cfg_attr(feature = "serde", serde(rename = "kay_wichert_aziz_1972"))]
    KayWichertAziz,
    /// Carr, Kobayashi and Burrows (1954) linear adjustment of the whole-gas pseudo-criticals.
    #[cfg_attr(feature = "serde", serde(rename = "carr_kobayashi_burrows_1954"))]
    CarrKobayashiBurrows1954,
}

impl ImpurityCorrection {
    /// Every correction, in a stable order.
    pub const ALL: [Self; 2] = [Self::KayWichertAziz, Self::CarrKobayashiBurrows1954];

    /// Metadata of the correction.
    pub fn info(self) -> &'static MethodInfo {
        match self {
            Self::KayWichertAziz => &KAY_WICHERT_AZIZ_1972,
            Self::CarrKobayashiBurrows1954 => &CARR_KOBAYASHI_BURROWS_1954,
        }
    }

    /// Stable identifier, e.g. `"kay_wichert_aziz_1972"`.
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// The correction with identifier `id`, if any.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.id() == id)
    }
}

/// Metadata of [`sutton_1985`].
pub static SUTTON_1985: MethodInfo = MethodInfo {
    id: "sutton_1985",
    property: "gas_pseudo_critical_properties",
    variant: "Sutton (1985) hydrocarbon-gas fit: Tpc = 169.2 + 349.5 g - 74.0 g^2, \
              Ppc = 756.8 - 131.0 g - 3.6 g^2. Some sources print 131.07 for the linear \
              pressure coefficient (0.05 psia at g = 0.7); 131.0 is followed here, as in \
              Whitson and Brulé (2000) Eq. 3.47b. Not the associated-gas or gas-condensate \
              refits of Sutton (2007).",
    source: "Sutton, R.P.: \"Compressibility Factors for High-Molecular-Weight Reservoir Gases\", \
             SPE 14265, SPE Annual Technical Conference, Las Vegas (1985); reprinted in \
             Whitson and Brulé, Phase Behavior, SPE Monograph 20 (2000), Eq. 3.47",
    ranges: &[ParamRange {
        param: "hydrocarbon_gas_sg",
        min: 0.571,
        max: 1.679,
    }],
};

/// Metadata of [`standing_natural_gas_1977`].
pub static STANDING_NATURAL_GAS_1977: MethodInfo = MethodInfo {
    id: "standing_1977_natural_gas",
    property: "gas_pseudo_critical_properties",
    variant: "Standing (1977) fit of the Brown et al. (1948) natural-gas (California surface \
              gas) curves: Tpc = 168 + 325 g - 12.5 g^2, Ppc = 677 + 15.0 g - 37.5 g^2",
    source: "Standing, M.B.: Volumetric and Phase Behavior of Oil Field Hydrocarbon Systems, \
             SPE (1977), pp. 125-126; reprinted in Ahmed, Reservoir Engineering Handbook",
    ranges: &[ParamRange {
        param: "hydrocarbon_gas_sg",
        min: 0.55,
        max: 1.7,
    }],
};

/// Metadata of [`standing_condensate_1977`].
pub static STANDING_CONDENSATE_1977: MethodInfo = MethodInfo {
    id: "standing_1977_condensate",
    property: "gas_pseudo_critical_properties",
    variant: "Standing (1977) fit of the Brown et al. (1948) condensate-gas curves: \
              Tpc = 187 + 330 g - 71.5 g^2, Ppc = 706 - 51.7 g - 11.1 g^2",
    source: "Standing, M.B.: Volumetric and Phase Behavior of Oil Field Hydrocarbon Systems, \
             SPE (1977), pp. 125-126; reprinted in Ahmed, Reservoir Engineering Handbook",
    ranges: &[ParamRange {
        param: "hydrocarbon_gas_sg",
        min: 0.58,
        max: 1.3,
    }],
};

/// Metadata of the Kay mixing plus [`wichert_aziz_1972`] procedure.
pub static KAY_WICHERT_AZIZ_1972: MethodInfo = MethodInfo {
    id: "kay_wichert_aziz_1972",
    property: "gas_pseudo_critical_impurity_correction",
    variant: "Hydrocarbon gas gravity g_hc = (g - sum y_i M_i / M_air) / (1 - sum y_i); \
              hydrocarbon pseudo-criticals from the chosen correlation; Kay's rule with \
              CO2 547.58 °R / 1071 psia, H2S 672.35 °R / 1306 psia, N2 227.16 °R / 493.1 psia; \
              then Wichert-Aziz with both its CO2+H2S (A) and H2S (B) terms",
    source: "Whitson and Brulé, Phase Behavior, SPE Monograph 20 (2000), Eqs. 3.47-3.53; \
             Kay, W.B., Ind. Eng. Chem. 28 (1936) 1014; Wichert, E. and Aziz, K.: \
             \"Calculate Z's for Sour Gases\", Hydrocarbon Processing 51(5) (1972) 119-122",
    ranges: &[
        ParamRange {
            param: "co2_mole_frac",
            min: 0.0,
            max: 0.544,
        },
        ParamRange {
            param: "h2s_mole_frac",
            min: 0.0,
            max: 0.738,
        },
        ParamRange {
            param: "pressure_psia",
            min: 154.0,
            max: 7026.0,
        },
        ParamRange {
            param: "temperature_degf",
            min: 40.0,
            max: 300.0,
        },
    ],
};

/// Metadata of [`carr_kobayashi_burrows_1954`].
pub static CARR_KOBAYASHI_BURROWS_1954: MethodInfo = MethodInfo {
    id: "carr_kobayashi_burrows_1954",
    property: "gas_pseudo_critical_impurity_correction",
    variant: "Tpc' = Tpc - 80 yCO2 + 130 yH2S - 250 yN2, Ppc' = Ppc + 440 yCO2 + 600 yH2S - \
              170 yN2, applied to the pseudo-criticals of the whole gas gravity; no published \
              data range was found in the sources consulted",
    source: "Carr, N.L., Kobayashi, R. and Burrows, D.B.: \"Viscosity of Hydrocarbon Gases \
             Under Pressure\", Trans. AIME 201 (1954) 264-272; as given in Ahmed, Reservoir \
             Engineering Handbook, Ch. 2",
    ranges: &[],
};

/// Sutton (1985) pseudo-critical temperature (°R) and pressure (psia) of a hydrocarbon gas.
///
/// `Tpc = 169.2 + 349.5 γ − 74.0 γ²`, `Ppc = 756.8 − 131.0 γ − 3.6 γ²`, with `γ` the gas
/// specific gravity (air = 1) of the hydrocarbon part. Fitted to 264 gas compositions rich in
/// heptanes-plus (0.571 ≤ γ ≤ 1.679; N2 to 2.86 %, CO2 to 11.86 %, no H2S); use
/// [`pseudo_critical`] for gases with impurities.
///
/// Source: Sutton, SPE 14265 (1985); Whitson and Brulé (2000), SPE Monograph 20, Eq. 3.47.
/// The other printing of the pressure coefficient (131.07) changes Ppc by under 0.01 %.
///
/// ```
/// use nodal_core::pvt::gas::sutton_1985;
/// let pc = sutton_1985(0.7).unwrap();
/// assert!((pc.temperature_degr - 377.59).abs() < 1e-9);
/// assert!((pc.pressure_psia - 663.336).abs() < 1e-9);
/// ```
pub fn sutton_1985(hydrocarbon_gas_sg: f64) -> CoreResult<PseudoCritical> {
    let g = require_positive("gas_sg", hydrocarbon_gas_sg)?;
    PseudoCritical {
        temperature_degr: 169.2 + 349.5 * g - 74.0 * g * g,
        pressure_psia: 756.8 - 131.0 * g - 3.6 * g * g,
    }
    .validated("gas_sg")
}

/// Standing (1977) pseudo-criticals for natural (surface, "California") gases.
///
/// `Tpc = 168 + 325 γ − 12.5 γ²` (°R), `Ppc = 677 + 15.0 γ − 37.5 γ²` (psia), `γ` the gas
/// specific gravity (air = 1) of the hydrocarbon part. Standing's fit of the Brown, Katz,
/// Oberfell and Alden (1948) curves; the curves span about 0.55 ≤ γ ≤ 1.7.
///
/// Source: Standing, *Volumetric and Phase Behavior of Oil Field Hydrocarbon Systems*, SPE
/// (1977), pp. 125–126.
///
/// ```
/// use nodal_core::pvt::gas::standing_natural_gas_1977;
/// let pc = standing_natural_gas_1977(0.72).unwrap();
/// assert!((pc.temperature_degr - 395.52).abs() < 1e-9);
/// assert!((pc.pressure_psia - 668.36).abs() < 1e-9);
/// ```
pub fn standing_natural_gas_1977(hydrocarbon_gas_sg: f64) -> CoreResult<PseudoCritical> {
    let g = require_positive("gas_sg", hydrocarbon_gas_sg)?;
    PseudoCritical {
        temperature_degr: 168.0 + 325.0 * g - 12.5 * g * g,
        pressure_psia: 677.0 + 15.0 * g - 37.5 * g * g,
    }
    .validated("gas_sg")
}

/// Standing (1977) pseudo-criticals for condensate (wet, reservoir) gases.
///
/// `Tpc = 187 + 330 γ − 71.5 γ²` (°R), `Ppc = 706 − 51.7 γ − 11.1 γ²` (psia), `γ` the gas
/// specific gravity (air = 1) of the hydrocarbon part; the curves span about
/// 0.58 ≤ γ ≤ 1.3.
///
/// Source: Standing (1977), pp. 125–126.
///
/// ```
/// use nodal_core::pvt::gas::standing_condensate_1977;
/// let pc = standing_condensate_1977(0.8).unwrap();
/// assert!((pc.temperature_degr - 405.24).abs() < 1e-9);
/// assert!((pc.pressure_psia - 657.536).abs() < 1e-9);
/// ```
pub fn standing_condensate_1977(hydrocarbon_gas_sg: f64) -> CoreResult<PseudoCritical> {
    let g = require_positive("gas_sg", hydrocarbon_gas_sg)?;
    PseudoCritical {
        temperature_degr: 187.0 + 330.0 * g - 71.5 * g * g,
        pressure_psia: 706.0 - 51.7 * g - 11.1 * g * g,
    }
    .validated("gas_sg")
}

/// Specific gravity of the hydrocarbon part of a gas that contains CO2, H2S and N2.
///
/// `γ_hc = (γ − (yCO2 M_CO2 + yH2S M_H2S + yN2 M_N2) / M_air) / (1 − yCO2 − yH2S − yN2)`
/// (Whitson and Brulé 2000, Eq. 3.53). An `InvalidInput` on `gas_sg` when the stated gravity is
/// too low to hold the stated impurities, or when the gas has no hydrocarbon part.
///
/// ```
/// use nodal_core::pvt::gas::{hydrocarbon_gas_sg, Impurities};
/// let imp = Impurities::new(0.10, 0.0, 0.0).unwrap();
/// let g_hc = hydrocarbon_gas_sg(0.75, imp).unwrap();
/// assert!((g_hc - (0.75 - 0.1 * 44.0095 / 28.9625) / 0.9).abs() < 1e-12);
/// ```
pub fn hydrocarbon_gas_sg(gas_sg: f64, impurities: Impurities) -> CoreResult<f64> {
    let g = require_positive("gas_sg", gas_sg)?;
    let y_hc = impurities.hydrocarbon_mole_frac();
    if y_hc <= 1e-9 {
        return Err(CoreError::invalid(
            "impurity_mole_fracs",
            "the gas has no hydrocarbon part; a gravity correlation does not apply",
        ));
    }
    let impurity_sg = (impurities.co2 * CO2_MOLECULAR_WEIGHT
        + impurities.h2s * H2S_MOLECULAR_WEIGHT
        + impurities.n2 * N2_MOLECULAR_WEIGHT)
        / AIR_MOLECULAR_WEIGHT;
    let g_hc = (g - impurity_sg) / y_hc;
    if !(g_hc.is_finite() && g_hc > 0.0) {
        return Err(CoreError::invalid(
            "gas_sg",
            format!(
                "gas gravity {g} is too low for the stated impurity fractions (hydrocarbon gravity would be {g_hc:.4})"
            ),
        ));
    }
    Ok(g_hc)
}

/// Wichert and Aziz (1972) correction of pseudo-criticals for CO2 and H2S.
///
/// `ε = 120 (A^0.9 − A^1.6) + 15 (B^0.5 − B^4)` (°R) with `A = yCO2 + yH2S` and `B = yH2S`;
/// `Tpc' = Tpc − ε`, `Ppc' = Ppc Tpc' / (Tpc + B (1 − B) ε)`. The input pseudo-criticals are
/// those of the whole sour gas (Kay's rule over all components). Published data: CO2 to
/// 54.4 mol %, H2S to 73.8 mol %, 154–7026 psia, 40–300 °F.
///
/// Source: Wichert, E. and Aziz, K., "Calculate Z's for Sour Gases", *Hydrocarbon Processing*
/// 51(5) (1972) 119–122.
///
/// ```
/// use nodal_core::pvt::gas::{wichert_aziz_1972, Impurities, PseudoCritical};
/// let pc = PseudoCritical { temperature_degr: 395.5, pressure_psia: 668.0 };
/// let sour = Impurities::new(0.05, 0.10, 0.0).unwrap();
/// let corrected = wichert_aziz_1972(pc, sour).unwrap();
/// assert!((pc.temperature_degr - corrected.temperature_degr - 20.735).abs() < 1e-3);
/// ```
pub fn wichert_aziz_1972(
    pseudo_critical: PseudoCritical,
    impurities: Impurities,
) -> CoreResult<PseudoCritical> {
    let pc = pseudo_critical.validated("pseudo_critical")?;
    let a = impurities.co2 + impurities.h2s;
    let b = impurities.h2s;
    let epsilon = 120.0 * (a.powf(0.9) - a.powf(1.6)) + 15.0 * (b.sqrt() - b.powi(4));
    let t_corrected = pc.temperature_degr - epsilon;
    PseudoCritical {
        temperature_degr: t_corrected,
        pressure_psia: pc.pressure_psia * t_corrected
            / (pc.temperature_degr + b * (1.0 - b) * epsilon),
    }
    .validated("impurity_mole_fracs")
}

/// Carr, Kobayashi and Burrows (1954) adjustment of pseudo-criticals for CO2, H2S and N2.
///
/// `Tpc' = Tpc − 80 yCO2 + 130 yH2S − 250 yN2` (°R), `Ppc' = Ppc + 440 yCO2 + 600 yH2S −
/// 170 yN2` (psia), applied to the pseudo-criticals obtained from the gravity of the whole gas.
///
/// Source: Carr, Kobayashi and Burrows, *Trans. AIME* 201 (1954) 264–272, as given in Ahmed,
/// *Reservoir Engineering Handbook*, Ch. 2.
///
/// ```
/// use nodal_core::pvt::gas::{carr_kobayashi_burrows_1954, Impurities, PseudoCritical};
/// let pc = PseudoCritical { temperature_degr: 395.5, pressure_psia: 668.0 };
/// let sour = Impurities::new(0.05, 0.10, 0.0).unwrap();
/// let adj = carr_kobayashi_burrows_1954(pc, sour).unwrap();
/// assert!((adj.temperature_degr - 404.5).abs() < 1e-9);
/// assert!((adj.pressure_psia - 750.0).abs() < 1e-9);
/// ```
pub fn carr_kobayashi_burrows_1954(
    pseudo_critical: PseudoCritical,
    impurities: Impurities,
) -> CoreResult<PseudoCritical> {
    let pc = pseudo_critical.validated("pseudo_critical")?;
    PseudoCritical {
        temperature_degr: pc.temperature_degr - 80.0 * impurities.co2 + 130.0 * impurities.h2s
            - 250.0 * impurities.n2,
        pressure_psia: pc.pressure_psia + 440.0 * impurities.co2 + 600.0 * impurities.h2s
            - 170.0 * impurities.n2,
    }
    .validated("impurity_mole_fracs")
}

/// Kay's (1936) mole-fraction average of the hydrocarbon pseudo-criticals and the impurity
/// critical constants.
fn kay_mixture(hydrocarbon: PseudoCritical, impurities: Impurities) -> PseudoCritical {
    let y_hc = impurities.hydrocarbon_mole_frac();
    let mix = |f: fn(&PseudoCritical) -> f64| {
        y_hc * f(&hydrocarbon)
            + impurities.co2 * f(&CO2_CRITICAL)
            + impurities.h2s * f(&H2S_CRITICAL)
            + impurities.n2 * f(&N2_CRITICAL)
    };
    PseudoCritical {
        temperature_degr: mix(|p| p.temperature_degr),
        pressure_psia: mix(|p| p.pressure_psia),
    }
}

/// Pseudo-critical temperature (°R) and pressure (psia) of a natural gas of specific gravity
/// `gas_sg` (air = 1, the whole gas including impurities).
///
/// With [`ImpurityCorrection::KayWichertAziz`]: hydrocarbon gravity ([`hydrocarbon_gas_sg`]),
/// the hydrocarbon correlation `method`, Kay's rule with the CO2/H2S/N2 critical constants,
/// then [`wichert_aziz_1972`]. A gas made only of impurities skips the correlation (pure Kay's
/// rule). With [`ImpurityCorrection::CarrKobayashiBurrows1954`]: the correlation on the whole
/// gravity, then [`carr_kobayashi_burrows_1954`]. A sweet gas gives the plain correlation with
/// either.
///
/// Source: Whitson and Brulé (2000), SPE Monograph 20, Eqs. 3.47–3.53.
///
/// ```
/// use nodal_core::pvt::gas::{pseudo_critical, Impurities, ImpurityCorrection, PseudoCriticalMethod};
/// let sweet = pseudo_critical(0.7, Impurities::NONE, PseudoCriticalMethod::Sutton1985,
///     ImpurityCorrection::KayWichertAziz).unwrap();
/// assert!((sweet.temperature_degr - 377.59).abs() < 1e-9);
/// ```
pub fn pseudo_critical(
    gas_sg: f64,
    impurities: Impurities,
    method: PseudoCriticalMethod,
    correction: ImpurityCorrection,
) -> CoreResult<PseudoCritical> {
    let g = require_positive("gas_sg", gas_sg)?;
    if impurities.is_none() {
        return method.evaluate(g);
    }
    match correction {
        ImpurityCorrection::KayWichertAziz => {
            let hydrocarbon = if impurities.hydrocarbon_mole_frac() <= 1e-9 {
                // No hydrocarbon part: Kay's rule over the impurities alone.
                PseudoCritical {
                    temperature_degr: 0.0,
                    pressure_psia: 0.0,
                }
            } else {
                method.evaluate(hydrocarbon_gas_sg(g, impurities)?)?
            };
            wichert_aziz_1972(kay_mixture(hydrocarbon, impurities), impurities)
        }
        ImpurityCorrection::CarrKobayashiBurrows1954 => {
            carr_kobayashi_burrows_1954(method.evaluate(g)?, impurities)
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn close(actual: f64, expected: f64, rel_tol: f64) -> bool {
        ((actual - expected) / expected).abs() <= rel_tol
    }

    /// Standing (1977) natural-gas and condensate pseudo-criticals against petpropy 1.0.4
    /// `gas.pseudocritical_properties_gas.brown_katz_grv(sg, type_gas=True/False)` (LGPL, run
    /// outside the project; same coefficients): (Tpc °R, Ppc psia) for γ 0.65: gas (373.96875,
    /// 670.90625), condensate (371.29125, 667.70525); γ 0.8: (420.0, 665.0), (405.24,
    /// 657.536); γ 1.0: (480.5, 654.5), (445.5, 643.2). Tolerance 1e-9 °R / psia.
    #[test]
    fn standing_matches_petpropy() {
        for (sg, gas, condensate) in [
            (0.65, (373.968_75, 670.906_25), (371.291_25, 667.705_25)),
            (0.8, (420.0, 665.0), (405.24, 657.536)),
            (1.0, (480.5, 654.5), (445.5, 643.2)),
        ] {
            for (pc, (t, p)) in [
                (standing_natural_gas_1977(sg).unwrap(), gas),
                (standing_condensate_1977(sg).unwrap(), condensate),
            ] {
                assert!((pc.temperature_degr - t).abs() < 1e-9, "{sg}: {pc:?}");
                assert!((pc.pressure_psia - p).abs() < 1e-9, "{sg}: {pc:?}");
            }
        }
    }

    /// Carr-Kobayashi-Burrows (1954) adjustment against pvtpy 0.1.4 (MIT, run outside the
    /// project) `black_oil.correlations.critical_properties_correction(...,
    /// method='carr_kobayashi_burrows')`, which cites Ahmed's Reservoir Engineering Handbook:
    /// (Tpc °R, Ppc psia, yCO2, yH2S, yN2) → (Tpc', Ppc'): (377.59, 663.336, 0.05, 0, 0)
    /// (373.59, 685.336); (395.52, 668.36, 0.10, 0.20, 0.05) (401.02, 823.86); (420.0, 665.0,
    /// 0, 0, 0.10) (395.0, 648.0). Tolerance 1e-9 °R / psia.
    #[test]
    fn carr_kobayashi_burrows_matches_pvtpy() {
        for ((t, p), (co2, h2s, n2), (t_expected, p_expected)) in [
            ((377.59, 663.336), (0.05, 0.0, 0.0), (373.59, 685.336)),
            ((395.52, 668.36), (0.10, 0.20, 0.05), (401.02, 823.86)),
            ((420.0, 665.0), (0.0, 0.0, 0.10), (395.0, 648.0)),
        ] {
            let pc = carr_kobayashi_burrows_1954(
                PseudoCritical {
                    temperature_degr: t,
                    pressure_psia: p,
                },
                Impurities::new(co2, h2s, n2).unwrap(),
            )
            .unwrap();
            assert!((pc.temperature_degr - t_expected).abs() < 1e-9, "{pc:?}");
            assert!((pc.pressure_psia - p_expected).abs() < 1e-9, "{pc:?}");
        }
    }

    #[test]
    fn impurity_fractions_are_validated() {
        assert!(Impurities::new(0.2, 0.3, 0.5).is_ok());
        for (bad, field) in [
            ((-0.01, 0.0, 0.0), "co2_mole_frac"),
            ((0.0, f64::NAN, 0.0), "h2s_mole_frac"),
            ((0.0, 0.0, 1.2), "n2_mole_frac"),
            ((0.5, 0.4, 0.2), "impurity_mole_fracs"),
        ] {
            match Impurities::new(bad.0, bad.1, bad.2).unwrap_err() {
                CoreError::InvalidInput { field: f, .. } => assert_eq!(f, field),
                other => panic!("unexpected {other:?}"),
            }
        }
    }

    #[test]
    fn gravity_correlations_reject_bad_gravity() {
        for method in PseudoCriticalMethod::ALL {
            for bad in [0.0, -0.7, f64::NAN, f64::INFINITY] {
                match method.evaluate(bad).unwrap_err() {
                    CoreError::InvalidInput { field, .. } => assert_eq!(field, "gas_sg"),
                    other => panic!("unexpected {other:?}"),
                }
            }
        }
    }

    #[test]
    fn ids_round_trip() {
        for m in PseudoCriticalMethod::ALL {
            assert_eq!(PseudoCriticalMethod::from_id(m.id()), Some(m));
        }
        for c in ImpurityCorrection::ALL {
            assert_eq!(ImpurityCorrection::from_id(c.id()), Some(c));
        }
    }

    /// Standing's natural-gas correlation at gravity 0.72 gives Tpc 395.5 °R and Ppc 668 psia,
    /// the values read for this gas in the worked examples of Ahmed, Reservoir Engineering
    /// Handbook, Ch. 2 (Standing's chart); the condensate curves give 387.53 °R and 663.02 psia.
    #[test]
    fn standing_matches_ahmed_example() {
        let r = standing_natural_gas_1977(0.72).unwrap();
        assert!((r.temperature_degr - 395.5).abs() < 0.05, "{r:?}");
        assert!((r.pressure_psia - 668.0).abs() < 0.5, "{r:?}");
        let c = standing_condensate_1977(0.72).unwrap();
        assert!((c.temperature_degr - 387.53).abs() < 0.01, "{c:?}");
    }

    /// Sweet-gas Sutton values against pyrestoolbox 3.8.9 `gas.gas_tc_pc(sg, cmethod='SUT')`,
    /// which uses the same coefficients (169.2, 349.5, -74.0; 756.8, -131.0, -3.6):
    /// sg 0.6 -> (352.26, 676.904), 0.8 -> (401.44, 649.696), 1.0 -> (444.70, 622.20).
    #[test]
    fn sutton_matches_pyrestoolbox_sut() {
        for (sg, tc, pc) in [
            (0.6, 352.26, 676.904),
            (0.8, 401.44, 649.696),
            (1.0, 444.70, 622.20),
        ] {
            let r = sutton_1985(sg).unwrap();
            assert!(close(r.temperature_degr, tc, 1e-12));
            assert!(close(r.pressure_psia, pc, 1e-12));
        }
    }

    /// Wichert-Aziz on the sour gas of the worked example in Ahmed, Reservoir Engineering
    /// Handbook, Ch. 2 (Tpc 395.5 °R, Ppc 668 psia, 5 % CO2, 10 % H2S), which gives
    /// epsilon = 20.735 °R. Recomputed here: Tpc' = 374.76 °R, Ppc' = 630.0 psia. The
    /// Carr-Kobayashi-Burrows values for the same gas are 404.5 °R and 750 psia (doctest).
    #[test]
    fn wichert_aziz_sour_example() {
        let pc = PseudoCritical {
            temperature_degr: 395.5,
            pressure_psia: 668.0,
        };
        let sour = Impurities::new(0.05, 0.10, 0.0).unwrap();
        let r = wichert_aziz_1972(pc, sour).unwrap();
        let eps: f64 =
            120.0 * (0.15f64.powf(0.9) - 0.15f64.powf(1.6)) + 15.0 * (0.1f64.sqrt() - 1e-4);
        assert!((eps - 20.735).abs() < 1e-3, "{eps}");
        assert!((r.temperature_degr - (395.5 - eps)).abs() < 1e-12);
        let p = 668.0 * (395.5 - eps) / (395.5 + 0.1 * 0.9 * eps);
        assert!((r.pressure_psia - p).abs() < 1e-9);
        assert!(
            (r.pressure_psia - 630.0).abs() < 0.05,
            "{}",
            r.pressure_psia
        );
        // No H2S, no CO2: no correction.
        let same = wichert_aziz_1972(pc, Impurities::NONE).unwrap();
        assert_eq!(same, pc);
    }

    /// Carr-Kobayashi-Burrows on the same sour gas (Ahmed, Reservoir Engineering Handbook,
    /// Ch. 2 worked example: Tpc 395.5 °R, Ppc 668 psia, 5 % CO2, 10 % H2S): adjusted
    /// Tpc' = 404.5 °R and Ppc' = 750 psia.
    #[test]
    fn carr_kobayashi_burrows_sour_example() {
        let pc = PseudoCritical {
            temperature_degr: 395.5,
            pressure_psia: 668.0,
        };
        let sour = Impurities::new(0.05, 0.10, 0.0).unwrap();
        let r = carr_kobayashi_burrows_1954(pc, sour).unwrap();
        assert!((r.temperature_degr - 404.5).abs() < 1e-9);
        assert!((r.pressure_psia - 750.0).abs() < 1e-9);
        let n2 = carr_kobayashi_burrows_1954(pc, Impurities::new(0.0, 0.0, 0.1).unwrap()).unwrap();
        assert!((n2.temperature_degr - 370.5).abs() < 1e-9);
        assert!((n2.pressure_psia - 651.0).abs() < 1e-9);
    }

    /// Full Sutton + Kay + Wichert-Aziz procedure against pyrestoolbox 3.8.9
    /// `gas.gas_tc_pc(sg=0.75, co2=0.10, h2s=0.05, cmethod='SUT')` = (375.99491, 705.76768)
    /// (run outside the project). pyrestoolbox removes the impurities from the gravity with
    /// molecular weights 44.01 / 34.1 and M_air 28.97 against 44.0095 / 34.081 / 28.9625 here;
    /// the resulting difference is 1.4e-5 relative.
    #[test]
    fn sour_sutton_matches_pyrestoolbox() {
        let imp = Impurities::new(0.10, 0.05, 0.0).unwrap();
        let r = pseudo_critical(
            0.75,
            imp,
            PseudoCriticalMethod::Sutton1985,
            ImpurityCorrection::KayWichertAziz,
        )
        .unwrap();
        assert!(close(r.temperature_degr, PYRES_SOUR_TC, 2e-4), "{r:?}");
        assert!(close(r.pressure_psia, PYRES_SOUR_PC, 2e-4), "{r:?}");
    }

    const PYRES_SOUR_TC: f64 = 375.994_905;
    const PYRES_SOUR_PC: f64 = 705.767_685;

    /// pyrestoolbox 3.8.9 `gas.gas_tc_pc(sg=0.7, n2=0.10, cmethod='SUT')` returns
    /// (357.13630, 651.37995): it mixes nitrogen in with Tc = 239.26 °R and Pc = 507.5 psia,
    /// which are the critical constants of carbon monoxide (132.9 K, 3.499 MPa), not of
    /// nitrogen (126.2 K = 227.16 °R, 3.396 MPa = 493.1 psia). With the nitrogen constants the
    /// procedure gives 355.923 °R and 649.942 psia; the difference is exactly
    /// 0.1 x (239.26 - 227.16) = 1.21 °R and 0.1 x (507.5 - 493.1) = 1.44 psia.
    #[test]
    fn nitrogen_differs_from_pyrestoolbox_by_its_critical_constants() {
        let imp = Impurities::new(0.0, 0.0, 0.10).unwrap();
        let r = pseudo_critical(
            0.7,
            imp,
            PseudoCriticalMethod::Sutton1985,
            ImpurityCorrection::KayWichertAziz,
        )
        .unwrap();
        assert!(
            (r.temperature_degr + 1.21 - 357.136_302).abs() < 0.01,
            "{r:?}"
        );
        assert!((r.pressure_psia + 1.44 - 651.379_946).abs() < 0.01, "{r:?}");
    }

    #[test]
    fn nitrogen_enters_through_kay_rule() {
        // 10 % N2 with Sutton: hydrocarbon gravity, Kay's rule, no acid-gas correction.
        let imp = Impurities::new(0.0, 0.0, 0.10).unwrap();
        let g_hc = hydrocarbon_gas_sg(0.7, imp).unwrap();
        let hc = sutton_1985(g_hc).unwrap();
        let r = pseudo_critical(
            0.7,
            imp,
            PseudoCriticalMethod::Sutton1985,
            ImpurityCorrection::KayWichertAziz,
        )
        .unwrap();
        assert!((r.temperature_degr - (0.9 * hc.temperature_degr + 0.1 * 227.16)).abs() < 1e-9);
        assert!((r.pressure_psia - (0.9 * hc.pressure_psia + 0.1 * 493.1)).abs() < 1e-9);
    }

    #[test]
    fn pure_impurity_gas_uses_kay_rule_only() {
        let co2 = Impurities::new(1.0, 0.0, 0.0).unwrap();
        let r = pseudo_critical(
            1.5196,
            co2,
            PseudoCriticalMethod::Sutton1985,
            ImpurityCorrection::KayWichertAziz,
        )
        .unwrap();
        // Pure CO2: epsilon = 120 (1 - 1) + 0 = 0, so the true critical point.
        assert!((r.temperature_degr - 547.58).abs() < 1e-9);
        assert!((r.pressure_psia - 1071.0).abs() < 1e-9);
    }

    #[test]
    fn too_light_gas_for_its_impurities_is_rejected() {
        let imp = Impurities::new(0.5, 0.0, 0.0).unwrap();
        let err = pseudo_critical(
            0.6,
            imp,
            PseudoCriticalMethod::Sutton1985,
            ImpurityCorrection::KayWichertAziz,
        )
        .unwrap_err();
        assert!(matches!(
            err,
            CoreError::InvalidInput {
                field: "gas_sg",
                ..
            }
        ));
    }
}
