//! What this service is.

use actix_web::{HttpResponse, get};
use serde::Serialize;
use utoipa::ToSchema;

/// Service identity.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceInfo {
    /// Service name.
    #[schema(example = "nodal")]
    pub name: &'static str,
    /// Service version (semantic version of the build).
    #[schema(example = "0.1.0")]
    pub version: &'static str,
    /// Version of the calculation engine.
    #[schema(example = "0.1.0")]
    pub engine_version: &'static str,
}

/// Version of this build, shared by the service and (until it is published separately)
/// the engine.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Name and version of the service.
#[utoipa::path(
    tag = "meta",
    responses((status = 200, description = "Service identity", body = ServiceInfo))
)]
#[get("")]
pub async fn index() -> HttpResponse {
    HttpResponse::Ok().json(ServiceInfo {
        name: "nodal",
        version: VERSION,
        engine_version: nodal_core::ENGINE_VERSION,
    })
}
