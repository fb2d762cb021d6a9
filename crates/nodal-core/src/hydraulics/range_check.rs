//! Checks a traverse against the published range of its gradient correlation.
//!
//! Each correlation declares in its [`MethodInfo::ranges`] the conditions it was developed
//! for: the pipe angle (e.g. Ansari and Hagedorn-Brown: vertical upward flow only), the
//! diameter, the liquid viscosity, the pressure, the mixture velocity, and for Gray the
//! condensate- and water-gas ratios. A traverse checks every station it keeps against those
//! ranges and reports one [`PathRangeWarning`] per (correlation, input) pair that left its
//! range anywhere: the value farthest outside, where it was, and the MD span and number of
//! stations outside. These are warnings, not errors: engineers do run correlations outside
//! their data (often for want of a better one), but they must be told.
//!
//! The per-station check is allocation-free: the inputs to check are resolved once per
//! traverse into a fixed-size [`RangeTracker`]; a `Vec` is touched only when a range was left.

use crate::method::{MethodInfo, ParamRange, RangeWarning};

use super::traverse::fmt_ft;

/// An input of a traverse that left the published range of its correlation somewhere along
/// the path (one per correlation and input, however many stations were outside).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PathRangeWarning {
    /// The correlation, the input, its published range and the value farthest outside it.
    pub range: RangeWarning,
    /// Measured depth of the station with the value farthest outside, ft.
    pub worst_md_ft: f64,
    /// Shallowest station outside the range, ft MD.
    pub top_md_ft: f64,
    /// Deepest station outside the range, ft MD.
    pub bottom_md_ft: f64,
    /// Number of stations outside the range (summed over the traverses of a VLP curve).
    pub station_count: usize,
}

impl PathRangeWarning {
    /// How far the worst value is outside the range (in the input's unit).
    fn excess(&self) -> f64 {
        excess(self.range.value, self.range.min, self.range.max)
    }

    /// Folds `other` (same correlation and input) into `self`: the worse value, the union of
    /// the MD spans, the sum of the station counts.
    fn absorb(&mut self, other: &Self) {
        if other.excess() > self.excess() {
            self.range.value = other.range.value;
            self.worst_md_ft = other.worst_md_ft;
        }
        self.top_md_ft = self.top_md_ft.min(other.top_md_ft);
        self.bottom_md_ft = self.bottom_md_ft.max(other.bottom_md_ft);
        self.station_count += other.station_count;
    }
}

impl std::fmt::Display for PathRangeWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let r = &self.range;
        write!(
            f,
            "{} is outside the published range of {} ({} to {}) at {} station(s) between MD {} and {} ft; farthest outside: {} at MD {} ft",
            r.param,
            r.method,
            r.min,
            r.max,
            self.station_count,
            fmt_ft(self.top_md_ft),
            fmt_ft(self.bottom_md_ft),
            round_for_display(r.value),
            fmt_ft(self.worst_md_ft)
        )?;
        if r.param == "angle_deg" {
            // Engineers read surveys as inclination from vertical; the ranges are declared as
            // the flow angle above horizontal (90 = vertical upward flow).
            write!(
                f,
                " (flow angle above horizontal; inclination {} deg)",
                round_for_display(90.0 - r.value.abs())
            )?;
        }
        Ok(())
    }
}

/// Three decimals are enough to read; the field itself keeps full precision.
fn round_for_display(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

fn excess(value: f64, min: f64, max: f64) -> f64 {
    (min - value).max(value - max).max(0.0)
}

/// Adds `w` to `out`, folding it into an entry of the same correlation and input if there is
/// one (so a VLP curve reports each input once over all its rates).
pub fn merge_warning(out: &mut Vec<PathRangeWarning>, w: &PathRangeWarning) {
    match out
        .iter_mut()
        .find(|e| e.range.method == w.range.method && e.range.param == w.range.param)
    {
        Some(existing) => existing.absorb(w),
        None => out.push(*w),
    }
}

/// The inputs of one station a published range can be about.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StationConditions {
    /// Measured depth, ft.
    pub(crate) md_ft: f64,
    /// Flow angle above horizontal, degrees (as the correlation saw it).
    pub(crate) angle_deg: f64,
    /// Hydraulic diameter, in.
    pub(crate) diameter_in: f64,
    /// In-situ liquid viscosity, cp.
    pub(crate) liquid_viscosity_cp: f64,
    /// Pressure, psia.
    pub(crate) pressure_psia: f64,
    /// Mixture velocity, ft/s.
    pub(crate) mixture_velocity_ft_s: f64,
    /// Surface oil (condensate) rate, STB/d.
    pub(crate) oil_rate_stb_d: f64,
    /// Surface water rate, STB/d.
    pub(crate) water_rate_stb_d: f64,
    /// Surface gas rate flowing here (formation gas plus any lift gas), MMscf/d.
    pub(crate) gas_rate_mmscf_d: f64,
}

