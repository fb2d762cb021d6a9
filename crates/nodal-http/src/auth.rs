//! The account service: everything the auth routes and the [`crate::identity::AuthUser`]
//! extractor share. Keys, the password hasher, the clock, rate limiters, the short-lived
//! session-check cache, and the blocking operations that combine `nodal-auth` rules with
//! `nodal-store` records (run them inside `web::block`).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use nodal_auth::{
    AccessClaims, Clock, JwtCodec, KeyRing, LockoutPolicy, OpaqueToken, PasswordHasher,
    PasswordPolicy, RateLimit, RateLimiter, Role, TokenCodec,
};
use nodal_store::DbConnection;
use nodal_store::accounts::audit::{self, NewAuditEvent};
use nodal_store::accounts::sessions::{self, NewSession, Principal, Session};
use nodal_store::accounts::users::User;
use uuid::Uuid;

use crate::client_ip::Cidr;
use crate::error::ApiError;
use crate::settings::{AuthSettings, Environment, Secret, Settings};

/// Name of the access-token cookie (browser mode).
pub const ACCESS_COOKIE: &str = "nodal_access";
/// Name of the refresh-token cookie, scoped to [`AUTH_PATH`].
pub const REFRESH_COOKIE: &str = "nodal_refresh";
/// Name of the CSRF cookie, readable by scripts, echoed in [`CSRF_HEADER`].
pub const CSRF_COOKIE: &str = "nodal_csrf";
/// Header that must repeat the CSRF cookie on cookie-authenticated unsafe requests.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// Path of the auth routes (the refresh cookie is sent only there).
pub const AUTH_PATH: &str = "/api/v1/auth";

/// Security event kinds written to the audit log.
pub mod events {
    /// A successful sign-in.
    pub const LOGIN_SUCCEEDED: &str = "login_succeeded";
    /// A failed sign-in (wrong password, unknown email, deactivated user).
    pub const LOGIN_FAILED: &str = "login_failed";
    /// A sign-in refused because the account or IP is locked.
    pub const LOGIN_LOCKED: &str = "login_locked";
    /// A rotated refresh token was presented again: the session was revoked.
    pub const REFRESH_REUSE: &str = "refresh_reuse";
    /// A session ended by its user.
    pub const LOGOUT: &str = "logout";
    /// Every session of a user ended by the user.
    pub const LOGOUT_ALL: &str = "logout_all";
    /// One of the user's sessions ended from the session list.
    pub const SESSION_REVOKED: &str = "session_revoked";
    /// A user changed their password.
    pub const PASSWORD_CHANGED: &str = "password_changed";
    /// A password was set with a one-time token.
    pub const PASSWORD_SET: &str = "password_set";
    /// An admin issued a password-set token.
    pub const PASSWORD_SET_TOKEN_ISSUED: &str = "password_set_token_issued";
    /// An admin created a user.
    pub const USER_CREATED: &str = "user_created";
    /// A user registered themselves.
    pub const USER_REGISTERED: &str = "user_registered";
    /// An admin changed a role.
    pub const ROLE_CHANGED: &str = "role_changed";
    /// An admin deactivated a user.
    pub const USER_DEACTIVATED: &str = "user_deactivated";
    /// An admin reactivated a user.
    pub const USER_REACTIVATED: &str = "user_reactivated";
    /// An admin added an allowed email domain.
    pub const DOMAIN_ADDED: &str = "email_domain_added";
    /// An admin removed an allowed email domain.
    pub const DOMAIN_REMOVED: &str = "email_domain_removed";
}

/// Which route group a rate limit counts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateGroup {
    /// Sign-in (and the development token).
    Login,
    /// Self-registration.
    Register,
    /// Token refresh.
    Refresh,
    /// Password change and set.
    Password,
}

impl RateGroup {
    fn as_str(self) -> &'static str {
        match self {
            RateGroup::Login => "login",
            RateGroup::Register => "register",
            RateGroup::Refresh => "refresh",
            RateGroup::Password => "password",
        }
    }
}

