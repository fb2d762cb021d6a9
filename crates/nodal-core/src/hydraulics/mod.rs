//! Multiphase and single-phase pipe flow: friction factors, pressure-gradient correlations and the pressure traverse.

pub mod friction;
