//! Server-side SVG charts (plotters, SVG backend: no browser, no font files): the traverse
//! plot (pressure and temperature against depth) and the nodal plot (inflow and outflow
//! curves with the operating points).

use plotters::prelude::*;

use crate::error::ApiError;

/// Content type of the charts.
pub const SVG: &str = "image/svg+xml";

/// Chart size, pixels.
const SIZE: (u32, u32) = (900, 650);
const PRESSURE_COLOR: RGBColor = RGBColor(0x1f, 0x77, 0xb4);
const TEMPERATURE_COLOR: RGBColor = RGBColor(0xd6, 0x27, 0x28);
const INFLOW_COLOR: RGBColor = RGBColor(0x2c, 0xa0, 0x2c);
const OUTFLOW_COLORS: [RGBColor; 6] = [
    RGBColor(0x1f, 0x77, 0xb4),
    RGBColor(0xff, 0x7f, 0x0e),
    RGBColor(0x94, 0x67, 0xbd),
    RGBColor(0x8c, 0x56, 0x4b),
    RGBColor(0xe3, 0x77, 0xc2),
    RGBColor(0x17, 0xbe, 0xcf),
];

fn plot_error(e: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(format!("chart rendering failed: {e}"))
}

/// `[min, max]` of the values, padded by `pad` of the span (and never empty).
fn range(values: impl Iterator<Item = f64>, pad: f64) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    let span = (hi - lo).max(hi.abs().max(1.0) * 1e-3);
    (lo - pad * span, hi + pad * span)
}

/// One point of a traverse plot.
#[derive(Debug, Clone, Copy)]
pub struct DepthPoint {
    /// Depth (TVD), ft.
    pub depth_ft: f64,
    /// Pressure, psia.
    pub pressure_psia: f64,
    /// Temperature, °F.
    pub temperature_degf: f64,
}

/// Pressure (bottom axis) and temperature (top axis) against true vertical depth, depth
/// increasing downward.
pub fn traverse_svg(title: &str, points: &[DepthPoint]) -> Result<String, ApiError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(plot_error)?;
        let (d0, d1) = range(points.iter().map(|p| p.depth_ft), 0.0);
        let (p0, p1) = range(points.iter().map(|p| p.pressure_psia), 0.05);
        let (t0, t1) = range(points.iter().map(|p| p.temperature_degf), 0.05);
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 22))
            .margin(20)
            .x_label_area_size(45)
            .top_x_label_area_size(45)
            .y_label_area_size(70)
            .build_cartesian_2d(p0..p1, d1..d0)
            .map_err(plot_error)?
            .set_secondary_coord(t0..t1, d1..d0);
        chart
            .configure_mesh()
            .x_desc("Pressure (psia)")
            .y_desc("True vertical depth (ft)")
            .draw()
            .map_err(plot_error)?;
        chart
            .configure_secondary_axes()
            .x_desc("Temperature (°F)")
            .draw()
            .map_err(plot_error)?;
        chart
            .draw_series(LineSeries::new(
                points.iter().map(|p| (p.pressure_psia, p.depth_ft)),
                PRESSURE_COLOR.stroke_width(2),
            ))
            .map_err(plot_error)?
            .label("Pressure (psia)")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], PRESSURE_COLOR));
        chart
            .draw_secondary_series(LineSeries::new(
                points.iter().map(|p| (p.temperature_degf, p.depth_ft)),
                TEMPERATURE_COLOR.stroke_width(2),
            ))
            .map_err(plot_error)?
            .label("Temperature (°F)")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], TEMPERATURE_COLOR));
        chart
            .configure_series_labels()
            .border_style(BLACK)
            .background_style(WHITE.mix(0.85))
            .position(SeriesLabelPosition::UpperRight)
            .draw()
            .map_err(plot_error)?;
        root.present().map_err(plot_error)?;
    }
    Ok(svg)
}

/// A labelled curve of (rate, pressure) points.
#[derive(Debug, Clone)]
pub struct Curve {
    /// Legend label.
    pub label: String,
    /// (liquid rate STB/d, pressure psia).
    pub points: Vec<(f64, f64)>,
}

/// A marked operating point.
#[derive(Debug, Clone, Copy)]
pub struct Marker {
    /// Liquid rate, STB/d.
    pub rate_stb_d: f64,
    /// Flowing bottom-hole pressure, psia.
    pub pressure_psia: f64,
    /// Stable (filled) or unstable (hollow).
    pub stable: bool,
}

/// The nodal plot: inflow curve(s), outflow curve(s) and the operating points, pressure
/// against liquid rate.
pub fn nodal_svg(
    title: &str,
    rate_label: &str,
    inflow: &[Curve],
    outflow: &[Curve],
    markers: &[Marker],
) -> Result<String, ApiError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(plot_error)?;
        let all = || inflow.iter().chain(outflow).flat_map(|c| c.points.iter());
        let (_, q1) = range(all().map(|p| p.0), 0.02);
        let (_, p1) = range(all().map(|p| p.1), 0.05);
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 22))
            .margin(20)
            .x_label_area_size(45)
            .y_label_area_size(70)
            .build_cartesian_2d(0.0..q1, 0.0..p1)
            .map_err(plot_error)?;
        chart
            .configure_mesh()
            .x_desc(rate_label)
            .y_desc("Flowing bottom-hole pressure (psia)")
            .draw()
            .map_err(plot_error)?;
        for curve in inflow {
            chart
                .draw_series(LineSeries::new(
                    curve.points.iter().copied(),
                    INFLOW_COLOR.stroke_width(2),
                ))
                .map_err(plot_error)?
                .label(curve.label.clone())
                .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], INFLOW_COLOR));
        }
        for (i, curve) in outflow.iter().enumerate() {
            let color = OUTFLOW_COLORS[i % OUTFLOW_COLORS.len()];
            chart
                .draw_series(LineSeries::new(
                    curve.points.iter().copied(),
                    color.stroke_width(2),
                ))
                .map_err(plot_error)?
                .label(curve.label.clone())
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], color));
        }
        chart
            .draw_series(markers.iter().map(|m| {
                let style = if m.stable {
                    BLACK.filled()
                } else {
                    BLACK.stroke_width(2)
                };
                Circle::new((m.rate_stb_d, m.pressure_psia), 6, style)
            }))
            .map_err(plot_error)?
            .label("Operating point (hollow: unstable)")
            .legend(|(x, y)| Circle::new((x + 10, y), 5, BLACK.filled()));
        chart
            .configure_series_labels()
            .border_style(BLACK)
            .background_style(WHITE.mix(0.85))
            .position(SeriesLabelPosition::UpperRight)
            .draw()
            .map_err(plot_error)?;
        root.present().map_err(plot_error)?;
    }
    Ok(svg)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn traverse_chart_has_both_series_and_axis_titles() {
        let points: Vec<DepthPoint> = (0..=10)
            .map(|i| DepthPoint {
                depth_ft: 1000.0 * f64::from(i),
                pressure_psia: 200.0 + 300.0 * f64::from(i),
                temperature_degf: 100.0 + 10.0 * f64::from(i),
            })
            .collect();
        let svg = traverse_svg("Traverse", &points).unwrap();
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("Pressure (psia)"));
        assert!(svg.contains("Temperature (°F)"));
        assert!(svg.contains("True vertical depth (ft)"));
        assert!(svg.matches("<polyline").count() >= 2, "{svg}");
    }
}
