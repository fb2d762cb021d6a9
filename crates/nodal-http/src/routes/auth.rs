//! Sign-in and sessions: `/api/v1/auth/*`.
//!
//! Two client modes. API clients get the access and refresh tokens in the JSON body and send
//! `Authorization: Bearer <access token>`. Browsers ask for cookies (`"use_cookies": true`):
//! the tokens then travel only in `HttpOnly` cookies (the refresh cookie only to
//! `/api/v1/auth`), and the body carries the CSRF token that unsafe requests repeat in
//! `X-CSRF-Token`.

use actix_web::cookie::{Cookie, SameSite as CookieSameSite, time::Duration as CookieDuration};
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder, get, post, web};
use chrono::{DateTime, Utc};
use nodal_auth::{OpaqueToken, Role, hash_opaque_token};
use nodal_store::accounts::login_failures;
use nodal_store::accounts::sessions;
use nodal_store::accounts::users::{self, User};
use nodal_store::{connection, organizations};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::{
    ACCESS_COOKIE, AUTH_PATH, AuthService, CSRF_COOKIE, REFRESH_COOKIE, RateGroup, Subject,
    TokenPair, client_info, events, parse_role,
};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::identity::{AuthUser, check_csrf};
use crate::settings::SameSite;
use crate::state::AppState;

/// Longest accepted password in a request, bytes (bounds hashing work).
const MAX_PASSWORD_BYTES: usize = 4096;

/// Email and password.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "jane@acme-oil.com", "password": "drawdown-at-the-sandface"}))]
pub struct LoginRequest {
    /// Email address (any case).
    pub email: String,
    /// Password.
    pub password: String,
    /// Browsers: set the session as `HttpOnly` cookies instead of returning the tokens.
    #[serde(default)]
    pub use_cookies: bool,
}

/// A user as shown to themself and to admins.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UserView {
    /// User id.
    pub id: Uuid,
    /// Organization id.
    pub organization_id: Uuid,
    /// Email address.
    pub email: String,
    /// Role: `admin`, `engineer` or `viewer`.
    #[schema(value_type = String, example = "engineer")]
    pub role: Role,
    /// Whether the user may sign in.
    pub active: bool,
    /// Whether a password is set.
    pub has_password: bool,
    /// Creation time (UTC).
    pub created_at: DateTime<Utc>,
    /// Latest sign-in (UTC).
    pub last_login_at: Option<DateTime<Utc>>,
}

impl UserView {
    /// The view of a stored user.
    ///
    /// # Errors
    /// 500 for a role the database should have refused.
    pub fn of(user: &User) -> Result<Self, ApiError> {
        Ok(UserView {
            id: user.id,
            organization_id: user.organization_id,
            email: user.email.clone(),
            role: parse_role(&user.role)?,
            active: user.is_active(),
            has_password: user.password_hash.is_some(),
            created_at: user.created_at,
            last_login_at: user.last_login_at,
        })
    }
}

/// A new session's or a refreshed session's tokens.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TokenResponse {
    /// Always `Bearer`.
    #[schema(example = "Bearer")]
    pub token_type: &'static str,
    /// The access token (absent in cookie mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    /// The refresh token (absent in cookie mode): exchange it at `/api/v1/auth/refresh`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// Cookie mode: the CSRF token to send in `X-CSRF-Token` (also in the `nodal_csrf`
    /// cookie).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csrf_token: Option<String>,
    /// Seconds until the access token expires.
    pub expires_in_secs: i64,
    /// When the access token expires (UTC).
    pub access_token_expires_at: DateTime<Utc>,
    /// When the refresh token expires (UTC).
    pub refresh_token_expires_at: DateTime<Utc>,
    /// The session.
    pub session_id: Uuid,
    /// The signed-in user.
    pub user: UserView,
}

