//! Gas-well Darcy inflow with non-Darcy flow: the real-gas pseudo-pressure form and its
//! pressure-squared approximation.

use super::{Inflow, RateBasis, check_flowing_pressure, check_rate, check_reservoir_pressure};
use crate::error::{CoreError, CoreResult, require_positive};
use crate::method::MethodInfo;
use crate::numeric::brent;
use crate::pvt::gas::GasModel;
use crate::units::degf_to_degr;

/// Field-unit constant of radial gas flow in pseudo-pressure or pressure-squared form:
/// `Δm = 1422 T q (…)/(k h)` with q in Mscf/d, T in °R, k in md, h in ft, m in psi²/cp
/// (from 141.2 with standard conditions 14.7 psia and 520 °R; Economides et al. print 1424,
/// a different rounding of the same conversion).
const GAS_DELIVERABILITY_CONSTANT: f64 = 1422.0;

/// Most points a pseudo-pressure table may hold.
const MAX_TABLE_POINTS: usize = 10_000;

/// Gas Darcy inflow in real-gas pseudo-pressure.
pub static GAS_DARCY_PSEUDO_PRESSURE: MethodInfo = MethodInfo {
    id: "gas_darcy_pseudo_pressure",
    property: "inflow_performance",
    variant: "pseudo-steady state radial flow in real-gas pseudo-pressure with rate-dependent skin: m(p̄r) − m(pwf) = 1422 T q [ln(re/rw) − 3/4 + s + D q]/(k h)",
    source: "Al-Hussainy, R., Ramey, H.J. Jr. and Crawford, P.B. (1966): The Flow of Real Gases Through Porous Media. JPT 18(5), 624-636 (pseudo-pressure); Lee, W.J. and Wattenbarger, R.A. (1996): Gas Reservoir Engineering, SPE Textbook Series Vol. 5 (deliverability with non-Darcy coefficient D); Economides et al. (2013), Petroleum Production Systems, 2nd ed., Ch. 4",
    ranges: &[],
};

/// Gas Darcy inflow, pressure-squared approximation.
pub static GAS_DARCY_PRESSURE_SQUARED: MethodInfo = MethodInfo {
    id: "gas_darcy_pressure_squared",
    property: "inflow_performance",
    variant: "pressure-squared approximation with μ and Z fixed at an average pressure: p̄r² − pwf² = 1422 T μ̄ Z̄ q [ln(re/rw) − 3/4 + s + D q]/(k h)",
    source: "Lee, W.J. and Wattenbarger, R.A. (1996): Gas Reservoir Engineering, SPE Textbook Series Vol. 5; Economides et al. (2013), Petroleum Production Systems, 2nd ed., Ch. 4 (valid roughly below 2,000 psia, where μZ is nearly constant)",
    ranges: &[],
};

/// Real-gas pseudo-pressure `m(p) = 2 ∫ p/(μ Z) dp` in psi²/cp, supplied by the caller (the
/// PVT gas module, a table, or any function).
///
/// Only differences of `m` are used, so any reference pressure works. `m` must increase
/// strictly with pressure.
pub trait PseudoPressure {
    /// `m(p)`, psi²/cp, at `pressure_psia`.
    fn pseudo_pressure(&self, pressure_psia: f64) -> CoreResult<f64>;

    /// Lowest pressure at which `m` is defined, psia (0 by default).
    fn min_pressure_psia(&self) -> f64 {
        0.0
    }

    /// The pressure in `[min_pressure_psia, upper_psia]` at which `m` equals
    /// `pseudo_pressure` (psi²/cp). The default solves it by Brent's method.
    fn pressure_for(&self, pseudo_pressure: f64, upper_psia: f64) -> CoreResult<f64> {
        let lo = self.min_pressure_psia();
        let f_lo = self.pseudo_pressure(lo)? - pseudo_pressure;
        let f_hi = self.pseudo_pressure(upper_psia)? - pseudo_pressure;
        if f_lo > 0.0 || f_hi < 0.0 {
            return Err(CoreError::Physical(format!(
                "m(p) = {pseudo_pressure:.6e} psi²/cp is not reached between {lo} and {upper_psia} psia (m runs from {:.6e} to {:.6e})",
                f_lo + pseudo_pressure,
                f_hi + pseudo_pressure
            )));
        }
        let root = brent(
            |p| Ok(self.pseudo_pressure(p)? - pseudo_pressure),
            lo,
            upper_psia,
            f_lo,
            f_hi,
            1e-10 * upper_psia,
            0.0,
            200,
            "pseudo_pressure_inverse",
        )?;
        if root.converged {
            Ok(root.x)
        } else {
            Err(CoreError::NoConvergence {
                method: "pseudo_pressure_inverse",
                iterations: root.iterations,
                last_estimate: root.x,
                residual: root.fx,
            })
        }
    }
}

