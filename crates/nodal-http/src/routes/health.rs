//! Liveness and readiness probes for orchestrators and load balancers.

use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;

use nodal_store::StoreError;

use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// Probe answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct HealthStatus {
    /// `ok` (live) or `ready`.
    #[schema(example = "ready")]
    pub status: &'static str,
    /// Seconds since the process started serving.
    #[schema(example = 42)]
    pub uptime_secs: u64,
}

/// Liveness: the process is up and serving. Never touches the database, so a database outage
/// does not make an orchestrator restart healthy replicas.
#[utoipa::path(
    tag = "health",
    responses((status = 200, description = "The process is serving", body = HealthStatus))
)]
#[get("/health/live")]
pub async fn live(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(HealthStatus {
        status: "ok",
        uptime_secs: state.started_at.elapsed().as_secs(),
    })
}

/// Readiness: the database answers and every migration is applied. 503 otherwise, so a load
/// balancer stops sending traffic here until it recovers.
#[utoipa::path(
    tag = "health",
    responses(
        (status = 200, description = "Ready to serve", body = HealthStatus),
        (status = 503, description = "Database down or migrations pending", body = Problem,
         content_type = "application/problem+json")
    )
)]
#[get("/health/ready")]
pub async fn ready(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let pool = state.pool.clone();
    // Readiness answers 503 whatever the cause; the cause itself goes to the log only.
    web::block(move || nodal_store::check_ready(&pool))
        .await?
        .map_err(|error| {
            tracing::warn!(%error, "not ready");
            match error {
                StoreError::Migration(_) => {
                    ApiError::Unavailable("the database schema is not current".into())
                }
                _ => ApiError::Unavailable("the database is unavailable".into()),
            }
        })?;
    Ok(HttpResponse::Ok().json(HealthStatus {
        status: "ready",
        uptime_secs: state.started_at.elapsed().as_secs(),
    }))
}
