//! Nodal HTTP API.
