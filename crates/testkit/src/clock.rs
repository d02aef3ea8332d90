//! The manual clock: it stands still until a test advances it, so every time rule (code
//! lifetimes, lockout waits, retry backoff) is tested without sleeping.

use latchkey_domain::Clock;
use std::sync::{Arc, Mutex};
use time::{Duration, OffsetDateTime};

/// A clock that stands still until a test advances it. Clones share one time, so the
/// test and the application it hands a clone to see the same instant.
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<Mutex<OffsetDateTime>>);

impl ManualClock {
    pub fn new(start: OffsetDateTime) -> Self {
        Self(Arc::new(Mutex::new(start)))
    }

    pub fn advance(&self, by: Duration) {
        let mut now = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *now += by;
    }
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::new(OffsetDateTime::now_utc())
    }
}

impl Clock for ManualClock {
    fn now(&self) -> OffsetDateTime {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A manual clock at the current time cut to a whole millisecond: the store keeps
/// milliseconds, so what a test builds at this clock's time compares equal to what it
/// reads back.
pub fn whole_millis_clock() -> ManualClock {
    let now = OffsetDateTime::now_utc();
    let ms = now.unix_timestamp_nanos() / 1_000_000 * 1_000_000;
    ManualClock::new(OffsetDateTime::from_unix_timestamp_nanos(ms).expect("time"))
}
