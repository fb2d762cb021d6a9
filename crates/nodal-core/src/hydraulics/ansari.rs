//! Ansari et al. (1994) mechanistic model for upward two-phase flow in wellbores.
//!
//! Source: Ansari, A.M., Sylvester, N.D., Sarica, C., Shoham, O. and Brill, J.P. (1994), "A
//! Comprehensive Mechanistic Model for Upward Two-Phase Flow in Wellbores", SPE Production &
//! Facilities 9(2), 143-151 (SPE-20630-PA); as reprinted in Brill, J.P. and Mukherjee, H.
//! (1999), *Multiphase Flow in Wells*, SPE Monograph 17, Sec. 4.3. The pattern transitions
//! are those of Taitel, Barnea and Dukler (1980), AIChE J. 26(3), 345-354, and Barnea (1986),
//! Chem. Eng. Comm. 48, 19-30 (dispersed bubble, annular film bridging and instability); the
//! slug body void is Sylvester's (1987) correlation; annular entrainment is Wallis's (1969).
//!
//! Intended use: upward flow in vertical (and near-vertical) oil and gas wells. Ansari et al.
//! evaluated it on 1,712 well cases of the Tulsa well data bank.
//!
//! All equations below use consistent units (ft, s, lbm; σ in lbm/s², μ in lbm/(ft·s),
//! g = 32.174 ft/s²); gradients are lbf/ft² per ft (÷ 144 for psi/ft). `v_s∞` is Harmathy's
//! bubble rise velocity `1.53 [g σ (ρ_L − ρ_g)/ρ_L²]^¼`.
//!
//! Flow-pattern prediction, checked in this order:
//! 1. annular if `v_sg > 3.1 [g σ (ρ_L − ρ_g)/ρ_g²]^¼` (Taitel et al.) and the annular film
//!    solution (below) neither bridges the pipe (total holdup `H_L < 0.12`) nor is unstable
//!    (`Y_M < (2 − 1.5 H_LF)/(H_LF³ (1 − 1.5 H_LF)) X_M²`, `H_LF = 4δ(1 − δ)`; Barnea);
//! 2. dispersed bubble if `2 [0.4 σ/((ρ_L − ρ_g) g)]^½ (ρ_L/σ)^⅗ [f/(2d)]^⅖ v_m^1.2 >
//!    0.725 + 4.15 (v_sg/v_m)^½` and the no-slip gas fraction `v_sg/v_m` is below 0.76 (the
//!    densest bubble packing), `f` the Moody factor at `Re = ρ_L v_m d/μ_L` (Barnea);
//! 3. bubble if `v_sg < 0.25 v_s∞ + 0.333 v_sl` and the pipe is wider than
//!    `d_min = 19.01 [(ρ_L − ρ_g) σ/(ρ_L² g)]^½` (Taitel et al.; Barnea);
//! 4. slug otherwise.
//!
//! Bubble flow: holdup from the drift flux with hindered rise,
//! `v_s∞ H_L^½ = v_sg/(1 − H_L) − 1.2 v_m`, solved in `[λ, 1)` (Newton steps inside the bracket); elevation `ρ_TP sin θ`,
//! friction `f ρ_TP v_m²/(2 g_c d)` with `ρ_TP`, `μ_TP` holdup-weighted and `f` at
//! `Re = ρ_TP v_m d/μ_TP`.
//!
//! Dispersed bubble flow: no slip (`H_L = λ`), friction `f ρ_n v_m²/(2 g_c d)` at the no-slip
//! Reynolds number.
//!
//! Slug flow (fully developed slug units; the developing-film correction of Ansari et al. is
//! not applied):
//! - `v_TB = 1.2 v_m + 0.35 [g d (ρ_L − ρ_g)/ρ_L]^½`; slug-body void
//!   `H_gLS = v_sg/(0.425 + 2.65 v_m)` (Sylvester, velocities in ft/s);
//!   `v_gLS = 1.2 v_m + v_s∞ H_LLS^½`;
//! - film holdup around the Taylor bubble from the mass balances, with the falling-film
//!   velocity `v_LTB = 9.916 [g d (1 − (1 − H_LTB)^½)]^½` (Brotz):
//!   `9.916 (g d)^½ (1 − (1 − H_LTB)^½)^½ H_LTB − v_TB (1 − H_LTB) + A = 0`,
//!   `A = H_gLS (v_TB − v_gLS) + v_m` (increasing in `H_LTB`, one root in (0, 1));
//! - `v_gTB = v_TB − (v_TB − v_gLS) H_gLS/(1 − H_LTB)`; the Taylor-bubble fraction of the
//!   unit from the gas balance `β = (v_sg − v_gLS H_gLS)/(v_gTB (1 − H_LTB) − v_gLS H_gLS)`,
//!   held in [0, 1];
//! - elevation density `(1 − β) ρ_LS + β ρ_g` (the film's weight is neglected, as in the
//!   model), so the reported holdup is `(1 − β) H_LLS`; friction
//!   `f_LS ρ_LS v_m² (1 − β)/(2 g_c d)`, `f_LS` at `Re = ρ_LS v_m d/μ_LS` (friction along the
//!   Taylor bubble neglected).
//!
//! Annular flow (Alves et al. 1991 as used by Ansari et al.):
//! - entrained fraction `F_E = 1 − exp[−0.125 (10⁴ v_sg μ_g/σ (ρ_g/ρ_L)^½ − 1.5)]`, in [0, 1];
//! - core: `λ_LC = F_E v_sl/(v_sg + F_E v_sl)`, `ρ_c`, `μ_c` weighted by `λ_LC`,
//!   `v_sc = v_sg + F_E v_sl`; superficial core gradient `(dp/dL)_SC = f_SC ρ_c v_sc²/(2 g_c d)`
//!   at `Re = ρ_c v_sc d/μ_c`; superficial liquid gradient `(dp/dL)_SL = f_SL ρ_L v_sl²/(2 g_c d)`;
//!   film friction factor `f_F` at `Re_SL (1 − F_E)` (the film's own Reynolds number);
//! - `X_M² = (1 − F_E)² (f_F/f_SL) (dp/dL)_SL/(dp/dL)_SC`, `Y_M = (ρ_L − ρ_c) sin θ/(dp/dL)_SC`;
//!   interfacial factor `Z = 1 + 300 δ` when `F_E > 0.9`, else `1 + 24 (ρ_L/ρ_g)^⅓ δ`;
//! - dimensionless film thickness δ from
//!   `Y_M − Z/[4δ(1 − δ)(1 − 4δ(1 − δ))^2.5] + X_M²/[4δ(1 − δ)]³ = 0` (the thinnest film
//!   that solves it); without film liquid (`F_E = 1`) δ = 0;
//! - gradient: the core equation `Z/(1 − 2δ)⁵ (dp/dL)_SC + ρ_c sin θ`. Nodal reports it split
//!   by the whole-pipe momentum balance into wall friction `X_M² (dp/dL)_SC/[4δ(1 − δ)]²` and
//!   the weight of the mixture with holdup `H_L = 4δ(1 − δ) + λ_LC (1 − 2δ)²` (the two forms
//!   are equal at the solution; a test checks it).
//!
//! Acceleration: the `E_k` term shared by every correlation here (Ansari et al. keep it only
//! in annular flow; it is negligible in bubble and slug flow).
//!
//! Continuity: the model switches between independent sub-models, so the gradient is
//! continuous inside each pattern but not across pattern boundaries (by up to tens of per
//! cent at the bubble-slug boundary).

