//! Prometheus metrics: a small registry kept in [`AppState`](crate::AppState) (no global
//! recorder, so tests and several apps in one process never share counters), and the text
//! exposition of `GET /metrics`.
//!
//! Series:
//! - `nodal_http_requests_total{route,method,status}`, `nodal_http_request_duration_seconds`
//!   (histogram by route and method), `nodal_http_requests_in_flight`;
//! - `nodal_db_pool_*`: pool size, idle and maximum connections, checkouts, time spent
//!   waiting for a connection, checkout timeouts;
//! - `nodal_cache_*`: per calculation kind hits, misses, coalesced waits, shared-tier hits,
//!   failures, insertions, evictions, expirations, entries, bytes, hit ratio, compute time
//!   saved; limits and the shared tier's state;
//! - `nodal_calculation_duration_seconds{kind}`: time of each computed (missed) calculation;
//! - `nodal_build_info{version,engine_version}` and `nodal_uptime_seconds`.
//!
//! Routes are labelled by their pattern (`/api/v1/pvt/curve`), never by the raw path, so
//! the number of series stays bounded; unmatched requests share `route="<unmatched>"`.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use actix_web::{HttpResponse, web};

use crate::state::AppState;

/// Upper bounds of the latency buckets, seconds.
const BUCKETS: [f64; 15] = [
    0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
    10.0,
];

/// The Prometheus text format's content type.
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// A latency histogram with fixed buckets, lock-free to record.
#[derive(Debug, Default)]
struct Histogram {
    buckets: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    sum_nanos: AtomicU64,
}

impl Histogram {
    fn record(&self, elapsed: Duration) {
        let seconds = elapsed.as_secs_f64();
        if let Some(i) = BUCKETS.iter().position(|&b| seconds <= b) {
            self.buckets[i].fetch_add(1, Ordering::Relaxed);
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        let nanos = u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX);
        self.sum_nanos.fetch_add(nanos, Ordering::Relaxed);
    }

    fn render(&self, out: &mut String, name: &str, labels: &str) {
        let mut cumulative = 0;
        for (bound, bucket) in BUCKETS.iter().zip(&self.buckets) {
            cumulative += bucket.load(Ordering::Relaxed);
            let _ = writeln!(out, "{name}_bucket{{{labels},le=\"{bound}\"}} {cumulative}");
        }
        let count = self.count.load(Ordering::Relaxed);
        let _ = writeln!(out, "{name}_bucket{{{labels},le=\"+Inf\"}} {count}");
        let sum = self.sum_nanos.load(Ordering::Relaxed) as f64 * 1e-9;
        let _ = writeln!(out, "{name}_sum{{{labels}}} {sum}");
        let _ = writeln!(out, "{name}_count{{{labels}}} {count}");
    }
}

/// The series of one route and method.
#[derive(Debug, Default)]
struct RouteSeries {
    by_status: Mutex<BTreeMap<u16, u64>>,
    latency: Histogram,
}

/// The registry. One per application state.
#[derive(Debug, Default)]
pub struct Metrics {
    routes: RwLock<HashMap<(String, String), Arc<RouteSeries>>>,
    calculations: RwLock<HashMap<&'static str, Arc<Histogram>>>,
    in_flight: AtomicI64,
    housekeeping: HousekeepingCounters,
}

/// Passes of [`crate::housekeeping`] and what they deleted.
#[derive(Debug, Default)]
struct HousekeepingCounters {
    passes_ok: AtomicU64,
    passes_failed: AtomicU64,
    /// Sessions, password-set tokens, audit events, failed sign-ins.
    deleted: [AtomicU64; 4],
}

const HOUSEKEEPING_KINDS: [&str; 4] = [
    "sessions",
    "password_tokens",
    "audit_events",
    "login_failures",
];

/// Counts a request as in flight until dropped.
#[derive(Debug)]
pub struct InFlight(Arc<Metrics>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::Relaxed);
    }
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|p| p.into_inner())
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(|p| p.into_inner())
}

