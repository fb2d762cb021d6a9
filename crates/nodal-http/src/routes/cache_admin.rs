//! Cache administration: `/api/v1/admin/cache` (statistics, clear), admins only.
//!
//! The cache holds calculation answers keyed by their inputs, nothing of any organization's
//! stored data, so its statistics and the clear act on the whole service.

use actix_web::{HttpRequest, HttpResponse, delete, get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::{Subject, client_info};
use crate::error::{ApiError, Problem};
use crate::identity::AuthUser;
use crate::state::AppState;

/// Audit event kind of a cache clear.
pub const CACHE_CLEARED: &str = "cache_cleared";

/// Statistics of one calculation kind.
#[derive(Debug, Serialize, ToSchema)]
pub struct CacheKindStats {
    /// Calculation kind, e.g. `hydraulics.traverse`.
    pub kind: String,
    /// Answers served without computing (either tier, or waiting for an identical request).
    pub hits: u64,
    /// Of `hits`, those read from the shared (Redis) tier.
    pub shared_tier_hits: u64,
    /// Of `hits`, those that waited for an identical calculation in flight.
    pub coalesced: u64,
    /// Requests that computed.
    pub misses: u64,
    /// Computations that failed (never cached).
    pub failures: u64,
    /// Results stored in memory.
    pub insertions: u64,
    /// Entries evicted for the entry or byte limit.
    pub evictions: u64,
    /// Entries removed when their time to live ran out.
    pub expirations: u64,
    /// Entries held now.
    pub entries: u64,
    /// Approximate bytes held now.
    pub bytes: u64,
    /// hits / (hits + misses); 0 before the first request.
    pub hit_ratio: f64,
    /// Time spent computing misses, seconds.
    pub compute_seconds: f64,
    /// Compute time the hits avoided, seconds.
    pub compute_seconds_saved: f64,
}

/// `GET /admin/cache` answer.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"enabled": true, "max_entries": 10000, "max_bytes": 33554432,
    "ttl_secs": 3600, "entries": 1, "bytes": 5230, "shared_tier": false,
    "shared_tier_up": false, "shared_tier_errors": 0,
    "kinds": [{"kind": "pvt.properties", "hits": 3, "shared_tier_hits": 0, "coalesced": 0,
               "misses": 1, "failures": 0, "insertions": 1, "evictions": 0,
               "expirations": 0, "entries": 1, "bytes": 5230, "hit_ratio": 0.75,
               "compute_seconds": 0.0002, "compute_seconds_saved": 0.0006}]}))]
pub struct CacheStatsResponse {
    /// Whether the cache is on (`cache.enabled`).
    pub enabled: bool,
    /// Entry limit in memory (`cache.max_entries`).
    pub max_entries: u64,
    /// Approximate byte limit in memory (`cache.max_bytes`).
    pub max_bytes: u64,
    /// Time to live, seconds (`cache.ttl_secs`).
    pub ttl_secs: u64,
    /// Entries held now.
    pub entries: u64,
    /// Approximate bytes held now.
    pub bytes: u64,
    /// Whether a Redis tier is configured (`cache.redis_url`).
    pub shared_tier: bool,
    /// Whether the Redis tier answered its last call.
    pub shared_tier_up: bool,
    /// Redis calls that failed and fell back to memory.
    pub shared_tier_errors: u64,
    /// Per calculation kind.
    pub kinds: Vec<CacheKindStats>,
}

impl From<nodal_cache::CacheStats> for CacheStatsResponse {
    fn from(s: nodal_cache::CacheStats) -> Self {
        Self {
            enabled: s.enabled,
            max_entries: s.max_entries,
            max_bytes: s.max_bytes,
            ttl_secs: s.ttl_secs,
            entries: s.entries,
            bytes: s.bytes,
            shared_tier: s.shared_tier,
            shared_tier_up: s.shared_tier_up,
            shared_tier_errors: s.shared_tier_errors,
            kinds: s
                .kinds
                .into_iter()
                .map(|k| CacheKindStats {
                    kind: k.kind,
                    hits: k.hits,
                    shared_tier_hits: k.shared_tier_hits,
                    coalesced: k.coalesced,
                    misses: k.misses,
                    failures: k.failures,
                    insertions: k.insertions,
                    evictions: k.evictions,
                    expirations: k.expirations,
                    entries: k.entries,
                    bytes: k.bytes,
                    hit_ratio: k.hit_ratio,
                    compute_seconds: k.compute_seconds,
                    compute_seconds_saved: k.compute_seconds_saved,
                })
                .collect(),
        }
    }
}

/// Cache statistics: limits, totals and, per calculation kind, hits, misses, evictions,
/// expirations, entries, bytes, hit ratio and compute time saved.
#[utoipa::path(
    security(("bearer" = [])),
    tag = "admin",
    responses(
        (status = 200, description = "Cache statistics", body = CacheStatsResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/admin/cache")]
pub async fn cache_stats(
    user: AuthUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    user.require_admin()?;
    Ok(HttpResponse::Ok().json(CacheStatsResponse::from(state.cache.stats())))
}

/// Empties the cache (memory and, when configured, this deployment's Redis keys). Counters
/// are kept; entries and bytes drop to zero. Recorded in the audit log as `cache_cleared`.
/// Answers the statistics after the clear.
#[utoipa::path(
    security(("bearer" = [])),
    tag = "admin",
    responses(
        (status = 200, description = "Cleared; statistics after the clear", body = CacheStatsResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json")
    )
)]
#[delete("/admin/cache")]
pub async fn clear_cache(
    req: HttpRequest,
    user: AuthUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    user.require_admin()?;
    let client = client_info(&req, &state.auth);
    let entries = state.cache.stats().entries;
    let (pool, auth) = (state.pool.clone(), state.auth.clone());
    web::block(move || {
        let mut conn = nodal_store::connection(&pool)?;
        auth.audit(
            &mut conn,
            CACHE_CLEARED,
            Subject {
                organization_id: Some(user.org_id),
                user_id: Some(user.user_id),
                actor_id: None,
            },
            &client,
            Some(serde_json::json!({"entries": entries})),
        )
    })
    .await??;
    state.cache.clear().await;
    Ok(HttpResponse::Ok().json(CacheStatsResponse::from(state.cache.stats())))
}
