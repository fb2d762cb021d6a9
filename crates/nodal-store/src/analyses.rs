//! Saved analyses: the full input and result of one engine run on a well, who ran
//! it, when, and with which engine version. Immutable: there is no update (the
//! database refuses one), and they are deleted only with their well.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::connection::DbConnection;
use crate::error::StoreError;
use crate::page::{Page, Paginated};
use crate::pool::transaction;
use crate::records::{count, now, parse_uuid};
use crate::schema::analyses;
use crate::wells::text_enum;

const ENTITY: &str = "analysis";

text_enum!(
    /// What an analysis computed.
    AnalysisKind {
        /// Fluid properties over pressure at one temperature.
        Pvt = "pvt",
        /// One pressure traverse.
        Traverse = "traverse",
        /// An outflow (VLP) curve.
        Vlp = "vlp",
        /// The operating point where inflow meets outflow.
        OperatingPoint = "operating_point",
        /// Operating points over one or two varied inputs.
        Sensitivity = "sensitivity",
    }
);

/// What a caller saves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewAnalysis<'a> {
    /// The well analysed.
    pub well_id: Uuid,
    /// What was computed.
    pub kind: AnalysisKind,
    /// The full engine input, JSON text.
    pub input: &'a str,
    /// The full result, JSON text.
    pub result: &'a str,
    /// Engine version that computed it.
    pub engine_version: &'a str,
    /// Who ran it.
    pub created_by: Uuid,
}

/// A saved analysis without its documents, as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalysisSummary {
    /// Identifier (UUID v7).
    pub id: Uuid,
    /// The well analysed.
    pub well_id: Uuid,
    /// What was computed.
    pub kind: AnalysisKind,
    /// Engine version that computed it.
    pub engine_version: String,
    /// Who ran it.
    pub created_by: Uuid,
    /// When it was saved (UTC).
    pub created_at: DateTime<Utc>,
}

/// A saved analysis with its input and result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// Identity and provenance.
    pub summary: AnalysisSummary,
    /// The full engine input, JSON text.
    pub input: String,
    /// The full result, JSON text.
    pub result: String,
}

/// Filters of [`list`]; `None` matches every analysis.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AnalysisFilter {
    /// Only this kind.
    pub kind: Option<AnalysisKind>,
    /// Only analyses saved at or after this time.
    pub created_from: Option<DateTime<Utc>>,
    /// Only analyses saved before this time.
    pub created_before: Option<DateTime<Utc>>,
}

type SummaryRow = (String, String, String, String, String, NaiveDateTime);

fn summary(row: SummaryRow) -> Result<AnalysisSummary, StoreError> {
    let (id, well_id, kind, engine_version, created_by, created_at) = row;
    Ok(AnalysisSummary {
        id: parse_uuid("analysis id", &id)?,
        well_id: parse_uuid("well id", &well_id)?,
        kind: AnalysisKind::parse(&kind)
            .ok_or_else(|| StoreError::Internal(format!("unknown analysis kind {kind:?}")))?,
        engine_version,
        created_by: parse_uuid("user id", &created_by)?,
        created_at: created_at.and_utc(),
    })
}

macro_rules! summary_columns {
    () => {
        (
            analyses::id,
            analyses::well_id,
            analyses::kind,
            analyses::engine_version,
            analyses::created_by,
            analyses::created_at,
        )
    };
}

/// Saves an analysis of a well of the organization.
///
/// # Errors
/// [`StoreError::NotFound`] (entity `well`) when the organization has no such well.
pub fn create(
    conn: &mut DbConnection,
    organization_id: Uuid,
    new: &NewAnalysis<'_>,
) -> Result<Analysis, StoreError> {
    transaction(conn, |tx| {
        crate::wells::get(tx, organization_id, new.well_id)?;
        let id = Uuid::now_v7();
        let at = now();
        diesel::insert_into(analyses::table)
            .values((
                analyses::id.eq(id.to_string()),
                analyses::organization_id.eq(organization_id.to_string()),
                analyses::well_id.eq(new.well_id.to_string()),
                analyses::kind.eq(new.kind.as_str()),
                analyses::input.eq(new.input),
                analyses::result.eq(new.result),
                analyses::engine_version.eq(new.engine_version),
                analyses::created_by.eq(new.created_by.to_string()),
                analyses::created_at.eq(at.naive_utc()),
            ))
            .execute(tx)?;
        Ok(Analysis {
            summary: AnalysisSummary {
                id,
                well_id: new.well_id,
                kind: new.kind,
                engine_version: new.engine_version.to_owned(),
                created_by: new.created_by,
                created_at: at,
            },
            input: new.input.to_owned(),
            result: new.result.to_owned(),
        })
    })
}

/// The analysis `id` of the organization, with its documents.
///
/// # Errors
/// [`StoreError::NotFound`] when the organization has no such analysis.
pub fn get(
    conn: &mut DbConnection,
    organization_id: Uuid,
    id: Uuid,
) -> Result<Analysis, StoreError> {
    let (row, input, result) = analyses::table
        .filter(analyses::id.eq(id.to_string()))
        .filter(analyses::organization_id.eq(organization_id.to_string()))
        .select((summary_columns!(), analyses::input, analyses::result))
        .first::<(SummaryRow, String, String)>(conn)
        .optional()?
        .ok_or_else(|| StoreError::not_found(ENTITY))?;
    Ok(Analysis {
        summary: summary(row)?,
        input,
        result,
    })
}

/// One page of a well's analyses matching `filter`, newest first, and how many
/// match.
///
/// # Errors
/// [`StoreError::NotFound`] (entity `well`) when the organization has no such well;
/// [`StoreError::Invalid`] for a page outside the limits.
pub fn list(
    conn: &mut DbConnection,
    organization_id: Uuid,
    well_id: Uuid,
    filter: AnalysisFilter,
    page: Page,
) -> Result<Paginated<AnalysisSummary>, StoreError> {
    let (limit, offset) = page.to_sql()?;
    crate::wells::get(conn, organization_id, well_id)?;
    let key = well_id.to_string();
    let filtered = || {
        let mut query = analyses::table
            .filter(analyses::well_id.eq(key.clone()))
            .into_boxed();
        if let Some(kind) = filter.kind {
            query = query.filter(analyses::kind.eq(kind.as_str()));
        }
        if let Some(from) = filter.created_from {
            query = query.filter(analyses::created_at.ge(from.naive_utc()));
        }
        if let Some(before) = filter.created_before {
            query = query.filter(analyses::created_at.lt(before.naive_utc()));
        }
        query
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let items = filtered()
        .select(summary_columns!())
        .order((analyses::created_at.desc(), analyses::id.desc()))
        .limit(limit)
        .offset(offset)
        .load::<SummaryRow>(conn)?
        .into_iter()
        .map(summary)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Paginated {
        items,
        total: count(total),
        limit: page.limit,
        offset: page.offset,
    })
}
