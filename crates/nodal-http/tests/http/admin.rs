//! Administration and account routes: users and roles confined to the admin's organization,
//! deactivation, password-set tokens, password change, sessions, registration, the audit
//! log, and write permission by role.

use std::sync::Arc;

use nodal_auth::TestClock;
use serde_json::json;

use crate::common::*;

async fn app_for(
    state: &AppState,
) -> impl Service<
    actix_http::Request,
    Response = ServiceResponse<impl MessageBody>,
    Error = actix_web::Error,
> {
    test::init_service(build_app(state.clone())).await
}

async fn send(
    app: &impl Service<
        actix_http::Request,
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
    >,
    method: &str,
    uri: &str,
    who: Option<&Session>,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut request = test::TestRequest::default()
        .method(method.parse().unwrap())
        .uri(uri);
    if let Some(who) = who {
        request = request.insert_header(who.bearer());
    }
    if let Some(body) = body {
        request = request.set_json(body);
    }
    let response = test::call_service(app, request.to_request()).await;
    let status = response.status();
    let bytes = test::read_body(response).await;
    let value = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap()
    };
    (status, value)
}

const NEW_PASSWORD: &str = "skin-factor-and-turbulence-7";

backend_test!(async fn an_admin_creates_a_user_who_sets_a_password_and_signs_in(db) {
    let state = state(&db, settings(Environment::Test));
    let admin = signed_in(&state, Role::Admin).await;
    let app = app_for(&state).await;
    let (status, created) = send(
        &app,
        "POST",
        "/api/v1/admin/users",
        Some(&admin),
        Some(json!({"email": "New.Engineer@acme-oil.com", "role": "engineer"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["user"]["role"], "engineer");
    assert_eq!(created["user"]["has_password"], false);
    let token = created["password_set"]["token"].as_str().unwrap().to_owned();

    let set = |password: &'static str, token: String| {
        json!({"token": token, "new_password": password})
    };
    let (status, body) = send(&app, "POST", "/api/v1/auth/password/set", None, Some(set("short", token.clone()))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["new_password"]);
    let (status, _) = send(&app, "POST", "/api/v1/auth/password/set", None, Some(set(NEW_PASSWORD, token.clone()))).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "a refused password does not spend the token");
    let (status, body) = send(&app, "POST", "/api/v1/auth/password/set", None, Some(set(NEW_PASSWORD, token))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "used once");
    assert_eq!(error_fields(&body), ["token"]);

    let (status, body) = send(
        &app,
        "POST",
        "/api/v1/auth/login",
        None,
        Some(json!({"email": "new.engineer@ACME-OIL.com", "password": NEW_PASSWORD})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["user"]["role"], "engineer");

    let (status, listed) = send(&app, "GET", "/api/v1/admin/users?limit=1&offset=1", Some(&admin), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(listed["total"], 2);
    assert_eq!(listed["items"][0]["email"], "New.Engineer@acme-oil.com");

    let (status, events) = send(&app, "GET", "/api/v1/admin/audit-events?limit=2", Some(&admin), None).await;
    assert_eq!(status, StatusCode::OK);
    let kinds: Vec<&str> = events["items"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["login_succeeded", "password_set"]);
    assert_eq!(events["total"], 3);
    assert_eq!(events["items"][1]["user_id"], created["user"]["id"]);
});

backend_test!(async fn admin_routes_need_an_admin_of_the_same_organization(db) {
    let state = state(&db, settings(Environment::Test));
    let admin = signed_in(&state, Role::Admin).await;
    let engineer = signed_in_to(&state, admin.org_id, Role::Engineer).await;
    let viewer = signed_in_to(&state, admin.org_id, Role::Viewer).await;
    let outsider = signed_in(&state, Role::Admin).await;
    let app = app_for(&state).await;
    for who in [&engineer, &viewer] {
        let (status, _) = send(&app, "GET", "/api/v1/admin/users", Some(who), None).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = send(
            &app,
            "POST",
            "/api/v1/admin/users",
            Some(who),
            Some(json!({"email": "x@acme-oil.com", "role": "admin"})),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "no admin without an admin's token");
    }
    // Another organization's user does not exist for this admin.
    let target = format!("/api/v1/admin/users/{}", engineer.user_id);
    for (method, uri, body) in [
        ("PATCH", format!("{target}/role"), Some(json!({"role": "viewer"}))),
        ("POST", format!("{target}/deactivate"), None),
        ("POST", format!("{target}/reactivate"), None),
        ("POST", format!("{target}/password-set-token"), None),
    ] {
        let (status, _) = send(&app, method, &uri, Some(&outsider), body).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {uri}");
    }
    let (status, listed) = send(&app, "GET", "/api/v1/admin/users", Some(&outsider), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(listed["total"], 1);
    let (status, events) = send(&app, "GET", "/api/v1/admin/audit-events", Some(&outsider), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(events["total"], 0, "{events}");
});

backend_test!(async fn role_changes_apply_and_the_last_admin_stays(db) {
    let state = state(&db, settings(Environment::Test));
    let admin = signed_in(&state, Role::Admin).await;
    let engineer = signed_in_to(&state, admin.org_id, Role::Engineer).await;
    let app = app_for(&state).await;
    let (status, _) = send(
        &app,
        "PATCH",
        &format!("/api/v1/admin/users/{}/role", admin.user_id),
        Some(&admin),
        Some(json!({"role": "viewer"})),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _) = send(&app, "POST", &format!("/api/v1/admin/users/{}/deactivate", admin.user_id), Some(&admin), None).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, body) = send(
        &app,
        "PATCH",
        &format!("/api/v1/admin/users/{}/role", engineer.user_id),
        Some(&admin),
        Some(json!({"role": "viewer"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["role"], "viewer");
    let (_, me) = send(&app, "GET", "/api/v1/auth/me", Some(&engineer), None).await;
    assert_eq!(me["user"]["role"], "viewer", "the current role applies to existing tokens");
    let (status, body) = send(
        &app,
        "PATCH",
        &format!("/api/v1/admin/users/{}/role", engineer.user_id),
        Some(&admin),
        Some(json!({"role": "owner"})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (_, events) = send(&app, "GET", "/api/v1/admin/audit-events?kind=role_changed", Some(&admin), None).await;
    assert_eq!(events["total"], 1);
    assert_eq!(events["items"][0]["detail"], json!({"from": "engineer", "to": "viewer"}));
    assert_eq!(events["items"][0]["actor_id"], admin.user_id.to_string());
});

backend_test!(async fn deactivation_ends_every_session_and_reactivation_allows_sign_in(db) {
    let state = state(&db, settings(Environment::Test));
    let admin = signed_in(&state, Role::Admin).await;
    let engineer = signed_in_to(&state, admin.org_id, Role::Engineer).await;
    let app = app_for(&state).await;
    assert_eq!(send(&app, "GET", "/api/v1/auth/me", Some(&engineer), None).await.0, StatusCode::OK);
    let uri = format!("/api/v1/admin/users/{}", engineer.user_id);
    let (status, body) = send(&app, "POST", &format!("{uri}/deactivate"), Some(&admin), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["active"], false);
    assert_eq!(send(&app, "GET", "/api/v1/auth/me", Some(&engineer), None).await.0, StatusCode::UNAUTHORIZED);
    let (status, _) = send(
        &app,
        "POST",
        "/api/v1/auth/refresh",
        None,
        Some(json!({"refresh_token": engineer.refresh_token})),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, body) = send(&app, "POST", &format!("{uri}/reactivate"), Some(&admin), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["active"], true);
    // The old sessions stay ended; a new sign-in works.
    assert_eq!(send(&app, "GET", "/api/v1/auth/me", Some(&engineer), None).await.0, StatusCode::UNAUTHORIZED);
    let (status, token) = send(&app, "POST", &format!("{uri}/password-set-token"), Some(&admin), None).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = send(
        &app,
        "POST",
        "/api/v1/auth/password/set",
        None,
        Some(json!({"token": token["token"], "new_password": NEW_PASSWORD})),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = send(
        &app,
        "POST",
        "/api/v1/auth/login",
        None,
        Some(json!({"email": engineer.email, "password": NEW_PASSWORD})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
});

backend_test!(async fn password_change_keeps_this_session_and_ends_the_others(db) {
    let state = state(&db, settings(Environment::Test));
    let admin = signed_in(&state, Role::Admin).await;
    let app = app_for(&state).await;
    // Give the admin a password through a token, then sign in twice.
    let (_, token) = send(&app, "POST", &format!("/api/v1/admin/users/{}/password-set-token", admin.user_id), Some(&admin), None).await;
    send(&app, "POST", "/api/v1/auth/password/set", None, Some(json!({"token": token["token"], "new_password": NEW_PASSWORD}))).await;
    let login = || send(&app, "POST", "/api/v1/auth/login", None, Some(json!({"email": admin.email, "password": NEW_PASSWORD})));
    let (_, first) = login().await;
    let (_, second) = login().await;
    let session = |body: &Value| Session {
        access_token: body["access_token"].as_str().unwrap().to_owned(),
        refresh_token: body["refresh_token"].as_str().unwrap().to_owned(),
        session_id: body["session_id"].as_str().unwrap().parse().unwrap(),
        ..admin.clone()
    };
    let (first, second) = (session(&first), session(&second));

    let (status, listed) = send(&app, "GET", "/api/v1/auth/sessions", Some(&first), None).await;
    assert_eq!(status, StatusCode::OK);
    let sessions = listed["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 2, "{listed}");
    assert_eq!(sessions.iter().filter(|s| s["current"] == true).count(), 1);

    let change = |current: &str, new: &str| json!({"current_password": current, "new_password": new});
    let (status, body) = send(&app, "POST", "/api/v1/auth/password", Some(&first), Some(change("wrong-password-00", "another-long-passphrase-2"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["current_password"]);
    let (status, body) = send(&app, "POST", "/api/v1/auth/password", Some(&first), Some(change(NEW_PASSWORD, "password1234"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["new_password"]);
    let (status, _) = send(&app, "POST", "/api/v1/auth/password", Some(&first), Some(change(NEW_PASSWORD, "another-long-passphrase-2"))).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(send(&app, "GET", "/api/v1/auth/me", Some(&first), None).await.0, StatusCode::OK);
    assert_eq!(send(&app, "GET", "/api/v1/auth/me", Some(&second), None).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(send(&app, "GET", "/api/v1/auth/me", Some(&admin), None).await.0, StatusCode::UNAUTHORIZED);
    let (_, events) = send(&app, "GET", "/api/v1/admin/audit-events?kind=password_changed", Some(&first), None).await;
    assert_eq!(events["total"], 1);
});

backend_test!(async fn a_user_ends_own_sessions_but_not_someone_elses(db) {
    let state = state(&db, settings(Environment::Test));
    let jane = signed_in(&state, Role::Engineer).await;
    let joe = signed_in_to(&state, jane.org_id, Role::Engineer).await;
    let app = app_for(&state).await;
    let (status, _) = send(&app, "DELETE", &format!("/api/v1/auth/sessions/{}", joe.session_id), Some(&jane), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(send(&app, "GET", "/api/v1/auth/me", Some(&joe), None).await.0, StatusCode::OK);
    let (status, _) = send(&app, "DELETE", &format!("/api/v1/auth/sessions/{}", jane.session_id), Some(&jane), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(send(&app, "GET", "/api/v1/auth/me", Some(&jane), None).await.0, StatusCode::UNAUTHORIZED);
});

backend_test!(async fn registration_is_off_by_default_and_joins_the_allowing_organization_as_viewer(db) {
    let register = |email: &str| json!({"email": email, "password": NEW_PASSWORD});
    let closed = state(&db, settings(Environment::Test));
    let app = app_for(&closed).await;
    assert_eq!(send(&app, "POST", "/api/v1/auth/register", None, Some(register("a@acme-oil.com"))).await.0, StatusCode::FORBIDDEN);

    let mut open = settings(Environment::Test);
    open.auth.registration_enabled = true;
    let state = state(&db, open).with_clock(Arc::new(TestClock::starting_now()));
    let admin = signed_in(&state, Role::Admin).await;
    let app = app_for(&state).await;
    let (status, domain) = send(&app, "POST", "/api/v1/admin/email-domains", Some(&admin), Some(json!({"domain": "Acme-Oil.com"}))).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(domain["domain"], "acme-oil.com");
    let (status, body) = send(&app, "POST", "/api/v1/admin/email-domains", Some(&admin), Some(json!({"domain": "not a domain"}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["domain"]);

    assert_eq!(send(&app, "POST", "/api/v1/auth/register", None, Some(register("a@elsewhere.com"))).await.0, StatusCode::FORBIDDEN);
    let (status, body) = send(&app, "POST", "/api/v1/auth/register", None, Some(json!({"email": "b@acme-oil.com", "password": "password1234"}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["password"]);
    let (status, user) = send(&app, "POST", "/api/v1/auth/register", None, Some(register("New.Hire@acme-oil.com"))).await;
    assert_eq!(status, StatusCode::CREATED, "{user}");
    assert_eq!(user["role"], "viewer");
    assert_eq!(user["organization_id"], admin.org_id.to_string());
    assert_eq!(send(&app, "POST", "/api/v1/auth/register", None, Some(register("new.hire@ACME-oil.com"))).await.0, StatusCode::CONFLICT);

    let (_, listed) = send(&app, "GET", "/api/v1/admin/email-domains", Some(&admin), None).await;
    let id = listed["domains"][0]["id"].as_str().unwrap().to_owned();
    let outsider = signed_in(&state, Role::Admin).await;
    assert_eq!(send(&app, "DELETE", &format!("/api/v1/admin/email-domains/{id}"), Some(&outsider), None).await.0, StatusCode::NOT_FOUND);
    assert_eq!(send(&app, "DELETE", &format!("/api/v1/admin/email-domains/{id}"), Some(&admin), None).await.0, StatusCode::NO_CONTENT);
    assert_eq!(send(&app, "POST", "/api/v1/auth/register", None, Some(register("c@acme-oil.com"))).await.0, StatusCode::FORBIDDEN);
});

#[actix_web::test]
async fn viewers_cannot_write_engineers_and_admins_can() {
    use nodal_http::ApiError;
    use nodal_http::identity::AuthUser;
    let db = TestDatabase::sqlite();
    let state = state(&db, settings(Environment::Test));
    let app = test::init_service(App::new().app_data(web::Data::new(state.clone())).route(
        "/write",
        web::post().to(|user: AuthUser| async move {
            user.require_write()?;
            Ok::<_, ApiError>(HttpResponse::NoContent().finish())
        }),
    ))
    .await;
    for (role, expected) in [
        (Role::Viewer, StatusCode::FORBIDDEN),
        (Role::Engineer, StatusCode::NO_CONTENT),
        (Role::Admin, StatusCode::NO_CONTENT),
    ] {
        let session = signed_in(&state, role).await;
        let response = test::call_service(
            &app,
            test::TestRequest::post()
                .uri("/write")
                .insert_header(session.bearer())
                .to_request(),
        )
        .await;
        assert_eq!(response.status(), expected, "{role:?}");
    }
}
