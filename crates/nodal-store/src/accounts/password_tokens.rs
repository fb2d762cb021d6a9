//! One-time password-set tokens, issued by an admin for a new or locked-out user.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::{naive, parse_id};
use crate::connection::DbConnection;
use crate::error::StoreError;
use crate::schema::password_set_tokens;

/// Stores a token for `user_id` by its hash; earlier unused tokens of the user stop working.
///
/// # Errors
/// [`StoreError::Conflict`] on an unknown user or a hash collision.
pub fn issue(
    conn: &mut DbConnection,
    user_id: Uuid,
    token_hash: &str,
    created_by: Option<Uuid>,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    diesel::update(
        password_set_tokens::table
            .filter(password_set_tokens::user_id.eq(user_id.to_string()))
            .filter(password_set_tokens::used_at.is_null()),
    )
    .set(password_set_tokens::used_at.eq(naive(now)))
    .execute(conn)?;
    let id = Uuid::now_v7();
    diesel::insert_into(password_set_tokens::table)
        .values((
            password_set_tokens::id.eq(id.to_string()),
            password_set_tokens::user_id.eq(user_id.to_string()),
            password_set_tokens::token_hash.eq(token_hash),
            password_set_tokens::created_by.eq(created_by.map(|u| u.to_string())),
            password_set_tokens::created_at.eq(naive(now)),
            password_set_tokens::expires_at.eq(naive(expires_at)),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Uses the token with this hash: returns its user when it is unused and unexpired at
/// `now`, and marks it used.
///
/// # Errors
/// [`StoreError::NotFound`] (entity `password-set token`) when the token is unknown, used
/// or expired.
pub fn consume(
    conn: &mut DbConnection,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let not_found = || StoreError::not_found("password-set token");
    let row: Option<(String, String)> = password_set_tokens::table
        .filter(password_set_tokens::token_hash.eq(token_hash))
        .filter(password_set_tokens::used_at.is_null())
        .filter(password_set_tokens::expires_at.gt(naive(now)))
        .select((password_set_tokens::id, password_set_tokens::user_id))
        .first(conn)
        .optional()?;
    let (id, user) = row.ok_or_else(not_found)?;
    let rows = diesel::update(
        password_set_tokens::table
            .filter(password_set_tokens::id.eq(&id))
            .filter(password_set_tokens::used_at.is_null()),
    )
    .set(password_set_tokens::used_at.eq(naive(now)))
    .execute(conn)?;
    if rows == 1 {
        parse_id(&user, "user")
    } else {
        Err(not_found())
    }
}

/// The user of an unused, unexpired token, without using it (to check the new password
/// against the account before the token is spent).
///
/// # Errors
/// [`StoreError::NotFound`] as for [`consume`].
pub fn peek(
    conn: &mut DbConnection,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let user: Option<String> = password_set_tokens::table
        .filter(password_set_tokens::token_hash.eq(token_hash))
        .filter(password_set_tokens::used_at.is_null())
        .filter(password_set_tokens::expires_at.gt(naive(now)))
        .select(password_set_tokens::user_id)
        .first(conn)
        .optional()?;
    let user = user.ok_or_else(|| StoreError::not_found("password-set token"))?;
    parse_id(&user, "user")
}

/// Deletes the password-set tokens that expired or were used before `before`; returns how
/// many.
///
/// # Errors
/// Database errors only.
pub fn purge_ended_before(
    conn: &mut DbConnection,
    before: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let before = naive(before);
    Ok(diesel::delete(
        password_set_tokens::table.filter(
            password_set_tokens::expires_at
                .lt(before)
                .or(password_set_tokens::used_at.lt(before)),
        ),
    )
    .execute(conn)?)
}
