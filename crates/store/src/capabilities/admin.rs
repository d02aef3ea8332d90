//! The admin API's records (#13): admin keys, identity search, blocks support places and
//! lifts, high-privilege marks, and order facts for claims.

use crate::Result;
use crate::model::{AdminKey, IdentityFacts};
use async_trait::async_trait;
use latchkey_domain::ids::IdentityId;
use time::OffsetDateTime;
use uuid::Uuid;

#[async_trait]
pub trait AdminRecords: Send + Sync {
    /// Stores a new key under the digest of its secret (`Conflict` if the digest exists).
    async fn create_admin_key(&self, key: &AdminKey, key_hash: &str) -> Result<()>;
    /// The key with this digest, revoked or not; stamps its last use at `now`.
    async fn use_admin_key(&self, key_hash: &str, now: OffsetDateTime) -> Result<Option<AdminKey>>;
    /// Every key, oldest first.
    async fn admin_keys(&self) -> Result<Vec<AdminKey>>;
    /// Revokes a key; false when it is unknown or already revoked.
    async fn revoke_admin_key(&self, id: Uuid, now: OffsetDateTime) -> Result<bool>;
    /// Identities whose contact address starts with `text` (lowercased), whose name
    /// contains it (case-insensitive), or that have a provider credential of that
    /// subject; newest first, at most `limit`.
    async fn search_identities(&self, text: &str, limit: u32) -> Result<Vec<IdentityId>>;
    /// Blocks the identity for `reason` (replacing a reason already there) and ends every
    /// live session, in one transaction; false for an unknown identity.
    async fn block_identity(
        &self,
        id: IdentityId,
        reason: &str,
        now: OffsetDateTime,
    ) -> Result<bool>;
    /// Lifts any block; false for an unknown identity.
    async fn unblock_identity(&self, id: IdentityId, now: OffsetDateTime) -> Result<bool>;
    /// Marks the identity as one agents may not act on (or lifts the mark).
    async fn set_high_privilege(&self, id: IdentityId, high: bool) -> Result<bool>;
    /// Whether the identity is marked high-privilege (false when unknown).
    async fn is_high_privilege(&self, id: IdentityId) -> Result<bool>;
    async fn record_identity_facts(&self, facts: &IdentityFacts) -> Result<()>;
    /// The identity's recorded facts, newest first.
    async fn identity_facts(&self, id: IdentityId) -> Result<Vec<IdentityFacts>>;
}