/// Answers a new token pair, as JSON tokens or as cookies.
fn token_response(
    auth: &AuthService,
    pair: &TokenPair,
    user: &User,
    use_cookies: bool,
) -> Result<HttpResponse, ApiError> {
    let now = auth.now();
    let mut body = TokenResponse {
        token_type: "Bearer",
        access_token: None,
        refresh_token: None,
        csrf_token: None,
        expires_in_secs: (pair.access_expires_at - now).num_seconds(),
        access_token_expires_at: pair.access_expires_at,
        refresh_token_expires_at: pair.refresh_expires_at,
        session_id: pair.session_id,
        user: UserView::of(user)?,
    };
    let mut response = HttpResponse::Ok();
    if use_cookies {
        let csrf = OpaqueToken::generate().plain;
        set_session_cookies(&mut response, auth, pair, &csrf, now);
        body.csrf_token = Some(csrf);
    } else {
        body.access_token = Some(pair.access_token.clone());
        body.refresh_token = Some(pair.refresh_token.clone());
    }
    Ok(response.json(body))
}

fn cookie<'c>(
    auth: &AuthService,
    name: &'c str,
    value: String,
    path: &'c str,
    http_only: bool,
    max_age_secs: i64,
) -> Cookie<'c> {
    Cookie::build(name, value)
        .path(path)
        .http_only(http_only)
        .secure(auth.cookies_secure())
        .same_site(match auth.settings().cookie_same_site {
            SameSite::Strict => CookieSameSite::Strict,
            SameSite::Lax => CookieSameSite::Lax,
        })
        .max_age(CookieDuration::seconds(max_age_secs.max(0)))
        .finish()
}

fn set_session_cookies(
    response: &mut HttpResponseBuilder,
    auth: &AuthService,
    pair: &TokenPair,
    csrf: &str,
    now: DateTime<Utc>,
) {
    let refresh_secs = (pair.refresh_expires_at - now).num_seconds();
    response
        .cookie(cookie(
            auth,
            ACCESS_COOKIE,
            pair.access_token.clone(),
            "/",
            true,
            (pair.access_expires_at - now).num_seconds(),
        ))
        .cookie(cookie(
            auth,
            REFRESH_COOKIE,
            pair.refresh_token.clone(),
            AUTH_PATH,
            true,
            refresh_secs,
        ))
        .cookie(cookie(
            auth,
            CSRF_COOKIE,
            csrf.to_owned(),
            "/",
            false,
            refresh_secs,
        ));
}

/// Expires the session cookies (harmless for bearer clients, who have none).
pub(crate) fn clear_session_cookies(response: &mut HttpResponseBuilder, auth: &AuthService) {
    response
        .cookie(cookie(auth, ACCESS_COOKIE, String::new(), "/", true, 0))
        .cookie(cookie(
            auth,
            REFRESH_COOKIE,
            String::new(),
            AUTH_PATH,
            true,
            0,
        ))
        .cookie(cookie(auth, CSRF_COOKIE, String::new(), "/", false, 0));
}

fn check_password_size(password: &str) -> Result<(), ApiError> {
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(ApiError::invalid_field(
            "password",
            format!("must be at most {MAX_PASSWORD_BYTES} bytes"),
        ));
    }
    Ok(())
}

enum LoginOutcome {
    SignedIn(Box<(TokenPair, User)>),
    Locked(u64),
    Refused,
}

