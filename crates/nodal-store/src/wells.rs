//! Wells: identity, classification, location and the data an analysis needs, kept
//! per organization.
//!
//! The fluid, inflow and completion documents are JSON text that the API validates
//! against its typed descriptions before storing; the store keeps them verbatim.
//! Every function takes the caller's organization: a well of another organization
//! is `NotFound`.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::connection::DbConnection;
use crate::error::StoreError;
use crate::page::{Page, Paginated};
use crate::pool::transaction;
use crate::records::{Direction, count, now, parse_uuid, stale, validate_name};
use crate::schema::{analyses, survey_stations, surveys, wells};

const ENTITY: &str = "well";

/// Longest accepted well identifier (API/UWI number), in characters.
pub const MAX_UWI_CHARS: usize = 64;

macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored (and wire) name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The value stored as `text`.
            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}
pub(crate) use text_enum;

text_enum!(
    /// What a well produces or injects.
    WellType {
        /// Oil producer.
        Oil = "oil",
        /// Gas producer.
        Gas = "gas",
        /// Water injector.
        WaterInjector = "water_injector",
        /// Gas injector.
        GasInjector = "gas_injector",
    }
);

text_enum!(
    /// Where a well is in its life.
    WellStatus {
        /// Not drilled yet.
        Planned = "planned",
        /// Being drilled or completed.
        Drilling = "drilling",
        /// On production.
        Producing = "producing",
        /// On injection.
        Injecting = "injecting",
        /// Temporarily shut in.
        ShutIn = "shut_in",
        /// Suspended.
        Suspended = "suspended",
        /// Plugged and abandoned.
        Abandoned = "abandoned",
    }
);

/// Everything a caller writes about a well (create and full update).
#[derive(Debug, Clone, PartialEq)]
pub struct WellFields {
    /// Display name (1 to 200 characters).
    pub name: String,
    /// API or UWI number, unique within the organization regardless of case.
    pub uwi: String,
    /// Operator of the same organization, if recorded.
    pub operator_id: Option<Uuid>,
    /// What the well produces or injects.
    pub well_type: WellType,
    /// Life-cycle status.
    pub status: WellStatus,
    /// Surface latitude, degrees (−90 to 90).
    pub latitude_deg: Option<f64>,
    /// Surface longitude, degrees (−180 to 180).
    pub longitude_deg: Option<f64>,
    /// Average reservoir pressure, psia.
    pub reservoir_pressure_psia: Option<f64>,
    /// Reservoir temperature, °F.
    pub reservoir_temperature_degf: Option<f64>,
    /// Flowing wellhead pressure, psia.
    pub wellhead_pressure_psia: Option<f64>,
    /// Flowing wellhead temperature, °F.
    pub wellhead_temperature_degf: Option<f64>,
    /// Fluid description, JSON text.
    pub fluid: Option<String>,
    /// Inflow model, JSON text.
    pub inflow: Option<String>,
    /// Completion (flow-path sections), JSON text.
    pub completion: Option<String>,
}

/// A stored well.
#[derive(Debug, Clone, PartialEq)]
pub struct Well {
    /// Identifier (UUID v7).
    pub id: Uuid,
    /// Owning organization.
    pub organization_id: Uuid,
    /// What the caller wrote.
    pub fields: WellFields,
    /// Update counter, starting at 1; the ETag.
    pub version: i64,
    /// Creation time (UTC).
    pub created_at: DateTime<Utc>,
    /// Last change (UTC).
    pub updated_at: DateTime<Utc>,
}

/// Filters of [`list`]; `None` matches every well.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WellFilter {
    /// Only this operator's wells.
    pub operator_id: Option<Uuid>,
    /// Only wells of this type.
    pub well_type: Option<WellType>,
    /// Only wells with this status.
    pub status: Option<WellStatus>,
}

/// Sort keys of [`list`]; ties are broken by id.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum WellSort {
    /// By name.
    #[default]
    Name,
    /// By API/UWI number.
    Uwi,
    /// By creation time.
    CreatedAt,
    /// By last change.
    UpdatedAt,
}

type Row = (
    (
        String,
        String,
        Option<String>,
        String,
        String,
        String,
        String,
    ),
    (
        Option<f64>,
        Option<f64>,
        Option<f64>,
        Option<f64>,
        Option<f64>,
        Option<f64>,
    ),
    (Option<String>, Option<String>, Option<String>),
    (i64, NaiveDateTime, NaiveDateTime),
);

