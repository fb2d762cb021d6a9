//! Wells of the caller's organization and their exports: `/api/v1/wells`.
//!
//! The fluid, inflow and completion documents are the same shapes the calculation
//! routes take (`fluid` adds the water cut and water gravity), validated with the same
//! rules before they are stored, so a stored well always builds a valid case.

use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, Utc};
use nodal_store::Direction;
use nodal_store::wells::{self, Well, WellFields, WellFilter, WellSort, WellStatus, WellType};
use nodal_store::{DbConnection, Page, StoreError, operators};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::field::{
    ExportFormat, IfMatch, PageOf, PageQuery, check_name, csv_cell, csv_number, etag, wants_csv,
    with_db,
};
use super::hydraulics::{SectionInput, WellInput};
use super::nodal::InflowInput;
use super::pvt::{FluidInput, MethodsInput};
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::Json;
use crate::identity::AuthUser;
use crate::state::AppState;
use crate::validate::Check;

/// Largest water gravity accepted: brine at the 30 wt % salinity limit of the water
/// correlations (McCain 1991 standard density).
const MAX_WATER_SG: f64 = 1.234;

/// Most wells in one export.
pub const MAX_EXPORT_WELLS: u32 = 10_000;

/// What a well produces or injects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WellTypeInput {
    /// Oil producer.
    Oil,
    /// Gas producer.
    Gas,
    /// Water injector.
    WaterInjector,
    /// Gas injector.
    GasInjector,
}

impl From<WellTypeInput> for WellType {
    fn from(t: WellTypeInput) -> Self {
        match t {
            WellTypeInput::Oil => WellType::Oil,
            WellTypeInput::Gas => WellType::Gas,
            WellTypeInput::WaterInjector => WellType::WaterInjector,
            WellTypeInput::GasInjector => WellType::GasInjector,
        }
    }
}

/// Where a well is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WellStatusInput {
    /// Not drilled yet.
    Planned,
    /// Being drilled or completed.
    Drilling,
    /// On production.
    Producing,
    /// On injection.
    Injecting,
    /// Temporarily shut in.
    ShutIn,
    /// Suspended.
    Suspended,
    /// Plugged and abandoned.
    Abandoned,
}

impl From<WellStatusInput> for WellStatus {
    fn from(s: WellStatusInput) -> Self {
        match s {
            WellStatusInput::Planned => WellStatus::Planned,
            WellStatusInput::Drilling => WellStatus::Drilling,
            WellStatusInput::Producing => WellStatus::Producing,
            WellStatusInput::Injecting => WellStatus::Injecting,
            WellStatusInput::ShutIn => WellStatus::ShutIn,
            WellStatusInput::Suspended => WellStatus::Suspended,
            WellStatusInput::Abandoned => WellStatus::Abandoned,
        }
    }
}

/// The well's fluid: the black-oil description of the calculation routes plus the
/// water cut and, instead of the salinity, optionally the water gravity.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 500.0,
    "water_cut_fraction": 0.2, "water_sg": 1.07, "co2_mole_frac": 0.02,
    "bubble_point_psia": 2400.0, "bubble_point_temperature_degf": 190.0}))]
