//! Black-oil fluid properties: `/api/v1/pvt/*`.
//!
//! Every request carries a `fluid` description and optionally `methods`; methods not named
//! are chosen by the engine's recommendation for the request's temperatures (see
//! `nodal_core::pvt::recommend`), and the response names every method used.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, get, post, web};
use nodal_core::hydraulics::PathRangeWarning;
use nodal_core::method::{MethodInfo, RangeWarning};
use nodal_core::pvt::fluid::{
    BlackOilFluid, FluidDescription, FluidProperties, MeasuredBubblePoint, PvtMethods,
};
use nodal_core::pvt::gas::{
    GasViscosityMethod, Impurities, ImpurityCorrection, PseudoCriticalMethod, ZFactorMethod,
};
use nodal_core::pvt::oil::{
    BubblePointMethod, DeadOilViscosityMethod, LiveOilViscosityMethod, OilCompressibilityMethod,
    OilFvfMethod, UndersaturatedViscosityMethod,
};
use nodal_core::pvt::recommend::{Choice, recommend};
use nodal_core::pvt::separator::SeparatorConditions;
use nodal_core::pvt::tension::{GasOilTensionMethod, GasWaterTensionMethod};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::caching;
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::Json;
use crate::identity::AuthUser;
use crate::state::AppState;
use crate::validate::Check;

/// Most points in one request.
pub const MAX_POINTS: usize = 1000;

/// Highest stock-tank oil gravity, °API: lighter than any liquid hydrocarbon (pentane is
/// about 93 °API).
pub const MAX_OIL_API: f64 = 100.0;

/// Highest gas-oil ratio, scf/STB: beyond any black-oil, volatile-oil or wet-gas description.
pub const MAX_GOR_SCF_STB: f64 = 1_000_000.0;

/// Highest bubble-point or separator pressure, psia: above any measured reservoir fluid.
pub const MAX_SATURATION_PRESSURE_PSIA: f64 = 20_000.0;

/// Highest pressure of a PVT evaluation, psia (the engine's pressure traverses stop here too).
pub const MAX_PRESSURE_PSIA: f64 = 30_000.0;

/// What the engineer knows about the fluid. Oilfield units; every unit is in the name.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 600.0,
    "water_salinity_wt_pct": 3.0, "co2_mole_frac": 0.02}))]
pub struct FluidInput {
    /// Stock-tank oil gravity, °API (> 0, at most 100).
    pub oil_api: f64,
    /// Total surface gas specific gravity, air = 1 (0.5 < γg ≤ 3).
    pub gas_sg: f64,
    /// Solution gas-oil ratio at and above the bubble point, scf/STB (> 0, at most 1,000,000).
    pub gor_scf_stb: f64,
    /// Formation-water salinity, weight percent total dissolved solids (0 to 30).
    #[serde(default)]
    pub water_salinity_wt_pct: f64,
    /// CO2 mole fraction of the gas (0 to 1).
    #[serde(default)]
    pub co2_mole_frac: f64,
    /// H2S mole fraction of the gas (0 to 1).
    #[serde(default)]
    pub h2s_mole_frac: f64,
    /// N2 mole fraction of the gas (0 to 1).
    #[serde(default)]
    pub n2_mole_frac: f64,
    /// First-stage separator pressure, psia (at most 20,000). With the separator temperature,
    /// enables the Vasquez-Beggs (1980) gas-gravity correction for the oil correlations.
    #[serde(default)]
    pub separator_pressure_psia: Option<f64>,
    /// First-stage separator temperature, °F.
    #[serde(default)]
    pub separator_temperature_degf: Option<f64>,
    /// Measured bubble-point pressure, psia (at most 20,000): every property is calibrated to
    /// honour it.
    #[serde(default)]
    pub bubble_point_psia: Option<f64>,
    /// Temperature of the bubble-point measurement, °F (required with `bubble_point_psia`).
    #[serde(default)]
    pub bubble_point_temperature_degf: Option<f64>,
    /// Measured oil FVF at the bubble point, rb/STB (needs `bubble_point_psia`).
    #[serde(default)]
    pub oil_fvf_at_bubble_point_rb_stb: Option<f64>,
    /// Measured oil viscosity at the bubble point, cp (needs `bubble_point_psia`).
    #[serde(default)]
    pub oil_viscosity_at_bubble_point_cp: Option<f64>,
}

/// Correlation choices by method id (see `GET /api/v1/pvt/methods`). Each one left out is
/// chosen by the engine's recommendation.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"bubble_point": "standing_1947", "z_factor": "hall_yarborough_1973"}))]
pub struct MethodsInput {
    /// Bubble point and solution GOR, e.g. `standing_1947`, `valko_mccain_2003`.
    pub bubble_point: Option<String>,
    /// Saturated oil FVF, e.g. `standing_1981`.
    pub oil_fvf: Option<String>,
    /// Oil compressibility above the bubble point.
    pub oil_compressibility: Option<String>,
    /// Dead-oil viscosity.
    pub dead_oil_viscosity: Option<String>,
    /// Live (saturated) oil viscosity.
    pub live_oil_viscosity: Option<String>,
    /// Undersaturated oil viscosity.
    pub undersaturated_oil_viscosity: Option<String>,
    /// Gas pseudo-critical properties.
    pub gas_pseudo_critical: Option<String>,
    /// Non-hydrocarbon correction of the pseudo-criticals.
    pub gas_impurity_correction: Option<String>,
    /// Z factor.
    pub z_factor: Option<String>,
    /// Gas viscosity.
    pub gas_viscosity: Option<String>,
    /// Gas-oil interfacial tension.
    pub gas_oil_tension: Option<String>,
    /// Gas-water interfacial tension.
    pub gas_water_tension: Option<String>,
}

