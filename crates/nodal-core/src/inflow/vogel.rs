//! Vogel's (1968) dimensionless IPR and the models built on it: the composite (PI above the
//! bubble point, Vogel below, water by the Petrobras method) and Standing's (1970)
//! flow-efficiency extension.

use super::{
    Inflow, RateBasis, check_flowing_pressure, check_rate, check_reservoir_pressure,
    check_test_point,
};
use crate::error::{CoreError, CoreResult, require_in_range, require_positive};
use crate::method::{MethodInfo, ParamRange};
use crate::numeric::brent;

/// Vogel (1968).
pub static VOGEL_1968: MethodInfo = MethodInfo {
    id: "vogel_1968",
    property: "inflow_performance",
    variant: "q/qmax = 1 − 0.2 (pwf/p̄r) − 0.8 (pwf/p̄r)² (saturated oil, solution-gas drive, FE = 1)",
    source: "Vogel, J.V. (1968): Inflow Performance Relationships for Solution-Gas Drive Wells. JPT 20(1), 83-92, SPE 1476",
    ranges: &[],
};

/// Composite IPR with water (Brown, 1984).
pub static COMPOSITE_BROWN_1984: MethodInfo = MethodInfo {
    id: "composite_ipr_brown_1984",
    property: "inflow_performance",
    variant: "constant J above pb; generalized Vogel below (qv = J pb/1.8); water by the Petrobras composite method: pwf weighted by water cut between oil (Vogel) and water (constant J) up to qo,max, then a straight line with the slope of the composite curve at qo,max (finite difference over 0.1 % of qo,max, as published) to qt,max",
    source: "Brown, K.E. (1984): The Technology of Artificial Lift Methods, Vol. 4, PennWell, Tulsa (composite IPR, Petrobras method); generalized Vogel as in Beggs, H.D. (2003): Production Optimization Using Nodal Analysis, 2nd ed., Ch. 2",
    ranges: &[ParamRange {
        param: "water_cut_fraction",
        min: 0.0,
        max: 1.0,
    }],
};

/// Standing (1970) flow-efficiency extension of Vogel.
pub static STANDING_FE_1970: MethodInfo = MethodInfo {
    id: "standing_fe_1970",
    property: "inflow_performance",
    variant: "Vogel at the ideal pressure pwf' = p̄r − FE (p̄r − pwf), i.e. q/qmax(FE=1) = 1.8 FE (1 − pwf/p̄r) − 0.8 FE² (1 − pwf/p̄r)²; for FE > 1 truncated where pwf' = 0 (pwf = p̄r (1 − 1/FE)), where Standing's curves end",
    source: "Standing, M.B. (1970): Inflow Performance Relationships for Damaged Wells Producing by Solution-Gas Drive. JPT 22(11), 1399-1400",
    ranges: &[ParamRange {
        param: "flow_efficiency",
        min: 0.5,
        max: 1.5,
    }],
};

/// Vogel's dimensionless IPR for a saturated (solution-gas drive) oil well:
///
/// `q / q_max = 1 − 0.2 (p_wf/p̄r) − 0.8 (p_wf/p̄r)²`
///
/// Rates in STB/d, pressures in psia. Inverse (exact):
/// `p_wf = 0.125 p̄r (√(81 − 80 q/q_max) − 1)`. Vogel derived it from simulations of
/// solution-gas drive reservoirs below the bubble point with no damage (FE = 1); see
/// [`StandingFe`] for damaged or stimulated wells and [`CompositeIpr`] for undersaturated
/// reservoirs. Source: [`VOGEL_1968`].
///
/// ```
/// use nodal_core::inflow::{Inflow, Vogel};
/// // 350 STB/d at 2,000 from 2,500: q_max = 350 / (1 − 0.16 − 0.512) = 1,067.07 STB/d.
/// let v = Vogel::from_test(2500.0, 350.0, 2000.0).unwrap();
/// assert!((v.max_rate_stb_d() - 1067.07).abs() < 0.01);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Vogel {
    reservoir_pressure_psia: f64,
    max_rate_stb_d: f64,
}

impl Vogel {
    /// From `p̄r` (psia) and `q_max` (STB/d, the rate at zero flowing pressure).
    pub fn new(reservoir_pressure_psia: f64, max_rate_stb_d: f64) -> CoreResult<Self> {
        check_reservoir_pressure(reservoir_pressure_psia)?;
        crate::error::require_positive_at_most("max_rate_stb_d", max_rate_stb_d, super::MAX_RATE)?;
        Ok(Self {
            reservoir_pressure_psia,
            max_rate_stb_d,
        })
    }