/// Signs in with email and password.
///
/// Unknown emails, wrong passwords and deactivated users get the same 401 after the same
/// work. Repeated failures lock the account (and, across accounts, the client IP) for a
/// while: 429 with `Retry-After`, as for the rate limits.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 401, description = "Email or password incorrect", body = Problem),
        (status = 429, description = "Rate limited or locked; see Retry-After", body = Problem),
    )
)]
#[post("/auth/login")]
pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let LoginRequest {
        email,
        password,
        use_cookies,
    } = body.into_inner();
    check_password_size(&password)?;
    let auth = state.auth.clone();
    let client = client_info(&req, &auth);
    auth.rate_limit(RateGroup::Login, &client.ip, Some(&email))?;
    let pool = state.pool.clone();
    let service = auth.clone();
    let outcome = web::block(move || -> Result<LoginOutcome, ApiError> {
        let auth = service;
        let mut conn = connection(&pool)?;
        let now = auth.now();
        let email_key = email.trim().to_lowercase();
        let account_rule = auth.account_lockout();
        let ip_rule = auth.ip_lockout();
        let account =
            login_failures::for_email_since(&mut conn, &email_key, account_rule.window_start(now))?;
        let from_ip =
            login_failures::for_ip_since(&mut conn, &client.ip, ip_rule.window_start(now))?;
        let user = users::find_by_email(&mut conn, &email_key)?;
        let subject = user.as_ref().map(Subject::user).unwrap_or_default();
        let locked_until = [
            account_rule.locked_until(account.count, account.latest, now),
            ip_rule.locked_until(from_ip.count, from_ip.latest, now),
        ]
        .into_iter()
        .flatten()
        .max();
        if let Some(until) = locked_until {
            auth.audit(
                &mut conn,
                events::LOGIN_LOCKED,
                subject,
                &client,
                Some(json!({"email": email_key, "locked_until": until})),
            )?;
            let wait = (until - now).num_seconds().max(1);
            return Ok(LoginOutcome::Locked(u64::try_from(wait).unwrap_or(1)));
        }
        let verified = match user.as_ref() {
            Some(u) if u.is_active() && u.password_hash.is_some() => u
                .password_hash
                .as_deref()
                .is_some_and(|phc| auth.hasher().verify(&password, phc)),
            _ => {
                auth.hasher().verify_dummy(&password);
                false
            }
        };
        match user {
            Some(user) if verified => {
                login_failures::clear_for_email(&mut conn, &email_key)?;
                // Older failures no longer count for any rule.
                let horizon = account_rule.window.max(account_rule.lock_for);
                login_failures::purge_before(&mut conn, now - horizon - horizon)?;
                users::record_login(&mut conn, user.id, now)?;
                let pair = auth.start_session(&mut conn, &user, &client)?;
                auth.audit(
                    &mut conn,
                    events::LOGIN_SUCCEEDED,
                    Subject::user(&user),
                    &client,
                    Some(json!({"session_id": pair.session_id})),
                )?;
                Ok(LoginOutcome::SignedIn(Box::new((pair, user))))
            }
            user => {
                login_failures::record(&mut conn, &email_key, &client.ip, now)?;
                let reason = match &user {
                    None => "unknown_email",
                    Some(u) if !u.is_active() => "deactivated",
                    Some(u) if u.password_hash.is_none() => "no_password",
                    Some(_) => "wrong_password",
                };
                auth.audit(
                    &mut conn,
                    events::LOGIN_FAILED,
                    subject,
                    &client,
                    Some(json!({"email": email_key, "reason": reason})),
                )?;
                Ok(LoginOutcome::Refused)
            }
        }
    })
    .await??;
    match outcome {
        LoginOutcome::SignedIn(signed_in) => {
            let (pair, user) = *signed_in;
            token_response(&auth, &pair, &user, use_cookies)
        }
        LoginOutcome::Locked(retry_after_secs) => Err(ApiError::RateLimited {
            detail: format!(
                "too many failed sign-ins; try again in {retry_after_secs} s or ask an admin for a password-set link"
            ),
            retry_after_secs,
        }),
        LoginOutcome::Refused => Err(ApiError::Unauthenticated(
            "email or password is incorrect".into(),
        )),
    }
}

/// A refresh token to exchange.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"refresh_token": "q1Vb0n5m3kz3o8H0B8cYwq2f0jT9o8hJrX0u6v4hZ4E"}))]
pub struct RefreshRequest {
    /// The refresh token. Leave out in cookie mode: the refresh cookie is used, and the
    /// request must carry `X-CSRF-Token`.
    #[serde(default)]
    pub refresh_token: Option<String>,
}

