//! Surface facilities: `/api/v1/surface/*` (gas pipelines and their sizing, multiphase
//! flowlines, compressors, chokes and gathering networks).
//!
//! Each handler validates, calls one `compute_*` function and answers JSON; the engine
//! (`nodal_core::surface`) does the work.

use actix_web::{HttpResponse, get, post, web};
use nodal_core::hydraulics::friction::FrictionCorrelation;
use nodal_core::hydraulics::{GradientCorrelation, StepControl, SurfaceRates};
use nodal_core::inflow::{BackPressure, InflowModel};
use nodal_core::pvt::fluid::BlackOilFluid;
use nodal_core::pvt::gas::{GasMethods, GasModel, GasViscosityMethod, Impurities, ZFactorMethod};
use nodal_core::surface::choke::{ChokeCorrelation, GAS_CHOKE_NOZZLE, GasChoke, psig_to_psia};
use nodal_core::surface::compressor::{CompressionBasis, CompressorInput, compress};
use nodal_core::surface::flowline::{FlowlineInput, FlowlineKnownPressure, ProfilePoint, flowline};
use nodal_core::surface::gas_pipeline::{
    API_14E_C_CONTINUOUS, GasFlowConditions, GasFlowEquation, GasPipe, GasPipeline,
    STANDARD_PIPE_SIZES, size_gas_pipeline,
};
use nodal_core::surface::network::{
    DEFAULT_MAX_ITERATIONS, GasNetwork, NetworkNode, NetworkPipe, NetworkWell, WellConnection,
    WellTubing,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::hydraulics::RatesInput;
use super::pvt::{
    FluidInput, MethodsInput, MethodsUsed, Warning, collect_warnings, prefixed, resolve_methods,
};
use crate::caching;
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::identity::AuthUser;
use crate::state::AppState;
use crate::validate::Check;

/// The gas: gravity, impurities and, optionally, the Z-factor and viscosity correlations
/// (defaults: Sutton 1985 pseudo-criticals, Wichert-Aziz, Dranchuk-Abou-Kassem 1975,
/// Lee-Gonzalez-Eakin 1966; ids as in `GET /pvt/methods`).
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GasInput {
    /// Gas specific gravity, air = 1 (0.55 to 3).
    pub gas_sg: f64,
    /// CO2 mole fraction.
    #[serde(default)]
    pub co2_mole_frac: f64,
    /// H2S mole fraction.
    #[serde(default)]
    pub h2s_mole_frac: f64,
    /// N2 mole fraction.
    #[serde(default)]
    pub n2_mole_frac: f64,
    /// Z-factor correlation id, e.g. `dranchuk_abou_kassem_1975`, `hall_yarborough_1973`.
    #[serde(default)]
    pub z_factor: Option<String>,
    /// Gas viscosity correlation id, e.g. `lee_gonzalez_eakin_1966`.
    #[serde(default)]
    pub viscosity: Option<String>,
}

impl GasInput {
    /// The gas model; errors name the field under `prefix`.
    pub(crate) fn build(&self, prefix: &str) -> Result<GasModel, ApiError> {
        let mut check = Check::default();
        check.range(&format!("{prefix}.gas_sg"), self.gas_sg, 0.55, 3.0);
        check.finish()?;
        let impurities = Impurities::new(self.co2_mole_frac, self.h2s_mole_frac, self.n2_mole_frac)
            .map_err(|e| prefixed(prefix, e))?;
        let mut methods = GasMethods::default();
        if let Some(id) = &self.z_factor {
            methods.z_factor = ZFactorMethod::from_id(id).ok_or_else(|| {
                let valid: Vec<&str> = ZFactorMethod::ALL.iter().map(|m| m.id()).collect();
                ApiError::invalid_field(
                    format!("{prefix}.z_factor"),
                    format!(
                        "unknown Z-factor method `{id}`; one of: {}",
                        valid.join(", ")
                    ),
                )
            })?;
        }
        if let Some(id) = &self.viscosity {
            methods.viscosity = GasViscosityMethod::from_id(id).ok_or_else(|| {
                let valid: Vec<&str> = GasViscosityMethod::ALL.iter().map(|m| m.id()).collect();
                ApiError::invalid_field(
                    format!("{prefix}.viscosity"),
                    format!(
                        "unknown gas viscosity method `{id}`; one of: {}",
                        valid.join(", ")
                    ),
                )
            })?;
        }
        GasModel::new(self.gas_sg, impurities, methods).map_err(|e| prefixed(prefix, e))
    }
}

/// Gas-property methods used.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GasMethodsUsed {
    /// Pseudo-critical properties.
    pub pseudo_critical: &'static str,
    /// Impurity correction.
    pub impurity_correction: &'static str,
    /// Z factor.
    pub z_factor: &'static str,
    /// Viscosity.
    pub viscosity: &'static str,
}

fn gas_methods(gas: &GasModel) -> GasMethodsUsed {
    let m = gas.methods();
    GasMethodsUsed {
        pseudo_critical: m.pseudo_critical.info().id,
        impurity_correction: m.impurity_correction.info().id,
        z_factor: m.z_factor.info().id,
        viscosity: m.viscosity.info().id,
    }
}

/// A gas pipe.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GasPipeInput {
    /// Length, miles.
    pub length_mi: f64,
    /// Inner diameter, in (an initial guess when solving for the diameter).
    #[serde(default = "default_diameter")]
    pub inner_diameter_in: f64,
    /// Absolute roughness, in (default 0.0007, new steel).
    #[serde(default = "default_roughness")]
    pub roughness_in: f64,
    /// Pipeline efficiency (default 1; 0.92 to 0.95 typical for Weymouth and Panhandle).
    #[serde(default = "one")]
    pub efficiency: f64,
    /// Outlet elevation minus inlet elevation, ft.
    #[serde(default)]
    pub elevation_change_ft: f64,
    /// AGA drag factor (partially turbulent form; default 0.96).
    #[serde(default = "default_drag")]
    pub drag_factor: f64,
}

fn default_diameter() -> f64 {
    12.0
}
fn default_roughness() -> f64 {
    0.0007
}
fn default_drag() -> f64 {
    0.96
}
fn one() -> f64 {
    1.0
}
fn default_base_pressure() -> f64 {
    14.73
}
fn default_base_temperature() -> f64 {
    60.0
}
fn default_erosional_c() -> f64 {
    API_14E_C_CONTINUOUS
}

impl GasPipeInput {
    fn pipe(&self) -> GasPipe {
        GasPipe {
            length_mi: self.length_mi,
            inner_diameter_in: self.inner_diameter_in,
            roughness_in: self.roughness_in,
            efficiency: self.efficiency,
            elevation_change_ft: self.elevation_change_ft,
            drag_factor: self.drag_factor,
        }
    }
}

/// The unknown of a gas-pipeline solve.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SolveFor {
    /// Flow rate from both pressures.
    Rate,
    /// Outlet pressure from inlet pressure and rate.
    OutletPressure,
    /// Inlet pressure from outlet pressure and rate.
    InletPressure,
    /// Inner diameter from both pressures and rate.
    Diameter,
}