use super::friction::{FrictionCorrelation, darcy_friction_factor_unchecked};
use super::{
    CP_TO_LBM_FT_S, DYNE_CM_TO_LBM_S2, FlowPattern, GradientResult, PhaseProperties, PipeGeometry,
    finish, single_phase,
};
use crate::error::{CoreError, CoreResult};
use crate::method::{MethodInfo, ParamRange};
use crate::units::GRAVITY_FT_S2;

/// Ansari et al. (1994).
pub static ANSARI_1994: MethodInfo = MethodInfo {
    id: "ansari_1994",
    property: "pressure_gradient",
    variant: "mechanistic, upward flow in wellbores; Taitel-Barnea-Dukler/Barnea pattern map (bubble, dispersed bubble, slug, annular with film bridging and instability checks); drift-flux bubble holdup; fully developed slug units (Sylvester slug void, Brotz film); Alves annular film with Wallis entrainment; Ek acceleration",
    source: "Ansari, A.M., Sylvester, N.D., Sarica, C., Shoham, O. and Brill, J.P. (1994), SPE Production & Facilities 9(2), 143-151 (SPE-20630-PA); Brill, J.P. and Mukherjee, H. (1999), SPE Monograph 17, Sec. 4.3",
    ranges: &[ParamRange {
        param: "angle_deg",
        min: 90.0,
        max: 90.0,
    }],
};

/// Harmathy's (1960) bubble rise velocity `1.53 [g σ Δρ/ρ_L²]^¼`, ft/s (σ in lbm/s²).
pub(super) fn bubble_rise_velocity(rho_l: f64, rho_g: f64, sigma: f64) -> f64 {
    1.53 * (GRAVITY_FT_S2 * sigma * (rho_l - rho_g) / (rho_l * rho_l))
        .sqrt()
        .sqrt()
}

