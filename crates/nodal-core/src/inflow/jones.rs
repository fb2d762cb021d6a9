//! Jones, Blount and Glaze (1976): laminar plus turbulent (non-Darcy) inflow of an oil well.

use super::{
    DARCY_RADIAL_CONSTANT, Inflow, RateBasis, check_flowing_pressure, check_rate,
    check_reservoir_pressure,
};
use crate::error::{CoreError, CoreResult};
use crate::method::MethodInfo;

/// Jones, Blount and Glaze (1976).
pub static JONES_BLOUNT_GLAZE_1976: MethodInfo = MethodInfo {
    id: "jones_blount_glaze_1976",
    property: "inflow_performance",
    variant: "oil form p̄r − pwf = A q + B q² (A laminar, B turbulent coefficient), q in STB/d; from reservoir properties A = 141.2 μ Bo [ln(re/rw) − 3/4 + s] / (k h), B = 2.30e-14 β Bo² ρo / (hp² rw), β = 2.33e10 / k^1.201 1/ft",
    source: "Jones, L.G., Blount, E.M. and Glaze, O.H. (1976): Use of Short Term Multiple Rate Flow Tests to Predict Performance of Wells Having Turbulence. SPE 6133, 51st SPE Annual Fall Meeting, New Orleans; coefficient forms as in Beggs, H.D. (2003): Production Optimization Using Nodal Analysis, 2nd ed., Ch. 2 (Jones, Blount and Glaze method)",
    ranges: &[],
};

/// Jones, Blount and Glaze's (1976) inflow for an oil well with turbulence near the
/// wellbore:
///
/// `p̄r − p_wf = A q + B q²`
///
/// q in STB/d, pressures in psia, A (laminar coefficient) in psi/(STB/d), B (turbulence
/// coefficient) in psi/(STB/d)². A plot of `(p̄r − p_wf)/q` against q is a straight line of
/// intercept A and slope B; [`super::fit_jones_blount_glaze`] fits it. Inverse (exact):
/// `q = 2 Δp / (A + √(A² + 4 B Δp))`, the stable form of the quadratic root. AOF at
/// `p_wf = 0`. JBG read `B/A` as a measure of how much turbulence limits the well.
/// Source: [`JONES_BLOUNT_GLAZE_1976`].
///
/// ```
/// use nodal_core::inflow::{Inflow, JonesBlountGlaze};
/// let w = JonesBlountGlaze::new(3000.0, 0.5, 1e-4).unwrap();
/// // Δp at 1,000 STB/d: 0.5·1000 + 1e-4·1000² = 600 psi.
/// assert!((w.pressure_at(1000.0).unwrap() - 2400.0).abs() < 1e-9);
/// assert!((w.rate_at(2400.0).unwrap() - 1000.0).abs() < 1e-9);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct JonesBlountGlaze {
    reservoir_pressure_psia: f64,
    a_psi_per_stb_d: f64,
    b_psi_per_stb_d2: f64,
    /// The reservoir and completion properties A and B were computed from, if they were.
    properties: Option<JonesBlountGlazeInput>,
}

/// Reservoir and completion properties from which Jones, Blount and Glaze (1976) compute the
/// laminar and turbulent coefficients of an oil well ([`JonesBlountGlaze::from_properties`]).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct JonesBlountGlazeInput {
    /// Effective permeability to oil, md.
    pub permeability_md: f64,
    /// Net pay thickness, ft.
    pub thickness_ft: f64,
    /// Perforated (open-to-flow) interval, ft, at most the net pay: the turbulence sits in
    /// the flow area near the wellbore, which is the perforated length.
    pub perforated_interval_ft: f64,
    /// Oil viscosity at reservoir conditions, cp.
    pub viscosity_cp: f64,
    /// Oil formation volume factor, rb/STB.
    pub fvf_rb_stb: f64,
    /// Oil density at reservoir conditions, lbm/ft³.
    pub oil_density_lbm_ft3: f64,
    /// Drainage radius, ft.
    pub drainage_radius_ft: f64,
    /// Wellbore radius, ft.
    pub wellbore_radius_ft: f64,
    /// Skin factor (rate-independent), dimensionless.
    pub skin: f64,
    /// Average reservoir pressure, psia.
    pub reservoir_pressure_psia: f64,
}

