//! Inflow performance and nodal analysis: `/api/v1/inflow/*` and `/api/v1/nodal/*`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, post, web};
use nodal_core::CoreResult;
use nodal_core::inflow::{
    AdjustableInflow, BackPressure, CompositeIpr, DarcyRadial, DarcyRadialInput, Fetkovich,
    FitResidual, GasDarcyInput, GasDarcyPressureSquared, GasPseudoPressureInflow, Inflow,
    InflowModel, JonesBlountGlaze, JonesBlountGlazeInput, MAX_RESERVOIR_PRESSURE_PSIA,
    ProductivityIndex, PseudoPressureTable, RateBasis, StandingFe, Vogel, WellTestPoint,
    fit_back_pressure, fit_fetkovich, fit_jones_blount_glaze,
};
use nodal_core::method::MethodInfo;
use nodal_core::nodal::{
    NodalCase, NodalOptions, NodalOutcome, NodalSolution, SensitivityAxis, SensitivityVariable,
    VfpFlowRate, VfpGasFraction, VfpLiftQuantity, VfpProdSpec, VfpWaterFraction,
    gas_lift_performance, sensitivity as run_sensitivity, vfpprod_table,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::hydraulics::{FlowOptions, HydraulicsMethods, TemperatureInput, WellInput, build_case};
use super::pvt::{FluidInput, MethodsInput, Warning, prefixed};
use super::surface::GasInput;
use crate::caching;
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::identity::AuthUser;
use crate::plot::SVG;
use crate::state::AppState;
use crate::validate::Check;

/// Content type of the VFPPROD keyword text.
const TEXT: &str = "text/plain; charset=utf-8";

/// An inflow (IPR) model and its parameters, tagged by `model`. Models built from a test
/// point take `test_rate_stb_d` and `test_pressure_psia` instead of their productivity
/// parameter. `jones_blount_glaze_properties` computes the laminar and turbulent
/// coefficients from reservoir and completion properties; `gas_darcy_pseudo_pressure` takes
/// the gas (as in the surface gas routes) and integrates its real-gas pseudo-pressure at the
/// reservoir temperature.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(tag = "model", rename_all = "snake_case", deny_unknown_fields)]
#[schema(example = json!({"model": "vogel", "reservoir_pressure_psia": 3000.0,
    "test_rate_stb_d": 800.0, "test_pressure_psia": 2000.0}))]
pub enum InflowInput {
    /// Constant productivity index.
    ProductivityIndex {
        /// Average reservoir pressure, psia.
        reservoir_pressure_psia: f64,
        /// J, STB/d/psi.
        productivity_index_stb_d_psi: Option<f64>,
        /// Test rate, STB/d (instead of J).
        test_rate_stb_d: Option<f64>,
        /// Test flowing pressure, psia.
        test_pressure_psia: Option<f64>,
    },
    /// Pseudo-steady-state radial Darcy inflow (Vogel below the bubble point when given).
    DarcyRadialPss {
        /// Permeability, md.
        permeability_md: f64,
        /// Net pay, ft.
        thickness_ft: f64,
        /// Liquid viscosity, cp.
        viscosity_cp: f64,
        /// Liquid FVF, rb/STB.
        fvf_rb_stb: f64,
        /// Drainage radius, ft.
        drainage_radius_ft: f64,
        /// Wellbore radius, ft.
        wellbore_radius_ft: f64,
        /// Skin factor.
        #[serde(default)]
        skin: f64,
        /// Average reservoir pressure, psia.
        reservoir_pressure_psia: f64,
        /// Bubble point, psia.
        bubble_point_psia: Option<f64>,
    },
    /// Vogel (1968).
    Vogel {
        /// Average reservoir pressure, psia.
        reservoir_pressure_psia: f64,
        /// q_max, STB/d.
        max_rate_stb_d: Option<f64>,
        /// Test rate, STB/d (instead of q_max).
        test_rate_stb_d: Option<f64>,
        /// Test flowing pressure, psia.
        test_pressure_psia: Option<f64>,
    },
    /// PI above the bubble point, Vogel below, water by the composite method.
    Composite {
        /// Average reservoir pressure, psia.
        reservoir_pressure_psia: f64,
        /// Bubble point, psia.
        bubble_point_psia: f64,
        /// Water cut, fraction.
        #[serde(default)]
        water_cut_fraction: f64,
        /// J above the bubble point, STB/d/psi.
        productivity_index_stb_d_psi: Option<f64>,
        /// Test rate, STB/d (instead of J).
        test_rate_stb_d: Option<f64>,
        /// Test flowing pressure, psia.
        test_pressure_psia: Option<f64>,
    },
    /// Standing (1970) flow-efficiency Vogel.
    StandingFe {
        /// Average reservoir pressure, psia.
        reservoir_pressure_psia: f64,
        /// Flow efficiency (1 undamaged).
        flow_efficiency: f64,
        /// q_max at FE = 1, STB/d.
        ideal_max_rate_stb_d: Option<f64>,
        /// Test rate, STB/d (instead of q_max).
        test_rate_stb_d: Option<f64>,
        /// Test flowing pressure, psia.
        test_pressure_psia: Option<f64>,
    },
    /// Fetkovich (1973): q = C (p̄r² − pwf²)^n, STB/d.
    Fetkovich {
        /// Average reservoir pressure, psia.
        reservoir_pressure_psia: f64,
        /// C, STB/d/psi^(2n).
        c: f64,
        /// n.
        n: f64,
    },
    /// Jones, Blount and Glaze (1976): p̄r − pwf = A q + B q².
    JonesBlountGlaze {
        /// Average reservoir pressure, psia.
        reservoir_pressure_psia: f64,
        /// A, psi/(STB/d).
        a_psi_per_stb_d: f64,
        /// B, psi/(STB/d)².
        b_psi_per_stb_d2: f64,
    },
    /// Rawlins-Schellhardt (1935) gas back-pressure: q = C (p̄r² − pwf²)^n, Mscf/d.
    BackPressure {
        /// Average reservoir pressure, psia.
        reservoir_pressure_psia: f64,
        /// C, Mscf/d/psi^(2n).
        c: f64,
        /// n (0.5 to 1).
        n: f64,
    },
    /// Gas Darcy inflow with non-Darcy flow, pressure-squared form.
    GasDarcyPressureSquared {
        /// Permeability, md.
        permeability_md: f64,
        /// Net pay, ft.
        thickness_ft: f64,
        /// Reservoir temperature, °F.
        temperature_degf: f64,
        /// Drainage radius, ft.
        drainage_radius_ft: f64,
        /// Wellbore radius, ft.
        wellbore_radius_ft: f64,
        /// Skin factor.
        #[serde(default)]
        skin: f64,
        /// Non-Darcy coefficient D, d/Mscf.
        #[serde(default)]
        non_darcy_coefficient_d_mscf: f64,
        /// Average reservoir pressure, psia.
        reservoir_pressure_psia: f64,
        /// Gas viscosity at the average pressure, cp.
        average_viscosity_cp: f64,
        /// Z factor at the average pressure.
        average_z_factor: f64,
    },
    /// Jones, Blount and Glaze (1976) with A and B computed from reservoir and completion
    /// properties: A = 141.2 μ Bo (ln(re/rw) − 3/4 + s)/(k h), B = 2.30e-14 β Bo² ρo/(hp² rw)
    /// with β = 2.33e10/k^1.201.
    #[schema(example = json!({"model": "jones_blount_glaze_properties",
        "permeability_md": 30.0, "thickness_ft": 40.0, "perforated_interval_ft": 20.0,
        "viscosity_cp": 0.8, "fvf_rb_stb": 1.2, "oil_density_lbm_ft3": 47.0,
        "drainage_radius_ft": 1490.0, "wellbore_radius_ft": 0.354, "skin": 2.0,
        "reservoir_pressure_psia": 3000.0}))]
    JonesBlountGlazeProperties {
        /// Effective permeability to oil, md.
        permeability_md: f64,
        /// Net pay, ft.
        thickness_ft: f64,
        /// Perforated (open-to-flow) interval, ft, at most the net pay.
        perforated_interval_ft: f64,
        /// Oil viscosity at reservoir conditions, cp.
        viscosity_cp: f64,
        /// Oil FVF, rb/STB.
        fvf_rb_stb: f64,
        /// Oil density at reservoir conditions, lbm/ft³.
        oil_density_lbm_ft3: f64,
        /// Drainage radius, ft.
        drainage_radius_ft: f64,
        /// Wellbore radius, ft.
        wellbore_radius_ft: f64,
        /// Skin factor (rate-independent).
        #[serde(default)]
        skin: f64,
        /// Average reservoir pressure, psia.
        reservoir_pressure_psia: f64,
    },
    /// Gas Darcy inflow with non-Darcy flow in real-gas pseudo-pressure:
    /// m(p̄r) − m(pwf) = 1422 T q [ln(re/rw) − 3/4 + s + D q]/(k h), with m(p) integrated
    /// from the gas's Z factor and viscosity at the reservoir temperature.
    #[schema(example = json!({"model": "gas_darcy_pseudo_pressure",
        "permeability_md": 5.0, "thickness_ft": 30.0, "temperature_degf": 200.0,
        "drainage_radius_ft": 1490.0, "wellbore_radius_ft": 0.354, "skin": 1.0,
        "non_darcy_coefficient_d_mscf": 0.0001, "reservoir_pressure_psia": 4000.0,
        "gas": {"gas_sg": 0.7, "co2_mole_frac": 0.02}}))]
    GasDarcyPseudoPressure {
        /// Effective permeability to gas, md.
        permeability_md: f64,
        /// Net pay, ft.
        thickness_ft: f64,
        /// Reservoir temperature, °F (m(p) is integrated at it).
        temperature_degf: f64,
        /// Drainage radius, ft.
        drainage_radius_ft: f64,
        /// Wellbore radius, ft.
        wellbore_radius_ft: f64,
        /// Skin factor (rate-independent).
        #[serde(default)]
        skin: f64,
        /// Non-Darcy coefficient D, d/Mscf.
        #[serde(default)]
        non_darcy_coefficient_d_mscf: f64,
        /// Average reservoir pressure, psia.
        reservoir_pressure_psia: f64,
        /// The gas: gravity, impurities and optional Z-factor and viscosity methods.
        gas: GasInput,
    },
}

