//! The application state: one cloneable value holding everything a request may need.

use std::sync::Arc;
use std::time::Instant;

use nodal_cache::Cache;
use nodal_store::{DbPool, PoolStats};

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
            cache,
            metrics: Arc::new(Metrics::default()),
            pool_stats: PoolStats::default(),
        }
    }

    /// The same state, reporting the checkout counters of the pool it was built with.
    pub fn with_pool_stats(mut self, stats: PoolStats) -> Self {
        self.pool_stats = stats;
        self
    }
}
