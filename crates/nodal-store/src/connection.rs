//! The connection type shared by both backends, the r2d2 connection manager that
//! opens and prepares connections, and slow-query logging.

use std::fmt;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use diesel::connection::{
    Connection, Instrumentation, InstrumentationEvent, SimpleConnection, TransactionManager,
};
use diesel::{PgConnection, SqliteConnection};

use crate::error::StoreError;
use crate::settings::{Backend, DatabaseSettings, Target, postgres_connect_url};

/// A connection to either backend. Queries built against [`crate::schema`] run on
/// it unchanged; backend-specific SQL matches on the variant.
///
/// Limits of the shared path (diesel's `MultiConnection`): no `ON CONFLICT`, no
/// multi-row insert, no `RETURNING`/`as_returning()`, and only the SQL types
/// Integer/BigInt/Double/Text/Date/Time/Timestamp (UUIDs and JSON are TEXT).
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    /// PostgreSQL.
    Pg(PgConnection),
    /// SQLite.
    Sqlite(SqliteConnection),
}

impl DbConnection {
    /// The backend of this connection.
    pub fn backend(&self) -> Backend {
        match self {
            DbConnection::Pg(_) => Backend::Postgres,
            DbConnection::Sqlite(_) => Backend::Sqlite,
        }
    }

    /// A round trip to the database (`SELECT 1`).
    ///
    /// # Errors
    /// The mapped database error, usually [`StoreError::Unavailable`].
    pub fn ping(&mut self) -> Result<(), StoreError> {
        self.batch_execute("SELECT 1").map_err(StoreError::from)
    }
}

/// Opens [`DbConnection`]s for an r2d2 pool.
///
/// The backend comes from the URL scheme. A failed connect returns the database's
/// own error at once (r2d2 keeps it as the cause of a checkout timeout). Each new
/// connection is prepared before use:
/// - SQLite: `journal_mode=WAL`, `foreign_keys=ON`, `busy_timeout`, `synchronous=NORMAL`;
/// - PostgreSQL: libpq `sslmode` and `connect_timeout` from the settings, then
///   `SET statement_timeout`.
///
/// Every connection gets the slow-query logger.
#[derive(Clone)]
pub struct DbConnectionManager {
    endpoint: Endpoint,
    /// The URL without its password, for `Debug`.
    redacted_url: String,
    sqlite_busy_timeout_ms: u64,
    statement_timeout_ms: u64,
    slow_query: Option<Duration>,
}

/// What `connect` opens.
#[derive(Clone)]
enum Endpoint {
    SqliteFile(String),
    SqliteMemory,
    /// The PostgreSQL URL with libpq parameters applied (contains the password).
    Postgres(String),
}

impl fmt::Debug for DbConnectionManager {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DbConnectionManager")
            .field("url", &self.redacted_url)
            .field("sqlite_busy_timeout_ms", &self.sqlite_busy_timeout_ms)
            .field("statement_timeout_ms", &self.statement_timeout_ms)
            .field("slow_query", &self.slow_query)
            .finish()
    }
}

impl DbConnectionManager {
    /// A manager for `settings`. Creates the parent directory of an SQLite file.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] for a bad URL, [`StoreError::Unavailable`] when the
    /// SQLite directory cannot be created.
    pub fn new(settings: &DatabaseSettings) -> Result<Self, StoreError> {
        let endpoint = match settings.target()? {
            Target::Postgres(url) => Endpoint::Postgres(postgres_connect_url(
                &url,
                settings.tls_mode,
                settings.connect_timeout_secs,
            )),
            Target::SqliteFile(path) => {
                create_parent_dir(&path)?;
                let path = path.to_str().ok_or_else(|| {
                    StoreError::Invalid("sqlite path is not valid UTF-8".to_owned())
                })?;
                Endpoint::SqliteFile(path.to_owned())
            }
            Target::SqliteMemory => Endpoint::SqliteMemory,
        };
        Ok(DbConnectionManager {
            endpoint,
            redacted_url: settings.redacted_url(),
            sqlite_busy_timeout_ms: settings.sqlite_busy_timeout_ms,
            statement_timeout_ms: settings.statement_timeout_ms,
            slow_query: (settings.slow_query_ms > 0)
                .then(|| Duration::from_millis(settings.slow_query_ms)),
        })
    }

    /// The backend this manager connects to.
    pub fn backend(&self) -> Backend {
        match self.endpoint {
            Endpoint::SqliteFile(_) | Endpoint::SqliteMemory => Backend::Sqlite,
            Endpoint::Postgres(_) => Backend::Postgres,
        }
    }

    /// Opens and prepares one connection.
    ///
    /// # Errors
    /// The database's own error: [`StoreError::Unavailable`] when it cannot be
    /// reached, [`StoreError::Invalid`] for a malformed URL.
    pub fn connect(&self) -> Result<DbConnection, StoreError> {
        let mut connection = match &self.endpoint {
            Endpoint::Postgres(url) => {
                let mut pg = PgConnection::establish(url)?;
                if self.statement_timeout_ms > 0 {
                    pg.batch_execute(&format!(
                        "SET statement_timeout = {}",
                        self.statement_timeout_ms
                    ))?;
                }
                DbConnection::Pg(pg)
            }
            Endpoint::SqliteFile(path) => DbConnection::Sqlite(self.open_sqlite(path)?),
            Endpoint::SqliteMemory => DbConnection::Sqlite(self.open_sqlite(":memory:")?),
        };
        if let Some(threshold) = self.slow_query {
            connection.set_instrumentation(SlowQueryLog::new(threshold));
        }
        Ok(connection)
    }