macro_rules! columns {
    () => {
        (
            (
                wells::id,
                wells::organization_id,
                wells::operator_id,
                wells::name,
                wells::uwi,
                wells::well_type,
                wells::status,
            ),
            (
                wells::latitude_deg,
                wells::longitude_deg,
                wells::reservoir_pressure_psia,
                wells::reservoir_temperature_degf,
                wells::wellhead_pressure_psia,
                wells::wellhead_temperature_degf,
            ),
            (wells::fluid, wells::inflow, wells::completion),
            (wells::version, wells::created_at, wells::updated_at),
        )
    };
}

fn from_row(row: Row) -> Result<Well, StoreError> {
    let ((id, org, operator, name, uwi, well_type, status), numbers, documents, meta) = row;
    let (lat, lon, pr, tr, pwh, twh) = numbers;
    let (fluid, inflow, completion) = documents;
    let (version, created_at, updated_at) = meta;
    Ok(Well {
        id: parse_uuid("well id", &id)?,
        organization_id: parse_uuid("organization id", &org)?,
        fields: WellFields {
            name,
            uwi,
            operator_id: operator
                .as_deref()
                .map(|o| parse_uuid("operator id", o))
                .transpose()?,
            well_type: WellType::parse(&well_type).ok_or_else(|| {
                StoreError::Internal(format!("unknown stored well type {well_type:?}"))
            })?,
            status: WellStatus::parse(&status).ok_or_else(|| {
                StoreError::Internal(format!("unknown stored well status {status:?}"))
            })?,
            latitude_deg: lat,
            longitude_deg: lon,
            reservoir_pressure_psia: pr,
            reservoir_temperature_degf: tr,
            wellhead_pressure_psia: pwh,
            wellhead_temperature_degf: twh,
            fluid,
            inflow,
            completion,
        },
        version,
        created_at: created_at.and_utc(),
        updated_at: updated_at.and_utc(),
    })
}

/// Checks what the database cannot: name and identifier text, coordinate ranges,
/// finite numbers.
///
/// # Errors
/// [`StoreError::Invalid`] naming the first rule broken.
pub fn validate(fields: &WellFields) -> Result<(), StoreError> {
    validate_name("name", &fields.name)?;
    let uwi = fields.uwi.trim();
    if uwi.is_empty() || uwi.len() != fields.uwi.len() {
        return Err(StoreError::Invalid(
            "uwi must not be blank or have surrounding spaces".to_owned(),
        ));
    }
    if fields.uwi.chars().count() > MAX_UWI_CHARS || fields.uwi.chars().any(char::is_control) {
        return Err(StoreError::Invalid(format!(
            "uwi must be at most {MAX_UWI_CHARS} characters without control characters"
        )));
    }
    let ranges = [
        ("latitude_deg", fields.latitude_deg, -90.0, 90.0),
        ("longitude_deg", fields.longitude_deg, -180.0, 180.0),
    ];
    for (field, value, min, max) in ranges {
        if let Some(v) = value
            && !(v.is_finite() && (min..=max).contains(&v))
        {
            return Err(StoreError::Invalid(format!(
                "{field} must be between {min} and {max}"
            )));
        }
    }
    let numbers = [
        ("reservoir_pressure_psia", fields.reservoir_pressure_psia),
        (
            "reservoir_temperature_degf",
            fields.reservoir_temperature_degf,
        ),
        ("wellhead_pressure_psia", fields.wellhead_pressure_psia),
        (
            "wellhead_temperature_degf",
            fields.wellhead_temperature_degf,
        ),
    ];
    for (field, value) in numbers {
        if value.is_some_and(|v| !v.is_finite()) {
            return Err(StoreError::Invalid(format!(
                "{field} must be a finite number"
            )));
        }
    }
    Ok(())
}

