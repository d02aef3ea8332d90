//! Security events (#12): the account's own activity, and the record the admin API and
//! webhooks read.

use crate::Result;
use crate::model::Event;
use async_trait::async_trait;
use latchkey_domain::ids::IdentityId;

#[async_trait]
pub trait Events: Send + Sync {
    /// Appends one event.
    async fn record_event(&self, event: &Event) -> Result<()>;
    /// The identity's events, newest first, at most `limit`.
    async fn events(&self, identity: IdentityId, limit: u32) -> Result<Vec<Event>>;
}
