//! The records the store keeps. Instants are `OffsetDateTime` here and milliseconds since
//! the Unix epoch in the database (the same on both backends, comparable in SQL).

pub use latchkey_domain::identifier::ContactKind;
use latchkey_domain::ids::{FlowId, IdentityId, SessionId};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentityState {
    Active,
    /// Sign-in refused until recovery or an operator lifts it.
    Blocked,
}

impl IdentityState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Blocked => "blocked",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "active" => Some(Self::Active),
            "blocked" => Some(Self::Blocked),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identity {
    pub id: IdentityId,
    pub name: Option<String>,
    pub locale: Option<String>,
    pub state: IdentityState,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contact {
    pub id: Uuid,
    pub identity_id: IdentityId,
    pub kind: ContactKind,
    /// As given for email; E.164 for phone.
    pub address: String,
    /// The normalized lookup key (lowercased email, E.164 phone); unique per kind.
    pub address_key: String,
    pub verified: bool,
    pub primary: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

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
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credential")
            .field("id", &self.id)
            .field("identity_id", &self.identity_id)
            .field("kind", &self.kind)
            .field("secret", &"<redacted>")
            .finish()
    }
}

/// Everything a new account is created with.
#[derive(Debug, Clone)]
pub struct NewIdentity {
    pub identity: Identity,
    pub contacts: Vec<Contact>,
    pub credentials: Vec<Credential>,
}

/// An identity with what every view of it needs, read in one query: its contacts
/// (oldest first) and whether it has a password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub identity: Identity,
    pub contacts: Vec<Contact>,
    pub has_password: bool,
}

/// A live session with its account: everything the session check answers, in one query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionLookup {
    pub session: Session,
    pub account: Account,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Session {
    pub id: SessionId,
    pub identity_id: IdentityId,
    /// SHA-256 of the token, hex. The token itself is never stored.
    #[serde(skip)]
    pub token_hash: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub last_seen_at: OffsetDateTime,
    /// The earlier of the idle and absolute expiries.
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    /// Never extended: the absolute lifetime.
    #[serde(with = "time::serde::rfc3339")]
    pub absolute_expires_at: OffsetDateTime,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// How the session was established: "password", "code", …
    pub method: String,
    /// How sure the session is of its holder: one factor or two.
    pub aal: latchkey_domain::Aal,
    /// The methods that proved it, in the order used (method keys: `password`, `code`).
    pub amr: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlowKind {
    Registration,
    Verification,
    LoginCode,
    Recovery,
}

impl FlowKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Registration => "registration",
            Self::Verification => "verification",
            Self::LoginCode => "login_code",
            Self::Recovery => "recovery",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "registration" => Self::Registration,
            "verification" => Self::Verification,
            "login_code" => Self::LoginCode,
            "recovery" => Self::Recovery,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Sms => "sms",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "email" => Some(Self::Email),
            "sms" => Some(Self::Sms),
            _ => None,
        }
    }
}

/// A rendered message ready for delivery. It is rendered when the flow writes it, so a
/// template change or a restart never alters what was promised to the recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    pub id: Uuid,
    pub channel: Channel,
    /// Email address or E.164 phone number.
    pub recipient: String,
    pub locale: String,
    /// The template it came from ("verification_code", "signup_attempt", …).
    pub template: String,
    /// Empty for SMS.
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
    pub created_at: OffsetDateTime,
    /// Until when delivering it still helps: a code or link until it expires, a notice
    /// for a day or so. The courier retries a failing delivery until then, then gives up.
    pub useful_until: OffsetDateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageStatus {
    Pending,
    Sent,
    Abandoned,
}

impl MessageStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sent => "sent",
            Self::Abandoned => "abandoned",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pending" => Some(Self::Pending),
            "sent" => Some(Self::Sent),
            "abandoned" => Some(Self::Abandoned),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    pub message: NewMessage,
    pub status: MessageStatus,
    pub attempts: u32,
    pub next_attempt_at: OffsetDateTime,
    pub last_error: Option<String>,
    pub sent_at: Option<OffsetDateTime>,
    pub last_attempt_at: Option<OffsetDateTime>,
    /// Why an abandoned message was given up ("expired after 14 attempts: smtp reply
    /// 421"); built from counts and error classes, never from the message.
    pub abandon_reason: Option<String>,
}

/// A message as the dev mailbox shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailboxEntry {
    pub id: Uuid,
    pub to: String,
    pub channel: Channel,
    pub subject: String,
    pub text: String,
    #[serde(skip)]
    pub html: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

// --- recovery --------------------------------------------------------------------------

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

/// Why an identity is blocked: `reported` (its owner said "this wasn't me"; a completed
/// recovery lifts it). Other reasons are for support.
pub const BLOCK_REPORTED: &str = "reported";

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

// --- abuse ---------------------------------------------------------------------------

/// A lockout key's stored state (see `latchkey_domain::lockout`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutRecord {
    pub failures: u32,
    pub last_failure_at: OffsetDateTime,
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
