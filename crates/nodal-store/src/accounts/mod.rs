//! Accounts and security records: users, sessions with their refresh tokens, one-time
//! password-set tokens, email domains open to registration, the audit log and failed
//! sign-ins.
//!
//! Functions take the current time as an argument: the caller's clock decides, so that
//! expiry and lockout can be tested without waiting. Roles are stored as text (`admin`,
//! `engineer`, `viewer`, checked by the database); `nodal-auth` owns their meaning.
//! Opaque tokens arrive already hashed: the store never sees a usable token.

pub mod audit;
pub mod email_domains;
pub mod login_failures;
pub mod password_tokens;
pub mod sessions;
pub mod users;

use chrono::{DateTime, NaiveDateTime, Utc};
use uuid::Uuid;

use crate::error::StoreError;

pub(crate) fn parse_id(text: &str, what: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(text)
        .map_err(|e| StoreError::Internal(format!("{what} id {text:?} is not a UUID: {e}")))
}

pub(crate) fn utc(naive: NaiveDateTime) -> DateTime<Utc> {
    naive.and_utc()
}

pub(crate) fn naive(time: DateTime<Utc>) -> NaiveDateTime {
    time.naive_utc()
}
