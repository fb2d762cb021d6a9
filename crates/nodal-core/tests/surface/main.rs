//! Surface-facility equations checked against published worked examples.
//!
//! Each test names the book, edition, example and page it reproduces and says why its
//! tolerance is what it is (usually the number of figures the book prints, or a property the
//! book takes as given). Where a book and the equation disagree beyond rounding, the test says
//! which one is right and why.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod gas_pipeline;
