//! Wellbore geometry: deviation surveys, minimum-curvature trajectory and the flow path.
//!
//! - [`Survey`] turns deviation-survey stations (measured depth, inclination, azimuth) into a
//!   trajectory by the minimum-curvature method and answers "where is the well at this MD?"
//!   by interpolating along the circular arcs, not by stepping.
//! - [`FlowPath`] describes the conduit the fluids flow through, top to bottom: tubing strings
//!   of different inner diameter and roughness, or an annulus.
//!
//! Conventions: measured depth (MD) and true vertical depth (TVD) in ft, positive downwards;
//! inclination in degrees from vertical (0 = vertical, 90 = horizontal); azimuth in degrees
//! clockwise from north; diameters and roughness in inches.

mod flow_path;
mod survey;

pub use flow_path::{Conduit, FlowPath, FlowSection};
pub use survey::{MAX_MEASURED_DEPTH_FT, Survey, SurveyStation, TrajectoryPoint};
