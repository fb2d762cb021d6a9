//! Calculation routes through the cache: one call per handler.
//!
//! Each helper keys the validated request (canonical JSON + kind + engine version), answers a
//! repeat from the cache, and otherwise computes, serializes the answer once into the bytes
//! that are both sent and stored, and records the calculation's duration. Every answer says
//! `X-Cache: hit` or `miss`. Errors (422 and the like) are returned as usual and never
//! cached.
//!
//! ```ignore
//! caching::json(&state, "pvt.curve", &request, || compute_curve(&request)).await
//! caching::json_blocking(&state, "hydraulics.traverse", request, compute_traverse).await
//! ```

use std::future::Future;
use std::time::Instant;

use actix_web::HttpResponse;
use actix_web::http::header::HeaderName;
use nodal_cache::{CacheKey, Payload};
use serde::Serialize;

use crate::error::ApiError;
use crate::state::AppState;

/// Says whether the answer came from the cache: `hit` or `miss`.
pub const X_CACHE: HeaderName = HeaderName::from_static("x-cache");

const JSON: &str = "application/json";

fn key<R: Serialize>(
    state: &AppState,
    kind: &'static str,
    request: &R,
) -> Result<CacheKey, ApiError> {
    state
        .cache
        .key(kind, request)
        .map_err(|e| ApiError::Internal(e.to_string()))
}

/// Serializes once, straight into the buffer that becomes the body.
fn to_json<T: Serialize>(value: &T) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(value).map_err(|e| ApiError::Internal(format!("cannot serialize: {e}")))
}

/// The cached answer for `key`, or `compute`'s, as a `200` with `content_type`.
async fn respond<F, Fut>(
    state: &AppState,
    key: CacheKey,
    content_type: &'static str,
    compute: F,
) -> Result<HttpResponse, ApiError>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<Vec<u8>, ApiError>>,
{
    let kind = key.kind();
    let metrics = state.metrics.clone();
    let (payload, outcome) = state
        .cache
        .get_or_compute(&key, || async move {
            let started = Instant::now();
            let body = compute().await?;
            metrics.record_calculation(kind, started.elapsed());
            Ok::<_, ApiError>(Payload::new(content_type, body))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type(payload.content_type.as_str())
        .insert_header((X_CACHE, outcome.as_str()))
        // `Bytes` clone: the stored buffer itself, no copy.
        .body(payload.body.clone()))
}

/// A JSON answer computed on the async worker: for calculations that take microseconds.
///
/// # Errors
/// `compute`'s error.
pub async fn json<R, T>(
    state: &AppState,
    kind: &'static str,
    request: &R,
    compute: impl FnOnce() -> Result<T, ApiError>,
) -> Result<HttpResponse, ApiError>
where
    R: Serialize,
    T: Serialize,
{
    let key = key(state, kind, request)?;
    respond(state, key, JSON, || async move { to_json(&compute()?) }).await
}

/// A JSON answer computed (and serialized) on the blocking pool, so that the async workers
/// keep serving while the engine runs.
///
/// # Errors
/// `compute`'s error.
pub async fn json_blocking<R, T, F>(
    state: &AppState,
    kind: &'static str,
    request: R,
    compute: F,
) -> Result<HttpResponse, ApiError>
where
    R: Serialize + Send + 'static,
    T: Serialize,
    F: FnOnce(&R) -> Result<T, ApiError> + Send + 'static,
{
    body_blocking(state, kind, request, JSON, move |r| to_json(&compute(r)?)).await
}

/// Any body (an SVG chart, keyword text) computed on the blocking pool and cached with its
/// content type.
///
/// # Errors
/// `compute`'s error.
pub async fn body_blocking<R, B, F>(
    state: &AppState,
    kind: &'static str,
    request: R,
    content_type: &'static str,
    compute: F,
) -> Result<HttpResponse, ApiError>
where
    R: Serialize + Send + 'static,
    B: Into<Vec<u8>>,
    F: FnOnce(&R) -> Result<B, ApiError> + Send + 'static,
{
    let key = key(state, kind, &request)?;
    respond(state, key, content_type, move || async move {
        crate::error::run_blocking(move || compute(&request).map(Into::into)).await?
    })
    .await
}
