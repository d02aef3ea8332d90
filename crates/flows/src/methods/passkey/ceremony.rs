//! WebAuthn ceremonies (passkeys) on top of webauthn-rs, seen from the rest of Latchkey as JSON
//! values and strings only.
//!
//! * Options go out as `{"publicKey": PublicKeyCredential{Creation,Request}OptionsJSON}` (WebAuthn
//!   Level 3 names, binary fields base64url without padding), ready for
//!   `PublicKeyCredential.parseCreationOptionsFromJSON` / `parseRequestOptionsFromJSON`.
//! * Credentials come in as what `PublicKeyCredential.toJSON()` returned in the browser; they are
//!   rebuilt field by field (see [`registration_json`] and [`assertion_json`]) so that extra
//!   Level 3 members (`authenticatorAttachment`, `response.publicKey`, unknown extension results,
//!   ...) never make webauthn-rs's parser fail.
//! * Ceremony state (`PasskeyRegistration`, `DiscoverableAuthentication`, `PasskeyAuthentication`)
//!   goes to the store as a `serde_json::Value` (feature `danger-allow-state-serialisation`); a
//!   stored passkey is the JSON text of webauthn-rs's `Passkey`.
//!
//! The user handle is the 16 raw bytes of the account's Uuid (webauthn-rs's choice:
//! `user.id` = `Uuid::as_bytes()`), so `identify` gets the Uuid back from `userHandle`.
//!
//! Errors on anything the browser sent are [`CeremonyError::InvalidCredential`] or
//! [`CeremonyError::NoUserVerification`]; state or stored passkeys that do not parse are
//! [`CeremonyError::State`] (they come from our own store).

use serde_json::{Map, Value, json};
use webauthn_rs::prelude::{
    DiscoverableAuthentication, Passkey, PasskeyAuthentication, PasskeyRegistration,
    PublicKeyCredential, RegisterPublicKeyCredential, Url, Uuid, Webauthn, WebauthnBuilder,
    WebauthnError,
};

/// What can go wrong in a ceremony.
#[derive(Debug, thiserror::Error)]
pub enum CeremonyError {
    /// The credential sent by the browser is malformed, does not verify, or answers another
    /// challenge, origin or credential.
    #[error("invalid credential")]
    InvalidCredential,
    /// The new credential is one the account already has (it was in `excludeCredentials`).
    #[error("already registered")]
    AlreadyRegistered,
    /// The authenticator did not verify the user (UV flag off).
    #[error("user verification missing")]
    NoUserVerification,
    /// The public URL cannot be a relying party (no domain name: an IP address, no host).
    #[error("webauthn config: {0}")]
    Config(String),
    /// Ceremony state or stored passkeys that do not parse, or options that cannot be made.
    #[error("state: {0}")]
    State(String),
}

/// A passkey just registered: what to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPasskey {
    /// Credential id, base64url without padding (as the browser's `credential.id`).
    pub credential_id: String,
    /// The serialised webauthn-rs `Passkey` (JSON text).
    pub passkey: String,
}

/// A passkey that just signed an assertion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsedPasskey {
    /// Credential id, base64url without padding.
    pub credential_id: String,
    /// The passkey's new serialised form when its stored state changed (counter, backup flags).
    pub updated: Option<String>,
    /// Whether the authenticator verified the user (always true on success: UV is required).
    pub user_verified: bool,
}

/// The relying party: one webauthn-rs instance for the public URL.
#[derive(Debug, Clone)]
pub struct Ceremonies {
    webauthn: Webauthn,
}

impl Ceremonies {
    /// RP id = host of `public_url`, the only allowed origin = its origin. `rp_name` is shown by
    /// authenticators (the host when empty).
    pub fn new(public_url: &Url, rp_name: &str) -> Result<Self, CeremonyError> {
        let rp_id = public_url.domain().ok_or_else(|| {
            CeremonyError::Config(format!(
                "{public_url}: the relying party id must be a domain name (not an IP address)"
            ))
        })?;
        let origin = public_url.origin();
        if !origin.is_tuple() {
            return Err(CeremonyError::Config(format!("{public_url}: no origin")));
        }
        let origin = Url::parse(&origin.ascii_serialization())
            .map_err(|e| CeremonyError::Config(e.to_string()))?;
        let name = if rp_name.trim().is_empty() {
            rp_id
        } else {
            rp_name
        };
        let webauthn = WebauthnBuilder::new(rp_id, &origin)
            .and_then(|b| b.rp_name(name).build())
            .map_err(|e| CeremonyError::Config(e.to_string()))?;
        Ok(Self { webauthn })
    }