enum RefreshOutcome {
    Issued(Box<(TokenPair, User)>),
    Refused(&'static str),
}

/// Exchanges a refresh token for new tokens; the old refresh token stops working.
///
/// Presenting a refresh token that was already exchanged revokes its whole session (it may
/// have been stolen) and is logged as `refresh_reuse`.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "New tokens", body = TokenResponse),
        (status = 401, description = "Refresh token invalid, expired, reused or revoked", body = Problem),
        (status = 403, description = "Cookie mode without a matching X-CSRF-Token", body = Problem),
        (status = 429, description = "Rate limited", body = Problem),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let auth = state.auth.clone();
    let client = client_info(&req, &auth);
    auth.rate_limit(RateGroup::Refresh, &client.ip, None)?;
    let (token, use_cookies) = match body.into_inner().refresh_token {
        Some(token) => (token, false),
        None => {
            let cookie = req.cookie(REFRESH_COOKIE).ok_or_else(|| {
                ApiError::Unauthenticated("send refresh_token, or the refresh cookie".into())
            })?;
            check_csrf(&req)?;
            (cookie.value().to_owned(), true)
        }
    };
    let pool = state.pool.clone();
    let service = auth.clone();
    let outcome = web::block(move || -> Result<RefreshOutcome, ApiError> {
        let auth = service;
        let mut conn = connection(&pool)?;
        let now = auth.now();
        let Some(stored) = sessions::find_refresh_token(&mut conn, &hash_opaque_token(&token))?
        else {
            return Ok(RefreshOutcome::Refused("unknown refresh token"));
        };
        let session = sessions::get(&mut conn, stored.session_id)?;
        let reused = stored.rotated_at.is_some()
            || !sessions::rotate_refresh_token(&mut conn, stored.id, session.id, now)?;
        if reused {
            let revoked = sessions::revoke(&mut conn, session.id, "refresh_reuse", now)?;
            auth.forget_session_checks();
            auth.audit(
                &mut conn,
                events::REFRESH_REUSE,
                Subject {
                    organization_id: Some(session.organization_id),
                    user_id: Some(session.user_id),
                    actor_id: None,
                },
                &client,
                Some(json!({"session_id": session.id, "session_was_active": revoked})),
            )?;
            return Ok(RefreshOutcome::Refused(
                "this refresh token was already used; the session has been ended",
            ));
        }
        if stored.expires_at <= now || !session.is_active(now) {
            return Ok(RefreshOutcome::Refused("the session has ended"));
        }
        let user = users::get(&mut conn, session.user_id)?;
        if !user.is_active() {
            return Ok(RefreshOutcome::Refused("the session has ended"));
        }
        let pair = auth.issue_tokens(&mut conn, &user, &session, now)?;
        Ok(RefreshOutcome::Issued(Box::new((pair, user))))
    })
    .await??;
    match outcome {
        RefreshOutcome::Issued(issued) => {
            let (pair, user) = *issued;
            token_response(&auth, &pair, &user, use_cookies)
        }
        RefreshOutcome::Refused(reason) => {
            let error = ApiError::Unauthenticated(reason.into());
            if use_cookies {
                Ok(with_cleared_cookies(HttpResponse::from_error(error), &auth))
            } else {
                Err(error)
            }
        }
    }
}

/// `response` with the session cookies expired.
fn with_cleared_cookies(mut response: HttpResponse, auth: &AuthService) -> HttpResponse {
    for (name, path, http_only) in [
        (ACCESS_COOKIE, "/", true),
        (REFRESH_COOKIE, AUTH_PATH, true),
        (CSRF_COOKIE, "/", false),
    ] {
        let _ = response.add_cookie(&cookie(auth, name, String::new(), path, http_only, 0));
    }
    response
}