    fn open_sqlite(&self, path: &str) -> Result<SqliteConnection, StoreError> {
        let mut sqlite = SqliteConnection::establish(path)?;
        // busy_timeout first: switching to WAL needs a lock another connection may hold.
        sqlite.batch_execute(&format!(
            "PRAGMA busy_timeout = {}; PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
            self.sqlite_busy_timeout_ms
        ))?;
        Ok(sqlite)
    }
}

fn create_parent_dir(path: &Path) -> Result<(), StoreError> {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => fs::create_dir_all(parent).map_err(|e| {
            StoreError::Unavailable(format!(
                "cannot create database directory {}: {e}",
                parent.display()
            ))
        }),
        _ => Ok(()),
    }
}

impl r2d2::ManageConnection for DbConnectionManager {
    type Connection = DbConnection;
    type Error = StoreError;

    fn connect(&self) -> Result<DbConnection, StoreError> {
        DbConnectionManager::connect(self)
    }

    fn is_valid(&self, connection: &mut DbConnection) -> Result<(), StoreError> {
        connection.ping()
    }

    fn has_broken(&self, connection: &mut DbConnection) -> bool {
        // A connection returned mid-transaction (or while unwinding) may hold locks.
        std::thread::panicking()
            || <DbConnection as Connection>::TransactionManager::is_broken_transaction_manager(
                connection,
            )
    }
}

/// Logs queries slower than a threshold at WARN, with duration and SQL text.
/// Bound values are left out: they may be secrets or personal data.
struct SlowQueryLog {
    threshold: Duration,
    started: Option<Instant>,
}

impl SlowQueryLog {
    fn new(threshold: Duration) -> Self {
        SlowQueryLog {
            threshold,
            started: None,
        }
    }
}

impl Instrumentation for SlowQueryLog {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        match event {
            InstrumentationEvent::StartQuery { .. } => self.started = Some(Instant::now()),
            InstrumentationEvent::FinishQuery { query, error, .. } => {
                let Some(started) = self.started.take() else {
                    return;
                };
                let elapsed = started.elapsed();
                if elapsed >= self.threshold {
                    let text = query.to_string();
                    tracing::warn!(
                        duration_ms = u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX),
                        threshold_ms =
                            u64::try_from(self.threshold.as_millis()).unwrap_or(u64::MAX),
                        failed = error.is_some(),
                        sql = sql_without_binds(&text),
                        "slow database query"
                    );
                }
            }
            _ => {}
        }
    }
}

/// The SQL part of diesel's query rendering `SQL -- binds: [..]`.
fn sql_without_binds(rendered: &str) -> &str {
    rendered
        .split_once(" -- binds: ")
        .map_or(rendered, |(sql, _)| sql)
        .trim()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use std::io;
    use std::sync::{Arc, Mutex};

    use diesel::prelude::*;
    use diesel::sql_types::{BigInt, Text};

    use super::*;

    #[test]
    fn binds_are_stripped_from_rendered_queries() {
        let query = diesel::sql_query("SELECT ? AS secret").bind::<Text, _>("hunter2");
        let rendered = diesel::debug_query::<diesel::sqlite::Sqlite, _>(&query).to_string();
        assert!(
            rendered.contains("hunter2"),
            "diesel rendering changed: {rendered}"
        );
        assert_eq!(sql_without_binds(&rendered), "SELECT ? AS secret");
    }

    /// Collects formatted log output in memory.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }

    #[test]
    fn slow_queries_are_logged_without_binds() {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .with_max_level(tracing::Level::WARN)
            .finish();
        let settings = DatabaseSettings {
            slow_query_ms: 1,
            ..DatabaseSettings::with_url(":memory:")
        };
        let manager = DbConnectionManager::new(&settings).unwrap();
        let mut connection = manager.connect().unwrap();
        tracing::subscriber::with_default(subscriber, || {
            // A recursive count long enough to exceed 1 ms on any machine.
            let count: Count = diesel::sql_query(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000) \
                 SELECT count(*) AS n FROM c WHERE ? <> ''",
            )
            .bind::<Text, _>("hunter2")
            .get_result(&mut connection)
            .unwrap();
            assert_eq!(count.n, 200_000);
        });
        let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        assert!(log.contains("slow database query"), "{log}");
        assert!(log.contains("duration_ms="), "{log}");
        assert!(log.contains("WITH RECURSIVE"), "{log}");
        assert!(!log.contains("hunter2"), "{log}");
    }

    #[test]
    fn memory_connection_has_foreign_keys_on() {
        let manager = DbConnectionManager::new(&DatabaseSettings::with_url(":memory:")).unwrap();
        let mut connection = manager.connect().unwrap();
        assert_eq!(connection.backend(), Backend::Sqlite);
        connection.ping().unwrap();
        #[derive(QueryableByName)]
        struct ForeignKeys {
            #[diesel(sql_type = BigInt)]
            foreign_keys: i64,
        }
        let DbConnection::Sqlite(sqlite) = &mut connection else {
            panic!("expected sqlite");
        };
        let fk: ForeignKeys = diesel::sql_query("PRAGMA foreign_keys")
            .get_result(sqlite)
            .unwrap();
        assert_eq!(fk.foreign_keys, 1);
    }

    #[test]
    fn manager_debug_hides_password() {
        let settings = DatabaseSettings::with_url("postgres://nodal:hunter2@db.example.com/nodal");
        let debug = format!("{:?}", DbConnectionManager::new(&settings).unwrap());
        assert!(!debug.contains("hunter2"), "{debug}");
        assert!(debug.contains("nodal:***@db.example.com"), "{debug}");
    }
}
