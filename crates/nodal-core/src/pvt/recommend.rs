//! Choosing correlations for a fluid, with the reasons.
//!
//! The rule is the one engineers apply by hand: prefer the correlation built on the widest
//! data set, but only where the fluid lies inside its published data range and the
//! correlation actually evaluates for it over the pressures of interest; otherwise fall back
//! to the next candidate, and say so.
//!
//! Preference orders (first eligible wins):
//! - bubble point and solution GOR: Valkó-McCain (2003; ~1,700 worldwide samples, the
//!   lowest reported error), Standing (1947; California crudes, the general-purpose
//!   classic), Vasquez-Beggs (1980; ~6,000 points), Glasø (1980; North Sea),
//!   Petrosky-Farshad (1993; Gulf of Mexico), Al-Marhoun (1988; Middle East). Saturated FVF
//!   follows the bubble-point family (McCain-Hill density-based Bo with Valkó-McCain).
//! - compressibility above the bubble point: Vasquez-Beggs where its numerator is positive
//!   (it turns negative for cold, low-GOR oils), else Petrosky-Farshad; below the bubble
//!   point McCain (1988), the only one offered.
//! - dead-oil viscosity: Beggs-Robinson (1975), Glasø (1980), Petrosky-Farshad (1995) by data
//!   range; live oil Beggs-Robinson; undersaturated Vasquez-Beggs.
//! - gas: Sutton (1985) pseudo-criticals where the hydrocarbon gas gravity lies inside
//!   0.571-1.679, else Standing (1977);
//!   Wichert-Aziz for CO2/H2S with Kay's rule for N2; Dranchuk-Abou-Kassem Z; Lee-Gonzalez-
//!   Eakin viscosity.
//! - gas-oil tension: Abdul-Majeed and Abu Al-Soof (2000), always, by default and not by
//!   data range: no data range of it was found, so none can be checked. It is preferred to
//!   Baker-Swerdloff (1956) because it is the later fit and takes the dissolved gas through
//!   Rs, while Baker-Swerdloff's dead-oil data cover only 68-100 °F and are held constant
//!   outside, which is where nearly every well lies. Gas-water: the Katz chart fit, the
//!   only one offered.
//!
//! Range checks compare the quantity each correlation receives: for the oil correlations
//! that is [`FluidDescription::oil_gas_sg`] (the gravity corrected to a 100 psig separator
//! when separator conditions are given), as in [`BlackOilFluid::check_ranges`], so a
//! correlation chosen as "inside its data" raises no gas-gravity warning later.

use super::fluid::{BlackOilFluid, FluidDescription, PvtMethods};
use super::gas::{ImpurityCorrection, PseudoCriticalMethod, hydrocarbon_gas_sg};
use super::oil::{
    BubblePointMethod, DeadOilViscosityMethod, OilCompressibilityMethod, OilFvfMethod,
};
use super::tension::GasOilTensionMethod;
use crate::error::CoreResult;
use crate::method::MethodInfo;
use crate::units::STANDARD_PRESSURE_PSIA;

/// Why one method was chosen for one property.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Choice {
    /// The property, e.g. `bubble_point_pressure`.
    pub property: &'static str,
    /// The chosen method's id.
    pub method: &'static str,
    /// The reason, in words.
    pub reason: String,
}

/// Recommended correlations for a fluid, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    /// The chosen methods, ready for [`BlackOilFluid::new`].
    pub methods: PvtMethods,
    /// One entry per property decided.
    pub choices: Vec<Choice>,
}

const BUBBLE_POINT_PREFERENCE: [(BubblePointMethod, OilFvfMethod); 6] = [
    (
        BubblePointMethod::ValkoMcCain2003,
        OilFvfMethod::McCainHill1995,
    ),
    (BubblePointMethod::Standing1947, OilFvfMethod::Standing1947),
    (
        BubblePointMethod::VasquezBeggs1980,
        OilFvfMethod::VasquezBeggs1980,
    ),
    (BubblePointMethod::Glaso1980, OilFvfMethod::Glaso1980),
    (
        BubblePointMethod::PetroskyFarshad1993,
        OilFvfMethod::PetroskyFarshad1993,
    ),
    (
        BubblePointMethod::AlMarhoun1988,
        OilFvfMethod::AlMarhoun1988,
    ),
];

const DEAD_OIL_PREFERENCE: [DeadOilViscosityMethod; 3] = [
    DeadOilViscosityMethod::BeggsRobinson1975,
    DeadOilViscosityMethod::Glaso1980,
    DeadOilViscosityMethod::PetroskyFarshad1995,
];

