//! Surface facilities: gas pipelines, multiphase flowlines, compressors, chokes and gas
//! gathering networks.
//!
//! - [`gas_pipeline`]: Weymouth, Panhandle A and B, the general flow equation (Colebrook, AGA
//!   fully and partially turbulent) and IGT, with efficiency, average pressure, Z from the
//!   PVT engine and the elevation correction; solves for rate, outlet or inlet pressure or
//!   diameter, and picks the smallest standard size meeting a pressure and an API RP 14E
//!   erosional-velocity limit.
//! - [`flowline`]: the multiphase hydraulics correlations on a pipe profile.
//! - [`compressor`]: stage count, isentropic and polytropic head and power, discharge
//!   temperatures with intercooling (GPSA).
//! - [`choke`]: Gilbert, Ros, Baxendell and Achong critical multiphase flow; gas through a
//!   choke, critical and subcritical.
//! - [`network`]: a tree of gas pipes gathering wells to one delivery point.

pub mod choke;
pub mod compressor;
pub mod flowline;
pub mod gas_pipeline;
pub mod network;

use crate::method::MethodInfo;

/// Every surface method, for listings (`GET /surface/methods`).
pub fn catalogue() -> Vec<&'static MethodInfo> {
    let mut all: Vec<&'static MethodInfo> = Vec::with_capacity(16);
    all.extend(gas_pipeline::GasFlowEquation::ALL.iter().map(|e| e.info()));
    all.extend(choke::ChokeCorrelation::ALL.iter().map(|c| c.info()));
    all.push(&choke::GAS_CHOKE_NOZZLE);
    all.push(&compressor::COMPRESSION_ISENTROPIC);
    all.push(&compressor::COMPRESSION_POLYTROPIC);
    all
}
