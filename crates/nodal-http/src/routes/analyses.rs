//! Analyses of stored wells: `POST/GET /api/v1/wells/{id}/analyses` and
//! `GET /api/v1/analyses/{id}`.
//!
//! A run reads the well (and its survey), applies the body's overrides, builds the
//! same request the calculation routes take (`/pvt/curve`, `/hydraulics/traverse`,
//! `/hydraulics/vlp-curve`, `/nodal/operating-point`, `/nodal/sensitivity`), runs it
//! through the same code, and saves that request with the result in one
//! transaction. A saved input can therefore be replayed on the calculation route of
//! its kind.

use actix_web::http::header;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use nodal_store::StoreError;
use nodal_store::analyses::{
    self, Analysis, AnalysisFilter, AnalysisKind, AnalysisSummary, NewAnalysis,
};
use nodal_store::surveys::{self, Survey};
use nodal_store::wells::{self, Well, WellType};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::field::{PageOf, PageQuery, with_db};
use super::hydraulics::{
    DirectionInput, FlowOptions, RatesInput, TemperatureInput, TraverseRequest, VlpRequest,
    WellInput, compute_traverse, compute_vlp, off_worker,
};
use super::nodal::{
    AxisInput, InflowInput, NodalRequest, SensitivityRequest, SolverInput, compute_operating_point,
    compute_sensitivity,
};
use super::pvt::{CurveRequest, compute_curve};
use super::surveys::station_inputs;
use super::wells::{Completion, WellFluid, check_conditions, check_inflow};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::identity::AuthUser;
use crate::state::AppState;
use crate::validate::Check;

/// Values that replace the stored well's for one run; the stored well is not changed.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"wellhead_pressure_psia": 200.0, "water_cut_fraction": 0.35}))]
pub struct Overrides {
    /// Fluid description.
    #[serde(default)]
    pub fluid: Option<WellFluid>,
    /// Inflow model.
    #[serde(default)]
    pub inflow: Option<InflowInput>,
    /// Completion.
    #[serde(default)]
    pub completion: Option<Completion>,
    /// Reservoir pressure, psia.
    #[serde(default)]
    pub reservoir_pressure_psia: Option<f64>,
    /// Reservoir temperature, °F.
    #[serde(default)]
    pub reservoir_temperature_degf: Option<f64>,
    /// Wellhead pressure, psia.
    #[serde(default)]
    pub wellhead_pressure_psia: Option<f64>,
    /// Wellhead temperature, °F.
    #[serde(default)]
    pub wellhead_temperature_degf: Option<f64>,
    /// Water cut, fraction (instead of the fluid's).
    #[serde(default)]
    pub water_cut_fraction: Option<f64>,
    /// Produced GOR, scf/STB (default: the fluid's).
    #[serde(default)]
    pub gor_scf_stb: Option<f64>,
    /// Correlation and calculation options (gradient correlation, gas lift, ...).
    #[serde(default)]
    pub options: Option<FlowOptions>,
    /// Ignore the stored survey and treat the well as vertical.
    #[serde(default)]
    pub vertical: bool,
}

/// `POST /wells/{id}/analyses` body, tagged by `kind`.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[schema(example = json!({"kind": "operating_point",
    "overrides": {"wellhead_pressure_psia": 200.0},
    "solver": {"rate_points": 30}}))]
