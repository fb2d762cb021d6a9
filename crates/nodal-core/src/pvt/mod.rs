//! Black-oil fluid properties (PVT).
//!
//! One module per phase or topic: [`oil`], [`gas`], [`water`], [`tension`]
//! (interfacial tension), [`separator`] (gas-gravity correction).

pub mod gas;
pub mod oil;
pub mod separator;
pub mod tension;
pub mod water;
