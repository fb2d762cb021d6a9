//! Duns and Ros (1963) pieces shared by the correlations that borrow them: the dimensionless
//! velocity numbers, the slug/transition and transition/mist boundaries, and the mist-flow
//! model with its liquid-film roughness.
//!
//! Source: Duns, H. Jr. and Ros, N.C.J. (1963), "Vertical Flow of Gas and Liquid Mixtures in
//! Wells", Proc. 6th World Petroleum Congress, Sec. II, 451-465; as reprinted in Brill, J.P.
//! and Mukherjee, H. (1999), *Multiphase Flow in Wells*, SPE Monograph 17, Sec. 4.2.2.
//! Used by [`super::orkiszewski`] (transition and mist) and [`super::aziz_govier_fogarasi`]
//! (annular-mist).
//!
//! - Velocity numbers `N_Lv = 1.938 v_sl (ρ_L/σ)^¼`, `N_gv = 1.938 v_sg (ρ_L/σ)^¼` (v ft/s,
//!   ρ lb/ft³, σ dyne/cm; the exact factor is [`super::VELOCITY_NUMBER_FACTOR`]).
//! - Boundaries: slug below `L_S = 50 + 36 N_Lv`, mist above `L_M = 75 + 84 N_Lv^0.75`,
//!   transition between.
//! - Mist: no slip (`H_L = λ`); the wall roughness is the liquid film,
//!   `ε/d = 0.0749 σ/(ρ_g v_sg² d)` when `N_We N_μ ≤ 0.005`, else
//!   `ε/d = 0.3713 σ/(ρ_g v_sg² d) (N_We N_μ)^0.302`, with
//!   `N_We N_μ = ρ_g v_sg² μ_L²/(ρ_L σ²)` (σ in lbm/s², μ_L in lbm/(ft·s)), held between the
//!   pipe's own e/d and 0.5; `d` is replaced by `d − ε` and `v_sg` by `v_sg d²/(d − ε)²`
//!   (iterated to a fixed point); friction `f ρ_g v_sg²/(2 g_c d)` with `f` the Moody factor
//!   at `Re = ρ_g v_sg d/μ_g` for `ε/d ≤ 0.05`, and
//!   `f = 4 {1/[4 log(0.27 ε/d)]² + 0.067 (ε/d)^1.73}` above.
//!
//! The bubble- and slug-flow slip correlations of Duns and Ros (the F1-F7 and L1, L2 chart
//! curves) are not implemented: they are published as charts only.

use super::friction::{FrictionCorrelation, darcy_friction_factor_unchecked};
use super::{
    CP_TO_LBM_FT_S, DYNE_CM_TO_LBM_S2, PhaseProperties, PipeGeometry, VELOCITY_NUMBER_FACTOR,
    reynolds,
};
use crate::error::{CoreError, CoreResult};
use crate::units::GRAVITY_FT_S2;

/// Liquid and gas velocity numbers `(N_Lv, N_gv)` from superficial velocities (ft/s), liquid
/// density (lb/ft³) and surface tension (dyne/cm).
pub(crate) fn velocity_numbers(vsl: f64, vsg: f64, rho_l: f64, sigma_dyne_cm: f64) -> (f64, f64) {
    let group = VELOCITY_NUMBER_FACTOR * (rho_l / sigma_dyne_cm).powf(0.25);
    (group * vsl, group * vsg)
}

/// Slug/transition boundary `L_S = 50 + 36 N_Lv` (on `N_gv`).
pub(crate) fn slug_limit(nlv: f64) -> f64 {
    50.0 + 36.0 * nlv
}

/// Transition/mist boundary `L_M = 75 + 84 N_Lv^0.75` (on `N_gv`).
pub(crate) fn mist_limit(nlv: f64) -> f64 {
    75.0 + 84.0 * nlv.powf(0.75)
}

/// Elevation density (lb/ft³) and friction gradient (lbf/ft² per ft) of one pattern, with
/// the Reynolds number and friction factor behind the friction term.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Part {
    pub density: f64,
    pub friction: f64,
    pub reynolds: f64,
    pub friction_factor: f64,
}

/// Duns-Ros mist-flow friction factor at film relative roughness `eps_d` (see the module doc).
fn mist_friction_factor(re: f64, eps_d: f64, friction: FrictionCorrelation) -> f64 {
    if eps_d <= 0.05 {
        darcy_friction_factor_unchecked(re, eps_d, friction)
    } else {
        let l = 4.0 * (0.27 * eps_d).log10();
        4.0 * (1.0 / (l * l) + 0.067 * eps_d.powf(1.73))
    }
}