/// Field-unit constant of the turbulence coefficient, psi/(STB/d)² per
/// (1/ft · (rb/STB)² · lbm/ft³ / ft³): the Forchheimer term `∫ β ρ v² dr` from rw outward
/// with `v = q Bo / (2π r hp)` gives `β ρ (q Bo)² / (4π² hp² rw)`; with q in STB/d
/// (5.615/86,400 ft³/s), ρ in lbm/ft³ (÷ 32.174 to slugs) and psf to psi (÷ 144) the
/// constant is 2.309e-14, published rounded as 2.30e-14.
const TURBULENCE_CONSTANT: f64 = 2.30e-14;

/// Jones, Blount and Glaze's velocity coefficient correlation `β = 2.33e10 / k^1.201`, 1/ft
/// with k in md.
fn velocity_coefficient_per_ft(permeability_md: f64) -> f64 {
    2.33e10 / permeability_md.powf(1.201)
}

impl JonesBlountGlazeInput {
    /// Checks every field: positive properties, `hp ≤ h`, `re > 10 rw` and
    /// `ln(re/rw) − 3/4 + s > 0`.
    pub fn validate(&self) -> CoreResult<()> {
        super::check_radial_drainage(
            self.permeability_md,
            self.thickness_ft,
            self.wellbore_radius_ft,
            self.drainage_radius_ft,
            self.skin,
        )?;
        crate::error::require_positive_at_most(
            "perforated_interval_ft",
            self.perforated_interval_ft,
            super::MAX_THICKNESS_FT,
        )?;
        if self.perforated_interval_ft > self.thickness_ft {
            return Err(CoreError::invalid(
                "perforated_interval_ft",
                format!(
                    "must be at most the net pay thickness {} ft (got {})",
                    self.thickness_ft, self.perforated_interval_ft
                ),
            ));
        }
        crate::error::require_positive_at_most(
            "viscosity_cp",
            self.viscosity_cp,
            super::MAX_VISCOSITY_CP,
        )?;
        crate::error::require_positive_at_most("fvf_rb_stb", self.fvf_rb_stb, super::MAX_FVF)?;
        crate::error::require_in_range(
            "oil_density_lbm_ft3",
            self.oil_density_lbm_ft3,
            20.0,
            80.0,
        )?;
        check_reservoir_pressure(self.reservoir_pressure_psia)?;
        Ok(())
    }

    /// Velocity (non-Darcy) coefficient β = 2.33e10 / k^1.201, 1/ft.
    pub fn velocity_coefficient_per_ft(&self) -> f64 {
        velocity_coefficient_per_ft(self.permeability_md)
    }

    /// Laminar coefficient `A = 141.2 μ Bo [ln(re/rw) − 3/4 + s] / (k h)`, psi/(STB/d): the
    /// reciprocal of the pseudo-steady-state Darcy productivity index
    /// ([`super::DarcyRadial`]).
    pub fn laminar_coefficient(&self) -> f64 {
        let log_term = (self.drainage_radius_ft / self.wellbore_radius_ft).ln() - 0.75;
        DARCY_RADIAL_CONSTANT * self.viscosity_cp * self.fvf_rb_stb * (log_term + self.skin)
            / (self.permeability_md * self.thickness_ft)
    }

    /// Turbulence coefficient `B = 2.30e-14 β Bo² ρo / (hp² rw)`, psi/(STB/d)².
    pub fn turbulence_coefficient(&self) -> f64 {
        TURBULENCE_CONSTANT
            * self.velocity_coefficient_per_ft()
            * self.fvf_rb_stb
            * self.fvf_rb_stb
            * self.oil_density_lbm_ft3
            / (self.perforated_interval_ft * self.perforated_interval_ft * self.wellbore_radius_ft)
    }
}