    /// From one stabilised test (rate STB/d, flowing pressure psia below `p̄r`).
    pub fn from_test(
        reservoir_pressure_psia: f64,
        test_rate_stb_d: f64,
        test_pressure_psia: f64,
    ) -> CoreResult<Self> {
        check_reservoir_pressure(reservoir_pressure_psia)?;
        check_test_point(test_rate_stb_d, test_pressure_psia, reservoir_pressure_psia)?;
        let x = test_pressure_psia / reservoir_pressure_psia;
        Self::new(reservoir_pressure_psia, test_rate_stb_d / vogel_fraction(x))
    }

    /// `q_max`, STB/d.
    pub fn max_rate_stb_d(&self) -> f64 {
        self.max_rate_stb_d
    }

    /// Same zero-drawdown PI `J* = 1.8 q_max/p̄r` at another reservoir pressure.
    pub fn with_reservoir_pressure(&self, reservoir_pressure_psia: f64) -> CoreResult<Self> {
        check_reservoir_pressure(reservoir_pressure_psia)?;
        Self::new(
            reservoir_pressure_psia,
            self.max_rate_stb_d * reservoir_pressure_psia / self.reservoir_pressure_psia,
        )
    }
}

/// `1 − 0.2 x − 0.8 x²`.
#[inline]
fn vogel_fraction(x: f64) -> f64 {
    1.0 - 0.2 * x - 0.8 * x * x
}

/// Inverse of [`vogel_fraction`] on `[0, 1]`: `0.125 (√(81 − 80 f) − 1)`.
#[inline]
fn vogel_pressure_ratio(fraction: f64) -> f64 {
    0.125 * ((81.0 - 80.0 * fraction).max(1.0).sqrt() - 1.0)
}

impl Inflow for Vogel {
    fn info(&self) -> &'static MethodInfo {
        &VOGEL_1968
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
        Ok(self.max_rate_stb_d * vogel_fraction(flowing_pressure_psia / pr))
    }
    fn pressure_at(&self, rate: f64) -> CoreResult<f64> {
        check_rate(rate, self.max_rate_stb_d, RateBasis::Liquid)?;
        Ok(self.reservoir_pressure_psia * vogel_pressure_ratio(rate / self.max_rate_stb_d))
    }
    fn absolute_open_flow(&self) -> CoreResult<f64> {
        Ok(self.max_rate_stb_d)
    }
}

/// The composite curve shared by [`CompositeIpr`] and [`super::DarcyRadial`] with a bubble
/// point: straight line above `p_b`, Vogel below, water by the Petrobras weighting.
///
/// `bubble_point_psia` is the effective one (at most `p̄r`; zero means no Vogel part).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct GeneralizedVogel {
    pub reservoir_pressure_psia: f64,
    pub bubble_point_psia: f64,
    pub productivity_index: f64,
    pub water_cut: f64,
}

impl GeneralizedVogel {
    /// Rate at the bubble point, `q_b = J (p̄r − p_b)`.
    fn bubble_point_rate(&self) -> f64 {
        self.productivity_index * (self.reservoir_pressure_psia - self.bubble_point_psia)
    }

    /// Oil maximum of the generalized Vogel curve, `q_o,max = q_b + J p_b / 1.8`.
    fn oil_max_rate(&self) -> f64 {
        self.bubble_point_rate() + self.productivity_index * self.bubble_point_psia / 1.8
    }

    /// Regions 1 and 2 of the composite curve (q ≤ q_o,max).
    fn pressure_below_oil_max(&self, rate: f64) -> f64 {
        let pr = self.reservoir_pressure_psia;
        let j = self.productivity_index;
        let qb = self.bubble_point_rate();
        if rate <= qb {
            return pr - rate / j;
        }
        let fw = self.water_cut;
        let u = (rate - qb) / (self.oil_max_rate() - qb);
        let oil = self.bubble_point_psia * vogel_pressure_ratio(u);
        fw * (pr - rate / j) + (1.0 - fw) * oil
    }

