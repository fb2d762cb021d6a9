//! Failed sign-ins, counted per email (known or not) and per client IP for lockout.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::dsl::{count_star, max};
use diesel::prelude::*;
use uuid::Uuid;

use super::{naive, utc};
use crate::connection::DbConnection;
use crate::error::StoreError;
use crate::schema::login_failures;

/// How many failures since a time, and the latest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failures {
    /// Number of failures.
    pub count: u64,
    /// The latest one.
    pub latest: Option<DateTime<Utc>>,
}

/// Records a failed sign-in for `email` (lower-cased here) from `ip`.
///
/// # Errors
/// Database errors only.
pub fn record(
    conn: &mut DbConnection,
    email: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    diesel::insert_into(login_failures::table)
        .values((
            login_failures::id.eq(Uuid::now_v7().to_string()),
            login_failures::email.eq(email.trim().to_lowercase()),
            login_failures::ip.eq(ip),
            login_failures::created_at.eq(naive(now)),
        ))
        .execute(conn)?;
    Ok(())
}

fn summarize(row: (i64, Option<NaiveDateTime>)) -> Failures {
    Failures {
        count: u64::try_from(row.0).unwrap_or(0),
        latest: row.1.map(utc),
    }
}

/// Failures for `email` since `since`.
///
/// # Errors
/// Database errors only.
pub fn for_email_since(
    conn: &mut DbConnection,
    email: &str,
    since: DateTime<Utc>,
) -> Result<Failures, StoreError> {
    let row = login_failures::table
        .filter(login_failures::email.eq(email.trim().to_lowercase()))
        .filter(login_failures::created_at.ge(naive(since)))
        .select((count_star(), max(login_failures::created_at)))
        .first::<(i64, Option<NaiveDateTime>)>(conn)?;
    Ok(summarize(row))
}

/// Failures from `ip` since `since`, across accounts.
///
/// # Errors
/// Database errors only.
pub fn for_ip_since(
    conn: &mut DbConnection,
    ip: &str,
    since: DateTime<Utc>,
) -> Result<Failures, StoreError> {
    let row = login_failures::table
        .filter(login_failures::ip.eq(ip))
        .filter(login_failures::created_at.ge(naive(since)))
        .select((count_star(), max(login_failures::created_at)))
        .first::<(i64, Option<NaiveDateTime>)>(conn)?;
    Ok(summarize(row))
}

/// Forgets the failures of `email` (after a successful sign-in).
///
/// # Errors
/// Database errors only.
pub fn clear_for_email(conn: &mut DbConnection, email: &str) -> Result<(), StoreError> {
    diesel::delete(
        login_failures::table.filter(login_failures::email.eq(email.trim().to_lowercase())),
    )
    .execute(conn)?;
    Ok(())
}

/// Deletes failures older than `before`; returns how many.
///
/// # Errors
/// Database errors only.
pub fn purge_before(conn: &mut DbConnection, before: DateTime<Utc>) -> Result<usize, StoreError> {
    Ok(
        diesel::delete(login_failures::table.filter(login_failures::created_at.lt(naive(before))))
            .execute(conn)?,
    )
}
