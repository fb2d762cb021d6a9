//! The service shell: probes, problem details for every error class, security headers, gzip,
//! CORS, documentation visibility and panic containment.

use crate::common::*;

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

/// A large error body is rebuilt as problem details after the compression middleware ran:
/// it must not keep a `Content-Encoding: gzip` that no longer describes it.
#[actix_web::test]
async fn large_error_bodies_are_not_labelled_gzip() {
    let db = TestDatabase::sqlite();
    let app = test::init_service(build_app(state(&db, settings(Environment::Test)))).await;
    let path = format!("/api/v1/{}", "x".repeat(2_000));
    let response = test::call_service(
        &app,
        test::TestRequest::get()
            .uri(&path)
            .insert_header((header::ACCEPT_ENCODING, "gzip"))
            .to_request(),
    )
    .await;
    assert_problem(&response, 404);
    let encoding = header_str(&response, "content-encoding");
    let body = test::read_body(response).await;
    assert!(
        body.len() > 1_024,
        "the body must be large enough to compress"
    );
    let problem: Value = match encoding.as_deref() {
        None | Some("identity") => serde_json::from_slice(&body).unwrap(),
        Some(other) => panic!("a plain error body labelled {other}"),
    };
    assert_eq!(problem["status"], 404);
}

/// A 100 KB string where a number belongs is named, not echoed back whole.
#[actix_web::test]
async fn long_wrong_values_are_named_not_echoed() {
    let (status, body) = post_json(
        "/api/v1/pvt/bubble-point",
        serde_json::json!({
            "fluid": {"oil_api": "x".repeat(100_000), "gas_sg": 0.75, "gor_scf_stb": 600.0},
            "temperature_degf": 180.0
        }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["field"], "fluid.oil_api");
    let size = body.to_string().len();
    assert!(size < 2_000, "{size} bytes of problem details");
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

    async fn boom_blocking() -> Result<HttpResponse, ApiError> {
        nodal_http::error::run_blocking(|| -> u32 { panic!("deliberate blocking panic") }).await?;
        Ok(HttpResponse::NoContent().finish())
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
                .route("/boom-blocking", web::get().to(boom_blocking))
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

    /// A calculation runs on the blocking pool; its panic used to come back as a 503 ("the
    /// server is shutting down or overloaded"), inviting a retry of the same failing request.
    #[actix_web::test]
    async fn a_panic_on_the_blocking_pool_is_a_500_not_a_503() {
        let app = service().await;
        let response = test::call_service(
            &app,
            test::TestRequest::get()
                .uri("/boom-blocking")
                .insert_header(("x-request-id", "panic-2"))
                .to_request(),
        )
        .await;
        assert_problem(&response, 500);
        let body = body_json(response).await;
        assert_eq!(body["request_id"], "panic-2");
        assert!(!body["detail"].as_str().unwrap().contains("deliberate"));
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
