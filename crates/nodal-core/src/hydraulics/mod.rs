//! Multiphase and single-phase pipe flow: friction factors, pressure-gradient correlations and
//! the pressure traverse.
//!
//! Layers, bottom up:
//! - [`friction`]: Darcy friction factor (Colebrook solved exactly, and explicit forms).
//! - Point gradients: given the in-situ [`PhaseProperties`] at one point of a pipe
//!   ([`PipeGeometry`]), a [`GradientCorrelation`] returns a [`GradientResult`]: the pressure
//!   gradient split into elevation, friction and acceleration, with holdup, flow pattern and
//!   the other intermediate quantities an engineer checks. One module per correlation:
//!   [`single_phase`], [`homogeneous`], [`beggs_brill`], [`hagedorn_brown`], [`gray`],
//!   [`mukherjee_brill`], [`orkiszewski`], [`aziz_govier_fogarasi`], [`ansari`],
//!   [`hasan_kabir`].
//! - Fluid interface: [`FluidModel`] gives black-oil properties at (p, T); [`in_situ_properties`]
//!   turns surface rates into in-situ velocities and mixed liquid properties.
//! - [`mod@traverse`]: marches a pressure along a [`crate::wellbore::FlowPath`] and survey.
//! - [`range_check`]: the traverse's check of each kept station against the correlation's
//!   published range, reported as [`PathRangeWarning`]s.
//! - [`vlp`]: outflow (vertical lift performance) curves and their inverse solves.
//!
//! Sign convention of every gradient here: **pressure loss per foot along the direction of
//! flow**, psi/ft. The pipe angle is that of the flow direction above horizontal: +90° is
//! vertical upward flow (a producing well), −90° vertical downward flow (an injector).
//!
//! Field-unit conversion factors this module needs and [`crate::units`] lacks are defined
//! here once: [`CP_TO_LBM_FT_S`] and the dimensionless-group factors of Duns and Ros used by
//! Beggs-Brill and Hagedorn-Brown.

pub mod ansari;
pub mod aziz_govier_fogarasi;
pub mod beggs_brill;
mod duns_ros;
pub mod fluid;
pub mod friction;
pub mod gray;
pub mod hagedorn_brown;
pub mod hasan_kabir;
pub mod homogeneous;
pub mod mukherjee_brill;
pub mod orkiszewski;
pub mod range_check;
pub mod single_phase;
pub mod traverse;
pub mod vlp;

pub use fluid::{
    FluidModel, FluidState, LiquidMix, SimpleBlackOil, SurfaceRates, in_situ_properties, mix_liquid,
};
pub use friction::FrictionCorrelation;
pub use range_check::{PathRangeWarning, merge_warning};
pub use traverse::{
    FlowDirection, GasLift, KnownPressure, StepControl, TemperatureProfile, TraverseInput,
    TraverseResult, TraverseStation, TraverseSummary, traverse, traverse_end_pressure,
    traverse_end_pressure_checked, traverse_into,
};
pub use vlp::{
    VlpCase, VlpPoint, liquid_rate_for_bottomhole_pressure, vlp_curve, vlp_curve_checked,
    wellhead_pressure_for_bottomhole_pressure,
};

use crate::error::{CoreError, CoreResult};
use crate::method::MethodInfo;
use crate::units::GRAVITY_FT_S2;

/// Viscosity conversion: 1 cp = 6.719 689 751e-4 lbm/(ft·s) (exact from 1 cp = 1e-3 Pa·s,
/// 1 lb = 0.453 592 37 kg, 1 ft = 0.3048 m). Its inverse, 1488.16, is the "1488" of field-unit
/// Reynolds numbers.
pub const CP_TO_LBM_FT_S: f64 = 6.719_689_751e-4;

/// Psi per (lbf/ft²): pressure gradients in lbf/ft² per ft are divided by 144 to give psi/ft.
pub(crate) const SQ_IN_PER_SQ_FT: f64 = 144.0;