/// One pressure and temperature.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConditionInput {
    /// Pressure, psia (> 0, at most 30,000; 14.696 is atmospheric).
    pub pressure_psia: f64,
    /// Temperature, °F.
    pub temperature_degf: f64,
}

/// `POST /pvt/properties` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 600.0, "water_salinity_wt_pct": 3.0},
    "points": [{"pressure_psia": 1500.0, "temperature_degf": 180.0},
               {"pressure_psia": 4000.0, "temperature_degf": 180.0}]
}))]
pub struct PropertiesRequest {
    /// The fluid.
    pub fluid: FluidInput,
    /// Correlation choices; recommended ones fill the gaps.
    #[serde(default)]
    pub methods: MethodsInput,
    /// Where to evaluate: 1 to 1000 points.
    pub points: Vec<ConditionInput>,
}

/// `POST /pvt/curve` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 600.0},
    "temperature_degf": 180.0,
    "min_pressure_psia": 100.0, "max_pressure_psia": 5000.0, "points": 50
}))]
pub struct CurveRequest {
    /// The fluid.
    pub fluid: FluidInput,
    /// Correlation choices; recommended ones fill the gaps.
    #[serde(default)]
    pub methods: MethodsInput,
    /// Temperature of the curve, °F.
    pub temperature_degf: f64,
    /// Lowest pressure, psia (> 0, at most 30,000).
    pub min_pressure_psia: f64,
    /// Highest pressure, psia (> min, at most 30,000).
    pub max_pressure_psia: f64,
    /// Evenly spaced grid points, 2 to 1000; the bubble point is added when it lies inside.
    pub points: usize,
}

/// Properties that `POST /pvt/compare` can compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CompareProperty {
    /// Solution GOR, scf/STB (by bubble-point family).
    SolutionGor,
    /// Oil FVF, rb/STB (by saturated-FVF method).
    OilFvf,
    /// Oil viscosity, cp (by live-oil viscosity method).
    OilViscosity,
    /// Dead-oil viscosity, cp.
    DeadOilViscosity,
    /// Oil compressibility above the bubble point, 1/psi.
    OilCompressibility,
    /// Z factor.
    ZFactor,
    /// Gas viscosity, cp.
    GasViscosity,
    /// Gas-oil interfacial tension, dyne/cm.
    GasOilTension,
}

/// `POST /pvt/compare` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 600.0},
    "property": "z_factor", "temperature_degf": 180.0,
    "min_pressure_psia": 100.0, "max_pressure_psia": 5000.0, "points": 20
}))]
pub struct CompareRequest {
    /// The fluid.
    pub fluid: FluidInput,
    /// The other correlations (held fixed while the compared one varies).
    #[serde(default)]
    pub methods: MethodsInput,
    /// The property to compare.
    pub property: CompareProperty,
    /// Temperature, °F.
    pub temperature_degf: f64,
    /// Lowest pressure, psia (> 0, at most 30,000).
    pub min_pressure_psia: f64,
    /// Highest pressure, psia (> min, at most 30,000).
    pub max_pressure_psia: f64,
    /// Grid points, 2 to 1000.
    pub points: usize,
}

/// `POST /pvt/bubble-point` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 600.0},
    "temperature_degf": 180.0
}))]
pub struct BubblePointRequest {
    /// The fluid.
    pub fluid: FluidInput,
    /// Temperature, °F.
    pub temperature_degf: f64,
}

/// A data-range warning: an input outside a correlation's published data.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Warning {
    /// Method whose range was left.
    pub method: String,
    /// Input, with its unit suffix.
    pub param: String,
    /// The value given (the first one outside, for multi-point requests; the one farthest
    /// outside for a warning with a `path`).
    pub value: f64,
    /// Published minimum.
    pub min: f64,
    /// Published maximum.
    pub max: f64,
    /// The warning in words.
    pub message: String,
    /// Where along the flow path the range was left, for the gradient correlation of a
    /// hydraulics calculation (absent for fluid-property inputs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<WarningPath>,
}

/// Where along a flow path a correlation's published range was left; `value` of the
/// warning is then the value farthest outside.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct WarningPath {
    /// Measured depth of the value farthest outside, ft.
    pub worst_md_ft: f64,
    /// Shallowest station outside the range, ft MD.
    pub top_md_ft: f64,
    /// Deepest station outside the range, ft MD.
    pub bottom_md_ft: f64,
    /// Traverse stations outside the range (summed over the rates of an outflow curve).
    pub station_count: usize,
}

impl From<&RangeWarning> for Warning {
    fn from(w: &RangeWarning) -> Self {
        Self {
            method: w.method.to_string(),
            param: w.param.to_string(),
            value: w.value,
            min: w.min,
            max: w.max,
            message: w.to_string(),
            path: None,
        }
    }
}

impl From<&PathRangeWarning> for Warning {
    fn from(w: &PathRangeWarning) -> Self {
        Self {
            message: w.to_string(),
            path: Some(WarningPath {
                worst_md_ft: w.worst_md_ft,
                top_md_ft: w.top_md_ft,
                bottom_md_ft: w.bottom_md_ft,
                station_count: w.station_count,
            }),
            ..Self::from(&w.range)
        }
    }
}

