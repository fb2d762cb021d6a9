//! Single-phase gas pipelines: the classic steady-state flow equations in US customary units,
//! their inverse solves and the choice of a standard pipe size.
//!
//! Every equation here has the form of the general flow equation,
//!
//! `Q = 38.77 F E (Tb/Pb) [(P1² − e^s P2²) / (G Tf Le Z)]^0.5 D^2.5`,
//!
//! and differs in how the transmission factor `F` (= 2/√f, f the Darcy friction factor) is
//! found or in the exponents fitted to field data. Units everywhere: `Q` standard ft³/day at
//! the base conditions `Pb` (psia) and `Tb` (°R), pressures psia, `Tf` the average flowing
//! temperature in °R, `G` gas gravity (air = 1), `Le` equivalent length in miles, `D` inner
//! diameter in inches, `Z` the compressibility factor at the average pressure
//! `Pavg = 2/3 (P1 + P2 − P1 P2/(P1 + P2))` and `Tf`, `E` the pipeline efficiency.
//!
//! Elevation correction (Menon 2005, Ch. 2): `s = 0.0375 G ΔH / (Tf Z)` with `ΔH` the outlet
//! elevation minus the inlet elevation in ft, and `Le = L (e^s − 1)/s` (`Le = L` when `s = 0`).
//!
//! Source for every equation, constant and the elevation correction: Menon, E.S. (2005),
//! *Gas Pipeline Hydraulics*, CRC Press, Ch. 2 ("Pressure drop due to friction"), USCS forms.
//! Pipe sizes: ASME B36.10M standard-weight wall. Erosional velocity: API RP 14E (1991),
//! §2.5, `Ve = C/√ρ` with `C = 100` for continuous service.

use crate::error::{CoreError, CoreResult, require_in_range, require_positive};
use crate::hydraulics::CP_TO_LBM_FT_S;
use crate::method::{MethodInfo, ParamRange};
use crate::numeric::brent;
use crate::pvt::gas::GasModel;
use crate::units::{GAS_CONSTANT_PSIA_FT3_PER_LBMOL_R, degf_to_degr};

/// Lowest pressure any end of a pipeline may reach in a solve, psia.
pub const MIN_PIPELINE_PRESSURE_PSIA: f64 = 1.0;
/// Highest pressure accepted at either end, psia.
pub const MAX_PIPELINE_PRESSURE_PSIA: f64 = 20_000.0;
/// Constant of the erosional-velocity rule for continuous, solids-free service (API RP 14E).
pub const API_14E_C_CONTINUOUS: f64 = 100.0;

/// Which gas-pipeline flow equation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum GasFlowEquation {
    /// Weymouth (1912): `F = 11.18 D^(1/6)`.
    Weymouth,
    /// Panhandle A: `F = 7.2111 E (Q G / D)^0.07305`.
    PanhandleA,
    /// Panhandle B (revised Panhandle): `F = 16.70 E (Q G / D)^0.01961`.
    PanhandleB,
    /// General flow equation with the Colebrook-White friction factor.
    GeneralColebrook,
    /// General flow equation with the AGA (1964) fully turbulent transmission factor
    /// `F = 4 log10(3.7 D/e)`.
    AgaFullyTurbulent,
    /// General flow equation with the AGA (1964) transmission factor: the smaller of the fully
    /// turbulent value and the partially turbulent (smooth-pipe law with drag factor) one.
    AgaPartiallyTurbulent,
    /// Institute of Gas Technology (IGT) distribution equation.
    Igt,
}

const SOURCE: &str = "Menon, E.S. (2005): Gas Pipeline Hydraulics. CRC Press, Boca Raton, Ch. 2 (USCS forms of each equation, average pressure, elevation correction)";

/// Weymouth (1912), as in Menon (2005).
pub static WEYMOUTH_1912: MethodInfo = MethodInfo {
    id: "weymouth_1912",
    property: "gas_pipeline_flow",
    variant: "Q = 433.5 E (Tb/Pb) [(P1² − e^s P2²)/(G Tf Le Z)]^0.5 D^2.667 (F = 11.18 D^(1/6)); high pressure, large diameter transmission lines; conservative at high Reynolds numbers",
    source: "Weymouth, T.R. (1912): Problems in Natural Gas Engineering. Trans. ASME 34, 185-234; USCS form from Menon (2005), Gas Pipeline Hydraulics, Ch. 2",
    ranges: &[],
};

/// Panhandle A, as in Menon (2005).
pub static PANHANDLE_A: MethodInfo = MethodInfo {
    id: "panhandle_a",
    property: "gas_pipeline_flow",
    variant: "Q = 435.87 E (Tb/Pb)^1.0788 [(P1² − e^s P2²)/(G^0.8539 Tf Le Z)]^0.5394 D^2.6182; partially turbulent flow in large pipelines",
    source: SOURCE,
    ranges: &[ParamRange {
        param: "reynolds_number",
        min: 5.0e6,
        max: 11.0e6,
    }],
};

/// Panhandle B, as in Menon (2005).
pub static PANHANDLE_B: MethodInfo = MethodInfo {
    id: "panhandle_b",
    property: "gas_pipeline_flow",
    variant: "Q = 737 E (Tb/Pb)^1.02 [(P1² − e^s P2²)/(G^0.961 Tf Le Z)]^0.51 D^2.53; fully turbulent flow in large-diameter, high-pressure lines",
    source: SOURCE,
    ranges: &[ParamRange {
        param: "reynolds_number",
        min: 4.0e6,
        max: 40.0e6,
    }],
};

/// General flow equation with Colebrook-White.
pub static GENERAL_COLEBROOK: MethodInfo = MethodInfo {
    id: "general_flow_colebrook",
    property: "gas_pipeline_flow",
    variant: "Q = 38.77 F E (Tb/Pb) [(P1² − e^s P2²)/(G Tf Le Z)]^0.5 D^2.5 with F = −4 log10(e/(3.7 D) + 1.255 F/Re) (Colebrook 1939), Re = 0.0004778 (Pb/Tb) G Q/(μ D)",
    source: "Colebrook, C.F. (1939): Turbulent Flow in Pipes. J. Inst. Civil Eng. 11, 133-156; general flow equation and Reynolds number from Menon (2005), Gas Pipeline Hydraulics, Ch. 2",
    ranges: &[ParamRange {
        param: "reynolds_number",
        min: 4000.0,
        max: 1.0e9,
    }],
};

/// General flow equation with the AGA fully turbulent transmission factor.
pub static AGA_FULLY_TURBULENT: MethodInfo = MethodInfo {
    id: "aga_fully_turbulent",
    property: "gas_pipeline_flow",
    variant: "general flow equation with F = 4 log10(3.7 D/e) (rough-pipe law)",
    source: "American Gas Association (1964): Steady Flow in Gas Pipelines, NGPL Report, IGT Technical Report 10; as in Menon (2005), Gas Pipeline Hydraulics, Ch. 2",
    ranges: &[],
};

