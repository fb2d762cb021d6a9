//! Multiphase flowlines: the wellbore hydraulics correlations applied to a surface line
//! described by its profile, (distance along the pipe, elevation) points, instead of a
//! deviation survey.
//!
//! The profile becomes a survey measured from the outlet: measured depth is the distance from
//! the outlet, true vertical depth the drop below the outlet, and each straight segment's
//! inclination from vertical is `acos(Δz/ΔL)` (an uphill segment in the direction of flow is
//! upward flow, as in a producing well). Where two segments meet, the change of angle is made
//! over a bend of [`BEND_LENGTH_FT`], which keeps each segment straight in the
//! minimum-curvature survey and changes the elevation difference of a segment by far less
//! than a foot. The pressure traverse ([`crate::hydraulics::traverse()`]) then marches with the
//! chosen gradient correlation from the known end.

use crate::error::{CoreError, CoreResult, require_in_range, require_positive};
use crate::hydraulics::{
    FluidModel, FrictionCorrelation, GradientCorrelation, KnownPressure, StepControl, SurfaceRates,
    TemperatureProfile, TraverseInput, TraverseStation, traverse,
};
use crate::wellbore::{Conduit, FlowPath, MAX_MEASURED_DEPTH_FT, Survey, SurveyStation};

/// Length over which the direction changes where two profile segments meet, ft.
pub const BEND_LENGTH_FT: f64 = 0.5;
/// Most profile points.
pub const MAX_PROFILE_POINTS: usize = 2_000;

/// One point of a pipe profile.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ProfilePoint {
    /// Distance along the pipe from the inlet, ft.
    pub distance_ft: f64,
    /// Elevation, ft (any datum).
    pub elevation_ft: f64,
}

/// Which end's pressure is known.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum FlowlineKnownPressure {
    /// Inlet pressure known, psia: solve the outlet.
    Inlet(f64),
    /// Outlet pressure known, psia: solve the inlet.
    Outlet(f64),
}

/// A flowline calculation.
#[derive(Debug, Clone, Copy)]
pub struct FlowlineInput<'a, F: ?Sized> {
    /// Profile, first point the inlet (distance 0), distances strictly increasing.
    pub profile: &'a [ProfilePoint],
    /// Inner diameter, in.
    pub inner_diameter_in: f64,
    /// Absolute roughness, in.
    pub roughness_in: f64,
    /// Fluid model.
    pub fluid: &'a F,
    /// Surface rates.
    pub rates: SurfaceRates,
    /// Gradient correlation.
    pub correlation: GradientCorrelation,
    /// Friction factor equation.
    pub friction: FrictionCorrelation,
    /// Flowing temperature along the line, °F.
    pub temperature_degf: f64,
    /// The known pressure.
    pub known_pressure: FlowlineKnownPressure,
    /// Step control.
    pub step: StepControl,
}

/// One station of a flowline traverse.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FlowlineStation {
    /// Distance from the inlet, ft.
    pub distance_ft: f64,
    /// Elevation, ft.
    pub elevation_ft: f64,
    /// Angle of the flow direction above horizontal, degrees.
    pub angle_deg: f64,
    /// The traverse station (its `md_ft` is the distance from the outlet).
    pub station: TraverseStation,
}

/// A solved flowline.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FlowlineResult {
    /// Inlet pressure, psia.
    pub inlet_pressure_psia: f64,
    /// Outlet pressure, psia.
    pub outlet_pressure_psia: f64,
    /// Pressure lost to elevation, psi (negative when the line runs downhill overall).
    pub elevation_loss_psi: f64,
    /// Pressure lost to friction, psi.
    pub friction_loss_psi: f64,
    /// Pressure lost to acceleration, psi.
    pub acceleration_loss_psi: f64,
    /// Pipe length, ft.
    pub length_ft: f64,
    /// Outlet elevation minus inlet elevation, ft.
    pub elevation_change_ft: f64,
    /// Correlation used.
    pub correlation_id: &'static str,
    /// Stations, inlet to outlet.
    pub stations: Vec<FlowlineStation>,
}

