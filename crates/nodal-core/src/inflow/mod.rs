//! Inflow performance (IPR): oil- and gas-well inflow models and their fitting from well tests.
//!
//! An inflow model relates the flowing bottom-hole (sand-face) pressure `p_wf` of a well to
//! the rate the reservoir delivers at that pressure, at a fixed average reservoir pressure
//! `p̄r`. Every model here implements [`Inflow`]:
//! - [`Inflow::rate_at`]: rate at a flowing pressure;
//! - [`Inflow::pressure_at`]: flowing pressure at a rate (the inverse; exact where the model
//!   can be inverted in closed form, otherwise by Brent's method on a bracket where the model
//!   is strictly monotone);
//! - [`Inflow::curve`]: the IPR curve at `n` evenly spaced flowing pressures;
//! - [`Inflow::absolute_open_flow`]: the rate at the lowest flowing pressure of the model
//!   (zero psia unless the model says otherwise), the AOF.
//!
//! Oil wells ([`RateBasis::Liquid`], STB/d):
//! - [`ProductivityIndex`]: constant productivity index (straight line);
//! - [`DarcyRadial`]: pseudo-steady-state radial Darcy inflow from reservoir properties,
//!   optionally with Vogel's curve below the bubble point;
//! - [`Vogel`] (1968); [`CompositeIpr`]: PI above the bubble point, Vogel below, and the
//!   Petrobras composite treatment of water (Brown, 1984); [`StandingFe`]: Standing's (1970)
//!   flow-efficiency extension of Vogel;
//! - [`Fetkovich`] (1973, C and n); [`JonesBlountGlaze`] (1976, laminar A and turbulent B,
//!   given or computed from reservoir and completion properties).
//!
//! Gas wells ([`RateBasis::Gas`], Mscf/d):
//! - [`BackPressure`] (Rawlins and Schellhardt, 1935, C and n);
//! - [`GasPseudoPressureInflow`]: pseudo-pressure Darcy inflow with a non-Darcy (rate-dependent
//!   skin) coefficient `D`, taking `m(p)` from any [`PseudoPressure`] (a function or a
//!   [`PseudoPressureTable`], which [`PseudoPressureTable::from_gas`] integrates from a gas
//!   model); [`GasDarcyPressureSquared`]: the pressure-squared approximation of the same
//!   equation.
//!
//! The closed-form models are gathered in the `Copy` enum [`InflowModel`]; the pseudo-pressure
//! model borrows its `m(p)` source and stands alone. Both implement [`AdjustableInflow`]
//! (another reservoir pressure, skin or water cut), which is what nodal sensitivities need. Fitting from multi-rate well tests:
//! [`fit_fetkovich`], [`fit_back_pressure`], [`fit_jones_blount_glaze`].
//!
//! Rates with water: Vogel, Standing, Fetkovich and Jones-Blount-Glaze were published for
//! oil; with water in the stream the engine applies them to the total liquid rate (the common
//! practice when no better information exists). [`CompositeIpr`] is the published treatment
//! of water (oil by Vogel, water by a constant PI, weighted by the water cut).
//!
//! Constants this module needs and [`crate::units`] lacks are defined here, privately:
//! the field-unit Darcy radial-flow constant 141.2 and the gas deliverability constant 1422.

mod darcy;
mod deliverability;
mod fit;
mod gas;
mod jones;
mod vogel;

pub use darcy::{
    DARCY_RADIAL_PSS, DarcyRadial, DarcyRadialInput, PRODUCTIVITY_INDEX, ProductivityIndex,
};
pub use deliverability::{BackPressure, FETKOVICH_1973, Fetkovich, RAWLINS_SCHELLHARDT_1935};
pub use fit::{
    DeliverabilityFit, FitResidual, JonesFit, MAX_TEST_POINTS, WellTestPoint, fit_back_pressure,
    fit_fetkovich, fit_jones_blount_glaze,
};
pub use gas::{
    GAS_DARCY_PRESSURE_SQUARED, GAS_DARCY_PSEUDO_PRESSURE, GasDarcyInput, GasDarcyPressureSquared,
    GasPseudoPressureInflow, PseudoPressure, PseudoPressureTable,
};
pub use jones::{JONES_BLOUNT_GLAZE_1976, JonesBlountGlaze, JonesBlountGlazeInput};
pub use vogel::{
    COMPOSITE_BROWN_1984, CompositeIpr, STANDING_FE_1970, StandingFe, VOGEL_1968, Vogel,
};

