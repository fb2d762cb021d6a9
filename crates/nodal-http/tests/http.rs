//! The real application, driven in-process: probes, problem details for every error class,
//! security headers, gzip, CORS, documentation visibility and panic containment.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{StatusCode, header};
use actix_web::middleware::from_fn;
use actix_web::{App, HttpResponse, test, web};
use nodal_http::settings::{Environment, Secret};
use nodal_http::{AppState, Settings, build_app};
use nodal_store::test_support::TestDatabase;
use serde_json::Value;

fn settings(environment: Environment) -> Settings {
    let mut settings = Settings {
        environment,
        ..Settings::default()
    };
    settings.auth.jwt_secret = Secret::new("a7f3c9e1b5d2f8a4c6e0b3d9f1a5c7e2b4d6f8a0c2e4");
    settings
}

fn state(db: &TestDatabase, settings: Settings) -> AppState {
    AppState::new(settings, db.pool().clone())
}

async fn body_json(response: ServiceResponse<impl MessageBody>) -> Value {
    let bytes = test::read_body(response).await;
    serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        panic!(
            "body is not JSON ({e}): {}",
            String::from_utf8_lossy(&bytes)
        )
    })
}

fn header_str<B>(response: &ServiceResponse<B>, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
}

fn assert_problem<B>(response: &ServiceResponse<B>, status: u16) {
    assert_eq!(response.status().as_u16(), status);
    assert_eq!(
        header_str(response, "content-type").as_deref(),
        Some("application/problem+json")
    );
    assert!(header_str(response, "x-request-id").is_some());
}