impl JonesBlountGlaze {
    /// From `p̄r` (psia), A (psi/(STB/d), > 0) and B (psi/(STB/d)², ≥ 0).
    pub fn new(
        reservoir_pressure_psia: f64,
        a_psi_per_stb_d: f64,
        b_psi_per_stb_d2: f64,
    ) -> CoreResult<Self> {
        check_reservoir_pressure(reservoir_pressure_psia)?;
        if !(a_psi_per_stb_d.is_finite() && a_psi_per_stb_d > 0.0) {
            return Err(CoreError::invalid(
                "a_psi_per_stb_d",
                format!("the laminar coefficient A must be above zero (got {a_psi_per_stb_d})"),
            ));
        }
        if !(b_psi_per_stb_d2.is_finite() && b_psi_per_stb_d2 >= 0.0) {
            return Err(CoreError::invalid(
                "b_psi_per_stb_d2",
                format!(
                    "the turbulence coefficient B must be zero or above (got {b_psi_per_stb_d2})"
                ),
            ));
        }
        Ok(Self {
            reservoir_pressure_psia,
            a_psi_per_stb_d,
            b_psi_per_stb_d2,
            properties: None,
        })
    }

    /// A and B from reservoir and completion properties (Jones, Blount and Glaze, 1976, in
    /// the field-unit form of Beggs, 2003, Ch. 2):
    ///
    /// - `A = 141.2 μo Bo [ln(re/rw) − 3/4 + s] / (k h)` (pseudo-steady-state Darcy flow;
    ///   `ln(0.472 re/rw)` in the textbook is the same term);
    /// - `B = 2.30e-14 β Bo² ρo / (hp² rw)` with `β = 2.33e10 / k^1.201` 1/ft,
    ///
    /// k in md, h and hp (perforated interval) in ft, μo in cp, Bo in rb/STB, ρo in lbm/ft³,
    /// radii in ft. The turbulence is concentrated near the wellbore, where the flow
    /// converges on the perforated interval: a short perforated interval raises B by
    /// `(h/hp)²`. Such a model also answers [`Self::with_skin`].
    ///
    /// ```
    /// use nodal_core::inflow::{Inflow, JonesBlountGlaze, JonesBlountGlazeInput};
    /// let w = JonesBlountGlaze::from_properties(JonesBlountGlazeInput {
    ///     permeability_md: 30.0, thickness_ft: 40.0, perforated_interval_ft: 20.0,
    ///     viscosity_cp: 0.8, fvf_rb_stb: 1.2, oil_density_lbm_ft3: 47.0,
    ///     drainage_radius_ft: 1490.0, wellbore_radius_ft: 0.354, skin: 0.0,
    ///     reservoir_pressure_psia: 3000.0,
    /// }).unwrap();
    /// // A = 141.2·0.8·1.2·(ln(1490/0.354) − 0.75)/(30·40) = 0.85793 psi/(STB/d);
    /// // β = 2.33e10/30^1.201 = 3.9204e8 1/ft; B = 2.30e-14·β·1.2²·47/(20²·0.354) = 4.3098e-6.
    /// assert!((w.a_psi_per_stb_d() - 0.85793).abs() < 1e-5);
    /// assert!((w.b_psi_per_stb_d2() / 4.3098e-6 - 1.0).abs() < 1e-4);
    /// // At 1,000 psia: q = 2·2000/(A + √(A² + 4·B·2000)) = 2,304.5 STB/d.
    /// assert!((w.rate_at(1000.0).unwrap() - 2304.5).abs() < 0.1);
    /// ```
    pub fn from_properties(input: JonesBlountGlazeInput) -> CoreResult<Self> {
        input.validate()?;
        let mut model = Self::new(
            input.reservoir_pressure_psia,
            input.laminar_coefficient(),
            input.turbulence_coefficient(),
        )?;
        model.properties = Some(input);
        Ok(model)
    }

