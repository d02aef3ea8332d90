//! Sessions, and the session check's answer.

use super::Account;
use latchkey_domain::ids::{IdentityId, SessionId};
use serde::Serialize;
use time::OffsetDateTime;

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
    /// When its holder last proved themselves: the sign-in, or a later re-authentication.
    /// The privileged window (changing the password, contacts, factors) is counted from
    /// here.
    #[serde(with = "time::serde::rfc3339")]
    pub authenticated_at: OffsetDateTime,
}