use crate::error::{CoreError, CoreResult};
use crate::method::MethodInfo;

/// Field-unit constant of radial Darcy flow: `q = k h Δp / (141.2 B μ [...])` with q in
/// STB/d (reservoir barrels via B), k in md, h in ft, Δp in psi, μ in cp.
pub(crate) const DARCY_RADIAL_CONSTANT: f64 = 141.2;

/// Highest average reservoir pressure accepted, psia.
pub const MAX_RESERVOIR_PRESSURE_PSIA: f64 = 30_000.0;

// Upper bounds on inflow inputs: each well beyond any real reservoir or completion, so that
// only absurd magnitudes are refused (by name) rather than failing deep in a calculation.

/// Largest productivity index, STB/d/psi (the most prolific wells reach a few hundred).
pub const MAX_PRODUCTIVITY_INDEX: f64 = 10_000.0;
/// Largest rate, STB/d for liquids and Mscf/d for gas.
pub const MAX_RATE: f64 = 10_000_000.0;
/// Largest permeability, md (100 darcy).
pub const MAX_PERMEABILITY_MD: f64 = 100_000.0;
/// Largest net pay or perforated interval, ft.
pub const MAX_THICKNESS_FT: f64 = 10_000.0;
/// Largest viscosity, cp (bitumen).
pub const MAX_VISCOSITY_CP: f64 = 10_000_000.0;
/// Largest formation volume factor, rb/STB.
pub const MAX_FVF: f64 = 10.0;
/// Largest wellbore radius, ft.
pub const MAX_WELLBORE_RADIUS_FT: f64 = 10.0;
/// Largest drainage radius, ft (about 190 miles).
pub const MAX_DRAINAGE_RADIUS_FT: f64 = 1_000_000.0;

/// Most points an IPR curve may hold.
pub const MAX_CURVE_POINTS: usize = 1000;

/// What the rate of an inflow model measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum RateBasis {
    /// Stock-tank liquid rate (oil, or oil plus water), STB/d.
    Liquid,
    /// Gas rate at standard conditions, Mscf/d.
    Gas,
}

impl RateBasis {
    /// The rate unit, as used in API field names: `"stb_d"` or `"mscf_d"`.
    pub fn unit(self) -> &'static str {
        match self {
            Self::Liquid => "stb_d",
            Self::Gas => "mscf_d",
        }
    }
}

/// One point of an IPR curve.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct IprPoint {
    /// Flowing bottom-hole pressure, psia.
    pub flowing_pressure_psia: f64,
    /// Rate in the model's [`RateBasis`] (STB/d or Mscf/d).
    pub rate: f64,
}

/// An inflow performance model at a fixed average reservoir pressure.
///
/// Rates are in the model's [`RateBasis`]; pressures in psia. Methods validate their argument
/// and name it in the error (`flowing_pressure_psia` or `rate`).
pub trait Inflow {
    /// Method metadata (id with the variant, source, published data ranges).
    fn info(&self) -> &'static MethodInfo;

    /// Whether rates are liquid (STB/d) or gas (Mscf/d).
    fn rate_basis(&self) -> RateBasis;

    /// Average reservoir pressure `p̄r`, psia: the flowing pressure at zero rate.
    fn reservoir_pressure_psia(&self) -> f64;

    /// Lowest flowing pressure at which the model is defined, psia (0 unless the model is
    /// truncated, as [`StandingFe`] is for FE > 1, or its `m(p)` source starts higher).
    fn lowest_flowing_pressure_psia(&self) -> f64 {
        0.0
    }

    /// Rate at flowing bottom-hole pressure `flowing_pressure_psia`, which must lie in
    /// `[lowest_flowing_pressure_psia, reservoir_pressure_psia]`.
    fn rate_at(&self, flowing_pressure_psia: f64) -> CoreResult<f64>;

    /// Flowing bottom-hole pressure (psia) at which the well produces `rate`, which must lie
    /// in `[0, absolute_open_flow]`.
    fn pressure_at(&self, rate: f64) -> CoreResult<f64>;

