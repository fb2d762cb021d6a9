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
