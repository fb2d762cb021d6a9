//! The optional shared tier in Redis, so that replicas reuse each other's results.
//!
//! Every call is blocking (the synchronous `redis` client with connect, read and write
//! timeouts) and runs on the runtime's blocking pool. Redis is never allowed to fail a
//! request: an error is logged, counted, and the tier is skipped for a while (by default
//! [`RETRY_AFTER`]) before it is tried again, so an outage costs at most one timeout per
//! interval, not one per request.
//!
//! An entry is stored under `{prefix}{digest:016x}` as `NC1`, the key length (u32, big
//! endian), the full canonical key, the content-type length (u16), the content type and the
//! body. The full key is compared on read, so a digest collision is a miss, never a wrong
//! answer.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::Payload;
use crate::key::CacheKey;

/// How long the tier is skipped after a failure, by default.
pub const RETRY_AFTER: Duration = Duration::from_secs(5);

const MAGIC: &[u8; 3] = b"NC1";

/// Connections kept open for reuse.
const MAX_IDLE_CONNECTIONS: usize = 8;

/// The Redis tier.
pub(crate) struct SharedTier {
    client: redis::Client,
    prefix: String,
    ttl: Duration,
    timeout: Duration,
    retry_after: Duration,
    idle: Mutex<Vec<redis::Connection>>,
    down_until: Mutex<Option<Instant>>,
    up: AtomicBool,
    errors: AtomicU64,
}

/// Why the shared tier could not be configured.
#[derive(Debug, thiserror::Error)]
#[error("invalid Redis URL: {0}")]
pub struct SharedTierError(String);

impl SharedTier {
    /// Parses the URL; connects lazily, on first use.
    pub fn new(
        url: &str,
        prefix: &str,
        ttl: Duration,
        timeout: Duration,
        retry_after: Duration,
    ) -> Result<Self, SharedTierError> {
        let client = redis::Client::open(url).map_err(|e| SharedTierError(e.to_string()))?;
        Ok(Self {
            client,
            prefix: prefix.to_owned(),
            ttl,
            timeout,
            retry_after,
            idle: Mutex::new(Vec::new()),
            down_until: Mutex::new(None),
            up: AtomicBool::new(true),
            errors: AtomicU64::new(0),
        })
    }

    /// Whether the last operation succeeded.
    pub fn is_up(&self) -> bool {
        self.up.load(Ordering::Relaxed)
    }

    /// Operations that failed since start.
    pub fn errors(&self) -> u64 {
        self.errors.load(Ordering::Relaxed)
    }

    fn redis_key(&self, key: &CacheKey) -> String {
        format!("{}{:016x}", self.prefix, key.digest())
    }

    fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
        mutex.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `op` on a pooled connection, unless the tier is resting after a failure.
    fn with_connection<T>(
        &self,
        what: &str,
        op: impl FnOnce(&mut redis::Connection) -> redis::RedisResult<T>,
    ) -> Option<T> {
        if let Some(until) = *Self::lock(&self.down_until)
            && Instant::now() < until
        {
            return None;
        }
        let pooled = Self::lock(&self.idle).pop();
        let connection = match pooled {
            Some(c) => Ok(c),
            None => self.connect(),
        };
        let result = connection.and_then(|mut c| op(&mut c).map(|value| (value, c)));
        match result {
            Ok((value, connection)) => {
                let mut idle = Self::lock(&self.idle);
                if idle.len() < MAX_IDLE_CONNECTIONS {
                    idle.push(connection);
                }
                drop(idle);
                *Self::lock(&self.down_until) = None;
                if !self.up.swap(true, Ordering::Relaxed) {
                    tracing::info!("cache: the Redis tier answers again");
                }
                Some(value)
            }
            Err(error) => {
                self.errors.fetch_add(1, Ordering::Relaxed);
                *Self::lock(&self.down_until) = Some(Instant::now() + self.retry_after);
                // Connections opened before the failure may be broken too.
                Self::lock(&self.idle).clear();
                if self.up.swap(false, Ordering::Relaxed) {
                    tracing::warn!(
                        %error,
                        operation = what,
                        retry_after_ms = self.retry_after.as_millis(),
                        "cache: the Redis tier failed; serving from the local tier only"
                    );
                }
                None
            }
        }
    }