/// The properties at one point. Oilfield units, named in each field.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PropertiesPoint {
    /// Pressure, psia.
    pub pressure_psia: f64,
    /// Temperature, °F.
    pub temperature_degf: f64,
    /// Bubble-point pressure at this temperature, psia.
    pub bubble_point_psia: f64,
    /// Whether the oil is saturated (below the bubble point).
    pub saturated: bool,
    /// Solution GOR, scf/STB.
    pub solution_gor_scf_stb: f64,
    /// Oil FVF, rb/STB.
    pub oil_fvf_rb_stb: f64,
    /// Total FVF, rb/STB.
    pub total_fvf_rb_stb: f64,
    /// Oil compressibility, 1/psi.
    pub oil_compressibility_1_psi: f64,
    /// Oil density, lb/ft³.
    pub oil_density_lb_ft3: f64,
    /// Dead-oil viscosity, cp.
    pub dead_oil_viscosity_cp: f64,
    /// Oil viscosity, cp.
    pub oil_viscosity_cp: f64,
    /// Gas Z factor.
    pub z_factor: f64,
    /// Gas FVF, reservoir ft³/scf.
    pub gas_fvf_rcf_scf: f64,
    /// Gas FVF, rb/Mscf.
    pub gas_fvf_rb_mscf: f64,
    /// Gas density, lb/ft³.
    pub gas_density_lb_ft3: f64,
    /// Gas viscosity, cp.
    pub gas_viscosity_cp: f64,
    /// Gas compressibility, 1/psi.
    pub gas_compressibility_1_psi: f64,
    /// Water FVF, rb/STB.
    pub water_fvf_rb_stb: f64,
    /// Water density, lb/ft³.
    pub water_density_lb_ft3: f64,
    /// Water viscosity, cp.
    pub water_viscosity_cp: f64,
    /// Gas dissolved in water, scf/STB.
    pub water_solution_gas_scf_stb: f64,
    /// Water compressibility, 1/psi.
    pub water_compressibility_1_psi: f64,
    /// Gas-oil interfacial tension, dyne/cm.
    pub gas_oil_tension_dyne_cm: f64,
    /// Gas-water interfacial tension, dyne/cm.
    pub gas_water_tension_dyne_cm: f64,
}

impl From<FluidProperties> for PropertiesPoint {
    fn from(p: FluidProperties) -> Self {
        Self {
            pressure_psia: p.pressure_psia,
            temperature_degf: p.temperature_degf,
            bubble_point_psia: p.bubble_point_psia,
            saturated: p.saturated,
            solution_gor_scf_stb: p.solution_gor_scf_stb,
            oil_fvf_rb_stb: p.oil_fvf_rb_stb,
            total_fvf_rb_stb: p.total_fvf_rb_stb,
            oil_compressibility_1_psi: p.oil_compressibility_1_psi,
            oil_density_lb_ft3: p.oil_density_lb_ft3,
            dead_oil_viscosity_cp: p.dead_oil_viscosity_cp,
            oil_viscosity_cp: p.oil_viscosity_cp,
            z_factor: p.z_factor,
            gas_fvf_rcf_scf: p.gas_fvf_rcf_scf,
            gas_fvf_rb_mscf: p.gas_fvf_rb_mscf,
            gas_density_lb_ft3: p.gas_density_lb_ft3,
            gas_viscosity_cp: p.gas_viscosity_cp,
            gas_compressibility_1_psi: p.gas_compressibility_1_psi,
            water_fvf_rb_stb: p.water_fvf_rb_stb,
            water_density_lb_ft3: p.water_density_lb_ft3,
            water_viscosity_cp: p.water_viscosity_cp,
            water_solution_gas_scf_stb: p.water_solution_gas_scf_stb,
            water_compressibility_1_psi: p.water_compressibility_1_psi,
            gas_oil_tension_dyne_cm: p.gas_oil_tension_dyne_cm,
            gas_water_tension_dyne_cm: p.gas_water_tension_dyne_cm,
        }
    }
}

/// Why a method was chosen.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MethodChoice {
    /// Property decided.
    pub property: String,
    /// Method id.
    pub method: String,
    /// `requested`, or the recommendation's reason.
    pub reason: String,
}

/// The methods used, by property, and why.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MethodsUsed {
    /// Method id by property.
    #[schema(example = json!({"bubble_point": "valko_mccain_2003", "z_factor": "dranchuk_abou_kassem_1975"}))]
    pub ids: BTreeMap<String, String>,
    /// How each was chosen.
    pub choices: Vec<MethodChoice>,
}

/// `POST /pvt/properties` answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PropertiesResponse {
    /// Methods used.
    pub methods: MethodsUsed,
    /// One entry per requested point, in order.
    pub points: Vec<PropertiesPoint>,
    /// Inputs outside a used correlation's published data range.
    pub warnings: Vec<Warning>,
}

/// `POST /pvt/curve` answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CurveResponse {
    /// Methods used.
    pub methods: MethodsUsed,
    /// Temperature, °F.
    pub temperature_degf: f64,
    /// Bubble-point pressure at this temperature, psia.
    pub bubble_point_psia: f64,
    /// Points in increasing pressure.
    pub points: Vec<PropertiesPoint>,
    /// Range warnings.
    pub warnings: Vec<Warning>,
}

/// One method's values in a comparison.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CompareSeries {
    /// Method id.
    pub method: String,
    /// Values at each pressure of `pressures_psia` (empty when `error` is set).
    pub values: Vec<f64>,
    /// Why this method could not evaluate this fluid, if it could not.
    pub error: Option<String>,
}

