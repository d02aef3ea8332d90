//! Single-use tokens: reset links, "this wasn't me" report links and unlock links.

use crate::Result;
use crate::model::{NewMessage, PasswordReset, ResetToken, UnlockToken};
use async_trait::async_trait;
use latchkey_domain::ids::IdentityId;
use time::OffsetDateTime;

#[async_trait]
pub trait Tokens: Send + Sync {
    /// Stores a token (used or not) and writes the messages.
    async fn insert_reset_token(&self, token: &ResetToken, messages: &[NewMessage]) -> Result<()>;
    /// The token with this hash, whatever its state.
    async fn reset_token(&self, token_hash: &str) -> Result<Option<ResetToken>>;
    /// Uses a reset token and sets the new password, atomically: the token must be of
    /// purpose `reset`, unused and unexpired at `now`, and the password's `updated_at`
    /// must still equal `expected_stamp`. Then every other unused reset token of the
    /// identity is voided, every session revoked, a `reported` block lifted (the identity
    /// becomes active), the new tokens stored and the messages written. Returns false
    /// (and changes nothing) when the token was not usable: of concurrent callers with
    /// one token exactly one gets true.
    async fn complete_password_reset(
        &self,
        reset: &PasswordReset,
        messages: &[NewMessage],
    ) -> Result<bool>;
    /// Uses a `report` token ("this wasn't me"): the identity is blocked (reason
    /// `reported`), every session revoked, every unused reset token voided. Returns the
    /// identity, or `None` when the token was unknown, used, expired or of another purpose.
    async fn use_report_token(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<IdentityId>>;
    /// Stores an unlock token and writes the messages that carry it.
    async fn create_unlock_token(&self, token: &UnlockToken, messages: &[NewMessage])
    -> Result<()>;
    /// The identity of a live (unused, unexpired) unlock token, without spending it.
    async fn unlock_token(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<IdentityId>>;
    /// Spends a live unlock token; of concurrent callers exactly one gets the identity.
    async fn consume_unlock_token(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<IdentityId>>;
}
