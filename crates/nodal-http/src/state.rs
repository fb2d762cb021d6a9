//! The application state: one cloneable value holding everything a request may need.

use std::sync::Arc;
use std::time::Instant;

use nodal_store::DbPool;

use crate::settings::Settings;

/// Shared state, registered once with actix as `web::Data<AppState>`.
#[derive(Clone)]
pub struct AppState {
    /// Validated configuration.
    pub settings: Arc<Settings>,
    /// Database connection pool.
    pub pool: DbPool,
    /// When the process started serving, for uptime.
    pub started_at: Instant,
}

impl AppState {
    /// Builds the state from validated settings and a ready pool.
    pub fn new(settings: Settings, pool: DbPool) -> Self {
        Self {
            settings: Arc::new(settings),
            pool,
            started_at: Instant::now(),
        }
    }
}