/// Duns-Ros velocity number factor: `N_v = 1.9377 v (ρ/σ)^¼` with v in ft/s, ρ in lb/ft³, σ in
/// dyne/cm (exact conversion of `v (ρ/(g σ))^¼`; printed as 1.938 in Brill and Mukherjee, 1999).
pub(crate) const VELOCITY_NUMBER_FACTOR: f64 = 1.937_715_471_742_5;
/// Duns-Ros diameter number factor: `N_d = 120.805 d (ρ/σ)^½`, d in ft (exact conversion of
/// `d (ρ g/σ)^½`; printed as 120.872 in Brill and Mukherjee, 1999).
pub(crate) const DIAMETER_NUMBER_FACTOR: f64 = 120.805_227_276;
/// Duns-Ros liquid viscosity number factor: `N_L = 0.157 30 μ (1/(ρ σ³))^¼`, μ in cp (exact
/// conversion of `μ (g/(ρ σ³))^¼`; printed as 0.15726 in Brill and Mukherjee, 1999).
pub(crate) const VISCOSITY_NUMBER_FACTOR: f64 = 0.157_298_635_658_8;

/// Surface tension conversion: 1 dyne/cm = 1e−3 kg/s² = 0.002 204 62 lbm/s² (exact from
/// 1 lb = 0.453 592 37 kg). Groups such as Gray's `N_v` need σ in lbm/s² to be dimensionless
/// with ρ in lb/ft³, v in ft/s and g in ft/s².
pub(crate) const DYNE_CM_TO_LBM_S2: f64 = 1.0e-3 / 0.453_592_37;

/// In-situ conditions at one point of the pipe: what a gradient correlation needs.
///
/// Oil and water are one liquid phase here; build it with [`mix_liquid`] or
/// [`in_situ_properties`].
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PhaseProperties {
    /// Liquid density, lb/ft³.
    pub liquid_density_lb_ft3: f64,
    /// Gas density, lb/ft³.
    pub gas_density_lb_ft3: f64,
    /// Liquid viscosity, cp.
    pub liquid_viscosity_cp: f64,
    /// Gas viscosity, cp.
    pub gas_viscosity_cp: f64,
    /// Gas-liquid surface tension, dyne/cm.
    pub surface_tension_dyne_cm: f64,
    /// Superficial liquid velocity (in-situ liquid volume rate over pipe area), ft/s, ≥ 0.
    pub superficial_liquid_velocity_ft_s: f64,
    /// Superficial gas velocity, ft/s, ≥ 0.
    pub superficial_gas_velocity_ft_s: f64,
    /// Pressure, psia (used by the acceleration term and by Hagedorn-Brown's holdup group).
    pub pressure_psia: f64,
}

impl PhaseProperties {
    /// Mixture velocity `v_m = v_sl + v_sg`, ft/s.
    #[inline]
    pub fn mixture_velocity_ft_s(&self) -> f64 {
        self.superficial_liquid_velocity_ft_s + self.superficial_gas_velocity_ft_s
    }

    /// No-slip liquid holdup `λ_L = v_sl / v_m`.
    #[inline]
    pub fn no_slip_holdup(&self) -> f64 {
        self.superficial_liquid_velocity_ft_s / self.mixture_velocity_ft_s()
    }

    /// Checks every field: finite; densities, viscosities, tension and pressure > 0;
    /// velocities ≥ 0 and not both zero.
    pub fn validate(&self) -> CoreResult<()> {
        let positive = [
            ("liquid_density_lb_ft3", self.liquid_density_lb_ft3),
            ("gas_density_lb_ft3", self.gas_density_lb_ft3),
            ("liquid_viscosity_cp", self.liquid_viscosity_cp),
            ("gas_viscosity_cp", self.gas_viscosity_cp),
            ("surface_tension_dyne_cm", self.surface_tension_dyne_cm),
            ("pressure_psia", self.pressure_psia),
        ];
        for (field, v) in positive {
            if !(v.is_finite() && v > 0.0) {
                return Err(CoreError::invalid(
                    field,
                    format!("must be a finite number greater than zero (got {v})"),
                ));
            }
        }
        for (field, v) in [
            (
                "superficial_liquid_velocity_ft_s",
                self.superficial_liquid_velocity_ft_s,
            ),
            (
                "superficial_gas_velocity_ft_s",
                self.superficial_gas_velocity_ft_s,
            ),
        ] {
            if !(v.is_finite() && v >= 0.0) {
                return Err(CoreError::invalid(
                    field,
                    format!("must be a finite number not below zero (got {v})"),
                ));
            }
        }
        if self.mixture_velocity_ft_s() <= 0.0 {
            return Err(CoreError::invalid(
                "superficial_liquid_velocity_ft_s",
                "no flow: liquid and gas superficial velocities are both zero",
            ));
        }
        Ok(())
    }
}