pub struct WellFluid {
    /// Stock-tank oil gravity, °API.
    pub oil_api: f64,
    /// Surface gas specific gravity, air = 1.
    pub gas_sg: f64,
    /// Solution (and produced) gas-oil ratio, scf/STB.
    pub gor_scf_stb: f64,
    /// Water cut, fraction of liquid (0 to 1).
    #[serde(default)]
    pub water_cut_fraction: f64,
    /// Formation-water specific gravity at standard conditions (fresh water = 1); sets
    /// the salinity by McCain (1991). Give this or `water_salinity_wt_pct`, not both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub water_sg: Option<f64>,
    /// Formation-water salinity, wt % dissolved solids (0 to 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub water_salinity_wt_pct: Option<f64>,
    /// CO2 mole fraction of the gas.
    #[serde(default)]
    pub co2_mole_frac: f64,
    /// H2S mole fraction of the gas.
    #[serde(default)]
    pub h2s_mole_frac: f64,
    /// N2 mole fraction of the gas.
    #[serde(default)]
    pub n2_mole_frac: f64,
    /// First-stage separator pressure, psia.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub separator_pressure_psia: Option<f64>,
    /// First-stage separator temperature, °F.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub separator_temperature_degf: Option<f64>,
    /// Measured bubble point, psia.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bubble_point_psia: Option<f64>,
    /// Temperature of the bubble-point measurement, °F.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bubble_point_temperature_degf: Option<f64>,
    /// Measured oil FVF at the bubble point, rb/STB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oil_fvf_at_bubble_point_rb_stb: Option<f64>,
    /// Measured oil viscosity at the bubble point, cp.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oil_viscosity_at_bubble_point_cp: Option<f64>,
    /// PVT correlation choices (see `GET /pvt/methods`); the recommended ones fill gaps.
    #[serde(default)]
    pub pvt_methods: MethodsInput,
}

impl WellFluid {
    /// The calculation routes' fluid (salinity from the water gravity when given).
    pub fn fluid_input(&self, prefix: &str) -> Result<FluidInput, ApiError> {
        let salinity = match (self.water_sg, self.water_salinity_wt_pct) {
            (Some(sg), None) => nodal_core::pvt::water::salinity_wt_pct_from_water_sg(sg)
                .map_err(|e| super::pvt::prefixed(prefix, e))?,
            (None, Some(s)) => s,
            (None, None) => 0.0,
            (Some(_), Some(_)) => {
                return Err(ApiError::invalid_field(
                    format!("{prefix}.water_sg"),
                    "give water_sg or water_salinity_wt_pct, not both",
                ));
            }
        };
        Ok(FluidInput {
            oil_api: self.oil_api,
            gas_sg: self.gas_sg,
            gor_scf_stb: self.gor_scf_stb,
            water_salinity_wt_pct: salinity,
            co2_mole_frac: self.co2_mole_frac,
            h2s_mole_frac: self.h2s_mole_frac,
            n2_mole_frac: self.n2_mole_frac,
            separator_pressure_psia: self.separator_pressure_psia,
            separator_temperature_degf: self.separator_temperature_degf,
            bubble_point_psia: self.bubble_point_psia,
            bubble_point_temperature_degf: self.bubble_point_temperature_degf,
            oil_fvf_at_bubble_point_rb_stb: self.oil_fvf_at_bubble_point_rb_stb,
            oil_viscosity_at_bubble_point_cp: self.oil_viscosity_at_bubble_point_cp,
        })
    }

    /// Every rule of the calculation routes, under `prefix`; the engine's own checks
    /// (calibration data, method ids) run too, so a stored fluid always builds.
    pub fn check(&self, outer: &mut Check, prefix: &str) {
        let mut check = Check::default();
        check.range(
            &format!("{prefix}.water_cut_fraction"),
            self.water_cut_fraction,
            0.0,
            1.0,
        );
        if let Some(sg) = self.water_sg {
            check.range(&format!("{prefix}.water_sg"), sg, 1.0, MAX_WATER_SG);
        }
        if check.is_ok() {
            match self.fluid_input(prefix) {
                Ok(fluid) => {
                    fluid.check(&mut check, prefix);
                    if check.is_ok()
                        && let Err(error) = fluid.description().and_then(|d| {
                            super::pvt::resolve_methods(&self.pvt_methods, &d, 200.0, 5000.0)
                        })
                    {
                        let methods = format!("{prefix}.pvt_methods.");
                        let fluid = format!("{prefix}.");
                        merge_renamed(
                            &mut check,
                            error,
                            &[("methods.", &methods), ("fluid.", &fluid)],
                        );
                    }
                }
                Err(error) => merge(&mut check, error, "", ""),
            }
        }
        if let Err(error) = check.finish() {
            merge(outer, error, "", "");
        }
    }
}

