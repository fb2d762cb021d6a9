//! Wellbore geometry and multiphase hydraulics: `/api/v1/wellbore/*` and
//! `/api/v1/hydraulics/*`.

use actix_web::{HttpResponse, get, post, web};
use nodal_core::hydraulics::friction::FrictionCorrelation;
use nodal_core::hydraulics::{
    FlowDirection, GasLift, GradientCorrelation, KnownPressure, StepControl, SurfaceRates,
    TemperatureProfile, TraverseInput, TraverseStation, VlpCase,
    wellhead_pressure_for_bottomhole_pressure,
};
use nodal_core::pvt::fluid::BlackOilFluid;
use nodal_core::wellbore::{Conduit, FlowPath, FlowSection, Survey, SurveyStation};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::pvt::{
    FluidInput, MethodsInput, MethodsUsed, RangeDescription, Warning, collect_warnings, prefixed,
    resolve_methods,
};
use crate::caching;
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::identity::AuthUser;
use crate::plot::SVG;
use crate::state::AppState;
use crate::validate::Check;

/// Deepest measured depth accepted, ft.
pub const MAX_DEPTH_FT: f64 = 50_000.0;
/// Most survey stations in one request.
pub const MAX_SURVEY_STATIONS: usize = 5_000;
/// Most rates in one outflow curve.
pub const MAX_VLP_RATES: usize = 100;
/// Highest liquid rate, STB/d: well above any single well's.
pub const MAX_LIQUID_RATE_STB_D: f64 = 1_000_000.0;
/// Highest wellhead or bottom-hole pressure, psia: the engine's traverse limit.
pub const MAX_PRESSURE_PSIA: f64 = 30_000.0;

/// A wellhead or bottom-hole pressure: from atmospheric to [`MAX_PRESSURE_PSIA`], checked
/// here so that the error names the request's field (the engine names its own).
pub(crate) fn check_pressure(check: &mut Check, field: &str, pressure_psia: f64) {
    check.range(
        field,
        pressure_psia,
        nodal_core::units::STANDARD_PRESSURE_PSIA,
        MAX_PRESSURE_PSIA,
    );
}

/// A liquid rate, STB/d: not negative, at most [`MAX_LIQUID_RATE_STB_D`].
pub(crate) fn check_liquid_rate(check: &mut Check, field: &str, rate_stb_d: f64) {
    check.range(field, rate_stb_d, 0.0, MAX_LIQUID_RATE_STB_D);
}

/// One deviation-survey station.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SurveyStationInput {
    /// Measured depth, ft.
    pub md_ft: f64,
    /// Inclination from vertical, degrees (0 to 180).
    pub inclination_deg: f64,
    /// Azimuth from north, degrees (0 to 360).
    pub azimuth_deg: f64,
}

/// `POST /wellbore/trajectory` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"stations": [
    {"md_ft": 0.0, "inclination_deg": 0.0, "azimuth_deg": 0.0},
    {"md_ft": 2000.0, "inclination_deg": 0.0, "azimuth_deg": 0.0},
    {"md_ft": 4000.0, "inclination_deg": 30.0, "azimuth_deg": 45.0},
    {"md_ft": 9000.0, "inclination_deg": 30.0, "azimuth_deg": 45.0}]}))]
pub struct TrajectoryRequest {
    /// Survey stations, MD strictly increasing, 2 to 5,000.
    pub stations: Vec<SurveyStationInput>,
}

/// One computed trajectory point.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TrajectoryPointOutput {
    /// Measured depth, ft.
    pub md_ft: f64,
    /// True vertical depth, ft.
    pub tvd_ft: f64,
    /// Northing from the first station, ft.
    pub north_ft: f64,
    /// Easting from the first station, ft.
    pub east_ft: f64,
    /// Inclination, degrees.
    pub inclination_deg: f64,
    /// Azimuth, degrees.
    pub azimuth_deg: f64,
    /// Dogleg severity of the course ending here, degrees per 100 ft.
    pub dogleg_severity_deg_100ft: f64,
}

/// `POST /wellbore/trajectory` answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TrajectoryResponse {
    /// Method used.
    #[schema(example = "minimum_curvature")]
    pub method: &'static str,
    /// One point per station.
    pub stations: Vec<TrajectoryPointOutput>,
}

/// One section of the flow path, from the previous section's bottom (or the top) down to
/// `bottom_md_ft`. Tubing flow: `tubing_id_in`. Annulus flow: `casing_id_in` and
/// `tubing_od_in`. Casing flow (no tubing): `casing_id_in` alone.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionInput {
    /// Bottom of the section, measured depth, ft.
    pub bottom_md_ft: f64,
    /// Tubing inner diameter, in (tubing flow).
    #[serde(default)]
    pub tubing_id_in: Option<f64>,
    /// Casing inner diameter, in (annulus or casing flow).
    #[serde(default)]
    pub casing_id_in: Option<f64>,
    /// Tubing outer diameter, in (annulus flow).
    #[serde(default)]
    pub tubing_od_in: Option<f64>,
    /// Absolute wall roughness, in (new steel tubing ≈ 0.0006).
    #[serde(default = "default_roughness")]
    pub roughness_in: f64,
}

fn default_roughness() -> f64 {
    0.0006
}

/// The well: its path in space and the conduits the fluids flow through.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WellInput {
    /// Deviation survey; omit for a vertical well to the deepest section.
    #[serde(default)]
    pub survey: Option<Vec<SurveyStationInput>>,
    /// Flow-path sections, top to bottom; the first starts at MD 0 (the wellhead).
    pub sections: Vec<SectionInput>,
}

/// Surface rates of the stream.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RatesInput {
    /// Liquid (oil + water) rate, STB/d (≥ 0).
    pub liquid_rate_stb_d: f64,
    /// Water cut, fraction of liquid (0 to 1).
    #[serde(default)]
    pub water_cut_fraction: f64,
    /// Produced gas-oil ratio, scf/STB; defaults to the fluid's solution GOR.
    #[serde(default)]
    pub gor_scf_stb: Option<f64>,
}