/// `POST /surface/gas-pipeline` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "equation": "panhandle_a", "gas": {"gas_sg": 0.65},
    "pipe": {"length_mi": 30.0, "inner_diameter_in": 11.938, "efficiency": 0.92, "elevation_change_ft": 300.0},
    "flowing_temperature_degf": 80.0, "solve_for": "outlet_pressure",
    "inlet_pressure_psia": 1100.0, "rate_mscf_d": 60000.0
}))]
pub struct GasPipelineRequest {
    /// Equation id (see `GET /surface/methods`), e.g. `weymouth_1912`, `panhandle_a`,
    /// `panhandle_b`, `general_flow_colebrook`, `aga_fully_turbulent`,
    /// `aga_partially_turbulent`, `igt`.
    pub equation: String,
    /// The gas.
    pub gas: GasInput,
    /// The pipe.
    pub pipe: GasPipeInput,
    /// Average flowing temperature, °F.
    pub flowing_temperature_degf: f64,
    /// Base pressure of standard volumes, psia (default 14.73).
    #[serde(default = "default_base_pressure")]
    pub base_pressure_psia: f64,
    /// Base temperature, °F (default 60).
    #[serde(default = "default_base_temperature")]
    pub base_temperature_degf: f64,
    /// API RP 14E constant C (default 100, continuous service).
    #[serde(default = "default_erosional_c")]
    pub erosional_c: f64,
    /// The unknown.
    pub solve_for: SolveFor,
    /// Inlet pressure, psia (unless solving for it).
    #[serde(default)]
    pub inlet_pressure_psia: Option<f64>,
    /// Outlet pressure, psia (unless solving for it).
    #[serde(default)]
    pub outlet_pressure_psia: Option<f64>,
    /// Flow rate, Mscf/d at base conditions (unless solving for it).
    #[serde(default)]
    pub rate_mscf_d: Option<f64>,
}

/// `POST /surface/gas-pipeline` answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GasPipelineResponse {
    /// Equation id.
    pub equation: &'static str,
    /// Gas-property methods.
    pub gas_methods: GasMethodsUsed,
    /// The solved line.
    pub result: GasPipelineOutput,
    /// Inputs outside the equation's published range.
    pub warnings: Vec<Warning>,
}

/// A solved gas line.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GasPipelineOutput {
    /// Flow rate at base conditions, Mscf/d.
    pub rate_mscf_d: f64,
    /// Inlet pressure, psia.
    pub inlet_pressure_psia: f64,
    /// Outlet pressure, psia.
    pub outlet_pressure_psia: f64,
    /// Inner diameter, in.
    pub inner_diameter_in: f64,
    /// Average pressure `2/3 (P1 + P2 − P1 P2/(P1 + P2))`, psia.
    pub average_pressure_psia: f64,
    /// Z at the average pressure and flowing temperature.
    pub z_average: f64,
    /// Gas viscosity at the average pressure, cp.
    pub viscosity_cp: f64,
    /// Elevation parameter `s = 0.0375 G ΔH/(Tf Z)`.
    pub elevation_parameter: f64,
    /// Equivalent length `L (e^s − 1)/s`, miles.
    pub equivalent_length_mi: f64,
    /// Transmission factor implied (general flow equation solved for F).
    pub transmission_factor: f64,
    /// Darcy friction factor implied, `4/F²`.
    pub darcy_friction_factor: f64,
    /// Reynolds number.
    pub reynolds_number: f64,
    /// Gas velocity at the inlet, ft/s.
    pub inlet_velocity_ft_s: f64,
    /// Gas velocity at the outlet, ft/s.
    pub outlet_velocity_ft_s: f64,
    /// API RP 14E erosional velocity at the outlet, ft/s.
    pub erosional_velocity_ft_s: f64,
}

impl From<nodal_core::surface::gas_pipeline::GasPipelineResult> for GasPipelineOutput {
    fn from(r: nodal_core::surface::gas_pipeline::GasPipelineResult) -> Self {
        Self {
            rate_mscf_d: r.rate_mscf_d,
            inlet_pressure_psia: r.inlet_pressure_psia,
            outlet_pressure_psia: r.outlet_pressure_psia,
            inner_diameter_in: r.inner_diameter_in,
            average_pressure_psia: r.average_pressure_psia,
            z_average: r.z_average,
            viscosity_cp: r.viscosity_cp,
            elevation_parameter: r.elevation_parameter,
            equivalent_length_mi: r.equivalent_length_mi,
            transmission_factor: r.transmission_factor,
            darcy_friction_factor: r.darcy_friction_factor,
            reynolds_number: r.reynolds_number,
            inlet_velocity_ft_s: r.inlet_velocity_ft_s,
            outlet_velocity_ft_s: r.outlet_velocity_ft_s,
            erosional_velocity_ft_s: r.erosional_velocity_ft_s,
        }
    }
}

fn equation_by_id(id: &str) -> Result<GasFlowEquation, ApiError> {
    GasFlowEquation::from_id(id).ok_or_else(|| {
        let valid: Vec<&str> = GasFlowEquation::ALL.iter().map(|e| e.info().id).collect();
        ApiError::invalid_field(
            "equation",
            format!("unknown equation `{id}`; one of: {}", valid.join(", ")),
        )
    })
}

fn range_warnings(info: &'static nodal_core::MethodInfo, inputs: &[(&str, f64)]) -> Vec<Warning> {
    let mut out = Vec::new();
    info.check_ranges(inputs, &mut out);
    out.iter().map(Warning::from).collect()
}

fn required(check: &mut Check, field: &str, value: Option<f64>) -> f64 {
    match value {
        Some(v) => {
            check.positive(field, v);
            v
        }
        None => {
            check.fail(field, "required for this solve");
            f64::NAN
        }
    }
}

/// Computes `POST /surface/gas-pipeline`.
pub fn compute_gas_pipeline(r: &GasPipelineRequest) -> Result<GasPipelineResponse, ApiError> {
    let mut check = Check::default();
    let (p1, p2, q) = match r.solve_for {
        SolveFor::Rate => (
            required(&mut check, "inlet_pressure_psia", r.inlet_pressure_psia),
            required(&mut check, "outlet_pressure_psia", r.outlet_pressure_psia),
            f64::NAN,
        ),
        SolveFor::OutletPressure => (
            required(&mut check, "inlet_pressure_psia", r.inlet_pressure_psia),
            f64::NAN,
            required(&mut check, "rate_mscf_d", r.rate_mscf_d),
        ),
        SolveFor::InletPressure => (
            f64::NAN,
            required(&mut check, "outlet_pressure_psia", r.outlet_pressure_psia),
            required(&mut check, "rate_mscf_d", r.rate_mscf_d),
        ),
        SolveFor::Diameter => (
            required(&mut check, "inlet_pressure_psia", r.inlet_pressure_psia),
            required(&mut check, "outlet_pressure_psia", r.outlet_pressure_psia),
            required(&mut check, "rate_mscf_d", r.rate_mscf_d),
        ),
    };
    check.finish()?;
    let equation = equation_by_id(&r.equation)?;
    let gas = r.gas.build("gas")?;
    let line = GasPipeline {
        equation,
        pipe: r.pipe.pipe(),
        conditions: GasFlowConditions {
            gas: &gas,
            flowing_temperature_degf: r.flowing_temperature_degf,
            base_pressure_psia: r.base_pressure_psia,
            base_temperature_degf: r.base_temperature_degf,
        },
        erosional_c: r.erosional_c,
    };
    let field = |e| prefixed("pipe", e);
    let result = match r.solve_for {
        SolveFor::Rate => line.flow_rate(p1, p2),
        SolveFor::OutletPressure => line.outlet_pressure(p1, q),
        SolveFor::InletPressure => line.inlet_pressure(p2, q),
        SolveFor::Diameter => line.diameter(p1, p2, q),
    }
    .map_err(|e| match e {
        nodal_core::CoreError::InvalidInput { field: f, message }
            if f.ends_with("_mi")
                || f.ends_with("_in")
                || f == "efficiency"
                || f == "drag_factor"
                || f == "elevation_change_ft" =>
        {
            field(nodal_core::CoreError::InvalidInput { field: f, message })
        }
        other => ApiError::from(other),
    })?;
    let warnings = range_warnings(
        equation.info(),
        &[
            ("reynolds_number", result.reynolds_number),
            ("drag_factor", r.pipe.drag_factor),
        ],
    );
    Ok(GasPipelineResponse {
        equation: equation.info().id,
        gas_methods: gas_methods(&gas),
        result: result.into(),
        warnings,
    })
}