    fn connect(&self) -> redis::RedisResult<redis::Connection> {
        let connection = self.client.get_connection_with_timeout(self.timeout)?;
        connection.set_read_timeout(Some(self.timeout))?;
        connection.set_write_timeout(Some(self.timeout))?;
        Ok(connection)
    }

    /// The stored payload of `key`, if any.
    pub fn get(&self, key: &CacheKey) -> Option<Payload> {
        let name = self.redis_key(key);
        let bytes: Option<Vec<u8>> = self
            .with_connection("get", |c| redis::cmd("GET").arg(&name).query(c))
            .flatten();
        decode(key, &bytes?)
    }

    /// Stores `payload` under `key` with the cache's time to live.
    pub fn set(&self, key: &CacheKey, payload: &Payload) {
        let name = self.redis_key(key);
        let value = encode(key, payload);
        let millis = u64::try_from(self.ttl.as_millis())
            .unwrap_or(u64::MAX)
            .max(1);
        let _: Option<()> = self.with_connection("set", |c| {
            redis::cmd("SET")
                .arg(&name)
                .arg(value)
                .arg("PX")
                .arg(millis)
                .query(c)
        });
    }

    /// Deletes every entry under the prefix; returns how many were deleted, or `None` when
    /// Redis could not be reached.
    pub fn clear(&self) -> Option<u64> {
        let pattern = format!("{}*", self.prefix);
        self.with_connection("clear", |c| {
            let mut cursor: u64 = 0;
            let mut deleted: u64 = 0;
            loop {
                let (next, names): (u64, Vec<String>) = redis::cmd("SCAN")
                    .arg(cursor)
                    .arg("MATCH")
                    .arg(&pattern)
                    .arg("COUNT")
                    .arg(500)
                    .query(c)?;
                if !names.is_empty() {
                    let n: u64 = redis::cmd("DEL").arg(&names).query(c)?;
                    deleted += n;
                }
                if next == 0 {
                    return Ok(deleted);
                }
                cursor = next;
            }
        })
    }
}

fn encode(key: &CacheKey, payload: &Payload) -> Vec<u8> {
    let key_text = key.as_str().as_bytes();
    let content_type = payload.content_type.as_bytes();
    let mut out =
        Vec::with_capacity(3 + 4 + key_text.len() + 2 + content_type.len() + payload.body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(
        &u32::try_from(key_text.len())
            .unwrap_or(u32::MAX)
            .to_be_bytes(),
    );
    out.extend_from_slice(key_text);
    out.extend_from_slice(
        &u16::try_from(content_type.len())
            .unwrap_or(u16::MAX)
            .to_be_bytes(),
    );
    out.extend_from_slice(content_type);
    out.extend_from_slice(&payload.body);
    out
}

fn decode(key: &CacheKey, bytes: &[u8]) -> Option<Payload> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (len, rest) = rest.split_first_chunk::<4>()?;
    let key_len = usize::try_from(u32::from_be_bytes(*len)).ok()?;
    let (stored_key, rest) = rest.split_at_checked(key_len)?;
    if stored_key != key.as_str().as_bytes() {
        return None;
    }
    let (len, rest) = rest.split_first_chunk::<2>()?;
    let (content_type, body) = rest.split_at_checked(usize::from(u16::from_be_bytes(*len)))?;
    let content_type = std::str::from_utf8(content_type).ok()?;
    Some(Payload::new(content_type, body.to_vec()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn encoding_round_trips_and_checks_the_key() {
        let key = CacheKey::new("k", "1", &[1, 2, 3]).unwrap();
        let other = CacheKey::new("k", "1", &[1, 2, 4]).unwrap();
        let payload = Payload::new("image/svg+xml", b"<svg/>".to_vec());
        let bytes = encode(&key, &payload);
        let back = decode(&key, &bytes).unwrap();
        assert_eq!(back.content_type, "image/svg+xml");
        assert_eq!(&back.body[..], b"<svg/>");
        assert!(
            decode(&other, &bytes).is_none(),
            "a different key must not read it"
        );
        assert!(decode(&key, &bytes[..10]).is_none(), "truncated");
        assert!(decode(&key, b"garbage").is_none());
    }
}
