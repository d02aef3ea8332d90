//! One-time code rules (R2): valid 15 minutes, resend after 60 seconds, at most 5 wrong
//! tries per flow that no resend resets, and the last 3 unexpired codes all accepted so a
//! delayed SMS still works.

use crate::secret::{code_hash, digests_equal};
use time::{Duration, OffsetDateTime};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodePolicy {
    pub ttl: Duration,
    pub resend_after: Duration,
    pub max_failures: u32,
    pub window: usize,
}

impl Default for CodePolicy {
    fn default() -> Self {
        Self {
            ttl: Duration::minutes(15),
            resend_after: Duration::seconds(60),
            max_failures: 5,
            window: 3,
        }
    }
}

/// A code as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedCode {
    pub hash: String,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    Accepted,
    /// Wrong code; the caller records one more failure. `attempts_left` counts that one.
    Wrong {
        attempts_left: u32,
    },
    /// Too many wrong tries: the flow is spent whatever code comes now.
    Exhausted,
    /// Every code of the flow has expired.
    Expired,
}

impl CodePolicy {
    pub fn check(
        &self,
        flow_salt: &[u8],
        codes: &[IssuedCode],
        failures: u32,
        candidate: &str,
        now: OffsetDateTime,
    ) -> CodeCheck {
        if failures >= self.max_failures {
            return CodeCheck::Exhausted;
        }
        let mut recent: Vec<&IssuedCode> = codes.iter().collect();
        recent.sort_by_key(|c| std::cmp::Reverse(c.created_at));
        let live: Vec<&IssuedCode> = recent
            .into_iter()
            .take(self.window)
            .filter(|c| c.expires_at > now)
            .collect();
        if live.is_empty() && !codes.is_empty() {
            return CodeCheck::Expired;
        }
        let candidate = candidate.trim();
        let well_formed = candidate.len() == 6 && candidate.bytes().all(|b| b.is_ascii_digit());
        if well_formed {
            let hash = code_hash(flow_salt, candidate);
            // Compare against every live code so the time taken does not say which matched.
            let matched = live
                .iter()
                .fold(false, |m, c| digests_equal(&c.hash, &hash) | m);
            if matched {
                return CodeCheck::Accepted;
            }
        }
        CodeCheck::Wrong {
            attempts_left: self.max_failures - failures - 1,
        }
    }

    /// `Err(wait)` when a new code may not be sent yet.
    pub fn may_resend(
        &self,
        last_sent_at: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Result<(), Duration> {
        let ready = last_sent_at + self.resend_after;
        if now >= ready {
            Ok(())
        } else {
            Err(ready - now)
        }
    }

    pub fn issue(&self, flow_salt: &[u8], code: &str, now: OffsetDateTime) -> IssuedCode {
        IssuedCode {
            hash: code_hash(flow_salt, code),
            created_at: now,
            expires_at: now + self.ttl,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::datetime;

    const SALT: &[u8] = b"flow";
    const T0: OffsetDateTime = datetime!(2026-01-01 12:00 UTC);

    fn codes(p: &CodePolicy, list: &[(&str, i64)]) -> Vec<IssuedCode> {
        list.iter()
            .map(|(c, min)| p.issue(SALT, c, T0 + Duration::minutes(*min)))
            .collect()
    }

    #[test]
    fn accepts_the_code_within_fifteen_minutes_only() {
        let p = CodePolicy::default();
        let c = codes(&p, &[("123456", 0)]);
        assert_eq!(
            p.check(SALT, &c, 0, "123456", T0 + Duration::minutes(14)),
            CodeCheck::Accepted
        );
        assert_eq!(
            p.check(SALT, &c, 0, "123456", T0 + Duration::minutes(15)),
            CodeCheck::Expired
        );
    }

    #[test]
    fn last_three_codes_are_valid_the_fourth_oldest_is_not() {
        let p = CodePolicy::default();
        let c = codes(
            &p,
            &[("111111", 0), ("222222", 1), ("333333", 2), ("444444", 3)],
        );
        let now = T0 + Duration::minutes(4);
        for ok in ["222222", "333333", "444444"] {
            assert_eq!(p.check(SALT, &c, 0, ok, now), CodeCheck::Accepted, "{ok}");
        }
        assert_eq!(
            p.check(SALT, &c, 0, "111111", now),
            CodeCheck::Wrong { attempts_left: 4 }
        );
    }

    #[test]
    fn five_failures_spend_the_flow_even_for_the_right_code() {
        let p = CodePolicy::default();
        let c = codes(&p, &[("123456", 0)]);
        assert_eq!(
            p.check(SALT, &c, 4, "000000", T0),
            CodeCheck::Wrong { attempts_left: 0 }
        );
        assert_eq!(p.check(SALT, &c, 5, "123456", T0), CodeCheck::Exhausted);
    }

    #[test]
    fn resend_waits_sixty_seconds() {
        let p = CodePolicy::default();
        assert_eq!(
            p.may_resend(T0, T0 + Duration::seconds(20)),
            Err(Duration::seconds(40))
        );
        assert_eq!(p.may_resend(T0, T0 + Duration::seconds(60)), Ok(()));
    }

    #[test]
    fn a_flow_without_codes_accepts_nothing() {
        let p = CodePolicy::default();
        assert_eq!(
            p.check(SALT, &[], 0, "123456", T0),
            CodeCheck::Wrong { attempts_left: 4 }
        );
    }

    proptest! {
        #[test]
        fn never_more_than_max_failures_wrong_answers(guesses in proptest::collection::vec(0u32..1_000_000, 1..20)) {
            let p = CodePolicy::default();
            let c = codes(&p, &[("123456", 0)]);
            let mut failures = 0;
            let mut wrong_answers = 0;
            for g in guesses {
                match p.check(SALT, &c, failures, &format!("{g:06}"), T0) {
                    CodeCheck::Wrong { .. } => { failures += 1; wrong_answers += 1; }
                    CodeCheck::Exhausted => {}
                    CodeCheck::Accepted => prop_assert_eq!(g, 123456),
                    CodeCheck::Expired => prop_assert!(false),
                }
            }
            prop_assert!(wrong_answers <= 5);
        }
    }
}
