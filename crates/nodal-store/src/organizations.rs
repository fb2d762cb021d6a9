//! Organizations: model and repository.
//!
//! Every function takes a [`DbConnection`] (a pooled connection derefs to one) so
//! that callers can combine them inside [`crate::transaction`].

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::connection::DbConnection;
use crate::error::StoreError;
use crate::page::{Page, Paginated};
use crate::schema::organizations;

const ENTITY: &str = "organization";

/// Longest accepted organization name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest accepted slug, in bytes.
pub const MAX_SLUG_LEN: usize = 63;

/// A stored organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    /// Identifier (UUID v7, time-ordered).
    pub id: Uuid,
    /// Display name; unique regardless of case.
    pub name: String,
    /// URL identifier: lower-case ASCII letters, digits and single inner hyphens.
    pub slug: String,
    /// Creation time (UTC, microsecond precision).
    pub created_at: DateTime<Utc>,
    /// Last change (UTC, microsecond precision).
    pub updated_at: DateTime<Utc>,
}

/// What a caller supplies to create an organization; the store assigns the id and
/// the times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewOrganization<'a> {
    /// Display name: 1 to 200 characters, not blank, no control characters.
    pub name: &'a str,
    /// URL identifier: 1 to 63 of `a-z`, `0-9` and `-`, no leading, trailing or
    /// doubled hyphen.
    pub slug: &'a str,
}

/// Row as stored (text id, naive UTC times).
#[derive(Queryable)]
struct OrganizationRow {
    id: String,
    name: String,
    slug: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl TryFrom<OrganizationRow> for Organization {
    type Error = StoreError;

    fn try_from(row: OrganizationRow) -> Result<Self, StoreError> {
        let id = Uuid::parse_str(&row.id).map_err(|e| {
            StoreError::Internal(format!("organization id {:?} is not a UUID: {e}", row.id))
        })?;
        Ok(Organization {
            id,
            name: row.name,
            slug: row.slug,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        })
    }
}

#[derive(Insertable)]
#[diesel(table_name = organizations)]
struct OrganizationInsert<'a> {
    id: &'a str,
    name: &'a str,
    slug: &'a str,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

type Columns = (
    organizations::id,
    organizations::name,
    organizations::slug,
    organizations::created_at,
    organizations::updated_at,
);

const COLUMNS: Columns = (
    organizations::id,
    organizations::name,
    organizations::slug,
    organizations::created_at,
    organizations::updated_at,
);

/// Current time at the precision both backends store (microseconds).
fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// Checks a name: not blank, at most [`MAX_NAME_CHARS`] characters, no control
/// characters.
///
/// # Errors
/// [`StoreError::Invalid`] saying which rule failed.
pub fn validate_name(name: &str) -> Result<(), StoreError> {
    if name.trim().is_empty() {
        return Err(StoreError::Invalid("name must not be blank".to_owned()));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(StoreError::Invalid(format!(
            "name must be at most {MAX_NAME_CHARS} characters"
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(StoreError::Invalid(
            "name must not contain control characters".to_owned(),
        ));
    }
    Ok(())
}

/// Checks a slug: 1 to [`MAX_SLUG_LEN`] of `a-z`, `0-9` and `-`, with no leading,
/// trailing or doubled hyphen.
///
/// # Errors
/// [`StoreError::Invalid`] saying which rule failed.
pub fn validate_slug(slug: &str) -> Result<(), StoreError> {
    let well_formed = !slug.is_empty()
        && slug.len() <= MAX_SLUG_LEN
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--");
    if well_formed {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "slug must be 1 to {MAX_SLUG_LEN} lower-case letters, digits and single inner hyphens"
        )))
    }
}

/// Creates an organization.
///
/// # Errors
/// [`StoreError::Invalid`] for a bad name or slug; [`StoreError::Conflict`] with
/// field `name` (case-insensitive) or `slug` when either is taken.
pub fn create(
    conn: &mut DbConnection,
    new: &NewOrganization<'_>,
) -> Result<Organization, StoreError> {
    validate_name(new.name)?;
    validate_slug(new.slug)?;
    let id = Uuid::now_v7();
    let id_text = id.to_string();
    let created_at = now();
    diesel::insert_into(organizations::table)
        .values(&OrganizationInsert {
            id: &id_text,
            name: new.name,
            slug: new.slug,
            created_at: created_at.naive_utc(),
            updated_at: created_at.naive_utc(),
        })
        .execute(conn)?;
    Ok(Organization {
        id,
        name: new.name.to_owned(),
        slug: new.slug.to_owned(),
        created_at,
        updated_at: created_at,
    })
}

/// The organization with `id`.
///
/// # Errors
/// [`StoreError::NotFound`] when there is none.
pub fn get(conn: &mut DbConnection, id: Uuid) -> Result<Organization, StoreError> {
    organizations::table
        .filter(organizations::id.eq(id.to_string()))
        .select(COLUMNS)
        .first::<OrganizationRow>(conn)
        .optional()?
        .ok_or_else(|| StoreError::not_found(ENTITY))?
        .try_into()
}

/// The organization with `slug`.
///
/// # Errors
/// [`StoreError::NotFound`] when there is none.
pub fn get_by_slug(conn: &mut DbConnection, slug: &str) -> Result<Organization, StoreError> {
    organizations::table
        .filter(organizations::slug.eq(slug))
        .select(COLUMNS)
        .first::<OrganizationRow>(conn)
        .optional()?
        .ok_or_else(|| StoreError::not_found(ENTITY))?
        .try_into()
}

/// One page of organizations, oldest first, and the total count.
///
/// # Errors
/// [`StoreError::Invalid`] for a limit outside 1..=1000 or an offset beyond `i64`.
pub fn list(conn: &mut DbConnection, page: Page) -> Result<Paginated<Organization>, StoreError> {
    let (limit, offset) = page.to_sql()?;
    let total: i64 = organizations::table.count().get_result(conn)?;
    let items = organizations::table
        .select(COLUMNS)
        .order((organizations::created_at.asc(), organizations::id.asc()))
        .limit(limit)
        .offset(offset)
        .load::<OrganizationRow>(conn)?
        .into_iter()
        .map(Organization::try_from)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Paginated {
        items,
        total: u64::try_from(total).unwrap_or(0),
        limit: page.limit,
        offset: page.offset,
    })
}

