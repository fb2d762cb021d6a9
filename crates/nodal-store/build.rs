//! Re-embeds the migrations whenever a migration file is added or changed:
//! `embed_migrations!` alone does not tell cargo to watch those folders.

fn main() {
    println!("cargo:rerun-if-changed=../../migrations/sqlite");
    println!("cargo:rerun-if-changed=../../migrations/postgres");
    println!("cargo:rerun-if-changed=tests/fixtures/failing_migrations");
}
