//! The hydraulics API: trajectory against closed form, traverse physics and consistency,
//! outflow curves, comparisons, and every limit as a 422 naming the field.

use crate::common::*;
use serde_json::json;

fn case() -> Value {
    json!({
        "fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 600.0, "water_salinity_wt_pct": 3.0},
        "well": {"sections": [{"bottom_md_ft": 10000.0, "tubing_id_in": 2.441}]},
        "rates": {"liquid_rate_stb_d": 1500.0, "water_cut_fraction": 0.3},
        "temperature": {"wellhead_temperature_degf": 100.0, "bottomhole_temperature_degf": 200.0},
        "wellhead_pressure_psia": 200.0
    })
}

#[actix_web::test]
async fn trajectory_matches_the_closed_form_build_arc() {
    // A constant build from 0° to 30° over 1,000 ft is a circular arc of radius
    // R = 1000/(π/6) = 1,909.86 ft: ΔTVD = R sin 30° = 954.93 ft, horizontal
    // displacement R(1 − cos 30°) = 255.88 ft along azimuth 45°, DLS 3°/100 ft.
    let (status, body) = post_json(
        "/api/v1/wellbore/trajectory",
        json!({"stations": [
            {"md_ft": 0.0, "inclination_deg": 0.0, "azimuth_deg": 45.0},
            {"md_ft": 1000.0, "inclination_deg": 0.0, "azimuth_deg": 45.0},
            {"md_ft": 2000.0, "inclination_deg": 30.0, "azimuth_deg": 45.0}]}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["method"], "minimum_curvature");
    let end = &body["stations"][2];
    let r = 1000.0 / (std::f64::consts::PI / 6.0);
    let close = |field: &str, expected: f64| {
        let got = end[field].as_f64().unwrap();
        assert!(
            (got - expected).abs() < 1e-6,
            "{field}: {got} vs {expected}"
        );
    };
    close("tvd_ft", 1000.0 + r * 0.5);
    let horizontal = r * (1.0 - (30f64).to_radians().cos());
    close("north_ft", horizontal / 2f64.sqrt());
    close("east_ft", horizontal / 2f64.sqrt());
    close("dogleg_severity_deg_100ft", 3.0);
}

#[actix_web::test]
async fn survey_errors_name_the_station_and_field() {
    let (status, body) = post_json(
        "/api/v1/wellbore/trajectory",
        json!({"stations": [
            {"md_ft": 0.0, "inclination_deg": 0.0, "azimuth_deg": 0.0},
            {"md_ft": 1000.0, "inclination_deg": 190.0, "azimuth_deg": 0.0},
            {"md_ft": 900.0, "inclination_deg": 10.0, "azimuth_deg": 400.0}]}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = error_fields(&body);
    for expected in [
        "stations[1].inclination_deg",
        "stations[2].md_ft",
        "stations[2].azimuth_deg",
    ] {
        assert!(
            fields.iter().any(|f| f == expected),
            "{expected} not in {fields:?}"
        );
    }
    let (status, body) = post_json(
        "/api/v1/wellbore/trajectory",
        json!({"stations": [{"md_ft": 0.0, "inclination_deg": 0.0, "azimuth_deg": 0.0}]}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["stations"]);
}

#[actix_web::test]
async fn a_water_column_weighs_what_brine_weighs() {
    // All water, a trickle of flow: the pressure difference is the hydrostatic head of
    // 3 wt% brine. By hand with McCain (1990): standard brine density
    // 62.368 + 0.438603·3 + 1.60074e-3·3² = 63.698 lb/ft³; Bw at the column's mean
    // conditions (2,400 psia, 150 °F) = (1 + 0.022397)(1 − 0.003012) = 1.01932; so
    // ρw = 62.49 lb/ft³ and the gradient 62.49/144 = 0.4340 psi/ft. Tolerance 0.5 %
    // (the hand value averages conditions that the traverse follows station by station).
    let mut body = case();
    body["rates"] =
        json!({"liquid_rate_stb_d": 1.0, "water_cut_fraction": 1.0, "gor_scf_stb": 0.0});
    let (status, response) = post_json("/api/v1/hydraulics/traverse", body).await;
    assert_eq!(status, StatusCode::OK, "{response}");
    let summary = &response["summary"];
    let gradient = (summary["bottomhole_pressure_psia"].as_f64().unwrap() - 200.0) / 10000.0;
    assert!(
        (gradient - 0.4340).abs() / 0.4340 < 0.005,
        "{gradient} psi/ft"
    );
    assert!(summary["friction_loss_psi"].as_f64().unwrap() < 0.1);
}

#[actix_web::test]
async fn traverse_reports_stations_and_top_down_agrees_with_bottom_up() {
    let (status, down) = post_json("/api/v1/hydraulics/traverse", case()).await;
    assert_eq!(status, StatusCode::OK, "{down}");
    assert_eq!(down["methods"]["correlation"], "beggs_brill_payne_1979");
    assert_eq!(down["methods"]["friction"], "colebrook_clamond_2009");
    let stations = down["stations"].as_array().unwrap();
    assert!(stations.len() >= 100, "{}", stations.len());
    let pressures: Vec<f64> = stations
        .iter()
        .map(|s| s["pressure_psia"].as_f64().unwrap())
        .collect();
    assert!(
        pressures.windows(2).all(|w| w[1] > w[0]),
        "pressure rises downhole"
    );
    for s in stations {
        let hl = s["liquid_holdup"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&hl));
    }
    let bhp = down["summary"]["bottomhole_pressure_psia"]
        .as_f64()
        .unwrap();
    let split = [
        "elevation_loss_psi",
        "friction_loss_psi",
        "acceleration_loss_psi",
    ]
    .iter()
    .map(|k| down["summary"][k].as_f64().unwrap())
    .sum::<f64>();
    assert!(
        (split - (bhp - 200.0)).abs() < 0.5,
        "{split} vs {}",
        bhp - 200.0
    );

    let mut up = case();
    up.as_object_mut().unwrap().remove("wellhead_pressure_psia");
    up["bottomhole_pressure_psia"] = json!(bhp);
    let (status, up) = post_json("/api/v1/hydraulics/traverse", up).await;
    assert_eq!(status, StatusCode::OK, "{up}");
    let whp = up["summary"]["wellhead_pressure_psia"].as_f64().unwrap();
    assert!(
        (whp - 200.0).abs() < 0.5,
        "bottom-up gives {whp} psia at the wellhead"
    );
}

#[actix_web::test]
async fn pressure_falling_below_atmospheric_is_a_422_that_says_where() {
    let mut body = case();
    body.as_object_mut()
        .unwrap()
        .remove("wellhead_pressure_psia");
    body["bottomhole_pressure_psia"] = json!(500.0);
    body["rates"] =
        json!({"liquid_rate_stb_d": 100.0, "water_cut_fraction": 1.0, "gor_scf_stb": 0.0});
    let (status, response) = post_json("/api/v1/hydraulics/traverse", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{response}");
    let detail = response["detail"].as_str().unwrap();
    assert!(detail.contains("MD"), "{detail}");
}

#[actix_web::test]
async fn limits_are_422s_naming_the_field() {
    let mut body = case();
    body["well"] = json!({"sections": [
        {"bottom_md_ft": 5000.0, "tubing_id_in": 0.0},
        {"bottom_md_ft": 60000.0, "tubing_id_in": 2.0, "roughness_in": 1.5}]});
    body["rates"] = json!({"liquid_rate_stb_d": -10.0});
    let (status, response) = post_json("/api/v1/hydraulics/traverse", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = error_fields(&response);
    for expected in [
        "well.sections[0].tubing_id_in",
        "well.sections[1].bottom_md_ft",
        "well.sections[1].roughness_in",
        "rates.liquid_rate_stb_d",
    ] {
        assert!(
            fields.iter().any(|f| f == expected),
            "{expected} not in {fields:?}"
        );
    }

    let mut body = case();
    body["options"] = json!({"max_step_ft": 1.0});
    let (status, response) = post_json("/api/v1/hydraulics/traverse", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&response), ["options.max_step_ft"]);

    let mut body = case();
    body["well"]["survey"] = json!([{"md_ft": 0.0, "inclination_deg": 0.0, "azimuth_deg": 0.0}]);
    let (status, response) = post_json("/api/v1/hydraulics/traverse", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_fields(&response).contains(&"well.survey".to_string()));

    let mut body = case();
    body["bottomhole_pressure_psia"] = json!(3000.0);
    let (status, response) = post_json("/api/v1/hydraulics/traverse", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&response), ["wellhead_pressure_psia"]);
}

/// Pressures out of the engine's range used to come back named by the engine's own
/// parameter (`top_pressure_psia`), and a 1e308 rate failed deep inside a correlation with
/// no field named: both are now refused by the request's field.
#[actix_web::test]
async fn absurd_pressures_and_rates_name_the_request_field() {
    let mut body = case();
    body["wellhead_pressure_psia"] = json!(100_000.0);
    body["rates"] = json!({"liquid_rate_stb_d": 1e308, "gor_scf_stb": 1e308});
    let (status, response) = post_json("/api/v1/hydraulics/traverse", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{response}");
    assert_eq!(
        error_fields(&response),
        [
            "rates.liquid_rate_stb_d",
            "rates.gor_scf_stb",
            "wellhead_pressure_psia"
        ]
    );

    let mut body = case();
    body.as_object_mut()
        .unwrap()
        .remove("wellhead_pressure_psia");
    body["bottomhole_pressure_psia"] = json!(10.0);
    let (status, response) = post_json("/api/v1/hydraulics/traverse", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{response}");
    assert_eq!(error_fields(&response), ["bottomhole_pressure_psia"]);

    let (status, response) = post_json(
        "/api/v1/nodal/operating-point",
        json!({"inflow": {"model": "vogel", "reservoir_pressure_psia": 3000.0,
                          "max_rate_stb_d": 2500.0},
               "fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 500.0},
               "well": {"sections": [{"bottom_md_ft": 8000.0, "tubing_id_in": 2.441}]},
               "temperature": {"wellhead_temperature_degf": 100.0,
                               "bottomhole_temperature_degf": 190.0},
               "wellhead_pressure_psia": 1e308}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{response}");
    assert_eq!(error_fields(&response), ["wellhead_pressure_psia"]);
}

#[actix_web::test]
async fn a_horizontal_annulus_section_and_a_survey_are_accepted() {
    let mut body = case();
    body["well"] = json!({
        "survey": [
            {"md_ft": 0.0, "inclination_deg": 0.0, "azimuth_deg": 0.0},
            {"md_ft": 3000.0, "inclination_deg": 0.0, "azimuth_deg": 0.0},
            {"md_ft": 6000.0, "inclination_deg": 60.0, "azimuth_deg": 90.0},
            {"md_ft": 9000.0, "inclination_deg": 60.0, "azimuth_deg": 90.0}],
        "sections": [
            {"bottom_md_ft": 7000.0, "tubing_id_in": 2.992},
            {"bottom_md_ft": 9000.0, "casing_id_in": 6.184, "tubing_od_in": 2.875}]
    });
    let (status, response) = post_json("/api/v1/hydraulics/traverse", body).await;
    assert_eq!(status, StatusCode::OK, "{response}");
    let last = response["stations"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert!((last["md_ft"].as_f64().unwrap() - 9000.0).abs() < 1e-6);
    assert!(last["tvd_ft"].as_f64().unwrap() < 9000.0);
    assert!((last["inclination_deg"].as_f64().unwrap() - 60.0).abs() < 1e-6);
}

#[actix_web::test]
async fn vlp_curve_and_its_inverse_are_consistent() {
    let (status, curve) = post_json(
        "/api/v1/hydraulics/vlp-curve",
        json!({
            "fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 600.0},
            "well": {"sections": [{"bottom_md_ft": 10000.0, "tubing_id_in": 2.441}]},
            "temperature": {"wellhead_temperature_degf": 100.0, "bottomhole_temperature_degf": 200.0},
            "wellhead_pressure_psia": 200.0, "water_cut_fraction": 0.3,
            "liquid_rates_stb_d": [500.0, 1000.0, 2000.0],
            "target_bottomhole_pressure_psia": 3000.0
        }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{curve}");
    let points = curve["points"].as_array().unwrap();
    assert_eq!(points.len(), 3);
    // At 1,000 STB/d the curve needs less than 3,000 psia at 200 psia wellhead, so a higher
    // wellhead pressure reaches exactly 3,000 psia.
    let p1000 = &points[1];
    assert!(p1000["bottomhole_pressure_psia"].as_f64().unwrap() < 3000.0);
    let whp = p1000["wellhead_pressure_for_target_psia"].as_f64().unwrap();
    assert!(whp > 200.0);
    let (status, check) = post_json(
        "/api/v1/hydraulics/vlp-curve",
        json!({
            "fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 600.0},
            "well": {"sections": [{"bottom_md_ft": 10000.0, "tubing_id_in": 2.441}]},
            "temperature": {"wellhead_temperature_degf": 100.0, "bottomhole_temperature_degf": 200.0},
            "wellhead_pressure_psia": whp, "water_cut_fraction": 0.3,
            "liquid_rates_stb_d": [1000.0]
        }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{check}");
    let bhp = check["points"][0]["bottomhole_pressure_psia"]
        .as_f64()
        .unwrap();
    assert!((bhp - 3000.0).abs() < 0.5, "{bhp}");

    let rates: Vec<f64> = (1..=101).map(f64::from).collect();
    let (status, body) = post_json(
        "/api/v1/hydraulics/vlp-curve",
        json!({
            "fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 600.0},
            "well": {"sections": [{"bottom_md_ft": 10000.0, "tubing_id_in": 2.441}]},
            "temperature": {"wellhead_temperature_degf": 100.0, "bottomhole_temperature_degf": 200.0},
            "wellhead_pressure_psia": 200.0, "liquid_rates_stb_d": rates
        }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["liquid_rates_stb_d"]);
}

#[actix_web::test]
async fn compare_runs_every_multiphase_correlation() {
    let (status, body) = post_json("/api/v1/hydraulics/compare", json!({"case": case()})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let results = body["results"].as_array().unwrap();
    let ids: Vec<&str> = results
        .iter()
        .map(|r| r["correlation"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"beggs_brill_1973")
            && ids.contains(&"hagedorn_brown_1965_modified")
            && ids.contains(&"hasan_kabir_1988"),
        "{ids:?}"
    );
    assert!(!ids.contains(&"single_phase"));
    for r in results {
        let bhp = r["summary"]["bottomhole_pressure_psia"].as_f64().unwrap();
        // Every correlation lands within a physically plausible band for this well.
        assert!((2000.0..4500.0).contains(&bhp), "{r}");
    }
    let (status, body) = post_json(
        "/api/v1/hydraulics/compare",
        json!({"case": case(), "correlations": ["beggs_brill_1973", "nope"]}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["correlations[1]"]);
}

/// The `path` warnings of `method` about `param` in a `warnings` array.
fn path_warnings<'a>(warnings: &'a Value, method: &str, param: &str) -> Vec<&'a Value> {
    warnings
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["method"] == method && w["param"] == param)
        .collect()
}

/// A well that builds from vertical at 2,000 ft to 60° at 3,000 ft and holds it to 8,000 ft.
fn sixty_degree_well() -> Value {
    json!({
        "survey": [
            {"md_ft": 0.0, "inclination_deg": 0.0, "azimuth_deg": 0.0},
            {"md_ft": 2000.0, "inclination_deg": 0.0, "azimuth_deg": 0.0},
            {"md_ft": 3000.0, "inclination_deg": 60.0, "azimuth_deg": 90.0},
            {"md_ft": 8000.0, "inclination_deg": 60.0, "azimuth_deg": 90.0}],
        "sections": [{"bottom_md_ft": 8000.0, "tubing_id_in": 2.992}]
    })
}

/// Ansari et al. (1994) declare vertical upward flow only: a traverse in a 60° well says so
/// once, with the worst flow angle (90° − 60° = 30° above horizontal) and where; the same
/// case in a vertical well does not. The pressures are those of the traverse without
/// warnings (the warning changes no number).
#[actix_web::test]
async fn traverse_warns_when_the_path_leaves_the_correlations_range() {
    let mut body = case();
    body["well"] = sixty_degree_well();
    body["options"] = json!({"correlation": "ansari_1994"});
    let (status, response) = post_json("/api/v1/hydraulics/traverse", body.clone()).await;
    assert_eq!(status, StatusCode::OK, "{response}");
    let angle = path_warnings(&response["warnings"], "ansari_1994", "angle_deg");
    assert_eq!(angle.len(), 1, "{}", response["warnings"]);
    let w = angle[0];
    assert!((w["value"].as_f64().unwrap() - 30.0).abs() < 1e-9, "{w}");
    assert_eq!(w["min"], 90.0);
    assert_eq!(w["max"], 90.0);
    let top = w["path"]["top_md_ft"].as_f64().unwrap();
    assert!(top > 2000.0 && top <= 2100.0, "{w}");
    assert_eq!(w["path"]["bottom_md_ft"], 8000.0);
    let worst = w["path"]["worst_md_ft"].as_f64().unwrap();
    assert!((3000.0..=8000.0).contains(&worst), "{w}");
    let inclined = response["stations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["inclination_deg"].as_f64().unwrap() > 0.0)
        .count();
    assert_eq!(w["path"]["station_count"], inclined);
    assert!(
        w["message"]
            .as_str()
            .unwrap()
            .contains("inclination 60 deg"),
        "{w}"
    );

    body["well"] = json!({"sections": [{"bottom_md_ft": 8000.0, "tubing_id_in": 2.992}]});
    let (status, response) = post_json("/api/v1/hydraulics/traverse", body).await;
    assert_eq!(status, StatusCode::OK, "{response}");
    assert!(
        path_warnings(&response["warnings"], "ansari_1994", "angle_deg").is_empty(),
        "{}",
        response["warnings"]
    );
}

/// Gray (1974) is for gas and condensate wells, to 50 STB/MMscf of condensate: an oil well
/// of 1,050 STB/d oil at 600 scf/STB (0.63 MMscf/d) runs at 1,667 STB/MMscf. The outflow
/// curve reports it once over all rates, the comparison once per correlation.
#[actix_web::test]
async fn vlp_and_compare_carry_the_correlations_range_warnings() {
    let (status, curve) = post_json(
        "/api/v1/hydraulics/vlp-curve",
        json!({
            "fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 600.0},
            "well": {"sections": [{"bottom_md_ft": 8000.0, "tubing_id_in": 2.441}]},
            "temperature": {"wellhead_temperature_degf": 100.0, "bottomhole_temperature_degf": 200.0},
            "wellhead_pressure_psia": 200.0, "water_cut_fraction": 0.3,
            "liquid_rates_stb_d": [500.0, 1500.0],
            "options": {"correlation": "gray_1974"}
        }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{curve}");
    let cgr = path_warnings(
        &curve["warnings"],
        "gray_1974",
        "condensate_gas_ratio_stb_mmscf",
    );
    assert_eq!(cgr.len(), 1, "{}", curve["warnings"]);
    // Oil over gas is 1e6/GOR at any rate: 1,666.67 STB/MMscf.
    assert!((cgr[0]["value"].as_f64().unwrap() - 1e6 / 600.0).abs() < 1e-6);
    // Both traverses (81 stations each at the default 100-ft step) are counted.
    assert!(cgr[0]["path"]["station_count"].as_u64().unwrap() >= 2 * 81);
    assert!(cgr[0]["message"].as_str().unwrap().contains("gray_1974"));

    let mut case = case();
    case["well"] = sixty_degree_well();
    let (status, body) = post_json(
        "/api/v1/hydraulics/compare",
        json!({"case": case, "correlations": ["ansari_1994", "beggs_brill_1973"]}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let results = body["results"].as_array().unwrap();
    assert_eq!(
        path_warnings(&results[0]["warnings"], "ansari_1994", "angle_deg").len(),
        1,
        "{}",
        results[0]
    );
    // Beggs-Brill declares every angle.
    assert!(
        path_warnings(&results[1]["warnings"], "beggs_brill_1973", "angle_deg").is_empty(),
        "{}",
        results[1]
    );
}

#[actix_web::test]
async fn methods_catalogue_lists_correlations_and_friction() {
    let db = TestDatabase::sqlite();
    let state = state(&db, settings(Environment::Test));
    let user = signed_in(&state, Role::Viewer).await;
    let app = test::init_service(build_app(state)).await;
    let response = test::call_service(
        &app,
        test::TestRequest::get()
            .insert_header(user.bearer())
            .uri("/api/v1/hydraulics/methods")
            .to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let body = body_json(response).await;
    let ids: Vec<&str> = body["correlations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"beggs_brill_payne_1979"), "{ids:?}");
    assert!(ids.contains(&"ansari_1994"), "{ids:?}");
    assert!(ids.contains(&"hasan_kabir_1988"), "{ids:?}");
    // The ranges a traverse checks are listed: Ansari et al. for vertical upward flow only.
    let ansari = body["correlations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "ansari_1994")
        .unwrap();
    assert_eq!(
        ansari["ranges"],
        json!([{"param": "angle_deg", "min": 90.0, "max": 90.0}])
    );
    assert!(
        body["friction"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["id"] == "colebrook_clamond_2009")
    );
}

#[actix_web::test]
async fn traverse_plot_is_well_formed_svg_with_both_series() {
    let db = TestDatabase::sqlite();
    let state = state(&db, settings(Environment::Test));
    let user = signed_in(&state, Role::Viewer).await;
    let app = test::init_service(build_app(state)).await;
    let response = test::call_service(
        &app,
        test::TestRequest::post()
            .insert_header(user.bearer())
            .uri("/api/v1/hydraulics/traverse/plot")
            .set_json(case())
            .to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header_str(&response, "content-type").as_deref(),
        Some("image/svg+xml")
    );
    let bytes = test::read_body(response).await;
    let svg = std::str::from_utf8(&bytes).unwrap();
    assert_well_formed_xml(svg);
    assert!(svg.contains("Pressure (psia)") && svg.contains("Temperature (°F)"));
    assert!(svg.matches("<polyline").count() >= 2);
}
