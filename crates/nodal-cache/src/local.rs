//! The in-process tier: a least-recently-used store with a time to live from the `cached`
//! crate, plus an approximate byte limit on top.
//!
//! This is the only file in the workspace that names `cached`, so a change in its API stays
//! here. `cached`'s `LruTtlCache` bounds the entry count and expires entries; it has no notion
//! of size, so the byte limit is kept here: after an insertion that goes over it, expired
//! entries are swept and then least-recently-used ones are evicted until the total fits. Its
//! eviction callback keeps the byte and entry gauges and tells expirations from evictions.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use cached::{Cached, LruTtlCache};

use crate::Payload;
use crate::key::CacheKey;
use crate::stats::KindCounters;

/// Bookkeeping bytes counted per entry besides the key and the body: the store's node, the
/// entry, the `Arc` headers and the counters' share.
const ENTRY_OVERHEAD_BYTES: u64 = 160;

/// One stored result. Cloning clones three `Arc`s.
#[derive(Clone)]
pub(crate) struct Entry {
    pub payload: Arc<Payload>,
    pub counters: Arc<KindCounters>,
    /// Approximate bytes, counted against the limit.
    pub bytes: u64,
    /// When the store will consider it expired (mirrors the store's own TTL, to tell an
    /// expiration from an eviction in the callback).
    pub expires_at: Instant,
    /// How long the original computation took.
    pub compute: Duration,
}

impl Entry {
    pub fn new(
        key: &CacheKey,
        payload: Arc<Payload>,
        counters: Arc<KindCounters>,
        ttl: Duration,
        compute: Duration,
    ) -> Self {
        let bytes = (key.len() + payload.content_type.len() + payload.body.len()) as u64
            + ENTRY_OVERHEAD_BYTES;
        Self {
            payload,
            counters,
            bytes,
            expires_at: Instant::now() + ttl,
            compute,
        }
    }
}

/// Removes an entry from the gauges; counts it as an expiration or an eviction.
fn forget(total_bytes: &AtomicU64, entry: &Entry, removal: Removal) {
    total_bytes.fetch_sub(entry.bytes, Ordering::Relaxed);
    let counters = &entry.counters;
    counters.entries.fetch_sub(1, Ordering::Relaxed);
    counters.bytes.fetch_sub(
        i64::try_from(entry.bytes).unwrap_or(i64::MAX),
        Ordering::Relaxed,
    );
    match removal {
        Removal::Evicted if Instant::now() >= entry.expires_at => {
            KindCounters::add(&counters.expirations, 1);
        }
        Removal::Evicted => KindCounters::add(&counters.evictions, 1),
        Removal::Replaced => {}
    }
}

#[derive(Clone, Copy)]
enum Removal {
    Evicted,
    Replaced,
}

/// The local tier.
pub(crate) struct LocalTier {
    store: Mutex<LruTtlCache<CacheKey, Entry>>,
    bytes: Arc<AtomicU64>,
    max_entries: usize,
    max_bytes: u64,
}

/// Why the local tier could not be built.
#[derive(Debug, thiserror::Error)]
#[error("invalid cache limits: {0}")]
pub struct LimitError(String);

impl LocalTier {
    pub fn new(max_entries: usize, max_bytes: u64, ttl: Duration) -> Result<Self, LimitError> {
        let bytes = Arc::new(AtomicU64::new(0));
        let gauge = bytes.clone();
        let store = LruTtlCache::builder()
            .max_size(max_entries)
            .ttl(ttl)
            .on_evict(move |_key: &CacheKey, entry: &Entry| {
                forget(&gauge, entry, Removal::Evicted);
            })
            .build()
            .map_err(|e| LimitError(e.to_string()))?;
        Ok(Self {
            store: Mutex::new(store),
            bytes,
            max_entries,
            max_bytes,
        })
    }

