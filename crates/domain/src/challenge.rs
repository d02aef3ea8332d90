//! The proof-of-work challenge (PRODUCT R6): stateless, signed, expiring.
//!
//! The server hands out `{algorithm: "sha256", salt, difficulty, expires_at, signature}`
//! where `signature = HMAC-SHA256(secret, "latchkey-challenge-v1|salt|difficulty|expires_at")`
//! (base64url, no padding). The client finds a decimal `nonce` such that
//! `SHA-256("<salt>:<nonce>")` starts with `difficulty` zero bits, and resends the request
//! with the header
//!
//! ```text
//! Latchkey-Challenge: <salt>:<difficulty>:<expires_at>:<signature>:<nonce>
//! ```
//!
//! (`expires_at` in Unix seconds). Nothing is stored when a challenge is issued; the
//! signature proves it is ours. Single use is the caller's part: it remembers a solved
//! salt until the challenge expires (see the `limits` crate).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

type HmacSha256 = Hmac<Sha256>;

/// What the API shows under `"challenge"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Challenge {
    pub algorithm: &'static str,
    pub salt: String,
    /// Leading zero bits the hash must have.
    pub difficulty: u8,
    /// Unix seconds.
    pub expires_at: i64,
    pub signature: String,
}

impl Challenge {
    /// The header value prefix: everything but the nonce.
    pub fn token(&self) -> String {
        format!(
            "{}:{}:{}:{}",
            self.salt, self.difficulty, self.expires_at, self.signature
        )
    }
}

/// A solution as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    pub salt: String,
    pub difficulty: u8,
    pub expires_at: i64,
    pub signature: String,
    pub nonce: String,
}

impl Solution {
    /// Parses the `Latchkey-Challenge` header; `None` when malformed.
    pub fn parse(header: &str) -> Option<Self> {
        let mut parts = header.trim().split(':');
        let s = Solution {
            salt: parts.next()?.to_owned(),
            difficulty: parts.next()?.parse().ok()?,
            expires_at: parts.next()?.parse().ok()?,
            signature: parts.next()?.to_owned(),
            nonce: parts.next()?.to_owned(),
        };
        let plausible = parts.next().is_none()
            && (8..=64).contains(&s.salt.len())
            && s.signature.len() <= 64
            && !s.nonce.is_empty()
            && s.nonce.len() <= 20
            && s.nonce.bytes().all(|b| b.is_ascii_digit());
        plausible.then_some(s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Solved,
    /// Bad signature, wrong work, or below the difficulty now asked for.
    Invalid,
    Expired,
}

/// Issues and checks challenges with one server secret.
#[derive(Clone)]
pub struct ChallengeKey {
    key: Vec<u8>,
}

impl std::fmt::Debug for ChallengeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ChallengeKey(..)")
    }
}

impl ChallengeKey {
    pub fn new(secret: &[u8]) -> Self {
        // A sub-key, so the challenge MAC can never be confused with another use of the
        // same server secret (device tokens).
        Self {
            key: derive(secret, b"latchkey challenge key v1"),
        }
    }

    fn sign(&self, salt: &str, difficulty: u8, expires_at: i64) -> String {
        let mut mac = mac(&self.key);
        mac.update(format!("latchkey-challenge-v1|{salt}|{difficulty}|{expires_at}").as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    pub fn issue(&self, difficulty: u8, now: OffsetDateTime, ttl: Duration) -> Challenge {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).expect("the operating system's random source failed");
        let salt = URL_SAFE_NO_PAD.encode(salt);
        let expires_at = (now + ttl).unix_timestamp();
        Challenge {
            algorithm: "sha256",
            signature: self.sign(&salt, difficulty, expires_at),
            salt,
            difficulty,
            expires_at,
        }
    }

    /// Checks a solution against the difficulty asked for now (a solution to an easier
    /// challenge issued earlier does not count).
    pub fn verify(&self, s: &Solution, min_difficulty: u8, now: OffsetDateTime) -> Verdict {
        let expected = self.sign(&s.salt, s.difficulty, s.expires_at);
        if !crate::secret::digests_equal(&expected, &s.signature) || s.difficulty < min_difficulty {
            return Verdict::Invalid;
        }
        if now.unix_timestamp() >= s.expires_at {
            return Verdict::Expired;
        }
        if leading_zero_bits(&work(&s.salt, &s.nonce)) < u32::from(s.difficulty) {
            return Verdict::Invalid;
        }
        Verdict::Solved
    }
}

fn mac(key: &[u8]) -> HmacSha256 {
    // HMAC takes keys of any length; this cannot fail.
    <HmacSha256 as Mac>::new_from_slice(key).expect("HMAC accepts any key length")
}

/// HMAC-SHA256(secret, label): a purpose-bound sub-key.
pub fn derive(secret: &[u8], label: &[u8]) -> Vec<u8> {
    let mut m = mac(secret);
    m.update(label);
    m.finalize().into_bytes().to_vec()
}

/// HMAC-SHA256 of `message` under `key`.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut m = mac(key);
    m.update(message);
    m.finalize().into_bytes().into()
}

