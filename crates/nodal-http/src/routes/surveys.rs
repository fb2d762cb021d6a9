//! Deviation surveys of wells: `/api/v1/wells/{id}/survey`, uploaded as JSON or CSV,
//! read back in either, and the trajectory the engine computes from them.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, put, web};
use chrono::{DateTime, Utc};
use nodal_store::surveys::{self, Station, Survey, SurveySource};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::field::{ExportFormat, IfMatch, etag, wants_csv, with_db};
use super::hydraulics::{
    MAX_SURVEY_STATIONS, SurveyStationInput, TrajectoryRequest, TrajectoryResponse, check_survey,
    compute_trajectory, off_worker,
};
use crate::error::{ApiError, FieldError, Problem};
use crate::extract;
use crate::identity::AuthUser;
use crate::state::AppState;
use crate::validate::Check;

/// Header of a survey CSV (columns in any order; names are case-insensitive).
pub const CSV_HEADER: &str = "md_ft,inclination_deg,azimuth_deg";

/// `PUT /wells/{id}/survey` JSON body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"stations": [
    {"md_ft": 0.0, "inclination_deg": 0.0, "azimuth_deg": 0.0},
    {"md_ft": 2000.0, "inclination_deg": 0.0, "azimuth_deg": 0.0},
    {"md_ft": 4000.0, "inclination_deg": 30.0, "azimuth_deg": 45.0},
    {"md_ft": 8000.0, "inclination_deg": 30.0, "azimuth_deg": 45.0}]}))]
pub struct SurveyUpload {
    /// Stations, MD strictly increasing, 2 to 5,000.
    pub stations: Vec<SurveyStationInput>,
}

/// A stored survey.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "well_id": "0193f1e2-7c4a-7d1e-9a55-1b2c3d4e5f60", "source": "csv", "version": 2,
    "uploaded_by": "0193f1e2-0000-7000-8000-000000000001",
    "uploaded_at": "2026-11-27T08:20:00Z", "station_count": 2,
    "stations": [{"md_ft": 0.0, "inclination_deg": 0.0, "azimuth_deg": 0.0},
                 {"md_ft": 8000.0, "inclination_deg": 30.0, "azimuth_deg": 45.0}]
}))]
pub struct SurveyOut {
    /// The well.
    pub well_id: Uuid,
    /// `json` or `csv`: how it was uploaded.
    pub source: &'static str,
    /// Upload counter, also the `ETag`.
    pub version: i64,
    /// Who uploaded it.
    pub uploaded_by: Uuid,
    /// When (UTC).
    pub uploaded_at: DateTime<Utc>,
    /// Number of stations.
    pub station_count: usize,
    /// Stations in measured-depth order.
    pub stations: Vec<SurveyStationInput>,
}

/// Stored stations as the calculation routes take them.
pub(crate) fn station_inputs(stations: &[Station]) -> Vec<SurveyStationInput> {
    stations
        .iter()
        .map(|s| SurveyStationInput {
            md_ft: s.md_ft,
            inclination_deg: s.inclination_deg,
            azimuth_deg: s.azimuth_deg,
        })
        .collect()
}

impl From<&Survey> for SurveyOut {
    fn from(s: &Survey) -> Self {
        Self {
            well_id: s.well_id,
            source: s.source.as_str(),
            version: s.version,
            uploaded_by: s.uploaded_by,
            uploaded_at: s.uploaded_at,
            station_count: s.stations.len(),
            stations: station_inputs(&s.stations),
        }
    }
}

/// Parses a survey CSV: a header naming the three columns, then one station per line.
/// Blank lines and lines starting with `#` are skipped. Every error names its line
/// (1-based, counting the header) and column as `lines[N].column`; the stations
/// checks (ranges, MD strictly increasing) name lines the same way.
pub fn parse_csv(text: &str) -> Result<Vec<SurveyStationInput>, ApiError> {
    // Spreadsheets save "CSV UTF-8" with a byte-order mark before the header.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'));
    let Some((header_line, header)) = lines.next() else {
        return Err(ApiError::invalid_field(
            "body",
            format!("the CSV is empty; its first line must be the header `{CSV_HEADER}`"),
        ));
    };
    let names: Vec<String> = header
        .split(',')
        .map(|c| c.trim().trim_matches('"').to_ascii_lowercase())
        .collect();
    let column = |name: &str| names.iter().position(|c| c == name);
    let (Some(md), Some(inc), Some(azi)) = (
        column("md_ft"),
        column("inclination_deg"),
        column("azimuth_deg"),
    ) else {
        return Err(ApiError::invalid_field(
            format!("lines[{header_line}]"),
            format!("line {header_line}: the header must name the columns `{CSV_HEADER}`"),
        ));
    };
    let mut check = Check::default();
    let mut stations = Vec::new();
    let mut line_of = Vec::new();
    for (number, line) in lines {
        let cells: Vec<&str> = line
            .split(',')
            .map(|c| c.trim().trim_matches('"'))
            .collect();
        if cells.len() != names.len() {
            check.fail(
                &format!("lines[{number}]"),
                format!(
                    "line {number}: has {} columns, the header {}",
                    cells.len(),
                    names.len()
                ),
            );
            continue;
        }
        let mut value = |index: usize, name: &str| -> f64 {
            match cells[index].parse::<f64>() {
                Ok(v) if v.is_finite() => v,
                _ => {
                    check.fail(
                        &format!("lines[{number}].{name}"),
                        format!("line {number}: `{}` is not a number", echo(cells[index])),
                    );
                    f64::NAN
                }
            }
        };
        let station = SurveyStationInput {
            md_ft: value(md, "md_ft"),
            inclination_deg: value(inc, "inclination_deg"),
            azimuth_deg: value(azi, "azimuth_deg"),
        };
        stations.push(station);
        line_of.push(number);
        if stations.len() > MAX_SURVEY_STATIONS {
            check.fail(
                "body",
                format!("a survey holds at most {MAX_SURVEY_STATIONS} stations"),
            );
            break;
        }
    }
    check.finish()?;
    check_stations(&stations, Some(&line_of))?;
    Ok(stations)
}

