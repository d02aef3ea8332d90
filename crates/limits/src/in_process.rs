//! Counters in this process's memory: the single-node default and the fallback.

use crate::{Hit, Limits, LimitsError, window_of};
use async_trait::async_trait;
use std::collections::HashMap;
use std::sync::Mutex;
use time::{Duration, OffsetDateTime};

/// Keys expire by the caller's clock; a sweep every `SWEEP_EVERY` inserts drops the dead.
#[derive(Default)]
pub struct InProcess {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// key → (value, expires at in ms)
    entries: HashMap<String, (u64, i64)>,
    inserts: u64,
}

const SWEEP_EVERY: u64 = 4096;

fn ms(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}

impl Inner {
    fn sweep(&mut self, now: i64) {
        self.inserts += 1;
        if self.inserts.is_multiple_of(SWEEP_EVERY) {
            self.entries.retain(|_, (_, exp)| *exp > now);
        }
    }
}

#[async_trait]
impl Limits for InProcess {
    async fn add(
        &self,
        key: &str,
        n: u64,
        window: Duration,
        now: OffsetDateTime,
    ) -> Result<Hit, LimitsError> {
        let (wkey, len, resets_in) = window_of(key, window, now);
        let now_ms = ms(now);
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.sweep(now_ms);
        let expires = now_ms - now_ms.rem_euclid(len) + len;
        let entry = inner.entries.entry(wkey).or_insert((0, expires));
        entry.0 = entry.0.saturating_add(n);
        Ok(Hit {
            count: entry.0,
            resets_in,
        })
    }

    async fn first_use(
        &self,
        key: &str,
        until: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Result<bool, LimitsError> {
        let now_ms = ms(now);
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.sweep(now_ms);
        match inner.entries.get(key) {
            Some((_, exp)) if *exp > now_ms => Ok(false),
            _ => {
                inner.entries.insert(key.to_owned(), (1, ms(until)));
                Ok(true)
            }
        }
    }

    fn describe(&self) -> String {
        "in_process".into()
    }
}
