//! The audit trail: `admin.<action>` events naming the key, the admin API's event search,
//! the console's dashboard counts, and retention.

use super::{Admin, AdminActor, Permission};
use crate::{ClientInfo, FlowError, Flows};
use latchkey_domain::{EventType, IdentityId, Outcome};
use latchkey_store::{Event, EventCount, EventQuery};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

/// The most events one search returns.
pub const MAX_EVENTS: u32 = 1000;

impl Flows {
    /// Writes an event `kind` for `identity`, done by `actor`.
    pub(crate) async fn audit(
        &self,
        actor: &AdminActor,
        identity: IdentityId,
        kind: EventType,
        outcome: Outcome,
        client: &ClientInfo,
        data: serde_json::Value,
    ) {
        self.write_event(&Event {
            id: Uuid::now_v7(),
            identity_id: identity,
            kind,
            at: self.now(),
            ip: client.ip.clone(),
            user_agent: client.user_agent.clone(),
            data,
            actor: Some(actor.as_event_actor()),
            outcome,
        })
        .await;
    }

    /// Deletes events older than the retention (`[events] retention_days`).
    pub async fn purge_old_events(&self) -> Result<u64, FlowError> {
        let before = self.now() - self.admin.events.retention();
        let purged = self.store.purge_events(before).await?;
        if purged > 0 {
            tracing::info!(purged, "old events deleted (retention)");
        }
        Ok(purged)
    }
}

/// One series of the dashboard: a kind of event (or "messages sent") over time.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Series {
    /// The event type's name.
    pub kind: String,
    /// Counts per bucket, oldest first, one per bucket of the window (zeros included).
    pub counts: Vec<u64>,
}

/// The dashboard's figures over one window.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Dashboard {
    #[serde(with = "time::serde::rfc3339")]
    pub since: OffsetDateTime,
    pub bucket_seconds: i64,
    pub series: Vec<Series>,
}

/// The event kinds the dashboard charts: sign-ins, failures, lockouts, recoveries; and
/// the series [`MESSAGES_SENT`] (every code, link and notice that went out).
pub const DASHBOARD_KINDS: &[EventType] = &[
    EventType::SessionCreated,
    EventType::SigninFailed,
    EventType::IdentityLocked,
    EventType::RecoveryRequested,
];

/// The dashboard series of messages the courier delivered (from the outbox).
pub const MESSAGES_SENT: &str = "messages.sent";

impl Admin<'_> {
    /// `GET /admin/api/events`: newest first; `limit` defaults to 100, at most 1000.
    pub async fn events(
        &self,
        actor: &AdminActor,
        mut query: EventQuery,
    ) -> Result<Vec<Event>, FlowError> {
        actor.require(Permission::Read)?;
        query.limit = match query.limit {
            0 => 100,
            n => n.min(MAX_EVENTS),
        };
        Ok(self.0.store.query_events(&query).await?)
    }

    /// The dashboard over `window` (24 hours or 7 days) in `buckets` buckets.
    pub async fn dashboard(
        &self,
        actor: &AdminActor,
        window: Duration,
        buckets: u32,
    ) -> Result<Dashboard, FlowError> {
        actor.require(Permission::Read)?;
        let buckets = buckets.clamp(1, 400);
        let width = window / buckets;
        let width_ms = width.whole_milliseconds().max(1);
        let now = self.0.now();
        // Buckets aligned to the epoch, so the store's grouping and ours agree.
        let end_ms = latchkey_domain::clock::to_millis(now) as i128;
        let last_start = end_ms - end_ms.rem_euclid(width_ms);
        let first_start = last_start - width_ms * (i128::from(buckets) - 1);
        let since = latchkey_domain::clock::from_millis(
            i64::try_from(first_start).map_err(FlowError::internal)?,
        );
        let counts = self
            .0
            .store
            .event_counts(DASHBOARD_KINDS, since, width)
            .await?;
        let mut series: Vec<Series> = DASHBOARD_KINDS
            .iter()
            .map(|kind| Series {
                kind: kind.as_str().to_owned(),
                counts: bucketed(&counts, *kind, first_start, width_ms, buckets),
            })
            .collect();
        let sent = self.0.store.sent_counts(since, width).await?;
        let sent: Vec<EventCount> = sent
            .into_iter()
            .map(|(bucket_start, count)| EventCount {
                kind: EventType::SessionCreated,
                bucket_start,
                count,
            })
            .collect();
        series.push(Series {
            kind: MESSAGES_SENT.to_owned(),
            counts: bucketed(
                &sent,
                EventType::SessionCreated,
                first_start,
                width_ms,
                buckets,
            ),
        });
        Ok(Dashboard {
            since,
            bucket_seconds: width.whole_seconds(),
            series,
        })
    }
}

fn bucketed(counts: &[EventCount], kind: EventType, first: i128, width: i128, n: u32) -> Vec<u64> {
    let mut out = vec![0; n as usize];
    for c in counts.iter().filter(|c| c.kind == kind) {
        let start = latchkey_domain::clock::to_millis(c.bucket_start) as i128;
        let index = (start - first).div_euclid(width);
        if let Some(slot) = usize::try_from(index).ok().and_then(|i| out.get_mut(i)) {
            *slot += c.count;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_land_in_their_bucket_and_others_are_zero() {
        let at = |ms: i64| latchkey_domain::clock::from_millis(ms);
        let counts = vec![
            EventCount {
                kind: EventType::SessionCreated,
                bucket_start: at(2000),
                count: 3,
            },
            EventCount {
                kind: EventType::SigninFailed,
                bucket_start: at(2000),
                count: 9,
            },
            EventCount {
                kind: EventType::SessionCreated,
                bucket_start: at(4000),
                count: 1,
            },
        ];
        assert_eq!(
            bucketed(&counts, EventType::SessionCreated, 1000, 1000, 4),
            vec![0, 3, 0, 1]
        );
        assert_eq!(
            bucketed(&counts, EventType::SigninFailed, 1000, 1000, 4),
            vec![0, 9, 0, 0]
        );
    }
}

impl Admin<'_> {
    /// The configured webhook endpoints and the delivery log, newest first.
    pub async fn webhooks(
        &self,
        actor: &AdminActor,
        limit: u32,
    ) -> Result<(Vec<String>, Vec<latchkey_store::WebhookDelivery>), FlowError> {
        actor.require(Permission::Read)?;
        let deliveries = self
            .0
            .webhook_deliveries(limit.clamp(1, MAX_EVENTS))
            .await?;
        Ok((self.0.webhook_endpoints(), deliveries))
    }

    /// Sends a `webhook.test` event to one configured endpoint (admins only).
    pub async fn test_webhook(&self, actor: &AdminActor, url: &str) -> Result<(), FlowError> {
        actor.require(Permission::Operate)?;
        self.0.send_test_webhook(url).await?;
        tracing::info!(admin.key_id = %actor.key_id, "webhook test event queued");
        Ok(())
    }
}
