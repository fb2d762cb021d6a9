//! Aziz, Govier and Fogarasi (1972) vertical two-phase flow.
//!
//! Source: Aziz, K., Govier, G.W. and Fogarasi, M. (1972), "Pressure Drop in Wells Producing
//! Oil and Gas", J. Canadian Petroleum Technology 11(3), 38-48 (PETSOC-72-03-04); as
//! reprinted in Brill, J.P. and Mukherjee, H. (1999), *Multiphase Flow in Wells*, SPE
//! Monograph 17, Sec. 4.2.5; mist flow from Duns and Ros (1963) as in Sec. 4.2.2.
//!
//! Intended use: vertical oil wells (the bubble and slug holdups are drift-flux models, the
//! map is Govier's). The holdup is the vertical one at every angle.
//!
//! Flow-pattern map (Govier, Radford and Dunn), v in ft/s, ρ in lb/ft³, σ in dyne/cm:
//! `N_x = v_sg (ρ_g/0.0764)^⅓ [(ρ_L/62.4)(72/σ)]^¼`, `N_y = v_sl [(ρ_L/62.4)(72/σ)]^¼`,
//! `N_1 = 0.51 (100 N_y)^0.172`, `N_2 = 8.6 + 3.8 N_y`, `N_3 = 70 (100 N_y)^−0.152`:
//! - bubble if `N_x < N_1`;
//! - slug if `N_1 ≤ N_x < N_2` (`N_y < 4`) or `N_1 ≤ N_x < 26.5` (`N_y ≥ 4`);
//! - transition if `N_2 ≤ N_x < N_3` and `N_y < 4`;
//! - annular-mist if `N_x ≥ N_3` (`N_y < 4`) or `N_x ≥ 26.5` (`N_y ≥ 4`).
//!
//! Bubble: `v_bs = 1.41 [g σ (ρ_L − ρ_g)/ρ_L²]^¼`, `v_bf = 1.2 v_m + v_bs`,
//! `H_L = 1 − v_sg/v_bf`; friction `f ρ_s v_m²/(2 g_c d)`, `f` at `Re = ρ_L v_m d/μ_L`.
//!
//! Slug: `v_bs = C √(g d (ρ_L − ρ_g)/ρ_L)`, `C = 0.345 [1 − e^(−0.029 N_v)] [1 − e^((3.37 −
//! N_E)/m)]`, `N_E = g d² (ρ_L − ρ_g)/σ`, `N_v = √(d³ g ρ_L (ρ_L − ρ_g))/μ_L`, `m = 10` for
//! `N_v ≥ 250`, `69 N_v^−0.35` for `18 < N_v < 250`, `25` for `N_v ≤ 18`;
//! `v_bf = 1.2 v_m + v_bs`, `H_L = 1 − v_sg/v_bf`; friction `f ρ_L H_L v_m²/(2 g_c d)`, `f` at
//! `Re = ρ_L v_m d/μ_L` (σ in lbm/s², μ_L in lbm/(ft·s), g in ft/s² in these groups).
//!
//! Annular-mist: the Duns-Ros mist model (no slip, film roughness; see `duns_ros`).
//!
//! Transition: `dp/dz = A (dp/dz)_slug + (1 − A)(dp/dz)_mist` for elevation and friction,
//! `A = (N_3 − N_x)/(N_3 − N_2)`; the reported holdup gives the blended elevation density.
//!
//! Every pattern: holdup held in [λ, 1] in bubble and slug flow (the drift-flux form cannot
//! give less than λ, the bound only guards round-off); acceleration by
//! `E_k = ρ_s v_m v_sg/(g_c p)` (Aziz et al. neglect it outside mist flow).

use super::duns_ros::{Part, implied_holdup, mist};
use super::friction::{FrictionCorrelation, darcy_friction_factor_unchecked};
use super::{
    CP_TO_LBM_FT_S, DYNE_CM_TO_LBM_S2, FlowPattern, GradientResult, PhaseProperties, PipeGeometry,
    finish, reynolds, single_phase,
};
use crate::error::{CoreError, CoreResult};
use crate::method::{MethodInfo, ParamRange};
use crate::units::GRAVITY_FT_S2;