/// Creates a well.
///
/// # Errors
/// [`StoreError::Invalid`] (see [`validate`]); [`StoreError::Conflict`] with field
/// `uwi` when the organization has a well with that identifier in any case, or
/// `operator_id` when the operator is not the organization's.
pub fn create(
    conn: &mut DbConnection,
    organization_id: Uuid,
    fields: &WellFields,
) -> Result<Well, StoreError> {
    validate(fields)?;
    let id = Uuid::now_v7();
    let at = now();
    diesel::insert_into(wells::table)
        .values((
            (
                wells::id.eq(id.to_string()),
                wells::organization_id.eq(organization_id.to_string()),
                wells::version.eq(1_i64),
                wells::created_at.eq(at.naive_utc()),
                wells::updated_at.eq(at.naive_utc()),
            ),
            changes(fields),
        ))
        .execute(conn)?;
    Ok(Well {
        id,
        organization_id,
        fields: fields.clone(),
        version: 1,
        created_at: at,
        updated_at: at,
    })
}

#[allow(clippy::type_complexity)]
fn changes(
    f: &WellFields,
) -> (
    (
        diesel::dsl::Eq<wells::operator_id, Option<String>>,
        diesel::dsl::Eq<wells::name, &str>,
        diesel::dsl::Eq<wells::uwi, &str>,
        diesel::dsl::Eq<wells::well_type, &'static str>,
        diesel::dsl::Eq<wells::status, &'static str>,
    ),
    (
        diesel::dsl::Eq<wells::latitude_deg, Option<f64>>,
        diesel::dsl::Eq<wells::longitude_deg, Option<f64>>,
        diesel::dsl::Eq<wells::reservoir_pressure_psia, Option<f64>>,
        diesel::dsl::Eq<wells::reservoir_temperature_degf, Option<f64>>,
        diesel::dsl::Eq<wells::wellhead_pressure_psia, Option<f64>>,
        diesel::dsl::Eq<wells::wellhead_temperature_degf, Option<f64>>,
    ),
    (
        diesel::dsl::Eq<wells::fluid, Option<&str>>,
        diesel::dsl::Eq<wells::inflow, Option<&str>>,
        diesel::dsl::Eq<wells::completion, Option<&str>>,
    ),
) {
    (
        (
            wells::operator_id.eq(f.operator_id.map(|o| o.to_string())),
            wells::name.eq(f.name.as_str()),
            wells::uwi.eq(f.uwi.as_str()),
            wells::well_type.eq(f.well_type.as_str()),
            wells::status.eq(f.status.as_str()),
        ),
        (
            wells::latitude_deg.eq(f.latitude_deg),
            wells::longitude_deg.eq(f.longitude_deg),
            wells::reservoir_pressure_psia.eq(f.reservoir_pressure_psia),
            wells::reservoir_temperature_degf.eq(f.reservoir_temperature_degf),
            wells::wellhead_pressure_psia.eq(f.wellhead_pressure_psia),
            wells::wellhead_temperature_degf.eq(f.wellhead_temperature_degf),
        ),
        (
            wells::fluid.eq(f.fluid.as_deref()),
            wells::inflow.eq(f.inflow.as_deref()),
            wells::completion.eq(f.completion.as_deref()),
        ),
    )
}

/// The well `id` of the organization.
///
/// # Errors
/// [`StoreError::NotFound`] when the organization has no such well.
pub fn get(conn: &mut DbConnection, organization_id: Uuid, id: Uuid) -> Result<Well, StoreError> {
    let row = wells::table
        .filter(wells::id.eq(id.to_string()))
        .filter(wells::organization_id.eq(organization_id.to_string()))
        .select(columns!())
        .first::<Row>(conn)
        .optional()?
        .ok_or_else(|| StoreError::not_found(ENTITY))?;
    from_row(row)
}

