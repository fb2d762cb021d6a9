//! The connection pool and the transaction helper.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, Connection, TransactionManager};
use diesel::result::Error as DieselError;

use crate::connection::{DbConnection, DbConnectionManager};
use crate::error::StoreError;
use crate::settings::{DatabaseSettings, Target};

/// A pool of [`DbConnection`]s. Cheap to clone (shared). Checking out blocks:
/// call it from a blocking context, never on an async worker.
pub type DbPool = r2d2::Pool<DbConnectionManager>;

/// A connection checked out of a [`DbPool`]; derefs to [`DbConnection`] and goes
/// back to the pool when dropped.
pub type PooledConnection = r2d2::PooledConnection<DbConnectionManager>;

/// Builds the pool for `settings`, failing fast with the database's own error.
///
/// Validates the settings, opens one connection directly (so an unreachable
/// database reports e.g. "connection refused" at once instead of after the pool
/// timeout), then builds the pool with `pool_max_size`, `pool_min_idle` idle
/// connections and `connect_timeout_secs` as the checkout timeout. Connections are
/// pinged on checkout. An in-memory SQLite database gets a single connection that
/// is never recycled, since each connection would be a separate database.
///
/// # Errors
/// [`StoreError::Invalid`] for settings that fail [`DatabaseSettings::validate`];
/// [`StoreError::Unavailable`] when the database cannot be reached.
pub fn build_pool(settings: &DatabaseSettings) -> Result<DbPool, StoreError> {
    build_pool_observed(settings, PoolStats::default())
}

/// [`build_pool`], counting checkouts, time spent waiting for a connection and checkout
/// timeouts into `stats` (for the metrics endpoint).
///
/// # Errors
/// As [`build_pool`].
pub fn build_pool_observed(
    settings: &DatabaseSettings,
    stats: PoolStats,
) -> Result<DbPool, StoreError> {
    settings.validate().map_err(|errors| {
        let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
        StoreError::Invalid(format!("database settings: {}", list.join("; ")))
    })?;
    let manager = DbConnectionManager::new(settings)?;
    let in_memory = matches!(settings.target()?, Target::SqliteMemory);
    let max_size = settings.effective_pool_max_size();
    let min_idle = if in_memory {
        1
    } else {
        settings.pool_min_idle.min(max_size)
    };

    drop(manager.connect()?);

    let mut builder = r2d2::Pool::builder()
        .max_size(max_size)
        .min_idle(Some(min_idle))
        .connection_timeout(Duration::from_secs(settings.connect_timeout_secs))
        .test_on_check_out(true)
        .error_handler(Box::new(TracingErrorHandler))
        .event_handler(Box::new(stats));
    if in_memory {
        builder = builder.idle_timeout(None).max_lifetime(None);
    }
    let pool = builder.build(manager)?;
    tracing::info!(
        url = %settings.redacted_url(),
        max_size,
        min_idle,
        "database pool ready"
    );
    Ok(pool)
}

/// Checks a connection out of `pool`.
///
/// # Errors
/// [`StoreError::Unavailable`] when no connection is free or can be opened within
/// `connect_timeout_secs`.
pub fn connection(pool: &DbPool) -> Result<PooledConnection, StoreError> {
    pool.get().map_err(StoreError::from)
}

/// Pool counters: checkouts, total time callers waited for a connection, and checkouts that
/// timed out. Cheap to clone (shared); read it while the pool runs.
#[derive(Debug, Clone, Default)]
pub struct PoolStats(Arc<PoolCounters>);

#[derive(Debug, Default)]
struct PoolCounters {
    checkouts: AtomicU64,
    wait_nanos: AtomicU64,
    timeouts: AtomicU64,
}

impl PoolStats {
    /// Connections handed out since start.
    pub fn checkouts(&self) -> u64 {
        self.0.checkouts.load(Ordering::Relaxed)
    }

    /// Total time callers waited for a connection (successful checkouts), seconds.
    pub fn wait_seconds(&self) -> f64 {
        self.0.wait_nanos.load(Ordering::Relaxed) as f64 * 1e-9
    }

    /// Checkouts that gave up after `connect_timeout_secs`.
    pub fn timeouts(&self) -> u64 {
        self.0.timeouts.load(Ordering::Relaxed)
    }
}

impl r2d2::HandleEvent for PoolStats {
    fn handle_checkout(&self, event: r2d2::event::CheckoutEvent) {
        self.0.checkouts.fetch_add(1, Ordering::Relaxed);
        let nanos = u64::try_from(event.duration().as_nanos()).unwrap_or(u64::MAX);
        self.0.wait_nanos.fetch_add(nanos, Ordering::Relaxed);
    }

    fn handle_timeout(&self, _event: r2d2::event::TimeoutEvent) {
        self.0.timeouts.fetch_add(1, Ordering::Relaxed);
    }
}

/// Logs connection errors the pool meets in the background (replenishing idle
/// connections) through `tracing`.
#[derive(Debug, Clone, Copy)]
struct TracingErrorHandler;

impl r2d2::HandleError<StoreError> for TracingErrorHandler {
    fn handle_error(&self, error: StoreError) {
        tracing::warn!(error = %error, "database connection failed");
    }
}

/// Runs `f` in a transaction: commits when it returns `Ok`, rolls back on any
/// error (including the commit's own) and returns that error.
///
/// On SQLite the outermost transaction starts with `BEGIN IMMEDIATE`, so it takes
/// the write lock up front and waits `busy_timeout` for it, instead of failing
/// with "database is locked" when a read later turns into a write. Nested calls
/// use savepoints.
///
/// # Errors
/// The error returned by `f`, or the mapped error of `BEGIN`/`COMMIT`.
pub fn transaction<T>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    begin(conn)?;
    match f(conn) {
        Ok(value) => {
            <DbConnection as Connection>::TransactionManager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(error) => {
            match <DbConnection as Connection>::TransactionManager::rollback_transaction(conn) {
                Ok(()) | Err(DieselError::BrokenTransactionManager) => Err(error),
                Err(rollback_error) => {
                    tracing::error!(error = %rollback_error, "transaction rollback failed");
                    Err(error)
                }
            }
        }
    }
}

fn begin(conn: &mut DbConnection) -> Result<(), StoreError> {
    if let DbConnection::Sqlite(sqlite) = conn {
        let depth = <AnsiTransactionManager as TransactionManager<diesel::SqliteConnection>>::transaction_manager_status_mut(sqlite)
            .transaction_depth()?;
        if depth.is_none() {
            AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE")?;
            return Ok(());
        }
    }
    <DbConnection as Connection>::TransactionManager::begin_transaction(conn)?;
    Ok(())
}