/// Aziz, Govier and Fogarasi (1972).
pub static AZIZ_GOVIER_FOGARASI_1972: MethodInfo = MethodInfo {
    id: "aziz_govier_fogarasi_1972",
    property: "pressure_gradient",
    variant: "for vertical oil wells; Govier map (N_x, N_y); drift-flux bubble (v_bs = 1.41 Harmathy form) and slug (Wallis-type C with N_E, N_v) holdups; Duns-Ros mist; linear transition; Ek acceleration",
    source: "Aziz, K., Govier, G.W. and Fogarasi, M. (1972), J. Canadian Petroleum Technology 11(3), 38-48; Brill, J.P. and Mukherjee, H. (1999), SPE Monograph 17, Sec. 4.2.5",
    // Aziz et al. compared against 44 field wells (Poettmann-Carpenter, Orkiszewski and
    // Espanol sets) in 1.9 to 6-in tubing.
    ranges: &[
        ParamRange {
            param: "diameter_in",
            min: 1.9,
            max: 6.0,
        },
        ParamRange {
            param: "angle_deg",
            min: 90.0,
            max: 90.0,
        },
    ],
};

/// Position on the Govier map.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Region {
    Bubble,
    Slug,
    Transition(f64),
    Mist,
}

/// The map coordinates `(N_x, N_y)` and region (see the module doc).
fn region(props: &PhaseProperties) -> (f64, Region) {
    let rho_l = props.liquid_density_lb_ft3;
    let fluid = ((rho_l / 62.4) * (72.0 / props.surface_tension_dyne_cm)).powf(0.25);
    let nx =
        props.superficial_gas_velocity_ft_s * (props.gas_density_lb_ft3 / 0.0764).cbrt() * fluid;
    let ny = props.superficial_liquid_velocity_ft_s * fluid;
    let n1 = 0.51 * (100.0 * ny).powf(0.172);
    let n2 = 8.6 + 3.8 * ny;
    let n3 = 70.0 * (100.0 * ny).powf(-0.152);
    let r = if nx < n1 {
        Region::Bubble
    } else if ny >= 4.0 {
        if nx < 26.5 {
            Region::Slug
        } else {
            Region::Mist
        }
    } else if nx < n2 {
        Region::Slug
    } else if nx < n3 {
        Region::Transition((n3 - nx) / (n3 - n2))
    } else {
        Region::Mist
    };
    (nx, r)
}

/// Slug-flow rise-velocity coefficient C from N_E and N_v.
pub(crate) fn slug_coefficient(
    rho_l: f64,
    rho_g: f64,
    mu_l_cp: f64,
    sigma_dyne_cm: f64,
    diameter_ft: f64,
) -> f64 {
    let d = diameter_ft;
    let drho = rho_l - rho_g;
    let ne = GRAVITY_FT_S2 * d * d * drho / (sigma_dyne_cm * DYNE_CM_TO_LBM_S2);
    let nv = (d * d * d * GRAVITY_FT_S2 * rho_l * drho).sqrt() / (mu_l_cp * CP_TO_LBM_FT_S);
    let m = if nv >= 250.0 {
        10.0
    } else if nv > 18.0 {
        69.0 * nv.powf(-0.35)
    } else {
        25.0
    };
    0.345 * (1.0 - (-0.029 * nv).exp()) * (1.0 - ((3.37 - ne) / m).exp())
}

/// Bubble or slug flow from the drift-flux holdup `1 − v_sg/(1.2 v_m + v_bs)`.
fn drift_flux(
    props: &PhaseProperties,
    pipe: &PipeGeometry,
    slug: bool,
    friction: FrictionCorrelation,
) -> Part {
    let vsl = props.superficial_liquid_velocity_ft_s;
    let vsg = props.superficial_gas_velocity_ft_s;
    let vm = vsl + vsg;
    let (rho_l, rho_g) = (props.liquid_density_lb_ft3, props.gas_density_lb_ft3);
    let d = pipe.diameter_ft();
    let sigma = props.surface_tension_dyne_cm;
    let vbs = if slug {
        slug_coefficient(rho_l, rho_g, props.liquid_viscosity_cp, sigma, d)
            * (GRAVITY_FT_S2 * d * (rho_l - rho_g) / rho_l).sqrt()
    } else {
        1.41 * (GRAVITY_FT_S2 * sigma * DYNE_CM_TO_LBM_S2 * (rho_l - rho_g) / (rho_l * rho_l))
            .powf(0.25)
    };
    let hl = (1.0 - vsg / (1.2 * vm + vbs)).clamp(vsl / vm, 1.0);
    let re = reynolds(rho_l, vm, d, props.liquid_viscosity_cp);
    let f = darcy_friction_factor_unchecked(re, pipe.relative_roughness, friction);
    let density = rho_l * hl + rho_g * (1.0 - hl);
    let friction_density = if slug { rho_l * hl } else { density };
    Part {
        density,
        friction: f * friction_density * vm * vm / (2.0 * GRAVITY_FT_S2 * d),
        reynolds: re,
        friction_factor: f,
    }
}

