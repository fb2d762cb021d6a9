//! nodal-store against real databases: every repository function on SQLite and
//! PostgreSQL (`NODAL_TEST_POSTGRES_URL`), error mapping, transactions,
//! migrations, pool behaviour and per-backend connection setup.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod field_data;

use std::thread;
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text};
use nodal_store::test_support::TestDatabase;
use nodal_store::{
    Backend, DatabaseSettings, DbConnection, NewOrganization, Page, StoreError, TlsMode,
    build_pool, check_ready, organizations, pending_migrations, run_migrations, store_test,
    transaction,
};
use uuid::Uuid;

const FIRST_MIGRATION: &str = "2026-11-26-000001_create_organizations";

/// Every migration of the repository, in order (read from the SQLite folder; the
/// PostgreSQL folder has the same names).
fn all_migrations() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations/sqlite");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn acme() -> NewOrganization<'static> {
    NewOrganization {
        name: "Acme Oil",
        slug: "acme-oil",
    }
}

fn conflict(field: &str) -> StoreError {
    StoreError::Conflict {
        entity: "organization".to_owned(),
        field: field.to_owned(),
    }
}

fn not_found() -> StoreError {
    StoreError::not_found("organization")
}

// ---------------------------------------------------------------- organizations

store_test!(fn create_then_get_by_id_and_slug(db) {
    let mut conn = db.conn();
    let created = organizations::create(&mut conn, &acme()).unwrap();
    assert_eq!(created.name, "Acme Oil");
    assert_eq!(created.slug, "acme-oil");
    assert_eq!(created.created_at, created.updated_at);
    assert_eq!(created.id.get_version_num(), 7);
    assert_eq!(organizations::get(&mut conn, created.id).unwrap(), created);
    assert_eq!(organizations::get_by_slug(&mut conn, "acme-oil").unwrap(), created);
});

store_test!(fn duplicate_slug_is_conflict_on_slug(db) {
    let mut conn = db.conn();
    organizations::create(&mut conn, &acme()).unwrap();
    let error = organizations::create(&mut conn, &NewOrganization { name: "Other", slug: "acme-oil" })
        .unwrap_err();
    assert_eq!(error, conflict("slug"));
});

store_test!(fn duplicate_name_in_other_case_is_conflict_on_name(db) {
    let mut conn = db.conn();
    organizations::create(&mut conn, &acme()).unwrap();
    let error = organizations::create(&mut conn, &NewOrganization { name: "ACME oil", slug: "acme-2" })
        .unwrap_err();
    assert_eq!(error, conflict("name"));
    assert_eq!(organizations::list(&mut conn, Page::default()).unwrap().total, 1);
});

store_test!(fn invalid_values_are_refused_before_writing(db) {
    let mut conn = db.conn();
    for new in [
        NewOrganization { name: "  ", slug: "ok" },
        NewOrganization { name: "Fine", slug: "Not A Slug" },
    ] {
        assert!(matches!(organizations::create(&mut conn, &new), Err(StoreError::Invalid(_))));
    }
    assert_eq!(organizations::list(&mut conn, Page::default()).unwrap().total, 0);
});

store_test!(fn missing_organization_is_not_found(db) {
    let mut conn = db.conn();
    let id = Uuid::now_v7();
    assert_eq!(organizations::get(&mut conn, id).unwrap_err(), not_found());
    assert_eq!(organizations::get_by_slug(&mut conn, "nobody").unwrap_err(), not_found());
    assert_eq!(organizations::rename(&mut conn, id, "New").unwrap_err(), not_found());
    assert_eq!(organizations::delete(&mut conn, id).unwrap_err(), not_found());
});

