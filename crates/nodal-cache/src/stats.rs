//! Statistics per calculation kind, kept in atomics so a hit never takes a lock to count.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use serde::Serialize;

/// Live counters of one calculation kind.
#[derive(Debug, Default)]
pub(crate) struct KindCounters {
    pub hits: AtomicU64,
    pub shared_hits: AtomicU64,
    pub coalesced: AtomicU64,
    pub misses: AtomicU64,
    pub failures: AtomicU64,
    pub insertions: AtomicU64,
    pub evictions: AtomicU64,
    pub expirations: AtomicU64,
    pub entries: AtomicI64,
    pub bytes: AtomicI64,
    pub compute_nanos: AtomicU64,
    pub saved_nanos: AtomicU64,
}

impl KindCounters {
    pub fn add(counter: &AtomicU64, n: u64) {
        counter.fetch_add(n, Ordering::Relaxed);
    }

    pub fn add_duration(counter: &AtomicU64, d: Duration) {
        let nanos = u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
        counter.fetch_add(nanos, Ordering::Relaxed);
    }

    fn snapshot(&self, kind: &str) -> KindStats {
        let load = |c: &AtomicU64| c.load(Ordering::Relaxed);
        let hits = load(&self.hits);
        let misses = load(&self.misses);
        let lookups = hits + misses;
        KindStats {
            kind: kind.to_owned(),
            hits,
            shared_tier_hits: load(&self.shared_hits),
            coalesced: load(&self.coalesced),
            misses,
            failures: load(&self.failures),
            insertions: load(&self.insertions),
            evictions: load(&self.evictions),
            expirations: load(&self.expirations),
            entries: u64::try_from(self.entries.load(Ordering::Relaxed)).unwrap_or(0),
            bytes: u64::try_from(self.bytes.load(Ordering::Relaxed)).unwrap_or(0),
            hit_ratio: if lookups == 0 {
                0.0
            } else {
                hits as f64 / lookups as f64
            },
            compute_seconds: load(&self.compute_nanos) as f64 * 1e-9,
            compute_seconds_saved: load(&self.saved_nanos) as f64 * 1e-9,
        }
    }
}

/// Counters by kind. Kinds are few and fixed (one per route), so after warm-up every lookup
/// takes the read lock only.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    kinds: RwLock<HashMap<&'static str, Arc<KindCounters>>>,
}

impl Registry {
    pub fn kind(&self, kind: &'static str) -> Arc<KindCounters> {
        if let Ok(kinds) = self.kinds.read()
            && let Some(counters) = kinds.get(kind)
        {
            return counters.clone();
        }
        match self.kinds.write() {
            Ok(mut kinds) => kinds.entry(kind).or_default().clone(),
            Err(poisoned) => poisoned.into_inner().entry(kind).or_default().clone(),
        }
    }

    pub fn snapshot(&self) -> Vec<KindStats> {
        let kinds = match self.kinds.read() {
            Ok(kinds) => kinds,
            Err(poisoned) => poisoned.into_inner(),
        };
        let mut out: Vec<KindStats> = kinds.iter().map(|(k, c)| c.snapshot(k)).collect();
        out.sort_by(|a, b| a.kind.cmp(&b.kind));
        out
    }

    /// Sets every kind's entry and byte gauges to zero (after the store was emptied).
    pub fn zero_gauges(&self) {
        let kinds = match self.kinds.read() {
            Ok(kinds) => kinds,
            Err(poisoned) => poisoned.into_inner(),
        };
        for counters in kinds.values() {
            counters.entries.store(0, Ordering::Relaxed);
            counters.bytes.store(0, Ordering::Relaxed);
        }
    }
}

/// Statistics of one calculation kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindStats {
    /// The calculation kind, e.g. `hydraulics.traverse`.
    pub kind: String,
    /// Answers served without computing: local hits, shared-tier hits and requests that
    /// waited for an identical one in flight.
    pub hits: u64,
    /// Of `hits`, those found in the shared (Redis) tier.
    pub shared_tier_hits: u64,
    /// Of `hits`, those that waited for an identical calculation already running.
    pub coalesced: u64,
    /// Lookups that had to compute.
    pub misses: u64,
    /// Computations that failed (never cached).
    pub failures: u64,
    /// Results stored in the local tier.
    pub insertions: u64,
    /// Entries removed to respect the entry or byte limit.
    pub evictions: u64,
    /// Entries removed because their time to live ran out.
    pub expirations: u64,
    /// Entries held now.
    pub entries: u64,
    /// Approximate bytes held now (keys, values and bookkeeping).
    pub bytes: u64,
    /// `hits / (hits + misses)`; 0 before the first lookup.
    pub hit_ratio: f64,
    /// Time spent computing misses, seconds.
    pub compute_seconds: f64,
    /// Compute time the hits avoided (the original computation's time, per hit), seconds.
    pub compute_seconds_saved: f64,
}

/// A snapshot of the whole cache.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CacheStats {
    /// Whether the cache is on (`cache.enabled`).
    pub enabled: bool,
    /// Entry limit of the local tier.
    pub max_entries: u64,
    /// Approximate byte limit of the local tier.
    pub max_bytes: u64,
    /// Time to live of an entry, seconds.
    pub ttl_secs: u64,
    /// Entries held now, all kinds.
    pub entries: u64,
    /// Approximate bytes held now, all kinds.
    pub bytes: u64,
    /// Whether a shared (Redis) tier is configured.
    pub shared_tier: bool,
    /// Whether the shared tier answered its last request (false while it is down).
    pub shared_tier_up: bool,
    /// Shared-tier operations that failed (each one degraded to the local tier).
    pub shared_tier_errors: u64,
    /// Per calculation kind, sorted by kind.
    pub kinds: Vec<KindStats>,
}