/// Aziz-Govier-Fogarasi point gradient, psi/ft (see the module doc for the equations).
///
/// Inputs: in-situ [`PhaseProperties`] (densities lb/ft³, viscosities cp, tension dyne/cm,
/// superficial velocities ft/s, pressure psia), [`PipeGeometry`] (diameter in, e/d, angle
/// of flow above horizontal in degrees) and the turbulent friction equation. With a single
/// flowing phase the single-phase gradient is returned; a liquid not denser than the gas is
/// an error.
///
/// ```
/// use nodal_core::hydraulics::{aziz_govier_fogarasi, PhaseProperties, PipeGeometry, FrictionCorrelation, FlowPattern};
/// // Data of Brill and Mukherjee (1999) Example 3.2: 6-in vertical well.
/// let props = PhaseProperties {
///     liquid_density_lb_ft3: 47.61, gas_density_lb_ft3: 5.88, liquid_viscosity_cp: 0.97,
///     gas_viscosity_cp: 0.016, surface_tension_dyne_cm: 8.41,
///     superficial_liquid_velocity_ft_s: 3.97, superficial_gas_velocity_ft_s: 3.86,
///     pressure_psia: 1700.0,
/// };
/// let pipe = PipeGeometry { diameter_in: 6.0, relative_roughness: 0.00006 / 0.5, angle_deg: 90.0 };
/// let g = aziz_govier_fogarasi::gradient(&props, &pipe, FrictionCorrelation::Colebrook).unwrap();
/// // By hand: fluid group [(47.61/62.4)(72/8.41)]^¼ = 1.5987; N_x = 3.86 (5.88/0.0764)^⅓
/// // 1.5987 = 26.25, N_y = 6.347 ≥ 4 and N_1 = 1.52 ≤ N_x < 26.5: slug flow;
/// // v_bs = 0.345 √(32.174 · 0.5 · 41.73/47.61) = 1.2955 ft/s, H_L = 1 − 3.86/(9.396 + 1.2955).
/// assert!((g.liquid_holdup - 0.6390).abs() < 1e-4);
/// assert_eq!(g.flow_pattern, FlowPattern::Slug);
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
    let id = AZIZ_GOVIER_FOGARASI_1972.id;
    let (rho_l, rho_g) = (props.liquid_density_lb_ft3, props.gas_density_lb_ft3);
    if rho_l <= rho_g {
        return Err(CoreError::Physical(format!(
            "{id}: liquid density {rho_l:.2} lb/ft3 is not above gas density {rho_g:.2} lb/ft3 at {:.1} psia",
            props.pressure_psia
        )));
    }
    let (pattern, part) = match region(props).1 {
        Region::Bubble => (
            FlowPattern::Bubble,
            drift_flux(props, pipe, false, friction),
        ),
        Region::Slug => (FlowPattern::Slug, drift_flux(props, pipe, true, friction)),
        Region::Mist => (
            FlowPattern::Annular,
            mist(props, pipe, rho_g, friction, id)?,
        ),
        Region::Transition(a) => {
            let s = drift_flux(props, pipe, true, friction);
            let m = mist(props, pipe, rho_g, friction, id)?;
            (
                FlowPattern::Transition,
                Part {
                    density: a * s.density + (1.0 - a) * m.density,
                    friction: a * s.friction + (1.0 - a) * m.friction,
                    reynolds: s.reynolds,
                    friction_factor: s.friction_factor,
                },
            )
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
    use super::*;

    fn props(vsl: f64, vsg: f64) -> PhaseProperties {
        crate::hydraulics::example_3_2_fluid(vsl, vsg)
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
        let p = props(3.97, 3.86);
        let (nx, r) = region(&p);
        assert!((nx - 26.249).abs() < 0.001, "{nx}");
        assert_eq!(r, Region::Slug);
        let d: f64 = 0.5;
        let sigma = 8.41e-3 / 0.453_592_37;
        let ne = 32.174 * d * d * 41.73 / sigma;
        let nv = (d.powi(3) * 32.174 * 47.61 * 41.73).sqrt() / (0.97 * CP_TO_LBM_FT_S);
        assert!(nv >= 250.0);
        let c = 0.345 * (1.0 - (-0.029 * nv).exp()) * (1.0 - ((3.37 - ne) / 10.0).exp());
        assert!((c - 0.345).abs() < 1e-6, "{c}");
        let vbs = c * (32.174 * d * 41.73 / 47.61).sqrt();
        let hl = 1.0 - 3.86 / (1.2 * 7.83 + vbs);
        let g = gradient(&p, &SIX_IN, FrictionCorrelation::Colebrook).unwrap();
        assert!((g.liquid_holdup - hl).abs() < 1e-12);
        let re = 47.61 * 7.83 * d / (0.97 * CP_TO_LBM_FT_S);
        let f = super::super::friction::colebrook_clamond(re, 0.00012);
        let fric = f * 47.61 * hl * 7.83 * 7.83 / (2.0 * 32.174 * d) / 144.0;
        assert!((g.friction_psi_ft - fric).abs() < 1e-12);
        assert!((g.elevation_psi_ft - (47.61 * hl + 5.88 * (1.0 - hl)) / 144.0).abs() < 1e-12);
        // H_L = 1 − 3.86/(9.396 + 1.2955) = 0.6390.
        assert!((hl - 0.6390).abs() < 1e-4, "{hl}");
    }

    #[test]
    fn bubble_flow_by_hand() {
        let p = props(3.0, 0.05);
        let pipe = PipeGeometry {
            diameter_in: 2.441,
            relative_roughness: 1e-4,
            angle_deg: 90.0,
        };
        let g = gradient(&p, &pipe, FrictionCorrelation::Colebrook).unwrap();
        assert_eq!(g.flow_pattern, FlowPattern::Bubble);
        let sigma = 8.41e-3 / 0.453_592_37;
        let vbs = 1.41 * (32.174 * sigma * 41.73 / (47.61f64 * 47.61)).powf(0.25);
        let hl = 1.0 - 0.05 / (1.2 * 3.05 + vbs);
        assert!((g.liquid_holdup - hl).abs() < 1e-12);
    }

    #[test]
    fn map_regions_and_slug_coefficient_bands() {
        let at = |vsl, vsg| region(&props(vsl, vsg)).1;
        assert_eq!(at(3.0, 0.05), Region::Bubble);
        assert_eq!(at(0.5, 1.0), Region::Slug);
        assert!(matches!(at(0.5, 2.0), Region::Transition(_)));
        assert!(matches!(at(0.1, 4.0), Region::Transition(a) if (0.0..=1.0).contains(&a)));
        assert_eq!(at(0.05, 30.0), Region::Mist);
        assert_eq!(at(3.0, 20.0), Region::Mist);
        // Viscous liquid, small pipe: N_v ≤ 18 gives m = 25.
        let d: f64 = 1.0 / 12.0;
        let nv = (d.powi(3) * 32.174 * 55.0 * 50.0).sqrt() / (1000.0 * CP_TO_LBM_FT_S);
        assert!(nv <= 18.0, "{nv}");
        let sigma = 30.0e-3 / 0.453_592_37;
        let ne = 32.174 * d * d * 50.0 / sigma;
        let c = 0.345 * (1.0 - (-0.029 * nv).exp()) * (1.0 - ((3.37 - ne) / 25.0).exp());
        assert!((slug_coefficient(55.0, 5.0, 1000.0, 30.0, d) - c).abs() < 1e-15);
    }

    /// The transition blend joins slug flow at N_x = N_2 and mist flow at N_x = N_3.
    #[test]
    fn transition_is_continuous_at_its_ends() {
        let pipe = PipeGeometry {
            diameter_in: 2.441,
            relative_roughness: 1e-4,
            angle_deg: 90.0,
        };
        let vsl = 0.1;
        let fluid = ((47.61f64 / 62.4) * (72.0 / 8.41)).powf(0.25);
        let ny = vsl * fluid;
        let to_vsg = |nx: f64| nx / ((5.88f64 / 0.0764).cbrt() * fluid);
        let n2 = to_vsg(8.6 + 3.8 * ny);
        let n3 = to_vsg(70.0 * (100.0 * ny).powf(-0.152));
        let at = |vsg| gradient(&props(vsl, vsg), &pipe, FrictionCorrelation::Colebrook).unwrap();
        for (edge, lower, upper) in [
            (n2, FlowPattern::Slug, FlowPattern::Transition),
            (n3, FlowPattern::Transition, FlowPattern::Annular),
        ] {
            let (below, above) = (at(edge * (1.0 - 1e-9)), at(edge * (1.0 + 1e-9)));
            assert_eq!(below.flow_pattern, lower);
            assert_eq!(above.flow_pattern, upper);
            assert!((below.total_psi_ft() - above.total_psi_ft()).abs() < 1e-6);
        }
    }
}
