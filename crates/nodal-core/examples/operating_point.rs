//! The engine as a plain library: a fluid, an inflow model fitted from a well test, a well
//! and its operating point, printed. No server, database or async runtime.
//!
//! Run with `cargo run -p nodal-core --example operating_point`.

use nodal_core::hydraulics::{GradientCorrelation, TemperatureProfile, VlpCase};
use nodal_core::inflow::{CompositeIpr, Inflow, InflowModel};
use nodal_core::nodal::{NodalOptions, NodalOutcome, operating_point};
use nodal_core::pvt::fluid::{BlackOilFluid, FluidDescription, MeasuredBubblePoint};
use nodal_core::pvt::gas::Impurities;
use nodal_core::pvt::recommend::recommend;
use nodal_core::wellbore::{Conduit, FlowPath, Survey, SurveyStation};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Fluid: 35 °API oil, 0.75 gas gravity, 550 scf/STB, calibrated to a measured bubble
    // point of 2,500 psia at the 210 °F reservoir temperature; correlations chosen by the
    // engine's recommendation (each choice comes with its reason).
    let description = FluidDescription {
        oil_api: 35.0,
        gas_sg: 0.75,
        gor_scf_stb: 550.0,
        water_salinity_wt_pct: 3.0,
        impurities: Impurities::new(0.01, 0.0, 0.005)?,
        separator: None,
        measured: Some(MeasuredBubblePoint {
            bubble_point_psia: 2500.0,
            temperature_degf: 210.0,
            oil_fvf_rb_stb: None,
            oil_viscosity_cp: None,
        }),
    };
    let recommendation = recommend(&description, 210.0, 3500.0)?;
    for choice in &recommendation.choices {
        println!(
            "{:<26} {:<32} {}",
            choice.property, choice.method, choice.reason
        );
    }
    println!();
    let fluid = BlackOilFluid::new(&description, recommendation.methods)?;

    // Inflow: composite IPR (PI above the bubble point, Vogel below, 30 % water by the
    // Petrobras method), fitted to one stabilised test of 1,200 STB/d at 2,400 psia.
    let water_cut = 0.3;
    let ipr = InflowModel::Composite(CompositeIpr::from_test(
        3500.0, 2500.0, water_cut, 1200.0, 2400.0,
    )?);

    // Well: a J-shaped deviated well, 3.5-in tubing (2.992-in ID) to 9,000 ft MD.
    let station = |md_ft, inclination_deg, azimuth_deg| SurveyStation {
        md_ft,
        inclination_deg,
        azimuth_deg,
    };
    let survey = Survey::new(&[
        station(0.0, 0.0, 0.0),
        station(2000.0, 0.0, 0.0),
        station(4000.0, 25.0, 120.0),
        station(9000.0, 25.0, 120.0),
    ])?;
    let tubing = Conduit::Tubing {
        inner_diameter_in: 2.992,
        roughness_in: 0.0006,
    };
    let flow_path = FlowPath::single(0.0, 9000.0, tubing)?;
    let gor_scf_stb = 550.0;
    let well = VlpCase::new(
        &survey,
        &flow_path,
        &fluid,
        water_cut,
        gor_scf_stb,
        GradientCorrelation::BeggsBrillPayne1979,
        TemperatureProfile {
            top_temperature_degf: 100.0,
            bottom_temperature_degf: 210.0,
        },
    );
    let wellhead_pressure_psia = 250.0;

    let solution = operating_point(
        &ipr,
        &well,
        wellhead_pressure_psia,
        &NodalOptions::default(),
    )?;

    println!("inflow: {} ({})", ipr.info().id, ipr.info().source);
    println!(
        "outflow: {} from {wellhead_pressure_psia} psia at the wellhead",
        well.correlation.info().id
    );
    println!(
        "reservoir pressure {:.0} psia, AOF {:.0} STB/d",
        solution.reservoir_pressure_psia, solution.absolute_open_flow
    );
    println!();
    println!("{:>12} {:>14} {:>14}", "rate STB/d", "IPR psia", "VLP psia");
    for point in &solution.curve {
        let vlp = point
            .outflow_pressure_psia
            .map_or_else(|| "failed".to_string(), |p| format!("{p:.1}"));
        println!(
            "{:>12.1} {:>14.1} {:>14}",
            point.rate, point.inflow_pressure_psia, vlp
        );
    }
    println!();
    match &solution.outcome {
        NodalOutcome::NoFlow {
            min_gap_psi,
            rate_at_min_gap,
            ..
        } => println!(
            "the well cannot flow: the outflow needs at least {min_gap_psi:.1} psi more than the reservoir delivers (closest at {rate_at_min_gap:.0} STB/d)"
        ),
        outcome => {
            println!("outcome: {}", outcome.name());
            if let Some(p) = solution.operating_point() {
                println!("operating point:");
                println!("  liquid rate          {:>10.1} STB/d", p.rate);
                if let Some(r) = p.phase_rates {
                    println!("  oil rate             {:>10.1} STB/d", r.oil_rate_stb_d);
                    println!("  water rate           {:>10.1} STB/d", r.water_rate_stb_d);
                    println!(
                        "  gas rate             {:>10.1} Mscf/d",
                        r.formation_gas_rate_mscf_d
                    );
                }
                println!(
                    "  flowing BHP          {:>10.1} psia",
                    p.bottomhole_pressure_psia
                );
                println!(
                    "  wellhead pressure    {:>10.1} psia",
                    p.wellhead_pressure_psia
                );
                println!("  residual             {:>10.4} psi", p.residual_psi);
                println!(
                    "  iterations           {:>10} (converged: {})",
                    p.iterations, p.converged
                );
            }
        }
    }
    Ok(())
}