/// General flow equation with the AGA partially turbulent transmission factor.
pub static AGA_PARTIALLY_TURBULENT: MethodInfo = MethodInfo {
    id: "aga_partially_turbulent",
    property: "gas_pipeline_flow",
    variant: "general flow equation with F the smaller of 4 log10(3.7 D/e) and 4 Df log10(Re/Ft), Ft = 4 log10(Re/Ft) − 0.6 (von Kármán smooth-pipe law), Df the bend-index drag factor",
    source: "American Gas Association (1964): Steady Flow in Gas Pipelines, NGPL Report, IGT Technical Report 10; as in Menon (2005), Gas Pipeline Hydraulics, Ch. 2",
    ranges: &[ParamRange {
        param: "drag_factor",
        min: 0.90,
        max: 0.99,
    }],
};

/// IGT distribution equation.
pub static IGT: MethodInfo = MethodInfo {
    id: "igt",
    property: "gas_pipeline_flow",
    variant: "Q = 136.9 E (Tb/Pb) [(P1² − e^s P2²)/(G^0.8 Tf Le μ^0.2)]^0.555 D^2.667, μ in lb/(ft·s); no Z factor",
    source: "Institute of Gas Technology distribution equation; USCS form from Menon (2005), Gas Pipeline Hydraulics, Ch. 2",
    ranges: &[],
};

impl GasFlowEquation {
    /// Every equation, in listing order.
    pub const ALL: [Self; 7] = [
        Self::Weymouth,
        Self::PanhandleA,
        Self::PanhandleB,
        Self::GeneralColebrook,
        Self::AgaFullyTurbulent,
        Self::AgaPartiallyTurbulent,
        Self::Igt,
    ];

    /// Method metadata.
    pub fn info(self) -> &'static MethodInfo {
        match self {
            Self::Weymouth => &WEYMOUTH_1912,
            Self::PanhandleA => &PANHANDLE_A,
            Self::PanhandleB => &PANHANDLE_B,
            Self::GeneralColebrook => &GENERAL_COLEBROOK,
            Self::AgaFullyTurbulent => &AGA_FULLY_TURBULENT,
            Self::AgaPartiallyTurbulent => &AGA_PARTIALLY_TURBULENT,
            Self::Igt => &IGT,
        }
    }

    /// The equation with this id.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.info().id == id)
    }
}

/// A pipeline segment: straight run between an inlet and an outlet.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GasPipe {
    /// Length, miles.
    pub length_mi: f64,
    /// Inner diameter, in.
    pub inner_diameter_in: f64,
    /// Absolute roughness, in (new steel ≈ 0.0007; used by the Colebrook and AGA forms).
    pub roughness_in: f64,
    /// Pipeline efficiency `E` (0 < E ≤ 1.15; 0.92 to 0.95 typical for Weymouth and
    /// Panhandle, 1 for the friction-factor forms).
    pub efficiency: f64,
    /// Outlet elevation minus inlet elevation, ft.
    pub elevation_change_ft: f64,
    /// AGA drag factor `Df` (0.90 to 0.99; partially turbulent form only).
    pub drag_factor: f64,
}

impl GasPipe {
    /// Checks every field.
    pub fn validate(&self) -> CoreResult<()> {
        require_positive("length_mi", self.length_mi)?;
        require_in_range("inner_diameter_in", self.inner_diameter_in, 0.1, 120.0)?;
        require_in_range(
            "roughness_in",
            self.roughness_in,
            0.0,
            0.1 * self.inner_diameter_in,
        )?;
        if !(self.efficiency.is_finite() && self.efficiency > 0.0 && self.efficiency <= 1.15) {
            return Err(CoreError::invalid(
                "efficiency",
                format!("must be above 0 and at most 1.15 (got {})", self.efficiency),
            ));
        }
        require_in_range(
            "elevation_change_ft",
            self.elevation_change_ft,
            -30_000.0,
            30_000.0,
        )?;
        require_in_range("drag_factor", self.drag_factor, 0.5, 1.0)?;
        Ok(())
    }
}

/// The gas and the conditions it flows at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GasFlowConditions<'a> {
    /// The gas (gravity, impurities, Z-factor and viscosity correlations).
    pub gas: &'a GasModel,
    /// Average flowing temperature, °F.
    pub flowing_temperature_degf: f64,
    /// Base (contract) pressure of the standard volumes, psia (14.73 in most US contracts).
    pub base_pressure_psia: f64,
    /// Base temperature of the standard volumes, °F (60).
    pub base_temperature_degf: f64,
}

impl GasFlowConditions<'_> {
    pub(super) fn validate(&self) -> CoreResult<()> {
        require_in_range(
            "flowing_temperature_degf",
            self.flowing_temperature_degf,
            -40.0,
            500.0,
        )?;
        require_in_range("base_pressure_psia", self.base_pressure_psia, 10.0, 20.0)?;
        require_in_range(
            "base_temperature_degf",
            self.base_temperature_degf,
            0.0,
            100.0,
        )?;
        Ok(())
    }
}

/// Everything one evaluation of a flow equation needs, explicit (no PVT lookups): the
/// handbook form, usable alone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GasFlowInputs {
    /// Inlet pressure, psia.
    pub inlet_pressure_psia: f64,
    /// Outlet pressure, psia.
    pub outlet_pressure_psia: f64,
    /// Gas gravity, air = 1.
    pub gas_sg: f64,
    /// Average flowing temperature, °R.
    pub flowing_temperature_degr: f64,
    /// Compressibility factor at the average pressure and flowing temperature.
    pub z_factor: f64,
    /// Gas viscosity, cp (Reynolds number and IGT).
    pub viscosity_cp: f64,
    /// Base pressure, psia.
    pub base_pressure_psia: f64,
    /// Base temperature, °R.
    pub base_temperature_degr: f64,
}

/// Result of one evaluation of a flow equation.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GasFlowEvaluation {
    /// Flow rate at base conditions, Mscf/d (negative when the outlet is at the higher
    /// effective pressure: flow runs backwards).
    pub rate_mscf_d: f64,
    /// Elevation parameter `s`.
    pub elevation_parameter: f64,
    /// Equivalent length `Le`, miles.
    pub equivalent_length_mi: f64,
    /// Transmission factor `F = 2/√f` implied by the result (the general flow equation
    /// solved for F), so the equations can be compared; 0 when nothing flows.
    pub transmission_factor: f64,
    /// Reynolds number `0.0004778 (Pb/Tb) G Q/(μ D)`.
    pub reynolds_number: f64,
}

/// Average pressure of a gas pipeline, psia: `2/3 (P1 + P2 − P1 P2/(P1 + P2))` (Menon 2005,
/// Ch. 2), the mean of the pressure profile of isothermal flow in `P²`.
///
/// ```
/// use nodal_core::surface::gas_pipeline::average_pressure_psia;
/// // Menon (2005): P1 = 1000, P2 = 800 psia gives 903.7 psia.
/// assert!((average_pressure_psia(1000.0, 800.0) - 903.70).abs() < 0.01);
/// ```
pub fn average_pressure_psia(inlet_pressure_psia: f64, outlet_pressure_psia: f64) -> f64 {
    let (p1, p2) = (inlet_pressure_psia, outlet_pressure_psia);
    2.0 / 3.0 * (p1 + p2 - p1 * p2 / (p1 + p2))
}

