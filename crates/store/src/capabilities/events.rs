//! Security events (#12): the account's own activity, and the record the admin API and
//! webhooks read.

use crate::Result;
use crate::model::{Event, EventCount, EventQuery};
use async_trait::async_trait;
use latchkey_domain::EventType;
use latchkey_domain::ids::IdentityId;
use time::{Duration, OffsetDateTime};

#[async_trait]
pub trait Events: Send + Sync {
    /// Appends one event.
    async fn record_event(&self, event: &Event) -> Result<()>;
    /// The identity's events, newest first, at most `limit`.
    async fn events(&self, identity: IdentityId, limit: u32) -> Result<Vec<Event>>;
    /// Events matching every condition of `query`, newest first, at most `query.limit`.
    async fn query_events(&self, query: &EventQuery) -> Result<Vec<Event>>;
    /// Deletes events from before `before` (retention); returns how many.
    async fn purge_events(&self, before: OffsetDateTime) -> Result<u64>;
    /// Counts of each of `kinds` since `since`, in buckets of `bucket` (aligned to the
    /// Unix epoch); empty buckets are absent.
    async fn event_counts(
        &self,
        kinds: &[EventType],
        since: OffsetDateTime,
        bucket: Duration,
    ) -> Result<Vec<EventCount>>;
}
