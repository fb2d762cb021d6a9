//! Typed, layered, validated configuration.
//!
//! Sources, later ones winning: defaults in code ([`Settings::default`]), `config/default.toml`,
//! `config/{environment}.toml`, then `NODAL__GROUP__KEY` environment variables (for example
//! `NODAL__SERVER__PORT=9000` sets `server.port`). `NODAL_ENV` picks the environment
//! (`development` by default, `test`, `production`); `NODAL_CONFIG_DIR` moves the config folder.
//!
//! [`Settings::validate`] runs at start-up and names the setting and the fix for every problem;
//! in production it refuses insecure settings (SQLite, plaintext database links to a remote
//! host, short or default secrets, CORS `*` with credentials).

use std::fmt;
use std::path::{Path, PathBuf};

use nodal_store::{Backend, DatabaseSettings, TlsMode};
use rand::RngCore;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Shortest secret accepted in production, in bytes.
pub const MIN_SECRET_BYTES: usize = 32;

/// The deployment environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    /// Local development: pretty logs, docs served, a random secret generated when unset.
    #[default]
    Development,
    /// Automated tests.
    Test,
    /// Production: JSON logs, HSTS, PostgreSQL over TLS, secrets required.
    Production,
}

impl Environment {
    /// The environment's name as used in `NODAL_ENV` and the config file name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Development => "development",
            Self::Test => "test",
            Self::Production => "production",
        }
    }

    /// Parses `NODAL_ENV`.
    pub fn parse(value: &str) -> Result<Self, ConfigError> {
        match value.trim().to_ascii_lowercase().as_str() {
            "development" | "dev" => Ok(Self::Development),
            "test" => Ok(Self::Test),
            "production" | "prod" => Ok(Self::Production),
            other => Err(ConfigError::Invalid(vec![Problem::new(
                "NODAL_ENV",
                format!("unknown environment `{other}`: use development, test or production"),
            )])),
        }
    }
}

/// A secret string: never printed by `Debug`, `Display` or serialization.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself. Call only where the value is used, never to log it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether no secret was configured.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn random() -> Self {
        let mut bytes = [0u8; 48];
        rand::rng().fill_bytes(&mut bytes);
        Self(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_empty() { "<unset>" } else { "***" })
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(if self.0.is_empty() { "" } else { "***" })
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self)
    }
}

/// HTTP listener and request handling.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerSettings {
    /// Bind address (`NODAL__SERVER__HOST`).
    pub host: String,
    /// Bind port (`NODAL__SERVER__PORT`).
    pub port: u16,
    /// Worker threads; 0 means one per CPU core.
    pub workers: usize,
    /// Largest accepted request body, bytes.
    pub body_limit_bytes: usize,
    /// Keep-alive for idle connections, seconds (0 disables keep-alive).
    pub keep_alive_secs: u64,
    /// Time allowed to receive a request's head, seconds.
    pub client_request_timeout_secs: u64,
    /// On SIGTERM/SIGINT, how long in-flight requests may take to finish, seconds.
    pub shutdown_grace_secs: u64,
}

impl Default for ServerSettings {
    fn default() -> Self {
        Self {
            host: "127.0.0.1".into(),
            port: 8080,
            workers: 0,
            body_limit_bytes: 2 * 1024 * 1024,
            keep_alive_secs: 75,
            client_request_timeout_secs: 10,
            shutdown_grace_secs: 30,
        }
    }
}

/// Log output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable, coloured when on a terminal.
    Pretty,
    /// One JSON object per line, for log shippers.
    Json,
}

/// Logging.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogSettings {
    /// `tracing` filter directive, e.g. `info` or `info,nodal_store=debug`. `RUST_LOG` wins
    /// when set.
    pub level: String,
    /// Output format; defaults to `pretty` in development and `json` in production.
    pub format: Option<LogFormat>,
}

impl Default for LogSettings {
    fn default() -> Self {
        Self {
            level: "info".into(),
            format: None,
        }
    }
}

/// Cross-origin resource sharing.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct CorsSettings {
    /// Allowed origins (`https://app.example.com`), or `*`. Empty: no cross-origin access.
    /// From the environment, a comma-separated list.
    #[serde(deserialize_with = "string_or_list")]
    pub allowed_origins: Vec<String>,
    /// Whether browsers may send cookies cross-origin.
    pub allow_credentials: bool,
    /// How long browsers may cache a preflight answer, seconds.
    pub max_age_secs: usize,
}

/// API documentation (OpenAPI document and Swagger UI).
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct DocsSettings {
    /// Serve `/api/v1/openapi.json` and `/docs`. Unset: served in development and test,
    /// hidden in production.
    pub public: Option<bool>,
}

/// Response hardening and deployment-safety switches.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SecuritySettings {
    /// Send `Strict-Transport-Security`. Unset: on in production only.
    pub hsts: Option<bool>,
    /// HSTS `max-age`, seconds.
    pub hsts_max_age_secs: u64,
    /// Allow a non-TLS PostgreSQL link to a non-local host in production (only for a pooler
    /// on a private link that terminates TLS itself). Off by default.
    pub allow_plaintext_database: bool,
}

impl Default for SecuritySettings {
    fn default() -> Self {
        Self {
            hsts: None,
            hsts_max_age_secs: 31_536_000,
            allow_plaintext_database: false,
        }
    }
}

/// Requests allowed per client IP and per account on the sign-in, registration, refresh and
/// password routes (each route group counts separately).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct RateLimitSettings {
    /// Requests per window from one client IP (0 disables).
    pub per_ip: u32,
    /// Requests per window for one account (email) (0 disables).
    pub per_account: u32,
    /// The window, seconds.
    pub window_secs: u64,
}

