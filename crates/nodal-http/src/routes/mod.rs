//! Route handlers, one module per area.

pub mod auth;
pub mod health;
pub mod hydraulics;
pub mod meta;
pub mod nodal;
pub mod pvt;
pub mod surface;
