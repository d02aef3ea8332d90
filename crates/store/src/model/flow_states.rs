//! Flows: multi-step journeys, and the codes they send.

use super::ContactKind;
use latchkey_domain::ids::{FlowId, IdentityId};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlowKind {
    Registration,
    Verification,
    LoginCode,
    Recovery,
    /// The second step of a sign-in: the ticket a first factor earns (#10).
    Mfa,
    /// A TOTP secret shown to its owner, waiting for the first code.
    TotpEnrollment,
    /// A passkey being created: the WebAuthn registration state.
    PasskeyRegistration,
    /// A passkey assertion asked for: the WebAuthn authentication state.
    PasskeyChallenge,
    /// A social sign-in sent to its provider: state, nonce and PKCE verifier (#11).
    SocialSignIn,
    /// A provider identity whose verified email is an existing account's, waiting for
    /// the person to prove that account (`/login/link`).
    SocialLink,
    /// A new email or phone for a signed-in account, waiting for the code sent to it
    /// (#12). The address is in the payload, not in `contacts`, until proved.
    ContactChange,
}

impl FlowKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Registration => "registration",
            Self::Verification => "verification",
            Self::LoginCode => "login_code",
            Self::Recovery => "recovery",
            Self::Mfa => "mfa",
            Self::TotpEnrollment => "totp_enrollment",
            Self::PasskeyRegistration => "passkey_registration",
            Self::PasskeyChallenge => "passkey_challenge",
            Self::SocialSignIn => "social_sign_in",
            Self::SocialLink => "social_link",
            Self::ContactChange => "contact_change",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "registration" => Self::Registration,
            "verification" => Self::Verification,
            "login_code" => Self::LoginCode,
            "recovery" => Self::Recovery,
            "mfa" => Self::Mfa,
            "totp_enrollment" => Self::TotpEnrollment,
            "passkey_registration" => Self::PasskeyRegistration,
            "passkey_challenge" => Self::PasskeyChallenge,
            "social_sign_in" => Self::SocialSignIn,
            "social_link" => Self::SocialLink,
            "contact_change" => Self::ContactChange,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlowState {
    Active,
    Completed,
}

impl FlowState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Completed => "completed",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "active" => Some(Self::Active),
            "completed" => Some(Self::Completed),
            _ => None,
        }
    }
}

/// A multi-step journey. Its state lives here, never in process memory, so any node can
/// continue any flow.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub id: FlowId,
    pub kind: FlowKind,
    pub state: FlowState,
    /// The account the flow is about, when one is known. Registration flows have none.
    pub identity_id: Option<IdentityId>,
    /// The normalized identifier the flow was started for.
    pub identifier_key: String,
    /// The channel codes go out on: "email" or "phone".
    pub channel: ContactKind,
    /// Kind-specific state (registration: address, name, locale, password hash).
    pub payload: serde_json::Value,
    pub failures: u32,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub last_sent_at: OffsetDateTime,
    pub completed_at: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowCode {
    pub id: Uuid,
    pub flow_id: FlowId,
    pub code_hash: String,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}
