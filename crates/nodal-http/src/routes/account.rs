//! The signed-in user's own account, and the public routes that create or restore one:
//! sessions list and revoke, password change, password set with a one-time token, and
//! self-registration (`/api/v1/auth/*`).

use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use nodal_auth::{AuthError, Role, hash_opaque_token};
use nodal_store::accounts::{email_domains, login_failures, password_tokens, sessions, users};
use nodal_store::connection;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::{AuthService, RateGroup, Subject, client_info, events};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::identity::AuthUser;
use crate::routes::auth::{UserView, subject_of};
use crate::state::AppState;

/// One of the user's active sessions.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SessionView {
    /// Session id.
    pub id: Uuid,
    /// Sign-in time (UTC).
    pub created_at: DateTime<Utc>,
    /// Latest token refresh (UTC).
    pub last_used_at: DateTime<Utc>,
    /// Absolute end (UTC).
    pub expires_at: DateTime<Utc>,
    /// Client IP at sign-in.
    pub ip: Option<String>,
    /// Client user agent at sign-in.
    pub user_agent: Option<String>,
    /// Whether this is the session of the request.
    pub current: bool,
}

/// The user's active sessions.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SessionList {
    /// Newest first.
    pub sessions: Vec<SessionView>,
}

/// The signed-in user's active sessions, newest first.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Active sessions", body = SessionList),
        (status = 401, description = "Not signed in", body = Problem),
    )
)]
#[get("/auth/sessions")]
pub async fn list_sessions(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<HttpResponse, ApiError> {
    let pool = state.pool.clone();
    let now = state.auth.now();
    let list = web::block(move || {
        let mut conn = connection(&pool)?;
        sessions::list_active(&mut conn, user.user_id, now)
    })
    .await??;
    Ok(HttpResponse::Ok().json(SessionList {
        sessions: list
            .into_iter()
            .map(|s| SessionView {
                current: s.id == user.session_id,
                id: s.id,
                created_at: s.created_at,
                last_used_at: s.last_used_at,
                expires_at: s.expires_at,
                ip: s.ip,
                user_agent: s.user_agent,
            })
            .collect(),
    }))
}

/// Ends one of the signed-in user's sessions (another user's session is a 404).
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Session id")),
    responses(
        (status = 204, description = "Session ended"),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 404, description = "No such session of this user", body = Problem),
    )
)]
#[delete("/auth/sessions/{id}")]
pub async fn delete_session(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let auth = state.auth.clone();
    let client = client_info(&req, &auth);
    let pool = state.pool.clone();
    web::block(move || -> Result<(), ApiError> {
        let mut conn = connection(&pool)?;
        let now = auth.now();
        let session = sessions::get(&mut conn, id)
            .ok()
            .filter(|s| s.user_id == user.user_id && s.is_active(now))
            .ok_or_else(|| ApiError::NotFound("session not found".into()))?;
        sessions::revoke(&mut conn, session.id, "revoked_by_user", now)?;
        auth.forget_session_checks();
        auth.audit(
            &mut conn,
            events::SESSION_REVOKED,
            subject_of(&user),
            &client,
            Some(json!({"session_id": session.id})),
        )
    })
    .await??;
    Ok(HttpResponse::NoContent().finish())
}

/// Current and new password.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"current_password": "drawdown-at-the-sandface", "new_password": "skin-factor-and-turbulence-7"}))]
pub struct PasswordChangeRequest {
    /// The password in use.
    pub current_password: String,
    /// The new password: at least `auth.password_min_chars` characters, not a very common
    /// password, not the email.
    pub new_password: String,
}

fn weak(field: &str, error: AuthError) -> ApiError {
    match error {
        AuthError::WeakPassword(message) => ApiError::invalid_field(field, message),
        other => ApiError::Internal(other.to_string()),
    }
}

/// Changes the signed-in user's password; every other session of the user ends.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    request_body = PasswordChangeRequest,
    responses(
        (status = 204, description = "Password changed"),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 422, description = "Current password wrong, or new password too weak", body = Problem),
        (status = 429, description = "Rate limited", body = Problem),
    )
)]
#[post("/auth/password")]
pub async fn change_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<PasswordChangeRequest>,
) -> Result<HttpResponse, ApiError> {
    let PasswordChangeRequest {
        current_password,
        new_password,
    } = body.into_inner();
    let auth = state.auth.clone();
    let client = client_info(&req, &auth);
    auth.rate_limit(
        RateGroup::Password,
        &client.ip,
        Some(&user.user_id.to_string()),
    )?;
    let pool = state.pool.clone();
    web::block(move || -> Result<(), ApiError> {
        let mut conn = connection(&pool)?;
        let stored = users::get(&mut conn, user.user_id)?;
        let current_ok = stored
            .password_hash
            .as_deref()
            .is_some_and(|phc| auth.hasher().verify(&current_password, phc));
        if !current_ok {
            return Err(ApiError::invalid_field(
                "current_password",
                "is not the password in use",
            ));
        }
        auth.policy()
            .check(&new_password, &stored.email)
            .map_err(|e| weak("new_password", e))?;
        let hash = auth
            .hasher()
            .hash(&new_password)
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        let now = auth.now();
        users::set_password_hash(&mut conn, user.user_id, &hash, now)?;
        let ended = sessions::revoke_all_for_user(
            &mut conn,
            user.user_id,
            Some(user.session_id),
            "password_changed",
            now,
        )?;
        auth.forget_session_checks();
        auth.audit(
            &mut conn,
            events::PASSWORD_CHANGED,
            subject_of(&user),
            &client,
            Some(json!({"other_sessions_ended": ended})),
        )
    })
    .await??;
    Ok(HttpResponse::NoContent().finish())
}

