//! Cache overhead: building a key, a hit, a miss (store included) and a contended single
//! flight (64 identical concurrent calls, one computation).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};

use criterion::{Criterion, criterion_group, criterion_main};
use nodal_cache::{Cache, CacheConfig, Payload};
use serde_json::{Value, json};

/// A 100-station traverse request, about the size the service sees.
fn traverse_request() -> Value {
    let stations: Vec<Value> = (0..100)
        .map(|i| json!({"md_ft": f64::from(i) * 100.0, "inclination_deg": f64::from(i % 30), "azimuth_deg": 45.0}))
        .collect();
    json!({
        "fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 600.0, "water_salinity_wt_pct": 3.0},
        "well": {"survey": stations, "sections": [{"bottom_md_ft": 9900.0, "tubing_id_in": 2.441}]},
        "rates": {"liquid_rate_stb_d": 1500.0, "water_cut_fraction": 0.3},
        "temperature": {"wellhead_temperature_degf": 100.0, "bottomhole_temperature_degf": 200.0},
        "wellhead_pressure_psia": 200.0,
        "options": {"correlation": "beggs_brill_1973"}
    })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap()
}

fn new_cache() -> Cache {
    Cache::new(CacheConfig {
        engine_version: "bench".into(),
        ..CacheConfig::default()
    })
    .unwrap()
}

fn body() -> Payload {
    // A mid-size JSON answer (about 20 kB).
    Payload::new("application/json", vec![b'1'; 20_000])
}

fn benches(c: &mut Criterion) {
    let request = traverse_request();
    let cache = new_cache();
    c.bench_function("cache/key_traverse_100_stations", |b| {
        b.iter(|| {
            cache
                .key("hydraulics.traverse", black_box(&request))
                .unwrap()
        })
    });

    let rt = runtime();
    let key = cache.key("hydraulics.traverse", &request).unwrap();
    rt.block_on(cache.get_or_compute(&key, || async { Ok::<_, ()>(body()) }))
        .unwrap();
    c.bench_function("cache/hit_20kB", |b| {
        b.iter(|| {
            rt.block_on(cache.get_or_compute(black_box(&key), || async { Ok::<_, ()>(body()) }))
                .unwrap()
        })
    });

    let counter = AtomicU64::new(0);
    let miss_cache = new_cache();
    c.bench_function("cache/miss_and_store_20kB", |b| {
        b.iter(|| {
            let n = counter.fetch_add(1, Ordering::Relaxed);
            let key = miss_cache.key("k", &n).unwrap();
            rt.block_on(miss_cache.get_or_compute(&key, || async { Ok::<_, ()>(body()) }))
                .unwrap()
        })
    });

    let flight_cache = new_cache();
    c.bench_function("cache/single_flight_64_callers", |b| {
        b.iter(|| {
            let n = counter.fetch_add(1, Ordering::Relaxed);
            let key = flight_cache.key("k", &n).unwrap();
            let calls = (0..64).map(|_| {
                flight_cache.get_or_compute(&key, || async {
                    tokio::task::yield_now().await;
                    Ok::<_, ()>(body())
                })
            });
            rt.block_on(futures_util::future::join_all(calls))
        })
    });
}

criterion_group!(cache_benches, benches);
criterion_main!(cache_benches);
