//! Users: model and repository.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::{naive, parse_id, utc};
use crate::connection::DbConnection;
use crate::error::StoreError;
use crate::page::{Page, Paginated};
use crate::schema::users;

const ENTITY: &str = "user";

/// Longest accepted email, in bytes (RFC 5321 path limit).
pub const MAX_EMAIL_LEN: usize = 254;

/// A stored user.
#[derive(Clone, PartialEq, Eq)]
pub struct User {
    /// Identifier (UUID v7).
    pub id: Uuid,
    /// The organization the user belongs to.
    pub organization_id: Uuid,
    /// Email as entered; unique regardless of case.
    pub email: String,
    /// argon2id PHC string, `None` until a password is set.
    pub password_hash: Option<String>,
    /// `admin`, `engineer` or `viewer`.
    pub role: String,
    /// Creation time (UTC).
    pub created_at: DateTime<Utc>,
    /// Last change (UTC).
    pub updated_at: DateTime<Utc>,
    /// When the password was last set.
    pub password_changed_at: Option<DateTime<Utc>>,
    /// Latest successful sign-in.
    pub last_login_at: Option<DateTime<Utc>>,
    /// Set while deactivated.
    pub deactivated_at: Option<DateTime<Utc>>,
}

impl std::fmt::Debug for User {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("organization_id", &self.organization_id)
            .field("email", &self.email)
            .field("role", &self.role)
            .field("has_password", &self.password_hash.is_some())
            .field("deactivated_at", &self.deactivated_at)
            .finish_non_exhaustive()
    }
}

impl User {
    /// Whether the user may sign in.
    pub fn is_active(&self) -> bool {
        self.deactivated_at.is_none()
    }
}

/// What a caller supplies to create a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewUser<'a> {
    /// The organization.
    pub organization_id: Uuid,
    /// Email address.
    pub email: &'a str,
    /// Role name.
    pub role: &'a str,
    /// argon2id PHC string, if the password is already known.
    pub password_hash: Option<&'a str>,
}

#[derive(Queryable)]
struct UserRow {
    id: String,
    organization_id: String,
    email: String,
    password_hash: Option<String>,
    role: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    password_changed_at: Option<NaiveDateTime>,
    last_login_at: Option<NaiveDateTime>,
    deactivated_at: Option<NaiveDateTime>,
}

impl TryFrom<UserRow> for User {
    type Error = StoreError;

    fn try_from(row: UserRow) -> Result<Self, StoreError> {
        Ok(User {
            id: parse_id(&row.id, "user")?,
            organization_id: parse_id(&row.organization_id, "organization")?,
            email: row.email,
            password_hash: row.password_hash,
            role: row.role,
            created_at: utc(row.created_at),
            updated_at: utc(row.updated_at),
            password_changed_at: row.password_changed_at.map(utc),
            last_login_at: row.last_login_at.map(utc),
            deactivated_at: row.deactivated_at.map(utc),
        })
    }
}

#[derive(Insertable)]
#[diesel(table_name = users)]
struct UserInsert<'a> {
    id: &'a str,
    organization_id: &'a str,
    email: &'a str,
    password_hash: Option<&'a str>,
    role: &'a str,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    password_changed_at: Option<NaiveDateTime>,
}

pub(crate) type Columns = (
    users::id,
    users::organization_id,
    users::email,
    users::password_hash,
    users::role,
    users::created_at,
    users::updated_at,
    users::password_changed_at,
    users::last_login_at,
    users::deactivated_at,
);

pub(crate) const COLUMNS: Columns = (
    users::id,
    users::organization_id,
    users::email,
    users::password_hash,
    users::role,
    users::created_at,
    users::updated_at,
    users::password_changed_at,
    users::last_login_at,
    users::deactivated_at,
);

diesel::define_sql_function! {
    /// SQL `lower(text)`.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// Checks an email address: at most [`MAX_EMAIL_LEN`] bytes, one `@` with a non-empty local
/// part and a dotted domain, no spaces or control characters.
///
/// # Errors
/// [`StoreError::Invalid`] saying what is wrong.
pub fn validate_email(email: &str) -> Result<(), StoreError> {
    let invalid = |why: &str| Err(StoreError::Invalid(format!("email {why}")));
    if email.is_empty() || email.len() > MAX_EMAIL_LEN {
        return invalid(&format!("must be 1 to {MAX_EMAIL_LEN} bytes"));
    }
    if email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return invalid("must not contain spaces or control characters");
    }
    match email.split_once('@') {
        Some((local, domain))
            if !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.') =>
        {
            Ok(())
        }
        _ => invalid("must look like name@example.com"),
    }
}

/// Creates a user.
///
/// # Errors
/// [`StoreError::Invalid`] for a malformed email, [`StoreError::Conflict`] (field `email`)
/// when the address is taken in any case, or (field `organization_id`) when the
/// organization does not exist.
pub fn create(
    conn: &mut DbConnection,
    new: &NewUser<'_>,
    now: DateTime<Utc>,
) -> Result<User, StoreError> {
    let email = new.email.trim();
    validate_email(email)?;
    let id = Uuid::now_v7();
    let id_text = id.to_string();
    let org_text = new.organization_id.to_string();
    diesel::insert_into(users::table)
        .values(&UserInsert {
            id: &id_text,
            organization_id: &org_text,
            email,
            password_hash: new.password_hash,
            role: new.role,
            created_at: naive(now),
            updated_at: naive(now),
            password_changed_at: new.password_hash.map(|_| naive(now)),
        })
        .execute(conn)?;
    get(conn, id)
}