    /// Flowing pressure at `q_o,max`: `F_w (p̄r − q_o,max / J)` (the oil part is zero there).
    fn pressure_at_oil_max(&self) -> f64 {
        self.water_cut
            * (self.reservoir_pressure_psia - self.oil_max_rate() / self.productivity_index)
    }

    /// Slope `−dp/dq` of the straight line beyond `q_o,max`: `tan β = CD / CG` with
    /// `CG = 0.001 q_o,max` and `CD` the pressure difference of the composite curve between
    /// `0.999 q_o,max` and `q_o,max` (Brown, 1984).
    fn tan_beta(&self) -> f64 {
        let qo = self.oil_max_rate();
        let cd = self.pressure_below_oil_max(0.999 * qo) - self.pressure_below_oil_max(qo);
        cd / (0.001 * qo)
    }

    fn has_vogel_part(&self) -> bool {
        self.bubble_point_psia > 0.0
    }

    /// Highest total rate, at zero flowing pressure: `q_t,max = q_o,max + F_w (p̄r −
    /// q_o,max/J) / tan β`.
    pub fn max_total_rate(&self) -> f64 {
        if !self.has_vogel_part() {
            return self.productivity_index * self.reservoir_pressure_psia;
        }
        self.oil_max_rate() + self.pressure_at_oil_max() / self.tan_beta()
    }

    /// Flowing pressure at a total rate in `[0, q_t,max]`.
    pub fn pressure_at(&self, rate: f64) -> f64 {
        if !self.has_vogel_part() {
            return (self.reservoir_pressure_psia - rate / self.productivity_index).max(0.0);
        }
        let qo = self.oil_max_rate();
        if rate <= qo {
            self.pressure_below_oil_max(rate).max(0.0)
        } else {
            (self.pressure_at_oil_max() - (rate - qo) * self.tan_beta()).max(0.0)
        }
    }

    /// Total rate at a flowing pressure in `[0, p̄r]`.
    pub fn rate_at(&self, flowing_pressure_psia: f64) -> CoreResult<f64> {
        let pr = self.reservoir_pressure_psia;
        let pb = self.bubble_point_psia;
        let j = self.productivity_index;
        if !self.has_vogel_part() || flowing_pressure_psia >= pb {
            return Ok(j * (pr - flowing_pressure_psia));
        }
        let qb = self.bubble_point_rate();
        let qo = self.oil_max_rate();
        if self.water_cut == 0.0 {
            return Ok(qb + (qo - qb) * vogel_fraction(flowing_pressure_psia / pb));
        }
        let p_g = self.pressure_at_oil_max();
        if flowing_pressure_psia < p_g {
            return Ok(qo + (p_g - flowing_pressure_psia) / self.tan_beta());
        }
        // Region 2: the pressure is strictly decreasing in rate between q_b (p = p_b) and
        // q_o,max (p = p_g), so the bracket holds the one root.
        let f = |q: f64| Ok(self.pressure_below_oil_max(q) - flowing_pressure_psia);
        let root = brent(
            f,
            qb,
            qo,
            pb - flowing_pressure_psia,
            p_g - flowing_pressure_psia,
            1e-12 * qo,
            1e-10 * pr,
            200,
            "composite_ipr_brown_1984",
        )?;
        if !root.converged {
            return Err(CoreError::NoConvergence {
                method: "composite_ipr_brown_1984",
                iterations: root.iterations,
                last_estimate: root.x,
                residual: root.fx,
            });
        }
        Ok(root.x)
    }
}

