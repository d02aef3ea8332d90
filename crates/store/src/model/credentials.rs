//! Credentials: what an identity proves itself with.

use latchkey_domain::ids::IdentityId;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CredentialKind {
    Password,
    Totp,
    Webauthn,
    Oidc,
    RecoveryCodes,
}

impl CredentialKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Password => "password",
            Self::Totp => "totp",
            Self::Webauthn => "webauthn",
            Self::Oidc => "oidc",
            Self::RecoveryCodes => "recovery_codes",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "password" => Self::Password,
            "totp" => Self::Totp,
            "webauthn" => Self::Webauthn,
            "oidc" => Self::Oidc,
            "recovery_codes" => Self::RecoveryCodes,
            _ => return None,
        })
    }
}

#[derive(Clone, PartialEq, Eq)]
pub struct Credential {
    pub id: Uuid,
    pub identity_id: IdentityId,
    pub kind: CredentialKind,
    /// PHC string for passwords; the kind's own secret form otherwise.
    pub secret: String,
    /// Kind-specific public data (provider and subject for OIDC, …).
    pub data: serde_json::Value,
    /// The name the owner gave it (a passkey's "Work laptop").
    pub name: Option<String>,
    /// What finds the credential without knowing its identity, unique per kind (a
    /// passkey's credential id, base64url).
    pub lookup: Option<String>,
    /// A number that only moves forward (a TOTP's last accepted time step; 0 when unused).
    pub counter: i64,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credential")
            .field("id", &self.id)
            .field("identity_id", &self.identity_id)
            .field("kind", &self.kind)
            .field("name", &self.name)
            .field("counter", &self.counter)
            .field("secret", &"<redacted>")
            .finish()
    }
}
