//! Contacts: the addresses an identity is reached and found by.

pub use latchkey_domain::identifier::ContactKind;
use latchkey_domain::ids::IdentityId;
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

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

/// A contact proved by a code in settings (an email or phone change), as the store adds
/// it in one transaction.
#[derive(Debug, Clone)]
pub struct VerifiedContactChange {
    /// The new contact's id (kept when the identity already claimed the address).
    pub id: Uuid,
    pub identity_id: IdentityId,
    pub kind: ContactKind,
    pub address: String,
    pub address_key: String,
    /// Make it the identity's primary contact of its kind (the old primary stays, not
    /// primary). It becomes primary anyway when the identity has no primary of its kind.
    pub primary: bool,
    pub now: OffsetDateTime,
    /// Stored with the change: the old primary email's revert link.
    pub revert: Option<EmailRevert>,
}

/// A revert link's row: the old primary email to put back and the contact that replaced
/// it. Only the SHA-256 of the token is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailRevert {
    pub token_hash: String,
    pub identity_id: IdentityId,
    pub old_address: String,
    pub old_address_key: String,
    pub new_contact_id: Uuid,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub used_at: Option<OffsetDateTime>,
}