/// Intervals of the pseudo-pressure table built for `gas_darcy_pseudo_pressure` (see
/// [`PseudoPressureTable::from_gas`]).
const PSEUDO_PRESSURE_INTERVALS: usize = 400;

/// An inflow model as built from the request: the closed-form models, or the
/// pseudo-pressure gas inflow with the `m(p)` table it borrows.
#[derive(Debug)]
pub enum BuiltInflow {
    /// Every closed-form model.
    Closed(InflowModel),
    /// Gas Darcy inflow in pseudo-pressure and its `m(p)` table.
    PseudoPressure {
        /// Reservoir and well properties.
        input: GasDarcyInput,
        /// `m(p)` of the gas at the reservoir temperature.
        table: PseudoPressureTable,
    },
}

impl BuiltInflow {
    /// The model, ready to evaluate. Errors name the field under `inflow.`.
    pub fn inflow(&self) -> Result<AnyInflow<'_>, ApiError> {
        Ok(match self {
            Self::Closed(m) => AnyInflow::Closed(*m),
            Self::PseudoPressure { input, table } => AnyInflow::PseudoPressure(
                GasPseudoPressureInflow::new(*input, table).map_err(|e| prefixed("inflow", e))?,
            ),
        })
    }
}

/// Any inflow model the API offers, as one `Copy` value for the nodal engine.
#[derive(Debug, Clone, Copy)]
pub enum AnyInflow<'t> {
    /// A closed-form model.
    Closed(InflowModel),
    /// Gas Darcy inflow in pseudo-pressure over a borrowed `m(p)` table.
    PseudoPressure(GasPseudoPressureInflow<'t, PseudoPressureTable>),
}

macro_rules! any_inflow {
    ($self:ident, $m:ident => $e:expr) => {
        match $self {
            AnyInflow::Closed($m) => $e,
            AnyInflow::PseudoPressure($m) => $e,
        }
    };
}

impl Inflow for AnyInflow<'_> {
    fn info(&self) -> &'static MethodInfo {
        any_inflow!(self, m => m.info())
    }
    fn rate_basis(&self) -> RateBasis {
        any_inflow!(self, m => m.rate_basis())
    }
    fn reservoir_pressure_psia(&self) -> f64 {
        any_inflow!(self, m => m.reservoir_pressure_psia())
    }
    fn lowest_flowing_pressure_psia(&self) -> f64 {
        any_inflow!(self, m => m.lowest_flowing_pressure_psia())
    }
    fn rate_at(&self, flowing_pressure_psia: f64) -> CoreResult<f64> {
        any_inflow!(self, m => m.rate_at(flowing_pressure_psia))
    }
    fn pressure_at(&self, rate: f64) -> CoreResult<f64> {
        any_inflow!(self, m => m.pressure_at(rate))
    }
    fn absolute_open_flow(&self) -> CoreResult<f64> {
        any_inflow!(self, m => m.absolute_open_flow())
    }
}

impl AdjustableInflow for AnyInflow<'_> {
    fn with_reservoir_pressure(&self, reservoir_pressure_psia: f64) -> CoreResult<Self> {
        Ok(match self {
            Self::Closed(m) => Self::Closed(m.with_reservoir_pressure(reservoir_pressure_psia)?),
            Self::PseudoPressure(m) => {
                Self::PseudoPressure(m.with_reservoir_pressure(reservoir_pressure_psia)?)
            }
        })
    }
    fn with_skin(&self, skin: f64) -> CoreResult<Self> {
        Ok(match self {
            Self::Closed(m) => Self::Closed(m.with_skin(skin)?),
            Self::PseudoPressure(m) => Self::PseudoPressure(m.with_skin(skin)?),
        })
    }
    fn with_water_cut(&self, water_cut_fraction: f64) -> CoreResult<Self> {
        Ok(match self {
            Self::Closed(m) => Self::Closed(m.with_water_cut(water_cut_fraction)?),
            Self::PseudoPressure(m) => {
                Self::PseudoPressure(AdjustableInflow::with_water_cut(m, water_cut_fraction)?)
            }
        })
    }
}

