//! Operators: the companies that operate wells, kept per organization.
//!
//! Every function takes the caller's organization and never reads or writes
//! another organization's rows: a record of another organization is `NotFound`.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::connection::DbConnection;
use crate::error::StoreError;
use crate::page::{Page, Paginated};
use crate::pool::transaction;
use crate::records::{Direction, count, now, parse_uuid, stale, validate_name};
use crate::schema::{operators, wells};

const ENTITY: &str = "operator";

/// A stored operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operator {
    /// Identifier (UUID v7).
    pub id: Uuid,
    /// Owning organization.
    pub organization_id: Uuid,
    /// Name, unique within the organization regardless of case.
    pub name: String,
    /// Update counter, starting at 1; the ETag.
    pub version: i64,
    /// Creation time (UTC).
    pub created_at: DateTime<Utc>,
    /// Last change (UTC).
    pub updated_at: DateTime<Utc>,
}

/// Sort keys of [`list`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OperatorSort {
    /// By name (case as stored), then id.
    #[default]
    Name,
    /// By creation time, then id.
    CreatedAt,
}

#[derive(Queryable)]
struct OperatorRow {
    id: String,
    organization_id: String,
    name: String,
    version: i64,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

type Columns = (
    operators::id,
    operators::organization_id,
    operators::name,
    operators::version,
    operators::created_at,
    operators::updated_at,
);

const COLUMNS: Columns = (
    operators::id,
    operators::organization_id,
    operators::name,
    operators::version,
    operators::created_at,
    operators::updated_at,
);

impl TryFrom<OperatorRow> for Operator {
    type Error = StoreError;

    fn try_from(row: OperatorRow) -> Result<Self, StoreError> {
        Ok(Operator {
            id: parse_uuid("operator id", &row.id)?,
            organization_id: parse_uuid("organization id", &row.organization_id)?,
            name: row.name,
            version: row.version,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        })
    }
}

/// Creates an operator.
///
/// # Errors
/// [`StoreError::Invalid`] for a bad name; [`StoreError::Conflict`] (field `name`)
/// when the organization has an operator of that name in any case.
pub fn create(
    conn: &mut DbConnection,
    organization_id: Uuid,
    name: &str,
) -> Result<Operator, StoreError> {
    validate_name("name", name)?;
    let id = Uuid::now_v7();
    let at = now();
    diesel::insert_into(operators::table)
        .values((
            operators::id.eq(id.to_string()),
            operators::organization_id.eq(organization_id.to_string()),
            operators::name.eq(name),
            operators::version.eq(1_i64),
            operators::created_at.eq(at.naive_utc()),
            operators::updated_at.eq(at.naive_utc()),
        ))
        .execute(conn)?;
    Ok(Operator {
        id,
        organization_id,
        name: name.to_owned(),
        version: 1,
        created_at: at,
        updated_at: at,
    })
}

/// The operator `id` of the organization.
///
/// # Errors
/// [`StoreError::NotFound`] when the organization has no such operator.
pub fn get(
    conn: &mut DbConnection,
    organization_id: Uuid,
    id: Uuid,
) -> Result<Operator, StoreError> {
    operators::table
        .filter(operators::id.eq(id.to_string()))
        .filter(operators::organization_id.eq(organization_id.to_string()))
        .select(COLUMNS)
        .first::<OperatorRow>(conn)
        .optional()?
        .ok_or_else(|| StoreError::not_found(ENTITY))?
        .try_into()
}

/// One page of the organization's operators and their total.
///
/// # Errors
/// [`StoreError::Invalid`] for a page outside the limits.
pub fn list(
    conn: &mut DbConnection,
    organization_id: Uuid,
    sort: OperatorSort,
    direction: Direction,
    page: Page,
) -> Result<Paginated<Operator>, StoreError> {
    let (limit, offset) = page.to_sql()?;
    let org = organization_id.to_string();
    let total: i64 = operators::table
        .filter(operators::organization_id.eq(&org))
        .count()
        .get_result(conn)?;
    let mut query = operators::table
        .filter(operators::organization_id.eq(&org))
        .select(COLUMNS)
        .into_boxed();
    query = match (sort, direction) {
        (OperatorSort::Name, Direction::Ascending) => {
            query.order((operators::name.asc(), operators::id.asc()))
        }
        (OperatorSort::Name, Direction::Descending) => {
            query.order((operators::name.desc(), operators::id.desc()))
        }
        (OperatorSort::CreatedAt, Direction::Ascending) => {
            query.order((operators::created_at.asc(), operators::id.asc()))
        }
        (OperatorSort::CreatedAt, Direction::Descending) => {
            query.order((operators::created_at.desc(), operators::id.desc()))
        }
    };
    let items = query
        .limit(limit)
        .offset(offset)
        .load::<OperatorRow>(conn)?
        .into_iter()
        .map(Operator::try_from)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Paginated {
        items,
        total: count(total),
        limit: page.limit,
        offset: page.offset,
    })
}

/// Renames the operator, if it is still at `expected_version`.
///
/// # Errors
/// [`StoreError::NotFound`], [`StoreError::Stale`] when the stored version differs,
/// [`StoreError::Invalid`] for a bad name, [`StoreError::Conflict`] (field `name`).
pub fn rename(
    conn: &mut DbConnection,
    organization_id: Uuid,
    id: Uuid,
    expected_version: i64,
    name: &str,
) -> Result<Operator, StoreError> {
    validate_name("name", name)?;
    let updated = diesel::update(
        operators::table
            .filter(operators::id.eq(id.to_string()))
            .filter(operators::organization_id.eq(organization_id.to_string()))
            .filter(operators::version.eq(expected_version)),
    )
    .set((
        operators::name.eq(name),
        operators::version.eq(expected_version + 1),
        operators::updated_at.eq(now().naive_utc()),
    ))
    .execute(conn)?;
    let stored = get(conn, organization_id, id)?;
    if updated == 0 {
        return Err(stale(ENTITY, stored.version));
    }
    Ok(stored)
}

/// Deletes the operator when no well refers to it (and, when given, it is still at
/// `expected_version`).
///
/// # Errors
/// [`StoreError::NotFound`], [`StoreError::Stale`], or [`StoreError::InUse`]
/// naming how many wells refer to it.
pub fn delete(
    conn: &mut DbConnection,
    organization_id: Uuid,
    id: Uuid,
    expected_version: Option<i64>,
) -> Result<(), StoreError> {
    transaction(conn, |tx| {
        let current = get(tx, organization_id, id)?;
        if let Some(expected) = expected_version
            && current.version != expected
        {
            return Err(stale(ENTITY, current.version));
        }
        let wells: i64 = wells::table
            .filter(wells::organization_id.eq(organization_id.to_string()))
            .filter(wells::operator_id.eq(id.to_string()))
            .count()
            .get_result(tx)?;
        if wells > 0 {
            return Err(StoreError::InUse {
                entity: ENTITY.to_owned(),
                dependents: "wells".to_owned(),
                count: count(wells),
            });
        }
        diesel::delete(operators::table.filter(operators::id.eq(id.to_string()))).execute(tx)?;
        Ok(())
    })
}