/// Tubing and casing sections of the flow path, top to bottom.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"sections": [
    {"bottom_md_ft": 7500.0, "tubing_id_in": 2.441, "roughness_in": 0.0006},
    {"bottom_md_ft": 8000.0, "casing_id_in": 6.276, "roughness_in": 0.0018}]}))]
pub struct Completion {
    /// Sections, the first starting at the wellhead (MD 0).
    pub sections: Vec<SectionInput>,
}

impl Completion {
    /// The calculation routes' rules, with fields under `completion.`.
    pub fn check(&self, check: &mut Check, prefix: &str) {
        let well = WellInput {
            survey: None,
            sections: self.sections.clone(),
        };
        let mut own = Check::default();
        well.check(&mut own);
        if let Err(error) = own.finish() {
            merge(check, error, "well.", &format!("{prefix}."));
        }
    }
}

/// Moves the field errors of `error` into `check`, renaming the `from` prefix to `to`.
pub(crate) fn merge(check: &mut Check, error: ApiError, from: &str, to: &str) {
    merge_renamed(check, error, &[(from, to)]);
}

/// Moves the field errors of `error` into `check`, renaming the first matching
/// `(from, to)` prefix of each field; an error without fields goes to the first `to`.
pub(crate) fn merge_renamed(check: &mut Check, error: ApiError, renames: &[(&str, &str)]) {
    let fallback = renames
        .first()
        .map_or("", |(_, to)| to.trim_end_matches('.'));
    match error {
        ApiError::Validation { detail, errors } if errors.is_empty() => {
            check.fail(fallback, detail);
        }
        ApiError::Validation { errors, .. } => {
            for FieldError { field, message } in errors {
                let renamed = renames
                    .iter()
                    .filter(|(from, _)| !from.is_empty())
                    .find_map(|(from, to)| {
                        field.strip_prefix(from).map(|rest| format!("{to}{rest}"))
                    })
                    .unwrap_or(field);
                check.fail(&renamed, message);
            }
        }
        other => check.fail(fallback, other.to_string()),
    }
}

/// `POST /wells` and `PUT /wells/{id}` body: the whole well. Everything from the
/// reservoir pressure on is optional; an analysis names what it misses.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "name": "Smith 1H", "uwi": "42-317-38290", "well_type": "oil", "status": "producing",
    "latitude_deg": 31.95, "longitude_deg": -102.08,
    "reservoir_pressure_psia": 3000.0, "reservoir_temperature_degf": 190.0,
    "wellhead_pressure_psia": 150.0, "wellhead_temperature_degf": 100.0,
    "fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 500.0, "water_cut_fraction": 0.2,
              "water_sg": 1.07},
    "inflow": {"model": "vogel", "reservoir_pressure_psia": 3000.0, "max_rate_stb_d": 2500.0},
    "completion": {"sections": [{"bottom_md_ft": 8000.0, "tubing_id_in": 2.441}]}
}))]
pub struct WellBody {
    /// Display name (1 to 200 characters).
    pub name: String,
    /// API or UWI number, unique within your organization regardless of case.
    pub uwi: String,
    /// Operator (of your organization).
    #[serde(default)]
    pub operator_id: Option<Uuid>,
    /// What the well produces or injects.
    pub well_type: WellTypeInput,
    /// Life-cycle status.
    pub status: WellStatusInput,
    /// Surface latitude, degrees (WGS 84, −90 to 90).
    #[serde(default)]
    pub latitude_deg: Option<f64>,
    /// Surface longitude, degrees (WGS 84, −180 to 180).
    #[serde(default)]
    pub longitude_deg: Option<f64>,
    /// Average reservoir pressure, psia; analyses put it into the inflow model.
    #[serde(default)]
    pub reservoir_pressure_psia: Option<f64>,
    /// Reservoir (bottom-hole) temperature, °F.
    #[serde(default)]
    pub reservoir_temperature_degf: Option<f64>,
    /// Flowing wellhead pressure, psia.
    #[serde(default)]
    pub wellhead_pressure_psia: Option<f64>,
    /// Flowing wellhead temperature, °F.
    #[serde(default)]
    pub wellhead_temperature_degf: Option<f64>,
    /// Fluid description.
    #[serde(default)]
    pub fluid: Option<WellFluid>,
    /// Inflow (IPR) model, as `POST /inflow/curve` takes it.
    #[serde(default)]
    pub inflow: Option<InflowInput>,
    /// Completion: the flow-path sections.
    #[serde(default)]
    pub completion: Option<Completion>,
}