/// The calculation routes' survey rules; with `lines`, field paths name CSV lines.
fn check_stations(
    stations: &[SurveyStationInput],
    lines: Option<&[usize]>,
) -> Result<(), ApiError> {
    let mut check = Check::default();
    check_survey(&mut check, "stations", stations);
    let Err(ApiError::Validation { detail, errors }) = check.finish() else {
        return Ok(());
    };
    let Some(lines) = lines else {
        return Err(ApiError::Validation { detail, errors });
    };
    let errors: Vec<FieldError> = errors
        .into_iter()
        .map(|e| {
            let Some((index, rest)) = e
                .field
                .strip_prefix("stations[")
                .and_then(|r| r.split_once(']'))
            else {
                return FieldError::new("body", e.message);
            };
            let line = index
                .parse::<usize>()
                .ok()
                .and_then(|i| lines.get(i))
                .copied()
                .unwrap_or(0);
            FieldError::new(
                format!("lines[{line}]{rest}"),
                format!("line {line}: {}", e.message),
            )
        })
        .collect();
    Err(ApiError::invalid_fields(errors))
}

/// Query of `GET /wells/{id}/survey`.
#[derive(Debug, Clone, Copy, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SurveyQuery {
    /// `json` (default) or `csv`; `Accept: text/csv` also selects CSV.
    #[param(value_type = Option<ExportFormat>)]
    pub format: Option<ExportFormat>,
}

fn media_type(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<actix_web::mime::Mime>().ok())
        .map(|m| m.essence_str().to_ascii_lowercase())
}

/// Uploads the well's deviation survey, replacing the previous one atomically: on any
/// error (a bad CSV row, a stale `If-Match`) the stored survey is unchanged. Send JSON
/// (`{"stations": [...]}`) or `text/csv` with the header `md_ft,inclination_deg,azimuth_deg`.
/// `If-Match` is optional (`"0"` means "only if the well has no survey yet").
#[utoipa::path(
    tag = "field-data",
    params(
        ("id" = Uuid, Path, description = "Well id"),
        ("If-Match" = Option<String>, Header, description = "ETag of the survey you read")
    ),
    request_body(content(
        (SurveyUpload = "application/json"),
        (String = "text/csv", example = json!("md_ft,inclination_deg,azimuth_deg\n0,0,0\n2000,0,0\n4000,30,45\n8000,30,45\n"))
    )),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Stored; `ETag` carries the survey version", body = SurveyOut),
        (status = 403, description = "Viewers cannot write", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such well in your organization", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The survey changed since your read", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body over the limit", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Neither JSON nor CSV", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid stations; for CSV `errors[].field` is `lines[N].column`", body = Problem, content_type = "application/problem+json")
    )
)]
#[put("/wells/{id}/survey")]
pub async fn upload(
    state: web::Data<AppState>,
    user: AuthUser,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    user.require_write()?;
    let expected = IfMatch::from_request(&req)?.optional();
    let (source, stations) = match media_type(&req).as_deref() {
        Some("application/json") => {
            let upload: SurveyUpload = extract::parse(&body)?;
            check_stations(&upload.stations, None)?;
            (SurveySource::Json, upload.stations)
        }
        Some("text/csv") => {
            let text = std::str::from_utf8(&body)
                .map_err(|e| ApiError::BadRequest(format!("the CSV is not UTF-8: {e}")))?;
            (SurveySource::Csv, parse_csv(text)?)
        }
        _ => {
            return Err(ApiError::UnsupportedMediaType(
                "send the survey as application/json or text/csv".into(),
            ));
        }
    };
    let stations: Vec<Station> = stations
        .iter()
        .map(|s| Station {
            md_ft: s.md_ft,
            inclination_deg: s.inclination_deg,
            azimuth_deg: s.azimuth_deg,
        })
        .collect();
    let id = id.into_inner();
    let survey = with_db(&state, move |conn| {
        Ok(surveys::replace(
            conn,
            user.org_id,
            id,
            source,
            user.user_id,
            &stations,
            expected,
        )?)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(survey.version))
        .json(SurveyOut::from(&survey)))
}

