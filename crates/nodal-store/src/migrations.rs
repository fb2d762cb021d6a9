//! Embedded migrations for both backends, run at startup and by `nodal-server migrate`.
//!
//! `migrations/sqlite` and `migrations/postgres` (workspace root) hold the same
//! migration names; `build.rs` makes cargo re-embed them when they change.

use diesel::connection::{Connection, SimpleConnection};
use diesel::sql_types::Text;
use diesel::{PgConnection, RunQueryDsl};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use crate::connection::DbConnection;
use crate::error::StoreError;
use crate::pool::{DbPool, connection};

/// SQLite migrations, embedded at build time.
pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
/// PostgreSQL migrations, embedded at build time.
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// Key of the PostgreSQL session advisory lock held while migrating
/// (the bytes of "nodal_mg").
pub const MIGRATION_LOCK_KEY: i64 = 0x6E6F_6461_6C5F_6D67;

/// Applies every pending migration and returns the names applied, oldest first
/// (empty when the schema is current, so it is safe to call on every start).
///
/// PostgreSQL: runs under `pg_advisory_lock(MIGRATION_LOCK_KEY)` with
/// `statement_timeout` lifted for the duration, so replicas starting together
/// migrate one at a time and the others find nothing pending. The lock is released
/// whether the migrations succeed or fail. SQLite: runs inside one `BEGIN
/// IMMEDIATE` transaction, which serializes concurrent runners the same way.
/// Each migration is all-or-nothing on both backends.
///
/// # Errors
/// [`StoreError::Unavailable`] when no connection can be had,
/// [`StoreError::Migration`] when a migration fails.
pub fn run_migrations(pool: &DbPool) -> Result<Vec<String>, StoreError> {
    let mut conn = connection(pool)?;
    let applied = match &mut *conn {
        DbConnection::Pg(pg) => migrate_postgres(pg, POSTGRES_MIGRATIONS)?,
        DbConnection::Sqlite(sqlite) => {
            sqlite.immediate_transaction(|c| apply_pending(c, SQLITE_MIGRATIONS))?
        }
    };
    for name in &applied {
        tracing::info!(migration = %name, "applied migration");
    }
    Ok(applied)
}

/// Names of the migrations not yet applied, oldest first.
///
/// # Errors
/// [`StoreError::Unavailable`] when no connection can be had,
/// [`StoreError::Migration`] when the migration table cannot be read.
pub fn pending_migrations(pool: &DbPool) -> Result<Vec<String>, StoreError> {
    let mut conn = connection(pool)?;
    match &mut *conn {
        DbConnection::Pg(pg) => pending_names(pg, POSTGRES_MIGRATIONS),
        DbConnection::Sqlite(sqlite) => pending_names(sqlite, SQLITE_MIGRATIONS),
    }
}

/// Readiness: a connection can be checked out, answers a ping, and no migration
/// is pending.
///
/// # Errors
/// [`StoreError::Unavailable`] when the database cannot be reached,
/// [`StoreError::Migration`] naming the pending migrations.
pub fn check_ready(pool: &DbPool) -> Result<(), StoreError> {
    connection(pool)?.ping()?;
    let pending = pending_migrations(pool)?;
    if pending.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Migration(format!(
            "{} pending: {}",
            pending.len(),
            pending.join(", ")
        )))
    }
}

fn migration_error(error: impl std::fmt::Display) -> StoreError {
    StoreError::Migration(error.to_string())
}

fn pending_names<C>(conn: &mut C, source: EmbeddedMigrations) -> Result<Vec<String>, StoreError>
where
    C: MigrationHarness<C::Backend> + Connection,
{
    let pending = conn.pending_migrations(source).map_err(migration_error)?;
    Ok(pending.iter().map(|m| m.name().to_string()).collect())
}

