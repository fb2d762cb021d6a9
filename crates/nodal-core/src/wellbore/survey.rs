//! Deviation survey and the minimum-curvature trajectory.
//!
//! Minimum curvature joins consecutive stations by the circular arc tangent to both station
//! directions (Sawaryn, S.J. and Thorogood, J.L. (2005), "A Compendium of Directional
//! Calculations Based on the Minimum Curvature Method", SPE Drilling & Completion 20(1),
//! 24-36, SPE-84246-PA). With unit tangents `t1`, `t2` at the ends of a course of length `ΔMD`:
//!
//! - dogleg angle `β = 2 asin( sqrt( sin²(ΔI/2) + sin I1 sin I2 sin²(ΔA/2) ) )` (the
//!   haversine form, well conditioned for small β, recommended over `acos` by the compendium);
//! - ratio factor `RF = (2/β) tan(β/2)`, taken from its series `1 + β²/12 + β⁴/120 + 17β⁶/20160`
//!   when `β < 1e-3` (where the closed form loses precision and is 0/0 at β = 0);
//! - displacement `Δr = (ΔMD/2) RF (t1 + t2)`, giving ΔN, ΔE and ΔTVD;
//! - dogleg severity `DLS = β × 100/ΔMD` in degrees per 100 ft.
//!
//! Points between stations are interpolated on the arc itself: the tangent at fraction `x` of
//! the course is `t(x) = [sin((1−x)β) t1 + sin(xβ) t2] / sin β` and the position follows from the
//! same formula over the partial arc of angle `xβ`, so interpolation is exact for a circular arc.

use crate::error::{CoreError, CoreResult};

/// Deepest measured depth a survey may reach, ft.
pub const MAX_MEASURED_DEPTH_FT: f64 = 50_000.0;

/// One deviation-survey station as measured.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SurveyStation {
    /// Measured depth along the hole, ft (≥ 0).
    pub md_ft: f64,
    /// Inclination from vertical, degrees, in [0, 180].
    pub inclination_deg: f64,
    /// Azimuth clockwise from north, degrees, in [0, 360].
    pub azimuth_deg: f64,
}

/// A point of the computed trajectory.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TrajectoryPoint {
    /// Measured depth, ft.
    pub md_ft: f64,
    /// True vertical depth, ft, positive downwards.
    pub tvd_ft: f64,
    /// Displacement north of the first station, ft.
    pub north_ft: f64,
    /// Displacement east of the first station, ft.
    pub east_ft: f64,
    /// Inclination from vertical, degrees.
    pub inclination_deg: f64,
    /// Azimuth clockwise from north, degrees, in [0, 360).
    pub azimuth_deg: f64,
    /// Dogleg severity of the survey course containing this point, degrees per 100 ft
    /// (0 at the first station).
    pub dogleg_severity_deg_100ft: f64,
}

/// A validated deviation survey with its minimum-curvature trajectory.
///
/// The first station is the tie-on point: its TVD is taken equal to its MD (the hole is
/// vertical above it) and its north and east displacements are zero.
#[derive(Debug, Clone, PartialEq)]
pub struct Survey {
    points: Vec<TrajectoryPoint>,
    tangents: Vec<[f64; 3]>,
    /// Dogleg angle (radians) of the course ending at each station; 0 for the first.
    doglegs: Vec<f64>,
}

#[inline]
fn tangent(inclination_deg: f64, azimuth_deg: f64) -> [f64; 3] {
    let (si, ci) = inclination_deg.to_radians().sin_cos();
    let (sa, ca) = azimuth_deg.to_radians().sin_cos();
    [si * ca, si * sa, ci]
}

/// `(2/β) tan(β/2)`, exact at β = 0.
#[inline]
fn ratio_factor(beta: f64) -> f64 {
    if beta < 1e-3 {
        let b2 = beta * beta;
        1.0 + b2 / 12.0 + b2 * b2 / 120.0 + 17.0 * b2 * b2 * b2 / 20160.0
    } else {
        2.0 / beta * (0.5 * beta).tan()
    }
}

