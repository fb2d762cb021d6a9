//! # nodal-cache
//!
//! The calculation cache: [`Cache::get_or_compute`] answers a repeated calculation from memory
//! and computes a new one once, however many identical requests arrive together.
//!
//! - **Keys** ([`CacheKey`]) are the canonical JSON of the validated request plus the
//!   calculation kind and the engine version, so field order, number spelling, `-0.0` and
//!   defaults cannot split one case into two keys, and a new engine never serves old results.
//! - **Values** are finished response bodies ([`Payload`]: content type and bytes), shared as
//!   `Arc` and `Bytes`: a hit copies nothing.
//! - **Limits**: entry count, approximate bytes and a time to live, least-recently-used
//!   eviction ([`CacheConfig`]); `enabled = false` turns caching off (every call computes).
//! - **Single flight**: concurrent identical calls compute once; the others wait for that
//!   result. A failure is returned to its caller and never stored; waiters then try again,
//!   one of them computing, so nothing is poisoned.
//! - **Statistics** per kind ([`CacheStats`]).
//! - **Shared tier**: with a Redis URL, results are also stored in Redis so replicas share
//!   them. A Redis failure only logs a warning and falls back to the local tier.
//!
//! The `cached` crate backs the local tier and is named only in `local.rs`.

mod key;
mod local;
mod shared;
mod stats;

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use bytes::Bytes;
use tokio::sync::watch;

pub use key::{CacheKey, KeyError, write_canonical};
pub use local::LimitError;
pub use shared::{RETRY_AFTER as SHARED_TIER_RETRY_AFTER, SharedTierError};
pub use stats::{CacheStats, KindStats};

use local::{Entry, LocalTier};
use shared::SharedTier;
use stats::{KindCounters, Registry};

/// A finished response: its content type and body. Shared, never copied, by every hit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload {
    /// Media type, e.g. `application/json` or `image/svg+xml`.
    pub content_type: String,
    /// The body bytes.
    pub body: Bytes,
}

impl Payload {
    /// A payload from a content type and body (a `Vec<u8>` is taken over without a copy).
    pub fn new(content_type: impl Into<String>, body: impl Into<Bytes>) -> Self {
        Self {
            content_type: content_type.into(),
            body: body.into(),
        }
    }
}

/// Where an answer came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Served from the cache (either tier) or from an identical calculation in flight.
    Hit,
    /// Computed for this call.
    Miss,
}

impl Outcome {
    /// `hit` or `miss`, as sent in the `X-Cache` header.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hit => "hit",
            Self::Miss => "miss",
        }
    }
}

/// Cache configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheConfig {
    /// Off: every call computes and nothing is stored.
    pub enabled: bool,
    /// Most entries in the local tier (≥ 1).
    pub max_entries: usize,
    /// Most approximate bytes in the local tier (keys, bodies, bookkeeping).
    pub max_bytes: u64,
    /// Time to live of an entry (> 0), in both tiers.
    pub ttl: Duration,
    /// `redis://…` for the shared tier; `None` for local only.
    pub redis_url: Option<String>,
    /// Prefix of every Redis key, so that deployments can share one Redis.
    pub redis_key_prefix: String,
    /// Connect, read and write timeout of each Redis operation.
    pub redis_timeout: Duration,
    /// After a Redis failure, how long to serve from the local tier only before trying
    /// Redis again.
    pub redis_retry_after: Duration,
    /// Engine version, part of every key.
    pub engine_version: String,
}

impl Default for CacheConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            max_entries: 10_000,
            max_bytes: 32 * 1024 * 1024,
            ttl: Duration::from_secs(3600),
            redis_url: None,
            redis_key_prefix: "nodal:cache:".into(),
            redis_timeout: Duration::from_millis(250),
            redis_retry_after: SHARED_TIER_RETRY_AFTER,
            engine_version: String::new(),
        }
    }
}

/// Why a cache could not be built from its configuration.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// Entry count or TTL out of range.
    #[error(transparent)]
    Limits(#[from] LimitError),
    /// The Redis URL does not parse.
    #[error(transparent)]
    SharedTier(#[from] SharedTierError),
}

/// The calculation cache. Cheap to clone (shared).
#[derive(Clone)]
pub struct Cache {
    inner: Arc<Inner>,
}

struct Inner {
    config: CacheConfig,
    local: Option<LocalTier>,
    shared: Option<Arc<SharedTier>>,
    flights: Mutex<HashMap<CacheKey, Flight>>,
    next_flight: AtomicU64,
    registry: Registry,
}

/// A calculation in progress: waiters watch for its result. The leader drops the sender
/// without sending on failure (or when its caller goes away), which wakes the waiters to try
/// again.
#[derive(Clone)]
struct Flight {
    id: u64,
    result: watch::Receiver<Option<Entry>>,
}

/// Held by the caller that computes: ends the flight however the computation ends.
struct FlightGuard<'a> {
    inner: &'a Inner,
    key: CacheKey,
    id: u64,
    sender: watch::Sender<Option<Entry>>,
}