    /// Absolute open flow: the rate at [`Self::lowest_flowing_pressure_psia`].
    fn absolute_open_flow(&self) -> CoreResult<f64> {
        self.rate_at(self.lowest_flowing_pressure_psia())
    }

    /// The IPR curve at `points` (2 to [`MAX_CURVE_POINTS`]) flowing pressures evenly spaced
    /// from `p̄r` down to the lowest flowing pressure, both included.
    fn curve(&self, points: usize) -> CoreResult<Vec<IprPoint>> {
        if !(2..=MAX_CURVE_POINTS).contains(&points) {
            return Err(CoreError::invalid(
                "points",
                format!("an IPR curve needs 2 to {MAX_CURVE_POINTS} points (got {points})"),
            ));
        }
        let top = self.reservoir_pressure_psia();
        let bottom = self.lowest_flowing_pressure_psia();
        let last = (points - 1) as f64;
        (0..points)
            .map(|i| {
                let p = if i + 1 == points {
                    bottom
                } else {
                    top - (top - bottom) * i as f64 / last
                };
                Ok(IprPoint {
                    flowing_pressure_psia: p,
                    rate: self.rate_at(p)?,
                })
            })
            .collect()
    }
}

impl<T: Inflow + ?Sized> Inflow for &T {
    fn info(&self) -> &'static MethodInfo {
        (**self).info()
    }
    fn rate_basis(&self) -> RateBasis {
        (**self).rate_basis()
    }
    fn reservoir_pressure_psia(&self) -> f64 {
        (**self).reservoir_pressure_psia()
    }
    fn lowest_flowing_pressure_psia(&self) -> f64 {
        (**self).lowest_flowing_pressure_psia()
    }
    fn rate_at(&self, flowing_pressure_psia: f64) -> CoreResult<f64> {
        (**self).rate_at(flowing_pressure_psia)
    }
    fn pressure_at(&self, rate: f64) -> CoreResult<f64> {
        (**self).pressure_at(rate)
    }
    fn absolute_open_flow(&self) -> CoreResult<f64> {
        (**self).absolute_open_flow()
    }
}

/// Every closed-form inflow model, as one `Copy` value.
///
/// ```
/// use nodal_core::inflow::{Inflow, InflowModel, Vogel};
/// let ipr = InflowModel::Vogel(Vogel::new(2000.0, 1000.0).unwrap());
/// assert_eq!(ipr.info().id, "vogel_1968");
/// // Vogel at half the reservoir pressure: 1 − 0.1 − 0.2 = 0.7 of the maximum.
/// assert!((ipr.rate_at(1000.0).unwrap() - 700.0).abs() < 1e-9);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum InflowModel {
    /// Constant productivity index.
    ProductivityIndex(ProductivityIndex),
    /// Pseudo-steady-state radial Darcy inflow (Vogel below the bubble point if one is given).
    DarcyRadial(DarcyRadial),
    /// Vogel (1968).
    Vogel(Vogel),
    /// PI above the bubble point, Vogel below, water by the Petrobras composite method.
    Composite(CompositeIpr),
    /// Standing (1970) flow-efficiency extension of Vogel.
    StandingFe(StandingFe),
    /// Fetkovich (1973) oil-well deliverability.
    Fetkovich(Fetkovich),
    /// Jones, Blount and Glaze (1976) laminar-turbulent oil inflow.
    JonesBlountGlaze(JonesBlountGlaze),
    /// Rawlins and Schellhardt (1935) gas back-pressure equation.
    BackPressure(BackPressure),
    /// Gas Darcy inflow with non-Darcy flow, pressure-squared approximation.
    GasDarcyPressureSquared(GasDarcyPressureSquared),
}

macro_rules! dispatch {
    ($self:ident, $m:ident => $e:expr) => {
        match $self {
            InflowModel::ProductivityIndex($m) => $e,
            InflowModel::DarcyRadial($m) => $e,
            InflowModel::Vogel($m) => $e,
            InflowModel::Composite($m) => $e,
            InflowModel::StandingFe($m) => $e,
            InflowModel::Fetkovich($m) => $e,
            InflowModel::JonesBlountGlaze($m) => $e,
            InflowModel::BackPressure($m) => $e,
            InflowModel::GasDarcyPressureSquared($m) => $e,
        }
    };
}