/// Everything the model needs at one point, in consistent units (shared with
/// [`super::hasan_kabir`]).
pub(super) struct Point {
    pub(super) vsl: f64,
    pub(super) vsg: f64,
    pub(super) vm: f64,
    pub(super) rho_l: f64,
    pub(super) rho_g: f64,
    /// Liquid viscosity, lbm/(ft·s).
    pub(super) mu_l: f64,
    /// Gas viscosity, lbm/(ft·s).
    pub(super) mu_g: f64,
    /// Surface tension, lbm/s².
    pub(super) sigma: f64,
    /// Diameter, ft.
    pub(super) d: f64,
    pub(super) roughness: f64,
    pub(super) sin: f64,
    pub(super) friction: FrictionCorrelation,
}

impl Point {
    /// Darcy factor at Reynolds number `re` on the pipe wall.
    pub(super) fn moody(&self, re: f64) -> f64 {
        darcy_friction_factor_unchecked(re, self.roughness, self.friction)
    }

    /// Friction gradient `f ρ v²/(2 g_c d)` at `Re = ρ v d/μ` (μ in lbm/(ft·s)), lbf/ft² per
    /// ft, with the Reynolds number and friction factor.
    pub(super) fn wall_friction(&self, rho: f64, v: f64, mu: f64) -> (f64, f64, f64) {
        let re = rho * v * self.d / mu;
        let f = self.moody(re);
        (f * rho * v * v / (2.0 * GRAVITY_FT_S2 * self.d), re, f)
    }
}

/// Interfacial friction law of the annular film model: `Z = f_i/f_SC` as a function of the
/// dimensionless film thickness δ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum InterfacialFriction {
    /// Ansari et al. (1994): Wallis's `1 + 300 δ` for `F_E > 0.9`, Whalley and Hewitt's
    /// `1 + 24 (ρ_L/ρ_g)^⅓ δ` otherwise.
    WallisOrWhalleyHewitt,
    /// Wallis (1969) `1 + 300 δ` at every entrainment (`1 + 75 (1 − α)` for a thin film).
    Wallis,
}

/// The annular film solution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Annular {
    /// Entrained liquid fraction `F_E`.
    pub entrained_fraction: f64,
    /// Dimensionless film thickness `δ/d`.
    pub film_thickness: f64,
    /// Film area fraction `H_LF = 4δ(1 − δ)`.
    pub film_holdup: f64,
    /// Total liquid holdup (film plus core droplets).
    pub holdup: f64,
    /// Core density, lb/ft³.
    pub core_density: f64,
    /// Interfacial friction factor `Z`.
    pub interfacial_factor: f64,
    /// Superficial core friction gradient, lbf/ft² per ft.
    pub core_superficial_gradient: f64,
    /// `X_M²`.
    pub x_m2: f64,
    /// `Y_M`.
    pub y_m: f64,
    /// Wall friction gradient of the film, lbf/ft² per ft.
    pub wall_friction: f64,
    /// Reynolds number and friction factor of the core.
    pub core_reynolds: f64,
    pub core_friction_factor: f64,
}

impl Annular {
    /// Total gradient by the core momentum equation, lbf/ft² per ft.
    #[cfg(test)]
    fn core_gradient(&self, sin: f64) -> f64 {
        let c = 1.0 - 2.0 * self.film_thickness;
        self.interfacial_factor / c.powi(5) * self.core_superficial_gradient
            + self.core_density * sin
    }

    /// Barnea's (1986) annular existence checks: no bridging, a stable film.
    pub(super) fn exists(&self) -> bool {
        let h = self.film_holdup;
        let stable =
            h <= 0.0 || self.y_m < (2.0 - 1.5 * h) / (h * h * h * (1.0 - 1.5 * h)) * self.x_m2;
        self.holdup < 0.12 && stable
    }
}

