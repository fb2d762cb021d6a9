//! Deviation surveys: one per well, a header and its stations.
//!
//! [`replace`] swaps the whole survey in one transaction: a reader sees the old
//! survey or the new one, never a mix, and a failure at any station leaves the old
//! survey as it was. Station values are checked by the API (and by the database's
//! range checks) before they reach here.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::connection::DbConnection;
use crate::error::StoreError;
use crate::pool::transaction;
use crate::records::{now, parse_uuid, stale};
use crate::schema::{survey_stations, surveys};
use crate::wells::text_enum;

const ENTITY: &str = "survey";

/// Rows per multi-row insert (5 bound values each, well under every backend's limit).
const INSERT_CHUNK: usize = 500;

text_enum!(
    /// How a survey was uploaded.
    SurveySource {
        /// A JSON list of stations.
        Json = "json",
        /// A CSV file.
        Csv = "csv",
    }
);

/// One survey station.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Station {
    /// Measured depth, ft.
    pub md_ft: f64,
    /// Inclination from vertical, degrees.
    pub inclination_deg: f64,
    /// Azimuth from north, degrees.
    pub azimuth_deg: f64,
}

/// A stored survey.
#[derive(Debug, Clone, PartialEq)]
pub struct Survey {
    /// The well.
    pub well_id: Uuid,
    /// How it was uploaded.
    pub source: SurveySource,
    /// Upload counter, starting at 1; the ETag.
    pub version: i64,
    /// Who uploaded it.
    pub uploaded_by: Uuid,
    /// When (UTC).
    pub uploaded_at: DateTime<Utc>,
    /// Stations in measured-depth order.
    pub stations: Vec<Station>,
}

#[derive(Insertable)]
#[diesel(table_name = survey_stations)]
struct StationInsert<'a> {
    well_id: &'a str,
    station_index: i32,
    md_ft: f64,
    inclination_deg: f64,
    azimuth_deg: f64,
}

/// The version of the well's survey, `None` when it has none.
fn current_version(conn: &mut DbConnection, well_id: &str) -> Result<Option<i64>, StoreError> {
    Ok(surveys::table
        .filter(surveys::well_id.eq(well_id))
        .select(surveys::version)
        .first::<i64>(conn)
        .optional()?)
}

/// Replaces the survey of the well (creating it when there is none) with `stations`.
///
/// When `expected_version` is given the stored survey must be at that version
/// (`0` meaning "no survey yet"). The version goes up by one.
///
/// # Errors
/// [`StoreError::NotFound`] (entity `well`) when the organization has no such
/// well, [`StoreError::Stale`], [`StoreError::Invalid`] for a station the database
/// refuses; on every error the previous survey is untouched.
pub fn replace(
    conn: &mut DbConnection,
    organization_id: Uuid,
    well_id: Uuid,
    source: SurveySource,
    uploaded_by: Uuid,
    stations: &[Station],
    expected_version: Option<i64>,
) -> Result<Survey, StoreError> {
    let station_count = i32::try_from(stations.len())
        .map_err(|_| StoreError::Invalid("too many survey stations".to_owned()))?;
    transaction(conn, |tx| {
        crate::wells::get(tx, organization_id, well_id)?;
        let key = well_id.to_string();
        let previous = current_version(tx, &key)?;
        if let Some(expected) = expected_version
            && previous.unwrap_or(0) != expected
        {
            return Err(stale(ENTITY, previous.unwrap_or(0)));
        }
        let version = previous.unwrap_or(0) + 1;
        let at = now();
        diesel::delete(survey_stations::table.filter(survey_stations::well_id.eq(&key)))
            .execute(tx)?;
        let header = (
            surveys::source.eq(source.as_str()),
            surveys::station_count.eq(station_count),
            surveys::version.eq(version),
            surveys::uploaded_by.eq(uploaded_by.to_string()),
            surveys::uploaded_at.eq(at.naive_utc()),
        );
        let written = match previous {
            Some(old) => diesel::update(
                surveys::table
                    .filter(surveys::well_id.eq(&key))
                    .filter(surveys::version.eq(old)),
            )
            .set(header)
            .execute(tx)?,
            None => diesel::insert_into(surveys::table)
                .values((
                    surveys::well_id.eq(&key),
                    surveys::organization_id.eq(organization_id.to_string()),
                    header,
                ))
                .execute(tx)?,
        };
        if written == 0 {
            let now_at = current_version(tx, &key)?.unwrap_or(0);
            return Err(stale(ENTITY, now_at));
        }
        let rows: Vec<StationInsert<'_>> = stations
            .iter()
            .zip(0_i32..)
            .map(|(s, index)| StationInsert {
                well_id: &key,
                station_index: index,
                md_ft: s.md_ft,
                inclination_deg: s.inclination_deg,
                azimuth_deg: s.azimuth_deg,
            })
            .collect();
        insert_stations(tx, &rows)?;
        Ok(Survey {
            well_id,
            source,
            version,
            uploaded_by,
            uploaded_at: at,
            stations: stations.to_vec(),
        })
    })
}

/// Multi-row inserts run on the backend connection: diesel's shared connection type
/// cannot batch.
fn insert_stations(conn: &mut DbConnection, rows: &[StationInsert<'_>]) -> Result<(), StoreError> {
    for chunk in rows.chunks(INSERT_CHUNK) {
        match conn {
            DbConnection::Pg(pg) => diesel::insert_into(survey_stations::table)
                .values(chunk)
                .execute(pg)?,
            DbConnection::Sqlite(sqlite) => diesel::insert_into(survey_stations::table)
                .values(chunk)
                .execute(sqlite)?,
        };
    }
    Ok(())
}

/// The survey of the well.
///
/// # Errors
/// [`StoreError::NotFound`] with entity `well` when the organization has no such
/// well, or `survey` when the well has no survey.
pub fn get(
    conn: &mut DbConnection,
    organization_id: Uuid,
    well_id: Uuid,
) -> Result<Survey, StoreError> {
    let key = well_id.to_string();
    let header = surveys::table
        .filter(surveys::well_id.eq(&key))
        .filter(surveys::organization_id.eq(organization_id.to_string()))
        .select((
            surveys::source,
            surveys::version,
            surveys::uploaded_by,
            surveys::uploaded_at,
        ))
        .first::<(String, i64, String, NaiveDateTime)>(conn)
        .optional()?;
    let Some((source, version, uploaded_by, uploaded_at)) = header else {
        // Tell "no such well" from "no survey yet".
        crate::wells::get(conn, organization_id, well_id)?;
        return Err(StoreError::not_found(ENTITY));
    };
    let stations = survey_stations::table
        .filter(survey_stations::well_id.eq(&key))
        .order(survey_stations::station_index.asc())
        .select((
            survey_stations::md_ft,
            survey_stations::inclination_deg,
            survey_stations::azimuth_deg,
        ))
        .load::<(f64, f64, f64)>(conn)?
        .into_iter()
        .map(|(md_ft, inclination_deg, azimuth_deg)| Station {
            md_ft,
            inclination_deg,
            azimuth_deg,
        })
        .collect();
    Ok(Survey {
        well_id,
        source: SurveySource::parse(&source)
            .ok_or_else(|| StoreError::Internal(format!("unknown survey source {source:?}")))?,
        version,
        uploaded_by: parse_uuid("uploader id", &uploaded_by)?,
        uploaded_at: uploaded_at.and_utc(),
        stations,
    })
}