fn test_point(
    direct: Option<f64>,
    direct_name: &str,
    rate: Option<f64>,
    pressure: Option<f64>,
) -> Result<Result<f64, (f64, f64)>, ApiError> {
    match (direct, rate, pressure) {
        (Some(v), None, None) => Ok(Ok(v)),
        (None, Some(q), Some(p)) => Ok(Err((q, p))),
        _ => Err(ApiError::invalid_field(
            format!("inflow.{direct_name}"),
            format!("give {direct_name}, or test_rate_stb_d with test_pressure_psia"),
        )),
    }
}

impl InflowInput {
    /// The average reservoir pressure the request gives, psia.
    pub fn reservoir_pressure_psia(&self) -> f64 {
        match *self {
            Self::ProductivityIndex {
                reservoir_pressure_psia,
                ..
            }
            | Self::DarcyRadialPss {
                reservoir_pressure_psia,
                ..
            }
            | Self::Vogel {
                reservoir_pressure_psia,
                ..
            }
            | Self::Composite {
                reservoir_pressure_psia,
                ..
            }
            | Self::StandingFe {
                reservoir_pressure_psia,
                ..
            }
            | Self::Fetkovich {
                reservoir_pressure_psia,
                ..
            }
            | Self::JonesBlountGlaze {
                reservoir_pressure_psia,
                ..
            }
            | Self::BackPressure {
                reservoir_pressure_psia,
                ..
            }
            | Self::GasDarcyPressureSquared {
                reservoir_pressure_psia,
                ..
            }
            | Self::JonesBlountGlazeProperties {
                reservoir_pressure_psia,
                ..
            }
            | Self::GasDarcyPseudoPressure {
                reservoir_pressure_psia,
                ..
            } => reservoir_pressure_psia,
        }
    }

    /// The engine's model. `highest_reservoir_pressure_psia` is the highest reservoir
    /// pressure the model will be asked about beyond its own (a sensitivity's values): the
    /// pseudo-pressure table is built up to it. Errors name the field under `inflow.`.
    pub fn build(
        &self,
        highest_reservoir_pressure_psia: Option<f64>,
    ) -> Result<BuiltInflow, ApiError> {
        let wrap = |e| prefixed("inflow", e);
        if let Self::GasDarcyPseudoPressure {
            permeability_md,
            thickness_ft,
            temperature_degf,
            drainage_radius_ft,
            wellbore_radius_ft,
            skin,
            non_darcy_coefficient_d_mscf,
            reservoir_pressure_psia,
            ref gas,
        } = *self
        {
            let input = GasDarcyInput {
                permeability_md,
                thickness_ft,
                temperature_degf,
                drainage_radius_ft,
                wellbore_radius_ft,
                skin,
                non_darcy_coefficient_d_mscf,
                reservoir_pressure_psia,
            };
            input.validate().map_err(wrap)?;
            let gas = gas.build("inflow.gas")?;
            // Sensitivity values outside the accepted range are reported per case by the
            // engine; the table only needs to reach the valid ones.
            let top = highest_reservoir_pressure_psia
                .filter(|p| p.is_finite() && *p <= MAX_RESERVOIR_PRESSURE_PSIA)
                .map_or(reservoir_pressure_psia, |p| p.max(reservoir_pressure_psia));
            let tabulate = |top_psia| {
                PseudoPressureTable::from_gas(
                    &gas,
                    temperature_degf,
                    top_psia,
                    PSEUDO_PRESSURE_INTERVALS,
                )
            };
            // A sensitivity pressure the gas model cannot reach fails only its own cases (the
            // engine reports them outside the table), not the request.
            let table = tabulate(top)
                .or_else(|e| {
                    if top > reservoir_pressure_psia {
                        tabulate(reservoir_pressure_psia)
                    } else {
                        Err(e)
                    }
                })
                .map_err(|e| prefixed("inflow.gas", e))?;
            let built = BuiltInflow::PseudoPressure { input, table };
            built.inflow()?;
            return Ok(built);
        }
        self.model().map(BuiltInflow::Closed)
    }