/// Checks a profile: 2 to [`MAX_PROFILE_POINTS`] points, first distance 0, distances strictly
/// increasing, each rise no longer than its segment, total length within the survey limit.
pub fn validate_profile(profile: &[ProfilePoint]) -> CoreResult<()> {
    if !(2..=MAX_PROFILE_POINTS).contains(&profile.len()) {
        return Err(CoreError::invalid(
            "profile",
            format!(
                "needs 2 to {MAX_PROFILE_POINTS} points (got {})",
                profile.len()
            ),
        ));
    }
    for (i, p) in profile.iter().enumerate() {
        if !(p.distance_ft.is_finite() && p.elevation_ft.is_finite()) {
            return Err(CoreError::invalid(
                "profile",
                format!("point {i}: distance and elevation must be finite"),
            ));
        }
    }
    if profile[0].distance_ft != 0.0 {
        return Err(CoreError::invalid(
            "profile",
            "the first point is the inlet: its distance_ft must be 0",
        ));
    }
    for (i, w) in profile.windows(2).enumerate() {
        let length = w[1].distance_ft - w[0].distance_ft;
        if length <= 2.0 * BEND_LENGTH_FT {
            return Err(CoreError::invalid(
                "profile",
                format!(
                    "point {}: distance_ft must exceed the previous point's by more than {} ft",
                    i + 1,
                    2.0 * BEND_LENGTH_FT
                ),
            ));
        }
        let rise = w[1].elevation_ft - w[0].elevation_ft;
        if rise.abs() > length {
            return Err(CoreError::invalid(
                "profile",
                format!(
                    "point {}: the elevation changes by {rise} ft over {length} ft of pipe (a rise cannot exceed the length)",
                    i + 1
                ),
            ));
        }
    }
    let total = profile[profile.len() - 1].distance_ft;
    if total > MAX_MEASURED_DEPTH_FT {
        return Err(CoreError::invalid(
            "profile",
            format!("the line is {total} ft long; at most {MAX_MEASURED_DEPTH_FT} ft"),
        ));
    }
    Ok(())
}

/// The survey, measured from the outlet, that follows a profile.
pub fn profile_survey(profile: &[ProfilePoint]) -> CoreResult<Survey> {
    validate_profile(profile)?;
    let total = profile[profile.len() - 1].distance_ft;
    // Inclination of segment j (inlet side j to outlet side j + 1).
    let inclination = |j: usize| {
        let length = profile[j + 1].distance_ft - profile[j].distance_ft;
        let rise = profile[j + 1].elevation_ft - profile[j].elevation_ft;
        (rise / length).clamp(-1.0, 1.0).acos().to_degrees()
    };
    let segments = profile.len() - 1;
    let mut stations = Vec::with_capacity(2 * segments);
    // Walk from the outlet (MD 0) back to the inlet.
    stations.push(SurveyStation {
        md_ft: 0.0,
        inclination_deg: inclination(segments - 1),
        azimuth_deg: 0.0,
    });
    for j in (1..segments).rev() {
        let md = total - profile[j].distance_ft;
        stations.push(SurveyStation {
            md_ft: md - 0.5 * BEND_LENGTH_FT,
            inclination_deg: inclination(j),
            azimuth_deg: 0.0,
        });
        stations.push(SurveyStation {
            md_ft: md + 0.5 * BEND_LENGTH_FT,
            inclination_deg: inclination(j - 1),
            azimuth_deg: 0.0,
        });
    }
    stations.push(SurveyStation {
        md_ft: total,
        inclination_deg: inclination(0),
        azimuth_deg: 0.0,
    });
    Survey::new(&stations).map_err(|e| match e {
        CoreError::InvalidInput { message, .. } => CoreError::invalid(
            "profile",
            format!("the profile cannot be followed: {message}"),
        ),
        other => other,
    })
}