/// The annular model (see the module doc) with the given interfacial friction law; `None`
/// when the film equation has no root.
pub(super) fn annular(p: &Point, law: InterfacialFriction) -> Option<Annular> {
    let v_crit = 1.0e4 * p.vsg * p.mu_g / p.sigma * (p.rho_g / p.rho_l).sqrt();
    let fe = (1.0 - (-0.125 * (v_crit - 1.5)).exp()).clamp(0.0, 1.0);
    let vsc = p.vsg + fe * p.vsl;
    let lambda_c = fe * p.vsl / vsc;
    let rho_c = p.rho_l * lambda_c + p.rho_g * (1.0 - lambda_c);
    let mu_c = p.mu_l * lambda_c + p.mu_g * (1.0 - lambda_c);
    let (dp_sc, re_c, f_c) = p.wall_friction(rho_c, vsc, mu_c);
    let (dp_sl, re_sl, f_sl) = p.wall_friction(p.rho_l, p.vsl, p.mu_l);
    let f_film = p.moody(re_sl * (1.0 - fe));
    let x_m2 = if f_sl > 0.0 && dp_sc > 0.0 {
        (1.0 - fe) * (1.0 - fe) * f_film / f_sl * dp_sl / dp_sc
    } else {
        0.0
    };
    let y_m = (p.rho_l - rho_c) * p.sin / dp_sc;
    let z_slope = if fe > 0.9 || law == InterfacialFriction::Wallis {
        300.0
    } else {
        24.0 * (p.rho_l / p.rho_g).cbrt()
    };
    // (1 − 4δ(1 − δ))^2.5 = (1 − 2δ)⁵.
    let residual = |delta: f64| {
        let a = 4.0 * delta * (1.0 - delta);
        let z = 1.0 + z_slope * delta;
        y_m - z / (a * (1.0 - 2.0 * delta).powi(5)) + x_m2 / (a * a * a)
    };
    let delta = if x_m2 <= 0.0 {
        0.0
    } else {
        // The thinnest film: the first sign change on a geometric grid from 1e-9 to ½.
        let mut lo = 1.0e-9;
        if residual(lo) <= 0.0 {
            0.0
        } else {
            let mut hi = lo;
            let mut found = false;
            while hi < 0.5 {
                let next = (hi * 1.5).min(0.5 - 1e-12);
                if residual(next) <= 0.0 {
                    lo = hi;
                    hi = next;
                    found = true;
                    break;
                }
                if next >= 0.5 - 1e-12 {
                    break;
                }
                hi = next;
            }
            if !found {
                return None;
            }
            for _ in 0..200 {
                let mid = 0.5 * (lo + hi);
                if residual(mid) > 0.0 {
                    lo = mid;
                } else {
                    hi = mid;
                }
                if hi - lo <= 1e-14 * hi {
                    break;
                }
            }
            0.5 * (lo + hi)
        }
    };
    let film = 4.0 * delta * (1.0 - delta);
    let wall_friction = if film > 0.0 {
        x_m2 * dp_sc / (film * film)
    } else {
        dp_sc
    };
    Some(Annular {
        entrained_fraction: fe,
        film_thickness: delta,
        film_holdup: film,
        holdup: film + lambda_c * (1.0 - film),
        core_density: rho_c,
        interfacial_factor: 1.0 + z_slope * delta,
        core_superficial_gradient: dp_sc,
        x_m2,
        y_m,
        wall_friction,
        core_reynolds: re_c,
        core_friction_factor: f_c,
    })
}

/// Barnea's dispersed-bubble criterion (see the module doc).
fn is_dispersed_bubble(p: &Point) -> bool {
    if p.vsg / p.vm >= 0.76 {
        return false;
    }
    let f = p.moody(p.rho_l * p.vm * p.d / p.mu_l);
    let lhs = 2.0
        * (0.4 * p.sigma / ((p.rho_l - p.rho_g) * GRAVITY_FT_S2)).sqrt()
        * (p.rho_l / p.sigma).powf(0.6)
        * (f / (2.0 * p.d)).powf(0.4)
        * p.vm.powf(1.2);
    lhs > 0.725 + 4.15 * (p.vsg / p.vm).sqrt()
}

/// Root of `f` in `[lo, hi]` where `f(lo) < 0 < f(hi)`, given `f` and its derivative: Newton
/// steps kept inside the shrinking bracket, bisection when a step would leave it; stops when
/// a step is below `1e-13` (holdups and film thicknesses need no more).
fn bracketed_newton(f: impl Fn(f64) -> (f64, f64), mut lo: f64, mut hi: f64) -> f64 {
    let mut x = 0.5 * (lo + hi);
    for _ in 0..200 {
        let (fx, dfx) = f(x);
        if fx == 0.0 {
            return x;
        }
        if fx < 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        let newton = x - fx / dfx;
        let next = if newton > lo && newton < hi {
            newton
        } else {
            0.5 * (lo + hi)
        };
        if (next - x).abs() <= 1e-13 || hi - lo <= 1e-13 {
            return next;
        }
        x = next;
    }
    x
}

/// Bubble-flow holdup: root of `v_sg/(1 − H) − 1.2 v_m − v_s∞ H^½` in `[λ, 1)` (negative at
/// λ, where it is `−0.2 v_m − v_s∞ λ^½`, and → +∞ as H → 1).
fn bubble_holdup(p: &Point, v_inf: f64) -> f64 {
    let f = |h: f64| {
        let (root, gas) = (h.sqrt(), 1.0 / (1.0 - h));
        (
            p.vsg * gas - 1.2 * p.vm - v_inf * root,
            p.vsg * gas * gas - 0.5 * v_inf / root,
        )
    };
    bracketed_newton(f, p.vsl / p.vm, 1.0)
}

/// The fully developed slug unit.
#[derive(Debug, Clone, Copy, PartialEq)]
struct SlugUnit {
    /// Taylor-bubble rise velocity, ft/s.
    pub taylor_bubble_velocity: f64,
    /// Liquid holdup of the slug body.
    pub slug_holdup: f64,
    /// Gas velocity in the slug body, ft/s.
    pub slug_gas_velocity: f64,
    /// Liquid holdup of the film around the Taylor bubble.
    pub film_holdup: f64,
    /// Falling-film velocity (downward, magnitude), ft/s.
    pub film_velocity: f64,
    /// Gas velocity in the Taylor bubble, ft/s.
    pub bubble_gas_velocity: f64,
    /// Liquid velocity in the slug body, ft/s.
    pub slug_liquid_velocity: f64,
    /// Taylor-bubble fraction of the unit, `β = L_TB/L_SU`, in [0, 1].
    pub beta: f64,
}