    /// The reservoir and completion properties, when the model was built from them.
    pub fn properties(&self) -> Option<&JonesBlountGlazeInput> {
        self.properties.as_ref()
    }

    /// The same well with skin `skin`: A recomputed, B unchanged. Only a model built from
    /// reservoir properties has a skin; otherwise an error naming `skin`.
    pub fn with_skin(&self, skin: f64) -> CoreResult<Self> {
        match self.properties {
            Some(input) => Self::from_properties(JonesBlountGlazeInput { skin, ..input }),
            None => Err(CoreError::invalid(
                "skin",
                "a Jones-Blount-Glaze model given by A and B has no skin factor; build it from reservoir properties to vary the skin",
            )),
        }
    }

    /// A, psi/(STB/d).
    pub fn a_psi_per_stb_d(&self) -> f64 {
        self.a_psi_per_stb_d
    }

    /// B, psi/(STB/d)².
    pub fn b_psi_per_stb_d2(&self) -> f64 {
        self.b_psi_per_stb_d2
    }

    /// Same A and B (and properties) at another reservoir pressure.
    pub fn with_reservoir_pressure(&self, reservoir_pressure_psia: f64) -> CoreResult<Self> {
        let mut model = Self::new(
            reservoir_pressure_psia,
            self.a_psi_per_stb_d,
            self.b_psi_per_stb_d2,
        )?;
        model.properties = self.properties.map(|p| JonesBlountGlazeInput {
            reservoir_pressure_psia,
            ..p
        });
        Ok(model)
    }

    fn rate_for_drawdown(&self, drawdown_psi: f64) -> f64 {
        let a = self.a_psi_per_stb_d;
        let b = self.b_psi_per_stb_d2;
        2.0 * drawdown_psi / (a + (a * a + 4.0 * b * drawdown_psi).sqrt())
    }
}