/// Elevation parameter `s = 0.0375 G ΔH/(Tf Z)` (ΔH ft, Tf °R) and the equivalent length
/// `Le = L (e^s − 1)/s`, miles (Menon 2005, Ch. 2).
pub fn elevation_correction(
    gas_sg: f64,
    elevation_change_ft: f64,
    flowing_temperature_degr: f64,
    z_factor: f64,
    length_mi: f64,
) -> (f64, f64) {
    let s = 0.0375 * gas_sg * elevation_change_ft / (flowing_temperature_degr * z_factor);
    let le = if s.abs() < 1e-9 {
        length_mi * (1.0 + 0.5 * s)
    } else {
        length_mi * s.exp_m1() / s
    };
    (s, le)
}

/// Reynolds number of gas flow in a pipe (Menon 2005, Ch. 2, USCS):
/// `Re = 0.0004778 (Pb/Tb) G Q/(μ D)`, Q scf/d, μ lb/(ft·s), D in.
pub fn gas_reynolds_number(
    rate_scf_d: f64,
    gas_sg: f64,
    viscosity_cp: f64,
    inner_diameter_in: f64,
    base_pressure_psia: f64,
    base_temperature_degr: f64,
) -> f64 {
    0.000_477_8 * (base_pressure_psia / base_temperature_degr) * gas_sg * rate_scf_d
        / (viscosity_cp * CP_TO_LBM_FT_S * inner_diameter_in)
}

/// Smooth-pipe transmission factor `Ft = 4 log10(Re/Ft) − 0.6` (von Kármán), by fixed-point
/// iteration (a contraction for Re > 1000).
fn smooth_pipe_transmission_factor(re: f64) -> f64 {
    let mut ft = 10.0;
    for _ in 0..100 {
        let next = 4.0 * (re / ft).log10() - 0.6;
        if (next - ft).abs() < 1e-13 * ft {
            return next;
        }
        ft = next;
    }
    ft
}

impl GasFlowEquation {
    /// Flow rate by this equation from explicit inputs, for a pipe. The pipe's efficiency
    /// multiplies the rate of every equation (for the friction-factor forms it is normally 1).
    pub fn evaluate(self, pipe: &GasPipe, x: &GasFlowInputs) -> CoreResult<GasFlowEvaluation> {
        pipe.validate()?;
        require_positive("z_factor", x.z_factor)?;
        require_positive("viscosity_cp", x.viscosity_cp)?;
        require_positive("gas_sg", x.gas_sg)?;
        let (p1, p2) = (x.inlet_pressure_psia, x.outlet_pressure_psia);
        let g = x.gas_sg;
        let tf = x.flowing_temperature_degr;
        let z = x.z_factor;
        let d = pipe.inner_diameter_in;
        let e = pipe.efficiency;
        let tb_pb = x.base_temperature_degr / x.base_pressure_psia;
        let (s, le) = elevation_correction(g, pipe.elevation_change_ft, tf, z, pipe.length_mi);
        let driving = p1 * p1 - s.exp() * p2 * p2;
        if driving == 0.0 || !driving.is_finite() {
            // Balanced ends (or no finite pressures): no flow, and no friction factor.
            return if driving == 0.0 {
                Ok(GasFlowEvaluation {
                    rate_mscf_d: 0.0,
                    elevation_parameter: s,
                    equivalent_length_mi: le,
                    transmission_factor: 0.0,
                    reynolds_number: 0.0,
                })
            } else {
                Err(CoreError::invalid(
                    "inlet_pressure_psia",
                    format!("pressures must be finite (got {p1} and {p2} psia)"),
                ))
            };
        }
        let sign = driving.signum();
        let dp2 = driving.abs();
        // Reynolds number per unit rate, to turn a rate into Re.
        let re_per_scf_d = gas_reynolds_number(
            1.0,
            g,
            x.viscosity_cp,
            d,
            x.base_pressure_psia,
            x.base_temperature_degr,
        );
        // General flow equation without F: Q = F × k_general.
        let k_general = 38.77 * e * tb_pb * (dp2 / (g * tf * le * z)).sqrt() * d.powf(2.5);
        let q_scf_d = match self {
            Self::Weymouth => 433.5 * e * tb_pb * (dp2 / (g * tf * le * z)).sqrt() * d.powf(2.667),
            Self::PanhandleA => {
                435.87
                    * e
                    * tb_pb.powf(1.0788)
                    * (dp2 / (g.powf(0.8539) * tf * le * z)).powf(0.5394)
                    * d.powf(2.6182)
            }
            Self::PanhandleB => {
                737.0
                    * e
                    * tb_pb.powf(1.02)
                    * (dp2 / (g.powf(0.961) * tf * le * z)).powf(0.51)
                    * d.powf(2.53)
            }
            Self::Igt => {
                let mu = x.viscosity_cp * CP_TO_LBM_FT_S;
                136.9
                    * e
                    * tb_pb
                    * (dp2 / (g.powf(0.8) * tf * le * mu.powf(0.2))).powf(0.555)
                    * d.powf(2.667)
            }
            Self::GeneralColebrook => {
                // Re/F = re_per_scf_d × k_general does not depend on F, so Colebrook's
                // F = −4 log10(e/(3.7 D) + 1.255 F/Re) is explicit here.
                let re_over_f = re_per_scf_d * k_general;
                let f = -4.0 * (pipe.roughness_in / (3.7 * d) + 1.255 / re_over_f).log10();
                f * k_general
            }
            Self::AgaFullyTurbulent => {
                require_positive("roughness_in", pipe.roughness_in)?;
                4.0 * (3.7 * d / pipe.roughness_in).log10() * k_general
            }
            Self::AgaPartiallyTurbulent => {
                let fully = if pipe.roughness_in > 0.0 {
                    4.0 * (3.7 * d / pipe.roughness_in).log10()
                } else {
                    f64::INFINITY
                };
                let re_over_f = re_per_scf_d * k_general;
                let mut f: f64 = 15.0;
                let mut converged = false;
                for _ in 0..200 {
                    let re = re_over_f * f;
                    let ft = smooth_pipe_transmission_factor(re);
                    let next = (4.0 * pipe.drag_factor * (re / ft).log10()).min(fully);
                    if (next - f).abs() < 1e-12 * f {
                        f = next;
                        converged = true;
                        break;
                    }
                    f = next;
                }
                if !converged || !f.is_finite() {
                    return Err(CoreError::NoConvergence {
                        method: "aga_partially_turbulent",
                        iterations: 200,
                        last_estimate: f,
                        residual: f64::NAN,
                    });
                }
                f * k_general
            }
        };
        let q = sign * q_scf_d;
        if !q.is_finite() {
            return Err(CoreError::Physical(format!(
                "{}: the flow equation gave no finite rate (P1 = {p1} psia, P2 = {p2} psia)",
                self.info().id
            )));
        }
        let transmission_factor = q_scf_d / k_general;
        Ok(GasFlowEvaluation {
            rate_mscf_d: q / 1000.0,
            elevation_parameter: s,
            equivalent_length_mi: le,
            transmission_factor,
            reynolds_number: re_per_scf_d * q_scf_d,
        })
    }
}

