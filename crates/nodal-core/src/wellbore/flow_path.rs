//! The flow path: the conduits the fluids flow through, top to bottom.

use crate::error::{CoreError, CoreResult};

/// The cross-section of one part of the flow path.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Conduit {
    /// Flow inside a round pipe.
    Tubing {
        /// Inner diameter, in.
        inner_diameter_in: f64,
        /// Absolute wall roughness, in (new tubing ≈ 0.0006 in).
        roughness_in: f64,
    },
    /// Flow in the annulus between a casing (or outer pipe) and a tubing string.
    ///
    /// Correlations see the hydraulic diameter `D_h = D_casing − d_tubing` (four times the
    /// area over the wetted perimeter) for Reynolds, Froude and friction, while velocities come
    /// from the true annular area `π/4 (D_casing² − d_tubing²)`. That is the usual
    /// engineering treatment; no annulus-specific correlation is implied.
    Annulus {
        /// Inner diameter of the outer pipe (casing ID), in.
        casing_inner_diameter_in: f64,
        /// Outer diameter of the inner pipe (tubing OD), in.
        tubing_outer_diameter_in: f64,
        /// Absolute wall roughness, in, taken for both walls.
        roughness_in: f64,
    },
}

impl Conduit {
    /// Hydraulic diameter, in.
    pub fn hydraulic_diameter_in(&self) -> f64 {
        match *self {
            Self::Tubing {
                inner_diameter_in, ..
            } => inner_diameter_in,
            Self::Annulus {
                casing_inner_diameter_in,
                tubing_outer_diameter_in,
                ..
            } => casing_inner_diameter_in - tubing_outer_diameter_in,
        }
    }

    /// Flow area, ft².
    ///
    /// ```
    /// use nodal_core::wellbore::Conduit;
    /// let t = Conduit::Tubing { inner_diameter_in: 12.0, roughness_in: 0.0 };
    /// assert!((t.flow_area_ft2() - std::f64::consts::FRAC_PI_4).abs() < 1e-15);
    /// ```
    pub fn flow_area_ft2(&self) -> f64 {
        let quarter_pi_over_144 = std::f64::consts::FRAC_PI_4 / 144.0;
        match *self {
            Self::Tubing {
                inner_diameter_in, ..
            } => quarter_pi_over_144 * inner_diameter_in * inner_diameter_in,
            Self::Annulus {
                casing_inner_diameter_in: d_o,
                tubing_outer_diameter_in: d_i,
                ..
            } => quarter_pi_over_144 * (d_o * d_o - d_i * d_i),
        }
    }

    /// Absolute roughness, in.
    pub fn roughness_in(&self) -> f64 {
        match *self {
            Self::Tubing { roughness_in, .. } | Self::Annulus { roughness_in, .. } => roughness_in,
        }
    }

    /// Relative roughness `e / D_h`, dimensionless.
    pub fn relative_roughness(&self) -> f64 {
        self.roughness_in() / self.hydraulic_diameter_in()
    }

    fn validate(&self, index: usize) -> CoreResult<()> {
        let bad = |field: &'static str, msg: String| {
            Err(CoreError::invalid(field, format!("section {index}: {msg}")))
        };
        match *self {
            Self::Tubing {
                inner_diameter_in, ..
            } => {
                if !(inner_diameter_in.is_finite()
                    && inner_diameter_in > 0.0
                    && inner_diameter_in <= 60.0)
                {
                    return bad(
                        "inner_diameter_in",
                        format!(
                            "inner diameter must be above 0 and at most 60 in (got {inner_diameter_in})"
                        ),
                    );
                }
            }
            Self::Annulus {
                casing_inner_diameter_in: d_o,
                tubing_outer_diameter_in: d_i,
                ..
            } => {
                if !(d_o.is_finite() && d_o > 0.0 && d_o <= 60.0) {
                    return bad(
                        "casing_inner_diameter_in",
                        format!(
                            "casing inner diameter must be above 0 and at most 60 in (got {d_o})"
                        ),
                    );
                }
                if !(d_i.is_finite() && d_i > 0.0 && d_i < d_o) {
                    return bad(
                        "tubing_outer_diameter_in",
                        format!(
                            "tubing outer diameter must be above 0 and below the casing inner diameter {d_o} in (got {d_i})"
                        ),
                    );
                }
            }
        }
        let e = self.roughness_in();
        if !(e.is_finite() && e >= 0.0 && e < 0.5 * self.hydraulic_diameter_in()) {
            return bad(
                "roughness_in",
                format!(
                    "roughness must be at least 0 and below half the hydraulic diameter (got {e})"
                ),
            );
        }
        Ok(())
    }
}

