//! The lockout state machine: how many wrong guesses a key (an account, an unknown
//! identifier, a device token) may make before it must wait, and for how long.
//!
//! The state is two numbers, the failure count and the instant of the last failure, so
//! that every store can update it with one atomic statement (an SQL upsert, a Redis
//! script) and compute everything else from it here:
//!
//! - failures `1..N` are free (no wait);
//! - the `N`th failure locks for `base_wait`, each further one doubles it, up to
//!   `max_wait` ("grows while guessing goes on");
//! - a failure while locked counts too, so it extends the lock from that moment;
//! - a key that has had no failure for `forget_after` starts again from zero;
//! - a success (or a completed reset, or an unlock link) clears it.

use time::{Duration, OffsetDateTime};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutPolicy {
    /// Failures allowed before the first wait (default 5).
    pub free_failures: u32,
    /// The first wait (default 1 min); doubles with each further failure.
    pub base_wait: Duration,
    /// The longest wait (default 2 h).
    pub max_wait: Duration,
    /// Quiet time after which the count starts again (default 24 h).
    pub forget_after: Duration,
}

impl Default for LockoutPolicy {
    fn default() -> Self {
        Self {
            free_failures: 5,
            base_wait: Duration::minutes(1),
            max_wait: Duration::hours(2),
            forget_after: Duration::hours(24),
        }
    }
}

/// What a store keeps per key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LockoutState {
    pub failures: u32,
    pub last_failure_at: Option<OffsetDateTime>,
}

/// May this key try now?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    Open,
    Locked { retry_after: Duration },
}

impl LockoutPolicy {
    /// The wait imposed right after the `failures`th failure.
    pub fn wait_after(&self, failures: u32) -> Duration {
        if failures < self.free_failures.max(1) {
            return Duration::ZERO;
        }
        let doublings = failures - self.free_failures.max(1);
        // 2^20 minutes is far past any sane maximum; capping the shift avoids overflow.
        let factor = 1i32 << doublings.min(20);
        (self.base_wait * factor).min(self.max_wait)
    }

    /// The state as it stands at `now` (an old count is forgotten).
    pub fn current(&self, state: LockoutState, now: OffsetDateTime) -> LockoutState {
        match state.last_failure_at {
            Some(last) if now - last < self.forget_after => state,
            _ => LockoutState::default(),
        }
    }

    pub fn gate(&self, state: LockoutState, now: OffsetDateTime) -> Gate {
        let state = self.current(state, now);
        match state.last_failure_at {
            Some(last) => {
                let wait = self.wait_after(state.failures);
                let until = last + wait;
                // `wait > 0` first: a failure stamped by a node whose clock runs a little
                // ahead must not lock a key that has no wait at all.
                if wait > Duration::ZERO && now < until {
                    Gate::Locked {
                        retry_after: until - now,
                    }
                } else {
                    Gate::Open
                }
            }
            None => Gate::Open,
        }
    }

    /// The state after one more failure at `now`. Stores do the same atomically; this is
    /// the reference they are tested against.
    pub fn after_failure(&self, state: LockoutState, now: OffsetDateTime) -> LockoutState {
        let state = self.current(state, now);
        LockoutState {
            failures: state.failures.saturating_add(1),
            last_failure_at: Some(now),
        }
    }

    /// The gate for a client: one holding a valid device token for the account is judged
    /// by that device's own failures only (OWASP device cookies), so strangers locking the
    /// account never lock its owner's devices out; anyone else is judged by the account.
    pub fn gate_for(
        &self,
        account: LockoutState,
        device: Option<LockoutState>,
        now: OffsetDateTime,
    ) -> Gate {
        match device {
            Some(device) => self.gate(device, now),
            None => self.gate(account, now),
        }
    }

    /// Whether this failure count is the one that first locks: the moment to tell the
    /// owner (once per episode, not once per failure).
    pub fn locks_now(&self, failures: u32) -> bool {
        failures == self.free_failures.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn t0() -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap()
    }

    /// A client that guesses as soon as the gate lets it, for `span` of simulated time;
    /// returns the instants of its guesses.
    fn guess_greedily(p: &LockoutPolicy, span: Duration) -> Vec<OffsetDateTime> {
        let mut state = LockoutState::default();
        let mut now = t0();
        let mut guesses = Vec::new();
        while now < t0() + span {
            match p.gate(state, now) {
                Gate::Open => {
                    guesses.push(now);
                    state = p.after_failure(state, now);
                    now += Duration::seconds(1);
                }
                Gate::Locked { retry_after } => now += retry_after,
            }
        }
        guesses
    }