#[actix_web::test]
async fn liveness_and_service_identity() {
    let db = TestDatabase::sqlite();
    let app = test::init_service(build_app(state(&db, settings(Environment::Test)))).await;

    let response = test::call_service(
        &app,
        test::TestRequest::get().uri("/health/live").to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(body_json(response).await["status"], "ok");

    let response =
        test::call_service(&app, test::TestRequest::get().uri("/api/v1").to_request()).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body = body_json(response).await;
    assert_eq!(body["name"], "nodal");
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
}

async fn readiness(db: &TestDatabase) -> ServiceResponse<impl MessageBody> {
    let app = test::init_service(build_app(state(db, settings(Environment::Test)))).await;
    test::call_service(
        &app,
        test::TestRequest::get().uri("/health/ready").to_request(),
    )
    .await
}

#[actix_web::test]
async fn ready_when_migrated_on_sqlite_and_postgres() {
    let db = TestDatabase::sqlite();
    let response = readiness(&db).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(body_json(response).await["status"], "ready");
    if let Some(db) = TestDatabase::postgres() {
        let response = readiness(&db).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
}

#[actix_web::test]
async fn not_ready_with_pending_migrations() {
    let db = TestDatabase::sqlite_unmigrated();
    let response = readiness(&db).await;
    assert_problem(&response, 503);
    if let Some(db) = TestDatabase::postgres_unmigrated() {
        assert_problem(&readiness(&db).await, 503);
    }
}

#[actix_web::test]
async fn not_ready_when_the_database_is_down() {
    // A pool whose server refuses connections: what readiness sees when PostgreSQL is down.
    let db_settings = nodal_store::DatabaseSettings {
        connect_timeout_secs: 1,
        ..nodal_store::DatabaseSettings::with_url("postgres://nodal@127.0.0.1:1/nodal")
    };
    let pool = r2d2::Pool::builder()
        .max_size(1)
        .min_idle(Some(0))
        .connection_timeout(std::time::Duration::from_secs(1))
        .build_unchecked(nodal_store::DbConnectionManager::new(&db_settings).unwrap());
    let app = test::init_service(build_app(AppState::new(settings(Environment::Test), pool))).await;
    let response = test::call_service(
        &app,
        test::TestRequest::get().uri("/health/ready").to_request(),
    )
    .await;
    assert_problem(&response, 503);
    let body = body_json(response).await;
    assert_eq!(body["status"], 503);
    assert!(
        !body["detail"].as_str().unwrap().contains("127.0.0.1"),
        "{body}"
    );

    // Liveness does not depend on the database.
    let response = test::call_service(
        &app,
        test::TestRequest::get().uri("/health/live").to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[actix_web::test]
async fn unknown_routes_are_problem_404s_with_the_request_id() {
    let db = TestDatabase::sqlite();
    let app = test::init_service(build_app(state(&db, settings(Environment::Test)))).await;
    let response = test::call_service(
        &app,
        test::TestRequest::get()
            .uri("/api/v1/no-such-thing")
            .insert_header(("x-request-id", "trace-42"))
            .to_request(),
    )
    .await;
    assert_problem(&response, 404);
    assert_eq!(
        header_str(&response, "x-request-id").as_deref(),
        Some("trace-42")
    );
    let body = body_json(response).await;
    assert_eq!(body["type"], "https://nodal.dev/problems/not-found");
    assert_eq!(body["title"], "Not found");
    assert_eq!(body["status"], 404);
    assert_eq!(body["request_id"], "trace-42");
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("/api/v1/no-such-thing")
    );
}

#[actix_web::test]
async fn every_response_carries_security_headers_and_timing() {
    let db = TestDatabase::sqlite();
    let app = test::init_service(build_app(state(&db, settings(Environment::Development)))).await;
    for uri in ["/health/live", "/api/v1", "/nowhere"] {
        let response =
            test::call_service(&app, test::TestRequest::get().uri(uri).to_request()).await;
        assert_eq!(
            header_str(&response, "x-content-type-options").as_deref(),
            Some("nosniff"),
            "{uri}"
        );
        assert_eq!(
            header_str(&response, "x-frame-options").as_deref(),
            Some("DENY"),
            "{uri}"
        );
        assert_eq!(
            header_str(&response, "referrer-policy").as_deref(),
            Some("no-referrer"),
            "{uri}"
        );
        let csp = header_str(&response, "content-security-policy").unwrap();
        assert!(csp.starts_with("default-src 'none'"), "{uri}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{uri}: {csp}");
        assert!(
            header_str(&response, "x-response-time")
                .unwrap()
                .ends_with("ms")
        );
        assert!(header_str(&response, "x-request-id").is_some());
        assert!(
            header_str(&response, "strict-transport-security").is_none(),
            "no HSTS in development"
        );
    }
}

#[actix_web::test]
async fn production_sends_hsts_and_hides_the_docs() {
    let db = TestDatabase::sqlite();
    let app = test::init_service(build_app(state(&db, settings(Environment::Production)))).await;
    let response = test::call_service(
        &app,
        test::TestRequest::get().uri("/health/live").to_request(),
    )
    .await;
    assert_eq!(
        header_str(&response, "strict-transport-security").as_deref(),
        Some("max-age=31536000; includeSubDomains")
    );
    for uri in ["/api/v1/openapi.json", "/docs/"] {
        let response =
            test::call_service(&app, test::TestRequest::get().uri(uri).to_request()).await;
        assert_problem(&response, 404);
    }

    let mut public = settings(Environment::Production);
    public.docs.public = Some(true);
    let app = test::init_service(build_app(state(&db, public))).await;
    let response = test::call_service(
        &app,
        test::TestRequest::get()
            .uri("/api/v1/openapi.json")
            .to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[actix_web::test]
async fn docs_are_served_in_development_with_their_own_csp() {
    let db = TestDatabase::sqlite();
    let app = test::init_service(build_app(state(&db, settings(Environment::Development)))).await;
    let response =
        test::call_service(&app, test::TestRequest::get().uri("/docs/").to_request()).await;
    assert_eq!(response.status(), StatusCode::OK);
    let csp = header_str(&response, "content-security-policy").unwrap();
    assert!(csp.contains("script-src 'self'"), "{csp}");

    let response = test::call_service(
        &app,
        test::TestRequest::get()
            .uri("/api/v1/openapi.json")
            .to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let document = body_json(response).await;
    assert_eq!(
        document,
        serde_json::to_value(nodal_http::openapi()).unwrap()
    );
    for path in ["/health/live", "/health/ready", "/api/v1"] {
        assert!(
            document["paths"][path]["get"].is_object(),
            "{path} missing from OpenAPI"
        );
    }
}

#[actix_web::test]
async fn large_responses_are_gzipped_small_ones_are_not() {
    let db = TestDatabase::sqlite();
    let app = test::init_service(build_app(state(&db, settings(Environment::Development)))).await;
    let response = test::call_service(
        &app,
        test::TestRequest::get()
            .uri("/api/v1/openapi.json")
            .insert_header((header::ACCEPT_ENCODING, "gzip"))
            .to_request(),
    )
    .await;
    assert_eq!(
        header_str(&response, "content-encoding").as_deref(),
        Some("gzip")
    );
    let compressed = test::read_body(response).await;
    let plain = serde_json::to_vec(&nodal_http::openapi()).unwrap();
    assert!(
        compressed.len() < plain.len() / 2,
        "{} vs {}",
        compressed.len(),
        plain.len()
    );

    let response = test::call_service(
        &app,
        test::TestRequest::get()
            .uri("/health/live")
            .insert_header((header::ACCEPT_ENCODING, "gzip"))
            .to_request(),
    )
    .await;
    assert!(header_str(&response, "content-encoding").is_none());

    let response = test::call_service(
        &app,
        test::TestRequest::get()
            .uri("/api/v1/openapi.json")
            .to_request(),
    )
    .await;
    assert!(
        header_str(&response, "content-encoding").is_none(),
        "no gzip unless asked"
    );
}

#[actix_web::test]
async fn cors_allows_only_configured_origins() {
    let db = TestDatabase::sqlite();
    let mut configured = settings(Environment::Test);
    configured.cors.allowed_origins = vec!["https://app.example.com".into()];
    let app = test::init_service(build_app(state(&db, configured))).await;

    let preflight = |origin: &'static str| {
        test::TestRequest::default()
            .method(actix_web::http::Method::OPTIONS)
            .uri("/api/v1")
            .insert_header((header::ORIGIN, origin))
            .insert_header((header::ACCESS_CONTROL_REQUEST_METHOD, "GET"))
            .to_request()
    };
    let response = test::call_service(&app, preflight("https://app.example.com")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header_str(&response, "access-control-allow-origin").as_deref(),
        Some("https://app.example.com")
    );

    let response = app.call(preflight("https://evil.example.net")).await;
    match response {
        Ok(response) => {
            assert!(response.status().is_client_error());
            assert!(header_str(&response, "access-control-allow-origin").is_none());
        }
        Err(error) => assert!(error.as_response_error().status_code().is_client_error()),
    }
}

/// A small app with the production middleware and extractor configuration around test
/// handlers, for failure classes no foundation route can produce on demand.
mod failure_classes {
    use super::*;
    use nodal_http::ApiError;
    use nodal_http::middleware::observe;

    #[derive(serde::Deserialize)]
    struct Body {
        #[allow(dead_code)]
        pressure_psia: f64,
    }

    async fn echo(_: web::Json<Body>) -> HttpResponse {
        HttpResponse::NoContent().finish()
    }

    async fn boom() -> HttpResponse {
        panic!("deliberate test panic");
    }

    async fn unavailable() -> Result<HttpResponse, ApiError> {
        Err(nodal_store::StoreError::Unavailable("pool timed out".into()).into())
    }

    async fn conflict() -> Result<HttpResponse, ApiError> {
        Err(nodal_store::StoreError::Conflict {
            entity: "organization".into(),
            field: "slug".into(),
        }
        .into())
    }

    async fn internal() -> Result<HttpResponse, ApiError> {
        Err(ApiError::Internal(
            "secret connection string postgres://u:pw@db".into(),
        ))
    }

    async fn limited() -> Result<HttpResponse, ApiError> {
        Err(ApiError::RateLimited {
            detail: "too many attempts".into(),
            retry_after_secs: 30,
        })
    }

    async fn service() -> impl Service<
        actix_http::Request,
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
    > {
        test::init_service(
            App::new()
                .configure(nodal_http::app::configure_extractors(1024))
                .route("/echo", web::post().to(echo))
                .route("/boom", web::get().to(boom))
                .route("/unavailable", web::get().to(unavailable))
                .route("/conflict", web::get().to(conflict))
                .route("/internal", web::get().to(internal))
                .route("/limited", web::get().to(limited))
                .wrap(from_fn(observe)),
        )
        .await
    }

    fn post(body: &'static str, content_type: &'static str) -> actix_http::Request {
        test::TestRequest::post()
            .uri("/echo")
            .insert_header((header::CONTENT_TYPE, content_type))
            .set_payload(body)
            .to_request()
    }

    #[actix_web::test]
    async fn body_errors_map_to_400_415_422_and_413() {
        let app = service().await;
        let response =
            test::call_service(&app, post(r#"{"pressure_psia": 1000}"#, "application/json")).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);

        let response =
            test::call_service(&app, post(r#"{"pressure_psia": "#, "application/json")).await;
        assert_problem(&response, 400);

        let response =
            test::call_service(&app, post(r#"{"pressure_psia": 1000}"#, "text/plain")).await;
        assert_problem(&response, 415);

        let response = test::call_service(
            &app,
            post(r#"{"pressure_psia": "high"}"#, "application/json"),
        )
        .await;
        assert_problem(&response, 422);
        let body = body_json(response).await;
        assert!(
            body["detail"].as_str().unwrap().contains("invalid type"),
            "{body}"
        );

        let big = Box::leak(
            format!(
                r#"{{"pressure_psia": 1000, "pad": "{}"}}"#,
                "x".repeat(4096)
            )
            .into_boxed_str(),
        );
        let response = test::call_service(&app, post(big, "application/json")).await;
        assert_problem(&response, 413);
    }

    #[actix_web::test]
    async fn bad_query_and_path_parameters_are_400() {
        #[derive(serde::Deserialize)]
        struct Query {
            #[allow(dead_code)]
            limit: u32,
        }
        async fn paged(_: web::Query<Query>) -> HttpResponse {
            HttpResponse::Ok().finish()
        }
        async fn by_id(_: web::Path<u64>) -> HttpResponse {
            HttpResponse::Ok().finish()
        }
        let app = test::init_service(
            App::new()
                .configure(nodal_http::app::configure_extractors(1024))
                .route("/paged", web::get().to(paged))
                .route("/items/{id}", web::get().to(by_id))
                .wrap(from_fn(observe)),
        )
        .await;
        let response = test::call_service(
            &app,
            test::TestRequest::get()
                .uri("/paged?limit=lots")
                .to_request(),
        )
        .await;
        assert_problem(&response, 400);
        let response = test::call_service(
            &app,
            test::TestRequest::get().uri("/items/abc").to_request(),
        )
        .await;
        assert_problem(&response, 400);
    }

    #[actix_web::test]
    async fn a_panic_is_a_500_with_the_request_id_and_the_worker_keeps_serving() {
        let app = service().await;
        let response = app
            .call(
                test::TestRequest::get()
                    .uri("/boom")
                    .insert_header(("x-request-id", "panic-1"))
                    .to_request(),
            )
            .await;
        let error = match response {
            Ok(response) => panic!("expected the contained failure, got {}", response.status()),
            Err(error) => error,
        };
        let response = error.error_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(response.headers().get("x-request-id").unwrap(), "panic-1");
        assert_eq!(
            response.headers().get("x-content-type-options").unwrap(),
            "nosniff"
        );
        let bytes = actix_web::body::to_bytes(response.into_body())
            .await
            .unwrap();
        let body: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(body["status"], 500);
        assert_eq!(body["request_id"], "panic-1");
        assert!(!body["detail"].as_str().unwrap().contains("deliberate"));

        let response =
            test::call_service(&app, post(r#"{"pressure_psia": 1}"#, "application/json")).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
    }

    #[actix_web::test]
    async fn storage_and_domain_errors_map_once() {
        let app = service().await;
        let response = test::call_service(
            &app,
            test::TestRequest::get().uri("/unavailable").to_request(),
        )
        .await;
        assert_problem(&response, 503);

        let response =
            test::call_service(&app, test::TestRequest::get().uri("/conflict").to_request()).await;
        assert_problem(&response, 409);
        let body = body_json(response).await;
        assert_eq!(body["errors"][0]["field"], "slug");

        let response =
            test::call_service(&app, test::TestRequest::get().uri("/internal").to_request()).await;
        assert_problem(&response, 500);
        let body = body_json(response).await;
        assert!(!body.to_string().contains("pw@db"), "{body}");
        assert!(body["request_id"].is_string());

        let response =
            test::call_service(&app, test::TestRequest::get().uri("/limited").to_request()).await;
        assert_problem(&response, 429);
        assert_eq!(header_str(&response, "retry-after").as_deref(), Some("30"));
    }
}

/// The PVT API: numbers match the engine, every method is named, bad input names the field.
mod pvt {
    use super::*;
    use nodal_core::pvt::fluid::{BlackOilFluid, FluidDescription};
    use nodal_core::pvt::gas::Impurities;
    use nodal_core::pvt::recommend::recommend;
    use serde_json::json;

    async fn post_json(uri: &str, body: Value) -> (StatusCode, Value) {
        let db = TestDatabase::sqlite();
        let app = test::init_service(build_app(state(&db, settings(Environment::Test)))).await;
        let response = test::call_service(
            &app,
            test::TestRequest::post()
                .uri(uri)
                .set_json(body)
                .to_request(),
        )
        .await;
        let status = response.status();
        (status, body_json(response).await)
    }

    fn fluid() -> Value {
        json!({"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 600.0, "water_salinity_wt_pct": 3.0})
    }

    fn error_fields(body: &Value) -> Vec<String> {
        body["errors"]
            .as_array()
            .unwrap_or_else(|| panic!("no errors list: {body}"))
            .iter()
            .map(|e| e["field"].as_str().unwrap().to_string())
            .collect()
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
            // The API serializes the engine's numbers; JSON round-trips f64 exactly.
            assert_eq!(
                point["oil_fvf_rb_stb"].as_f64().unwrap(),
                expected.oil_fvf_rb_stb
            );
            assert_eq!(point["z_factor"].as_f64().unwrap(), expected.z_factor);
            assert_eq!(
                point["solution_gor_scf_stb"].as_f64().unwrap(),
                expected.solution_gor_scf_stb
            );
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

    #[actix_web::test]
    async fn methods_catalogue_lists_variants_ranges_and_sources() {
        let db = TestDatabase::sqlite();
        let app = test::init_service(build_app(state(&db, settings(Environment::Test)))).await;
        let response = test::call_service(
            &app,
            test::TestRequest::get()
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
}
