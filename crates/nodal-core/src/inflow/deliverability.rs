//! Deliverability equations `q = C (p̄r² − p_wf²)^n`: Rawlins and Schellhardt's (1935)
//! back-pressure equation for gas wells and Fetkovich's (1973) form for oil wells.

use super::{Inflow, RateBasis, check_flowing_pressure, check_rate, check_reservoir_pressure};
use crate::error::{CoreError, CoreResult, require_positive};
use crate::method::{MethodInfo, ParamRange};

/// Rawlins and Schellhardt (1935) back-pressure equation.
pub static RAWLINS_SCHELLHARDT_1935: MethodInfo = MethodInfo {
    id: "rawlins_schellhardt_1935",
    property: "inflow_performance",
    variant: "gas back-pressure equation q = C (p̄r² − pwf²)^n, q in Mscf/d, n in [0.5, 1]; AOF at pwf = 0 psia",
    source: "Rawlins, E.L. and Schellhardt, M.A. (1935): Back-Pressure Data on Natural-Gas Wells and Their Application to Production Practices. U.S. Bureau of Mines Monograph 7",
    ranges: &[ParamRange {
        param: "n",
        min: 0.5,
        max: 1.0,
    }],
};

/// Fetkovich (1973) oil-well deliverability.
pub static FETKOVICH_1973: MethodInfo = MethodInfo {
    id: "fetkovich_1973",
    property: "inflow_performance",
    variant: "oil-well back-pressure form q = C (p̄r² − pwf²)^n, q in STB/d (saturated reservoir; no separate single-phase part above pb)",
    source: "Fetkovich, M.J. (1973): The Isochronal Testing of Oil Wells. SPE 4529, 48th SPE Annual Fall Meeting, Las Vegas",
    ranges: &[ParamRange {
        param: "n",
        min: 0.568,
        max: 1.0,
    }],
};

/// Smallest and largest deliverability exponent accepted.
const EXPONENT_RANGE: (f64, f64) = (0.5, 1.0);

/// `q = C (p̄r² − p_wf²)^n`.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
struct Deliverability {
    reservoir_pressure_psia: f64,
    /// C, rate unit per psi^(2n).
    coefficient: f64,
    /// n, dimensionless.
    exponent: f64,
}

impl Deliverability {
    fn new(reservoir_pressure_psia: f64, coefficient: f64, exponent: f64) -> CoreResult<Self> {
        check_reservoir_pressure(reservoir_pressure_psia)?;
        require_positive("c", coefficient)?;
        check_exponent(exponent)?;
        Ok(Self {
            reservoir_pressure_psia,
            coefficient,
            exponent,
        })
    }

    fn aof(&self) -> f64 {
        self.coefficient * self.reservoir_pressure_psia.powf(2.0 * self.exponent)
    }

    fn rate_at(&self, flowing_pressure_psia: f64) -> CoreResult<f64> {
        let pr = self.reservoir_pressure_psia;
        check_flowing_pressure(flowing_pressure_psia, 0.0, pr)?;
        let dp2 = pr * pr - flowing_pressure_psia * flowing_pressure_psia;
        Ok(self.coefficient * dp2.max(0.0).powf(self.exponent))
    }

    fn pressure_at(&self, rate: f64, basis: RateBasis) -> CoreResult<f64> {
        check_rate(rate, self.aof(), basis)?;
        let pr = self.reservoir_pressure_psia;
        let dp2 = (rate / self.coefficient).powf(1.0 / self.exponent);
        Ok((pr * pr - dp2).max(0.0).sqrt())
    }
}

/// Checks a deliverability exponent against [0.5, 1].
pub(crate) fn check_exponent(exponent: f64) -> CoreResult<f64> {
    let (lo, hi) = EXPONENT_RANGE;
    if exponent.is_finite() && (lo..=hi).contains(&exponent) {
        Ok(exponent)
    } else {
        Err(CoreError::invalid(
            "n",
            format!(
                "the deliverability exponent must be between {lo} (fully turbulent) and {hi} (laminar) (got {exponent})"
            ),
        ))
    }
}

/// Rawlins and Schellhardt's (1935) back-pressure equation for gas wells:
///
/// `q = C (p̄r² − p_wf²)^n`
///
/// q in Mscf/d, pressures in psia, C in Mscf/d/psi^(2n), n between 0.5 (fully turbulent) and
/// 1 (laminar). The AOF is taken at zero flowing pressure, `C p̄r^(2n)`. Inverse (exact):
/// `p_wf = √(p̄r² − (q/C)^(1/n))`. Fit C and n from a multi-rate test with
/// [`super::fit_back_pressure`]. Source: [`RAWLINS_SCHELLHARDT_1935`].
///
/// ```
/// use nodal_core::inflow::{BackPressure, Inflow};
/// let w = BackPressure::new(2000.0, 0.01, 0.8).unwrap();
/// // q(1,000) = 0.01 × (4e6 − 1e6)^0.8
/// let expected = 0.01 * 3.0e6_f64.powf(0.8);
/// assert!((w.rate_at(1000.0).unwrap() - expected).abs() < 1e-9);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BackPressure(Deliverability);

