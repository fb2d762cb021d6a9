//! Small helpers shared by the repositories of organization-scoped records.

use chrono::{DateTime, SubsecRound, Utc};
use uuid::Uuid;

use crate::error::StoreError;

/// Current time at the precision both backends store (microseconds).
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// Parses a stored UUID; a malformed one is a defect, not the caller's mistake.
pub(crate) fn parse_uuid(what: &str, text: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(text)
        .map_err(|e| StoreError::Internal(format!("{what} {text:?} is not a UUID: {e}")))
}

/// A SQL count as `u64`.
pub(crate) fn count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

/// Sort direction of a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Direction {
    /// Smallest first.
    #[default]
    Ascending,
    /// Largest first.
    Descending,
}

/// Checks a display name: not blank, at most 200 characters, no control characters.
pub(crate) fn validate_name(field: &str, name: &str) -> Result<(), StoreError> {
    if name.trim().is_empty() {
        return Err(StoreError::Invalid(format!("{field} must not be blank")));
    }
    if name.chars().count() > 200 {
        return Err(StoreError::Invalid(format!(
            "{field} must be at most 200 characters"
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(StoreError::Invalid(format!(
            "{field} must not contain control characters"
        )));
    }
    Ok(())
}

/// `Stale` for `entity`, now at `current_version`.
pub(crate) fn stale(entity: &str, current_version: i64) -> StoreError {
    StoreError::Stale {
        entity: entity.to_owned(),
        current_version,
    }
}
