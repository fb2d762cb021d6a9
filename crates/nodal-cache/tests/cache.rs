//! `Cache::get_or_compute` end to end: single flight, failures, versions, TTL, statistics and
//! the Redis tier (the real server at `NODAL_TEST_REDIS_URL`, default
//! `redis://127.0.0.1:6379`, and a closed port for the outage).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use nodal_cache::{Cache, CacheConfig, CacheKey, Outcome, Payload};
use serde_json::json;

fn config() -> CacheConfig {
    CacheConfig {
        engine_version: "1.0.0".into(),
        ..CacheConfig::default()
    }
}

fn cache() -> Cache {
    Cache::new(config()).unwrap()
}

fn json_payload(text: &str) -> Payload {
    Payload::new("application/json", text.as_bytes().to_vec())
}

/// Counts how often it ran.
#[derive(Clone, Default)]
struct Counter(Arc<AtomicUsize>);

impl Counter {
    fn bump(&self) -> usize {
        self.0.fetch_add(1, Ordering::SeqCst) + 1
    }
    fn get(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

#[tokio::test]
async fn a_repeat_is_a_hit_sharing_the_same_bytes() {
    let cache = cache();
    let key = cache.key("pvt.curve", &json!({"p": 1500})).unwrap();
    let runs = Counter::default();
    let compute = || {
        let runs = runs.clone();
        async move {
            runs.bump();
            Ok::<_, String>(json_payload("{\"rs\":1}"))
        }
    };
    let (first, outcome) = cache.get_or_compute(&key, compute).await.unwrap();
    assert_eq!(outcome, Outcome::Miss);
    let (second, outcome) = cache.get_or_compute(&key, compute).await.unwrap();
    assert_eq!(outcome, Outcome::Hit);
    assert_eq!(runs.get(), 1);
    assert!(
        Arc::ptr_eq(&first, &second),
        "a hit must share the stored value"
    );
    assert_eq!(first.body.as_ptr(), second.body.as_ptr());

    let stats = cache.stats();
    let kind = &stats.kinds[0];
    assert_eq!(kind.kind, "pvt.curve");
    assert_eq!((kind.hits, kind.misses, kind.insertions), (1, 1, 1));
    assert_eq!(kind.entries, 1);
    assert!(kind.bytes > 0 && stats.bytes == kind.bytes);
    assert!((kind.hit_ratio - 0.5).abs() < 1e-12);
}

#[tokio::test]
async fn concurrent_identical_calls_compute_once() {
    let cache = cache();
    let key = cache
        .key("hydraulics.traverse", &json!({"whp": 200}))
        .unwrap();
    let runs = Counter::default();
    let calls = (0..64).map(|_| {
        let runs = runs.clone();
        let cache = cache.clone();
        let key = key.clone();
        async move {
            cache
                .get_or_compute(&key, || async move {
                    runs.bump();
                    // Let every other caller arrive while this one computes.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    Ok::<_, String>(json_payload("{}"))
                })
                .await
                .unwrap()
        }
    });
    let results = futures_util::future::join_all(calls).await;
    assert_eq!(runs.get(), 1, "one computation for 64 identical calls");
    let misses = results.iter().filter(|(_, o)| *o == Outcome::Miss).count();
    assert_eq!(misses, 1);
    assert!(results.iter().all(|(p, _)| Arc::ptr_eq(p, &results[0].0)));
    let kind = &cache.stats().kinds[0];
    assert_eq!(kind.misses, 1);
    assert_eq!(kind.hits, 63);
    assert_eq!(kind.coalesced, 63);
}

#[tokio::test]
async fn a_failure_is_not_cached_and_does_not_poison_waiters() {
    let cache = cache();
    let key = cache
        .key("nodal.operating_point", &json!({"x": 1}))
        .unwrap();
    let runs = Counter::default();
    let calls = (0..8).map(|_| {
        let runs = runs.clone();
        let cache = cache.clone();
        let key = key.clone();
        async move {
            cache
                .get_or_compute(&key, || async move {
                    let run = runs.bump();
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    if run == 1 {
                        Err(format!("run {run} failed"))
                    } else {
                        Ok(json_payload("{\"ok\":true}"))
                    }
                })
                .await
        }
    });
    let results = futures_util::future::join_all(calls).await;
    let failures: Vec<_> = results.iter().filter(|r| r.is_err()).collect();
    assert_eq!(
        failures.len(),
        1,
        "only the failing computation's caller sees the error"
    );
    assert_eq!(runs.get(), 2, "one retry computed for all the waiters");
    assert!(
        results
            .iter()
            .flatten()
            .all(|(p, _)| &p.body[..] == b"{\"ok\":true}")
    );

    // And a failure alone leaves nothing behind: the next call computes again.
    let other = cache
        .key("nodal.operating_point", &json!({"x": 2}))
        .unwrap();
    let failed: Result<_, String> = cache
        .get_or_compute(&other, || async { Err("no".to_string()) })
        .await;
    assert!(failed.is_err());
    let (_, outcome) = cache
        .get_or_compute(&other, || async { Ok::<_, String>(json_payload("1")) })
        .await
        .unwrap();
    assert_eq!(outcome, Outcome::Miss);
    assert_eq!(cache.stats().kinds[0].failures, 2);
}

#[tokio::test]
async fn the_engine_version_is_part_of_the_key() {
    let request = json!({"oil_api": 35});
    let old = Cache::new(CacheConfig {
        engine_version: "1.0.0".into(),
        ..CacheConfig::default()
    })
    .unwrap();
    let new = Cache::new(CacheConfig {
        engine_version: "1.1.0".into(),
        ..CacheConfig::default()
    })
    .unwrap();
    let a = old.key("pvt.properties", &request).unwrap();
    let b = new.key("pvt.properties", &request).unwrap();
    assert_ne!(a, b);
    assert_eq!(
        a,
        CacheKey::new("pvt.properties", "1.0.0", &request).unwrap()
    );
}

#[tokio::test]
async fn entries_expire_after_the_ttl() {
    let cache = Cache::new(CacheConfig {
        ttl: Duration::from_millis(40),
        ..config()
    })
    .unwrap();
    let key = cache.key("k", &1).unwrap();
    let compute = || async { Ok::<_, String>(json_payload("1")) };
    assert_eq!(
        cache.get_or_compute(&key, compute).await.unwrap().1,
        Outcome::Miss
    );
    assert_eq!(
        cache.get_or_compute(&key, compute).await.unwrap().1,
        Outcome::Hit
    );
    tokio::time::sleep(Duration::from_millis(80)).await;
    assert_eq!(
        cache.get_or_compute(&key, compute).await.unwrap().1,
        Outcome::Miss
    );
    let kind = &cache.stats().kinds[0];
    assert_eq!(kind.expirations, 1);
    assert_eq!(kind.entries, 1);
}

#[tokio::test]
async fn limits_from_config_evict_by_count_and_bytes() {
    let cache = Cache::new(CacheConfig {
        max_entries: 3,
        ..config()
    })
    .unwrap();
    for n in 0..5 {
        let key = cache.key("k", &n).unwrap();
        cache
            .get_or_compute(&key, || async { Ok::<_, String>(json_payload("x")) })
            .await
            .unwrap();
    }
    let stats = cache.stats();
    assert_eq!(stats.entries, 3);
    assert_eq!(stats.kinds[0].evictions, 2);

    let cache = Cache::new(CacheConfig {
        max_bytes: 10_000,
        ..config()
    })
    .unwrap();
    for n in 0..10 {
        let key = cache.key("k", &n).unwrap();
        cache
            .get_or_compute(&key, || async {
                Ok::<_, String>(Payload::new("application/json", vec![b'1'; 3000]))
            })
            .await
            .unwrap();
    }
    let stats = cache.stats();
    assert!(stats.bytes <= 10_000, "{} bytes held", stats.bytes);
    assert_eq!(stats.entries, 3);
    assert_eq!(stats.kinds[0].evictions, 7);
}

#[tokio::test]
async fn turned_off_it_always_computes() {
    let cache = Cache::new(CacheConfig {
        enabled: false,
        ..config()
    })
    .unwrap();
    let key = cache.key("k", &1).unwrap();
    let runs = Counter::default();
    for _ in 0..3 {
        let runs = runs.clone();
        let (_, outcome) = cache
            .get_or_compute(&key, || async move {
                runs.bump();
                Ok::<_, String>(json_payload("1"))
            })
            .await
            .unwrap();
        assert_eq!(outcome, Outcome::Miss);
    }
    assert_eq!(runs.get(), 3);
    assert_eq!(cache.stats().entries, 0);
}

#[tokio::test]
async fn clear_empties_the_cache() {
    let cache = cache();
    let key = cache.key("k", &1).unwrap();
    let compute = || async { Ok::<_, String>(json_payload("1")) };
    cache.get_or_compute(&key, compute).await.unwrap();
    cache.clear().await;
    let stats = cache.stats();
    assert_eq!(
        (stats.entries, stats.bytes, stats.kinds[0].entries),
        (0, 0, 0)
    );
    assert_eq!(
        cache.get_or_compute(&key, compute).await.unwrap().1,
        Outcome::Miss
    );
}

fn redis_url() -> String {
    std::env::var("NODAL_TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into())
}

fn redis_available(url: &str) -> bool {
    let reachable = redis::Client::open(url)
        .and_then(|c| c.get_connection_with_timeout(Duration::from_millis(500)))
        .is_ok();
    if !reachable && std::env::var_os("CI").is_some() {
        panic!("Redis is required under CI: {url}");
    }
    reachable
}

fn shared_config(url: &str, prefix: &str) -> CacheConfig {
    CacheConfig {
        redis_url: Some(url.to_owned()),
        redis_key_prefix: prefix.to_owned(),
        ..config()
    }
}

#[tokio::test]
async fn replicas_share_results_through_redis() {
    let url = redis_url();
    if !redis_available(&url) {
        eprintln!("skipped: no Redis at {url}");
        return;
    }
    let prefix = format!("nodal:test:{}:", uuid::Uuid::new_v4());
    let replica_a = Cache::new(shared_config(&url, &prefix)).unwrap();
    let replica_b = Cache::new(shared_config(&url, &prefix)).unwrap();
    let request = json!({"case": uuid::Uuid::new_v4().to_string()});
    let key = replica_a.key("hydraulics.vlp_curve", &request).unwrap();
    let (_, outcome) = replica_a
        .get_or_compute(&key, || async {
            Ok::<_, String>(Payload::new("image/svg+xml", b"<svg/>".to_vec()))
        })
        .await
        .unwrap();
    assert_eq!(outcome, Outcome::Miss);

    // The write to Redis is not awaited by the answer: wait for it to land.
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    let runs = Counter::default();
    loop {
        let probe = Cache::new(shared_config(&url, &prefix)).unwrap();
        let runs_here = Counter::default();
        let (payload, outcome) = probe
            .get_or_compute(&key, || {
                let runs_here = runs_here.clone();
                async move {
                    runs_here.bump();
                    Ok::<_, String>(json_payload("computed"))
                }
            })
            .await
            .unwrap();
        if outcome == Outcome::Hit {
            assert_eq!(payload.content_type, "image/svg+xml");
            assert_eq!(&payload.body[..], b"<svg/>");
            break;
        }
        assert!(std::time::Instant::now() < deadline, "never reached Redis");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let (payload, outcome) = replica_b
        .get_or_compute(&key, || {
            let runs = runs.clone();
            async move {
                runs.bump();
                Ok::<_, String>(json_payload("computed"))
            }
        })
        .await
        .unwrap();
    assert_eq!(outcome, Outcome::Hit);
    assert_eq!(runs.get(), 0, "replica B reused replica A's result");
    assert_eq!(&payload.body[..], b"<svg/>");
    let stats = replica_b.stats();
    assert!(stats.shared_tier && stats.shared_tier_up);
    assert_eq!(stats.kinds[0].shared_tier_hits, 1);

    replica_a.clear().await;
    let fresh = Cache::new(shared_config(&url, &prefix)).unwrap();
    let (_, outcome) = fresh
        .get_or_compute(&key, || async { Ok::<_, String>(json_payload("again")) })
        .await
        .unwrap();
    assert_eq!(
        outcome,
        Outcome::Miss,
        "clear removed the Redis entries too"
    );
    fresh.clear().await;
}

#[tokio::test]
async fn a_redis_outage_degrades_to_the_local_tier() {
    // A port that was just free: nothing listens there.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let cache = Cache::new(shared_config(
        &format!("redis://127.0.0.1:{port}"),
        "nodal:test:",
    ))
    .unwrap();
    let key = cache.key("pvt.curve", &json!({"p": 1})).unwrap();
    let compute = || async { Ok::<_, String>(json_payload("{\"ok\":1}")) };
    let (payload, outcome) = cache.get_or_compute(&key, compute).await.unwrap();
    assert_eq!(
        (outcome, &payload.body[..]),
        (Outcome::Miss, &b"{\"ok\":1}"[..])
    );
    let (_, outcome) = cache.get_or_compute(&key, compute).await.unwrap();
    assert_eq!(outcome, Outcome::Hit, "the local tier keeps working");
    let stats = cache.stats();
    assert!(stats.shared_tier);
    assert!(!stats.shared_tier_up);
    assert!(stats.shared_tier_errors >= 1);
    // While Redis rests, further misses do not try it again.
    let errors = stats.shared_tier_errors;
    for n in 0..5 {
        let key = cache.key("pvt.curve", &n).unwrap();
        cache.get_or_compute(&key, compute).await.unwrap();
    }
    tokio::task::yield_now().await;
    assert_eq!(cache.stats().shared_tier_errors, errors);
    cache.clear().await;
}

/// A TCP relay in front of the real Redis that can be "stopped" (every connection cut, new
/// ones refused) and started again, to play a Redis outage without touching the shared
/// server.
struct Relay {
    port: u16,
    open: Arc<std::sync::atomic::AtomicBool>,
    connections: Arc<std::sync::Mutex<Vec<std::net::TcpStream>>>,
}

impl Relay {
    fn start(upstream: std::net::SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let open = Arc::new(std::sync::atomic::AtomicBool::new(true));
        let connections = Arc::new(std::sync::Mutex::new(Vec::new()));
        let (flag, held) = (open.clone(), connections.clone());
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { continue };
                if !flag.load(Ordering::SeqCst) {
                    drop(client);
                    continue;
                }
                let Ok(server) = std::net::TcpStream::connect(upstream) else {
                    continue;
                };
                let mut list = held.lock().unwrap();
                list.push(client.try_clone().unwrap());
                list.push(server.try_clone().unwrap());
                drop(list);
                for (mut from, mut to) in [
                    (client.try_clone().unwrap(), server.try_clone().unwrap()),
                    (server, client),
                ] {
                    std::thread::spawn(move || {
                        let _ = std::io::copy(&mut from, &mut to);
                        let _ = to.shutdown(std::net::Shutdown::Both);
                    });
                }
            }
        });
        Self {
            port,
            open,
            connections,
        }
    }

    fn stop(&self) {
        self.open.store(false, Ordering::SeqCst);
        for stream in self.connections.lock().unwrap().drain(..) {
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
    }

    fn restart(&self) {
        self.open.store(true, Ordering::SeqCst);
    }
}