/// `POST /pvt/compare` answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CompareResponse {
    /// The compared property.
    pub property: CompareProperty,
    /// Its unit.
    pub unit: &'static str,
    /// Temperature, °F.
    pub temperature_degf: f64,
    /// The pressure grid, psia.
    pub pressures_psia: Vec<f64>,
    /// One series per method.
    pub series: Vec<CompareSeries>,
}

/// One bubble-point estimate.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BubblePointEstimate {
    /// Method id.
    pub method: String,
    /// Bubble point, psia (absent when the method cannot evaluate this fluid).
    pub bubble_point_psia: Option<f64>,
    /// Why not, when absent.
    pub error: Option<String>,
    /// Whether the fluid lies inside the method's published data range.
    pub inside_data_range: bool,
}

/// `POST /pvt/bubble-point` answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BubblePointResponse {
    /// Temperature, °F.
    pub temperature_degf: f64,
    /// Every method's estimate.
    pub estimates: Vec<BubblePointEstimate>,
    /// The recommended method.
    pub recommended_method: String,
    /// Its bubble point, psia (calibrated to the measured one when given).
    pub recommended_bubble_point_psia: f64,
    /// Why it is recommended.
    pub reason: String,
}

/// One entry of the method catalogue.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MethodDescription {
    /// Method id (with variant).
    pub id: &'static str,
    /// Property computed.
    pub property: &'static str,
    /// Variant, in words.
    pub variant: &'static str,
    /// Primary source.
    pub source: &'static str,
    /// Published data range of the inputs.
    pub ranges: Vec<RangeDescription>,
}

/// Published range of one input.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RangeDescription {
    /// Input, with unit suffix.
    pub param: &'static str,
    /// Minimum.
    pub min: f64,
    /// Maximum.
    pub max: f64,
}

impl From<&'static MethodInfo> for MethodDescription {
    fn from(m: &'static MethodInfo) -> Self {
        Self {
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
        }
    }
}

/// `GET /pvt/methods` answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MethodsResponse {
    /// Every PVT method.
    pub methods: Vec<MethodDescription>,
}

// ---------------------------------------------------------------------------------------
// Validation and resolution

impl FluidInput {
    /// Checks the physical ranges the API promises, with paths under `prefix`.
    pub fn check(&self, check: &mut Check, prefix: &str) {
        let f = |name: &str| format!("{prefix}.{name}");
        check.above_at_most(&f("oil_api"), self.oil_api, 0.0, MAX_OIL_API);
        if !(self.gas_sg.is_finite() && self.gas_sg > 0.5 && self.gas_sg <= 3.0) {
            check.fail(
                &f("gas_sg"),
                format!("must be above 0.5 and at most 3 (got {})", self.gas_sg),
            );
        }
        check.above_at_most(&f("gor_scf_stb"), self.gor_scf_stb, 0.0, MAX_GOR_SCF_STB);
        check.range(
            &f("water_salinity_wt_pct"),
            self.water_salinity_wt_pct,
            0.0,
            30.0,
        );
        for (name, value) in [
            ("co2_mole_frac", self.co2_mole_frac),
            ("h2s_mole_frac", self.h2s_mole_frac),
            ("n2_mole_frac", self.n2_mole_frac),
        ] {
            check.range(&f(name), value, 0.0, 1.0);
        }
        let sum = self.co2_mole_frac + self.h2s_mole_frac + self.n2_mole_frac;
        if sum > 1.0 {
            check.fail(
                &f("co2_mole_frac"),
                format!("CO2, H2S and N2 mole fractions sum to {sum}, more than 1"),
            );
        }
        match (
            self.separator_pressure_psia,
            self.separator_temperature_degf,
        ) {
            (Some(p), Some(t)) => {
                check.above_at_most(
                    &f("separator_pressure_psia"),
                    p,
                    0.0,
                    MAX_SATURATION_PRESSURE_PSIA,
                );
                check.range(&f("separator_temperature_degf"), t, -40.0, 400.0);
            }
            (None, None) => {}
            (Some(_), None) => check.fail(
                &f("separator_temperature_degf"),
                "required with separator_pressure_psia",
            ),
            (None, Some(_)) => check.fail(
                &f("separator_pressure_psia"),
                "required with separator_temperature_degf",
            ),
        }
        match (self.bubble_point_psia, self.bubble_point_temperature_degf) {
            (Some(p), Some(t)) => {
                check.above_at_most(
                    &f("bubble_point_psia"),
                    p,
                    0.0,
                    MAX_SATURATION_PRESSURE_PSIA,
                );
                check.range(&f("bubble_point_temperature_degf"), t, -40.0, 500.0);
            }
            (Some(_), None) => check.fail(
                &f("bubble_point_temperature_degf"),
                "required with bubble_point_psia (the temperature of the measurement)",
            ),
            (None, Some(_)) => check.fail(
                &f("bubble_point_psia"),
                "required with bubble_point_temperature_degf",
            ),
            (None, None) => {}
        }
        for (name, value) in [
            (
                "oil_fvf_at_bubble_point_rb_stb",
                self.oil_fvf_at_bubble_point_rb_stb,
            ),
            (
                "oil_viscosity_at_bubble_point_cp",
                self.oil_viscosity_at_bubble_point_cp,
            ),
        ] {
            if let Some(v) = value {
                check.positive(&f(name), v);
                if self.bubble_point_psia.is_none() {
                    check.fail(&f(name), "needs bubble_point_psia");
                }
            }
        }
    }

