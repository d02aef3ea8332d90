#![allow(clippy::unwrap_used)]
//! The counters' contract, on the in-process implementation and on Redis
//! (`TEST_REDIS_URL`; skipped with a SKIPPED line when unset).

use latchkey_limits::{InProcess, Limits, RedisLimits, Resilient};
use std::sync::Arc;
use time::{Duration, OffsetDateTime};

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

fn redis() -> Option<RedisLimits> {
    match std::env::var("TEST_REDIS_URL") {
        Ok(url) => Some(RedisLimits::lazy(&url).expect("TEST_REDIS_URL is a Redis URL")),
        Err(_) => {
            if std::env::var("LATCHKEY_REQUIRE_PEERS").as_deref() == Ok("1") {
                panic!("TEST_REDIS_URL not set but LATCHKEY_REQUIRE_PEERS=1");
            }
            eprintln!("SKIPPED: Redis counter tests (TEST_REDIS_URL not set)");
            None
        }
    }
}

fn unique(prefix: &str) -> String {
    format!(
        "{prefix}-{}",
        OffsetDateTime::now_utc().unix_timestamp_nanos()
    )
}

async fn windows_count_and_reset(limits: Arc<dyn Limits>) {
    let key = unique("w");
    let t = now();
    let w = Duration::minutes(1);
    let a = limits.hit(&key, w, t).await.unwrap();
    let b = limits.hit(&key, w, t).await.unwrap();
    assert_eq!((a.count, b.count), (1, 2));
    assert!(b.resets_in > Duration::ZERO && b.resets_in <= w);
    assert_eq!(limits.peek(&key, w, t).await.unwrap().count, 2);
    assert_eq!(
        limits.hit(&key, w, t + w).await.unwrap().count,
        1,
        "next window"
    );
}

async fn fifty_concurrent_hits_all_count(limits: Arc<dyn Limits>) {
    let key = unique("c");
    let t = now();
    let w = Duration::minutes(10);
    let hits = futures::future::join_all((0..50).map(|_| {
        let limits = limits.clone();
        let key = key.clone();
        tokio::spawn(async move { limits.hit(&key, w, t).await.unwrap().count })
    }))
    .await;
    let mut counts: Vec<u64> = hits.into_iter().map(|h| h.unwrap()).collect();
    counts.sort_unstable();
    assert_eq!(
        counts,
        (1..=50).collect::<Vec<_>>(),
        "each hit saw its own count"
    );
    assert_eq!(limits.peek(&key, w, t).await.unwrap().count, 50);
}

async fn first_use_is_single(limits: Arc<dyn Limits>) {
    let key = unique("once");
    let t = now();
    let until = t + Duration::minutes(5);
    let firsts = futures::future::join_all((0..20).map(|_| {
        let limits = limits.clone();
        let key = key.clone();
        tokio::spawn(async move { limits.first_use(&key, until, t).await.unwrap() })
    }))
    .await;
    assert_eq!(
        firsts.into_iter().filter(|f| *f.as_ref().unwrap()).count(),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn in_process_contract() {
    windows_count_and_reset(Arc::new(InProcess::default())).await;
    fifty_concurrent_hits_all_count(Arc::new(InProcess::default())).await;
    first_use_is_single(Arc::new(InProcess::default())).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn redis_contract() {
    let Some(r) = redis() else { return };
    let r: Arc<dyn Limits> = Arc::new(r);
    windows_count_and_reset(r.clone()).await;
    fifty_concurrent_hits_all_count(r.clone()).await;
    first_use_is_single(r).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_nodes_share_counts_in_redis() {
    let Ok(url) = std::env::var("TEST_REDIS_URL") else {
        eprintln!("SKIPPED: Redis sharing test (TEST_REDIS_URL not set)");
        return;
    };
    let a = Resilient::with_redis(&url).unwrap();
    let b = Resilient::with_redis(&url).unwrap();
    let key = unique("shared");
    let (t, w) = (now(), Duration::minutes(1));
    a.hit(&key, w, t).await.unwrap();
    assert_eq!(b.hit(&key, w, t).await.unwrap().count, 2);
    assert_eq!(a.describe(), "redis");
}

#[tokio::test]
async fn unreachable_redis_falls_back_to_counting_here() {
    // Nothing listens on port 1.
    let r = Resilient::with_redis("redis://127.0.0.1:1").unwrap();
    let (t, w) = (now(), Duration::minutes(1));
    assert_eq!(r.hit("k", w, t).await.unwrap().count, 1);
    assert_eq!(r.hit("k", w, t).await.unwrap().count, 2);
    assert_eq!(r.describe(), "in_process (redis unreachable)");
    assert_eq!(Resilient::local().describe(), "in_process");
}

/// Audit finding 10f: keys are chosen by clients, so reads must not insert and the
/// number of keys must stay bounded however many distinct keys arrive.
#[tokio::test]
async fn in_process_counters_stay_bounded_under_attacker_chosen_keys() {
    let limits = InProcess::with_capacity(1_000);
    let t = now();
    let w = Duration::minutes(10);
    for i in 0..5_000 {
        limits.peek(&format!("read-{i}"), w, t).await.unwrap();
    }
    assert_eq!(limits.len(), 0, "a read of an unknown key keeps nothing");
    for i in 0..20_000 {
        limits.hit(&format!("hit-{i}"), w, t).await.unwrap();
    }
    assert!(limits.len() <= 1_000, "{} keys held", limits.len());
    assert!(
        limits.len() >= 700,
        "room is made a quarter at a time, not by forgetting everything: {}",
        limits.len()
    );
    // The newest counts are still there.
    assert_eq!(limits.peek("hit-19999", w, t).await.unwrap().count, 1);
    assert_eq!(limits.hit("hit-19999", w, t).await.unwrap().count, 2);
}
