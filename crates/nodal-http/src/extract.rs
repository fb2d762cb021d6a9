//! Request extractors that answer bad input with problem details naming the field.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use serde::de::DeserializeOwned;

use crate::error::{ApiError, FieldError};

/// A JSON body, deserialized with the path of the first offending field.
///
/// Failures: a missing or non-JSON content type is 415, a body over the configured limit 413,
/// text that is not JSON 400, and JSON of the wrong shape (missing field, wrong type, unknown
/// field) 422 with `errors[0].field` set to the JSON path (`fluid.oil_api`,
/// `points[3].pressure_psia`).
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    /// The deserialized body.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<actix_web::mime::Mime>().ok())
            .is_some_and(|m| {
                m.subtype() == actix_web::mime::JSON || m.suffix() == Some(actix_web::mime::JSON)
            });
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            if !is_json {
                return Err(ApiError::UnsupportedMediaType(
                    "send the body as application/json".into(),
                )
                .into());
            }
            let bytes = body.await.map_err(|e| {
                let status = e.as_response_error().status_code();
                if status == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::PayloadTooLarge(format!("the request body is too large: {e}"))
                } else {
                    ApiError::BadRequest(format!("the body could not be read: {e}"))
                }
            })?;
            parse(&bytes).map(Json).map_err(Into::into)
        })
    }
}

/// Deserializes a JSON document, reporting shape errors with the field's path.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_data() {
            let message = strip_position(&inner);
            let field = shorten(&field_path(&path, &message), MAX_ECHO_CHARS * 2);
            ApiError::invalid_fields(vec![FieldError::new(field, shorten_quoted(&message))])
        } else {
            ApiError::BadRequest(format!("the body is not valid JSON: {inner}"))
        }
    })?;
    deserializer
        .end()
        .map_err(|e| ApiError::BadRequest(format!("the body is not valid JSON: {e}")))?;
    Ok(value)
}

/// The JSON path of the offending field. For a missing field serde reports the enclosing
/// object's path; the field's own name is in the message (``missing field `oil_api` ``).
fn field_path(path: &str, message: &str) -> String {
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    match (path, missing) {
        (".", Some(name)) => name.to_string(),
        (".", None) => "body".to_string(),
        (path, Some(name)) => format!("{path}.{name}"),
        (path, None) => path.to_string(),
    }
}

/// Most characters of a caller's value echoed back in an error message.
const MAX_ECHO_CHARS: usize = 64;

/// `text` cut to `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// serde quotes the caller's value in its message (``unknown variant `…` ``,
/// `invalid type: string "…"`): a 100 KB string would come back whole, twice. Each quoted
/// part is cut to [`MAX_ECHO_CHARS`].
fn shorten_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(1024));
    let mut rest = message;
    while let Some(open) = rest.find(['`', '"']) {
        let quote = rest[open..].chars().next().unwrap_or('"');
        out.push_str(&rest[..=open]);
        let after = &rest[open + 1..];
        match after.find(quote) {
            Some(close) => {
                out.push_str(&shorten(&after[..close], MAX_ECHO_CHARS));
                out.push(quote);
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&shorten(after, MAX_ECHO_CHARS));
                return out;
            }
        }
    }
    out.push_str(rest);
    out
}

/// serde_json appends " at line L column C"; the field path says more to an API caller.
fn strip_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Point {
        #[allow(dead_code)]
        pressure_psia: f64,
    }

    #[derive(Debug, serde::Deserialize)]
    struct Body {
        #[allow(dead_code)]
        points: Vec<Point>,
    }

    fn field_of(err: ApiError) -> String {
        match err {
            ApiError::Validation { errors, .. } => errors[0].field.clone(),
            other => panic!("expected 422, got {other:?}"),
        }
    }

    #[test]
    fn shape_errors_name_the_json_path() {
        let err = parse::<Body>(br#"{"points":[{"pressure_psia":1},{"pressure_psia":"x"}]}"#)
            .unwrap_err();
        assert_eq!(field_of(err), "points[1].pressure_psia");
        let err = parse::<Body>(br#"{"points":[{"pressure_psia":1,"extra":2}]}"#).unwrap_err();
        assert_eq!(field_of(err), "points[0].extra");
        let err = parse::<Body>(br#"{}"#).unwrap_err();
        assert_eq!(field_of(err), "points");
        let err = parse::<Body>(br#"{"points":[{}]}"#).unwrap_err();
        assert_eq!(field_of(err), "points[0].pressure_psia");
        let err = parse::<Body>(br#"[1]"#).unwrap_err();
        assert_eq!(field_of(err), "[0]");
    }

    #[test]
    fn long_values_are_not_echoed_whole() {
        let long = "x".repeat(100_000);
        let body = format!(r#"{{"points":[{{"pressure_psia":"{long}"}}]}}"#);
        match parse::<Body>(body.as_bytes()).unwrap_err() {
            ApiError::Validation { errors, detail } => {
                assert_eq!(errors[0].field, "points[0].pressure_psia");
                assert!(errors[0].message.len() < 200, "{}", errors[0].message);
                assert!(errors[0].message.starts_with("invalid type: string \"xxx"));
                assert!(detail.len() < 300, "{detail}");
            }
            other => panic!("expected 422, got {other:?}"),
        }
        let body = format!(r#"{{"points":[{{"pressure_psia":1,"{long}":2}}]}}"#);
        match parse::<Body>(body.as_bytes()).unwrap_err() {
            ApiError::Validation { errors, .. } => {
                assert!(errors[0].field.starts_with("points[0].xxx"));
                assert!(
                    errors[0].field.chars().count() <= 129,
                    "{}",
                    errors[0].field
                );
                assert!(errors[0].message.len() < 200, "{}", errors[0].message);
            }
            other => panic!("expected 422, got {other:?}"),
        }
    }

    #[test]
    fn short_messages_are_unchanged() {
        assert_eq!(
            shorten_quoted("unknown variant `vogle`, expected `vogel` or `fetkovich`"),
            "unknown variant `vogle`, expected `vogel` or `fetkovich`"
        );
        assert_eq!(shorten_quoted("an \"open quote"), "an \"open quote");
    }

    #[test]
    fn syntax_errors_are_400() {
        assert!(matches!(
            parse::<Body>(br#"{"points": ["#).unwrap_err(),
            ApiError::BadRequest(_)
        ));
        assert!(matches!(
            parse::<Body>(br#"{"points": []} trailing"#).unwrap_err(),
            ApiError::BadRequest(_)
        ));
    }
}