/// A one-time password-set token and the new password.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"token": "Jq6V7r2c0mXo1f3H8d5sLk9wPz4tYb2nAe7uGi0hRvQ", "new_password": "skin-factor-and-turbulence-7"}))]
pub struct PasswordSetRequest {
    /// The token an admin issued.
    pub token: String,
    /// The new password.
    pub new_password: String,
}

/// Sets a password with a one-time token from an admin (a new user, or one locked out).
/// Every session of the user ends and failed sign-ins are forgotten.
#[utoipa::path(
    tag = "auth",
    request_body = PasswordSetRequest,
    responses(
        (status = 204, description = "Password set; sign in with it"),
        (status = 422, description = "Token invalid, used or expired, or password too weak", body = Problem),
        (status = 429, description = "Rate limited", body = Problem),
    )
)]
#[post("/auth/password/set")]
pub async fn set_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: Json<PasswordSetRequest>,
) -> Result<HttpResponse, ApiError> {
    let PasswordSetRequest {
        token,
        new_password,
    } = body.into_inner();
    let auth = state.auth.clone();
    let client = client_info(&req, &auth);
    auth.rate_limit(RateGroup::Password, &client.ip, None)?;
    let pool = state.pool.clone();
    web::block(move || -> Result<(), ApiError> {
        let mut conn = connection(&pool)?;
        let now = auth.now();
        let hash = hash_opaque_token(&token);
        let invalid = || ApiError::invalid_field("token", "is invalid, used or expired");
        let user_id = password_tokens::peek(&mut conn, &hash, now).map_err(|_| invalid())?;
        let user = users::get(&mut conn, user_id)?;
        auth.policy()
            .check(&new_password, &user.email)
            .map_err(|e| weak("new_password", e))?;
        let phc = auth
            .hasher()
            .hash(&new_password)
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        password_tokens::consume(&mut conn, &hash, now).map_err(|_| invalid())?;
        users::set_password_hash(&mut conn, user.id, &phc, now)?;
        sessions::revoke_all_for_user(&mut conn, user.id, None, "password_set", now)?;
        login_failures::clear_for_email(&mut conn, &user.email)?;
        auth.forget_session_checks();
        auth.audit(
            &mut conn,
            events::PASSWORD_SET,
            Subject::user(&user),
            &client,
            None,
        )
    })
    .await??;
    Ok(HttpResponse::NoContent().finish())
}

/// Email and password of a new account.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "new.engineer@acme-oil.com", "password": "skin-factor-and-turbulence-7"}))]
pub struct RegisterRequest {
    /// Email address in a domain (or the exact address) an organization allows.
    pub email: String,
    /// Password.
    pub password: String,
}

/// Registers a new account as a `viewer` of the organization that allows the email's
/// domain (or the exact address). Only when `auth.registration_enabled` is on.
#[utoipa::path(
    tag = "auth",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "Registered; sign in with the password", body = UserView),
        (status = 403, description = "Registration disabled, or not open for this email", body = Problem),
        (status = 409, description = "The email is taken", body = Problem),
        (status = 422, description = "Invalid email or weak password", body = Problem),
        (status = 429, description = "Rate limited", body = Problem),
    )
)]
#[post("/auth/register")]
pub async fn register(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: Json<RegisterRequest>,
) -> Result<HttpResponse, ApiError> {
    let auth: std::sync::Arc<AuthService> = state.auth.clone();
    if !auth.settings().registration_enabled {
        return Err(ApiError::Forbidden(
            "self-registration is disabled; ask an organization admin for an account".into(),
        ));
    }
    let RegisterRequest { email, password } = body.into_inner();
    let client = client_info(&req, &auth);
    auth.rate_limit(RateGroup::Register, &client.ip, Some(&email))?;
    let email = email.trim().to_owned();
    users::validate_email(&email).map_err(|e| ApiError::invalid_field("email", e.to_string()))?;
    auth.policy()
        .check(&password, &email)
        .map_err(|e| weak("password", e))?;
    let pool = state.pool.clone();
    let user = web::block(move || -> Result<_, ApiError> {
        let mut conn = connection(&pool)?;
        let organization =
            email_domains::organization_for_email(&mut conn, &email)?.ok_or_else(|| {
                ApiError::Forbidden("no organization accepts registrations from this email".into())
            })?;
        let phc = auth
            .hasher()
            .hash(&password)
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        let user = users::create(
            &mut conn,
            &users::NewUser {
                organization_id: organization,
                email: &email,
                role: Role::Viewer.as_str(),
                password_hash: Some(&phc),
            },
            auth.now(),
        )?;
        auth.audit(
            &mut conn,
            events::USER_REGISTERED,
            Subject::user(&user),
            &client,
            None,
        )?;
        Ok(user)
    })
    .await??;
    Ok(HttpResponse::Created().json(UserView::of(&user)?))
}
