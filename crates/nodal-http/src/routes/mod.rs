//! Route handlers, one module per area.

pub mod account;
pub mod admin;
pub mod analyses;
pub mod auth;
pub mod cache_admin;
pub mod field;
pub mod health;
pub mod hydraulics;
pub mod meta;
pub mod nodal;
pub mod operators;
pub mod pvt;
pub mod surface;
pub mod surveys;
pub mod wells;