/// Temperatures at the ends of the flow path (linear geothermal profile in TVD between).
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TemperatureInput {
    /// Wellhead (top) temperature, °F.
    pub wellhead_temperature_degf: f64,
    /// Bottom-hole temperature, °F.
    pub bottomhole_temperature_degf: f64,
}

/// Gas-lift injection: lift gas joins the stream at this depth and flows above it.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GasLiftInput {
    /// Injection depth, measured, ft.
    pub injection_md_ft: f64,
    /// Lift-gas rate, Mscf/d.
    pub gas_rate_mscf_d: f64,
}

/// Direction of flow.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DirectionInput {
    /// Producing well: upward flow.
    #[default]
    Production,
    /// Injection well: downward flow.
    Injection,
}

/// Options shared by every hydraulics calculation.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FlowOptions {
    /// Gradient correlation id (see `GET /hydraulics/methods`); default
    /// `beggs_brill_payne_1979`.
    #[serde(default)]
    pub correlation: Option<String>,
    /// Friction-factor method id; default `colebrook_clamond_2009` (Colebrook solved exactly).
    #[serde(default)]
    pub friction: Option<String>,
    /// Gas lift, if any.
    #[serde(default)]
    pub gas_lift: Option<GasLiftInput>,
    /// Multiplier on the elevation gradient (well-test matching; default 1).
    #[serde(default = "one")]
    pub gravity_multiplier: f64,
    /// Multiplier on the friction gradient (default 1).
    #[serde(default = "one")]
    pub friction_multiplier: f64,
    /// Longest step, ft (default 100).
    #[serde(default)]
    pub max_step_ft: Option<f64>,
}

fn one() -> f64 {
    1.0
}

impl Default for FlowOptions {
    fn default() -> Self {
        Self {
            correlation: None,
            friction: None,
            gas_lift: None,
            gravity_multiplier: 1.0,
            friction_multiplier: 1.0,
            max_step_ft: None,
        }
    }
}

/// `POST /hydraulics/traverse` body. Give exactly one of `wellhead_pressure_psia` (march
/// down) and `bottomhole_pressure_psia` (march up).
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 600.0, "water_salinity_wt_pct": 3.0},
    "well": {"sections": [{"bottom_md_ft": 10000.0, "tubing_id_in": 2.441}]},
    "rates": {"liquid_rate_stb_d": 1500.0, "water_cut_fraction": 0.3},
    "temperature": {"wellhead_temperature_degf": 100.0, "bottomhole_temperature_degf": 200.0},
    "wellhead_pressure_psia": 200.0,
    "options": {"correlation": "hagedorn_brown_1965_modified"}
}))]
pub struct TraverseRequest {
    /// The fluid.
    pub fluid: FluidInput,
    /// PVT correlation choices (recommended ones fill the gaps).
    #[serde(default)]
    pub pvt_methods: MethodsInput,
    /// The well.
    pub well: WellInput,
    /// Surface rates.
    pub rates: RatesInput,
    /// End temperatures.
    pub temperature: TemperatureInput,
    /// Known wellhead pressure, psia.
    #[serde(default)]
    pub wellhead_pressure_psia: Option<f64>,
    /// Known bottom-hole pressure, psia.
    #[serde(default)]
    pub bottomhole_pressure_psia: Option<f64>,
    /// Production (default) or injection.
    #[serde(default)]
    pub direction: DirectionInput,
    /// Correlation and calculation options.
    #[serde(default)]
    pub options: FlowOptions,
}

/// One station of a traverse.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StationOutput {
    /// Measured depth, ft.
    pub md_ft: f64,
    /// True vertical depth, ft.
    pub tvd_ft: f64,
    /// Inclination, degrees.
    pub inclination_deg: f64,
    /// Pressure, psia.
    pub pressure_psia: f64,
    /// Temperature, °F.
    pub temperature_degf: f64,
    /// Liquid holdup, fraction.
    pub liquid_holdup: f64,
    /// No-slip liquid holdup, fraction.
    pub no_slip_holdup: f64,
    /// Flow pattern.
    pub flow_pattern: String,
    /// Mixture (slip) density, lb/ft³.
    pub mixture_density_lb_ft3: f64,
    /// Superficial liquid velocity, ft/s.
    pub superficial_liquid_velocity_ft_s: f64,
    /// Superficial gas velocity, ft/s.
    pub superficial_gas_velocity_ft_s: f64,
    /// Mixture velocity, ft/s.
    pub mixture_velocity_ft_s: f64,
    /// Reynolds number used for friction.
    pub reynolds_number: f64,
    /// Darcy friction factor.
    pub friction_factor: f64,
    /// Elevation gradient, psi/ft.
    pub elevation_gradient_psi_ft: f64,
    /// Friction gradient, psi/ft.
    pub friction_gradient_psi_ft: f64,
    /// Acceleration gradient, psi/ft.
    pub acceleration_gradient_psi_ft: f64,
}

impl From<&TraverseStation> for StationOutput {
    fn from(s: &TraverseStation) -> Self {
        Self {
            md_ft: s.md_ft,
            tvd_ft: s.tvd_ft,
            inclination_deg: s.inclination_deg,
            pressure_psia: s.pressure_psia,
            temperature_degf: s.temperature_degf,
            liquid_holdup: s.liquid_holdup,
            no_slip_holdup: s.no_slip_holdup,
            flow_pattern: snake_case(&format!("{:?}", s.flow_pattern)),
            mixture_density_lb_ft3: s.mixture_density_lb_ft3,
            superficial_liquid_velocity_ft_s: s.superficial_liquid_velocity_ft_s,
            superficial_gas_velocity_ft_s: s.superficial_gas_velocity_ft_s,
            mixture_velocity_ft_s: s.mixture_velocity_ft_s,
            reynolds_number: s.reynolds_number,
            friction_factor: s.friction_factor,
            elevation_gradient_psi_ft: s.elevation_gradient_psi_ft,
            friction_gradient_psi_ft: s.friction_gradient_psi_ft,
            acceleration_gradient_psi_ft: s.acceleration_gradient_psi_ft,
        }
    }
}

