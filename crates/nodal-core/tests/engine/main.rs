//! The engine checked from outside, as a library user links it: equations against published
//! worked examples (one test binary for the crate; a module per area).
//!
//! Each test names the book, edition, example and page it reproduces and says why its
//! tolerance is what it is (usually the number of figures the book prints, or a property the
//! book takes as given). Where a book and the equation disagree beyond rounding, the test says
//! which one is right and why.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod surface_gas_pipeline;