impl Default for RateLimitSettings {
    fn default() -> Self {
        Self {
            per_ip: 30,
            per_account: 10,
            window_secs: 60,
        }
    }
}

/// Temporary locks after repeated failed sign-ins.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct LockoutSettings {
    /// Failed sign-ins for one account within the window that lock it (0 disables).
    pub max_failures: u32,
    /// Failed sign-ins from one IP, across accounts, within the window that block it
    /// (0 disables).
    pub ip_max_failures: u32,
    /// How far back failures count, seconds.
    pub window_secs: u64,
    /// How long a lock or block lasts after the latest failure, seconds.
    pub lock_secs: u64,
}

impl Default for LockoutSettings {
    fn default() -> Self {
        Self {
            max_failures: 5,
            ip_max_failures: 50,
            window_secs: 900,
            lock_secs: 900,
        }
    }
}

/// `SameSite` attribute of the session cookies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SameSite {
    /// Sent only on same-site requests.
    Strict,
    /// Also sent on top-level navigations from other sites.
    Lax,
}

/// Accounts, tokens and sessions.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuthSettings {
    /// HMAC secret that signs access tokens (`NODAL__AUTH__JWT_SECRET`), at least 32 bytes in
    /// production. Generated at random in development when unset.
    pub jwt_secret: Secret,
    /// Earlier secrets that still verify tokens during a rotation (comma-separated from the
    /// environment). Remove them once the access-token lifetime has passed.
    #[serde(deserialize_with = "secret_list")]
    pub jwt_previous_secrets: Vec<Secret>,
    /// `iss` of access tokens.
    pub issuer: String,
    /// `aud` of access tokens.
    pub audience: String,
    /// Access-token lifetime, seconds.
    pub access_token_ttl_secs: u64,
    /// Refresh-token lifetime, seconds (renewed on each refresh, up to the session cap).
    pub refresh_token_ttl_secs: u64,
    /// Absolute cap on a session, seconds: after it, the user signs in again.
    pub session_max_age_secs: u64,
    /// Tolerated clock drift when checking token times, seconds.
    pub clock_leeway_secs: u64,
    /// How long a session check may be reused, seconds (at most 5): a revoked session's
    /// access token is refused within this time on every replica.
    pub session_check_secs: u64,
    /// Fewest characters in a password.
    pub password_min_chars: usize,
    /// Lifetime of an admin-issued password-set token, seconds.
    pub password_set_token_ttl_secs: u64,
    /// Allow self-registration for emails of an organization's allowed domains.
    pub registration_enabled: bool,
    /// Mark cookies `Secure`. Unset: on except in development.
    pub cookie_secure: Option<bool>,
    /// `SameSite` of the cookies.
    pub cookie_same_site: SameSite,
    /// Proxies (IPs or CIDR ranges) whose `X-Forwarded-For` is believed; from the
    /// environment, comma-separated. Empty: the socket peer is the client.
    #[serde(deserialize_with = "string_or_list")]
    pub trusted_proxies: Vec<String>,
    /// Rate limits.
    pub rate_limit: RateLimitSettings,
    /// Lockout.
    pub lockout: LockoutSettings,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            jwt_secret: Secret::default(),
            jwt_previous_secrets: Vec::new(),
            issuer: "nodal".into(),
            audience: "nodal-api".into(),
            access_token_ttl_secs: 900,
            refresh_token_ttl_secs: 14 * 86_400,
            session_max_age_secs: 30 * 86_400,
            clock_leeway_secs: 30,
            session_check_secs: 5,
            password_min_chars: 12,
            password_set_token_ttl_secs: 3 * 86_400,
            registration_enabled: false,
            cookie_secure: None,
            cookie_same_site: SameSite::Strict,
            trusted_proxies: Vec::new(),
            rate_limit: RateLimitSettings::default(),
            lockout: LockoutSettings::default(),
        }
    }
}

/// The calculation cache (see `nodal-cache`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct CacheSettings {
    /// Cache calculation results. Off: every request computes.
    pub enabled: bool,
    /// Most entries held in memory.
    pub max_entries: usize,
    /// Most memory for cached results, approximate bytes (keys, bodies and bookkeeping).
    pub max_bytes: u64,
    /// How long a result stays valid, seconds.
    pub ttl_secs: u64,
    /// `redis://[user:password@]host:port[/db]` for a shared tier between replicas. Empty:
    /// memory only. A Redis outage never fails a request; it degrades to memory with a
    /// warning.
    pub redis_url: Secret,
    /// Prefix of every Redis key.
    pub redis_key_prefix: String,
    /// Connect, read and write timeout of each Redis operation, milliseconds.
    pub redis_timeout_ms: u64,
}

impl Default for CacheSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            max_entries: 10_000,
            max_bytes: 32 * 1024 * 1024,
            ttl_secs: 3600,
            redis_url: Secret::default(),
            redis_key_prefix: "nodal:cache:".into(),
            redis_timeout_ms: 250,
        }
    }
}

impl CacheSettings {
    /// The `nodal-cache` configuration, keyed to `engine_version`.
    pub fn cache_config(&self, engine_version: &str) -> nodal_cache::CacheConfig {
        nodal_cache::CacheConfig {
            enabled: self.enabled,
            max_entries: self.max_entries,
            max_bytes: self.max_bytes,
            ttl: std::time::Duration::from_secs(self.ttl_secs),
            redis_url: (!self.redis_url.is_empty()).then(|| self.redis_url.expose().to_owned()),
            redis_key_prefix: self.redis_key_prefix.clone(),
            redis_timeout: std::time::Duration::from_millis(self.redis_timeout_ms),
            redis_retry_after: nodal_cache::SHARED_TIER_RETRY_AFTER,
            engine_version: engine_version.to_owned(),
        }
    }
}