    /// The engine's description. Call after [`FluidInput::check`] passed.
    pub fn description(&self) -> Result<FluidDescription, ApiError> {
        let impurities = Impurities::new(self.co2_mole_frac, self.h2s_mole_frac, self.n2_mole_frac)
            .map_err(|e| prefixed("fluid", e))?;
        let separator = match (
            self.separator_pressure_psia,
            self.separator_temperature_degf,
        ) {
            (Some(pressure_psia), Some(temperature_degf)) => Some(SeparatorConditions {
                pressure_psia,
                temperature_degf,
            }),
            _ => None,
        };
        let measured = match (self.bubble_point_psia, self.bubble_point_temperature_degf) {
            (Some(bubble_point_psia), Some(temperature_degf)) => Some(MeasuredBubblePoint {
                bubble_point_psia,
                temperature_degf,
                oil_fvf_rb_stb: self.oil_fvf_at_bubble_point_rb_stb,
                oil_viscosity_cp: self.oil_viscosity_at_bubble_point_cp,
            }),
            _ => None,
        };
        Ok(FluidDescription {
            oil_api: self.oil_api,
            gas_sg: self.gas_sg,
            gor_scf_stb: self.gor_scf_stb,
            water_salinity_wt_pct: self.water_salinity_wt_pct,
            impurities,
            separator,
            measured,
        })
    }
}

/// An engine error about the fluid, with its field placed under `prefix`.
pub fn prefixed(prefix: &str, error: nodal_core::CoreError) -> ApiError {
    match error {
        nodal_core::CoreError::InvalidInput { field, message } => {
            ApiError::invalid_field(format!("{prefix}.{field}"), message)
        }
        other => other.into(),
    }
}

/// Looks a method id up in `all`, naming the field and the valid ids when it is unknown.
fn pick<T: Copy>(
    field: &str,
    requested: &Option<String>,
    all: &[T],
    id: impl Fn(T) -> &'static str,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    let wanted = requested.as_deref()?;
    let found = all.iter().copied().find(|m| id(*m) == wanted);
    if found.is_none() {
        let valid: Vec<&str> = all.iter().map(|m| id(*m)).collect();
        errors.push(FieldError::new(
            format!("methods.{field}"),
            format!("unknown method `{wanted}`; one of: {}", valid.join(", ")),
        ));
    }
    found
}

/// The methods for a request: the recommendation at `temperature_degf` up to
/// `max_pressure_psia`, overridden by what the caller named.
pub fn resolve_methods(
    input: &MethodsInput,
    description: &FluidDescription,
    temperature_degf: f64,
    max_pressure_psia: f64,
) -> Result<(PvtMethods, MethodsUsed), ApiError> {
    let recommendation = recommend(description, temperature_degf, max_pressure_psia)
        .map_err(|e| prefixed("fluid", e))?;
    let mut methods = recommendation.methods;
    let mut errors = Vec::new();
    let mut requested: Vec<(&'static str, &'static str)> = Vec::new();
    macro_rules! apply {
        ($field:ident, $ty:ty, $target:expr, $property:literal) => {
            if let Some(m) = pick(
                stringify!($field),
                &input.$field,
                &<$ty>::ALL,
                |m: $ty| m.id(),
                &mut errors,
            ) {
                $target = m;
                requested.push(($property, m.id()));
            }
        };
    }
    apply!(
        bubble_point,
        BubblePointMethod,
        methods.oil.bubble_point,
        "bubble_point_pressure"
    );
    apply!(oil_fvf, OilFvfMethod, methods.oil.fvf, "oil_fvf");
    apply!(
        oil_compressibility,
        OilCompressibilityMethod,
        methods.oil.compressibility,
        "oil_compressibility"
    );
    apply!(
        dead_oil_viscosity,
        DeadOilViscosityMethod,
        methods.oil.dead_viscosity,
        "dead_oil_viscosity"
    );
    apply!(
        live_oil_viscosity,
        LiveOilViscosityMethod,
        methods.oil.live_viscosity,
        "live_oil_viscosity"
    );
    apply!(
        undersaturated_oil_viscosity,
        UndersaturatedViscosityMethod,
        methods.oil.undersaturated_viscosity,
        "undersaturated_oil_viscosity"
    );
    apply!(
        gas_pseudo_critical,
        PseudoCriticalMethod,
        methods.gas.pseudo_critical,
        "gas_pseudo_critical"
    );
    apply!(
        gas_impurity_correction,
        ImpurityCorrection,
        methods.gas.impurity_correction,
        "gas_impurity_correction"
    );
    apply!(z_factor, ZFactorMethod, methods.gas.z_factor, "z_factor");
    apply!(
        gas_viscosity,
        GasViscosityMethod,
        methods.gas.viscosity,
        "gas_viscosity"
    );
    apply!(
        gas_oil_tension,
        GasOilTensionMethod,
        methods.gas_oil_tension,
        "gas_oil_tension"
    );
    apply!(
        gas_water_tension,
        GasWaterTensionMethod,
        methods.gas_water_tension,
        "gas_water_tension"
    );
    if !errors.is_empty() {
        return Err(ApiError::invalid_fields(errors));
    }
    let used = methods_used(&methods, &recommendation.choices, &requested);
    Ok((methods, used))
}

