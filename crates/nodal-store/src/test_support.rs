//! Databases for tests (cargo feature `test-support`): each [`TestDatabase`] is a
//! fresh, migrated database that no other test sees, removed when dropped.
//!
//! PostgreSQL comes from `NODAL_TEST_POSTGRES_URL` (e.g.
//! `postgres://postgres@127.0.0.1:5432/test`, a role allowed to create
//! databases). Each test gets its own database `nodal_test_<uuid>`, dropped
//! afterwards. Without the variable, PostgreSQL tests are skipped with a note on
//! stderr — unless the `CI` variable is set, in which case they panic: under CI a
//! missing or unreachable PostgreSQL is a failure, never a silent pass.
//!
//! Helpers here panic on failure, as tests want.

use std::path::PathBuf;

use diesel::PgConnection;
use diesel::connection::{Connection, SimpleConnection};

use crate::migrations::run_migrations;
use crate::pool::{DbPool, PooledConnection, build_pool};
use crate::settings::{Backend, DatabaseSettings};

/// Environment variable with the PostgreSQL server URL for tests.
pub const POSTGRES_URL_VAR: &str = "NODAL_TEST_POSTGRES_URL";

/// A fresh database for one test, dropped with it.
pub struct TestDatabase {
    pool: Option<DbPool>,
    settings: DatabaseSettings,
    cleanup: Cleanup,
}

enum Cleanup {
    /// The directory is removed (with the database file) when dropped.
    Sqlite {
        _dir: tempfile::TempDir,
    },
    Postgres {
        admin_url: String,
        database: String,
    },
}

impl std::fmt::Debug for TestDatabase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestDatabase")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

/// Pool settings for test databases: small pools, so parallel tests stay well
/// under PostgreSQL's connection limit.
fn test_settings(url: String) -> DatabaseSettings {
    DatabaseSettings {
        pool_max_size: Some(4),
        pool_min_idle: 0,
        ..DatabaseSettings::with_url(url)
    }
}

impl TestDatabase {
    /// A migrated SQLite database in a fresh temporary file.
    pub fn sqlite() -> TestDatabase {
        let database = Self::sqlite_unmigrated();
        database.migrate();
        database
    }

    /// A migrated PostgreSQL database, or `None` (test skipped) when
    /// `NODAL_TEST_POSTGRES_URL` is unset outside CI.
    ///
    /// # Panics
    /// When the variable is unset under `CI`, or the server is unreachable.
    pub fn postgres() -> Option<TestDatabase> {
        let database = Self::postgres_unmigrated()?;
        database.migrate();
        Some(database)
    }

    /// A migrated database of `backend`; `None` as for [`Self::postgres`].
    pub fn for_backend(backend: Backend) -> Option<TestDatabase> {
        match backend {
            Backend::Sqlite => Some(Self::sqlite()),
            Backend::Postgres => Self::postgres(),
        }
    }

    /// Like [`Self::sqlite`], without running migrations.
    pub fn sqlite_unmigrated() -> TestDatabase {
        let dir = tempfile::Builder::new()
            .prefix("nodal-test-")
            .tempdir()
            .unwrap_or_else(|e| panic!("cannot create a temporary directory: {e}"));
        let path: PathBuf = dir.path().join("nodal.db");
        let settings = test_settings(format!("sqlite://{}", path.display()));
        let pool = build_pool(&settings).unwrap_or_else(|e| panic!("sqlite test pool: {e}"));
        TestDatabase {
            pool: Some(pool),
            settings,
            cleanup: Cleanup::Sqlite { _dir: dir },
        }
    }

