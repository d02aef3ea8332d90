//! Shared counters for rate limits and single-use marks (docs/ARCHITECTURE.md,
//! "crates/limits").
//!
//! [`Limits`] is the trait flows use. [`InProcess`] keeps counters in this process (one
//! node, or the fallback); [`RedisLimits`] keeps them in Redis with atomic Lua scripts so
//! several nodes count together; [`Resilient`] is what the server runs: Redis when it
//! answers, in-process counters when it does not (logged once per outage and shown in
//! `/health/ready`), back to Redis when it returns. Counting must never take sign-in down.
//!
//! Windows are fixed and computed from the caller's clock (the app clock, so tests move
//! time by hand): the key of a window is `<key>:<window start in ms>`. Redis expiry only
//! collects old windows.
//!
//! Account lockout is *not* kept here but in the database (see
//! `latchkey_flows::abuse`): it must survive restarts and Redis outages, or an attacker
//! who can wait for either gets fresh free guesses.

mod in_process;
mod redis_limits;

pub use in_process::InProcess;
pub use redis_limits::RedisLimits;

use async_trait::async_trait;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use time::{Duration, OffsetDateTime};

#[derive(Debug, thiserror::Error)]
pub enum LimitsError {
    #[error("limits backend unavailable: {0}")]
    Unavailable(String),
}

/// One window's count after a hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Events in the current window, this one included.
    pub count: u64,
    /// Until the window ends (and the count starts again).
    pub resets_in: Duration,
}

#[async_trait]
pub trait Limits: Send + Sync + 'static {
    /// Adds `n` (0 = just read) to `key`'s counter in the fixed `window` holding `now`.
    async fn add(
        &self,
        key: &str,
        n: u64,
        window: Duration,
        now: OffsetDateTime,
    ) -> Result<Hit, LimitsError>;

    /// Counts one event.
    async fn hit(
        &self,
        key: &str,
        window: Duration,
        now: OffsetDateTime,
    ) -> Result<Hit, LimitsError> {
        self.add(key, 1, window, now).await
    }

    /// The count without adding.
    async fn peek(
        &self,
        key: &str,
        window: Duration,
        now: OffsetDateTime,
    ) -> Result<Hit, LimitsError> {
        self.add(key, 0, window, now).await
    }

    /// True the first time `key` is marked before `until`, false after (a solved
    /// challenge's salt is spent once).
    async fn first_use(
        &self,
        key: &str,
        until: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Result<bool, LimitsError>;

    /// `redis`, `in_process` or `in_process (redis unreachable)`.
    fn describe(&self) -> String;
}

pub type DynLimits = Arc<dyn Limits>;

/// The window holding `now`: its storage key and the time left in it.
pub(crate) fn window_of(
    key: &str,
    window: Duration,
    now: OffsetDateTime,
) -> (String, i64, Duration) {
    let len = window.whole_milliseconds().max(1) as i64;
    let now_ms = (now.unix_timestamp_nanos() / 1_000_000) as i64;
    let start = now_ms.div_euclid(len) * len;
    (
        format!("{key}:{start}"),
        len,
        Duration::milliseconds(start + len - now_ms),
    )
}

/// Redis when it answers, in-process counters when it does not.
pub struct Resilient {
    redis: Option<RedisLimits>,
    local: InProcess,
    degraded: AtomicBool,
    /// When Redis failed last: it is not asked again for a few seconds, so an outage
    /// costs one failed round trip now and then, not one per request.
    failed_at: std::sync::Mutex<Option<std::time::Instant>>,
}

const RETRY_REDIS_AFTER: std::time::Duration = std::time::Duration::from_secs(2);

impl Resilient {
    /// In-process only.
    pub fn local() -> Self {
        Self {
            redis: None,
            local: InProcess::default(),
            degraded: AtomicBool::new(false),
            failed_at: std::sync::Mutex::new(None),
        }
    }

    /// Redis at `url` (connected lazily, so a Redis that is down at start does not stop
    /// the service), falling back to in-process counters.
    pub fn with_redis(url: &str) -> Result<Self, LimitsError> {
        Ok(Self {
            redis: Some(RedisLimits::lazy(url)?),
            ..Self::local()
        })
    }

    /// Tries Redis once now, so start-up logs say at once whether it answers.
    pub async fn probe(&self) {
        if let Some(redis) = &self.redis {
            match redis.ping().await {
                Ok(()) => tracing::info!(limits.backend = "redis", "limits: counting in Redis"),
                Err(e) => self.fail(&e),
            }
        }
    }

    fn redis_now(&self) -> Option<&RedisLimits> {
        let redis = self.redis.as_ref()?;
        let failed_at = *self.failed_at.lock().unwrap_or_else(|e| e.into_inner());
        match failed_at {
            Some(t) if t.elapsed() < RETRY_REDIS_AFTER => None,
            _ => Some(redis),
        }
    }

    fn fail(&self, e: &LimitsError) {
        *self.failed_at.lock().unwrap_or_else(|e| e.into_inner()) = Some(std::time::Instant::now());
        if !self.degraded.swap(true, Ordering::SeqCst) {
            tracing::warn!(
                limits.backend = "in_process",
                error.detail = %e,
                "limits: Redis unreachable, counting in this process until it answers again"
            );
        }
    }

    fn recovered(&self) {
        if self.degraded.swap(false, Ordering::SeqCst) {
            *self.failed_at.lock().unwrap_or_else(|e| e.into_inner()) = None;
            tracing::info!(limits.backend = "redis", "limits: Redis answers again");
        }
    }
}

#[async_trait]
impl Limits for Resilient {
    async fn add(
        &self,
        key: &str,
        n: u64,
        window: Duration,
        now: OffsetDateTime,
    ) -> Result<Hit, LimitsError> {
        if let Some(redis) = self.redis_now() {
            match redis.add(key, n, window, now).await {
                Ok(hit) => {
                    self.recovered();
                    return Ok(hit);
                }
                Err(e) => self.fail(&e),
            }
        }
        self.local.add(key, n, window, now).await
    }

    async fn first_use(
        &self,
        key: &str,
        until: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Result<bool, LimitsError> {
        if let Some(redis) = self.redis_now() {
            match redis.first_use(key, until, now).await {
                Ok(first) => {
                    self.recovered();
                    return Ok(first);
                }
                Err(e) => self.fail(&e),
            }
        }
        self.local.first_use(key, until, now).await
    }

    fn describe(&self) -> String {
        match (&self.redis, self.degraded.load(Ordering::SeqCst)) {
            (Some(_), false) => "redis".into(),
            (Some(_), true) => "in_process (redis unreachable)".into(),
            (None, _) => "in_process".into(),
        }
    }
}
