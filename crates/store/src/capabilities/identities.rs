//! Identities: the account rows themselves, their locale and why a blocked one is blocked.

use crate::Result;
use crate::model::{Account, Identity, NewIdentity, NewMessage};
use async_trait::async_trait;
use latchkey_domain::ids::IdentityId;
use time::OffsetDateTime;

#[async_trait]
pub trait Identities: Send + Sync {
    /// Creates the identity with its contacts and credentials, and the messages, in one
    /// transaction. `Conflict` when a verified contact's address is already verified by
    /// another identity. Other identities' unverified claims of the new identity's
    /// verified addresses are removed in the same transaction.
    async fn create_identity(&self, new: &NewIdentity, messages: &[NewMessage]) -> Result<()>;
    async fn identity(&self, id: IdentityId) -> Result<Option<Identity>>;
    async fn set_identity_locale(&self, id: IdentityId, locale: &str) -> Result<()>;
    /// Sets the display name (`None` clears it). `NotFound` for an unknown identity.
    async fn set_identity_name(&self, id: IdentityId, name: Option<&str>) -> Result<()>;
    /// Schedules the identity's erasure at `erase_at` (a second request moves it), ends
    /// every live session and writes the messages, in one transaction.
    async fn request_deletion(
        &self,
        id: IdentityId,
        requested_at: OffsetDateTime,
        erase_at: OffsetDateTime,
        messages: &[NewMessage],
    ) -> Result<()>;
    /// When the identity is to be erased, if a deletion is pending.
    async fn pending_deletion(&self, id: IdentityId) -> Result<Option<OffsetDateTime>>;
    /// Cancels a pending deletion; true when there was one (one statement: of a cancel
    /// and an erasure at once, exactly one wins).
    async fn cancel_deletion(&self, id: IdentityId) -> Result<bool>;
    /// Identities whose deletion is due at `now`, oldest first, at most `limit`.
    async fn due_deletions(&self, now: OffsetDateTime, limit: u32) -> Result<Vec<IdentityId>>;
    /// Erases the identity (its contacts, credentials, sessions, flows, tokens, factors and
    /// devices go with it) if its deletion is still pending and due at `now`; false when it
    /// was cancelled or is not due. Events stay: they name no foreign key.
    async fn erase_identity(&self, id: IdentityId, now: OffsetDateTime) -> Result<bool>;
    /// The identity with its contacts and password flag, in one query.
    async fn account(&self, id: IdentityId) -> Result<Option<Account>>;
    /// Why a blocked identity is blocked (`None`: no reason recorded).
    async fn identity_block_reason(&self, identity: IdentityId) -> Result<Option<String>>;
}
