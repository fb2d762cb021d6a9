//! Inflow and nodal-analysis API: textbook inflow values, the operating point on both curves,
//! named outcomes, sensitivity limits, gas lift, VFP tables and the nodal plot.

use crate::common::*;
use serde_json::json;

async fn post(uri: &str, body: Value, accept: Option<&str>) -> (StatusCode, String) {
    let db = TestDatabase::sqlite();
    let state = state(&db, settings(Environment::Test));
    let user = signed_in(&state, Role::Viewer).await;
    let app = test::init_service(build_app(state)).await;
    let mut request = test::TestRequest::post()
        .uri(uri)
        .insert_header(user.bearer())
        .set_json(body);
    if let Some(accept) = accept {
        request = request.insert_header((header::ACCEPT, accept));
    }
    let response = test::call_service(&app, request.to_request()).await;
    let status = response.status();
    let bytes = test::read_body(response).await;
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

fn case(reservoir_pressure_psia: f64, wellhead_pressure_psia: f64) -> Value {
    json!({
        "inflow": {"model": "vogel", "reservoir_pressure_psia": reservoir_pressure_psia, "max_rate_stb_d": 2500.0},
        "fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 500.0, "water_salinity_wt_pct": 3.0},
        "well": {"sections": [{"bottom_md_ft": 8000.0, "tubing_id_in": 2.441}]},
        "temperature": {"wellhead_temperature_degf": 100.0, "bottomhole_temperature_degf": 190.0},
        "wellhead_pressure_psia": wellhead_pressure_psia,
        "water_cut_fraction": 0.2,
        "options": {"correlation": "beggs_brill_payne_1979"}
    })
}

#[actix_web::test]
async fn vogel_curve_follows_the_published_equation() {
    // Vogel (1968): q/qmax = 1 − 0.2 (pwf/p̄r) − 0.8 (pwf/p̄r)²; at pwf = p̄r/2 that is 0.7.
    let (status, body) = post_json(
        "/api/v1/inflow/curve",
        json!({"inflow": {"model": "vogel", "reservoir_pressure_psia": 3000.0, "max_rate_stb_d": 1000.0},
               "points": 3}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["method"], "vogel_1968");
    assert_eq!(body["rate_unit"], "stb_d");
    let mid = &body["points"][1];
    assert!((mid["flowing_pressure_psia"].as_f64().unwrap() - 1500.0).abs() < 1e-9);
    assert!((mid["liquid_rate_stb_d"].as_f64().unwrap() - 700.0).abs() < 1e-6);
    assert!((body["absolute_open_flow"].as_f64().unwrap() - 1000.0).abs() < 1e-6);
}

#[actix_web::test]
async fn back_pressure_fit_recovers_exact_c_and_n() {
    // Points made from q = 0.05 (p̄r² − pwf²)^0.8 with p̄r = 2000 psia.
    let tests: Vec<Value> = [1800.0f64, 1500.0, 1000.0, 500.0]
        .iter()
        .map(|&pwf| {
            let q = 0.05 * (2000.0f64.powi(2) - pwf * pwf).powf(0.8);
            json!({"rate": q, "flowing_pressure_psia": pwf})
        })
        .collect();
    let (status, body) = post_json(
        "/api/v1/inflow/fit",
        json!({"model": "back_pressure", "reservoir_pressure_psia": 2000.0, "tests": tests}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!((body["n"].as_f64().unwrap() - 0.8).abs() < 1e-9, "{body}");
    assert!(
        (body["c"].as_f64().unwrap() - 0.05).abs() / 0.05 < 1e-8,
        "{body}"
    );
    assert!((body["r_squared"].as_f64().unwrap() - 1.0).abs() < 1e-12);
    assert_eq!(body["rate_unit"], "mscf_d");
}

#[actix_web::test]
async fn operating_point_satisfies_both_curves() {
    let (status, body) = post_json("/api/v1/nodal/operating-point", case(3000.0, 150.0)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["outcome"], "stable", "{body}");
    assert_eq!(body["methods"]["correlation"], "beggs_brill_payne_1979");
    let point = &body["solution"]["outcome"]["point"];
    assert_eq!(point["converged"], true);
    let q = point["rate"].as_f64().unwrap();
    let pwf = point["bottomhole_pressure_psia"].as_f64().unwrap();
    // On the inflow curve: Vogel at pwf gives q.
    let x = pwf / 3000.0;
    let vogel = 2500.0 * (1.0 - 0.2 * x - 0.8 * x * x);
    assert!((vogel - q).abs() < 0.5, "IPR {vogel} vs {q}");
    // On the outflow curve: the residual is within the solver tolerance.
    assert!(point["residual_psi"].as_f64().unwrap().abs() <= 0.01);
    // The same rate through the VLP route needs the same bottom-hole pressure.
    let mut vlp = case(3000.0, 150.0);
    let obj = vlp.as_object_mut().unwrap();
    obj.remove("inflow");
    obj.insert("liquid_rates_stb_d".into(), json!([q]));
    let (status, curve) = post_json("/api/v1/hydraulics/vlp-curve", vlp).await;
    assert_eq!(status, StatusCode::OK, "{curve}");
    let bhp = curve["points"][0]["bottomhole_pressure_psia"]
        .as_f64()
        .unwrap();
    assert!((bhp - pwf).abs() < 0.05, "VLP {bhp} vs {pwf}");
    // Beggs and Brill's data came from 1 to 1.5 in pipe: the traverse at the operating point
    // in 2.441 in tubing says so once, over the whole path.
    let diameter: Vec<&Value> = body["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["method"] == "beggs_brill_payne_1979" && w["param"] == "diameter_in")
        .collect();
    assert_eq!(diameter.len(), 1, "{}", body["warnings"]);
    assert_eq!(diameter[0]["value"], 2.441);
    assert_eq!(diameter[0]["path"]["top_md_ft"], 0.0);
    assert_eq!(diameter[0]["path"]["bottom_md_ft"], 8000.0);
}

#[actix_web::test]
async fn a_depleted_well_against_high_back_pressure_cannot_flow() {
    let (status, body) = post_json("/api/v1/nodal/operating-point", case(900.0, 600.0)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["outcome"], "no_flow", "{body}");
    assert!(body["solution"]["outcome"]["min_gap_psi"].as_f64().unwrap() > 0.0);
    // No flow, no traverse at an operating point: no path warnings.
    let warnings = body["warnings"].as_array().unwrap();
    assert!(
        warnings.iter().all(|w| w.get("path").is_none()),
        "{warnings:?}"
    );
}

#[actix_web::test]
async fn sensitivity_table_and_its_case_limit() {
    let (status, body) = post_json(
        "/api/v1/nodal/sensitivity",
        json!({"case": case(3000.0, 150.0),
               "first": {"variable": "wellhead_pressure_psia", "values": [100.0, 250.0]}}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let table = body["table"].as_array().unwrap();
    assert_eq!(table.len(), 2);
    let low = table[0]["rate"].as_f64().unwrap();
    let high = table[1]["rate"].as_f64().unwrap();
    assert!(low > high, "more back pressure, less rate: {low} vs {high}");

    let values: Vec<f64> = (0..21).map(|i| 100.0 + f64::from(i)).collect();
    let second: Vec<f64> = (0..20).map(|i| 0.1 + 0.01 * f64::from(i)).collect();
    let (status, body) = post_json(
        "/api/v1/nodal/sensitivity",
        json!({"case": case(3000.0, 150.0),
               "first": {"variable": "wellhead_pressure_psia", "values": values},
               "second": {"variable": "water_cut_fraction", "values": second}}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["detail"].as_str().unwrap().contains("400"), "{body}");

    let (status, body) = post_json(
        "/api/v1/nodal/sensitivity",
        json!({"case": case(3000.0, 150.0), "first": {"variable": "choke", "values": [1.0]}}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["field"], "first.variable");
}

#[actix_web::test]
async fn gas_lift_needs_an_injection_point() {
    let (status, body) = post_json(
        "/api/v1/nodal/gas-lift",
        json!({"case": case(3000.0, 150.0), "lift_gas_rates_mscf_d": [0.0, 500.0]}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["field"], "case.options.gas_lift");

    let mut with_lift = case(2200.0, 150.0);
    with_lift["options"]["gas_lift"] = json!({"injection_md_ft": 7000.0, "gas_rate_mscf_d": 0.0});
    let (status, body) = post_json(
        "/api/v1/nodal/gas-lift",
        json!({"case": with_lift, "lift_gas_rates_mscf_d": [0.0, 300.0, 600.0]}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let points = body["performance"]["points"].as_array().unwrap();
    assert_eq!(points.len(), 3);
}

fn vfp_request() -> Value {
    json!({"case": case(3000.0, 150.0),
           "table": {"table_number": 7, "flow_rate": "liquid", "water_fraction": "water_cut",
                     "gas_fraction": "gas_oil_ratio", "flow_values": [500.0, 1500.0],
                     "thp_values_psia": [100.0, 300.0], "water_fraction_values": [0.0],
                     "gas_fraction_values": [0.5]}})
}

#[actix_web::test]
async fn vfp_table_as_eclipse_text_or_json() {
    let (status, text) = post("/api/v1/nodal/vfp", vfp_request(), None).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert!(text.contains("VFPPROD"), "{text}");
    assert!(
        text.contains("'LIQ'") && text.contains("'WCT'") && text.contains("'GOR'"),
        "{text}"
    );
    assert!(text.contains("'FIELD'"), "{text}");

    let (status, text) = post("/api/v1/nodal/vfp", vfp_request(), Some("application/json")).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let table: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(table["table_number"], 7);
    let records = table["records"].as_array().unwrap();
    assert_eq!(records.len(), 2);
    // BHP rises with THP at every rate of this sound table: no violations.
    assert!(table["thp_violations"].as_array().unwrap().is_empty());
    let low = records[0]["bhp_psia"][0].as_f64().unwrap();
    let high = records[1]["bhp_psia"][0].as_f64().unwrap();
    assert!(high > low);

    let mut bad = vfp_request();
    bad["table"]["flow_rate"] = json!("oil_and_gas");
    let (status, text) = post("/api/v1/nodal/vfp", bad, None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text.contains("table.flow_rate"), "{text}");
}

#[actix_web::test]
async fn nodal_plot_is_svg_with_both_curves_and_the_operating_point() {
    let (status, svg) = post("/api/v1/nodal/plot", case(3000.0, 150.0), None).await;
    assert_eq!(status, StatusCode::OK, "{svg}");
    assert_well_formed_xml(&svg);
    assert!(svg.contains("Inflow (vogel_1968)"), "inflow series");
    assert!(
        svg.contains("Outflow (beggs_brill_payne_1979"),
        "outflow series"
    );
    assert!(
        svg.contains("Liquid rate (STB/d)") && svg.contains("Flowing bottom-hole pressure (psia)")
    );
    assert!(svg.contains("<circle"), "operating point marker");
}

fn pseudo_pressure_inflow(gas_sg: f64) -> Value {
    json!({"model": "gas_darcy_pseudo_pressure",
           "permeability_md": 5.0, "thickness_ft": 30.0, "temperature_degf": 200.0,
           "drainage_radius_ft": 1490.0, "wellbore_radius_ft": 0.354, "skin": 1.0,
           "non_darcy_coefficient_d_mscf": 1e-4, "reservoir_pressure_psia": 4000.0,
           "gas": {"gas_sg": gas_sg}})
}

#[actix_web::test]
async fn pseudo_pressure_gas_inflow_curve_is_close_to_pyrestoolbox() {
    // pyrestoolbox 3.8.9 `gas.gas_rate_radial(5, 30, 4000, pwf, 0.354, 1490, 200, S=1,
    // D=1e-4, sg=0.7)` (run outside the project; the same numbers back the engine's own
    // pseudo-pressure test): 5,955.030 / 10,625.490 / 14,476.023 Mscf/d at 3,000 / 2,000 /
    // 500 psia. Both use DAK Z and the McCain et al. (2011) constants of Lee-Gonzalez-Eakin
    // (chosen here; the API default is the 1966 constants, 2 % apart in m(p)); pyrestoolbox
    // takes its pseudo-criticals from Piper-McCain-Corredor, the API from Sutton (1985). The
    // tolerance of 0.5 % covers that variant difference (0.3 % found at 3,000 psia); the
    // engine's m(p) table is within 1e-5 of its own integral (tested in nodal-core).
    let mut inflow = pseudo_pressure_inflow(0.7);
    inflow["gas"]["viscosity"] = json!("lee_gonzalez_eakin_mccain_2011");
    let (status, body) = post_json(
        "/api/v1/inflow/curve",
        json!({"inflow": inflow, "points": 9}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["method"], "gas_darcy_pseudo_pressure");
    assert_eq!(body["rate_unit"], "mscf_d");
    let points = body["points"].as_array().unwrap();
    for (i, pwf, expected) in [
        (2, 3000.0, 5_955.030),
        (4, 2000.0, 10_625.490),
        (7, 500.0, 14_476.023),
    ] {
        let p = &points[i];
        assert!((p["flowing_pressure_psia"].as_f64().unwrap() - pwf).abs() < 1e-9);
        assert!(p.get("liquid_rate_stb_d").is_none());
        let q = p["gas_rate_mscf_d"].as_f64().unwrap();
        assert!(
            ((q - expected) / expected).abs() < 0.005,
            "{pwf}: {q} vs {expected}"
        );
    }
    // The AOF is the rate at zero flowing pressure, the last point of the curve.
    let aof = body["absolute_open_flow"].as_f64().unwrap();
    assert!((aof - points[8]["gas_rate_mscf_d"].as_f64().unwrap()).abs() < 1e-9);

    // A heavier gas has a larger μZ, so a smaller m(p̄r) − m(pwf) and a smaller rate.
    let (status, heavy) = post_json(
        "/api/v1/inflow/curve",
        json!({"inflow": pseudo_pressure_inflow(1.0), "points": 9}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{heavy}");
    assert!(heavy["absolute_open_flow"].as_f64().unwrap() < aof);
}

#[actix_web::test]
async fn jones_blount_glaze_from_properties_uses_the_published_coefficients() {
    // Coefficients by hand (Jones, Blount and Glaze, 1976, in the forms of Beggs, Production
    // Optimization Using Nodal Analysis, 2nd ed., Ch. 2):
    //   A = 141.2 μ Bo (ln(re/rw) − 0.75 + s)/(k h)
    //   B = 2.30e-14 β Bo² ρo/(hp² rw), β = 2.33e10/k^1.201
    let (k, h, hp, mu, bo, rho, re, rw, s, pr) = (
        30.0f64, 40.0, 20.0, 0.8, 1.2, 47.0, 1490.0f64, 0.354, 2.0, 3000.0,
    );
    let a = 141.2 * mu * bo * ((re / rw).ln() - 0.75 + s) / (k * h);
    let beta = 2.33e10 / k.powf(1.201);
    let b = 2.30e-14 * beta * bo * bo * rho / (hp * hp * rw);
    // At p_wf = 0 the drawdown is p̄r: q = 2 p̄r/(A + √(A² + 4 B p̄r)).
    let aof = 2.0 * pr / (a + (a * a + 4.0 * b * pr).sqrt());
    let inflow = json!({"model": "jones_blount_glaze_properties",
        "permeability_md": k, "thickness_ft": h, "perforated_interval_ft": hp,
        "viscosity_cp": mu, "fvf_rb_stb": bo, "oil_density_lbm_ft3": rho,
        "drainage_radius_ft": re, "wellbore_radius_ft": rw, "skin": s,
        "reservoir_pressure_psia": pr});
    let (status, body) = post_json(
        "/api/v1/inflow/curve",
        json!({"inflow": inflow, "points": 5}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["method"], "jones_blount_glaze_1976");
    let got = body["absolute_open_flow"].as_f64().unwrap();
    assert!(((got - aof) / aof).abs() < 1e-9, "{got} vs {aof}");
    // Mid-curve: Δp = 1,500 psi.
    let mid = body["points"][2]["liquid_rate_stb_d"].as_f64().unwrap();
    let expected = 2.0 * 1500.0 / (a + (a * a + 4.0 * b * 1500.0).sqrt());
    assert!(
        ((mid - expected) / expected).abs() < 1e-9,
        "{mid} vs {expected}"
    );
}

#[actix_web::test]
async fn new_inflow_models_name_the_bad_field() {
    let mut light = pseudo_pressure_inflow(0.7);
    light["gas"]["gas_sg"] = json!(0.3);
    let mut no_perm = pseudo_pressure_inflow(0.7);
    no_perm["permeability_md"] = json!(-5.0);
    let mut bad_z = pseudo_pressure_inflow(0.7);
    bad_z["gas"]["z_factor"] = json!("guesswork");
    let mut no_gas = pseudo_pressure_inflow(0.7);
    no_gas.as_object_mut().unwrap().remove("gas");
    let jbg = json!({"model": "jones_blount_glaze_properties",
        "permeability_md": 30.0, "thickness_ft": 40.0, "perforated_interval_ft": 60.0,
        "viscosity_cp": 0.8, "fvf_rb_stb": 1.2, "oil_density_lbm_ft3": 47.0,
        "drainage_radius_ft": 1490.0, "wellbore_radius_ft": 0.354,
        "reservoir_pressure_psia": 3000.0});
    for (inflow, field) in [
        (light, "inflow.gas.gas_sg"),
        (no_perm, "inflow.permeability_md"),
        (bad_z, "inflow.gas.z_factor"),
        (jbg, "inflow.perforated_interval_ft"),
    ] {
        let (status, body) = post_json(
            "/api/v1/inflow/curve",
            json!({"inflow": inflow, "points": 5}),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(error_fields(&body), vec![field.to_string()], "{body}");
    }
    // A missing gas is a body error that names it.
    let (status, body) = post_json(
        "/api/v1/inflow/curve",
        json!({"inflow": no_gas, "points": 5}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.to_string().contains("gas"), "{body}");
    // The same check on the nodal routes.
    let mut nodal = gas_case(pseudo_pressure_inflow(0.7));
    nodal["inflow"]["gas"]["gas_sg"] = json!(0.3);
    let (status, body) = post_json("/api/v1/nodal/operating-point", nodal).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(error_fields(&body), vec!["inflow.gas.gas_sg".to_string()]);
}

/// A gas well: the gas-rate inflow is coupled to the outflow through the GOR.
fn gas_case(inflow: Value) -> Value {
    json!({
        "inflow": inflow,
        "fluid": {"oil_api": 50.0, "gas_sg": 0.7, "gor_scf_stb": 20000.0},
        "well": {"sections": [{"bottom_md_ft": 8000.0, "tubing_id_in": 2.441}]},
        "temperature": {"wellhead_temperature_degf": 100.0, "bottomhole_temperature_degf": 200.0},
        "wellhead_pressure_psia": 800.0,
        "options": {"correlation": "beggs_brill_payne_1979"}
    })
}

#[actix_web::test]
async fn pseudo_pressure_gas_well_operating_point_sensitivity_and_plot() {
    let (status, body) = post_json(
        "/api/v1/nodal/operating-point",
        gas_case(pseudo_pressure_inflow(0.7)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["outcome"], "stable", "{body}");
    assert_eq!(body["rate_unit"], "mscf_d");
    assert_eq!(body["inflow_method"], "gas_darcy_pseudo_pressure");
    let point = &body["solution"]["outcome"]["point"];
    assert!(point["residual_psi"].as_f64().unwrap().abs() <= 0.01);
    let q = point["rate"].as_f64().unwrap();
    let pwf = point["bottomhole_pressure_psia"].as_f64().unwrap();
    // On the inflow curve: the curve route at a grid through pwf brackets q.
    let (status, curve) = post_json(
        "/api/v1/inflow/curve",
        json!({"inflow": pseudo_pressure_inflow(0.7), "points": 401}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{curve}");
    let pts = curve["points"].as_array().unwrap();
    let i = pts
        .iter()
        .position(|p| p["flowing_pressure_psia"].as_f64().unwrap() < pwf)
        .unwrap();
    let (q_hi_p, q_lo_p) = (
        pts[i - 1]["gas_rate_mscf_d"].as_f64().unwrap(),
        pts[i]["gas_rate_mscf_d"].as_f64().unwrap(),
    );
    assert!(
        q >= q_hi_p - 1e-6 && q <= q_lo_p + 1e-6,
        "{q_hi_p} ≤ {q} ≤ {q_lo_p}"
    );

    // Sensitivity to skin and to a reservoir pressure above the base one (the m(p) table
    // reaches it).
    let (status, body) = post_json(
        "/api/v1/nodal/sensitivity",
        json!({"case": gas_case(pseudo_pressure_inflow(0.7)),
               "first": {"variable": "reservoir_pressure_psia", "values": [3500.0, 4500.0]},
               "second": {"variable": "skin", "values": [0.0, 5.0]}}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let table = body["table"].as_array().unwrap();
    assert_eq!(table.len(), 4);
    for row in table {
        assert!(row["error"].is_null(), "{row}");
    }
    let rate = |i: usize| table[i]["rate"].as_f64().unwrap();
    assert!(rate(0) > rate(1), "more skin, less gas");
    assert!(rate(2) > rate(0), "more reservoir pressure, more gas");

    let (status, svg) = post(
        "/api/v1/nodal/plot",
        gas_case(pseudo_pressure_inflow(0.7)),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{svg}");
    assert_well_formed_xml(&svg);
    assert!(svg.contains("Inflow (gas_darcy_pseudo_pressure)"));
    assert!(svg.contains("Gas rate (Mscf/d)"));
}

#[actix_web::test]
async fn jones_blount_glaze_properties_in_a_nodal_case_and_gas_lift() {
    let inflow = json!({"model": "jones_blount_glaze_properties",
        "permeability_md": 30.0, "thickness_ft": 40.0, "perforated_interval_ft": 20.0,
        "viscosity_cp": 0.8, "fvf_rb_stb": 1.2, "oil_density_lbm_ft3": 47.0,
        "drainage_radius_ft": 1490.0, "wellbore_radius_ft": 0.354, "skin": 2.0,
        "reservoir_pressure_psia": 3000.0});
    let mut base = case(3000.0, 150.0);
    base["inflow"] = inflow;
    let (status, body) = post_json("/api/v1/nodal/operating-point", base.clone()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["inflow_method"], "jones_blount_glaze_1976");
    assert_eq!(body["outcome"], "stable", "{body}");

    // Skin is a sensitivity of this model (it has reservoir properties).
    let (status, body) = post_json(
        "/api/v1/nodal/sensitivity",
        json!({"case": base.clone(), "first": {"variable": "skin", "values": [0.0, 10.0]}}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let table = body["table"].as_array().unwrap();
    assert!(table[0]["rate"].as_f64().unwrap() > table[1]["rate"].as_f64().unwrap());

    let mut lift = base;
    lift["options"]["gas_lift"] = json!({"injection_md_ft": 7000.0, "gas_rate_mscf_d": 0.0});
    let (status, body) = post_json(
        "/api/v1/nodal/gas-lift",
        json!({"case": lift, "lift_gas_rates_mscf_d": [0.0, 300.0, 600.0]}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["performance"]["points"].as_array().unwrap().len(), 3);
}

#[actix_web::test]
async fn the_gas_description_is_part_of_the_cache_key() {
    let db = TestDatabase::sqlite();
    let state = state(&db, settings(Environment::Test));
    let user = signed_in(&state, Role::Viewer).await;
    let app = test::init_service(build_app(state)).await;
    let mut seen = Vec::new();
    for (gas_sg, expected) in [(0.7, "miss"), (0.7, "hit"), (0.8, "miss")] {
        let response = test::call_service(
            &app,
            test::TestRequest::post()
                .uri("/api/v1/inflow/curve")
                .insert_header(user.bearer())
                .set_json(json!({"inflow": pseudo_pressure_inflow(gas_sg), "points": 5}))
                .to_request(),
        )
        .await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(header_str(&response, "x-cache").as_deref(), Some(expected));
        let body: Value = serde_json::from_slice(&test::read_body(response).await).unwrap();
        seen.push(body["absolute_open_flow"].as_f64().unwrap());
    }
    assert_eq!(seen[0], seen[1]);
    assert!(seen[2] < seen[0], "{seen:?}");
}

/// Absurd magnitudes in an inflow are refused by name before any calculation.
#[actix_web::test]
async fn absurd_inflow_magnitudes_name_the_field() {
    let cases = [
        (
            json!({"model": "productivity_index", "reservoir_pressure_psia": 3000.0,
                   "productivity_index_stb_d_psi": 1e308}),
            "inflow.productivity_index_stb_d_psi",
        ),
        (
            json!({"model": "vogel", "reservoir_pressure_psia": 3000.0,
                   "max_rate_stb_d": 1e12}),
            "inflow.max_rate_stb_d",
        ),
        (
            json!({"model": "jones_blount_glaze_properties",
                   "permeability_md": 1e9, "thickness_ft": 40.0, "perforated_interval_ft": 20.0,
                   "viscosity_cp": 0.8, "fvf_rb_stb": 1.2, "oil_density_lbm_ft3": 47.0,
                   "drainage_radius_ft": 1490.0, "wellbore_radius_ft": 0.354,
                   "reservoir_pressure_psia": 3000.0}),
            "inflow.permeability_md",
        ),
    ];
    for (inflow, field) in cases {
        let (status, body) = post_json(
            "/api/v1/inflow/curve",
            json!({"inflow": inflow, "points": 5}),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(error_fields(&body), vec![field.to_string()], "{body}");
    }
}
