//! Passkeys (WebAuthn, X1): a way in on their own (discoverable credentials, from a button
//! or the browser's autofill on `/login`; a passkey with user verification is two factors
//! in one step), a second factor after a password, and a settings section. An account may
//! hold several, each with a name; the last way in cannot be removed.
//!
//! The ceremonies are webauthn-rs's (`ceremony.rs`): their state between the two requests
//! lives in the store (a flow of kind `passkey_registration` or `passkey_challenge`, or
//! the MFA ticket), so any node can finish what another began. The relying party is the
//! host of `LATCHKEY_PUBLIC_URL`, and its origin the only one accepted.

pub mod ceremony;
pub(crate) mod mfa;
pub(crate) mod settings;
pub(crate) mod sign_in;

use crate::kernel::registry::{AccountFacts, MethodHint, SecondFactorFacts, SecondFactorMethod};
use latchkey_store::{Credential, CredentialKind};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

pub use ceremony::Ceremonies;

/// How long a ceremony's challenge stays usable.
pub const CHALLENGE_LIFETIME: Duration = Duration::minutes(5);

/// The passkey method, as the registry lists it.
pub(crate) struct Passkey;

fn has_passkey(credentials: &[Credential]) -> bool {
    credentials
        .iter()
        .any(|c| c.kind == CredentialKind::Webauthn)
}

impl MethodHint for Passkey {
    fn hints(&self, account: &AccountFacts<'_>, out: &mut Vec<String>) {
        if account.has_passkey || has_passkey(account.credentials) {
            out.push("passkey".to_owned());
        }
    }
}

impl SecondFactorMethod for Passkey {
    fn second_factors(&self, account: &SecondFactorFacts<'_>, out: &mut Vec<String>) {
        if has_passkey(account.credentials) {
            out.push("passkey".to_owned());
        }
    }
}

/// A passkey as settings show it.
#[derive(Debug, Clone)]
pub struct PasskeyView {
    pub id: Uuid,
    pub name: String,
    pub created_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
}

impl From<&Credential> for PasskeyView {
    fn from(c: &Credential) -> Self {
        Self {
            id: c.id,
            name: c.name.clone().unwrap_or_default(),
            created_at: c.created_at,
            last_used_at: c.last_used_at,
        }
    }
}

/// What a ceremony error means to the caller.
impl From<ceremony::CeremonyError> for crate::FlowError {
    fn from(e: ceremony::CeremonyError) -> Self {
        use ceremony::CeremonyError as E;
        match e {
            E::InvalidCredential | E::NoUserVerification => Self::InvalidCredential,
            E::AlreadyRegistered => Self::AlreadyRegistered,
            other @ (E::Config(_) | E::State(_)) => Self::internal(other),
        }
    }
}