impl BackPressure {
    /// From `p̄r` (psia), C (Mscf/d/psi^(2n), > 0) and n (0.5 to 1).
    pub fn new(reservoir_pressure_psia: f64, c: f64, n: f64) -> CoreResult<Self> {
        Deliverability::new(reservoir_pressure_psia, c, n).map(Self)
    }

    /// C, Mscf/d/psi^(2n).
    pub fn c(&self) -> f64 {
        self.0.coefficient
    }

    /// n.
    pub fn n(&self) -> f64 {
        self.0.exponent
    }

    /// Same C and n at another reservoir pressure.
    pub fn with_reservoir_pressure(&self, reservoir_pressure_psia: f64) -> CoreResult<Self> {
        Self::new(reservoir_pressure_psia, self.0.coefficient, self.0.exponent)
    }
}

impl Inflow for BackPressure {
    fn info(&self) -> &'static MethodInfo {
        &RAWLINS_SCHELLHARDT_1935
    }
    fn rate_basis(&self) -> RateBasis {
        RateBasis::Gas
    }
    fn reservoir_pressure_psia(&self) -> f64 {
        self.0.reservoir_pressure_psia
    }
    fn rate_at(&self, flowing_pressure_psia: f64) -> CoreResult<f64> {
        self.0.rate_at(flowing_pressure_psia)
    }
    fn pressure_at(&self, rate: f64) -> CoreResult<f64> {
        self.0.pressure_at(rate, RateBasis::Gas)
    }
    fn absolute_open_flow(&self) -> CoreResult<f64> {
        Ok(self.0.aof())
    }
}

/// Fetkovich's (1973) deliverability equation for oil wells, the gas-well back-pressure
/// form applied to oil (from isochronal tests of 40 oil wells, where he found n between
/// 0.568 and 1.000):
///
/// `q = C (p̄r² − p_wf²)^n`
///
/// q in STB/d, pressures in psia, C in STB/d/psi^(2n), n from 0.5 to 1 accepted. AOF
/// `C p̄r^(2n)`. Fit C and n from a multi-rate test with [`super::fit_fetkovich`].
/// Source: [`FETKOVICH_1973`].
///
/// ```
/// use nodal_core::inflow::{Fetkovich, Inflow};
/// // n = 1 with C = J/(2 p̄r) matches the straight line's slope J at zero drawdown.
/// let f = Fetkovich::new(3000.0, 1.0 / 6000.0, 1.0).unwrap();
/// assert!((f.absolute_open_flow().unwrap() - 1500.0).abs() < 1e-9);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Fetkovich(Deliverability);

impl Fetkovich {
    /// From `p̄r` (psia), C (STB/d/psi^(2n), > 0) and n (0.5 to 1).
    pub fn new(reservoir_pressure_psia: f64, c: f64, n: f64) -> CoreResult<Self> {
        Deliverability::new(reservoir_pressure_psia, c, n).map(Self)
    }

    /// C, STB/d/psi^(2n).
    pub fn c(&self) -> f64 {
        self.0.coefficient
    }

    /// n.
    pub fn n(&self) -> f64 {
        self.0.exponent
    }

    /// Same C and n at another reservoir pressure.
    pub fn with_reservoir_pressure(&self, reservoir_pressure_psia: f64) -> CoreResult<Self> {
        Self::new(reservoir_pressure_psia, self.0.coefficient, self.0.exponent)
    }
}

impl Inflow for Fetkovich {
    fn info(&self) -> &'static MethodInfo {
        &FETKOVICH_1973
    }
    fn rate_basis(&self) -> RateBasis {
        RateBasis::Liquid
    }
    fn reservoir_pressure_psia(&self) -> f64 {
        self.0.reservoir_pressure_psia
    }
    fn rate_at(&self, flowing_pressure_psia: f64) -> CoreResult<f64> {
        self.0.rate_at(flowing_pressure_psia)
    }
    fn pressure_at(&self, rate: f64) -> CoreResult<f64> {
        self.0.pressure_at(rate, RateBasis::Liquid)
    }
    fn absolute_open_flow(&self) -> CoreResult<f64> {
        Ok(self.0.aof())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn exponent_outside_half_to_one_is_rejected() {
        for n in [0.49, 1.01, f64::NAN] {
            let err = BackPressure::new(2000.0, 0.01, n).unwrap_err().to_string();
            assert!(err.starts_with("n:"), "{err}");
            assert!(Fetkovich::new(2000.0, 0.01, n).is_err());
        }
        assert!(
            BackPressure::new(2000.0, 0.0, 0.8)
                .unwrap_err()
                .to_string()
                .starts_with("c:")
        );
    }

    /// Fetkovich with n = 1 is linear in p²: the rate at half the reservoir pressure is
    /// three quarters of the AOF.
    #[test]
    fn fetkovich_n1_three_quarters_at_half_pressure() {
        let f = Fetkovich::new(3000.0, 1e-4, 1.0).unwrap();
        let aof = f.absolute_open_flow().unwrap();
        assert!((f.rate_at(1500.0).unwrap() / aof - 0.75).abs() < 1e-12);
        assert!((f.pressure_at(0.75 * aof).unwrap() - 1500.0).abs() < 1e-9);
        assert_eq!(f.rate_basis(), RateBasis::Liquid);
        assert_eq!(
            BackPressure::new(3000.0, 1e-4, 1.0).unwrap().rate_basis(),
            RateBasis::Gas
        );
    }
}
