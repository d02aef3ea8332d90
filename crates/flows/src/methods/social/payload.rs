//! The stored state of a social sign-in: what the start step keeps for its callback,
//! and a provider identity waiting for its link to be proved.

use latchkey_domain::IdentityId;
use serde::{Deserialize, Serialize};

/// A sign-in sent to its provider (`social_sign_in` flow; the `state` parameter is the
/// flow's id).
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct StartPayload {
    pub provider: String,
    /// OpenID's nonce: the ID token must carry it.
    pub nonce: String,
    pub pkce_verifier: Option<String>,
    /// The digest of the secret in the browser's `latchkey_social` cookie: a callback
    /// from any other browser is refused (login CSRF).
    pub binding_hash: String,
    /// Where to go once signed in (a same-site path, already checked).
    pub return_to: Option<String>,
    /// Set when a signed-in owner links another provider from settings.
    pub link_to: Option<IdentityId>,
    /// The language of the person who started it (a new account's locale).
    pub locale: String,
}

/// A provider identity whose verified email belongs to an existing account
/// (`social_link` flow; `identity_id` is that account): linked only once the person
/// proves the account.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct LinkPayload {
    pub provider: String,
    pub subject: String,
    pub email: String,
    pub name: Option<String>,
    pub return_to: Option<String>,
}