/// The well's survey as JSON or CSV (`?format=csv` or `Accept: text/csv`).
#[utoipa::path(
    tag = "field-data",
    params(("id" = Uuid, Path, description = "Well id"), SurveyQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The survey; `ETag` carries its version", body = SurveyOut, content_type = "application/json"),
        (status = 200, description = "The stations as CSV", body = String, content_type = "text/csv",
         example = "md_ft,inclination_deg,azimuth_deg\n0,0,0\n2000,0,0\n"),
        (status = 404, description = "No such well in your organization, or it has no survey", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/wells/{id}/survey")]
pub async fn read(
    state: web::Data<AppState>,
    user: AuthUser,
    req: HttpRequest,
    id: web::Path<Uuid>,
    query: web::Query<SurveyQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let survey = with_db(&state, move |conn| Ok(surveys::get(conn, user.org_id, id)?)).await?;
    if wants_csv(&req, query.format) {
        let mut text = format!("{CSV_HEADER}\n");
        for s in &survey.stations {
            text.push_str(&format!(
                "{},{},{}\n",
                s.md_ft, s.inclination_deg, s.azimuth_deg
            ));
        }
        return Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header(etag(survey.version))
            .insert_header((
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"survey-{id}.csv\""),
            ))
            .body(text));
    }
    Ok(HttpResponse::Ok()
        .insert_header(etag(survey.version))
        .json(SurveyOut::from(&survey)))
}

/// The trajectory of the stored survey by minimum curvature (TVD, north, east,
/// dogleg severity), as `POST /wellbore/trajectory` computes it.
#[utoipa::path(
    tag = "field-data",
    params(("id" = Uuid, Path, description = "Well id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The trajectory", body = TrajectoryResponse),
        (status = 404, description = "No such well in your organization, or it has no survey", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/wells/{id}/survey/trajectory")]
pub async fn trajectory(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let survey = with_db(&state, move |conn| Ok(surveys::get(conn, user.org_id, id)?)).await?;
    let request = TrajectoryRequest {
        stations: station_inputs(&survey.stations),
    };
    let response = off_worker(move || compute_trajectory(&request)).await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(survey.version))
        .json(response))
}

/// A cell quoted back in an error, cut to 64 characters.
fn echo(cell: &str) -> String {
    match cell.char_indices().nth(64) {
        Some((at, _)) => format!("{}…", &cell[..at]),
        None => cell.to_string(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn fields(error: ApiError) -> Vec<String> {
        match error {
            ApiError::Validation { errors, .. } => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("expected 422, got {other:?}"),
        }
    }

    #[test]
    fn csv_parses_in_any_column_order() {
        let stations =
            parse_csv("# from the rig\nAzimuth_deg,md_ft,inclination_deg\n0,0,0\n\n45,5000,30\n")
                .unwrap();
        assert_eq!(stations.len(), 2);
        assert_eq!(stations[1].md_ft, 5000.0);
        assert_eq!(stations[1].inclination_deg, 30.0);
        assert_eq!(stations[1].azimuth_deg, 45.0);
    }

    #[test]
    fn csv_errors_name_line_and_column() {
        let text = "md_ft,inclination_deg,azimuth_deg\n0,0,0\n1000,abc,0\n2000,0\n";
        assert_eq!(
            fields(parse_csv(text).unwrap_err()),
            ["lines[3].inclination_deg", "lines[4]"]
        );
        let text = "md_ft,inclination_deg,azimuth_deg\n0,0,0\n1000,200,0\n900,10,0\n";
        assert_eq!(
            fields(parse_csv(text).unwrap_err()),
            ["lines[3].inclination_deg", "lines[4].md_ft"]
        );
        assert_eq!(
            fields(parse_csv("md,inc,azi\n0,0,0\n").unwrap_err()),
            ["lines[1]"]
        );
        assert_eq!(fields(parse_csv("\n\n").unwrap_err()), ["body"]);
    }

    #[test]
    fn a_long_bad_cell_is_not_echoed_whole() {
        let text = format!(
            "md_ft,inclination_deg,azimuth_deg\n0,0,0\n{},0,0\n",
            "9".repeat(400)
        );
        match parse_csv(&text).unwrap_err() {
            ApiError::Validation { errors, .. } => {
                assert_eq!(errors[0].field, "lines[3].md_ft");
                assert!(errors[0].message.len() < 120, "{}", errors[0].message);
            }
            other => panic!("expected 422, got {other:?}"),
        }
    }
}
