//! Sign in with Apple: an OpenID provider with three quirks (Apple's "Sign in with Apple
//! REST API" and "Generate and validate tokens" documents).
//!
//! - The client secret is not a fixed string but an ES256 JWT signed with the team's
//!   private key ([`client_secret`]); a fresh one per token request.
//! - The callback arrives as a `form_post` (with scopes, Apple allows nothing else).
//! - The person's name is never in the ID token, and there is no userinfo endpoint: it
//!   comes once, on the first sign-in, in the callback's `user` field
//!   ([`name_from_user_field`]).
//!
//! Apple's booleans in the ID token may be strings (`"email_verified": "true"`,
//! `"is_private_email": "true"`); openidconnect's `accept-string-booleans` reads the
//! first, [`AppleClaims`] the second.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use p256::ecdsa::signature::Signer as _;
use p256::ecdsa::{Signature, SigningKey};
use p256::pkcs8::DecodePrivateKey as _;
use serde::{Deserialize, Deserializer, Serialize};
use time::OffsetDateTime;

/// Apple's issuer.
pub const ISSUER: &str = "https://appleid.apple.com";

/// The client secret's audience, as Apple's docs require.
pub const CLIENT_SECRET_AUDIENCE: &str = "https://appleid.apple.com";

/// How long a client secret lives (Apple allows up to six months; one token request
/// needs minutes).
pub const CLIENT_SECRET_LIFETIME: time::Duration = time::Duration::minutes(5);

/// The client-secret JWT of Apple's "Creating a client secret": header
/// `{"alg":"ES256","kid":key_id}`, claims `iss` (the team id), `iat`, `exp`, `aud`
/// (`https://appleid.apple.com`) and `sub` (the Services ID, our client id).
pub fn client_secret(
    team_id: &str,
    client_id: &str,
    key_id: &str,
    key: &SigningKey,
    now: OffsetDateTime,
) -> String {
    let header = serde_json::json!({ "alg": "ES256", "kid": key_id });
    let iat = now.unix_timestamp();
    let claims = serde_json::json!({
        "iss": team_id,
        "iat": iat,
        "exp": iat + CLIENT_SECRET_LIFETIME.whole_seconds(),
        "aud": CLIENT_SECRET_AUDIENCE,
        "sub": client_id,
    });
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    // JWS's ES256 signature is the fixed-size r‖s, which is p256's `Signature` bytes.
    let signature: Signature = key.sign(input.as_bytes());
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes()))
}

/// The `.p8` key Apple gives (PKCS#8 PEM, `-----BEGIN PRIVATE KEY-----`).
pub fn parse_private_key(pem: &str) -> Result<SigningKey, String> {
    SigningKey::from_pkcs8_pem(pem.trim()).map_err(|e| format!("Apple private key: {e}"))
}

/// The name in the callback's `user` field, which Apple sends on the first sign-in only:
/// `{"name":{"firstName":"…","lastName":"…"},"email":"…"}`. None when absent or not
/// that shape.
pub fn name_from_user_field(user: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct User {
        name: Option<Name>,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Name {
        first_name: Option<String>,
        last_name: Option<String>,
    }
    let name = serde_json::from_str::<User>(user).ok()?.name?;
    let full = [name.first_name, name.last_name]
        .into_iter()
        .flatten()
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!full.is_empty()).then_some(full)
}

/// Apple's claims beyond the standard ones.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppleClaims {
    /// The email is a private-relay address (`…@privaterelay.appleid.com`).
    #[serde(default, deserialize_with = "string_or_bool")]
    pub is_private_email: Option<bool>,
}

impl openidconnect::AdditionalClaims for AppleClaims {}