    /// Like [`Self::postgres`], without running migrations.
    ///
    /// # Panics
    /// As [`Self::postgres`].
    pub fn postgres_unmigrated() -> Option<TestDatabase> {
        let admin_url = postgres_server_url()?;
        let database = format!("nodal_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = PgConnection::establish(&admin_url).unwrap_or_else(|e| {
            panic!("{POSTGRES_URL_VAR} is set but PostgreSQL is unreachable: {e}")
        });
        admin
            .batch_execute(&format!("CREATE DATABASE {database}"))
            .unwrap_or_else(|e| panic!("cannot create test database {database}: {e}"));
        drop(admin);
        let settings = test_settings(with_database(&admin_url, &database));
        let pool = build_pool(&settings).unwrap_or_else(|e| panic!("postgres test pool: {e}"));
        Some(TestDatabase {
            pool: Some(pool),
            settings,
            cleanup: Cleanup::Postgres {
                admin_url,
                database,
            },
        })
    }

    /// The pool of this database.
    pub fn pool(&self) -> &DbPool {
        self.pool
            .as_ref()
            .unwrap_or_else(|| panic!("test database pool used after drop"))
    }

    /// A connection from the pool.
    pub fn conn(&self) -> PooledConnection {
        self.pool()
            .get()
            .unwrap_or_else(|e| panic!("test database connection: {e}"))
    }

    /// The settings the pool was built from (the URL points at this database).
    pub fn settings(&self) -> &DatabaseSettings {
        &self.settings
    }

    /// The backend of this database.
    pub fn backend(&self) -> Backend {
        match self.cleanup {
            Cleanup::Sqlite { .. } => Backend::Sqlite,
            Cleanup::Postgres { .. } => Backend::Postgres,
        }
    }

    fn migrate(&self) {
        run_migrations(self.pool()).unwrap_or_else(|e| panic!("test database migrations: {e}"));
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        drop(self.pool.take());
        if let Cleanup::Postgres {
            admin_url,
            database,
        } = &self.cleanup
        {
            // FORCE ends sessions still held by clones of the pool.
            let dropped = PgConnection::establish(admin_url)
                .map_err(|e| e.to_string())
                .and_then(|mut admin| {
                    admin
                        .batch_execute(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
                        .map_err(|e| e.to_string())
                });
            if let Err(error) = dropped {
                eprintln!("warning: could not drop test database {database}: {error}");
            }
        }
    }
}

/// The PostgreSQL server URL for tests, `None` to skip, panicking under CI.
fn postgres_server_url() -> Option<String> {
    match std::env::var(POSTGRES_URL_VAR) {
        Ok(url) if !url.trim().is_empty() => Some(url.trim().to_owned()),
        _ if std::env::var_os("CI").is_some() => {
            panic!("CI is set but {POSTGRES_URL_VAR} is not: PostgreSQL tests must run under CI")
        }
        _ => {
            eprintln!(
                "note: {POSTGRES_URL_VAR} is not set; skipping the PostgreSQL variant of this test"
            );
            None
        }
    }
}

/// `url` with its database (path) replaced by `database`, query kept.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority_end = base
        .find("://")
        .map(|i| i + 3)
        .and_then(|start| base[start..].find('/').map(|j| start + j))
        .unwrap_or(base.len());
    let mut result = format!("{}/{database}", &base[..authority_end]);
    if let Some(query) = query {
        result.push('?');
        result.push_str(query);
    }
    result
}

/// Defines a test that runs its body once per backend, as two tests
/// `<name>::sqlite` and `<name>::postgres`, each with its own fresh, migrated
/// [`TestDatabase`] bound to the given identifier. The PostgreSQL test is skipped
/// (or panics under CI) as described for [`TestDatabase::postgres`].
///
/// ```text
/// nodal_store::store_test!(fn creates_organization(db) {
///     let mut conn = db.conn();
///     // ...
/// });
/// ```
#[macro_export]
macro_rules! store_test {
    ($(#[$meta:meta])* fn $name:ident($db:ident) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[test]
            fn sqlite() {
                let $db = $crate::test_support::TestDatabase::sqlite();
                $body
            }

            #[test]
            fn postgres() {
                if let Some($db) = $crate::test_support::TestDatabase::postgres() {
                    $body
                }
            }
        }
    };
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn database_in_url_is_replaced() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/test", "nodal_x"),
            "postgres://postgres@127.0.0.1:5432/nodal_x"
        );
        assert_eq!(
            with_database("postgres://u:p@h/test?sslmode=disable", "d"),
            "postgres://u:p@h/d?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://h:5432", "d"),
            "postgres://h:5432/d"
        );
    }
}