impl Inflow for InflowModel {
    fn info(&self) -> &'static MethodInfo {
        dispatch!(self, m => m.info())
    }
    fn rate_basis(&self) -> RateBasis {
        dispatch!(self, m => m.rate_basis())
    }
    fn reservoir_pressure_psia(&self) -> f64 {
        dispatch!(self, m => m.reservoir_pressure_psia())
    }
    fn lowest_flowing_pressure_psia(&self) -> f64 {
        dispatch!(self, m => m.lowest_flowing_pressure_psia())
    }
    fn rate_at(&self, flowing_pressure_psia: f64) -> CoreResult<f64> {
        dispatch!(self, m => m.rate_at(flowing_pressure_psia))
    }
    fn pressure_at(&self, rate: f64) -> CoreResult<f64> {
        dispatch!(self, m => m.pressure_at(rate))
    }
    fn absolute_open_flow(&self) -> CoreResult<f64> {
        dispatch!(self, m => m.absolute_open_flow())
    }
}

impl InflowModel {
    /// The same model at another average reservoir pressure, its productivity parameters
    /// held fixed: J for the straight-line, Darcy and composite models; C and n; A and B; the
    /// Darcy inputs of the gas models; for [`Vogel`] and [`StandingFe`] the zero-drawdown
    /// productivity index `J* = 1.8 q_max / p̄r` (so `q_max` scales with `p̄r`).
    ///
    /// This is a sensitivity, not a future-IPR forecast (Standing, 1971; Fetkovich, 1973),
    /// which would also change the mobility terms.
    pub fn with_reservoir_pressure(&self, reservoir_pressure_psia: f64) -> CoreResult<Self> {
        Ok(match *self {
            Self::ProductivityIndex(m) => {
                Self::ProductivityIndex(m.with_reservoir_pressure(reservoir_pressure_psia)?)
            }
            Self::DarcyRadial(m) => {
                Self::DarcyRadial(m.with_reservoir_pressure(reservoir_pressure_psia)?)
            }
            Self::Vogel(m) => Self::Vogel(m.with_reservoir_pressure(reservoir_pressure_psia)?),
            Self::Composite(m) => {
                Self::Composite(m.with_reservoir_pressure(reservoir_pressure_psia)?)
            }
            Self::StandingFe(m) => {
                Self::StandingFe(m.with_reservoir_pressure(reservoir_pressure_psia)?)
            }
            Self::Fetkovich(m) => {
                Self::Fetkovich(m.with_reservoir_pressure(reservoir_pressure_psia)?)
            }
            Self::JonesBlountGlaze(m) => {
                Self::JonesBlountGlaze(m.with_reservoir_pressure(reservoir_pressure_psia)?)
            }
            Self::BackPressure(m) => {
                Self::BackPressure(m.with_reservoir_pressure(reservoir_pressure_psia)?)
            }
            Self::GasDarcyPressureSquared(m) => {
                Self::GasDarcyPressureSquared(m.with_reservoir_pressure(reservoir_pressure_psia)?)
            }
        })
    }

    /// The same model with another skin factor; only the models built from reservoir
    /// properties ([`DarcyRadial`], [`GasDarcyPressureSquared`],
    /// [`JonesBlountGlaze::from_properties`]) have one, the others are an
    /// error naming `skin`.
    pub fn with_skin(&self, skin: f64) -> CoreResult<Self> {
        match *self {
            Self::DarcyRadial(m) => Ok(Self::DarcyRadial(m.with_skin(skin)?)),
            Self::GasDarcyPressureSquared(m) => {
                Ok(Self::GasDarcyPressureSquared(m.with_skin(skin)?))
            }
            Self::JonesBlountGlaze(m) if m.properties().is_some() => {
                Ok(Self::JonesBlountGlaze(m.with_skin(skin)?))
            }
            other => Err(CoreError::invalid(
                "skin",
                format!(
                    "the {} inflow model has no skin factor; use a model built from reservoir properties (darcy_radial_pss, gas_darcy_pressure_squared, jones_blount_glaze from properties)",
                    other.info().id
                ),
            )),
        }
    }