pub enum AnalysisRequest {
    /// Fluid properties over pressure at one temperature (`/pvt/curve`).
    Pvt {
        /// Overrides of the stored well.
        #[serde(default)]
        overrides: Overrides,
        /// Temperature, °F (default: the reservoir temperature).
        #[serde(default)]
        temperature_degf: Option<f64>,
        /// Lowest pressure, psia (default 14.696).
        #[serde(default)]
        min_pressure_psia: Option<f64>,
        /// Highest pressure, psia (default: the reservoir pressure, else 5,000).
        #[serde(default)]
        max_pressure_psia: Option<f64>,
        /// Grid points, 2 to 1,000 (default 50).
        #[serde(default)]
        points: Option<usize>,
    },
    /// One pressure traverse at a rate (`/hydraulics/traverse`), from the wellhead
    /// pressure down, or from `bottomhole_pressure_psia` up.
    Traverse {
        /// Overrides of the stored well.
        #[serde(default)]
        overrides: Overrides,
        /// Liquid rate, STB/d.
        liquid_rate_stb_d: f64,
        /// Known bottom-hole pressure, psia, instead of the wellhead pressure.
        #[serde(default)]
        bottomhole_pressure_psia: Option<f64>,
    },
    /// Outflow curve over rates (`/hydraulics/vlp-curve`).
    Vlp {
        /// Overrides of the stored well.
        #[serde(default)]
        overrides: Overrides,
        /// Liquid rates, STB/d (1 to 100).
        liquid_rates_stb_d: Vec<f64>,
        /// Bottom-hole pressure for which to find the wellhead pressure at each rate.
        #[serde(default)]
        target_bottomhole_pressure_psia: Option<f64>,
    },
    /// The operating point (`/nodal/operating-point`).
    OperatingPoint {
        /// Overrides of the stored well.
        #[serde(default)]
        overrides: Overrides,
        /// Solver settings.
        #[serde(default)]
        solver: SolverInput,
    },
    /// Operating points over one or two varied inputs (`/nodal/sensitivity`).
    Sensitivity {
        /// Overrides of the stored well.
        #[serde(default)]
        overrides: Overrides,
        /// Solver settings.
        #[serde(default)]
        solver: SolverInput,
        /// First variable.
        first: AxisInput,
        /// Second variable.
        #[serde(default)]
        second: Option<AxisInput>,
    },
}

impl AnalysisRequest {
    fn kind(&self) -> AnalysisKind {
        match self {
            Self::Pvt { .. } => AnalysisKind::Pvt,
            Self::Traverse { .. } => AnalysisKind::Traverse,
            Self::Vlp { .. } => AnalysisKind::Vlp,
            Self::OperatingPoint { .. } => AnalysisKind::OperatingPoint,
            Self::Sensitivity { .. } => AnalysisKind::Sensitivity,
        }
    }

    fn overrides(&self) -> &Overrides {
        match self {
            Self::Pvt { overrides, .. }
            | Self::Traverse { overrides, .. }
            | Self::Vlp { overrides, .. }
            | Self::OperatingPoint { overrides, .. }
            | Self::Sensitivity { overrides, .. } => overrides,
        }
    }
}

/// The well's data with the overrides applied.
struct Resolved {
    well_type: WellType,
    fluid: Option<WellFluid>,
    inflow: Option<InflowInput>,
    completion: Option<Completion>,
    survey: Option<Vec<super::hydraulics::SurveyStationInput>>,
    reservoir_pressure_psia: Option<f64>,
    reservoir_temperature_degf: Option<f64>,
    wellhead_pressure_psia: Option<f64>,
    wellhead_temperature_degf: Option<f64>,
    water_cut_fraction: Option<f64>,
    gor_scf_stb: Option<f64>,
    options: FlowOptions,
}

fn stored<T: serde::de::DeserializeOwned>(
    name: &str,
    text: Option<&str>,
) -> Result<Option<T>, ApiError> {
    text.map(|t| {
        serde_json::from_str(t)
            .map_err(|e| ApiError::Internal(format!("stored well {name} does not parse: {e}")))
    })
    .transpose()
}

fn missing(field: &str, what: &str) -> ApiError {
    ApiError::invalid_field(
        field,
        format!("the well has no {what}; store it on the well or give overrides.{field}"),
    )
}

impl Resolved {
    fn new(well: &Well, survey: Option<&Survey>, o: &Overrides) -> Result<Self, ApiError> {
        let f = &well.fields;
        Ok(Self {
            well_type: f.well_type,
            fluid: match &o.fluid {
                Some(fluid) => Some(fluid.clone()),
                None => stored("fluid", f.fluid.as_deref())?,
            },
            inflow: match &o.inflow {
                Some(inflow) => Some(inflow.clone()),
                None => stored("inflow", f.inflow.as_deref())?,
            },
            completion: match &o.completion {
                Some(completion) => Some(completion.clone()),
                None => stored("completion", f.completion.as_deref())?,
            },
            survey: if o.vertical {
                None
            } else {
                survey.map(|s| station_inputs(&s.stations))
            },
            reservoir_pressure_psia: o.reservoir_pressure_psia.or(f.reservoir_pressure_psia),
            reservoir_temperature_degf: o
                .reservoir_temperature_degf
                .or(f.reservoir_temperature_degf),
            wellhead_pressure_psia: o.wellhead_pressure_psia.or(f.wellhead_pressure_psia),
            wellhead_temperature_degf: o.wellhead_temperature_degf.or(f.wellhead_temperature_degf),
            water_cut_fraction: o.water_cut_fraction,
            gor_scf_stb: o.gor_scf_stb,
            options: o.options.clone().unwrap_or_default(),
        })
    }