fn work(salt: &str, nonce: &str) -> [u8; 32] {
    Sha256::digest(format!("{salt}:{nonce}").as_bytes()).into()
}

pub fn leading_zero_bits(hash: &[u8]) -> u32 {
    let mut n = 0;
    for b in hash {
        if *b == 0 {
            n += 8;
        } else {
            return n + b.leading_zeros();
        }
    }
    n
}

/// Finds a nonce by brute force: what a client does (tests, native apps in Rust).
pub fn solve(challenge: &Challenge) -> String {
    (0u64..)
        .map(|n| n.to_string())
        .find(|n| leading_zero_bits(&work(&challenge.salt, n)) >= u32::from(challenge.difficulty))
        .unwrap_or_default()
}

/// The full header value for a solved challenge.
pub fn solution_header(challenge: &Challenge) -> String {
    format!("{}:{}", challenge.token(), solve(challenge))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap()
    }

    #[test]
    fn a_solved_challenge_verifies_once_signed_and_fresh() {
        let key = ChallengeKey::new(b"server secret");
        let c = key.issue(8, now(), Duration::minutes(5));
        let header = solution_header(&c);
        let s = Solution::parse(&header).unwrap();
        assert_eq!(key.verify(&s, 8, now()), Verdict::Solved);
        assert_eq!(key.verify(&s, 9, now()), Verdict::Invalid, "too easy now");
        assert_eq!(
            key.verify(&s, 8, now() + Duration::minutes(5)),
            Verdict::Expired
        );
        let other = ChallengeKey::new(b"another secret");
        assert_eq!(other.verify(&s, 8, now()), Verdict::Invalid);
    }

    #[test]
    fn tampering_and_wrong_work_fail() {
        let key = ChallengeKey::new(b"k");
        let c = key.issue(12, now(), Duration::minutes(5));
        let mut s = Solution::parse(&solution_header(&c)).unwrap();
        s.difficulty = 1;
        assert_eq!(
            key.verify(&s, 1, now()),
            Verdict::Invalid,
            "lowered difficulty"
        );
        let mut s = Solution::parse(&solution_header(&c)).unwrap();
        s.expires_at += 3600;
        assert_eq!(
            key.verify(&s, 12, now()),
            Verdict::Invalid,
            "extended expiry"
        );
        // A nonce that does not do the work (overwhelmingly likely for 12 bits).
        let bad = (0u64..)
            .map(|n| n.to_string())
            .find(|n| leading_zero_bits(&work(&c.salt, n)) < 12)
            .unwrap();
        let s = Solution::parse(&format!("{}:{bad}", c.token())).unwrap();
        assert_eq!(key.verify(&s, 12, now()), Verdict::Invalid);
    }

    #[test]
    fn malformed_headers_are_refused() {
        for h in [
            "",
            "a:b",
            "salt1234:8:1:sig:12x",
            "salt1234:300:1:sig:1",
            "s:8:1:sig:1",
        ] {
            assert!(Solution::parse(h).is_none(), "{h}");
        }
    }

    #[test]
    fn zero_bits_are_counted_from_the_left() {
        assert_eq!(leading_zero_bits(&[0, 0x80]), 8);
        assert_eq!(leading_zero_bits(&[0, 0x0f]), 12);
        assert_eq!(leading_zero_bits(&[0xff]), 0);
    }
}