/// One part of the flow path, from the bottom of the previous section (or the top of the
/// path) down to `bottom_md_ft`.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FlowSection {
    /// Measured depth of the bottom of this section, ft.
    pub bottom_md_ft: f64,
    /// Its cross-section.
    pub conduit: Conduit,
}

/// The flow path from `top_md_ft` down to the bottom of the last section.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowPath {
    top_md_ft: f64,
    sections: Vec<FlowSection>,
}

impl FlowPath {
    /// Validates and builds a flow path: at least one section; bottoms strictly increasing
    /// below `top_md_ft`; diameters in (0, 60] in; annulus tubing OD below casing ID;
    /// roughness in [0, D_h/2). Errors name the section index (from 0) and the field.
    pub fn new(top_md_ft: f64, sections: Vec<FlowSection>) -> CoreResult<Self> {
        if !(top_md_ft.is_finite() && top_md_ft >= 0.0) {
            return Err(CoreError::invalid(
                "top_md_ft",
                format!("must be a finite number ≥ 0 ft (got {top_md_ft})"),
            ));
        }
        if sections.is_empty() {
            return Err(CoreError::invalid("sections", "needs at least one section"));
        }
        let mut above = top_md_ft;
        for (i, s) in sections.iter().enumerate() {
            if !(s.bottom_md_ft.is_finite() && s.bottom_md_ft > above) {
                return Err(CoreError::invalid(
                    "bottom_md_ft",
                    format!(
                        "section {i}: bottom must be deeper than {above} ft (got {})",
                        s.bottom_md_ft
                    ),
                ));
            }
            s.conduit.validate(i)?;
            above = s.bottom_md_ft;
        }
        Ok(Self {
            top_md_ft,
            sections,
        })
    }

    /// A single conduit from `top_md_ft` to `bottom_md_ft`.
    pub fn single(top_md_ft: f64, bottom_md_ft: f64, conduit: Conduit) -> CoreResult<Self> {
        Self::new(
            top_md_ft,
            vec![FlowSection {
                bottom_md_ft,
                conduit,
            }],
        )
    }

    /// Top of the path, ft MD.
    pub fn top_md_ft(&self) -> f64 {
        self.top_md_ft
    }

    /// Bottom of the path, ft MD.
    pub fn bottom_md_ft(&self) -> f64 {
        self.sections[self.sections.len() - 1].bottom_md_ft
    }

    /// The sections, top to bottom.
    pub fn sections(&self) -> &[FlowSection] {
        &self.sections
    }

    /// Top MD of section `index`, ft.
    pub fn section_top_md_ft(&self, index: usize) -> f64 {
        if index == 0 {
            self.top_md_ft
        } else {
            self.sections[index - 1].bottom_md_ft
        }
    }

    /// Index of the section containing `md_ft` (binary search; a boundary belongs to the
    /// section above it; depths outside the path clamp to the first or last section).
    pub fn section_index_at(&self, md_ft: f64) -> usize {
        self.sections
            .partition_point(|s| s.bottom_md_ft < md_ft)
            .min(self.sections.len() - 1)
    }

