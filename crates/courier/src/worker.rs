//! The outbox worker: claims due messages, hands each to its transport, and records the
//! outcome: `sent`, a retry after capped exponential backoff, or `abandoned` once retrying
//! cannot help (a permanent error) or the message is no longer useful (its code or link
//! expired, its notice window passed). It also purges finished messages past retention.

use crate::transport::{SendError, Transports};
use latchkey_domain::Clock;
use latchkey_store::{DynStore, OutboxMessage, Result};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;
use tokio::sync::Notify;
use tracing::Instrument;

/// How the worker retries and paces itself. There is no attempt limit: a message is
/// retried until its `useful_until` (set when it was composed), so an outage shorter than
/// a message's life loses nothing.
#[derive(Debug, Clone)]
pub struct CourierPolicy {
    /// Delay after the first failure; doubles with every further failure…
    pub base_backoff: Duration,
    /// …up to this, and up to a tenth of the message's useful life, so that even a
    /// 15-minute code gets about ten tries after a long outage ends.
    pub max_backoff: Duration,
    /// Messages claimed per round trip to the store.
    pub batch: u32,
    /// How long a claim keeps other workers off a message. A send is cut off at half of
    /// it, so a slow transport cannot outlive its lease and be sent twice.
    pub lease: Duration,
    /// How often `run` looks for due messages when nobody notifies it.
    pub poll_interval: Duration,
    /// Sent and abandoned messages (their bodies already blanked) are deleted once they
    /// are this old.
    pub retention: time::Duration,
    /// How often `run` purges (by the worker's clock).
    pub purge_interval: time::Duration,
}

impl Default for CourierPolicy {
    fn default() -> Self {
        Self {
            base_backoff: Duration::from_secs(5),
            max_backoff: Duration::from_secs(3600),
            batch: 32,
            lease: Duration::from_secs(60),
            poll_interval: Duration::from_secs(1),
            retention: CourierConfig::default().retention(),
            purge_interval: time::Duration::hours(1),
        }
    }
}

/// The `[courier]` section of the config, in its units: how long failing deliveries are
/// retried, how long finished rows are kept.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourierConfig {
    /// Hours a notice without a code or link (welcome, sign-up attempt, method hint) is
    /// retried while delivery fails. Codes and links are retried until they expire.
    pub notice_retry_hours: i64,
    /// Days a sent or abandoned message's row (subject and metadata; the bodies are blanked
    /// at once) is kept before it is deleted.
    pub retention_days: i64,
}

impl Default for CourierConfig {
    fn default() -> Self {
        Self {
            notice_retry_hours: 24,
            retention_days: 30,
        }
    }
}

impl CourierConfig {
    /// How long a message that carries nothing that expires is worth delivering
    /// ([`crate::MessageLifetimes::notice`]).
    pub fn notice_retry(&self) -> time::Duration {
        time::Duration::hours(self.notice_retry_hours)
    }

    /// How long finished rows are kept ([`CourierPolicy::retention`]).
    pub fn retention(&self) -> time::Duration {
        time::Duration::days(self.retention_days)
    }