    fn fluid(&self) -> Result<&WellFluid, ApiError> {
        self.fluid
            .as_ref()
            .ok_or_else(|| missing("fluid", "fluid description"))
    }

    fn water_cut(&self) -> Result<f64, ApiError> {
        Ok(self
            .water_cut_fraction
            .unwrap_or(self.fluid()?.water_cut_fraction))
    }

    fn value(value: Option<f64>, field: &str, what: &str) -> Result<f64, ApiError> {
        value.ok_or_else(|| missing(field, what))
    }

    fn well(&self) -> Result<WellInput, ApiError> {
        let completion = self
            .completion
            .as_ref()
            .ok_or_else(|| missing("completion", "completion (tubing and casing sections)"))?;
        Ok(WellInput {
            survey: self.survey.clone(),
            sections: completion.sections.clone(),
        })
    }

    fn temperature(&self) -> Result<TemperatureInput, ApiError> {
        Ok(TemperatureInput {
            wellhead_temperature_degf: Self::value(
                self.wellhead_temperature_degf,
                "wellhead_temperature_degf",
                "wellhead temperature",
            )?,
            bottomhole_temperature_degf: Self::value(
                self.reservoir_temperature_degf,
                "reservoir_temperature_degf",
                "reservoir temperature",
            )?,
        })
    }

    fn wellhead_pressure(&self) -> Result<f64, ApiError> {
        Self::value(
            self.wellhead_pressure_psia,
            "wellhead_pressure_psia",
            "wellhead pressure",
        )
    }

    /// The inflow model with the well's reservoir pressure in it.
    fn inflow(&self) -> Result<InflowInput, ApiError> {
        let mut inflow = self
            .inflow
            .clone()
            .ok_or_else(|| missing("inflow", "inflow model"))?;
        if let Some(p) = self.reservoir_pressure_psia {
            set_reservoir_pressure(&mut inflow, p);
        }
        Ok(inflow)
    }

    fn direction(&self) -> DirectionInput {
        match self.well_type {
            WellType::WaterInjector | WellType::GasInjector => DirectionInput::Injection,
            WellType::Oil | WellType::Gas => DirectionInput::Production,
        }
    }

    fn nodal(&self, solver: SolverInput) -> Result<NodalRequest, ApiError> {
        let fluid = self.fluid()?;
        Ok(NodalRequest {
            inflow: self.inflow()?,
            fluid: fluid.fluid_input("fluid")?,
            pvt_methods: fluid.pvt_methods.clone(),
            well: self.well()?,
            temperature: self.temperature()?,
            wellhead_pressure_psia: self.wellhead_pressure()?,
            water_cut_fraction: self.water_cut()?,
            gor_scf_stb: self.gor_scf_stb,
            options: self.options.clone(),
            solver,
        })
    }
}

/// Puts the well's reservoir pressure into the inflow model.
fn set_reservoir_pressure(inflow: &mut InflowInput, pressure_psia: f64) {
    match inflow {
        InflowInput::ProductivityIndex {
            reservoir_pressure_psia,
            ..
        }
        | InflowInput::DarcyRadialPss {
            reservoir_pressure_psia,
            ..
        }
        | InflowInput::Vogel {
            reservoir_pressure_psia,
            ..
        }
        | InflowInput::Composite {
            reservoir_pressure_psia,
            ..
        }
        | InflowInput::StandingFe {
            reservoir_pressure_psia,
            ..
        }
        | InflowInput::Fetkovich {
            reservoir_pressure_psia,
            ..
        }
        | InflowInput::JonesBlountGlaze {
            reservoir_pressure_psia,
            ..
        }
        | InflowInput::BackPressure {
            reservoir_pressure_psia,
            ..
        }
        | InflowInput::GasDarcyPressureSquared {
            reservoir_pressure_psia,
            ..
        }
        | InflowInput::JonesBlountGlazeProperties {
            reservoir_pressure_psia,
            ..
        }
        | InflowInput::GasDarcyPseudoPressure {
            reservoir_pressure_psia,
            ..
        } => *reservoir_pressure_psia = pressure_psia,
    }
}