fn methods_used(
    methods: &PvtMethods,
    recommended: &[Choice],
    requested: &[(&'static str, &'static str)],
) -> MethodsUsed {
    let ids: BTreeMap<String, String> = [
        ("bubble_point", methods.oil.bubble_point.id()),
        ("oil_fvf", methods.oil.fvf.id()),
        ("oil_compressibility", methods.oil.compressibility.id()),
        (
            "saturated_oil_compressibility",
            methods.oil.saturated_compressibility.id(),
        ),
        ("dead_oil_viscosity", methods.oil.dead_viscosity.id()),
        ("live_oil_viscosity", methods.oil.live_viscosity.id()),
        (
            "undersaturated_oil_viscosity",
            methods.oil.undersaturated_viscosity.id(),
        ),
        ("gas_pseudo_critical", methods.gas.pseudo_critical.id()),
        (
            "gas_impurity_correction",
            methods.gas.impurity_correction.id(),
        ),
        ("z_factor", methods.gas.z_factor.id()),
        ("gas_viscosity", methods.gas.viscosity.id()),
        ("gas_oil_tension", methods.gas_oil_tension.id()),
        ("gas_water_tension", methods.gas_water_tension.id()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let mut choices: Vec<MethodChoice> = requested
        .iter()
        .map(|(property, method)| MethodChoice {
            property: property.to_string(),
            method: method.to_string(),
            reason: "requested".into(),
        })
        .collect();
    for c in recommended {
        if !requested.iter().any(|(p, _)| *p == c.property) {
            choices.push(MethodChoice {
                property: c.property.to_string(),
                method: c.method.to_string(),
                reason: c.reason.clone(),
            });
        }
    }
    MethodsUsed { ids, choices }
}

/// Adds range warnings without repeating one (method, input) pair.
pub fn collect_warnings(
    fluid: &BlackOilFluid,
    points: impl Iterator<Item = (f64, f64)>,
) -> Result<Vec<Warning>, ApiError> {
    let mut raw = Vec::new();
    for (p, t) in points {
        fluid.check_ranges(p, t, &mut raw)?;
    }
    let mut seen = std::collections::HashSet::new();
    Ok(raw
        .iter()
        .filter(|w| seen.insert((w.method, w.param)))
        .map(Warning::from)
        .collect())
}

fn check_grid(check: &mut Check, min: f64, max: f64, points: usize) {
    check.above_at_most("min_pressure_psia", min, 0.0, MAX_PRESSURE_PSIA);
    check.above_at_most("max_pressure_psia", max, 0.0, MAX_PRESSURE_PSIA);
    if min.is_finite() && max.is_finite() && max <= min {
        check.fail(
            "max_pressure_psia",
            format!("must be greater than min_pressure_psia ({min})"),
        );
    }
    if !(2..=MAX_POINTS).contains(&points) {
        check.fail(
            "points",
            format!("must be between 2 and {MAX_POINTS} (got {points})"),
        );
    }
}

fn grid(min: f64, max: f64, points: usize) -> Vec<f64> {
    let step = (max - min) / (points - 1) as f64;
    (0..points)
        .map(|i| {
            if i + 1 == points {
                max
            } else {
                min + step * i as f64
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Handlers

/// Every property of the fluid at one or many (pressure, temperature) points.
#[utoipa::path(
    security(("bearer" = [])),
    tag = "pvt",
    request_body = PropertiesRequest,
    responses(
        (status = 200, description = "Properties at each point", body = PropertiesResponse),
        (status = 422, description = "Invalid values; `errors` names each field", body = Problem,
         content_type = "application/problem+json")
    )
)]
#[post("/pvt/properties")]
pub async fn properties(
    _user: AuthUser,
    state: web::Data<AppState>,
    body: Json<PropertiesRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    caching::json(&state, "pvt.properties", &request, || {
        compute_properties(&request)
    })
    .await
}

/// Computes `POST /pvt/properties`.
pub fn compute_properties(request: &PropertiesRequest) -> Result<PropertiesResponse, ApiError> {
    let mut check = Check::default();
    request.fluid.check(&mut check, "fluid");
    if request.points.is_empty() || request.points.len() > MAX_POINTS {
        check.fail(
            "points",
            format!(
                "must hold 1 to {MAX_POINTS} points (got {})",
                request.points.len()
            ),
        );
    }
    for (i, point) in request.points.iter().enumerate() {
        check.above_at_most(
            &format!("points[{i}].pressure_psia"),
            point.pressure_psia,
            0.0,
            MAX_PRESSURE_PSIA,
        );
        check.range(
            &format!("points[{i}].temperature_degf"),
            point.temperature_degf,
            -40.0,
            700.0,
        );
    }
    check.finish()?;
    let description = request.fluid.description()?;
    let max_t = request
        .points
        .iter()
        .map(|p| p.temperature_degf)
        .fold(f64::MIN, f64::max);
    let max_p = request
        .points
        .iter()
        .map(|p| p.pressure_psia)
        .fold(f64::MIN, f64::max);
    let (methods, used) = resolve_methods(&request.methods, &description, max_t, max_p)?;
    let fluid = BlackOilFluid::new(&description, methods).map_err(|e| prefixed("fluid", e))?;
    let mut points = Vec::with_capacity(request.points.len());
    for (i, point) in request.points.iter().enumerate() {
        let props = fluid
            .properties(point.pressure_psia, point.temperature_degf)
            .map_err(|e| at_point(i, e))?;
        points.push(PropertiesPoint::from(props));
    }
    let warnings = collect_warnings(
        &fluid,
        request
            .points
            .iter()
            .map(|p| (p.pressure_psia, p.temperature_degf)),
    )?;
    Ok(PropertiesResponse {
        methods: used,
        points,
        warnings,
    })
}

fn at_point(index: usize, error: nodal_core::CoreError) -> ApiError {
    match error {
        nodal_core::CoreError::InvalidInput { field, message } => {
            ApiError::invalid_field(format!("points[{index}].{field}"), message)
        }
        other => ApiError::Validation {
            detail: format!("points[{index}]: {other}"),
            errors: Vec::new(),
        },
    }
}

/// Properties over a pressure range at one temperature; the grid holds the bubble point.
#[utoipa::path(
    security(("bearer" = [])),
    tag = "pvt",
    request_body = CurveRequest,
    responses(
        (status = 200, description = "The curve", body = CurveResponse),
        (status = 422, description = "Invalid values", body = Problem,
         content_type = "application/problem+json")
    )
)]
#[post("/pvt/curve")]
pub async fn curve(
    _user: AuthUser,
    state: web::Data<AppState>,
    body: Json<CurveRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    caching::json(&state, "pvt.curve", &request, || compute_curve(&request)).await
}

/// Computes `POST /pvt/curve`.
pub fn compute_curve(request: &CurveRequest) -> Result<CurveResponse, ApiError> {
    let mut check = Check::default();
    request.fluid.check(&mut check, "fluid");
    check.range("temperature_degf", request.temperature_degf, -40.0, 700.0);
    check_grid(
        &mut check,
        request.min_pressure_psia,
        request.max_pressure_psia,
        request.points,
    );
    check.finish()?;
    let description = request.fluid.description()?;
    let t = request.temperature_degf;
    let (methods, used) =
        resolve_methods(&request.methods, &description, t, request.max_pressure_psia)?;
    let fluid = BlackOilFluid::new(&description, methods).map_err(|e| prefixed("fluid", e))?;
    let pb = fluid.bubble_point_psia(t)?;
    let mut pressures = grid(
        request.min_pressure_psia,
        request.max_pressure_psia,
        request.points,
    );
    if pb > request.min_pressure_psia && pb < request.max_pressure_psia {
        let at = pressures.partition_point(|&p| p < pb);
        if pressures.get(at) != Some(&pb) {
            pressures.insert(at, pb);
        }
    }
    let mut points = Vec::with_capacity(pressures.len());
    for &p in &pressures {
        let props = fluid.properties(p, t).map_err(|e| ApiError::Validation {
            detail: format!("at {p:.1} psia: {e}"),
            errors: Vec::new(),
        })?;
        points.push(PropertiesPoint::from(props));
    }
    let warnings = collect_warnings(
        &fluid,
        [
            (request.min_pressure_psia, t),
            (request.max_pressure_psia, t),
        ]
        .into_iter(),
    )?;
    Ok(CurveResponse {
        methods: used,
        temperature_degf: t,
        bubble_point_psia: pb,
        points,
        warnings,
    })
}

/// One property by every applicable method over a pressure range.
#[utoipa::path(
    security(("bearer" = [])),
    tag = "pvt",
    request_body = CompareRequest,
    responses(
        (status = 200, description = "One series per method", body = CompareResponse),
        (status = 422, description = "Invalid values", body = Problem,
         content_type = "application/problem+json")
    )
)]
#[post("/pvt/compare")]
pub async fn compare(
    _user: AuthUser,
    state: web::Data<AppState>,
    body: Json<CompareRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    caching::json(&state, "pvt.compare", &request, || {
        compute_compare(&request)
    })
    .await
}