/// The pipe at the point where a gradient is evaluated.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PipeGeometry {
    /// Hydraulic diameter, in.
    pub diameter_in: f64,
    /// Relative roughness `e/d`, dimensionless.
    pub relative_roughness: f64,
    /// Angle of the flow direction above horizontal, degrees, in [−90, 90]: +90 is vertical
    /// upward flow, 0 horizontal, −90 vertical downward flow.
    pub angle_deg: f64,
}

impl PipeGeometry {
    /// Checks the fields: diameter > 0, roughness in [0, 0.5), angle in [−90, 90].
    pub fn validate(&self) -> CoreResult<()> {
        crate::error::require_positive("diameter_in", self.diameter_in)?;
        if !(self.relative_roughness.is_finite() && (0.0..0.5).contains(&self.relative_roughness)) {
            return Err(CoreError::invalid(
                "relative_roughness",
                format!(
                    "must be at least 0 and below 0.5 (got {})",
                    self.relative_roughness
                ),
            ));
        }
        crate::error::require_in_range("angle_deg", self.angle_deg, -90.0, 90.0)?;
        Ok(())
    }

    #[inline]
    pub(crate) fn diameter_ft(&self) -> f64 {
        self.diameter_in / 12.0
    }

    #[inline]
    pub(crate) fn sin_angle(&self) -> f64 {
        self.angle_deg.to_radians().sin()
    }
}

/// Flow pattern (regime) as named by the correlation that computed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum FlowPattern {
    /// Liquid only.
    SinglePhaseLiquid,
    /// Gas only.
    SinglePhaseGas,
    /// Homogeneous no-slip mixture (no pattern is predicted).
    Homogeneous,
    /// Beggs-Brill segregated (stratified, wavy, annular).
    Segregated,
    /// Transition region: Beggs-Brill between segregated and intermittent; Duns-Ros,
    /// Orkiszewski and Aziz et al. between slug and mist (annular-mist).
    Transition,
    /// Beggs-Brill intermittent (plug, slug).
    Intermittent,
    /// Beggs-Brill distributed (bubble, mist).
    Distributed,
    /// Dispersed bubble flow: small bubbles carried without slip by a turbulent liquid
    /// (Ansari et al. after Barnea).
    DispersedBubble,
    /// Bubble flow (Griffith-Wallis criterion in modified Hagedorn-Brown and Orkiszewski; the
    /// bubble region of Mukherjee-Brill and Aziz et al.).
    Bubble,
    /// Stratified flow (liquid below gas in horizontal and downhill pipe).
    Stratified,
    /// Slug flow (Taylor bubbles and liquid slugs).
    Slug,
    /// Churn flow: chaotic, oscillating flow between slug and annular (Hasan-Kabir).
    Churn,
    /// Annular (annular-mist) flow: gas core with entrained droplets, liquid film on the wall.
    Annular,
    /// Mist flow (Duns-Ros and Orkiszewski naming of the gas-continuous region).
    Mist,
    /// The correlation does not distinguish patterns here (Hagedorn-Brown outside bubble
    /// flow).
    NotClassified,
}

