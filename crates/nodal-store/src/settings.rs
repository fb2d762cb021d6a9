//! Database settings: where the database is, how the pool behaves, and the
//! helpers configuration needs to judge them (backend, redaction, locality,
//! range checks).

use std::fmt;
use std::net::IpAddr;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::error::StoreError;

/// Default database URL: an SQLite file relative to the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/nodal.db";
/// Default pool size on PostgreSQL.
pub const DEFAULT_POSTGRES_POOL_MAX_SIZE: u32 = 16;
/// Default pool size on SQLite: one writer at a time, readers in parallel under WAL.
pub const DEFAULT_SQLITE_POOL_MAX_SIZE: u32 = 8;

/// Largest accepted `pool_max_size`.
pub const MAX_POOL_SIZE: u32 = 1024;
/// Largest accepted `connect_timeout_secs`.
pub const MAX_CONNECT_TIMEOUT_SECS: u64 = 600;
/// Largest accepted `statement_timeout_ms` (24 h).
pub const MAX_STATEMENT_TIMEOUT_MS: u64 = 86_400_000;
/// Largest accepted `sqlite_busy_timeout_ms` (10 min).
pub const MAX_SQLITE_BUSY_TIMEOUT_MS: u64 = 600_000;
/// Largest accepted `slow_query_ms` (1 h).
pub const MAX_SLOW_QUERY_MS: u64 = 3_600_000;

/// Database backend, chosen by the URL scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Backend {
    /// Embedded SQLite (`sqlite://path`, `sqlite::memory:`, `:memory:`).
    Sqlite,
    /// PostgreSQL (`postgres://` or `postgresql://`).
    Postgres,
}

impl Backend {
    /// Lower-case name, as used in logs and metrics: `sqlite` or `postgres`.
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// TLS policy for PostgreSQL connections, applied as libpq `sslmode`.
///
/// `verify-full` needs the server's CA: put `sslrootcert=/path/ca.pem` in the URL
/// or install it as `~/.postgresql/root.crt`. SQLite ignores this setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TlsMode {
    /// No TLS.
    Disable,
    /// TLS when the server offers it, plain otherwise (libpq's default).
    #[default]
    Prefer,
    /// TLS always, server certificate not verified.
    Require,
    /// TLS always, certificate chain and host name verified.
    VerifyFull,
}

impl TlsMode {
    /// The libpq `sslmode` value.
    pub fn as_str(self) -> &'static str {
        match self {
            TlsMode::Disable => "disable",
            TlsMode::Prefer => "prefer",
            TlsMode::Require => "require",
            TlsMode::VerifyFull => "verify-full",
        }
    }

    /// Whether every connection is encrypted (`require` or `verify-full`).
    pub fn is_encrypted(self) -> bool {
        matches!(self, TlsMode::Require | TlsMode::VerifyFull)
    }
}

impl fmt::Display for TlsMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Database connection and pool settings (the `[database]` configuration section).
///
/// Every field has a default, so a partial section deserializes; unknown keys are
/// rejected so that a misspelt setting is not silently ignored. `Debug` shows the
/// URL with its password replaced by `***`; `Serialize` writes the URL as given.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseSettings {
    /// `sqlite://relative/or/absolute/path.db`, `sqlite:///abs/path.db`,
    /// `sqlite::memory:` or `:memory:` (tests only), or
    /// `postgres://user:password@host:port/database?param=value`.
    /// Default `sqlite://data/nodal.db`; the parent directory of an SQLite file is
    /// created when the pool is built.
    pub url: String,
    /// Most connections the pool opens. `None` (default) means 16 on PostgreSQL and
    /// 8 on SQLite. An in-memory SQLite database always uses exactly one connection.
    pub pool_max_size: Option<u32>,
    /// Idle connections the pool keeps open (default 1).
    pub pool_min_idle: u32,
    /// Seconds to wait for a new connection (libpq `connect_timeout`) and for a free
    /// pooled connection before giving up (default 5).
    pub connect_timeout_secs: u64,
    /// PostgreSQL `statement_timeout` in milliseconds, set on every new connection;
    /// 0 disables it (default 30 000).
    pub statement_timeout_ms: u64,
    /// PostgreSQL TLS policy (default `prefer`).
    pub tls_mode: TlsMode,
    /// SQLite `busy_timeout` in milliseconds: how long a writer waits for the lock
    /// (default 5 000).
    pub sqlite_busy_timeout_ms: u64,
    /// Queries slower than this many milliseconds are logged at WARN with their
    /// duration and SQL (never their bound values); 0 disables (default 500).
    pub slow_query_ms: u64,
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        DatabaseSettings {
            url: DEFAULT_DATABASE_URL.to_owned(),
            pool_max_size: None,
            pool_min_idle: 1,
            connect_timeout_secs: 5,
            statement_timeout_ms: 30_000,
            tls_mode: TlsMode::Prefer,
            sqlite_busy_timeout_ms: 5_000,
            slow_query_ms: 500,
        }
    }
}