/// Fully developed slug unit (see the module doc).
fn slug_unit(p: &Point, v_inf: f64) -> SlugUnit {
    let v_tb = 1.2 * p.vm + 0.35 * (GRAVITY_FT_S2 * p.d * (p.rho_l - p.rho_g) / p.rho_l).sqrt();
    let hg_ls = p.vsg / (0.425 + 2.65 * p.vm);
    let hl_ls = 1.0 - hg_ls;
    let vg_ls = 1.2 * p.vm + v_inf * hl_ls.sqrt();
    let a = hg_ls * (v_tb - vg_ls) + p.vm;
    let c = 9.916 * (GRAVITY_FT_S2 * p.d).sqrt();
    let film_velocity = |h: f64| c * (1.0 - (1.0 - h).sqrt()).sqrt();
    let residual = |h: f64| film_velocity(h) * h - v_tb * (1.0 - h) + a;
    // Increasing in H; residual(0) = A − v_TB < 0 and residual(1) = c + A > 0 for upward
    // flow. Where residual(0) ≥ 0 there is no film (H_LTB = 0).
    let hl_tb = if residual(0.0) >= 0.0 {
        0.0
    } else {
        let f = |h: f64| {
            let root = (1.0 - h).sqrt();
            let s = (1.0 - root).sqrt();
            (
                c * s * h - v_tb * (1.0 - h) + a,
                c * s + c * h / (4.0 * s * root) + v_tb,
            )
        };
        bracketed_newton(f, 0.0, 1.0)
    };
    let v_ltb = film_velocity(hl_tb);
    let vg_tb = v_tb - (v_tb - vg_ls) * hg_ls / (1.0 - hl_tb);
    let denominator = vg_tb * (1.0 - hl_tb) - vg_ls * hg_ls;
    let beta = if denominator > 0.0 {
        ((p.vsg - vg_ls * hg_ls) / denominator).clamp(0.0, 1.0)
    } else {
        0.0
    };
    SlugUnit {
        taylor_bubble_velocity: v_tb,
        slug_holdup: hl_ls,
        slug_gas_velocity: vg_ls,
        film_holdup: hl_tb,
        film_velocity: v_ltb,
        bubble_gas_velocity: vg_tb,
        slug_liquid_velocity: (p.vm - vg_ls * hg_ls) / hl_ls,
        beta,
    }
}

/// Ansari et al. point gradient, psi/ft (see the module doc for the equations).
///
/// Inputs: in-situ [`PhaseProperties`] (densities lb/ft³, viscosities cp, tension dyne/cm,
/// superficial velocities ft/s, pressure psia), [`PipeGeometry`] (diameter in, e/d, angle of
/// flow above horizontal in degrees; the model is for upward flow) and the turbulent friction
/// equation. With a single flowing phase the single-phase gradient is returned; a liquid not
/// denser than the gas is an error.
///
/// ```
/// use nodal_core::hydraulics::{ansari, PhaseProperties, PipeGeometry, FrictionCorrelation, FlowPattern};
/// // Data of Brill and Mukherjee (1999) Example 3.2: 6-in vertical well.
/// let props = PhaseProperties {
///     liquid_density_lb_ft3: 47.61, gas_density_lb_ft3: 5.88, liquid_viscosity_cp: 0.97,
///     gas_viscosity_cp: 0.016, surface_tension_dyne_cm: 8.41,
///     superficial_liquid_velocity_ft_s: 3.97, superficial_gas_velocity_ft_s: 3.86,
///     pressure_psia: 1700.0,
/// };
/// let pipe = PipeGeometry { diameter_in: 6.0, relative_roughness: 0.00006 / 0.5, angle_deg: 90.0 };
/// let g = ansari::gradient(&props, &pipe, FrictionCorrelation::Colebrook).unwrap();
/// // v_s∞ = 0.495 ft/s: the bubble limit 0.25 v_s∞ + 0.333 v_sl = 1.45 ft/s < v_sg, and
/// // v_m = 7.83 ft/s is below Barnea's dispersed-bubble velocity: slug flow.
/// assert_eq!(g.flow_pattern, FlowPattern::Slug);
/// assert!(g.liquid_holdup > 0.0 && g.liquid_holdup < 1.0);
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
    let id = ANSARI_1994.id;
    let (rho_l, rho_g) = (props.liquid_density_lb_ft3, props.gas_density_lb_ft3);
    if rho_l <= rho_g {
        return Err(CoreError::Physical(format!(
            "{id}: liquid density {rho_l:.2} lb/ft3 is not above gas density {rho_g:.2} lb/ft3 at {:.1} psia",
            props.pressure_psia
        )));
    }
    let p = point(props, pipe, friction);
    let (pattern, holdup, friction_gradient, re, f) = evaluate(&p);
    finish(props, pipe, holdup, pattern, friction_gradient, re, f, id)
}