impl StationConditions {
    /// A surface liquid rate over the surface gas rate, STB/MMscf; `None` without gas (the
    /// ratio is then unbounded and a range of it says nothing more).
    fn per_gas(&self, liquid_stb_d: f64) -> Option<f64> {
        (self.gas_rate_mmscf_d > 0.0).then(|| liquid_stb_d / self.gas_rate_mmscf_d)
    }
}

/// Which station input a declared range is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Input {
    Angle,
    Diameter,
    LiquidViscosity,
    Pressure,
    MixtureVelocity,
    CondensateGasRatio,
    WaterGasRatio,
}

impl Input {
    /// The station input a range's `param` names; `None` for inputs a traverse does not see.
    fn of(param: &str) -> Option<Self> {
        Some(match param {
            "angle_deg" => Self::Angle,
            "diameter_in" => Self::Diameter,
            "liquid_viscosity_cp" => Self::LiquidViscosity,
            "pressure_psia" => Self::Pressure,
            "mixture_velocity_ft_s" => Self::MixtureVelocity,
            "condensate_gas_ratio_stb_mmscf" => Self::CondensateGasRatio,
            "water_gas_ratio_stb_mmscf" => Self::WaterGasRatio,
            _ => return None,
        })
    }

    fn value(self, s: &StationConditions) -> Option<f64> {
        match self {
            Self::Angle => Some(s.angle_deg),
            Self::Diameter => Some(s.diameter_in),
            Self::LiquidViscosity => Some(s.liquid_viscosity_cp),
            Self::Pressure => Some(s.pressure_psia),
            Self::MixtureVelocity => Some(s.mixture_velocity_ft_s),
            Self::CondensateGasRatio => s.per_gas(s.oil_rate_stb_d),
            Self::WaterGasRatio => s.per_gas(s.water_rate_stb_d),
        }
    }
}

/// Degrees by which a station's flow angle may lie outside a declared angle range and still
/// count as inside: the survey of a nominally vertical well reads a few degrees of
/// inclination, and correlations developed on vertical wells are applied to such wells as a
/// matter of course. A well deviated by more than this is reported.
pub const ANGLE_TOLERANCE_DEG: f64 = 5.0;

/// Most ranges a correlation may declare for the traverse to track (the largest, Gray,
/// declares five).
const MAX_TRACKED: usize = 8;

#[derive(Debug, Clone, Copy)]
struct Slot {
    input: Input,
    range: ParamRange,
    /// The warning so far (`station_count == 0`: the range has not been left).
    seen: PathRangeWarning,
}

/// Per-traverse tracker of range excursions: fixed size, no allocation per station.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RangeTracker {
    slots: [Option<Slot>; MAX_TRACKED],
}

impl RangeTracker {
    /// Resolves the correlation's declared ranges to station inputs, once per traverse.
    pub(crate) fn new(info: &'static MethodInfo) -> Self {
        let mut slots = [None; MAX_TRACKED];
        let tracked = info
            .ranges
            .iter()
            .filter_map(|range| Input::of(range.param).map(|input| (input, *range)));
        for (slot, (input, range)) in slots.iter_mut().zip(tracked) {
            *slot = Some(Slot {
                input,
                range,
                seen: PathRangeWarning {
                    range: RangeWarning {
                        method: info.id,
                        param: range.param,
                        value: f64::NAN,
                        min: range.min,
                        max: range.max,
                        compared: None,
                    },
                    worst_md_ft: f64::NAN,
                    top_md_ft: f64::INFINITY,
                    bottom_md_ft: f64::NEG_INFINITY,
                    station_count: 0,
                },
            });
        }
        Self { slots }
    }