/// Duns-Ros mist flow with gas density `rho_g` (the true one, or Duns-Ros's reduced one in
/// the transition region).
pub(crate) fn mist(
    props: &PhaseProperties,
    pipe: &PipeGeometry,
    rho_g: f64,
    friction: FrictionCorrelation,
    method: &'static str,
) -> CoreResult<Part> {
    let vsl = props.superficial_liquid_velocity_ft_s;
    let vsg = props.superficial_gas_velocity_ft_s;
    let lambda = vsl / (vsl + vsg);
    let d = pipe.diameter_ft();
    let rho_l = props.liquid_density_lb_ft3;
    let sigma = props.surface_tension_dyne_cm * DYNE_CM_TO_LBM_S2;
    let mu_l = props.liquid_viscosity_cp * CP_TO_LBM_FT_S;
    let film_roughness = |v: f64| {
        let we_mu = rho_g * v * v * mu_l * mu_l / (rho_l * sigma * sigma);
        let base = sigma / (rho_g * v * v * d);
        let eps_d = if we_mu <= 0.005 {
            0.0749 * base
        } else {
            0.3713 * base * we_mu.powf(0.302)
        };
        eps_d.clamp(pipe.relative_roughness, 0.5)
    };
    // Fixed point of ε/d(v), v = v_sg d²/(d − ε)²: ε shrinks as v grows, so the map is a
    // contraction on the physical range.
    let mut eps_d = film_roughness(vsg);
    let mut converged = false;
    for _ in 0..100 {
        let v = vsg / ((1.0 - eps_d) * (1.0 - eps_d));
        let next = film_roughness(v);
        let change = (next - eps_d).abs();
        eps_d = next;
        if change < 1e-12 {
            converged = true;
            break;
        }
    }
    if !converged {
        return Err(CoreError::NoConvergence {
            method,
            iterations: 100,
            last_estimate: eps_d,
            residual: (film_roughness(vsg / ((1.0 - eps_d) * (1.0 - eps_d))) - eps_d).abs(),
        });
    }
    let d_eff = d * (1.0 - eps_d);
    let v_eff = vsg / ((1.0 - eps_d) * (1.0 - eps_d));
    let re = reynolds(rho_g, v_eff, d_eff, props.gas_viscosity_cp);
    let f = mist_friction_factor(re, eps_d, friction);
    Ok(Part {
        density: rho_l * lambda + rho_g * (1.0 - lambda),
        friction: f * rho_g * v_eff * v_eff / (2.0 * GRAVITY_FT_S2 * d_eff),
        reynolds: re,
        friction_factor: f,
    })
}

/// Holdup that gives `density` with the true phase densities, held in [0, 1].
pub(crate) fn implied_holdup(props: &PhaseProperties, density: f64) -> f64 {
    let (rho_l, rho_g) = (props.liquid_density_lb_ft3, props.gas_density_lb_ft3);
    ((density - rho_g) / (rho_l - rho_g)).clamp(0.0, 1.0)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Mist friction: film roughness above the 0.005 group (N_We N_μ = 0.0125), by hand.
    #[test]
    fn mist_film_roughness_by_hand() {
        let props = PhaseProperties {
            liquid_density_lb_ft3: 50.0,
            gas_density_lb_ft3: 3.0,
            liquid_viscosity_cp: 0.5,
            gas_viscosity_cp: 0.018,
            surface_tension_dyne_cm: 20.0,
            superficial_liquid_velocity_ft_s: 0.02,
            superficial_gas_velocity_ft_s: 60.0,
            pressure_psia: 1000.0,
        };
        let pipe = PipeGeometry {
            diameter_in: 2.441,
            relative_roughness: 0.0006 / 2.441,
            angle_deg: 90.0,
        };
        let part = mist(&props, &pipe, 3.0, FrictionCorrelation::Colebrook, "test").unwrap();
        let sigma = 20.0 * DYNE_CM_TO_LBM_S2;
        let mu = 0.5 * CP_TO_LBM_FT_S;
        let d = 2.441 / 12.0;
        // Solve ε/d = 0.3713 σ/(ρ_g v² d) (N_We N_μ)^0.302, v = 60/(1 − ε/d)², by plain
        // iteration.
        let mut e = 0.0;
        for _ in 0..200 {
            let v: f64 = 60.0 / ((1.0 - e) * (1.0 - e));
            let we_mu = 3.0 * v * v * mu * mu / (50.0 * sigma * sigma);
            assert!(we_mu > 0.005);
            e = f64::max(
                0.3713 * sigma / (3.0 * v * v * d) * we_mu.powf(0.302),
                0.0006 / 2.441,
            );
        }
        let v = 60.0 / ((1.0 - e) * (1.0 - e));
        let de = d * (1.0 - e);
        let re = reynolds(3.0, v, de, 0.018);
        let f = super::super::friction::colebrook_clamond(re, e);
        let fric = f * 3.0 * v * v / (2.0 * 32.174 * de);
        assert!(
            (part.friction - fric).abs() / fric < 1e-9,
            "{} vs {fric}",
            part.friction
        );
        // Above e/d = 0.05 the Duns-Ros rough-film factor is used.
        let f = mist_friction_factor(1e6, 0.1, FrictionCorrelation::Colebrook);
        let l = 4.0 * (0.027f64).log10();
        assert!((f - 4.0 * (1.0 / (l * l) + 0.067 * 0.1f64.powf(1.73))).abs() < 1e-15);
    }
}