/// The user with `id`.
///
/// # Errors
/// [`StoreError::NotFound`] when there is none.
pub fn get(conn: &mut DbConnection, id: Uuid) -> Result<User, StoreError> {
    users::table
        .filter(users::id.eq(id.to_string()))
        .select(COLUMNS)
        .first::<UserRow>(conn)
        .optional()?
        .ok_or_else(|| StoreError::not_found(ENTITY))?
        .try_into()
}

/// The user with `id` in organization `organization_id`: another organization's user is
/// not found.
///
/// # Errors
/// [`StoreError::NotFound`] when there is none in that organization.
pub fn get_in_organization(
    conn: &mut DbConnection,
    organization_id: Uuid,
    id: Uuid,
) -> Result<User, StoreError> {
    users::table
        .filter(users::id.eq(id.to_string()))
        .filter(users::organization_id.eq(organization_id.to_string()))
        .select(COLUMNS)
        .first::<UserRow>(conn)
        .optional()?
        .ok_or_else(|| StoreError::not_found(ENTITY))?
        .try_into()
}

/// The user with this email in any case, if any.
///
/// # Errors
/// Database errors only.
pub fn find_by_email(conn: &mut DbConnection, email: &str) -> Result<Option<User>, StoreError> {
    users::table
        .filter(lower(users::email).eq(email.trim().to_lowercase()))
        .select(COLUMNS)
        .first::<UserRow>(conn)
        .optional()?
        .map(User::try_from)
        .transpose()
}

/// One page of an organization's users, oldest first, and their count.
///
/// # Errors
/// [`StoreError::Invalid`] for a bad page.
pub fn list(
    conn: &mut DbConnection,
    organization_id: Uuid,
    page: Page,
) -> Result<Paginated<User>, StoreError> {
    let (limit, offset) = page.to_sql()?;
    let org = organization_id.to_string();
    let total: i64 = users::table
        .filter(users::organization_id.eq(&org))
        .count()
        .get_result(conn)?;
    let items = users::table
        .filter(users::organization_id.eq(&org))
        .select(COLUMNS)
        .order((users::created_at.asc(), users::id.asc()))
        .limit(limit)
        .offset(offset)
        .load::<UserRow>(conn)?
        .into_iter()
        .map(User::try_from)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Paginated {
        items,
        total: u64::try_from(total).unwrap_or(0),
        limit: page.limit,
        offset: page.offset,
    })
}

/// Active admins of an organization.
///
/// # Errors
/// Database errors only.
pub fn count_active_admins(
    conn: &mut DbConnection,
    organization_id: Uuid,
) -> Result<u64, StoreError> {
    let count: i64 = users::table
        .filter(users::organization_id.eq(organization_id.to_string()))
        .filter(users::role.eq("admin"))
        .filter(users::deactivated_at.is_null())
        .count()
        .get_result(conn)?;
    Ok(u64::try_from(count).unwrap_or(0))
}

fn updated(conn: &mut DbConnection, id: Uuid, rows: usize) -> Result<User, StoreError> {
    if rows == 0 {
        return Err(StoreError::not_found(ENTITY));
    }
    get(conn, id)
}

/// Gives the user a new role.
///
/// # Errors
/// [`StoreError::NotFound`] when there is no such user; [`StoreError::Invalid`] for a role
/// the database refuses.
pub fn set_role(
    conn: &mut DbConnection,
    id: Uuid,
    role: &str,
    now: DateTime<Utc>,
) -> Result<User, StoreError> {
    let rows = diesel::update(users::table.filter(users::id.eq(id.to_string())))
        .set((users::role.eq(role), users::updated_at.eq(naive(now))))
        .execute(conn)?;
    updated(conn, id, rows)
}

/// Stores a new password hash.
///
/// # Errors
/// [`StoreError::NotFound`] when there is no such user.
pub fn set_password_hash(
    conn: &mut DbConnection,
    id: Uuid,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<User, StoreError> {
    let rows = diesel::update(users::table.filter(users::id.eq(id.to_string())))
        .set((
            users::password_hash.eq(password_hash),
            users::password_changed_at.eq(naive(now)),
            users::updated_at.eq(naive(now)),
        ))
        .execute(conn)?;
    updated(conn, id, rows)
}

/// Deactivates (`Some(now)`) or reactivates (`None`) the user.
///
/// # Errors
/// [`StoreError::NotFound`] when there is no such user.
pub fn set_deactivated(
    conn: &mut DbConnection,
    id: Uuid,
    deactivated_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<User, StoreError> {
    let rows = diesel::update(users::table.filter(users::id.eq(id.to_string())))
        .set((
            users::deactivated_at.eq(deactivated_at.map(naive)),
            users::updated_at.eq(naive(now)),
        ))
        .execute(conn)?;
    updated(conn, id, rows)
}

/// Records a successful sign-in.
///
/// # Errors
/// Database errors only.
pub fn record_login(
    conn: &mut DbConnection,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    diesel::update(users::table.filter(users::id.eq(id.to_string())))
        .set(users::last_login_at.eq(naive(now)))
        .execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_rules() {
        for good in ["a@b.co", "jane.doe+nodal@example.com"] {
            assert!(validate_email(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "jane",
            "@example.com",
            "jane@",
            "jane@example",
            "ja ne@x.com",
            "a@b@c.com",
            "a@.com",
        ] {
            assert!(validate_email(bad).is_err(), "{bad}");
        }
    }
}