impl Metrics {
    /// Marks a request as started; it stays counted while the guard lives.
    pub fn start_request(self: &Arc<Self>) -> InFlight {
        self.in_flight.fetch_add(1, Ordering::Relaxed);
        InFlight(self.clone())
    }

    /// Records one answered request.
    pub fn record_request(&self, route: &str, method: &str, status: u16, elapsed: Duration) {
        let series = {
            let routes = read(&self.routes);
            routes.get(&(route.to_owned(), method.to_owned())).cloned()
        };
        let series = series.unwrap_or_else(|| {
            write(&self.routes)
                .entry((route.to_owned(), method.to_owned()))
                .or_default()
                .clone()
        });
        *series
            .by_status
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry(status)
            .or_default() += 1;
        series.latency.record(elapsed);
    }

    /// Records the duration of one computed calculation.
    pub fn record_calculation(&self, kind: &'static str, elapsed: Duration) {
        let histogram = read(&self.calculations).get(kind).cloned();
        let histogram =
            histogram.unwrap_or_else(|| write(&self.calculations).entry(kind).or_default().clone());
        histogram.record(elapsed);
    }

    /// Records one housekeeping pass: what it deleted, or `None` when it failed.
    pub fn record_housekeeping(&self, done: Option<&nodal_store::accounts::Housekeeping>) {
        let h = &self.housekeeping;
        let Some(done) = done else {
            h.passes_failed.fetch_add(1, Ordering::Relaxed);
            return;
        };
        h.passes_ok.fetch_add(1, Ordering::Relaxed);
        let counts = [
            done.sessions,
            done.password_tokens,
            done.audit_events,
            done.login_failures,
        ];
        for (counter, n) in h.deleted.iter().zip(counts) {
            counter.fetch_add(u64::try_from(n).unwrap_or(u64::MAX), Ordering::Relaxed);
        }
    }

    /// Requests being handled now.
    pub fn in_flight(&self) -> i64 {
        self.in_flight.load(Ordering::Relaxed)
    }

    /// The whole exposition, in the Prometheus text format.
    pub fn render(&self, state: &AppState) -> String {
        let mut out = String::with_capacity(16 * 1024);
        self.render_http(&mut out);
        render_pool(&mut out, state);
        render_cache(&mut out, state);
        self.render_calculations(&mut out);
        self.render_housekeeping(&mut out);
        header(
            &mut out,
            "nodal_build_info",
            "gauge",
            "Version of the service and its engine.",
        );
        let _ = writeln!(
            out,
            "nodal_build_info{{version=\"{}\",engine_version=\"{}\"}} 1",
            escape(crate::routes::meta::VERSION),
            escape(nodal_core::ENGINE_VERSION)
        );
        header(
            &mut out,
            "nodal_uptime_seconds",
            "gauge",
            "Seconds since the service started.",
        );
        let _ = writeln!(
            out,
            "nodal_uptime_seconds {}",
            state.started_at.elapsed().as_secs_f64()
        );
        out
    }

    fn render_http(&self, out: &mut String) {
        let mut routes: Vec<((String, String), Arc<RouteSeries>)> = read(&self.routes)
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        routes.sort_by(|a, b| a.0.cmp(&b.0));
        header(
            out,
            "nodal_http_requests_total",
            "counter",
            "HTTP requests answered, by route pattern, method and status.",
        );
        for ((route, method), series) in &routes {
            let statuses = series.by_status.lock().unwrap_or_else(|p| p.into_inner());
            for (status, count) in statuses.iter() {
                let _ = writeln!(
                    out,
                    "nodal_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{status}\"}} {count}",
                    escape(route),
                    escape(method)
                );
            }
        }
        header(
            out,
            "nodal_http_request_duration_seconds",
            "histogram",
            "Time to answer an HTTP request, by route pattern and method.",
        );
        for ((route, method), series) in &routes {
            let labels = format!("route=\"{}\",method=\"{}\"", escape(route), escape(method));
            series
                .latency
                .render(out, "nodal_http_request_duration_seconds", &labels);
        }
        header(
            out,
            "nodal_http_requests_in_flight",
            "gauge",
            "HTTP requests being handled now.",
        );
        let _ = writeln!(out, "nodal_http_requests_in_flight {}", self.in_flight());
    }