#[tokio::test]
async fn redis_stopping_mid_run_degrades_and_recovers() {
    let url = redis_url();
    if !redis_available(&url) {
        eprintln!("skipped: no Redis at {url}");
        return;
    }
    let upstream = {
        let info = url.trim_start_matches("redis://");
        let host_port = info.rsplit('@').next().unwrap().split('/').next().unwrap();
        std::net::ToSocketAddrs::to_socket_addrs(host_port)
            .unwrap()
            .next()
            .unwrap()
    };
    let relay = Relay::start(upstream);
    let prefix = format!("nodal:test:{}:", uuid::Uuid::new_v4());
    let cache = Cache::new(CacheConfig {
        redis_retry_after: Duration::from_millis(200),
        ..shared_config(&format!("redis://127.0.0.1:{}", relay.port), &prefix)
    })
    .unwrap();
    let compute = || async { Ok::<_, String>(json_payload("{}")) };
    let key = |n: u32| cache.key("k", &json!({"n": n, "prefix": prefix})).unwrap();

    cache.get_or_compute(&key(1), compute).await.unwrap();
    assert!(cache.stats().shared_tier_up);
    assert_eq!(cache.stats().shared_tier_errors, 0);

    relay.stop();
    for n in 2..6 {
        let (_, outcome) = cache.get_or_compute(&key(n), compute).await.unwrap();
        assert_eq!(
            outcome,
            Outcome::Miss,
            "requests still succeed while Redis is down"
        );
    }
    let (_, outcome) = cache.get_or_compute(&key(2), compute).await.unwrap();
    assert_eq!(outcome, Outcome::Hit, "the local tier keeps serving");
    let down = cache.stats();
    assert!(!down.shared_tier_up);
    assert!(down.shared_tier_errors >= 1);

    relay.restart();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    let mut n = 100;
    while !cache.stats().shared_tier_up {
        assert!(
            std::time::Instant::now() < deadline,
            "Redis tier never came back"
        );
        cache.get_or_compute(&key(n), compute).await.unwrap();
        n += 1;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    cache.clear().await;
}