/// Checks the optional conditions shared by wells and analysis overrides.
pub(crate) fn check_conditions(
    check: &mut Check,
    prefix: &str,
    reservoir_pressure_psia: Option<f64>,
    reservoir_temperature_degf: Option<f64>,
    wellhead_pressure_psia: Option<f64>,
    wellhead_temperature_degf: Option<f64>,
) {
    let f = |name: &str| format!("{prefix}{name}");
    if let Some(p) = reservoir_pressure_psia {
        check.range(&f("reservoir_pressure_psia"), p, 14.696, 30_000.0);
    }
    if let Some(t) = reservoir_temperature_degf {
        check.range(&f("reservoir_temperature_degf"), t, -40.0, 700.0);
    }
    if let Some(p) = wellhead_pressure_psia {
        check.range(&f("wellhead_pressure_psia"), p, 14.696, 30_000.0);
    }
    if let Some(t) = wellhead_temperature_degf {
        check.range(&f("wellhead_temperature_degf"), t, -40.0, 700.0);
    }
}

/// The model of `inflow` with `reservoir_pressure_psia` in place of its own, errors
/// under `prefix`.
pub(crate) fn check_inflow(check: &mut Check, prefix: &str, inflow: &InflowInput) {
    if let Err(error) = inflow.build(None) {
        merge(check, error, "inflow.", &format!("{prefix}."));
    }
}

impl WellBody {
    fn check(&self) -> Result<(), ApiError> {
        let mut check = Check::default();
        check_name(&mut check, "name", &self.name);
        if self.uwi.trim().is_empty() || self.uwi.trim().len() != self.uwi.len() {
            check.fail("uwi", "must not be blank or have surrounding spaces");
        } else if self.uwi.chars().count() > wells::MAX_UWI_CHARS
            || self.uwi.chars().any(char::is_control)
        {
            check.fail(
                "uwi",
                format!(
                    "must be at most {} characters without control characters",
                    wells::MAX_UWI_CHARS
                ),
            );
        }
        if let Some(lat) = self.latitude_deg {
            check.range("latitude_deg", lat, -90.0, 90.0);
        }
        if let Some(lon) = self.longitude_deg {
            check.range("longitude_deg", lon, -180.0, 180.0);
        }
        check_conditions(
            &mut check,
            "",
            self.reservoir_pressure_psia,
            self.reservoir_temperature_degf,
            self.wellhead_pressure_psia,
            self.wellhead_temperature_degf,
        );
        if let Some(fluid) = &self.fluid {
            fluid.check(&mut check, "fluid");
        }
        if let Some(inflow) = &self.inflow {
            check_inflow(&mut check, "inflow", inflow);
        }
        if let Some(completion) = &self.completion {
            completion.check(&mut check, "completion");
        }
        check.finish()
    }

