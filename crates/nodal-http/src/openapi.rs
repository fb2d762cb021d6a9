//! The OpenAPI document's frame; paths are collected from the registered routes.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

/// Adds the `bearer` security scheme (an access token from `/api/v1/auth/login`) that
/// protected paths name with `security(("bearer" = []))`.
struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "Access token from POST /api/v1/auth/login or /api/v1/auth/refresh. \
                         Browsers may use the session cookies instead, with X-CSRF-Token on \
                         unsafe requests.",
                    ))
                    .build(),
            ),
        );
    }
}

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
        (name = "auth", description = "Sign-in, tokens and sessions"),
        (name = "admin", description = "Organization administration: users, email domains, audit log"),
        (name = "pvt", description = "Black-oil fluid properties"),
        (name = "nodal", description = "Inflow performance, operating point, sensitivities, gas lift, lift-curve tables and the nodal plot"),
        (name = "hydraulics", description = "Wellbore geometry, pressure traverses and outflow (VLP) curves"),
        (name = "surface", description = "Gas pipelines and sizing, multiphase flowlines, compressors, chokes and gas gathering networks"),
        (name = "field-data", description = "Your organization's operators, wells, deviation surveys and saved analyses"),
    ),
    modifiers(&BearerScheme),
    components(schemas(crate::error::Problem, crate::error::FieldError))
)]
pub struct ApiDoc;
