//! What a flow can refuse, each with the stable code the API shows.

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
    /// An unlock (or similar) link that is unknown, spent or expired.
    #[error("link invalid")]
    LinkInvalid,
    #[error("internal error: {0}")]
    Internal(String),
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
            Self::LinkInvalid => "unlock_link_invalid",
            Self::Internal(_) => "internal",
        }
    }
}

impl From<latchkey_store::StoreError> for FlowError {
    fn from(e: latchkey_store::StoreError) -> Self {
        Self::Internal(e.to_string())
    }
}

impl From<crate::hasher::HashError> for FlowError {
    fn from(e: crate::hasher::HashError) -> Self {
        match e {
            crate::hasher::HashError::Busy => {
                crate::metrics::hashing_busy();
                Self::Busy {
                    retry_after: Duration::seconds(1),
                }
            }
            crate::hasher::HashError::Failed(m) => Self::Internal(m),
        }
    }
}
