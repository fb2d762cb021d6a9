//! Natural-gas properties: pseudo-critical properties and impurity corrections, Z factor,
//! formation volume factor, density, viscosity, isothermal compressibility and real-gas
//! pseudo-pressure.

mod pseudo_critical;
mod z_factor;

pub use pseudo_critical::*;
pub use z_factor::*;
