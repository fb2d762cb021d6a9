//! Wellbore geometry: deviation surveys, minimum-curvature trajectory and the flow path.