    fn fields(&self) -> Result<WellFields, ApiError> {
        let text = |value: Result<String, serde_json::Error>| {
            value.map_err(|e| ApiError::Internal(format!("serializing a well document: {e}")))
        };
        Ok(WellFields {
            name: self.name.clone(),
            uwi: self.uwi.clone(),
            operator_id: self.operator_id,
            well_type: self.well_type.into(),
            status: self.status.into(),
            latitude_deg: self.latitude_deg,
            longitude_deg: self.longitude_deg,
            reservoir_pressure_psia: self.reservoir_pressure_psia,
            reservoir_temperature_degf: self.reservoir_temperature_degf,
            wellhead_pressure_psia: self.wellhead_pressure_psia,
            wellhead_temperature_degf: self.wellhead_temperature_degf,
            fluid: self
                .fluid
                .as_ref()
                .map(|f| text(serde_json::to_string(f)))
                .transpose()?,
            inflow: self
                .inflow
                .as_ref()
                .map(|i| text(serde_json::to_string(i)))
                .transpose()?,
            completion: self
                .completion
                .as_ref()
                .map(|c| text(serde_json::to_string(c)))
                .transpose()?,
        })
    }
}

/// A stored well.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193f1e2-7c4a-7d1e-9a55-1b2c3d4e5f60", "name": "Smith 1H", "uwi": "42-317-38290",
    "operator_id": null, "well_type": "oil", "status": "producing",
    "latitude_deg": 31.95, "longitude_deg": -102.08,
    "reservoir_pressure_psia": 3000.0, "reservoir_temperature_degf": 190.0,
    "wellhead_pressure_psia": 150.0, "wellhead_temperature_degf": 100.0,
    "fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 500.0, "water_cut_fraction": 0.2},
    "inflow": {"model": "vogel", "reservoir_pressure_psia": 3000.0, "max_rate_stb_d": 2500.0},
    "completion": {"sections": [{"bottom_md_ft": 8000.0, "tubing_id_in": 2.441}]},
    "version": 3, "created_at": "2026-11-26T23:00:00Z", "updated_at": "2026-11-27T08:15:00Z"
}))]
pub struct WellOut {
    /// Identifier.
    pub id: Uuid,
    /// Display name.
    pub name: String,
    /// API or UWI number.
    pub uwi: String,
    /// Operator.
    pub operator_id: Option<Uuid>,
    /// `oil`, `gas`, `water_injector` or `gas_injector`.
    pub well_type: &'static str,
    /// Life-cycle status.
    pub status: &'static str,
    /// Latitude, degrees.
    pub latitude_deg: Option<f64>,
    /// Longitude, degrees.
    pub longitude_deg: Option<f64>,
    /// Reservoir pressure, psia.
    pub reservoir_pressure_psia: Option<f64>,
    /// Reservoir temperature, °F.
    pub reservoir_temperature_degf: Option<f64>,
    /// Wellhead pressure, psia.
    pub wellhead_pressure_psia: Option<f64>,
    /// Wellhead temperature, °F.
    pub wellhead_temperature_degf: Option<f64>,
    /// Fluid description (see `WellFluid`).
    #[schema(value_type = Option<Object>)]
    pub fluid: Option<Value>,
    /// Inflow model (see `InflowInput`).
    #[schema(value_type = Option<Object>)]
    pub inflow: Option<Value>,
    /// Completion (see `Completion`).
    #[schema(value_type = Option<Object>)]
    pub completion: Option<Value>,
    /// Version, also the `ETag`; send it as `If-Match` to update.
    pub version: i64,
    /// Creation time (UTC).
    pub created_at: DateTime<Utc>,
    /// Last change (UTC).
    pub updated_at: DateTime<Utc>,
}

fn document(text: Option<&str>) -> Option<Value> {
    text.and_then(|t| serde_json::from_str(t).ok())
}

impl From<&Well> for WellOut {
    fn from(w: &Well) -> Self {
        let f = &w.fields;
        Self {
            id: w.id,
            name: f.name.clone(),
            uwi: f.uwi.clone(),
            operator_id: f.operator_id,
            well_type: f.well_type.as_str(),
            status: f.status.as_str(),
            latitude_deg: f.latitude_deg,
            longitude_deg: f.longitude_deg,
            reservoir_pressure_psia: f.reservoir_pressure_psia,
            reservoir_temperature_degf: f.reservoir_temperature_degf,
            wellhead_pressure_psia: f.wellhead_pressure_psia,
            wellhead_temperature_degf: f.wellhead_temperature_degf,
            fluid: document(f.fluid.as_deref()),
            inflow: document(f.inflow.as_deref()),
            completion: document(f.completion.as_deref()),
            version: w.version,
            created_at: w.created_at,
            updated_at: w.updated_at,
        }
    }
}