/// `POST /surface/gas-pipeline/size` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "equation": "general_flow_colebrook", "gas": {"gas_sg": 0.65},
    "pipe": {"length_mi": 30.0, "elevation_change_ft": 300.0},
    "flowing_temperature_degf": 80.0, "inlet_pressure_psia": 1000.0,
    "minimum_outlet_pressure_psia": 600.0, "rate_mscf_d": 60000.0
}))]
pub struct GasPipelineSizeRequest {
    /// Equation id.
    pub equation: String,
    /// The gas.
    pub gas: GasInput,
    /// The pipe (its `inner_diameter_in` is ignored: every standard size is tried).
    pub pipe: GasPipeInput,
    /// Average flowing temperature, °F.
    pub flowing_temperature_degf: f64,
    /// Base pressure, psia (default 14.73).
    #[serde(default = "default_base_pressure")]
    pub base_pressure_psia: f64,
    /// Base temperature, °F (default 60).
    #[serde(default = "default_base_temperature")]
    pub base_temperature_degf: f64,
    /// API RP 14E constant C (default 100).
    #[serde(default = "default_erosional_c")]
    pub erosional_c: f64,
    /// Inlet pressure, psia.
    pub inlet_pressure_psia: f64,
    /// Lowest acceptable outlet pressure, psia.
    pub minimum_outlet_pressure_psia: f64,
    /// Rate to carry, Mscf/d.
    pub rate_mscf_d: f64,
    /// Highest outlet velocity as a fraction of the erosional velocity (default 1).
    #[serde(default = "one")]
    pub max_erosional_fraction: f64,
}

/// One candidate size.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SizeCandidateOutput {
    /// Nominal pipe size, in.
    pub nominal_in: f64,
    /// Outside diameter, in.
    pub outside_diameter_in: f64,
    /// Wall thickness, in.
    pub wall_in: f64,
    /// Inner diameter, in.
    pub inner_diameter_in: f64,
    /// Outlet pressure at this size, psia (absent when it cannot carry the rate).
    pub outlet_pressure_psia: Option<f64>,
    /// Outlet velocity, ft/s.
    pub outlet_velocity_ft_s: Option<f64>,
    /// Erosional velocity at the outlet, ft/s.
    pub erosional_velocity_ft_s: Option<f64>,
    /// Meets both limits.
    pub acceptable: bool,
    /// Why not.
    pub reason: String,
}

/// `POST /surface/gas-pipeline/size` answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GasPipelineSizeResponse {
    /// Equation id.
    pub equation: &'static str,
    /// Size table used.
    #[schema(example = "asme_b36_10m_standard_weight")]
    pub size_table: &'static str,
    /// The smallest acceptable size, if any.
    pub selected: Option<SizeCandidateOutput>,
    /// Every size tried, smallest first.
    pub candidates: Vec<SizeCandidateOutput>,
}

/// Computes `POST /surface/gas-pipeline/size`.
pub fn compute_gas_pipeline_size(
    r: &GasPipelineSizeRequest,
) -> Result<GasPipelineSizeResponse, ApiError> {
    let mut check = Check::default();
    check.positive("inlet_pressure_psia", r.inlet_pressure_psia);
    check.positive(
        "minimum_outlet_pressure_psia",
        r.minimum_outlet_pressure_psia,
    );
    check.positive("rate_mscf_d", r.rate_mscf_d);
    check.finish()?;
    let equation = equation_by_id(&r.equation)?;
    let gas = r.gas.build("gas")?;
    let line = GasPipeline {
        equation,
        pipe: GasPipe {
            inner_diameter_in: STANDARD_PIPE_SIZES[0].inner_diameter_in(),
            ..r.pipe.pipe()
        },
        conditions: GasFlowConditions {
            gas: &gas,
            flowing_temperature_degf: r.flowing_temperature_degf,
            base_pressure_psia: r.base_pressure_psia,
            base_temperature_degf: r.base_temperature_degf,
        },
        erosional_c: r.erosional_c,
    };
    let (chosen, candidates) = size_gas_pipeline(
        &line,
        &STANDARD_PIPE_SIZES,
        r.inlet_pressure_psia,
        r.minimum_outlet_pressure_psia,
        r.rate_mscf_d,
        r.max_erosional_fraction,
    )?;
    let out: Vec<SizeCandidateOutput> = candidates
        .iter()
        .map(|c| SizeCandidateOutput {
            nominal_in: c.size.nominal_in,
            outside_diameter_in: c.size.outside_diameter_in,
            wall_in: c.size.wall_in,
            inner_diameter_in: c.size.inner_diameter_in(),
            outlet_pressure_psia: c.result.map(|x| x.outlet_pressure_psia),
            outlet_velocity_ft_s: c.result.map(|x| x.outlet_velocity_ft_s),
            erosional_velocity_ft_s: c.result.map(|x| x.erosional_velocity_ft_s),
            acceptable: c.acceptable,
            reason: c.reason.clone(),
        })
        .collect();
    Ok(GasPipelineSizeResponse {
        equation: equation.info().id,
        size_table: "asme_b36_10m_standard_weight",
        selected: chosen.and_then(|i| out.get(i).cloned()),
        candidates: out,
    })
}

/// One profile point.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfilePointInput {
    /// Distance along the pipe from the inlet, ft.
    pub distance_ft: f64,
    /// Elevation, ft.
    pub elevation_ft: f64,
}

/// `POST /surface/flowline` body. Give exactly one of `inlet_pressure_psia` and
/// `outlet_pressure_psia`.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 600.0},
    "profile": [{"distance_ft": 0.0, "elevation_ft": 0.0}, {"distance_ft": 3000.0, "elevation_ft": 120.0},
                {"distance_ft": 8000.0, "elevation_ft": 60.0}],
    "inner_diameter_in": 4.026,
    "rates": {"liquid_rate_stb_d": 2000.0, "water_cut_fraction": 0.3},
    "temperature_degf": 110.0, "outlet_pressure_psia": 150.0,
    "correlation": "beggs_brill_payne_1979"
}))]
pub struct FlowlineRequest {
    /// The fluid.
    pub fluid: FluidInput,
    /// PVT correlation choices.
    #[serde(default)]
    pub pvt_methods: MethodsInput,
    /// Pipe profile, inlet first (distance 0).
    pub profile: Vec<ProfilePointInput>,
    /// Inner diameter, in.
    pub inner_diameter_in: f64,
    /// Absolute roughness, in (default 0.0018, steel line pipe).
    #[serde(default = "default_line_roughness")]
    pub roughness_in: f64,
    /// Surface rates.
    pub rates: RatesInput,
    /// Flowing temperature, °F.
    pub temperature_degf: f64,
    /// Known inlet pressure, psia.
    #[serde(default)]
    pub inlet_pressure_psia: Option<f64>,
    /// Known outlet pressure, psia.
    #[serde(default)]
    pub outlet_pressure_psia: Option<f64>,
    /// Gradient correlation id (default `beggs_brill_payne_1979`).
    #[serde(default)]
    pub correlation: Option<String>,
}

