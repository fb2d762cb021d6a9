//! The one HTTP error type: every domain, storage and framework failure becomes an RFC 9457
//! `application/problem+json` response here, and nowhere else.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use nodal_core::CoreError;
use nodal_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// Media type of problem details.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// Base of the `type` URIs that identify each kind of problem.
const TYPE_BASE: &str = "https://nodal.dev/problems/";

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct FieldError {
    /// The field, as a JSON path into the request (`fluid.oil_api`, `points[3].pressure_psia`).
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl FieldError {
    /// A field error.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// RFC 9457 problem details, as sent on the wire.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// URI identifying the kind of problem.
    #[serde(rename = "type")]
    #[schema(example = "https://nodal.dev/problems/validation")]
    pub problem_type: String,
    /// Short, human-readable summary of the kind of problem.
    #[schema(example = "Invalid values")]
    pub title: &'static str,
    /// HTTP status code.
    #[schema(example = 422)]
    pub status: u16,
    /// What went wrong with this request.
    pub detail: String,
    /// Request id, also in the server log.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// For validation problems: every invalid field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// Every error a handler can return.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the request could not be read (malformed JSON, bad path or query syntax).
    #[error("{0}")]
    BadRequest(String),
    /// 401: not signed in, or the credentials are not valid.
    #[error("{0}")]
    Unauthenticated(String),
    /// 403: signed in but not allowed.
    #[error("{0}")]
    Forbidden(String),
    /// 404: no such resource (also for another organization's resource).
    #[error("{0}")]
    NotFound(String),
    /// 405: the route exists but not with this method.
    #[error("{0}")]
    MethodNotAllowed(String),
    /// 409: the request conflicts with stored data.
    #[error("{detail}")]
    Conflict {
        /// What conflicts.
        detail: String,
        /// The conflicting field, when known.
        field: Option<String>,
    },
    /// 412: the `If-Match` version is not the stored one; someone else changed the record.
    #[error("{0}")]
    PreconditionFailed(String),
    /// 428: the route only updates with an `If-Match` header naming the version read.
    #[error("{0}")]
    PreconditionRequired(String),
    /// 413: the body is larger than the configured limit.
    #[error("{0}")]
    PayloadTooLarge(String),
    /// 415: the content type is not one this route accepts.
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// 422: the request was read but its values are invalid.
    #[error("{detail}")]
    Validation {
        /// Summary.
        detail: String,
        /// Every invalid field.
        errors: Vec<FieldError>,
    },
    /// 429: too many requests; retry after the given number of seconds.
    #[error("{detail}")]
    RateLimited {
        /// Summary.
        detail: String,
        /// Seconds until a retry may succeed.
        retry_after_secs: u64,
    },
    /// 503: a dependency (database, cache) is down.
    #[error("{0}")]
    Unavailable(String),
    /// 500: a defect. The detail is logged, never sent.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// A 422 for a single field.
    pub fn invalid_field(field: impl Into<String>, message: impl Into<String>) -> Self {
        let error = FieldError::new(field, message);
        Self::Validation {
            detail: format!("{}: {}", error.field, error.message),
            errors: vec![error],
        }
    }

    /// A 422 for several fields.
    pub fn invalid_fields(errors: Vec<FieldError>) -> Self {
        let detail = match errors.as_slice() {
            [one] => format!("{}: {}", one.field, one.message),
            many => format!("{} fields are invalid", many.len()),
        };
        Self::Validation { detail, errors }
    }

    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        match self {
            Self::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad-request", "Malformed request"),
            Self::Unauthenticated(_) => (
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "Authentication required",
            ),
            Self::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden", "Forbidden"),
            Self::NotFound(_) => (StatusCode::NOT_FOUND, "not-found", "Not found"),
            Self::MethodNotAllowed(_) => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method-not-allowed",
                "Method not allowed",
            ),
            Self::Conflict { .. } => (StatusCode::CONFLICT, "conflict", "Conflict"),
            Self::PreconditionFailed(_) => (
                StatusCode::PRECONDITION_FAILED,
                "precondition-failed",
                "Precondition failed",
            ),
            Self::PreconditionRequired(_) => (
                StatusCode::PRECONDITION_REQUIRED,
                "precondition-required",
                "Precondition required",
            ),
            Self::PayloadTooLarge(_) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload-too-large",
                "Request body too large",
            ),
            Self::UnsupportedMediaType(_) => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported media type",
            ),
            Self::Validation { .. } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                "Invalid values",
            ),
            Self::RateLimited { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "rate-limited",
                "Too many requests",
            ),
            Self::Unavailable(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "Service unavailable",
            ),
            Self::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Internal server error",
            ),
        }
    }

    /// The problem body for this error. Internal errors carry no detail, only the request id
    /// the middleware adds.
    pub fn problem(&self) -> Problem {
        let (status, slug, title) = self.parts();
        let detail = match self {
            Self::Internal(_) => {
                "The server failed to handle this request. Quote the request id when reporting it."
                    .to_string()
            }
            other => other.to_string(),
        };
        let errors = match self {
            Self::Validation { errors, .. } => errors.clone(),
            Self::Conflict {
                field: Some(field),
                detail,
            } => vec![FieldError::new(field.clone(), detail.clone())],
            _ => Vec::new(),
        };
        Problem {
            problem_type: format!("{TYPE_BASE}{slug}"),
            title,
            status: status.as_u16(),
            detail,
            request_id: None,
            errors,
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.parts().0
    }

    fn error_response(&self) -> HttpResponse {
        if let Self::Internal(cause) = self {
            tracing::error!(cause = %cause, "internal error");
        }
        let problem = self.problem();
        let mut response = problem_response(&problem);
        if let Self::RateLimited {
            retry_after_secs, ..
        } = self
            && let Ok(value) = HeaderValue::from_str(&retry_after_secs.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

/// Serializes a problem with the right status and media type.
pub fn problem_response(problem: &Problem) -> HttpResponse {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, PROBLEM_JSON))
        .json(problem)
}

impl From<CoreError> for ApiError {
    fn from(error: CoreError) -> Self {
        match error {
            CoreError::InvalidInput { field, message } => Self::invalid_field(field, message),
            // A solver that fails on the caller's inputs, or physics that leaves its domain
            // part-way, is a property of the case, not a server defect: 422 with the reason.
            CoreError::NoConvergence { .. } | CoreError::Physical(_) => Self::Validation {
                detail: error.to_string(),
                errors: Vec::new(),
            },
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound { entity } => Self::NotFound(format!("{entity} not found")),
            StoreError::Conflict { entity, field } => Self::Conflict {
                detail: format!("another {entity} already has this {field}"),
                field: Some(field),
            },
            StoreError::Stale {
                entity,
                current_version,
            } => Self::PreconditionFailed(format!(
                "the {entity} was changed by someone else and is now at version \
                 {current_version}; read it again (its ETag) and retry with that If-Match"
            )),
            StoreError::InUse {
                entity,
                dependents,
                count,
            } => Self::Conflict {
                detail: format!("the {entity} is still referred to by {dependents} ({count})"),
                field: None,
            },
            StoreError::Unavailable(reason) => {
                tracing::warn!(%reason, "database unavailable");
                Self::Unavailable("the database is unavailable; retry shortly".into())
            }
            StoreError::Invalid(reason) => Self::Validation {
                detail: reason,
                errors: Vec::new(),
            },
            other => Self::Internal(other.to_string()),
        }
    }
}

/// Runs `work` on the blocking pool (as `web::block` does), telling apart the two ways it can
/// fail: a panic in `work` is a defect (500, its message logged; `web::block` reports it as
/// the same `BlockingError` as a pool that is shutting down, which would be a misleading 503),
/// and a task cancelled because the runtime is stopping is 503.
///
/// # Errors
/// 500 when `work` panicked, 503 when it was cancelled.
pub async fn run_blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    actix_web::rt::task::spawn_blocking(work)
        .await
        .map_err(|error| {
            if error.is_panic() {
                let payload = error.into_panic();
                let message = payload
                    .downcast_ref::<&str>()
                    .copied()
                    .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
                    .unwrap_or("non-string panic payload");
                ApiError::Internal(format!("blocking task panicked: {message}"))
            } else {
                ApiError::Unavailable("the server is shutting down; retry shortly".into())
            }
        })
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(_: actix_web::error::BlockingError) -> Self {
        Self::Unavailable("the server is shutting down or overloaded; retry shortly".into())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_hide_their_cause() {
        let problem = ApiError::Internal("password=hunter2 at db.rs:12".into()).problem();
        assert_eq!(problem.status, 500);
        assert!(!problem.detail.contains("hunter2"));
    }

    #[test]
    fn core_invalid_input_names_the_field() {
        let problem = ApiError::from(CoreError::invalid("pressure_psia", "must be > 0")).problem();
        assert_eq!(problem.status, 422);
        assert_eq!(problem.errors[0].field, "pressure_psia");
    }

    #[test]
    fn rate_limited_carries_retry_after() {
        let response = ApiError::RateLimited {
            detail: "slow down".into(),
            retry_after_secs: 7,
        }
        .error_response();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers().get(header::RETRY_AFTER).unwrap(), "7");
        assert_eq!(
            response.headers().get(header::CONTENT_TYPE).unwrap(),
            PROBLEM_JSON
        );
    }
}
