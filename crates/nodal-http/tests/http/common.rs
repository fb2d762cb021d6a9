//! Helpers shared by the HTTP test modules.
#![allow(dead_code)]

pub use actix_web::body::MessageBody;
pub use actix_web::dev::{Service, ServiceResponse};
pub use actix_web::http::{StatusCode, header};
pub use actix_web::middleware::from_fn;
pub use actix_web::{App, HttpResponse, test, web};
pub use nodal_http::settings::{Environment, Secret};
pub use nodal_http::{AppState, Settings, build_app};
pub use nodal_store::test_support::TestDatabase;
pub use serde_json::Value;

pub fn settings(environment: Environment) -> Settings {
    let mut settings = Settings {
        environment,
        ..Settings::default()
    };
    settings.auth.jwt_secret = Secret::new("a7f3c9e1b5d2f8a4c6e0b3d9f1a5c7e2b4d6f8a0c2e4");
    settings
}

pub fn state(db: &TestDatabase, settings: Settings) -> AppState {
    AppState::new(settings, db.pool().clone())
}

pub async fn body_json(response: ServiceResponse<impl MessageBody>) -> Value {
    let bytes = test::read_body(response).await;
    serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        panic!(
            "body is not JSON ({e}): {}",
            String::from_utf8_lossy(&bytes)
        )
    })
}

pub fn header_str<B>(response: &ServiceResponse<B>, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
}

pub fn assert_problem<B>(response: &ServiceResponse<B>, status: u16) {
    assert_eq!(response.status().as_u16(), status);
    assert_eq!(
        header_str(response, "content-type").as_deref(),
        Some("application/problem+json")
    );
    assert!(header_str(response, "x-request-id").is_some());
}

/// Checks that every tag opened is closed in order (the SVG is XML, not just text).
pub fn assert_well_formed_xml(svg: &str) {
    assert!(svg.starts_with("<svg"), "not an SVG document");
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        let end = rest[start..]
            .find('>')
            .map(|e| start + e)
            .expect("unterminated tag");
        let tag = &rest[start + 1..end];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name.trim()), "mismatched </{name}>");
        } else if !tag.ends_with('/') && !tag.starts_with('?') && !tag.starts_with('!') {
            stack.push(tag.split_whitespace().next().unwrap_or(""));
        }
        rest = &rest[end + 1..];
    }
    assert!(stack.is_empty(), "unclosed tags: {stack:?}");
}

/// POSTs `body` as JSON to the real app on a fresh SQLite database; returns the status and
/// the JSON answer.
pub async fn post_json(uri: &str, body: Value) -> (StatusCode, Value) {
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

/// The `field` of every entry of a problem's `errors` list.
pub fn error_fields(body: &Value) -> Vec<String> {
    body["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors list: {body}"))
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect()
}

pub use nodal_http::identity::Role;
pub use uuid::Uuid;

/// A signed-in user of the test application.
#[derive(Debug, Clone)]
pub struct Session {
    pub org_id: Uuid,
    pub user_id: Uuid,
    pub role: Role,
    token: String,
}

impl Session {
    /// The `Authorization` header of this session, for `.insert_header(s.bearer())`.
    pub fn bearer(&self) -> (header::HeaderName, String) {
        (header::AUTHORIZATION, format!("Bearer {}", self.token))
    }
}

/// A user with `role` in a new organization.
pub async fn signed_in(state: &AppState, role: Role) -> Session {
    let pool = state.pool.clone();
    let org_id = web::block(move || {
        let mut conn = pool.get().unwrap();
        let slug = format!("org-{}", Uuid::new_v4().simple());
        nodal_store::organizations::create(
            &mut conn,
            &nodal_store::NewOrganization {
                name: &slug,
                slug: &slug,
            },
        )
        .unwrap()
        .id
    })
    .await
    .unwrap();
    signed_in_to(state, org_id, role).await
}

/// A new user with `role` in the organization `org_id`.
pub async fn signed_in_to(_state: &AppState, org_id: Uuid, role: Role) -> Session {
    let user_id = Uuid::now_v7();
    Session {
        org_id,
        user_id,
        role,
        token: nodal_http::identity::test_token(user_id, org_id, role),
    }
}