fn respond(status: StatusCode, well: &Well) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header(etag(well.version))
        .json(WellOut::from(well))
}

/// A 422 on `operator_id` unless the operator is one of the organization's.
fn check_operator(
    conn: &mut DbConnection,
    org_id: Uuid,
    operator_id: Option<Uuid>,
) -> Result<(), ApiError> {
    let Some(id) = operator_id else {
        return Ok(());
    };
    match operators::get(conn, org_id, id) {
        Ok(_) => Ok(()),
        Err(StoreError::NotFound { .. }) => Err(ApiError::invalid_field(
            "operator_id",
            "no operator with this id in your organization",
        )),
        Err(other) => Err(other.into()),
    }
}

/// Creates a well in your organization (engineers and admins).
#[utoipa::path(
    tag = "field-data",
    request_body = WellBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created; `Location` and `ETag` set", body = WellOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Viewers cannot write", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Your organization has a well with this `uwi`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body over the limit", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid values; `errors` names each field", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/wells")]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<WellBody>,
) -> Result<HttpResponse, ApiError> {
    user.require_write()?;
    let body = body.into_inner();
    body.check()?;
    let fields = body.fields()?;
    let well = with_db(&state, move |conn| {
        check_operator(conn, user.org_id, fields.operator_id)?;
        Ok(wells::create(conn, user.org_id, &fields)?)
    })
    .await?;
    let mut response = respond(StatusCode::CREATED, &well);
    if let Ok(location) = header::HeaderValue::from_str(&format!("/api/v1/wells/{}", well.id)) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// Sort keys of `GET /wells`; a leading `-` sorts descending.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
pub enum WellSortParam {
    /// Name, A to Z (default).
    #[default]
    #[serde(rename = "name")]
    Name,
    /// Name, Z to A.
    #[serde(rename = "-name")]
    NameDesc,
    /// API/UWI number ascending.
    #[serde(rename = "uwi")]
    Uwi,
    /// API/UWI number descending.
    #[serde(rename = "-uwi")]
    UwiDesc,
    /// Oldest first.
    #[serde(rename = "created_at")]
    CreatedAt,
    /// Newest first.
    #[serde(rename = "-created_at")]
    CreatedAtDesc,
    /// Least recently changed first.
    #[serde(rename = "updated_at")]
    UpdatedAt,
    /// Most recently changed first.
    #[serde(rename = "-updated_at")]
    UpdatedAtDesc,
}

impl WellSortParam {
    fn store(self) -> (WellSort, Direction) {
        use Direction::{Ascending as Up, Descending as Down};
        match self {
            Self::Name => (WellSort::Name, Up),
            Self::NameDesc => (WellSort::Name, Down),
            Self::Uwi => (WellSort::Uwi, Up),
            Self::UwiDesc => (WellSort::Uwi, Down),
            Self::CreatedAt => (WellSort::CreatedAt, Up),
            Self::CreatedAtDesc => (WellSort::CreatedAt, Down),
            Self::UpdatedAt => (WellSort::UpdatedAt, Up),
            Self::UpdatedAtDesc => (WellSort::UpdatedAt, Down),
        }
    }
}

/// Query of `GET /wells` and `GET /wells/export`.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WellListQuery {
    /// Only this operator's wells.
    pub operator_id: Option<Uuid>,
    /// Only wells of this type.
    #[param(value_type = Option<WellTypeInput>)]
    pub well_type: Option<WellTypeInput>,
    /// Only wells with this status.
    #[param(value_type = Option<WellStatusInput>)]
    pub status: Option<WellStatusInput>,
    /// `name`, `uwi`, `created_at` or `updated_at`, `-` first for descending (default
    /// `name`).
    #[serde(default)]
    #[param(value_type = Option<String>, example = "-updated_at")]
    pub sort: WellSortParam,
    /// Items per page, 1 to 200 (default 50; lists only).
    pub limit: Option<u32>,
    /// Items to skip (default 0; lists only).
    pub offset: Option<u64>,
    /// Export format, `json` (default) or `csv` (exports only; `Accept: text/csv` too).
    #[param(value_type = Option<ExportFormat>)]
    pub format: Option<ExportFormat>,
}