fn snake_case(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len() + 4);
    for (i, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Totals of a traverse.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TraverseSummaryOutput {
    /// Wellhead pressure, psia.
    pub wellhead_pressure_psia: f64,
    /// Bottom-hole pressure, psia.
    pub bottomhole_pressure_psia: f64,
    /// Pressure difference from elevation, psi.
    pub elevation_loss_psi: f64,
    /// Pressure difference from friction, psi.
    pub friction_loss_psi: f64,
    /// Pressure difference from acceleration, psi.
    pub acceleration_loss_psi: f64,
    /// Stations computed.
    pub station_count: usize,
}

/// Methods used by a hydraulics calculation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HydraulicsMethods {
    /// Gradient correlation id.
    pub correlation: &'static str,
    /// Friction-factor method id.
    pub friction: &'static str,
    /// Trajectory method.
    pub trajectory: &'static str,
    /// PVT methods.
    pub pvt: MethodsUsed,
}

/// `POST /hydraulics/traverse` answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TraverseResponse {
    /// Methods used.
    pub methods: HydraulicsMethods,
    /// Totals.
    pub summary: TraverseSummaryOutput,
    /// Stations, top to bottom.
    pub stations: Vec<StationOutput>,
    /// Inputs outside a method's published data range: first the PVT correlations' at the
    /// end conditions, then the gradient correlation's along the path (pipe angle, diameter,
    /// liquid viscosity, pressure, mixture velocity, liquid-gas ratios, as the correlation
    /// declares them), one per input with `path` saying where.
    pub warnings: Vec<Warning>,
}

/// `POST /hydraulics/vlp-curve` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 600.0},
    "well": {"sections": [{"bottom_md_ft": 10000.0, "tubing_id_in": 2.441}]},
    "temperature": {"wellhead_temperature_degf": 100.0, "bottomhole_temperature_degf": 200.0},
    "wellhead_pressure_psia": 200.0, "water_cut_fraction": 0.3,
    "liquid_rates_stb_d": [200.0, 500.0, 1000.0, 2000.0, 3000.0],
    "target_bottomhole_pressure_psia": 2500.0
}))]
pub struct VlpRequest {
    /// The fluid.
    pub fluid: FluidInput,
    /// PVT correlation choices.
    #[serde(default)]
    pub pvt_methods: MethodsInput,
    /// The well.
    pub well: WellInput,
    /// End temperatures.
    pub temperature: TemperatureInput,
    /// Wellhead pressure, psia.
    pub wellhead_pressure_psia: f64,
    /// Water cut, fraction (0 to 1).
    #[serde(default)]
    pub water_cut_fraction: f64,
    /// Produced GOR, scf/STB; defaults to the fluid's.
    #[serde(default)]
    pub gor_scf_stb: Option<f64>,
    /// Liquid rates, STB/d (1 to 100, each > 0).
    pub liquid_rates_stb_d: Vec<f64>,
    /// Also solve, for each rate, the wellhead pressure that gives this bottom-hole
    /// pressure, psia.
    #[serde(default)]
    pub target_bottomhole_pressure_psia: Option<f64>,
    /// Correlation and calculation options.
    #[serde(default)]
    pub options: FlowOptions,
}

/// One point of an outflow curve.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VlpPointOutput {
    /// Liquid rate, STB/d.
    pub liquid_rate_stb_d: f64,
    /// Bottom-hole pressure, psia (absent when the traverse failed at this rate).
    pub bottomhole_pressure_psia: Option<f64>,
    /// Wellhead pressure giving `target_bottomhole_pressure_psia`, psia, when asked.
    pub wellhead_pressure_for_target_psia: Option<f64>,
    /// Why a value is absent.
    pub error: Option<String>,
}

/// `POST /hydraulics/vlp-curve` answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VlpResponse {
    /// Methods used.
    pub methods: HydraulicsMethods,
    /// Wellhead pressure, psia.
    pub wellhead_pressure_psia: f64,
    /// The curve.
    pub points: Vec<VlpPointOutput>,
    /// Inputs outside a method's published data range: the PVT correlations', then the
    /// gradient correlation's along the path over all the curve's rates (one per input, with
    /// `path` saying where and how many stations).
    pub warnings: Vec<Warning>,
}

/// `POST /hydraulics/compare` body: the traverse case, by several correlations.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "case": {
        "fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 600.0},
        "well": {"sections": [{"bottom_md_ft": 10000.0, "tubing_id_in": 2.441}]},
        "rates": {"liquid_rate_stb_d": 1500.0, "water_cut_fraction": 0.3},
        "temperature": {"wellhead_temperature_degf": 100.0, "bottomhole_temperature_degf": 200.0},
        "wellhead_pressure_psia": 200.0
    },
    "correlations": ["beggs_brill_1973", "beggs_brill_payne_1979", "hagedorn_brown_1965_modified"]
}))]
pub struct CompareRequest {
    /// The case (its `options.correlation` is ignored).
    pub case: TraverseRequest,
    /// Correlation ids; default: every multiphase correlation.
    #[serde(default)]
    pub correlations: Option<Vec<String>>,
}

/// One correlation's answer in a comparison.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CompareEntry {
    /// Correlation id.
    pub correlation: String,
    /// Totals, when the traverse succeeded.
    pub summary: Option<TraverseSummaryOutput>,
    /// Why not, when it failed.
    pub error: Option<String>,
    /// Where this correlation's traverse left its published range (one per input, with
    /// `path` saying where); empty when it stayed inside or failed.
    pub warnings: Vec<Warning>,
}