fn check_overrides(o: &Overrides) -> Result<(), ApiError> {
    let mut check = Check::default();
    check_conditions(
        &mut check,
        "overrides.",
        o.reservoir_pressure_psia,
        o.reservoir_temperature_degf,
        o.wellhead_pressure_psia,
        o.wellhead_temperature_degf,
    );
    if let Some(fluid) = &o.fluid {
        fluid.check(&mut check, "overrides.fluid");
    }
    if let Some(inflow) = &o.inflow {
        check_inflow(&mut check, "overrides.inflow", inflow);
    }
    if let Some(completion) = &o.completion {
        completion.check(&mut check, "overrides.completion");
    }
    if let Some(wc) = o.water_cut_fraction {
        check.range("overrides.water_cut_fraction", wc, 0.0, 1.0);
    }
    if let Some(gor) = o.gor_scf_stb {
        check.non_negative("overrides.gor_scf_stb", gor);
    }
    check.finish()
}

/// Builds the calculation request of `request` on the resolved well and runs it:
/// `(engine request, result)` as JSON.
fn run(request: &AnalysisRequest, r: &Resolved) -> Result<(Value, Value), ApiError> {
    fn pair<I: Serialize, O: Serialize>(input: &I, output: &O) -> Result<(Value, Value), ApiError> {
        let to_value = |v: serde_json::Result<Value>| {
            v.map_err(|e| ApiError::Internal(format!("serializing an analysis: {e}")))
        };
        Ok((
            to_value(serde_json::to_value(input))?,
            to_value(serde_json::to_value(output))?,
        ))
    }
    match request {
        AnalysisRequest::Pvt {
            temperature_degf,
            min_pressure_psia,
            max_pressure_psia,
            points,
            ..
        } => {
            let fluid = r.fluid()?;
            let temperature = match temperature_degf {
                Some(t) => *t,
                None => Resolved::value(
                    r.reservoir_temperature_degf,
                    "reservoir_temperature_degf",
                    "reservoir temperature",
                )?,
            };
            let input = CurveRequest {
                fluid: fluid.fluid_input("fluid")?,
                methods: fluid.pvt_methods.clone(),
                temperature_degf: temperature,
                min_pressure_psia: min_pressure_psia.unwrap_or(14.696),
                max_pressure_psia: max_pressure_psia
                    .or(r.reservoir_pressure_psia)
                    .unwrap_or(5000.0),
                points: points.unwrap_or(50),
            };
            pair(&input, &compute_curve(&input)?)
        }
        AnalysisRequest::Traverse {
            liquid_rate_stb_d,
            bottomhole_pressure_psia,
            ..
        } => {
            let fluid = r.fluid()?;
            let input = TraverseRequest {
                fluid: fluid.fluid_input("fluid")?,
                pvt_methods: fluid.pvt_methods.clone(),
                well: r.well()?,
                rates: RatesInput {
                    liquid_rate_stb_d: *liquid_rate_stb_d,
                    water_cut_fraction: r.water_cut()?,
                    gor_scf_stb: r.gor_scf_stb,
                },
                temperature: r.temperature()?,
                wellhead_pressure_psia: match bottomhole_pressure_psia {
                    Some(_) => None,
                    None => Some(r.wellhead_pressure()?),
                },
                bottomhole_pressure_psia: *bottomhole_pressure_psia,
                direction: r.direction(),
                options: r.options.clone(),
            };
            pair(&input, &compute_traverse(&input)?)
        }
        AnalysisRequest::Vlp {
            liquid_rates_stb_d,
            target_bottomhole_pressure_psia,
            ..
        } => {
            let fluid = r.fluid()?;
            let input = VlpRequest {
                fluid: fluid.fluid_input("fluid")?,
                pvt_methods: fluid.pvt_methods.clone(),
                well: r.well()?,
                temperature: r.temperature()?,
                wellhead_pressure_psia: r.wellhead_pressure()?,
                water_cut_fraction: r.water_cut()?,
                gor_scf_stb: r.gor_scf_stb,
                liquid_rates_stb_d: liquid_rates_stb_d.clone(),
                target_bottomhole_pressure_psia: *target_bottomhole_pressure_psia,
                options: r.options.clone(),
            };
            pair(&input, &compute_vlp(&input)?)
        }
        AnalysisRequest::OperatingPoint { solver, .. } => {
            let input = r.nodal(*solver)?;
            pair(&input, &compute_operating_point(&input)?)
        }
        AnalysisRequest::Sensitivity {
            solver,
            first,
            second,
            ..
        } => {
            let input = SensitivityRequest {
                case: r.nodal(*solver)?,
                first: first.clone(),
                second: second.clone(),
            };
            pair(&input, &compute_sensitivity(&input)?)
        }
    }
}