impl Inflow for JonesBlountGlaze {
    fn info(&self) -> &'static MethodInfo {
        &JONES_BLOUNT_GLAZE_1976
    }
    fn rate_basis(&self) -> RateBasis {
        RateBasis::Liquid
    }
    fn reservoir_pressure_psia(&self) -> f64 {
        self.reservoir_pressure_psia
    }
    fn rate_at(&self, flowing_pressure_psia: f64) -> CoreResult<f64> {
        let pr = self.reservoir_pressure_psia;
        check_flowing_pressure(flowing_pressure_psia, 0.0, pr)?;
        Ok(self.rate_for_drawdown(pr - flowing_pressure_psia))
    }
    fn pressure_at(&self, rate: f64) -> CoreResult<f64> {
        check_rate(
            rate,
            self.rate_for_drawdown(self.reservoir_pressure_psia),
            RateBasis::Liquid,
        )?;
        let dp = self.a_psi_per_stb_d * rate + self.b_psi_per_stb_d2 * rate * rate;
        Ok((self.reservoir_pressure_psia - dp).max(0.0))
    }
    fn absolute_open_flow(&self) -> CoreResult<f64> {
        Ok(self.rate_for_drawdown(self.reservoir_pressure_psia))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn without_turbulence_it_is_a_straight_line() {
        let w = JonesBlountGlaze::new(3000.0, 2.0, 0.0).unwrap();
        assert!((w.rate_at(1000.0).unwrap() - 1000.0).abs() < 1e-12);
        assert!((w.absolute_open_flow().unwrap() - 1500.0).abs() < 1e-12);
    }

    fn properties() -> JonesBlountGlazeInput {
        JonesBlountGlazeInput {
            permeability_md: 30.0,
            thickness_ft: 40.0,
            perforated_interval_ft: 20.0,
            viscosity_cp: 0.8,
            fvf_rb_stb: 1.2,
            oil_density_lbm_ft3: 47.0,
            drainage_radius_ft: 1490.0,
            wellbore_radius_ft: 0.354,
            skin: 2.0,
            reservoir_pressure_psia: 3000.0,
        }
    }

    /// A is the reciprocal of the Darcy pseudo-steady-state productivity index of the same
    /// reservoir (the laminar part is Darcy's law; `DarcyRadial` is checked against
    /// pyrestoolbox).
    #[test]
    fn laminar_coefficient_is_the_reciprocal_darcy_pi() {
        let p = properties();
        let darcy = super::super::DarcyRadial::new(super::super::DarcyRadialInput {
            permeability_md: p.permeability_md,
            thickness_ft: p.thickness_ft,
            viscosity_cp: p.viscosity_cp,
            fvf_rb_stb: p.fvf_rb_stb,
            drainage_radius_ft: p.drainage_radius_ft,
            wellbore_radius_ft: p.wellbore_radius_ft,
            skin: p.skin,
            reservoir_pressure_psia: p.reservoir_pressure_psia,
            bubble_point_psia: None,
        })
        .unwrap();
        let w = JonesBlountGlaze::from_properties(p).unwrap();
        assert!((w.a_psi_per_stb_d() * darcy.productivity_index_stb_d_psi() - 1.0).abs() < 1e-12);
    }

    /// B against the Forchheimer term integrated in SI units, independently of the
    /// field-unit constant: `Δp = β ρ (q Bo)² / (4π² hp²) (1/rw − 1/re)`. The published
    /// constant 2.30e-14 is the rounded 2.309e-14, so the two agree within 0.5 %.
    #[test]
    fn turbulence_coefficient_matches_the_forchheimer_integral() {
        let p = properties();
        let ft = 0.3048;
        let q_m3_s = 0.158_987_294_928 / 86_400.0 * p.fvf_rb_stb; // 1 STB/d at reservoir conditions
        let rho = p.oil_density_lbm_ft3 * 16.018_463_4;
        let beta = p.velocity_coefficient_per_ft() / ft;
        let (hp, rw, re) = (
            p.perforated_interval_ft * ft,
            p.wellbore_radius_ft * ft,
            p.drainage_radius_ft * ft,
        );
        let dp_pa = beta * rho * q_m3_s * q_m3_s / (4.0 * std::f64::consts::PI.powi(2) * hp * hp)
            * (1.0 / rw - 1.0 / re);
        let b_si = dp_pa / 6_894.757_293_168;
        let b = p.turbulence_coefficient();
        assert!((b / b_si - 1.0).abs() < 0.005, "{b} vs {b_si}");
        // Halving the perforated interval quadruples B.
        let half = JonesBlountGlazeInput {
            perforated_interval_ft: 10.0,
            ..p
        };
        assert!((half.turbulence_coefficient() / b - 4.0).abs() < 1e-12);
    }

    #[test]
    fn skin_and_reservoir_pressure_keep_the_properties() {
        let w = JonesBlountGlaze::from_properties(properties()).unwrap();
        let damaged = w.with_skin(8.0).unwrap();
        assert!(damaged.a_psi_per_stb_d() > w.a_psi_per_stb_d());
        assert_eq!(damaged.b_psi_per_stb_d2(), w.b_psi_per_stb_d2());
        let depleted = w.with_reservoir_pressure(2500.0).unwrap();
        assert_eq!(
            depleted.properties().unwrap().reservoir_pressure_psia,
            2500.0
        );
        assert_eq!(
            depleted.with_skin(2.0).unwrap().reservoir_pressure_psia(),
            2500.0
        );
        let e = JonesBlountGlaze::new(3000.0, 0.5, 1e-4)
            .unwrap()
            .with_skin(1.0)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("skin:"), "{e}");
        let e = JonesBlountGlaze::from_properties(JonesBlountGlazeInput {
            perforated_interval_ft: 50.0,
            ..properties()
        })
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("perforated_interval_ft:"), "{e}");
    }

    #[test]
    fn coefficients_are_validated() {
        let e = JonesBlountGlaze::new(3000.0, 0.0, 1.0)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("a_psi_per_stb_d"), "{e}");
        let e = JonesBlountGlaze::new(3000.0, 1.0, -1e-6)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("b_psi_per_stb_d2"), "{e}");
    }
}
