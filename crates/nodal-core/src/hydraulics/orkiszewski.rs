//! Orkiszewski (1967) vertical two-phase flow: Griffith bubble flow, Orkiszewski slug flow
//! with the liquid distribution coefficient, Duns-Ros transition and mist flow.
//!
//! Sources: Orkiszewski, J. (1967), "Predicting Two-Phase Pressure Drops in Vertical Pipe",
//! JPT 19(6), 829-838 (SPE-1546-PA); Griffith, P. and Wallis, G.B. (1961), "Two-Phase Slug
//! Flow", J. Heat Transfer 83(3), 307-320; Duns, H. Jr. and Ros, N.C.J. (1963), "Vertical Flow
//! of Gas and Liquid Mixtures in Wells", Proc. 6th World Petroleum Congress, Sec. II, 451-465;
//! all as reprinted in Brill, J.P. and Mukherjee, H. (1999), *Multiphase Flow in Wells*, SPE
//! Monograph 17, Sec. 4.2.2 (Duns-Ros mist and transition) and Sec. 4.2.3 (Orkiszewski).
//!
//! Intended use: vertical oil wells. Orkiszewski tested the method on 148 wells; the slug
//! liquid distribution coefficient comes from Hagedorn and Brown's 1,500-ft well data
//! (1 to 1½-in tubing). The holdup is the vertical one at every angle (the elevation term
//! uses sin θ).
//!
//! Flow-pattern map (v in ft/s, d in ft, Duns-Ros groups `N_Lv`, `N_gv` as in
//! [`super::mukherjee_brill`]):
//! - bubble if `v_sg/v_m < L_B`, `L_B = 1.071 − 0.2218 v_m²/d`, not below 0.13;
//! - slug if `N_gv < L_S = 50 + 36 N_Lv`;
//! - transition if `L_S ≤ N_gv ≤ L_M = 75 + 84 N_Lv^0.75`;
//! - mist if `N_gv > L_M`.
//!
//! Bubble (Griffith): `H_L = 1 − ½[1 + v_m/v_s − √((1 + v_m/v_s)² − 4 v_sg/v_s)]`,
//! `v_s = 0.8 ft/s`; friction `f ρ_L v_L²/(2 g_c d)`, `v_L = v_sl/H_L`, `Re = ρ_L v_L d/μ_L`.
//!
//! Slug (Orkiszewski):
//! - bubble rise velocity, with `Re_L = ρ_L v_m d/μ_L` and `Re_b = ρ_L v_b d/μ_L`:
//!   `v_b = (0.546 + 8.74e−6 Re_L)√(g d)` for `Re_b ≤ 3000`;
//!   `v_b = (0.35 + 8.74e−6 Re_L)√(g d)` for `Re_b ≥ 8000`;
//!   `v_b = ½[v_bs + √(v_bs² + 13.59 μ_L/(ρ_L √d))]`, `v_bs = (0.251 + 8.74e−6 Re_L)√(g d)`
//!   in between (μ_L in cp, ρ_L in lb/ft³, d in ft). Orkiszewski iterates on `Re_b`; this
//!   module takes the equation whose own `Re_b` lies in its band (low band first, then high),
//!   and the middle equation when neither does, which is where that iteration settles;
//! - liquid distribution coefficient Γ (log = log10, μ_L cp, d ft, v_m ft/s):
//!   water-continuous, `v_m < 10`: `0.013 log μ_L/d^1.38 − 0.681 + 0.232 log v_m − 0.428 log d`;
//!   water-continuous, `v_m ≥ 10`: `0.045 log μ_L/d^0.799 − 0.709 − 0.162 log v_m − 0.888 log d`;
//!   oil-continuous, `v_m < 10`: `0.0127 log(μ_L + 1)/d^1.415 − 0.284 + 0.167 log v_m + 0.113 log d`;
//!   oil-continuous, `v_m ≥ 10`: `0.0274 log(μ_L + 1)/d^1.371 + 0.161 + 0.569 log d −
//!   log v_m [0.01 log(μ_L + 1)/d^1.571 + 0.397 + 0.63 log d]`;
//!   limited below by `−0.065 v_m` (`v_m < 10`) or by `−v_b/(v_m + v_b) (1 − ρ_s/ρ_L)`
//!   (`v_m ≥ 10`, solved with ρ_s including Γ). A further physical guard, not in the paper:
//!   Γ is not allowed to make the slug density fall below the no-slip density (at low
//!   liquid rates in large pipe the water-continuous equation otherwise gives a negative
//!   slug density and negative friction);
//! - slug density `ρ_s = [ρ_L (v_sl + v_b) + ρ_g v_sg]/(v_m + v_b) + ρ_L Γ`; friction
//!   `f ρ_L v_m²/(2 g_c d) [(v_sl + v_b)/(v_m + v_b) + Γ]` with `f` at `Re_L`.
//!
//! The continuous liquid phase is not known from [`PhaseProperties`] (one mixed liquid), so
//! it is chosen by the caller: [`ContinuousPhase`], one [`super::GradientCorrelation`]
//! variant each.
//!
//! Mist (Duns-Ros): no slip (`H_L = λ`); the wall roughness is the liquid film,
//! `ε/d = 0.0749 σ/(ρ_g v_sg² d)` when `N_We N_μ ≤ 0.005`, else
//! `ε/d = 0.3713 σ/(ρ_g v_sg² d) (N_We N_μ)^0.302`, with
//! `N_We N_μ = ρ_g v_sg² μ_L²/(ρ_L σ²)` (σ in lbm/s², μ_L in lbm/(ft·s)), held between the
//! pipe's own e/d and 0.5; `d` is replaced by `d − ε` and `v_sg` by `v_sg d²/(d − ε)²`
//! (iterated to a fixed point); friction `f ρ_g v_sg²/(2 g_c d)` with `f` the Moody factor
//! at `Re = ρ_g v_sg d/μ_g` for `ε/d ≤ 0.05`, and
//! `f = 4 {1/[4 log(0.27 ε/d)]² + 0.067 (ε/d)^1.73}` above.
//!
//! Transition (Duns-Ros): `dp/dz = A (dp/dz)_slug + (1 − A)(dp/dz)_mist` for elevation and
//! friction, `A = (L_M − N_gv)/(L_M − L_S)`, the mist part evaluated with the gas density
//! `ρ_g N_gv/L_M` as Duns and Ros recommend. The reported holdup is the one that gives the
//! blended elevation density with the true gas density.
//!
//! Every pattern: the reported holdup is held in [0, 1]; acceleration by
//! `E_k = ρ_s v_m v_sg/(g_c p)` (Orkiszewski neglected it outside mist flow; the term is
//! small there).

