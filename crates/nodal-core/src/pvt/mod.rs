//! Black-oil fluid properties (PVT).
//!
//! One module per phase or topic: [`oil`], [`gas`], [`water`], [`tension`]
//! (interfacial tension), [`separator`] (gas-gravity correction).