/// The Prometheus metrics endpoint.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct MetricsSettings {
    /// Serve `GET /metrics` (Prometheus text format).
    pub enabled: bool,
    /// Serve `/metrics` on this port only, on a separate listener, instead of on the API
    /// port. Unset: on the API port.
    pub port: Option<u16>,
    /// Bind address of the separate metrics listener. Unset: `server.host`.
    pub host: Option<String>,
}

impl Default for MetricsSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            port: None,
            host: None,
        }
    }
}

/// The periodic deletion of records past their retention (ended sessions, old audit events,
/// old failed sign-ins).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct HousekeepingSettings {
    /// Run the passes at all. Turn off only where an outside job does the same.
    pub enabled: bool,
    /// Time between passes, seconds (the first runs one interval after start).
    pub interval_secs: u64,
    /// Keep audit events this many days (0 keeps them forever).
    pub audit_retention_days: u32,
    /// Keep sessions and password-set tokens this many days after they ended (expired, were
    /// revoked or were used), so admins still see recent sign-ins.
    pub ended_session_retention_days: u32,
}

impl Default for HousekeepingSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            interval_secs: 3600,
            audit_retention_days: 365,
            ended_session_retention_days: 30,
        }
    }
}

/// All of Nodal's configuration.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Deployment environment, from `NODAL_ENV`.
    #[serde(skip)]
    pub environment: Environment,
    /// HTTP listener.
    pub server: ServerSettings,
    /// Database connection and pool.
    pub database: DatabaseSettings,
    /// Logging.
    pub log: LogSettings,
    /// CORS.
    pub cors: CorsSettings,
    /// OpenAPI and Swagger UI.
    pub docs: DocsSettings,
    /// Security headers and switches.
    pub security: SecuritySettings,
    /// Accounts, tokens, sessions and abuse limits.
    pub auth: AuthSettings,
    /// Calculation cache.
    pub cache: CacheSettings,
    /// Prometheus metrics.
    pub metrics: MetricsSettings,
    /// Deletion of records past their retention.
    pub housekeeping: HousekeepingSettings,
}

/// A single configuration problem: the setting and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The setting, as a dotted path (`database.url`) or environment variable name.
    pub setting: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl Problem {
    fn new(setting: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            setting: setting.into(),
            message: message.into(),
        }
    }
}

/// Why configuration could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A source could not be read or parsed.
    #[error("cannot read configuration: {0}")]
    Load(String),
    /// Settings were read but are invalid or unsafe.
    #[error("invalid configuration:\n{}", render_problems(.0))]
    Invalid(Vec<Problem>),
}

fn render_problems(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  - {}: {}", p.setting, p.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What loading did besides producing settings, to be logged once logging is up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadNotes {
    /// A random development secret was generated because none was configured.
    pub generated_secret: bool,
    /// Configuration files that were found and read.
    pub files_read: Vec<PathBuf>,
}

impl Settings {
    /// Loads settings for the environment named by `NODAL_ENV` from `NODAL_CONFIG_DIR`
    /// (default `config`) and the process environment, then validates them.
    pub fn load() -> Result<(Self, LoadNotes), ConfigError> {
        let environment = match std::env::var("NODAL_ENV") {
            Ok(value) => Environment::parse(&value)?,
            Err(_) => Environment::Development,
        };
        let dir = std::env::var_os("NODAL_CONFIG_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("config"));
        Self::load_from(environment, &dir, std::env::vars())
    }

    /// Loads settings from explicit sources: the environment, the config folder and a set of
    /// environment variables (only `NODAL__*` ones are read). Used by [`Settings::load`] and
    /// by tests.
    pub fn load_from(
        environment: Environment,
        config_dir: &Path,
        vars: impl IntoIterator<Item = (String, String)>,
    ) -> Result<(Self, LoadNotes), ConfigError> {
        let mut notes = LoadNotes::default();
        let defaults = config::Config::try_from(&Settings::default())
            .map_err(|e| ConfigError::Load(e.to_string()))?;
        let mut builder = config::Config::builder().add_source(defaults);
        for name in ["default", environment.as_str()] {
            let path = config_dir.join(format!("{name}.toml"));
            if path.is_file() {
                builder = builder
                    .add_source(config::File::from(path.clone()).format(config::FileFormat::Toml));
                notes.files_read.push(path);
            }
        }
        let env_map: config::Map<String, String> = vars
            .into_iter()
            .filter(|(k, _)| k.starts_with("NODAL__"))
            .collect();
        builder = builder.add_source(
            config::Environment::with_prefix("NODAL")
                .prefix_separator("__")
                .separator("__")
                .source(Some(env_map)),
        );
        let raw = builder
            .build()
            .map_err(|e| ConfigError::Load(e.to_string()))?;
        let mut settings: Settings = raw
            .try_deserialize()
            .map_err(|e| ConfigError::Load(e.to_string()))?;
        settings.environment = environment;
        if settings.auth.jwt_secret.is_empty() && environment != Environment::Production {
            settings.auth.jwt_secret = Secret::random();
            notes.generated_secret = true;
        }
        settings.validate()?;
        Ok((settings, notes))
    }

    /// Checks every setting; in production also refuses insecure ones. Each problem names
    /// the setting and the fix.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let mut problems = Vec::new();
        let s = &self.server;
        if s.host.trim().is_empty() {
            problems.push(Problem::new(
                "server.host",
                "must not be empty (e.g. 127.0.0.1, or 0.0.0.0 in a container)",
            ));
        }
        if s.port == 0 {
            problems.push(Problem::new("server.port", "must be between 1 and 65535"));
        }
        if s.workers > 512 {
            problems.push(Problem::new(
                "server.workers",
                "must be at most 512 (0 means one per CPU core)",
            ));
        }
        if !(1024..=256 * 1024 * 1024).contains(&s.body_limit_bytes) {
            problems.push(Problem::new(
                "server.body_limit_bytes",
                "must be between 1 KiB (1024) and 256 MiB (268435456)",
            ));
        }
        if s.keep_alive_secs > 3600 {
            problems.push(Problem::new(
                "server.keep_alive_secs",
                "must be at most 3600 seconds",
            ));
        }
        if !(1..=300).contains(&s.client_request_timeout_secs) {
            problems.push(Problem::new(
                "server.client_request_timeout_secs",
                "must be between 1 and 300 seconds",
            ));
        }
        if s.shutdown_grace_secs > 600 {
            problems.push(Problem::new(
                "server.shutdown_grace_secs",
                "must be at most 600 seconds",
            ));
        }
        if let Err(errors) = self.database.validate() {
            problems.extend(
                errors
                    .into_iter()
                    .map(|e| Problem::new(format!("database.{}", e.field), e.message)),
            );
        }
        if self.log.level.trim().is_empty() {
            problems.push(Problem::new(
                "log.level",
                "must not be empty (e.g. info, or info,nodal_store=debug)",
            ));
        }
        let wildcard = self.cors.allowed_origins.iter().any(|o| o == "*");
        if wildcard && self.cors.allow_credentials {
            problems.push(Problem::new(
                "cors.allowed_origins",
                "`*` cannot be combined with cors.allow_credentials = true: list the origins",
            ));
        }
        for origin in &self.cors.allowed_origins {
            if origin != "*" && !(origin.starts_with("https://") || origin.starts_with("http://")) {
                problems.push(Problem::new(
                    "cors.allowed_origins",
                    format!("`{origin}` is not an origin: use scheme://host[:port]"),
                ));
            }
        }
        self.auth_problems(&mut problems);
        self.cache_and_metrics_problems(&mut problems);
        self.housekeeping_problems(&mut problems);
        if self.environment == Environment::Production {
            self.production_problems(&mut problems);
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(ConfigError::Invalid(problems))
        }
    }