impl fmt::Debug for DatabaseSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DatabaseSettings")
            .field("url", &self.redacted_url())
            .field("pool_max_size", &self.pool_max_size)
            .field("pool_min_idle", &self.pool_min_idle)
            .field("connect_timeout_secs", &self.connect_timeout_secs)
            .field("statement_timeout_ms", &self.statement_timeout_ms)
            .field("tls_mode", &self.tls_mode)
            .field("sqlite_busy_timeout_ms", &self.sqlite_busy_timeout_ms)
            .field("slow_query_ms", &self.slow_query_ms)
            .finish()
    }
}

/// One failed range check: the setting's field name (within the database section)
/// and what is wrong with its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingError {
    /// Field name, e.g. `pool_max_size`.
    pub field: &'static str,
    /// What is wrong, with the accepted range.
    pub message: String,
}

impl fmt::Display for SettingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Where a URL points, once parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// An SQLite file.
    SqliteFile(PathBuf),
    /// A private in-memory SQLite database.
    SqliteMemory,
    /// A PostgreSQL URL, as given.
    Postgres(String),
}

impl Target {
    pub(crate) fn backend(&self) -> Backend {
        match self {
            Target::SqliteFile(_) | Target::SqliteMemory => Backend::Sqlite,
            Target::Postgres(_) => Backend::Postgres,
        }
    }
}

impl DatabaseSettings {
    /// Settings for `url` with every other field at its default.
    pub fn with_url(url: impl Into<String>) -> Self {
        DatabaseSettings {
            url: url.into(),
            ..DatabaseSettings::default()
        }
    }

    /// The backend the URL names.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] for an empty URL or an unknown scheme.
    pub fn backend(&self) -> Result<Backend, StoreError> {
        self.target().map(|t| t.backend())
    }

    /// The URL with any password (in the user-info part or a `password=` parameter)
    /// replaced by `***`; safe to log.
    pub fn redacted_url(&self) -> String {
        redact_url(&self.url)
    }

    /// Whether the database is on this machine: any SQLite database, or a PostgreSQL
    /// URL whose every host is `localhost`, a loopback address or a Unix socket.
    /// Production uses this for its "TLS required unless local" rule.
    pub fn host_is_local(&self) -> bool {
        match self.target() {
            Ok(Target::SqliteFile(_) | Target::SqliteMemory) => true,
            Ok(Target::Postgres(url)) => postgres_hosts(&url).iter().all(|h| is_local_host(h)),
            Err(_) => false,
        }
    }

    /// Pool size after applying the backend default (see [`Self::pool_max_size`]).
    pub fn effective_pool_max_size(&self) -> u32 {
        match self.target() {
            Ok(Target::SqliteMemory) => 1,
            Ok(Target::SqliteFile(_)) => self.pool_max_size.unwrap_or(DEFAULT_SQLITE_POOL_MAX_SIZE),
            Ok(Target::Postgres(_)) | Err(_) => {
                self.pool_max_size.unwrap_or(DEFAULT_POSTGRES_POOL_MAX_SIZE)
            }
        }
    }