    /// The same model at another water cut (fraction 0 to 1). Only [`CompositeIpr`] depends
    /// on the water cut; the other models are returned unchanged.
    pub fn with_water_cut(&self, water_cut_fraction: f64) -> CoreResult<Self> {
        match *self {
            Self::Composite(m) => Ok(Self::Composite(m.with_water_cut(water_cut_fraction)?)),
            other => {
                crate::error::require_in_range("water_cut_fraction", water_cut_fraction, 0.0, 1.0)?;
                Ok(other)
            }
        }
    }
}

/// An inflow model whose inputs a nodal sensitivity can change: every [`InflowModel`] and
/// the [`GasPseudoPressureInflow`] (which borrows its `m(p)` source and so stays outside the
/// enum). A change the model does not support is an error naming the input.
pub trait AdjustableInflow: Inflow + Copy {
    /// The same model at another average reservoir pressure (see
    /// [`InflowModel::with_reservoir_pressure`] for what is held fixed).
    fn with_reservoir_pressure(&self, reservoir_pressure_psia: f64) -> CoreResult<Self>;
    /// The same model with another skin factor, or an error naming `skin`.
    fn with_skin(&self, skin: f64) -> CoreResult<Self>;
    /// The same model at another water cut (fraction): only [`CompositeIpr`] changes.
    fn with_water_cut(&self, water_cut_fraction: f64) -> CoreResult<Self>;
}

impl AdjustableInflow for InflowModel {
    fn with_reservoir_pressure(&self, reservoir_pressure_psia: f64) -> CoreResult<Self> {
        InflowModel::with_reservoir_pressure(self, reservoir_pressure_psia)
    }
    fn with_skin(&self, skin: f64) -> CoreResult<Self> {
        InflowModel::with_skin(self, skin)
    }
    fn with_water_cut(&self, water_cut_fraction: f64) -> CoreResult<Self> {
        InflowModel::with_water_cut(self, water_cut_fraction)
    }
}

impl<M: PseudoPressure + ?Sized> AdjustableInflow for GasPseudoPressureInflow<'_, M> {
    fn with_reservoir_pressure(&self, reservoir_pressure_psia: f64) -> CoreResult<Self> {
        GasPseudoPressureInflow::with_reservoir_pressure(self, reservoir_pressure_psia)
    }
    fn with_skin(&self, skin: f64) -> CoreResult<Self> {
        GasPseudoPressureInflow::with_skin(self, skin)
    }
    fn with_water_cut(&self, water_cut_fraction: f64) -> CoreResult<Self> {
        crate::error::require_in_range("water_cut_fraction", water_cut_fraction, 0.0, 1.0)?;
        Ok(*self)
    }
}

/// Checks the reservoir and completion of a radial pseudo-steady-state inflow: permeability,
/// net pay and both radii positive and within their bounds, a drainage radius of more than
/// ten wellbore radii, and a finite skin with `ln(re/rw) − 3/4 + s > 0` (the flow term every
/// radial model divides by).
pub(crate) fn check_radial_drainage(
    permeability_md: f64,
    thickness_ft: f64,
    wellbore_radius_ft: f64,
    drainage_radius_ft: f64,
    skin: f64,
) -> CoreResult<()> {
    use crate::error::require_positive_at_most;
    require_positive_at_most("permeability_md", permeability_md, MAX_PERMEABILITY_MD)?;
    require_positive_at_most("thickness_ft", thickness_ft, MAX_THICKNESS_FT)?;
    require_positive_at_most(
        "wellbore_radius_ft",
        wellbore_radius_ft,
        MAX_WELLBORE_RADIUS_FT,
    )?;
    require_positive_at_most(
        "drainage_radius_ft",
        drainage_radius_ft,
        MAX_DRAINAGE_RADIUS_FT,
    )?;
    if drainage_radius_ft <= 10.0 * wellbore_radius_ft {
        return Err(CoreError::invalid(
            "drainage_radius_ft",
            format!(
                "must be more than ten wellbore radii ({} ft) for radial flow (got {drainage_radius_ft})",
                10.0 * wellbore_radius_ft
            ),
        ));
    }
    if !skin.is_finite() {
        return Err(CoreError::invalid("skin", "must be a finite number"));
    }
    let log_term = (drainage_radius_ft / wellbore_radius_ft).ln() - 0.75;
    if log_term + skin <= 0.0 {
        return Err(CoreError::invalid(
            "skin",
            format!(
                "ln(re/rw) − 3/4 + s must be above zero (ln(re/rw) − 3/4 = {log_term:.3}, s = {skin})"
            ),
        ));
    }
    Ok(())
}