    fn cache_and_metrics_problems(&self, problems: &mut Vec<Problem>) {
        let c = &self.cache;
        if !(1..=10_000_000).contains(&c.max_entries) {
            problems.push(Problem::new(
                "cache.max_entries",
                "must be between 1 and 10000000",
            ));
        }
        if !(1024 * 1024..=64 * 1024 * 1024 * 1024).contains(&c.max_bytes) {
            problems.push(Problem::new(
                "cache.max_bytes",
                "must be between 1048576 (1 MiB) and 68719476736 (64 GiB)",
            ));
        }
        if !(1..=30 * 86_400).contains(&c.ttl_secs) {
            problems.push(Problem::new(
                "cache.ttl_secs",
                "must be between 1 second and 30 days (2592000)",
            ));
        }
        if !(1..=10_000).contains(&c.redis_timeout_ms) {
            problems.push(Problem::new(
                "cache.redis_timeout_ms",
                "must be between 1 and 10000 milliseconds",
            ));
        }
        let url = c.redis_url.expose();
        if !url.is_empty() && !url.starts_with("redis://") {
            problems.push(Problem::new(
                "cache.redis_url",
                "must be a redis://host:port[/db] URL (TLS links are not supported: use a local \
                 TLS proxy)",
            ));
        } else if let Some(Err(e)) = (!url.is_empty()).then(|| nodal_cache::check_redis_url(url)) {
            problems.push(Problem::new(
                "cache.redis_url",
                format!("is not a valid redis:// URL: {e}"),
            ));
        }
        if c.redis_key_prefix.is_empty() || c.redis_key_prefix.len() > 64 {
            problems.push(Problem::new(
                "cache.redis_key_prefix",
                "must be 1 to 64 characters",
            ));
        }
        if let Some(port) = self.metrics.port {
            if port == 0 {
                problems.push(Problem::new("metrics.port", "must be between 1 and 65535"));
            } else if port == self.server.port {
                problems.push(Problem::new(
                    "metrics.port",
                    "must differ from server.port (leave it unset to serve /metrics on the API port)",
                ));
            }
        }
        if self
            .metrics
            .host
            .as_deref()
            .is_some_and(|h| h.trim().is_empty())
        {
            problems.push(Problem::new("metrics.host", "must not be empty when set"));
        }
    }

    fn housekeeping_problems(&self, problems: &mut Vec<Problem>) {
        let h = &self.housekeeping;
        if !(60..=7 * 86_400).contains(&h.interval_secs) {
            problems.push(Problem::new(
                "housekeeping.interval_secs",
                "must be between 60 seconds and 7 days (604800)",
            ));
        }
        if h.audit_retention_days > 36_500 {
            problems.push(Problem::new(
                "housekeeping.audit_retention_days",
                "must be at most 36500 (100 years); 0 keeps audit events forever",
            ));
        }
        if !(1..=3650).contains(&h.ended_session_retention_days) {
            problems.push(Problem::new(
                "housekeeping.ended_session_retention_days",
                "must be between 1 and 3650 days",
            ));
        }
    }

    /// Whether `/metrics` is served on the API listener.
    pub fn metrics_on_api_port(&self) -> bool {
        self.metrics.enabled && self.metrics.port.is_none()
    }

