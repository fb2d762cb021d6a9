//! Single-phase liquid or gas flow in a pipe.
//!
//! `dp/dL = ρ sin θ + f ρ v² / (2 g_c d)` (mechanical-energy balance with the Darcy-Weisbach
//! friction term; Brill and Mukherjee (1999), *Multiphase Flow in Wells*, SPE Monograph 17,
//! Ch. 2, Eqs. 2.13-2.16), with `f` from [`super::friction`] at `Re = ρ v d/μ`. Liquid is
//! incompressible (no acceleration term); gas acceleration follows from `E_k = ρ v²/(g_c p)`,
//! the single-phase case of the kinetic-energy factor.

use super::friction::{FrictionCorrelation, darcy_friction_factor_unchecked};
use super::{FlowPattern, GradientResult, PhaseProperties, PipeGeometry, finish, reynolds};
use crate::error::{CoreError, CoreResult};
use crate::method::{MethodInfo, ParamRange};
use crate::units::GRAVITY_FT_S2;

/// Single-phase liquid or gas.
pub static SINGLE_PHASE: MethodInfo = MethodInfo {
    id: "single_phase",
    property: "pressure_gradient",
    variant: "Darcy-Weisbach friction with the chosen friction-factor equation; gas acceleration from Ek = rho v^2/(gc p); fails when both phases flow",
    source: "Brill, J.P. and Mukherjee, H. (1999), Multiphase Flow in Wells, SPE Monograph 17, Ch. 2",
    ranges: &[ParamRange {
        param: "angle_deg",
        min: -90.0,
        max: 90.0,
    }],
};

/// Single-phase gradient: liquid when `v_sg = 0`, gas when `v_sl = 0`, an error otherwise.
///
/// Inputs: [`PhaseProperties`] (only the flowing phase's density and viscosity are used),
/// [`PipeGeometry`], and the turbulent friction equation. Output gradients in psi/ft.
///
/// ```
/// use nodal_core::hydraulics::{single_phase, PhaseProperties, PipeGeometry, FrictionCorrelation};
/// let props = PhaseProperties {
///     liquid_density_lb_ft3: 62.4, gas_density_lb_ft3: 1.0, liquid_viscosity_cp: 1.0,
///     gas_viscosity_cp: 0.01, surface_tension_dyne_cm: 60.0,
///     superficial_liquid_velocity_ft_s: 5.0, superficial_gas_velocity_ft_s: 0.0,
///     pressure_psia: 1000.0,
/// };
/// let pipe = PipeGeometry { diameter_in: 3.0, relative_roughness: 0.0002, angle_deg: 0.0 };
/// let g = single_phase::gradient(&props, &pipe, FrictionCorrelation::Colebrook).unwrap();
/// // Re = 62.4·5·0.25/(1·6.7197e-4) = 116,077; f = 0.018542 (fluids.friction.Colebrook);
/// // friction = f ρ v²/(2 g_c d)/144 = 0.012487 psi/ft.
/// assert!((g.reynolds_number - 116_076.5).abs() < 1.0);
/// assert!((g.friction_psi_ft - 0.012_487).abs() < 1e-6);
/// assert_eq!(g.elevation_psi_ft, 0.0);
/// ```
pub fn gradient(
    props: &PhaseProperties,
    pipe: &PipeGeometry,
    friction: FrictionCorrelation,
) -> CoreResult<GradientResult> {
    let vsl = props.superficial_liquid_velocity_ft_s;
    let vsg = props.superficial_gas_velocity_ft_s;
    if vsg == 0.0 {
        liquid(props, pipe, friction)
    } else if vsl == 0.0 {
        gas(props, pipe, friction)
    } else {
        Err(CoreError::Physical(format!(
            "single_phase: both phases flow (v_sl {vsl:.3} ft/s, v_sg {vsg:.3} ft/s at {:.1} psia); choose a two-phase correlation",
            props.pressure_psia
        )))
    }
}

