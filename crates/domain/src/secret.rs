//! Random secrets from the OS CSPRNG and the one-way forms the store keeps of them.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    // The OS random source failing is not something a request can recover from.
    getrandom::fill(&mut buf).expect("the operating system's random source failed");
    buf
}

/// A 256-bit opaque token, URL-safe (session, reset, unlock and device tokens).
pub fn new_token() -> String {
    URL_SAFE_NO_PAD.encode(random_bytes::<32>())
}

/// What the store keeps of a token: its SHA-256, hex. A token has 256 bits of entropy,
/// so an unsalted fast hash is enough; a database leak gives no usable token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A 6-digit code, uniform over 000000..=999999 (rejection sampling, no modulo bias).
pub fn new_code() -> String {
    const LIMIT: u32 = u32::MAX - (u32::MAX % 1_000_000);
    loop {
        let n = u32::from_le_bytes(random_bytes::<4>());
        if n < LIMIT {
            return format!("{:06}", n % 1_000_000);
        }
    }
}

/// What the store keeps of a code: SHA-256 over the flow id and the code, so equal codes
/// in different flows do not share a hash. A 6-digit code can be brute-forced offline from
/// its hash; what protects it is that it lives 15 minutes and allows 5 wrong tries.
pub fn code_hash(flow_salt: &[u8], code: &str) -> String {
    let mut h = Sha256::new();
    h.update(flow_salt);
    h.update(b":");
    h.update(code.as_bytes());
    hex::encode(h.finalize())
}

/// Compares two digests without leaking where they differ.
pub fn digests_equal(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_and_distinct() {
        let a = new_token();
        assert_eq!(a.len(), 43);
        assert_ne!(a, new_token());
        assert_eq!(token_hash(&a).len(), 64);
    }

    #[test]
    fn codes_are_six_digits() {
        for _ in 0..1000 {
            let c = new_code();
            assert_eq!(c.len(), 6);
            assert!(c.chars().all(|c| c.is_ascii_digit()));
        }
    }

    #[test]
    fn code_hash_depends_on_flow() {
        assert_ne!(code_hash(b"a", "123456"), code_hash(b"b", "123456"));
        assert!(digests_equal(&code_hash(b"a", "1"), &code_hash(b"a", "1")));
    }
}