    fn render_housekeeping(&self, out: &mut String) {
        let h = &self.housekeeping;
        header(
            out,
            "nodal_housekeeping_passes_total",
            "counter",
            "Housekeeping passes, by outcome.",
        );
        for (outcome, counter) in [("ok", &h.passes_ok), ("failed", &h.passes_failed)] {
            let _ = writeln!(
                out,
                "nodal_housekeeping_passes_total{{outcome=\"{outcome}\"}} {}",
                counter.load(Ordering::Relaxed)
            );
        }
        header(
            out,
            "nodal_housekeeping_deleted_total",
            "counter",
            "Records deleted by housekeeping because they outlived their retention, by kind.",
        );
        for (kind, counter) in HOUSEKEEPING_KINDS.iter().zip(&h.deleted) {
            let _ = writeln!(
                out,
                "nodal_housekeeping_deleted_total{{kind=\"{kind}\"}} {}",
                counter.load(Ordering::Relaxed)
            );
        }
    }

    fn render_calculations(&self, out: &mut String) {
        let mut kinds: Vec<(&'static str, Arc<Histogram>)> = read(&self.calculations)
            .iter()
            .map(|(k, v)| (*k, v.clone()))
            .collect();
        kinds.sort_by_key(|k| k.0);
        header(
            out,
            "nodal_calculation_duration_seconds",
            "histogram",
            "Time of each computed (not cached) calculation, by kind.",
        );
        for (kind, histogram) in kinds {
            let labels = format!("kind=\"{}\"", escape(kind));
            histogram.render(out, "nodal_calculation_duration_seconds", &labels);
        }
    }
}

fn header(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} {kind}");
}

fn gauge(out: &mut String, name: &str, help: &str, value: impl std::fmt::Display) {
    header(out, name, "gauge", help);
    let _ = writeln!(out, "{name} {value}");
}

fn counter(out: &mut String, name: &str, help: &str, value: impl std::fmt::Display) {
    header(out, name, "counter", help);
    let _ = writeln!(out, "{name} {value}");
}

fn render_pool(out: &mut String, state: &AppState) {
    let pool = state.pool.state();
    gauge(
        out,
        "nodal_db_pool_connections",
        "Database connections open (idle and in use).",
        pool.connections,
    );
    gauge(
        out,
        "nodal_db_pool_idle_connections",
        "Database connections idle in the pool.",
        pool.idle_connections,
    );
    gauge(
        out,
        "nodal_db_pool_max_connections",
        "Configured maximum of the database pool.",
        state.pool.max_size(),
    );
    let stats = &state.pool_stats;
    counter(
        out,
        "nodal_db_pool_checkouts_total",
        "Connections handed out by the pool.",
        stats.checkouts(),
    );
    counter(
        out,
        "nodal_db_pool_wait_seconds_total",
        "Time callers spent waiting for a database connection.",
        stats.wait_seconds(),
    );
    counter(
        out,
        "nodal_db_pool_timeouts_total",
        "Checkouts that gave up waiting for a connection.",
        stats.timeouts(),
    );
}