    /// The closed-form models (every variant but `gas_darcy_pseudo_pressure`).
    fn model(&self) -> Result<InflowModel, ApiError> {
        let wrap = |e| prefixed("inflow", e);
        Ok(match *self {
            Self::ProductivityIndex {
                reservoir_pressure_psia,
                productivity_index_stb_d_psi,
                test_rate_stb_d,
                test_pressure_psia,
            } => InflowModel::ProductivityIndex(
                match test_point(
                    productivity_index_stb_d_psi,
                    "productivity_index_stb_d_psi",
                    test_rate_stb_d,
                    test_pressure_psia,
                )? {
                    Ok(j) => ProductivityIndex::new(reservoir_pressure_psia, j),
                    Err((q, p)) => ProductivityIndex::from_test(reservoir_pressure_psia, q, p),
                }
                .map_err(wrap)?,
            ),
            Self::DarcyRadialPss {
                permeability_md,
                thickness_ft,
                viscosity_cp,
                fvf_rb_stb,
                drainage_radius_ft,
                wellbore_radius_ft,
                skin,
                reservoir_pressure_psia,
                bubble_point_psia,
            } => InflowModel::DarcyRadial(
                DarcyRadial::new(DarcyRadialInput {
                    permeability_md,
                    thickness_ft,
                    viscosity_cp,
                    fvf_rb_stb,
                    drainage_radius_ft,
                    wellbore_radius_ft,
                    skin,
                    reservoir_pressure_psia,
                    bubble_point_psia,
                })
                .map_err(wrap)?,
            ),
            Self::Vogel {
                reservoir_pressure_psia,
                max_rate_stb_d,
                test_rate_stb_d,
                test_pressure_psia,
            } => InflowModel::Vogel(
                match test_point(
                    max_rate_stb_d,
                    "max_rate_stb_d",
                    test_rate_stb_d,
                    test_pressure_psia,
                )? {
                    Ok(q) => Vogel::new(reservoir_pressure_psia, q),
                    Err((q, p)) => Vogel::from_test(reservoir_pressure_psia, q, p),
                }
                .map_err(wrap)?,
            ),
            Self::Composite {
                reservoir_pressure_psia,
                bubble_point_psia,
                water_cut_fraction,
                productivity_index_stb_d_psi,
                test_rate_stb_d,
                test_pressure_psia,
            } => InflowModel::Composite(
                match test_point(
                    productivity_index_stb_d_psi,
                    "productivity_index_stb_d_psi",
                    test_rate_stb_d,
                    test_pressure_psia,
                )? {
                    Ok(j) => CompositeIpr::new(
                        reservoir_pressure_psia,
                        bubble_point_psia,
                        j,
                        water_cut_fraction,
                    ),
                    Err((q, p)) => CompositeIpr::from_test(
                        reservoir_pressure_psia,
                        bubble_point_psia,
                        water_cut_fraction,
                        q,
                        p,
                    ),
                }
                .map_err(wrap)?,
            ),
            Self::StandingFe {
                reservoir_pressure_psia,
                flow_efficiency,
                ideal_max_rate_stb_d,
                test_rate_stb_d,
                test_pressure_psia,
            } => InflowModel::StandingFe(
                match test_point(
                    ideal_max_rate_stb_d,
                    "ideal_max_rate_stb_d",
                    test_rate_stb_d,
                    test_pressure_psia,
                )? {
                    Ok(q) => StandingFe::new(reservoir_pressure_psia, flow_efficiency, q),
                    Err((q, p)) => {
                        StandingFe::from_test(reservoir_pressure_psia, flow_efficiency, q, p)
                    }
                }
                .map_err(wrap)?,
            ),
            Self::Fetkovich {
                reservoir_pressure_psia,
                c,
                n,
            } => {
                InflowModel::Fetkovich(Fetkovich::new(reservoir_pressure_psia, c, n).map_err(wrap)?)
            }
            Self::JonesBlountGlaze {
                reservoir_pressure_psia,
                a_psi_per_stb_d,
                b_psi_per_stb_d2,
            } => InflowModel::JonesBlountGlaze(
                JonesBlountGlaze::new(reservoir_pressure_psia, a_psi_per_stb_d, b_psi_per_stb_d2)
                    .map_err(wrap)?,
            ),
            Self::BackPressure {
                reservoir_pressure_psia,
                c,
                n,
            } => InflowModel::BackPressure(
                BackPressure::new(reservoir_pressure_psia, c, n).map_err(wrap)?,
            ),
            Self::GasDarcyPressureSquared {
                permeability_md,
                thickness_ft,
                temperature_degf,
                drainage_radius_ft,
                wellbore_radius_ft,
                skin,
                non_darcy_coefficient_d_mscf,
                reservoir_pressure_psia,
                average_viscosity_cp,
                average_z_factor,
            } => InflowModel::GasDarcyPressureSquared(
                GasDarcyPressureSquared::new(
                    GasDarcyInput {
                        permeability_md,
                        thickness_ft,
                        temperature_degf,
                        drainage_radius_ft,
                        wellbore_radius_ft,
                        skin,
                        non_darcy_coefficient_d_mscf,
                        reservoir_pressure_psia,
                    },
                    average_viscosity_cp,
                    average_z_factor,
                )
                .map_err(wrap)?,
            ),
            Self::JonesBlountGlazeProperties {
                permeability_md,
                thickness_ft,
                perforated_interval_ft,
                viscosity_cp,
                fvf_rb_stb,
                oil_density_lbm_ft3,
                drainage_radius_ft,
                wellbore_radius_ft,
                skin,
                reservoir_pressure_psia,
            } => InflowModel::JonesBlountGlaze(
                JonesBlountGlaze::from_properties(JonesBlountGlazeInput {
                    permeability_md,
                    thickness_ft,
                    perforated_interval_ft,
                    viscosity_cp,
                    fvf_rb_stb,
                    oil_density_lbm_ft3,
                    drainage_radius_ft,
                    wellbore_radius_ft,
                    skin,
                    reservoir_pressure_psia,
                })
                .map_err(wrap)?,
            ),
            Self::GasDarcyPseudoPressure { .. } => {
                return Err(ApiError::Internal(
                    "the pseudo-pressure inflow is built with its m(p) table".into(),
                ));
            }
        })
    }
}

fn rate_unit(basis: RateBasis) -> &'static str {
    match basis {
        RateBasis::Liquid => "stb_d",
        RateBasis::Gas => "mscf_d",
    }
}

// ---------------------------------------------------------------------------------------
// Inflow curve and fit

/// `POST /inflow/curve` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"inflow": {"model": "composite", "reservoir_pressure_psia": 3000.0,
    "bubble_point_psia": 2000.0, "productivity_index_stb_d_psi": 1.2, "water_cut_fraction": 0.3},
    "points": 25}))]
pub struct InflowCurveRequest {
    /// The inflow model.
    pub inflow: InflowInput,
    /// Points on the curve, 2 to 500 (default 25), evenly spaced in flowing pressure.
    #[serde(default = "default_points")]
    pub points: usize,
}

fn default_points() -> usize {
    25
}

/// One IPR point. Exactly one of the two rate fields is present, by the model's rate basis.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InflowPoint {
    /// Flowing bottom-hole pressure, psia.
    pub flowing_pressure_psia: f64,
    /// Liquid rate, STB/d (oil-well models).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub liquid_rate_stb_d: Option<f64>,
    /// Gas rate, Mscf/d (gas-well models).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gas_rate_mscf_d: Option<f64>,
}

fn inflow_point(basis: RateBasis, pressure: f64, rate: f64) -> InflowPoint {
    InflowPoint {
        flowing_pressure_psia: pressure,
        liquid_rate_stb_d: (basis == RateBasis::Liquid).then_some(rate),
        gas_rate_mscf_d: (basis == RateBasis::Gas).then_some(rate),
    }
}

/// `POST /inflow/curve` answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InflowCurveResponse {
    /// Method id (with variant).
    pub method: &'static str,
    /// `stb_d` (liquid) or `mscf_d` (gas).
    pub rate_unit: &'static str,
    /// Average reservoir pressure, psia.
    pub reservoir_pressure_psia: f64,
    /// Absolute open flow, in `rate_unit`.
    pub absolute_open_flow: f64,
    /// The curve, from the reservoir pressure down.
    pub points: Vec<InflowPoint>,
}

/// The inflow (IPR) curve of a model.
#[utoipa::path(
    security(("bearer" = [])),
    tag = "nodal",
    request_body = InflowCurveRequest,
    responses(
        (status = 200, description = "The IPR curve", body = InflowCurveResponse),
        (status = 422, description = "Invalid values", body = Problem,
         content_type = "application/problem+json")
    )
)]
#[post("/inflow/curve")]
pub async fn inflow_curve(
    _user: AuthUser,
    state: web::Data<AppState>,
    body: Json<InflowCurveRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    caching::json(&state, "inflow.curve", &request, || {
        compute_inflow_curve(&request)
    })
    .await
}

/// Computes `POST /inflow/curve`.
pub fn compute_inflow_curve(request: &InflowCurveRequest) -> Result<InflowCurveResponse, ApiError> {
    if !(2..=500).contains(&request.points) {
        return Err(ApiError::invalid_field("points", "must be 2 to 500"));
    }
    let built = request.inflow.build(None)?;
    let model = built.inflow()?;
    let basis = model.rate_basis();
    let pr = model.reservoir_pressure_psia();
    let low = model.lowest_flowing_pressure_psia();
    let n = request.points;
    let points = (0..n)
        .map(|i| {
            let p = pr - (pr - low) * i as f64 / (n - 1) as f64;
            model.rate_at(p).map(|q| inflow_point(basis, p, q))
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| prefixed("inflow", e))?;
    Ok(InflowCurveResponse {
        method: model.info().id,
        rate_unit: rate_unit(basis),
        reservoir_pressure_psia: pr,
        absolute_open_flow: model
            .absolute_open_flow()
            .map_err(|e| prefixed("inflow", e))?,
        points,
    })
}

/// Models `POST /inflow/fit` can fit.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FitModel {
    /// Fetkovich (1973), oil: C and n.
    Fetkovich,
    /// Rawlins-Schellhardt (1935), gas: C and n.
    BackPressure,
    /// Jones, Blount and Glaze (1976), oil: A and B.
    JonesBlountGlaze,
}

