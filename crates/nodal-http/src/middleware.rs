//! Request middleware: request id, timing and the access log, panic containment, problem
//! details for every error response, security headers and the gzip size threshold.

use std::panic::AssertUnwindSafe;
use std::time::{Duration, Instant};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, HttpResponse, ResponseError, web};
use futures_util::FutureExt;

use crate::error::{ApiError, Problem, problem_response};
use crate::state::AppState;

/// Header carrying the request id, accepted from the client or generated.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
/// Header carrying the server-side handling time.
pub const RESPONSE_TIME: HeaderName = HeaderName::from_static("x-response-time");
/// Responses smaller than this many bytes are sent uncompressed: gzip costs more than it
/// saves on them.
pub const GZIP_MIN_BYTES: u64 = 1024;

/// Route label of requests that matched no route (or lost their match to a failure).
const UNMATCHED: &str = "<unmatched>";

/// The request id, stored in the request's extensions for handlers and logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(pub String);

/// Accepts a client's request id when it is short and made of safe characters; otherwise
/// makes a new one.
fn request_id_for(headers: &HeaderMap) -> String {
    headers
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|id| {
            (1..=128).contains(&id.len())
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b))
        })
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::now_v7().to_string())
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("non-string panic payload")
}

/// The outermost application middleware: gives every request an id, contains panics, turns
/// every error response into problem details carrying that id, adds the security headers,
/// the id and the handling time, and writes one access-log event per request.
pub async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let started = Instant::now();
    let request_id = request_id_for(req.headers());
    req.extensions_mut().insert(RequestId(request_id.clone()));
    let metrics = req
        .app_data::<web::Data<AppState>>()
        .map(|state| state.metrics.clone());
    let _in_flight = metrics.as_ref().map(|m| m.start_request());
    let policy = HeaderPolicy {
        hsts_max_age_secs: req.app_data::<web::Data<AppState>>().and_then(|state| {
            let settings = &state.settings;
            settings
                .hsts_enabled()
                .then_some(settings.security.hsts_max_age_secs)
        }),
        docs: req.path() == "/docs" || req.path().starts_with("/docs/"),
    };
    let method = req.method().as_str().to_owned();
    let path = req.path().to_owned();

    // The router needs the only reference to the request, so none is kept across the call:
    // a failure that loses the request is answered through `Contained`'s error response.
    let outcome = AssertUnwindSafe(next.call(req)).catch_unwind().await;
    let failure = match outcome {
        Ok(Ok(response)) => {
            let mut response = as_problem(response.map_into_boxed_body(), &request_id);
            let elapsed = started.elapsed();
            stamp(response.headers_mut(), &policy, &request_id, elapsed);
            let route = response.request().match_pattern();
            let route = route.as_deref().unwrap_or(UNMATCHED);
            let status = response.status().as_u16();
            access_log(&request_id, &method, route, status, elapsed);
            if let Some(metrics) = &metrics {
                metrics.record_request(route, &method, status, elapsed);
            }
            return Ok(response);
        }
        Ok(Err(error)) => match error.as_error::<ApiError>() {
            Some(api_error) => api_error.problem(),
            None => problem_for_status(
                error.as_response_error().status_code(),
                Some(error.to_string()),
            ),
        },
        Err(payload) => {
            tracing::error!(
                request_id = %request_id,
                panic = panic_message(payload.as_ref()),
                %method,
                %path,
                "handler panicked"
            );
            ApiError::Internal("handler panicked".into()).problem()
        }
    };
    let elapsed = started.elapsed();
    access_log(&request_id, &method, &path, failure.status, elapsed);
    if let Some(metrics) = &metrics {
        // The router's match is lost with the request: the raw path would make unbounded
        // label values, so these share one label.
        metrics.record_request(UNMATCHED, &method, failure.status, elapsed);
    }
    Err(Contained {
        problem: Problem {
            request_id: Some(request_id),
            ..failure
        },
        policy,
        elapsed,
    }
    .into())
}

fn access_log(request_id: &str, method: &str, route: &str, status: u16, elapsed: Duration) {
    let latency_ms = elapsed.as_secs_f64() * 1e3;
    if status >= 500 {
        tracing::error!(target: "nodal::access", request_id, method, route, status, latency_ms, "request");
    } else {
        tracing::info!(target: "nodal::access", request_id, method, route, status, latency_ms, "request");
    }
}

/// Which security headers a response gets.
#[derive(Debug, Clone, Copy)]
struct HeaderPolicy {
    /// `Strict-Transport-Security` max-age, when HSTS is on.
    hsts_max_age_secs: Option<u64>,
    /// The Swagger UI pages, which need scripts and styles.
    docs: bool,
}

/// Adds the request id, the handling time and the security headers that are not already set.
fn stamp(headers: &mut HeaderMap, policy: &HeaderPolicy, request_id: &str, elapsed: Duration) {
    if let Ok(value) = HeaderValue::from_str(request_id) {
        headers.insert(REQUEST_ID, value);
    }
    if let Ok(value) = HeaderValue::from_str(&format!("{:.3}ms", elapsed.as_secs_f64() * 1e3)) {
        headers.insert(RESPONSE_TIME, value);
    }
    let csp = if policy.docs { DOCS_CSP } else { API_CSP };
    let fixed: [(HeaderName, &'static str); 7] = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CONTENT_SECURITY_POLICY, csp),
        (header::CROSS_ORIGIN_OPENER_POLICY, "same-origin"),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=()",
        ),
        (header::CACHE_CONTROL, "no-store"),
    ];
    for (name, value) in fixed {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    if let Some(max_age) = policy.hsts_max_age_secs
        && let Ok(value) = HeaderValue::from_str(&format!("max-age={max_age}; includeSubDomains"))
    {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, value);
    }
}

