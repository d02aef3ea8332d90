//! Contacts: the email addresses and phone numbers of identities, their lookup by
//! normalized key and their verification.

use crate::Result;
use crate::model::{
    Contact, ContactKind, EmailRevert, Identity, NewMessage, VerifiedContactChange,
};
use async_trait::async_trait;
use latchkey_domain::ids::IdentityId;
use time::OffsetDateTime;
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

    /// Adds a contact its identity just proved (or marks the identity's own claim of the
    /// address verified), in one transaction: when `primary`, the identity's other
    /// contacts of that kind stop being primary; other identities' unverified claims of
    /// the address are removed; the revert row (if any) and the messages are written.
    /// `Conflict` (and nothing changes) when another identity holds the address verified:
    /// whoever proved it first keeps it.
    async fn add_verified_contact(
        &self,
        change: &VerifiedContactChange,
        messages: &[NewMessage],
    ) -> Result<Contact>;
    /// Makes a verified contact of the identity its primary of that kind, with the revert
    /// row (if any) and the messages, in one transaction. `NotFound` when the contact is
    /// not the identity's or not verified.
    async fn make_contact_primary(
        &self,
        identity: IdentityId,
        contact: Uuid,
        revert: Option<&EmailRevert>,
        messages: &[NewMessage],
    ) -> Result<Contact>;
    /// Removes the identity's contact and writes the messages. `NotFound` when it is not
    /// the identity's.
    async fn remove_contact(
        &self,
        identity: IdentityId,
        contact: Uuid,
        messages: &[NewMessage],
    ) -> Result<()>;
    /// The revert row with this hash, whatever its state.
    async fn email_revert(&self, token_hash: &str) -> Result<Option<EmailRevert>>;
    /// Uses a revert token, in one transaction: the token must be unused and unexpired at
    /// `now` (of concurrent callers exactly one passes); the old address is the
    /// identity's verified primary email again (added back if it was removed), the
    /// contact that replaced it is removed, other identities' unverified claims of the
    /// old address go, every session of the identity is revoked and the messages are
    /// written. `None` (nothing changes) when the token was unknown, used or expired;
    /// `Conflict` when another identity holds the old address verified by now.
    async fn use_email_revert(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
        messages: &[NewMessage],
    ) -> Result<Option<EmailRevert>>;
}