/// One stabilized test point.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TestPointInput {
    /// Rate: STB/d for oil models, Mscf/d for back-pressure.
    pub rate: f64,
    /// Flowing bottom-hole pressure, psia.
    pub flowing_pressure_psia: f64,
}

/// `POST /inflow/fit` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"model": "back_pressure", "reservoir_pressure_psia": 2000.0,
    "tests": [{"rate": 1000.0, "flowing_pressure_psia": 1800.0},
              {"rate": 2000.0, "flowing_pressure_psia": 1550.0},
              {"rate": 3000.0, "flowing_pressure_psia": 1200.0}]}))]
pub struct FitRequest {
    /// Model to fit.
    pub model: FitModel,
    /// Average reservoir pressure, psia.
    pub reservoir_pressure_psia: f64,
    /// Multi-rate test points (2 to 100).
    pub tests: Vec<TestPointInput>,
}

/// `POST /inflow/fit` answer: the fitted parameters, fit quality and AOF.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FitResponse {
    /// Method id.
    pub method: &'static str,
    /// `stb_d` or `mscf_d`.
    pub rate_unit: &'static str,
    /// C (deliverability fits).
    pub c: Option<f64>,
    /// n (deliverability fits).
    pub n: Option<f64>,
    /// A, psi/(STB/d) (Jones fit).
    pub a_psi_per_stb_d: Option<f64>,
    /// B, psi/(STB/d)² (Jones fit).
    pub b_psi_per_stb_d2: Option<f64>,
    /// Coefficient of determination of the regression.
    pub r_squared: f64,
    /// Absolute open flow, in `rate_unit`.
    pub absolute_open_flow: f64,
    /// Per test point: measured and fitted rate and the residuals.
    #[schema(value_type = Vec<Object>)]
    pub residuals: Vec<FitResidual>,
}

/// Fetkovich, back-pressure or Jones parameters from a multi-rate test, by least squares.
#[utoipa::path(
    security(("bearer" = [])),
    tag = "nodal",
    request_body = FitRequest,
    responses(
        (status = 200, description = "The fit", body = FitResponse),
        (status = 422, description = "Invalid test data", body = Problem,
         content_type = "application/problem+json")
    )
)]
#[post("/inflow/fit")]
pub async fn inflow_fit(
    _user: AuthUser,
    state: web::Data<AppState>,
    body: Json<FitRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    caching::json(&state, "inflow.fit", &request, || compute_fit(&request)).await
}

/// Computes `POST /inflow/fit`.
pub fn compute_fit(request: &FitRequest) -> Result<FitResponse, ApiError> {
    let tests: Vec<WellTestPoint> = request
        .tests
        .iter()
        .map(|t| WellTestPoint {
            rate: t.rate,
            flowing_pressure_psia: t.flowing_pressure_psia,
        })
        .collect();
    let pr = request.reservoir_pressure_psia;
    let wrap = |e| prefixed("tests", e);
    Ok(match request.model {
        FitModel::Fetkovich | FitModel::BackPressure => {
            let (method, basis, fit) = if matches!(request.model, FitModel::Fetkovich) {
                let f = fit_fetkovich(pr, &tests).map_err(wrap)?;
                (
                    f.model.info().id,
                    RateBasis::Liquid,
                    (f.c, f.n, f.r_squared, f.absolute_open_flow, f.residuals),
                )
            } else {
                let f = fit_back_pressure(pr, &tests).map_err(wrap)?;
                (
                    f.model.info().id,
                    RateBasis::Gas,
                    (f.c, f.n, f.r_squared, f.absolute_open_flow, f.residuals),
                )
            };
            FitResponse {
                method,
                rate_unit: rate_unit(basis),
                c: Some(fit.0),
                n: Some(fit.1),
                a_psi_per_stb_d: None,
                b_psi_per_stb_d2: None,
                r_squared: fit.2,
                absolute_open_flow: fit.3,
                residuals: fit.4,
            }
        }
        FitModel::JonesBlountGlaze => {
            let f = fit_jones_blount_glaze(pr, &tests).map_err(wrap)?;
            FitResponse {
                method: f.model.info().id,
                rate_unit: "stb_d",
                c: None,
                n: None,
                a_psi_per_stb_d: Some(f.a_psi_per_stb_d),
                b_psi_per_stb_d2: Some(f.b_psi_per_stb_d2),
                r_squared: f.r_squared,
                absolute_open_flow: f.model.absolute_open_flow().map_err(wrap)?,
                residuals: f.residuals,
            }
        }
    })
}

// ---------------------------------------------------------------------------------------
// Operating point, sensitivity, gas lift, VFP, plot

/// Solver settings of the operating-point search.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SolverInput {
    /// Rates at which both curves are evaluated (5 to 200; default 20).
    #[serde(default = "default_rate_points")]
    pub rate_points: usize,
    /// Highest rate searched, in the inflow's rate unit (default: the AOF).
    #[serde(default)]
    pub max_rate: Option<f64>,
    /// Convergence on |outflow − inflow|, psi (default 0.01).
    #[serde(default = "default_tolerance")]
    pub pressure_tolerance_psi: f64,
}

fn default_rate_points() -> usize {
    20
}

fn default_tolerance() -> f64 {
    0.01
}

impl Default for SolverInput {
    fn default() -> Self {
        Self {
            rate_points: 20,
            max_rate: None,
            pressure_tolerance_psi: 0.01,
        }
    }
}

impl SolverInput {
    fn options(&self) -> NodalOptions {
        NodalOptions {
            rate_points: self.rate_points,
            max_rate: self.max_rate,
            pressure_tolerance_psi: self.pressure_tolerance_psi,
            ..NodalOptions::default()
        }
    }
}

/// A nodal-analysis case: reservoir inflow, well, fluid and the wellhead pressure.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "inflow": {"model": "vogel", "reservoir_pressure_psia": 3000.0, "max_rate_stb_d": 2500.0},
    "fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 500.0, "water_salinity_wt_pct": 3.0},
    "well": {"sections": [{"bottom_md_ft": 8000.0, "tubing_id_in": 2.441}]},
    "temperature": {"wellhead_temperature_degf": 100.0, "bottomhole_temperature_degf": 190.0},
    "wellhead_pressure_psia": 150.0, "water_cut_fraction": 0.2
}))]
pub struct NodalRequest {
    /// Inflow model.
    pub inflow: InflowInput,
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
    /// Water cut, fraction.
    #[serde(default)]
    pub water_cut_fraction: f64,
    /// Produced GOR, scf/STB (default: the fluid's).
    #[serde(default)]
    pub gor_scf_stb: Option<f64>,
    /// Correlation and calculation options (gas lift lives here).
    #[serde(default)]
    pub options: FlowOptions,
    /// Solver settings.
    #[serde(default)]
    pub solver: SolverInput,
}

