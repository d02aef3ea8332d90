//! Identities: the account rows themselves, their locale and why a blocked one is blocked.

use crate::Result;
use crate::model::{Account, Identity, NewIdentity, NewMessage};
use async_trait::async_trait;
use latchkey_domain::ids::IdentityId;

#[async_trait]
pub trait Identities: Send + Sync {
    /// Creates the identity with its contacts and credentials, and the messages, in one
    /// transaction. `Conflict` when a verified contact's address is already verified by
    /// another identity. Other identities' unverified claims of the new identity's
    /// verified addresses are removed in the same transaction.
    async fn create_identity(&self, new: &NewIdentity, messages: &[NewMessage]) -> Result<()>;
    async fn identity(&self, id: IdentityId) -> Result<Option<Identity>>;
    async fn set_identity_locale(&self, id: IdentityId, locale: &str) -> Result<()>;
    /// The identity with its contacts and password flag, in one query.
    async fn account(&self, id: IdentityId) -> Result<Option<Account>>;
    /// Why a blocked identity is blocked (`None`: no reason recorded).
    async fn identity_block_reason(&self, identity: IdentityId) -> Result<Option<String>>;
}