/// One page of the organization's wells matching `filter`, and how many match.
///
/// # Errors
/// [`StoreError::Invalid`] for a page outside the limits.
pub fn list(
    conn: &mut DbConnection,
    organization_id: Uuid,
    filter: WellFilter,
    sort: WellSort,
    direction: Direction,
    page: Page,
) -> Result<Paginated<Well>, StoreError> {
    let (limit, offset) = page.to_sql()?;
    let org = organization_id.to_string();
    let operator = filter.operator_id.map(|o| o.to_string());
    let filtered = || {
        let mut query = wells::table
            .filter(wells::organization_id.eq(org.clone()))
            .into_boxed();
        if let Some(operator) = &operator {
            query = query.filter(wells::operator_id.eq(operator.clone()));
        }
        if let Some(well_type) = filter.well_type {
            query = query.filter(wells::well_type.eq(well_type.as_str()));
        }
        if let Some(status) = filter.status {
            query = query.filter(wells::status.eq(status.as_str()));
        }
        query
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let query = filtered().select(columns!());
    let query = match (sort, direction) {
        (WellSort::Name, Direction::Ascending) => query.order((wells::name.asc(), wells::id.asc())),
        (WellSort::Name, Direction::Descending) => {
            query.order((wells::name.desc(), wells::id.desc()))
        }
        (WellSort::Uwi, Direction::Ascending) => query.order((wells::uwi.asc(), wells::id.asc())),
        (WellSort::Uwi, Direction::Descending) => {
            query.order((wells::uwi.desc(), wells::id.desc()))
        }
        (WellSort::CreatedAt, Direction::Ascending) => {
            query.order((wells::created_at.asc(), wells::id.asc()))
        }
        (WellSort::CreatedAt, Direction::Descending) => {
            query.order((wells::created_at.desc(), wells::id.desc()))
        }
        (WellSort::UpdatedAt, Direction::Ascending) => {
            query.order((wells::updated_at.asc(), wells::id.asc()))
        }
        (WellSort::UpdatedAt, Direction::Descending) => {
            query.order((wells::updated_at.desc(), wells::id.desc()))
        }
    };
    let items = query
        .limit(limit)
        .offset(offset)
        .load::<Row>(conn)?
        .into_iter()
        .map(from_row)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Paginated {
        items,
        total: count(total),
        limit: page.limit,
        offset: page.offset,
    })
}

/// Replaces every field of the well, if it is still at `expected_version`; the
/// version goes up by one.
///
/// # Errors
/// [`StoreError::NotFound`], [`StoreError::Stale`] when someone else changed it,
/// and the errors of [`create`].
pub fn update(
    conn: &mut DbConnection,
    organization_id: Uuid,
    id: Uuid,
    expected_version: i64,
    fields: &WellFields,
) -> Result<Well, StoreError> {
    validate(fields)?;
    let updated = diesel::update(
        wells::table
            .filter(wells::id.eq(id.to_string()))
            .filter(wells::organization_id.eq(organization_id.to_string()))
            .filter(wells::version.eq(expected_version)),
    )
    .set((
        changes(fields),
        (
            wells::version.eq(expected_version + 1),
            wells::updated_at.eq(now().naive_utc()),
        ),
    ))
    .execute(conn)?;
    let stored = get(conn, organization_id, id)?;
    if updated == 0 {
        return Err(stale(ENTITY, stored.version));
    }
    Ok(stored)
}

/// Deletes the well and its survey. A well with saved analyses is refused unless
/// `cascade` is set, which deletes the analyses too. Everything happens in one
/// transaction: on any error nothing is deleted.
///
/// # Errors
/// [`StoreError::NotFound`], [`StoreError::Stale`] when `expected_version` is given
/// and differs, [`StoreError::InUse`] naming the number of analyses.
pub fn delete(
    conn: &mut DbConnection,
    organization_id: Uuid,
    id: Uuid,
    expected_version: Option<i64>,
    cascade: bool,
) -> Result<(), StoreError> {
    transaction(conn, |tx| {
        let current = get(tx, organization_id, id)?;
        if let Some(expected) = expected_version
            && current.version != expected
        {
            return Err(stale(ENTITY, current.version));
        }
        let key = id.to_string();
        let saved: i64 = analyses::table
            .filter(analyses::well_id.eq(&key))
            .count()
            .get_result(tx)?;
        if saved > 0 && !cascade {
            return Err(StoreError::InUse {
                entity: ENTITY.to_owned(),
                dependents: "analyses".to_owned(),
                count: count(saved),
            });
        }
        diesel::delete(analyses::table.filter(analyses::well_id.eq(&key))).execute(tx)?;
        diesel::delete(survey_stations::table.filter(survey_stations::well_id.eq(&key)))
            .execute(tx)?;
        diesel::delete(surveys::table.filter(surveys::well_id.eq(&key))).execute(tx)?;
        let deleted = diesel::delete(
            wells::table
                .filter(wells::id.eq(&key))
                .filter(wells::version.eq(current.version)),
        )
        .execute(tx)?;
        if deleted == 0 {
            // Changed between the read and the delete (PostgreSQL, read committed).
            let now_at = get(tx, organization_id, id)?;
            return Err(stale(ENTITY, now_at.version));
        }
        Ok(())
    })
}
