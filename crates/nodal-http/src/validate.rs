//! Request validation that collects every invalid field before answering 422.

use crate::error::{ApiError, FieldError};

/// Collects field errors; [`Check::finish`] turns them into one 422 naming every field.
#[derive(Debug, Default)]
pub struct Check {
    errors: Vec<FieldError>,
}

impl Check {
    /// Records an invalid field.
    pub fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, message));
    }

    /// `value` must be finite and greater than zero.
    pub fn positive(&mut self, field: &str, value: f64) {
        if !(value.is_finite() && value > 0.0) {
            self.fail(
                field,
                format!("must be greater than zero (got {})", shown(value)),
            );
        }
    }

    /// `value` must be finite and not negative.
    pub fn non_negative(&mut self, field: &str, value: f64) {
        if !(value.is_finite() && value >= 0.0) {
            self.fail(
                field,
                format!("must not be negative (got {})", shown(value)),
            );
        }
    }

    /// `value` must be finite and in `[min, max]`.
    pub fn range(&mut self, field: &str, value: f64, min: f64, max: f64) {
        if !(value.is_finite() && (min..=max).contains(&value)) {
            self.fail(
                field,
                format!("must be between {min} and {max} (got {})", shown(value)),
            );
        }
    }

    /// `value` must be finite, greater than `min` and at most `max`.
    pub fn above_at_most(&mut self, field: &str, value: f64, min: f64, max: f64) {
        if !(value.is_finite() && value > min && value <= max) {
            self.fail(
                field,
                format!(
                    "must be above {min} and at most {max} (got {})",
                    shown(value)
                ),
            );
        }
    }

    /// Whether nothing failed so far.
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }

    /// `Ok` when every check passed, else a 422 listing every invalid field.
    pub fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::invalid_fields(self.errors))
        }
    }
}

/// A caller's number as quoted back: plain when readable, else in exponent form (1e308 would
/// otherwise print as 309 digits).
fn shown(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude != 0.0 && !(1e-6..1e15).contains(&magnitude) {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_and_tiny_values_are_quoted_in_exponent_form() {
        assert_eq!(shown(1e308), "1e308");
        assert_eq!(shown(-2.5e-9), "-2.5e-9");
        assert_eq!(shown(3000.0), "3000");
        assert_eq!(shown(0.25), "0.25");
        assert_eq!(shown(0.0), "0");
        assert_eq!(shown(f64::NAN), "NaN");
    }

    #[test]
    fn collects_every_failure() {
        let mut check = Check::default();
        check.positive("a", 1.0);
        check.positive("b", 0.0);
        check.range("c", f64::NAN, 0.0, 1.0);
        check.non_negative("d", 0.0);
        check.above_at_most("e", 0.0, 0.0, 1.0);
        check.above_at_most("f", 1.0, 0.0, 1.0);
        check.above_at_most("g", 1e308, 0.0, 1.0);
        match check.finish() {
            Err(ApiError::Validation { errors, .. }) => {
                let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
                assert_eq!(fields, ["b", "c", "e", "g"]);
            }
            other => panic!("expected 422, got {other:?}"),
        }
    }
}
