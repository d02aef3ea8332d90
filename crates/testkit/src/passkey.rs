//! A software passkey, so API tests run real WebAuthn ceremonies: one resident P-256
//! credential, "none" attestation, answering with what `PublicKeyCredential.toJSON()`
//! gives in a WebAuthn Level 3 browser (binary fields base64url without padding).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use p256::ecdsa::{DerSignature, SigningKey, signature::Signer};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// One authenticator holding one discoverable credential. `seed` picks its key and
/// credential id, so two `SoftPasskey::new(seed)` with the same seed are the same
/// credential (a duplicate registration).
pub struct SoftPasskey {
    key: SigningKey,
    pub cred_id: Vec<u8>,
    user_handle: Vec<u8>,
    pub counter: u32,
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
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

/// UP always; UV when asked; AT when the credential data is attached.
fn flags(uv: bool, attested: bool) -> u8 {
    0x01 | if uv { 0x04 } else { 0 } | if attested { 0x40 } else { 0 }
}

impl SoftPasskey {
    pub fn new(seed: u8) -> Self {
        Self {
            key: SigningKey::from_slice(&[seed.max(1); 32]).unwrap(),
            cred_id: (0..16).map(|i| seed ^ i).collect(),
            user_handle: Vec::new(),
            counter: 0,
        }
    }

    /// The credential id as the API shows it (base64url).
    pub fn id(&self) -> String {
        b64(&self.cred_id)
    }

    fn cose_key(&self) -> Vec<u8> {
        let point = self.key.verifying_key().to_sec1_point(false);
        let xy = &point.as_bytes()[1..];
        let mut k = vec![0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21];
        cbor_bytes(&xy[..32], &mut k);
        k.push(0x22);
        cbor_bytes(&xy[32..], &mut k);
        k
    }

    /// `navigator.credentials.create({publicKey})` then `toJSON()`, with user
    /// verification. `options` is the API's `options` (`{"publicKey": …}`).
    pub fn register(&mut self, options: &Value, origin: &str) -> Value {
        let pk = &options["publicKey"];
        self.user_handle = URL_SAFE_NO_PAD
            .decode(pk["user"]["id"].as_str().expect("user.id"))
            .expect("user.id is base64url");
        let cdj = client_data("webauthn.create", options, origin);
        let mut auth_data = Sha256::digest(pk["rp"]["id"].as_str().expect("rp.id")).to_vec();
        auth_data.push(flags(true, true));
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
        let id = self.id();
        json!({
            "id": id,
            "rawId": id,
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "response": {
                "clientDataJSON": b64(&cdj),
                "authenticatorData": b64(&auth_data),
                "transports": ["hybrid", "internal"],
                "publicKeyAlgorithm": -7,
                "attestationObject": b64(&att),
            },
            "clientExtensionResults": {"credProps": {"rk": true}},
        })
    }

    /// `navigator.credentials.get({publicKey})` then `toJSON()`; the signature counter
    /// moves on each call.
    pub fn assert(&mut self, options: &Value, origin: &str, user_verified: bool) -> Value {
        self.counter += 1;
        let cdj = client_data("webauthn.get", options, origin);
        let rp_id = options["publicKey"]["rpId"].as_str().expect("rpId");
        let mut auth_data = Sha256::digest(rp_id).to_vec();
        auth_data.push(flags(user_verified, false));
        auth_data.extend(self.counter.to_be_bytes());
        let mut signed = auth_data.clone();
        signed.extend(Sha256::digest(&cdj));
        let sig: DerSignature = self.key.sign(&signed);
        let id = self.id();
        json!({
            "id": id,
            "rawId": id,
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "response": {
                "clientDataJSON": b64(&cdj),
                "authenticatorData": b64(&auth_data),
                "signature": b64(sig.as_bytes()),
                "userHandle": b64(&self.user_handle),
            },
            "clientExtensionResults": {},
        })
    }
}