/// Operating-point answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NodalResponse {
    /// `stable`, `two_intersections`, `unstable_only`, `multiple` or `no_flow`.
    pub outcome: &'static str,
    /// `stb_d` or `mscf_d`: the unit of every `rate` below.
    pub rate_unit: &'static str,
    /// Inflow method id.
    pub inflow_method: &'static str,
    /// Outflow and PVT methods.
    pub methods: HydraulicsMethods,
    /// The full solution: the outcome with its operating point(s) (rate, flowing bottom-hole
    /// and wellhead pressures, residual, iterations, converged, stable, slopes, phase rates)
    /// or, for `no_flow`, the smallest gap between the curves and where; both curves on the
    /// rate grid; rates where the outflow could not be computed.
    #[schema(value_type = Object)]
    pub solution: NodalSolution,
    /// Inputs outside a method's published data range: the PVT correlations', then the
    /// gradient correlation's along the path of the traverse at the stable operating point
    /// (one per input, with `path` saying where), when the well flows.
    pub warnings: Vec<Warning>,
}

fn check_nodal(request: &NodalRequest, check: &mut Check) {
    crate::routes::hydraulics::check_pressure(
        check,
        "wellhead_pressure_psia",
        request.wellhead_pressure_psia,
    );
    check.range("water_cut_fraction", request.water_cut_fraction, 0.0, 1.0);
    if let Some(gor) = request.gor_scf_stb {
        check.non_negative("gor_scf_stb", gor);
    }
}

/// Runs `f` with the built nodal case of `request`; `highest_reservoir_pressure_psia` is
/// the highest reservoir pressure a sensitivity will ask the inflow about.
fn with_case<T>(
    request: &NodalRequest,
    highest_reservoir_pressure_psia: Option<f64>,
    f: impl FnOnce(
        &NodalCase<'_, nodal_core::pvt::fluid::BlackOilFluid, AnyInflow<'_>>,
        &HydraulicsMethods,
        &[Warning],
    ) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let mut check = Check::default();
    check_nodal(request, &mut check);
    let built = request.inflow.build(highest_reservoir_pressure_psia)?;
    let inflow = built.inflow()?;
    let max_p = inflow
        .reservoir_pressure_psia()
        .max(request.wellhead_pressure_psia);
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
    let nodal = NodalCase::new(inflow, vlp, request.wellhead_pressure_psia);
    f(&nodal, &case.methods(), &case.warnings)
}

/// Computes `POST /nodal/operating-point`.
pub fn compute_operating_point(request: &NodalRequest) -> Result<NodalResponse, ApiError> {
    with_case(request, None, |nodal, methods, warnings| {
        let solution = nodal
            .solve(&request.solver.options())
            .map_err(|e| prefixed("solver", e))?;
        let mut warnings = warnings.to_vec();
        // The traverse at the operating point, run once more to see where it leaves the
        // correlation's range; it ran during the solve, so it cannot fail here in a new way
        // (a failure would only mean no warnings to add).
        if let Some(liquid_rate_stb_d) = solution
            .operating_point()
            .and_then(|op| op.phase_rates)
            .map(|r| r.liquid_rate_stb_d)
        {
            let mut path = Vec::new();
            if nodal
                .well
                .bottomhole_pressure_checked(
                    liquid_rate_stb_d,
                    nodal.wellhead_pressure_psia,
                    &mut path,
                )
                .is_ok()
            {
                warnings.extend(path.iter().map(Warning::from));
            }
        }
        Ok(NodalResponse {
            outcome: solution.outcome.name(),
            rate_unit: rate_unit(solution.rate_basis),
            inflow_method: solution.inflow_method,
            methods: methods.clone(),
            solution,
            warnings,
        })
    })
}

/// The operating point at the bottom-hole node: where inflow meets outflow, with the
/// outcome named (stable, two intersections, no flow).
#[utoipa::path(
    security(("bearer" = [])),
    tag = "nodal",
    request_body = NodalRequest,
    responses(
        (status = 200, description = "The operating point(s) and both curves", body = NodalResponse),
        (status = 422, description = "Invalid values", body = Problem,
         content_type = "application/problem+json")
    )
)]
#[post("/nodal/operating-point")]
pub async fn operating_point(
    _user: AuthUser,
    state: web::Data<AppState>,
    body: Json<NodalRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    caching::json_blocking(
        &state,
        "nodal.operating_point",
        request,
        compute_operating_point,
    )
    .await
}

/// One sensitivity axis.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AxisInput {
    /// `wellhead_pressure_psia`, `tubing_id_in`, `water_cut_fraction`, `gor_scf_stb`,
    /// `reservoir_pressure_psia`, `skin` or `lift_gas_rate_mscf_d`.
    pub variable: String,
    /// Values, in the variable's unit.
    pub values: Vec<f64>,
}

/// `POST /nodal/sensitivity` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "case": {
        "inflow": {"model": "vogel", "reservoir_pressure_psia": 3000.0, "max_rate_stb_d": 2500.0},
        "fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 500.0},
        "well": {"sections": [{"bottom_md_ft": 8000.0, "tubing_id_in": 2.441}]},
        "temperature": {"wellhead_temperature_degf": 100.0, "bottomhole_temperature_degf": 190.0},
        "wellhead_pressure_psia": 150.0
    },
    "first": {"variable": "tubing_id_in", "values": [1.995, 2.441, 2.992]},
    "second": {"variable": "wellhead_pressure_psia", "values": [100.0, 200.0, 300.0]}
}))]
pub struct SensitivityRequest {
    /// The base case.
    pub case: NodalRequest,
    /// First variable (outer).
    pub first: AxisInput,
    /// Optional second variable (inner). At most 400 cases in all.
    #[serde(default)]
    pub second: Option<AxisInput>,
}

/// One row of the sensitivity table.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SensitivityRow {
    /// Value of the first variable.
    pub first_value: f64,
    /// Value of the second variable.
    pub second_value: Option<f64>,
    /// Outcome name, when computed.
    pub outcome: Option<&'static str>,
    /// Stable operating rate, in `rate_unit`, when the well flows.
    pub rate: Option<f64>,
    /// Flowing bottom-hole pressure there, psia.
    pub bottomhole_pressure_psia: Option<f64>,
    /// Why this case could not be computed.
    pub error: Option<String>,
}

/// `POST /nodal/sensitivity` answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SensitivityResponse {
    /// First variable name.
    pub first: &'static str,
    /// Second variable name.
    pub second: Option<&'static str>,
    /// Rate unit.
    pub rate_unit: &'static str,
    /// The table of operating points, first variable outer.
    pub table: Vec<SensitivityRow>,
    /// Every case's solution with both curves (the families of curves), same order.
    #[schema(value_type = Vec<Object>)]
    pub cases: Vec<nodal_core::nodal::SensitivityCase>,
    /// Methods used by the base case.
    pub methods: HydraulicsMethods,
}