use super::duns_ros::{Part, implied_holdup, mist, mist_limit, slug_limit, velocity_numbers};
use super::friction::{FrictionCorrelation, darcy_friction_factor_unchecked};
use super::{
    FlowPattern, GradientResult, PhaseProperties, PipeGeometry, finish, reynolds, single_phase,
};
use crate::error::{CoreError, CoreResult};
use crate::method::{MethodInfo, ParamRange};
use crate::units::GRAVITY_FT_S2;

const RANGES: &[ParamRange] = &[
    ParamRange {
        param: "diameter_in",
        min: 1.0,
        max: 6.0,
    },
    ParamRange {
        param: "angle_deg",
        min: 90.0,
        max: 90.0,
    },
];

const SOURCE: &str = "Orkiszewski, J. (1967), JPT 19(6), 829-838; Griffith, P. and Wallis, G.B. (1961), J. Heat Transfer 83(3), 307-320; Duns, H. and Ros, N.C.J. (1963), Proc. 6th World Petroleum Congress; Brill, J.P. and Mukherjee, H. (1999), SPE Monograph 17, Sec. 4.2.2-4.2.3";

/// Orkiszewski (1967), oil-continuous liquid.
pub static ORKISZEWSKI_1967: MethodInfo = MethodInfo {
    id: "orkiszewski_1967",
    property: "pressure_gradient",
    variant: "for vertical oil wells; Griffith bubble flow; Orkiszewski slug flow with the oil-continuous liquid distribution coefficient; Duns-Ros transition (mist gas density rho_g N_gv/L_M) and mist (film roughness, d - eps correction); Ek acceleration",
    source: SOURCE,
    ranges: RANGES,
};

/// Orkiszewski (1967), water-continuous liquid.
pub static ORKISZEWSKI_1967_WATER_CONTINUOUS: MethodInfo = MethodInfo {
    id: "orkiszewski_1967_water_continuous",
    property: "pressure_gradient",
    variant: "for vertical wells whose liquid is water-continuous (high water cut); as orkiszewski_1967 with the water-continuous liquid distribution coefficient",
    source: SOURCE,
    ranges: RANGES,
};