/// Composite IPR of an oil well producing water: constant productivity index above the
/// bubble point, Vogel's curve below it, and the Petrobras composite treatment of water
/// (Brown, 1984).
///
/// With `J` (STB/d/psi) the productivity index above the bubble point, `q_b = J (p̄r − p_b)`,
/// `q_o,max = q_b + J p_b / 1.8`, `F_w` the water cut and `F_o = 1 − F_w`:
/// - `q ≤ q_b`: `p_wf = p̄r − q/J`;
/// - `q_b < q ≤ q_o,max`: `p_wf = F_w (p̄r − q/J) + F_o · 0.125 p_b [√(81 − 80 (q − q_b)/(q_o,max − q_b)) − 1]`
///   (the water and oil flowing pressures at the same total rate, weighted by the fractions);
/// - `q_o,max < q ≤ q_t,max`: the straight line `p_wf = F_w (p̄r − q_o,max/J) − (q − q_o,max) tan β`
///   with `tan β` the slope of the composite curve at `q_o,max`, taken as published by finite
///   difference between `0.999 q_o,max` and `q_o,max`; it reaches zero pressure at
///   `q_t,max = q_o,max + F_w (p̄r − q_o,max/J)/tan β`.
///
/// With no water it is the generalized Vogel curve (Beggs, 2003, Ch. 2); with `F_w = 1` the
/// straight line `J (p̄r − p_wf)`. When `p_b ≥ p̄r` (saturated) the curve is Vogel's from `p̄r`
/// with `q_max = J p̄r / 1.8`. Rates are total liquid, STB/d. The inverse (rate at a pressure)
/// is exact except in the water-weighted Vogel region, where Brent's method solves it.
/// Source: [`COMPOSITE_BROWN_1984`].
///
/// ```
/// use nodal_core::inflow::{CompositeIpr, Inflow};
/// // No water: at p_b the rate is J (p̄r − p_b) = 1.0 × 1,000.
/// let c = CompositeIpr::new(3000.0, 2000.0, 1.0, 0.0).unwrap();
/// assert!((c.rate_at(2000.0).unwrap() - 1000.0).abs() < 1e-9);
/// // and the AOF is q_b + J p_b / 1.8 = 2,111.1 STB/d.
/// assert!((c.absolute_open_flow().unwrap() - 2111.111).abs() < 1e-3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CompositeIpr {
    reservoir_pressure_psia: f64,
    bubble_point_psia: f64,
    productivity_index_stb_d_psi: f64,
    water_cut_fraction: f64,
}

impl CompositeIpr {
    /// From `p̄r` and `p_b` (psia, > 0), `J` (STB/d/psi, > 0) and the water cut (0 to 1).
    pub fn new(
        reservoir_pressure_psia: f64,
        bubble_point_psia: f64,
        productivity_index_stb_d_psi: f64,
        water_cut_fraction: f64,
    ) -> CoreResult<Self> {
        check_reservoir_pressure(reservoir_pressure_psia)?;
        require_positive("bubble_point_psia", bubble_point_psia)?;
        crate::error::require_positive_at_most(
            "productivity_index_stb_d_psi",
            productivity_index_stb_d_psi,
            super::MAX_PRODUCTIVITY_INDEX,
        )?;
        require_in_range("water_cut_fraction", water_cut_fraction, 0.0, 1.0)?;
        Ok(Self {
            reservoir_pressure_psia,
            bubble_point_psia,
            productivity_index_stb_d_psi,
            water_cut_fraction,
        })
    }

    /// From one stabilised test of total liquid rate `test_rate_stb_d` at
    /// `test_pressure_psia` (below `p̄r`). The rate of the composite curve at any pressure is
    /// proportional to `J`, so `J = q_test / q(p_wf,test; J = 1)` exactly.
    pub fn from_test(
        reservoir_pressure_psia: f64,
        bubble_point_psia: f64,
        water_cut_fraction: f64,
        test_rate_stb_d: f64,
        test_pressure_psia: f64,
    ) -> CoreResult<Self> {
        check_reservoir_pressure(reservoir_pressure_psia)?;
        check_test_point(test_rate_stb_d, test_pressure_psia, reservoir_pressure_psia)?;
        let unit = Self::new(
            reservoir_pressure_psia,
            bubble_point_psia,
            1.0,
            water_cut_fraction,
        )?;
        let unit_rate = unit.curve().rate_at(test_pressure_psia)?;
        Self::new(
            reservoir_pressure_psia,
            bubble_point_psia,
            test_rate_stb_d / unit_rate,
            water_cut_fraction,
        )
    }

    /// Productivity index above the bubble point, STB/d/psi.
    pub fn productivity_index_stb_d_psi(&self) -> f64 {
        self.productivity_index_stb_d_psi
    }

    /// Water cut, fraction.
    pub fn water_cut_fraction(&self) -> f64 {
        self.water_cut_fraction
    }

    /// `q_o,max = J (p̄r − p_b) + J p_b/1.8`, STB/d (with `p_b` capped at `p̄r`).
    pub fn oil_max_rate_stb_d(&self) -> f64 {
        self.curve().oil_max_rate()
    }

    /// Same well at another water cut.
    pub fn with_water_cut(&self, water_cut_fraction: f64) -> CoreResult<Self> {
        Self::new(
            self.reservoir_pressure_psia,
            self.bubble_point_psia,
            self.productivity_index_stb_d_psi,
            water_cut_fraction,
        )
    }

