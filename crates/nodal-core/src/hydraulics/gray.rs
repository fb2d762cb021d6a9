//! Gray (1974) vertical flow in gas and condensate wells.
//!
//! Source: Gray, H.E. (1974), "Vertical Flow Correlation in Gas Wells", in *User's Manual
//! for API 14B, Subsurface Controlled Subsurface Safety Valve Sizing Computer Program*,
//! Appendix B, American Petroleum Institute, Dallas; as reprinted in Brill, J.P. and
//! Mukherjee, H. (1999), *Multiphase Flow in Wells*, SPE Monograph 17, Sec. 4.2.4.
//!
//! Intended use: **vertical gas wells producing condensate or water** (mist-annular flow with
//! a small liquid load). Gray's own limits, which are the ranges of [`GRAY_1974`]: mixture
//! velocity up to 50 ft/s, tubing up to 3½ in nominal, condensate up to 50 bbl/MMscf and
//! water up to 5 bbl/MMscf. The correlation predicts no flow pattern
//! ([`FlowPattern::NotClassified`]).
//!
//! Method, with `λ = v_sl/v_m`, `R = v_sl/v_sg`, `ρ_n = ρ_L λ + ρ_g (1 − λ)`, σ in lbm/s²
//! (1 dyne/cm = 0.002 204 62 lbm/s²) and g = 32.174 ft/s²:
//! 1. Holdup: `N_v = ρ_n² v_m⁴ / (g σ (ρ_L − ρ_g))`, `N_D = g (ρ_L − ρ_g) d² / σ`,
//!    `B = 0.0814 [1 − 0.0554 ln(1 + 730 R/(R + 1))]`,
//!    `f_E = −2.314 [N_v (1 + 205/N_D)]^B`, `H_L = 1 − (1 − λ)(1 − e^(f_E))`. Since
//!    `f_E ≤ 0`, the holdup lies in [λ, 1] by construction.
//! 2. Effective roughness of the liquid-wetted wall: `k_0 = 28.5 σ/(ρ_n v_m²)` (ft);
//!    `k_e = k_0` when `R ≥ 0.007`, `k_e = k + R (k_0 − k)/0.007` below (k the dry-pipe
//!    roughness), and never below 2.77e−5 ft. Gray read the friction factor from the Moody
//!    chart, which ends at `e/d = 0.05`; `k_e/d` is held at that top curve (at low velocity
//!    `k_0` can exceed the pipe radius, where the Colebrook equation has no root).
//! 3. Friction `f ρ_n v_m²/(2 g_c d)` with `f` the Moody (Colebrook) factor at `k_e/d` and:
//!    - [`Variant::Original1974`]: a Reynolds number of 1 × 10⁷ (fully rough wall), as in the
//!      API 14B program;
//!    - [`Variant::ActualReynolds`]: the no-slip Reynolds number `ρ_n v_m d/μ_n`,
//!      `μ_n = μ_L λ + μ_g (1 − λ)`, the choice of later implementations.
//! 4. Elevation `ρ_s sin θ` with `ρ_s = ρ_L H_L + ρ_g (1 − H_L)`; acceleration by
//!    `E_k = ρ_s v_m v_sg/(g_c p)` (the monograph writes Gray's acceleration term as a
//!    kinetic-energy change; this crate applies the `E_k` form to every correlation).
//!
//! Surface tension: Gray weights the condensate and water tensions by
//! `σ = (q_o σ_o + 0.617 q_w σ_w)/(q_o + 0.617 q_w)`; this module takes the tension of
//! [`PhaseProperties`] as given (the fluid interface weights by in-situ liquid fractions).
//!
//! Limits of the fit: at vanishing liquid the holdup tends to `e^(f_E)`, not to zero, so the
//! gradient jumps at the dry-gas limit (the single-phase gas gradient is returned only when
//! no liquid flows at all). A liquid density not above the gas density (near-critical
//! condensate) is reported as an error: `N_v` and `N_D` lose their meaning there.