store_test!(fn list_pages_in_creation_order_with_total(db) {
    let mut conn = db.conn();
    let mut created = Vec::new();
    for i in 0..5 {
        let name = format!("Operator {i}");
        let slug = format!("operator-{i}");
        created.push(organizations::create(&mut conn, &NewOrganization { name: &name, slug: &slug }).unwrap());
    }
    let first = organizations::list(&mut conn, Page::new(2, 0)).unwrap();
    assert_eq!(first.total, 5);
    assert_eq!((first.limit, first.offset), (2, 0));
    assert_eq!(first.items, created[0..2]);
    let last = organizations::list(&mut conn, Page::new(2, 4)).unwrap();
    assert_eq!(last.items, created[4..5]);
    assert_eq!(last.total, 5);
    let beyond = organizations::list(&mut conn, Page::new(10, 50)).unwrap();
    assert!(beyond.items.is_empty());
    assert_eq!(beyond.total, 5);
    assert!(matches!(organizations::list(&mut conn, Page::new(0, 0)), Err(StoreError::Invalid(_))));
    assert!(matches!(organizations::list(&mut conn, Page::new(1001, 0)), Err(StoreError::Invalid(_))));
    assert!(matches!(organizations::list(&mut conn, Page::new(1, u64::MAX)), Err(StoreError::Invalid(_))));
});

store_test!(fn rename_changes_name_and_updated_at(db) {
    let mut conn = db.conn();
    let org = organizations::create(&mut conn, &acme()).unwrap();
    thread::sleep(Duration::from_millis(2));
    let renamed = organizations::rename(&mut conn, org.id, "Acme Energy").unwrap();
    assert_eq!(renamed.name, "Acme Energy");
    assert_eq!(renamed.slug, org.slug);
    assert_eq!(renamed.created_at, org.created_at);
    assert!(renamed.updated_at > org.updated_at);
    assert_eq!(organizations::get(&mut conn, org.id).unwrap(), renamed);
    // Changing only the case of its own name is not a conflict.
    assert_eq!(organizations::rename(&mut conn, org.id, "ACME ENERGY").unwrap().name, "ACME ENERGY");
});

store_test!(fn rename_to_taken_name_is_conflict(db) {
    let mut conn = db.conn();
    organizations::create(&mut conn, &acme()).unwrap();
    let other = organizations::create(&mut conn, &NewOrganization { name: "Basin Co", slug: "basin" }).unwrap();
    assert_eq!(organizations::rename(&mut conn, other.id, "acme OIL").unwrap_err(), conflict("name"));
    assert!(matches!(organizations::rename(&mut conn, other.id, ""), Err(StoreError::Invalid(_))));
    assert_eq!(organizations::get(&mut conn, other.id).unwrap().name, "Basin Co");
});

store_test!(fn delete_removes_the_row(db) {
    let mut conn = db.conn();
    let org = organizations::create(&mut conn, &acme()).unwrap();
    organizations::delete(&mut conn, org.id).unwrap();
    assert_eq!(organizations::get(&mut conn, org.id).unwrap_err(), not_found());
    assert_eq!(organizations::delete(&mut conn, org.id).unwrap_err(), not_found());
    // The slug and name are free again.
    organizations::create(&mut conn, &acme()).unwrap();
});

// ---------------------------------------------------------------- transactions

store_test!(fn transaction_failure_midway_leaves_nothing_written(db) {
    let mut conn = db.conn();
    let error = transaction(&mut conn, |tx| {
        organizations::create(tx, &acme())?;
        organizations::create(tx, &NewOrganization { name: "Second", slug: "second" })?;
        // Fails on the slug: everything above must be rolled back.
        organizations::create(tx, &NewOrganization { name: "Third", slug: "acme-oil" })?;
        Ok(())
    })
    .unwrap_err();
    assert_eq!(error, conflict("slug"));
    assert_eq!(organizations::list(&mut conn, Page::default()).unwrap().total, 0);
    assert!(organizations::get_by_slug(&mut conn, "second").is_err());
});

store_test!(fn transaction_error_from_caller_rolls_back(db) {
    let mut conn = db.conn();
    let result: Result<(), _> = transaction(&mut conn, |tx| {
        organizations::create(tx, &acme())?;
        Err(StoreError::Invalid("refused by caller".to_owned()))
    });
    assert_eq!(result.unwrap_err(), StoreError::Invalid("refused by caller".to_owned()));
    assert_eq!(organizations::list(&mut conn, Page::default()).unwrap().total, 0);
});