/// Gives the organization a new name and returns it as stored.
///
/// # Errors
/// [`StoreError::Invalid`] for a bad name, [`StoreError::NotFound`] when there is
/// no such organization, [`StoreError::Conflict`] (field `name`) when another
/// organization has the name in any case.
pub fn rename(
    conn: &mut DbConnection,
    id: Uuid,
    new_name: &str,
) -> Result<Organization, StoreError> {
    validate_name(new_name)?;
    let updated = diesel::update(organizations::table.filter(organizations::id.eq(id.to_string())))
        .set((
            organizations::name.eq(new_name),
            organizations::updated_at.eq(now().naive_utc()),
        ))
        .execute(conn)?;
    if updated == 0 {
        return Err(StoreError::not_found(ENTITY));
    }
    get(conn, id)
}

/// Deletes the organization.
///
/// # Errors
/// [`StoreError::NotFound`] when there is no such organization.
pub fn delete(conn: &mut DbConnection, id: Uuid) -> Result<(), StoreError> {
    let deleted = diesel::delete(organizations::table.filter(organizations::id.eq(id.to_string())))
        .execute(conn)?;
    if deleted == 0 {
        Err(StoreError::not_found(ENTITY))
    } else {
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn slug_rules() {
        for good in ["acme", "acme-oil", "a", "north-sea-2", &"a".repeat(63)] {
            assert!(validate_slug(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "Acme",
            "-acme",
            "acme-",
            "ac--me",
            "acme oil",
            "acmé",
            &"a".repeat(64),
        ] {
            assert!(
                matches!(validate_slug(bad), Err(StoreError::Invalid(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn name_rules() {
        assert!(validate_name("Acme Oil & Gas").is_ok());
        assert!(validate_name(&"é".repeat(200)).is_ok());
        for bad in ["", "   ", "a\nb", &"x".repeat(201)] {
            assert!(
                matches!(validate_name(bad), Err(StoreError::Invalid(_))),
                "{bad:?}"
            );
        }
    }
}
