//! Nodal persistence.
