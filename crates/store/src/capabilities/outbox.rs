//! The courier's transactional outbox: enqueue, claim, record delivery or failure, give up,
//! purge, and the operators' queries.

use crate::Result;
use crate::model::{MessageStatus, NewMessage, OutboxMessage};
use async_trait::async_trait;
use time::OffsetDateTime;
use uuid::Uuid;

#[async_trait]
pub trait Outbox: Send + Sync {
    async fn enqueue_messages(&self, messages: &[NewMessage]) -> Result<()>;
    /// Leases up to `limit` due messages (pending, `next_attempt_at <= now`, and not leased
    /// or lease expired) until `lease_until`, so two workers never send the same message.
    async fn claim_due_messages(
        &self,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        limit: u32,
    ) -> Result<Vec<OutboxMessage>>;
    /// Records the delivery and blanks the text and HTML bodies (they carry the codes and
    /// links); the subject and the metadata stay until [`Outbox::purge_messages`].
    async fn mark_message_sent(&self, id: Uuid, now: OffsetDateTime) -> Result<()>;
    /// Records a failed attempt: back to pending at `next_attempt_at`, or abandoned as
    /// [`Outbox::abandon_message`] does, with the error as the reason.
    async fn mark_message_failed(
        &self,
        id: Uuid,
        attempts: u32,
        next_attempt_at: Option<OffsetDateTime>,
        error: &str,
        now: OffsetDateTime,
    ) -> Result<()>;
    /// Gives a message up after `attempts`: records the last error and why it was given up
    /// (`reason`, never message content), and blanks the bodies as a sent message's are.
    async fn abandon_message(
        &self,
        id: Uuid,
        attempts: u32,
        error: &str,
        reason: &str,
        now: OffsetDateTime,
    ) -> Result<()>;
    /// Deletes sent and abandoned messages created before `before`; returns how many.
    /// Pending ones stay whatever their age: they are still to be delivered or given up.
    async fn purge_messages(&self, before: OffsetDateTime) -> Result<u64>;
    async fn message(&self, id: Uuid) -> Result<Option<OutboxMessage>>;
    /// Outbox messages by status, newest first (operators, tests).
    async fn messages_by_status(
        &self,
        status: MessageStatus,
        limit: u32,
    ) -> Result<Vec<OutboxMessage>>;
    /// How many outbox messages have this status (the metrics' outbox gauge).
    async fn count_messages_by_status(&self, status: MessageStatus) -> Result<u64>;
    /// Messages sent since `since`, counted per bucket of `bucket` (aligned to the Unix
    /// epoch; empty buckets absent): the admin console's chart. Only as far back as
    /// sent rows are kept (`[courier]` retention).
    async fn sent_counts(
        &self,
        since: OffsetDateTime,
        bucket: time::Duration,
    ) -> Result<Vec<(OffsetDateTime, u64)>>;
}