pub(super) fn point(
    props: &PhaseProperties,
    pipe: &PipeGeometry,
    friction: FrictionCorrelation,
) -> Point {
    let vsl = props.superficial_liquid_velocity_ft_s;
    let vsg = props.superficial_gas_velocity_ft_s;
    Point {
        vsl,
        vsg,
        vm: vsl + vsg,
        rho_l: props.liquid_density_lb_ft3,
        rho_g: props.gas_density_lb_ft3,
        mu_l: props.liquid_viscosity_cp * CP_TO_LBM_FT_S,
        mu_g: props.gas_viscosity_cp * CP_TO_LBM_FT_S,
        sigma: props.surface_tension_dyne_cm * DYNE_CM_TO_LBM_S2,
        d: pipe.diameter_ft(),
        roughness: pipe.relative_roughness,
        sin: pipe.sin_angle(),
        friction,
    }
}

/// Pattern, holdup, friction gradient (lbf/ft² per ft), Reynolds number, friction factor.
fn evaluate(p: &Point) -> (FlowPattern, f64, f64, f64, f64) {
    let v_inf = bubble_rise_velocity(p.rho_l, p.rho_g, p.sigma);
    let annular_limit = 3.1
        * (GRAVITY_FT_S2 * p.sigma * (p.rho_l - p.rho_g) / (p.rho_g * p.rho_g))
            .sqrt()
            .sqrt();
    if p.vsg > annular_limit
        && let Some(a) =
            annular(p, InterfacialFriction::WallisOrWhalleyHewitt).filter(Annular::exists)
    {
        return (
            FlowPattern::Annular,
            a.holdup,
            a.wall_friction,
            a.core_reynolds,
            a.core_friction_factor,
        );
    }
    if is_dispersed_bubble(p) {
        let lambda = p.vsl / p.vm;
        let rho_n = p.rho_l * lambda + p.rho_g * (1.0 - lambda);
        let mu_n = p.mu_l * lambda + p.mu_g * (1.0 - lambda);
        let (fric, re, f) = p.wall_friction(rho_n, p.vm, mu_n);
        return (FlowPattern::DispersedBubble, lambda, fric, re, f);
    }
    let d_min =
        19.01 * ((p.rho_l - p.rho_g) * p.sigma / (p.rho_l * p.rho_l * GRAVITY_FT_S2)).sqrt();
    if p.d > d_min && p.vsg < 0.25 * v_inf + 0.333 * p.vsl {
        let h = bubble_holdup(p, v_inf);
        let rho = p.rho_l * h + p.rho_g * (1.0 - h);
        let mu = p.mu_l * h + p.mu_g * (1.0 - h);
        let (fric, re, f) = p.wall_friction(rho, p.vm, mu);
        return (FlowPattern::Bubble, h, fric, re, f);
    }
    let s = slug_unit(p, v_inf);
    let h_ls = s.slug_holdup;
    let rho_ls = p.rho_l * h_ls + p.rho_g * (1.0 - h_ls);
    let mu_ls = p.mu_l * h_ls + p.mu_g * (1.0 - h_ls);
    let (fric, re, f) = p.wall_friction(rho_ls, p.vm, mu_ls);
    (
        FlowPattern::Slug,
        (1.0 - s.beta) * h_ls,
        fric * (1.0 - s.beta),
        re,
        f,
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

    const TUBING: PipeGeometry = PipeGeometry {
        diameter_in: 2.441,
        relative_roughness: 0.0006 / 2.441,
        angle_deg: 90.0,
    };

    fn at(vsl: f64, vsg: f64, pipe: &PipeGeometry) -> GradientResult {
        gradient(&props(vsl, vsg), pipe, FrictionCorrelation::Colebrook).unwrap()
    }

    /// Slug flow on the data of Brill and Mukherjee (1999) Example 3.2, every step by hand
    /// from the printed equations of Ansari et al. (1994) (no published answer is asserted).
    #[test]
    fn slug_flow_by_hand() {
        let g = at(3.97, 3.86, &SIX_IN);
        assert_eq!(g.flow_pattern, FlowPattern::Slug);
        let (vsl, vsg, vm, d) = (3.97, 3.86, 7.83, 0.5);
        let (rho_l, rho_g) = (47.61, 5.88);
        let sigma = 8.41 * DYNE_CM_TO_LBM_S2;
        let gc = 32.174;
        let v_inf = 1.53 * (gc * sigma * (rho_l - rho_g) / (rho_l * rho_l)).powf(0.25);
        assert!((v_inf - 0.4953).abs() < 1e-4, "{v_inf}");
        let v_tb = 1.2 * vm + 0.35 * (gc * d * (rho_l - rho_g) / rho_l).sqrt();
        let hg_ls: f64 = vsg / (0.425 + 2.65 * vm);
        let hl_ls = 1.0 - hg_ls;
        let vg_ls = 1.2 * vm + v_inf * hl_ls.sqrt();
        let a = hg_ls * (v_tb - vg_ls) + vm;
        // Film holdup by Newton's method on the printed equation.
        let c = 9.916 * (gc * d).sqrt();
        let mut h: f64 = 0.15;
        for _ in 0..100 {
            let s = (1.0 - (1.0 - h).sqrt()).sqrt();
            let r = c * s * h - v_tb * (1.0 - h) + a;
            let dr = c * s + c * h / (4.0 * s * (1.0 - h).sqrt()) + v_tb;
            h -= r / dr;
        }
        let v_ltb = c * (1.0 - (1.0 - h).sqrt()).sqrt();
        // Liquid balance relative to the Taylor bubble holds with v_LLS from continuity.
        let v_lls = (vm - vg_ls * hg_ls) / hl_ls;
        assert!(((v_tb - v_lls) * hl_ls - (v_tb + v_ltb) * h).abs() < 1e-9);
        let vg_tb = v_tb - (v_tb - vg_ls) * hg_ls / (1.0 - h);
        let beta = (vsg - vg_ls * hg_ls) / (vg_tb * (1.0 - h) - vg_ls * hg_ls);
        // The liquid balance gives the same β.
        let beta_liquid = (v_lls * hl_ls - vsl) / (v_lls * hl_ls + v_ltb * h);
        assert!((beta - beta_liquid).abs() < 1e-9, "{beta} {beta_liquid}");
        assert!(beta > 0.0 && beta < 1.0);
        let rho_ls = rho_l * hl_ls + rho_g * hg_ls;
        let mu_ls = (0.97 * hl_ls + 0.016 * hg_ls) * CP_TO_LBM_FT_S;
        let re = rho_ls * vm * d / mu_ls;
        let f = super::super::friction::colebrook_clamond(re, 0.00012);
        let fric = f * rho_ls * vm * vm * (1.0 - beta) / (2.0 * gc * d) / 144.0;
        let elev = ((1.0 - beta) * rho_ls + beta * rho_g) / 144.0;
        assert!(
            (g.friction_psi_ft - fric).abs() < 1e-12,
            "{} {fric}",
            g.friction_psi_ft
        );
        assert!((g.elevation_psi_ft - elev).abs() < 1e-12);
        assert!((g.liquid_holdup - (1.0 - beta) * hl_ls).abs() < 1e-12);
    }

    #[test]
    fn bubble_flow_by_hand() {
        // Low gas rate in 6-in pipe: v_sg below 0.25 v_s∞ + 0.333 v_sl, v_m below the
        // dispersed-bubble velocity.
        let g = at(0.5, 0.2, &SIX_IN);
        assert_eq!(g.flow_pattern, FlowPattern::Bubble);
        let sigma = 8.41 * DYNE_CM_TO_LBM_S2;
        let v_inf = 1.53 * (32.174 * sigma * 41.73 / (47.61f64 * 47.61)).powf(0.25);
        let h = g.liquid_holdup;
        // The drift-flux equation holds at the reported holdup.
        let r = v_inf * h.sqrt() - (0.2 / (1.0 - h) - 1.2 * 0.7);
        assert!(r.abs() < 1e-9, "{r}");
        assert!(h > g.no_slip_holdup && h < 1.0);
        let rho = 47.61 * h + 5.88 * (1.0 - h);
        let mu = (0.97 * h + 0.016 * (1.0 - h)) * CP_TO_LBM_FT_S;
        let re = rho * 0.7 * 0.5 / mu;
        let f = super::super::friction::colebrook_clamond(re, 0.00012);
        let fric = f * rho * 0.49 / (2.0 * 32.174 * 0.5) / 144.0;
        assert!((g.friction_psi_ft - fric).abs() < 1e-12);
    }

    #[test]
    fn dispersed_bubble_is_no_slip() {
        let g = at(15.0, 2.0, &TUBING);
        assert_eq!(g.flow_pattern, FlowPattern::DispersedBubble);
        assert!((g.liquid_holdup - g.no_slip_holdup).abs() < 1e-15);
        // At the same rates but void fraction above 0.76 the bubbles cannot stay dispersed.
        let g = at(3.0, 12.0, &TUBING);
        assert_ne!(g.flow_pattern, FlowPattern::DispersedBubble);
    }

    /// Small pipe below Barnea's minimum diameter for bubble flow: slug flow even at a low
    /// gas rate.
    #[test]
    fn no_bubble_flow_in_small_pipe() {
        let sigma = 8.41 * DYNE_CM_TO_LBM_S2;
        let d_min = 19.01 * (41.73 * sigma / (47.61f64 * 47.61 * 32.174)).sqrt();
        assert!(d_min > 0.05 && d_min < 0.1, "{d_min}");
        let small = PipeGeometry {
            diameter_in: 0.6,
            relative_roughness: 0.0,
            angle_deg: 90.0,
        };
        assert!(small.diameter_ft() < d_min);
        assert_eq!(at(0.5, 0.1, &small).flow_pattern, FlowPattern::Slug);
        assert_eq!(at(0.5, 0.1, &SIX_IN).flow_pattern, FlowPattern::Bubble);
    }

    /// Annular flow: the film equation holds, the whole-pipe split equals the core
    /// equation, and the holdup is film plus core droplets.
    #[test]
    fn annular_film_solution_is_consistent() {
        let props = PhaseProperties {
            liquid_density_lb_ft3: 50.0,
            gas_density_lb_ft3: 3.0,
            liquid_viscosity_cp: 0.5,
            gas_viscosity_cp: 0.018,
            surface_tension_dyne_cm: 20.0,
            superficial_liquid_velocity_ft_s: 0.1,
            superficial_gas_velocity_ft_s: 40.0,
            pressure_psia: 1000.0,
        };
        let g = gradient(&props, &TUBING, FrictionCorrelation::Colebrook).unwrap();
        assert_eq!(g.flow_pattern, FlowPattern::Annular);
        let p = point(&props, &TUBING, FrictionCorrelation::Colebrook);
        let a = annular(&p, InterfacialFriction::WallisOrWhalleyHewitt).unwrap();
        assert!(a.film_thickness > 0.0 && a.film_thickness < 0.05, "{a:?}");
        let h = a.film_holdup;
        let r = a.y_m - a.interfacial_factor / (h * (1.0 - h).powf(2.5)) + a.x_m2 / (h * h * h);
        assert!(r.abs() < 1e-6 * (a.x_m2 / (h * h * h)), "{r}");
        let split = g.elevation_psi_ft + g.friction_psi_ft;
        assert!(
            (split - a.core_gradient(1.0) / 144.0).abs() < 1e-9 * split,
            "{split} vs {}",
            a.core_gradient(1.0) / 144.0
        );
        let fe = a.entrained_fraction;
        let lambda_core = fe * 0.1 / (40.0 + fe * 0.1);
        assert!((g.liquid_holdup - (h + lambda_core * (1.0 - h))).abs() < 1e-15);
        // Wallis entrainment by hand.
        let v_crit = 1e4 * 40.0 * 0.018 * CP_TO_LBM_FT_S / (20.0 * DYNE_CM_TO_LBM_S2)
            * (3.0f64 / 50.0).sqrt();
        let wallis = 1.0 - (-0.125 * (v_crit - 1.5)).exp();
        assert!((fe - wallis.clamp(0.0, 1.0)).abs() < 1e-15);
    }

    /// Above the Taitel annular velocity, a heavy film that would bridge the pipe is slug
    /// flow, not annular.
    #[test]
    fn bridging_film_is_not_annular() {
        let p = props(6.0, 9.0);
        let pt = point(&p, &TUBING, FrictionCorrelation::Colebrook);
        let limit =
            3.1 * (32.174 * pt.sigma * (pt.rho_l - pt.rho_g) / (pt.rho_g * pt.rho_g)).powf(0.25);
        assert!(9.0 > limit, "{limit}");
        let g = gradient(&p, &TUBING, FrictionCorrelation::Colebrook).unwrap();
        assert_ne!(g.flow_pattern, FlowPattern::Annular);
    }

    /// Inside each pattern the gradient is continuous in the gas rate; across the map every
    /// holdup lies in [0, 1] and the slug unit's β in [0, 1].
    #[test]
    fn continuous_inside_each_pattern() {
        let mut previous: Option<GradientResult> = None;
        let mut patterns = Vec::new();
        for i in 1..4000 {
            let vsg = 0.01 * 1.002f64.powi(i);
            let g = at(0.3, vsg, &TUBING);
            assert!((0.0..=1.0).contains(&g.liquid_holdup));
            if let Some(prev) = previous
                && prev.flow_pattern == g.flow_pattern
            {
                let jump = (g.total_psi_ft() - prev.total_psi_ft()).abs();
                assert!(
                    jump < 0.01 * prev.total_psi_ft(),
                    "{:?} at v_sg {vsg}: {} -> {}",
                    g.flow_pattern,
                    prev.total_psi_ft(),
                    g.total_psi_ft()
                );
            }
            if patterns.last() != Some(&g.flow_pattern) {
                patterns.push(g.flow_pattern);
            }
            previous = Some(g);
        }
        assert_eq!(
            patterns,
            [FlowPattern::Bubble, FlowPattern::Slug, FlowPattern::Annular]
        );
    }
}
