//! The calculation cache in the service: `X-Cache` on every calculation route, canonical
//! keys over HTTP, errors never cached, the off switch, and the Prometheus `/metrics` text.

use crate::common::*;
use serde_json::json;

fn fluid() -> Value {
    json!({"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 600.0, "water_salinity_wt_pct": 3.0})
}

fn well_case() -> Value {
    json!({
        "fluid": fluid(),
        "well": {"sections": [{"bottom_md_ft": 8000.0, "tubing_id_in": 2.441}]},
        "rates": {"liquid_rate_stb_d": 1500.0, "water_cut_fraction": 0.3},
        "temperature": {"wellhead_temperature_degf": 100.0, "bottomhole_temperature_degf": 190.0},
        "wellhead_pressure_psia": 200.0
    })
}

fn nodal_case() -> Value {
    json!({
        "inflow": {"model": "vogel", "reservoir_pressure_psia": 3000.0, "max_rate_stb_d": 2500.0},
        "fluid": fluid(),
        "well": {"sections": [{"bottom_md_ft": 8000.0, "tubing_id_in": 2.441}]},
        "temperature": {"wellhead_temperature_degf": 100.0, "bottomhole_temperature_degf": 190.0},
        "wellhead_pressure_psia": 150.0,
        "water_cut_fraction": 0.2
    })
}

/// A valid request for every calculation route, with the content type it answers in.
fn every_calculation() -> Vec<(&'static str, Value, Option<&'static str>, &'static str)> {
    let json = "application/json";
    let mut lift = nodal_case();
    lift["options"] = json!({"gas_lift": {"injection_md_ft": 7000.0, "gas_rate_mscf_d": 0.0}});
    let tests: Vec<Value> = [1800.0f64, 1500.0, 1000.0]
        .iter()
        .map(|&pwf| json!({"rate": 0.05 * (2000.0f64.powi(2) - pwf * pwf).powf(0.8), "flowing_pressure_psia": pwf}))
        .collect();
    let vfp = json!({"case": nodal_case(),
        "table": {"table_number": 7, "flow_rate": "liquid", "water_fraction": "water_cut",
                  "gas_fraction": "gas_oil_ratio", "flow_values": [500.0, 1500.0],
                  "thp_values_psia": [100.0, 300.0], "water_fraction_values": [0.0],
                  "gas_fraction_values": [0.5]}});
    vec![
        (
            "/api/v1/pvt/properties",
            json!({"fluid": fluid(), "points": [{"pressure_psia": 1500.0, "temperature_degf": 180.0}]}),
            None,
            json,
        ),
        (
            "/api/v1/pvt/curve",
            json!({"fluid": fluid(), "temperature_degf": 180.0, "min_pressure_psia": 100.0, "max_pressure_psia": 5000.0, "points": 10}),
            None,
            json,
        ),
        (
            "/api/v1/pvt/compare",
            json!({"fluid": fluid(), "property": "z_factor", "temperature_degf": 180.0, "min_pressure_psia": 500.0, "max_pressure_psia": 5000.0, "points": 5}),
            None,
            json,
        ),
        (
            "/api/v1/pvt/bubble-point",
            json!({"fluid": fluid(), "temperature_degf": 180.0}),
            None,
            json,
        ),
        (
            "/api/v1/wellbore/trajectory",
            json!({"stations": [{"md_ft": 0.0, "inclination_deg": 0.0, "azimuth_deg": 0.0}, {"md_ft": 1000.0, "inclination_deg": 10.0, "azimuth_deg": 45.0}]}),
            None,
            json,
        ),
        ("/api/v1/hydraulics/traverse", well_case(), None, json),
        (
            "/api/v1/hydraulics/traverse/plot",
            well_case(),
            None,
            "image/svg+xml",
        ),
        (
            "/api/v1/hydraulics/vlp-curve",
            json!({
            "fluid": fluid(), "well": {"sections": [{"bottom_md_ft": 8000.0, "tubing_id_in": 2.441}]},
            "temperature": {"wellhead_temperature_degf": 100.0, "bottomhole_temperature_degf": 190.0},
            "wellhead_pressure_psia": 200.0, "water_cut_fraction": 0.3, "liquid_rates_stb_d": [500.0, 1000.0]}),
            None,
            json,
        ),
        (
            "/api/v1/hydraulics/compare",
            json!({"case": well_case(), "correlations": ["beggs_brill_1973", "hagedorn_brown_1965_modified"]}),
            None,
            json,
        ),
        (
            "/api/v1/inflow/curve",
            json!({"inflow": {"model": "vogel", "reservoir_pressure_psia": 3000.0, "max_rate_stb_d": 1000.0}, "points": 3}),
            None,
            json,
        ),
        (
            "/api/v1/inflow/fit",
            json!({"model": "back_pressure", "reservoir_pressure_psia": 2000.0, "tests": tests}),
            None,
            json,
        ),
        ("/api/v1/nodal/operating-point", nodal_case(), None, json),
        (
            "/api/v1/nodal/sensitivity",
            json!({"case": nodal_case(), "first": {"variable": "wellhead_pressure_psia", "values": [100.0, 250.0]}}),
            None,
            json,
        ),
        (
            "/api/v1/nodal/gas-lift",
            json!({"case": lift, "lift_gas_rates_mscf_d": [0.0, 300.0]}),
            None,
            json,
        ),
        (
            "/api/v1/nodal/vfp",
            vfp.clone(),
            None,
            "text/plain; charset=utf-8",
        ),
        ("/api/v1/nodal/vfp", vfp, Some("application/json"), json),
        ("/api/v1/nodal/plot", nodal_case(), None, "image/svg+xml"),
        (
            "/api/v1/surface/gas-pipeline",
            json!({"equation": "panhandle_a", "gas": {"gas_sg": 0.65},
                   "pipe": {"length_mi": 30.0, "inner_diameter_in": 11.938, "efficiency": 0.92},
                   "flowing_temperature_degf": 80.0, "solve_for": "rate",
                   "inlet_pressure_psia": 1000.0, "outlet_pressure_psia": 600.0}),
            None,
            json,
        ),
        (
            "/api/v1/surface/gas-pipeline/size",
            json!({"equation": "general_flow_colebrook", "gas": {"gas_sg": 0.65},
                   "pipe": {"length_mi": 30.0}, "flowing_temperature_degf": 80.0,
                   "inlet_pressure_psia": 1000.0, "minimum_outlet_pressure_psia": 600.0,
                   "rate_mscf_d": 60000.0}),
            None,
            json,
        ),
        (
            "/api/v1/surface/flowline",
            json!({"fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 600.0},
                   "profile": [{"distance_ft": 0.0, "elevation_ft": 0.0}, {"distance_ft": 3000.0, "elevation_ft": 120.0}],
                   "inner_diameter_in": 4.026, "rates": {"liquid_rate_stb_d": 2000.0, "water_cut_fraction": 0.3},
                   "temperature_degf": 110.0, "outlet_pressure_psia": 150.0}),
            None,
            json,
        ),
        (
            "/api/v1/surface/compressor",
            json!({"gas": {"gas_sg": 0.65}, "rate_mscf_d": 10000.0, "suction_pressure_psia": 100.0,
                   "discharge_pressure_psia": 1000.0, "suction_temperature_degf": 80.0}),
            None,
            json,
        ),
        (
            "/api/v1/surface/choke",
            json!({"correlation": "gilbert_1954", "liquid_rate_stb_d": 1000.0,
                   "gas_liquid_ratio_scf_stb": 1000.0, "choke_size_64ths_in": 32.0}),
            None,
            json,
        ),
        (
            "/api/v1/surface/network",
            json!({"equation": "panhandle_a", "gas": {"gas_sg": 0.65}, "flowing_temperature_degf": 80.0,
                   "delivery_node": "plant", "delivery_pressure_psia": 400.0,
                   "nodes": [{"name": "plant"}, {"name": "north"}],
                   "pipes": [{"name": "trunk", "from": "north", "to": "plant", "length_mi": 6.0, "inner_diameter_in": 7.981, "efficiency": 0.92}],
                   "wells": [{"name": "A-1", "node": "north", "reservoir_pressure_psia": 2000.0, "c_mscf_d_psi2n": 0.03, "n": 0.7, "choke": {"choke_size_64ths_in": 32.0}}]}),
            None,
            json,
        ),
    ]
}

async fn app_with(
    settings: Settings,
) -> (
    TestDatabase,
    AppState,
    impl Service<
        actix_http::Request,
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
    >,
) {
    let db = TestDatabase::sqlite();
    let state = state(&db, settings);
    let app = test::init_service(build_app(state.clone())).await;
    (db, state, app)
}

/// The bearer header of a new engineer.
async fn engineer(state: &AppState) -> (header::HeaderName, String) {
    signed_in(state, Role::Engineer).await.bearer()
}

async fn send<S, B>(
    app: &S,
    auth: &(header::HeaderName, String),
    uri: &str,
    body: &Value,
    accept: Option<&str>,
) -> (u16, Option<String>, String, web::Bytes)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let mut request = test::TestRequest::post()
        .uri(uri)
        .insert_header(auth.clone())
        .set_json(body);
    if let Some(accept) = accept {
        request = request.insert_header((header::ACCEPT, accept));
    }
    let response = test::call_service(app, request.to_request()).await;
    let status = response.status().as_u16();
    let x_cache = header_str(&response, "x-cache");
    let content_type = header_str(&response, "content-type").unwrap_or_default();
    (
        status,
        x_cache,
        content_type,
        test::read_body(response).await,
    )
}

#[actix_web::test]
async fn every_calculation_route_misses_then_hits_with_the_same_bytes() {
    let (_db, state, app) = app_with(settings(Environment::Test)).await;
    let auth = engineer(&state).await;
    for (uri, body, accept, content_type) in every_calculation() {
        let (status, x_cache, first_type, first) = send(&app, &auth, uri, &body, accept).await;
        assert_eq!(status, 200, "{uri}: {}", String::from_utf8_lossy(&first));
        assert_eq!(x_cache.as_deref(), Some("miss"), "{uri}");
        assert_eq!(first_type, content_type, "{uri}");
        let (status, x_cache, second_type, second) = send(&app, &auth, uri, &body, accept).await;
        assert_eq!(status, 200, "{uri}");
        assert_eq!(x_cache.as_deref(), Some("hit"), "{uri} {accept:?}");
        assert_eq!(second_type, content_type, "{uri}");
        assert_eq!(first, second, "{uri}: a hit must answer the same bytes");
    }
    let stats = state.cache.stats();
    // Twenty-three kinds from twenty-two routes: the VFP route caches text and JSON apart.
    assert_eq!(
        stats.kinds.len(),
        23,
        "{:?}",
        stats.kinds.iter().map(|k| &k.kind).collect::<Vec<_>>()
    );
    assert!(
        stats
            .kinds
            .iter()
            .all(|k| k.hits == 1 && k.misses == 1 && k.entries == 1)
    );
}

#[actix_web::test]
async fn field_order_number_spelling_and_defaults_share_one_entry() {
    let (_db, state, app) = app_with(settings(Environment::Test)).await;
    let auth = engineer(&state).await;
    let uri = "/api/v1/pvt/bubble-point";
    let first: Value = serde_json::from_str(
        r#"{"fluid": {"oil_api": 35, "gas_sg": 0.75, "gor_scf_stb": 600}, "temperature_degf": 180}"#,
    )
    .unwrap();
    let same: Value = serde_json::from_str(
        r#"{"temperature_degf": 1.8e2, "fluid": {"gor_scf_stb": 600.0, "water_salinity_wt_pct": -0.0, "gas_sg": 7.5e-1, "oil_api": 35.0}}"#,
    )
    .unwrap();
    let other = json!({"fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 601.0}, "temperature_degf": 180.0});
    assert_eq!(
        send(&app, &auth, uri, &first, None).await.1.as_deref(),
        Some("miss")
    );
    assert_eq!(
        send(&app, &auth, uri, &same, None).await.1.as_deref(),
        Some("hit")
    );
    assert_eq!(
        send(&app, &auth, uri, &other, None).await.1.as_deref(),
        Some("miss")
    );
    assert_eq!(state.cache.stats().entries, 2);
}

#[actix_web::test]
async fn invalid_requests_are_not_cached() {
    let (_db, state, app) = app_with(settings(Environment::Test)).await;
    let auth = engineer(&state).await;
    let bad = json!({"fluid": {"oil_api": -5.0, "gas_sg": 0.75, "gor_scf_stb": 600.0}, "temperature_degf": 180.0});
    for _ in 0..2 {
        let (status, x_cache, content_type, _) =
            send(&app, &auth, "/api/v1/pvt/bubble-point", &bad, None).await;
        assert_eq!(status, 422);
        assert_eq!(content_type, "application/problem+json");
        assert_eq!(x_cache, None, "errors carry no X-Cache");
    }
    let stats = state.cache.stats();
    assert_eq!(stats.entries, 0);
    assert_eq!(stats.kinds[0].failures, 2);
    assert_eq!(stats.kinds[0].misses, 2);
}

#[actix_web::test]
async fn with_the_cache_off_every_request_computes() {
    let mut settings = settings(Environment::Test);
    settings.cache.enabled = false;
    let (_db, state, app) = app_with(settings).await;
    let auth = engineer(&state).await;
    let body = json!({"fluid": fluid(), "temperature_degf": 180.0});
    for _ in 0..2 {
        let (status, x_cache, _, _) =
            send(&app, &auth, "/api/v1/pvt/bubble-point", &body, None).await;
        assert_eq!(status, 200);
        assert_eq!(x_cache.as_deref(), Some("miss"));
    }
    assert_eq!(state.cache.stats().entries, 0);
}

#[actix_web::test]
async fn x_cache_is_exposed_to_browsers() {
    let mut settings = settings(Environment::Test);
    settings.cors.allowed_origins = vec!["https://app.example.com".into()];
    let (_db, state, app) = app_with(settings).await;
    let auth = engineer(&state).await;
    let response = test::call_service(
        &app,
        test::TestRequest::post()
            .uri("/api/v1/pvt/bubble-point")
            .insert_header(auth.clone())
            .insert_header((header::ORIGIN, "https://app.example.com"))
            .set_json(json!({"fluid": fluid(), "temperature_degf": 180.0}))
            .to_request(),
    )
    .await;
    let exposed = header_str(&response, "access-control-expose-headers").unwrap_or_default();
    assert!(
        exposed.to_ascii_lowercase().contains("x-cache"),
        "{exposed}"
    );
}

#[actix_web::test]
async fn large_cached_answers_are_still_gzipped() {
    let (_db, state, app) = app_with(settings(Environment::Test)).await;
    let auth = engineer(&state).await;
    let body = json!({"fluid": fluid(), "temperature_degf": 180.0, "min_pressure_psia": 100.0, "max_pressure_psia": 5000.0, "points": 200});
    for expected in ["miss", "hit"] {
        let response = test::call_service(
            &app,
            test::TestRequest::post()
                .uri("/api/v1/pvt/curve")
                .insert_header(auth.clone())
                .insert_header((header::ACCEPT_ENCODING, "gzip"))
                .set_json(&body)
                .to_request(),
        )
        .await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(header_str(&response, "x-cache").as_deref(), Some(expected));
        assert_eq!(
            header_str(&response, "content-encoding").as_deref(),
            Some("gzip")
        );
    }
}

/// Checks the Prometheus text format line by line: comments are `# HELP` / `# TYPE`, every
/// sample is `name{labels} value` with a number for the value. Returns the samples.
fn parse_prometheus(text: &str) -> Vec<(String, f64)> {
    let mut samples = Vec::new();
    for line in text.lines() {
        if line.is_empty() {
            continue;
        }
        if let Some(comment) = line.strip_prefix("# ") {
            assert!(
                comment.starts_with("HELP ") || comment.starts_with("TYPE "),
                "bad comment: {line}"
            );
            if let Some(rest) = comment.strip_prefix("TYPE ") {
                let kind = rest.split_whitespace().nth(1).unwrap();
                assert!(["counter", "gauge", "histogram"].contains(&kind), "{line}");
            }
            continue;
        }
        let (series, value) = line
            .rsplit_once(' ')
            .unwrap_or_else(|| panic!("no value: {line}"));
        let value: f64 = match value {
            "+Inf" => f64::INFINITY,
            v => v.parse().unwrap_or_else(|_| panic!("bad value: {line}")),
        };
        let name_end = series.find('{').unwrap_or(series.len());
        let name = &series[..name_end];
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "bad name: {line}"
        );
        if name_end < series.len() {
            assert!(series.ends_with('}'), "unterminated labels: {line}");
        }
        samples.push((series.to_string(), value));
    }
    samples
}

fn sample(samples: &[(String, f64)], series: &str) -> f64 {
    samples
        .iter()
        .find(|(s, _)| s == series)
        .map(|(_, v)| *v)
        .unwrap_or_else(|| panic!("no series {series}"))
}

#[actix_web::test]
async fn metrics_text_parses_and_has_every_series() {
    let (_db, state, app) = app_with(settings(Environment::Test)).await;
    let auth = engineer(&state).await;
    let body = json!({"fluid": fluid(), "temperature_degf": 180.0});
    for _ in 0..3 {
        send(&app, &auth, "/api/v1/pvt/bubble-point", &body, None).await;
    }
    let response =
        test::call_service(&app, test::TestRequest::get().uri("/metrics").to_request()).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        header_str(&response, "content-type")
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    let text = String::from_utf8(test::read_body(response).await.to_vec()).unwrap();
    let samples = parse_prometheus(&text);

    let route = r#"route="/api/v1/pvt/bubble-point",method="POST""#;
    assert_eq!(
        sample(
            &samples,
            &format!(r#"nodal_http_requests_total{{{route},status="200"}}"#)
        ),
        3.0
    );
    assert_eq!(
        sample(
            &samples,
            &format!(r#"nodal_http_request_duration_seconds_count{{{route}}}"#)
        ),
        3.0
    );
    assert_eq!(
        sample(
            &samples,
            &format!(r#"nodal_http_request_duration_seconds_bucket{{{route},le="+Inf"}}"#)
        ),
        3.0
    );
    assert_eq!(
        sample(&samples, "nodal_http_requests_in_flight"),
        1.0,
        "the scrape itself"
    );
    assert!(sample(&samples, "nodal_db_pool_connections") >= 1.0);
    assert!(sample(&samples, "nodal_db_pool_max_connections") >= 1.0);
    for series in [
        "nodal_db_pool_idle_connections",
        "nodal_db_pool_checkouts_total",
        "nodal_db_pool_wait_seconds_total",
        "nodal_db_pool_timeouts_total",
        "nodal_cache_shared_tier_errors_total",
        "nodal_uptime_seconds",
    ] {
        sample(&samples, series);
    }
    let kind = r#"{kind="pvt.bubble_point"}"#;
    assert_eq!(
        sample(&samples, &format!("nodal_cache_hits_total{kind}")),
        2.0
    );
    assert_eq!(
        sample(&samples, &format!("nodal_cache_misses_total{kind}")),
        1.0
    );
    assert_eq!(sample(&samples, &format!("nodal_cache_entries{kind}")), 1.0);
    assert!(sample(&samples, &format!("nodal_cache_bytes{kind}")) > 0.0);
    assert!((sample(&samples, &format!("nodal_cache_hit_ratio{kind}")) - 2.0 / 3.0).abs() < 1e-9);
    for series in [
        "nodal_cache_insertions_total",
        "nodal_cache_evictions_total",
        "nodal_cache_expirations_total",
        "nodal_cache_coalesced_total",
        "nodal_cache_failures_total",
        "nodal_cache_compute_seconds_saved_total",
    ] {
        sample(&samples, &format!("{series}{kind}"));
    }
    assert_eq!(sample(&samples, "nodal_cache_enabled"), 1.0);
    assert_eq!(
        sample(
            &samples,
            &format!("nodal_calculation_duration_seconds_count{kind}")
        ),
        1.0
    );
    assert!(text.contains("nodal_build_info{version=\""));
}

#[actix_web::test]
async fn metrics_move_to_their_own_listener_when_a_port_is_set() {
    let mut settings = settings(Environment::Test);
    settings.metrics.port = Some(9464);
    let (_db, state, app) = app_with(settings).await;
    let response =
        test::call_service(&app, test::TestRequest::get().uri("/metrics").to_request()).await;
    assert_problem(&response, 404);

    let metrics = test::init_service(nodal_http::metrics_app(state)).await;
    let response = test::call_service(
        &metrics,
        test::TestRequest::get().uri("/metrics").to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let text = String::from_utf8(test::read_body(response).await.to_vec()).unwrap();
    assert!(!parse_prometheus(&text).is_empty());

    let mut off = crate::common::settings(Environment::Test);
    off.metrics.enabled = false;
    let (_db, _state, app) = app_with(off).await;
    let response =
        test::call_service(&app, test::TestRequest::get().uri("/metrics").to_request()).await;
    assert_problem(&response, 404);
}

#[actix_web::test]
async fn cache_administration_is_for_admins_only() {
    let (_db, state, app) = app_with(settings(Environment::Test)).await;
    let engineer = signed_in(&state, Role::Engineer).await;
    let viewer = signed_in(&state, Role::Viewer).await;
    let admin = signed_in(&state, Role::Admin).await;
    let body = json!({"fluid": fluid(), "temperature_degf": 180.0});
    send(
        &app,
        &engineer.bearer(),
        "/api/v1/pvt/bubble-point",
        &body,
        None,
    )
    .await;
    send(
        &app,
        &engineer.bearer(),
        "/api/v1/pvt/bubble-point",
        &body,
        None,
    )
    .await;

    for method in [
        actix_web::http::Method::GET,
        actix_web::http::Method::DELETE,
    ] {
        let request = || {
            test::TestRequest::default()
                .method(method.clone())
                .uri("/api/v1/admin/cache")
        };
        let response = test::call_service(&app, request().to_request()).await;
        assert_problem(&response, 401);
        for user in [&engineer, &viewer] {
            let response =
                test::call_service(&app, request().insert_header(user.bearer()).to_request()).await;
            assert_problem(&response, 403);
        }
    }
    assert_eq!(
        state.cache.stats().entries,
        1,
        "refused calls change nothing"
    );

    let response = test::call_service(
        &app,
        test::TestRequest::get()
            .uri("/api/v1/admin/cache")
            .insert_header(admin.bearer())
            .to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let stats = body_json(response).await;
    assert_eq!(stats["enabled"], true);
    assert_eq!(stats["entries"], 1);
    assert_eq!(stats["max_entries"], 10_000);
    let kind = &stats["kinds"][0];
    assert_eq!(kind["kind"], "pvt.bubble_point");
    assert_eq!(
        (kind["hits"].as_u64(), kind["misses"].as_u64()),
        (Some(1), Some(1))
    );
    assert!((kind["hit_ratio"].as_f64().unwrap() - 0.5).abs() < 1e-12);
    assert!(kind["bytes"].as_u64().unwrap() > 0);

    let response = test::call_service(
        &app,
        test::TestRequest::delete()
            .uri("/api/v1/admin/cache")
            .insert_header(admin.bearer())
            .to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let after = body_json(response).await;
    assert_eq!(
        (after["entries"].as_u64(), after["bytes"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(after["kinds"][0]["hits"], 1, "counters survive a clear");
    let (_, x_cache, _, _) = send(
        &app,
        &engineer.bearer(),
        "/api/v1/pvt/bubble-point",
        &body,
        None,
    )
    .await;
    assert_eq!(
        x_cache.as_deref(),
        Some("miss"),
        "the clear emptied the cache"
    );

    let response = test::call_service(
        &app,
        test::TestRequest::get()
            .uri("/api/v1/admin/audit-events?kind=cache_cleared")
            .insert_header(admin.bearer())
            .to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let events = body_json(response).await;
    assert_eq!(events["total"], 1, "{events}");
    assert_eq!(events["items"][0]["user_id"], admin.user_id.to_string());
    assert_eq!(events["items"][0]["detail"]["entries"], 1);
}