/// A solved pipeline: the four quantities and what went into them.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GasPipelineResult {
    /// Equation used.
    pub equation_id: &'static str,
    /// Flow rate at base conditions, Mscf/d.
    pub rate_mscf_d: f64,
    /// Inlet pressure, psia.
    pub inlet_pressure_psia: f64,
    /// Outlet pressure, psia.
    pub outlet_pressure_psia: f64,
    /// Inner diameter, in.
    pub inner_diameter_in: f64,
    /// Average pressure, psia.
    pub average_pressure_psia: f64,
    /// Z at the average pressure and flowing temperature.
    pub z_average: f64,
    /// Gas viscosity at the average pressure, cp.
    pub viscosity_cp: f64,
    /// Elevation parameter `s`.
    pub elevation_parameter: f64,
    /// Equivalent length, miles.
    pub equivalent_length_mi: f64,
    /// Transmission factor implied (general flow equation solved for F).
    pub transmission_factor: f64,
    /// Darcy friction factor implied, `4/F²`.
    pub darcy_friction_factor: f64,
    /// Reynolds number.
    pub reynolds_number: f64,
    /// Gas velocity at the inlet, ft/s.
    pub inlet_velocity_ft_s: f64,
    /// Gas velocity at the outlet (the highest in the line), ft/s.
    pub outlet_velocity_ft_s: f64,
    /// API RP 14E erosional velocity at the outlet, ft/s.
    pub erosional_velocity_ft_s: f64,
}

/// A pipeline problem: equation, pipe and gas.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GasPipeline<'a> {
    /// Flow equation.
    pub equation: GasFlowEquation,
    /// The pipe.
    pub pipe: GasPipe,
    /// The gas and base conditions.
    pub conditions: GasFlowConditions<'a>,
    /// API RP 14E constant `C` for the erosional velocity (100 continuous service).
    pub erosional_c: f64,
}

/// Gas velocity in a pipe, ft/s (Menon 2005, Ch. 2): `u = 0.002122 (Q/D²)(Pb/Tb)(Z T/P)`,
/// Q scf/d at base conditions, D in, T °R, P psia.
pub fn gas_velocity_ft_s(
    rate_scf_d: f64,
    inner_diameter_in: f64,
    pressure_psia: f64,
    temperature_degr: f64,
    z_factor: f64,
    base_pressure_psia: f64,
    base_temperature_degr: f64,
) -> f64 {
    0.002_122 * rate_scf_d / (inner_diameter_in * inner_diameter_in)
        * (base_pressure_psia / base_temperature_degr)
        * z_factor
        * temperature_degr
        / pressure_psia
}

/// Erosional velocity, ft/s, by API RP 14E (1991) §2.5: `Ve = C/√ρ`, ρ the gas density in
/// lb/ft³ (`29 G P/(Z R T)`), `C` = 100 for continuous service.
pub fn erosional_velocity_ft_s(c: f64, density_lb_ft3: f64) -> f64 {
    c / density_lb_ft3.sqrt()
}