/// Dogleg angle between two directions, radians (haversine form).
#[inline]
fn dogleg_angle(i1_deg: f64, a1_deg: f64, i2_deg: f64, a2_deg: f64) -> f64 {
    let i1 = i1_deg.to_radians();
    let i2 = i2_deg.to_radians();
    let di = 0.5 * (i2 - i1);
    let da = 0.5 * (a2_deg - a1_deg).to_radians();
    let h = di.sin().powi(2) + i1.sin() * i2.sin() * da.sin().powi(2);
    2.0 * h.clamp(0.0, 1.0).sqrt().asin()
}

fn direction_angles(t: [f64; 3], fallback_azimuth_deg: f64) -> (f64, f64) {
    let horizontal = t[0].hypot(t[1]);
    let inclination = horizontal.atan2(t[2]).to_degrees();
    let azimuth = if horizontal < 1e-12 {
        fallback_azimuth_deg
    } else {
        t[1].atan2(t[0]).to_degrees().rem_euclid(360.0)
    };
    (inclination, azimuth)
}

fn station_error(field: &'static str, index: usize, message: String) -> CoreError {
    CoreError::invalid(field, format!("station {index}: {message}"))
}

impl Survey {
    /// Validates the stations and computes the trajectory by minimum curvature.
    ///
    /// Rules (errors name the station index, counted from 0, and the field): at least two
    /// stations; every value finite; MD ≥ 0 and strictly increasing; last MD ≤ 50,000 ft;
    /// inclination in [0, 180]°; azimuth in [0, 360]°; no course with a 180° dogleg (its arc
    /// plane is undefined).
    ///
    /// ```
    /// use nodal_core::wellbore::{Survey, SurveyStation};
    /// // Lapeyrouse (2002) minimum-curvature example: 3,500 ft at 15°/20° to 3,600 ft at 25°/45°
    /// // gives 27.22 ft north, 19.45 ft east and 94.01 ft of TVD over the course.
    /// let s = Survey::new(&[
    ///     SurveyStation { md_ft: 3500.0, inclination_deg: 15.0, azimuth_deg: 20.0 },
    ///     SurveyStation { md_ft: 3600.0, inclination_deg: 25.0, azimuth_deg: 45.0 },
    /// ]).unwrap();
    /// let end = s.stations()[1];
    /// assert!((end.north_ft - 27.22).abs() < 0.005);
    /// assert!((end.east_ft - 19.45).abs() < 0.005);
    /// assert!((end.tvd_ft - 3500.0 - 94.01).abs() < 0.005);
    /// ```
    pub fn new(stations: &[SurveyStation]) -> CoreResult<Self> {
        if stations.len() < 2 {
            return Err(CoreError::invalid(
                "survey",
                format!("needs at least 2 stations (got {})", stations.len()),
            ));
        }
        for (i, s) in stations.iter().enumerate() {
            if !(s.md_ft.is_finite() && s.md_ft >= 0.0) {
                return Err(station_error(
                    "md_ft",
                    i,
                    format!(
                        "measured depth must be a finite number ≥ 0 ft (got {})",
                        s.md_ft
                    ),
                ));
            }
            if s.md_ft > MAX_MEASURED_DEPTH_FT {
                return Err(station_error(
                    "md_ft",
                    i,
                    format!(
                        "measured depth {} ft exceeds the {} ft limit",
                        s.md_ft, MAX_MEASURED_DEPTH_FT
                    ),
                ));
            }
            if i > 0 && s.md_ft <= stations[i - 1].md_ft {
                return Err(station_error(
                    "md_ft",
                    i,
                    format!(
                        "measured depth must increase strictly ({} ft follows {} ft)",
                        s.md_ft,
                        stations[i - 1].md_ft
                    ),
                ));
            }
            if !(s.inclination_deg.is_finite() && (0.0..=180.0).contains(&s.inclination_deg)) {
                return Err(station_error(
                    "inclination_deg",
                    i,
                    format!(
                        "inclination must be between 0 and 180 degrees (got {})",
                        s.inclination_deg
                    ),
                ));
            }
            if !(s.azimuth_deg.is_finite() && (0.0..=360.0).contains(&s.azimuth_deg)) {
                return Err(station_error(
                    "azimuth_deg",
                    i,
                    format!(
                        "azimuth must be between 0 and 360 degrees (got {})",
                        s.azimuth_deg
                    ),
                ));
            }
        }

        let n = stations.len();
        let mut points = Vec::with_capacity(n);
        let mut tangents = Vec::with_capacity(n);
        let mut doglegs = Vec::with_capacity(n);
        let first = stations[0];
        points.push(TrajectoryPoint {
            md_ft: first.md_ft,
            tvd_ft: first.md_ft,
            north_ft: 0.0,
            east_ft: 0.0,
            inclination_deg: first.inclination_deg,
            azimuth_deg: first.azimuth_deg.rem_euclid(360.0),
            dogleg_severity_deg_100ft: 0.0,
        });
        tangents.push(tangent(first.inclination_deg, first.azimuth_deg));
        doglegs.push(0.0);
        for i in 1..n {
            let (a, b) = (stations[i - 1], stations[i]);
            let beta = dogleg_angle(
                a.inclination_deg,
                a.azimuth_deg,
                b.inclination_deg,
                b.azimuth_deg,
            );
            if std::f64::consts::PI - beta < 1e-9 {
                return Err(station_error(
                    "inclination_deg",
                    i,
                    "the course from the previous station turns through 180 degrees; its direction is undefined".to_string(),
                ));
            }
            let (t1, t2) = (tangents[i - 1], tangent(b.inclination_deg, b.azimuth_deg));
            let course = b.md_ft - a.md_ft;
            let k = 0.5 * course * ratio_factor(beta);
            let prev = points[i - 1];
            points.push(TrajectoryPoint {
                md_ft: b.md_ft,
                tvd_ft: prev.tvd_ft + k * (t1[2] + t2[2]),
                north_ft: prev.north_ft + k * (t1[0] + t2[0]),
                east_ft: prev.east_ft + k * (t1[1] + t2[1]),
                inclination_deg: b.inclination_deg,
                azimuth_deg: b.azimuth_deg.rem_euclid(360.0),
                dogleg_severity_deg_100ft: beta.to_degrees() * 100.0 / course,
            });
            tangents.push(t2);
            doglegs.push(beta);
        }
        Ok(Self {
            points,
            tangents,
            doglegs,
        })
    }

