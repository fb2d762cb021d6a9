//! Method metadata: what each correlation is, where it comes from and where it is valid.
//!
//! Every correlation in the engine publishes a `static` [`MethodInfo`]. The service lists them
//! (`GET .../methods`), names them in every response, and checks inputs against their
//! published data ranges to raise [`RangeWarning`]s (warnings, not errors: engineers do use
//! correlations outside their data, but they must be told).

/// The published data range of one input of a correlation.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ParamRange {
    /// Input name with its unit suffix, as used in the API (e.g. `"temperature_degf"`).
    pub param: &'static str,
    /// Lowest value in the correlation's data set.
    pub min: f64,
    /// Highest value in the correlation's data set.
    pub max: f64,
}

impl ParamRange {
    /// Returns a warning when `value` is outside the range.
    pub fn check(&self, method: &'static str, value: f64) -> Option<RangeWarning> {
        if value < self.min || value > self.max {
            Some(RangeWarning {
                method,
                param: self.param,
                value,
                min: self.min,
                max: self.max,
                compared: None,
            })
        } else {
            None
        }
    }
}

/// Description of one correlation or method.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MethodInfo {
    /// Stable identifier including the variant, e.g. `"standing_1947"`.
    pub id: &'static str,
    /// The property or quantity computed, e.g. `"bubble_point_pressure"`.
    pub property: &'static str,
    /// Which published variant this is, in words, when sources disagree.
    pub variant: &'static str,
    /// Primary source: author, year, journal or book, volume and pages.
    pub source: &'static str,
    /// Published data range of the inputs.
    pub ranges: &'static [ParamRange],
}

impl MethodInfo {
    /// Checks named input values against the published ranges and appends a warning for
    /// each one outside. Inputs the method does not list are ignored.
    pub fn check_ranges(&self, inputs: &[(&str, f64)], out: &mut Vec<RangeWarning>) {
        for range in self.ranges {
            let value = inputs.iter().find(|(name, _)| *name == range.param);
            if let Some(w) = value.and_then(|(_, value)| range.check(self.id, *value)) {
                out.push(w);
            }
        }
    }
}

/// An input that lies outside a correlation's published data range.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct RangeWarning {
    /// The method whose range was left.
    pub method: &'static str,
    /// The input, with its unit suffix.
    pub param: &'static str,
    /// The value compared with the range.
    pub value: f64,
    /// Published minimum.
    pub min: f64,
    /// Published maximum.
    pub max: f64,
    /// What `value` is, when it is not exactly the quantity the range was published for
    /// (e.g. the total surface gas gravity standing in for a separator gas gravity). Part of
    /// the warning's text.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub compared: Option<&'static str>,
}

impl std::fmt::Display for RangeWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} = {} is outside the published data range of {} ({} to {})",
            self.param, self.value, self.method, self.min, self.max
        )?;
        match self.compared {
            Some(what) => write!(f, "; compared: {what}"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INFO: MethodInfo = MethodInfo {
        id: "demo_2000",
        property: "demo",
        variant: "original",
        source: "nobody",
        ranges: &[ParamRange {
            param: "temperature_degf",
            min: 100.0,
            max: 258.0,
        }],
    };

    #[test]
    fn warns_only_outside_range() {
        let mut w = Vec::new();
        INFO.check_ranges(&[("temperature_degf", 150.0), ("other", 1e9)], &mut w);
        assert!(w.is_empty());
        INFO.check_ranges(&[("temperature_degf", 300.0)], &mut w);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].param, "temperature_degf");
        assert!(w[0].to_string().contains("demo_2000"));
        assert_eq!(w[0].compared, None);
    }

    #[test]
    fn the_compared_quantity_is_part_of_the_text() {
        let mut w = Vec::new();
        INFO.check_ranges(&[("temperature_degf", 300.0)], &mut w);
        let plain = w[0].to_string();
        w[0].compared = Some("the wellhead temperature");
        let noted = w[0].to_string();
        assert!(noted.starts_with(&plain), "{noted}");
        assert!(
            noted.ends_with("; compared: the wellhead temperature"),
            "{noted}"
        );
    }
}