store_test!(fn transaction_commits_and_nests_with_savepoints(db) {
    let mut conn = db.conn();
    let outer = transaction(&mut conn, |tx| {
        let kept = organizations::create(tx, &acme())?;
        let inner: Result<(), StoreError> = transaction(tx, |inner| {
            organizations::create(inner, &NewOrganization { name: "Inner", slug: "inner" })?;
            Err(StoreError::Invalid("inner refused".to_owned()))
        });
        assert!(inner.is_err());
        Ok(kept)
    })
    .unwrap();
    let all = organizations::list(&mut conn, Page::default()).unwrap();
    assert_eq!(all.items, vec![outer]);
    // The connection is usable and out of any transaction afterwards.
    organizations::create(&mut conn, &NewOrganization { name: "After", slug: "after" }).unwrap();
});

// ---------------------------------------------------------------- isolation

store_test!(fn each_test_database_starts_empty(db) {
    let mut conn = db.conn();
    assert_eq!(organizations::list(&mut conn, Page::default()).unwrap().total, 0);
    organizations::create(&mut conn, &acme()).unwrap();
    let other = TestDatabase::for_backend(db.backend()).unwrap();
    let mut other_conn = other.conn();
    assert_eq!(organizations::list(&mut other_conn, Page::default()).unwrap().total, 0);
    assert_eq!(db.backend(), other.backend());
});

// ---------------------------------------------------------------- migrations

store_test!(fn migrations_are_idempotent_and_ready(db) {
    assert!(run_migrations(db.pool()).unwrap().is_empty());
    assert!(run_migrations(db.pool()).unwrap().is_empty());
    assert!(pending_migrations(db.pool()).unwrap().is_empty());
    check_ready(db.pool()).unwrap();
});

fn fresh_database_migrates_once(db: &TestDatabase) {
    assert_eq!(pending_migrations(db.pool()).unwrap(), all_migrations());
    let not_ready = check_ready(db.pool()).unwrap_err();
    assert!(
        matches!(&not_ready, StoreError::Migration(m) if m.contains(FIRST_MIGRATION)),
        "{not_ready:?}"
    );
    assert_eq!(run_migrations(db.pool()).unwrap(), all_migrations());
    assert!(run_migrations(db.pool()).unwrap().is_empty());
    check_ready(db.pool()).unwrap();
}

#[test]
fn fresh_sqlite_database_migrates_once() {
    fresh_database_migrates_once(&TestDatabase::sqlite_unmigrated());
}

#[test]
fn fresh_postgres_database_migrates_once() {
    if let Some(db) = TestDatabase::postgres_unmigrated() {
        fresh_database_migrates_once(&db);
    }
}

