//! The outbox worker: claims due messages, hands each to its transport, and records the
//! outcome: `sent`, a retry after exponential backoff, or `abandoned`.

use crate::transport::{SendError, Transports};
use latchkey_domain::Clock;
use latchkey_store::{DynStore, OutboxMessage, Result};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;
use tokio::sync::Notify;
use tracing::Instrument;

/// How the worker retries and paces itself.
#[derive(Debug, Clone)]
pub struct CourierPolicy {
    /// Attempts (the first one included) before a message is abandoned.
    pub max_attempts: u32,
    /// Delay after the first failure; doubles with every further failure.
    pub base_backoff: Duration,
    pub max_backoff: Duration,
    /// Messages claimed per round trip to the store.
    pub batch: u32,
    /// How long a claim keeps other workers off a message. A send is cut off at half of
    /// it, so a slow transport cannot outlive its lease and be sent twice.
    pub lease: Duration,
    /// How often `run` looks for due messages when nobody notifies it.
    pub poll_interval: Duration,
}

impl Default for CourierPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 8,
            base_backoff: Duration::from_secs(5),
            max_backoff: Duration::from_secs(3600),
            batch: 32,
            lease: Duration::from_secs(60),
            poll_interval: Duration::from_secs(1),
        }
    }
}

impl CourierPolicy {
    /// The delay before attempt `attempts + 1`, after `attempts` failures:
    /// `base * 2^(attempts-1)` plus up to 10 % jitter, capped at `max_backoff`. The
    /// jitter comes from the message id so that messages that failed together (a
    /// gateway outage) come back spread out, and a test can still predict the range.
    pub fn backoff(&self, attempts: u32, id: uuid::Uuid) -> Duration {
        let exp = attempts.saturating_sub(1).min(30);
        let delay = self.base_backoff.saturating_mul(1u32 << exp);
        let bytes = id.as_bytes();
        let salt = u16::from_le_bytes([bytes[14], bytes[15]]) ^ (attempts as u16);
        let jitter = delay.mul_f64(f64::from(salt) / f64::from(u16::MAX) / 10.0);
        delay.saturating_add(jitter).min(self.max_backoff)
    }
}

/// What one `drain` did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DrainReport {
    pub claimed: u32,
    pub sent: u32,
    /// Failed and scheduled for another attempt.
    pub retried: u32,
    pub abandoned: u32,
}

pub struct Courier {
    store: DynStore,
    transports: Transports,
    clock: Arc<dyn Clock>,
    policy: CourierPolicy,
    notify: Arc<Notify>,
}

impl Courier {
    pub fn new(
        store: DynStore,
        transports: Transports,
        clock: Arc<dyn Clock>,
        policy: CourierPolicy,
    ) -> Self {
        Self {
            store,
            transports,
            clock,
            policy,
            notify: Arc::new(Notify::new()),
        }
    }

    /// Flows call `notify_one()` on this after enqueueing, so delivery starts at once
    /// instead of at the next poll.
    pub fn notifier(&self) -> Arc<Notify> {
        self.notify.clone()
    }

    /// Delivers until `shutdown` completes. A round in progress finishes first, so no
    /// message is left leased in the middle of a send.
    pub async fn run(self, shutdown: impl Future) {
        tracing::info!(
            courier.email = self.transports.email.name(),
            courier.sms = self.transports.sms.name(),
            "courier started"
        );
        let mut shutdown = std::pin::pin!(shutdown);
        loop {
            if let Err(error) = self.drain().await {
                tracing::warn!(%error, "courier could not read the outbox");
            }
            tokio::select! {
                _ = &mut shutdown => break,
                _ = self.notify.notified() => {}
                _ = tokio::time::sleep(self.policy.poll_interval) => {}
            }
        }
        tracing::info!("courier stopped");
    }