/// `true`, `false`, `"true"` or `"false"`.
fn string_or_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum B {
        Bool(bool),
        Str(String),
    }
    Ok(match Option::<B>::deserialize(d)? {
        None => None,
        Some(B::Bool(b)) => Some(b),
        Some(B::Str(s)) => match s.as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => return Err(serde::de::Error::custom("expected a boolean")),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use p256::ecdsa::VerifyingKey;
    use p256::ecdsa::signature::Verifier as _;

    /// A throwaway P-256 key in the `.p8` form Apple hands out (PKCS#8 PEM).
    fn key() -> SigningKey {
        use p256::pkcs8::EncodePrivateKey as _;
        let key = SigningKey::from_slice(&[7u8; 32]).unwrap();
        let pem = key.to_pkcs8_pem(p256::pkcs8::LineEnding::LF).unwrap();
        parse_private_key(&pem).unwrap()
    }

    fn split(jwt: &str) -> (serde_json::Value, serde_json::Value, String, Vec<u8>) {
        let parts: Vec<&str> = jwt.split('.').collect();
        assert_eq!(parts.len(), 3);
        let json = |p: &str| serde_json::from_slice(&URL_SAFE_NO_PAD.decode(p).unwrap()).unwrap();
        (
            json(parts[0]),
            json(parts[1]),
            format!("{}.{}", parts[0], parts[1]),
            URL_SAFE_NO_PAD.decode(parts[2]).unwrap(),
        )
    }

    fn verifies(jwt: &str, key: &VerifyingKey) -> bool {
        let (_, _, input, sig) = split(jwt);
        let Ok(sig) = Signature::from_slice(&sig) else {
            return false;
        };
        key.verify(input.as_bytes(), &sig).is_ok()
    }

    #[test]
    fn the_client_secret_is_an_es256_jwt_with_apples_claims() {
        let key = key();
        let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
        let jwt = client_secret("TEAM123456", "com.example.web", "KEY1234567", &key, now);
        let (header, claims, _, _) = split(&jwt);
        assert_eq!(
            header,
            serde_json::json!({ "alg": "ES256", "kid": "KEY1234567" })
        );
        assert_eq!(
            claims,
            serde_json::json!({
                "iss": "TEAM123456",
                "iat": 1_800_000_000,
                "exp": 1_800_000_300,
                "aud": "https://appleid.apple.com",
                "sub": "com.example.web",
            })
        );
        assert!(verifies(&jwt, key.verifying_key()));
        // Another key does not verify it.
        let other = SigningKey::from_slice(&[9u8; 32]).unwrap();
        assert!(!verifies(&jwt, other.verifying_key()));
    }

    #[test]
    fn a_tampered_client_secret_fails() {
        let key = key();
        let jwt = client_secret(
            "TEAM",
            "com.example.web",
            "KID",
            &key,
            OffsetDateTime::now_utc(),
        );
        let (_, _, _, sig) = split(&jwt);
        let forged_claims = URL_SAFE_NO_PAD.encode(
            serde_json::json!({ "iss": "TEAM", "sub": "com.evil", "aud": CLIENT_SECRET_AUDIENCE })
                .to_string(),
        );
        let header = jwt.split('.').next().unwrap();
        let forged = format!("{header}.{forged_claims}.{}", URL_SAFE_NO_PAD.encode(&sig));
        assert!(!verifies(&forged, key.verifying_key()));
    }

    #[test]
    fn a_key_that_is_not_pkcs8_pem_is_refused() {
        assert!(
            parse_private_key("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")
                .is_err()
        );
        assert!(parse_private_key("not a key").is_err());
    }

    /// The `user` field as Apple's "Sign in with Apple JS" / REST docs show it:
    /// `{ "name": { "firstName": string, "lastName": string }, "email": string }`.
    #[test]
    fn the_user_field_gives_the_name_and_garbage_gives_none() {
        let user = r#"{"name":{"firstName":"Jane","lastName":"Appleseed"},"email":"jane@privaterelay.appleid.com"}"#;
        assert_eq!(
            name_from_user_field(user).as_deref(),
            Some("Jane Appleseed")
        );
        assert_eq!(
            name_from_user_field(r#"{"name":{"firstName":"Jane"}}"#).as_deref(),
            Some("Jane")
        );
        assert_eq!(name_from_user_field(r#"{"email":"a@b.c"}"#), None);
        assert_eq!(name_from_user_field(r#"{"name":{"firstName":" "}}"#), None);
        assert_eq!(name_from_user_field("garbage"), None);
        assert_eq!(name_from_user_field(""), None);
    }

    /// An ID token's claims in the shape of Apple's "Authenticating users with Sign in
    /// with Apple" (`iss`, `aud`, `exp`, `iat`, `sub`, `nonce`, `email`, and the string
    /// booleans `email_verified`, `is_private_email`).
    #[test]
    fn apples_string_booleans_parse_for_a_private_relay_address() {
        let claims = serde_json::json!({
            "iss": "https://appleid.apple.com",
            "aud": "com.example.web",
            "exp": 1_800_000_600,
            "iat": 1_800_000_000,
            "sub": "001234.abcdef0123456789abcdef0123456789.0123",
            "nonce": "n-0S6_WzA2Mj",
            "c_hash": "abc",
            "email": "abcd1234@privaterelay.appleid.com",
            "email_verified": "true",
            "is_private_email": "true",
            "auth_time": 1_800_000_000,
            "nonce_supported": true,
        });
        let parsed: openidconnect::IdTokenClaims<
            AppleClaims,
            openidconnect::core::CoreGenderClaim,
        > = serde_json::from_value(claims).unwrap();
        assert_eq!(parsed.email_verified(), Some(true));
        assert_eq!(parsed.additional_claims().is_private_email, Some(true));
        assert_eq!(
            parsed.email().map(|e| e.as_str()),
            Some("abcd1234@privaterelay.appleid.com")
        );
        let unverified: openidconnect::IdTokenClaims<
            AppleClaims,
            openidconnect::core::CoreGenderClaim,
        > = serde_json::from_value(serde_json::json!({
            "iss": ISSUER, "aud": "x", "exp": 2, "iat": 1, "sub": "s",
            "email_verified": "false", "is_private_email": false,
        }))
        .unwrap();
        assert_eq!(unverified.email_verified(), Some(false));
        assert_eq!(unverified.additional_claims().is_private_email, Some(false));
    }
}
