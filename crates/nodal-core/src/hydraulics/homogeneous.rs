//! Homogeneous (no-slip) two-phase flow.
//!
//! The mixture is one pseudo-fluid moving at `v_m` with no slip between phases: holdup equals
//! the no-slip holdup `λ_L = v_sl/v_m`; density `ρ_n = ρ_L λ_L + ρ_g (1 − λ_L)`; viscosity
//! `μ_n = μ_L λ_L + μ_g (1 − λ_L)`; `Re = ρ_n v_m d/μ_n`; friction `f ρ_n v_m²/(2 g_c d)`
//! (Brill and Mukherjee (1999), *Multiphase Flow in Wells*, SPE Monograph 17, Sec. 3.2 and 4.1,
//! Eqs. 3.9, 3.21 and 4.2). Useful as a bound and for high-velocity, finely dispersed flow.

use super::friction::{FrictionCorrelation, darcy_friction_factor_unchecked};
use super::{
    FlowPattern, GradientResult, PhaseProperties, PipeGeometry, finish, reynolds, single_phase,
};
use crate::error::CoreResult;
use crate::method::{MethodInfo, ParamRange};
use crate::units::GRAVITY_FT_S2;

/// Homogeneous no-slip model.
pub static HOMOGENEOUS_NO_SLIP: MethodInfo = MethodInfo {
    id: "homogeneous_no_slip",
    property: "pressure_gradient",
    variant: "no slip; volume-weighted (no-slip) mixture density and viscosity; Darcy-Weisbach friction at the no-slip Reynolds number",
    source: "Brill, J.P. and Mukherjee, H. (1999), Multiphase Flow in Wells, SPE Monograph 17, Sec. 3.2 and 4.1",
    ranges: &[ParamRange {
        param: "angle_deg",
        min: -90.0,
        max: 90.0,
    }],
};

/// No-slip gradient, psi/ft (see the module doc for the equations).
///
/// ```
/// use nodal_core::hydraulics::{homogeneous, PhaseProperties, PipeGeometry, FrictionCorrelation};
/// let props = PhaseProperties {
///     liquid_density_lb_ft3: 50.0, gas_density_lb_ft3: 5.0, liquid_viscosity_cp: 1.0,
///     gas_viscosity_cp: 0.02, surface_tension_dyne_cm: 20.0,
///     superficial_liquid_velocity_ft_s: 2.0, superficial_gas_velocity_ft_s: 2.0,
///     pressure_psia: 1000.0,
/// };
/// let pipe = PipeGeometry { diameter_in: 2.441, relative_roughness: 0.0, angle_deg: 90.0 };
/// let g = homogeneous::gradient(&props, &pipe, FrictionCorrelation::Colebrook).unwrap();
/// // λ = 0.5, ρ_n = 27.5 lb/ft³, elevation = 27.5/144 = 0.19097 psi/ft.
/// assert!((g.elevation_psi_ft - 27.5 / 144.0).abs() < 1e-12);
/// assert_eq!(g.liquid_holdup, 0.5);
/// ```
pub fn gradient(
    props: &PhaseProperties,
    pipe: &PipeGeometry,
    friction: FrictionCorrelation,
) -> CoreResult<GradientResult> {
    if props.superficial_gas_velocity_ft_s == 0.0 {
        return single_phase::liquid(props, pipe, friction);
    }
    if props.superficial_liquid_velocity_ft_s == 0.0 {
        return single_phase::gas(props, pipe, friction);
    }
    let lambda = props.no_slip_holdup();
    let vm = props.mixture_velocity_ft_s();
    let d = pipe.diameter_ft();
    let rho_n = props.liquid_density_lb_ft3 * lambda + props.gas_density_lb_ft3 * (1.0 - lambda);
    let mu_n = props.liquid_viscosity_cp * lambda + props.gas_viscosity_cp * (1.0 - lambda);
    let re = reynolds(rho_n, vm, d, mu_n);
    let f = darcy_friction_factor_unchecked(re, pipe.relative_roughness, friction);
    let fric = f * rho_n * vm * vm / (2.0 * GRAVITY_FT_S2 * d);
    finish(
        props,
        pipe,
        lambda,
        FlowPattern::Homogeneous,
        fric,
        re,
        f,
        HOMOGENEOUS_NO_SLIP.id,
    )
}
