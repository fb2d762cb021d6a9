//! Nodal benchmarks with SimpleBlackOil: one operating point (a 20-rate outflow curve plus
//! the Brent solve), a 10 × 10 sensitivity over two outflow inputs (wellhead pressure ×
//! water cut: every case traces its own outflow curve) and a 10 × 10 sensitivity over two
//! inflow inputs (skin × reservoir pressure: the cases share the outflow curve).

use criterion::{Criterion, criterion_group, criterion_main};
use nodal_core::hydraulics::{GradientCorrelation, SimpleBlackOil, TemperatureProfile, VlpCase};
use nodal_core::inflow::{CompositeIpr, DarcyRadial, DarcyRadialInput, InflowModel};
use nodal_core::nodal::{
    NodalCase, NodalOptions, SensitivityAxis, SensitivityVariable, operating_point, sensitivity,
};
use nodal_core::wellbore::{Conduit, FlowPath, Survey};
use std::hint::black_box;

fn well() -> (Survey, FlowPath) {
    let survey = Survey::vertical(8000.0).unwrap_or_else(|e| panic!("{e}"));
    let path = FlowPath::single(
        0.0,
        8000.0,
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
    bottom_temperature_degf: 200.0,
};

fn inflow() -> InflowModel {
    InflowModel::Composite(
        CompositeIpr::new(3500.0, 2500.0, 1.5, 0.3).unwrap_or_else(|e| panic!("{e}")),
    )
}

fn one_operating_point(c: &mut Criterion) {
    let (survey, path) = well();
    let fluid = SimpleBlackOil::default();
    let case = VlpCase::new(
        &survey,
        &path,
        &fluid,
        0.3,
        600.0,
        GradientCorrelation::BeggsBrillPayne1979,
        TEMPERATURE,
    );
    let ipr = inflow();
    let options = NodalOptions::default();
    let s = operating_point(&ipr, &case, 200.0, &options).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.outcome.name(), "stable");
    c.bench_function("operating_point_20_rates_beggs_brill", |b| {
        b.iter(|| {
            operating_point(black_box(&ipr), black_box(&case), 200.0, &options)
                .unwrap_or_else(|e| panic!("{e}"))
        })
    });
}

fn sensitivity_10_by_10(c: &mut Criterion) {
    let (survey, path) = well();
    let fluid = SimpleBlackOil::default();
    let case = VlpCase::new(
        &survey,
        &path,
        &fluid,
        0.3,
        600.0,
        GradientCorrelation::BeggsBrillPayne1979,
        TEMPERATURE,
    );
    let base = NodalCase::new(inflow(), case, 200.0);
    let whp = SensitivityAxis {
        variable: SensitivityVariable::WellheadPressure,
        values: (0..10).map(|i| 100.0 + 50.0 * f64::from(i)).collect(),
    };
    let wc = SensitivityAxis {
        variable: SensitivityVariable::WaterCut,
        values: (0..10).map(|i| 0.08 * f64::from(i)).collect(),
    };
    let options = NodalOptions::default();
    let r = sensitivity(&base, &whp, Some(&wc), &options).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.cases.len(), 100);
    assert!(r.cases.iter().all(|c| c.error.is_none()));
    let mut group = c.benchmark_group("sensitivity");
    group.sample_size(20);
    group.bench_function("whp_x_water_cut_10x10_beggs_brill", |b| {
        b.iter(|| {
            sensitivity(black_box(&base), &whp, Some(&wc), &options)
                .unwrap_or_else(|e| panic!("{e}"))
        })
    });
    group.finish();
}

fn inflow_sensitivity_10_by_10(c: &mut Criterion) {
    let (survey, path) = well();
    let fluid = SimpleBlackOil::default();
    let case = VlpCase::new(
        &survey,
        &path,
        &fluid,
        0.3,
        600.0,
        GradientCorrelation::BeggsBrillPayne1979,
        TEMPERATURE,
    );
    let darcy = InflowModel::DarcyRadial(
        DarcyRadial::new(DarcyRadialInput {
            permeability_md: 40.0,
            thickness_ft: 40.0,
            viscosity_cp: 1.5,
            fvf_rb_stb: 1.2,
            drainage_radius_ft: 1490.0,
            wellbore_radius_ft: 0.354,
            skin: 0.0,
            reservoir_pressure_psia: 3500.0,
            bubble_point_psia: Some(2500.0),
        })
        .unwrap_or_else(|e| panic!("{e}")),
    );
    let base = NodalCase::new(darcy, case, 200.0);
    let skin = SensitivityAxis {
        variable: SensitivityVariable::Skin,
        values: (0..10).map(|i| -1.0 + 1.5 * f64::from(i)).collect(),
    };
    let pressure = SensitivityAxis {
        variable: SensitivityVariable::ReservoirPressure,
        values: (0..10).map(|i| 3000.0 + 100.0 * f64::from(i)).collect(),
    };
    let options = NodalOptions::default();
    let r = sensitivity(&base, &skin, Some(&pressure), &options).unwrap_or_else(|e| panic!("{e}"));
    assert!(r.cases.iter().all(|c| c.error.is_none()));
    let mut group = c.benchmark_group("sensitivity");
    group.sample_size(20);
    group.bench_function("skin_x_reservoir_pressure_10x10_beggs_brill", |b| {
        b.iter(|| {
            sensitivity(black_box(&base), &skin, Some(&pressure), &options)
                .unwrap_or_else(|e| panic!("{e}"))
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    one_operating_point,
    sensitivity_10_by_10,
    inflow_sensitivity_10_by_10
);
criterion_main!(benches);
