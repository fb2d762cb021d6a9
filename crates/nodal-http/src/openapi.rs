//! The OpenAPI document's frame; paths are collected from the registered routes.

use utoipa::OpenApi;

/// Top-level OpenAPI metadata.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Nodal",
        description = "Nodal analysis as a service: black-oil PVT, inflow performance, multiphase \
                       wellbore hydraulics and the operating point. Oilfield units; every \
                       dimensioned field carries its unit in its name. Errors are RFC 9457 \
                       problem details (`application/problem+json`).",
        license(name = "Apache-2.0")
    ),
    tags(
        (name = "health", description = "Liveness and readiness probes"),
        (name = "meta", description = "Service identity"),
        (name = "pvt", description = "Black-oil fluid properties"),
        (name = "nodal", description = "Inflow performance, operating point, sensitivities, gas lift, lift-curve tables and the nodal plot"),
        (name = "hydraulics", description = "Wellbore geometry, pressure traverses and outflow (VLP) curves"),
        (name = "surface", description = "Gas pipelines and sizing, multiphase flowlines, compressors, chokes and gas gathering networks"),
    ),
    components(schemas(crate::error::Problem, crate::error::FieldError))
)]
pub struct ApiDoc;