/// Which liquid is continuous in the slug (selects the liquid distribution coefficient).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContinuousPhase {
    /// Oil-continuous liquid.
    Oil,
    /// Water-continuous liquid.
    Water,
}

/// Griffith-Wallis bubble slip velocity, ft/s.
const BUBBLE_SLIP_VELOCITY_FT_S: f64 = 0.8;

/// Which pattern of the Orkiszewski map, with the transition weight A of the slug part.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Region {
    Bubble,
    Slug,
    Transition(f64),
    Mist,
}

/// The Orkiszewski map (see the module doc): Griffith bubble boundary, Duns-Ros L_S and L_M.
pub(crate) fn region(vsl: f64, vsg: f64, diameter_ft: f64, rho_l: f64, sigma: f64) -> Region {
    let vm = vsl + vsg;
    let bubble_limit = (1.071 - 0.2218 * vm * vm / diameter_ft).max(0.13);
    if vsg / vm < bubble_limit {
        return Region::Bubble;
    }
    let (nlv, ngv) = velocity_numbers(vsl, vsg, rho_l, sigma);
    let (ls, lm) = (slug_limit(nlv), mist_limit(nlv));
    if ngv < ls {
        Region::Slug
    } else if ngv <= lm {
        Region::Transition((lm - ngv) / (lm - ls))
    } else {
        Region::Mist
    }
}

/// Griffith bubble flow.
fn bubble(props: &PhaseProperties, pipe: &PipeGeometry, friction: FrictionCorrelation) -> Part {
    let vsl = props.superficial_liquid_velocity_ft_s;
    let vsg = props.superficial_gas_velocity_ft_s;
    let vm = vsl + vsg;
    let r = vm / BUBBLE_SLIP_VELOCITY_FT_S;
    let disc = ((1.0 + r) * (1.0 + r) - 4.0 * vsg / BUBBLE_SLIP_VELOCITY_FT_S).max(0.0);
    let hl = (1.0 - 0.5 * (1.0 + r - disc.sqrt())).clamp(vsl / vm, 1.0);
    let d = pipe.diameter_ft();
    let rho_l = props.liquid_density_lb_ft3;
    let v_l = vsl / hl;
    let re = reynolds(rho_l, v_l, d, props.liquid_viscosity_cp);
    let f = darcy_friction_factor_unchecked(re, pipe.relative_roughness, friction);
    Part {
        density: rho_l * hl + props.gas_density_lb_ft3 * (1.0 - hl),
        friction: f * rho_l * v_l * v_l / (2.0 * GRAVITY_FT_S2 * d),
        reynolds: re,
        friction_factor: f,
    }
}

/// Orkiszewski's Taylor-bubble rise velocity, ft/s (see the module doc for the band choice).
pub(crate) fn bubble_rise_velocity(rho_l: f64, mu_l_cp: f64, vm: f64, diameter_ft: f64) -> f64 {
    let re_l = reynolds(rho_l, vm, diameter_ft, mu_l_cp);
    let sqrt_gd = (GRAVITY_FT_S2 * diameter_ft).sqrt();
    let re_b = |vb: f64| reynolds(rho_l, vb, diameter_ft, mu_l_cp);
    let low = (0.546 + 8.74e-6 * re_l) * sqrt_gd;
    if re_b(low) <= 3000.0 {
        return low;
    }
    let high = (0.35 + 8.74e-6 * re_l) * sqrt_gd;
    if re_b(high) >= 8000.0 {
        return high;
    }
    let vbs = (0.251 + 8.74e-6 * re_l) * sqrt_gd;
    0.5 * (vbs + (vbs * vbs + 13.59 * mu_l_cp / (rho_l * diameter_ft.sqrt())).sqrt())
}

