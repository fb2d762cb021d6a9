//! Nodal persistence: one diesel schema and one set of repositories over SQLite
//! (default, embedded) and PostgreSQL (production), an r2d2 pool whose connections
//! are prepared per backend, embedded migrations, and a single error type.
//!
//! Typical start-up:
//!
//! ```
//! use nodal_store::{DatabaseSettings, NewOrganization, build_pool, organizations, run_migrations};
//!
//! # fn main() -> Result<(), nodal_store::StoreError> {
//! let pool = build_pool(&DatabaseSettings::with_url("sqlite::memory:"))?;
//! run_migrations(&pool)?;
//! let mut conn = pool.get()?;
//! let org = organizations::create(&mut conn, &NewOrganization { name: "Acme Oil", slug: "acme-oil" })?;
//! assert_eq!(organizations::get_by_slug(&mut conn, "acme-oil")?, org);
//! # Ok(())
//! # }
//! ```
//!
//! Diesel and r2d2 block the calling thread: async code calls the store from a
//! blocking pool (`web::block`), never on its worker threads.

pub mod accounts;
pub mod analyses;
pub mod connection;
pub mod error;
pub mod migrations;
pub mod operators;
pub mod organizations;
pub mod page;
pub mod pool;
mod records;
pub mod schema;
pub mod settings;
pub mod surveys;
#[cfg(feature = "test-support")]
pub mod test_support;
pub mod wells;

pub use connection::{DbConnection, DbConnectionManager};
pub use error::StoreError;
pub use migrations::{check_ready, pending_migrations, run_migrations};
pub use organizations::{NewOrganization, Organization};
pub use page::{Page, Paginated};
pub use pool::{DbPool, PooledConnection, build_pool, connection, transaction};
pub use records::Direction;
pub use settings::{Backend, DatabaseSettings, SettingError, TlsMode};