impl<F: Fn(f64) -> CoreResult<f64> + ?Sized> PseudoPressure for F {
    fn pseudo_pressure(&self, pressure_psia: f64) -> CoreResult<f64> {
        self(pressure_psia)
    }
}

/// `m(p)` tabulated at increasing pressures and interpolated linearly in `p²` between the
/// points (exact where `μZ` is constant over an interval, where `m` is linear in `p²`), with
/// the exact inverse of the same interpolation.
///
/// ```
/// use nodal_core::inflow::{PseudoPressure, PseudoPressureTable};
/// // An ideal gas with μZ = 0.02 cp: m = p²/0.02 exactly.
/// let t = PseudoPressureTable::new(vec![0.0, 1000.0, 3000.0],
///     vec![0.0, 5.0e7, 4.5e8]).unwrap();
/// assert!((t.pseudo_pressure(2000.0).unwrap() - 2.0e8).abs() < 1e-6);
/// assert!((t.pressure_for(2.0e8, 3000.0).unwrap() - 2000.0).abs() < 1e-9);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PseudoPressureTable {
    pressures_psia: Vec<f64>,
    pseudo_pressures_psi2_cp: Vec<f64>,
}

impl PseudoPressureTable {
    /// From pressures (psia, ≥ 0, strictly increasing) and `m(p)` values (psi²/cp, strictly
    /// increasing), 2 to 10,000 points of equal count.
    pub fn new(pressures_psia: Vec<f64>, pseudo_pressures_psi2_cp: Vec<f64>) -> CoreResult<Self> {
        if pressures_psia.len() != pseudo_pressures_psi2_cp.len() {
            return Err(CoreError::invalid(
                "pseudo_pressures_psi2_cp",
                format!(
                    "needs one value per pressure ({} pressures, {} values)",
                    pressures_psia.len(),
                    pseudo_pressures_psi2_cp.len()
                ),
            ));
        }
        if !(2..=MAX_TABLE_POINTS).contains(&pressures_psia.len()) {
            return Err(CoreError::invalid(
                "pressures_psia",
                format!(
                    "a pseudo-pressure table needs 2 to {MAX_TABLE_POINTS} points (got {})",
                    pressures_psia.len()
                ),
            ));
        }
        for (i, (&p, &m)) in pressures_psia
            .iter()
            .zip(&pseudo_pressures_psi2_cp)
            .enumerate()
        {
            if !(p.is_finite() && p >= 0.0) {
                return Err(CoreError::invalid(
                    "pressures_psia",
                    format!("point {i}: must be a finite pressure not below zero (got {p})"),
                ));
            }
            if !m.is_finite() {
                return Err(CoreError::invalid(
                    "pseudo_pressures_psi2_cp",
                    format!("point {i}: must be finite (got {m})"),
                ));
            }
            if i > 0 && p <= pressures_psia[i - 1] {
                return Err(CoreError::invalid(
                    "pressures_psia",
                    format!(
                        "point {i}: pressures must increase strictly ({p} after {})",
                        pressures_psia[i - 1]
                    ),
                ));
            }
            if i > 0 && m <= pseudo_pressures_psi2_cp[i - 1] {
                return Err(CoreError::invalid(
                    "pseudo_pressures_psi2_cp",
                    format!(
                        "point {i}: m(p) must increase strictly with pressure ({m} after {})",
                        pseudo_pressures_psi2_cp[i - 1]
                    ),
                ));
            }
        }
        Ok(Self {
            pressures_psia,
            pseudo_pressures_psi2_cp,
        })
    }

