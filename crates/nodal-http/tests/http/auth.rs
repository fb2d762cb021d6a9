//! Accounts and security: sign-in, token verification, refresh rotation and reuse, sign-out,
//! cookies with CSRF, rate limits, lockout, and that every non-public route needs a user.

use std::sync::Arc;

use actix_web::cookie::Cookie;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Duration;
use nodal_auth::{AccessClaims, Clock as _, JwtCodec, KeyRing, TestClock, TokenCodec};
use nodal_store::accounts::audit;
use nodal_store::accounts::users::{self, NewUser};
use nodal_store::{NewOrganization, Page, organizations};
use serde_json::json;

use crate::common::*;

const SECRET: &str = "a7f3c9e1b5d2f8a4c6e0b3d9f1a5c7e2b4d6f8a0c2e4";
const PASSWORD: &str = "sandface-drawdown-1979";

fn test_state(db: &TestDatabase, clock: &TestClock) -> AppState {
    state(db, settings(Environment::Test)).with_clock(Arc::new(clock.clone()))
}

fn new_org(state: &AppState) -> Uuid {
    let slug = format!("org-{}", Uuid::new_v4().simple());
    let mut conn = state.pool.get().unwrap();
    organizations::create(
        &mut conn,
        &NewOrganization {
            name: &slug,
            slug: &slug,
        },
    )
    .unwrap()
    .id
}

/// A user with a password, in a new organization; returns (org, user, email).
fn user_with_password(state: &AppState, role: Role) -> (Uuid, Uuid, String) {
    let org = new_org(state);
    let email = format!("Jane.{}@Example.com", Uuid::new_v4().simple());
    let hash = state.auth.hasher().hash(PASSWORD).unwrap();
    let mut conn = state.pool.get().unwrap();
    let user = users::create(
        &mut conn,
        &NewUser {
            organization_id: org,
            email: &email,
            role: role.as_str(),
            password_hash: Some(&hash),
        },
        state.auth.now(),
    )
    .unwrap();
    (org, user.id, email)
}

fn login_request(email: &str, password: &str) -> test::TestRequest {
    test::TestRequest::post()
        .uri("/api/v1/auth/login")
        .set_json(json!({"email": email, "password": password}))
}

fn me(token: &str) -> actix_http::Request {
    test::TestRequest::get()
        .uri("/api/v1/auth/me")
        .insert_header((header::AUTHORIZATION, format!("Bearer {token}")))
        .to_request()
}

fn audit_kinds(state: &AppState, org: Uuid) -> Vec<String> {
    let mut conn = state.pool.get().unwrap();
    audit::list(&mut conn, org, None, Page::default())
        .unwrap()
        .items
        .into_iter()
        .map(|e| e.kind)
        .collect()
}

fn pvt_body() -> Value {
    json!({
        "fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 600.0},
        "points": [{"pressure_psia": 2000.0, "temperature_degf": 180.0}]
    })
}

