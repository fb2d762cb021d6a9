//! PVT benches: the full property set at one point, and a 200-point curve.
//! Targets on the 2-core reference machine: one point under 5 µs, the curve under 1 ms.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use nodal_core::pvt::fluid::{BlackOilFluid, FluidDescription, PvtMethods};
use nodal_core::pvt::gas::Impurities;
use nodal_core::pvt::recommend::recommend;

fn description() -> FluidDescription {
    FluidDescription {
        oil_api: 35.0,
        gas_sg: 0.75,
        gor_scf_stb: 600.0,
        water_salinity_wt_pct: 3.0,
        impurities: Impurities::new(0.02, 0.0, 0.01).unwrap_or_default(),
        separator: None,
        measured: None,
    }
}

fn fluids() -> Vec<(&'static str, BlackOilFluid)> {
    let d = description();
    let recommended = recommend(&d, 180.0, 5000.0)
        .map(|r| r.methods)
        .unwrap_or_default();
    [
        ("default", PvtMethods::default()),
        ("recommended", recommended),
    ]
    .into_iter()
    .filter_map(|(name, methods)| BlackOilFluid::new(&d, methods).ok().map(|f| (name, f)))
    .collect()
}

fn one_point(c: &mut Criterion) {
    let mut group = c.benchmark_group("pvt/properties_one_point");
    for (name, fluid) in fluids() {
        for (label, p) in [("below_pb", 1500.0), ("above_pb", 4000.0)] {
            group.bench_function(format!("{name}/{label}"), |b| {
                b.iter(|| fluid.properties(black_box(p), black_box(180.0)))
            });
        }
    }
    group.finish();
}

fn curve_200(c: &mut Criterion) {
    let mut group = c.benchmark_group("pvt/curve_200_points");
    for (name, fluid) in fluids() {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut last = 0.0;
                for i in 0..200 {
                    let p = 50.0 + 25.0 * f64::from(i);
                    if let Ok(props) = fluid.properties(black_box(p), 180.0) {
                        last += props.oil_fvf_rb_stb;
                    }
                }
                last
            })
        });
    }
    group.finish();
}

criterion_group!(benches, one_point, curve_200);
criterion_main!(benches);