/// A saved analysis without its documents.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193f1f0-1111-7000-8000-000000000002", "well_id": "0193f1e2-7c4a-7d1e-9a55-1b2c3d4e5f60",
    "kind": "operating_point", "engine_version": "0.1.0",
    "created_by": "0193f1e2-0000-7000-8000-000000000001", "created_at": "2026-11-27T08:30:00Z"
}))]
pub struct AnalysisSummaryOut {
    /// Identifier.
    pub id: Uuid,
    /// The well analysed.
    pub well_id: Uuid,
    /// `pvt`, `traverse`, `vlp`, `operating_point` or `sensitivity`.
    pub kind: &'static str,
    /// Engine version that computed it.
    pub engine_version: String,
    /// Who ran it.
    pub created_by: Uuid,
    /// When it was saved (UTC).
    pub created_at: DateTime<Utc>,
}

impl From<AnalysisSummary> for AnalysisSummaryOut {
    fn from(s: AnalysisSummary) -> Self {
        Self {
            id: s.id,
            well_id: s.well_id,
            kind: s.kind.as_str(),
            engine_version: s.engine_version,
            created_by: s.created_by,
            created_at: s.created_at,
        }
    }
}

/// A saved analysis with its input and result.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193f1f0-1111-7000-8000-000000000002", "well_id": "0193f1e2-7c4a-7d1e-9a55-1b2c3d4e5f60",
    "kind": "operating_point", "engine_version": "0.1.0",
    "created_by": "0193f1e2-0000-7000-8000-000000000001", "created_at": "2026-11-27T08:30:00Z",
    "input": {"kind": "operating_point", "well_version": 3, "survey_version": 2,
              "overrides": {"wellhead_pressure_psia": 200.0},
              "request": {"wellhead_pressure_psia": 200.0, "water_cut_fraction": 0.2}},
    "result": {"outcome": "stable", "rate_unit": "stb_d", "inflow_method": "vogel_1968"}
}))]
pub struct AnalysisOut {
    /// Identity and provenance.
    #[serde(flatten)]
    pub summary: AnalysisSummaryOut,
    /// What was run: `request` is the calculation route's body for this kind (see the
    /// module docs), with `well_version` and `survey_version` of the data it used.
    #[schema(value_type = Object)]
    pub input: Value,
    /// The calculation route's answer.
    #[schema(value_type = Object)]
    pub result: Value,
}

impl TryFrom<Analysis> for AnalysisOut {
    type Error = ApiError;

    fn try_from(a: Analysis) -> Result<Self, ApiError> {
        let parse = |name: &str, text: &str| {
            serde_json::from_str::<Value>(text)
                .map_err(|e| ApiError::Internal(format!("stored analysis {name}: {e}")))
        };
        Ok(Self {
            input: parse("input", &a.input)?,
            result: parse("result", &a.result)?,
            summary: a.summary.into(),
        })
    }
}

