//! The security audit log: append-only events, read by an organization's admins.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::{naive, parse_id, sessions::truncate, utc};
use crate::connection::DbConnection;
use crate::error::StoreError;
use crate::page::{Page, Paginated};
use crate::schema::audit_events;

/// A recorded event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    /// Identifier (UUID v7, time-ordered).
    pub id: Uuid,
    /// Organization concerned.
    pub organization_id: Option<Uuid>,
    /// User concerned.
    pub user_id: Option<Uuid>,
    /// User who acted, when not the user concerned.
    pub actor_id: Option<Uuid>,
    /// Event kind.
    pub kind: String,
    /// Client IP.
    pub ip: Option<String>,
    /// Client user agent.
    pub user_agent: Option<String>,
    /// Details, JSON text.
    pub detail: Option<String>,
    /// Time.
    pub created_at: DateTime<Utc>,
}

/// An event to record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NewAuditEvent<'a> {
    /// Organization concerned.
    pub organization_id: Option<Uuid>,
    /// User concerned.
    pub user_id: Option<Uuid>,
    /// User who acted.
    pub actor_id: Option<Uuid>,
    /// Event kind, e.g. `login_succeeded`.
    pub kind: &'a str,
    /// Client IP.
    pub ip: Option<&'a str>,
    /// Client user agent.
    pub user_agent: Option<&'a str>,
    /// Details, JSON text.
    pub detail: Option<&'a str>,
}

type Row = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    NaiveDateTime,
);

fn optional_id(text: Option<String>, what: &str) -> Result<Option<Uuid>, StoreError> {
    text.map(|t| parse_id(&t, what)).transpose()
}

/// Appends an event.
///
/// # Errors
/// Database errors only.
pub fn record(
    conn: &mut DbConnection,
    event: &NewAuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let id = Uuid::now_v7();
    diesel::insert_into(audit_events::table)
        .values((
            audit_events::id.eq(id.to_string()),
            audit_events::organization_id.eq(event.organization_id.map(|u| u.to_string())),
            audit_events::user_id.eq(event.user_id.map(|u| u.to_string())),
            audit_events::actor_id.eq(event.actor_id.map(|u| u.to_string())),
            audit_events::kind.eq(event.kind),
            audit_events::ip.eq(event.ip),
            audit_events::user_agent.eq(event.user_agent.map(|ua| truncate(ua, 512))),
            audit_events::detail.eq(event.detail),
            audit_events::created_at.eq(naive(now)),
        ))
        .execute(conn)?;
    Ok(id)
}

/// One page of an organization's events, newest first, and their count; `kind` filters.
///
/// # Errors
/// [`StoreError::Invalid`] for a bad page.
pub fn list(
    conn: &mut DbConnection,
    organization_id: Uuid,
    kind: Option<&str>,
    page: Page,
) -> Result<Paginated<AuditEvent>, StoreError> {
    let (limit, offset) = page.to_sql()?;
    let org = organization_id.to_string();
    let filtered = || {
        let mut query = audit_events::table
            .filter(audit_events::organization_id.eq(org.clone()))
            .into_boxed();
        if let Some(kind) = kind {
            query = query.filter(audit_events::kind.eq(kind.to_owned()));
        }
        query
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let rows: Vec<Row> = filtered()
        .select((
            audit_events::id,
            audit_events::organization_id,
            audit_events::user_id,
            audit_events::actor_id,
            audit_events::kind,
            audit_events::ip,
            audit_events::user_agent,
            audit_events::detail,
            audit_events::created_at,
        ))
        .order((audit_events::created_at.desc(), audit_events::id.desc()))
        .limit(limit)
        .offset(offset)
        .load(conn)?;
    let items = rows
        .into_iter()
        .map(
            |(id, org, user, actor, kind, ip, user_agent, detail, created)| {
                Ok(AuditEvent {
                    id: parse_id(&id, "audit event")?,
                    organization_id: optional_id(org, "organization")?,
                    user_id: optional_id(user, "user")?,
                    actor_id: optional_id(actor, "user")?,
                    kind,
                    ip,
                    user_agent,
                    detail,
                    created_at: utc(created),
                })
            },
        )
        .collect::<Result<Vec<_>, StoreError>>()?;
    Ok(Paginated {
        items,
        total: u64::try_from(total).unwrap_or(0),
        limit: page.limit,
        offset: page.offset,
    })
}

/// Deletes the events recorded before `before` (the retention horizon); returns how many.
///
/// # Errors
/// Database errors only.
pub fn purge_before(conn: &mut DbConnection, before: DateTime<Utc>) -> Result<usize, StoreError> {
    Ok(
        diesel::delete(audit_events::table.filter(audit_events::created_at.lt(naive(before))))
            .execute(conn)?,
    )
}
