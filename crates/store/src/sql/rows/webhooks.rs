//! Webhook delivery rows.

use super::decode::{corrupt, count};
use crate::Result;
use crate::model::{DeliveryStatus, NewDelivery, WebhookDelivery};
use latchkey_domain::clock::from_millis;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
pub(crate) struct DeliveryRow {
    id: Uuid,
    event_id: Uuid,
    event_type: String,
    endpoint: String,
    body: String,
    status: String,
    attempts: i64,
    next_attempt_at: i64,
    last_status: Option<i64>,
    last_error: Option<String>,
    last_attempt_at: Option<i64>,
    created_at: i64,
    delivered_at: Option<i64>,
}

impl DeliveryRow {
    pub(crate) fn into_model(self) -> Result<WebhookDelivery> {
        let last_status = self
            .last_status
            .map(|s| u16::try_from(s).map_err(|_| corrupt("delivery status code", &s.to_string())))
            .transpose()?;
        Ok(WebhookDelivery {
            delivery: NewDelivery {
                id: self.id,
                event_id: self.event_id,
                event_type: self.event_type,
                endpoint: self.endpoint,
                body: self.body,
                created_at: from_millis(self.created_at),
            },
            status: DeliveryStatus::parse(&self.status)
                .ok_or_else(|| corrupt("delivery status", &self.status))?,
            attempts: count("delivery attempts", self.attempts)?,
            next_attempt_at: from_millis(self.next_attempt_at),
            last_status,
            last_error: self.last_error,
            last_attempt_at: self.last_attempt_at.map(from_millis),
            delivered_at: self.delivered_at.map(from_millis),
        })
    }
}
