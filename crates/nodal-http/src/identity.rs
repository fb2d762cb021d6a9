//! Who is calling: the signed-in user, their organization and their role, as an
//! actix extractor that every protected handler takes.
//!
//! This stand-in accepts only the test environment's identity token
//! (`Authorization: Bearer test.<user_id>.<org_id>.<role>`) and refuses every
//! request in development and production. Token-based sign-in replaces it with the
//! same public API.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::error::ApiError;
use crate::settings::Environment;
use crate::state::AppState;

/// What a user may do in their organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Everything, including cascading deletes and member management.
    Admin,
    /// Reads and writes field data and runs analyses.
    Engineer,
    /// Reads only.
    Viewer,
}

impl Role {
    /// The role's wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Engineer => "engineer",
            Role::Viewer => "viewer",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        match text {
            "admin" => Some(Role::Admin),
            "engineer" => Some(Role::Engineer),
            "viewer" => Some(Role::Viewer),
            _ => None,
        }
    }
}

/// The caller of a protected route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuthUser {
    /// The user.
    pub user_id: Uuid,
    /// The user's organization: every query is scoped to it.
    pub org_id: Uuid,
    /// The user's role in it.
    pub role: Role,
    /// The sign-in session.
    pub session_id: Uuid,
}

impl AuthUser {
    /// `Ok` for engineers and admins; 403 for viewers.
    ///
    /// # Errors
    /// [`ApiError::Forbidden`] for a viewer.
    pub fn require_write(&self) -> Result<(), ApiError> {
        match self.role {
            Role::Admin | Role::Engineer => Ok(()),
            Role::Viewer => Err(ApiError::Forbidden(
                "viewers have read-only access; ask an admin for the engineer role".into(),
            )),
        }
    }

    /// `Ok` for admins; 403 for everyone else.
    ///
    /// # Errors
    /// [`ApiError::Forbidden`] unless the caller is an admin.
    pub fn require_admin(&self) -> Result<(), ApiError> {
        match self.role {
            Role::Admin => Ok(()),
            _ => Err(ApiError::Forbidden("only an admin may do this".into())),
        }
    }
}

/// The test identity token of `user`.
pub fn test_token(user_id: Uuid, org_id: Uuid, role: Role) -> String {
    format!("test.{user_id}.{org_id}.{}", role.as_str())
}

fn from_test_token(token: &str) -> Option<AuthUser> {
    let mut parts = token.strip_prefix("test.")?.split('.');
    let user_id = Uuid::parse_str(parts.next()?).ok()?;
    let org_id = Uuid::parse_str(parts.next()?).ok()?;
    let role = Role::parse(parts.next()?)?;
    if parts.next().is_some() {
        return None;
    }
    Some(AuthUser {
        user_id,
        org_id,
        role,
        session_id: user_id,
    })
}

fn authenticate(req: &HttpRequest) -> Result<AuthUser, ApiError> {
    let unauthenticated = || ApiError::Unauthenticated("sign in to use this route".into());
    let test_environment = req
        .app_data::<web::Data<AppState>>()
        .is_some_and(|state| state.settings.environment == Environment::Test);
    if !test_environment {
        return Err(unauthenticated());
    }
    req.headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .and_then(from_test_token)
        .ok_or_else(unauthenticated)
}

impl FromRequest for AuthUser {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req).map_err(Into::into))
    }
}
