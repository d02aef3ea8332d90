//! The legacy password hashes an import brings, as their reference libraries wrote them
//! (`tests/fixtures/legacy_hashes.json`, from `tests/vectors/legacy_hashes.py`): each
//! verifies with its password through the hashing pool, asks to be rehashed, and refuses
//! a wrong password.

use latchkey_domain::Password;
use latchkey_flows::kernel::hashing::Verdict;
use latchkey_flows::kernel::legacy_hashes::{is_supported_hash, password_scheme};
use latchkey_flows::{HashParams, Hasher};

const FIXTURE: &str = include_str!("../fixtures/legacy_hashes.json");

fn vectors() -> Vec<serde_json::Value> {
    let doc: serde_json::Value = serde_json::from_str(FIXTURE).expect("fixture is JSON");
    doc["vectors"].as_array().expect("vectors").clone()
}

#[tokio::test]
async fn every_reference_vector_verifies_and_a_wrong_password_does_not() {
    let hasher = Hasher::new(
        HashParams {
            m_cost_kib: 1024,
            t_cost: 1,
            p_cost: 1,
        },
        2,
        64,
    )
    .expect("hasher");
    let vectors = vectors();
    let schemes: std::collections::BTreeSet<&str> = vectors
        .iter()
        .filter_map(|v| v["scheme"].as_str())
        .collect();
    for scheme in [
        "argon2id",
        "argon2i",
        "argon2d",
        "bcrypt",
        "django_pbkdf2_sha256",
        "phpass",
        "wordpress_bcrypt",
        "scrypt",
    ] {
        assert!(
            schemes.contains(scheme),
            "the fixture has no {scheme} vector"
        );
    }
    for v in &vectors {
        let (scheme, hash) = (v["scheme"].as_str().unwrap(), v["hash"].as_str().unwrap());
        let note = v["note"].as_str().unwrap();
        assert_eq!(password_scheme(hash), scheme, "{note}");
        assert!(is_supported_hash(hash), "{note}");
        let right = Password::new(v["password"].as_str().unwrap());
        let wrong = Password::new(v["wrong"].as_str().unwrap());
        assert_eq!(
            hasher.verify(&right, hash).await.unwrap(),
            Verdict::Match { needs_rehash: true },
            "{note}"
        );
        assert_eq!(
            hasher.verify(&wrong, hash).await.unwrap(),
            Verdict::Mismatch,
            "{note}"
        );
    }
}

#[tokio::test]
async fn a_tampered_hash_does_not_verify() {
    let hasher = Hasher::new(HashParams::default(), 1, 64).expect("hasher");
    for v in vectors() {
        let hash = v["hash"].as_str().unwrap();
        // Flip the last character of the checksum (keeping the alphabet).
        let mut tampered = hash.to_owned();
        let last = tampered.pop().unwrap();
        let last = if last == '=' {
            let before = tampered.pop().unwrap();
            tampered.push(if before == 'A' { 'B' } else { 'A' });
            '='
        } else if last == 'A' {
            'B'
        } else {
            'A'
        };
        tampered.push(last);
        let right = Password::new(v["password"].as_str().unwrap());
        assert_eq!(
            hasher.verify(&right, &tampered).await.unwrap(),
            Verdict::Mismatch,
            "{}",
            v["note"]
        );
    }
}