/// `POST /hydraulics/compare` answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CompareResponse {
    /// One entry per correlation.
    pub results: Vec<CompareEntry>,
    /// PVT methods used.
    pub pvt_methods: MethodsUsed,
}

/// A correlation in the catalogue.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CorrelationDescription {
    /// Id.
    pub id: &'static str,
    /// What it computes.
    pub property: &'static str,
    /// Variant and intended use.
    pub variant: &'static str,
    /// Primary source.
    pub source: &'static str,
    /// Published data range of the inputs; a traverse warns where its stations leave the
    /// gradient correlation's (see `warnings` of the traverse).
    pub ranges: Vec<RangeDescription>,
}

/// `GET /hydraulics/methods` answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HydraulicsMethodsResponse {
    /// Pressure-gradient correlations.
    pub correlations: Vec<CorrelationDescription>,
    /// Friction-factor methods.
    pub friction: Vec<CorrelationDescription>,
}

// ---------------------------------------------------------------------------------------
// Validation and building

pub(crate) fn check_survey(check: &mut Check, prefix: &str, stations: &[SurveyStationInput]) {
    if stations.len() < 2 || stations.len() > MAX_SURVEY_STATIONS {
        check.fail(
            prefix,
            format!(
                "needs 2 to {MAX_SURVEY_STATIONS} stations (got {})",
                stations.len()
            ),
        );
    }
    let mut previous: Option<f64> = None;
    for (i, s) in stations.iter().enumerate() {
        let field = |name: &str| format!("{prefix}[{i}].{name}");
        check.range(&field("md_ft"), s.md_ft, 0.0, MAX_DEPTH_FT);
        check.range(&field("inclination_deg"), s.inclination_deg, 0.0, 180.0);
        check.range(&field("azimuth_deg"), s.azimuth_deg, 0.0, 360.0);
        if let Some(prev) = previous
            && s.md_ft.is_finite()
            && s.md_ft <= prev
        {
            check.fail(
                &field("md_ft"),
                format!("must be greater than the previous station's {prev}"),
            );
        }
        previous = Some(s.md_ft);
    }
}

fn survey_from(stations: &[SurveyStationInput]) -> Vec<SurveyStation> {
    stations
        .iter()
        .map(|s| SurveyStation {
            md_ft: s.md_ft,
            inclination_deg: s.inclination_deg,
            azimuth_deg: s.azimuth_deg,
        })
        .collect()
}

impl WellInput {
    pub(crate) fn check(&self, check: &mut Check) {
        if self.sections.is_empty() {
            check.fail("well.sections", "needs at least one section");
        }
        let mut top = 0.0;
        for (i, s) in self.sections.iter().enumerate() {
            let field = |name: &str| format!("well.sections[{i}].{name}");
            check.range(&field("bottom_md_ft"), s.bottom_md_ft, 0.0, MAX_DEPTH_FT);
            if s.bottom_md_ft.is_finite() && s.bottom_md_ft <= top {
                check.fail(
                    &field("bottom_md_ft"),
                    format!("must be deeper than the section above ({top} ft)"),
                );
            }
            top = s.bottom_md_ft;
            check.non_negative(&field("roughness_in"), s.roughness_in);
            let flow_diameter = match (s.tubing_id_in, s.casing_id_in, s.tubing_od_in) {
                (Some(id), None, None) => {
                    check.positive(&field("tubing_id_in"), id);
                    Some(id)
                }
                (None, Some(casing), Some(tubing)) => {
                    check.positive(&field("casing_id_in"), casing);
                    check.positive(&field("tubing_od_in"), tubing);
                    if tubing >= casing {
                        check.fail(&field("tubing_od_in"), "must be smaller than casing_id_in");
                    }
                    Some(casing - tubing)
                }
                (None, Some(casing), None) => {
                    check.positive(&field("casing_id_in"), casing);
                    Some(casing)
                }
                _ => {
                    check.fail(
                        &field("tubing_id_in"),
                        "give tubing_id_in (tubing flow), casing_id_in and tubing_od_in (annulus flow), or casing_id_in alone (casing flow)",
                    );
                    None
                }
            };
            if let Some(d) = flow_diameter
                && d > 0.0
                && s.roughness_in >= d / 2.0
            {
                check.fail(
                    &field("roughness_in"),
                    format!("must be less than the flow radius ({} in)", d / 2.0),
                );
            }
        }
        if let Some(survey) = &self.survey {
            check_survey(check, "well.survey", survey);
            if let (Some(last), Some(bottom)) = (survey.last(), self.sections.last())
                && last.md_ft < bottom.bottom_md_ft
            {
                check.fail(
                    "well.survey",
                    format!(
                        "ends at {} ft MD, above the deepest section ({} ft)",
                        last.md_ft, bottom.bottom_md_ft
                    ),
                );
            }
        }
    }

    fn build(&self) -> Result<(Survey, FlowPath), ApiError> {
        let bottom = self.sections.last().map_or(0.0, |s| s.bottom_md_ft);
        let survey = match &self.survey {
            Some(stations) => Survey::new(&survey_from(stations)),
            None => Survey::vertical(bottom),
        }
        .map_err(|e| prefixed("well.survey", e))?;
        let sections = self
            .sections
            .iter()
            .map(|s| FlowSection {
                bottom_md_ft: s.bottom_md_ft,
                conduit: match (s.tubing_id_in, s.casing_id_in, s.tubing_od_in) {
                    (Some(id), _, _) => Conduit::Tubing {
                        inner_diameter_in: id,
                        roughness_in: s.roughness_in,
                    },
                    (None, Some(casing), Some(tubing)) => Conduit::Annulus {
                        casing_inner_diameter_in: casing,
                        tubing_outer_diameter_in: tubing,
                        roughness_in: s.roughness_in,
                    },
                    (None, Some(casing), None) => Conduit::Tubing {
                        inner_diameter_in: casing,
                        roughness_in: s.roughness_in,
                    },
                    (None, None, _) => Conduit::Tubing {
                        inner_diameter_in: 0.0,
                        roughness_in: s.roughness_in,
                    },
                },
            })
            .collect();
        let path = FlowPath::new(0.0, sections).map_err(|e| prefixed("well.sections", e))?;
        Ok((survey, path))
    }
}