impl FlightGuard<'_> {
    fn finish(self, entry: Entry) {
        // Receivers may all be gone; that is fine.
        let _ = self.sender.send(Some(entry));
        // Drop runs next and removes the flight.
    }
}

impl Drop for FlightGuard<'_> {
    fn drop(&mut self) {
        let mut flights = lock(&self.inner.flights);
        if flights.get(&self.key).is_some_and(|f| f.id == self.id) {
            flights.remove(&self.key);
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

impl Cache {
    /// Builds the cache. The shared tier connects on first use.
    ///
    /// # Errors
    /// [`ConfigError`] when a limit is zero or the Redis URL does not parse.
    pub fn new(config: CacheConfig) -> Result<Self, ConfigError> {
        let local = if config.enabled {
            Some(LocalTier::new(
                config.max_entries,
                config.max_bytes,
                config.ttl,
            )?)
        } else {
            None
        };
        let shared = match (&config.redis_url, config.enabled) {
            (Some(url), true) => Some(Arc::new(SharedTier::new(
                url,
                &config.redis_key_prefix,
                config.ttl,
                config.redis_timeout,
                config.redis_retry_after,
            )?)),
            _ => None,
        };
        Ok(Self {
            inner: Arc::new(Inner {
                config,
                local,
                shared,
                flights: Mutex::new(HashMap::new()),
                next_flight: AtomicU64::new(0),
                registry: Registry::default(),
            }),
        })
    }

    /// A cache that is off: every call computes. Cannot fail.
    pub fn disabled(engine_version: &str) -> Self {
        Self {
            inner: Arc::new(Inner {
                config: CacheConfig {
                    enabled: false,
                    redis_url: None,
                    engine_version: engine_version.to_owned(),
                    ..CacheConfig::default()
                },
                local: None,
                shared: None,
                flights: Mutex::new(HashMap::new()),
                next_flight: AtomicU64::new(0),
                registry: Registry::default(),
            }),
        }
    }

    /// The configuration in force.
    pub fn config(&self) -> &CacheConfig {
        &self.inner.config
    }

    /// The key of `request` for the calculation `kind`, under this cache's engine version.
    ///
    /// # Errors
    /// [`KeyError`] when the request cannot be serialized.
    pub fn key<T: serde::Serialize + ?Sized>(
        &self,
        kind: &'static str,
        request: &T,
    ) -> Result<CacheKey, KeyError> {
        CacheKey::new(kind, &self.inner.config.engine_version, request)
    }

    /// The cached answer for `key`, or the result of `compute`, stored for next time.
    ///
    /// Identical concurrent calls run `compute` once. A failed `compute` returns its error to
    /// its own caller and stores nothing; callers that were waiting on it try again.
    ///
    /// # Errors
    /// The error of this call's own `compute`.
    pub async fn get_or_compute<E, F, Fut>(
        &self,
        key: &CacheKey,
        compute: F,
    ) -> Result<(Arc<Payload>, Outcome), E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Payload, E>>,
    {
        let inner = &*self.inner;
        let counters = inner.registry.kind(key.kind());
        let Some(local) = &inner.local else {
            KindCounters::add(&counters.misses, 1);
            let started = Instant::now();
            let result = compute().await;
            KindCounters::add_duration(&counters.compute_nanos, started.elapsed());
            return result
                .map(|p| (Arc::new(p), Outcome::Miss))
                .inspect_err(|_| {
                    KindCounters::add(&counters.failures, 1);
                });
        };
        let guard = loop {
            if let Some(entry) = local.get(key) {
                KindCounters::add(&counters.hits, 1);
                KindCounters::add_duration(&counters.saved_nanos, entry.compute);
                return Ok((entry.payload, Outcome::Hit));
            }
            let waiting = {
                let mut flights = lock(&inner.flights);
                match flights.get(key) {
                    Some(flight) => Some(flight.result.clone()),
                    None => {
                        let id = inner.next_flight.fetch_add(1, Ordering::Relaxed);
                        let (sender, result) = watch::channel(None);
                        flights.insert(key.clone(), Flight { id, result });
                        drop(flights);
                        break FlightGuard {
                            inner,
                            key: key.clone(),
                            id,
                            sender,
                        };
                    }
                }
            };
            if let Some(mut result) = waiting {
                // `Err` means the leader failed or went away: loop and try again.
                if let Ok(entry) = result.wait_for(Option::is_some).await
                    && let Some(entry) = entry.as_ref()
                {
                    KindCounters::add(&counters.hits, 1);
                    KindCounters::add(&counters.coalesced, 1);
                    KindCounters::add_duration(&counters.saved_nanos, entry.compute);
                    return Ok((entry.payload.clone(), Outcome::Hit));
                }
            }
        };

        if let Some(shared) = &inner.shared {
            let tier = shared.clone();
            let lookup = key.clone();
            let found = tokio::task::spawn_blocking(move || tier.get(&lookup))
                .await
                .ok()
                .flatten();
            if let Some(payload) = found {
                let entry = Entry::new(
                    key,
                    Arc::new(payload),
                    counters.clone(),
                    inner.config.ttl,
                    Duration::ZERO,
                );
                KindCounters::add(&counters.hits, 1);
                KindCounters::add(&counters.shared_hits, 1);
                local.insert(key.clone(), entry.clone());
                let payload = entry.payload.clone();
                guard.finish(entry);
                return Ok((payload, Outcome::Hit));
            }
        }

        KindCounters::add(&counters.misses, 1);
        let started = Instant::now();
        let result = compute().await;
        let elapsed = started.elapsed();
        KindCounters::add_duration(&counters.compute_nanos, elapsed);
        let payload = match result {
            Ok(payload) => Arc::new(payload),
            Err(error) => {
                KindCounters::add(&counters.failures, 1);
                return Err(error);
            }
        };
        let entry = Entry::new(
            key,
            payload.clone(),
            counters.clone(),
            inner.config.ttl,
            elapsed,
        );
        local.insert(key.clone(), entry.clone());
        guard.finish(entry);
        if let Some(shared) = &inner.shared {
            let tier = shared.clone();
            let stored = key.clone();
            let value = payload.clone();
            // Not awaited: the answer does not wait for Redis.
            drop(tokio::task::spawn_blocking(move || {
                tier.set(&stored, &value)
            }));
        }
        Ok((payload, Outcome::Miss))
    }

    /// Empties the local tier and, when configured, deletes this cache's keys from Redis.
    /// Statistics counters are kept; the entry and byte gauges drop to zero.
    pub async fn clear(&self) {
        if let Some(local) = &self.inner.local {
            local.clear();
            self.inner.registry.zero_gauges();
        }
        if let Some(shared) = &self.inner.shared {
            let tier = shared.clone();
            let deleted = tokio::task::spawn_blocking(move || tier.clear())
                .await
                .ok()
                .flatten();
            if let Some(deleted) = deleted {
                tracing::info!(deleted, "cache: cleared the Redis tier");
            }
        }
    }

    /// A snapshot of the statistics; sweeps expired entries first so the gauges are current.
    pub fn stats(&self) -> CacheStats {
        let inner = &*self.inner;
        let (entries, bytes) = match &inner.local {
            Some(local) => {
                local.sweep();
                (local.len() as u64, local.bytes())
            }
            None => (0, 0),
        };
        CacheStats {
            enabled: inner.config.enabled,
            max_entries: inner.config.max_entries as u64,
            max_bytes: inner.config.max_bytes,
            ttl_secs: inner.config.ttl.as_secs(),
            entries,
            bytes,
            shared_tier: inner.shared.is_some(),
            shared_tier_up: inner.shared.as_ref().is_some_and(|s| s.is_up()),
            shared_tier_errors: inner.shared.as_ref().map_or(0, |s| s.errors()),
            kinds: inner.registry.snapshot(),
        }
    }
}

/// Checks that `url` is a Redis URL the shared tier can use, without connecting.
///
/// # Errors
/// [`SharedTierError`] naming what does not parse.
pub fn check_redis_url(url: &str) -> Result<(), SharedTierError> {
    let second = Duration::from_secs(1);
    SharedTier::new(url, "", second, second, second).map(drop)
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache")
            .field("enabled", &self.inner.config.enabled)
            .field("max_entries", &self.inner.config.max_entries)
            .field("max_bytes", &self.inner.config.max_bytes)
            .field("ttl", &self.inner.config.ttl)
            .field("shared_tier", &self.inner.shared.is_some())
            .finish()
    }
}