backend_test!(async fn login_returns_tokens_that_open_the_api(db) {
    let clock = TestClock::starting_now();
    let state = test_state(&db, &clock);
    let (org, user, email) = user_with_password(&state, Role::Engineer);
    let app = test::init_service(build_app(state.clone())).await;
    // Any case of the email signs in.
    let response =
        test::call_service(&app, login_request(&email.to_uppercase(), PASSWORD).to_request()).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body = body_json(response).await;
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in_secs"], 900);
    assert_eq!(body["user"]["role"], "engineer");
    assert_eq!(body["refresh_token"].as_str().unwrap().len(), 43);
    let access = body["access_token"].as_str().unwrap().to_owned();

    let response = test::call_service(&app, me(&access)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body = body_json(response).await;
    assert_eq!(body["user"]["id"], user.to_string());
    assert_eq!(body["organization_id"], org.to_string());

    let response = test::call_service(
        &app,
        test::TestRequest::post()
            .uri("/api/v1/pvt/properties")
            .insert_header((header::AUTHORIZATION, format!("Bearer {access}")))
            .set_json(pvt_body())
            .to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(audit_kinds(&state, org), ["login_succeeded"]);
});

backend_test!(async fn unknown_email_and_wrong_password_get_the_same_answer(db) {
    let clock = TestClock::starting_now();
    let state = test_state(&db, &clock);
    let (org, _, email) = user_with_password(&state, Role::Viewer);
    let app = test::init_service(build_app(state.clone())).await;
    let wrong = test::call_service(&app, login_request(&email, "not-the-password-1").to_request()).await;
    assert_problem(&wrong, 401);
    let wrong = body_json(wrong).await;
    let unknown = test::call_service(
        &app,
        login_request("nobody@example.com", "not-the-password-1").to_request(),
    )
    .await;
    assert_problem(&unknown, 401);
    let unknown = body_json(unknown).await;
    assert_eq!(wrong["detail"], unknown["detail"]);
    assert_eq!(wrong["title"], unknown["title"]);
    assert_eq!(audit_kinds(&state, org), ["login_failed"]);
});

/// Signs `claims` with `secret` for `audience`.
fn forge(secret: &str, audience: &str, claims: &AccessClaims) -> String {
    JwtCodec::new(
        KeyRing::new(secret.as_bytes(), &[]).unwrap(),
        "nodal",
        audience,
        Duration::seconds(30),
    )
    .issue(claims)
    .unwrap()
}

#[actix_web::test]
async fn tampered_unsigned_expired_foreign_and_unknown_key_tokens_are_refused() {
    let db = TestDatabase::sqlite();
    let clock = TestClock::starting_now();
    let state = test_state(&db, &clock);
    let session = signed_in(&state, Role::Viewer).await;
    let app = test::init_service(build_app(state.clone())).await;
    let status = |token: String| {
        let app = &app;
        async move { test::call_service(app, me(&token)).await.status() }
    };
    assert_eq!(status(session.access_token.clone()).await, StatusCode::OK);

    let parts: Vec<&str> = session.access_token.split('.').collect();
    let mut payload: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    payload["role"] = "admin".into();
    let tampered = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(payload.to_string()),
        parts[2]
    );
    assert_eq!(status(tampered).await, StatusCode::UNAUTHORIZED, "tampered");

    let mut header: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
    header["alg"] = "none".into();
    let unsigned = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        parts[1]
    );
    assert_eq!(status(unsigned).await, StatusCode::UNAUTHORIZED, "alg none");

    let claims = AccessClaims {
        user_id: session.user_id,
        org_id: session.org_id,
        role: Role::Viewer,
        session_id: session.session_id,
        token_id: Uuid::new_v4(),
        issued_at: clock.now(),
        expires_at: clock.now() + Duration::minutes(15),
    };
    assert_eq!(
        status(forge(SECRET, "nodal-api", &claims)).await,
        StatusCode::OK
    );
    assert_eq!(
        status(forge(SECRET, "another-api", &claims)).await,
        StatusCode::UNAUTHORIZED,
        "wrong audience"
    );
    assert_eq!(
        status(forge(
            "an-entirely-different-signing-key-0123",
            "nodal-api",
            &claims
        ))
        .await,
        StatusCode::UNAUTHORIZED,
        "unknown key id"
    );
    assert_eq!(
        status(String::new()).await,
        StatusCode::UNAUTHORIZED,
        "empty"
    );

    clock.advance(Duration::minutes(16));
    assert_eq!(
        status(session.access_token.clone()).await,
        StatusCode::UNAUTHORIZED,
        "expired"
    );
}

#[actix_web::test]
async fn a_previous_secret_keeps_verifying_after_rotation() {
    let db = TestDatabase::sqlite();
    let old = state(&db, settings(Environment::Test));
    let session = signed_in(&old, Role::Viewer).await;
    let mut rotated = settings(Environment::Test);
    rotated.auth.jwt_secret = Secret::new("5e0d2c8a9b7f41e3a6d4c2b0e8f6a4c2d0b8e6f4a2c0");
    rotated.auth.jwt_previous_secrets = vec![Secret::new(SECRET)];
    let app = test::init_service(build_app(state(&db, rotated))).await;
    let response = test::call_service(&app, me(&session.access_token)).await;
    assert_eq!(response.status(), StatusCode::OK);
}

