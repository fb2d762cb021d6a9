//! The surface API: gas pipelines (forward and inverse), sizing, flowlines, compressors,
//! chokes, networks, and impossible requests as 422 naming the reason.

use crate::common::*;
use serde_json::json;

fn line(solve_for: &str) -> Value {
    json!({
        "equation": "panhandle_a", "gas": {"gas_sg": 0.65},
        "pipe": {"length_mi": 30.0, "inner_diameter_in": 11.938, "efficiency": 0.92, "elevation_change_ft": 300.0},
        "flowing_temperature_degf": 80.0, "solve_for": solve_for
    })
}

#[actix_web::test]
async fn gas_pipeline_inverse_recovers_the_forward_rate() {
    let mut forward = line("rate");
    forward["inlet_pressure_psia"] = json!(1100.0);
    forward["outlet_pressure_psia"] = json!(700.0);
    let (status, body) = post_json("/api/v1/surface/gas-pipeline", forward).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["equation"], "panhandle_a");
    assert_eq!(body["gas_methods"]["z_factor"], "dranchuk_abou_kassem_1975");
    let q = body["result"]["rate_mscf_d"].as_f64().unwrap();
    assert!(q > 0.0);
    // Another Z correlation gives a slightly different rate and says so.
    let mut hall = line("rate");
    hall["gas"]["z_factor"] = json!("hall_yarborough_1973");
    hall["inlet_pressure_psia"] = json!(1100.0);
    hall["outlet_pressure_psia"] = json!(700.0);
    let (status, other) = post_json("/api/v1/surface/gas-pipeline", hall).await;
    assert_eq!(status, StatusCode::OK, "{other}");
    assert_eq!(other["gas_methods"]["z_factor"], "hall_yarborough_1973");
    let q_hall = other["result"]["rate_mscf_d"].as_f64().unwrap();
    assert!(
        q_hall != q && (q_hall / q - 1.0).abs() < 0.02,
        "{q_hall} vs {q}"
    );
    let mut inverse = line("outlet_pressure");
    inverse["inlet_pressure_psia"] = json!(1100.0);
    inverse["rate_mscf_d"] = json!(q);
    let (status, body) = post_json("/api/v1/surface/gas-pipeline", inverse).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let p2 = body["result"]["outlet_pressure_psia"].as_f64().unwrap();
    assert!((p2 - 700.0).abs() < 1e-3, "{p2}");
}

#[actix_web::test]
async fn impossible_pipelines_are_422_naming_the_reason() {
    let mut uphill = line("rate");
    uphill["inlet_pressure_psia"] = json!(700.0);
    uphill["outlet_pressure_psia"] = json!(800.0);
    let (status, body) = post_json("/api/v1/surface/gas-pipeline", uphill).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("without compression"),
        "{body}"
    );
    let mut zero = line("rate");
    zero["pipe"]["inner_diameter_in"] = json!(0.0);
    zero["inlet_pressure_psia"] = json!(1000.0);
    zero["outlet_pressure_psia"] = json!(800.0);
    let (status, body) = post_json("/api/v1/surface/gas-pipeline", zero).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["pipe.inner_diameter_in"]);
    let (status, body) = post_json("/api/v1/surface/gas-pipeline", line("outlet_pressure")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["inlet_pressure_psia", "rate_mscf_d"]);
    let mut bad_z = line("rate");
    bad_z["gas"]["z_factor"] = json!("nope");
    bad_z["inlet_pressure_psia"] = json!(1000.0);
    bad_z["outlet_pressure_psia"] = json!(800.0);
    let (status, body) = post_json("/api/v1/surface/gas-pipeline", bad_z).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["gas.z_factor"]);
    let mut unknown = line("rate");
    unknown["equation"] = json!("nope");
    unknown["inlet_pressure_psia"] = json!(1000.0);
    unknown["outlet_pressure_psia"] = json!(800.0);
    let (status, body) = post_json("/api/v1/surface/gas-pipeline", unknown).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["equation"]);
}

