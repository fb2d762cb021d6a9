//! Email domains (or exact addresses) whose owners may register themselves into an
//! organization.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::{naive, parse_id, utc};
use crate::connection::DbConnection;
use crate::error::StoreError;
use crate::schema::allowed_email_domains;

/// A domain or address open to registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedDomain {
    /// Identifier.
    pub id: Uuid,
    /// The organization new users join.
    pub organization_id: Uuid,
    /// `example.com` or `jane@example.com`, lower case.
    pub domain: String,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

type Row = (String, String, String, NaiveDateTime);

fn from_row((id, org, domain, created): Row) -> Result<AllowedDomain, StoreError> {
    Ok(AllowedDomain {
        id: parse_id(&id, "allowed email domain")?,
        organization_id: parse_id(&org, "organization")?,
        domain,
        created_at: utc(created),
    })
}

const COLUMNS: (
    allowed_email_domains::id,
    allowed_email_domains::organization_id,
    allowed_email_domains::domain,
    allowed_email_domains::created_at,
) = (
    allowed_email_domains::id,
    allowed_email_domains::organization_id,
    allowed_email_domains::domain,
    allowed_email_domains::created_at,
);

/// Normalizes and checks a domain (`example.com`) or address (`jane@example.com`).
///
/// # Errors
/// [`StoreError::Invalid`] when it is neither.
pub fn normalize(domain: &str) -> Result<String, StoreError> {
    let lower = domain.trim().to_lowercase();
    let host = match lower.split_once('@') {
        Some((local, host)) if !local.is_empty() => host,
        Some(_) => "",
        None => lower.as_str(),
    };
    let valid_host = !host.is_empty()
        && host.len() <= 253
        && host.contains('.')
        && host.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        });
    if valid_host && !lower.chars().any(char::is_whitespace) {
        Ok(lower)
    } else {
        Err(StoreError::Invalid(
            "domain must be a domain (example.com) or an address (jane@example.com)".into(),
        ))
    }
}

/// Opens `domain` to registration into `organization_id`.
///
/// # Errors
/// [`StoreError::Invalid`] for a malformed domain; [`StoreError::Conflict`] (field
/// `domain`) when any organization already has it.
pub fn add(
    conn: &mut DbConnection,
    organization_id: Uuid,
    domain: &str,
    now: DateTime<Utc>,
) -> Result<AllowedDomain, StoreError> {
    let domain = normalize(domain)?;
    let id = Uuid::now_v7();
    diesel::insert_into(allowed_email_domains::table)
        .values((
            allowed_email_domains::id.eq(id.to_string()),
            allowed_email_domains::organization_id.eq(organization_id.to_string()),
            allowed_email_domains::domain.eq(&domain),
            allowed_email_domains::created_at.eq(naive(now)),
        ))
        .execute(conn)?;
    Ok(AllowedDomain {
        id,
        organization_id,
        domain,
        created_at: now,
    })
}

/// The organization's domains, alphabetically.
///
/// # Errors
/// Database errors only.
pub fn list(
    conn: &mut DbConnection,
    organization_id: Uuid,
) -> Result<Vec<AllowedDomain>, StoreError> {
    allowed_email_domains::table
        .filter(allowed_email_domains::organization_id.eq(organization_id.to_string()))
        .select(COLUMNS)
        .order(allowed_email_domains::domain.asc())
        .load::<Row>(conn)?
        .into_iter()
        .map(from_row)
        .collect()
}

/// Removes one of the organization's domains.
///
/// # Errors
/// [`StoreError::NotFound`] when the organization has no domain with this id.
pub fn remove(conn: &mut DbConnection, organization_id: Uuid, id: Uuid) -> Result<(), StoreError> {
    let rows = diesel::delete(
        allowed_email_domains::table
            .filter(allowed_email_domains::id.eq(id.to_string()))
            .filter(allowed_email_domains::organization_id.eq(organization_id.to_string())),
    )
    .execute(conn)?;
    if rows == 0 {
        Err(StoreError::not_found("allowed email domain"))
    } else {
        Ok(())
    }
}

/// The organization that accepts registration from `email`: an exact address wins over
/// its domain.
///
/// # Errors
/// Database errors only.
pub fn organization_for_email(
    conn: &mut DbConnection,
    email: &str,
) -> Result<Option<Uuid>, StoreError> {
    let email = email.trim().to_lowercase();
    let Some((_, host)) = email.split_once('@') else {
        return Ok(None);
    };
    for candidate in [email.as_str(), host] {
        let found: Option<String> = allowed_email_domains::table
            .filter(allowed_email_domains::domain.eq(candidate))
            .select(allowed_email_domains::organization_id)
            .first(conn)
            .optional()?;
        if let Some(org) = found {
            return parse_id(&org, "organization").map(Some);
        }
    }
    Ok(None)
}