fn default_line_roughness() -> f64 {
    0.0018
}

/// `POST /surface/flowline` answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FlowlineResponse {
    /// Gradient correlation id.
    pub correlation: &'static str,
    /// Friction-factor method id.
    pub friction: &'static str,
    /// PVT methods.
    pub pvt: MethodsUsed,
    /// Inlet pressure, psia.
    pub inlet_pressure_psia: f64,
    /// Outlet pressure, psia.
    pub outlet_pressure_psia: f64,
    /// Elevation loss, psi.
    pub elevation_loss_psi: f64,
    /// Friction loss, psi.
    pub friction_loss_psi: f64,
    /// Acceleration loss, psi.
    pub acceleration_loss_psi: f64,
    /// Stations, inlet to outlet.
    pub stations: Vec<FlowlineStationOutput>,
    /// PVT range warnings.
    pub warnings: Vec<Warning>,
}

/// One station of a flowline.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FlowlineStationOutput {
    /// Distance from the inlet, ft.
    pub distance_ft: f64,
    /// Elevation, ft.
    pub elevation_ft: f64,
    /// Angle of flow above horizontal, degrees.
    pub angle_deg: f64,
    /// Pressure, psia.
    pub pressure_psia: f64,
    /// Temperature, °F.
    pub temperature_degf: f64,
    /// Liquid holdup, fraction.
    pub liquid_holdup: f64,
    /// No-slip liquid holdup, fraction.
    pub no_slip_holdup: f64,
    /// Mixture velocity, ft/s.
    pub mixture_velocity_ft_s: f64,
    /// Elevation gradient, psi/ft.
    pub elevation_gradient_psi_ft: f64,
    /// Friction gradient, psi/ft.
    pub friction_gradient_psi_ft: f64,
    /// Acceleration gradient, psi/ft.
    pub acceleration_gradient_psi_ft: f64,
}

/// Computes `POST /surface/flowline`.
pub fn compute_flowline(r: &FlowlineRequest) -> Result<FlowlineResponse, ApiError> {
    let mut check = Check::default();
    r.fluid.check(&mut check, "fluid");
    check.positive("inner_diameter_in", r.inner_diameter_in);
    check.non_negative("roughness_in", r.roughness_in);
    check.range("temperature_degf", r.temperature_degf, -40.0, 700.0);
    crate::routes::hydraulics::check_rates(&mut check, &r.rates);
    let known = match (r.inlet_pressure_psia, r.outlet_pressure_psia) {
        (Some(p), None) => {
            check.positive("inlet_pressure_psia", p);
            Some(FlowlineKnownPressure::Inlet(p))
        }
        (None, Some(p)) => {
            check.positive("outlet_pressure_psia", p);
            Some(FlowlineKnownPressure::Outlet(p))
        }
        _ => {
            check.fail(
                "inlet_pressure_psia",
                "give exactly one of inlet_pressure_psia and outlet_pressure_psia",
            );
            None
        }
    };
    check.finish()?;
    let known = known.ok_or_else(|| ApiError::invalid_field("inlet_pressure_psia", "missing"))?;
    let correlation = match r.correlation.as_deref() {
        None => GradientCorrelation::BeggsBrillPayne1979,
        Some(id) => GradientCorrelation::from_id(id).ok_or_else(|| {
            let valid: Vec<&str> = GradientCorrelation::ALL
                .iter()
                .map(|c| c.info().id)
                .collect();
            ApiError::invalid_field(
                "correlation",
                format!("unknown correlation `{id}`; one of: {}", valid.join(", ")),
            )
        })?,
    };
    let max_p = r
        .inlet_pressure_psia
        .or(r.outlet_pressure_psia)
        .unwrap_or(5000.0)
        .max(5000.0);
    let description = r.fluid.description()?;
    let (methods, pvt) = resolve_methods(&r.pvt_methods, &description, r.temperature_degf, max_p)?;
    let fluid = BlackOilFluid::new(&description, methods).map_err(|e| prefixed("fluid", e))?;
    let warnings = collect_warnings(&fluid, [(max_p, r.temperature_degf)].into_iter())?;
    let gor = r.rates.gor_scf_stb.unwrap_or(r.fluid.gor_scf_stb);
    let rates =
        SurfaceRates::from_liquid(r.rates.liquid_rate_stb_d, r.rates.water_cut_fraction, gor)
            .map_err(|e| prefixed("rates", e))?;
    let profile: Vec<ProfilePoint> = r
        .profile
        .iter()
        .map(|p| ProfilePoint {
            distance_ft: p.distance_ft,
            elevation_ft: p.elevation_ft,
        })
        .collect();
    let result = flowline(&FlowlineInput {
        profile: &profile,
        inner_diameter_in: r.inner_diameter_in,
        roughness_in: r.roughness_in,
        fluid: &fluid,
        rates,
        correlation,
        friction: FrictionCorrelation::Colebrook,
        temperature_degf: r.temperature_degf,
        known_pressure: known,
        step: StepControl::default(),
    })?;
    Ok(FlowlineResponse {
        correlation: correlation.info().id,
        friction: FrictionCorrelation::Colebrook.info().id,
        pvt,
        inlet_pressure_psia: result.inlet_pressure_psia,
        outlet_pressure_psia: result.outlet_pressure_psia,
        elevation_loss_psi: result.elevation_loss_psi,
        friction_loss_psi: result.friction_loss_psi,
        acceleration_loss_psi: result.acceleration_loss_psi,
        stations: result
            .stations
            .iter()
            .map(|s| FlowlineStationOutput {
                distance_ft: s.distance_ft,
                elevation_ft: s.elevation_ft,
                angle_deg: s.angle_deg,
                pressure_psia: s.station.pressure_psia,
                temperature_degf: s.station.temperature_degf,
                liquid_holdup: s.station.liquid_holdup,
                no_slip_holdup: s.station.no_slip_holdup,
                mixture_velocity_ft_s: s.station.mixture_velocity_ft_s,
                elevation_gradient_psi_ft: s.station.elevation_gradient_psi_ft,
                friction_gradient_psi_ft: s.station.friction_gradient_psi_ft,
                acceleration_gradient_psi_ft: s.station.acceleration_gradient_psi_ft,
            })
            .collect(),
        warnings,
    })
}

/// Efficiency basis of a compressor.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BasisInput {
    /// Isentropic efficiency.
    #[default]
    Isentropic,
    /// Polytropic efficiency.
    Polytropic,
}