    /// `m(p)` of a gas at `temperature_degf` (°F), tabulated from 0 to `max_pressure_psia`
    /// (psia, above 0) at `intervals` + 1 evenly spaced pressures (2 to 9,999 intervals).
    ///
    /// `m` is integrated from 0 to the first node and then node to node with the gas model's
    /// own quadrature ([`GasModel::pseudo_pressure_psia2_cp`] and
    /// [`GasModel::delta_pseudo_pressure_psia2_cp`], relative error estimate 1e-10 per
    /// interval), so the nodes carry the integral of the model's `2p/(μZ)` and only the
    /// interpolation between nodes (linear in `p²`) is approximate, its error falling with the
    /// square of the spacing: with 400 intervals to 5,000 psia the interpolated `m` stays
    /// within 2e-6 of `m(5,000)` of the direct integral (tested).
    ///
    /// ```
    /// use nodal_core::inflow::{PseudoPressure, PseudoPressureTable};
    /// use nodal_core::pvt::gas::{GasMethods, GasModel, Impurities};
    /// let gas = GasModel::new(0.7, Impurities::NONE, GasMethods::default()).unwrap();
    /// let t = PseudoPressureTable::from_gas(&gas, 200.0, 4000.0, 400).unwrap();
    /// // 2,000 psia is a node (every 10 psi): the table holds the integral itself.
    /// let direct = gas.pseudo_pressure_psia2_cp(2000.0, 200.0).unwrap();
    /// assert!((t.pseudo_pressure(2000.0).unwrap() / direct - 1.0).abs() < 1e-8);
    /// ```
    pub fn from_gas(
        gas: &GasModel,
        temperature_degf: f64,
        max_pressure_psia: f64,
        intervals: usize,
    ) -> CoreResult<Self> {
        require_positive("max_pressure_psia", max_pressure_psia)?;
        if !(2..MAX_TABLE_POINTS).contains(&intervals) {
            return Err(CoreError::invalid(
                "intervals",
                format!(
                    "a pseudo-pressure table needs 2 to {} intervals (got {intervals})",
                    MAX_TABLE_POINTS - 1
                ),
            ));
        }
        let step = max_pressure_psia / intervals as f64;
        let pressures: Vec<f64> = (0..=intervals)
            .map(|i| {
                if i == intervals {
                    max_pressure_psia
                } else {
                    step * i as f64
                }
            })
            .collect();
        let mut values = Vec::with_capacity(pressures.len());
        values.push(0.0);
        values.push(gas.pseudo_pressure_psia2_cp(pressures[1], temperature_degf)?);
        for w in pressures.windows(2).skip(1) {
            let last = values[values.len() - 1];
            values.push(last + gas.delta_pseudo_pressure_psia2_cp(w[0], w[1], temperature_degf)?);
        }
        Self::new(pressures, values)
    }

    /// Highest tabulated pressure, psia.
    pub fn max_pressure_psia(&self) -> f64 {
        self.pressures_psia.last().copied().unwrap_or(0.0)
    }

    /// Index `i` of the interval `[p_i, p_{i+1}]` holding `x` in `values` (clamped).
    fn interval(values: &[f64], x: f64) -> usize {
        values
            .partition_point(|&v| v <= x)
            .saturating_sub(1)
            .min(values.len() - 2)
    }
}

impl PseudoPressure for PseudoPressureTable {
    fn pseudo_pressure(&self, pressure_psia: f64) -> CoreResult<f64> {
        let (p, m) = (&self.pressures_psia, &self.pseudo_pressures_psi2_cp);
        let (lo, hi) = (p[0], p[p.len() - 1]);
        if !(pressure_psia.is_finite() && pressure_psia >= lo && pressure_psia <= hi) {
            return Err(CoreError::invalid(
                "pressure_psia",
                format!("outside the pseudo-pressure table ({lo} to {hi} psia): {pressure_psia}"),
            ));
        }
        let i = Self::interval(p, pressure_psia);
        let w = (pressure_psia * pressure_psia - p[i] * p[i]) / (p[i + 1] * p[i + 1] - p[i] * p[i]);
        Ok(m[i] + w * (m[i + 1] - m[i]))
    }

    fn min_pressure_psia(&self) -> f64 {
        self.pressures_psia[0]
    }

    fn pressure_for(&self, pseudo_pressure: f64, upper_psia: f64) -> CoreResult<f64> {
        let (p, m) = (&self.pressures_psia, &self.pseudo_pressures_psi2_cp);
        let (lo, hi) = (m[0], m[m.len() - 1]);
        if !(pseudo_pressure.is_finite() && pseudo_pressure >= lo && pseudo_pressure <= hi) {
            return Err(CoreError::Physical(format!(
                "m(p) = {pseudo_pressure:.6e} psi²/cp lies outside the pseudo-pressure table ({lo:.6e} to {hi:.6e})"
            )));
        }
        let i = Self::interval(m, pseudo_pressure);
        let w = (pseudo_pressure - m[i]) / (m[i + 1] - m[i]);
        let p2 = p[i] * p[i] + w * (p[i + 1] * p[i + 1] - p[i] * p[i]);
        Ok(p2.max(0.0).sqrt().min(upper_psia))
    }
}

