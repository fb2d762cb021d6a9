//! Route handlers, one module per area.

pub mod account;
pub mod admin;
pub mod auth;
pub mod health;
pub mod hydraulics;
pub mod meta;
pub mod nodal;
pub mod pvt;
pub mod surface;