impl FlowPattern {
    /// Stable snake_case name for reports and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SinglePhaseLiquid => "single_phase_liquid",
            Self::SinglePhaseGas => "single_phase_gas",
            Self::Homogeneous => "homogeneous",
            Self::Segregated => "segregated",
            Self::Transition => "transition",
            Self::Intermittent => "intermittent",
            Self::Distributed => "distributed",
            Self::DispersedBubble => "dispersed_bubble",
            Self::Bubble => "bubble",
            Self::Stratified => "stratified",
            Self::Slug => "slug",
            Self::Churn => "churn",
            Self::Annular => "annular",
            Self::Mist => "mist",
            Self::NotClassified => "not_classified",
        }
    }
}

/// A point pressure gradient and the quantities behind it.
///
/// Gradients are pressure losses per foot along the flow direction, psi/ft. The acceleration
/// term uses the kinetic-energy factor `E_k = ρ_s v_m v_sg / (g_c p)` (Brill and Mukherjee,
/// 1999, Eq. 4.40 for Beggs-Brill; applied to every correlation here): the total gradient is
/// `(elevation + friction)/(1 − E_k)`, so acceleration `= (elevation + friction) E_k/(1 − E_k)`.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GradientResult {
    /// Elevation (hydrostatic) gradient `ρ_s sin θ`, psi/ft.
    pub elevation_psi_ft: f64,
    /// Friction gradient, psi/ft.
    pub friction_psi_ft: f64,
    /// Acceleration gradient, psi/ft.
    pub acceleration_psi_ft: f64,
    /// Kinetic-energy factor `E_k`, dimensionless, in [0, 1).
    pub kinetic_energy_factor: f64,
    /// Liquid holdup (in-situ liquid volume fraction), in [0, 1].
    pub liquid_holdup: f64,
    /// No-slip liquid holdup `v_sl/v_m`.
    pub no_slip_holdup: f64,
    /// Flow pattern.
    pub flow_pattern: FlowPattern,
    /// Slip (in-situ) mixture density `ρ_L H_L + ρ_g (1 − H_L)`, lb/ft³.
    pub mixture_density_lb_ft3: f64,
    /// No-slip mixture density `ρ_L λ_L + ρ_g (1 − λ_L)`, lb/ft³.
    pub no_slip_density_lb_ft3: f64,
    /// Mixture velocity, ft/s.
    pub mixture_velocity_ft_s: f64,
    /// Reynolds number used for the friction factor (each correlation defines its own).
    pub reynolds_number: f64,
    /// Darcy friction factor used in the friction term (two-phase where the correlation
    /// defines one).
    pub friction_factor: f64,
}

impl GradientResult {
    /// Total gradient, psi/ft.
    #[inline]
    pub fn total_psi_ft(&self) -> f64 {
        self.elevation_psi_ft + self.friction_psi_ft + self.acceleration_psi_ft
    }

    /// Applies gravity and friction multipliers (calibration factors) to the elevation and
    /// friction terms and recomputes the acceleration term from `E_k`.
    #[inline]
    pub fn with_multipliers(mut self, gravity: f64, friction: f64) -> Self {
        self.elevation_psi_ft *= gravity;
        self.friction_psi_ft *= friction;
        let ek = self.kinetic_energy_factor;
        self.acceleration_psi_ft = (self.elevation_psi_ft + self.friction_psi_ft) * ek / (1.0 - ek);
        self
    }
}

/// Above this kinetic-energy factor the flow is treated as critical (choked): the Ek
/// formulation diverges at 1 and is meaningless close to it.
pub(crate) const MAX_KINETIC_ENERGY_FACTOR: f64 = 0.95;

