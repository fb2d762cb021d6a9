//! The real application, driven in-process (`actix_web::test`), one module per area.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[macro_use]
mod common;
mod admin;
mod auth;
mod cache;
mod fielddata;
mod foundation;
mod hydraulics;
mod nodal;
mod pvt;
mod surface;
