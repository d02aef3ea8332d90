//! Identities and the accounts read with them.

use super::{Contact, Credential};
use latchkey_domain::ids::IdentityId;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

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
    /// Whether it has an authenticator app (TOTP) and a passkey: the account view's
    /// methods, read in the same query.
    pub has_totp: bool,
    pub has_passkey: bool,
}

/// Why an identity is blocked: `reported` (its owner said "this wasn't me"; a completed
/// recovery lifts it). Other reasons are for support.
pub const BLOCK_REPORTED: &str = "reported";