    /// Checks one kept station.
    #[inline]
    pub(crate) fn record(&mut self, s: &StationConditions) {
        // The slots are filled from the front.
        for slot in self.slots.iter_mut().map_while(Option::as_mut) {
            let Some(value) = slot.input.value(s) else {
                continue;
            };
            let slack = if slot.input == Input::Angle {
                ANGLE_TOLERANCE_DEG
            } else {
                0.0
            };
            if value >= slot.range.min - slack && value <= slot.range.max + slack {
                continue;
            }
            let seen = &mut slot.seen;
            if seen.station_count == 0
                || excess(value, slot.range.min, slot.range.max) > seen.excess()
            {
                seen.range.value = value;
                seen.worst_md_ft = s.md_ft;
            }
            seen.top_md_ft = seen.top_md_ft.min(s.md_ft);
            seen.bottom_md_ft = seen.bottom_md_ft.max(s.md_ft);
            seen.station_count += 1;
        }
    }

    /// Adds a warning to `out` for each range left (merged with entries already there).
    pub(crate) fn flush(&self, out: &mut Vec<PathRangeWarning>) {
        for slot in self.slots.iter().flatten() {
            if slot.seen.station_count > 0 {
                merge_warning(out, &slot.seen);
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::hydraulics::GradientCorrelation;

    fn station(md_ft: f64, angle_deg: f64) -> StationConditions {
        StationConditions {
            md_ft,
            angle_deg,
            diameter_in: 1.5,
            liquid_viscosity_cp: 5.0,
            pressure_psia: 60.0,
            mixture_velocity_ft_s: 5.0,
            oil_rate_stb_d: 10.0,
            water_rate_stb_d: 1.0,
            gas_rate_mmscf_d: 1.0,
        }
    }

    #[test]
    fn every_declared_traverse_range_is_tracked() {
        // A range whose input the traverse cannot see would be silently skipped: make any
        // such declaration a visible decision here.
        for c in GradientCorrelation::ALL {
            let info = c.info();
            assert!(info.ranges.len() <= MAX_TRACKED, "{}", info.id);
            for r in info.ranges {
                assert!(Input::of(r.param).is_some(), "{}: {}", info.id, r.param);
            }
        }
    }

    #[test]
    fn a_nominally_vertical_well_is_not_reported() {
        // Ansari declares vertical flow only (90°); 4° of inclination is survey noise in a
        // vertical well, 6° is a deviated well.
        let mut t = RangeTracker::new(GradientCorrelation::Ansari1994.info());
        t.record(&station(1000.0, 90.0 - (ANGLE_TOLERANCE_DEG - 1.0)));
        let mut out = Vec::new();
        t.flush(&mut out);
        assert!(out.is_empty(), "{out:?}");
        t.record(&station(2000.0, 90.0 - (ANGLE_TOLERANCE_DEG + 1.0)));
        t.flush(&mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].range.value, 84.0);
        assert_eq!(out[0].station_count, 1);
    }

    #[test]
    fn one_warning_per_input_with_worst_value_and_span() {
        let mut t = RangeTracker::new(GradientCorrelation::Ansari1994.info());
        t.record(&station(0.0, 90.0));
        t.record(&station(2500.0, 80.0));
        t.record(&station(3000.0, 30.0));
        t.record(&station(3500.0, 45.0));
        let mut out = Vec::new();
        t.flush(&mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        let w = out[0];
        assert_eq!(w.range.method, "ansari_1994");
        assert_eq!(w.range.param, "angle_deg");
        assert_eq!(w.range.value, 30.0);
        assert_eq!(w.worst_md_ft, 3000.0);
        assert_eq!((w.top_md_ft, w.bottom_md_ft), (2500.0, 3500.0));
        assert_eq!(w.station_count, 3);
        let text = w.to_string();
        assert!(text.contains("inclination 60 deg"), "{text}");
        assert!(text.contains("between MD 2,500 and 3,500 ft"), "{text}");

        // A second traverse (another VLP rate) folds into the same entry.
        let mut t = RangeTracker::new(GradientCorrelation::Ansari1994.info());
        t.record(&station(4000.0, 20.0));
        t.flush(&mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].range.value, 20.0);
        assert_eq!((out[0].top_md_ft, out[0].bottom_md_ft), (2500.0, 4000.0));
        assert_eq!(out[0].station_count, 4);
    }

    #[test]
    fn inside_the_range_nothing_is_reported() {
        let mut t = RangeTracker::new(GradientCorrelation::BeggsBrill1973.info());
        t.record(&station(0.0, 90.0));
        t.record(&station(100.0, -90.0));
        let mut out = Vec::new();
        t.flush(&mut out);
        assert!(out.is_empty(), "{out:?}");
    }
}