/// Who is asking, for logs and limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientInfo {
    /// Client IP.
    pub ip: String,
    /// User agent, if sent.
    pub user_agent: Option<String>,
}

/// Tokens handed out at sign-in and refresh.
#[derive(Debug, Clone)]
pub struct TokenPair {
    /// The access token (JWT).
    pub access_token: String,
    /// When it expires.
    pub access_expires_at: DateTime<Utc>,
    /// The refresh token (opaque).
    pub refresh_token: String,
    /// When it expires.
    pub refresh_expires_at: DateTime<Utc>,
    /// The session.
    pub session_id: Uuid,
}

/// A session check: when it was made and what it found (`None`: refused).
type SessionCheck = (DateTime<Utc>, Option<Principal>);

/// The account service, shared by all requests through [`crate::AppState`].
pub struct AuthService {
    codec: Arc<dyn TokenCodec>,
    hasher: PasswordHasher,
    policy: PasswordPolicy,
    clock: Arc<dyn Clock>,
    settings: AuthSettings,
    environment: Environment,
    cookies_secure: bool,
    trusted_proxies: Vec<Cidr>,
    ip_limiter: RateLimiter,
    account_limiter: RateLimiter,
    session_checks: Mutex<HashMap<Uuid, SessionCheck>>,
}

impl std::fmt::Debug for AuthService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthService")
            .field("clock", &self.clock)
            .finish_non_exhaustive()
    }
}

fn seconds(secs: u64) -> Duration {
    Duration::seconds(i64::try_from(secs).unwrap_or(i64::MAX / 1000))
}

impl AuthService {
    /// Builds the service from validated settings. An empty secret (only possible when
    /// settings were built in code, not loaded) is replaced by a random one.
    pub fn new(settings: &Settings, clock: Arc<dyn Clock>) -> Self {
        let auth = settings.auth.clone();
        let current = if auth.jwt_secret.expose().len() >= nodal_auth::token::MIN_KEY_BYTES {
            auth.jwt_secret.clone()
        } else {
            Secret::new(OpaqueToken::generate().plain)
        };
        let previous: Vec<&[u8]> = auth
            .jwt_previous_secrets
            .iter()
            .map(|s| s.expose().as_bytes())
            .filter(|s| s.len() >= nodal_auth::token::MIN_KEY_BYTES)
            .collect();
        let ring = KeyRing::new(current.expose().as_bytes(), &previous)
            .or_else(|_| KeyRing::new(OpaqueToken::generate().plain.as_bytes(), &[]));
        let codec: Arc<dyn TokenCodec> = match ring {
            Ok(ring) => Arc::new(JwtCodec::new(
                ring,
                auth.issuer.clone(),
                auth.audience.clone(),
                seconds(auth.clock_leeway_secs),
            )),
            // Unreachable: a generated 43-byte key always makes a ring.
            Err(_) => Arc::new(RefuseAll),
        };
        let window = seconds(auth.rate_limit.window_secs.max(1));
        AuthService {
            codec,
            hasher: PasswordHasher::owasp(),
            policy: PasswordPolicy {
                min_chars: auth.password_min_chars,
            },
            clock,
            environment: settings.environment,
            cookies_secure: settings.cookies_secure(),
            trusted_proxies: auth
                .trusted_proxies
                .iter()
                .filter_map(|p| Cidr::parse(p))
                .collect(),
            ip_limiter: RateLimiter::new(RateLimit {
                max_requests: auth.rate_limit.per_ip,
                per: window,
            }),
            account_limiter: RateLimiter::new(RateLimit {
                max_requests: auth.rate_limit.per_account,
                per: window,
            }),
            session_checks: Mutex::new(HashMap::new()),
            settings: auth,
        }
    }

    /// Now, by the service's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The auth settings.
    pub fn settings(&self) -> &AuthSettings {
        &self.settings
    }