/// Builds the result common to all correlations: elevation and friction in psi/ft from
/// densities in lb/ft³ (g/g_c = 1 lbf/lbm), and the acceleration term from `E_k`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn finish(
    props: &PhaseProperties,
    pipe: &PipeGeometry,
    liquid_holdup: f64,
    flow_pattern: FlowPattern,
    friction_lbf_ft2_per_ft: f64,
    reynolds_number: f64,
    friction_factor: f64,
    method: &'static str,
) -> CoreResult<GradientResult> {
    let lambda = props.no_slip_holdup();
    let rho_l = props.liquid_density_lb_ft3;
    let rho_g = props.gas_density_lb_ft3;
    let rho_s = rho_l * liquid_holdup + rho_g * (1.0 - liquid_holdup);
    let vm = props.mixture_velocity_ft_s();
    let elevation = rho_s * pipe.sin_angle() / SQ_IN_PER_SQ_FT;
    let friction = friction_lbf_ft2_per_ft / SQ_IN_PER_SQ_FT;
    let ek = rho_s * vm * props.superficial_gas_velocity_ft_s
        / (GRAVITY_FT_S2 * SQ_IN_PER_SQ_FT * props.pressure_psia);
    if ek.is_nan() || ek >= MAX_KINETIC_ENERGY_FACTOR {
        return Err(CoreError::Physical(format!(
            "{method}: kinetic-energy factor Ek = {ek:.3} at {:.1} psia and mixture velocity {vm:.1} ft/s: the flow is at or near critical (choked) velocity",
            props.pressure_psia
        )));
    }
    if !(elevation.is_finite() && friction.is_finite()) {
        return Err(CoreError::Physical(format!(
            "{method}: gradient is not finite at {:.1} psia (v_sl {} ft/s, v_sg {} ft/s)",
            props.pressure_psia,
            props.superficial_liquid_velocity_ft_s,
            props.superficial_gas_velocity_ft_s
        )));
    }
    Ok(GradientResult {
        elevation_psi_ft: elevation,
        friction_psi_ft: friction,
        acceleration_psi_ft: (elevation + friction) * ek / (1.0 - ek),
        kinetic_energy_factor: ek,
        liquid_holdup,
        no_slip_holdup: lambda,
        flow_pattern,
        mixture_density_lb_ft3: rho_s,
        no_slip_density_lb_ft3: rho_l * lambda + rho_g * (1.0 - lambda),
        mixture_velocity_ft_s: vm,
        reynolds_number,
        friction_factor,
    })
}

/// Field-unit Reynolds number `ρ v d / μ` with ρ in lb/ft³, v in ft/s, d in ft, μ in cp.
#[inline]
pub(crate) fn reynolds(
    density_lb_ft3: f64,
    velocity_ft_s: f64,
    diameter_ft: f64,
    viscosity_cp: f64,
) -> f64 {
    density_lb_ft3 * velocity_ft_s * diameter_ft / (viscosity_cp * CP_TO_LBM_FT_S)
}

/// The pressure-gradient correlations, for dispatch (`Copy`, cheap to pass around).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum GradientCorrelation {
    /// Single-phase liquid or gas (errors if both phases flow). See [`single_phase`].
    SinglePhase,
    /// Homogeneous no-slip mixture. See [`homogeneous`].
    Homogeneous,
    /// Beggs and Brill (1973) as published (smooth-pipe friction factor). See [`beggs_brill`].
    BeggsBrill1973,
    /// Beggs and Brill with the Payne et al. (1979) holdup factors and rough-pipe friction.
    BeggsBrillPayne1979,
    /// Hagedorn and Brown (1965) with the Griffith-Wallis bubble-flow correction and holdup
    /// never below no-slip (the "modified" method). See [`hagedorn_brown`].
    HagedornBrownModified,
    /// Gray (1974) for gas and condensate wells, friction factor at Re = 1e7 as in the API 14B
    /// program. See [`gray`].
    Gray1974,
    /// Gray (1974) with the friction factor at the no-slip Reynolds number. See [`gray`].
    Gray1974ActualReynolds,
    /// Mukherjee and Brill (1985), any inclination, with its own flow-pattern map. See [`mukherjee_brill`].
    MukherjeeBrill1985,
    /// Orkiszewski (1967) for vertical oil wells, oil-continuous liquid distribution coefficient. See [`orkiszewski`].
    Orkiszewski1967,
    /// Orkiszewski (1967) with the water-continuous liquid distribution coefficient. See [`orkiszewski`].
    Orkiszewski1967WaterContinuous,
    /// Aziz, Govier and Fogarasi (1972) for vertical oil wells. See [`aziz_govier_fogarasi`].
    AzizGovierFogarasi1972,
    /// Ansari et al. (1994) mechanistic model for upward flow. See [`ansari`].
    Ansari1994,
    /// Hasan and Kabir (1988) drift-flux mechanistic model for upward flow. See
    /// [`hasan_kabir`].
    HasanKabir1988,
}