    fn lock(&self) -> MutexGuard<'_, LruTtlCache<CacheKey, Entry>> {
        // A panic while holding the lock cannot leave the store half-updated in a way that
        // matters to readers (the worst case is a gauge off by one entry).
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A live entry, promoted to most recently used. An expired one is removed (and counted
    /// as an expiration) and reported absent.
    pub fn get(&self, key: &CacheKey) -> Option<Entry> {
        self.lock().cache_get(key).cloned()
    }

    /// Stores `entry`, then evicts until the byte limit holds. An entry larger than the whole
    /// byte limit is not stored.
    pub fn insert(&self, key: CacheKey, entry: Entry) {
        if entry.bytes > self.max_bytes {
            return;
        }
        let mut store = self.lock();
        self.bytes.fetch_add(entry.bytes, Ordering::Relaxed);
        let counters = entry.counters.clone();
        counters.entries.fetch_add(1, Ordering::Relaxed);
        counters.bytes.fetch_add(
            i64::try_from(entry.bytes).unwrap_or(i64::MAX),
            Ordering::Relaxed,
        );
        KindCounters::add(&counters.insertions, 1);
        if let Some(old) = store.cache_set(key, entry) {
            forget(&self.bytes, &old, Removal::Replaced);
        }
        if self.bytes.load(Ordering::Relaxed) > self.max_bytes {
            let _expired = store.evict();
        }
        // `set_max_size` below the current count evicts least-recently-used entries (through
        // the callback); restoring it right after leaves the configured bound in place.
        while self.bytes.load(Ordering::Relaxed) > self.max_bytes && store.cache_size() > 1 {
            let fewer = store.cache_size() - 1;
            store.set_max_size(fewer);
            store.set_max_size(self.max_entries);
        }
    }

    /// Removes every entry without counting evictions; the caller zeroes the gauges.
    pub fn clear(&self) {
        let mut store = self.lock();
        store.cache_clear();
        self.bytes.store(0, Ordering::Relaxed);
    }

    /// Removes expired entries (counted as expirations) so that the gauges are current.
    pub fn sweep(&self) {
        let _expired = self.lock().evict();
    }

    /// Entries held now.
    pub fn len(&self) -> usize {
        self.lock().cache_size()
    }

    /// Approximate bytes held now.
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn key(n: usize) -> CacheKey {
        CacheKey::new("k", "1", &n).unwrap()
    }

    fn entry(
        key: &CacheKey,
        body_len: usize,
        counters: &Arc<KindCounters>,
        ttl: Duration,
    ) -> Entry {
        let payload = Arc::new(Payload::new("application/json", vec![b'x'; body_len]));
        Entry::new(
            key,
            payload,
            counters.clone(),
            ttl,
            Duration::from_millis(1),
        )
    }

    #[test]
    fn entry_limit_evicts_the_least_recently_used() {
        let counters = Arc::new(KindCounters::default());
        let ttl = Duration::from_secs(60);
        let tier = LocalTier::new(2, u64::MAX, ttl).unwrap();
        tier.insert(key(1), entry(&key(1), 10, &counters, ttl));
        tier.insert(key(2), entry(&key(2), 10, &counters, ttl));
        assert!(
            tier.get(&key(1)).is_some(),
            "touch 1 so that 2 is the oldest"
        );
        tier.insert(key(3), entry(&key(3), 10, &counters, ttl));
        assert!(tier.get(&key(1)).is_some());
        assert!(tier.get(&key(2)).is_none());
        assert!(tier.get(&key(3)).is_some());
        assert_eq!(tier.len(), 2);
        assert_eq!(counters.evictions.load(Ordering::Relaxed), 1);
        assert_eq!(counters.entries.load(Ordering::Relaxed), 2);
    }

    #[test]
    fn byte_limit_evicts_until_the_total_fits() {
        let counters = Arc::new(KindCounters::default());
        let ttl = Duration::from_secs(60);
        let one = entry(&key(1), 1000, &counters, ttl).bytes;
        // Room for two entries of this size, not three.
        let tier = LocalTier::new(100, 2 * one + one / 2, ttl).unwrap();
        for n in 1..=3 {
            tier.insert(key(n), entry(&key(n), 1000, &counters, ttl));
        }
        assert!(tier.get(&key(1)).is_none(), "oldest evicted for bytes");
        assert!(tier.get(&key(2)).is_some() && tier.get(&key(3)).is_some());
        assert_eq!(tier.bytes(), 2 * one);
        assert_eq!(
            counters.bytes.load(Ordering::Relaxed),
            i64::try_from(2 * one).unwrap()
        );
        assert_eq!(counters.evictions.load(Ordering::Relaxed), 1);
        // The entry bound is restored after byte evictions.
        for n in 10..20 {
            tier.insert(key(n), entry(&key(n), 1, &counters, ttl));
        }
        assert!(
            tier.len() > 3,
            "entry limit was left shrunk: {}",
            tier.len()
        );
    }

    #[test]
    fn an_entry_larger_than_the_byte_limit_is_not_stored() {
        let counters = Arc::new(KindCounters::default());
        let ttl = Duration::from_secs(60);
        let tier = LocalTier::new(100, 500, ttl).unwrap();
        tier.insert(key(1), entry(&key(1), 1000, &counters, ttl));
        assert!(tier.get(&key(1)).is_none());
        assert_eq!(tier.bytes(), 0);
    }

    #[test]
    fn expired_entries_are_gone_and_counted_as_expirations() {
        let counters = Arc::new(KindCounters::default());
        let ttl = Duration::from_millis(30);
        let tier = LocalTier::new(10, u64::MAX, ttl).unwrap();
        tier.insert(key(1), entry(&key(1), 10, &counters, ttl));
        tier.insert(key(2), entry(&key(2), 10, &counters, ttl));
        assert!(tier.get(&key(1)).is_some());
        std::thread::sleep(Duration::from_millis(60));
        assert!(tier.get(&key(1)).is_none());
        tier.sweep();
        assert_eq!(tier.len(), 0);
        assert_eq!(tier.bytes(), 0);
        assert_eq!(counters.expirations.load(Ordering::Relaxed), 2);
        assert_eq!(counters.evictions.load(Ordering::Relaxed), 0);
    }

    #[test]
    fn replacing_a_key_keeps_the_gauges_right() {
        let counters = Arc::new(KindCounters::default());
        let ttl = Duration::from_secs(60);
        let tier = LocalTier::new(10, u64::MAX, ttl).unwrap();
        tier.insert(key(1), entry(&key(1), 10, &counters, ttl));
        let second = entry(&key(1), 20, &counters, ttl);
        let bytes = second.bytes;
        tier.insert(key(1), second);
        assert_eq!(tier.len(), 1);
        assert_eq!(tier.bytes(), bytes);
        assert_eq!(counters.entries.load(Ordering::Relaxed), 1);
        tier.clear();
        assert_eq!(tier.len(), 0);
        assert_eq!(tier.bytes(), 0);
    }
}
