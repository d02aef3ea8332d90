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