impl WellListQuery {
    fn filter(&self) -> WellFilter {
        WellFilter {
            operator_id: self.operator_id,
            well_type: self.well_type.map(Into::into),
            status: self.status.map(Into::into),
        }
    }
}

/// Your organization's wells, a page at a time, filtered by operator, type and status.
#[utoipa::path(
    tag = "field-data",
    params(WellListQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page and the total", body = PageOf<WellOut>),
        (status = 400, description = "Unknown filter or sort value", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`limit` or `offset` out of range", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/wells")]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<WellListQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let page = PageQuery {
        limit: query.limit,
        offset: query.offset,
    }
    .page()?;
    let (sort, direction) = query.sort.store();
    let filter = query.filter();
    let found = with_db(&state, move |conn| {
        Ok(wells::list(
            conn,
            user.org_id,
            filter,
            sort,
            direction,
            page,
        )?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(PageOf::map(found, |w| WellOut::from(&w))))
}

const CSV_COLUMNS: &str = "id,name,uwi,operator_id,well_type,status,latitude_deg,longitude_deg,\
reservoir_pressure_psia,reservoir_temperature_degf,wellhead_pressure_psia,\
wellhead_temperature_degf,version,created_at,updated_at";

fn csv_row(w: &Well) -> String {
    let f = &w.fields;
    [
        w.id.to_string(),
        csv_cell(&f.name),
        csv_cell(&f.uwi),
        f.operator_id.map(|o| o.to_string()).unwrap_or_default(),
        f.well_type.as_str().to_owned(),
        f.status.as_str().to_owned(),
        csv_number(f.latitude_deg),
        csv_number(f.longitude_deg),
        csv_number(f.reservoir_pressure_psia),
        csv_number(f.reservoir_temperature_degf),
        csv_number(f.wellhead_pressure_psia),
        csv_number(f.wellhead_temperature_degf),
        w.version.to_string(),
        w.created_at.to_rfc3339(),
        w.updated_at.to_rfc3339(),
    ]
    .join(",")
}

/// Every well matching the filters (at most 10,000), as JSON (full documents) or CSV
/// (one row per well, without the fluid, inflow and completion documents).
#[utoipa::path(
    tag = "field-data",
    params(WellListQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The wells", body = Vec<WellOut>, content_type = "application/json"),
        (status = 200, description = "The wells as CSV", body = String, content_type = "text/csv",
         example = "id,name,uwi,operator_id,well_type,status,latitude_deg,...\n0193...,Smith 1H,42-317-38290,,oil,producing,31.95,..."),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "More than 10,000 wells match; narrow the filters", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/wells/export")]
pub async fn export(
    state: web::Data<AppState>,
    user: AuthUser,
    req: HttpRequest,
    query: web::Query<WellListQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let csv = wants_csv(&req, query.format);
    let (sort, direction) = query.sort.store();
    let filter = query.filter();
    let all = with_db(&state, move |conn| {
        let mut all = Vec::new();
        loop {
            let page = Page::new(1000, all.len() as u64);
            let found = wells::list(conn, user.org_id, filter, sort, direction, page)?;
            if found.total > u64::from(MAX_EXPORT_WELLS) {
                return Err(ApiError::Validation {
                    detail: format!(
                        "{} wells match; an export holds at most {MAX_EXPORT_WELLS}: narrow the filters",
                        found.total
                    ),
                    errors: Vec::new(),
                });
            }
            let done = found.items.len() < 1000;
            all.extend(found.items);
            if done {
                return Ok(all);
            }
        }
    })
    .await?;
    if csv {
        let mut text = String::from(CSV_COLUMNS);
        text.push('\n');
        for well in &all {
            text.push_str(&csv_row(well));
            text.push('\n');
        }
        return Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"wells.csv\"",
            ))
            .body(text));
    }
    Ok(HttpResponse::Ok().json(all.iter().map(WellOut::from).collect::<Vec<_>>()))
}