fn check_temperature(check: &mut Check, t: &TemperatureInput) {
    check.range(
        "temperature.wellhead_temperature_degf",
        t.wellhead_temperature_degf,
        -40.0,
        700.0,
    );
    check.range(
        "temperature.bottomhole_temperature_degf",
        t.bottomhole_temperature_degf,
        -40.0,
        700.0,
    );
}

fn check_options(check: &mut Check, options: &FlowOptions, bottom_md_ft: f64) {
    check.range(
        "options.gravity_multiplier",
        options.gravity_multiplier,
        0.0,
        10.0,
    );
    check.range(
        "options.friction_multiplier",
        options.friction_multiplier,
        0.0,
        10.0,
    );
    if let Some(step) = options.max_step_ft {
        check.range("options.max_step_ft", step, 1.0, 5000.0);
        // Each step makes at least one station.
        if step.is_finite() && step > 0.0 && bottom_md_ft / step > 5000.0 {
            check.fail(
                "options.max_step_ft",
                format!("would make more than 5,000 stations over {bottom_md_ft} ft"),
            );
        }
    }
    if let Some(lift) = options.gas_lift {
        check.range(
            "options.gas_lift.injection_md_ft",
            lift.injection_md_ft,
            0.0,
            bottom_md_ft,
        );
        check.non_negative("options.gas_lift.gas_rate_mscf_d", lift.gas_rate_mscf_d);
    }
}

fn correlation_by_id(field: &str, id: Option<&str>) -> Result<GradientCorrelation, ApiError> {
    match id {
        None => Ok(GradientCorrelation::BeggsBrillPayne1979),
        Some(id) => GradientCorrelation::from_id(id).ok_or_else(|| {
            let valid: Vec<&str> = GradientCorrelation::ALL
                .iter()
                .map(|c| c.info().id)
                .collect();
            ApiError::invalid_field(
                field,
                format!("unknown correlation `{id}`; one of: {}", valid.join(", ")),
            )
        }),
    }
}

fn friction_by_id(id: Option<&str>) -> Result<FrictionCorrelation, ApiError> {
    match id {
        None => Ok(FrictionCorrelation::Colebrook),
        Some(id) => FrictionCorrelation::ALL
            .iter()
            .copied()
            .find(|f| f.info().id == id)
            .ok_or_else(|| {
                let valid: Vec<&str> = FrictionCorrelation::ALL
                    .iter()
                    .map(|c| c.info().id)
                    .collect();
                ApiError::invalid_field(
                    "options.friction",
                    format!(
                        "unknown friction method `{id}`; one of: {}",
                        valid.join(", ")
                    ),
                )
            }),
    }
}

/// Everything a traverse or VLP calculation needs, validated and built.
pub(crate) struct Case {
    pub(crate) fluid: BlackOilFluid,
    pub(crate) pvt: MethodsUsed,
    pub(crate) survey: Survey,
    pub(crate) path: FlowPath,
    pub(crate) temperature: TemperatureProfile,
    pub(crate) correlation: GradientCorrelation,
    pub(crate) friction: FrictionCorrelation,
    pub(crate) step: StepControl,
    pub(crate) warnings: Vec<Warning>,
}

pub(crate) fn build_case(
    fluid_input: &FluidInput,
    pvt_methods: &MethodsInput,
    well: &WellInput,
    temperature: &TemperatureInput,
    options: &FlowOptions,
    max_pressure_psia: f64,
    mut check: Check,
) -> Result<Case, ApiError> {
    fluid_input.check(&mut check, "fluid");
    well.check(&mut check);
    check_temperature(&mut check, temperature);
    let bottom = well.sections.last().map_or(0.0, |s| s.bottom_md_ft);
    check_options(&mut check, options, bottom);
    check.finish()?;
    let correlation = correlation_by_id("options.correlation", options.correlation.as_deref())?;
    let friction = friction_by_id(options.friction.as_deref())?;
    let description = fluid_input.description()?;
    let t_max = temperature
        .wellhead_temperature_degf
        .max(temperature.bottomhole_temperature_degf);
    let (methods, pvt) = resolve_methods(pvt_methods, &description, t_max, max_pressure_psia)?;
    let fluid = BlackOilFluid::new(&description, methods).map_err(|e| prefixed("fluid", e))?;
    let (survey, path) = well.build()?;
    let warnings = collect_warnings(
        &fluid,
        [
            (max_pressure_psia, temperature.bottomhole_temperature_degf),
            (max_pressure_psia, temperature.wellhead_temperature_degf),
        ]
        .into_iter(),
    )?;
    let mut step = StepControl::default();
    if let Some(max_step_ft) = options.max_step_ft {
        step.max_step_ft = max_step_ft;
    }
    Ok(Case {
        fluid,
        pvt,
        survey,
        path,
        temperature: TemperatureProfile {
            top_temperature_degf: temperature.wellhead_temperature_degf,
            bottom_temperature_degf: temperature.bottomhole_temperature_degf,
        },
        correlation,
        friction,
        step,
        warnings,
    })
}