/// Ends the current session.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "Not signed in", body = Problem),
    )
)]
#[post("/auth/logout")]
pub async fn logout(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<HttpResponse, ApiError> {
    let auth = state.auth.clone();
    let client = client_info(&req, &auth);
    let pool = state.pool.clone();
    let service = auth.clone();
    web::block(move || -> Result<(), ApiError> {
        let mut conn = connection(&pool)?;
        sessions::revoke(&mut conn, user.session_id, "logout", service.now())?;
        service.forget_session_checks();
        service.audit(
            &mut conn,
            events::LOGOUT,
            subject_of(&user),
            &client,
            Some(json!({"session_id": user.session_id})),
        )
    })
    .await??;
    let mut response = HttpResponse::NoContent();
    clear_session_cookies(&mut response, &auth);
    Ok(response.finish())
}

/// The audit subject of a signed-in user acting on themself.
pub(crate) fn subject_of(user: &AuthUser) -> Subject {
    Subject {
        organization_id: Some(user.org_id),
        user_id: Some(user.user_id),
        actor_id: None,
    }
}

/// Ends every session of the current user, on every device.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Every session ended"),
        (status = 401, description = "Not signed in", body = Problem),
    )
)]
#[post("/auth/logout-all")]
pub async fn logout_all(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<HttpResponse, ApiError> {
    let auth = state.auth.clone();
    let client = client_info(&req, &auth);
    let pool = state.pool.clone();
    let service = auth.clone();
    web::block(move || -> Result<(), ApiError> {
        let mut conn = connection(&pool)?;
        let ended = sessions::revoke_all_for_user(
            &mut conn,
            user.user_id,
            None,
            "logout_all",
            service.now(),
        )?;
        service.forget_session_checks();
        service.audit(
            &mut conn,
            events::LOGOUT_ALL,
            subject_of(&user),
            &client,
            Some(json!({"sessions_ended": ended})),
        )
    })
    .await??;
    let mut response = HttpResponse::NoContent();
    clear_session_cookies(&mut response, &auth);
    Ok(response.finish())
}

/// The signed-in user, their organization and session.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeResponse {
    /// The user.
    pub user: UserView,
    /// Organization id.
    pub organization_id: Uuid,
    /// Organization name.
    pub organization_name: String,
    /// The current session.
    pub session_id: Uuid,
}

/// Who am I.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The signed-in user", body = MeResponse),
        (status = 401, description = "Not signed in", body = Problem),
    )
)]
#[get("/auth/me")]
pub async fn me(state: web::Data<AppState>, user: AuthUser) -> Result<HttpResponse, ApiError> {
    let pool = state.pool.clone();
    let (stored, organization) = web::block(move || -> Result<_, ApiError> {
        let mut conn = connection(&pool)?;
        let stored = users::get(&mut conn, user.user_id)?;
        let organization = organizations::get(&mut conn, user.org_id)?;
        Ok((stored, organization))
    })
    .await??;
    Ok(HttpResponse::Ok().json(MeResponse {
        user: UserView::of(&stored)?,
        organization_id: organization.id,
        organization_name: organization.name,
        session_id: user.session_id,
    }))
}

/// An existing user to sign in as, without a password (development and test only).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "jane@acme-oil.com"}))]
pub struct DevTokenRequest {
    /// Email of an existing, active user.
    pub email: String,
}

/// Development only: signs in as an existing user without a password. In production this
/// route does not exist (404).
#[utoipa::path(
    tag = "auth",
    request_body = DevTokenRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 404, description = "Production, or no such active user", body = Problem),
    )
)]
#[post("/auth/dev-token")]
pub async fn dev_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: Json<DevTokenRequest>,
) -> Result<HttpResponse, ApiError> {
    let auth = state.auth.clone();
    if auth.is_production() {
        return Err(ApiError::NotFound(format!(
            "no route for POST {}",
            req.path()
        )));
    }
    let client = client_info(&req, &auth);
    let email = body.into_inner().email;
    auth.rate_limit(RateGroup::Login, &client.ip, Some(&email))?;
    let pool = state.pool.clone();
    let service = auth.clone();
    let (pair, user) = web::block(move || -> Result<_, ApiError> {
        let mut conn = connection(&pool)?;
        let user = users::find_by_email(&mut conn, &email)?
            .filter(User::is_active)
            .ok_or_else(|| ApiError::NotFound("no active user with this email".into()))?;
        let pair = service.start_session(&mut conn, &user, &client)?;
        service.audit(
            &mut conn,
            events::LOGIN_SUCCEEDED,
            Subject::user(&user),
            &client,
            Some(json!({"session_id": pair.session_id, "method": "dev_token"})),
        )?;
        Ok((pair, user))
    })
    .await??;
    token_response(&auth, &pair, &user, false)
}
