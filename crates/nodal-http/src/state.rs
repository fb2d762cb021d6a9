//! The application state: one cloneable value holding everything a request may need.

use std::sync::Arc;
use std::time::Instant;

use nodal_auth::{Clock, SystemClock};
use nodal_cache::Cache;
use nodal_store::{DbPool, PoolStats};

use crate::auth::AuthService;
use crate::metrics::Metrics;
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
    /// The calculation cache (`cache.*` settings), keyed to the engine version.
    pub cache: Cache,
    /// Request, pool, cache and calculation metrics for `GET /metrics`.
    pub metrics: Arc<Metrics>,
    /// Checkout counters of `pool`, when it was built with
    /// [`nodal_store::build_pool_observed`]; zeros otherwise.
    pub pool_stats: PoolStats,
}

impl AppState {
    /// Builds the state from validated settings and a ready pool.
    pub fn new(settings: Settings, pool: DbPool) -> Self {
        let clock: Arc<dyn Clock> = Arc::new(SystemClock);
        let auth = Arc::new(AuthService::new(&settings, clock.clone()));
        let engine_version = nodal_core::ENGINE_VERSION;
        let cache = match Cache::new(settings.cache.cache_config(engine_version)) {
            Ok(cache) => cache,
            Err(error) => {
                // Settings::validate refuses these values; this only guards hand-built
                // settings.
                tracing::error!(%error, "cache settings rejected: caching is off");
                Cache::disabled(engine_version)
            }
        };
        Self {
            settings: Arc::new(settings),
            pool,
            started_at: Instant::now(),
            clock,
            auth,
            cache,
            metrics: Arc::new(Metrics::default()),
            pool_stats: PoolStats::default(),
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

    /// The same state, reporting the checkout counters of the pool it was built with.
    pub fn with_pool_stats(mut self, stats: PoolStats) -> Self {
        self.pool_stats = stats;
        self
    }
}