/// Checks an average reservoir pressure: finite, above zero and at most
/// [`MAX_RESERVOIR_PRESSURE_PSIA`].
pub(crate) fn check_reservoir_pressure(reservoir_pressure_psia: f64) -> CoreResult<f64> {
    if reservoir_pressure_psia.is_finite()
        && reservoir_pressure_psia > 0.0
        && reservoir_pressure_psia <= MAX_RESERVOIR_PRESSURE_PSIA
    {
        Ok(reservoir_pressure_psia)
    } else {
        Err(CoreError::invalid(
            "reservoir_pressure_psia",
            format!(
                "must be above 0 and at most {MAX_RESERVOIR_PRESSURE_PSIA} psia (got {reservoir_pressure_psia})"
            ),
        ))
    }
}

/// Checks a flowing pressure against `[lowest, reservoir]`.
pub(crate) fn check_flowing_pressure(
    flowing_pressure_psia: f64,
    lowest_psia: f64,
    reservoir_pressure_psia: f64,
) -> CoreResult<f64> {
    if flowing_pressure_psia.is_finite()
        && flowing_pressure_psia >= lowest_psia
        && flowing_pressure_psia <= reservoir_pressure_psia
    {
        Ok(flowing_pressure_psia)
    } else {
        Err(CoreError::invalid(
            "flowing_pressure_psia",
            format!(
                "must be between {lowest_psia} psia and the reservoir pressure {reservoir_pressure_psia} psia (got {flowing_pressure_psia})"
            ),
        ))
    }
}

/// Checks a rate against `[0, aof]`.
pub(crate) fn check_rate(rate: f64, absolute_open_flow: f64, basis: RateBasis) -> CoreResult<f64> {
    if rate.is_finite() && rate >= 0.0 && rate <= absolute_open_flow {
        Ok(rate)
    } else {
        Err(CoreError::invalid(
            "rate",
            format!(
                "must be between 0 and the absolute open flow {absolute_open_flow:.6} {} (got {rate})",
                basis.unit()
            ),
        ))
    }
}