#[actix_web::test]
async fn sizing_selects_the_smallest_acceptable_standard_size() {
    let (status, body) = post_json(
        "/api/v1/surface/gas-pipeline/size",
        json!({"equation": "general_flow_colebrook", "gas": {"gas_sg": 0.65},
               "pipe": {"length_mi": 30.0, "elevation_change_ft": 300.0},
               "flowing_temperature_degf": 80.0, "inlet_pressure_psia": 1000.0,
               "minimum_outlet_pressure_psia": 600.0, "rate_mscf_d": 60000.0}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let selected = &body["selected"];
    assert_eq!(selected["acceptable"], true);
    assert!(selected["outlet_pressure_psia"].as_f64().unwrap() >= 600.0);
    let candidates = body["candidates"].as_array().unwrap();
    assert_eq!(candidates.last().unwrap(), selected);
    assert!(
        candidates[..candidates.len() - 1]
            .iter()
            .all(|c| c["acceptable"] == false)
    );
}

#[actix_web::test]
async fn flowline_runs_on_a_profile() {
    let (status, body) = post_json(
        "/api/v1/surface/flowline",
        json!({"fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 600.0},
               "profile": [{"distance_ft": 0.0, "elevation_ft": 0.0}, {"distance_ft": 3000.0, "elevation_ft": 120.0},
                           {"distance_ft": 8000.0, "elevation_ft": 60.0}],
               "inner_diameter_in": 4.026, "rates": {"liquid_rate_stb_d": 2000.0, "water_cut_fraction": 0.3},
               "temperature_degf": 110.0, "outlet_pressure_psia": 150.0}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["correlation"], "beggs_brill_payne_1979");
    let p1 = body["inlet_pressure_psia"].as_f64().unwrap();
    let losses = [
        "elevation_loss_psi",
        "friction_loss_psi",
        "acceleration_loss_psi",
    ]
    .iter()
    .map(|f| body[f].as_f64().unwrap())
    .sum::<f64>();
    assert!((p1 - 150.0 - losses).abs() < 0.5, "{p1} vs {losses}");
    let (status, body) = post_json(
        "/api/v1/surface/flowline",
        json!({"fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 600.0},
               "profile": [{"distance_ft": 0.0, "elevation_ft": 0.0}, {"distance_ft": 100.0, "elevation_ft": 500.0}],
               "inner_diameter_in": 4.026, "rates": {"liquid_rate_stb_d": 2000.0},
               "temperature_degf": 110.0, "outlet_pressure_psia": 150.0}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["profile"]);
}

/// A flowline checks its rates like a traverse: a 1e308 STB/d rate used to fail inside the
/// correlation with no field named, and a negative GOR was not checked at all.
#[actix_web::test]
async fn flowline_rates_are_422_naming_the_field() {
    let (status, body) = post_json(
        "/api/v1/surface/flowline",
        json!({"fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 600.0},
               "profile": [{"distance_ft": 0.0, "elevation_ft": 0.0}, {"distance_ft": 3000.0, "elevation_ft": 120.0}],
               "inner_diameter_in": 4.026,
               "rates": {"liquid_rate_stb_d": 1e308, "water_cut_fraction": 0.3, "gor_scf_stb": -5.0},
               "temperature_degf": 110.0, "outlet_pressure_psia": 150.0}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        error_fields(&body),
        ["rates.liquid_rate_stb_d", "rates.gor_scf_stb"]
    );
}

#[actix_web::test]
async fn compressor_and_chokes() {
    let (status, body) = post_json(
        "/api/v1/surface/compressor",
        json!({"gas": {"gas_sg": 0.65}, "rate_mscf_d": 10000.0, "suction_pressure_psia": 100.0,
               "discharge_pressure_psia": 1000.0, "suction_temperature_degf": 80.0,
               "intercooler_temperature_degf": 120.0}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["method"], "gpsa_isentropic");
    assert_eq!(body["stages"].as_array().unwrap().len(), 2);
    let hp = body["total_brake_power_hp"].as_f64().unwrap();
    let kw = body["total_brake_power_kw"].as_f64().unwrap();
    assert!((kw - hp * 0.745_699_872).abs() < 1e-6);
    let (status, body) = post_json(
        "/api/v1/surface/compressor",
        json!({"gas": {"gas_sg": 0.65}, "rate_mscf_d": 10000.0, "suction_pressure_psia": 100.0,
               "discharge_pressure_psia": 90.0, "suction_temperature_degf": 80.0}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["discharge_pressure_psia"]);

    // Gilbert: 10 × 1000^0.546 × 1000 / 32^1.89 = 621.25 psig.
    let (status, body) = post_json(
        "/api/v1/surface/choke",
        json!({"correlation": "gilbert_1954", "liquid_rate_stb_d": 1000.0,
               "gas_liquid_ratio_scf_stb": 1000.0, "choke_size_64ths_in": 32.0}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!((body["upstream_pressure_psig"].as_f64().unwrap() - 621.25).abs() < 0.01);
    assert!(body["warnings"].as_array().unwrap().is_empty());
    let (status, body) = post_json(
        "/api/v1/surface/choke",
        json!({"correlation": "gilbert_1954", "liquid_rate_stb_d": 1000.0,
               "gas_liquid_ratio_scf_stb": 1000.0, "choke_size_64ths_in": 32.0,
               "downstream_pressure_psig": 500.0}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body["warnings"][0]
            .as_str()
            .unwrap()
            .contains("subcritical"),
        "{body}"
    );
    let (status, body) = post_json(
        "/api/v1/surface/choke",
        json!({"correlation": "gas_choke_isentropic_nozzle", "choke_size_64ths_in": 32.0,
               "upstream_pressure_psia": 1000.0, "downstream_pressure_psia": 300.0,
               "gas_sg": 0.7, "upstream_temperature_degf": 100.0, "heat_capacity_ratio": 1.3}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["critical"], true);
    let (status, body) = post_json(
        "/api/v1/surface/choke",
        json!({"correlation": "ros_1960", "gas_liquid_ratio_scf_stb": 1000.0, "choke_size_64ths_in": 32.0}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["liquid_rate_stb_d"]);
}

fn network() -> Value {
    json!({
        "equation": "panhandle_a", "gas": {"gas_sg": 0.65}, "flowing_temperature_degf": 80.0,
        "delivery_node": "plant", "delivery_pressure_psia": 400.0,
        "nodes": [{"name": "plant"}, {"name": "north", "elevation_ft": 50.0}, {"name": "south"}],
        "pipes": [
            {"name": "trunk", "from": "north", "to": "plant", "length_mi": 6.0, "inner_diameter_in": 7.981, "efficiency": 0.92},
            {"name": "lateral", "from": "south", "to": "north", "length_mi": 3.0, "inner_diameter_in": 6.065, "efficiency": 0.92}
        ],
        "wells": [
            {"name": "A-1", "node": "north", "reservoir_pressure_psia": 2000.0, "c_mscf_d_psi2n": 0.03, "n": 0.7, "choke": {"choke_size_64ths_in": 32.0}},
            {"name": "A-2", "node": "south", "reservoir_pressure_psia": 1800.0, "c_mscf_d_psi2n": 0.05, "n": 0.65,
             "line": {"length_mi": 1.0, "inner_diameter_in": 2.067}},
            {"name": "A-3", "node": "south", "reservoir_pressure_psia": 2600.0, "c_mscf_d_psi2n": 0.01, "n": 0.8, "choke": {"choke_size_64ths_in": 24.0},
             "tubing": {"depth_ft": 7000.0, "inner_diameter_in": 2.441, "average_temperature_degf": 140.0}}
        ]
    })
}

/// A network's base and flowing conditions are refused by their own names (they used to
/// come back as "no finite rate", or as the first well's choke temperature).
#[actix_web::test]
async fn network_conditions_are_422_naming_the_field() {
    for (field, value) in [
        ("base_pressure_psia", 0.0),
        ("base_temperature_degf", 1e308),
        ("flowing_temperature_degf", 1e308),
    ] {
        let mut body = network();
        body[field] = json!(value);
        let (status, response) = post_json("/api/v1/surface/network", body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{response}");
        assert_eq!(error_fields(&response), [field], "{response}");
    }
}

#[actix_web::test]
async fn network_balances_and_rejects_loops_and_islands() {
    let (status, body) = post_json("/api/v1/surface/network", network()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let s = &body;
    assert_eq!(s["converged"], true);
    let deep = &s["wells"][2];
    assert!(
        deep["bottomhole_pressure_psia"].as_f64().unwrap()
            > deep["wellhead_pressure_psia"].as_f64().unwrap()
    );
    assert!(s["wells"][0]["bottomhole_pressure_psia"].is_null());
    let delivered = s["delivered_mscf_d"].as_f64().unwrap();
    for node in s["nodes"].as_array().unwrap() {
        let (i, o) = (
            node["inflow_mscf_d"].as_f64().unwrap(),
            node["outflow_mscf_d"].as_f64().unwrap(),
        );
        assert!((i - o).abs() <= 1e-6 * delivered, "{node}");
    }
    let mut looped = network();
    looped["pipes"].as_array_mut().unwrap().push(json!(
        {"name": "loop", "from": "south", "to": "plant", "length_mi": 1.0, "inner_diameter_in": 4.026}));
    let (status, body) = post_json("/api/v1/surface/network", looped).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["detail"].as_str().unwrap().contains("tree"), "{body}");
    let mut island = network();
    island["nodes"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "island"}));
    island["wells"][0]["node"] = json!("island");
    let (status, body) = post_json("/api/v1/surface/network", island).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["detail"].as_str().unwrap().contains("A-1"), "{body}");
    let mut unknown = network();
    unknown["wells"][1]["node"] = json!("nowhere");
    let (status, body) = post_json("/api/v1/surface/network", unknown).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["wells[1].node"]);
}

#[actix_web::test]
async fn methods_list_every_surface_method() {
    let db = TestDatabase::sqlite();
    let state = state(&db, settings(Environment::Test));
    let user = signed_in(&state, Role::Viewer).await;
    let app = test::init_service(build_app(state)).await;
    let anonymous = test::call_service(
        &app,
        test::TestRequest::get()
            .uri("/api/v1/surface/methods")
            .to_request(),
    )
    .await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let response = test::call_service(
        &app,
        test::TestRequest::get()
            .insert_header(user.bearer())
            .uri("/api/v1/surface/methods")
            .to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let body = body_json(response).await;
    let ids: Vec<&str> = body["methods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    for id in [
        "weymouth_1912",
        "panhandle_a",
        "panhandle_b",
        "general_flow_colebrook",
        "aga_fully_turbulent",
        "aga_partially_turbulent",
        "igt",
        "gilbert_1954",
        "ros_1960",
        "baxendell_1958",
        "achong_1961",
        "gas_choke_isentropic_nozzle",
        "gpsa_isentropic",
        "gpsa_polytropic",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
}