/// Reservoir and well properties of radial gas inflow.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GasDarcyInput {
    /// Effective permeability to gas, md.
    pub permeability_md: f64,
    /// Net pay thickness, ft.
    pub thickness_ft: f64,
    /// Reservoir temperature, °F.
    pub temperature_degf: f64,
    /// Drainage radius, ft.
    pub drainage_radius_ft: f64,
    /// Wellbore radius, ft.
    pub wellbore_radius_ft: f64,
    /// Skin factor (rate-independent part), dimensionless.
    pub skin: f64,
    /// Non-Darcy coefficient D, d/Mscf: the rate-dependent skin is `D q`.
    pub non_darcy_coefficient_d_mscf: f64,
    /// Average reservoir pressure, psia.
    pub reservoir_pressure_psia: f64,
}

impl GasDarcyInput {
    /// Checks every field and that `ln(re/rw) − 3/4 + s > 0`.
    pub fn validate(&self) -> CoreResult<()> {
        super::check_radial_drainage(
            self.permeability_md,
            self.thickness_ft,
            self.wellbore_radius_ft,
            self.drainage_radius_ft,
            self.skin,
        )?;
        crate::error::require_in_range("temperature_degf", self.temperature_degf, -50.0, 700.0)?;
        let d = self.non_darcy_coefficient_d_mscf;
        if !(d.is_finite() && d >= 0.0) {
            return Err(CoreError::invalid(
                "non_darcy_coefficient_d_mscf",
                format!("must be zero or above (got {d})"),
            ));
        }
        check_reservoir_pressure(self.reservoir_pressure_psia)?;
        Ok(())
    }

    fn flow_term(&self) -> f64 {
        (self.drainage_radius_ft / self.wellbore_radius_ft).ln() - 0.75 + self.skin
    }

    /// `(a, b)` of `Δ = a q + b q²` per unit of `μZ` (pseudo-pressure form): `a = 1422 T
    /// (ln(re/rw) − 3/4 + s)/(k h)`, `b = 1422 T D/(k h)`.
    fn coefficients(&self) -> (f64, f64) {
        let scale = GAS_DELIVERABILITY_CONSTANT * degf_to_degr(self.temperature_degf)
            / (self.permeability_md * self.thickness_ft);
        (
            scale * self.flow_term(),
            scale * self.non_darcy_coefficient_d_mscf,
        )
    }
}

/// Positive root of `b q² + a q = Δ`: `q = 2Δ / (a + √(a² + 4 b Δ))`.
#[inline]
fn quadratic_rate(a: f64, b: f64, delta: f64) -> f64 {
    2.0 * delta / (a + (a * a + 4.0 * b * delta).sqrt())
}

/// Pressure-squared approximation of radial gas inflow with non-Darcy flow:
///
/// `p̄r² − p_wf² = 1422 T μ̄ Z̄ q [ln(re/rw) − 3/4 + s + D q] / (k h)`
///
/// q in Mscf/d, pressures in psia, T in °R (from the °F input), μ̄ (cp) and Z̄ the gas
/// viscosity and Z factor at an average pressure, k in md, h in ft, D in d/Mscf. Valid where
/// `μZ` is nearly constant (low pressure, roughly below 2,000 psia); otherwise use
/// [`GasPseudoPressureInflow`]. Source: [`GAS_DARCY_PRESSURE_SQUARED`].
///
/// ```
/// use nodal_core::inflow::{GasDarcyInput, GasDarcyPressureSquared, Inflow};
/// let w = GasDarcyPressureSquared::new(GasDarcyInput {
///     permeability_md: 5.0, thickness_ft: 30.0, temperature_degf: 200.0,
///     drainage_radius_ft: 1490.0, wellbore_radius_ft: 0.354, skin: 1.0,
///     non_darcy_coefficient_d_mscf: 0.0, reservoir_pressure_psia: 1500.0,
/// }, 0.015, 0.88).unwrap();
/// // Without D it is linear in p²: q = k h Δp² / (1422 T μZ (ln(re/rw) − 0.75 + s)).
/// let expected = 5.0 * 30.0 * (1500.0f64.powi(2) - 1000.0f64.powi(2))
///     / (1422.0 * 659.67 * 0.015 * 0.88 * ((1490.0f64 / 0.354).ln() - 0.75 + 1.0));
/// assert!((w.rate_at(1000.0).unwrap() - expected).abs() < 1e-9);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GasDarcyPressureSquared {
    input: GasDarcyInput,
    average_viscosity_cp: f64,
    average_z_factor: f64,
}

impl GasDarcyPressureSquared {
    /// From the reservoir and well properties and the gas viscosity (cp) and Z factor at an
    /// average pressure.
    pub fn new(
        input: GasDarcyInput,
        average_viscosity_cp: f64,
        average_z_factor: f64,
    ) -> CoreResult<Self> {
        input.validate()?;
        crate::error::require_positive_at_most(
            "average_viscosity_cp",
            average_viscosity_cp,
            super::MAX_VISCOSITY_CP,
        )?;
        require_positive("average_z_factor", average_z_factor)?;
        Ok(Self {
            input,
            average_viscosity_cp,
            average_z_factor,
        })
    }

