//! Housekeeping: the periodic deletion of records past their retention.
//!
//! Every `housekeeping.interval_secs` the server deletes sessions (with their refresh tokens)
//! and password-set tokens that ended more than `housekeeping.ended_session_retention_days`
//! ago, audit events older than `housekeeping.audit_retention_days` (0 keeps them), and failed
//! sign-ins older than twice the longer of the lockout window and lock time (they no longer
//! count for any rule). Each pass runs on the blocking pool, logs what it deleted and updates
//! `nodal_housekeeping_*` in `/metrics`; a failed pass is logged and retried at the next tick.
//! Several replicas may run passes at once: the deletions are idempotent.

use std::time::Duration as StdDuration;

use chrono::TimeDelta;
use nodal_store::StoreError;
use nodal_store::accounts::{Housekeeping, Retention, housekeep};

use crate::state::AppState;

/// Far enough in the past to keep everything (for `audit_retention_days = 0`).
const FOREVER: TimeDelta = TimeDelta::days(1_000_000);

/// The retention horizons the settings give.
#[must_use]
pub fn retention(state: &AppState) -> Retention {
    let settings = &state.settings;
    let days = |d: u32| TimeDelta::days(i64::from(d));
    let lockout = state.auth.account_lockout();
    Retention {
        ended_sessions: days(settings.housekeeping.ended_session_retention_days),
        audit_events: match settings.housekeeping.audit_retention_days {
            0 => FOREVER,
            d => days(d),
        },
        login_failures: lockout.window.max(lockout.lock_for) * 2,
    }
}

/// One pass, now (blocking: call it off the async workers).
///
/// # Errors
/// The database's.
pub fn run_once(state: &AppState) -> Result<Housekeeping, StoreError> {
    let mut conn = nodal_store::connection(&state.pool)?;
    let result = housekeep(&mut conn, state.clock.now(), &retention(state));
    state.metrics.record_housekeeping(result.as_ref().ok());
    result
}

/// Starts the periodic passes on the current actix runtime, unless
/// `housekeeping.enabled` is off. The task ends with the runtime.
pub fn spawn(state: AppState) {
    if !state.settings.housekeeping.enabled {
        tracing::info!("housekeeping is off");
        return;
    }
    let period = StdDuration::from_secs(state.settings.housekeeping.interval_secs);
    actix_web::rt::spawn(async move {
        let mut ticks = actix_web::rt::time::interval(period);
        // The first tick is immediate; the first pass waits one interval, out of the way of
        // start-up.
        ticks.tick().await;
        loop {
            ticks.tick().await;
            let pass = state.clone();
            match actix_web::web::block(move || run_once(&pass)).await {
                Ok(Ok(done)) if done.total() > 0 => tracing::info!(
                    sessions = done.sessions,
                    password_tokens = done.password_tokens,
                    audit_events = done.audit_events,
                    login_failures = done.login_failures,
                    "housekeeping deleted expired records"
                ),
                Ok(Ok(_)) => tracing::debug!("housekeeping found nothing to delete"),
                Ok(Err(e)) => tracing::warn!(error = %e, "housekeeping pass failed"),
                Err(e) => tracing::warn!(error = %e, "housekeeping pass could not run"),
            }
        }
    });
}
