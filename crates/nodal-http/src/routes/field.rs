//! What the field-data routes share: pagination, ETags and `If-Match`, running store
//! calls off the async workers, CSV writing and the organization-scoped errors.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, web};
use nodal_store::{DbConnection, Page, Paginated};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::ApiError;
use crate::state::AppState;
use crate::validate::Check;

/// Largest page a list route returns.
pub const MAX_LIMIT: u32 = 200;
/// Page size when `limit` is not given.
pub const DEFAULT_LIMIT: u32 = 50;

/// `limit` and `offset` of a list route.
#[derive(Debug, Clone, Copy, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Items per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200, example = 50)]
    pub limit: Option<u32>,
    /// Items to skip (default 0); the previous page's `next_offset`.
    #[param(minimum = 0, example = 0)]
    pub offset: Option<u64>,
}

impl PageQuery {
    /// The store's page, after the range check (422 naming `limit` or `offset`).
    pub fn page(self) -> Result<Page, ApiError> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        let offset = self.offset.unwrap_or(0);
        let mut check = Check::default();
        if !(1..=MAX_LIMIT).contains(&limit) {
            check.fail(
                "limit",
                format!("must be between 1 and {MAX_LIMIT} (got {limit})"),
            );
        }
        if i64::try_from(offset).is_err() {
            check.fail(
                "offset",
                format!("must be at most {} (got {offset})", i64::MAX),
            );
        }
        check.finish()?;
        Ok(Page::new(limit, offset))
    }
}

/// One page of a list and where the next one starts.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PageOf<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// How many items the whole (filtered) list holds.
    pub total: u64,
    /// The page size used.
    pub limit: u32,
    /// The offset used.
    pub offset: u64,
    /// The `offset` of the next page, absent on the last page.
    pub next_offset: Option<u64>,
}

impl<T> PageOf<T> {
    /// The page of `page`, its items mapped by `f`.
    pub fn map<S>(page: Paginated<S>, f: impl FnMut(S) -> T) -> Self {
        let shown = page.offset + page.items.len() as u64;
        Self {
            next_offset: (shown < page.total && !page.items.is_empty()).then_some(shown),
            items: page.items.into_iter().map(f).collect(),
            total: page.total,
            limit: page.limit,
            offset: page.offset,
        }
    }
}

/// Runs `work` with a pooled connection on the blocking pool.
pub async fn with_db<T: Send + 'static>(
    state: &web::Data<AppState>,
    work: impl FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let pool = state.pool.clone();
    web::block(move || {
        let mut conn = nodal_store::connection(&pool)?;
        work(&mut conn)
    })
    .await?
}

/// The strong ETag of a record version: `"<version>"`.
pub fn etag(version: i64) -> (header::HeaderName, HeaderValue) {
    let value = HeaderValue::from_str(&format!("\"{version}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("\"0\""));
    (header::ETAG, value)
}

/// What an `If-Match` header asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfMatch {
    /// No header.
    Absent,
    /// `*`: any current version.
    Any,
    /// One version (the ETag read earlier).
    Version(i64),
}

impl IfMatch {
    /// Reads the header. Anything but `*` or one strong ETag of this API cannot match
    /// a stored version: 412.
    pub fn from_request(req: &HttpRequest) -> Result<Self, ApiError> {
        let Some(value) = req.headers().get(header::IF_MATCH) else {
            return Ok(Self::Absent);
        };
        let text = value.to_str().unwrap_or("").trim();
        if text == "*" {
            return Ok(Self::Any);
        }
        text.strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .and_then(|t| t.parse::<i64>().ok())
            .map(Self::Version)
            .ok_or_else(|| {
                ApiError::PreconditionFailed(format!(
                    "If-Match {text:?} matches no version; send the ETag of your last read, \
                     e.g. \"3\""
                ))
            })
    }

    /// The version an update must find, when the route requires `If-Match`.
    ///
    /// # Errors
    /// 428 when the header is absent.
    pub fn required(self, entity: &str) -> Result<Option<i64>, ApiError> {
        match self {
            Self::Absent => Err(ApiError::PreconditionRequired(format!(
                "updating a {entity} needs If-Match with the ETag of the {entity} you read, \
                 so that you do not overwrite someone else's change"
            ))),
            Self::Any => Ok(None),
            Self::Version(v) => Ok(Some(v)),
        }
    }

    /// The version a write must find, `None` for any.
    pub fn optional(self) -> Option<i64> {
        match self {
            Self::Version(v) => Some(v),
            Self::Absent | Self::Any => None,
        }
    }
}

/// Checks a display name as the store will: not blank, at most 200 characters, no
/// control characters.
pub fn check_name(check: &mut Check, field: &str, name: &str) {
    if name.trim().is_empty() {
        check.fail(field, "must not be blank");
    } else if name.chars().count() > 200 {
        check.fail(field, "must be at most 200 characters");
    } else if name.chars().any(char::is_control) {
        check.fail(field, "must not contain control characters");
    }
}

/// One CSV cell: quoted when it holds a separator, quote or line break, and with a
/// leading `'` when a spreadsheet would read it as a formula.
pub fn csv_cell(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// A CSV cell for an optional number (empty when absent).
pub fn csv_number(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// Whether the client asked for CSV: `?format=csv`, or an `Accept` that names
/// `text/csv` before (or without) JSON.
pub fn wants_csv(req: &HttpRequest, format: Option<ExportFormat>) -> bool {
    match format {
        Some(f) => f == ExportFormat::Csv,
        None => req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| {
                let csv = accept.find("text/csv");
                let json = accept.find("application/json");
                matches!((csv, json), (Some(c), Some(j)) if c < j)
                    || (csv.is_some() && json.is_none())
            }),
    }
}

/// Export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// JSON.
    Json,
    /// Comma-separated values with a header row.
    Csv,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_formula_safe() {
        assert_eq!(csv_cell("Smith 1H"), "Smith 1H");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_cell("-1+2,3"), "\"'-1+2,3\"");
    }

    #[test]
    fn next_offset_stops_at_the_end() {
        let page = |items: Vec<u8>, total, offset| Paginated {
            items,
            total,
            limit: 2,
            offset,
        };
        assert_eq!(
            PageOf::map(page(vec![1, 2], 5, 0), |x| x).next_offset,
            Some(2)
        );
        assert_eq!(PageOf::map(page(vec![5], 5, 4), |x| x).next_offset, None);
        assert_eq!(PageOf::map(page(vec![], 5, 10), |x| x).next_offset, None);
    }
}