    /// Whether this is a production deployment.
    pub fn is_production(&self) -> bool {
        self.environment == Environment::Production
    }

    /// Whether cookies are marked `Secure`.
    pub fn cookies_secure(&self) -> bool {
        self.cookies_secure
    }

    /// The trusted proxies.
    pub fn trusted_proxies(&self) -> &[Cidr] {
        &self.trusted_proxies
    }

    /// The password hasher.
    pub fn hasher(&self) -> &PasswordHasher {
        &self.hasher
    }

    /// The password policy.
    pub fn policy(&self) -> PasswordPolicy {
        self.policy
    }

    /// The access-token verifier.
    pub fn codec(&self) -> &dyn TokenCodec {
        self.codec.as_ref()
    }

    /// Counts a request of `group` from `ip` (and for `account`, when known).
    ///
    /// # Errors
    /// [`ApiError::RateLimited`] with the wait.
    pub fn rate_limit(
        &self,
        group: RateGroup,
        ip: &str,
        account: Option<&str>,
    ) -> Result<(), ApiError> {
        let now = self.now();
        let limited = |retry_after_secs| ApiError::RateLimited {
            detail: format!(
                "too many {} requests; retry in {retry_after_secs} s",
                group.as_str()
            ),
            retry_after_secs,
        };
        self.ip_limiter
            .check(&format!("{}|{ip}", group.as_str()), now)
            .map_err(limited)?;
        if let Some(account) = account {
            self.account_limiter
                .check(
                    &format!("{}|{}", group.as_str(), account.trim().to_lowercase()),
                    now,
                )
                .map_err(limited)?;
        }
        Ok(())
    }

    /// The account lockout rule.
    pub fn account_lockout(&self) -> LockoutPolicy {
        let l = &self.settings.lockout;
        LockoutPolicy {
            max_failures: l.max_failures,
            window: seconds(l.window_secs),
            lock_for: seconds(l.lock_secs),
        }
    }

    /// The IP block rule.
    pub fn ip_lockout(&self) -> LockoutPolicy {
        LockoutPolicy {
            max_failures: self.settings.lockout.ip_max_failures,
            ..self.account_lockout()
        }
    }

    /// A session check made less than `session_check_secs` ago, if any.
    pub fn cached_principal(&self, session_id: Uuid) -> Option<Option<Principal>> {
        let ttl = seconds(self.settings.session_check_secs);
        if ttl <= Duration::zero() {
            return None;
        }
        let now = self.now();
        let checks = self
            .session_checks
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        checks
            .get(&session_id)
            .filter(|(checked, _)| now - *checked < ttl && *checked <= now)
            .map(|(_, principal)| principal.clone())
    }

    /// Remembers a session check.
    pub fn remember_principal(&self, session_id: Uuid, principal: Option<Principal>) {
        let now = self.now();
        let ttl = seconds(self.settings.session_check_secs);
        let mut checks = self
            .session_checks
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if checks.len() > 10_000 {
            checks.retain(|_, (checked, _)| now - *checked < ttl);
        }
        checks.insert(session_id, (now, principal));
    }

    /// Forgets every cached session check (after a revocation on this replica, so that it
    /// takes effect here at once; other replicas follow within `session_check_secs`).
    pub fn forget_session_checks(&self) {
        self.session_checks
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
    }

    /// Opens a session for `user` and issues its first tokens.
    ///
    /// # Errors
    /// Storage errors; [`ApiError::Internal`] when the role stored is unknown.
    pub fn start_session(
        &self,
        conn: &mut DbConnection,
        user: &User,
        client: &ClientInfo,
    ) -> Result<TokenPair, ApiError> {
        let now = self.now();
        let session = sessions::create(
            conn,
            &NewSession {
                user_id: user.id,
                organization_id: user.organization_id,
                expires_at: now + seconds(self.settings.session_max_age_secs),
                ip: Some(&client.ip),
                user_agent: client.user_agent.as_deref(),
            },
            now,
        )?;
        self.issue_tokens(conn, user, &session, now)
    }

