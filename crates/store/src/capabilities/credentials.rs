//! Credentials: the secrets an identity signs in with (password hash and the like).

use crate::Result;
use crate::model::{Credential, CredentialKind, NewMessage};
use async_trait::async_trait;
use latchkey_domain::ids::IdentityId;
use time::OffsetDateTime;

#[async_trait]
pub trait Credentials: Send + Sync {
    async fn credentials(&self, identity: IdentityId) -> Result<Vec<Credential>>;
    /// Replaces the secret of the identity's credential of that kind (rehash on login,
    /// password change), writing the messages in the same transaction.
    async fn update_credential_secret(
        &self,
        identity: IdentityId,
        kind: CredentialKind,
        secret: &str,
        now: OffsetDateTime,
        messages: &[NewMessage],
    ) -> Result<()>;
}
