//! Lockout: after repeated failed sign-ins an account (or a client IP, across accounts) is
//! refused for a while, and the lock lifts by itself.
//!
//! The failures themselves are stored by the caller (in the database, so that every replica
//! sees them); this module only decides.

use chrono::{DateTime, Duration, Utc};

/// When repeated failures lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutPolicy {
    /// Failures within `window` that lock. Zero disables the rule.
    pub max_failures: u32,
    /// How far back failures count.
    pub window: Duration,
    /// How long the lock lasts after the latest failure.
    pub lock_for: Duration,
}

impl LockoutPolicy {
    /// Where failures are counted from, for a decision at `now`.
    pub fn window_start(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - self.window
    }

    /// Until when the subject is locked, given the number of failures since
    /// [`Self::window_start`] and the latest one; `None` when not locked.
    pub fn locked_until(
        &self,
        failures_in_window: u64,
        latest_failure: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        if self.max_failures == 0 || failures_in_window < u64::from(self.max_failures) {
            return None;
        }
        let until = latest_failure? + self.lock_for;
        (until > now).then_some(until)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_at_the_threshold_and_expires_by_itself() {
        let policy = LockoutPolicy {
            max_failures: 5,
            window: Duration::minutes(15),
            lock_for: Duration::minutes(10),
        };
        let now = Utc::now();
        assert_eq!(policy.locked_until(4, Some(now), now), None);
        let until = policy.locked_until(5, Some(now), now);
        assert_eq!(until, Some(now + Duration::minutes(10)));
        assert_eq!(
            policy.locked_until(5, Some(now), now + Duration::minutes(10)),
            None
        );
        let off = LockoutPolicy {
            max_failures: 0,
            ..policy
        };
        assert_eq!(off.locked_until(100, Some(now), now), None);
    }
}