    /// Issues an access token and a new refresh token for an open session.
    ///
    /// # Errors
    /// Storage and signing errors.
    pub fn issue_tokens(
        &self,
        conn: &mut DbConnection,
        user: &User,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<TokenPair, ApiError> {
        let role = parse_role(&user.role)?;
        let access_expires_at = now + seconds(self.settings.access_token_ttl_secs);
        let access_token = self
            .codec
            .issue(&AccessClaims {
                user_id: user.id,
                org_id: user.organization_id,
                role,
                session_id: session.id,
                token_id: Uuid::new_v4(),
                issued_at: now,
                expires_at: access_expires_at,
            })
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        let refresh = OpaqueToken::generate();
        let refresh_expires_at =
            (now + seconds(self.settings.refresh_token_ttl_secs)).min(session.expires_at);
        sessions::add_refresh_token(conn, session.id, &refresh.hash, refresh_expires_at, now)?;
        Ok(TokenPair {
            access_token,
            access_expires_at,
            refresh_token: refresh.plain,
            refresh_expires_at,
            session_id: session.id,
        })
    }

    /// Writes a security event.
    ///
    /// # Errors
    /// Storage errors.
    pub fn audit(
        &self,
        conn: &mut DbConnection,
        kind: &str,
        subject: Subject,
        client: &ClientInfo,
        detail: Option<serde_json::Value>,
    ) -> Result<(), ApiError> {
        let detail = detail.map(|d| d.to_string());
        tracing::info!(
            target: "nodal::audit",
            kind,
            organization_id = ?subject.organization_id,
            user_id = ?subject.user_id,
            actor_id = ?subject.actor_id,
            ip = %client.ip,
            detail = detail.as_deref().unwrap_or(""),
            "security event"
        );
        audit::record(
            conn,
            &NewAuditEvent {
                organization_id: subject.organization_id,
                user_id: subject.user_id,
                actor_id: subject.actor_id,
                kind,
                ip: Some(&client.ip),
                user_agent: client.user_agent.as_deref(),
                detail: detail.as_deref(),
            },
            self.now(),
        )?;
        Ok(())
    }
}

/// Whom an audit event concerns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Subject {
    /// Organization.
    pub organization_id: Option<Uuid>,
    /// User concerned.
    pub user_id: Option<Uuid>,
    /// User who acted, when another.
    pub actor_id: Option<Uuid>,
}

impl Subject {
    /// The user themself.
    pub fn user(user: &User) -> Self {
        Subject {
            organization_id: Some(user.organization_id),
            user_id: Some(user.id),
            actor_id: None,
        }
    }
}

/// A stored role name as a [`Role`].
///
/// # Errors
/// [`ApiError::Internal`]: the database check constraint makes this a defect.
pub fn parse_role(text: &str) -> Result<Role, ApiError> {
    text.parse::<Role>()
        .map_err(|e| ApiError::Internal(format!("stored role: {e}")))
}

/// The client info of a request.
pub fn client_info(req: &actix_web::HttpRequest, service: &AuthService) -> ClientInfo {
    let ip: IpAddr = crate::client_ip::client_ip(req, service.trusted_proxies());
    ClientInfo {
        ip: ip.to_string(),
        user_agent: req
            .headers()
            .get(actix_web::http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
    }
}

/// A codec that refuses everything; stands in only if no key ring can be built.
struct RefuseAll;

impl TokenCodec for RefuseAll {
    fn issue(&self, _: &AccessClaims) -> Result<String, nodal_auth::AuthError> {
        Err(nodal_auth::AuthError::Config("no signing key".into()))
    }

    fn verify(&self, _: &str, _: DateTime<Utc>) -> Result<AccessClaims, nodal_auth::AuthError> {
        Err(nodal_auth::TokenRejection::UnknownKey.into())
    }
}
