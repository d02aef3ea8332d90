//! Recovery codes: ten one-time codes an owner keeps on paper for the day the phone is
//! lost. Each carries 80 random bits (NIST SP 800-63B asks at least 64 for a look-up
//! secret), written as four groups of four characters of Crockford's base32 so that
//! reading it back forgives case, dashes, spaces and the usual look-alikes (`O`/`0`,
//! `I`/`L`/`1`).

use sha2::{Digest, Sha256};

/// How many codes a set holds.
pub const COUNT: usize = 10;
/// Random bits per code.
pub const BITS: usize = 80;
/// The number of unused codes at which the owner is warned to make new ones.
pub const WARN_AT: u32 = 2;

const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// A fresh set of [`COUNT`] codes, as shown to the owner once (`xxxx-xxxx-xxxx-xxxx`).
pub fn generate() -> Vec<String> {
    (0..COUNT).map(|_| one()).collect()
}

fn one() -> String {
    let mut bytes = [0u8; BITS / 8];
    getrandom::fill(&mut bytes).expect("the operating system's random source failed");
    // 80 bits are exactly 16 base32 characters.
    let mut bits: u128 = 0;
    for b in bytes {
        bits = (bits << 8) | u128::from(b);
    }
    let chars: Vec<u8> = (0..16)
        .rev()
        .map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize])
        .collect();
    chars
        .chunks(4)
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("-")
}

/// The code as typed, in the one form it is hashed in: `None` when it cannot be a
/// recovery code (wrong length, a character outside the alphabet).
pub fn normalize(typed: &str) -> Option<String> {
    let mut out = String::with_capacity(16);
    for c in typed.chars() {
        let c = match c.to_ascii_lowercase() {
            ' ' | '-' | '\u{2010}'..='\u{2015}' | '\t' => continue,
            'o' => '0',
            'i' | 'l' => '1',
            c if c.is_ascii() && ALPHABET.contains(&(c as u8)) => c,
            _ => return None,
        };
        out.push(c);
    }
    (out.len() == 16).then_some(out)
}

/// What the store keeps of a code: SHA-256 over the account's id and the normalised
/// code. 80 random bits cannot be searched offline, so a fast hash is enough; the salt
/// keeps equal codes of two accounts apart.
pub fn digest(account_salt: &[u8], normalized: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"recovery-code:");
    h.update(account_salt);
    h.update(b":");
    h.update(normalized.as_bytes());
    hex::encode(h.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_is_ten_distinct_codes_of_eighty_bits() {
        let codes = generate();
        assert_eq!(codes.len(), COUNT);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), COUNT);
        for c in &codes {
            assert_eq!(c.len(), 19, "{c}");
            assert_eq!(c.matches('-').count(), 3);
            // 16 characters of a 32-letter alphabet: 16 × 5 = 80 bits.
            assert_eq!(normalize(c).unwrap().len() * 5, BITS);
        }
    }

    #[test]
    fn typing_forgives_case_separators_and_look_alikes() {
        assert_eq!(
            normalize("ABCD-EFGH-JKMN-PQRS").as_deref(),
            Some("abcdefghjkmnpqrs")
        );
        assert_eq!(
            normalize(" o0il 1234 5678 9abc ").as_deref(),
            Some("0011123456789abc")
        );
        assert_eq!(normalize("abcd-efgh-jkmn-pqr"), None);
        assert_eq!(normalize("abcd-efgh-jkmn-pqrsu"), None);
        assert_eq!(normalize("abcd-efgh-jkmn-pqr!"), None);
        assert_eq!(normalize("abcd-efgh-jkmn-pqrя"), None);
    }

    #[test]
    fn digests_depend_on_the_account() {
        let n = normalize(&generate()[0]).unwrap();
        assert_eq!(digest(b"a", &n), digest(b"a", &n));
        assert_ne!(digest(b"a", &n), digest(b"b", &n));
    }
}