/// Liquid-only gradient (the liquid of `props`, `v = v_sl`); used by the two-phase
/// correlations when no gas flows.
pub(crate) fn liquid(
    props: &PhaseProperties,
    pipe: &PipeGeometry,
    friction: FrictionCorrelation,
) -> CoreResult<GradientResult> {
    let d = pipe.diameter_ft();
    let rho = props.liquid_density_lb_ft3;
    let v = props.superficial_liquid_velocity_ft_s;
    let re = reynolds(rho, v, d, props.liquid_viscosity_cp);
    let f = darcy_friction_factor_unchecked(re, pipe.relative_roughness, friction);
    let fric = f * rho * v * v / (2.0 * GRAVITY_FT_S2 * d);
    finish(
        props,
        pipe,
        1.0,
        FlowPattern::SinglePhaseLiquid,
        fric,
        re,
        f,
        SINGLE_PHASE.id,
    )
}

/// Gas-only gradient (`v = v_sg`); used by the two-phase correlations when no liquid flows.
pub(crate) fn gas(
    props: &PhaseProperties,
    pipe: &PipeGeometry,
    friction: FrictionCorrelation,
) -> CoreResult<GradientResult> {
    let d = pipe.diameter_ft();
    let rho = props.gas_density_lb_ft3;
    let v = props.superficial_gas_velocity_ft_s;
    let re = reynolds(rho, v, d, props.gas_viscosity_cp);
    let f = darcy_friction_factor_unchecked(re, pipe.relative_roughness, friction);
    let fric = f * rho * v * v / (2.0 * GRAVITY_FT_S2 * d);
    finish(
        props,
        pipe,
        0.0,
        FlowPattern::SinglePhaseGas,
        fric,
        re,
        f,
        SINGLE_PHASE.id,
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn props(vsl: f64, vsg: f64) -> PhaseProperties {
        PhaseProperties {
            liquid_density_lb_ft3: 53.0,
            gas_density_lb_ft3: 4.0,
            liquid_viscosity_cp: 2.0,
            gas_viscosity_cp: 0.015,
            surface_tension_dyne_cm: 20.0,
            superficial_liquid_velocity_ft_s: vsl,
            superficial_gas_velocity_ft_s: vsg,
            pressure_psia: 1200.0,
        }
    }

    #[test]
    fn vertical_static_like_liquid_is_rho_over_144() {
        let pipe = PipeGeometry {
            diameter_in: 2.441,
            relative_roughness: 0.0,
            angle_deg: 90.0,
        };
        let g = gradient(&props(1e-6, 0.0), &pipe, FrictionCorrelation::Colebrook).unwrap();
        assert!((g.elevation_psi_ft - 53.0 / 144.0).abs() < 1e-12);
        assert!(g.friction_psi_ft < 1e-9);
        assert_eq!(g.acceleration_psi_ft, 0.0);
        assert_eq!(g.liquid_holdup, 1.0);
    }

    /// Gas: Ek = ρ v²/(g_c p) by hand: 4·30²/(32.174·144·1200) = 6.475e-4.
    #[test]
    fn gas_acceleration_factor() {
        let pipe = PipeGeometry {
            diameter_in: 2.441,
            relative_roughness: 0.0,
            angle_deg: 90.0,
        };
        let g = gradient(&props(0.0, 30.0), &pipe, FrictionCorrelation::Colebrook).unwrap();
        assert!((g.kinetic_energy_factor - 4.0 * 900.0 / (32.174 * 144.0 * 1200.0)).abs() < 1e-12);
        assert_eq!(g.liquid_holdup, 0.0);
        assert_eq!(g.flow_pattern, FlowPattern::SinglePhaseGas);
    }

    #[test]
    fn two_phase_input_is_an_error() {
        let pipe = PipeGeometry {
            diameter_in: 2.441,
            relative_roughness: 0.0,
            angle_deg: 90.0,
        };
        let err = gradient(&props(1.0, 1.0), &pipe, FrictionCorrelation::Colebrook).unwrap_err();
        assert!(err.to_string().contains("both phases"));
    }
}
