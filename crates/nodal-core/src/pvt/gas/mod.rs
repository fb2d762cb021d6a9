//! Natural-gas properties: pseudo-critical properties and impurity corrections, Z factor,
//! formation volume factor, density, viscosity, isothermal compressibility and real-gas
//! pseudo-pressure.
//!
//! Each correlation is a free function named after it ([`sutton_1985`],
//! [`dranchuk_abou_kassem_1975`], [`gas_viscosity_lee_gonzalez_eakin_1966`], ...) with a
//! `static` [`MethodInfo`](crate::MethodInfo); the method enums ([`PseudoCriticalMethod`],
//! [`ImpurityCorrection`], [`ZFactorMethod`], [`GasViscosityMethod`]) select among them.
//! [`GasModel`] ties them together for repeated evaluation:
//!
//! ```
//! use nodal_core::pvt::gas::{GasMethods, GasModel, Impurities, ZFactorMethod};
//! let sour = Impurities::new(0.05, 0.02, 0.01).unwrap(); // CO2, H2S, N2 mole fractions
//! let methods = GasMethods { z_factor: ZFactorMethod::HallYarborough1973, ..GasMethods::default() };
//! let gas = GasModel::new(0.75, sour, methods).unwrap();
//! let state = gas.at(3000.0, 180.0).unwrap(); // psia, °F
//! assert!(state.z_factor > 0.7 && state.z_factor < 0.95);
//! assert!(state.fvf_rb_mscf > 0.8 && state.fvf_rb_mscf < 1.2);
//! let mut warnings = Vec::new();
//! gas.check_ranges(3000.0, 180.0, &mut warnings);
//! ```

mod model;
mod properties;
mod pseudo_critical;
mod pseudo_pressure;
mod viscosity;
mod z_factor;

pub use model::*;
pub use properties::*;
pub use pseudo_critical::*;
pub use pseudo_pressure::*;
pub use viscosity::*;
pub use z_factor::*;
