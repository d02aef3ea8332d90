//! Outbox rows.

use super::decode::{channel, corrupt, count};
use crate::Result;
use crate::model::{MessageStatus, NewMessage, OutboxMessage};
use latchkey_domain::clock::from_millis;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
pub(crate) struct OutboxRow {
    id: Uuid,
    channel: String,
    recipient: String,
    locale: String,
    template: String,
    subject: String,
    text: String,
    html: Option<String>,
    created_at: i64,
    status: String,
    attempts: i64,
    next_attempt_at: i64,
    last_error: Option<String>,
    sent_at: Option<i64>,
    useful_until: i64,
    last_attempt_at: Option<i64>,
    abandon_reason: Option<String>,
}

impl OutboxRow {
    pub(crate) fn into_model(self) -> Result<OutboxMessage> {
        Ok(OutboxMessage {
            message: NewMessage {
                id: self.id,
                channel: channel(&self.channel)?,
                recipient: self.recipient,
                locale: self.locale,
                template: self.template,
                subject: self.subject,
                text: self.text,
                html: self.html,
                created_at: from_millis(self.created_at),
                useful_until: from_millis(self.useful_until),
            },
            status: MessageStatus::parse(&self.status)
                .ok_or_else(|| corrupt("message status", &self.status))?,
            attempts: count("message attempts", self.attempts)?,
            next_attempt_at: from_millis(self.next_attempt_at),
            last_error: self.last_error,
            sent_at: self.sent_at.map(from_millis),
            last_attempt_at: self.last_attempt_at.map(from_millis),
            abandon_reason: self.abandon_reason,
        })
    }
}