/// `POST /surface/compressor` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "gas": {"gas_sg": 0.65}, "rate_mscf_d": 10000.0,
    "suction_pressure_psia": 100.0, "discharge_pressure_psia": 1000.0,
    "suction_temperature_degf": 80.0, "intercooler_temperature_degf": 120.0,
    "heat_capacity_ratio": 1.28, "max_ratio_per_stage": 4.0,
    "basis": "isentropic", "efficiency": 0.8, "mechanical_efficiency": 0.95
}))]
pub struct CompressorRequest {
    /// The gas.
    pub gas: GasInput,
    /// Rate, Mscf/d at 14.696 psia and 60 °F.
    pub rate_mscf_d: f64,
    /// Suction pressure, psia.
    pub suction_pressure_psia: f64,
    /// Discharge pressure, psia.
    pub discharge_pressure_psia: f64,
    /// First-stage suction temperature, °F.
    pub suction_temperature_degf: f64,
    /// Intercooler outlet temperature, °F (none: no intercooling).
    #[serde(default)]
    pub intercooler_temperature_degf: Option<f64>,
    /// k = Cp/Cv (default 1.28).
    #[serde(default = "default_k")]
    pub heat_capacity_ratio: f64,
    /// Highest ratio per stage (default 4).
    #[serde(default = "default_max_ratio")]
    pub max_ratio_per_stage: f64,
    /// Efficiency basis (default isentropic).
    #[serde(default)]
    pub basis: BasisInput,
    /// Isentropic or polytropic efficiency (default 0.8).
    #[serde(default = "default_efficiency")]
    pub efficiency: f64,
    /// Mechanical efficiency (default 1).
    #[serde(default = "one")]
    pub mechanical_efficiency: f64,
}

fn default_k() -> f64 {
    1.28
}
fn default_max_ratio() -> f64 {
    4.0
}
fn default_efficiency() -> f64 {
    0.8
}

/// `POST /surface/compressor` answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CompressorResponse {
    /// Method id.
    pub method: &'static str,
    /// Gas-property methods.
    pub gas_methods: GasMethodsUsed,
    /// Overall compression ratio.
    pub overall_ratio: f64,
    /// Ratio per stage.
    pub ratio_per_stage: f64,
    /// Mass rate, lb/min.
    pub mass_rate_lb_min: f64,
    /// Stages.
    pub stages: Vec<CompressorStageOutput>,
    /// Total gas power, hp.
    pub total_gas_power_hp: f64,
    /// Total brake power, hp.
    pub total_brake_power_hp: f64,
    /// Total brake power, kW.
    pub total_brake_power_kw: f64,
}

/// One compressor stage.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CompressorStageOutput {
    /// Stage number, from 1.
    pub stage: u32,
    /// Suction pressure, psia.
    pub suction_pressure_psia: f64,
    /// Discharge pressure, psia.
    pub discharge_pressure_psia: f64,
    /// Compression ratio.
    pub ratio: f64,
    /// Suction temperature, °F.
    pub suction_temperature_degf: f64,
    /// Discharge temperature, °F.
    pub discharge_temperature_degf: f64,
    /// Z at suction.
    pub suction_z: f64,
    /// Z at discharge.
    pub discharge_z: f64,
    /// Isentropic head, ft·lbf/lbm.
    pub isentropic_head_ft_lbf_lbm: f64,
    /// Polytropic head, ft·lbf/lbm.
    pub polytropic_head_ft_lbf_lbm: f64,
    /// Gas power, hp.
    pub gas_power_hp: f64,
}

/// Computes `POST /surface/compressor`.
pub fn compute_compressor(r: &CompressorRequest) -> Result<CompressorResponse, ApiError> {
    let gas = r.gas.build("gas")?;
    let basis = match r.basis {
        BasisInput::Isentropic => CompressionBasis::Isentropic,
        BasisInput::Polytropic => CompressionBasis::Polytropic,
    };
    let result = compress(&CompressorInput {
        gas: &gas,
        rate_mscf_d: r.rate_mscf_d,
        suction_pressure_psia: r.suction_pressure_psia,
        discharge_pressure_psia: r.discharge_pressure_psia,
        suction_temperature_degf: r.suction_temperature_degf,
        intercooler_temperature_degf: r.intercooler_temperature_degf,
        heat_capacity_ratio: r.heat_capacity_ratio,
        max_ratio_per_stage: r.max_ratio_per_stage,
        basis,
        efficiency: r.efficiency,
        mechanical_efficiency: r.mechanical_efficiency,
    })?;
    Ok(CompressorResponse {
        method: basis.info().id,
        gas_methods: gas_methods(&gas),
        overall_ratio: result.overall_ratio,
        ratio_per_stage: result.ratio_per_stage,
        mass_rate_lb_min: result.mass_rate_lb_min,
        stages: result
            .stages
            .iter()
            .map(|s| CompressorStageOutput {
                stage: s.stage,
                suction_pressure_psia: s.suction_pressure_psia,
                discharge_pressure_psia: s.discharge_pressure_psia,
                ratio: s.ratio,
                suction_temperature_degf: s.suction_temperature_degf,
                discharge_temperature_degf: s.discharge_temperature_degf,
                suction_z: s.suction_z,
                discharge_z: s.discharge_z,
                isentropic_head_ft_lbf_lbm: s.isentropic_head_ft_lbf_lbm,
                polytropic_head_ft_lbf_lbm: s.polytropic_head_ft_lbf_lbm,
                gas_power_hp: s.gas_power_hp,
            })
            .collect(),
        total_gas_power_hp: result.total_gas_power_hp,
        total_brake_power_hp: result.total_brake_power_hp,
        total_brake_power_kw: result.total_brake_power_kw,
    })
}

/// `POST /surface/choke` body. Multiphase (Gilbert-type, critical flow): give
/// `gas_liquid_ratio_scf_stb` and two of `liquid_rate_stb_d`, `upstream_pressure_psig`,
/// `choke_size_64ths_in`; the third is solved (`downstream_pressure_psig`, when given, is
/// checked against the critical ratio). Gas (`gas_choke_isentropic_nozzle`): give
/// `choke_size_64ths_in`, `upstream_pressure_psia`, `downstream_pressure_psia`, `gas_sg`,
/// `upstream_temperature_degf`.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "correlation": "gilbert_1954", "liquid_rate_stb_d": 1000.0,
    "gas_liquid_ratio_scf_stb": 1000.0, "choke_size_64ths_in": 32.0
}))]
pub struct ChokeRequest {
    /// `gilbert_1954`, `ros_1960`, `baxendell_1958`, `achong_1961` or
    /// `gas_choke_isentropic_nozzle`.
    pub correlation: String,
    /// Gross liquid rate, STB/d.
    #[serde(default)]
    pub liquid_rate_stb_d: Option<f64>,
    /// Producing gas-liquid ratio, scf/STB.
    #[serde(default)]
    pub gas_liquid_ratio_scf_stb: Option<f64>,
    /// Upstream (wellhead) pressure, psig (multiphase).
    #[serde(default)]
    pub upstream_pressure_psig: Option<f64>,
    /// Bean size, 64ths of an inch.
    #[serde(default)]
    pub choke_size_64ths_in: Option<f64>,
    /// Downstream pressure, psig (multiphase; optional, to check that the flow can be
    /// critical).
    #[serde(default)]
    pub downstream_pressure_psig: Option<f64>,
    /// Upstream pressure, psia (gas).
    #[serde(default)]
    pub upstream_pressure_psia: Option<f64>,
    /// Downstream pressure, psia (gas).
    #[serde(default)]
    pub downstream_pressure_psia: Option<f64>,
    /// Gas gravity (gas).
    #[serde(default)]
    pub gas_sg: Option<f64>,
    /// Upstream temperature, °F (gas).
    #[serde(default)]
    pub upstream_temperature_degf: Option<f64>,
    /// k = Cp/Cv (gas; default 1.28).
    #[serde(default = "default_k")]
    pub heat_capacity_ratio: f64,
    /// Discharge coefficient (gas; default 0.86).
    #[serde(default = "default_discharge")]
    pub discharge_coefficient: f64,
}