fn axis(field: &str, input: &AxisInput) -> Result<SensitivityAxis, ApiError> {
    let variable = SensitivityVariable::from_name(&input.variable).ok_or_else(|| {
        let valid: Vec<&str> = SensitivityVariable::ALL.iter().map(|v| v.name()).collect();
        ApiError::invalid_field(
            format!("{field}.variable"),
            format!(
                "unknown variable `{}`; one of: {}",
                input.variable,
                valid.join(", ")
            ),
        )
    })?;
    Ok(SensitivityAxis {
        variable,
        values: input.values.clone(),
    })
}

/// Computes `POST /nodal/sensitivity`.
pub fn compute_sensitivity(request: &SensitivityRequest) -> Result<SensitivityResponse, ApiError> {
    let first = axis("first", &request.first)?;
    let second = request
        .second
        .as_ref()
        .map(|s| axis("second", s))
        .transpose()?;
    let cases = first.values.len() * second.as_ref().map_or(1, |s| s.values.len());
    if cases > nodal_core::nodal::MAX_SENSITIVITY_CASES {
        return Err(ApiError::invalid_field(
            "first.values",
            format!(
                "a sensitivity may hold at most {} cases; {cases} were asked for",
                nodal_core::nodal::MAX_SENSITIVITY_CASES
            ),
        ));
    }
    let highest_reservoir_pressure = std::iter::once(&first)
        .chain(second.as_ref())
        .filter(|a| matches!(a.variable, SensitivityVariable::ReservoirPressure))
        .flat_map(|a| a.values.iter().copied())
        .filter(|p| p.is_finite() && *p <= MAX_RESERVOIR_PRESSURE_PSIA)
        .reduce(f64::max);
    with_case(
        &request.case,
        highest_reservoir_pressure,
        |nodal, methods, _| {
            let result = run_sensitivity(
                nodal,
                &first,
                second.as_ref(),
                &request.case.solver.options(),
            )
            .map_err(|e| prefixed("first", e))?;
            let basis = nodal.inflow.rate_basis();
            let table = result
                .cases
                .iter()
                .map(|c| {
                    let point = c.solution.as_ref().and_then(|s| s.operating_point());
                    SensitivityRow {
                        first_value: c.first_value,
                        second_value: c.second_value,
                        outcome: c.solution.as_ref().map(|s| s.outcome.name()),
                        rate: point.map(|p| p.rate),
                        bottomhole_pressure_psia: point.map(|p| p.bottomhole_pressure_psia),
                        error: c.error.clone(),
                    }
                })
                .collect();
            Ok(SensitivityResponse {
                first: result.first.name(),
                second: result.second.map(|s| s.name()),
                rate_unit: rate_unit(basis),
                table,
                cases: result.cases,
                methods: methods.clone(),
            })
        },
    )
}

/// Operating points over one or two varied inputs, solved in parallel (at most 400 cases).
#[utoipa::path(
    security(("bearer" = [])),
    tag = "nodal",
    request_body = SensitivityRequest,
    responses(
        (status = 200, description = "Table of operating points and families of curves", body = SensitivityResponse),
        (status = 422, description = "Invalid values, or more than 400 cases", body = Problem,
         content_type = "application/problem+json")
    )
)]
#[post("/nodal/sensitivity")]
pub async fn sensitivity(
    _user: AuthUser,
    state: web::Data<AppState>,
    body: Json<SensitivityRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    caching::json_blocking(&state, "nodal.sensitivity", request, compute_sensitivity).await
}

/// `POST /nodal/gas-lift` body: the case needs `options.gas_lift` (its rate is varied).
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GasLiftRequest {
    /// The base case, with `options.gas_lift.injection_md_ft`.
    pub case: NodalRequest,
    /// Lift-gas rates, Mscf/d, increasing (2 to 100).
    pub lift_gas_rates_mscf_d: Vec<f64>,
    /// Marginal oil per lift gas for the economic optimum, STB/Mscf.
    #[serde(default)]
    pub marginal_oil_per_gas_stb_mscf: Option<f64>,
}

/// `POST /nodal/gas-lift` answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GasLiftResponse {
    /// Oil rate against lift-gas rate, the technical (maximum oil) optimum and, when asked,
    /// the economic optimum.
    #[schema(value_type = Object)]
    pub performance: nodal_core::nodal::GasLiftPerformance,
    /// Methods used.
    pub methods: HydraulicsMethods,
}

/// Computes `POST /nodal/gas-lift`.
pub fn compute_gas_lift(request: &GasLiftRequest) -> Result<GasLiftResponse, ApiError> {
    if request.case.options.gas_lift.is_none() {
        return Err(ApiError::invalid_field(
            "case.options.gas_lift",
            "the case needs a gas-lift injection point (injection_md_ft)",
        ));
    }
    with_case(&request.case, None, |nodal, methods, _| {
        let performance = gas_lift_performance(
            nodal,
            &request.lift_gas_rates_mscf_d,
            request.marginal_oil_per_gas_stb_mscf,
            &request.case.solver.options(),
        )
        .map_err(|e| prefixed("gas_lift", e))?;
        Ok(GasLiftResponse {
            performance,
            methods: methods.clone(),
        })
    })
}

/// Gas-lift performance curve: oil rate against injected gas rate, with the optimum.
#[utoipa::path(
    security(("bearer" = [])),
    tag = "nodal",
    request_body = GasLiftRequest,
    responses(
        (status = 200, description = "The performance curve and optima", body = GasLiftResponse),
        (status = 422, description = "Invalid values", body = Problem,
         content_type = "application/problem+json")
    )
)]
#[post("/nodal/gas-lift")]
pub async fn gas_lift(
    _user: AuthUser,
    state: web::Data<AppState>,
    body: Json<GasLiftRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    caching::json_blocking(&state, "nodal.gas_lift", request, compute_gas_lift).await
}

/// Eclipse `VFPPROD` table definition.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VfpInput {
    /// Table number (≥ 1).
    pub table_number: u32,
    /// FLO: `oil`, `liquid` or `gas`.
    pub flow_rate: String,
    /// WFR: `water_cut` or `water_oil_ratio`.
    pub water_fraction: String,
    /// GFR: `gas_oil_ratio`, `gas_liquid_ratio` or `oil_gas_ratio`.
    pub gas_fraction: String,
    /// ALQ: `none` or `gas_rate`.
    #[serde(default = "default_lift")]
    pub lift_quantity: String,
    /// FLO values (STB/day or Mscf/day), increasing.
    pub flow_values: Vec<f64>,
    /// THP values, psia, increasing.
    pub thp_values_psia: Vec<f64>,
    /// WFR values, increasing.
    pub water_fraction_values: Vec<f64>,
    /// GFR values (FIELD units: Mscf/STB for GOR and GLR), increasing.
    pub gas_fraction_values: Vec<f64>,
    /// ALQ values (`[0]` without lift).
    #[serde(default = "default_lift_values")]
    pub lift_values: Vec<f64>,
}