/// A single stabilised test point below the reservoir pressure, as the one-point
/// constructors take it.
pub(crate) fn check_test_point(
    test_rate: f64,
    test_pressure_psia: f64,
    reservoir_pressure_psia: f64,
) -> CoreResult<()> {
    crate::error::require_positive_at_most("test_rate", test_rate, MAX_RATE)?;
    if !(test_pressure_psia.is_finite()
        && test_pressure_psia >= 0.0
        && test_pressure_psia < reservoir_pressure_psia)
    {
        return Err(CoreError::invalid(
            "test_pressure_psia",
            format!(
                "the test flowing pressure must be at least 0 and below the reservoir pressure {reservoir_pressure_psia} psia (got {test_pressure_psia})"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn models() -> Vec<InflowModel> {
        let darcy = DarcyRadialInput {
            permeability_md: 30.0,
            thickness_ft: 40.0,
            viscosity_cp: 1.2,
            fvf_rb_stb: 1.2,
            drainage_radius_ft: 1490.0,
            wellbore_radius_ft: 0.354,
            skin: 2.0,
            reservoir_pressure_psia: 3000.0,
            bubble_point_psia: Some(2200.0),
        };
        let gas = GasDarcyInput {
            permeability_md: 5.0,
            thickness_ft: 30.0,
            temperature_degf: 200.0,
            drainage_radius_ft: 1490.0,
            wellbore_radius_ft: 0.354,
            skin: 1.0,
            non_darcy_coefficient_d_mscf: 1e-4,
            reservoir_pressure_psia: 4000.0,
        };
        vec![
            InflowModel::ProductivityIndex(ProductivityIndex::new(3000.0, 1.5).unwrap()),
            InflowModel::DarcyRadial(DarcyRadial::new(darcy).unwrap()),
            InflowModel::Vogel(Vogel::new(2500.0, 1200.0).unwrap()),
            InflowModel::Composite(CompositeIpr::new(3000.0, 2000.0, 1.0, 0.6).unwrap()),
            InflowModel::StandingFe(StandingFe::new(2400.0, 0.7, 1000.0).unwrap()),
            InflowModel::StandingFe(StandingFe::new(2400.0, 1.4, 1000.0).unwrap()),
            InflowModel::Fetkovich(Fetkovich::new(3000.0, 2e-4, 0.8).unwrap()),
            InflowModel::JonesBlountGlaze(JonesBlountGlaze::new(3000.0, 0.5, 1e-4).unwrap()),
            InflowModel::JonesBlountGlaze(
                JonesBlountGlaze::from_properties(JonesBlountGlazeInput {
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
                })
                .unwrap(),
            ),
            InflowModel::BackPressure(BackPressure::new(4000.0, 0.05, 0.75).unwrap()),
            InflowModel::GasDarcyPressureSquared(
                GasDarcyPressureSquared::new(gas, 0.02, 0.9).unwrap(),
            ),
        ]
    }

    /// Every model: q(p̄r) = 0, q falls strictly as pwf rises, the inverse round-trips, the
    /// curve ends at the AOF, and out-of-range arguments are errors naming the field.
    #[test]
    fn every_model_is_monotone_and_invertible() {
        for m in models() {
            let pr = m.reservoir_pressure_psia();
            let low = m.lowest_flowing_pressure_psia();
            let aof = m.absolute_open_flow().unwrap();
            assert_eq!(m.rate_at(pr).unwrap(), 0.0, "{}", m.info().id);
            let curve = m.curve(41).unwrap();
            assert_eq!(curve.len(), 41);
            assert_eq!(curve[0].flowing_pressure_psia, pr);
            assert_eq!(curve[40].flowing_pressure_psia, low);
            assert!(
                (curve[40].rate - aof).abs() <= 1e-9 * aof,
                "{}",
                m.info().id
            );
            for w in curve.windows(2) {
                assert!(w[1].rate > w[0].rate, "{} {w:?}", m.info().id);
            }
            for point in &curve {
                let p = m.pressure_at(point.rate).unwrap();
                assert!(
                    (p - point.flowing_pressure_psia).abs() < 1e-6 * pr,
                    "{}: {p} vs {}",
                    m.info().id,
                    point.flowing_pressure_psia
                );
            }
            let err = m.rate_at(pr + 1.0).unwrap_err().to_string();
            assert!(err.starts_with("flowing_pressure_psia:"), "{err}");
            let err = m.pressure_at(aof * 1.01).unwrap_err().to_string();
            assert!(err.starts_with("rate:"), "{err}");
            assert!(m.pressure_at(f64::NAN).is_err());
            assert!(m.rate_at(f64::NAN).is_err());
            assert!(m.curve(1).is_err());
        }
    }

    #[test]
    fn ids_are_unique_and_named_by_variant() {
        let ids: Vec<&str> = models().iter().map(|m| m.info().id).collect();
        for id in [
            "productivity_index_constant",
            "darcy_radial_pss",
            "vogel_1968",
            "composite_ipr_brown_1984",
            "standing_fe_1970",
            "fetkovich_1973",
            "jones_blount_glaze_1976",
            "rawlins_schellhardt_1935",
            "gas_darcy_pressure_squared",
        ] {
            assert!(ids.contains(&id), "{id}");
        }
        assert_eq!(GAS_DARCY_PSEUDO_PRESSURE.id, "gas_darcy_pseudo_pressure");
    }

    #[test]
    fn skin_and_water_cut_only_where_the_model_has_them() {
        for m in models() {
            let has_skin = match m {
                InflowModel::DarcyRadial(_) | InflowModel::GasDarcyPressureSquared(_) => true,
                InflowModel::JonesBlountGlaze(j) => j.properties().is_some(),
                _ => false,
            };
            let r = m.with_skin(5.0);
            assert_eq!(r.is_ok(), has_skin, "{}", m.info().id);
            if let Ok(damaged) = r {
                assert!(damaged.absolute_open_flow().unwrap() < m.absolute_open_flow().unwrap());
            } else {
                assert!(r.unwrap_err().to_string().starts_with("skin:"));
            }
            assert!(m.with_water_cut(1.5).is_err());
            let higher = m
                .with_reservoir_pressure(m.reservoir_pressure_psia() * 1.1)
                .unwrap();
            assert!(higher.absolute_open_flow().unwrap() > m.absolute_open_flow().unwrap());
        }
    }
}