fn default_discharge() -> f64 {
    0.86
}

/// `POST /surface/choke` answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChokeResponse {
    /// Method id.
    pub method: &'static str,
    /// Liquid rate, STB/d (multiphase).
    pub liquid_rate_stb_d: Option<f64>,
    /// Upstream pressure, psig (multiphase).
    pub upstream_pressure_psig: Option<f64>,
    /// Bean size, 64ths of an inch.
    pub choke_size_64ths_in: f64,
    /// Gas rate, Mscf/d (gas).
    pub gas_rate_mscf_d: Option<f64>,
    /// Whether the gas flow is critical (gas).
    pub critical: Option<bool>,
    /// Critical pressure ratio (gas).
    pub critical_pressure_ratio: Option<f64>,
    /// Why the answer may not apply.
    pub warnings: Vec<String>,
}

/// Computes `POST /surface/choke`.
pub fn compute_choke(r: &ChokeRequest) -> Result<ChokeResponse, ApiError> {
    if r.correlation == GAS_CHOKE_NOZZLE.id {
        let mut check = Check::default();
        let size = required(&mut check, "choke_size_64ths_in", r.choke_size_64ths_in);
        let p_up = required(
            &mut check,
            "upstream_pressure_psia",
            r.upstream_pressure_psia,
        );
        let p_dn = required(
            &mut check,
            "downstream_pressure_psia",
            r.downstream_pressure_psia,
        );
        let gas_sg = required(&mut check, "gas_sg", r.gas_sg);
        let t = match r.upstream_temperature_degf {
            Some(t) => t,
            None => {
                check.fail("upstream_temperature_degf", "required for a gas choke");
                f64::NAN
            }
        };
        check.finish()?;
        if p_dn >= p_up {
            return Err(ApiError::invalid_field(
                "downstream_pressure_psia",
                format!("{p_dn} psia is not below the upstream {p_up} psia: no gas flows"),
            ));
        }
        let choke = GasChoke {
            choke_size_64ths_in: size,
            discharge_coefficient: r.discharge_coefficient,
            heat_capacity_ratio: r.heat_capacity_ratio,
            gas_sg,
            upstream_temperature_degf: t,
        };
        let flow = choke.rate(p_up, p_dn)?;
        return Ok(ChokeResponse {
            method: GAS_CHOKE_NOZZLE.id,
            liquid_rate_stb_d: None,
            upstream_pressure_psig: None,
            choke_size_64ths_in: size,
            gas_rate_mscf_d: Some(flow.rate_mscf_d),
            critical: Some(flow.critical),
            critical_pressure_ratio: Some(flow.critical_pressure_ratio),
            warnings: Vec::new(),
        });
    }
    let correlation = ChokeCorrelation::from_id(&r.correlation).ok_or_else(|| {
        let mut valid: Vec<&str> = ChokeCorrelation::ALL.iter().map(|c| c.info().id).collect();
        valid.push(GAS_CHOKE_NOZZLE.id);
        ApiError::invalid_field(
            "correlation",
            format!(
                "unknown choke method `{}`; one of: {}",
                r.correlation,
                valid.join(", ")
            ),
        )
    })?;
    let mut check = Check::default();
    let glr = required(
        &mut check,
        "gas_liquid_ratio_scf_stb",
        r.gas_liquid_ratio_scf_stb,
    );
    check.finish()?;
    let (q, p, s) = match (
        r.liquid_rate_stb_d,
        r.upstream_pressure_psig,
        r.choke_size_64ths_in,
    ) {
        (Some(q), None, Some(s)) => (q, correlation.upstream_pressure_psig(q, glr, s)?, s),
        (None, Some(p), Some(s)) => (correlation.liquid_rate_stb_d(p, glr, s)?, p, s),
        (Some(q), Some(p), None) => (q, p, correlation.choke_size_64ths_in(p, q, glr)?),
        _ => {
            return Err(ApiError::invalid_field(
                "liquid_rate_stb_d",
                "give exactly two of liquid_rate_stb_d, upstream_pressure_psig and choke_size_64ths_in",
            ));
        }
    };
    // A gas-liquid mixture turns critical at a lower pressure ratio than the gas alone
    // (Sachdeva et al., 1986, SPE 15657), so a ratio above the gas's isentropic critical
    // ratio means the flow is certainly subcritical and the correlation does not apply.
    let mut warnings = Vec::new();
    if let Some(p_dn) = r.downstream_pressure_psig {
        let mut check = Check::default();
        check.non_negative("downstream_pressure_psig", p_dn);
        check.finish()?;
        let k = r.heat_capacity_ratio;
        let gas_critical = (2.0 / (k + 1.0)).powf(k / (k - 1.0));
        let ratio = psig_to_psia(p_dn) / psig_to_psia(p);
        if ratio > gas_critical {
            warnings.push(format!(
                "downstream/upstream pressure ratio {ratio:.3} (absolute) is above the gas critical ratio {gas_critical:.3}: the flow is subcritical and {} assumes critical flow",
                correlation.info().id
            ));
        }
    }
    Ok(ChokeResponse {
        method: correlation.info().id,
        liquid_rate_stb_d: Some(q),
        upstream_pressure_psig: Some(p),
        choke_size_64ths_in: s,
        gas_rate_mscf_d: None,
        critical: None,
        critical_pressure_ratio: None,
        warnings,
    })
}

/// A network node.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkNodeInput {
    /// Unique name.
    pub name: String,
    /// Elevation, ft.
    #[serde(default)]
    pub elevation_ft: f64,
}

/// A network pipe between two nodes (flow runs toward the delivery node).
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkPipeInput {
    /// Name.
    pub name: String,
    /// One end (node name).
    pub from: String,
    /// Other end (node name).
    pub to: String,
    /// Length, miles.
    pub length_mi: f64,
    /// Inner diameter, in.
    pub inner_diameter_in: f64,
    /// Roughness, in (default 0.0007).
    #[serde(default = "default_roughness")]
    pub roughness_in: f64,
    /// Efficiency (default 1).
    #[serde(default = "one")]
    pub efficiency: f64,
}

/// Wellhead choke of a network well.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkChokeInput {
    /// Bean size, 64ths of an inch.
    pub choke_size_64ths_in: f64,
    /// Discharge coefficient (default 0.86).
    #[serde(default = "default_discharge")]
    pub discharge_coefficient: f64,
    /// k (default 1.28).
    #[serde(default = "default_k")]
    pub heat_capacity_ratio: f64,
}

/// Tubing of a network well (vertical): with it the inflow is at the bottom hole.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkTubingInput {
    /// Depth of the bottom hole below the wellhead, ft.
    pub depth_ft: f64,
    /// Tubing inner diameter, in.
    pub inner_diameter_in: f64,
    /// Roughness, in (default 0.0006).
    #[serde(default = "default_tubing_roughness")]
    pub roughness_in: f64,
    /// Average gas temperature in the tubing, °F.
    pub average_temperature_degf: f64,
}

fn default_tubing_roughness() -> f64 {
    0.0006
}