    /// Same J and bubble point at another reservoir pressure.
    pub fn with_reservoir_pressure(&self, reservoir_pressure_psia: f64) -> CoreResult<Self> {
        Self::new(
            reservoir_pressure_psia,
            self.bubble_point_psia,
            self.productivity_index_stb_d_psi,
            self.water_cut_fraction,
        )
    }

    fn curve(&self) -> GeneralizedVogel {
        GeneralizedVogel {
            reservoir_pressure_psia: self.reservoir_pressure_psia,
            bubble_point_psia: self.bubble_point_psia.min(self.reservoir_pressure_psia),
            productivity_index: self.productivity_index_stb_d_psi,
            water_cut: self.water_cut_fraction,
        }
    }
}

impl Inflow for CompositeIpr {
    fn info(&self) -> &'static MethodInfo {
        &COMPOSITE_BROWN_1984
    }
    fn rate_basis(&self) -> RateBasis {
        RateBasis::Liquid
    }
    fn reservoir_pressure_psia(&self) -> f64 {
        self.reservoir_pressure_psia
    }
    fn rate_at(&self, flowing_pressure_psia: f64) -> CoreResult<f64> {
        check_flowing_pressure(flowing_pressure_psia, 0.0, self.reservoir_pressure_psia)?;
        self.curve().rate_at(flowing_pressure_psia)
    }
    fn pressure_at(&self, rate: f64) -> CoreResult<f64> {
        let c = self.curve();
        check_rate(rate, c.max_total_rate(), RateBasis::Liquid)?;
        Ok(c.pressure_at(rate))
    }
    fn absolute_open_flow(&self) -> CoreResult<f64> {
        Ok(self.curve().max_total_rate())
    }
}

/// Standing's (1970) extension of Vogel's curve to wells with a flow efficiency
/// `FE = (p̄r − p_wf') / (p̄r − p_wf)` other than one (FE < 1 damaged, FE > 1 stimulated),
/// where `p_wf'` is the flowing pressure the same well would have without damage:
///
/// `q / q_max(FE=1) = 1.8 FE (1 − p_wf/p̄r) − 0.8 FE² (1 − p_wf/p̄r)²`
///
/// i.e. Vogel's equation evaluated at `p_wf' = p̄r − FE (p̄r − p_wf)`. Rates in STB/d,
/// `q_max(FE=1)` the undamaged well's maximum rate.
///
/// FE > 1: below `p_wf = p̄r (1 − 1/FE)` the ideal pressure `p_wf'` would be negative and the
/// parabola turns over (the rate would fall as drawdown rises). Standing's curves end there;
/// this model is **truncated** at that pressure: [`Inflow::lowest_flowing_pressure_psia`]
/// returns it, the rate there (`q_max(FE=1)`) is the model's AOF, and lower pressures are an
/// error. Standing's chart covers FE 0.5 to 1.5. Source: [`STANDING_FE_1970`].
///
/// ```
/// use nodal_core::inflow::{Inflow, StandingFe};
/// // FE = 1.5 from 2,400 psia: the curve ends at 2,400 (1 − 1/1.5) = 800 psia.
/// let s = StandingFe::new(2400.0, 1.5, 1000.0).unwrap();
/// assert!((s.lowest_flowing_pressure_psia() - 800.0).abs() < 1e-9);
/// assert!((s.absolute_open_flow().unwrap() - 1000.0).abs() < 1e-9);
/// assert!(s.rate_at(700.0).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct StandingFe {
    reservoir_pressure_psia: f64,
    flow_efficiency: f64,
    ideal_max_rate_stb_d: f64,
}

impl StandingFe {
    /// From `p̄r` (psia), the flow efficiency (above 0, at most 2) and `q_max(FE=1)` (STB/d).
    pub fn new(
        reservoir_pressure_psia: f64,
        flow_efficiency: f64,
        ideal_max_rate_stb_d: f64,
    ) -> CoreResult<Self> {
        check_reservoir_pressure(reservoir_pressure_psia)?;
        if !(flow_efficiency.is_finite() && flow_efficiency > 0.0 && flow_efficiency <= 2.0) {
            return Err(CoreError::invalid(
                "flow_efficiency",
                format!("must be above 0 and at most 2 (got {flow_efficiency})"),
            ));
        }
        crate::error::require_positive_at_most(
            "ideal_max_rate_stb_d",
            ideal_max_rate_stb_d,
            super::MAX_RATE,
        )?;
        Ok(Self {
            reservoir_pressure_psia,
            flow_efficiency,
            ideal_max_rate_stb_d,
        })
    }

