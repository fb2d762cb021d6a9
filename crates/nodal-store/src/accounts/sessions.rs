//! Sessions and their refresh tokens.
//!
//! A session is one sign-in and the family of refresh tokens rotated from it. Revoking the
//! session ends every token of the family at once.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::{naive, parse_id, utc};
use crate::connection::DbConnection;
use crate::error::StoreError;
use crate::pool::transaction;
use crate::schema::{refresh_tokens, sessions, users};

const ENTITY: &str = "session";

/// A stored session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Identifier (UUID v7), the `sid` of its access tokens.
    pub id: Uuid,
    /// The signed-in user.
    pub user_id: Uuid,
    /// The user's organization.
    pub organization_id: Uuid,
    /// Sign-in time.
    pub created_at: DateTime<Utc>,
    /// Latest refresh.
    pub last_used_at: DateTime<Utc>,
    /// Absolute end.
    pub expires_at: DateTime<Utc>,
    /// When revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
    /// Why it was revoked.
    pub revoked_reason: Option<String>,
    /// Client IP at sign-in.
    pub ip: Option<String>,
    /// Client user agent at sign-in.
    pub user_agent: Option<String>,
}

impl Session {
    /// Neither revoked nor past its end at `now`.
    pub fn is_active(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none() && self.expires_at > now
    }
}

/// What a caller supplies to open a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewSession<'a> {
    /// The user.
    pub user_id: Uuid,
    /// The user's organization.
    pub organization_id: Uuid,
    /// Absolute end of the session.
    pub expires_at: DateTime<Utc>,
    /// Client IP.
    pub ip: Option<&'a str>,
    /// Client user agent (truncated to 512 bytes).
    pub user_agent: Option<&'a str>,
}

#[derive(Queryable)]
struct SessionRow {
    id: String,
    user_id: String,
    organization_id: String,
    created_at: NaiveDateTime,
    last_used_at: NaiveDateTime,
    expires_at: NaiveDateTime,
    revoked_at: Option<NaiveDateTime>,
    revoked_reason: Option<String>,
    ip: Option<String>,
    user_agent: Option<String>,
}

impl TryFrom<SessionRow> for Session {
    type Error = StoreError;

    fn try_from(row: SessionRow) -> Result<Self, StoreError> {
        Ok(Session {
            id: parse_id(&row.id, "session")?,
            user_id: parse_id(&row.user_id, "user")?,
            organization_id: parse_id(&row.organization_id, "organization")?,
            created_at: utc(row.created_at),
            last_used_at: utc(row.last_used_at),
            expires_at: utc(row.expires_at),
            revoked_at: row.revoked_at.map(utc),
            revoked_reason: row.revoked_reason,
            ip: row.ip,
            user_agent: row.user_agent,
        })
    }
}

type Columns = (
    sessions::id,
    sessions::user_id,
    sessions::organization_id,
    sessions::created_at,
    sessions::last_used_at,
    sessions::expires_at,
    sessions::revoked_at,
    sessions::revoked_reason,
    sessions::ip,
    sessions::user_agent,
);

const COLUMNS: Columns = (
    sessions::id,
    sessions::user_id,
    sessions::organization_id,
    sessions::created_at,
    sessions::last_used_at,
    sessions::expires_at,
    sessions::revoked_at,
    sessions::revoked_reason,
    sessions::ip,
    sessions::user_agent,
);

/// Longest stored user agent, bytes.
const MAX_USER_AGENT: usize = 512;

pub(crate) fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Opens a session.
///
/// # Errors
/// [`StoreError::Conflict`] (field `user_id`) when the user does not exist.
pub fn create(
    conn: &mut DbConnection,
    new: &NewSession<'_>,
    now: DateTime<Utc>,
) -> Result<Session, StoreError> {
    let id = Uuid::now_v7();
    diesel::insert_into(sessions::table)
        .values((
            sessions::id.eq(id.to_string()),
            sessions::user_id.eq(new.user_id.to_string()),
            sessions::organization_id.eq(new.organization_id.to_string()),
            sessions::created_at.eq(naive(now)),
            sessions::last_used_at.eq(naive(now)),
            sessions::expires_at.eq(naive(new.expires_at)),
            sessions::ip.eq(new.ip),
            sessions::user_agent.eq(new.user_agent.map(|ua| truncate(ua, MAX_USER_AGENT))),
        ))
        .execute(conn)?;
    get(conn, id)
}

/// The session with `id`.
///
/// # Errors
/// [`StoreError::NotFound`] when there is none.
pub fn get(conn: &mut DbConnection, id: Uuid) -> Result<Session, StoreError> {
    sessions::table
        .filter(sessions::id.eq(id.to_string()))
        .select(COLUMNS)
        .first::<SessionRow>(conn)
        .optional()?
        .ok_or_else(|| StoreError::not_found(ENTITY))?
        .try_into()
}

/// The user's sessions active at `now`, newest first.
///
/// # Errors
/// Database errors only.
pub fn list_active(
    conn: &mut DbConnection,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<Session>, StoreError> {
    sessions::table
        .filter(sessions::user_id.eq(user_id.to_string()))
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::expires_at.gt(naive(now)))
        .select(COLUMNS)
        .order((sessions::created_at.desc(), sessions::id.desc()))
        .load::<SessionRow>(conn)?
        .into_iter()
        .map(Session::try_from)
        .collect()
}

/// Who a session speaks for, when the session is active and its user is active: the
/// user, organization and current role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// The user.
    pub user_id: Uuid,
    /// The organization.
    pub organization_id: Uuid,
    /// The user's role now (it may have changed since the token was issued).
    pub role: String,
}

