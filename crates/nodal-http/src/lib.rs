//! # nodal-http
//!
//! Nodal's HTTP API on actix-web: the application factory ([`build_app`]), configuration
//! ([`settings`]), the single error mapping ([`error::ApiError`]), middleware and the OpenAPI
//! document. `nodal-server` only wires these together.

pub mod app;
pub mod auth;
pub mod caching;
pub mod client_ip;
pub mod error;
pub mod extract;
pub mod housekeeping;
pub mod identity;
pub mod metrics;
pub mod middleware;
pub mod openapi;
pub mod plot;
pub mod routes;
pub mod settings;
pub mod state;
pub mod validate;

pub use app::{build_app, metrics_app, openapi};
pub use error::ApiError;
pub use settings::Settings;
pub use state::AppState;