impl GradientCorrelation {
    /// Every correlation, for listings.
    pub const ALL: [Self; 13] = [
        Self::SinglePhase,
        Self::Homogeneous,
        Self::BeggsBrill1973,
        Self::BeggsBrillPayne1979,
        Self::HagedornBrownModified,
        Self::Gray1974,
        Self::Gray1974ActualReynolds,
        Self::MukherjeeBrill1985,
        Self::Orkiszewski1967,
        Self::Orkiszewski1967WaterContinuous,
        Self::AzizGovierFogarasi1972,
        Self::Ansari1994,
        Self::HasanKabir1988,
    ];

    /// The method metadata (id, variant, source, published ranges).
    pub fn info(self) -> &'static MethodInfo {
        match self {
            Self::SinglePhase => &single_phase::SINGLE_PHASE,
            Self::Homogeneous => &homogeneous::HOMOGENEOUS_NO_SLIP,
            Self::BeggsBrill1973 => &beggs_brill::BEGGS_BRILL_1973,
            Self::BeggsBrillPayne1979 => &beggs_brill::BEGGS_BRILL_PAYNE_1979,
            Self::HagedornBrownModified => &hagedorn_brown::HAGEDORN_BROWN_MODIFIED,
            Self::Gray1974 => &gray::GRAY_1974,
            Self::Gray1974ActualReynolds => &gray::GRAY_1974_ACTUAL_REYNOLDS,
            Self::MukherjeeBrill1985 => &mukherjee_brill::MUKHERJEE_BRILL_1985,
            Self::Orkiszewski1967 => &orkiszewski::ORKISZEWSKI_1967,
            Self::Orkiszewski1967WaterContinuous => &orkiszewski::ORKISZEWSKI_1967_WATER_CONTINUOUS,
            Self::AzizGovierFogarasi1972 => &aziz_govier_fogarasi::AZIZ_GOVIER_FOGARASI_1972,
            Self::Ansari1994 => &ansari::ANSARI_1994,
            Self::HasanKabir1988 => &hasan_kabir::HASAN_KABIR_1988,
        }
    }

    /// Looks a correlation up by its [`MethodInfo::id`].
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.info().id == id)
    }

    /// Point pressure gradient with this correlation (validates its inputs).
    ///
    /// ```
    /// use nodal_core::hydraulics::{GradientCorrelation, PhaseProperties, PipeGeometry, FrictionCorrelation};
    /// let props = PhaseProperties {
    ///     liquid_density_lb_ft3: 62.4, gas_density_lb_ft3: 0.1,
    ///     liquid_viscosity_cp: 1.0, gas_viscosity_cp: 0.012, surface_tension_dyne_cm: 60.0,
    ///     superficial_liquid_velocity_ft_s: 3.0, superficial_gas_velocity_ft_s: 0.0,
    ///     pressure_psia: 500.0,
    /// };
    /// let pipe = PipeGeometry { diameter_in: 2.441, relative_roughness: 0.0, angle_deg: 90.0 };
    /// let g = GradientCorrelation::BeggsBrill1973.gradient(&props, &pipe, FrictionCorrelation::Colebrook).unwrap();
    /// // Water column: 62.4/144 = 0.4333 psi/ft of elevation gradient.
    /// assert!((g.elevation_psi_ft - 0.4333).abs() < 1e-4);
    /// ```
    pub fn gradient(
        self,
        props: &PhaseProperties,
        pipe: &PipeGeometry,
        friction: FrictionCorrelation,
    ) -> CoreResult<GradientResult> {
        props.validate()?;
        pipe.validate()?;
        self.gradient_unchecked(props, pipe, friction)
    }

    /// [`Self::gradient`] for inputs already validated (the traverse validates once per point
    /// in its own words).
    pub(crate) fn gradient_unchecked(
        self,
        props: &PhaseProperties,
        pipe: &PipeGeometry,
        friction: FrictionCorrelation,
    ) -> CoreResult<GradientResult> {
        match self {
            Self::SinglePhase => single_phase::gradient(props, pipe, friction),
            Self::Homogeneous => homogeneous::gradient(props, pipe, friction),
            Self::BeggsBrill1973 => {
                beggs_brill::gradient(props, pipe, beggs_brill::Variant::Original1973, friction)
            }
            Self::BeggsBrillPayne1979 => {
                beggs_brill::gradient(props, pipe, beggs_brill::Variant::Payne1979, friction)
            }
            Self::HagedornBrownModified => hagedorn_brown::gradient(props, pipe, friction),
            Self::Gray1974 => gray::gradient(props, pipe, gray::Variant::Original1974, friction),
            Self::Gray1974ActualReynolds => {
                gray::gradient(props, pipe, gray::Variant::ActualReynolds, friction)
            }
            Self::MukherjeeBrill1985 => mukherjee_brill::gradient(props, pipe, friction),
            Self::Orkiszewski1967 => {
                orkiszewski::gradient(props, pipe, orkiszewski::ContinuousPhase::Oil, friction)
            }
            Self::Orkiszewski1967WaterContinuous => {
                orkiszewski::gradient(props, pipe, orkiszewski::ContinuousPhase::Water, friction)
            }
            Self::AzizGovierFogarasi1972 => aziz_govier_fogarasi::gradient(props, pipe, friction),
            Self::Ansari1994 => ansari::gradient(props, pipe, friction),
            Self::HasanKabir1988 => hasan_kabir::gradient(props, pipe, friction),
        }
    }
}