    /// From one stabilised test at flow efficiency `flow_efficiency`:
    /// `q_max(FE=1) = q_test / (1.8 FE x − 0.8 FE² x²)`, `x = 1 − p_wf,test/p̄r`. For FE > 1
    /// the test pressure must lie on the curve, at or above `p̄r (1 − 1/FE)`.
    pub fn from_test(
        reservoir_pressure_psia: f64,
        flow_efficiency: f64,
        test_rate_stb_d: f64,
        test_pressure_psia: f64,
    ) -> CoreResult<Self> {
        let unit = Self::new(reservoir_pressure_psia, flow_efficiency, 1.0)?;
        check_test_point(test_rate_stb_d, test_pressure_psia, reservoir_pressure_psia)?;
        let low = unit.lowest_flowing_pressure_psia();
        if test_pressure_psia < low {
            return Err(CoreError::invalid(
                "test_pressure_psia",
                format!(
                    "with FE = {flow_efficiency} Standing's curve ends at {low:.1} psia; the test pressure {test_pressure_psia} psia lies below it"
                ),
            ));
        }
        Self::new(
            reservoir_pressure_psia,
            flow_efficiency,
            test_rate_stb_d / unit.fraction(test_pressure_psia),
        )
    }

    /// Flow efficiency.
    pub fn flow_efficiency(&self) -> f64 {
        self.flow_efficiency
    }

    /// `q_max(FE=1)`, STB/d.
    pub fn ideal_max_rate_stb_d(&self) -> f64 {
        self.ideal_max_rate_stb_d
    }

    /// Same FE and zero-drawdown PI of the ideal well at another reservoir pressure.
    pub fn with_reservoir_pressure(&self, reservoir_pressure_psia: f64) -> CoreResult<Self> {
        check_reservoir_pressure(reservoir_pressure_psia)?;
        Self::new(
            reservoir_pressure_psia,
            self.flow_efficiency,
            self.ideal_max_rate_stb_d * reservoir_pressure_psia / self.reservoir_pressure_psia,
        )
    }

    /// `q / q_max(FE=1)` at `p_wf`.
    fn fraction(&self, flowing_pressure_psia: f64) -> f64 {
        let y = self.flow_efficiency * (1.0 - flowing_pressure_psia / self.reservoir_pressure_psia);
        1.8 * y - 0.8 * y * y
    }
}