impl GasPipeline<'_> {
    fn check_pressure(field: &'static str, p: f64) -> CoreResult<f64> {
        require_in_range(
            field,
            p,
            MIN_PIPELINE_PRESSURE_PSIA,
            MAX_PIPELINE_PRESSURE_PSIA,
        )
    }

    fn validate(&self) -> CoreResult<()> {
        self.pipe.validate()?;
        self.conditions.validate()?;
        require_in_range("erosional_c", self.erosional_c, 50.0, 300.0)?;
        Ok(())
    }

    /// Evaluates the equation at `p1`, `p2` and diameter `d`, Z and μ from the PVT engine
    /// at the average pressure.
    fn evaluate_at(&self, p1: f64, p2: f64, d: f64) -> CoreResult<(GasFlowEvaluation, f64, f64)> {
        let c = &self.conditions;
        let pavg = average_pressure_psia(p1, p2);
        let state = c.gas.at(pavg, c.flowing_temperature_degf)?;
        let pipe = GasPipe {
            inner_diameter_in: d,
            ..self.pipe
        };
        let eval = self.equation.evaluate(
            &pipe,
            &GasFlowInputs {
                inlet_pressure_psia: p1,
                outlet_pressure_psia: p2,
                gas_sg: c.gas.gas_sg(),
                flowing_temperature_degr: degf_to_degr(c.flowing_temperature_degf),
                z_factor: state.z_factor,
                viscosity_cp: state.viscosity_cp,
                base_pressure_psia: c.base_pressure_psia,
                base_temperature_degr: degf_to_degr(c.base_temperature_degf),
            },
        )?;
        Ok((eval, state.z_factor, state.viscosity_cp))
    }

    fn rate_at(&self, p1: f64, p2: f64, d: f64) -> CoreResult<f64> {
        Ok(self.evaluate_at(p1, p2, d)?.0.rate_mscf_d)
    }

    fn result(&self, p1: f64, p2: f64, d: f64) -> CoreResult<GasPipelineResult> {
        let (eval, z, mu) = self.evaluate_at(p1, p2, d)?;
        let c = &self.conditions;
        let tf = degf_to_degr(c.flowing_temperature_degf);
        let tb = degf_to_degr(c.base_temperature_degf);
        let q_scf_d = eval.rate_mscf_d * 1000.0;
        let z1 = c.gas.z_factor(p1, c.flowing_temperature_degf)?;
        let z2 = c.gas.z_factor(p2, c.flowing_temperature_degf)?;
        let velocity = |p: f64, zp: f64| {
            gas_velocity_ft_s(q_scf_d.abs(), d, p, tf, zp, c.base_pressure_psia, tb)
        };
        let rho2 = p2 * c.gas.molecular_weight() / (z2 * GAS_CONSTANT_PSIA_FT3_PER_LBMOL_R * tf);
        let f = eval.transmission_factor;
        let darcy_friction_factor = if f > 0.0 { 4.0 / (f * f) } else { 0.0 };
        Ok(GasPipelineResult {
            equation_id: self.equation.info().id,
            rate_mscf_d: eval.rate_mscf_d,
            inlet_pressure_psia: p1,
            outlet_pressure_psia: p2,
            inner_diameter_in: d,
            average_pressure_psia: average_pressure_psia(p1, p2),
            z_average: z,
            viscosity_cp: mu,
            elevation_parameter: eval.elevation_parameter,
            equivalent_length_mi: eval.equivalent_length_mi,
            transmission_factor: f,
            darcy_friction_factor,
            reynolds_number: eval.reynolds_number,
            inlet_velocity_ft_s: velocity(p1, z1),
            outlet_velocity_ft_s: velocity(p2, z2),
            erosional_velocity_ft_s: erosional_velocity_ft_s(self.erosional_c, rho2),
        })
    }

    /// Flow rate for given inlet and outlet pressures (psia).
    ///
    /// Fails when the outlet pressure is so high that the gas would flow backwards (with no
    /// compression, the inlet's effective pressure must exceed the outlet's).
    pub fn flow_rate(
        &self,
        inlet_pressure_psia: f64,
        outlet_pressure_psia: f64,
    ) -> CoreResult<GasPipelineResult> {
        self.validate()?;
        let p1 = Self::check_pressure("inlet_pressure_psia", inlet_pressure_psia)?;
        let p2 = Self::check_pressure("outlet_pressure_psia", outlet_pressure_psia)?;
        let r = self.result(p1, p2, self.pipe.inner_diameter_in)?;
        if r.rate_mscf_d <= 0.0 {
            return Err(CoreError::invalid(
                "outlet_pressure_psia",
                format!(
                    "{p2} psia at the outlet is not below the inlet's {p1} psia after the elevation correction (s = {:.4}): gas cannot flow this way without compression",
                    r.elevation_parameter
                ),
            ));
        }
        Ok(r)
    }

    /// Outlet pressure (psia) delivering `rate_mscf_d` from `inlet_pressure_psia`.
    pub fn outlet_pressure(
        &self,
        inlet_pressure_psia: f64,
        rate_mscf_d: f64,
    ) -> CoreResult<GasPipelineResult> {
        self.validate()?;
        let p1 = Self::check_pressure("inlet_pressure_psia", inlet_pressure_psia)?;
        let q = require_positive("rate_mscf_d", rate_mscf_d)?;
        let d = self.pipe.inner_diameter_in;
        let residual = |p2: f64| Ok(self.rate_at(p1, p2, d)? - q);
        let lo = MIN_PIPELINE_PRESSURE_PSIA;
        let f_lo = residual(lo)?;
        if f_lo < 0.0 {
            return Err(CoreError::Physical(format!(
                "the pipe cannot carry {q} Mscf/d from {p1} psia: even at {lo} psia outlet it delivers {:.1} Mscf/d",
                f_lo + q
            )));
        }
        let (hi, f_hi) = expand_up(residual, p1, MAX_PIPELINE_PRESSURE_PSIA, |f| f < 0.0)?;
        let p2 = brent(
            residual,
            lo,
            hi,
            f_lo,
            f_hi,
            1e-9 * hi,
            0.0,
            200,
            "gas_pipeline_outlet_pressure",
        )?
        .or_no_convergence("gas_pipeline_outlet_pressure")?;
        self.result(p1, p2, d)
    }

    /// Inlet pressure (psia) needed to deliver `rate_mscf_d` at `outlet_pressure_psia`.
    pub fn inlet_pressure(
        &self,
        outlet_pressure_psia: f64,
        rate_mscf_d: f64,
    ) -> CoreResult<GasPipelineResult> {
        self.validate()?;
        let p2 = Self::check_pressure("outlet_pressure_psia", outlet_pressure_psia)?;
        let q = require_positive("rate_mscf_d", rate_mscf_d)?;
        let d = self.pipe.inner_diameter_in;
        let residual = |p1: f64| Ok(self.rate_at(p1, p2, d)? - q);
        let lo = MIN_PIPELINE_PRESSURE_PSIA;
        let f_lo = residual(lo)?;
        if f_lo > 0.0 {
            return Err(CoreError::Physical(format!(
                "the line gains so much pressure downhill that {q} Mscf/d needs an inlet below {lo} psia"
            )));
        }
        let (hi, f_hi) = expand_up(residual, p2, MAX_PIPELINE_PRESSURE_PSIA, |f| f > 0.0)
            .map_err(|_| {
                CoreError::Physical(format!(
                    "{q} Mscf/d needs an inlet pressure above {MAX_PIPELINE_PRESSURE_PSIA} psia in this pipe"
                ))
            })?;
        let p1 = brent(
            residual,
            lo,
            hi,
            f_lo,
            f_hi,
            1e-9 * hi,
            0.0,
            200,
            "gas_pipeline_inlet_pressure",
        )?
        .or_no_convergence("gas_pipeline_inlet_pressure")?;
        self.result(p1, p2, d)
    }

    /// Inner diameter (in) that carries `rate_mscf_d` between the two pressures.
    pub fn diameter(
        &self,
        inlet_pressure_psia: f64,
        outlet_pressure_psia: f64,
        rate_mscf_d: f64,
    ) -> CoreResult<GasPipelineResult> {
        self.validate()?;
        let p1 = Self::check_pressure("inlet_pressure_psia", inlet_pressure_psia)?;
        let p2 = Self::check_pressure("outlet_pressure_psia", outlet_pressure_psia)?;
        let q = require_positive("rate_mscf_d", rate_mscf_d)?;
        let probe = self.rate_at(p1, p2, self.pipe.inner_diameter_in)?;
        if probe <= 0.0 {
            return Err(CoreError::invalid(
                "outlet_pressure_psia",
                format!(
                    "{p2} psia at the outlet is not below the inlet's {p1} psia after the elevation correction: no diameter makes gas flow this way without compression"
                ),
            ));
        }
        let residual = |d: f64| Ok(self.rate_at(p1, p2, d)? - q);
        let (lo, hi) = (0.1, 120.0);
        let f_lo = residual(lo)?;
        let f_hi = residual(hi)?;
        if f_lo > 0.0 {
            return Err(CoreError::Physical(format!(
                "even a {lo} in pipe carries more than {q} Mscf/d between these pressures"
            )));
        }
        if f_hi < 0.0 {
            return Err(CoreError::Physical(format!(
                "even a {hi} in pipe carries only {:.1} Mscf/d between these pressures",
                f_hi + q
            )));
        }
        let d = brent(
            residual,
            lo,
            hi,
            f_lo,
            f_hi,
            1e-10,
            0.0,
            200,
            "gas_pipeline_diameter",
        )?
        .or_no_convergence("gas_pipeline_diameter")?;
        self.result(p1, p2, d)
    }
}

/// Raises `hi` from `start` by factors of 1.25 until `done(f(hi))`, at most to `limit`.
fn expand_up<F>(
    mut f: F,
    start: f64,
    limit: f64,
    done: impl Fn(f64) -> bool,
) -> CoreResult<(f64, f64)>
where
    F: FnMut(f64) -> CoreResult<f64>,
{
    let mut hi = start;
    loop {
        let fh = f(hi)?;
        if done(fh) {
            return Ok((hi, fh));
        }
        if hi >= limit {
            return Err(CoreError::Physical(format!(
                "no pressure up to {limit} psia brackets the solution"
            )));
        }
        hi = (hi * 1.25).min(limit);
    }
}

