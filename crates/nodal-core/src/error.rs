//! The engine's error type: every failure says what happened, in engineering words.

/// Result alias used throughout the engine.
pub type CoreResult<T> = Result<T, CoreError>;

/// Everything that can go wrong inside an engine calculation.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CoreError {
    /// An input is outside its physical domain (negative pressure, NaN, a mole fraction
    /// above one, ...). `field` names the input as the caller knows it.
    #[error("{field}: {message}")]
    InvalidInput {
        /// The offending input, e.g. `"pressure_psia"`.
        field: &'static str,
        /// What is wrong with it, in words an engineer can act on.
        message: String,
    },
    /// An iterative solver stopped before meeting its tolerance.
    #[error(
        "{method} did not converge after {iterations} iterations (last estimate {last_estimate}, residual {residual:e})"
    )]
    NoConvergence {
        /// The solver or correlation that failed, e.g. `"dranchuk_abou_kassem_1975"`.
        method: &'static str,
        /// Iterations performed.
        iterations: u32,
        /// The last iterate.
        last_estimate: f64,
        /// The residual at the last iterate.
        residual: f64,
    },
    /// A calculation left its physical domain part-way (e.g. pressure fell below
    /// atmospheric during a traverse).
    #[error("{0}")]
    Physical(String),
}

impl CoreError {
    /// Shorthand for [`CoreError::InvalidInput`].
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Self::InvalidInput {
            field,
            message: message.into(),
        }
    }
}

/// Checks that `value` is finite and strictly positive.
pub fn require_positive(field: &'static str, value: f64) -> CoreResult<f64> {
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(CoreError::invalid(
            field,
            format!("must be a finite number greater than zero (got {value})"),
        ))
    }
}

/// Checks that `value` is finite, greater than zero and at most `max` (a bound beyond any
/// real well, so that absurd magnitudes are refused by name instead of failing deep inside a
/// calculation).
pub fn require_positive_at_most(field: &'static str, value: f64, max: f64) -> CoreResult<f64> {
    if value.is_finite() && value > 0.0 && value <= max {
        Ok(value)
    } else {
        Err(CoreError::invalid(
            field,
            format!("must be greater than zero and at most {max:e} (got {value:e})"),
        ))
    }
}

/// Checks that `value` is finite and lies in `[min, max]`.
pub fn require_in_range(field: &'static str, value: f64, min: f64, max: f64) -> CoreResult<f64> {
    if value.is_finite() && (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(CoreError::invalid(
            field,
            format!("must be between {min} and {max} (got {value})"),
        ))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn positive_guard_rejects_zero_nan_and_negative() {
        assert!(require_positive("p", 1.0).is_ok());
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let err = require_positive("pressure_psia", bad).unwrap_err();
            assert!(err.to_string().starts_with("pressure_psia:"), "{err}");
        }
    }

    #[test]
    fn range_guard_is_inclusive() {
        assert!(require_in_range("x", 0.0, 0.0, 1.0).is_ok());
        assert!(require_in_range("x", 1.0, 0.0, 1.0).is_ok());
        assert!(require_in_range("x", 1.0 + 1e-12, 0.0, 1.0).is_err());
    }
}