    /// Range checks on every field. All problems are reported, each naming its field.
    ///
    /// # Errors
    /// The list of failed checks.
    pub fn validate(&self) -> Result<(), Vec<SettingError>> {
        let mut errors = Vec::new();
        let mut fail = |field: &'static str, message: String| {
            errors.push(SettingError { field, message });
        };
        if let Err(error) = self.target() {
            fail("url", error.to_string());
        }
        if let Some(size) = self.pool_max_size
            && !(1..=MAX_POOL_SIZE).contains(&size)
        {
            fail(
                "pool_max_size",
                format!("must be between 1 and {MAX_POOL_SIZE}, got {size}"),
            );
        }
        let max_size = self.effective_pool_max_size();
        if self.pool_min_idle > max_size {
            fail(
                "pool_min_idle",
                format!(
                    "must not exceed the pool size ({max_size}), got {}",
                    self.pool_min_idle
                ),
            );
        }
        if !(1..=MAX_CONNECT_TIMEOUT_SECS).contains(&self.connect_timeout_secs) {
            fail(
                "connect_timeout_secs",
                format!(
                    "must be between 1 and {MAX_CONNECT_TIMEOUT_SECS}, got {}",
                    self.connect_timeout_secs
                ),
            );
        }
        if self.statement_timeout_ms > MAX_STATEMENT_TIMEOUT_MS {
            fail(
                "statement_timeout_ms",
                format!(
                    "must be between 0 (no limit) and {MAX_STATEMENT_TIMEOUT_MS}, got {}",
                    self.statement_timeout_ms
                ),
            );
        }
        if self.sqlite_busy_timeout_ms > MAX_SQLITE_BUSY_TIMEOUT_MS {
            fail(
                "sqlite_busy_timeout_ms",
                format!(
                    "must be between 0 and {MAX_SQLITE_BUSY_TIMEOUT_MS}, got {}",
                    self.sqlite_busy_timeout_ms
                ),
            );
        }
        if self.slow_query_ms > MAX_SLOW_QUERY_MS {
            fail(
                "slow_query_ms",
                format!(
                    "must be between 0 (off) and {MAX_SLOW_QUERY_MS}, got {}",
                    self.slow_query_ms
                ),
            );
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Parses the URL into a connection target.
    pub(crate) fn target(&self) -> Result<Target, StoreError> {
        parse_target(self.url.trim())
    }
}

fn parse_target(url: &str) -> Result<Target, StoreError> {
    if url.is_empty() {
        return Err(StoreError::Invalid("database url is empty".to_owned()));
    }
    if url == ":memory:" || url == "sqlite::memory:" || url == "sqlite://:memory:" {
        return Ok(Target::SqliteMemory);
    }
    if let Some(rest) = url.strip_prefix("sqlite:") {
        // `sqlite://data/x.db` and `sqlite:data/x.db` are relative,
        // `sqlite:///abs/x.db` is absolute.
        let path = rest.strip_prefix("//").unwrap_or(rest);
        if path.is_empty() {
            return Err(StoreError::Invalid(
                "sqlite database url has no file path".to_owned(),
            ));
        }
        return Ok(Target::SqliteFile(PathBuf::from(path)));
    }
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok(Target::Postgres(url.to_owned()));
    }
    let scheme = url.split_once(':').map_or(url, |(scheme, _)| scheme);
    let scheme: String = scheme.chars().take(32).collect();
    Err(StoreError::Invalid(format!(
        "unsupported database url scheme `{scheme}`: expected sqlite://, postgres:// or postgresql://"
    )))
}

/// The parts of a `scheme://authority/path?query` URL, borrowed.
struct UrlParts<'a> {
    scheme: &'a str,
    authority: &'a str,
    path: &'a str,
    query: Option<&'a str>,
}

fn split_url(url: &str) -> Option<UrlParts<'_>> {
    let (scheme, rest) = url.split_once("://")?;
    let (before_query, query) = match rest.split_once('?') {
        Some((before, query)) => (before, Some(query)),
        None => (rest, None),
    };
    let (authority, path) = match before_query.find('/') {
        Some(index) => before_query.split_at(index),
        None => (before_query, ""),
    };
    Some(UrlParts {
        scheme,
        authority,
        path,
        query,
    })
}

/// Replaces the password in `url` (user-info and `password=` parameter) by `***`.
pub(crate) fn redact_url(url: &str) -> String {
    let Some(parts) = split_url(url) else {
        return url.to_owned();
    };
    let authority = match parts.authority.rsplit_once('@') {
        Some((userinfo, hosts)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{user}:***@{hosts}"),
            None => parts.authority.to_owned(),
        },
        None => parts.authority.to_owned(),
    };
    let mut redacted = format!("{}://{}{}", parts.scheme, authority, parts.path);
    if let Some(query) = parts.query {
        let params: Vec<String> = query
            .split('&')
            .map(|param| match param.split_once('=') {
                Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
                _ => param.to_owned(),
            })
            .collect();
        redacted.push('?');
        redacted.push_str(&params.join("&"));
    }
    redacted
}