/// A standard line-pipe size: nominal size, outside diameter and standard-weight wall.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PipeSize {
    /// Nominal pipe size, in.
    pub nominal_in: f64,
    /// Outside diameter, in.
    pub outside_diameter_in: f64,
    /// Wall thickness, in.
    pub wall_in: f64,
}

impl PipeSize {
    /// Inner diameter, in.
    pub fn inner_diameter_in(&self) -> f64 {
        self.outside_diameter_in - 2.0 * self.wall_in
    }
}

/// Standard-weight (STD) line pipe, NPS 1 to 42: ASME B36.10M-2018, Table 1 (STD equals
/// schedule 40 up to NPS 10; 0.375 in wall from NPS 12).
pub const STANDARD_PIPE_SIZES: [PipeSize; 18] = [
    PipeSize {
        nominal_in: 1.0,
        outside_diameter_in: 1.315,
        wall_in: 0.133,
    },
    PipeSize {
        nominal_in: 1.5,
        outside_diameter_in: 1.900,
        wall_in: 0.145,
    },
    PipeSize {
        nominal_in: 2.0,
        outside_diameter_in: 2.375,
        wall_in: 0.154,
    },
    PipeSize {
        nominal_in: 2.5,
        outside_diameter_in: 2.875,
        wall_in: 0.203,
    },
    PipeSize {
        nominal_in: 3.0,
        outside_diameter_in: 3.500,
        wall_in: 0.216,
    },
    PipeSize {
        nominal_in: 4.0,
        outside_diameter_in: 4.500,
        wall_in: 0.237,
    },
    PipeSize {
        nominal_in: 6.0,
        outside_diameter_in: 6.625,
        wall_in: 0.280,
    },
    PipeSize {
        nominal_in: 8.0,
        outside_diameter_in: 8.625,
        wall_in: 0.322,
    },
    PipeSize {
        nominal_in: 10.0,
        outside_diameter_in: 10.750,
        wall_in: 0.365,
    },
    PipeSize {
        nominal_in: 12.0,
        outside_diameter_in: 12.750,
        wall_in: 0.375,
    },
    PipeSize {
        nominal_in: 14.0,
        outside_diameter_in: 14.000,
        wall_in: 0.375,
    },
    PipeSize {
        nominal_in: 16.0,
        outside_diameter_in: 16.000,
        wall_in: 0.375,
    },
    PipeSize {
        nominal_in: 18.0,
        outside_diameter_in: 18.000,
        wall_in: 0.375,
    },
    PipeSize {
        nominal_in: 20.0,
        outside_diameter_in: 20.000,
        wall_in: 0.375,
    },
    PipeSize {
        nominal_in: 24.0,
        outside_diameter_in: 24.000,
        wall_in: 0.375,
    },
    PipeSize {
        nominal_in: 30.0,
        outside_diameter_in: 30.000,
        wall_in: 0.375,
    },
    PipeSize {
        nominal_in: 36.0,
        outside_diameter_in: 36.000,
        wall_in: 0.375,
    },
    PipeSize {
        nominal_in: 42.0,
        outside_diameter_in: 42.000,
        wall_in: 0.375,
    },
];

/// Why a candidate size was accepted or rejected.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SizeCandidate {
    /// The size.
    pub size: PipeSize,
    /// The solved line at this size, when it can carry the rate at all.
    pub result: Option<GasPipelineResult>,
    /// Whether it meets both limits.
    pub acceptable: bool,
    /// What failed, in words (empty when acceptable).
    pub reason: String,
}