/// Whether every listed input lies inside the method's published range. Inputs the method
/// does not list count as inside.
fn inside(info: &MethodInfo, inputs: &[(&str, f64)]) -> bool {
    let mut warnings = Vec::new();
    info.check_ranges(inputs, &mut warnings);
    warnings.is_empty()
}

/// Whether the fluid evaluates with `methods` from atmospheric pressure to
/// `max_pressure_psia` at `temperature_degf` (12 points, the bubble point included).
fn evaluates(
    description: &FluidDescription,
    methods: PvtMethods,
    temperature_degf: f64,
    max_pressure_psia: f64,
) -> bool {
    let Ok(fluid) = BlackOilFluid::new(description, methods) else {
        return false;
    };
    let Ok(pb) = fluid.bubble_point_psia(temperature_degf) else {
        return false;
    };
    let top = max_pressure_psia.max(pb * 1.2);
    let mut pressures = [0.0; 12];
    for (i, p) in pressures.iter_mut().enumerate().take(11) {
        *p = STANDARD_PRESSURE_PSIA + (top - STANDARD_PRESSURE_PSIA) * i as f64 / 10.0;
    }
    pressures[11] = pb;
    pressures
        .iter()
        .all(|&p| fluid.properties(p, temperature_degf).is_ok())
}

