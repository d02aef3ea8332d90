//! Contacts: the email addresses and phone numbers of identities, their lookup by
//! normalized key and their verification.

use crate::Result;
use crate::model::{Contact, ContactKind, Identity, NewMessage};
use async_trait::async_trait;
use latchkey_domain::ids::IdentityId;
use uuid::Uuid;

#[async_trait]
pub trait Contacts: Send + Sync {
    /// The contact holding this normalized address key: its verified holder when there is
    /// one, else the oldest unverified claim.
    async fn contact_by_key(&self, kind: ContactKind, key: &str) -> Result<Option<Contact>>;
    /// Every contact holding this address key (one verified at most, any number of
    /// unverified claims by different identities), the verified one first, then oldest.
    async fn contacts_by_key(&self, kind: ContactKind, key: &str) -> Result<Vec<Contact>>;
    async fn contacts(&self, identity: IdentityId) -> Result<Vec<Contact>>;
    /// The contact holding this address key and its identity, in one query: the first
    /// read of every sign-in attempt, wrong or right.
    async fn contact_and_identity(
        &self,
        kind: ContactKind,
        key: &str,
    ) -> Result<Option<(Contact, Identity)>>;
    /// Marks a contact verified (idempotent), removes other identities' unverified claims
    /// of its address, and writes the messages, in one transaction. `Conflict` when
    /// another identity holds the address verified.
    async fn verify_contact(&self, contact: Uuid, messages: &[NewMessage]) -> Result<()>;
}