use super::friction::{FrictionCorrelation, darcy_friction_factor_unchecked};
use super::{
    DYNE_CM_TO_LBM_S2, FlowPattern, GradientResult, PhaseProperties, PipeGeometry, finish,
    reynolds, single_phase,
};
use crate::error::{CoreError, CoreResult};
use crate::method::{MethodInfo, ParamRange};
use crate::units::GRAVITY_FT_S2;

/// Gray's published limits (Brill and Mukherjee, 1999, Sec. 4.2.4).
const RANGES: &[ParamRange] = &[
    ParamRange {
        param: "mixture_velocity_ft_s",
        min: 0.0,
        max: 50.0,
    },
    ParamRange {
        param: "diameter_in",
        min: 0.0,
        max: 3.5,
    },
    ParamRange {
        param: "condensate_gas_ratio_stb_mmscf",
        min: 0.0,
        max: 50.0,
    },
    ParamRange {
        param: "water_gas_ratio_stb_mmscf",
        min: 0.0,
        max: 5.0,
    },
    ParamRange {
        param: "angle_deg",
        min: 90.0,
        max: 90.0,
    },
];

/// Gray (1974) as in the API 14B program.
pub static GRAY_1974: MethodInfo = MethodInfo {
    id: "gray_1974",
    property: "pressure_gradient",
    variant: "for vertical gas and condensate/water wells; API 14B holdup; effective (liquid-film) roughness 28.5 sigma/(rho_n v_m^2) interpolated below R = 0.007, not below 2.77e-5 ft, e/d held at 0.05; Moody friction factor at Re = 1e7; Ek acceleration",
    source: "Gray, H.E. (1974), User's Manual for API 14B Subsurface Controlled Subsurface Safety Valve Sizing Computer Program, App. B, API; Brill, J.P. and Mukherjee, H. (1999), SPE Monograph 17, Sec. 4.2.4",
    ranges: RANGES,
};

/// Gray (1974) with the friction factor at the no-slip Reynolds number.
pub static GRAY_1974_ACTUAL_REYNOLDS: MethodInfo = MethodInfo {
    id: "gray_1974_actual_reynolds",
    property: "pressure_gradient",
    variant: "for vertical gas and condensate/water wells; as gray_1974 but the friction factor at the no-slip Reynolds number rho_n v_m d/mu_n instead of 1e7",
    source: "Gray, H.E. (1974), User's Manual for API 14B Subsurface Controlled Subsurface Safety Valve Sizing Computer Program, App. B, API; Brill, J.P. and Mukherjee, H. (1999), SPE Monograph 17, Sec. 4.2.4",
    ranges: RANGES,
};

/// Which Reynolds number Gray's friction factor is read at (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Variant {
    /// Re = 1 × 10⁷, as in the API 14B program.
    Original1974,
    /// The no-slip Reynolds number.
    ActualReynolds,
}

/// Reynolds number of Gray's friction factor in the API 14B program.
const GRAY_REYNOLDS_NUMBER: f64 = 1.0e7;
/// Minimum effective roughness, ft.
const MIN_EFFECTIVE_ROUGHNESS_FT: f64 = 2.77e-5;
/// Liquid-gas velocity ratio below which the effective roughness is interpolated.
const ROUGHNESS_RATIO_LIMIT: f64 = 0.007;
/// Top relative-roughness curve of the Moody chart.
const MAX_RELATIVE_ROUGHNESS: f64 = 0.05;