/// Orkiszewski's liquid distribution coefficient Γ before its lower limit.
pub(crate) fn liquid_distribution_coefficient(
    continuous: ContinuousPhase,
    mu_l_cp: f64,
    vm: f64,
    diameter_ft: f64,
) -> f64 {
    let d = diameter_ft;
    let (log_d, log_vm) = (d.log10(), vm.log10());
    match (continuous, vm < 10.0) {
        (ContinuousPhase::Water, true) => {
            0.013 * mu_l_cp.log10() / d.powf(1.38) - 0.681 + 0.232 * log_vm - 0.428 * log_d
        }
        (ContinuousPhase::Water, false) => {
            0.045 * mu_l_cp.log10() / d.powf(0.799) - 0.709 - 0.162 * log_vm - 0.888 * log_d
        }
        (ContinuousPhase::Oil, true) => {
            0.0127 * (mu_l_cp + 1.0).log10() / d.powf(1.415) - 0.284
                + 0.167 * log_vm
                + 0.113 * log_d
        }
        (ContinuousPhase::Oil, false) => {
            let lm = (mu_l_cp + 1.0).log10();
            0.0274 * lm / d.powf(1.371) + 0.161 + 0.569 * log_d
                - log_vm * (0.01 * lm / d.powf(1.571) + 0.397 + 0.63 * log_d)
        }
    }
}

/// Orkiszewski slug flow.
fn slug(
    props: &PhaseProperties,
    pipe: &PipeGeometry,
    continuous: ContinuousPhase,
    friction: FrictionCorrelation,
) -> Part {
    let vsl = props.superficial_liquid_velocity_ft_s;
    let vsg = props.superficial_gas_velocity_ft_s;
    let vm = vsl + vsg;
    let d = pipe.diameter_ft();
    let rho_l = props.liquid_density_lb_ft3;
    let mu_l = props.liquid_viscosity_cp;
    let vb = bubble_rise_velocity(rho_l, mu_l, vm, d);
    let base_density = (rho_l * (vsl + vb) + props.gas_density_lb_ft3 * vsg) / (vm + vb);
    let gamma_min = if vm < 10.0 {
        -0.065 * vm
    } else {
        // Γ ≥ −k (1 − ρ_s/ρ_L) with ρ_s = ρ_0 + ρ_L Γ, k = v_b/(v_m + v_b) < 1.
        let k = vb / (vm + vb);
        -k * (1.0 - base_density / rho_l) / (1.0 - k)
    };
    // Physical guard: the slug density not below the no-slip density (Γ ≥ (ρ_n − ρ_0)/ρ_L),
    // which also keeps the friction bracket at least λ.
    let lambda = vsl / vm;
    let no_slip_density = rho_l * lambda + props.gas_density_lb_ft3 * (1.0 - lambda);
    let gamma_physical = (no_slip_density - base_density) / rho_l;
    let gamma = liquid_distribution_coefficient(continuous, mu_l, vm, d)
        .max(gamma_min)
        .max(gamma_physical);
    let re = reynolds(rho_l, vm, d, mu_l);
    let f = darcy_friction_factor_unchecked(re, pipe.relative_roughness, friction);
    let bracket = (vsl + vb) / (vm + vb) + gamma;
    Part {
        density: base_density + rho_l * gamma,
        friction: f * rho_l * vm * vm / (2.0 * GRAVITY_FT_S2 * d) * bracket,
        reynolds: re,
        friction_factor: f,
    }
}