    fn auth_problems(&self, problems: &mut Vec<Problem>) {
        let a = &self.auth;
        if a.issuer.trim().is_empty() {
            problems.push(Problem::new("auth.issuer", "must not be empty"));
        }
        if a.audience.trim().is_empty() {
            problems.push(Problem::new("auth.audience", "must not be empty"));
        }
        if !(60..=86_400).contains(&a.access_token_ttl_secs) {
            problems.push(Problem::new(
                "auth.access_token_ttl_secs",
                "must be between 60 and 86400 seconds",
            ));
        }
        if a.refresh_token_ttl_secs < a.access_token_ttl_secs {
            problems.push(Problem::new(
                "auth.refresh_token_ttl_secs",
                "must be at least auth.access_token_ttl_secs",
            ));
        }
        if a.session_max_age_secs < a.refresh_token_ttl_secs {
            problems.push(Problem::new(
                "auth.session_max_age_secs",
                "must be at least auth.refresh_token_ttl_secs",
            ));
        }
        if a.clock_leeway_secs > 300 {
            problems.push(Problem::new(
                "auth.clock_leeway_secs",
                "must be at most 300 seconds",
            ));
        }
        if a.session_check_secs > 5 {
            problems.push(Problem::new(
                "auth.session_check_secs",
                "must be at most 5 seconds (revoked sessions must stop within 5 s)",
            ));
        }
        if !(8..=128).contains(&a.password_min_chars) {
            problems.push(Problem::new(
                "auth.password_min_chars",
                "must be between 8 and 128",
            ));
        }
        if a.rate_limit.window_secs == 0 {
            problems.push(Problem::new(
                "auth.rate_limit.window_secs",
                "must be at least 1 second",
            ));
        }
        if a.lockout.window_secs == 0 || a.lockout.lock_secs == 0 {
            problems.push(Problem::new(
                "auth.lockout",
                "window_secs and lock_secs must be at least 1 second",
            ));
        }
        for proxy in &a.trusted_proxies {
            if crate::client_ip::Cidr::parse(proxy).is_none() {
                problems.push(Problem::new(
                    "auth.trusted_proxies",
                    format!("`{proxy}` is not an IP address or CIDR range"),
                ));
            }
        }
        for (i, secret) in a.jwt_previous_secrets.iter().enumerate() {
            if secret.expose().len() < nodal_auth::token::MIN_KEY_BYTES {
                problems.push(Problem::new(
                    format!("auth.jwt_previous_secrets[{i}]"),
                    "is too short to be a secret that ever signed tokens",
                ));
            }
        }
    }

    /// Whether cookies are marked `Secure`.
    pub fn cookies_secure(&self) -> bool {
        self.auth
            .cookie_secure
            .unwrap_or(self.environment != Environment::Development)
    }

    fn production_problems(&self, problems: &mut Vec<Problem>) {
        match self.database.backend() {
            Ok(Backend::Postgres) => {
                let plaintext =
                    matches!(self.database.tls_mode, TlsMode::Disable | TlsMode::Prefer);
                if plaintext
                    && !self.database.host_is_local()
                    && !self.security.allow_plaintext_database
                {
                    problems.push(Problem::new(
                        "database.tls_mode",
                        "production needs TLS to a non-local database: set require or verify-full \
                         (or security.allow_plaintext_database = true for a pooler on a private link)",
                    ));
                }
            }
            Ok(Backend::Sqlite) => problems.push(Problem::new(
                "database.url",
                "production needs PostgreSQL: set NODAL__DATABASE__URL=postgres://...",
            )),
            Err(_) => {}
        }
        let secret = self.auth.jwt_secret.expose();
        if secret.len() < MIN_SECRET_BYTES {
            problems.push(Problem::new(
                "auth.jwt_secret",
                format!(
                    "production needs a secret of at least {MIN_SECRET_BYTES} bytes: set NODAL__AUTH__JWT_SECRET (e.g. from `openssl rand -hex 32`)"
                ),
            ));
        } else if is_placeholder_secret(secret) {
            problems.push(Problem::new(
                "auth.jwt_secret",
                "is a placeholder or low-entropy value: generate one with `openssl rand -hex 32`",
            ));
        }
        if self.cors.allowed_origins.iter().any(|o| o == "*") {
            problems.push(Problem::new(
                "cors.allowed_origins",
                "`*` is not allowed in production: list the origins",
            ));
        }
        if self.security.hsts == Some(false) {
            problems.push(Problem::new(
                "security.hsts",
                "HSTS cannot be turned off in production",
            ));
        }
        if self.auth.cookie_secure == Some(false) {
            problems.push(Problem::new(
                "auth.cookie_secure",
                "cookies must be Secure in production",
            ));
        }
    }

    /// Whether the OpenAPI document and Swagger UI are served.
    pub fn docs_served(&self) -> bool {
        self.docs
            .public
            .unwrap_or(self.environment != Environment::Production)
    }

    /// Whether to send `Strict-Transport-Security`.
    pub fn hsts_enabled(&self) -> bool {
        self.security
            .hsts
            .unwrap_or(self.environment == Environment::Production)
    }

    /// The log format in force.
    pub fn log_format(&self) -> LogFormat {
        self.log.format.unwrap_or(match self.environment {
            Environment::Production => LogFormat::Json,
            _ => LogFormat::Pretty,
        })
    }

    /// A one-line, secret-free summary for the start-up log.
    pub fn summary(&self) -> String {
        format!(
            "environment={} listen={}:{} workers={} database={} pool_max={} tls_mode={:?} docs={} hsts={} cors_origins={:?} body_limit_bytes={} shutdown_grace_secs={} cache={} cache_max_entries={} cache_max_bytes={} cache_ttl_secs={} cache_redis={} metrics={} housekeeping={}",
            self.environment.as_str(),
            self.server.host,
            self.server.port,
            if self.server.workers == 0 {
                "auto".to_string()
            } else {
                self.server.workers.to_string()
            },
            self.database.redacted_url(),
            self.database.effective_pool_max_size(),
            self.database.tls_mode,
            self.docs_served(),
            self.hsts_enabled(),
            self.cors.allowed_origins,
            self.server.body_limit_bytes,
            self.server.shutdown_grace_secs,
            self.cache.enabled,
            self.cache.max_entries,
            self.cache.max_bytes,
            self.cache.ttl_secs,
            !self.cache.redis_url.is_empty(),
            match (self.metrics.enabled, self.metrics.port) {
                (false, _) => "off".to_string(),
                (true, None) => "api-port".to_string(),
                (true, Some(port)) => format!("port-{port}"),
            },
            if self.housekeeping.enabled {
                format!("every-{}s", self.housekeeping.interval_secs)
            } else {
                "off".to_string()
            },
        )
    }
}

