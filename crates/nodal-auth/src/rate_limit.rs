//! Rate limiting: an in-memory token bucket per key (a client IP, an account), refilled
//! continuously, with idle buckets swept away.
//!
//! Each replica counts on its own: with N replicas behind a balancer a client gets up to N
//! times the limit. That bounds brute force well enough; the lockout rules, which are kept
//! in the database, are the replica-independent line of defence.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

/// A limit: at most `max_requests` in any `per`, with bursts up to `max_requests`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Bucket capacity and refill per period.
    pub max_requests: u32,
    /// The period.
    pub per: Duration,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: DateTime<Utc>,
}

/// Buckets for one limit, keyed by a string (e.g. `ip:203.0.113.9`, `account:a@b.c`).
#[derive(Debug)]
pub struct RateLimiter {
    limit: RateLimit,
    buckets: Mutex<HashMap<String, Bucket>>,
}

/// Sweep idle buckets when the map grows past this many keys.
const SWEEP_ABOVE: usize = 4096;

impl RateLimiter {
    /// A limiter enforcing `limit`. A zero `max_requests` disables limiting.
    pub fn new(limit: RateLimit) -> Self {
        RateLimiter {
            limit,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    fn refill_per_second(&self) -> f64 {
        let seconds = self.limit.per.num_milliseconds().max(1) as f64 / 1000.0;
        f64::from(self.limit.max_requests) / seconds
    }

    /// Takes one request from `key`'s bucket at time `now`.
    ///
    /// # Errors
    /// The whole seconds to wait before a request will pass (at least 1).
    pub fn check(&self, key: &str, now: DateTime<Utc>) -> Result<(), u64> {
        if self.limit.max_requests == 0 {
            return Ok(());
        }
        let capacity = f64::from(self.limit.max_requests);
        let rate = self.refill_per_second();
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if buckets.len() > SWEEP_ABOVE {
            let per = self.limit.per;
            buckets.retain(|_, bucket| now - bucket.updated < per);
        }
        let bucket = buckets.entry(key.to_owned()).or_insert(Bucket {
            tokens: capacity,
            updated: now,
        });
        let elapsed = (now - bucket.updated).num_milliseconds().max(0) as f64 / 1000.0;
        bucket.tokens = (bucket.tokens + elapsed * rate).min(capacity);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            let wait = ((1.0 - bucket.tokens) / rate).ceil();
            Err((wait as u64).max(1))
        }
    }

    /// How many keys are tracked (for tests and metrics).
    pub fn tracked_keys(&self) -> usize {
        self.buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .len()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn allows_the_burst_then_refuses_until_refilled() {
        let limiter = RateLimiter::new(RateLimit {
            max_requests: 3,
            per: Duration::seconds(60),
        });
        let t0 = Utc.with_ymd_and_hms(2026, 11, 26, 0, 0, 0).unwrap();
        for _ in 0..3 {
            assert!(limiter.check("ip:1", t0).is_ok());
        }
        assert_eq!(limiter.check("ip:1", t0), Err(20));
        assert!(limiter.check("ip:2", t0).is_ok(), "keys are independent");
        assert!(limiter.check("ip:1", t0 + Duration::seconds(19)).is_err());
        assert!(limiter.check("ip:1", t0 + Duration::seconds(21)).is_ok());
    }

    #[test]
    fn idle_buckets_are_swept() {
        let limiter = RateLimiter::new(RateLimit {
            max_requests: 1,
            per: Duration::seconds(1),
        });
        let t0 = Utc.with_ymd_and_hms(2026, 11, 26, 0, 0, 0).unwrap();
        for i in 0..=SWEEP_ABOVE {
            limiter.check(&format!("k{i}"), t0).unwrap();
        }
        limiter.check("late", t0 + Duration::seconds(5)).unwrap();
        assert_eq!(limiter.tracked_keys(), 1);
    }

    #[test]
    fn zero_disables() {
        let limiter = RateLimiter::new(RateLimit {
            max_requests: 0,
            per: Duration::seconds(1),
        });
        let t0 = Utc::now();
        for _ in 0..100 {
            assert!(limiter.check("x", t0).is_ok());
        }
    }
}