/// A gas well: back-pressure inflow (at the bottom hole with `tubing`, else at the wellhead)
/// and a choke or a line to its node.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkWellInput {
    /// Unique name.
    pub name: String,
    /// Node it delivers into.
    pub node: String,
    /// Shut-in (static) pressure, psia.
    pub reservoir_pressure_psia: f64,
    /// Back-pressure coefficient C, Mscf/d/psi^(2n).
    pub c_mscf_d_psi2n: f64,
    /// Back-pressure exponent n (0.5 to 1).
    pub n: f64,
    /// Wellhead choke (give this or `line`).
    #[serde(default)]
    pub choke: Option<NetworkChokeInput>,
    /// Line to the node (give this or `choke`); its elevation change is node minus well.
    #[serde(default)]
    pub line: Option<GasPipeInput>,
    /// Tubing from the bottom hole to the wellhead (optional).
    #[serde(default)]
    pub tubing: Option<NetworkTubingInput>,
}

/// `POST /surface/network` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "equation": "panhandle_a", "gas": {"gas_sg": 0.65}, "flowing_temperature_degf": 80.0,
    "delivery_node": "plant", "delivery_pressure_psia": 400.0,
    "nodes": [{"name": "plant"}, {"name": "manifold", "elevation_ft": 50.0}],
    "pipes": [{"name": "trunk", "from": "manifold", "to": "plant", "length_mi": 6.0, "inner_diameter_in": 7.981, "efficiency": 0.92}],
    "wells": [
        {"name": "A-1", "node": "manifold", "reservoir_pressure_psia": 2600.0, "c_mscf_d_psi2n": 0.01, "n": 0.8, "choke": {"choke_size_64ths_in": 32.0},
         "tubing": {"depth_ft": 7000.0, "inner_diameter_in": 2.441, "average_temperature_degf": 140.0}},
        {"name": "A-2", "node": "manifold", "reservoir_pressure_psia": 1800.0, "c_mscf_d_psi2n": 0.05, "n": 0.65,
         "line": {"length_mi": 1.0, "inner_diameter_in": 2.067}}
    ]
}))]
pub struct NetworkRequest {
    /// Flow equation of every pipe.
    pub equation: String,
    /// The gas.
    pub gas: GasInput,
    /// Flowing temperature, °F.
    pub flowing_temperature_degf: f64,
    /// Base pressure, psia (default 14.73).
    #[serde(default = "default_base_pressure")]
    pub base_pressure_psia: f64,
    /// Base temperature, °F (default 60).
    #[serde(default = "default_base_temperature")]
    pub base_temperature_degf: f64,
    /// Name of the delivery node.
    pub delivery_node: String,
    /// Delivery pressure, psia.
    pub delivery_pressure_psia: f64,
    /// Nodes.
    pub nodes: Vec<NetworkNodeInput>,
    /// Pipes (a tree).
    #[serde(default)]
    pub pipes: Vec<NetworkPipeInput>,
    /// Wells.
    pub wells: Vec<NetworkWellInput>,
}

/// `POST /surface/network` answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NetworkResponse {
    /// Equation of the pipes.
    pub equation: &'static str,
    /// Inflow model of the wells.
    pub inflow: &'static str,
    /// Choke method.
    pub choke: &'static str,
    /// Gas-property methods.
    pub gas_methods: GasMethodsUsed,
    /// Total gas delivered, Mscf/d.
    pub delivered_mscf_d: f64,
    /// Nodes, in request order.
    pub nodes: Vec<NodeOutput>,
    /// Pipes, in request order.
    pub pipes: Vec<PipeOutput>,
    /// Wells, in request order.
    pub wells: Vec<WellOutput>,
    /// Whether every solve met its tolerance.
    pub converged: bool,
    /// What did not converge, by node or well.
    pub non_converged: Vec<String>,
}

/// A solved node.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NodeOutput {
    /// Name.
    pub name: String,
    /// Pressure, psia.
    pub pressure_psia: f64,
    /// Gas arriving from wells and upstream pipes, Mscf/d.
    pub inflow_mscf_d: f64,
    /// Gas leaving toward the delivery point (the total at the delivery node), Mscf/d.
    pub outflow_mscf_d: f64,
}

/// A solved pipe.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PipeOutput {
    /// Name.
    pub name: String,
    /// Upstream node.
    pub upstream_node: String,
    /// Downstream node.
    pub downstream_node: String,
    /// Flow, Mscf/d.
    pub rate_mscf_d: f64,
    /// Upstream pressure, psia.
    pub inlet_pressure_psia: f64,
    /// Downstream pressure, psia.
    pub outlet_pressure_psia: f64,
}

/// A solved well.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WellOutput {
    /// Name.
    pub name: String,
    /// Rate, Mscf/d.
    pub rate_mscf_d: f64,
    /// Wellhead pressure, psia.
    pub wellhead_pressure_psia: f64,
    /// Pressure of its node, psia.
    pub node_pressure_psia: f64,
    /// Flowing bottom-hole pressure, psia (wells with tubing).
    pub bottomhole_pressure_psia: Option<f64>,
    /// Whether its choke flows critical (choke connections only).
    pub critical_choke: Option<bool>,
}

/// Computes `POST /surface/network`.
pub fn compute_network(r: &NetworkRequest) -> Result<NetworkResponse, ApiError> {
    let equation = equation_by_id(&r.equation)?;
    let gas = r.gas.build("gas")?;
    let index = |field: String, name: &str| -> Result<usize, ApiError> {
        r.nodes
            .iter()
            .position(|n| n.name == name)
            .ok_or_else(|| ApiError::invalid_field(field, format!("no node named `{name}`")))
    };
    let delivery = index("delivery_node".into(), &r.delivery_node)?;
    let mut pipes = Vec::with_capacity(r.pipes.len());
    for (i, p) in r.pipes.iter().enumerate() {
        pipes.push(NetworkPipe {
            name: p.name.clone(),
            from: index(format!("pipes[{i}].from"), &p.from)?,
            to: index(format!("pipes[{i}].to"), &p.to)?,
            pipe: GasPipe {
                length_mi: p.length_mi,
                inner_diameter_in: p.inner_diameter_in,
                roughness_in: p.roughness_in,
                efficiency: p.efficiency,
                elevation_change_ft: 0.0,
                drag_factor: default_drag(),
            },
        });
    }
    let mut wells = Vec::with_capacity(r.wells.len());
    for (i, w) in r.wells.iter().enumerate() {
        let connection = match (&w.choke, &w.line) {
            (Some(c), None) => WellConnection::Choke(GasChoke {
                choke_size_64ths_in: c.choke_size_64ths_in,
                discharge_coefficient: c.discharge_coefficient,
                heat_capacity_ratio: c.heat_capacity_ratio,
                gas_sg: gas.gas_sg(),
                upstream_temperature_degf: r.flowing_temperature_degf,
            }),
            (None, Some(line)) => WellConnection::Line(line.pipe()),
            _ => {
                return Err(ApiError::invalid_field(
                    format!("wells[{i}].choke"),
                    "give exactly one of choke and line",
                ));
            }
        };
        let inflow = BackPressure::new(w.reservoir_pressure_psia, w.c_mscf_d_psi2n, w.n)
            .map_err(|e| prefixed(&format!("wells[{i}]"), e))?;
        wells.push(NetworkWell {
            name: w.name.clone(),
            node: index(format!("wells[{i}].node"), &w.node)?,
            inflow: InflowModel::BackPressure(inflow),
            connection,
            tubing: w.tubing.map(|t| WellTubing {
                depth_ft: t.depth_ft,
                inner_diameter_in: t.inner_diameter_in,
                roughness_in: t.roughness_in,
                average_temperature_degf: t.average_temperature_degf,
            }),
        });
    }
    let network = GasNetwork {
        nodes: r
            .nodes
            .iter()
            .map(|n| NetworkNode {
                name: n.name.clone(),
                elevation_ft: n.elevation_ft,
            })
            .collect(),
        delivery_node: delivery,
        delivery_pressure_psia: r.delivery_pressure_psia,
        pipes,
        wells,
        equation,
        conditions: GasFlowConditions {
            gas: &gas,
            flowing_temperature_degf: r.flowing_temperature_degf,
            base_pressure_psia: r.base_pressure_psia,
            base_temperature_degf: r.base_temperature_degf,
        },
        max_iterations: DEFAULT_MAX_ITERATIONS,
    };
    let solution = network.solve()?;
    Ok(NetworkResponse {
        equation: equation.info().id,
        inflow: nodal_core::inflow::RAWLINS_SCHELLHARDT_1935.id,
        choke: GAS_CHOKE_NOZZLE.id,
        gas_methods: gas_methods(&gas),
        delivered_mscf_d: solution.delivered_mscf_d,
        nodes: solution
            .nodes
            .into_iter()
            .map(|n| NodeOutput {
                name: n.name,
                pressure_psia: n.pressure_psia,
                inflow_mscf_d: n.inflow_mscf_d,
                outflow_mscf_d: n.outflow_mscf_d,
            })
            .collect(),
        pipes: solution
            .pipes
            .into_iter()
            .map(|p| PipeOutput {
                name: p.name,
                upstream_node: p.upstream_node,
                downstream_node: p.downstream_node,
                rate_mscf_d: p.rate_mscf_d,
                inlet_pressure_psia: p.inlet_pressure_psia,
                outlet_pressure_psia: p.outlet_pressure_psia,
            })
            .collect(),
        wells: solution
            .wells
            .into_iter()
            .map(|w| WellOutput {
                name: w.name,
                rate_mscf_d: w.rate_mscf_d,
                wellhead_pressure_psia: w.wellhead_pressure_psia,
                node_pressure_psia: w.node_pressure_psia,
                bottomhole_pressure_psia: w.bottomhole_pressure_psia,
                critical_choke: w.critical_choke,
            })
            .collect(),
        converged: solution.converged,
        non_converged: solution.non_converged,
    })
}