    /// The reservoir and well properties.
    pub fn input(&self) -> &GasDarcyInput {
        &self.input
    }

    /// Same well with skin `skin`.
    pub fn with_skin(&self, skin: f64) -> CoreResult<Self> {
        Self::new(
            GasDarcyInput { skin, ..self.input },
            self.average_viscosity_cp,
            self.average_z_factor,
        )
    }

    /// Same well at another average reservoir pressure (μ̄ and Z̄ unchanged).
    pub fn with_reservoir_pressure(&self, reservoir_pressure_psia: f64) -> CoreResult<Self> {
        Self::new(
            GasDarcyInput {
                reservoir_pressure_psia,
                ..self.input
            },
            self.average_viscosity_cp,
            self.average_z_factor,
        )
    }

    /// `(a, b)` of `Δp² = a q + b q²`.
    fn coefficients(&self) -> (f64, f64) {
        let (a, b) = self.input.coefficients();
        let mu_z = self.average_viscosity_cp * self.average_z_factor;
        (a * mu_z, b * mu_z)
    }
}

impl Inflow for GasDarcyPressureSquared {
    fn info(&self) -> &'static MethodInfo {
        &GAS_DARCY_PRESSURE_SQUARED
    }
    fn rate_basis(&self) -> RateBasis {
        RateBasis::Gas
    }
    fn reservoir_pressure_psia(&self) -> f64 {
        self.input.reservoir_pressure_psia
    }
    fn rate_at(&self, flowing_pressure_psia: f64) -> CoreResult<f64> {
        let pr = self.input.reservoir_pressure_psia;
        check_flowing_pressure(flowing_pressure_psia, 0.0, pr)?;
        let (a, b) = self.coefficients();
        Ok(quadratic_rate(
            a,
            b,
            pr * pr - flowing_pressure_psia * flowing_pressure_psia,
        ))
    }
    fn pressure_at(&self, rate: f64) -> CoreResult<f64> {
        let pr = self.input.reservoir_pressure_psia;
        check_rate(rate, self.absolute_open_flow()?, RateBasis::Gas)?;
        let (a, b) = self.coefficients();
        Ok((pr * pr - a * rate - b * rate * rate).max(0.0).sqrt())
    }
    fn absolute_open_flow(&self) -> CoreResult<f64> {
        let pr = self.input.reservoir_pressure_psia;
        let (a, b) = self.coefficients();
        Ok(quadratic_rate(a, b, pr * pr))
    }
}

/// Radial gas inflow in real-gas pseudo-pressure with non-Darcy flow:
///
/// `m(p̄r) − m(p_wf) = 1422 T q [ln(re/rw) − 3/4 + s + D q] / (k h)`
///
/// q in Mscf/d, m in psi²/cp, T in °R (from the °F input), k in md, h in ft, D in d/Mscf.
/// `m(p)` comes from the [`PseudoPressure`] source `M` (a function, `&dyn Fn`, or a
/// [`PseudoPressureTable`]); the rate at a flowing pressure is the positive root of the
/// quadratic in q, and the flowing pressure at a rate inverts `m`. The AOF is taken at the
/// lowest pressure of the `m(p)` source (0 psia for a function). Source:
/// [`GAS_DARCY_PSEUDO_PRESSURE`].
///
/// ```
/// use nodal_core::{CoreResult, inflow::{GasDarcyInput, GasPseudoPressureInflow, Inflow}};
/// let ideal = |p: f64| -> CoreResult<f64> { Ok(p * p / (0.015 * 0.88)) };
/// let w = GasPseudoPressureInflow::new(GasDarcyInput {
///     permeability_md: 5.0, thickness_ft: 30.0, temperature_degf: 200.0,
///     drainage_radius_ft: 1490.0, wellbore_radius_ft: 0.354, skin: 1.0,
///     non_darcy_coefficient_d_mscf: 1e-4, reservoir_pressure_psia: 1500.0,
/// }, &ideal).unwrap();
/// let q = w.rate_at(1000.0).unwrap();
/// assert!((w.pressure_at(q).unwrap() - 1000.0).abs() < 1e-6);
/// ```
pub struct GasPseudoPressureInflow<'a, M: ?Sized> {
    input: GasDarcyInput,
    pseudo_pressure: &'a M,
    reservoir_pseudo_pressure: f64,
    lowest_pressure_psia: f64,
    lowest_pseudo_pressure: f64,
    absolute_open_flow: f64,
}