fn default_lift() -> String {
    "none".into()
}

fn default_lift_values() -> Vec<f64> {
    vec![0.0]
}

/// `POST /nodal/vfp` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "case": {
        "inflow": {"model": "vogel", "reservoir_pressure_psia": 3000.0, "max_rate_stb_d": 2500.0},
        "fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 500.0},
        "well": {"sections": [{"bottom_md_ft": 8000.0, "tubing_id_in": 2.441}]},
        "temperature": {"wellhead_temperature_degf": 100.0, "bottomhole_temperature_degf": 190.0},
        "wellhead_pressure_psia": 150.0
    },
    "table": {"table_number": 1, "flow_rate": "liquid", "water_fraction": "water_cut",
              "gas_fraction": "gas_oil_ratio", "flow_values": [500.0, 1000.0, 2000.0],
              "thp_values_psia": [100.0, 200.0], "water_fraction_values": [0.0, 0.5],
              "gas_fraction_values": [0.5]}
}))]
pub struct VfpRequest {
    /// The well and fluid (its inflow is not used).
    pub case: NodalRequest,
    /// The table to build.
    pub table: VfpInput,
}

fn pick<T: Copy>(field: &str, value: &str, options: &[(&str, T)]) -> Result<T, ApiError> {
    options
        .iter()
        .find(|(name, _)| *name == value)
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            let valid: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
            ApiError::invalid_field(
                format!("table.{field}"),
                format!("unknown value `{value}`; one of: {}", valid.join(", ")),
            )
        })
}

/// Builds the `VFPPROD` table of `POST /nodal/vfp`.
pub fn compute_vfp(request: &VfpRequest) -> Result<nodal_core::nodal::VfpProdTable, ApiError> {
    let t = &request.table;
    let spec = VfpProdSpec {
        table_number: t.table_number,
        flow_rate: pick(
            "flow_rate",
            &t.flow_rate,
            &[
                ("oil", VfpFlowRate::Oil),
                ("liquid", VfpFlowRate::Liquid),
                ("gas", VfpFlowRate::Gas),
            ],
        )?,
        water_fraction: pick(
            "water_fraction",
            &t.water_fraction,
            &[
                ("water_cut", VfpWaterFraction::WaterCut),
                ("water_oil_ratio", VfpWaterFraction::WaterOilRatio),
            ],
        )?,
        gas_fraction: pick(
            "gas_fraction",
            &t.gas_fraction,
            &[
                ("gas_oil_ratio", VfpGasFraction::GasOilRatio),
                ("gas_liquid_ratio", VfpGasFraction::GasLiquidRatio),
                ("oil_gas_ratio", VfpGasFraction::OilGasRatio),
            ],
        )?,
        lift_quantity: pick(
            "lift_quantity",
            &t.lift_quantity,
            &[
                ("none", VfpLiftQuantity::None),
                ("gas_rate", VfpLiftQuantity::GasRate),
            ],
        )?,
        flow_values: t.flow_values.clone(),
        thp_values_psia: t.thp_values_psia.clone(),
        water_fraction_values: t.water_fraction_values.clone(),
        gas_fraction_values: t.gas_fraction_values.clone(),
        lift_values: t.lift_values.clone(),
    };
    with_case(&request.case, None, |nodal, _, _| {
        vfpprod_table(&nodal.well, &spec).map_err(|e| prefixed("table", e))
    })
}

/// An Eclipse `VFPPROD` lift-curve table over rates, THP, water fraction, gas fraction and
/// lift gas, with a check that BHP never falls as THP rises (violations are reported in the
/// JSON form and as comments in the keyword text, never hidden). `text/plain` keyword text by
/// default; JSON with `Accept: application/json`.
#[utoipa::path(
    security(("bearer" = [])),
    tag = "nodal",
    request_body = VfpRequest,
    responses(
        (status = 200, description = "VFPPROD keyword text (text/plain) or the table as JSON", content_type = "text/plain", body = String),
        (status = 422, description = "Invalid values", body = Problem,
         content_type = "application/problem+json")
    )
)]
#[post("/nodal/vfp")]
pub async fn vfp(
    req: HttpRequest,
    _user: AuthUser,
    state: web::Data<AppState>,
    body: Json<VfpRequest>,
) -> Result<HttpResponse, ApiError> {
    let wants_json = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"));
    let request = body.into_inner();
    if wants_json {
        caching::json_blocking(&state, "nodal.vfp_json", request, compute_vfp).await
    } else {
        caching::body_blocking(&state, "nodal.vfp_text", request, TEXT, |r| {
            compute_vfp(r).map(|table| table.to_eclipse())
        })
        .await
    }
}

/// The nodal plot as SVG: inflow and outflow curves with the operating points marked.
#[utoipa::path(
    security(("bearer" = [])),
    tag = "nodal",
    request_body = NodalRequest,
    responses(
        (status = 200, description = "SVG chart", content_type = "image/svg+xml", body = String),
        (status = 422, description = "Invalid values", body = Problem,
         content_type = "application/problem+json")
    )
)]
#[post("/nodal/plot")]
pub async fn plot(
    _user: AuthUser,
    state: web::Data<AppState>,
    body: Json<NodalRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    caching::body_blocking(&state, "nodal.plot", request, SVG, |request| {
        let response = compute_operating_point(request)?;
        let solution = &response.solution;
        let inflow = crate::plot::Curve {
            label: format!("Inflow ({})", response.inflow_method),
            points: solution
                .curve
                .iter()
                .map(|p| (p.rate, p.inflow_pressure_psia))
                .collect(),
        };
        let outflow = crate::plot::Curve {
            label: format!(
                "Outflow ({}, {:.0} psia wellhead)",
                response.methods.correlation, solution.wellhead_pressure_psia
            ),
            points: solution
                .curve
                .iter()
                .filter_map(|p| p.outflow_pressure_psia.map(|o| (p.rate, o)))
                .collect(),
        };
        let markers: Vec<crate::plot::Marker> = match &solution.outcome {
            NodalOutcome::Stable { point } | NodalOutcome::UnstableOnly { point } => vec![*point],
            NodalOutcome::TwoIntersections { stable, unstable } => vec![*stable, *unstable],
            NodalOutcome::Multiple { points } => points.clone(),
            NodalOutcome::NoFlow { .. } => Vec::new(),
        }
        .into_iter()
        .map(|p| crate::plot::Marker {
            rate_stb_d: p.rate,
            pressure_psia: p.bottomhole_pressure_psia,
            stable: p.stable,
        })
        .collect();
        let rate_label = match solution.rate_basis {
            RateBasis::Liquid => "Liquid rate (STB/d)",
            RateBasis::Gas => "Gas rate (Mscf/d)",
        };
        let title = format!("Nodal analysis: {}", response.outcome.replace('_', " "));
        crate::plot::nodal_svg(&title, rate_label, &[inflow], &[outflow], &markers)
    })
    .await
}