    #[test]
    fn five_free_then_one_minute_doubling_to_two_hours() {
        let p = LockoutPolicy::default();
        let mut s = LockoutState::default();
        let now = t0();
        for i in 1..=4 {
            s = p.after_failure(s, now);
            assert_eq!(p.gate(s, now), Gate::Open, "failure {i} is free");
        }
        s = p.after_failure(s, now);
        assert!(p.locks_now(s.failures));
        assert_eq!(
            p.gate(s, now),
            Gate::Locked {
                retry_after: Duration::minutes(1)
            }
        );
        assert_eq!(p.gate(s, now + Duration::minutes(1)), Gate::Open);
        let waits: Vec<i64> = (5..=14).map(|f| p.wait_after(f).whole_minutes()).collect();
        assert_eq!(waits, vec![1, 2, 4, 8, 16, 32, 64, 120, 120, 120]);
    }

    #[test]
    fn a_failure_while_locked_extends_the_lock() {
        let p = LockoutPolicy::default();
        let mut s = LockoutState::default();
        for _ in 0..5 {
            s = p.after_failure(s, t0());
        }
        let later = t0() + Duration::seconds(30);
        s = p.after_failure(s, later);
        assert_eq!(
            p.gate(s, later),
            Gate::Locked {
                retry_after: Duration::minutes(2)
            }
        );
        assert!(
            !p.locks_now(s.failures),
            "the owner is told once, not again"
        );
    }

    #[test]
    fn free_failures_stamped_in_the_future_do_not_lock() {
        let p = LockoutPolicy::default();
        let s = p.after_failure(LockoutState::default(), t0() + Duration::seconds(2));
        assert_eq!(p.gate(s, t0()), Gate::Open, "another node's clock is ahead");
    }

    #[test]
    fn a_quiet_day_forgets_the_count() {
        let p = LockoutPolicy::default();
        let mut s = LockoutState::default();
        for _ in 0..9 {
            s = p.after_failure(s, t0());
        }
        let next_day = t0() + Duration::hours(25);
        assert_eq!(p.gate(s, next_day), Gate::Open);
        assert_eq!(p.after_failure(s, next_day).failures, 1);
    }

    #[test]
    fn greedy_guessing_for_a_day_gets_few_guesses() {
        let p = LockoutPolicy::default();
        let guesses = guess_greedily(&p, Duration::hours(24));
        // 5 free, then 1+2+4+8+16+32+64 min ≈ 2 h, then one per 2 h for the rest of the day.
        assert!(guesses.len() < 25, "{} guesses in a day", guesses.len());
    }

    proptest! {
        /// At most N free guesses per window per untrusted client: whatever the timing of
        /// the attempts, within any stretch shorter than the first wait no more than N
        /// wrong guesses get through the gate.
        #[test]
        fn at_most_n_free_guesses_per_window(
            free in 1u32..10,
            gaps in proptest::collection::vec(0i64..90, 1..200),
        ) {
            let p = LockoutPolicy { free_failures: free, ..LockoutPolicy::default() };
            let mut state = LockoutState::default();
            let mut now = t0();
            let mut accepted: Vec<OffsetDateTime> = Vec::new();
            for gap in gaps {
                now += Duration::seconds(gap);
                if p.gate(state, now) == Gate::Open {
                    accepted.push(now);
                    state = p.after_failure(state, now);
                }
            }
            for (i, start) in accepted.iter().enumerate() {
                let in_window = accepted[i..]
                    .iter()
                    .take_while(|t| **t - *start < p.base_wait)
                    .count();
                prop_assert!(in_window as u32 <= free, "{} guesses within {:?}", in_window, p.base_wait);
            }
            // And over the whole run, no more than N plus one per wait that elapsed.
            let elapsed = now - t0();
            let max = free as i64 + 1 + elapsed.whole_seconds() / p.base_wait.whole_seconds();
            prop_assert!(accepted.len() as i64 <= max);
        }

        /// A trusted device is never locked by others' failures: the device is judged by
        /// its own state only, so any interleaving of strangers' failures on the account
        /// leaves the device's gate open while the device itself has made fewer than N.
        #[test]
        fn a_trusted_device_is_never_locked_by_others(
            events in proptest::collection::vec((any::<bool>(), 0i64..600), 1..300),
            own_limit in 0u32..4,
        ) {
            let p = LockoutPolicy::default();
            let mut account = LockoutState::default();
            let mut device = LockoutState::default();
            let mut own_failures = 0u32;
            let mut now = t0();
            for (by_stranger, gap) in events {
                now += Duration::seconds(gap);
                if by_stranger {
                    if p.gate(account, now) == Gate::Open {
                        account = p.after_failure(account, now);
                    }
                } else if own_failures < own_limit {
                    device = p.after_failure(device, now);
                    own_failures += 1;
                }
                prop_assert_eq!(p.gate_for(account, Some(device), now), Gate::Open);
            }
        }
    }
}