/// The principal of session `id` at `now`, or `None` when the session is revoked, expired
/// or unknown, or its user is deactivated.
///
/// # Errors
/// Database errors only.
pub fn active_principal(
    conn: &mut DbConnection,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<Principal>, StoreError> {
    let row: Option<(String, String, String)> = sessions::table
        .inner_join(users::table)
        .filter(sessions::id.eq(id.to_string()))
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::expires_at.gt(naive(now)))
        .filter(users::deactivated_at.is_null())
        .select((users::id, users::organization_id, users::role))
        .first(conn)
        .optional()?;
    row.map(|(user, org, role)| {
        Ok(Principal {
            user_id: parse_id(&user, "user")?,
            organization_id: parse_id(&org, "organization")?,
            role,
        })
    })
    .transpose()
}

/// Revokes one session; `true` when it was not already revoked.
///
/// # Errors
/// Database errors only.
pub fn revoke(
    conn: &mut DbConnection,
    id: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let rows = diesel::update(
        sessions::table
            .filter(sessions::id.eq(id.to_string()))
            .filter(sessions::revoked_at.is_null()),
    )
    .set((
        sessions::revoked_at.eq(naive(now)),
        sessions::revoked_reason.eq(reason),
    ))
    .execute(conn)?;
    Ok(rows > 0)
}

/// Revokes every active session of the user, except `keep` if given; returns how many.
///
/// # Errors
/// Database errors only.
pub fn revoke_all_for_user(
    conn: &mut DbConnection,
    user_id: Uuid,
    keep: Option<Uuid>,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let keep = keep.map(|k| k.to_string()).unwrap_or_default();
    let rows = diesel::update(
        sessions::table
            .filter(sessions::user_id.eq(user_id.to_string()))
            .filter(sessions::id.ne(keep))
            .filter(sessions::revoked_at.is_null()),
    )
    .set((
        sessions::revoked_at.eq(naive(now)),
        sessions::revoked_reason.eq(reason),
    ))
    .execute(conn)?;
    Ok(rows)
}

/// A stored refresh token (its hash stays in the database).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefreshToken {
    /// Identifier.
    pub id: Uuid,
    /// The session (family).
    pub session_id: Uuid,
    /// Issue time.
    pub created_at: DateTime<Utc>,
    /// Expiry.
    pub expires_at: DateTime<Utc>,
    /// When it was exchanged for a new one, if it was.
    pub rotated_at: Option<DateTime<Utc>>,
}

/// Stores a new refresh token of `session_id` by its hash.
///
/// # Errors
/// [`StoreError::Conflict`] on a hash collision or an unknown session.
pub fn add_refresh_token(
    conn: &mut DbConnection,
    session_id: Uuid,
    token_hash: &str,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<RefreshToken, StoreError> {
    let id = Uuid::now_v7();
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::id.eq(id.to_string()),
            refresh_tokens::session_id.eq(session_id.to_string()),
            refresh_tokens::token_hash.eq(token_hash),
            refresh_tokens::created_at.eq(naive(now)),
            refresh_tokens::expires_at.eq(naive(expires_at)),
        ))
        .execute(conn)?;
    Ok(RefreshToken {
        id,
        session_id,
        created_at: now,
        expires_at,
        rotated_at: None,
    })
}

/// The refresh token with this hash, rotated or not.
///
/// # Errors
/// Database errors only.
pub fn find_refresh_token(
    conn: &mut DbConnection,
    token_hash: &str,
) -> Result<Option<RefreshToken>, StoreError> {
    let row: Option<(
        String,
        String,
        NaiveDateTime,
        NaiveDateTime,
        Option<NaiveDateTime>,
    )> = refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(token_hash))
        .select((
            refresh_tokens::id,
            refresh_tokens::session_id,
            refresh_tokens::created_at,
            refresh_tokens::expires_at,
            refresh_tokens::rotated_at,
        ))
        .first(conn)
        .optional()?;
    row.map(|(id, session, created, expires, rotated)| {
        Ok(RefreshToken {
            id: parse_id(&id, "refresh token")?,
            session_id: parse_id(&session, "session")?,
            created_at: utc(created),
            expires_at: utc(expires),
            rotated_at: rotated.map(utc),
        })
    })
    .transpose()
}

/// Marks a refresh token rotated and the session used. `false` when the token was already
/// rotated (two clients raced with the same token: the caller treats it as reuse).
///
/// # Errors
/// Database errors only.
pub fn rotate_refresh_token(
    conn: &mut DbConnection,
    token_id: Uuid,
    session_id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let rows = diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::id.eq(token_id.to_string()))
            .filter(refresh_tokens::rotated_at.is_null()),
    )
    .set(refresh_tokens::rotated_at.eq(naive(now)))
    .execute(conn)?;
    diesel::update(sessions::table.filter(sessions::id.eq(session_id.to_string())))
        .set(sessions::last_used_at.eq(naive(now)))
        .execute(conn)?;
    Ok(rows == 1)
}

/// Deletes the sessions that ended (expired or were revoked) before `before`, with their
/// refresh tokens; returns how many sessions.
///
/// Live sessions and those that ended later stay, so that recent sign-ins remain visible to
/// admins and a reused refresh token of a recently revoked session is still recognised.
///
/// # Errors
/// Database errors only.
pub fn purge_ended_before(
    conn: &mut DbConnection,
    before: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let before = naive(before);
    let ended = sessions::expires_at
        .lt(before)
        .or(sessions::revoked_at.lt(before));
    transaction(conn, |tx| {
        let families = sessions::table.filter(ended).select(sessions::id);
        diesel::delete(refresh_tokens::table.filter(refresh_tokens::session_id.eq_any(families)))
            .execute(tx)?;
        Ok(diesel::delete(sessions::table.filter(ended)).execute(tx)?)
    })
}
