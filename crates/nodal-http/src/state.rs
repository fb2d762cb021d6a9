//! The application state: one cloneable value holding everything a request may need.

use std::sync::Arc;
use std::time::Instant;

use nodal_auth::{Clock, SystemClock};
use nodal_store::DbPool;

use crate::auth::AuthService;
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
    /// The time source (the system clock, or a test clock).
    pub clock: Arc<dyn Clock>,
    /// Accounts, tokens, sessions and abuse limits.
    pub auth: Arc<AuthService>,
}

impl AppState {
    /// Builds the state from validated settings and a ready pool.
    pub fn new(settings: Settings, pool: DbPool) -> Self {
        let clock: Arc<dyn Clock> = Arc::new(SystemClock);
        let auth = Arc::new(AuthService::new(&settings, clock.clone()));
        Self {
            settings: Arc::new(settings),
            pool,
            started_at: Instant::now(),
            clock,
            auth,
        }
    }

    /// The same state reading time from `clock` (tests move a `TestClock` to expire tokens,
    /// locks and rate limits without waiting). Rate-limit and session-check memory starts
    /// afresh.
    pub fn with_clock(self, clock: Arc<dyn Clock>) -> Self {
        let auth = Arc::new(AuthService::new(&self.settings, clock.clone()));
        Self {
            clock,
            auth,
            ..self
        }
    }
}