// Written out so that the model is `Copy` and `Debug` whatever the `m(p)` source is (it is
// only borrowed).
impl<M: ?Sized> Clone for GasPseudoPressureInflow<'_, M> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<M: ?Sized> Copy for GasPseudoPressureInflow<'_, M> {}

impl<M: ?Sized> std::fmt::Debug for GasPseudoPressureInflow<'_, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GasPseudoPressureInflow")
            .field("input", &self.input)
            .field("reservoir_pseudo_pressure", &self.reservoir_pseudo_pressure)
            .field("lowest_pressure_psia", &self.lowest_pressure_psia)
            .field("absolute_open_flow", &self.absolute_open_flow)
            .finish_non_exhaustive()
    }
}

impl<'a, M: PseudoPressure + ?Sized> GasPseudoPressureInflow<'a, M> {
    /// From the reservoir and well properties and the `m(p)` source, which must cover the
    /// pressures from its [`PseudoPressure::min_pressure_psia`] up to `p̄r`.
    pub fn new(input: GasDarcyInput, pseudo_pressure: &'a M) -> CoreResult<Self> {
        input.validate()?;
        let pr = input.reservoir_pressure_psia;
        let lowest = pseudo_pressure.min_pressure_psia();
        if !(lowest.is_finite() && lowest >= 0.0 && lowest < pr) {
            return Err(CoreError::invalid(
                "pseudo_pressure",
                format!(
                    "the m(p) source must start below the reservoir pressure {pr} psia (it starts at {lowest})"
                ),
            ));
        }
        let m_res = pseudo_pressure.pseudo_pressure(pr)?;
        let m_low = pseudo_pressure.pseudo_pressure(lowest)?;
        if !(m_res.is_finite() && m_low.is_finite() && m_res > m_low) {
            return Err(CoreError::invalid(
                "pseudo_pressure",
                format!(
                    "m(p) must increase with pressure: m({lowest}) = {m_low:e}, m({pr}) = {m_res:e} psi²/cp"
                ),
            ));
        }
        let (a, b) = input.coefficients();
        Ok(Self {
            input,
            pseudo_pressure,
            reservoir_pseudo_pressure: m_res,
            lowest_pressure_psia: lowest,
            lowest_pseudo_pressure: m_low,
            absolute_open_flow: quadratic_rate(a, b, m_res - m_low),
        })
    }

    /// The reservoir and well properties.
    pub fn input(&self) -> &GasDarcyInput {
        &self.input
    }

    /// Same well with skin `skin`.
    pub fn with_skin(&self, skin: f64) -> CoreResult<Self> {
        Self::new(GasDarcyInput { skin, ..self.input }, self.pseudo_pressure)
    }

    /// Same well and `m(p)` source at another average reservoir pressure, which the source
    /// must cover.
    pub fn with_reservoir_pressure(&self, reservoir_pressure_psia: f64) -> CoreResult<Self> {
        Self::new(
            GasDarcyInput {
                reservoir_pressure_psia,
                ..self.input
            },
            self.pseudo_pressure,
        )
    }
}

