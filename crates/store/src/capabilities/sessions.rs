//! Sessions: creation, the per-request check, activity and revocation.

use crate::Result;
use crate::model::{NewMessage, Session, SessionLookup};
use async_trait::async_trait;
use latchkey_domain::ids::{IdentityId, SessionId};
use time::OffsetDateTime;

#[async_trait]
pub trait Sessions: Send + Sync {
    async fn create_session(&self, session: &Session, messages: &[NewMessage]) -> Result<()>;
    /// The live (not revoked, not expired at `now`) session with this token hash and its
    /// account. This is the shop's hot path (every page view asks "who is this?"): one
    /// query, one round trip.
    async fn session_by_token_hash(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<SessionLookup>>;
    /// Records activity; also pushes the idle expiry forward to `idle_expires_at`.
    async fn touch_session(
        &self,
        id: SessionId,
        now: OffsetDateTime,
        idle_expires_at: OffsetDateTime,
    ) -> Result<()>;
    /// Live sessions of the identity, newest first.
    async fn sessions(&self, identity: IdentityId, now: OffsetDateTime) -> Result<Vec<Session>>;
    /// Revokes one session of this identity; false when it was not found or not live.
    async fn revoke_session(
        &self,
        identity: IdentityId,
        id: SessionId,
        now: OffsetDateTime,
    ) -> Result<bool>;
    /// Revokes every live session of the identity except `keep`; returns how many.
    async fn revoke_sessions(
        &self,
        identity: IdentityId,
        keep: Option<SessionId>,
        now: OffsetDateTime,
    ) -> Result<u64>;
    /// Records a re-authentication of a live session (the privileged window starts
    /// again at `now`) and, when it proved a second factor, raises the session to that
    /// assurance (`aal`, `amr`). False when the session is not live.
    async fn reauthenticate_session(
        &self,
        id: SessionId,
        now: OffsetDateTime,
        aal: latchkey_domain::Aal,
        amr: &[String],
    ) -> Result<bool>;
}