/// `base` with one method replaced by each of `all`, labelled by id.
fn vary<T: Copy>(
    base: PvtMethods,
    all: &[T],
    id: fn(T) -> &'static str,
    set: impl Fn(&mut PvtMethods, T),
) -> Vec<(&'static str, PvtMethods)> {
    all.iter()
        .map(|&method| {
            let mut methods = base;
            set(&mut methods, method);
            (id(method), methods)
        })
        .collect()
}

/// Computes `POST /pvt/compare`.
pub fn compute_compare(request: &CompareRequest) -> Result<CompareResponse, ApiError> {
    let mut check = Check::default();
    request.fluid.check(&mut check, "fluid");
    check.range("temperature_degf", request.temperature_degf, -40.0, 700.0);
    check_grid(
        &mut check,
        request.min_pressure_psia,
        request.max_pressure_psia,
        request.points,
    );
    check.finish()?;
    let description = request.fluid.description()?;
    let t = request.temperature_degf;
    let (base, _) = resolve_methods(&request.methods, &description, t, request.max_pressure_psia)?;
    let pressures = grid(
        request.min_pressure_psia,
        request.max_pressure_psia,
        request.points,
    );
    let variants = match request.property {
        CompareProperty::SolutionGor => vary(
            base,
            &BubblePointMethod::ALL,
            BubblePointMethod::id,
            |m, v| m.oil.bubble_point = v,
        ),
        CompareProperty::OilFvf => vary(base, &OilFvfMethod::ALL, OilFvfMethod::id, |m, v| {
            m.oil.fvf = v
        }),
        CompareProperty::OilViscosity => vary(
            base,
            &LiveOilViscosityMethod::ALL,
            LiveOilViscosityMethod::id,
            |m, v| m.oil.live_viscosity = v,
        ),
        CompareProperty::DeadOilViscosity => vary(
            base,
            &DeadOilViscosityMethod::ALL,
            DeadOilViscosityMethod::id,
            |m, v| m.oil.dead_viscosity = v,
        ),
        CompareProperty::OilCompressibility => vary(
            base,
            &OilCompressibilityMethod::ALL,
            OilCompressibilityMethod::id,
            |m, v| m.oil.compressibility = v,
        ),
        CompareProperty::ZFactor => vary(base, &ZFactorMethod::ALL, ZFactorMethod::id, |m, v| {
            m.gas.z_factor = v
        }),
        CompareProperty::GasViscosity => vary(
            base,
            &GasViscosityMethod::ALL,
            GasViscosityMethod::id,
            |m, v| m.gas.viscosity = v,
        ),
        CompareProperty::GasOilTension => vary(
            base,
            &GasOilTensionMethod::ALL,
            GasOilTensionMethod::id,
            |m, v| m.gas_oil_tension = v,
        ),
    };
    let (unit, value): (&'static str, fn(&FluidProperties) -> f64) = match request.property {
        CompareProperty::SolutionGor => ("scf/STB", |p| p.solution_gor_scf_stb),
        CompareProperty::OilFvf => ("rb/STB", |p| p.oil_fvf_rb_stb),
        CompareProperty::OilViscosity => ("cp", |p| p.oil_viscosity_cp),
        CompareProperty::DeadOilViscosity => ("cp", |p| p.dead_oil_viscosity_cp),
        CompareProperty::OilCompressibility => ("1/psi", |p| p.oil_compressibility_1_psi),
        CompareProperty::ZFactor => ("dimensionless", |p| p.z_factor),
        CompareProperty::GasViscosity => ("cp", |p| p.gas_viscosity_cp),
        CompareProperty::GasOilTension => ("dyne/cm", |p| p.gas_oil_tension_dyne_cm),
    };
    let series = variants
        .into_iter()
        .map(|(id, methods)| {
            let values: Result<Vec<f64>, String> = BlackOilFluid::new(&description, methods)
                .map_err(|e| e.to_string())
                .and_then(|fluid| {
                    pressures
                        .iter()
                        .map(|&p| {
                            fluid
                                .properties(p, t)
                                .map(|props| value(&props))
                                .map_err(|e| format!("at {p:.1} psia: {e}"))
                        })
                        .collect()
                });
            match values {
                Ok(values) => CompareSeries {
                    method: id.to_string(),
                    values,
                    error: None,
                },
                Err(error) => CompareSeries {
                    method: id.to_string(),
                    values: Vec::new(),
                    error: Some(error),
                },
            }
        })
        .collect();
    Ok(CompareResponse {
        property: request.property,
        unit,
        temperature_degf: t,
        pressures_psia: pressures,
        series,
    })
}