    /// The worker's policy: the defaults, with this section's retention.
    pub fn policy(&self) -> CourierPolicy {
        CourierPolicy {
            retention: self.retention(),
            ..CourierPolicy::default()
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

    /// [`Self::backoff`] for a message useful for `life` in all: also capped at a tenth of
    /// it (but never below `base_backoff`).
    pub fn retry_delay(&self, attempts: u32, id: uuid::Uuid, life: time::Duration) -> Duration {
        let tenth = Duration::try_from(life / 10).unwrap_or_default();
        self.backoff(attempts, id).min(tenth.max(self.base_backoff))
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
        let mut last_purge: Option<OffsetDateTime> = None;
        loop {
            if let Err(error) = self.drain().await {
                tracing::warn!(%error, "courier could not read the outbox");
            }
            let now = self.clock.now();
            if last_purge.is_none_or(|t| now - t >= self.policy.purge_interval) {
                last_purge = Some(now);
                match self.purge().await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(purged = n, "courier purged old outbox messages"),
                    Err(error) => tracing::warn!(%error, "courier could not purge the outbox"),
                }
            }
            tokio::select! {
                _ = &mut shutdown => break,
                _ = self.notify.notified() => {}
                _ = tokio::time::sleep(self.policy.poll_interval) => {}
            }
        }
        tracing::info!("courier stopped");
    }

    /// Deletes sent and abandoned messages older than the retention; returns how many.
    pub async fn purge(&self) -> Result<u64> {
        let before = self.clock.now() - self.policy.retention;
        self.store.purge_messages(before).await
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
        let transport = self.transports.for_channel(msg.channel);
        let span = tracing::info_span!(
            "courier.deliver",
            message.id = %msg.id,
            message.template = %msg.template,
            message.channel = msg.channel.as_str(),
            message.attempt = outbox.attempts + 1,
            transport = transport.name(),
        );
        // A retry that comes due after the message stopped being useful (the worker was
        // down, or the clock jumped) is given up unsent: an expired code only confuses.
        // The first attempt always goes out, however late.
        if outbox.attempts > 0 && self.clock.now() >= msg.useful_until {
            let last = outbox.last_error.as_deref().unwrap_or("no error recorded");
            let stored = self
                .give_up(msg, outbox.attempts, last, Abandon::Expired, report)
                .instrument(span.clone())
                .await;
            record(&span, stored);
            return;
        }
        let attempt = outbox.attempts + 1;
        let cutoff = self.policy.lease / 2;
        let result = match tokio::time::timeout(cutoff, transport.send(msg)).await {
            Ok(result) => result,
            Err(_) => Err(SendError::temporary(format!(
                "{} send took longer than {cutoff:?}",
                transport.name()
            ))),
        };
        // Only ids, kinds and counts are logged: never the recipient, subject or text.
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
                Err(error) if error.permanent => {
                    self.give_up(msg, attempt, &error.message, Abandon::Permanent, report)
                        .await
                }
                Err(error) => {
                    let life = msg.useful_until - msg.created_at;
                    let next = now + self.policy.retry_delay(attempt, msg.id, life);
                    if next > msg.useful_until {
                        return self
                            .give_up(msg, attempt, &error.message, Abandon::Expired, report)
                            .await;
                    }
                    report.retried += 1;
                    delivered(msg.channel, "retried");
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
        record(&span, stored);
    }

    /// Abandons `msg` after `attempts`, recording why (counts and the error's class, never
    /// content) and counting it by reason.
    async fn give_up(
        &self,
        msg: &latchkey_store::NewMessage,
        attempts: u32,
        error: &str,
        why: Abandon,
        report: &mut DrainReport,
    ) -> Result<()> {
        report.abandoned += 1;
        delivered(msg.channel, "abandoned");
        metrics::counter!(
            "latchkey_messages_abandoned_total",
            "channel" => msg.channel.as_str(),
            "reason" => why.label(),
        )
        .increment(1);
        let reason = format!(
            "{} after {attempts} attempt{}: {}",
            why.says(),
            if attempts == 1 { "" } else { "s" },
            error_class(error)
        );
        tracing::warn!(
            outcome = "abandoned",
            reason = why.label(),
            error = %error,
            attempts,
            "message abandoned"
        );
        let now = self.clock.now();
        self.store
            .abandon_message(msg.id, attempts, error, &reason, now)
            .await
    }
}

/// Logs a failure to record a delivery's outcome.
fn record(span: &tracing::Span, stored: Result<()>) {
    let _in_span = span.clone().entered();
    if let Err(error) = stored {
        // The lease runs out and the message is claimed again: delivery is
        // at-least-once, and the Message-ID / Idempotency-Key let peers drop repeats.
        tracing::error!(%error, "could not record the delivery outcome");
    }
}

/// Why a message was given up; the label of `latchkey_messages_abandoned_total`.
#[derive(Debug, Clone, Copy)]
enum Abandon {
    /// Its code, link or notice window ran out while deliveries kept failing.
    Expired,
    /// The transport said retrying cannot help (rejected address, 5xx).
    Permanent,
}

impl Abandon {
    fn label(self) -> &'static str {
        match self {
            Self::Expired => "expired",
            Self::Permanent => "permanent",
        }
    }

    fn says(self) -> &'static str {
        match self {
            Self::Expired => "expired",
            Self::Permanent => "permanent error",
        }
    }
}

/// The error's class: what comes before the detail ("smtp connection error", "smtp reply
/// 421", "sms gateway answered 503"). Transport errors never hold message content anyway;
/// this keeps the reason short and groupable.
fn error_class(error: &str) -> &str {
    let class = error.split(':').next().unwrap_or(error).trim();
    match class.char_indices().nth(80) {
        Some((i, _)) => &class[..i],
        None => class,
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

    #[test]
    fn retries_come_at_least_every_tenth_of_a_message_life() {
        let policy = CourierPolicy::default();
        let id = uuid::Uuid::now_v7();
        let code = time::Duration::minutes(15);
        assert_eq!(policy.retry_delay(1, id, code), policy.backoff(1, id));
        assert_eq!(policy.retry_delay(20, id, code), Duration::from_secs(90));
        let day = time::Duration::hours(24);
        assert_eq!(policy.retry_delay(20, id, day), policy.max_backoff);
        // A message with (almost) no life left still waits the base delay.
        let tiny = time::Duration::seconds(1);
        assert_eq!(policy.retry_delay(20, id, tiny), policy.base_backoff);
    }

    #[test]
    fn the_error_class_drops_the_detail() {
        assert_eq!(
            error_class("smtp connection error: Connection refused (os error 111)"),
            "smtp connection error"
        );
        assert_eq!(error_class("smtp reply 421"), "smtp reply 421");
        assert_eq!(error_class(&"x".repeat(200)).len(), 80);
    }
}
