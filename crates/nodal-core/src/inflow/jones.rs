//! Jones, Blount and Glaze (1976): laminar plus turbulent (non-Darcy) inflow of an oil well.

use super::{Inflow, RateBasis, check_flowing_pressure, check_rate, check_reservoir_pressure};
use crate::error::{CoreError, CoreResult};
use crate::method::MethodInfo;

/// Jones, Blount and Glaze (1976).
pub static JONES_BLOUNT_GLAZE_1976: MethodInfo = MethodInfo {
    id: "jones_blount_glaze_1976",
    property: "inflow_performance",
    variant: "oil form p̄r − pwf = A q + B q² (A laminar, B turbulent coefficient), q in STB/d",
    source: "Jones, L.G., Blount, E.M. and Glaze, O.H. (1976): Use of Short Term Multiple Rate Flow Tests to Predict Performance of Wells Having Turbulence. SPE 6133, 51st SPE Annual Fall Meeting, New Orleans",
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
        })
    }

    /// A, psi/(STB/d).
    pub fn a_psi_per_stb_d(&self) -> f64 {
        self.a_psi_per_stb_d
    }

    /// B, psi/(STB/d)².
    pub fn b_psi_per_stb_d2(&self) -> f64 {
        self.b_psi_per_stb_d2
    }

    /// Same A and B at another reservoir pressure.
    pub fn with_reservoir_pressure(&self, reservoir_pressure_psia: f64) -> CoreResult<Self> {
        Self::new(
            reservoir_pressure_psia,
            self.a_psi_per_stb_d,
            self.b_psi_per_stb_d2,
        )
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