/// Recommends correlations for `description` at `temperature_degf` over pressures up to
/// `max_pressure_psia`, and explains each choice.
///
/// ```
/// use nodal_core::pvt::fluid::FluidDescription;
/// use nodal_core::pvt::gas::Impurities;
/// use nodal_core::pvt::recommend::recommend;
///
/// let fluid = FluidDescription {
///     oil_api: 32.0, gas_sg: 0.8, gor_scf_stb: 700.0, water_salinity_wt_pct: 2.0,
///     impurities: Impurities::default(), separator: None, measured: None,
/// };
/// let r = recommend(&fluid, 200.0, 5000.0).unwrap();
/// assert_eq!(r.methods.oil.bubble_point.id(), "valko_mccain_2003");
/// assert!(r.choices.iter().all(|c| !c.reason.is_empty()));
/// ```
pub fn recommend(
    description: &FluidDescription,
    temperature_degf: f64,
    max_pressure_psia: f64,
) -> CoreResult<Recommendation> {
    // Validate the description once with the defaults: errors name the field.
    BlackOilFluid::new(description, PvtMethods::default())?;
    let d = description;
    let oil_inputs = [
        ("oil_api", d.oil_api),
        ("gas_sg", d.oil_gas_sg()?),
        ("gor_scf_stb", d.gor_scf_stb),
        ("temperature_degf", temperature_degf),
    ];
    // The pseudo-critical correlations take the hydrocarbon part of the gas under the
    // Kay/Wichert-Aziz correction chosen below (the whole gas when it is sweet).
    let gas_inputs = [(
        "hydrocarbon_gas_sg",
        hydrocarbon_gas_sg(d.gas_sg, d.impurities)?,
    )];
    let mut methods = PvtMethods::default();
    let mut choices = Vec::with_capacity(8);

    // Gas first: the oil checks below evaluate the whole fluid.
    let sutton = PseudoCriticalMethod::Sutton1985;
    if inside(sutton.info(), &gas_inputs) {
        methods.gas.pseudo_critical = sutton;
        choices.push(Choice {
            property: "gas_pseudo_critical",
            method: sutton.id(),
            reason: "hydrocarbon gas gravity inside Sutton's (1985) data range".into(),
        });
    } else {
        methods.gas.pseudo_critical = PseudoCriticalMethod::StandingNaturalGas1977;
        choices.push(Choice {
            property: "gas_pseudo_critical",
            method: methods.gas.pseudo_critical.id(),
            reason: "hydrocarbon gas gravity outside Sutton's (1985) data range; Standing (1977) \
                     natural-gas curve used"
                .into(),
        });
    }
    methods.gas.impurity_correction = ImpurityCorrection::KayWichertAziz;
    choices.push(Choice {
        property: "gas_impurity_correction",
        method: methods.gas.impurity_correction.id(),
        reason: if d.impurities == Default::default() {
            "sweet gas: no correction needed; Kay/Wichert-Aziz applies none".into()
        } else {
            "Wichert-Aziz (1972) corrects for CO2 and H2S; N2 enters by Kay's mixing rule".into()
        },
    });
    choices.push(Choice {
        property: "z_factor",
        method: methods.gas.z_factor.id(),
        reason: "Dranchuk-Abou-Kassem (1975): the standard fit of the Standing-Katz chart".into(),
    });

    // Bubble point, Rs and Bo.
    let family = BUBBLE_POINT_PREFERENCE.iter().find(|(pb, fvf)| {
        let mut candidate = methods;
        candidate.oil.bubble_point = *pb;
        candidate.oil.fvf = *fvf;
        inside(pb.info(), &oil_inputs)
            && evaluates(d, candidate, temperature_degf, max_pressure_psia)
    });
    let (pb_method, fvf_method, pb_reason) = match family {
        Some((pb, fvf)) => (
            *pb,
            *fvf,
            format!(
                "{} is the first in the preference order (Valkó-McCain, Standing, \
                 Vasquez-Beggs, Glasø, Petrosky-Farshad, Al-Marhoun) whose published data range \
                 contains the fluid and which evaluates for it",
                pb.id()
            ),
        ),
        None => (
            BubblePointMethod::Standing1947,
            OilFvfMethod::Standing1947,
            "no correlation's published range contains this fluid; Standing (1947), the \
             general-purpose classic, is used outside its data (see warnings)"
                .to_string(),
        ),
    };
    methods.oil.bubble_point = pb_method;
    methods.oil.fvf = fvf_method;
    choices.push(Choice {
        property: "bubble_point_pressure",
        method: pb_method.id(),
        reason: pb_reason,
    });
    choices.push(Choice {
        property: "oil_fvf",
        method: fvf_method.id(),
        reason: format!("the saturated Bo of the {} family", pb_method.id()),
    });

    // Compressibility above the bubble point.
    let mut candidate = methods;
    candidate.oil.compressibility = OilCompressibilityMethod::VasquezBeggs1980;
    if evaluates(d, candidate, temperature_degf, max_pressure_psia) {
        methods.oil.compressibility = OilCompressibilityMethod::VasquezBeggs1980;
        choices.push(Choice {
            property: "oil_compressibility",
            method: methods.oil.compressibility.id(),
            reason: "Vasquez-Beggs (1980), the widest data set, is positive for this oil".into(),
        });
    } else {
        methods.oil.compressibility = OilCompressibilityMethod::PetroskyFarshad1993;
        choices.push(Choice {
            property: "oil_compressibility",
            method: methods.oil.compressibility.id(),
            reason: "Vasquez-Beggs (1980) gives a non-positive compressibility for this cold or \
                     low-GOR oil; Petrosky-Farshad (1993) used"
                .into(),
        });
    }

    // Dead-oil viscosity.
    let dead = DEAD_OIL_PREFERENCE
        .iter()
        .copied()
        .find(|m| inside(m.info(), &oil_inputs))
        .unwrap_or(DeadOilViscosityMethod::BeggsRobinson1975);
    methods.oil.dead_viscosity = dead;
    choices.push(Choice {
        property: "dead_oil_viscosity",
        method: dead.id(),
        reason: if inside(dead.info(), &oil_inputs) {
            "first of Beggs-Robinson, Glasø, Petrosky-Farshad whose data range contains the oil"
                .into()
        } else {
            "outside every dead-oil correlation's data; Beggs-Robinson (1975) used".into()
        },
    });

    // Gas-oil tension: a default, not a range decision (see the module documentation).
    methods.gas_oil_tension = GasOilTensionMethod::AbdulMajeedAbuAlSoof2000;
    choices.push(Choice {
        property: "gas_oil_tension",
        method: methods.gas_oil_tension.id(),
        reason: "Abdul-Majeed and Abu Al-Soof (2000), the default: no data range of it was found, \
                 so none was checked; preferred to Baker-Swerdloff (1956), whose data cover \
                 only 68-100 °F"
            .into(),
    });

    Ok(Recommendation { methods, choices })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::pvt::gas::Impurities;
    use proptest::prelude::*;

    fn description(api: f64, gas_sg: f64, gor: f64) -> FluidDescription {
        FluidDescription {
            oil_api: api,
            gas_sg,
            gor_scf_stb: gor,
            water_salinity_wt_pct: 3.0,
            impurities: Impurities::default(),
            separator: None,
            measured: None,
        }
    }

    #[test]
    fn a_typical_black_oil_gets_valko_mccain() {
        let r = recommend(&description(35.0, 0.75, 600.0), 180.0, 5000.0).unwrap();
        assert_eq!(
            r.methods.oil.bubble_point,
            BubblePointMethod::ValkoMcCain2003
        );
        assert_eq!(r.methods.oil.fvf, OilFvfMethod::McCainHill1995);
        assert_eq!(
            r.methods.gas.pseudo_critical,
            PseudoCriticalMethod::Sutton1985
        );
    }

    #[test]
    fn cold_low_gor_oil_avoids_negative_vasquez_beggs_compressibility() {
        let r = recommend(&description(25.0, 0.7, 60.0), 90.0, 4000.0).unwrap();
        assert_eq!(
            r.methods.oil.compressibility,
            OilCompressibilityMethod::PetroskyFarshad1993
        );
        let c = r
            .choices
            .iter()
            .find(|c| c.property == "oil_compressibility")
            .unwrap();
        assert!(c.reason.contains("non-positive"));
    }

    /// Abdul-Majeed and Abu Al-Soof (2000) publish no data range: the recommender picks
    /// it by default, at every temperature, and says so instead of claiming the oil lies
    /// inside its data.
    #[test]
    fn gas_oil_tension_is_a_stated_default() {
        for t in [60.0, 90.0, 180.0, 320.0] {
            let r = recommend(&description(35.0, 0.75, 600.0), t, 5000.0).unwrap();
            assert_eq!(
                r.methods.gas_oil_tension,
                GasOilTensionMethod::AbdulMajeedAbuAlSoof2000
            );
            let c = r
                .choices
                .iter()
                .find(|c| c.property == "gas_oil_tension")
                .unwrap();
            assert!(c.reason.contains("no data range"), "{}", c.reason);
            assert!(!c.reason.contains("contains"), "{}", c.reason);
        }
    }

    /// Sutton's (1985) range is of the hydrocarbon gas gravity, 0.571-1.679 (SPE 14265):
    /// a 1.9 gas, or a 0.75 gas with 30 % CO2 (hydrocarbon part 0.42, Whitson and Brulé
    /// 2000 Eq. 3.53), is outside it and gets Standing (1977).
    #[test]
    fn sutton_range_is_checked_on_the_hydrocarbon_gravity() {
        let heavy = recommend(&description(35.0, 1.9, 600.0), 180.0, 5000.0).unwrap();
        let sour = FluidDescription {
            impurities: Impurities::new(0.30, 0.0, 0.0).unwrap(),
            ..description(35.0, 0.75, 600.0)
        };
        let sour = recommend(&sour, 180.0, 5000.0).unwrap();
        for r in [heavy, sour] {
            assert_eq!(
                r.methods.gas.pseudo_critical,
                PseudoCriticalMethod::StandingNaturalGas1977
            );
        }
        let sweet = recommend(&description(35.0, 0.75, 600.0), 180.0, 5000.0).unwrap();
        assert_eq!(
            sweet.methods.gas.pseudo_critical,
            PseudoCriticalMethod::Sutton1985
        );
    }

    /// With separator conditions the oil correlations receive the Vasquez-Beggs (1980)
    /// corrected gravity: a 500 psia, 100 °F separator raises 0.93 to about 1.13 for a
    /// 58 °API oil, above Standing's (1947) 0.95. Valkó-McCain is out of its API data
    /// (6-56.8), so the choice falls on the next method whose range holds the corrected
    /// gravity, and the fluid's own range check finds nothing against it.
    #[test]
    fn bubble_point_choice_uses_the_gravity_the_correlations_receive() {
        let d = FluidDescription {
            separator: Some(crate::pvt::separator::SeparatorConditions {
                pressure_psia: 500.0,
                temperature_degf: 100.0,
            }),
            ..description(58.0, 0.93, 600.0)
        };
        assert!(d.oil_gas_sg().unwrap() > 1.1);
        let r = recommend(&d, 150.0, 5000.0).unwrap();
        let chosen = r.methods.oil.bubble_point;
        assert_ne!(chosen, BubblePointMethod::Standing1947);
        let fluid = BlackOilFluid::new(&d, r.methods).unwrap();
        let pb = fluid.bubble_point_psia(150.0).unwrap();
        let mut w = Vec::new();
        fluid.check_ranges(1.1 * pb, 150.0, &mut w).unwrap();
        assert!(
            !w.iter()
                .any(|w| w.method == chosen.id() && w.param == "gas_sg"),
            "{chosen:?}: {w:?}"
        );
    }

    #[test]
    fn bad_description_names_the_field() {
        let err = recommend(&description(-5.0, 0.7, 300.0), 150.0, 3000.0).unwrap_err();
        assert!(err.to_string().starts_with("oil_api"), "{err}");
    }

    proptest! {
        #[test]
        fn the_recommended_set_always_evaluates(
            api in 15.0f64..55.0,
            gas_sg in 0.6f64..1.3,
            gor in 20.0f64..2000.0,
            t in 70.0f64..300.0,
        ) {
            let d = description(api, gas_sg, gor);
            let r = recommend(&d, t, 6000.0).unwrap();
            let fluid = BlackOilFluid::new(&d, r.methods).unwrap();
            for p in [STANDARD_PRESSURE_PSIA, 500.0, 1500.0, 3000.0, 6000.0] {
                let props = fluid.properties(p, t);
                prop_assert!(props.is_ok(), "{:?} at {} psia: {:?}", r.methods, p, props);
            }
        }
    }
}