fn apply_pending<C>(conn: &mut C, source: EmbeddedMigrations) -> Result<Vec<String>, StoreError>
where
    C: MigrationHarness<C::Backend> + Connection,
{
    let pending = conn.pending_migrations(source).map_err(migration_error)?;
    let mut applied = Vec::with_capacity(pending.len());
    for migration in &pending {
        let name = migration.name().to_string();
        conn.run_migration(migration.as_ref())
            .map_err(|e| StoreError::Migration(format!("{name}: {e}")))?;
        applied.push(name);
    }
    Ok(applied)
}

#[derive(diesel::QueryableByName)]
struct Setting {
    #[diesel(sql_type = Text)]
    value: String,
}

fn migrate_postgres(
    pg: &mut PgConnection,
    source: EmbeddedMigrations,
) -> Result<Vec<String>, StoreError> {
    let previous_timeout: Setting =
        diesel::sql_query("SELECT current_setting('statement_timeout') AS value").get_result(pg)?;
    // Waiting for another replica's migrations, and the migrations themselves,
    // may take longer than a request is allowed to.
    pg.batch_execute("SET statement_timeout = 0")?;
    let locked = pg.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})"));
    let result = match locked {
        Ok(()) => {
            let result = apply_pending(pg, source);
            if let Err(error) =
                pg.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})"))
            {
                tracing::error!(error = %error, "releasing the migration lock failed");
            }
            result
        }
        Err(error) => Err(StoreError::from(error)),
    };
    let restore = format!(
        "SET statement_timeout = '{}'",
        previous_timeout.value.replace('\'', "''")
    );
    if let Err(error) = pg.batch_execute(&restore) {
        tracing::error!(error = %error, "restoring statement_timeout failed");
    }
    result
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use diesel::sql_types::Bool;

    use super::*;
    use crate::test_support::TestDatabase;

    /// One good migration, then one that fails halfway.
    const FAILING: EmbeddedMigrations = embed_migrations!("tests/fixtures/failing_migrations");

    #[derive(diesel::QueryableByName)]
    struct Flag {
        #[diesel(sql_type = Bool)]
        flag: bool,
    }

    #[test]
    fn failed_postgres_migration_releases_lock_and_restores_timeout() {
        let Some(db) = TestDatabase::postgres_unmigrated() else {
            return;
        };
        let mut conn = db.conn();
        let DbConnection::Pg(pg) = &mut *conn else {
            panic!("expected postgres");
        };
        let error = migrate_postgres(pg, FAILING).unwrap_err();
        assert!(
            matches!(&error, StoreError::Migration(m) if m.contains("fixture_broken")),
            "{error:?}"
        );
        let timeout: Setting =
            diesel::sql_query("SELECT current_setting('statement_timeout') AS value")
                .get_result(pg)
                .unwrap();
        assert_eq!(timeout.value, "30s");
        let partial: Flag =
            diesel::sql_query("SELECT to_regclass('fixture_partial') IS NULL AS flag")
                .get_result(pg)
                .unwrap();
        assert!(partial.flag, "the failed migration was not rolled back");

        // Another session can take the lock: it was released.
        let mut other = db.conn();
        let DbConnection::Pg(other) = &mut *other else {
            panic!("expected postgres");
        };
        let taken: Flag = diesel::sql_query(format!(
            "SELECT pg_try_advisory_lock({MIGRATION_LOCK_KEY}) AS flag"
        ))
        .get_result(other)
        .unwrap();
        assert!(taken.flag, "migration lock still held");
        other
            .batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})"))
            .unwrap();
    }

    #[test]
    fn failed_sqlite_migration_rolls_back_everything() {
        let db = TestDatabase::sqlite_unmigrated();
        let mut conn = db.conn();
        let DbConnection::Sqlite(sqlite) = &mut *conn else {
            panic!("expected sqlite");
        };
        let error = sqlite
            .immediate_transaction(|c| apply_pending(c, FAILING))
            .unwrap_err();
        assert!(
            matches!(&error, StoreError::Migration(m) if m.contains("fixture_broken")),
            "{error:?}"
        );
        let pending = pending_names(sqlite, FAILING).unwrap();
        assert_eq!(
            pending.len(),
            2,
            "the whole run is one transaction on SQLite: {pending:?}"
        );
    }
}
