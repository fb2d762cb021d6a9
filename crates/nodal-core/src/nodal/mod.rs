//! Nodal analysis: the operating point where inflow meets outflow, sensitivities, gas-lift performance and lift-curve tables.
//!
//! The node is the bottom of the well. On its inflow side an [`crate::inflow::Inflow`] model
//! gives the flowing bottom-hole pressure the reservoir delivers at each rate; on its outflow
//! side an [`Outflow`] (normally [`WellOutflow`]: a top-down traverse of a
//! [`crate::hydraulics::VlpCase`] from the wellhead pressure) gives the bottom-hole pressure
//! the well needs to lift that rate. The well flows where the two are equal.
//!
//! - [`operating_point`] / [`solve_operating_point`]: bracketing on a rate grid and Brent's
//!   method on the pressure residual; every outcome is named ([`NodalOutcome`]): one stable
//!   intersection, two (stable and unstable, for a J-shaped outflow curve), none (with the
//!   smallest gap and where it occurs).
//! - [`sensitivity`]: operating points over one or two varied inputs ([`SensitivityVariable`])
//!   of a [`NodalCase`], in parallel on the available cores, at most
//!   [`MAX_SENSITIVITY_CASES`] cases.
//! - [`gas_lift_performance`]: oil rate against lift-gas rate with the technical and economic
//!   optima.
//! - [`vfpprod_table`]: an Eclipse `VFPPROD` lift-curve table for reservoir simulators, as
//!   keyword text ([`VfpProdTable::to_eclipse`]) and in structured form, with a check that
//!   the BHP never falls as the THP rises.
//!
//! The engine is generic over [`crate::hydraulics::FluidModel`]; the parallel entry points
//! need the fluid to be `Sync`.

mod gas_lift;
mod operating_point;
mod parallel;
mod sensitivity;
mod vfp;

pub use gas_lift::{
    GasLiftOptimum, GasLiftPerformance, GasLiftPoint, MAX_GAS_LIFT_POINTS, gas_lift_performance,
};
pub use operating_point::{
    NodalCurvePoint, NodalOptions, NodalOutcome, NodalSolution, OperatingPoint, Outflow,
    OutflowFailure, PhaseRates, WellOutflow, operating_point, solve_operating_point,
};
pub use sensitivity::{
    MAX_SENSITIVITY_CASES, NodalCase, SensitivityAxis, SensitivityCase, SensitivityResult,
    SensitivityVariable, sensitivity,
};
pub use vfp::{
    MAX_VFP_AXIS_VALUES, MAX_VFP_POINTS, VfpFlowRate, VfpGasFraction, VfpLiftQuantity, VfpProdSpec,
    VfpProdTable, VfpRecord, VfpViolation, VfpWaterFraction, vfpprod_table,
};