/// Rejects secrets that are obviously not random: placeholders from examples, or a single
/// repeated character.
fn is_placeholder_secret(secret: &str) -> bool {
    let lower = secret.to_ascii_lowercase();
    let placeholders = [
        "changeme",
        "change-me",
        "change_me",
        "secret",
        "example",
        "password",
    ];
    if placeholders.iter().any(|p| lower.contains(p)) {
        return true;
    }
    let mut distinct: Vec<char> = secret.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    distinct.len() < 8
}

fn secret_list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Secret>, D::Error> {
    Ok(string_or_list(deserializer)?
        .into_iter()
        .map(Secret::new)
        .collect())
}

fn string_or_list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum StringOrList {
        One(String),
        Many(Vec<String>),
    }
    Ok(match StringOrList::deserialize(deserializer)? {
        StringOrList::One(s) => s
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        StringOrList::Many(list) => list,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn load(env: Environment, pairs: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let dir = tempfile::tempdir().unwrap();
        Settings::load_from(env, dir.path(), vars(pairs)).map(|(s, _)| s)
    }

    fn problems(err: ConfigError) -> Vec<Problem> {
        match err {
            ConfigError::Invalid(p) => p,
            other => panic!("expected invalid configuration, got {other}"),
        }
    }

    const GOOD_SECRET: &str = "3f9a1c7e5b2d4f6081a3c5e7f9b1d3e5a7c9e1f3b5d7f9a1";

    fn production_ok() -> Vec<(&'static str, &'static str)> {
        vec![
            (
                "NODAL__DATABASE__URL",
                "postgres://nodal:pw@db.internal:5432/nodal",
            ),
            ("NODAL__DATABASE__TLS_MODE", "verify-full"),
            ("NODAL__AUTH__JWT_SECRET", GOOD_SECRET),
        ]
    }

    #[test]
    fn defaults_listen_on_loopback_8080_with_sqlite() {
        let s = load(Environment::Development, &[]).unwrap();
        assert_eq!(s.server.host, "127.0.0.1");
        assert_eq!(s.server.port, 8080);
        assert_eq!(s.database.backend().unwrap(), Backend::Sqlite);
        assert!(s.docs_served());
        assert!(!s.hsts_enabled());
        assert_eq!(s.log_format(), LogFormat::Pretty);
    }

    #[test]
    fn development_generates_a_secret_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let (s, notes) = Settings::load_from(Environment::Development, dir.path(), vec![]).unwrap();
        assert!(notes.generated_secret);
        assert!(s.auth.jwt_secret.expose().len() >= MIN_SECRET_BYTES);
    }

    #[test]
    fn env_vars_override_files_which_override_defaults() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("default.toml"),
            "[server]\nport = 9000\nhost = \"0.0.0.0\"\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("test.toml"), "[server]\nport = 9100\n").unwrap();
        let (s, notes) = Settings::load_from(
            Environment::Test,
            dir.path(),
            vars(&[
                ("NODAL__SERVER__PORT", "9200"),
                ("OTHER__SERVER__PORT", "1"),
            ]),
        )
        .unwrap();
        assert_eq!(s.server.port, 9200);
        assert_eq!(s.server.host, "0.0.0.0");
        assert_eq!(notes.files_read.len(), 2);
    }

    #[test]
    fn env_strings_are_not_mangled_into_numbers() {
        // A secret made of digits with leading zeros must arrive as written.
        let secret = "00123456789012345678901234567890123456789";
        let s = load(Environment::Test, &[("NODAL__AUTH__JWT_SECRET", secret)]).unwrap();
        assert_eq!(s.auth.jwt_secret.expose(), secret);
    }

    #[test]
    fn cors_origins_from_a_comma_separated_env_var() {
        let s = load(
            Environment::Development,
            &[(
                "NODAL__CORS__ALLOWED_ORIGINS",
                "https://a.example.com, https://b.example.com",
            )],
        )
        .unwrap();
        assert_eq!(
            s.cors.allowed_origins,
            vec!["https://a.example.com", "https://b.example.com"]
        );
    }

    #[test]
    fn out_of_range_values_name_the_setting() {
        let err = load(
            Environment::Development,
            &[
                ("NODAL__SERVER__PORT", "0"),
                ("NODAL__SERVER__BODY_LIMIT_BYTES", "10"),
                ("NODAL__SERVER__SHUTDOWN_GRACE_SECS", "100000"),
            ],
        )
        .unwrap_err();
        let settings: Vec<String> = problems(err).into_iter().map(|p| p.setting).collect();
        assert!(settings.contains(&"server.port".to_string()));
        assert!(settings.contains(&"server.body_limit_bytes".to_string()));
        assert!(settings.contains(&"server.shutdown_grace_secs".to_string()));
    }

    #[test]
    fn unknown_keys_and_bad_types_are_load_errors() {
        let err = load(
            Environment::Development,
            &[("NODAL__SERVER__PORT", "eighty")],
        )
        .unwrap_err();
        assert!(matches!(err, ConfigError::Load(_)), "{err}");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("default.toml"), "[server]\nprot = 1\n").unwrap();
        let err = Settings::load_from(Environment::Development, dir.path(), vec![]).unwrap_err();
        assert!(err.to_string().contains("prot"), "{err}");
    }

    #[test]
    fn cache_and_metrics_defaults_and_overrides() {
        let s = load(Environment::Development, &[]).unwrap();
        assert!(s.cache.enabled);
        assert_eq!(s.cache.max_entries, 10_000);
        assert_eq!(s.cache.max_bytes, 32 * 1024 * 1024);
        assert!(s.cache.redis_url.is_empty());
        assert!(s.metrics_on_api_port());
        let s = load(
            Environment::Development,
            &[
                ("NODAL__CACHE__ENABLED", "false"),
                ("NODAL__CACHE__TTL_SECS", "60"),
                (
                    "NODAL__CACHE__REDIS_URL",
                    "redis://:pw@cache.internal:6379/2",
                ),
                ("NODAL__METRICS__PORT", "9464"),
            ],
        )
        .unwrap();
        let config = s.cache.cache_config("9.9.9");
        assert!(!config.enabled);
        assert_eq!(config.ttl, std::time::Duration::from_secs(60));
        assert_eq!(
            config.redis_url.as_deref(),
            Some("redis://:pw@cache.internal:6379/2")
        );
        assert_eq!(config.engine_version, "9.9.9");
        assert!(!s.metrics_on_api_port());
        assert!(!format!("{s:?}").contains(":pw@"));
        assert!(!s.summary().contains(":pw@"));
    }

    #[test]
    fn housekeeping_defaults_overrides_and_limits() {
        let s = load(Environment::Production, &production_ok()).unwrap();
        assert_eq!(s.housekeeping, HousekeepingSettings::default());
        assert!(s.housekeeping.enabled);
        assert_eq!(s.housekeeping.audit_retention_days, 365);
        assert!(s.summary().contains("housekeeping=every-3600s"));
        let s = load(
            Environment::Development,
            &[
                ("NODAL__HOUSEKEEPING__INTERVAL_SECS", "600"),
                ("NODAL__HOUSEKEEPING__AUDIT_RETENTION_DAYS", "0"),
            ],
        )
        .unwrap();
        assert_eq!(s.housekeeping.interval_secs, 600);
        assert_eq!(s.housekeeping.audit_retention_days, 0);
        let err = load(
            Environment::Development,
            &[
                ("NODAL__HOUSEKEEPING__INTERVAL_SECS", "5"),
                ("NODAL__HOUSEKEEPING__AUDIT_RETENTION_DAYS", "40000"),
                ("NODAL__HOUSEKEEPING__ENDED_SESSION_RETENTION_DAYS", "0"),
            ],
        )
        .unwrap_err();
        let settings: Vec<String> = problems(err).into_iter().map(|p| p.setting).collect();
        assert_eq!(
            settings,
            [
                "housekeeping.interval_secs",
                "housekeeping.audit_retention_days",
                "housekeeping.ended_session_retention_days"
            ]
        );
    }

    #[test]
    fn cache_and_metrics_limits_name_the_setting() {
        let err = load(
            Environment::Development,
            &[
                ("NODAL__CACHE__MAX_ENTRIES", "0"),
                ("NODAL__CACHE__MAX_BYTES", "1000"),
                ("NODAL__CACHE__TTL_SECS", "0"),
                ("NODAL__CACHE__REDIS_URL", "http://cache:6379"),
                ("NODAL__CACHE__REDIS_TIMEOUT_MS", "0"),
                ("NODAL__CACHE__REDIS_KEY_PREFIX", ""),
                ("NODAL__METRICS__PORT", "8080"),
            ],
        )
        .unwrap_err();
        let settings: Vec<String> = problems(err).into_iter().map(|p| p.setting).collect();
        for expected in [
            "cache.max_entries",
            "cache.max_bytes",
            "cache.ttl_secs",
            "cache.redis_url",
            "cache.redis_timeout_ms",
            "cache.redis_key_prefix",
            "metrics.port",
        ] {
            assert!(
                settings.contains(&expected.to_string()),
                "{expected}: {settings:?}"
            );
        }
        let err = load(
            Environment::Development,
            &[("NODAL__CACHE__REDIS_URL", "redis://host:notaport")],
        )
        .unwrap_err();
        assert!(problems(err).iter().any(|p| p.setting == "cache.redis_url"));
    }

    #[test]
    fn unknown_environment_is_refused() {
        assert!(Environment::parse("staging").is_err());
        assert_eq!(
            Environment::parse("PRODUCTION").unwrap(),
            Environment::Production
        );
    }

    #[test]
    fn production_with_safe_settings_starts() {
        let s = load(Environment::Production, &production_ok()).unwrap();
        assert!(!s.docs_served());
        assert!(s.hsts_enabled());
        assert_eq!(s.log_format(), LogFormat::Json);
    }

    fn production_with(overrides: &[(&'static str, &'static str)]) -> Vec<Problem> {
        let mut pairs = production_ok();
        for (k, v) in overrides {
            pairs.retain(|(key, _)| key != k);
            pairs.push((k, v));
        }
        problems(load(Environment::Production, &pairs).unwrap_err())
    }

    fn refuses(overrides: &[(&'static str, &'static str)], setting: &str) {
        let problems = production_with(overrides);
        assert!(
            problems.iter().any(|p| p.setting == setting),
            "expected a problem naming {setting}, got {problems:?}"
        );
    }

    #[test]
    fn production_refuses_sqlite() {
        refuses(
            &[("NODAL__DATABASE__URL", "sqlite://data/nodal.db")],
            "database.url",
        );
    }

    #[test]
    fn production_refuses_plaintext_to_a_remote_database() {
        refuses(
            &[("NODAL__DATABASE__TLS_MODE", "prefer")],
            "database.tls_mode",
        );
        refuses(
            &[("NODAL__DATABASE__TLS_MODE", "disable")],
            "database.tls_mode",
        );
    }

    #[test]
    fn production_allows_plaintext_to_a_local_pooler_or_when_waived() {
        let mut pairs = production_ok();
        pairs.retain(|(k, _)| *k != "NODAL__DATABASE__URL" && *k != "NODAL__DATABASE__TLS_MODE");
        pairs.push((
            "NODAL__DATABASE__URL",
            "postgres://nodal@127.0.0.1:6432/nodal",
        ));
        pairs.push(("NODAL__DATABASE__TLS_MODE", "disable"));
        assert!(load(Environment::Production, &pairs).is_ok());

        let mut pairs = production_ok();
        pairs.retain(|(k, _)| *k != "NODAL__DATABASE__TLS_MODE");
        pairs.push(("NODAL__DATABASE__TLS_MODE", "disable"));
        pairs.push(("NODAL__SECURITY__ALLOW_PLAINTEXT_DATABASE", "true"));
        assert!(load(Environment::Production, &pairs).is_ok());
    }

    #[test]
    fn production_refuses_missing_short_and_placeholder_secrets() {
        let mut pairs = production_ok();
        pairs.retain(|(k, _)| *k != "NODAL__AUTH__JWT_SECRET");
        let problems = problems(load(Environment::Production, &pairs).unwrap_err());
        assert!(problems.iter().any(|p| p.setting == "auth.jwt_secret"));
        refuses(
            &[("NODAL__AUTH__JWT_SECRET", "tooshort")],
            "auth.jwt_secret",
        );
        refuses(
            &[(
                "NODAL__AUTH__JWT_SECRET",
                "changeme-changeme-changeme-changeme-1234",
            )],
            "auth.jwt_secret",
        );
        refuses(
            &[(
                "NODAL__AUTH__JWT_SECRET",
                "abababababababababababababababababababab",
            )],
            "auth.jwt_secret",
        );
    }

    #[test]
    fn wildcard_cors_with_credentials_is_refused_everywhere() {
        let err = load(
            Environment::Development,
            &[
                ("NODAL__CORS__ALLOWED_ORIGINS", "*"),
                ("NODAL__CORS__ALLOW_CREDENTIALS", "true"),
            ],
        )
        .unwrap_err();
        assert!(
            problems(err)
                .iter()
                .any(|p| p.setting == "cors.allowed_origins")
        );
        refuses(
            &[("NODAL__CORS__ALLOWED_ORIGINS", "*")],
            "cors.allowed_origins",
        );
    }

    #[test]
    fn production_refuses_hsts_off() {
        refuses(&[("NODAL__SECURITY__HSTS", "false")], "security.hsts");
    }

    #[test]
    fn docs_can_be_made_public_in_production_explicitly() {
        let mut pairs = production_ok();
        pairs.push(("NODAL__DOCS__PUBLIC", "true"));
        assert!(load(Environment::Production, &pairs).unwrap().docs_served());
    }

    #[test]
    fn debug_and_summary_never_show_secrets_or_passwords() {
        let s = load(Environment::Production, &production_ok()).unwrap();
        let debug = format!("{s:?}");
        let summary = s.summary();
        for text in [&debug, &summary] {
            assert!(!text.contains(GOOD_SECRET), "secret leaked: {text}");
            assert!(!text.contains(":pw@"), "password leaked: {text}");
        }
    }

    #[test]
    fn auth_defaults_and_nested_env_overrides() {
        let s = load(Environment::Development, &[]).unwrap();
        assert_eq!(s.auth.access_token_ttl_secs, 900);
        assert_eq!(s.auth.refresh_token_ttl_secs, 14 * 86_400);
        assert!(!s.auth.registration_enabled);
        assert!(!s.cookies_secure(), "plain http in development");
        let s = load(
            Environment::Test,
            &[
                ("NODAL__AUTH__LOCKOUT__MAX_FAILURES", "7"),
                ("NODAL__AUTH__RATE_LIMIT__PER_IP", "99"),
                ("NODAL__AUTH__TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.7"),
                (
                    "NODAL__AUTH__JWT_PREVIOUS_SECRETS",
                    "0123456789abcdef0123456789abcdef,fedcba9876543210fedcba9876543210",
                ),
                ("NODAL__AUTH__COOKIE_SAME_SITE", "lax"),
            ],
        )
        .unwrap();
        assert_eq!(s.auth.lockout.max_failures, 7);
        assert_eq!(s.auth.rate_limit.per_ip, 99);
        assert_eq!(s.auth.trusted_proxies, ["10.0.0.0/8", "192.0.2.7"]);
        assert_eq!(s.auth.jwt_previous_secrets.len(), 2);
        assert_eq!(s.auth.cookie_same_site, SameSite::Lax);
        assert!(s.cookies_secure());
    }

    #[test]
    fn bad_auth_settings_name_the_setting() {
        let err = load(
            Environment::Development,
            &[
                ("NODAL__AUTH__TRUSTED_PROXIES", "not-an-ip"),
                ("NODAL__AUTH__SESSION_CHECK_SECS", "60"),
                ("NODAL__AUTH__ACCESS_TOKEN_TTL_SECS", "5"),
                ("NODAL__AUTH__JWT_PREVIOUS_SECRETS", "short"),
            ],
        )
        .unwrap_err();
        let settings: Vec<String> = problems(err).into_iter().map(|p| p.setting).collect();
        for expected in [
            "auth.trusted_proxies",
            "auth.session_check_secs",
            "auth.access_token_ttl_secs",
            "auth.jwt_previous_secrets[0]",
        ] {
            assert!(
                settings.contains(&expected.to_string()),
                "{expected}: {settings:?}"
            );
        }
        refuses(
            &[("NODAL__AUTH__COOKIE_SECURE", "false")],
            "auth.cookie_secure",
        );
    }
}