/// Every correlation that handles two flowing phases (all but single-phase), for tests.
#[cfg(test)]
pub(crate) fn two_phase_correlations() -> impl Iterator<Item = GradientCorrelation> {
    GradientCorrelation::ALL
        .into_iter()
        .filter(|c| *c != GradientCorrelation::SinglePhase)
}

/// Correlations whose holdup never falls below the no-slip holdup at any angle, by
/// construction or by an explicit floor.
#[cfg(test)]
pub(crate) fn never_below_no_slip(c: GradientCorrelation) -> bool {
    matches!(
        c,
        GradientCorrelation::HagedornBrownModified
            | GradientCorrelation::Homogeneous
            | GradientCorrelation::Gray1974
            | GradientCorrelation::Gray1974ActualReynolds
    )
}

/// Correlations whose holdup is at least no-slip in uphill and horizontal flow (Beggs-Brill
/// by its floor); Mukherjee-Brill's fit may fall below no-slip (its friction-ratio table
/// goes to λ/H_L = 10).
#[cfg(test)]
pub(crate) fn uphill_holdup_at_least_no_slip(c: GradientCorrelation) -> bool {
    never_below_no_slip(c)
        || matches!(
            c,
            GradientCorrelation::BeggsBrill1973 | GradientCorrelation::BeggsBrillPayne1979
        )
}