/// One well of your organization.
#[utoipa::path(
    tag = "field-data",
    params(("id" = Uuid, Path, description = "Well id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The well; `ETag` carries the version", body = WellOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such well in your organization", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/wells/{id}")]
pub async fn get_one(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let well = with_db(&state, move |conn| Ok(wells::get(conn, user.org_id, id)?)).await?;
    Ok(respond(StatusCode::OK, &well))
}

/// Replaces the whole well. Needs `If-Match` with the version read: a stale one is
/// 412 and nothing changes, so two engineers cannot overwrite each other.
#[utoipa::path(
    tag = "field-data",
    params(
        ("id" = Uuid, Path, description = "Well id"),
        ("If-Match" = String, Header, description = "ETag of the version you read, e.g. `\"3\"`")
    ),
    request_body = WellBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Updated; the new `ETag`", body = WellOut),
        (status = 403, description = "Viewers cannot write", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such well in your organization", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Another well has this `uwi`", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Someone else changed the well since your read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid values", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "`If-Match` missing", body = Problem, content_type = "application/problem+json")
    )
)]
#[put("/wells/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    user: AuthUser,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Json<WellBody>,
) -> Result<HttpResponse, ApiError> {
    user.require_write()?;
    let expected = IfMatch::from_request(&req)?.required("well")?;
    let body = body.into_inner();
    body.check()?;
    let fields = body.fields()?;
    let id = id.into_inner();
    let well = with_db(&state, move |conn| {
        let current = wells::get(conn, user.org_id, id)?;
        check_operator(conn, user.org_id, fields.operator_id)?;
        let version = expected.unwrap_or(current.version);
        Ok(wells::update(conn, user.org_id, id, version, &fields)?)
    })
    .await?;
    Ok(respond(StatusCode::OK, &well))
}

/// Query of `DELETE /wells/{id}`.
#[derive(Debug, Clone, Copy, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeleteQuery {
    /// Also delete the well's saved analyses (admins only). Without it, a well with
    /// analyses is a 409.
    #[serde(default)]
    pub cascade: bool,
}

/// Deletes a well and its survey. A well with saved analyses is a 409 unless an
/// admin sends `cascade=true`. `If-Match` is optional; when sent it must match.
#[utoipa::path(
    tag = "field-data",
    params(
        ("id" = Uuid, Path, description = "Well id"),
        ("If-Match" = Option<String>, Header, description = "ETag of the version you read"),
        DeleteQuery
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Viewers cannot write; only admins cascade", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such well in your organization", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The well has saved analyses", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Someone else changed the well since your read", body = Problem, content_type = "application/problem+json")
    )
)]
#[delete("/wells/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    user: AuthUser,
    req: HttpRequest,
    id: web::Path<Uuid>,
    query: web::Query<DeleteQuery>,
) -> Result<HttpResponse, ApiError> {
    user.require_write()?;
    let cascade = query.cascade;
    if cascade {
        user.require_admin()?;
    }
    let expected = IfMatch::from_request(&req)?.optional();
    let id = id.into_inner();
    with_db(&state, move |conn| {
        match wells::delete(conn, user.org_id, id, expected, cascade) {
            Err(StoreError::InUse { count, .. }) => Err(ApiError::Conflict {
                detail: format!(
                    "the well has {count} saved analyses; an admin can delete it with them \
                     (?cascade=true)"
                ),
                field: None,
            }),
            other => Ok(other?),
        }
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