/// Gray's liquid holdup, dimensionless, in [λ, 1].
///
/// Arguments: superficial velocities ft/s (both > 0), densities lb/ft³ (`ρ_L > ρ_g`),
/// surface tension dyne/cm, diameter ft.
pub(crate) fn holdup(
    vsl: f64,
    vsg: f64,
    rho_l: f64,
    rho_g: f64,
    sigma_dyne_cm: f64,
    diameter_ft: f64,
) -> f64 {
    let vm = vsl + vsg;
    let lambda = vsl / vm;
    let rho_n = rho_l * lambda + rho_g * (1.0 - lambda);
    let sigma = sigma_dyne_cm * DYNE_CM_TO_LBM_S2;
    let drho = rho_l - rho_g;
    let nv = rho_n * rho_n * vm.powi(4) / (GRAVITY_FT_S2 * sigma * drho);
    let nd = GRAVITY_FT_S2 * drho * diameter_ft * diameter_ft / sigma;
    let r = vsl / vsg;
    let b = 0.0814 * (1.0 - 0.0554 * (1.0 + 730.0 * r / (r + 1.0)).ln());
    let fe = -2.314 * (nv * (1.0 + 205.0 / nd)).powf(b);
    (1.0 - (1.0 - lambda) * (1.0 - fe.exp())).clamp(lambda, 1.0)
}

/// Gray's effective roughness, ft (not below 2.77e−5 ft).
///
/// Arguments: dry-pipe roughness ft, surface tension dyne/cm, no-slip density lb/ft³,
/// superficial velocities ft/s (`v_sg > 0`).
pub(crate) fn effective_roughness_ft(
    dry_roughness_ft: f64,
    sigma_dyne_cm: f64,
    no_slip_density: f64,
    vsl: f64,
    vsg: f64,
) -> f64 {
    let vm = vsl + vsg;
    let k0 = 28.5 * sigma_dyne_cm * DYNE_CM_TO_LBM_S2 / (no_slip_density * vm * vm);
    let r = vsl / vsg;
    let ke = if r >= ROUGHNESS_RATIO_LIMIT {
        k0
    } else {
        dry_roughness_ft + r * (k0 - dry_roughness_ft) / ROUGHNESS_RATIO_LIMIT
    };
    ke.max(MIN_EFFECTIVE_ROUGHNESS_FT)
}

