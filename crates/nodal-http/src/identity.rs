//! Who is calling: the [`AuthUser`] extractor.
//!
//! Credentials come from `Authorization: Bearer <access token>` (API clients) or from the
//! access cookie (browsers). A cookie-authenticated unsafe request (anything but GET, HEAD,
//! OPTIONS) must repeat the CSRF cookie in the `X-CSRF-Token` header (double submit), or it
//! is 403. The token must verify (algorithm, signature, key id, issuer, audience, times),
//! and its session must still be active with an active user: the session is checked in the
//! database, or taken from a check at most `auth.session_check_secs` (≤ 5 s) old, so a
//! revoked session stops working within 5 seconds on every replica (at once on the replica
//! that revoked it). The role is the user's current one.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::{Method, header};
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use nodal_store::accounts::sessions;
use uuid::Uuid;

pub use nodal_auth::Role;

use crate::auth::{ACCESS_COOKIE, CSRF_COOKIE, CSRF_HEADER, parse_role};
use crate::error::ApiError;
use crate::state::AppState;

/// The signed-in user of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuthUser {
    /// The user.
    pub user_id: Uuid,
    /// The user's organization: every resource read or written belongs to it.
    pub org_id: Uuid,
    /// The user's current role.
    pub role: Role,
    /// The session of the access token.
    pub session_id: Uuid,
}

impl AuthUser {
    /// Allows writes to engineers and admins.
    ///
    /// # Errors
    /// 403 for a viewer.
    pub fn require_write(&self) -> Result<(), ApiError> {
        if self.role.can_write() {
            Ok(())
        } else {
            Err(ApiError::Forbidden(
                "viewers can read and run calculations but not change data".into(),
            ))
        }
    }

    /// Allows admins only.
    ///
    /// # Errors
    /// 403 unless the user is an admin.
    pub fn require_admin(&self) -> Result<(), ApiError> {
        if self.role.is_admin() {
            Ok(())
        } else {
            Err(ApiError::Forbidden(
                "only an organization admin may do this".into(),
            ))
        }
    }
}

/// How the request presented its credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialSource {
    /// `Authorization: Bearer`.
    Bearer,
    /// The access cookie.
    Cookie,
}

/// The access token of a request and where it came from, if any.
pub fn presented_token(req: &HttpRequest) -> Option<(String, CredentialSource)> {
    if let Some(value) = req.headers().get(header::AUTHORIZATION) {
        let token = value
            .to_str()
            .ok()
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(|t| t.trim().to_owned())
            .unwrap_or_default();
        return Some((token, CredentialSource::Bearer));
    }
    req.cookie(ACCESS_COOKIE)
        .map(|c| (c.value().to_owned(), CredentialSource::Cookie))
}

/// Whether `method` changes state (needs CSRF protection with cookies).
pub fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Checks the double-submit CSRF token of a cookie-authenticated request.
///
/// # Errors
/// 403 when the header is missing or does not match the cookie.
pub fn check_csrf(req: &HttpRequest) -> Result<(), ApiError> {
    let cookie = req.cookie(CSRF_COOKIE);
    let header = req.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok());
    if nodal_auth::opaque::csrf_matches(cookie.as_ref().map(|c| c.value()), header) {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "cookie-authenticated requests that change state must send the CSRF cookie's value in X-CSRF-Token".into(),
        ))
    }
}

fn unauthenticated(detail: &str) -> ApiError {
    ApiError::Unauthenticated(detail.to_owned())
}

async fn authenticate(req: HttpRequest) -> Result<AuthUser, ApiError> {
    if let Some(user) = req.extensions().get::<AuthUser>() {
        return Ok(*user);
    }
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::Internal("application state missing".into()))?
        .clone();
    let (token, source) = presented_token(&req).ok_or_else(|| {
        unauthenticated("sign in first: send Authorization: Bearer <access token>")
    })?;
    if source == CredentialSource::Cookie && is_unsafe(req.method()) {
        check_csrf(&req)?;
    }
    let auth = state.auth.clone();
    let claims = auth.codec().verify(&token, auth.now()).map_err(|e| {
        tracing::debug!(reason = %e, "access token refused");
        unauthenticated("the access token is not valid; sign in or refresh")
    })?;
    let principal = match auth.cached_principal(claims.session_id) {
        Some(principal) => principal,
        None => {
            let pool = state.pool.clone();
            let (sid, now) = (claims.session_id, auth.now());
            let principal = web::block(move || {
                let mut conn = nodal_store::connection(&pool)?;
                sessions::active_principal(&mut conn, sid, now)
            })
            .await??;
            auth.remember_principal(claims.session_id, principal.clone());
            principal
        }
    };
    let principal = principal
        .filter(|p| p.user_id == claims.user_id)
        .ok_or_else(|| unauthenticated("the session has ended; sign in again"))?;
    let user = AuthUser {
        user_id: principal.user_id,
        org_id: principal.organization_id,
        role: parse_role(&principal.role)?,
        session_id: claims.session_id,
    };
    req.extensions_mut().insert(user);
    Ok(user)
}

impl FromRequest for AuthUser {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { authenticate(req).await.map_err(actix_web::Error::from) })
    }
}
