//! # nodal-core
//!
//! The Nodal engine: black-oil fluid properties (PVT), and the building blocks of nodal
//! analysis. It is pure Rust with no I/O, no async runtime and no web or database types, so
//! another Rust program can link it alone and run a calculation in-process.
//!
//! Conventions, everywhere in this crate:
//! - Oilfield units, and every argument's unit in its name or doc comment: pressures in psia,
//!   temperatures in °F, rates in STB/d or Mscf/d, lengths in ft, diameters in inches.
//! - One public function or type per published correlation, named after it, with the source,
//!   the units, the published data range and the variant in its doc comment.
//! - Functions return [`Result`] with a [`CoreError`] that says what went wrong and where;
//!   they never return NaN silently and never panic on user input.
#![warn(missing_docs)]

pub mod error;
pub mod hydraulics;
pub mod inflow;
pub mod method;
pub mod nodal;
pub(crate) mod numeric;
pub mod pvt;
pub mod surface;
pub mod units;
pub mod wellbore;

pub use error::{CoreError, CoreResult};

/// Version of the engine. Results computed by a different engine version are never served
/// from a cache for this one.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");
pub use method::{MethodInfo, ParamRange, RangeWarning};
