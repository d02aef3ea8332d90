//! Counters in this process's memory: the single-node default and the fallback.

use crate::{Hit, Limits, LimitsError, window_of};
use async_trait::async_trait;
use std::collections::HashMap;
use std::sync::Mutex;
use time::{Duration, OffsetDateTime};

/// Keys expire by the caller's clock; a sweep every `SWEEP_EVERY` inserts drops the dead.
///
/// Keys are chosen by clients (an identifier, an address), so memory is bounded twice
/// over: a read (`n = 0`) never inserts, and past `max_entries` live keys the ones
/// closest to expiry are dropped first (a quarter at a time), so a flood of new keys
/// costs the flooder its own oldest counts, not the process its memory.
pub struct InProcess {
    inner: Mutex<Inner>,
    max_entries: usize,
}

impl Default for InProcess {
    fn default() -> Self {
        Self::with_capacity(DEFAULT_MAX_ENTRIES)
    }
}

impl InProcess {
    /// At most `max_entries` keys (at least 16).
    pub fn with_capacity(max_entries: usize) -> Self {
        Self {
            inner: Mutex::new(Inner::default()),
            max_entries: max_entries.max(16),
        }
    }

    /// How many keys are held now (tests, metrics).
    pub fn len(&self) -> usize {
        self.inner
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entries
            .len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[derive(Default)]
struct Inner {
    /// key → (value, expires at in ms)
    entries: HashMap<String, (u64, i64)>,
    inserts: u64,
}

const SWEEP_EVERY: u64 = 4096;
/// About 100 MB at most of keys and counts.
const DEFAULT_MAX_ENTRIES: usize = 1_000_000;

fn ms(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}

impl Inner {
    /// Before inserting a new key: now and then drop the dead; when full, drop the dead
    /// and then the quarter of keys closest to expiry.
    fn make_room(&mut self, now: i64, max: usize) {
        self.inserts += 1;
        if self.inserts.is_multiple_of(SWEEP_EVERY) || self.entries.len() >= max {
            self.entries.retain(|_, (_, exp)| *exp > now);
        }
        if self.entries.len() >= max {
            let mut expiries: Vec<i64> = self.entries.values().map(|(_, e)| *e).collect();
            let cut = expiries.len() / 4;
            let (_, nth, _) = expiries.select_nth_unstable(cut);
            let threshold = *nth;
            // Below the threshold all go; at it (often most keys: one window, one
            // expiry) only as many as make up the quarter, in the map's own order.
            let mut at_threshold = cut.saturating_sub(
                self.entries
                    .values()
                    .filter(|(_, e)| *e < threshold)
                    .count(),
            );
            self.entries.retain(|_, (_, exp)| {
                if *exp < threshold {
                    false
                } else if *exp == threshold && at_threshold > 0 {
                    at_threshold -= 1;
                    false
                } else {
                    true
                }
            });
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
        if let Some(entry) = inner.entries.get_mut(&wkey) {
            entry.0 = entry.0.saturating_add(n);
            return Ok(Hit {
                count: entry.0,
                resets_in,
            });
        }
        if n == 0 {
            // A read of a key nobody counted: nothing to keep.
            return Ok(Hit {
                count: 0,
                resets_in,
            });
        }
        inner.make_room(now_ms, self.max_entries);
        let expires = now_ms - now_ms.rem_euclid(len) + len;
        inner.entries.insert(wkey, (n, expires));
        Ok(Hit {
            count: n,
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
        match inner.entries.get(key) {
            Some((_, exp)) if *exp > now_ms => Ok(false),
            _ => {
                inner.make_room(now_ms, self.max_entries);
                inner.entries.insert(key.to_owned(), (1, ms(until)));
                Ok(true)
            }
        }
    }

    fn describe(&self) -> String {
        "in_process".into()
    }
}
