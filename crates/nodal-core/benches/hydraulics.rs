//! Hydraulics benchmarks: a 10,000-ft vertical traverse at 100 stations with each two-phase
//! gradient correlation, and a 20-rate VLP curve.

use criterion::{Criterion, criterion_group, criterion_main};
use nodal_core::hydraulics::{
    GradientCorrelation, KnownPressure, SimpleBlackOil, StepControl, SurfaceRates,
    TemperatureProfile, TraverseInput, VlpCase, traverse_end_pressure, traverse_into, vlp_curve,
};
use nodal_core::pvt::fluid::{BlackOilFluid, FluidDescription};
use nodal_core::pvt::gas::Impurities;
use nodal_core::pvt::recommend::recommend;
use nodal_core::wellbore::{Conduit, FlowPath, Survey};
use std::hint::black_box;

fn well() -> (Survey, FlowPath) {
    let survey = Survey::vertical(10_000.0).unwrap_or_else(|e| panic!("{e}"));
    let path = FlowPath::single(
        0.0,
        10_000.0,
        Conduit::Tubing {
            inner_diameter_in: 2.441,
            roughness_in: 0.0006,
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    (survey, path)
}

const TEMPERATURE: TemperatureProfile = TemperatureProfile {
    top_temperature_degf: 100.0,
    bottom_temperature_degf: 220.0,
};

fn traverses(c: &mut Criterion) {
    let (survey, path) = well();
    let fluid = SimpleBlackOil::default();
    let rates = SurfaceRates::from_liquid(1500.0, 0.3, 600.0).unwrap_or_else(|e| panic!("{e}"));
    for (name, correlation) in [
        (
            "traverse_10000ft_100_stations_beggs_brill",
            GradientCorrelation::BeggsBrill1973,
        ),
        (
            "traverse_10000ft_100_stations_hagedorn_brown",
            GradientCorrelation::HagedornBrownModified,
        ),
        (
            "traverse_10000ft_100_stations_gray",
            GradientCorrelation::Gray1974,
        ),
        (
            "traverse_10000ft_100_stations_mukherjee_brill",
            GradientCorrelation::MukherjeeBrill1985,
        ),
        (
            "traverse_10000ft_100_stations_orkiszewski",
            GradientCorrelation::Orkiszewski1967,
        ),
        (
            "traverse_10000ft_100_stations_aziz_govier_fogarasi",
            GradientCorrelation::AzizGovierFogarasi1972,
        ),
        (
            "traverse_10000ft_100_stations_ansari",
            GradientCorrelation::Ansari1994,
        ),
        (
            "traverse_10000ft_100_stations_hasan_kabir",
            GradientCorrelation::HasanKabir1988,
        ),
    ] {
        let mut input = TraverseInput::new(
            &survey,
            &path,
            &fluid,
            rates,
            correlation,
            TEMPERATURE,
            KnownPressure::Top(200.0),
        );
        input.step = StepControl {
            max_step_ft: 100.0,
            max_pressure_change_psi: 100.0,
            ..StepControl::default()
        };
        let mut stations = Vec::with_capacity(128);
        let mut warnings = Vec::new();
        let summary =
            traverse_into(&input, &mut stations, &mut Vec::new()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(summary.station_count, 101);
        c.bench_function(name, |b| {
            b.iter(|| traverse_end_pressure(black_box(&input)).unwrap_or_else(|e| panic!("{e}")))
        });
        c.bench_function(&format!("{name}_with_stations"), |b| {
            b.iter(|| {
                traverse_into(black_box(&input), &mut stations, &mut warnings)
                    .unwrap_or_else(|e| panic!("{e}"))
            })
        });
    }
}

fn vlp(c: &mut Criterion) {
    let (survey, path) = well();
    let fluid = SimpleBlackOil::default();
    let case = VlpCase::new(
        &survey,
        &path,
        &fluid,
        0.3,
        600.0,
        GradientCorrelation::BeggsBrill1973,
        TEMPERATURE,
    );
    let rates: Vec<f64> = (1..=20).map(|i| 200.0 * f64::from(i)).collect();
    c.bench_function("vlp_curve_20_rates_beggs_brill", |b| {
        b.iter(|| {
            vlp_curve(black_box(&case), 200.0, black_box(&rates)).unwrap_or_else(|e| panic!("{e}"))
        })
    });
}

criterion_group!(benches, traverses, vlp, black_oil);
/// The same well with the correlation-based black-oil model (recommended methods), the
/// case the targets are stated for: 100 stations under 250 µs for Beggs-Brill and
/// Hagedorn-Brown, a 20-rate VLP curve under 5 ms.
fn black_oil(c: &mut Criterion) {
    let (survey, path) = well();
    let description = FluidDescription {
        oil_api: 35.0,
        gas_sg: 0.75,
        gor_scf_stb: 600.0,
        water_salinity_wt_pct: 3.0,
        impurities: Impurities::default(),
        separator: None,
        measured: None,
    };
    let methods = recommend(&description, 220.0, 5000.0)
        .unwrap_or_else(|e| panic!("{e}"))
        .methods;
    let fluid = BlackOilFluid::new(&description, methods).unwrap_or_else(|e| panic!("{e}"));
    let rates = SurfaceRates::from_liquid(1500.0, 0.3, 600.0).unwrap_or_else(|e| panic!("{e}"));
    for (name, correlation) in [
        (
            "black_oil/traverse_10000ft_100_stations_beggs_brill",
            GradientCorrelation::BeggsBrill1973,
        ),
        (
            "black_oil/traverse_10000ft_100_stations_hagedorn_brown",
            GradientCorrelation::HagedornBrownModified,
        ),
    ] {
        let mut input = TraverseInput::new(
            &survey,
            &path,
            &fluid,
            rates,
            correlation,
            TEMPERATURE,
            KnownPressure::Top(200.0),
        );
        input.step = StepControl {
            max_step_ft: 100.0,
            max_pressure_change_psi: 100.0,
            ..StepControl::default()
        };
        c.bench_function(name, |b| {
            b.iter(|| traverse_end_pressure(black_box(&input)).unwrap_or_else(|e| panic!("{e}")))
        });
    }
    let case = VlpCase::new(
        &survey,
        &path,
        &fluid,
        0.3,
        600.0,
        GradientCorrelation::BeggsBrill1973,
        TEMPERATURE,
    );
    let rates: Vec<f64> = (1..=20).map(|i| 150.0 * f64::from(i)).collect();
    c.bench_function("black_oil/vlp_curve_20_rates_beggs_brill", |b| {
        b.iter(|| vlp_curve(black_box(&case), 200.0, &rates).unwrap_or_else(|e| panic!("{e}")))
    });
}

criterion_main!(benches);