impl<M: PseudoPressure + ?Sized> Inflow for GasPseudoPressureInflow<'_, M> {
    fn info(&self) -> &'static MethodInfo {
        &GAS_DARCY_PSEUDO_PRESSURE
    }
    fn rate_basis(&self) -> RateBasis {
        RateBasis::Gas
    }
    fn reservoir_pressure_psia(&self) -> f64 {
        self.input.reservoir_pressure_psia
    }
    fn lowest_flowing_pressure_psia(&self) -> f64 {
        self.lowest_pressure_psia
    }
    fn rate_at(&self, flowing_pressure_psia: f64) -> CoreResult<f64> {
        let pr = self.input.reservoir_pressure_psia;
        check_flowing_pressure(flowing_pressure_psia, self.lowest_pressure_psia, pr)?;
        let m = self
            .pseudo_pressure
            .pseudo_pressure(flowing_pressure_psia)?;
        let delta = self.reservoir_pseudo_pressure - m;
        if !(delta.is_finite() && delta >= 0.0) {
            return Err(CoreError::Physical(format!(
                "m(p) must increase with pressure: m({flowing_pressure_psia}) = {m:e} exceeds m(p̄r) = {:e} psi²/cp",
                self.reservoir_pseudo_pressure
            )));
        }
        let (a, b) = self.input.coefficients();
        Ok(quadratic_rate(a, b, delta))
    }
    fn pressure_at(&self, rate: f64) -> CoreResult<f64> {
        check_rate(rate, self.absolute_open_flow, RateBasis::Gas)?;
        let (a, b) = self.input.coefficients();
        // At the AOF the quadratic can land a rounding error below m(lowest).
        let target = (self.reservoir_pseudo_pressure - (a * rate + b * rate * rate))
            .max(self.lowest_pseudo_pressure);
        let p = self
            .pseudo_pressure
            .pressure_for(target, self.input.reservoir_pressure_psia)?;
        Ok(p.max(self.lowest_pressure_psia))
    }
    fn absolute_open_flow(&self) -> CoreResult<f64> {
        Ok(self.absolute_open_flow)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn input(pr: f64, d: f64) -> GasDarcyInput {
        GasDarcyInput {
            permeability_md: 5.0,
            thickness_ft: 30.0,
            temperature_degf: 200.0,
            drainage_radius_ft: 1490.0,
            wellbore_radius_ft: 0.354,
            skin: 1.0,
            non_darcy_coefficient_d_mscf: d,
            reservoir_pressure_psia: pr,
        }
    }

    /// `m(p)` of a 0.7-gravity gas at 200 °F from `pyrestoolbox.gas.gas_dmp(1.0, p, 200,
    /// 0.7)` (3.8.9, DAK Z with PMC pseudo-criticals, run outside the project), with m(0)
    /// set to 0.
    fn table() -> PseudoPressureTable {
        PseudoPressureTable::new(
            vec![
                0.0, 500.0, 1000.0, 1500.0, 2000.0, 2500.0, 3000.0, 3500.0, 4000.0,
            ],
            vec![
                0.0,
                19_224_295.808_103_822,
                75_996_442.979_902_95,
                166_953_043.644_594_67,
                286_635_704.414_548_8,
                428_491_907.349_123_7,
                586_101_642.831_488,
                754_076_827.425_347_7,
                928_362_964.497_050_3,
            ],
        )
        .unwrap()
    }

    /// Against `pyrestoolbox.gas.gas_rate_radial(5, 30, 4000, pwf, 0.354, 1490, 200, S=1,
    /// D=1e-4, sg=0.7)` (same m(p), constant 1422, T in °R, ln(re/rw) − 0.75 + S + D q):
    /// 5,955.030 / 10,625.490 / 14,476.023 Mscf/d at 3,000 / 2,000 / 500 psia. The table
    /// nodes carry pyrestoolbox's own m(p), so the tolerance is 1e-6 relative.
    #[test]
    fn pseudo_pressure_inflow_matches_pyrestoolbox() {
        let t = table();
        let w = GasPseudoPressureInflow::new(input(4000.0, 1e-4), &t).unwrap();
        for (pwf, expected) in [
            (3000.0, 5_955.030_319_56),
            (2000.0, 10_625.490_100_12),
            (500.0, 14_476.022_557_14),
        ] {
            let q = w.rate_at(pwf).unwrap();
            assert!(((q - expected) / expected).abs() < 1e-6, "{pwf}: {q}");
            assert!((w.pressure_at(q).unwrap() - pwf).abs() < 1e-6);
        }
        // Without D: 6,367.624 Mscf/d at 3,000 psia.
        let w0 = GasPseudoPressureInflow::new(input(4000.0, 0.0), &t).unwrap();
        assert!(((w0.rate_at(3000.0).unwrap() - 6_367.624_017) / 6367.624).abs() < 1e-6);
        // Copy even though the table is not.
        let copy = w;
        assert_eq!(copy.rate_at(3000.0).unwrap(), w.rate_at(3000.0).unwrap());
        assert!(format!("{w:?}").starts_with("GasPseudoPressureInflow"));
        // The AOF is at the table's lowest pressure.
        assert!((w.absolute_open_flow().unwrap() - w.rate_at(0.0).unwrap()).abs() < 1e-9);
    }

    /// With `m = p²/(μZ)` (constant μZ) the pseudo-pressure model equals the
    /// pressure-squared model exactly, through a closure and through `&dyn Fn`.
    #[test]
    fn pseudo_pressure_with_constant_mu_z_is_pressure_squared() {
        let mu_z = 0.015 * 0.88;
        let m = move |p: f64| -> CoreResult<f64> { Ok(p * p / mu_z) };
        let dyn_m: &dyn Fn(f64) -> CoreResult<f64> = &m;
        let pp = GasPseudoPressureInflow::new(input(1800.0, 2e-4), dyn_m).unwrap();
        let p2 = GasDarcyPressureSquared::new(input(1800.0, 2e-4), 0.015, 0.88).unwrap();
        for pwf in [0.0, 400.0, 1200.0, 1799.0] {
            let a = pp.rate_at(pwf).unwrap();
            let b = p2.rate_at(pwf).unwrap();
            assert!((a - b).abs() <= 1e-9 * b.max(1.0), "{pwf}: {a} {b}");
        }
        let q = 0.6 * p2.absolute_open_flow().unwrap();
        assert!((pp.pressure_at(q).unwrap() - p2.pressure_at(q).unwrap()).abs() < 1e-6);
        assert!((pp.absolute_open_flow().unwrap() - p2.absolute_open_flow().unwrap()).abs() < 1e-6);
        // At the AOF itself the inverse lands on the lowest pressure, not a rounding error
        // below m(lowest); the same at another reservoir pressure and skin.
        for w in [
            pp,
            pp.with_reservoir_pressure(4000.0).unwrap(),
            pp.with_skin(3.0).unwrap(),
        ] {
            assert!(w.pressure_at(w.absolute_open_flow().unwrap()).unwrap() < 1e-3);
        }
        assert!(pp.with_reservoir_pressure(-1.0).is_err());
    }

    /// The table built from a gas model reproduces the model's directly integrated `m(p)`
    /// between the nodes within 2e-6 of `m(5,000 psia)`, and the inflow built on it matches
    /// the inflow on the direct integral within 1e-4 relative even at a 100 psi drawdown.
    #[test]
    fn table_from_gas_matches_the_direct_integral() {
        use crate::pvt::gas::{GasMethods, Impurities};
        let gas = GasModel::new(0.7, Impurities::NONE, GasMethods::default()).unwrap();
        let t = PseudoPressureTable::from_gas(&gas, 200.0, 5000.0, 400).unwrap();
        assert_eq!(t.max_pressure_psia(), 5000.0);
        let m_top = gas.pseudo_pressure_psia2_cp(5000.0, 200.0).unwrap();
        assert!((t.pseudo_pressure(5000.0).unwrap() - m_top).abs() < 1e-8 * m_top);
        for p in [30.0, 777.0, 1234.5, 2890.0, 4321.0] {
            let direct = gas.pseudo_pressure_psia2_cp(p, 200.0).unwrap();
            let table = t.pseudo_pressure(p).unwrap();
            assert!(
                (table - direct).abs() < 2e-6 * m_top,
                "{p}: {table} {direct}"
            );
        }
        let direct = |p: f64| -> CoreResult<f64> {
            if p <= 0.0 {
                Ok(0.0)
            } else {
                gas.pseudo_pressure_psia2_cp(p, 200.0)
            }
        };
        let a = GasPseudoPressureInflow::new(input(4000.0, 1e-4), &t).unwrap();
        let b = GasPseudoPressureInflow::new(input(4000.0, 1e-4), &direct).unwrap();
        for pwf in [0.0, 1111.0, 2500.0, 3900.0] {
            let (qa, qb) = (a.rate_at(pwf).unwrap(), b.rate_at(pwf).unwrap());
            assert!((qa - qb).abs() <= 1e-4 * qb.max(1.0), "{pwf}: {qa} {qb}");
        }
        assert!(PseudoPressureTable::from_gas(&gas, 200.0, 0.0, 10).is_err());
        let e = PseudoPressureTable::from_gas(&gas, 200.0, 1000.0, 1)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("intervals"), "{e}");
    }

    #[test]
    fn non_darcy_flow_lowers_the_rate() {
        let low = GasDarcyPressureSquared::new(input(1500.0, 0.0), 0.015, 0.88).unwrap();
        let high = GasDarcyPressureSquared::new(input(1500.0, 1e-3), 0.015, 0.88).unwrap();
        assert!(high.rate_at(500.0).unwrap() < low.rate_at(500.0).unwrap());
        assert!(
            high.with_skin(10.0).unwrap().rate_at(500.0).unwrap() < high.rate_at(500.0).unwrap()
        );
    }

    #[test]
    fn table_and_inputs_are_validated() {
        assert!(PseudoPressureTable::new(vec![0.0], vec![0.0]).is_err());
        let e = PseudoPressureTable::new(vec![0.0, 1.0, 1.0], vec![0.0, 1.0, 2.0])
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("pressures_psia"), "{e}");
        let e = PseudoPressureTable::new(vec![0.0, 1.0, 2.0], vec![0.0, 2.0, 1.0])
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("pseudo_pressures_psi2_cp"), "{e}");
        let t = table();
        assert!(t.pseudo_pressure(4100.0).is_err());
        // The table must reach the reservoir pressure.
        assert!(GasPseudoPressureInflow::new(input(5000.0, 0.0), &t).is_err());
        let e = GasDarcyPressureSquared::new(
            GasDarcyInput {
                non_darcy_coefficient_d_mscf: -1.0,
                ..input(1500.0, 0.0)
            },
            0.015,
            0.9,
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("non_darcy_coefficient_d_mscf"), "{e}");
    }
}