/// Gray point gradient, psi/ft (see the module doc for the equations and variants).
///
/// Inputs: in-situ [`PhaseProperties`] (densities lb/ft³, viscosities cp, tension dyne/cm,
/// superficial velocities ft/s, pressure psia), [`PipeGeometry`] (diameter in, dry-pipe
/// relative roughness e/d, angle of flow above horizontal in degrees) and the turbulent
/// friction equation. With a single flowing phase the single-phase gradient is returned.
///
/// ```
/// use nodal_core::hydraulics::{gray, PhaseProperties, PipeGeometry, FrictionCorrelation};
/// // Gas well: 2.441-in tubing, v_sg 20 ft/s, v_sl 0.2 ft/s, ρ_L 50, ρ_g 4 lb/ft³, σ 20 dyne/cm.
/// // By hand: λ = 0.0099, ρ_n = 4.455 lb/ft³, σ = 0.04409 lbm/s², N_v = 5.065e4,
/// // N_D = 1389, R = 0.01, B = 0.07190, f_E = −5.092, H_L = 1 − 0.9901 (1 − e^−5.092) = 0.01598.
/// let props = PhaseProperties {
///     liquid_density_lb_ft3: 50.0, gas_density_lb_ft3: 4.0, liquid_viscosity_cp: 0.5,
///     gas_viscosity_cp: 0.018, surface_tension_dyne_cm: 20.0,
///     superficial_liquid_velocity_ft_s: 0.2, superficial_gas_velocity_ft_s: 20.0,
///     pressure_psia: 1500.0,
/// };
/// let pipe = PipeGeometry { diameter_in: 2.441, relative_roughness: 0.0006 / 2.441, angle_deg: 90.0 };
/// let g = gray::gradient(&props, &pipe, gray::Variant::Original1974, FrictionCorrelation::Colebrook).unwrap();
/// assert!((g.liquid_holdup - 0.015_98).abs() < 1e-5);
/// // Friction factor read at Re = 1e7.
/// assert_eq!(g.reynolds_number, 1e7);
/// ```
pub fn gradient(
    props: &PhaseProperties,
    pipe: &PipeGeometry,
    variant: Variant,
    friction: FrictionCorrelation,
) -> CoreResult<GradientResult> {
    if props.superficial_gas_velocity_ft_s == 0.0 {
        return single_phase::liquid(props, pipe, friction);
    }
    if props.superficial_liquid_velocity_ft_s == 0.0 {
        return single_phase::gas(props, pipe, friction);
    }
    let id = match variant {
        Variant::Original1974 => GRAY_1974.id,
        Variant::ActualReynolds => GRAY_1974_ACTUAL_REYNOLDS.id,
    };
    let rho_l = props.liquid_density_lb_ft3;
    let rho_g = props.gas_density_lb_ft3;
    if rho_l <= rho_g {
        return Err(CoreError::Physical(format!(
            "{id}: liquid density {rho_l:.2} lb/ft3 is not above gas density {rho_g:.2} lb/ft3 at {:.1} psia; the correlation needs a liquid denser than the gas",
            props.pressure_psia
        )));
    }
    let vsl = props.superficial_liquid_velocity_ft_s;
    let vsg = props.superficial_gas_velocity_ft_s;
    let vm = vsl + vsg;
    let lambda = vsl / vm;
    let d = pipe.diameter_ft();
    let sigma = props.surface_tension_dyne_cm;
    let hl = holdup(vsl, vsg, rho_l, rho_g, sigma, d);

    let rho_n = rho_l * lambda + rho_g * (1.0 - lambda);
    let ke = effective_roughness_ft(pipe.relative_roughness * d, sigma, rho_n, vsl, vsg);
    let relative_roughness = (ke / d).min(MAX_RELATIVE_ROUGHNESS);
    let re = match variant {
        Variant::Original1974 => GRAY_REYNOLDS_NUMBER,
        Variant::ActualReynolds => {
            let mu_n = props.liquid_viscosity_cp * lambda + props.gas_viscosity_cp * (1.0 - lambda);
            reynolds(rho_n, vm, d, mu_n)
        }
    };
    let f = darcy_friction_factor_unchecked(re, relative_roughness, friction);
    let fric = f * rho_n * vm * vm / (2.0 * GRAVITY_FT_S2 * d);
    finish(props, pipe, hl, FlowPattern::NotClassified, fric, re, f, id)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn props(rho_l: f64, rho_g: f64, sigma: f64, p: f64, vsl: f64, vsg: f64) -> PhaseProperties {
        PhaseProperties {
            liquid_density_lb_ft3: rho_l,
            gas_density_lb_ft3: rho_g,
            liquid_viscosity_cp: 0.6,
            gas_viscosity_cp: 0.018,
            surface_tension_dyne_cm: sigma,
            superficial_liquid_velocity_ft_s: vsl,
            superficial_gas_velocity_ft_s: vsg,
            pressure_psia: p,
        }
    }

    #[test]
    fn holdup_hand_calculation() {
        // Doctest case, every step by hand (see the doc example).
        let d = 2.441 / 12.0;
        let h = holdup(0.2, 20.0, 50.0, 4.0, 20.0, d);
        let lambda = 0.2 / 20.2;
        let rho_n = 50.0 * lambda + 4.0 * (1.0 - lambda);
        let sigma = 20.0e-3 / 0.453_592_37;
        let nv = rho_n * rho_n * 20.2f64.powi(4) / (32.174 * sigma * 46.0);
        let nd = 32.174 * 46.0 * d * d / sigma;
        let b = 0.0814 * (1.0 - 0.0554 * (1.0 + 730.0 * 0.01 / 1.01f64).ln());
        let fe = -2.314 * (nv * (1.0 + 205.0 / nd)).powf(b);
        assert!((h - (1.0 - (1.0 - lambda) * (1.0 - fe.exp()))).abs() < 1e-14);
        assert!((nv - 50_647.8).abs() < 0.1, "{nv}");
        assert!((nd - 1388.90).abs() < 0.01, "{nd}");
        assert!((h - 0.015_984_93).abs() < 1e-8, "{h}");
    }

    #[test]
    fn effective_roughness_rule() {
        // R ≥ 0.007: the film value 28.5 σ/(ρ_n v_m²).
        let k0 = 28.5 * 20.0 * DYNE_CM_TO_LBM_S2 / (5.0 * 400.0);
        assert!((effective_roughness_ft(5e-5, 20.0, 5.0, 0.2, 19.8) - k0).abs() < 1e-15);
        // R < 0.007: linear from the dry-pipe value at R = 0.
        let vsl = 0.0035 * 19.93;
        let vm = vsl + 19.93;
        let k0 = 28.5 * 20.0 * DYNE_CM_TO_LBM_S2 / (5.0 * vm * vm);
        let expected = 5e-5 + 0.0035 * (k0 - 5e-5) / 0.007;
        assert!((effective_roughness_ft(5e-5, 20.0, 5.0, vsl, 19.93) - expected).abs() < 1e-15);
        // Floor 2.77e-5 ft at very high velocity.
        assert_eq!(
            effective_roughness_ft(1e-6, 5.0, 20.0, 1.0, 200.0),
            MIN_EFFECTIVE_ROUGHNESS_FT
        );
    }

    /// (ρ_L, ρ_g lb/ft³, σ dyne/cm, d in, dry roughness in, v_sl, v_sg ft/s, holdup,
    /// effective roughness ft, elevation + friction psi/ft) from pyrestoolbox 3.8.9
    /// `nodal._gray_liquid_holdup`, `nodal._gray_effective_roughness` and
    /// `nodal._gray_gradient_gas` (friction factor from Serghides at the no-slip Reynolds
    /// number, no cap on k_e/d), run outside the project with μ_L 0.6, μ_g 0.018 cp, vertical
    /// flow and its acceleration term removed (p = 1e12 psia).
    type Row = (f64, f64, f64, f64, f64, f64, f64, f64, f64, f64);
    #[allow(clippy::excessive_precision)]
    const PYRESTOOLBOX_GRAY: &[Row] = &[
        (
            50.0,
            4.0,
            20.0,
            2.441,
            0.0006,
            0.2,
            20.0,
            1.598493179660e-02,
            6.912188776154e-04,
            5.913543125974e-02,
        ),
        (
            50.0,
            4.0,
            20.0,
            2.441,
            0.0006,
            0.05,
            30.0,
            3.984384143489e-03,
            1.193744743215e-04,
            6.333136108597e-02,
        ),
        (
            50.0,
            4.0,
            20.0,
            2.441,
            0.0006,
            0.01,
            15.0,
            7.659678793869e-03,
            1.770285945541e-04,
            3.953739634294e-02,
        ),
        (
            50.0,
            4.0,
            20.0,
            2.441,
            0.0006,
            0.5,
            10.0,
            6.238469992977e-02,
            1.841224790483e-03,
            6.103438298604e-02,
        ),
        (
            50.0,
            4.0,
            20.0,
            2.441,
            0.0006,
            1.0,
            40.0,
            2.670765231913e-02,
            1.459507455871e-04,
            1.200951142254e-01,
        ),
        (
            60.0,
            8.0,
            45.0,
            1.995,
            0.0006,
            0.2,
            20.0,
            1.478276111744e-02,
            8.137896669600e-04,
            1.290710090404e-01,
        ),
        (
            60.0,
            8.0,
            45.0,
            1.995,
            0.0006,
            0.05,
            30.0,
            3.346928881773e-03,
            1.302869643704e-04,
            1.451162832164e-01,
        ),
        (
            60.0,
            8.0,
            45.0,
            1.995,
            0.0006,
            0.01,
            15.0,
            5.988301385890e-03,
            1.939941625631e-04,
            8.188440834728e-02,
        ),
        (
            60.0,
            8.0,
            45.0,
            1.995,
            0.0006,
            0.5,
            10.0,
            6.104616147049e-02,
            2.447992050983e-03,
            1.101973082227e-01,
        ),
        (
            60.0,
            8.0,
            45.0,
            1.995,
            0.0006,
            1.0,
            40.0,
            2.628615444543e-02,
            1.814782297102e-04,
            2.689574205999e-01,
        ),
        (
            45.0,
            12.0,
            8.0,
            2.992,
            0.0018,
            0.2,
            20.0,
            1.153115490725e-02,
            9.993525941427e-05,
            1.209423108671e-01,
        ),
        (
            45.0,
            12.0,
            8.0,
            2.992,
            0.0018,
            0.05,
            30.0,
            2.049266258909e-03,
            1.252800071086e-04,
            1.629236809786e-01,
        ),
        (
            45.0,
            12.0,
            8.0,
            2.992,
            0.0018,
            0.01,
            15.0,
            2.201093329490e-03,
            1.533886003912e-04,
            1.045047270741e-01,
        ),
        (
            45.0,
            12.0,
            8.0,
            2.992,
            0.0018,
            0.5,
            10.0,
            5.416145883758e-02,
            3.359427687899e-04,
            1.095768276864e-01,
        ),
        (
            45.0,
            12.0,
            8.0,
            2.992,
            0.0018,
            1.0,
            40.0,
            2.497941307776e-02,
            2.770000000000e-05,
            2.055294752103e-01,
        ),
    ];

    /// Holdup and effective roughness agree to 1e-6 relative (pyrestoolbox converts dyne/cm
    /// with 453.592, this crate with the exact 453.592 37); elevation + friction with the
    /// actual-Reynolds variant and Serghides agree to 1e-4 relative (viscosity factor
    /// 6.7197e-4 vs the exact 6.719 690e-4, and the Serghides Fanning form).
    #[test]
    fn matches_pyrestoolbox_gray() {
        for &(rho_l, rho_g, sigma, d_in, rough_in, vsl, vsg, hl, ke, grad) in PYRESTOOLBOX_GRAY {
            let d = d_in / 12.0;
            let h = holdup(vsl, vsg, rho_l, rho_g, sigma, d);
            assert!((h - hl).abs() / hl < 1e-6, "holdup {h} vs {hl}");
            let lambda = vsl / (vsl + vsg);
            let rho_n = rho_l * lambda + rho_g * (1.0 - lambda);
            let k = effective_roughness_ft(rough_in / 12.0, sigma, rho_n, vsl, vsg);
            assert!((k - ke).abs() / ke < 1e-6, "k_e {k} vs {ke}");
            let pipe = PipeGeometry {
                diameter_in: d_in,
                relative_roughness: rough_in / d_in,
                angle_deg: 90.0,
            };
            let g = gradient(
                &props(rho_l, rho_g, sigma, 1e12, vsl, vsg),
                &pipe,
                Variant::ActualReynolds,
                FrictionCorrelation::Serghides1984,
            )
            .unwrap();
            let ours = g.elevation_psi_ft + g.friction_psi_ft;
            assert!(
                (ours - grad).abs() / grad < 1e-4,
                "vsl={vsl} vsg={vsg}: {ours} vs {grad}"
            );
        }
    }

    #[test]
    fn fixed_reynolds_friction_is_fully_rough() {
        let p = props(50.0, 4.0, 20.0, 1500.0, 0.2, 20.0);
        let pipe = PipeGeometry {
            diameter_in: 2.441,
            relative_roughness: 0.0006 / 2.441,
            angle_deg: 90.0,
        };
        let g = gradient(
            &p,
            &pipe,
            Variant::Original1974,
            FrictionCorrelation::Colebrook,
        )
        .unwrap();
        let d = 2.441 / 12.0;
        let lambda = 0.2 / 20.2;
        let rho_n = 50.0 * lambda + 4.0 * (1.0 - lambda);
        let ke = effective_roughness_ft(0.0006 / 12.0, 20.0, rho_n, 0.2, 20.0);
        let f = super::super::friction::colebrook_clamond(1e7, ke / d);
        assert!((g.friction_factor - f).abs() < 1e-15);
        assert_eq!(g.flow_pattern, FlowPattern::NotClassified);
        // Same holdup in both variants; only the friction factor differs.
        let a = gradient(
            &p,
            &pipe,
            Variant::ActualReynolds,
            FrictionCorrelation::Colebrook,
        )
        .unwrap();
        assert_eq!(a.liquid_holdup, g.liquid_holdup);
        assert!(a.friction_factor > g.friction_factor);
    }

    #[test]
    fn low_velocity_roughness_is_held_on_the_chart() {
        // v_m = 1 ft/s: k_0 = 28.5 σ/(ρ_n v_m²) is larger than the pipe.
        let p = props(50.0, 4.0, 20.0, 1500.0, 0.1, 0.9);
        let pipe = PipeGeometry {
            diameter_in: 2.441,
            relative_roughness: 0.0006 / 2.441,
            angle_deg: 90.0,
        };
        let g = gradient(
            &p,
            &pipe,
            Variant::Original1974,
            FrictionCorrelation::Colebrook,
        )
        .unwrap();
        let f = super::super::friction::colebrook_clamond(1e7, MAX_RELATIVE_ROUGHNESS);
        assert!((g.friction_factor - f).abs() < 1e-15);
        assert!(g.total_psi_ft().is_finite());
    }

    /// A gas well (2 MMscf/d with 10 bbl/MMscf of condensate) traverses with both variants;
    /// slip makes the elevation loss at least the no-slip one, and the friction factor read at
    /// Re = 1e7 is never above the one at the (lower) actual Reynolds number.
    #[test]
    fn gas_well_traverse_completes() {
        use crate::hydraulics::{
            GradientCorrelation, KnownPressure, SimpleBlackOil, SurfaceRates, TemperatureProfile,
            TraverseInput, traverse,
        };
        use crate::wellbore::{Conduit, FlowPath, Survey};
        let survey = Survey::vertical(8000.0).unwrap();
        let path = FlowPath::single(
            0.0,
            8000.0,
            Conduit::Tubing {
                inner_diameter_in: 2.441,
                roughness_in: 0.0006,
            },
        )
        .unwrap();
        let fluid = SimpleBlackOil::default();
        let rates = SurfaceRates::from_liquid(20.0, 0.0, 100_000.0).unwrap();
        let temps = TemperatureProfile {
            top_temperature_degf: 100.0,
            bottom_temperature_degf: 200.0,
        };
        let no_slip = traverse(&TraverseInput::new(
            &survey,
            &path,
            &fluid,
            rates,
            GradientCorrelation::Homogeneous,
            temps,
            KnownPressure::Top(800.0),
        ))
        .unwrap();
        let mut friction = Vec::new();
        for c in [
            GradientCorrelation::Gray1974,
            GradientCorrelation::Gray1974ActualReynolds,
        ] {
            let input = TraverseInput::new(
                &survey,
                &path,
                &fluid,
                rates,
                c,
                temps,
                KnownPressure::Top(800.0),
            );
            let r = traverse(&input).unwrap();
            assert!(
                r.stations
                    .windows(2)
                    .all(|w| w[1].pressure_psia > w[0].pressure_psia)
            );
            assert!(r.summary.elevation_loss_psi >= no_slip.summary.elevation_loss_psi);
            assert!(r.stations.iter().all(|s| s.liquid_holdup < 0.5));
            friction.push(r.summary.friction_loss_psi);
        }
        assert!(friction[0] <= friction[1], "{friction:?}");
    }

    #[test]
    fn dense_gas_is_an_error() {
        let p = props(20.0, 25.0, 2.0, 5000.0, 0.2, 20.0);
        let pipe = PipeGeometry {
            diameter_in: 2.441,
            relative_roughness: 0.0,
            angle_deg: 90.0,
        };
        let err = gradient(
            &p,
            &pipe,
            Variant::Original1974,
            FrictionCorrelation::Colebrook,
        )
        .unwrap_err();
        assert!(err.to_string().contains("not above gas density"), "{err}");
    }
}