async fn refresh(
    app: &impl Service<
        actix_http::Request,
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
    >,
    token: &str,
) -> ServiceResponse<impl MessageBody> {
    test::call_service(
        app,
        test::TestRequest::post()
            .uri("/api/v1/auth/refresh")
            .set_json(json!({"refresh_token": token}))
            .to_request(),
    )
    .await
}

backend_test!(async fn refresh_rotates_and_reuse_revokes_the_whole_session(db) {
    let clock = TestClock::starting_now();
    let state = test_state(&db, &clock);
    let session = signed_in(&state, Role::Engineer).await;
    let app = test::init_service(build_app(state.clone())).await;

    let first = refresh(&app, &session.refresh_token).await;
    assert_eq!(first.status(), StatusCode::OK);
    let first = body_json(first).await;
    let second_refresh = first["refresh_token"].as_str().unwrap().to_owned();
    let second_access = first["access_token"].as_str().unwrap().to_owned();
    assert_ne!(second_refresh, session.refresh_token);
    assert_eq!(first["session_id"], session.session_id.to_string());
    assert_eq!(test::call_service(&app, me(&second_access)).await.status(), StatusCode::OK);

    // The rotated token comes back: stolen. The whole family ends.
    let reuse = refresh(&app, &session.refresh_token).await;
    assert_problem(&reuse, 401);
    assert_eq!(refresh(&app, &second_refresh).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        test::call_service(&app, me(&second_access)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert!(audit_kinds(&state, session.org_id).contains(&"refresh_reuse".to_string()));
    assert_eq!(refresh(&app, "made-up").await.status(), StatusCode::UNAUTHORIZED);
});

backend_test!(async fn refresh_tokens_expire(db) {
    let clock = TestClock::starting_now();
    let state = test_state(&db, &clock);
    let session = signed_in(&state, Role::Engineer).await;
    let app = test::init_service(build_app(state.clone())).await;
    clock.advance(Duration::days(14) + Duration::seconds(1));
    assert_eq!(refresh(&app, &session.refresh_token).await.status(), StatusCode::UNAUTHORIZED);
});

backend_test!(async fn logout_ends_the_session_at_once_and_logout_all_ends_every_one(db) {
    let clock = TestClock::starting_now();
    let state = test_state(&db, &clock);
    let first = signed_in(&state, Role::Engineer).await;
    let app = test::init_service(build_app(state.clone())).await;
    // Warm the session-check cache: revocation must still apply at once on this replica.
    assert_eq!(test::call_service(&app, me(&first.access_token)).await.status(), StatusCode::OK);
    let response = test::call_service(
        &app,
        test::TestRequest::post()
            .uri("/api/v1/auth/logout")
            .insert_header(first.bearer())
            .to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        test::call_service(&app, me(&first.access_token)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(refresh(&app, &first.refresh_token).await.status(), StatusCode::UNAUTHORIZED);

    // Two more sessions of one user: logout-all from one ends both.
    let mut conn = state.pool.get().unwrap();
    let user = users::get(&mut conn, first.user_id).unwrap();
    let client = nodal_http::auth::ClientInfo { ip: "192.0.2.9".into(), user_agent: None };
    let a = state.auth.start_session(&mut conn, &user, &client).unwrap();
    let b = state.auth.start_session(&mut conn, &user, &client).unwrap();
    drop(conn);
    let response = test::call_service(
        &app,
        test::TestRequest::post()
            .uri("/api/v1/auth/logout-all")
            .insert_header((header::AUTHORIZATION, format!("Bearer {}", a.access_token)))
            .to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    for token in [&a.access_token, &b.access_token] {
        assert_eq!(test::call_service(&app, me(token)).await.status(), StatusCode::UNAUTHORIZED);
    }
    let kinds = audit_kinds(&state, first.org_id);
    assert!(kinds.contains(&"logout".to_string()) && kinds.contains(&"logout_all".to_string()));
});

#[actix_web::test]
async fn a_session_revoked_elsewhere_is_refused_within_five_seconds() {
    let db = TestDatabase::sqlite();
    let clock = TestClock::starting_now();
    // Two replicas over one database.
    let replica_a = test_state(&db, &clock);
    let replica_b = test_state(&db, &clock);
    let session = signed_in(&replica_a, Role::Viewer).await;
    let app_b = test::init_service(build_app(replica_b)).await;
    assert_eq!(
        test::call_service(&app_b, me(&session.access_token))
            .await
            .status(),
        StatusCode::OK
    );
    let mut conn = replica_a.pool.get().unwrap();
    nodal_store::accounts::sessions::revoke(&mut conn, session.session_id, "logout", clock.now())
        .unwrap();
    drop(conn);
    clock.advance(Duration::seconds(5));
    assert_eq!(
        test::call_service(&app_b, me(&session.access_token))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

#[actix_web::test]
async fn dev_token_exists_outside_production_only() {
    let db = TestDatabase::sqlite();
    let development = state(&db, settings(Environment::Development));
    let session = signed_in(&development, Role::Viewer).await;
    let request = || {
        test::TestRequest::post()
            .uri("/api/v1/auth/dev-token")
            .set_json(json!({"email": session.email}))
            .to_request()
    };
    let app = test::init_service(build_app(development.clone())).await;
    let response = test::call_service(&app, request()).await;
    assert_eq!(response.status(), StatusCode::OK);
    let mut production = settings(Environment::Production);
    production.database = development.settings.database.clone();
    let app = test::init_service(build_app(state(&db, production))).await;
    assert_problem(&test::call_service(&app, request()).await, 404);
}

/// Paths anyone may call. Everything else must declare `security` and answer 401 without a
/// token. A route added later is caught here unless it is deliberately listed.
const PUBLIC: [(&str, &str); 8] = [
    ("get", "/health/live"),
    ("get", "/health/ready"),
    ("get", "/api/v1"),
    ("post", "/api/v1/auth/login"),
    ("post", "/api/v1/auth/refresh"),
    ("post", "/api/v1/auth/dev-token"),
    ("post", "/api/v1/auth/register"),
    ("post", "/api/v1/auth/password/set"),
];

#[actix_web::test]
async fn every_other_route_requires_a_signed_in_user() {
    let db = TestDatabase::sqlite();
    let app = test::init_service(build_app(state(&db, settings(Environment::Test)))).await;
    let document = serde_json::to_value(nodal_http::openapi()).unwrap();
    assert!(document["components"]["securitySchemes"]["bearer"].is_object());
    let mut checked = 0;
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            if !["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                continue;
            }
            if PUBLIC.contains(&(method.as_str(), path.as_str())) {
                continue;
            }
            let declared = operation["security"]
                .as_array()
                .is_some_and(|s| s.iter().any(|r| r.get("bearer").is_some()));
            assert!(
                declared,
                "{method} {path} does not declare the bearer security"
            );
            let uri = path
                .split('/')
                .map(|segment| {
                    if segment.starts_with('{') {
                        Uuid::new_v4().to_string()
                    } else {
                        segment.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join("/");
            let request = test::TestRequest::default()
                .method(method.to_uppercase().parse().unwrap())
                .uri(&uri)
                .set_json(json!({}))
                .to_request();
            let response = test::call_service(&app, request).await;
            assert_eq!(
                response.status(),
                StatusCode::UNAUTHORIZED,
                "{method} {uri}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 18, "only {checked} protected operations found");
}

fn cookies_of<B>(response: &ServiceResponse<B>) -> Vec<Cookie<'static>> {
    response
        .response()
        .cookies()
        .map(|c| c.into_owned())
        .collect()
}

fn cookie_named(cookies: &[Cookie<'static>], name: &str) -> Cookie<'static> {
    cookies
        .iter()
        .find(|c| c.name() == name)
        .unwrap_or_else(|| panic!("no {name} cookie in {cookies:?}"))
        .clone()
}

backend_test!(async fn cookies_carry_the_session_and_unsafe_requests_need_the_csrf_header(db) {
    let clock = TestClock::starting_now();
    let state = test_state(&db, &clock);
    let (_, _, email) = user_with_password(&state, Role::Engineer);
    let app = test::init_service(build_app(state.clone())).await;
    let response = test::call_service(
        &app,
        test::TestRequest::post()
            .uri("/api/v1/auth/login")
            .set_json(json!({"email": email, "password": PASSWORD, "use_cookies": true}))
            .to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let cookies = cookies_of(&response);
    let body = body_json(response).await;
    assert!(body.get("access_token").is_none() && body.get("refresh_token").is_none(), "{body}");
    let access = cookie_named(&cookies, "nodal_access");
    let refresh_cookie = cookie_named(&cookies, "nodal_refresh");
    let csrf = cookie_named(&cookies, "nodal_csrf");
    assert_eq!(body["csrf_token"], csrf.value());
    assert_eq!(access.http_only(), Some(true));
    assert_eq!(access.secure(), Some(true));
    assert_eq!(access.same_site(), Some(actix_web::cookie::SameSite::Strict));
    assert_eq!(refresh_cookie.http_only(), Some(true));
    assert_eq!(refresh_cookie.path(), Some("/api/v1/auth"));
    assert_ne!(csrf.http_only(), Some(true), "scripts must read the CSRF cookie");

    let calculate = |header: Option<&str>| {
        let mut request = test::TestRequest::post()
            .uri("/api/v1/pvt/properties")
            .cookie(access.clone())
            .cookie(csrf.clone())
            .set_json(pvt_body());
        if let Some(value) = header {
            request = request.insert_header(("x-csrf-token", value.to_owned()));
        }
        request.to_request()
    };
    assert_problem(&test::call_service(&app, calculate(None)).await, 403);
    assert_problem(&test::call_service(&app, calculate(Some("forged"))).await, 403);
    let ok = test::call_service(&app, calculate(Some(csrf.value()))).await;
    assert_eq!(ok.status(), StatusCode::OK);
    // Safe methods need no CSRF token.
    let me_by_cookie = test::call_service(
        &app,
        test::TestRequest::get().uri("/api/v1/auth/me").cookie(access.clone()).to_request(),
    )
    .await;
    assert_eq!(me_by_cookie.status(), StatusCode::OK);

    // Refresh by cookie needs the CSRF header too, and rotates the cookies.
    let refresh_by_cookie = |header: Option<&str>| {
        let mut request = test::TestRequest::post()
            .uri("/api/v1/auth/refresh")
            .cookie(refresh_cookie.clone())
            .cookie(csrf.clone())
            .set_json(json!({}));
        if let Some(value) = header {
            request = request.insert_header(("x-csrf-token", value.to_owned()));
        }
        request.to_request()
    };
    assert_problem(&test::call_service(&app, refresh_by_cookie(None)).await, 403);
    let refreshed = test::call_service(&app, refresh_by_cookie(Some(csrf.value()))).await;
    assert_eq!(refreshed.status(), StatusCode::OK);
    let rotated = cookies_of(&refreshed);
    assert_ne!(cookie_named(&rotated, "nodal_refresh").value(), refresh_cookie.value());
    // The old refresh cookie again: reuse. The session ends and the cookies are cleared.
    let reused = test::call_service(&app, refresh_by_cookie(Some(csrf.value()))).await;
    assert_problem(&reused, 401);
    let cleared = cookies_of(&reused);
    for name in ["nodal_access", "nodal_refresh", "nodal_csrf"] {
        let cookie = cookie_named(&cleared, name);
        assert_eq!(cookie.value(), "", "{name}");
        assert_eq!(cookie.max_age(), Some(actix_web::cookie::time::Duration::ZERO), "{name}");
    }
    let new_access = cookie_named(&rotated, "nodal_access");
    let after = test::call_service(
        &app,
        test::TestRequest::get().uri("/api/v1/auth/me").cookie(new_access).to_request(),
    )
    .await;
    assert_eq!(after.status(), StatusCode::UNAUTHORIZED, "the family is revoked");
});

fn limited_settings(per_ip: u32, per_account: u32) -> Settings {
    let mut settings = settings(Environment::Test);
    settings.auth.rate_limit.per_ip = per_ip;
    settings.auth.rate_limit.per_account = per_account;
    settings.auth.rate_limit.window_secs = 60;
    settings
}

fn login_from(ip: &str, email: &str, password: &str) -> actix_http::Request {
    login_request(email, password)
        .peer_addr(format!("{ip}:40000").parse().unwrap())
        .to_request()
}

#[actix_web::test]
async fn sign_in_is_rate_limited_per_ip_with_retry_after_then_recovers() {
    let db = TestDatabase::sqlite();
    let clock = TestClock::starting_now();
    let state = state(&db, limited_settings(3, 100)).with_clock(Arc::new(clock.clone()));
    let app = test::init_service(build_app(state)).await;
    for i in 0..3 {
        let response = test::call_service(
            &app,
            login_from(
                "198.51.100.7",
                &format!("u{i}@example.com"),
                "wrong-password-1",
            ),
        )
        .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let limited = test::call_service(
        &app,
        login_from("198.51.100.7", "u9@example.com", "wrong-password-1"),
    )
    .await;
    assert_problem(&limited, 429);
    let retry_after: i64 = header_str(&limited, "retry-after")
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=20).contains(&retry_after), "{retry_after}");
    // Another client is not affected.
    let other = test::call_service(
        &app,
        login_from("198.51.100.8", "u9@example.com", "wrong-password-1"),
    )
    .await;
    assert_eq!(other.status(), StatusCode::UNAUTHORIZED);
    clock.advance(Duration::seconds(retry_after));
    let recovered = test::call_service(
        &app,
        login_from("198.51.100.7", "u9@example.com", "wrong-password-1"),
    )
    .await;
    assert_eq!(recovered.status(), StatusCode::UNAUTHORIZED);
}

#[actix_web::test]
async fn sign_in_is_rate_limited_per_account_across_ips() {
    let db = TestDatabase::sqlite();
    let state = state(&db, limited_settings(100, 2));
    let app = test::init_service(build_app(state)).await;
    for ip in ["198.51.100.1", "198.51.100.2"] {
        let response = test::call_service(
            &app,
            login_from(ip, "target@example.com", "wrong-password-1"),
        )
        .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let limited = test::call_service(
        &app,
        login_from("198.51.100.3", "TARGET@example.com", "wrong-password-1"),
    )
    .await;
    assert_problem(&limited, 429);
    assert!(header_str(&limited, "retry-after").is_some());
}

#[actix_web::test]
async fn forwarded_for_counts_only_behind_a_trusted_proxy() {
    let db = TestDatabase::sqlite();
    let mut settings = limited_settings(1, 100);
    settings.auth.trusted_proxies = vec!["10.0.0.0/8".into()];
    let app = test::init_service(build_app(state(&db, settings))).await;
    let via = |peer: &str, client: &str, n: u32| {
        login_request(&format!("u{n}@example.com"), "wrong-password-1")
            .peer_addr(format!("{peer}:40000").parse().unwrap())
            .insert_header(("x-forwarded-for", client.to_owned()))
            .to_request()
    };
    // Behind the trusted proxy, two clients have a request each.
    assert_eq!(
        test::call_service(&app, via("10.0.0.1", "203.0.113.1", 1))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        test::call_service(&app, via("10.0.0.1", "203.0.113.2", 2))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    // An untrusted peer cannot escape its limit by writing the header.
    assert_eq!(
        test::call_service(&app, via("198.51.100.9", "203.0.113.3", 3))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        test::call_service(&app, via("198.51.100.9", "203.0.113.4", 4))
            .await
            .status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

fn lockout_settings() -> Settings {
    let mut settings = limited_settings(1000, 1000);
    settings.auth.lockout.max_failures = 3;
    settings.auth.lockout.ip_max_failures = 6;
    settings.auth.lockout.window_secs = 900;
    settings.auth.lockout.lock_secs = 600;
    settings
}

backend_test!(async fn repeated_failures_lock_the_account_until_the_lock_expires(db) {
    let clock = TestClock::starting_now();
    let state = state(&db, lockout_settings()).with_clock(Arc::new(clock.clone()));
    let (org, _, email) = user_with_password(&state, Role::Engineer);
    let app = test::init_service(build_app(state.clone())).await;
    for ip in ["198.51.100.1", "198.51.100.2", "198.51.100.3"] {
        let response = test::call_service(&app, login_from(ip, &email, "wrong-password-1")).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    // Locked: even the right password is refused, from any IP.
    let locked = test::call_service(&app, login_from("198.51.100.4", &email, PASSWORD)).await;
    assert_problem(&locked, 429);
    let retry_after: i64 = header_str(&locked, "retry-after").unwrap().parse().unwrap();
    assert_eq!(retry_after, 600);
    assert!(audit_kinds(&state, org).contains(&"login_locked".to_string()));
    clock.advance(Duration::seconds(599));
    assert_eq!(
        test::call_service(&app, login_from("198.51.100.4", &email, PASSWORD)).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    clock.advance(Duration::seconds(2));
    assert_eq!(
        test::call_service(&app, login_from("198.51.100.4", &email, PASSWORD)).await.status(),
        StatusCode::OK
    );
});

backend_test!(async fn failures_across_accounts_block_the_ip_for_a_while(db) {
    let clock = TestClock::starting_now();
    let state = state(&db, lockout_settings()).with_clock(Arc::new(clock.clone()));
    let (_, _, email) = user_with_password(&state, Role::Viewer);
    let app = test::init_service(build_app(state.clone())).await;
    for i in 0..6 {
        let response =
            test::call_service(&app, login_from("203.0.113.66", &format!("guess{i}@example.com"), "wrong-password-1")).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    assert_problem(&test::call_service(&app, login_from("203.0.113.66", &email, PASSWORD)).await, 429);
    assert_eq!(
        test::call_service(&app, login_from("203.0.113.67", &email, PASSWORD)).await.status(),
        StatusCode::OK,
        "other IPs are not blocked"
    );
    clock.advance(Duration::seconds(601));
    assert_eq!(
        test::call_service(&app, login_from("203.0.113.66", &email, PASSWORD)).await.status(),
        StatusCode::OK
    );
});

backend_test!(async fn housekeeping_deletes_ended_sessions_after_their_retention(db) {
    let clock = TestClock::starting_now();
    let state = test_state(&db, &clock);
    let kept = signed_in(&state, Role::Engineer).await;
    let ended = signed_in(&state, Role::Engineer).await;
    let app = test::init_service(build_app(state.clone())).await;
    let logout = test::call_service(
        &app,
        test::TestRequest::post()
            .uri("/api/v1/auth/logout")
            .insert_header(ended.bearer())
            .to_request(),
    )
    .await;
    assert_eq!(logout.status(), StatusCode::NO_CONTENT);
    // Within the retention (30 days by default) the revoked session stays, so its refresh
    // token is still recognised as a revoked family's.
    let done = nodal_http::housekeeping::run_once(&state).unwrap();
    assert_eq!(done.sessions, 0);

    clock.advance(Duration::days(31));
    let done = nodal_http::housekeeping::run_once(&state).unwrap();
    assert_eq!(done.sessions, 1, "only the session that ended 31 days ago");
    assert_eq!(refresh(&app, &ended.refresh_token).await.status(), StatusCode::UNAUTHORIZED);
    let mut conn = state.pool.get().unwrap();
    assert!(nodal_store::accounts::sessions::get(&mut conn, kept.session_id).is_ok());
    assert!(nodal_store::accounts::sessions::get(&mut conn, ended.session_id).is_err());
    drop(conn);

    let metrics = state.metrics.render(&state);
    assert!(metrics.contains("nodal_housekeeping_passes_total{outcome=\"ok\"} 2"), "{metrics}");
    assert!(metrics.contains("nodal_housekeeping_deleted_total{kind=\"sessions\"} 1"));
    assert!(metrics.contains("nodal_housekeeping_passes_total{outcome=\"failed\"} 0"));
});