impl Case {
    /// The outflow case of this well at a water cut and GOR, with the request's options.
    pub(crate) fn vlp_case(
        &self,
        water_cut_fraction: f64,
        gor_scf_stb: f64,
        options: &FlowOptions,
    ) -> VlpCase<'_, BlackOilFluid> {
        let mut vlp = VlpCase::new(
            &self.survey,
            &self.path,
            &self.fluid,
            water_cut_fraction,
            gor_scf_stb,
            self.correlation,
            self.temperature,
        );
        vlp.friction = self.friction;
        vlp.step = self.step;
        vlp.gravity_multiplier = options.gravity_multiplier;
        vlp.friction_multiplier = options.friction_multiplier;
        vlp.gas_lift = options.gas_lift.map(|g| GasLift {
            injection_md_ft: g.injection_md_ft,
            gas_rate_mscf_d: g.gas_rate_mscf_d,
        });
        vlp
    }

    /// Methods used, for responses.
    pub(crate) fn methods(&self) -> HydraulicsMethods {
        HydraulicsMethods {
            correlation: self.correlation.info().id,
            friction: self.friction.info().id,
            trajectory: "minimum_curvature",
            pvt: self.pvt.clone(),
        }
    }
}

/// Surface rates: liquid rate, water cut and GOR in their ranges.
pub(crate) fn check_rates(check: &mut Check, rates: &RatesInput) {
    check_liquid_rate(check, "rates.liquid_rate_stb_d", rates.liquid_rate_stb_d);
    check.range(
        "rates.water_cut_fraction",
        rates.water_cut_fraction,
        0.0,
        1.0,
    );
    if let Some(gor) = rates.gor_scf_stb {
        check.range(
            "rates.gor_scf_stb",
            gor,
            0.0,
            crate::routes::pvt::MAX_GOR_SCF_STB,
        );
    }
}

fn summary_output(s: &nodal_core::hydraulics::TraverseSummary) -> TraverseSummaryOutput {
    TraverseSummaryOutput {
        wellhead_pressure_psia: s.top_pressure_psia,
        bottomhole_pressure_psia: s.bottom_pressure_psia,
        elevation_loss_psi: s.elevation_loss_psi,
        friction_loss_psi: s.friction_loss_psi,
        acceleration_loss_psi: s.acceleration_loss_psi,
        station_count: s.station_count,
    }
}

/// Runs a CPU-heavy calculation on the blocking pool, so the async workers keep serving.
pub(crate) async fn off_worker<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    crate::error::run_blocking(work).await?
}

// ---------------------------------------------------------------------------------------
// Handlers

/// Survey in, trajectory out (minimum curvature: TVD, north, east, dogleg severity).
#[utoipa::path(
    security(("bearer" = [])),
    tag = "hydraulics",
    request_body = TrajectoryRequest,
    responses(
        (status = 200, description = "The trajectory", body = TrajectoryResponse),
        (status = 422, description = "Invalid survey; `errors` names each station and field", body = Problem,
         content_type = "application/problem+json")
    )
)]
#[post("/wellbore/trajectory")]
pub async fn trajectory(
    _user: AuthUser,
    state: web::Data<AppState>,
    body: Json<TrajectoryRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    caching::json(&state, "wellbore.trajectory", &request, || {
        compute_trajectory(&request)
    })
    .await
}

/// Computes `POST /wellbore/trajectory`.
pub fn compute_trajectory(request: &TrajectoryRequest) -> Result<TrajectoryResponse, ApiError> {
    let mut check = Check::default();
    check_survey(&mut check, "stations", &request.stations);
    check.finish()?;
    let survey =
        Survey::new(&survey_from(&request.stations)).map_err(|e| prefixed("stations", e))?;
    let points = survey.stations();
    let stations = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let dls = if i == 0 {
                0.0
            } else {
                let prev = &points[i - 1];
                let course = p.md_ft - prev.md_ft;
                let dogleg = dogleg_deg(
                    prev.inclination_deg,
                    prev.azimuth_deg,
                    p.inclination_deg,
                    p.azimuth_deg,
                );
                if course > 0.0 {
                    dogleg * 100.0 / course
                } else {
                    0.0
                }
            };
            TrajectoryPointOutput {
                md_ft: p.md_ft,
                tvd_ft: p.tvd_ft,
                north_ft: p.north_ft,
                east_ft: p.east_ft,
                inclination_deg: p.inclination_deg,
                azimuth_deg: p.azimuth_deg,
                dogleg_severity_deg_100ft: dls,
            }
        })
        .collect();
    Ok(TrajectoryResponse {
        method: "minimum_curvature",
        stations,
    })
}

/// Dogleg angle between two survey directions, degrees.
fn dogleg_deg(i1: f64, a1: f64, i2: f64, a2: f64) -> f64 {
    let (i1, a1, i2, a2) = (
        i1.to_radians(),
        a1.to_radians(),
        i2.to_radians(),
        a2.to_radians(),
    );
    let cos = i1.cos() * i2.cos() + i1.sin() * i2.sin() * (a2 - a1).cos();
    cos.clamp(-1.0, 1.0).acos().to_degrees()
}

/// The full pressure traverse (either direction), with the station table.
#[utoipa::path(
    security(("bearer" = [])),
    tag = "hydraulics",
    request_body = TraverseRequest,
    responses(
        (status = 200, description = "The traverse", body = TraverseResponse),
        (status = 422, description = "Invalid values, or the flow cannot be computed (e.g. pressure fell below atmospheric at a named depth)", body = Problem,
         content_type = "application/problem+json")
    )
)]
#[post("/hydraulics/traverse")]
pub async fn traverse(
    _user: AuthUser,
    state: web::Data<AppState>,
    body: Json<TraverseRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    caching::json_blocking(&state, "hydraulics.traverse", request, compute_traverse).await
}

pub(crate) fn known_pressure(
    check: &mut Check,
    wellhead: Option<f64>,
    bottomhole: Option<f64>,
) -> Option<KnownPressure> {
    match (wellhead, bottomhole) {
        (Some(p), None) => {
            check_pressure(check, "wellhead_pressure_psia", p);
            Some(KnownPressure::Top(p))
        }
        (None, Some(p)) => {
            check_pressure(check, "bottomhole_pressure_psia", p);
            Some(KnownPressure::Bottom(p))
        }
        _ => {
            check.fail(
                "wellhead_pressure_psia",
                "give exactly one of wellhead_pressure_psia and bottomhole_pressure_psia",
            );
            None
        }
    }
}

