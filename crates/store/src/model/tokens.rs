//! One-time link tokens (reset, "this wasn't me", unlock) and the password reset.

use latchkey_domain::ids::{FlowId, IdentityId};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// What a one-time link token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenPurpose {
    /// Sets a new password (a reset link, or what a correct recovery code yields).
    Reset,
    /// "This wasn't me": signs everything out and blocks the account until recovery.
    Report,
}

impl TokenPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reset => "reset",
            Self::Report => "report",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "reset" => Some(Self::Reset),
            "report" => Some(Self::Report),
            _ => None,
        }
    }
}

/// A one-time link token. The token itself is never stored, only its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResetToken {
    pub token_hash: String,
    pub identity_id: IdentityId,
    pub flow_id: Option<FlowId>,
    pub purpose: TokenPurpose,
    /// The password's `updated_at` when the token was issued (`None`: no password then).
    /// Once the password changes the stamps differ and the token is void.
    pub credential_stamp: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub used_at: Option<OffsetDateTime>,
}

/// Everything a completed password reset changes, in one transaction.
#[derive(Debug, Clone)]
pub struct PasswordReset {
    /// The reset token being used (its hash).
    pub token_hash: String,
    pub identity_id: IdentityId,
    /// The stamp the token was issued with; the reset fails when the password's
    /// `updated_at` no longer matches it.
    pub expected_stamp: Option<OffsetDateTime>,
    /// The new password's PHC string.
    pub secret: String,
    pub now: OffsetDateTime,
    /// Tokens issued with the notices ("this wasn't me" links).
    pub new_tokens: Vec<ResetToken>,
}

/// An unlock link's token, as stored (the token itself never is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnlockToken {
    /// SHA-256 of the token, hex.
    pub token_hash: String,
    pub identity_id: IdentityId,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}
