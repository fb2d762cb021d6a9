//! Natural-gas properties: pseudo-critical properties and impurity corrections, Z factor,
//! formation volume factor, density, viscosity, isothermal compressibility and real-gas
//! pseudo-pressure.

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
