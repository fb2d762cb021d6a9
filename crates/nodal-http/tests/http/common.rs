//! Helpers shared by the HTTP test modules.
#![allow(dead_code)]

pub use actix_web::body::MessageBody;
pub use actix_web::dev::{Service, ServiceResponse};
pub use actix_web::http::{StatusCode, header};
pub use actix_web::middleware::from_fn;
pub use actix_web::{App, HttpResponse, test, web};
pub use nodal_http::identity::Role;
pub use nodal_http::settings::{Environment, Secret};
pub use nodal_http::{AppState, Settings, build_app};
pub use nodal_store::test_support::TestDatabase;
pub use serde_json::Value;
pub use uuid::Uuid;

use nodal_http::auth::ClientInfo;
use nodal_store::accounts::users::{self, NewUser};
use nodal_store::{NewOrganization, organizations};

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

/// A signed-in user of the tests: their organization, ids, role and tokens.
#[derive(Debug, Clone)]
pub struct Session {
    pub org_id: Uuid,
    pub user_id: Uuid,
    pub role: Role,
    pub session_id: Uuid,
    pub email: String,
    pub access_token: String,
    pub refresh_token: String,
}

impl Session {
    /// The `Authorization: Bearer` header, for `.insert_header(session.bearer())`.
    pub fn bearer(&self) -> (header::HeaderName, String) {
        (
            header::AUTHORIZATION,
            format!("Bearer {}", self.access_token),
        )
    }
}

/// A new organization with one user of `role`, signed in.
pub async fn signed_in(state: &AppState, role: Role) -> Session {
    let slug = format!("org-{}", Uuid::new_v4().simple());
    let mut conn = state.pool.get().unwrap();
    let org = organizations::create(
        &mut conn,
        &NewOrganization {
            name: &slug,
            slug: &slug,
        },
    )
    .unwrap();
    drop(conn);
    signed_in_to(state, org.id, role).await
}

/// A new user of `role` in the organization `org_id`, signed in (no password is set; the
/// session is opened directly).
pub async fn signed_in_to(state: &AppState, org_id: Uuid, role: Role) -> Session {
    let mut conn = state.pool.get().unwrap();
    let email = format!("{}-{}@example.com", role.as_str(), Uuid::new_v4().simple());
    let user = users::create(
        &mut conn,
        &NewUser {
            organization_id: org_id,
            email: &email,
            role: role.as_str(),
            password_hash: None,
        },
        state.auth.now(),
    )
    .unwrap();
    let client = ClientInfo {
        ip: "192.0.2.1".into(),
        user_agent: Some("nodal-tests".into()),
    };
    let pair = state.auth.start_session(&mut conn, &user, &client).unwrap();
    Session {
        org_id,
        user_id: user.id,
        role,
        session_id: pair.session_id,
        email,
        access_token: pair.access_token,
        refresh_token: pair.refresh_token,
    }
}

/// POSTs `body` as JSON, signed in as an engineer, to the real app on a fresh SQLite
/// database; returns the status and the JSON answer.
pub async fn post_json(uri: &str, body: Value) -> (StatusCode, Value) {
    let db = TestDatabase::sqlite();
    let state = state(&db, settings(Environment::Test));
    let user = signed_in(&state, Role::Engineer).await;
    let app = test::init_service(build_app(state)).await;
    let response = test::call_service(
        &app,
        test::TestRequest::post()
            .uri(uri)
            .insert_header(user.bearer())
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

/// Defines an async test that runs its body once per backend, as `<name>::sqlite` and
/// `<name>::postgres`, with a fresh, migrated [`TestDatabase`] bound to the identifier.
macro_rules! backend_test {
    ($(#[$meta:meta])* async fn $name:ident($db:ident) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[actix_web::test]
            async fn sqlite() {
                let $db = TestDatabase::sqlite();
                $body
            }

            #[actix_web::test]
            async fn postgres() {
                if let Some($db) = TestDatabase::postgres() {
                    $body
                }
            }
        }
    };
}