/// A method in the catalogue.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SurfaceMethodDescription {
    /// Id.
    pub id: &'static str,
    /// What it computes.
    pub property: &'static str,
    /// Variant.
    pub variant: &'static str,
    /// Primary source.
    pub source: &'static str,
}

/// `GET /surface/methods` answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SurfaceMethodsResponse {
    /// Every surface method.
    pub methods: Vec<SurfaceMethodDescription>,
}

// ---------------------------------------------------------------------------------------
// Handlers

/// A gas pipeline: solve for the rate, the outlet or inlet pressure, or the diameter.
#[utoipa::path(
    security(("bearer" = [])),
    tag = "surface",
    request_body = GasPipelineRequest,
    responses(
        (status = 200, description = "The solved line", body = GasPipelineResponse),
        (status = 422, description = "Invalid values, or an impossible line (outlet above inlet without compression, a rate the pipe cannot carry)", body = Problem,
         content_type = "application/problem+json")
    )
)]
#[post("/surface/gas-pipeline")]
pub async fn gas_pipeline(
    _user: AuthUser,
    state: web::Data<AppState>,
    body: Json<GasPipelineRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    caching::json(&state, "surface.gas_pipeline", &request, || {
        compute_gas_pipeline(&request)
    })
    .await
}

/// The smallest standard pipe meeting an outlet pressure and the API RP 14E erosional limit.
#[utoipa::path(
    security(("bearer" = [])),
    tag = "surface",
    request_body = GasPipelineSizeRequest,
    responses(
        (status = 200, description = "The sizes tried and the one selected (null when none qualifies)", body = GasPipelineSizeResponse),
        (status = 422, description = "Invalid values", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/surface/gas-pipeline/size")]
pub async fn gas_pipeline_size(
    _user: AuthUser,
    state: web::Data<AppState>,
    body: Json<GasPipelineSizeRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    caching::json(&state, "surface.gas_pipeline_size", &request, || {
        compute_gas_pipeline_size(&request)
    })
    .await
}

/// A multiphase flowline on a (distance, elevation) profile.
#[utoipa::path(
    security(("bearer" = [])),
    tag = "surface",
    request_body = FlowlineRequest,
    responses(
        (status = 200, description = "The flowline traverse", body = FlowlineResponse),
        (status = 422, description = "Invalid values or profile", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/surface/flowline")]
pub async fn flowline_route(
    _user: AuthUser,
    state: web::Data<AppState>,
    body: Json<FlowlineRequest>,
) -> Result<HttpResponse, ApiError> {
    caching::json_blocking(
        &state,
        "surface.flowline",
        body.into_inner(),
        compute_flowline,
    )
    .await
}

/// Compressor stages, head, power and discharge temperatures.
#[utoipa::path(
    security(("bearer" = [])),
    tag = "surface",
    request_body = CompressorRequest,
    responses(
        (status = 200, description = "Stages and totals", body = CompressorResponse),
        (status = 422, description = "Invalid values (e.g. discharge not above suction)", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/surface/compressor")]
pub async fn compressor(
    _user: AuthUser,
    state: web::Data<AppState>,
    body: Json<CompressorRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    caching::json(&state, "surface.compressor", &request, || {
        compute_compressor(&request)
    })
    .await
}

/// A wellhead choke: critical multiphase (Gilbert, Ros, Baxendell, Achong) or gas.
#[utoipa::path(
    security(("bearer" = [])),
    tag = "surface",
    request_body = ChokeRequest,
    responses(
        (status = 200, description = "The solved choke", body = ChokeResponse),
        (status = 422, description = "Invalid values", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/surface/choke")]
pub async fn choke_route(
    _user: AuthUser,
    state: web::Data<AppState>,
    body: Json<ChokeRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    caching::json(&state, "surface.choke", &request, || {
        compute_choke(&request)
    })
    .await
}

/// A gas gathering network: node pressures and well rates.
#[utoipa::path(
    security(("bearer" = [])),
    tag = "surface",
    request_body = NetworkRequest,
    responses(
        (status = 200, description = "The solved network", body = NetworkResponse),
        (status = 422, description = "Invalid network (a cycle, an unconnected well, an unknown node) or values", body = Problem,
         content_type = "application/problem+json")
    )
)]
#[post("/surface/network")]
pub async fn network_route(
    _user: AuthUser,
    state: web::Data<AppState>,
    body: Json<NetworkRequest>,
) -> Result<HttpResponse, ApiError> {
    caching::json_blocking(
        &state,
        "surface.network",
        body.into_inner(),
        compute_network,
    )
    .await
}

/// Every surface method with its source.
#[utoipa::path(
    security(("bearer" = [])),
    tag = "surface",
    responses(
        (status = 200, description = "The catalogue", body = SurfaceMethodsResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/surface/methods")]
pub async fn list_methods(_user: AuthUser) -> HttpResponse {
    HttpResponse::Ok().json(SurfaceMethodsResponse {
        methods: nodal_core::surface::catalogue()
            .into_iter()
            .map(|m| SurfaceMethodDescription {
                id: m.id,
                property: m.property,
                variant: m.variant,
                source: m.source,
            })
            .collect(),
    })
}
