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

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use uuid::Uuid;

use crate::connection::DbConnection;
use crate::error::StoreError;

/// How long [`housekeep`] keeps each kind of record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// Sessions and password-set tokens, counted from when they ended (expired, were
    /// revoked or were used).
    pub ended_sessions: TimeDelta,
    /// Audit events, counted from when they were recorded.
    pub audit_events: TimeDelta,
    /// Failed sign-ins, counted from when they happened (at least the lockout window).
    pub login_failures: TimeDelta,
}

/// What one [`housekeep`] pass deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Housekeeping {
    /// Sessions (with their refresh tokens).
    pub sessions: usize,
    /// Password-set tokens.
    pub password_tokens: usize,
    /// Audit events.
    pub audit_events: usize,
    /// Failed sign-ins.
    pub login_failures: usize,
}

impl Housekeeping {
    /// Records deleted in all.
    #[must_use]
    pub fn total(&self) -> usize {
        self.sessions + self.password_tokens + self.audit_events + self.login_failures
    }
}

/// Deletes the records older than their retention at `now`: ended sessions and their refresh
/// tokens, ended password-set tokens, old audit events and old failed sign-ins. Each kind is
/// deleted in its own statement (sessions with their tokens in one transaction), so a failure
/// part-way leaves every table consistent and the next pass finishes the work.
///
/// # Errors
/// Database errors only.
pub fn housekeep(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    retention: &Retention,
) -> Result<Housekeeping, StoreError> {
    Ok(Housekeeping {
        sessions: sessions::purge_ended_before(conn, now - retention.ended_sessions)?,
        password_tokens: password_tokens::purge_ended_before(conn, now - retention.ended_sessions)?,
        audit_events: audit::purge_before(conn, now - retention.audit_events)?,
        login_failures: login_failures::purge_before(conn, now - retention.login_failures)?,
    })
}

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