/// Orkiszewski point gradient, psi/ft (see the module doc for the equations).
///
/// Inputs: in-situ [`PhaseProperties`] (densities lb/ft³, viscosities cp, tension dyne/cm,
/// superficial velocities ft/s, pressure psia), [`PipeGeometry`] (diameter in, e/d, angle
/// of flow above horizontal in degrees), the continuous liquid and the turbulent friction
/// equation. With a single flowing phase the single-phase gradient is returned. A liquid not
/// denser than the gas is an error (the slug density has no holdup then).
///
/// ```
/// use nodal_core::hydraulics::{orkiszewski, PhaseProperties, PipeGeometry, FrictionCorrelation, FlowPattern};
/// // Data of Brill and Mukherjee (1999) Example 3.2: 6-in vertical well.
/// let props = PhaseProperties {
///     liquid_density_lb_ft3: 47.61, gas_density_lb_ft3: 5.88, liquid_viscosity_cp: 0.97,
///     gas_viscosity_cp: 0.016, surface_tension_dyne_cm: 8.41,
///     superficial_liquid_velocity_ft_s: 3.97, superficial_gas_velocity_ft_s: 3.86,
///     pressure_psia: 1700.0,
/// };
/// let pipe = PipeGeometry { diameter_in: 6.0, relative_roughness: 0.00006 / 0.5, angle_deg: 90.0 };
/// let g = orkiszewski::gradient(&props, &pipe, orkiszewski::ContinuousPhase::Oil,
///     FrictionCorrelation::Colebrook).unwrap();
/// // By hand: L_B = 0.13 < v_sg/v_m = 0.493, N_gv = 11.54 < L_S = 477: slug.
/// // v_b = (0.35 + 8.74e-6 · 2.86e5) · √(32.174 · 0.5) = 11.44 ft/s (Re_b > 8000);
/// // Γ = −0.1588 (oil, v_m < 10); ρ_s = 39.24 − 0.1588 · 47.61 = 31.68 lb/ft³.
/// assert_eq!(g.flow_pattern, FlowPattern::Slug);
/// assert!((g.mixture_density_lb_ft3 - 31.68).abs() < 0.01);
/// ```
pub fn gradient(
    props: &PhaseProperties,
    pipe: &PipeGeometry,
    continuous: ContinuousPhase,
    friction: FrictionCorrelation,
) -> CoreResult<GradientResult> {
    if props.superficial_gas_velocity_ft_s == 0.0 {
        return single_phase::liquid(props, pipe, friction);
    }
    if props.superficial_liquid_velocity_ft_s == 0.0 {
        return single_phase::gas(props, pipe, friction);
    }
    let id = match continuous {
        ContinuousPhase::Oil => ORKISZEWSKI_1967.id,
        ContinuousPhase::Water => ORKISZEWSKI_1967_WATER_CONTINUOUS.id,
    };
    let (rho_l, rho_g) = (props.liquid_density_lb_ft3, props.gas_density_lb_ft3);
    if rho_l <= rho_g {
        return Err(CoreError::Physical(format!(
            "{id}: liquid density {rho_l:.2} lb/ft3 is not above gas density {rho_g:.2} lb/ft3 at {:.1} psia",
            props.pressure_psia
        )));
    }
    let vsl = props.superficial_liquid_velocity_ft_s;
    let vsg = props.superficial_gas_velocity_ft_s;
    let (pattern, part) = match region(
        vsl,
        vsg,
        pipe.diameter_ft(),
        rho_l,
        props.surface_tension_dyne_cm,
    ) {
        Region::Bubble => (FlowPattern::Bubble, bubble(props, pipe, friction)),
        Region::Slug => (FlowPattern::Slug, slug(props, pipe, continuous, friction)),
        Region::Mist => (FlowPattern::Mist, mist(props, pipe, rho_g, friction, id)?),
        Region::Transition(a) => {
            let s = slug(props, pipe, continuous, friction);
            let (nlv, ngv) = velocity_numbers(vsl, vsg, rho_l, props.surface_tension_dyne_cm);
            let m = mist(props, pipe, rho_g * ngv / mist_limit(nlv), friction, id)?;
            let blended = Part {
                density: a * s.density + (1.0 - a) * m.density,
                friction: a * s.friction + (1.0 - a) * m.friction,
                reynolds: s.reynolds,
                friction_factor: s.friction_factor,
            };
            (FlowPattern::Transition, blended)
        }
    };
    let holdup = implied_holdup(props, part.density);
    finish(
        props,
        pipe,
        holdup,
        pattern,
        part.friction,
        part.reynolds,
        part.friction_factor,
        id,
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::{CP_TO_LBM_FT_S, VELOCITY_NUMBER_FACTOR};
    use super::*;

    fn example_3_2(vsl: f64, vsg: f64) -> PhaseProperties {
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

    const SIX_IN: PipeGeometry = PipeGeometry {
        diameter_in: 6.0,
        relative_roughness: 0.00006 / 0.5,
        angle_deg: 90.0,
    };

    /// Slug flow on the data of Brill and Mukherjee (1999) Example 3.2, every step by hand
    /// from the printed equations (no published answer is asserted).
    #[test]
    fn slug_flow_by_hand() {
        let props = example_3_2(3.97, 3.86);
        let g = gradient(
            &props,
            &SIX_IN,
            ContinuousPhase::Oil,
            FrictionCorrelation::Colebrook,
        )
        .unwrap();
        let d = 0.5;
        let vm = 7.83;
        let re_l = 47.61 * vm * d / (0.97 * CP_TO_LBM_FT_S);
        let vb = (0.35 + 8.74e-6 * re_l) * (32.174f64 * d).sqrt();
        assert!(47.61 * vb * d / (0.97 * CP_TO_LBM_FT_S) > 8000.0);
        let gamma = 0.0127 * 1.97f64.log10() / d.powf(1.415) - 0.284
            + 0.167 * vm.log10()
            + 0.113 * d.log10();
        assert!((gamma - (-0.1588)).abs() < 1e-4, "{gamma}");
        let rho_s = (47.61 * (3.97 + vb) + 5.88 * 3.86) / (vm + vb) + 47.61 * gamma;
        assert!((g.mixture_density_lb_ft3 - rho_s).abs() < 1e-10);
        let f = super::super::friction::colebrook_clamond(re_l, 0.00012);
        let fric = f * 47.61 * vm * vm / (2.0 * 32.174 * d) * ((3.97 + vb) / (vm + vb) + gamma);
        assert!((g.friction_psi_ft - fric / 144.0).abs() < 1e-12);
        assert!((g.elevation_psi_ft - rho_s / 144.0).abs() < 1e-12);
        assert_eq!(g.flow_pattern, FlowPattern::Slug);
    }

    #[test]
    fn bubble_rise_velocity_bands() {
        // Viscous liquid in small pipe: low band, Re_b ≤ 3000.
        let d = 2.0 / 12.0;
        let vb = bubble_rise_velocity(55.0, 200.0, 1.0, d);
        let re_l = reynolds(55.0, 1.0, d, 200.0);
        assert!((vb - (0.546 + 8.74e-6 * re_l) * (32.174 * d).sqrt()).abs() < 1e-12);
        // Middle band: ½[v_bs + √(v_bs² + 13.59 μ/(ρ √d))].
        let vb = bubble_rise_velocity(55.0, 5.0, 0.5, d);
        let re_l = reynolds(55.0, 0.5, d, 5.0);
        let vbs = (0.251 + 8.74e-6 * re_l) * (32.174 * d).sqrt();
        let expected = 0.5 * (vbs + (vbs * vbs + 13.59 * 5.0 / (55.0 * d.sqrt())).sqrt());
        assert!((vb - expected).abs() < 1e-12);
        let re_b = reynolds(55.0, vb, d, 5.0);
        assert!(re_b > 3000.0 && re_b < 8000.0, "{re_b}");
    }

    #[test]
    fn distribution_coefficient_equations() {
        // Water, v_m = 5, d = 0.2 ft, μ = 1 cp: 0 − 0.681 + 0.232·0.69897 − 0.428·(−0.69897).
        let g = liquid_distribution_coefficient(ContinuousPhase::Water, 1.0, 5.0, 0.2);
        assert!((g - (-0.681 + 0.232 * 5f64.log10() + 0.428 * 5f64.log10())).abs() < 1e-12);
        // Water, v_m = 20: 0.045·0 − 0.709 − 0.162·1.30103 + 0.888·0.69897.
        let g = liquid_distribution_coefficient(ContinuousPhase::Water, 1.0, 20.0, 0.2);
        assert!((g - (-0.709 - 0.162 * 20f64.log10() + 0.888 * 5f64.log10())).abs() < 1e-12);
        // Oil, v_m = 20, μ = 9 cp (log 10 = 1), d = 1 ft (log d = 0):
        // 0.0274 + 0.161 − 1.30103·(0.01 + 0.397).
        let g = liquid_distribution_coefficient(ContinuousPhase::Oil, 9.0, 20.0, 1.0);
        assert!((g - (0.0274 + 0.161 - 20f64.log10() * 0.407)).abs() < 1e-12);
    }

    #[test]
    fn patterns_across_the_map() {
        let pat = |vsl, vsg| {
            gradient(
                &example_3_2(vsl, vsg),
                &PipeGeometry {
                    diameter_in: 2.441,
                    relative_roughness: 0.0006 / 2.441,
                    angle_deg: 90.0,
                },
                ContinuousPhase::Oil,
                FrictionCorrelation::Colebrook,
            )
            .unwrap()
        };
        assert_eq!(pat(2.0, 0.2).flow_pattern, FlowPattern::Bubble);
        assert_eq!(pat(1.0, 5.0).flow_pattern, FlowPattern::Slug);
        // N_Lv = 0.05·1.938·(47.61/8.41)^¼ = 0.149: L_S = 55.4, L_M = 92.3 → N_gv from
        // v_sg = 25 ft/s is 74.6 (transition), from 60 ft/s 179 (mist).
        let t = pat(0.05, 25.0);
        assert_eq!(t.flow_pattern, FlowPattern::Transition);
        let m = pat(0.05, 60.0);
        assert_eq!(m.flow_pattern, FlowPattern::Mist);
        // Mist: no slip.
        assert!((m.liquid_holdup - m.no_slip_holdup).abs() < 1e-12);
    }

    /// The transition blend joins slug flow at N_gv = L_S and mist flow at N_gv = L_M.
    #[test]
    fn transition_is_continuous_at_its_ends() {
        let pipe = PipeGeometry {
            diameter_in: 2.441,
            relative_roughness: 0.0006 / 2.441,
            angle_deg: 90.0,
        };
        let vsl = 0.05;
        let group = (47.61f64 / 8.41).powf(0.25);
        let nlv = VELOCITY_NUMBER_FACTOR * vsl * group;
        let to_vsg = |ngv: f64| ngv / (VELOCITY_NUMBER_FACTOR * group);
        let ls = to_vsg(50.0 + 36.0 * nlv);
        let lm = to_vsg(75.0 + 84.0 * nlv.powf(0.75));
        let at = |vsg| {
            gradient(
                &example_3_2(vsl, vsg),
                &pipe,
                ContinuousPhase::Oil,
                FrictionCorrelation::Colebrook,
            )
            .unwrap()
        };
        let (below, above) = (at(ls * (1.0 - 1e-9)), at(ls * (1.0 + 1e-9)));
        assert_eq!(below.flow_pattern, FlowPattern::Slug);
        assert_eq!(above.flow_pattern, FlowPattern::Transition);
        assert!((below.total_psi_ft() - above.total_psi_ft()).abs() < 1e-6);
        let (below, above) = (at(lm * (1.0 - 1e-9)), at(lm * (1.0 + 1e-9)));
        assert_eq!(below.flow_pattern, FlowPattern::Transition);
        assert_eq!(above.flow_pattern, FlowPattern::Mist);
        assert!((below.total_psi_ft() - above.total_psi_ft()).abs() < 1e-6);
    }

    /// Low liquid rate in 7-in pipe, water-continuous: the published Γ (−0.332, above its
    /// −0.065 v_m limit) would give a negative slug density; the guard holds it at no-slip.
    #[test]
    fn slug_density_never_below_no_slip() {
        let props = PhaseProperties {
            liquid_density_lb_ft3: 40.0,
            gas_density_lb_ft3: 0.05,
            liquid_viscosity_cp: 41.2,
            gas_viscosity_cp: 0.015,
            surface_tension_dyne_cm: 5.0,
            superficial_liquid_velocity_ft_s: 0.001,
            superficial_gas_velocity_ft_s: 8.55,
            pressure_psia: 100.0,
        };
        let pipe = PipeGeometry {
            diameter_in: 7.35,
            relative_roughness: 0.0006 / 7.35,
            angle_deg: 90.0,
        };
        let g = gradient(
            &props,
            &pipe,
            ContinuousPhase::Water,
            FrictionCorrelation::Colebrook,
        )
        .unwrap();
        assert_eq!(g.flow_pattern, FlowPattern::Slug);
        assert!((g.mixture_density_lb_ft3 - g.no_slip_density_lb_ft3).abs() < 1e-12);
        assert!(g.friction_psi_ft > 0.0);
    }

    #[test]
    fn bubble_flow_matches_hagedorn_brown_bubble_branch() {
        // Both use Griffith bubble flow with the same boundary and liquid friction term.
        let props = example_3_2(3.0, 0.3);
        let pipe = PipeGeometry {
            diameter_in: 2.441,
            relative_roughness: 0.0006 / 2.441,
            angle_deg: 90.0,
        };
        let o = gradient(
            &props,
            &pipe,
            ContinuousPhase::Oil,
            FrictionCorrelation::Colebrook,
        )
        .unwrap();
        let h =
            super::super::hagedorn_brown::gradient(&props, &pipe, FrictionCorrelation::Colebrook)
                .unwrap();
        assert_eq!(o.flow_pattern, FlowPattern::Bubble);
        assert_eq!(h.flow_pattern, FlowPattern::Bubble);
        assert!((o.total_psi_ft() - h.total_psi_ft()).abs() < 1e-12);
    }
}