    /// A vertical well from MD 0 to `depth_ft`.
    pub fn vertical(depth_ft: f64) -> CoreResult<Self> {
        Self::new(&[
            SurveyStation {
                md_ft: 0.0,
                inclination_deg: 0.0,
                azimuth_deg: 0.0,
            },
            SurveyStation {
                md_ft: depth_ft,
                inclination_deg: 0.0,
                azimuth_deg: 0.0,
            },
        ])
    }

    /// The computed trajectory at each survey station.
    pub fn stations(&self) -> &[TrajectoryPoint] {
        &self.points
    }

    /// MD of the first station, ft.
    pub fn top_md_ft(&self) -> f64 {
        self.points[0].md_ft
    }

    /// MD of the last station, ft.
    pub fn bottom_md_ft(&self) -> f64 {
        self.points[self.points.len() - 1].md_ft
    }

    /// The trajectory at any MD within the survey, interpolated along the minimum-curvature
    /// arc (exact for the arc; no allocation; binary search for the course).
    ///
    /// Errors when `md_ft` is not finite or lies outside the surveyed interval.
    ///
    /// ```
    /// use nodal_core::wellbore::Survey;
    /// let s = Survey::vertical(10_000.0).unwrap();
    /// let p = s.at_md(4_321.0).unwrap();
    /// assert_eq!(p.tvd_ft, 4_321.0);
    /// ```
    pub fn at_md(&self, md_ft: f64) -> CoreResult<TrajectoryPoint> {
        let (top, bottom) = (self.top_md_ft(), self.bottom_md_ft());
        if !(md_ft.is_finite() && md_ft >= top && md_ft <= bottom) {
            return Err(CoreError::invalid(
                "md_ft",
                format!("measured depth {md_ft} ft is outside the survey ({top} to {bottom} ft)"),
            ));
        }
        // Index of the first station strictly deeper than md (course end), at least 1.
        let j = self
            .points
            .partition_point(|p| p.md_ft <= md_ft)
            .clamp(1, self.points.len() - 1);
        let (a, b) = (self.points[j - 1], self.points[j]);
        let course = b.md_ft - a.md_ft;
        let x = (md_ft - a.md_ft) / course;
        let beta = self.doglegs[j];
        let (t1, t2) = (self.tangents[j - 1], self.tangents[j]);
        let t = if beta < 1e-9 {
            let v = [
                (1.0 - x) * t1[0] + x * t2[0],
                (1.0 - x) * t1[1] + x * t2[1],
                (1.0 - x) * t1[2] + x * t2[2],
            ];
            let norm = (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).sqrt();
            [v[0] / norm, v[1] / norm, v[2] / norm]
        } else {
            let s = beta.sin();
            let w1 = ((1.0 - x) * beta).sin() / s;
            let w2 = (x * beta).sin() / s;
            [
                w1 * t1[0] + w2 * t2[0],
                w1 * t1[1] + w2 * t2[1],
                w1 * t1[2] + w2 * t2[2],
            ]
        };
        let k = 0.5 * (md_ft - a.md_ft) * ratio_factor(x * beta);
        let (inclination_deg, azimuth_deg) = direction_angles(t, a.azimuth_deg);
        Ok(TrajectoryPoint {
            md_ft,
            tvd_ft: a.tvd_ft + k * (t1[2] + t[2]),
            north_ft: a.north_ft + k * (t1[0] + t[0]),
            east_ft: a.east_ft + k * (t1[1] + t[1]),
            inclination_deg,
            azimuth_deg,
            dogleg_severity_deg_100ft: b.dogleg_severity_deg_100ft,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn st(md_ft: f64, inclination_deg: f64, azimuth_deg: f64) -> SurveyStation {
        SurveyStation {
            md_ft,
            inclination_deg,
            azimuth_deg,
        }
    }

    /// Lapeyrouse, N.J. (2002), Formulas and Calculations for Drilling, Production and
    /// Workover, 2nd ed., Gulf Professional Publishing, minimum-curvature example:
    /// β = 12.95°, north 27.22 ft, east 19.45 ft, TVD 94.01 ft (printed to 0.01 ft, hence the
    /// 0.005 ft tolerance). The book prints RF = 1.00408; (2/β) tan(β/2) at its own β is
    /// 1.00428, and only 1.00428 reproduces its printed displacements, so 1.00408 is a misprint.
    #[test]
    fn published_minimum_curvature_example() {
        let s = Survey::new(&[st(3500.0, 15.0, 20.0), st(3600.0, 25.0, 45.0)]).unwrap();
        let beta = dogleg_angle(15.0, 20.0, 25.0, 45.0);
        assert!((beta.to_degrees() - 12.95).abs() < 0.005);
        assert!((ratio_factor(beta) - 1.00428).abs() < 5e-6);
        let p = s.stations()[1];
        assert!((p.north_ft - 27.22).abs() < 0.005, "{}", p.north_ft);
        assert!((p.east_ft - 19.45).abs() < 0.005, "{}", p.east_ft);
        assert!((p.tvd_ft - 3594.01).abs() < 0.005, "{}", p.tvd_ft);
        assert!((p.dogleg_severity_deg_100ft - 12.95).abs() < 0.005);
    }

    #[test]
    fn vertical_well_tvd_equals_md() {
        let s = Survey::new(&[
            st(0.0, 0.0, 0.0),
            st(5000.0, 0.0, 0.0),
            st(9000.0, 0.0, 137.0),
        ])
        .unwrap();
        for md in [0.0, 1.0, 4999.0, 5000.0, 7777.7, 9000.0] {
            let p = s.at_md(md).unwrap();
            assert!((p.tvd_ft - md).abs() < 1e-9);
            assert!(p.north_ft.abs() < 1e-9 && p.east_ft.abs() < 1e-9);
            assert!(p.inclination_deg.abs() < 1e-9);
        }
    }

    /// Constant build from vertical at a kick-off point: radius R = 18,000/(π B) ft for B
    /// degrees per 100 ft; at inclination θ, MD = KOP + 100 θ/B, TVD = KOP + R sin θ and the
    /// horizontal departure is R (1 − cos θ). Minimum curvature is exact on such an arc,
    /// even with coarse stations, and so is the interpolation between them.
    #[test]
    fn constant_build_arc_is_exact() {
        let (kop, build) = (1000.0, 3.0);
        let radius = 18_000.0 / (std::f64::consts::PI * build);
        let az = 60.0_f64;
        let mut stations = vec![st(0.0, 0.0, az)];
        for theta in [0.0, 30.0, 60.0, 90.0] {
            stations.push(st(kop + 100.0 * theta / build, theta, az));
        }
        let s = Survey::new(&stations).unwrap();
        for theta in [0.0, 7.5, 30.0, 44.0, 60.0, 89.0, 90.0] {
            let md = kop + 100.0 * theta / build;
            let p = s.at_md(md).unwrap();
            let t = f64::to_radians(theta);
            let dep = radius * (1.0 - t.cos());
            assert!(
                (p.tvd_ft - (kop + radius * t.sin())).abs() < 1e-8,
                "θ={theta}"
            );
            assert!((p.north_ft - dep * az.to_radians().cos()).abs() < 1e-8);
            assert!((p.east_ft - dep * az.to_radians().sin()).abs() < 1e-8);
            assert!((p.inclination_deg - theta).abs() < 1e-9);
            if theta > 0.0 {
                assert!((p.dogleg_severity_deg_100ft - build).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn interpolation_is_continuous_at_stations() {
        let s = Survey::new(&[
            st(0.0, 0.0, 0.0),
            st(1500.0, 10.0, 45.0),
            st(3000.0, 35.0, 80.0),
            st(4500.0, 92.0, 100.0),
        ])
        .unwrap();
        for w in s.stations() {
            let p = s.at_md(w.md_ft).unwrap();
            assert!((p.tvd_ft - w.tvd_ft).abs() < 1e-9);
            assert!((p.north_ft - w.north_ft).abs() < 1e-9);
            assert!((p.east_ft - w.east_ft).abs() < 1e-9);
            assert!((p.inclination_deg - w.inclination_deg).abs() < 1e-9);
        }
        let below = s.at_md(3000.0 - 1e-6).unwrap();
        let above = s.at_md(3000.0 + 1e-6).unwrap();
        assert!((below.tvd_ft - above.tvd_ft).abs() < 1e-5);
    }

    #[test]
    fn validation_names_station_and_field() {
        let err = Survey::new(&[st(0.0, 0.0, 0.0)]).unwrap_err();
        assert!(err.to_string().contains("at least 2"));
        let err = Survey::new(&[st(0.0, 0.0, 0.0), st(100.0, 0.0, 0.0), st(100.0, 1.0, 0.0)])
            .unwrap_err();
        assert!(err.to_string().starts_with("md_ft: station 2"), "{err}");
        let err = Survey::new(&[st(0.0, 0.0, 0.0), st(100.0, 181.0, 0.0)]).unwrap_err();
        assert!(
            err.to_string().starts_with("inclination_deg: station 1"),
            "{err}"
        );
        let err = Survey::new(&[st(0.0, 0.0, -1.0), st(100.0, 1.0, 0.0)]).unwrap_err();
        assert!(
            err.to_string().starts_with("azimuth_deg: station 0"),
            "{err}"
        );
        let err = Survey::new(&[st(0.0, 0.0, 0.0), st(50_001.0, 0.0, 0.0)]).unwrap_err();
        assert!(err.to_string().contains("50000"), "{err}");
        let err = Survey::new(&[st(0.0, 0.0, 0.0), st(f64::NAN, 0.0, 0.0)]).unwrap_err();
        assert!(err.to_string().starts_with("md_ft: station 1"), "{err}");
        assert!(Survey::vertical(1000.0).unwrap().at_md(1000.5).is_err());
        assert!(Survey::vertical(1000.0).unwrap().at_md(f64::NAN).is_err());
    }

    #[test]
    fn ratio_factor_series_meets_closed_form() {
        let b = 1e-3;
        assert!((ratio_factor(b * (1.0 - 1e-12)) - 2.0 / b * (0.5 * b).tan()).abs() < 1e-15);
        assert_eq!(ratio_factor(0.0), 1.0);
    }
}