/// Pressure traverse along a flowline.
pub fn flowline<F: FluidModel + ?Sized>(
    input: &FlowlineInput<'_, F>,
) -> CoreResult<FlowlineResult> {
    require_positive("inner_diameter_in", input.inner_diameter_in)?;
    require_in_range(
        "roughness_in",
        input.roughness_in,
        0.0,
        0.5 * input.inner_diameter_in,
    )?;
    require_in_range("temperature_degf", input.temperature_degf, -40.0, 700.0)?;
    let survey = profile_survey(input.profile)?;
    let profile = input.profile;
    let total = profile[profile.len() - 1].distance_ft;
    let outlet_elevation = profile[profile.len() - 1].elevation_ft;
    let path = FlowPath::single(
        0.0,
        total,
        Conduit::Tubing {
            inner_diameter_in: input.inner_diameter_in,
            roughness_in: input.roughness_in,
        },
    )?;
    let known = match input.known_pressure {
        FlowlineKnownPressure::Inlet(p) => {
            KnownPressure::Bottom(require_positive("inlet_pressure_psia", p)?)
        }
        FlowlineKnownPressure::Outlet(p) => {
            KnownPressure::Top(require_positive("outlet_pressure_psia", p)?)
        }
    };
    let mut traverse_input = TraverseInput::new(
        &survey,
        &path,
        input.fluid,
        input.rates,
        input.correlation,
        TemperatureProfile {
            top_temperature_degf: input.temperature_degf,
            bottom_temperature_degf: input.temperature_degf,
        },
        known,
    );
    traverse_input.friction = input.friction;
    traverse_input.step = input.step;
    let result = traverse(&traverse_input).map_err(|e| match e {
        CoreError::Physical(m) => {
            CoreError::Physical(m.replace("at MD ", "at distance from the outlet "))
        }
        other => other,
    })?;
    let mut stations: Vec<FlowlineStation> = result
        .stations
        .iter()
        .map(|s| FlowlineStation {
            distance_ft: total - s.md_ft,
            elevation_ft: outlet_elevation - s.tvd_ft,
            angle_deg: 90.0 - s.inclination_deg,
            station: *s,
        })
        .collect();
    stations.reverse();
    let summary = result.summary;
    Ok(FlowlineResult {
        inlet_pressure_psia: summary.bottom_pressure_psia,
        outlet_pressure_psia: summary.top_pressure_psia,
        elevation_loss_psi: summary.elevation_loss_psi,
        friction_loss_psi: summary.friction_loss_psi,
        acceleration_loss_psi: summary.acceleration_loss_psi,
        length_ft: total,
        elevation_change_ft: outlet_elevation - profile[0].elevation_ft,
        correlation_id: input.correlation.info().id,
        stations,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::hydraulics::{SimpleBlackOil, traverse_end_pressure};

    fn input<'a>(
        profile: &'a [ProfilePoint],
        fluid: &'a SimpleBlackOil,
        known: FlowlineKnownPressure,
    ) -> FlowlineInput<'a, SimpleBlackOil> {
        FlowlineInput {
            profile,
            inner_diameter_in: 3.068,
            roughness_in: 0.0018,
            fluid,
            rates: SurfaceRates::from_liquid(2000.0, 0.3, 500.0).unwrap(),
            correlation: GradientCorrelation::BeggsBrillPayne1979,
            friction: FrictionCorrelation::Colebrook,
            temperature_degf: 120.0,
            known_pressure: known,
            step: StepControl::default(),
        }
    }

    fn point(distance_ft: f64, elevation_ft: f64) -> ProfilePoint {
        ProfilePoint {
            distance_ft,
            elevation_ft,
        }
    }

    #[test]
    fn straight_uphill_line_equals_the_same_inclined_well() {
        // 5,000 ft rising 1,000 ft: an inclination of acos(0.2) from vertical. The flowline
        // must give exactly what the wellbore traverse gives on that survey.
        let fluid = SimpleBlackOil::default();
        let profile = [point(0.0, 100.0), point(5000.0, 1100.0)];
        let r = flowline(&input(
            &profile,
            &fluid,
            FlowlineKnownPressure::Outlet(250.0),
        ))
        .unwrap();
        let inclination = 0.2_f64.acos().to_degrees();
        let survey = Survey::new(&[
            SurveyStation {
                md_ft: 0.0,
                inclination_deg: inclination,
                azimuth_deg: 0.0,
            },
            SurveyStation {
                md_ft: 5000.0,
                inclination_deg: inclination,
                azimuth_deg: 0.0,
            },
        ])
        .unwrap();
        let path = FlowPath::single(
            0.0,
            5000.0,
            Conduit::Tubing {
                inner_diameter_in: 3.068,
                roughness_in: 0.0018,
            },
        )
        .unwrap();
        let well = TraverseInput::new(
            &survey,
            &path,
            &fluid,
            SurfaceRates::from_liquid(2000.0, 0.3, 500.0).unwrap(),
            GradientCorrelation::BeggsBrillPayne1979,
            TemperatureProfile {
                top_temperature_degf: 120.0,
                bottom_temperature_degf: 120.0,
            },
            KnownPressure::Top(250.0),
        );
        let bottom = traverse_end_pressure(&well).unwrap();
        assert!(
            (r.inlet_pressure_psia - bottom).abs() < 1e-9,
            "{} vs {bottom}",
            r.inlet_pressure_psia
        );
        assert!(r.elevation_loss_psi > 0.0);
        let first = r.stations.first().unwrap();
        let last = r.stations.last().unwrap();
        assert!(first.distance_ft.abs() < 1e-9 && (first.elevation_ft - 100.0).abs() < 1e-6);
        assert!(
            (last.distance_ft - 5000.0).abs() < 1e-9 && (last.elevation_ft - 1100.0).abs() < 1e-6
        );
        assert!((first.angle_deg - 0.2_f64.asin().to_degrees()).abs() < 1e-9);
    }

    #[test]
    fn horizontal_line_loses_only_friction_and_solves_both_ways() {
        let fluid = SimpleBlackOil::default();
        let profile = [point(0.0, 0.0), point(8000.0, 0.0)];
        let down = flowline(&input(
            &profile,
            &fluid,
            FlowlineKnownPressure::Inlet(600.0),
        ))
        .unwrap();
        assert!(down.elevation_loss_psi.abs() < 1e-9);
        assert!(down.friction_loss_psi > 0.0);
        assert!(down.outlet_pressure_psia < 600.0);
        let up = flowline(&input(
            &profile,
            &fluid,
            FlowlineKnownPressure::Outlet(down.outlet_pressure_psia),
        ))
        .unwrap();
        assert!(
            (up.inlet_pressure_psia - 600.0).abs() < 0.5,
            "{}",
            up.inlet_pressure_psia
        );
    }

    #[test]
    fn hilly_profile_follows_every_point() {
        let fluid = SimpleBlackOil::default();
        let profile = [
            point(0.0, 0.0),
            point(2000.0, 200.0),
            point(4000.0, 50.0),
            point(7000.0, 120.0),
        ];
        let r = flowline(&input(
            &profile,
            &fluid,
            FlowlineKnownPressure::Inlet(800.0),
        ))
        .unwrap();
        assert!((r.elevation_change_ft - 120.0).abs() < 1e-12);
        for p in &profile {
            let s = r
                .stations
                .iter()
                .min_by(|a, b| {
                    (a.distance_ft - p.distance_ft)
                        .abs()
                        .total_cmp(&(b.distance_ft - p.distance_ft).abs())
                })
                .unwrap();
            assert!((s.distance_ft - p.distance_ft).abs() < 1.0);
            assert!(
                (s.elevation_ft - p.elevation_ft).abs() < 0.5,
                "{s:?} vs {p:?}"
            );
        }
    }

    #[test]
    fn bad_profiles_name_the_point() {
        let fluid = SimpleBlackOil::default();
        for (profile, words) in [
            (vec![point(0.0, 0.0)], "2 to"),
            (vec![point(10.0, 0.0), point(100.0, 0.0)], "inlet"),
            (
                vec![point(0.0, 0.0), point(100.0, 0.0), point(90.0, 0.0)],
                "point 2",
            ),
            (vec![point(0.0, 0.0), point(100.0, 150.0)], "cannot exceed"),
        ] {
            let err = flowline(&input(
                &profile,
                &fluid,
                FlowlineKnownPressure::Inlet(500.0),
            ))
            .unwrap_err();
            assert!(err.to_string().contains(words), "{err}");
        }
    }
}