/// Runs an analysis of the given `kind` on the stored well (with optional overrides)
/// and saves its input and result in one transaction. Engineers and admins.
#[utoipa::path(
    tag = "field-data",
    params(("id" = Uuid, Path, description = "Well id")),
    request_body = AnalysisRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Run and saved; `Location` names it", body = AnalysisOut),
        (status = 403, description = "Viewers cannot run analyses", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such well in your organization", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid values, or the well lacks data the kind needs (the field is named; store it or override it)", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/wells/{id}/analyses")]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: Json<AnalysisRequest>,
) -> Result<HttpResponse, ApiError> {
    user.require_write()?;
    let request = body.into_inner();
    check_overrides(request.overrides())?;
    let well_id = id.into_inner();
    let (well, survey) = with_db(&state, move |conn| {
        let well = wells::get(conn, user.org_id, well_id)?;
        let survey = match surveys::get(conn, user.org_id, well_id) {
            Ok(survey) => Some(survey),
            Err(StoreError::NotFound { .. }) => None,
            Err(other) => return Err(other.into()),
        };
        Ok((well, survey))
    })
    .await?;
    let kind = request.kind();
    let (engine_input, result) = off_worker(move || {
        let resolved = Resolved::new(&well, survey.as_ref(), request.overrides())?;
        let (engine_input, result) = run(&request, &resolved)?;
        let input = json!({
            "kind": kind.as_str(),
            "well_version": well.version,
            "survey_version": survey.as_ref().map(|s| s.version),
            "overrides": request.overrides(),
            "request": engine_input,
        });
        Ok((input, result))
    })
    .await?;
    let input_text = engine_input.to_string();
    let result_text = result.to_string();
    let saved = with_db(&state, move |conn| {
        Ok(analyses::create(
            conn,
            user.org_id,
            &NewAnalysis {
                well_id,
                kind,
                input: &input_text,
                result: &result_text,
                engine_version: nodal_core::ENGINE_VERSION,
                created_by: user.user_id,
            },
        )?)
    })
    .await?;
    let location = format!("/api/v1/analyses/{}", saved.summary.id);
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, location))
        .json(AnalysisOut {
            summary: saved.summary.into(),
            input: engine_input,
            result,
        }))
}

/// Query of `GET /wells/{id}/analyses`.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AnalysisListQuery {
    /// Only this kind: `pvt`, `traverse`, `vlp`, `operating_point` or `sensitivity`.
    #[param(example = "operating_point")]
    pub kind: Option<String>,
    /// Only analyses saved at or after this time (RFC 3339).
    #[param(value_type = Option<String>, example = "2026-11-01T00:00:00Z")]
    pub created_from: Option<DateTime<Utc>>,
    /// Only analyses saved before this time (RFC 3339).
    #[param(value_type = Option<String>, example = "2026-12-01T00:00:00Z")]
    pub created_before: Option<DateTime<Utc>>,
    /// Items per page, 1 to 200 (default 50).
    pub limit: Option<u32>,
    /// Items to skip (default 0).
    pub offset: Option<u64>,
}

/// A well's saved analyses, newest first, filtered by kind and date.
#[utoipa::path(
    tag = "field-data",
    params(("id" = Uuid, Path, description = "Well id"), AnalysisListQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page and the total", body = PageOf<AnalysisSummaryOut>),
        (status = 400, description = "A date is not RFC 3339", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such well in your organization", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown kind, or `limit`/`offset` out of range", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/wells/{id}/analyses")]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
    query: web::Query<AnalysisListQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let page = PageQuery {
        limit: query.limit,
        offset: query.offset,
    }
    .page()?;
    let kind = query
        .kind
        .as_deref()
        .map(|k| {
            AnalysisKind::parse(k).ok_or_else(|| {
                let valid: Vec<&str> = AnalysisKind::ALL.iter().map(|k| k.as_str()).collect();
                ApiError::invalid_field(
                    "kind",
                    format!("unknown kind `{k}`; one of: {}", valid.join(", ")),
                )
            })
        })
        .transpose()?;
    if let (Some(from), Some(before)) = (query.created_from, query.created_before)
        && before <= from
    {
        return Err(ApiError::invalid_field(
            "created_before",
            "must be later than created_from",
        ));
    }
    let filter = AnalysisFilter {
        kind,
        created_from: query.created_from,
        created_before: query.created_before,
    };
    let well_id = id.into_inner();
    let found = with_db(&state, move |conn| {
        Ok(analyses::list(conn, user.org_id, well_id, filter, page)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(PageOf::map(found, AnalysisSummaryOut::from)))
}

/// One saved analysis with its full input and result.
#[utoipa::path(
    tag = "field-data",
    params(("id" = Uuid, Path, description = "Analysis id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The analysis", body = AnalysisOut),
        (status = 404, description = "No such analysis in your organization", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/analyses/{id}")]
pub async fn get_one(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let analysis = with_db(&state, move |conn| {
        Ok(analyses::get(conn, user.org_id, id)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(AnalysisOut::try_from(analysis)?))
}