/// The fluid of Brill and Mukherjee (1999), SPE Monograph 17, Example 3.2 (p. 21) at 1,700
/// psia, with the given superficial velocities (ft/s): the state the correlations' unit tests
/// share.
#[cfg(test)]
pub(crate) fn example_3_2_fluid(vsl: f64, vsg: f64) -> PhaseProperties {
    PhaseProperties {
        liquid_density_lb_ft3: 47.61,
        gas_density_lb_ft3: 5.88,
        liquid_viscosity_cp: 0.97,
        gas_viscosity_cp: 0.016,
        surface_tension_dyne_cm: 8.41,
        superficial_liquid_velocity_ft_s: vsl,
        superficial_gas_velocity_ft_s: vsg,
        pressure_psia: 1700.0,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ids_round_trip_and_are_unique() {
        for c in GradientCorrelation::ALL {
            assert_eq!(GradientCorrelation::from_id(c.info().id), Some(c));
        }
        assert_eq!(GradientCorrelation::from_id("nope"), None);
    }

    #[test]
    fn invalid_point_inputs_are_errors() {
        let props = PhaseProperties {
            liquid_density_lb_ft3: 50.0,
            gas_density_lb_ft3: 2.0,
            liquid_viscosity_cp: 1.0,
            gas_viscosity_cp: 0.02,
            surface_tension_dyne_cm: 20.0,
            superficial_liquid_velocity_ft_s: 1.0,
            superficial_gas_velocity_ft_s: 1.0,
            pressure_psia: 500.0,
        };
        let pipe = PipeGeometry {
            diameter_in: 2.441,
            relative_roughness: 1e-4,
            angle_deg: 90.0,
        };
        let f = FrictionCorrelation::Colebrook;
        for c in GradientCorrelation::ALL {
            let mut bad = props;
            bad.liquid_density_lb_ft3 = f64::NAN;
            assert!(c.gradient(&bad, &pipe, f).is_err());
            let mut bad = props;
            bad.superficial_liquid_velocity_ft_s = 0.0;
            bad.superficial_gas_velocity_ft_s = 0.0;
            assert!(
                c.gradient(&bad, &pipe, f)
                    .unwrap_err()
                    .to_string()
                    .contains("no flow")
            );
            let mut bad_pipe = pipe;
            bad_pipe.angle_deg = 95.0;
            assert!(c.gradient(&props, &bad_pipe, f).is_err());
        }
        // Critical flow is an error, not a number.
        let mut fast = props;
        fast.superficial_gas_velocity_ft_s = 400.0;
        fast.pressure_psia = 20.0;
        let err = GradientCorrelation::Homogeneous
            .gradient(&fast, &pipe, f)
            .unwrap_err();
        assert!(err.to_string().contains("critical"), "{err}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Holdup bounds: in [0, 1] always; in [λ, 1] where the correlation guarantees it
        /// (see [`never_below_no_slip`]); all terms finite; zero
        /// elevation gradient in horizontal pipe.
        #[test]
        fn holdup_is_physical(
            vsl in 0.001..20.0f64,
            vsg in 0.001..100.0f64,
            rho_l in 40.0..70.0f64,
            rho_g in 0.05..15.0f64,
            mu_l in 0.2..50.0f64,
            sigma in 5.0..75.0f64,
            d in 1.0..8.0f64,
            angle in -90.0..90.0f64,
            p in 100.0..5000.0f64,
        ) {
            let props = PhaseProperties {
                liquid_density_lb_ft3: rho_l,
                gas_density_lb_ft3: rho_g,
                liquid_viscosity_cp: mu_l,
                gas_viscosity_cp: 0.015,
                surface_tension_dyne_cm: sigma,
                superficial_liquid_velocity_ft_s: vsl,
                superficial_gas_velocity_ft_s: vsg,
                pressure_psia: p,
            };
            for c in two_phase_correlations() {
                for a in [angle, 0.0] {
                    let pipe = PipeGeometry { diameter_in: d, relative_roughness: 0.0006 / d, angle_deg: a };
                    let g = match c.gradient(&props, &pipe, FrictionCorrelation::Colebrook) {
                        Ok(g) => g,
                        // Critical flow is reported, never a number.
                        Err(e) => { prop_assert!(e.to_string().contains("critical")); continue; }
                    };
                    let lambda = g.no_slip_holdup;
                    if (a >= 0.0 && uphill_holdup_at_least_no_slip(c)) || never_below_no_slip(c) {
                        prop_assert!(g.liquid_holdup >= lambda - 1e-12 && g.liquid_holdup <= 1.0, "{c:?} {a}: {} < {lambda}", g.liquid_holdup);
                    } else {
                        prop_assert!((0.0..=1.0).contains(&g.liquid_holdup));
                    }
                    prop_assert!(g.total_psi_ft().is_finite() && g.friction_psi_ft >= 0.0);
                    if a == 0.0 {
                        prop_assert!(g.elevation_psi_ft == 0.0);
                    }
                }
            }
        }
    }
}