/// A failure that reached the outermost middleware without a response (a panic, or an
/// error from a middleware): answered as problem details with the usual headers.
#[derive(Debug)]
struct Contained {
    problem: Problem,
    policy: HeaderPolicy,
    elapsed: Duration,
}

impl std::fmt::Display for Contained {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.problem.detail)
    }
}

impl ResponseError for Contained {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = problem_response(&self.problem);
        let request_id = self.problem.request_id.as_deref().unwrap_or_default();
        stamp(
            response.headers_mut(),
            &self.policy,
            request_id,
            self.elapsed,
        );
        response
    }
}

/// Rewrites an error response (status 4xx or 5xx) as problem details with the request id,
/// whatever produced it: a handler's [`ApiError`], an actix extractor, a missing route or
/// method, or a panic.
fn as_problem(response: ServiceResponse<BoxBody>, request_id: &str) -> ServiceResponse<BoxBody> {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let mut problem = match response.response().error() {
        Some(error) => match error.as_error::<ApiError>() {
            Some(api_error) => api_error.problem(),
            None => problem_for_status(status, Some(error.to_string())),
        },
        None => {
            let detail = match status {
                StatusCode::NOT_FOUND => {
                    Some(format!("no route for {}", response.request().path()))
                }
                StatusCode::METHOD_NOT_ALLOWED => Some(format!(
                    "{} is not allowed on {}",
                    response.request().method(),
                    response.request().path()
                )),
                _ => None,
            };
            problem_for_status(status, detail)
        }
    };
    problem.request_id = Some(request_id.to_owned());
    let (request, old) = response.into_parts();
    let mut new = problem_response(&problem);
    for (name, value) in old.headers() {
        // The new body is plain JSON: the old body's length and encoding (gzip from the
        // compression middleware) do not describe it.
        if name != header::CONTENT_TYPE
            && name != header::CONTENT_LENGTH
            && name != header::CONTENT_ENCODING
        {
            // Append: a name may repeat (several Set-Cookie headers).
            new.headers_mut().append(name.clone(), value.clone());
        }
    }
    ServiceResponse::new(request, new)
}

/// Problem details for an error that did not come as an [`ApiError`].
fn problem_for_status(status: StatusCode, detail: Option<String>) -> Problem {
    let error = match status.as_u16() {
        400 => ApiError::BadRequest(detail.unwrap_or_else(|| "malformed request".into())),
        401 => ApiError::Unauthenticated(detail.unwrap_or_else(|| "sign in first".into())),
        403 => ApiError::Forbidden(detail.unwrap_or_else(|| "not allowed".into())),
        404 => ApiError::NotFound(detail.unwrap_or_else(|| "not found".into())),
        405 => ApiError::MethodNotAllowed(detail.unwrap_or_else(|| "method not allowed".into())),
        409 => ApiError::Conflict {
            detail: detail.unwrap_or_else(|| "conflict".into()),
            field: None,
        },
        413 => ApiError::PayloadTooLarge(
            detail.unwrap_or_else(|| "the request body is larger than the limit".into()),
        ),
        415 => ApiError::UnsupportedMediaType(
            detail.unwrap_or_else(|| "unsupported content type".into()),
        ),
        422 => ApiError::Validation {
            detail: detail.unwrap_or_else(|| "invalid values".into()),
            errors: Vec::new(),
        },
        503 => ApiError::Unavailable(detail.unwrap_or_else(|| "service unavailable".into())),
        code if code >= 500 => ApiError::Internal(detail.unwrap_or_default()),
        _ => ApiError::BadRequest(detail.unwrap_or_else(|| {
            status
                .canonical_reason()
                .unwrap_or("request failed")
                .to_string()
        })),
    };
    let mut problem = error.problem();
    // Keep the original status for codes without a dedicated variant (e.g. 408, 431).
    problem.status = status.as_u16();
    problem
}

/// Content-Security-Policy for API responses: they are data, never rendered documents.
pub const API_CSP: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/// Content-Security-Policy for the Swagger UI pages under `/docs`.
pub const DOCS_CSP: &str = "default-src 'none'; script-src 'self' 'unsafe-inline'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
     frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const IDENTITY: HeaderValue = HeaderValue::from_static("identity");

/// Marks small responses `Content-Encoding: identity` so that the compression middleware,
/// which sits outside this one, leaves them alone.
pub async fn skip_small_bodies<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<B>, Error> {
    let mut response = next.call(req).await?;
    if let actix_web::body::BodySize::Sized(len) = response.response().body().size()
        && len < GZIP_MIN_BYTES
        && !response.headers().contains_key(header::CONTENT_ENCODING)
    {
        response
            .headers_mut()
            .insert(header::CONTENT_ENCODING, IDENTITY);
    }
    Ok(response)
}

/// Removes the `Content-Encoding: identity` marker before the response leaves the server.
pub async fn strip_identity_marker<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<B>, Error> {
    let mut response = next.call(req).await?;
    if response.headers().get(header::CONTENT_ENCODING) == Some(&IDENTITY) {
        response.headers_mut().remove(header::CONTENT_ENCODING);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_from_clients_are_sanitized() {
        let mut headers = HeaderMap::new();
        headers.insert(REQUEST_ID, HeaderValue::from_static("abc-123_x.y:z"));
        assert_eq!(request_id_for(&headers), "abc-123_x.y:z");
        headers.insert(REQUEST_ID, HeaderValue::from_static("bad id with spaces"));
        assert_ne!(request_id_for(&headers), "bad id with spaces");
        let long = "a".repeat(129);
        headers.insert(REQUEST_ID, HeaderValue::from_str(&long).unwrap_or(IDENTITY));
        assert_ne!(request_id_for(&headers), long);
    }
}
