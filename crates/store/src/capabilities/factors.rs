//! Second factors and passkeys (issue #10): the credentials an identity may hold several
//! of (passkeys) or that change on every use (a TOTP's last accepted step), recovery
//! codes, and the devices that may skip the second factor ("remember this device").
use crate::Result;
use crate::model::{Credential, CredentialKind, NewMessage, TrustedDevice};
use async_trait::async_trait;
use latchkey_domain::ids::IdentityId;
use time::OffsetDateTime;
use uuid::Uuid;

#[async_trait]
pub trait Factors: Send + Sync {
    /// Adds a credential (a TOTP secret, a passkey) and writes the messages, in one
    /// transaction. The kinds an identity holds once (`password`, `totp`,
    /// `recovery_codes`) replace the one it had. `Conflict` when another credential
    /// already has this `lookup` (a passkey registered twice).
    async fn add_credential(&self, credential: &Credential, messages: &[NewMessage]) -> Result<()>;
    /// The credential of this kind whose `lookup` is this (a passkey's credential id).
    async fn credential_by_lookup(
        &self,
        kind: CredentialKind,
        lookup: &str,
    ) -> Result<Option<Credential>>;
    /// Removes one credential of the identity and writes the messages, in one
    /// transaction; false (and no messages) when the identity has no such credential.
    async fn remove_credential(
        &self,
        identity: IdentityId,
        id: Uuid,
        messages: &[NewMessage],
    ) -> Result<bool>;
    /// Moves a credential's `counter` forward to `counter` and stamps `last_used_at`, in
    /// one statement, only when the stored counter is below `counter` (a TOTP's time
    /// step). False when it was already there or beyond: a replayed step. Of concurrent
    /// uses of one step, exactly one gets true.
    async fn advance_credential_counter(
        &self,
        id: Uuid,
        counter: i64,
        now: OffsetDateTime,
    ) -> Result<bool>;
    /// Records a use of a credential: sets `last_used_at`, and its secret when given (a
    /// passkey's state after an assertion).
    async fn touch_credential(
        &self,
        id: Uuid,
        secret: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<()>;

    /// Replaces every recovery code of the identity with these (digests), writing the
    /// messages, in one transaction: every older code stops working.
    async fn replace_recovery_codes(
        &self,
        identity: IdentityId,
        code_hashes: &[String],
        now: OffsetDateTime,
        messages: &[NewMessage],
    ) -> Result<()>;
    /// Spends one unused recovery code by its digest, in one statement, and writes the
    /// messages in the same transaction when it did. False (no messages) when there is no
    /// such unused code: of concurrent uses of one code, exactly one gets true.
    async fn use_recovery_code(
        &self,
        identity: IdentityId,
        code_hash: &str,
        now: OffsetDateTime,
        messages: &[NewMessage],
    ) -> Result<bool>;
    /// How many unused recovery codes the identity has.
    async fn recovery_codes_left(&self, identity: IdentityId) -> Result<u32>;
    /// Deletes every recovery code of the identity (the last second factor removed).
    async fn delete_recovery_codes(&self, identity: IdentityId) -> Result<()>;

    /// Remembers a device that passed the second factor.
    async fn trust_device(&self, device: &TrustedDevice) -> Result<()>;
    /// The identity's remembered device with this token digest, when it is neither
    /// revoked nor expired at `now`; stamps its `last_used_at`.
    async fn use_trusted_device(
        &self,
        identity: IdentityId,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<TrustedDevice>>;
    /// The identity's live remembered devices, newest first.
    async fn trusted_devices(
        &self,
        identity: IdentityId,
        now: OffsetDateTime,
    ) -> Result<Vec<TrustedDevice>>;
    /// Revokes one remembered device of the identity; false when not found or not live.
    async fn revoke_trusted_device(
        &self,
        identity: IdentityId,
        id: Uuid,
        now: OffsetDateTime,
    ) -> Result<bool>;
    /// Revokes every remembered device of the identity; returns how many.
    async fn revoke_trusted_devices(
        &self,
        identity: IdentityId,
        now: OffsetDateTime,
    ) -> Result<u64>;
}