/// Computes `POST /hydraulics/traverse` (the correlation is the request's).
pub fn compute_traverse(request: &TraverseRequest) -> Result<TraverseResponse, ApiError> {
    let (case, input_rates, known) = prepare_traverse(request)?;
    let mut input = TraverseInput::new(
        &case.survey,
        &case.path,
        &case.fluid,
        input_rates,
        case.correlation,
        case.temperature,
        known,
    );
    apply_options(&mut input, request, &case);
    let result = nodal_core::hydraulics::traverse(&input)?;
    let mut warnings = case.warnings;
    warnings.extend(result.warnings.iter().map(Warning::from));
    Ok(TraverseResponse {
        methods: HydraulicsMethods {
            correlation: case.correlation.info().id,
            friction: case.friction.info().id,
            trajectory: "minimum_curvature",
            pvt: case.pvt,
        },
        summary: summary_output(&result.summary),
        stations: result.stations.iter().map(StationOutput::from).collect(),
        warnings,
    })
}

fn prepare_traverse(
    request: &TraverseRequest,
) -> Result<(Case, SurfaceRates, KnownPressure), ApiError> {
    let mut check = Check::default();
    check_rates(&mut check, &request.rates);
    let known = known_pressure(
        &mut check,
        request.wellhead_pressure_psia,
        request.bottomhole_pressure_psia,
    );
    let max_p = request
        .wellhead_pressure_psia
        .or(request.bottomhole_pressure_psia)
        .unwrap_or(5000.0)
        .max(5000.0);
    let case = build_case(
        &request.fluid,
        &request.pvt_methods,
        &request.well,
        &request.temperature,
        &request.options,
        max_p,
        check,
    )?;
    let gor = request
        .rates
        .gor_scf_stb
        .unwrap_or(request.fluid.gor_scf_stb);
    let rates = SurfaceRates::from_liquid(
        request.rates.liquid_rate_stb_d,
        request.rates.water_cut_fraction,
        gor,
    )
    .map_err(|e| prefixed("rates", e))?;
    let known =
        known.ok_or_else(|| ApiError::invalid_field("wellhead_pressure_psia", "missing"))?;
    Ok((case, rates, known))
}

fn apply_options<F: ?Sized>(
    input: &mut TraverseInput<'_, F>,
    request: &TraverseRequest,
    case: &Case,
) {
    input.friction = case.friction;
    input.step = case.step;
    input.gravity_multiplier = request.options.gravity_multiplier;
    input.friction_multiplier = request.options.friction_multiplier;
    input.gas_lift = request.options.gas_lift.map(|g| GasLift {
        injection_md_ft: g.injection_md_ft,
        gas_rate_mscf_d: g.gas_rate_mscf_d,
    });
    input.direction = match request.direction {
        DirectionInput::Production => FlowDirection::Production,
        DirectionInput::Injection => FlowDirection::Injection,
    };
}

/// The outflow (VLP) curve: bottom-hole pressure over liquid rates at a fixed wellhead
/// pressure, water cut and GOR; optionally the wellhead pressure for a target bottom-hole
/// pressure at each rate.
#[utoipa::path(
    security(("bearer" = [])),
    tag = "hydraulics",
    request_body = VlpRequest,
    responses(
        (status = 200, description = "The outflow curve", body = VlpResponse),
        (status = 422, description = "Invalid values", body = Problem,
         content_type = "application/problem+json")
    )
)]
#[post("/hydraulics/vlp-curve")]
pub async fn vlp_curve(
    _user: AuthUser,
    state: web::Data<AppState>,
    body: Json<VlpRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    caching::json_blocking(&state, "hydraulics.vlp_curve", request, compute_vlp).await
}

/// Computes `POST /hydraulics/vlp-curve`.
pub fn compute_vlp(request: &VlpRequest) -> Result<VlpResponse, ApiError> {
    let mut check = Check::default();
    check_pressure(
        &mut check,
        "wellhead_pressure_psia",
        request.wellhead_pressure_psia,
    );
    check.range("water_cut_fraction", request.water_cut_fraction, 0.0, 1.0);
    if let Some(gor) = request.gor_scf_stb {
        check.range("gor_scf_stb", gor, 0.0, crate::routes::pvt::MAX_GOR_SCF_STB);
    }
    if request.liquid_rates_stb_d.is_empty() || request.liquid_rates_stb_d.len() > MAX_VLP_RATES {
        check.fail(
            "liquid_rates_stb_d",
            format!(
                "needs 1 to {MAX_VLP_RATES} rates (got {})",
                request.liquid_rates_stb_d.len()
            ),
        );
    }
    for (i, q) in request.liquid_rates_stb_d.iter().enumerate() {
        check.above_at_most(
            &format!("liquid_rates_stb_d[{i}]"),
            *q,
            0.0,
            MAX_LIQUID_RATE_STB_D,
        );
    }
    if let Some(target) = request.target_bottomhole_pressure_psia {
        check_pressure(&mut check, "target_bottomhole_pressure_psia", target);
    }
    let max_p = request
        .target_bottomhole_pressure_psia
        .unwrap_or(5000.0)
        .max(5000.0);
    let case = build_case(
        &request.fluid,
        &request.pvt_methods,
        &request.well,
        &request.temperature,
        &request.options,
        max_p,
        check,
    )?;
    let gor = request.gor_scf_stb.unwrap_or(request.fluid.gor_scf_stb);
    let vlp = case.vlp_case(request.water_cut_fraction, gor, &request.options);
    let mut path_warnings = Vec::new();
    let points = request
        .liquid_rates_stb_d
        .iter()
        .map(|&q| {
            let bhp = vlp.bottomhole_pressure_checked(
                q,
                request.wellhead_pressure_psia,
                &mut path_warnings,
            );
            let whp = request
                .target_bottomhole_pressure_psia
                .map(|target| wellhead_pressure_for_bottomhole_pressure(&vlp, q, target));
            let mut errors = Vec::new();
            if let Err(e) = &bhp {
                errors.push(e.to_string());
            }
            if let Some(Err(e)) = &whp {
                errors.push(format!("wellhead pressure for the target: {e}"));
            }
            VlpPointOutput {
                liquid_rate_stb_d: q,
                bottomhole_pressure_psia: bhp.ok(),
                wellhead_pressure_for_target_psia: whp.and_then(Result::ok),
                error: (!errors.is_empty()).then(|| errors.join("; ")),
            }
        })
        .collect();
    Ok(VlpResponse {
        methods: HydraulicsMethods {
            correlation: case.correlation.info().id,
            friction: case.friction.info().id,
            trajectory: "minimum_curvature",
            pvt: case.pvt,
        },
        wellhead_pressure_psia: request.wellhead_pressure_psia,
        points,
        warnings: case
            .warnings
            .into_iter()
            .chain(path_warnings.iter().map(Warning::from))
            .collect(),
    })
}