    /// Creation options `{"publicKey": ...}` asking for a discoverable credential with user
    /// verification, and the state to keep. `exclude`: the account's credential ids (base64url).
    pub fn start_registration(
        &self,
        user_id: Uuid,
        user_name: &str,
        display_name: &str,
        exclude: &[String],
    ) -> Result<(Value, Value), CeremonyError> {
        let exclude = exclude
            .iter()
            .map(|id| {
                b64_decode(id).ok_or_else(|| CeremonyError::State(format!("credential id {id:?}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let display_name = if display_name.trim().is_empty() {
            user_name
        } else {
            display_name
        };
        let (ccr, reg) = self
            .webauthn
            .start_passkey_registration(
                user_id,
                user_name,
                display_name,
                (!exclude.is_empty()).then_some(exclude),
            )
            .map_err(|e| CeremonyError::State(e.to_string()))?;
        let mut options = to_value(&ccr)?;
        // start_passkey_registration asks residentKey "discouraged" / requireResidentKey false:
        // a non-discoverable credential cannot sign in without a user name (nor from autofill).
        let selection = options
            .pointer_mut("/publicKey/authenticatorSelection")
            .and_then(Value::as_object_mut)
            .ok_or_else(|| CeremonyError::State("no authenticatorSelection".into()))?;
        selection.insert("residentKey".into(), json!("required"));
        selection.insert("requireResidentKey".into(), json!(true));
        selection.insert("userVerification".into(), json!("required"));
        Ok((options, to_value(&reg)?))
    }

    /// Verifies a registration (`toJSON()` of the created credential) against its state.
    pub fn finish_registration(
        &self,
        credential: &Value,
        state: &Value,
    ) -> Result<NewPasskey, CeremonyError> {
        let reg_state: PasskeyRegistration = from_state(state)?;
        let cred: RegisterPublicKeyCredential =
            serde_json::from_value(registration_json(credential)?)
                .map_err(|_| CeremonyError::InvalidCredential)?;
        let passkey = self
            .webauthn
            .finish_passkey_registration(&cred, &reg_state)
            .map_err(|e| match e {
                WebauthnError::UserNotVerified => CeremonyError::NoUserVerification,
                WebauthnError::CredentialAlreadyExists => CeremonyError::AlreadyRegistered,
                // webauthn-rs reports a credential of excludeCredentials with this same variant
                // (as it does a wrong algorithm): tell them apart with the excluded ids.
                WebauthnError::CredentialAlteredAlgFromRequest
                    if excluded_ids(state).contains(&cred.raw_id) =>
                {
                    CeremonyError::AlreadyRegistered
                }
                _ => CeremonyError::InvalidCredential,
            })?;
        Ok(NewPasskey {
            credential_id: b64_encode(passkey.cred_id()),
            passkey: serde_json::to_string(&passkey)
                .map_err(|e| CeremonyError::State(e.to_string()))?,
        })
    }

    /// Discoverable (passwordless, conditional UI) request options
    /// `{"publicKey": ..., "mediation": "conditional"}` (userVerification "required", no
    /// allowCredentials), and the state to keep.
    pub fn start_discoverable(&self) -> Result<(Value, Value), CeremonyError> {
        let (rcr, auth) = self
            .webauthn
            .start_discoverable_authentication()
            .map_err(|e| CeremonyError::State(e.to_string()))?;
        let mut options = to_value(&rcr)?;
        if let Some(obj) = options.as_object_mut() {
            obj.insert("mediation".into(), json!("conditional"));
        }
        Ok((options, to_value(&auth)?))
    }

    /// The account (user handle) and credential id (base64url) an assertion claims, before
    /// anything is verified: use them to load that account's passkeys.
    pub fn identify(&self, credential: &Value) -> Result<(Uuid, String), CeremonyError> {
        let cred = parse_assertion(credential)?;
        let (user, id) = self
            .webauthn
            .identify_discoverable_authentication(&cred)
            .map_err(|_| CeremonyError::InvalidCredential)?;
        Ok((user, b64_encode(id)))
    }

    /// Verifies a discoverable assertion against `passkeys` (the stored passkeys of the account
    /// [`identify`](Self::identify) named). Refuses one without user verification.
    pub fn finish_discoverable(
        &self,
        credential: &Value,
        state: &Value,
        passkeys: &[String],
    ) -> Result<UsedPasskey, CeremonyError> {
        let auth: DiscoverableAuthentication = from_state(state)?;
        let passkeys = parse_passkeys(passkeys)?;
        let cred = parse_assertion(credential)?;
        // A discoverable assertion must name its account.
        self.webauthn
            .identify_discoverable_authentication(&cred)
            .map_err(|_| CeremonyError::InvalidCredential)?;
        let mut passkey = find(passkeys, &cred)?;
        let result = self
            .webauthn
            .finish_discoverable_authentication_v2(&cred, auth, &passkey)
            .map_err(verify_error)?;
        used(&mut passkey, &result)
    }

    /// Second-factor request options `{"publicKey": ...}` listing the account's passkeys in
    /// allowCredentials (userVerification "required"), and the state to keep.
    pub fn start_second_factor(
        &self,
        passkeys: &[String],
    ) -> Result<(Value, Value), CeremonyError> {
        let passkeys = parse_passkeys(passkeys)?;
        if passkeys.is_empty() {
            return Err(CeremonyError::State("the account has no passkey".into()));
        }
        let (rcr, auth) = self
            .webauthn
            .start_passkey_authentication(&passkeys)
            .map_err(|e| CeremonyError::State(e.to_string()))?;
        let mut options = to_value(&rcr)?;
        // Transports webauthn-rs could not name ("unknown") are no hint to a browser.
        if let Some(allow) = options
            .pointer_mut("/publicKey/allowCredentials")
            .and_then(Value::as_array_mut)
        {
            for descriptor in allow {
                if let Some(t) = descriptor
                    .get_mut("transports")
                    .and_then(Value::as_array_mut)
                {
                    t.retain(|t| t != "unknown" && t != "test");
                }
            }
        }
        Ok((options, to_value(&auth)?))
    }

    /// Verifies a second-factor assertion; `passkeys` are the account's current passkeys (one
    /// removed since the options were made no longer signs in).
    pub fn finish_second_factor(
        &self,
        credential: &Value,
        state: &Value,
        passkeys: &[String],
    ) -> Result<UsedPasskey, CeremonyError> {
        let auth: PasskeyAuthentication = from_state(state)?;
        let passkeys = parse_passkeys(passkeys)?;
        let cred = parse_assertion(credential)?;
        let mut passkey = find(passkeys, &cred)?;
        let result = self
            .webauthn
            .finish_passkey_authentication(&cred, &auth)
            .map_err(verify_error)?;
        used(&mut passkey, &result)
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers

fn to_value<T: serde::Serialize>(v: &T) -> Result<Value, CeremonyError> {
    serde_json::to_value(v).map_err(|e| CeremonyError::State(e.to_string()))
}

fn from_state<T: serde::de::DeserializeOwned>(state: &Value) -> Result<T, CeremonyError> {
    T::deserialize(state).map_err(|e| CeremonyError::State(e.to_string()))
}

fn parse_passkeys(passkeys: &[String]) -> Result<Vec<Passkey>, CeremonyError> {
    passkeys
        .iter()
        .map(|p| serde_json::from_str(p).map_err(|e| CeremonyError::State(e.to_string())))
        .collect()
}

fn parse_assertion(credential: &Value) -> Result<PublicKeyCredential, CeremonyError> {
    serde_json::from_value(assertion_json(credential)?)
        .map_err(|_| CeremonyError::InvalidCredential)
}

/// The passkey among `passkeys` that made the assertion.
fn find(passkeys: Vec<Passkey>, cred: &PublicKeyCredential) -> Result<Passkey, CeremonyError> {
    passkeys
        .into_iter()
        .find(|p| p.cred_id().as_slice() == cred.raw_id.as_slice())
        .ok_or(CeremonyError::InvalidCredential)
}

fn verify_error(e: WebauthnError) -> CeremonyError {
    match e {
        WebauthnError::UserNotVerified => CeremonyError::NoUserVerification,
        _ => CeremonyError::InvalidCredential,
    }
}

fn used(
    passkey: &mut Passkey,
    result: &webauthn_rs::prelude::AuthenticationResult,
) -> Result<UsedPasskey, CeremonyError> {
    if !result.user_verified() {
        return Err(CeremonyError::NoUserVerification);
    }
    let updated = match passkey.update_credential(result) {
        Some(true) => {
            Some(serde_json::to_string(passkey).map_err(|e| CeremonyError::State(e.to_string()))?)
        }
        Some(false) => None,
        None => return Err(CeremonyError::InvalidCredential),
    };
    Ok(UsedPasskey {
        credential_id: b64_encode(passkey.cred_id()),
        updated,
        user_verified: true,
    })
}

/// The credential ids a registration state excludes (its `excludeCredentials`).
fn excluded_ids(state: &Value) -> Vec<Vec<u8>> {
    state
        .pointer("/rs/exclude_credentials")
        .and_then(Value::as_array)
        .map(|ids| {
            ids.iter()
                .filter_map(Value::as_str)
                .filter_map(b64_decode)
                .collect()
        })
        .unwrap_or_default()
}

/// A required base64url string member of `obj`.
fn b64_field(obj: &Map<String, Value>, key: &str) -> Result<Value, CeremonyError> {
    match obj.get(key) {
        Some(Value::String(s)) if b64_decode(s).is_some() => Ok(Value::String(s.clone())),
        _ => Err(CeremonyError::InvalidCredential),
    }
}

type JsonObject = Map<String, Value>;

/// The common members of a `PublicKeyCredential.toJSON()`: its object, its `response`, and
/// the `rawId` (falling back to `id`) after checking `type`.
fn credential_parts(
    credential: &Value,
) -> Result<(&JsonObject, &JsonObject, Value), CeremonyError> {
    let obj = credential
        .as_object()
        .ok_or(CeremonyError::InvalidCredential)?;
    if obj.get("type").and_then(Value::as_str) != Some("public-key") {
        return Err(CeremonyError::InvalidCredential);
    }
    let raw_id = b64_field(obj, "rawId").or_else(|_| b64_field(obj, "id"))?;
    let response = obj
        .get("response")
        .and_then(Value::as_object)
        .ok_or(CeremonyError::InvalidCredential)?;
    Ok((obj, response, raw_id))
}

/// A `RegistrationResponseJSON` rebuilt with only what webauthn-rs reads, in its shape.
fn registration_json(credential: &Value) -> Result<Value, CeremonyError> {
    let (obj, response, raw_id) = credential_parts(credential)?;
    let mut resp = Map::new();
    resp.insert(
        "clientDataJSON".into(),
        b64_field(response, "clientDataJSON")?,
    );
    resp.insert(
        "attestationObject".into(),
        b64_field(response, "attestationObject")?,
    );
    // Transports are hints: keep the strings, webauthn-rs maps unknown ones to "unknown".
    if let Some(t) = response.get("transports").and_then(Value::as_array) {
        let t: Vec<Value> = t.iter().filter(|v| v.is_string()).cloned().collect();
        resp.insert("transports".into(), Value::Array(t));
    }
    // Of the client extension results, webauthn-rs uses credProps (unsigned, informative).
    let mut ext = Map::new();
    if let Some(rk) = obj
        .get("clientExtensionResults")
        .and_then(|e| e.pointer("/credProps/rk"))
        .and_then(Value::as_bool)
    {
        ext.insert("credProps".into(), json!({ "rk": rk }));
    }
    Ok(json!({
        "id": raw_id.clone(),
        "rawId": raw_id,
        "type": "public-key",
        "response": resp,
        "extensions": ext,
    }))
}

/// An `AuthenticationResponseJSON` rebuilt with only what webauthn-rs reads, in its shape.
fn assertion_json(credential: &Value) -> Result<Value, CeremonyError> {
    let (obj, response, raw_id) = credential_parts(credential)?;
    let mut resp = Map::new();
    for key in ["authenticatorData", "clientDataJSON", "signature"] {
        resp.insert(key.into(), b64_field(response, key)?);
    }
    match response.get("userHandle") {
        None | Some(Value::Null) => {}
        Some(_) => {
            resp.insert("userHandle".into(), b64_field(response, "userHandle")?);
        }
    }
    // appid is the only client extension result webauthn-rs reads; we never ask for it.
    let mut ext = Map::new();
    if let Some(appid) = obj
        .get("clientExtensionResults")
        .and_then(|e| e.get("appid"))
        .and_then(Value::as_bool)
    {
        ext.insert("appid".into(), json!(appid));
    }
    Ok(json!({
        "id": raw_id.clone(),
        "rawId": raw_id,
        "type": "public-key",
        "response": resp,
        "extensions": ext,
    }))
}

const B64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding.
fn b64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(char::from(B64URL[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// base64url, padding optional; None on anything else (standard alphabet included).
fn b64_decode(s: &str) -> Option<Vec<u8>> {
    let s = s.trim_end_matches('=');
    if s.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let v = B64URL.iter().position(|&a| a == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // Leftover bits must be zero (canonical encoding).
    (acc == 0).then_some(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure
mod tests {
    use super::*;

    const PUBLIC_URL: &str = "https://login.example.com/app/";
    const ORIGIN: &str = "https://login.example.com";

    fn ceremonies() -> Ceremonies {
        Ceremonies::new(&Url::parse(PUBLIC_URL).unwrap(), "Latchkey").unwrap()
    }

    fn is_unpadded_b64url(v: &Value) -> bool {
        v.as_str().is_some_and(|s| {
            !s.is_empty()
                && s.bytes()
                    .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
                && b64_decode(s).is_some()
        })
    }

    #[test]
    fn base64url_round_trips() {
        for len in 0..40u8 {
            let bytes: Vec<u8> = (0..len)
                .map(|i| i.wrapping_mul(97).wrapping_add(251))
                .collect();
            let s = b64_encode(&bytes);
            assert!(!s.contains('='));
            assert_eq!(b64_decode(&s).unwrap(), bytes);
        }
        assert_eq!(b64_encode(b"\xfb\xff"), "-_8");
        assert_eq!(b64_decode("-_8=").unwrap(), b"\xfb\xff");
        assert!(b64_decode("+/8").is_none());
        assert!(b64_decode("A").is_none());
        assert!(b64_decode("-_9").is_none()); // non-zero trailing bits
    }

    #[test]
    fn config_needs_a_domain() {
        let ip = Url::parse("https://127.0.0.1:8080/").unwrap();
        assert!(matches!(
            Ceremonies::new(&ip, "x"),
            Err(CeremonyError::Config(_))
        ));
        let local = Url::parse("http://localhost:3000/").unwrap();
        let (options, _) = Ceremonies::new(&local, "")
            .unwrap()
            .start_discoverable()
            .unwrap();
        assert_eq!(options["publicKey"]["rpId"], "localhost");
    }

    #[test]
    fn registration_options_shape() {
        let user = Uuid::now_v7();
        let excluded = b64_encode(&[7u8; 32]);
        let (options, state) = ceremonies()
            .start_registration(
                user,
                "claire@example.com",
                "",
                std::slice::from_ref(&excluded),
            )
            .unwrap();
        let pk = &options["publicKey"];
        assert_eq!(pk["rp"]["id"], "login.example.com");
        assert_eq!(pk["rp"]["name"], "Latchkey");
        let sel = &pk["authenticatorSelection"];
        assert_eq!(sel["residentKey"], "required");
        assert_eq!(sel["requireResidentKey"], true);
        assert_eq!(sel["userVerification"], "required");
        assert!(is_unpadded_b64url(&pk["challenge"]));
        assert!(is_unpadded_b64url(&pk["user"]["id"]));
        // The user handle is the Uuid's 16 bytes.
        assert_eq!(
            b64_decode(pk["user"]["id"].as_str().unwrap()).unwrap(),
            user.as_bytes()
        );
        assert_eq!(pk["user"]["name"], "claire@example.com");
        assert_eq!(pk["user"]["displayName"], "claire@example.com");
        assert_eq!(pk["excludeCredentials"][0]["id"], excluded.as_str());
        assert_eq!(pk["excludeCredentials"][0]["type"], "public-key");
        assert!(
            pk["pubKeyCredParams"]
                .as_array()
                .is_some_and(|p| !p.is_empty())
        );
        // State round-trips through JSON text.
        let text = serde_json::to_string(&state).unwrap();
        let back: Value = serde_json::from_str(&text).unwrap();
        let _: PasskeyRegistration = from_state(&back).unwrap();
    }

    #[test]
    fn discoverable_options_shape() {
        let (options, state) = ceremonies().start_discoverable().unwrap();
        assert_eq!(options["mediation"], "conditional");
        let pk = &options["publicKey"];
        assert_eq!(pk["rpId"], "login.example.com");
        assert_eq!(pk["userVerification"], "required");
        assert!(is_unpadded_b64url(&pk["challenge"]));
        assert_eq!(pk["allowCredentials"], json!([]));
        let back: Value = serde_json::from_str(&state.to_string()).unwrap();
        let _: DiscoverableAuthentication = from_state(&back).unwrap();
    }

    #[test]
    fn garbage_is_invalid_credential() {
        let c = ceremonies();
        let (_, reg_state) = c.start_registration(Uuid::now_v7(), "a", "A", &[]).unwrap();
        let (_, disc_state) = c.start_discoverable().unwrap();
        let garbage = [
            json!(null),
            json!("x"),
            json!([]),
            json!({}),
            json!({"type": "public-key"}),
            json!({"type": "public-key", "id": "AAAA", "rawId": "AAAA", "response": {}}),
            json!({"type": "public-key", "id": "AAAA", "rawId": "AAAA", "response": {
                "clientDataJSON": "e30", "attestationObject": "oA", "authenticatorData": "AAAA",
                "signature": "AAAA", "userHandle": "AAAA"}}),
            json!({"type": "public-key", "id": "+/+/", "rawId": "+/+/", "response": {
                "clientDataJSON": "e30", "attestationObject": "oA"}}),
            json!({"type": "other", "id": "AAAA", "rawId": "AAAA", "response": {
                "clientDataJSON": "e30", "attestationObject": "oA"}}),
        ];
        for g in &garbage {
            assert!(
                matches!(
                    c.finish_registration(g, &reg_state),
                    Err(CeremonyError::InvalidCredential)
                ),
                "{g}"
            );
            assert!(matches!(
                c.identify(g),
                Err(CeremonyError::InvalidCredential)
            ));
            assert!(matches!(
                c.finish_discoverable(g, &disc_state, &[]),
                Err(CeremonyError::InvalidCredential)
            ));
        }
        // Bad state is a State error, not a panic.
        assert!(matches!(
            c.finish_registration(&garbage[6], &json!({"rs": 1})),
            Err(CeremonyError::State(_))
        ));
        assert!(matches!(
            c.finish_discoverable(&garbage[6], &disc_state, &["{".into()]),
            Err(CeremonyError::State(_))
        ));
        assert!(matches!(
            c.start_second_factor(&[]),
            Err(CeremonyError::State(_))
        ));
    }

    /// A minimal software authenticator: one resident P-256 credential, "none" attestation,
    /// answering with what `PublicKeyCredential.toJSON()` gives in a Level 3 browser.
    mod soft {
        use super::super::{b64_decode, b64_encode};
        use p256::ecdsa::{DerSignature, SigningKey, signature::Signer};
        use serde_json::{Value, json};
        use sha2::{Digest, Sha256};

        pub struct Authenticator {
            key: SigningKey,
            pub cred_id: Vec<u8>,
            user_handle: Vec<u8>,
            pub counter: u32,
        }

        fn cbor_head(major: u8, len: usize, out: &mut Vec<u8>) {
            let major = major << 5;
            match len {
                0..=23 => out.push(major | len as u8),
                24..=255 => out.extend([major | 24, len as u8]),
                _ => {
                    out.push(major | 25);
                    out.extend((len as u16).to_be_bytes());
                }
            }
        }
        fn cbor_text(s: &str, out: &mut Vec<u8>) {
            cbor_head(3, s.len(), out);
            out.extend(s.as_bytes());
        }
        fn cbor_bytes(b: &[u8], out: &mut Vec<u8>) {
            cbor_head(2, b.len(), out);
            out.extend(b);
        }

        fn client_data(kind: &str, options: &Value, origin: &str) -> Vec<u8> {
            json!({
                "type": kind,
                "challenge": options["publicKey"]["challenge"],
                "origin": origin,
                "crossOrigin": false,
            })
            .to_string()
            .into_bytes()
        }

        fn flags(uv: bool, attested: bool) -> u8 {
            0x01 | if uv { 0x04 } else { 0 } | if attested { 0x40 } else { 0 }
        }

        impl Authenticator {
            pub fn new(seed: u8) -> Self {
                Authenticator {
                    key: SigningKey::from_slice(&[seed; 32]).unwrap(),
                    cred_id: (0..16).map(|i| seed ^ i).collect(),
                    user_handle: Vec::new(),
                    counter: 0,
                }
            }

            fn cose_key(&self) -> Vec<u8> {
                let point = self.key.verifying_key().to_encoded_point(false);
                let xy = &point.as_bytes()[1..];
                let mut k = vec![0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21];
                cbor_bytes(&xy[..32], &mut k);
                k.push(0x22);
                cbor_bytes(&xy[32..], &mut k);
                k
            }

            /// navigator.credentials.create() then toJSON().
            pub fn create(&mut self, options: &Value, origin: &str, uv: bool) -> Value {
                let pk = &options["publicKey"];
                self.user_handle = b64_decode(pk["user"]["id"].as_str().unwrap()).unwrap();
                let cdj = client_data("webauthn.create", options, origin);
                let mut auth_data = Sha256::digest(pk["rp"]["id"].as_str().unwrap()).to_vec();
                auth_data.push(flags(uv, true));
                auth_data.extend(self.counter.to_be_bytes());
                auth_data.extend([0u8; 16]); // aaguid
                auth_data.extend((self.cred_id.len() as u16).to_be_bytes());
                auth_data.extend(&self.cred_id);
                auth_data.extend(self.cose_key());
                let mut att = vec![0xa3];
                cbor_text("fmt", &mut att);
                cbor_text("none", &mut att);
                cbor_text("attStmt", &mut att);
                att.push(0xa0);
                cbor_text("authData", &mut att);
                cbor_bytes(&auth_data, &mut att);
                let id = b64_encode(&self.cred_id);
                json!({
                    "id": id,
                    "rawId": id,
                    "type": "public-key",
                    "authenticatorAttachment": "platform",
                    "response": {
                        "clientDataJSON": b64_encode(&cdj),
                        "authenticatorData": b64_encode(&auth_data),
                        "transports": ["hybrid", "internal", "smart-card"],
                        "publicKey": "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE",
                        "publicKeyAlgorithm": -7,
                        "attestationObject": b64_encode(&att),
                    },
                    "clientExtensionResults": {"credProps": {"rk": true}, "prf": {"enabled": false}},
                })
            }

            /// navigator.credentials.get() then toJSON().
            pub fn get(&mut self, options: &Value, origin: &str, uv: bool) -> Value {
                self.counter += 1;
                let cdj = client_data("webauthn.get", options, origin);
                let rp_id = options["publicKey"]["rpId"].as_str().unwrap();
                let mut auth_data = Sha256::digest(rp_id).to_vec();
                auth_data.push(flags(uv, false));
                auth_data.extend(self.counter.to_be_bytes());
                let mut signed = auth_data.clone();
                signed.extend(Sha256::digest(&cdj));
                let sig: DerSignature = self.key.sign(&signed);
                let id = b64_encode(&self.cred_id);
                json!({
                    "id": id,
                    "rawId": id,
                    "type": "public-key",
                    "authenticatorAttachment": "platform",
                    "response": {
                        "clientDataJSON": b64_encode(&cdj),
                        "authenticatorData": b64_encode(&auth_data),
                        "signature": b64_encode(sig.as_bytes()),
                        "userHandle": b64_encode(&self.user_handle),
                    },
                    "clientExtensionResults": {},
                })
            }
        }
    }

    /// Keeps a state the way the store would: as JSON text.
    fn stored(state: Value) -> Value {
        serde_json::from_str(&serde_json::to_string(&state).unwrap()).unwrap()
    }

    #[test]
    fn full_ceremony_with_a_software_authenticator() {
        let c = ceremonies();
        let user = Uuid::now_v7();
        let mut authn = soft::Authenticator::new(42);

        // Registration without user verification is refused.
        let (options, state) = c.start_registration(user, "claire", "Claire", &[]).unwrap();
        let cred = authn.create(&options, ORIGIN, false);
        assert!(matches!(
            c.finish_registration(&cred, &stored(state)),
            Err(CeremonyError::NoUserVerification)
        ));

        // Registration from another origin is refused.
        let (options, state) = c.start_registration(user, "claire", "Claire", &[]).unwrap();
        let cred = authn.create(&options, "https://evil.example.com", true);
        assert!(matches!(
            c.finish_registration(&cred, &stored(state)),
            Err(CeremonyError::InvalidCredential)
        ));

        // Registration.
        let (options, state) = c.start_registration(user, "claire", "Claire", &[]).unwrap();
        let cred = authn.create(&options, ORIGIN, true);
        let new = c
            .finish_registration(&cred, &stored(state.clone()))
            .unwrap();
        assert_eq!(new.credential_id, b64_encode(&authn.cred_id));
        let mut passkey = new.passkey.clone();
        // The same response cannot be replayed against a fresh challenge.
        let (_, other_state) = c.start_registration(user, "claire", "Claire", &[]).unwrap();
        assert!(matches!(
            c.finish_registration(&cred, &stored(other_state)),
            Err(CeremonyError::InvalidCredential)
        ));

        // Registering the same authenticator again while it is excluded.
        let (options, state) = c
            .start_registration(
                user,
                "claire",
                "Claire",
                std::slice::from_ref(&new.credential_id),
            )
            .unwrap();
        let again = authn.create(&options, ORIGIN, true);
        assert!(matches!(
            c.finish_registration(&again, &stored(state)),
            Err(CeremonyError::AlreadyRegistered)
        ));

        // Discoverable sign-in.
        let (options, state) = c.start_discoverable().unwrap();
        let assertion = authn.get(&options, ORIGIN, true);
        let (who, cred_id) = c.identify(&assertion).unwrap();
        assert_eq!(who, user);
        assert_eq!(cred_id, new.credential_id);
        let state = stored(state);
        let used = c
            .finish_discoverable(&assertion, &state, std::slice::from_ref(&passkey))
            .unwrap();
        assert_eq!(used.credential_id, new.credential_id);
        assert!(used.user_verified);
        // The counter went from 0 to 1: the stored passkey changes.
        passkey = used.updated.expect("counter changed");
        // Replaying the assertion (same challenge, same counter) fails.
        assert!(matches!(
            c.finish_discoverable(&assertion, &state, std::slice::from_ref(&passkey)),
            Err(CeremonyError::InvalidCredential)
        ));
        // Another account's passkeys do not verify it.
        let (options, state) = c.start_discoverable().unwrap();
        let assertion = authn.get(&options, ORIGIN, true);
        let stranger = {
            let mut other = soft::Authenticator::new(7);
            let (o, s) = c
                .start_registration(Uuid::now_v7(), "bob", "Bob", &[])
                .unwrap();
            let cr = other.create(&o, ORIGIN, true);
            c.finish_registration(&cr, &stored(s)).unwrap().passkey
        };
        assert!(matches!(
            c.finish_discoverable(&assertion, &stored(state), &[stranger]),
            Err(CeremonyError::InvalidCredential)
        ));

        // Without user verification: refused.
        let (options, state) = c.start_discoverable().unwrap();
        let assertion = authn.get(&options, ORIGIN, false);
        assert!(matches!(
            c.finish_discoverable(&assertion, &stored(state), std::slice::from_ref(&passkey)),
            Err(CeremonyError::NoUserVerification)
        ));

        // Second factor: allowCredentials lists the passkey.
        let (options, state) = c
            .start_second_factor(std::slice::from_ref(&passkey))
            .unwrap();
        let pk = &options["publicKey"];
        assert_eq!(pk["userVerification"], "required");
        assert_eq!(pk["allowCredentials"][0]["id"], new.credential_id.as_str());
        // webauthn-rs keeps transports only with packed/tpm attestation: none here.
        assert!(pk["allowCredentials"][0].get("transports").is_none());
        assert!(is_unpadded_b64url(&pk["challenge"]));
        assert!(options.get("mediation").is_none());
        let assertion = authn.get(&options, ORIGIN, true);
        let state = stored(state);
        let used = c
            .finish_second_factor(&assertion, &state, std::slice::from_ref(&passkey))
            .unwrap();
        assert_eq!(used.credential_id, new.credential_id);
        passkey = used.updated.expect("counter changed");
        // A passkey removed since the options were made no longer counts.
        let assertion = authn.get(&options, ORIGIN, true);
        assert!(matches!(
            c.finish_second_factor(&assertion, &state, &[]),
            Err(CeremonyError::InvalidCredential)
        ));
        // Second factor without user verification: refused.
        let (options, state) = c
            .start_second_factor(std::slice::from_ref(&passkey))
            .unwrap();
        let assertion = authn.get(&options, ORIGIN, false);
        assert!(matches!(
            c.finish_second_factor(&assertion, &stored(state), &[passkey]),
            Err(CeremonyError::NoUserVerification)
        ));
    }
}
