//! What a flow can refuse, each with the stable code the API shows. An internal error
//! keeps its cause (`source()`), so the web layer can log the whole chain while the
//! client only ever sees `internal`.

use latchkey_domain::PasswordProblem;
use time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum FlowError {
    /// A field is missing or malformed; `field` names it.
    #[error("invalid input in {field}")]
    InvalidInput { field: &'static str },
    #[error("not an email address or phone number")]
    InvalidIdentifier,
    #[error("wrong code")]
    InvalidCode { attempts_left: u32 },
    /// Unknown, expired, completed or spent flow: start again.
    #[error("flow expired")]
    FlowExpired,
    #[error("too many attempts")]
    TooManyAttempts { retry_after: Duration },
    #[error("too soon")]
    TooSoon { retry_after: Duration },
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("weak password")]
    WeakPassword(Vec<PasswordProblem>),
    #[error("account blocked")]
    AccountBlocked,
    /// The code cannot go out on that channel (no SMS transport configured).
    #[error("channel unavailable")]
    ChannelUnavailable,
    #[error("server busy")]
    Busy { retry_after: Duration },
    #[error("not found")]
    NotFound,
    #[error("unauthenticated")]
    Unauthenticated,
    /// The change needs the current password (or a fresh sign-in).
    #[error("reauthentication required")]
    ReauthenticationRequired,
    /// Risk is up: solve this proof-of-work challenge (or the captcha) and resend.
    #[error("challenge required")]
    ChallengeRequired {
        challenge: Box<latchkey_domain::challenge::Challenge>,
        /// `(provider, site key)` when an external captcha is accepted instead.
        captcha: Option<(String, String)>,
    },
    /// A passkey assertion or registration that does not verify (or lacks user
    /// verification where it is required).
    #[error("invalid credential")]
    InvalidCredential,
    /// That passkey (or factor) is already on the account.
    #[error("already registered")]
    AlreadyRegistered,
    /// The removal would leave the account no way in.
    #[error("last method")]
    LastMethod,
    /// A primary contact cannot be removed while another contact of its kind exists:
    /// make that one primary first.
    #[error("primary contact")]
    PrimaryContact,
    /// The provider identity is already linked to another account.
    #[error("already linked")]
    AlreadyLinked,
    /// A social callback whose state names no flow this browser began.
    #[error("state mismatch")]
    StateMismatch,
    /// The person refused consent at the provider.
    #[error("provider denied")]
    ProviderDenied,
    /// The provider could not be reached or timed out.
    #[error("provider unavailable")]
    ProviderUnavailable,
    /// The provider refused the code or token, or its answer does not check.
    #[error("provider refused")]
    ProviderRefused,
    /// The provider's verified email is an existing account's: prove that account on
    /// the link step first (`flow`).
    #[error("link required")]
    LinkRequired { flow: latchkey_domain::FlowId },
    /// The admin key's role may not do this, or an agent acted on a high-privilege
    /// account.
    #[error("forbidden")]
    Forbidden,
    /// The account has no verified contact to send to.
    #[error("no verified contact")]
    NoVerifiedContact,
    /// An unlock (or similar) link that is unknown, spent or expired.
    #[error("link invalid")]
    LinkInvalid,
    /// An imported `password_hash` of a scheme Latchkey does not verify, or malformed.
    #[error("unsupported password hash")]
    UnsupportedHash,
    /// An imported `password_hash` whose cost parameters exceed the limits
    /// (`kernel/legacy_hashes.rs`): verifying it would tie up a hashing thread.
    #[error("password hash cost too high")]
    HashCostTooHigh,
    /// An imported account's verified address is already another account's verified one.
    #[error("identity exists")]
    IdentityExists,
    /// Something below the flow failed (the database, the limits backend, a stored
    /// payload that does not parse, the hashing pool); the cause is kept for the logs.
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl FlowError {
    /// The stable API code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidInput { .. } => "invalid_input",
            Self::InvalidIdentifier => "invalid_identifier",
            Self::InvalidCode { .. } => "invalid_code",
            Self::FlowExpired => "flow_expired",
            Self::TooManyAttempts { .. } => "too_many_attempts",
            Self::TooSoon { .. } => "too_soon",
            Self::InvalidCredentials => "invalid_credentials",
            Self::WeakPassword(_) => "weak_password",
            Self::AccountBlocked => "account_blocked",
            Self::ChannelUnavailable => "channel_unavailable",
            Self::Busy { .. } => "server_busy",
            Self::NotFound => "not_found",
            Self::Unauthenticated => "unauthenticated",
            Self::ReauthenticationRequired => "reauthentication_required",
            Self::ChallengeRequired { .. } => "challenge_required",
            Self::InvalidCredential => "invalid_credential",
            Self::AlreadyRegistered => "already_registered",
            Self::LastMethod => "last_method",
            Self::PrimaryContact => "primary_contact",
            Self::LinkInvalid => "unlock_link_invalid",
            Self::AlreadyLinked => "already_linked",
            Self::StateMismatch => "state_mismatch",
            Self::ProviderDenied => "provider_denied",
            Self::ProviderUnavailable => "provider_unavailable",
            Self::ProviderRefused => "provider_error",
            Self::LinkRequired { .. } => "link_required",
            Self::Forbidden => "forbidden",
            Self::NoVerifiedContact => "no_verified_contact",
            Self::UnsupportedHash => "unsupported_hash",
            Self::HashCostTooHigh => "hash_cost_too_high",
            Self::IdentityExists => "identity_exists",
            Self::Internal(_) => "internal",
        }
    }
}

impl FlowError {
    /// An internal error with a cause of its own.
    pub fn internal(cause: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self::Internal(Box::new(cause))
    }
}

impl From<latchkey_store::StoreError> for FlowError {
    fn from(e: latchkey_store::StoreError) -> Self {
        Self::internal(e)
    }
}

impl From<latchkey_limits::LimitsError> for FlowError {
    fn from(e: latchkey_limits::LimitsError) -> Self {
        Self::internal(e)
    }
}

/// A stored flow payload that does not (de)serialize.
impl From<serde_json::Error> for FlowError {
    fn from(e: serde_json::Error) -> Self {
        Self::internal(e)
    }
}

impl From<crate::kernel::hashing::HashError> for FlowError {
    fn from(e: crate::kernel::hashing::HashError) -> Self {
        match e {
            crate::kernel::hashing::HashError::Busy => {
                crate::kernel::metrics::hashing_busy();
                Self::Busy {
                    retry_after: Duration::seconds(1),
                }
            }
            failed @ crate::kernel::hashing::HashError::Failed(_) => Self::internal(failed),
        }
    }
}