/// Host names of a PostgreSQL URL: the authority's comma-separated hosts, or the
/// `host=` parameter when given (libpq lets it override the authority). An empty
/// string stands for libpq's default, the local Unix socket.
fn postgres_hosts(url: &str) -> Vec<String> {
    let Some(parts) = split_url(url) else {
        return vec![String::new()];
    };
    if let Some(query) = parts.query {
        for param in query.split('&') {
            if let Some((key, value)) = param.split_once('=')
                && (key == "host" || key == "hostaddr")
            {
                return value.split(',').map(str::to_owned).collect();
            }
        }
    }
    let hosts = parts
        .authority
        .rsplit_once('@')
        .map_or(parts.authority, |(_, hosts)| hosts);
    hosts
        .split(',')
        .map(|host_port| {
            if let Some(rest) = host_port.strip_prefix('[') {
                rest.split_once(']').map_or(rest, |(ip, _)| ip).to_owned()
            } else {
                host_port
                    .split_once(':')
                    .map_or(host_port, |(host, _)| host)
                    .to_owned()
            }
        })
        .collect()
}

fn is_local_host(host: &str) -> bool {
    let lower = host.to_ascii_lowercase();
    lower.is_empty()
        || lower.starts_with('/')
        || lower.starts_with("%2f")
        || lower.starts_with('@')
        || lower == "localhost"
        || lower.ends_with(".localhost")
        || lower.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// `url` with libpq parameters set: `sslmode`, `connect_timeout` and, unless the
/// URL names one, `application_name`. Any `sslmode`/`connect_timeout` already in
/// the URL is replaced, so the settings are the single source of truth.
pub(crate) fn postgres_connect_url(
    url: &str,
    tls_mode: TlsMode,
    connect_timeout_secs: u64,
) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, query),
        None => (url, ""),
    };
    let mut params: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let key = p.split_once('=').map_or(*p, |(key, _)| key);
            key != "sslmode" && key != "connect_timeout"
        })
        .map(str::to_owned)
        .collect();
    if !params.iter().any(|p| p.starts_with("application_name=")) {
        params.push("application_name=nodal".to_owned());
    }
    params.push(format!("sslmode={}", tls_mode.as_str()));
    params.push(format!("connect_timeout={connect_timeout_secs}"));
    format!("{base}?{}", params.join("&"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_sqlite() {
        let settings = DatabaseSettings::default();
        assert_eq!(settings.url, "sqlite://data/nodal.db");
        assert_eq!(settings.backend().unwrap(), Backend::Sqlite);
        assert_eq!(settings.effective_pool_max_size(), 8);
        assert!(settings.validate().is_ok());
        assert!(settings.host_is_local());
    }

    #[test]
    fn backend_by_scheme() {
        let backend = |url: &str| DatabaseSettings::with_url(url).backend();
        assert_eq!(backend("sqlite::memory:").unwrap(), Backend::Sqlite);
        assert_eq!(backend(":memory:").unwrap(), Backend::Sqlite);
        assert_eq!(
            backend("sqlite:///var/lib/nodal.db").unwrap(),
            Backend::Sqlite
        );
        assert_eq!(backend("postgres://u@h/db").unwrap(), Backend::Postgres);
        assert_eq!(backend("postgresql://u@h/db").unwrap(), Backend::Postgres);
        assert!(matches!(
            backend("mysql://u@h/db"),
            Err(StoreError::Invalid(_))
        ));
        assert!(matches!(backend(""), Err(StoreError::Invalid(_))));
        assert!(matches!(backend("sqlite://"), Err(StoreError::Invalid(_))));
    }

    #[test]
    fn sqlite_paths() {
        let target = |url: &str| DatabaseSettings::with_url(url).target().unwrap();
        assert_eq!(
            target("sqlite://data/nodal.db"),
            Target::SqliteFile(PathBuf::from("data/nodal.db"))
        );
        assert_eq!(
            target("sqlite:///var/lib/nodal.db"),
            Target::SqliteFile(PathBuf::from("/var/lib/nodal.db"))
        );
        assert_eq!(target("sqlite::memory:"), Target::SqliteMemory);
        assert_eq!(target(":memory:"), Target::SqliteMemory);
        assert_eq!(
            DatabaseSettings {
                pool_max_size: Some(20),
                ..DatabaseSettings::with_url(":memory:")
            }
            .effective_pool_max_size(),
            1
        );
    }

    #[test]
    fn redaction_hides_passwords() {
        let redact = |url: &str| DatabaseSettings::with_url(url).redacted_url();
        assert_eq!(
            redact("postgres://nodal:s3cr%40t@db.example.com:5432/nodal?sslmode=require"),
            "postgres://nodal:***@db.example.com:5432/nodal?sslmode=require"
        );
        assert_eq!(
            redact(
                "postgresql://db.example.com/nodal?user=nodal&password=hunter2&sslmode=verify-full"
            ),
            "postgresql://db.example.com/nodal?user=nodal&password=***&sslmode=verify-full"
        );
        assert_eq!(
            redact("postgres://nodal@localhost/nodal"),
            "postgres://nodal@localhost/nodal"
        );
        assert_eq!(redact("sqlite://data/nodal.db"), "sqlite://data/nodal.db");
        // An '@' inside the password does not leak its tail.
        assert_eq!(redact("postgres://u:p@ss@h/db"), "postgres://u:***@h/db");
    }

    #[test]
    fn debug_never_shows_password() {
        let settings =
            DatabaseSettings::with_url("postgres://nodal:hunter2@db/nodal?password=hunter3");
        let debug = format!("{settings:?}");
        assert!(!debug.contains("hunter2"), "{debug}");
        assert!(!debug.contains("hunter3"), "{debug}");
        assert!(debug.contains("nodal:***@db"), "{debug}");
    }

    #[test]
    fn local_hosts() {
        let local = |url: &str| DatabaseSettings::with_url(url).host_is_local();
        assert!(local("postgres://u:p@localhost/db"));
        assert!(local("postgres://u:p@127.0.0.1:5432/db"));
        assert!(local("postgres://u:p@[::1]:5432/db"));
        assert!(local("postgres:///db"));
        assert!(local("postgres://%2Fvar%2Frun%2Fpostgresql/db"));
        assert!(local(
            "postgres://u@db.example.com/db?host=/var/run/postgresql"
        ));
        assert!(local("postgres://u@localhost:6432,127.0.0.2:6432/db"));
        assert!(!local("postgres://u:p@db.example.com/db"));
        assert!(!local("postgres://u:p@10.0.0.5/db"));
        assert!(!local("postgres://u@localhost,db.example.com/db"));
        assert!(!local("postgres://u@localhost/db?host=db.example.com"));
        assert!(local("sqlite://data/nodal.db"));
        assert!(!local("mysql://localhost/db"));
    }

    #[test]
    fn validate_names_each_bad_field() {
        let settings = DatabaseSettings {
            url: "redis://x".to_owned(),
            pool_max_size: Some(0),
            pool_min_idle: 5,
            connect_timeout_secs: 0,
            statement_timeout_ms: MAX_STATEMENT_TIMEOUT_MS + 1,
            tls_mode: TlsMode::Require,
            sqlite_busy_timeout_ms: MAX_SQLITE_BUSY_TIMEOUT_MS + 1,
            slow_query_ms: MAX_SLOW_QUERY_MS + 1,
        };
        let fields: Vec<&str> = settings
            .validate()
            .unwrap_err()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "url",
                "pool_max_size",
                "pool_min_idle",
                "connect_timeout_secs",
                "statement_timeout_ms",
                "sqlite_busy_timeout_ms",
                "slow_query_ms"
            ]
        );
        let too_big = DatabaseSettings {
            pool_max_size: Some(MAX_POOL_SIZE + 1),
            ..DatabaseSettings::default()
        };
        assert_eq!(too_big.validate().unwrap_err()[0].field, "pool_max_size");
    }

    #[test]
    fn serde_round_trip_and_kebab_tls_mode() {
        let settings = DatabaseSettings {
            tls_mode: TlsMode::VerifyFull,
            ..DatabaseSettings::with_url("postgres://u@h/db")
        };
        let json = serde_json::to_string(&settings).unwrap();
        assert!(json.contains(r#""tls_mode":"verify-full""#), "{json}");
        let back: DatabaseSettings = serde_json::from_str(&json).unwrap();
        assert_eq!(back, settings);

        let partial: DatabaseSettings =
            serde_json::from_str(r#"{"url": "postgres://u@h/db", "tls_mode": "require"}"#).unwrap();
        assert_eq!(partial.tls_mode, TlsMode::Require);
        assert_eq!(
            partial.pool_min_idle,
            DatabaseSettings::default().pool_min_idle
        );

        let misspelt = serde_json::from_str::<DatabaseSettings>(r#"{"pool_max_szie": 3}"#);
        assert!(misspelt.is_err());
    }

    #[test]
    fn connect_url_overrides_tls_and_timeout() {
        let url = postgres_connect_url(
            "postgres://u:p@h:5432/db?sslmode=disable&connect_timeout=99&options=x",
            TlsMode::VerifyFull,
            7,
        );
        assert_eq!(
            url,
            "postgres://u:p@h:5432/db?options=x&application_name=nodal&sslmode=verify-full&connect_timeout=7"
        );
        let url = postgres_connect_url("postgres://h/db?application_name=me", TlsMode::Prefer, 5);
        assert_eq!(
            url,
            "postgres://h/db?application_name=me&sslmode=prefer&connect_timeout=5"
        );
    }
}