impl Inflow for StandingFe {
    fn info(&self) -> &'static MethodInfo {
        &STANDING_FE_1970
    }
    fn rate_basis(&self) -> RateBasis {
        RateBasis::Liquid
    }
    fn reservoir_pressure_psia(&self) -> f64 {
        self.reservoir_pressure_psia
    }
    fn lowest_flowing_pressure_psia(&self) -> f64 {
        if self.flow_efficiency > 1.0 {
            self.reservoir_pressure_psia * (1.0 - 1.0 / self.flow_efficiency)
        } else {
            0.0
        }
    }
    fn rate_at(&self, flowing_pressure_psia: f64) -> CoreResult<f64> {
        check_flowing_pressure(
            flowing_pressure_psia,
            self.lowest_flowing_pressure_psia(),
            self.reservoir_pressure_psia,
        )?;
        Ok(self.ideal_max_rate_stb_d * self.fraction(flowing_pressure_psia))
    }
    fn pressure_at(&self, rate: f64) -> CoreResult<f64> {
        let aof = self.absolute_open_flow()?;
        check_rate(rate, aof, RateBasis::Liquid)?;
        // 0.8 y² − 1.8 y + q/q_max = 0, smaller root (the rising branch, y ≤ 1).
        let f = rate / self.ideal_max_rate_stb_d;
        let y = (1.8 - (3.24 - 3.2 * f).max(0.0).sqrt()) / 1.6;
        let p = self.reservoir_pressure_psia * (1.0 - y / self.flow_efficiency);
        Ok(p.max(self.lowest_flowing_pressure_psia()))
    }
    fn absolute_open_flow(&self) -> CoreResult<f64> {
        Ok(self.ideal_max_rate_stb_d * self.fraction(self.lowest_flowing_pressure_psia()))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Vogel's equation on the worked example of Ahmed (2006), *Reservoir Engineering
    /// Handbook*, 3rd ed., Ch. 7 (Vogel's method): p̄r 2,500, test 350 STB/d at 2,000 (the
    /// book works in psig; the ratio is formed from the numbers as given). q_max =
    /// 350/0.328 = 1,067.07 STB/d and q(1,850) = 1,067.07 × 0.413 92 = 441.7 STB/d, both
    /// recomputed by hand; tolerance 0.05 STB/d.
    #[test]
    fn vogel_worked_example() {
        let v = Vogel::from_test(2500.0, 350.0, 2000.0).unwrap();
        assert!((v.max_rate_stb_d() - 1067.073).abs() < 0.05);
        assert!((v.rate_at(1850.0).unwrap() - 441.7).abs() < 0.05);
        // Exact inverse.
        assert!((v.pressure_at(441.68).unwrap() - 1850.0).abs() < 0.1);
        assert!((v.pressure_at(v.max_rate_stb_d()).unwrap()).abs() < 1e-9);
    }

    /// Standing's FE form reduces to Vogel at FE = 1, and equals Vogel evaluated at the ideal
    /// pressure `p_wf' = p̄r − FE (p̄r − p_wf)` (Standing, 1970, Eq. 2 and 3).
    #[test]
    fn standing_is_vogel_at_the_ideal_pressure() {
        let pr = 2400.0;
        let vogel = Vogel::new(pr, 1000.0).unwrap();
        let fe1 = StandingFe::new(pr, 1.0, 1000.0).unwrap();
        for fe in [0.5, 0.7, 1.0, 1.2, 1.5] {
            let s = StandingFe::new(pr, fe, 1000.0).unwrap();
            for pwf in [2400.0, 2000.0, 1500.0, 1000.0] {
                if pwf < s.lowest_flowing_pressure_psia() {
                    continue;
                }
                let ideal = pr - fe * (pr - pwf);
                let expected = vogel.rate_at(ideal).unwrap();
                assert!(
                    (s.rate_at(pwf).unwrap() - expected).abs() < 1e-9,
                    "{fe} {pwf}"
                );
            }
        }
        for pwf in [0.0, 600.0, 1800.0] {
            assert!((fe1.rate_at(pwf).unwrap() - vogel.rate_at(pwf).unwrap()).abs() < 1e-9);
        }
    }

    /// Vogel's example of Beggs (2003), *Production Optimization Using Nodal Analysis*,
    /// 2nd ed., Ch. 2: p̄r 2,400, test 100 STB/d at 1,800 (psig in the book; the ratio is
    /// formed from the numbers as given): q_max = 100/(1 − 0.15 − 0.45) = 250 STB/d and
    /// q(800) = 250 (1 − 0.0667 − 0.0889) = 211.1 STB/d (recomputed by hand; tolerance
    /// 0.05 STB/d).
    #[test]
    fn vogel_beggs_example() {
        let v = Vogel::from_test(2400.0, 100.0, 1800.0).unwrap();
        assert!((v.max_rate_stb_d() - 250.0).abs() < 1e-9);
        assert!((v.rate_at(800.0).unwrap() - 211.11).abs() < 0.05);
    }

    /// The same test with FE = 0.7 (expected values computed by hand from Standing's
    /// equation): x = 0.25, q/q_max(FE=1) = 1.8·0.7·0.25 − 0.8·0.49·0.0625 = 0.29050,
    /// q_max(FE=1) = 344.23 STB/d; the damaged well's AOF is q_max(FE=1)(1.8·0.7 −
    /// 0.8·0.49) = 298.80 STB/d (tolerance 0.01 STB/d).
    #[test]
    fn standing_damaged_well_from_test() {
        let s = StandingFe::from_test(2400.0, 0.7, 100.0, 1800.0).unwrap();
        assert!((s.ideal_max_rate_stb_d() - 344.234).abs() < 0.01);
        assert!((s.absolute_open_flow().unwrap() - 298.795).abs() < 0.01);
        assert!(StandingFe::from_test(2400.0, 1.5, 100.0, 700.0).is_err());
        assert!(StandingFe::new(2400.0, 0.0, 1.0).is_err());
        assert!(StandingFe::new(2400.0, 2.5, 1.0).is_err());
    }

    /// Composite with no water is the generalized Vogel curve; compare its value below the
    /// bubble point with the formula `J (p̄r − p_b) + J p_b/1.8 (1 − 0.2 x − 0.8 x²)`.
    #[test]
    fn composite_without_water_is_generalized_vogel() {
        let c = CompositeIpr::new(4000.0, 3000.0, 0.8, 0.0).unwrap();
        let x: f64 = 1500.0 / 3000.0;
        let expected = 0.8 * 1000.0 + 0.8 * 3000.0 / 1.8 * (1.0 - 0.2 * x - 0.8 * x * x);
        assert!((c.rate_at(1500.0).unwrap() - expected).abs() < 1e-9);
        // The straight line beyond q_o,max has zero length without water.
        assert!((c.absolute_open_flow().unwrap() - c.oil_max_rate_stb_d()).abs() < 1e-9);
        // Test-point constructor recovers J.
        let fitted = CompositeIpr::from_test(4000.0, 3000.0, 0.0, expected, 1500.0).unwrap();
        assert!((fitted.productivity_index_stb_d_psi() - 0.8).abs() < 1e-12);
    }

    /// Petrobras composite with water, checked against the three published region formulas
    /// evaluated independently here (Brown, 1984): p̄r 2,500, p_b 2,000, J 1.2, F_w 0.5.
    #[test]
    fn composite_with_water_follows_the_three_regions() {
        let (pr, pb, j, fw) = (2500.0, 2000.0, 1.2, 0.5);
        let c = CompositeIpr::new(pr, pb, j, fw).unwrap();
        let qb = j * (pr - pb);
        let qo = qb + j * pb / 1.8;
        let region2 = |q: f64| {
            fw * (pr - q / j)
                + (1.0 - fw) * 0.125 * pb * ((81.0 - 80.0 * (q - qb) / (qo - qb)).sqrt() - 1.0)
        };
        // Region 1.
        assert!((c.pressure_at(300.0).unwrap() - (pr - 300.0 / j)).abs() < 1e-9);
        // Region 2.
        for q in [700.0, 1200.0, 1700.0] {
            assert!((c.pressure_at(q).unwrap() - region2(q)).abs() < 1e-9, "{q}");
            let back = c.rate_at(region2(q)).unwrap();
            assert!((back - q).abs() < 1e-6, "{q} {back}");
        }
        // Region 3: slope from the published 0.1 % finite difference.
        let tan_beta = (region2(0.999 * qo) - region2(qo)) / (0.001 * qo);
        let p_g = fw * (pr - qo / j);
        let qt_max = qo + p_g / tan_beta;
        assert!((c.absolute_open_flow().unwrap() - qt_max).abs() < 1e-6);
        let q = 0.5 * (qo + qt_max);
        assert!((c.pressure_at(q).unwrap() - (p_g - (q - qo) * tan_beta)).abs() < 1e-9);
        // The analytic slope of region 2 at q_o,max is (F_w + 9 F_o)/J = 4.17 psi/(STB/d);
        // the published finite difference gives 4.06, 2.5 % lower, and is kept as published.
        let analytic = (fw + 9.0 * (1.0 - fw)) / j;
        assert!(((tan_beta - analytic) / analytic + 0.0247).abs() < 0.0005);
        // All water: the straight line J (p̄r − pwf).
        let water = CompositeIpr::new(pr, pb, j, 1.0).unwrap();
        assert!((water.absolute_open_flow().unwrap() - j * pr).abs() < 1e-6);
        assert!((water.rate_at(1000.0).unwrap() - j * 1500.0).abs() < 1e-6);
        // From a test in region 2, J is recovered exactly.
        let t = CompositeIpr::from_test(pr, pb, fw, 1200.0, region2(1200.0)).unwrap();
        assert!((t.productivity_index_stb_d_psi() - j).abs() < 1e-9);
    }

    #[test]
    fn saturated_composite_is_vogel_from_reservoir_pressure() {
        let c = CompositeIpr::new(2000.0, 2500.0, 0.9, 0.0).unwrap();
        let v = Vogel::new(2000.0, 0.9 * 2000.0 / 1.8).unwrap();
        for p in [0.0, 500.0, 1500.0, 2000.0] {
            assert!((c.rate_at(p).unwrap() - v.rate_at(p).unwrap()).abs() < 1e-9);
        }
    }
}