/// Smallest standard size (from `sizes`, ascending) that delivers `rate_mscf_d` from
/// `inlet_pressure_psia` with at least `minimum_outlet_pressure_psia` at the outlet and an
/// outlet velocity at most `max_erosional_fraction` of the API RP 14E erosional velocity.
/// Returns the chosen index (None when no size qualifies) and every candidate evaluated, in
/// order, up to and including the chosen one.
pub fn size_gas_pipeline(
    line: &GasPipeline<'_>,
    sizes: &[PipeSize],
    inlet_pressure_psia: f64,
    minimum_outlet_pressure_psia: f64,
    rate_mscf_d: f64,
    max_erosional_fraction: f64,
) -> CoreResult<(Option<usize>, Vec<SizeCandidate>)> {
    require_positive("rate_mscf_d", rate_mscf_d)?;
    require_in_range("max_erosional_fraction", max_erosional_fraction, 0.05, 1.0)?;
    GasPipeline::check_pressure("minimum_outlet_pressure_psia", minimum_outlet_pressure_psia)?;
    if minimum_outlet_pressure_psia >= inlet_pressure_psia && line.pipe.elevation_change_ft >= 0.0 {
        return Err(CoreError::invalid(
            "minimum_outlet_pressure_psia",
            format!(
                "must be below the inlet pressure {inlet_pressure_psia} psia on a level or uphill line without compression"
            ),
        ));
    }
    if sizes.is_empty() {
        return Err(CoreError::invalid(
            "sizes",
            "needs at least one candidate size",
        ));
    }
    let mut out = Vec::new();
    for (i, size) in sizes.iter().enumerate() {
        let candidate = GasPipeline {
            pipe: GasPipe {
                inner_diameter_in: size.inner_diameter_in(),
                ..line.pipe
            },
            ..*line
        };
        match candidate.outlet_pressure(inlet_pressure_psia, rate_mscf_d) {
            Ok(r) => {
                let limit = max_erosional_fraction * r.erosional_velocity_ft_s;
                let mut reasons = Vec::new();
                if r.outlet_pressure_psia < minimum_outlet_pressure_psia {
                    reasons.push(format!(
                        "outlet pressure {:.1} psia is below {minimum_outlet_pressure_psia} psia",
                        r.outlet_pressure_psia
                    ));
                }
                if r.outlet_velocity_ft_s > limit {
                    reasons.push(format!(
                        "outlet velocity {:.1} ft/s exceeds {limit:.1} ft/s ({max_erosional_fraction} of the erosional velocity)",
                        r.outlet_velocity_ft_s
                    ));
                }
                let acceptable = reasons.is_empty();
                out.push(SizeCandidate {
                    size: *size,
                    result: Some(r),
                    acceptable,
                    reason: reasons.join("; "),
                });
                if acceptable {
                    return Ok((Some(i), out));
                }
            }
            Err(CoreError::Physical(message)) => out.push(SizeCandidate {
                size: *size,
                result: None,
                acceptable: false,
                reason: message,
            }),
            Err(other) => return Err(other),
        }
    }
    Ok((None, out))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::hydraulics::friction::colebrook_clamond;
    use crate::pvt::gas::{GasMethods, Impurities};

    fn pipe(length_mi: f64, d: f64, e: f64) -> GasPipe {
        GasPipe {
            length_mi,
            inner_diameter_in: d,
            roughness_in: 0.0007,
            efficiency: e,
            elevation_change_ft: 0.0,
            drag_factor: 0.96,
        }
    }

    fn inputs(g: f64, t_degf: f64, p1: f64, p2: f64, z: f64) -> GasFlowInputs {
        GasFlowInputs {
            inlet_pressure_psia: p1,
            outlet_pressure_psia: p2,
            gas_sg: g,
            flowing_temperature_degr: degf_to_degr(t_degf),
            z_factor: z,
            viscosity_cp: 0.012,
            base_pressure_psia: 14.73,
            base_temperature_degr: degf_to_degr(60.0),
        }
    }

    /// Reference rates (Mscf/d) from `fluids` 1.3.1 (MIT), `fluids.compressible.Weymouth`,
    /// `Panhandle_A`, `Panhandle_B` and `IGT` (μ = 0.012 cp), run in SI with Ts = 60 °F and
    /// Ps = 14.73 psia and converted. `fluids` uses SI constants derived from the same Menon
    /// (2005) equations, so the two agree to the rounding of the published constants:
    /// tolerance 0.3 %.
    #[test]
    fn equations_match_fluids() {
        // (G, T °F, L mi, D in, P1, P2, Z, E, [weymouth, panhandle A, panhandle B, IGT])
        let cases = [
            (
                0.6,
                60.0,
                100.0,
                19.25,
                1000.0,
                800.0,
                0.88,
                0.92,
                [135_776.227, 166_358.924, 167_912.301, 159_379.853],
            ),
            (
                0.7,
                80.0,
                20.0,
                7.981,
                1200.0,
                700.0,
                0.85,
                0.95,
                [44_980.400, 64_066.997, 64_494.086, 60_294.910],
            ),
            (
                0.65,
                100.0,
                5.0,
                4.026,
                600.0,
                400.0,
                0.93,
                1.0,
                [6_824.217, 9_903.662, 10_706.567, 9_421.693],
            ),
        ];
        for (g, t, l, d, p1, p2, z, e, expected) in cases {
            let eqs = [
                GasFlowEquation::Weymouth,
                GasFlowEquation::PanhandleA,
                GasFlowEquation::PanhandleB,
                GasFlowEquation::Igt,
            ];
            for (eq, want) in eqs.into_iter().zip(expected) {
                let got = eq
                    .evaluate(&pipe(l, d, e), &inputs(g, t, p1, p2, z))
                    .unwrap()
                    .rate_mscf_d;
                assert!(
                    (got / want - 1.0).abs() < 3e-3,
                    "{:?} G={g} D={d}: {got} vs fluids {want}",
                    eq
                );
            }
        }
    }

    /// Crane Co. (2009), Technical Paper 410, *Flow of Fluids Through Valves, Fittings and
    /// Pipe*, Example 7-18: 100 miles of 14 in schedule 20 pipe (13.376 in ID), 1300 to 300
    /// psia, 40 °F, gas of 75 % methane, 21 % ethane, 4 % propane (G = 20.110/28.966 =
    /// 0.6943), Z and efficiency taken as 1 (Panhandle A with E = 0.92), base 14.7 psia and
    /// 60 °F. Crane's answers: Weymouth 105.1 MMscfd, Panhandle A 128.2 MMscfd. This
    /// gives 105.02 and 128.10 MMscfd; tolerance 0.2 % (Crane prints four figures).
    #[test]
    fn crane_tp410_example_7_18() {
        let g = (0.75 * 16.04246 + 0.21 * 30.06904 + 0.04 * 44.09562) / 28.966;
        let x = GasFlowInputs {
            base_pressure_psia: 14.7,
            ..inputs(g, 40.0, 1300.0, 300.0, 1.0)
        };
        let weymouth = GasFlowEquation::Weymouth
            .evaluate(&pipe(100.0, 13.376, 1.0), &x)
            .unwrap();
        assert!(
            (weymouth.rate_mscf_d / 105_100.0 - 1.0).abs() < 2e-3,
            "{}",
            weymouth.rate_mscf_d
        );
        let panhandle = GasFlowEquation::PanhandleA
            .evaluate(&pipe(100.0, 13.376, 0.92), &x)
            .unwrap();
        assert!(
            (panhandle.rate_mscf_d / 128_200.0 - 1.0).abs() < 2e-3,
            "{}",
            panhandle.rate_mscf_d
        );
    }

    #[test]
    fn colebrook_form_satisfies_colebrook_at_its_own_reynolds_number() {
        let p = pipe(50.0, 15.25, 1.0);
        let r = GasFlowEquation::GeneralColebrook
            .evaluate(&p, &inputs(0.6, 70.0, 1200.0, 900.0, 0.86))
            .unwrap();
        // F = 2/√f with f from Clamond's exact Colebrook solution at the same Re and e/D.
        let f = colebrook_clamond(r.reynolds_number, 0.0007 / 15.25);
        assert!((r.transmission_factor - 2.0 / f.sqrt()).abs() < 1e-9);
        // Fully turbulent AGA is the Colebrook limit Re → ∞, so it carries more.
        let aga = GasFlowEquation::AgaFullyTurbulent
            .evaluate(&p, &inputs(0.6, 70.0, 1200.0, 900.0, 0.86))
            .unwrap();
        assert!(aga.rate_mscf_d > r.rate_mscf_d);
        assert!((aga.transmission_factor - 4.0 * (3.7 * 15.25 / 0.0007_f64).log10()).abs() < 1e-9);
    }

    #[test]
    fn aga_partially_turbulent_is_the_smaller_factor() {
        let p = pipe(50.0, 15.25, 1.0);
        let x = inputs(0.6, 70.0, 1200.0, 900.0, 0.86);
        let r = GasFlowEquation::AgaPartiallyTurbulent
            .evaluate(&p, &x)
            .unwrap();
        let re = r.reynolds_number;
        let ft = smooth_pipe_transmission_factor(re);
        // Ft satisfies the von Kármán smooth-pipe law.
        assert!((ft - (4.0 * (re / ft).log10() - 0.6)).abs() < 1e-10);
        let partial = 4.0 * 0.96 * (re / ft).log10();
        let fully = 4.0 * (3.7 * 15.25 / 0.0007_f64).log10();
        assert!((r.transmission_factor - partial.min(fully)).abs() < 1e-8);
    }

    #[test]
    fn average_pressure_and_elevation_by_hand() {
        // Menon (2005), Ch. 2: Pavg = 2/3 (1000 + 800 − 1000·800/1800) = 903.70 psia.
        assert!((average_pressure_psia(1000.0, 800.0) - 903.7037).abs() < 1e-4);
        // s = 0.0375 × 0.6 × 500 / (520 × 0.9) = 0.024038; Le = 10 (e^s − 1)/s.
        let (s, le) = elevation_correction(0.6, 500.0, 520.0, 0.9, 10.0);
        assert!((s - 0.024_038_46).abs() < 1e-7);
        assert!((le - 10.0 * (s.exp() - 1.0) / s).abs() < 1e-12);
        assert!(le > 10.0);
        // Uphill lowers the rate at the same pressures.
        let mut p = pipe(10.0, 7.981, 0.95);
        let flat = GasFlowEquation::Weymouth
            .evaluate(&p, &inputs(0.6, 60.0, 1000.0, 800.0, 0.9))
            .unwrap();
        p.elevation_change_ft = 500.0;
        let up = GasFlowEquation::Weymouth
            .evaluate(&p, &inputs(0.6, 60.0, 1000.0, 800.0, 0.9))
            .unwrap();
        assert!(up.rate_mscf_d < flat.rate_mscf_d);
    }

    fn gas() -> GasModel {
        GasModel::new(0.65, Impurities::NONE, GasMethods::default()).unwrap()
    }

    fn line(gas: &GasModel, eq: GasFlowEquation) -> GasPipeline<'_> {
        GasPipeline {
            equation: eq,
            pipe: GasPipe {
                elevation_change_ft: 300.0,
                ..pipe(
                    30.0,
                    11.938,
                    if matches!(
                        eq,
                        GasFlowEquation::Weymouth
                            | GasFlowEquation::PanhandleA
                            | GasFlowEquation::PanhandleB
                    ) {
                        0.92
                    } else {
                        1.0
                    },
                )
            },
            conditions: GasFlowConditions {
                gas,
                flowing_temperature_degf: 80.0,
                base_pressure_psia: 14.73,
                base_temperature_degf: 60.0,
            },
            erosional_c: API_14E_C_CONTINUOUS,
        }
    }

    #[test]
    fn inverse_solves_recover_the_forward_inputs() {
        let gas = gas();
        for eq in GasFlowEquation::ALL {
            let l = line(&gas, eq);
            let forward = l.flow_rate(1100.0, 700.0).unwrap();
            let q = forward.rate_mscf_d;
            assert!(q > 0.0);
            let out = l.outlet_pressure(1100.0, q).unwrap();
            assert!(
                (out.outlet_pressure_psia - 700.0).abs() < 1e-4,
                "{eq:?} {out:?}"
            );
            let inl = l.inlet_pressure(700.0, q).unwrap();
            assert!((inl.inlet_pressure_psia - 1100.0).abs() < 1e-4, "{eq:?}");
            let d = l.diameter(1100.0, 700.0, q).unwrap();
            assert!((d.inner_diameter_in - 11.938).abs() < 1e-6, "{eq:?}");
            // Z comes from the PVT engine at the average pressure.
            let pavg = average_pressure_psia(1100.0, 700.0);
            assert!((forward.z_average - gas.z_factor(pavg, 80.0).unwrap()).abs() < 1e-12);
        }
    }

    #[test]
    fn impossible_requests_say_why() {
        let gas = gas();
        let l = line(&gas, GasFlowEquation::Weymouth);
        let err = l.flow_rate(700.0, 800.0).unwrap_err();
        assert!(
            matches!(
                err,
                CoreError::InvalidInput {
                    field: "outlet_pressure_psia",
                    ..
                }
            ),
            "{err}"
        );
        let err = l.outlet_pressure(300.0, 1e7).unwrap_err();
        assert!(err.to_string().contains("cannot carry"), "{err}");
        let mut bad = l;
        bad.pipe.inner_diameter_in = 0.0;
        assert!(matches!(
            bad.flow_rate(1000.0, 800.0).unwrap_err(),
            CoreError::InvalidInput {
                field: "inner_diameter_in",
                ..
            }
        ));
    }

    #[test]
    fn velocity_and_erosional_limit_by_hand() {
        // u = 0.002122 × 100e6/12² × (14.73/519.67) × 0.9 × 540/500 = 40.60 ft/s.
        let u = gas_velocity_ft_s(100.0e6, 12.0, 500.0, 540.0, 0.9, 14.73, 519.67);
        assert!(
            (u - 0.002122 * 100.0e6 / 144.0 * (14.73 / 519.67) * 0.9 * 540.0 / 500.0).abs() < 1e-9
        );
        assert!((u - 40.60).abs() < 0.01);
        // API RP 14E: C = 100, ρ = 4 lb/ft³ gives 50 ft/s.
        assert!((erosional_velocity_ft_s(100.0, 4.0) - 50.0).abs() < 1e-12);
    }

    #[test]
    fn sizing_picks_the_smallest_size_meeting_both_limits() {
        let gas = gas();
        let l = line(&gas, GasFlowEquation::GeneralColebrook);
        let (chosen, candidates) =
            size_gas_pipeline(&l, &STANDARD_PIPE_SIZES, 1000.0, 600.0, 60_000.0, 1.0).unwrap();
        let i = chosen.unwrap();
        let pick = candidates[i].result.unwrap();
        assert!(pick.outlet_pressure_psia >= 600.0);
        assert!(pick.outlet_velocity_ft_s <= pick.erosional_velocity_ft_s);
        assert_eq!(candidates.len(), i + 1);
        // The next smaller size fails one of the limits.
        assert!(!candidates[i - 1].acceptable && !candidates[i - 1].reason.is_empty());
        // A rate no size can carry.
        let (none, all) =
            size_gas_pipeline(&l, &STANDARD_PIPE_SIZES[..3], 1000.0, 600.0, 60_000.0, 1.0).unwrap();
        assert!(none.is_none());
        assert_eq!(all.len(), 3);
    }

    #[test]
    fn standard_sizes_have_their_published_inner_diameters() {
        // ASME B36.10M: NPS 4 STD is 4.026 in ID, NPS 12 STD 12.000 in.
        assert!((STANDARD_PIPE_SIZES[5].inner_diameter_in() - 4.026).abs() < 1e-9);
        assert!((STANDARD_PIPE_SIZES[9].inner_diameter_in() - 12.0).abs() < 1e-9);
        assert!(
            STANDARD_PIPE_SIZES
                .windows(2)
                .all(|w| w[0].inner_diameter_in() < w[1].inner_diameter_in())
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]

            /// Every equation carries more gas with a larger pipe, a higher inlet pressure or
            /// a shorter line, and nothing when both ends are at the same pressure on the
            /// level.
            #[test]
            fn rate_is_monotone_in_diameter_pressure_and_length(
                d in 2.0..36.0f64,
                p2 in 50.0..1500.0f64,
                drop in 1.0..800.0f64,
                length in 0.5..200.0f64,
                z in 0.7..1.0f64,
            ) {
                let p1 = p2 + drop;
                for eq in GasFlowEquation::ALL {
                    let q = |d: f64, p1: f64, l: f64| {
                        eq.evaluate(&pipe(l, d, 0.95), &inputs(0.65, 70.0, p1, p2, z)).unwrap().rate_mscf_d
                    };
                    let base = q(d, p1, length);
                    prop_assert!(base > 0.0);
                    prop_assert!(q(d * 1.1, p1, length) > base);
                    prop_assert!(q(d, p1 + 10.0, length) > base);
                    prop_assert!(q(d, p1, length * 1.1) < base);
                    prop_assert_eq!(q(d, p2, length), 0.0);
                }
            }
        }
    }
}