fn render_cache(out: &mut String, state: &AppState) {
    let stats = state.cache.stats();
    gauge(
        out,
        "nodal_cache_enabled",
        "1 when the calculation cache is on.",
        u8::from(stats.enabled),
    );
    gauge(
        out,
        "nodal_cache_max_entries",
        "Entry limit of the in-memory cache.",
        stats.max_entries,
    );
    gauge(
        out,
        "nodal_cache_max_bytes",
        "Approximate byte limit of the in-memory cache.",
        stats.max_bytes,
    );
    gauge(
        out,
        "nodal_cache_shared_tier_up",
        "1 when the Redis tier is configured and answering.",
        u8::from(stats.shared_tier && stats.shared_tier_up),
    );
    counter(
        out,
        "nodal_cache_shared_tier_errors_total",
        "Redis operations that failed and fell back to memory.",
        stats.shared_tier_errors,
    );
    type Field = fn(&nodal_cache::KindStats) -> f64;
    let series: [(&str, &str, &str, Field); 13] = [
        (
            "nodal_cache_hits_total",
            "counter",
            "Answers served without computing, by kind.",
            |k| k.hits as f64,
        ),
        (
            "nodal_cache_misses_total",
            "counter",
            "Lookups that computed, by kind.",
            |k| k.misses as f64,
        ),
        (
            "nodal_cache_coalesced_total",
            "counter",
            "Hits that waited for an identical calculation in flight.",
            |k| k.coalesced as f64,
        ),
        (
            "nodal_cache_shared_tier_hits_total",
            "counter",
            "Hits found in the Redis tier.",
            |k| k.shared_tier_hits as f64,
        ),
        (
            "nodal_cache_failures_total",
            "counter",
            "Calculations that failed (never cached).",
            |k| k.failures as f64,
        ),
        (
            "nodal_cache_insertions_total",
            "counter",
            "Results stored in memory.",
            |k| k.insertions as f64,
        ),
        (
            "nodal_cache_evictions_total",
            "counter",
            "Entries evicted for the entry or byte limit.",
            |k| k.evictions as f64,
        ),
        (
            "nodal_cache_expirations_total",
            "counter",
            "Entries removed when their time to live ran out.",
            |k| k.expirations as f64,
        ),
        (
            "nodal_cache_entries",
            "gauge",
            "Entries held in memory, by kind.",
            |k| k.entries as f64,
        ),
        (
            "nodal_cache_bytes",
            "gauge",
            "Approximate bytes held in memory, by kind.",
            |k| k.bytes as f64,
        ),
        (
            "nodal_cache_hit_ratio",
            "gauge",
            "hits / (hits + misses), by kind.",
            |k| k.hit_ratio,
        ),
        (
            "nodal_cache_compute_seconds_total",
            "counter",
            "Time spent computing misses, by kind.",
            |k| k.compute_seconds,
        ),
        (
            "nodal_cache_compute_seconds_saved_total",
            "counter",
            "Compute time the hits avoided, by kind.",
            |k| k.compute_seconds_saved,
        ),
    ];
    for (name, kind, help, field) in series {
        header(out, name, kind, help);
        for k in &stats.kinds {
            let _ = writeln!(out, "{name}{{kind=\"{}\"}} {}", escape(&k.kind), field(k));
        }
    }
}

/// Escapes a label value (backslash, double quote, newline).
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// `GET /metrics`: the Prometheus text exposition.
pub async fn serve(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(CONTENT_TYPE)
        .body(state.metrics.render(&state))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_buckets_are_cumulative() {
        let h = Histogram::default();
        h.record(Duration::from_micros(100));
        h.record(Duration::from_millis(3));
        h.record(Duration::from_secs(60));
        let mut out = String::new();
        h.render(&mut out, "x", "k=\"v\"");
        assert!(
            out.contains("x_bucket{k=\"v\",le=\"0.00025\"} 1\n"),
            "{out}"
        );
        assert!(out.contains("x_bucket{k=\"v\",le=\"0.005\"} 2\n"), "{out}");
        assert!(out.contains("x_bucket{k=\"v\",le=\"10\"} 2\n"), "{out}");
        assert!(out.contains("x_bucket{k=\"v\",le=\"+Inf\"} 3\n"), "{out}");
        assert!(out.contains("x_count{k=\"v\"} 3\n"), "{out}");
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
