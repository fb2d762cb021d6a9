//! Surface benchmarks: one gas-pipeline outlet-pressure solve, a pipe sizing over the standard
//! sizes, a two-stage compressor, and a 20-well gathering network (must solve well under
//! 100 ms).

use criterion::{Criterion, criterion_group, criterion_main};
use nodal_core::inflow::{BackPressure, InflowModel};
use nodal_core::pvt::gas::{GasMethods, GasModel, Impurities};
use nodal_core::surface::choke::GasChoke;
use nodal_core::surface::compressor::{CompressionBasis, CompressorInput, compress};
use nodal_core::surface::gas_pipeline::{
    API_14E_C_CONTINUOUS, GasFlowConditions, GasFlowEquation, GasPipe, GasPipeline,
    STANDARD_PIPE_SIZES, size_gas_pipeline,
};
use nodal_core::surface::network::{
    DEFAULT_MAX_ITERATIONS, GasNetwork, NetworkNode, NetworkPipe, NetworkWell, WellConnection,
    WellTubing,
};
use std::hint::black_box;

fn gas() -> GasModel {
    GasModel::new(0.65, Impurities::NONE, GasMethods::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn conditions(gas: &GasModel) -> GasFlowConditions<'_> {
    GasFlowConditions {
        gas,
        flowing_temperature_degf: 80.0,
        base_pressure_psia: 14.73,
        base_temperature_degf: 60.0,
    }
}

fn pipe(length_mi: f64, d: f64) -> GasPipe {
    GasPipe {
        length_mi,
        inner_diameter_in: d,
        roughness_in: 0.0007,
        efficiency: 0.92,
        elevation_change_ft: 0.0,
        drag_factor: 0.96,
    }
}

fn pipeline(c: &mut Criterion) {
    let gas = gas();
    let line = GasPipeline {
        equation: GasFlowEquation::GeneralColebrook,
        pipe: pipe(30.0, 11.938),
        conditions: conditions(&gas),
        erosional_c: API_14E_C_CONTINUOUS,
    };
    c.bench_function("gas_pipeline_outlet_pressure", |b| {
        b.iter(|| line.outlet_pressure(black_box(1100.0), black_box(60_000.0)))
    });
    c.bench_function("gas_pipeline_size", |b| {
        b.iter(|| {
            size_gas_pipeline(
                &line,
                &STANDARD_PIPE_SIZES,
                1000.0,
                black_box(600.0),
                60_000.0,
                1.0,
            )
        })
    });
}

fn compressor(c: &mut Criterion) {
    let gas = gas();
    let duty = CompressorInput {
        gas: &gas,
        rate_mscf_d: 10_000.0,
        suction_pressure_psia: 100.0,
        discharge_pressure_psia: 1000.0,
        suction_temperature_degf: 80.0,
        intercooler_temperature_degf: Some(120.0),
        heat_capacity_ratio: 1.28,
        max_ratio_per_stage: 4.0,
        basis: CompressionBasis::Isentropic,
        efficiency: 0.8,
        mechanical_efficiency: 0.95,
    };
    c.bench_function("compressor_two_stage", |b| {
        b.iter(|| compress(black_box(&duty)))
    });
}

fn twenty_wells(gas: &GasModel) -> GasNetwork<'_> {
    let node = |name: String, elevation_ft: f64| NetworkNode { name, elevation_ft };
    let mut nodes = vec![node("plant".into(), 0.0), node("trunk".into(), 0.0)];
    let mut pipes = vec![NetworkPipe {
        name: "trunk line".into(),
        from: 1,
        to: 0,
        pipe: pipe(8.0, 11.938),
    }];
    let mut wells = Vec::new();
    for m in 0..4 {
        nodes.push(node(format!("M{m}"), 40.0 * m as f64));
        let index = nodes.len() - 1;
        pipes.push(NetworkPipe {
            name: format!("lateral {m}"),
            from: 1,
            to: index,
            pipe: pipe(2.0 + m as f64, 6.065),
        });
        for k in 0..5 {
            let i = 5 * m + k;
            let inflow = BackPressure::new(
                1800.0 + 40.0 * i as f64,
                0.02 + 0.002 * i as f64,
                0.6 + 0.01 * k as f64,
            )
            .unwrap_or_else(|e| panic!("{e}"));
            wells.push(NetworkWell {
                name: format!("W{i}"),
                node: index,
                inflow: InflowModel::BackPressure(inflow),
                tubing: None,
                connection: if k == 4 {
                    WellConnection::Line(pipe(0.5, 2.067))
                } else {
                    WellConnection::Choke(GasChoke {
                        choke_size_64ths_in: 24.0 + 4.0 * k as f64,
                        discharge_coefficient: 0.86,
                        heat_capacity_ratio: 1.28,
                        gas_sg: 0.65,
                        upstream_temperature_degf: 90.0,
                    })
                },
            });
        }
    }
    GasNetwork {
        nodes,
        delivery_node: 0,
        delivery_pressure_psia: 400.0,
        pipes,
        wells,
        equation: GasFlowEquation::PanhandleA,
        conditions: conditions(gas),
        max_iterations: DEFAULT_MAX_ITERATIONS,
    }
}

fn network(c: &mut Criterion) {
    let gas = gas();
    let net = twenty_wells(&gas);
    c.bench_function("network_20_wells", |b| b.iter(|| black_box(&net).solve()));
    // The same wells with 8,000 ft of tubing each: inflow at the bottom hole, one more
    // nested solve per well.
    let mut deep = twenty_wells(&gas);
    for w in &mut deep.wells {
        w.tubing = Some(WellTubing {
            depth_ft: 8000.0,
            inner_diameter_in: 2.441,
            roughness_in: 0.0006,
            average_temperature_degf: 150.0,
        });
    }
    c.bench_function("network_20_wells_with_tubing", |b| {
        b.iter(|| black_box(&deep).solve())
    });
}

criterion_group!(benches, pipeline, compressor, network);
criterion_main!(benches);