/// Two "replicas" (separate pools) migrate the same fresh database at once: both
/// succeed and each migration is applied exactly once.
fn concurrent_migrations(db: &TestDatabase) {
    let pools = [
        build_pool(db.settings()).unwrap(),
        build_pool(db.settings()).unwrap(),
    ];
    let results: Vec<Result<Vec<String>, StoreError>> = thread::scope(|scope| {
        let handles: Vec<_> = pools
            .iter()
            .map(|pool| scope.spawn(move || run_migrations(pool)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut applied: Vec<String> = Vec::new();
    for result in results {
        applied.extend(result.unwrap());
    }
    applied.sort();
    assert_eq!(applied, all_migrations());
    check_ready(db.pool()).unwrap();
}

#[test]
fn concurrent_postgres_migrations_both_succeed() {
    if let Some(db) = TestDatabase::postgres_unmigrated() {
        concurrent_migrations(&db);
    }
}

#[test]
fn concurrent_sqlite_migrations_both_succeed() {
    concurrent_migrations(&TestDatabase::sqlite_unmigrated());
}

// ---------------------------------------------------------------- pool and connections

#[test]
fn unreachable_postgres_is_unavailable_at_once_without_password() {
    let settings = DatabaseSettings {
        connect_timeout_secs: 2,
        ..DatabaseSettings::with_url("postgres://nodal:hunter2@127.0.0.1:1/nodal")
    };
    match build_pool(&settings) {
        Err(StoreError::Unavailable(message)) => {
            assert!(!message.contains("hunter2"), "{message}");
            assert!(!message.is_empty());
        }
        other => panic!("expected Unavailable, got {other:?}"),
    }
}

#[test]
fn unknown_scheme_and_bad_settings_are_invalid() {
    assert!(matches!(
        build_pool(&DatabaseSettings::with_url("mysql://localhost/nodal")),
        Err(StoreError::Invalid(_))
    ));
    let zero_pool = DatabaseSettings {
        pool_max_size: Some(0),
        ..DatabaseSettings::with_url("sqlite::memory:")
    };
    assert!(
        matches!(build_pool(&zero_pool), Err(StoreError::Invalid(m)) if m.contains("pool_max_size"))
    );
}

#[test]
fn sqlite_that_cannot_be_opened_is_unavailable() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, b"x").unwrap();
    let settings = DatabaseSettings::with_url(format!("sqlite://{}/nodal.db", file.display()));
    assert!(matches!(
        build_pool(&settings),
        Err(StoreError::Unavailable(_))
    ));
}

#[test]
fn sqlite_parent_directory_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/deeper/nodal.db");
    let pool = build_pool(&DatabaseSettings::with_url(format!(
        "sqlite://{}",
        path.display()
    )))
    .unwrap();
    run_migrations(&pool).unwrap();
    assert!(path.exists());
}

#[test]
fn in_memory_sqlite_keeps_one_database() {
    let pool = build_pool(&DatabaseSettings::with_url(":memory:")).unwrap();
    assert_eq!(pool.max_size(), 1);
    run_migrations(&pool).unwrap();
    organizations::create(&mut pool.get().unwrap(), &acme()).unwrap();
    assert_eq!(
        organizations::list(&mut pool.get().unwrap(), Page::default())
            .unwrap()
            .total,
        1
    );
    check_ready(&pool).unwrap();
}

#[test]
fn exhausted_pool_is_unavailable() {
    let db = TestDatabase::sqlite();
    let settings = DatabaseSettings {
        pool_max_size: Some(1),
        connect_timeout_secs: 1,
        ..db.settings().clone()
    };
    let pool = build_pool(&settings).unwrap();
    let _held = pool.get().unwrap();
    assert!(matches!(
        nodal_store::connection(&pool),
        Err(StoreError::Unavailable(_))
    ));
}

#[derive(QueryableByName)]
struct TextValue {
    #[diesel(sql_type = Text)]
    value: String,
}

#[derive(QueryableByName)]
struct IntValue {
    #[diesel(sql_type = BigInt)]
    value: i64,
}

fn sqlite_pragma_text(conn: &mut SqliteConnection, pragma: &str) -> String {
    diesel::sql_query(format!("SELECT {pragma} AS value FROM pragma_{pragma}"))
        .get_result::<TextValue>(conn)
        .unwrap()
        .value
}

/// The integer answer of `pragma`, read from its table-valued form as `column`.
fn sqlite_pragma_int(conn: &mut SqliteConnection, pragma: &str, column: &str) -> i64 {
    diesel::sql_query(format!("SELECT {column} AS value FROM pragma_{pragma}"))
        .get_result::<IntValue>(conn)
        .unwrap()
        .value
}

#[test]
fn sqlite_pragmas_are_in_force_on_every_connection() {
    let db = TestDatabase::sqlite();
    let mut held = Vec::new();
    for _ in 0..3 {
        let mut conn = db.conn();
        let DbConnection::Sqlite(sqlite) = &mut *conn else {
            panic!("expected sqlite");
        };
        assert_eq!(sqlite_pragma_text(sqlite, "journal_mode"), "wal");
        assert_eq!(sqlite_pragma_int(sqlite, "foreign_keys", "foreign_keys"), 1);
        assert_eq!(
            sqlite_pragma_int(sqlite, "synchronous", "synchronous"),
            1,
            "NORMAL"
        );
        let expected = i64::try_from(db.settings().sqlite_busy_timeout_ms).unwrap();
        assert_eq!(
            sqlite_pragma_int(sqlite, "busy_timeout", "timeout"),
            expected
        );
        held.push(conn);
    }
}

#[test]
fn sqlite_foreign_keys_are_enforced() {
    let db = TestDatabase::sqlite();
    let mut conn = db.conn();
    conn.batch_execute(
        "CREATE TABLE fk_parent (id TEXT PRIMARY KEY); \
         CREATE TABLE fk_child (id TEXT PRIMARY KEY, parent_id TEXT NOT NULL REFERENCES fk_parent(id));",
    )
    .unwrap();
    let error = diesel::sql_query("INSERT INTO fk_child (id, parent_id) VALUES ('c', 'missing')")
        .execute(&mut *conn)
        .unwrap_err();
    assert!(matches!(
        StoreError::from(error),
        StoreError::Conflict { .. }
    ));
}

#[derive(QueryableByName)]
struct Flag {
    #[diesel(sql_type = Bool)]
    flag: bool,
}

fn postgres_uses_tls(conn: &mut DbConnection) -> bool {
    let DbConnection::Pg(pg) = conn else {
        panic!("expected postgres");
    };
    diesel::sql_query("SELECT ssl AS flag FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        .get_result::<Flag>(pg)
        .unwrap()
        .flag
}

#[test]
fn postgres_statement_timeout_and_tls_mode_are_applied() {
    let Some(db) = TestDatabase::postgres() else {
        return;
    };
    let mut conn = db.conn();
    let DbConnection::Pg(pg) = &mut *conn else {
        panic!("expected postgres");
    };
    let timeout: TextValue =
        diesel::sql_query("SELECT current_setting('statement_timeout') AS value")
            .get_result(pg)
            .unwrap();
    assert_eq!(timeout.value, "30s");
    let application: TextValue =
        diesel::sql_query("SELECT current_setting('application_name') AS value")
            .get_result(pg)
            .unwrap();
    assert_eq!(application.value, "nodal");

    let plain = DatabaseSettings {
        tls_mode: TlsMode::Disable,
        statement_timeout_ms: 50,
        ..db.settings().clone()
    };
    let plain_pool = build_pool(&plain).unwrap();
    let mut plain_conn = plain_pool.get().unwrap();
    assert!(!postgres_uses_tls(&mut plain_conn));
    let slow = diesel::sql_query("SELECT pg_sleep(2)")
        .execute(&mut *plain_conn)
        .unwrap_err();
    assert!(
        matches!(StoreError::from(slow), StoreError::Unavailable(m) if m.contains("statement timeout"))
    );

    let encrypted = DatabaseSettings {
        tls_mode: TlsMode::Require,
        ..db.settings().clone()
    };
    // The server may or may not offer TLS; `require` must never fall back to plain.
    match build_pool(&encrypted) {
        Ok(pool) => assert!(postgres_uses_tls(&mut pool.get().unwrap())),
        Err(StoreError::Unavailable(m)) => assert!(m.to_lowercase().contains("ssl"), "{m}"),
        Err(other) => panic!("unexpected {other:?}"),
    }
}

#[test]
fn backends_are_reported() {
    let db = TestDatabase::sqlite();
    assert_eq!(db.backend(), Backend::Sqlite);
    assert_eq!(db.conn().backend(), Backend::Sqlite);
    assert_eq!(db.settings().backend().unwrap(), Backend::Sqlite);
    if let Some(pg) = TestDatabase::postgres() {
        assert_eq!(pg.conn().backend(), Backend::Postgres);
        assert!(pg.settings().host_is_local());
    }
}