    /// Delivers every message due now, once; messages that fail stay for a later round.
    pub async fn drain(&self) -> Result<DrainReport> {
        let mut report = DrainReport::default();
        loop {
            let now = self.clock.now();
            let claimed = self
                .store
                .claim_due_messages(now, now + self.policy.lease, self.policy.batch)
                .await?;
            let count = claimed.len() as u32;
            report.claimed += count;
            for message in claimed {
                self.deliver(message, &mut report).await;
            }
            // A short batch means nothing more is due; a full one may have left some.
            if count < self.policy.batch.max(1) {
                return Ok(report);
            }
        }
    }

    async fn deliver(&self, outbox: OutboxMessage, report: &mut DrainReport) {
        let msg = &outbox.message;
        let attempt = outbox.attempts + 1;
        let transport = self.transports.for_channel(msg.channel);
        let cutoff = self.policy.lease / 2;
        let result = match tokio::time::timeout(cutoff, transport.send(msg)).await {
            Ok(result) => result,
            Err(_) => Err(SendError::temporary(format!(
                "{} send took longer than {cutoff:?}",
                transport.name()
            ))),
        };
        // Only ids, kinds and counts are logged: never the recipient, subject or text.
        let span = tracing::info_span!(
            "courier.deliver",
            message.id = %msg.id,
            message.template = %msg.template,
            message.channel = msg.channel.as_str(),
            message.attempt = attempt,
            transport = transport.name(),
        );
        let now = self.clock.now();
        // `instrument`, never `span.enter()` across an await: a guard held over an await
        // leaves a closed span on another task's stack, and tracing-subscriber then panics
        // the worker thread ("tried to clone a span that already closed").
        let stored = async {
            match result {
                Ok(()) => {
                    report.sent += 1;
                    delivered(msg.channel, "sent");
                    tracing::info!(outcome = "sent", "message delivered");
                    self.store.mark_message_sent(msg.id, now).await
                }
                Err(error) if error.permanent || attempt >= self.policy.max_attempts => {
                    report.abandoned += 1;
                    delivered(msg.channel, "abandoned");
                    tracing::warn!(
                        outcome = "abandoned",
                        error.permanent = error.permanent,
                        error = %error.message,
                        "message abandoned"
                    );
                    self.store
                        .mark_message_failed(msg.id, attempt, None, &error.message, now)
                        .await
                }
                Err(error) => {
                    report.retried += 1;
                    delivered(msg.channel, "retried");
                    let next = now + self.policy.backoff(attempt, msg.id);
                    tracing::info!(
                        outcome = "retry",
                        error = %error.message,
                        retry_at = %format_instant(next),
                        "message delivery failed; will retry"
                    );
                    self.store
                        .mark_message_failed(msg.id, attempt, Some(next), &error.message, now)
                        .await
                }
            }
        }
        .instrument(span.clone())
        .await;
        let _in_span = span.entered();
        if let Err(error) = stored {
            // The lease runs out and the message is claimed again: delivery is
            // at-least-once, and the Message-ID / Idempotency-Key let peers drop repeats.
            tracing::error!(%error, "could not record the delivery outcome");
        }
    }
}

/// Counts a delivery attempt by channel and outcome (the metrics facade; a no-op unless
/// the binary installed a recorder).
fn delivered(channel: latchkey_store::Channel, outcome: &'static str) {
    metrics::counter!(
        "latchkey_courier_deliveries_total",
        "channel" => channel.as_str(),
        "outcome" => outcome,
    )
    .increment(1);
}

fn format_instant(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| t.unix_timestamp().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_small_jitter_and_a_cap() {
        let policy = CourierPolicy::default();
        for _ in 0..50 {
            let id = uuid::Uuid::now_v7();
            for attempts in 1..=12u32 {
                let d = policy.backoff(attempts, id);
                let exact = Duration::from_secs(5 * (1u64 << (attempts - 1)));
                let exact = exact.min(policy.max_backoff);
                assert!(d >= exact, "{attempts}: {d:?} < {exact:?}");
                assert!(
                    d <= exact.mul_f64(1.1).min(policy.max_backoff),
                    "{attempts}: {d:?}"
                );
            }
        }
        assert_eq!(policy.backoff(40, uuid::Uuid::nil()), policy.max_backoff);
    }
}