    /// The conduit at `md_ft` (see [`Self::section_index_at`]).
    ///
    /// ```
    /// use nodal_core::wellbore::{Conduit, FlowPath, FlowSection};
    /// let t = |d| Conduit::Tubing { inner_diameter_in: d, roughness_in: 0.0006 };
    /// let path = FlowPath::new(0.0, vec![
    ///     FlowSection { bottom_md_ft: 4000.0, conduit: t(2.992) },
    ///     FlowSection { bottom_md_ft: 9000.0, conduit: t(2.441) },
    /// ]).unwrap();
    /// assert_eq!(path.conduit_at(3999.0).hydraulic_diameter_in(), 2.992);
    /// assert_eq!(path.conduit_at(4000.5).hydraulic_diameter_in(), 2.441);
    /// ```
    pub fn conduit_at(&self, md_ft: f64) -> &Conduit {
        &self.sections[self.section_index_at(md_ft)].conduit
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn annulus_geometry() {
        let a = Conduit::Annulus {
            casing_inner_diameter_in: 6.366,
            tubing_outer_diameter_in: 2.875,
            roughness_in: 0.0018,
        };
        assert!((a.hydraulic_diameter_in() - 3.491).abs() < 1e-12);
        let area = std::f64::consts::FRAC_PI_4 * (6.366_f64.powi(2) - 2.875_f64.powi(2)) / 144.0;
        assert!((a.flow_area_ft2() - area).abs() < 1e-15);
        assert!((a.relative_roughness() - 0.0018 / 3.491).abs() < 1e-15);
    }

    #[test]
    fn lookup_by_binary_search() {
        let t = |d| Conduit::Tubing {
            inner_diameter_in: d,
            roughness_in: 0.0,
        };
        let p = FlowPath::new(
            100.0,
            vec![
                FlowSection {
                    bottom_md_ft: 1000.0,
                    conduit: t(4.0),
                },
                FlowSection {
                    bottom_md_ft: 2000.0,
                    conduit: t(3.0),
                },
                FlowSection {
                    bottom_md_ft: 3000.0,
                    conduit: t(2.0),
                },
            ],
        )
        .unwrap();
        assert_eq!(p.section_index_at(100.0), 0);
        assert_eq!(p.section_index_at(1000.0), 0);
        assert_eq!(p.section_index_at(1000.1), 1);
        assert_eq!(p.section_index_at(2500.0), 2);
        assert_eq!(p.section_index_at(9999.0), 2);
        assert_eq!(p.section_top_md_ft(2), 2000.0);
        assert_eq!(p.bottom_md_ft(), 3000.0);
    }

    #[test]
    fn validation_names_section_and_field() {
        let t = |d, e| Conduit::Tubing {
            inner_diameter_in: d,
            roughness_in: e,
        };
        let err = FlowPath::new(0.0, vec![]).unwrap_err();
        assert!(err.to_string().starts_with("sections"));
        let err = FlowPath::new(
            0.0,
            vec![
                FlowSection {
                    bottom_md_ft: 10.0,
                    conduit: t(2.0, 0.0),
                },
                FlowSection {
                    bottom_md_ft: 5.0,
                    conduit: t(2.0, 0.0),
                },
            ],
        )
        .unwrap_err();
        assert!(
            err.to_string().starts_with("bottom_md_ft: section 1"),
            "{err}"
        );
        let err = FlowPath::single(0.0, 10.0, t(-2.0, 0.0)).unwrap_err();
        assert!(
            err.to_string().starts_with("inner_diameter_in: section 0"),
            "{err}"
        );
        let err = FlowPath::single(0.0, 10.0, t(2.0, 1.5)).unwrap_err();
        assert!(err.to_string().starts_with("roughness_in"), "{err}");
        let a = Conduit::Annulus {
            casing_inner_diameter_in: 3.0,
            tubing_outer_diameter_in: 3.5,
            roughness_in: 0.0,
        };
        let err = FlowPath::single(0.0, 10.0, a).unwrap_err();
        assert!(
            err.to_string().starts_with("tubing_outer_diameter_in"),
            "{err}"
        );
    }
}
