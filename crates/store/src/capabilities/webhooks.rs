//! Webhooks (#13): the event rows are their outbox (`events.dispatched`); dispatching
//! turns undispatched events into deliveries, one per subscribed endpoint, and the
//! webhook worker leases due deliveries and records each outcome.

use crate::Result;
use crate::model::{Event, NewDelivery, WebhookDelivery};
use async_trait::async_trait;
use time::OffsetDateTime;
use uuid::Uuid;

#[async_trait]
pub trait Webhooks: Send + Sync {
    /// Takes up to `limit` undispatched events, oldest first, and in one transaction
    /// marks them dispatched and writes the deliveries `route` gives for each (one per
    /// endpoint subscribed to its type; none is fine: the event is still marked
    /// dispatched, so an endpoint configured later gets no backlog). The claim
    /// is one statement, so two dispatchers at once take disjoint events: an event never
    /// gets two deliveries to one endpoint. Returns how many events were taken (fewer than
    /// `limit`: none is left).
    async fn dispatch_events(
        &self,
        limit: u32,
        route: &(dyn for<'e> Fn(&'e Event) -> Vec<NewDelivery> + Send + Sync),
    ) -> Result<u32>;
    /// Writes one delivery on its own (a test event), due at once.
    async fn enqueue_delivery(&self, delivery: &NewDelivery) -> Result<()>;
    /// Leases up to `limit` due deliveries (pending, `next_attempt_at <= now`, not leased
    /// or lease expired) until `lease_until`, oldest due first, so two workers never POST
    /// the same delivery at once. A worker that dies mid-POST leaves a lease that runs
    /// out, and the delivery is claimed again (at least once, never zero times).
    async fn claim_due_deliveries(
        &self,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        limit: u32,
    ) -> Result<Vec<WebhookDelivery>>;
    /// Records a 2xx answer (`status`) on the attempt after `attempts - 1` failures.
    async fn mark_delivery_ok(
        &self,
        id: Uuid,
        attempts: u32,
        status: u16,
        now: OffsetDateTime,
    ) -> Result<()>;
    /// Records a failed attempt: back to pending at `next_attempt_at`, or abandoned with
    /// `error` as the reason when it is `None`.
    async fn mark_delivery_failed(
        &self,
        id: Uuid,
        attempts: u32,
        next_attempt_at: Option<OffsetDateTime>,
        status: Option<u16>,
        error: &str,
        now: OffsetDateTime,
    ) -> Result<()>;
    /// The delivery log: the newest deliveries first, at most `limit`.
    async fn recent_deliveries(&self, limit: u32) -> Result<Vec<WebhookDelivery>>;
    async fn delivery(&self, id: Uuid) -> Result<Option<WebhookDelivery>>;
    /// Deletes delivered and abandoned deliveries created before `before`; returns how
    /// many. Pending ones stay whatever their age.
    async fn purge_deliveries(&self, before: OffsetDateTime) -> Result<u64>;
}
