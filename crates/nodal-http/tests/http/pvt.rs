//! The PVT API: numbers match the engine, every method is named, bad input names the field.

use crate::common::*;
use nodal_core::pvt::fluid::{BlackOilFluid, FluidDescription};
use nodal_core::pvt::gas::Impurities;
use nodal_core::pvt::recommend::recommend;
use serde_json::json;

fn fluid() -> Value {
    json!({"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 600.0, "water_salinity_wt_pct": 3.0})
}

#[actix_web::test]
async fn properties_match_the_engine_and_name_the_methods() {
    let (status, body) = post_json(
        "/api/v1/pvt/properties",
        json!({"fluid": fluid(), "points": [
            {"pressure_psia": 1500.0, "temperature_degf": 180.0},
            {"pressure_psia": 4000.0, "temperature_degf": 180.0}]}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let description = FluidDescription {
        oil_api: 35.0,
        gas_sg: 0.75,
        gor_scf_stb: 600.0,
        water_salinity_wt_pct: 3.0,
        impurities: Impurities::default(),
        separator: None,
        measured: None,
    };
    let methods = recommend(&description, 180.0, 4000.0).unwrap().methods;
    let engine = BlackOilFluid::new(&description, methods).unwrap();
    for (i, p) in [1500.0, 4000.0].into_iter().enumerate() {
        let expected = engine.properties(p, 180.0).unwrap();
        let point = &body["points"][i];
        // The API serializes the engine's numbers; parsing the JSON back may differ in the
        // last bit (serde_json's fast float parser), hence a 1e-12 relative tolerance.
        let same = |field: &str, expected: f64| {
            let got = point[field].as_f64().unwrap();
            assert!(
                (got - expected).abs() <= 1e-12 * expected.abs(),
                "{field}: {got} vs {expected}"
            );
        };
        same("oil_fvf_rb_stb", expected.oil_fvf_rb_stb);
        same("z_factor", expected.z_factor);
        same("solution_gor_scf_stb", expected.solution_gor_scf_stb);
    }
    assert_eq!(body["points"][0]["saturated"], true);
    assert_eq!(body["points"][1]["saturated"], false);
    assert_eq!(
        body["methods"]["ids"]["bubble_point"],
        methods.oil.bubble_point.id()
    );
    assert_eq!(
        body["methods"]["ids"]["z_factor"],
        "dranchuk_abou_kassem_1975"
    );
    assert!(body["warnings"].is_array());
}

#[actix_web::test]
async fn requested_methods_are_used_and_reported_as_requested() {
    let (status, body) = post_json(
        "/api/v1/pvt/properties",
        json!({"fluid": fluid(),
               "methods": {"bubble_point": "standing_1947", "oil_fvf": "standing_1981",
                           "z_factor": "hall_yarborough_1973"},
               "points": [{"pressure_psia": 2000.0, "temperature_degf": 180.0}]}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["methods"]["ids"]["bubble_point"], "standing_1947");
    assert_eq!(body["methods"]["ids"]["oil_fvf"], "standing_1981");
    assert_eq!(body["methods"]["ids"]["z_factor"], "hall_yarborough_1973");
    let requested: Vec<&Value> = body["methods"]["choices"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["reason"] == "requested")
        .collect();
    assert_eq!(requested.len(), 3);
    // Standing (1947) Pb for 35 °API, γg 0.75, 600 scf/STB at 180 °F:
    // 18.2[(600/0.75)^0.83 · 10^(0.00091·180 − 0.0125·35) − 1.4] = 2,463 psia
    // (McCain 1990 form of Standing's equation, evaluated by hand; ±1 psia).
    let pb = body["points"][0]["bubble_point_psia"].as_f64().unwrap();
    assert!((pb - 2463.0).abs() < 1.0, "{pb}");
}

#[actix_web::test]
async fn out_of_range_physics_is_422_naming_every_field() {
    let (status, body) = post_json(
        "/api/v1/pvt/properties",
        json!({"fluid": {"oil_api": 0.0, "gas_sg": 0.4, "gor_scf_stb": 600.0,
                         "co2_mole_frac": 0.7, "h2s_mole_frac": 0.5},
               "points": [{"pressure_psia": 1000.0, "temperature_degf": 150.0},
                          {"pressure_psia": -5.0, "temperature_degf": 150.0}]}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = error_fields(&body);
    for expected in [
        "fluid.oil_api",
        "fluid.gas_sg",
        "fluid.co2_mole_frac",
        "points[1].pressure_psia",
    ] {
        assert!(
            fields.iter().any(|f| f == expected),
            "{expected} not in {fields:?}"
        );
    }

    let (status, body) = post_json(
        "/api/v1/pvt/properties",
        json!({"fluid": {"oil_api": 30.0, "gas_sg": 3.5, "gor_scf_stb": 100.0},
               "points": [{"pressure_psia": 1000.0, "temperature_degf": 150.0}]}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["fluid.gas_sg"]);
}

/// Finite but impossible values are refused by name before any correlation runs: they used
/// to reach the engine (a 1e9 psia measured bubble point was honoured with a 200, a 1e308
/// °API oil failed deep inside a viscosity correlation with no field named).
#[actix_web::test]
async fn absurd_finite_fluid_values_are_422_naming_the_field() {
    let (status, body) = post_json(
        "/api/v1/pvt/properties",
        json!({"fluid": {"oil_api": 1e308, "gas_sg": 0.75, "gor_scf_stb": 1e308,
                         "bubble_point_psia": 25000.0, "bubble_point_temperature_degf": 190.0,
                         "separator_pressure_psia": 1e9, "separator_temperature_degf": 100.0},
               "points": [{"pressure_psia": 1e308, "temperature_degf": 150.0}]}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        error_fields(&body),
        [
            "fluid.oil_api",
            "fluid.gor_scf_stb",
            "fluid.separator_pressure_psia",
            "fluid.bubble_point_psia",
            "points[0].pressure_psia",
        ]
    );

    let (status, body) = post_json(
        "/api/v1/pvt/curve",
        json!({"fluid": fluid(), "temperature_degf": 180.0,
               "min_pressure_psia": 100.0, "max_pressure_psia": 1e308, "points": 50}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(error_fields(&body), ["max_pressure_psia"]);

    // The same fluid check guards the nodal routes.
    let (status, body) = post_json(
        "/api/v1/nodal/operating-point",
        json!({"inflow": {"model": "vogel", "reservoir_pressure_psia": 3000.0,
                          "max_rate_stb_d": 2500.0},
               "fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 500.0,
                         "bubble_point_psia": 1e9, "bubble_point_temperature_degf": 190.0},
               "well": {"sections": [{"bottom_md_ft": 8000.0, "tubing_id_in": 2.441}]},
               "temperature": {"wellhead_temperature_degf": 100.0,
                               "bottomhole_temperature_degf": 190.0},
               "wellhead_pressure_psia": 150.0}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(error_fields(&body), ["fluid.bubble_point_psia"]);
}

#[actix_web::test]
async fn too_many_points_unknown_methods_and_wrong_types_are_422() {
    let points: Vec<Value> = (0..1001)
        .map(|i| json!({"pressure_psia": 100.0 + i as f64, "temperature_degf": 150.0}))
        .collect();
    let (status, body) = post_json(
        "/api/v1/pvt/properties",
        json!({"fluid": fluid(), "points": points}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["points"]);

    let (status, body) = post_json(
        "/api/v1/pvt/properties",
        json!({"fluid": fluid(), "methods": {"z_factor": "magic"},
               "points": [{"pressure_psia": 1000.0, "temperature_degf": 150.0}]}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["methods.z_factor"]);
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("dranchuk_abou_kassem_1975")
    );

    let (status, body) = post_json(
        "/api/v1/pvt/properties",
        json!({"fluid": {"oil_api": "light", "gas_sg": 0.7, "gor_scf_stb": 100.0},
               "points": [{"pressure_psia": 1000.0, "temperature_degf": 150.0}]}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["fluid.oil_api"]);

    let (status, body) = post_json(
        "/api/v1/pvt/properties",
        json!({"fluid": {"gas_sg": 0.7, "gor_scf_stb": 100.0},
               "points": [{"pressure_psia": 1000.0, "temperature_degf": 150.0}]}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["fluid.oil_api"]);
}

#[actix_web::test]
async fn curve_holds_the_bubble_point_and_honours_calibration() {
    let mut calibrated = fluid();
    calibrated["bubble_point_psia"] = json!(2450.0);
    calibrated["bubble_point_temperature_degf"] = json!(180.0);
    let (status, body) = post_json(
        "/api/v1/pvt/curve",
        json!({"fluid": calibrated, "temperature_degf": 180.0,
               "min_pressure_psia": 100.0, "max_pressure_psia": 5000.0, "points": 50}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!((body["bubble_point_psia"].as_f64().unwrap() - 2450.0).abs() < 1e-6);
    let points = body["points"].as_array().unwrap();
    assert_eq!(points.len(), 51, "50 grid points plus the bubble point");
    let at_pb = points
        .iter()
        .find(|p| (p["pressure_psia"].as_f64().unwrap() - 2450.0).abs() < 1e-9)
        .expect("bubble point in the grid");
    assert!((at_pb["solution_gor_scf_stb"].as_f64().unwrap() - 600.0).abs() < 1e-6);
    let pressures: Vec<f64> = points
        .iter()
        .map(|p| p["pressure_psia"].as_f64().unwrap())
        .collect();
    assert!(pressures.windows(2).all(|w| w[0] < w[1]));

    let (status, body) = post_json(
        "/api/v1/pvt/curve",
        json!({"fluid": fluid(), "temperature_degf": 180.0,
               "min_pressure_psia": 5000.0, "max_pressure_psia": 100.0, "points": 1}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = error_fields(&body);
    assert!(
        fields.contains(&"max_pressure_psia".to_string()),
        "{fields:?}"
    );
    assert!(fields.contains(&"points".to_string()), "{fields:?}");
}

#[actix_web::test]
async fn compare_gives_one_series_per_method() {
    let (status, body) = post_json(
        "/api/v1/pvt/compare",
        json!({"fluid": fluid(), "property": "z_factor", "temperature_degf": 180.0,
               "min_pressure_psia": 500.0, "max_pressure_psia": 5000.0, "points": 10}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let series = body["series"].as_array().unwrap();
    let ids: Vec<&str> = series
        .iter()
        .map(|s| s["method"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "dranchuk_abou_kassem_1975",
            "hall_yarborough_1973",
            "papay_1968"
        ]
    );
    // DAK and Hall-Yarborough fit the same chart: within 1.5 % of each other here.
    let dak = series[0]["values"].as_array().unwrap();
    let hy = series[1]["values"].as_array().unwrap();
    for (a, b) in dak.iter().zip(hy) {
        let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
        assert!((a - b).abs() / a < 0.015, "{a} vs {b}");
    }
}

#[actix_web::test]
async fn bubble_point_by_every_method_and_the_recommended_one() {
    let (status, body) = post_json(
        "/api/v1/pvt/bubble-point",
        json!({"fluid": fluid(), "temperature_degf": 180.0}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let estimates = body["estimates"].as_array().unwrap();
    assert_eq!(estimates.len(), 7);
    let recommended = body["recommended_method"].as_str().unwrap();
    let listed = estimates
        .iter()
        .find(|e| e["method"] == recommended)
        .unwrap();
    assert_eq!(
        listed["bubble_point_psia"],
        body["recommended_bubble_point_psia"]
    );
    assert!(!body["reason"].as_str().unwrap().is_empty());
}

/// Baker-Swerdloff's (1956) data are at 68 and 100 °F; at 180 °F the response warns, and
/// the recommended gas-oil tension (Abdul-Majeed, no published range) does not.
#[actix_web::test]
async fn tension_ranges_reach_the_warnings() {
    let warned = |body: &Value, method: &str| {
        body["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["method"] == method && w["param"] == "temperature_degf")
    };
    let point = json!([{"pressure_psia": 2000.0, "temperature_degf": 180.0}]);
    let (status, body) = post_json(
        "/api/v1/pvt/properties",
        json!({"fluid": fluid(), "methods": {"gas_oil_tension": "baker_swerdloff_1956"},
               "points": point}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(warned(&body, "baker_swerdloff_1956"), "{body}");
    let (status, body) = post_json(
        "/api/v1/pvt/properties",
        json!({"fluid": fluid(), "points": point}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["methods"]["ids"]["gas_oil_tension"],
        "abdul_majeed_abu_al_soof_2000"
    );
    assert!(!warned(&body, "baker_swerdloff_1956"), "{body}");
    // The gas-water chart fit spans 74-280 °F (Katz et al. 1959 isotherms).
    let (status, body) = post_json(
        "/api/v1/pvt/properties",
        json!({"fluid": fluid(),
               "points": [{"pressure_psia": 2000.0, "temperature_degf": 300.0}]}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(warned(&body, "katz_1959_chart_fit"), "{body}");
}

/// With separator conditions the bubble-point correlations receive the Vasquez-Beggs (1980)
/// corrected gravity: 0.93 through a 500 psia, 100 °F separator is about 1.05 for a 35 °API
/// oil, above Standing's (1947) 0.95, so Standing is reported outside its data.
#[actix_web::test]
async fn bubble_point_data_ranges_use_the_corrected_gas_gravity() {
    let mut separated = fluid();
    separated["gas_sg"] = json!(0.93);
    separated["separator_pressure_psia"] = json!(500.0);
    separated["separator_temperature_degf"] = json!(100.0);
    let standing_inside = |body: &Value| {
        body["estimates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["method"] == "standing_1947")
            .unwrap()["inside_data_range"]
            .as_bool()
            .unwrap()
    };
    let (status, body) = post_json(
        "/api/v1/pvt/bubble-point",
        json!({"fluid": separated, "temperature_degf": 180.0}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(!standing_inside(&body), "{body}");
    let mut plain = fluid();
    plain["gas_sg"] = json!(0.93);
    let (status, body) = post_json(
        "/api/v1/pvt/bubble-point",
        json!({"fluid": plain, "temperature_degf": 180.0}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(standing_inside(&body), "{body}");
}

#[actix_web::test]
async fn methods_catalogue_lists_variants_ranges_and_sources() {
    let db = TestDatabase::sqlite();
    let state = state(&db, settings(Environment::Test));
    let user = signed_in(&state, Role::Viewer).await;
    let app = test::init_service(build_app(state)).await;
    let response = test::call_service(
        &app,
        test::TestRequest::get()
            .insert_header(user.bearer())
            .uri("/api/v1/pvt/methods")
            .to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let body = body_json(response).await;
    let methods = body["methods"].as_array().unwrap();
    for id in [
        "standing_1947",
        "standing_1981",
        "standing_1947_rs_exp_1_2048",
        "dranchuk_abou_kassem_1975",
    ] {
        let m = methods
            .iter()
            .find(|m| m["id"] == id)
            .unwrap_or_else(|| panic!("{id} missing"));
        assert!(!m["source"].as_str().unwrap().is_empty());
        assert!(!m["variant"].as_str().unwrap().is_empty());
    }
    assert!(
        methods
            .iter()
            .any(|m| !m["ranges"].as_array().unwrap().is_empty())
    );
}