/// The same traverse by several correlations, side by side.
#[utoipa::path(
    security(("bearer" = [])),
    tag = "hydraulics",
    request_body = CompareRequest,
    responses(
        (status = 200, description = "One result per correlation", body = CompareResponse),
        (status = 422, description = "Invalid values", body = Problem,
         content_type = "application/problem+json")
    )
)]
#[post("/hydraulics/compare")]
pub async fn compare(
    _user: AuthUser,
    state: web::Data<AppState>,
    body: Json<CompareRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    caching::json_blocking(&state, "hydraulics.compare", request, compute_compare).await
}

/// Computes `POST /hydraulics/compare`.
pub fn compute_compare(request: &CompareRequest) -> Result<CompareResponse, ApiError> {
    let correlations: Vec<GradientCorrelation> = match &request.correlations {
        None => GradientCorrelation::ALL
            .iter()
            .copied()
            .filter(|c| *c != GradientCorrelation::SinglePhase)
            .collect(),
        Some(ids) => {
            if ids.is_empty() || ids.len() > GradientCorrelation::ALL.len() {
                return Err(ApiError::invalid_field(
                    "correlations",
                    format!(
                        "give 1 to {} correlation ids",
                        GradientCorrelation::ALL.len()
                    ),
                ));
            }
            ids.iter()
                .enumerate()
                .map(|(i, id)| correlation_by_id(&format!("correlations[{i}]"), Some(id)))
                .collect::<Result<_, _>>()?
        }
    };
    let (case, rates, known) = prepare_traverse(&request.case)?;
    let results = correlations
        .into_iter()
        .map(|correlation| {
            let mut input = TraverseInput::new(
                &case.survey,
                &case.path,
                &case.fluid,
                rates,
                correlation,
                case.temperature,
                known,
            );
            apply_options(&mut input, &request.case, &case);
            let mut stations = Vec::new();
            let mut warnings = Vec::new();
            match nodal_core::hydraulics::traverse_into(&input, &mut stations, &mut warnings) {
                Ok(summary) => CompareEntry {
                    correlation: correlation.info().id.to_string(),
                    summary: Some(summary_output(&summary)),
                    error: None,
                    warnings: warnings.iter().map(Warning::from).collect(),
                },
                Err(e) => CompareEntry {
                    correlation: correlation.info().id.to_string(),
                    summary: None,
                    error: Some(e.to_string()),
                    warnings: Vec::new(),
                },
            }
        })
        .collect();
    Ok(CompareResponse {
        results,
        pvt_methods: case.pvt,
    })
}

/// Every gradient correlation and friction method with its variant, source and intended use.
#[utoipa::path(
    security(("bearer" = [])),
    tag = "hydraulics",
    responses((status = 200, description = "The catalogue", body = HydraulicsMethodsResponse))
)]
#[get("/hydraulics/methods")]
pub async fn list_methods(_user: AuthUser) -> HttpResponse {
    let describe = |m: &'static nodal_core::MethodInfo| CorrelationDescription {
        id: m.id,
        property: m.property,
        variant: m.variant,
        source: m.source,
        ranges: m
            .ranges
            .iter()
            .map(|r| RangeDescription {
                param: r.param,
                min: r.min,
                max: r.max,
            })
            .collect(),
    };
    HttpResponse::Ok().json(HydraulicsMethodsResponse {
        correlations: GradientCorrelation::ALL
            .iter()
            .map(|c| describe(c.info()))
            .collect(),
        friction: FrictionCorrelation::ALL
            .iter()
            .map(|f| describe(f.info()))
            .collect(),
    })
}

/// The traverse as an SVG chart: pressure and temperature against true vertical depth.
#[utoipa::path(
    security(("bearer" = [])),
    tag = "hydraulics",
    request_body = TraverseRequest,
    responses(
        (status = 200, description = "SVG chart", content_type = "image/svg+xml", body = String),
        (status = 422, description = "Invalid values", body = Problem,
         content_type = "application/problem+json")
    )
)]
#[post("/hydraulics/traverse/plot")]
pub async fn traverse_plot(
    _user: AuthUser,
    state: web::Data<AppState>,
    body: Json<TraverseRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    caching::body_blocking(
        &state,
        "hydraulics.traverse_plot",
        request,
        SVG,
        |request| {
            let result = compute_traverse(request)?;
            let points: Vec<crate::plot::DepthPoint> = result
                .stations
                .iter()
                .map(|s| crate::plot::DepthPoint {
                    depth_ft: s.tvd_ft,
                    pressure_psia: s.pressure_psia,
                    temperature_degf: s.temperature_degf,
                })
                .collect();
            let title = format!(
                "Pressure traverse ({}): {:.0} psia at the wellhead, {:.0} psia at the bottom",
                result.methods.correlation,
                result.summary.wellhead_pressure_psia,
                result.summary.bottomhole_pressure_psia
            );
            crate::plot::traverse_svg(&title, &points)
        },
    )
    .await
}
