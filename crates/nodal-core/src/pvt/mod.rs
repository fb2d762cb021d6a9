//! Black-oil fluid properties (PVT).
//!
//! One module per phase or topic: [`oil`], [`gas`], [`water`], [`tension`]
//! (interfacial tension), [`separator`] (gas-gravity correction); [`fluid`] puts them
//! together as one [`BlackOilFluid`](fluid::BlackOilFluid).

pub mod fluid;
pub mod gas;
pub mod oil;
pub mod recommend;
pub mod separator;
pub mod tension;
pub mod water;

use crate::method::MethodInfo;

/// Every PVT method the engine offers, for listings (`GET /pvt/methods`).
pub fn catalogue() -> Vec<&'static MethodInfo> {
    let mut all: Vec<&'static MethodInfo> = Vec::with_capacity(48);
    all.extend(oil::BubblePointMethod::ALL.iter().map(|m| m.info()));
    all.extend(oil::OilFvfMethod::ALL.iter().map(|m| m.info()));
    all.extend(oil::OilCompressibilityMethod::ALL.iter().map(|m| m.info()));
    all.extend(
        oil::SaturatedOilCompressibilityMethod::ALL
            .iter()
            .map(|m| m.info()),
    );
    all.extend(oil::DeadOilViscosityMethod::ALL.iter().map(|m| m.info()));
    all.extend(oil::LiveOilViscosityMethod::ALL.iter().map(|m| m.info()));
    all.extend(
        oil::UndersaturatedViscosityMethod::ALL
            .iter()
            .map(|m| m.info()),
    );
    all.extend(gas::PseudoCriticalMethod::ALL.iter().map(|m| m.info()));
    all.extend(gas::ImpurityCorrection::ALL.iter().map(|m| m.info()));
    all.extend(gas::ZFactorMethod::ALL.iter().map(|m| m.info()));
    all.extend(gas::GasViscosityMethod::ALL.iter().map(|m| m.info()));
    all.extend(tension::GasOilTensionMethod::ALL.iter().map(|m| m.info()));
    all.extend(tension::GasWaterTensionMethod::ALL.iter().map(|m| m.info()));
    all.extend([
        &water::WATER_FVF_MCCAIN_1990,
        &water::WATER_DENSITY_MCCAIN_1991,
        &water::WATER_VISCOSITY_MCCAIN_1991,
        &water::SOLUTION_GAS_WATER_RATIO_MCCAIN_1990,
        &water::WATER_COMPRESSIBILITY_OSIF_1988,
        &water::WATER_COMPRESSIBILITY_GAS_SATURATED_MCCAIN_1991,
        &separator::GAS_SG_SEPARATOR_CORRECTION_VASQUEZ_BEGGS_1980,
    ]);
    all
}

#[cfg(test)]
mod tests {
    #[test]
    fn catalogue_ids_are_unique_and_sourced() {
        let all = super::catalogue();
        let mut ids: Vec<_> = all.iter().map(|m| (m.property, m.id)).collect();
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(
            ids.len(),
            before,
            "duplicate (property, id) in the catalogue"
        );
        assert!(all.iter().all(|m| !m.source.is_empty()));
    }
}