/// Bubble-point pressure by every method, and the recommended one.
#[utoipa::path(
    security(("bearer" = [])),
    tag = "pvt",
    request_body = BubblePointRequest,
    responses(
        (status = 200, description = "Estimates", body = BubblePointResponse),
        (status = 422, description = "Invalid values", body = Problem,
         content_type = "application/problem+json")
    )
)]
#[post("/pvt/bubble-point")]
pub async fn bubble_point(
    _user: AuthUser,
    state: web::Data<AppState>,
    body: Json<BubblePointRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    caching::json(&state, "pvt.bubble_point", &request, || {
        compute_bubble_point(&request)
    })
    .await
}

/// Computes `POST /pvt/bubble-point`.
pub fn compute_bubble_point(request: &BubblePointRequest) -> Result<BubblePointResponse, ApiError> {
    let mut check = Check::default();
    request.fluid.check(&mut check, "fluid");
    check.range("temperature_degf", request.temperature_degf, -40.0, 700.0);
    check.finish()?;
    let description = request.fluid.description()?;
    let t = request.temperature_degf;
    let uncalibrated = FluidDescription {
        measured: None,
        ..description
    };
    // The gas gravity the bubble-point correlations receive (corrected to a 100 psig
    // separator when separator conditions are given), as in the fluid's own range check.
    let inputs = [
        ("oil_api", description.oil_api),
        (
            "gas_sg",
            description.oil_gas_sg().map_err(|e| prefixed("fluid", e))?,
        ),
        ("gor_scf_stb", description.gor_scf_stb),
        ("temperature_degf", t),
    ];
    let estimates = BubblePointMethod::ALL
        .iter()
        .map(|&method| {
            let mut methods = PvtMethods::default();
            methods.oil.bubble_point = method;
            let mut outside = Vec::new();
            method.info().check_ranges(&inputs, &mut outside);
            let pb =
                BlackOilFluid::new(&uncalibrated, methods).and_then(|f| f.bubble_point_psia(t));
            BubblePointEstimate {
                method: method.id().to_string(),
                bubble_point_psia: pb.as_ref().ok().copied(),
                error: pb.err().map(|e| e.to_string()),
                inside_data_range: outside.is_empty(),
            }
        })
        .collect();
    let recommendation = recommend(&description, t, 10_000.0).map_err(|e| prefixed("fluid", e))?;
    let fluid = BlackOilFluid::new(&description, recommendation.methods)
        .map_err(|e| prefixed("fluid", e))?;
    let reason = recommendation
        .choices
        .iter()
        .find(|c| c.property == "bubble_point_pressure")
        .map(|c| c.reason.clone())
        .unwrap_or_default();
    Ok(BubblePointResponse {
        temperature_degf: t,
        estimates,
        recommended_method: recommendation.methods.oil.bubble_point.id().to_string(),
        recommended_bubble_point_psia: fluid.bubble_point_psia(t)?,
        reason,
    })
}

/// Every PVT method with its property, variant, published data range and source.
#[utoipa::path(
    security(("bearer" = [])),
    tag = "pvt",
    responses((status = 200, description = "The catalogue", body = MethodsResponse))
)]
#[get("/pvt/methods")]
pub async fn list_methods(_user: AuthUser) -> HttpResponse {
    HttpResponse::Ok().json(MethodsResponse {
        methods: nodal_core::pvt::catalogue()
            .into_iter()
            .map(MethodDescription::from)
            .collect(),
    })
}
