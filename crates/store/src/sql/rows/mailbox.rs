//! Dev mailbox rows.

use super::decode::channel;
use crate::Result;
use crate::model::MailboxEntry;
use latchkey_domain::clock::from_millis;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
pub(crate) struct MailboxRow {
    id: Uuid,
    to_address: String,
    channel: String,
    subject: String,
    text: String,
    html: Option<String>,
    created_at: i64,
}

impl MailboxRow {
    pub(crate) fn into_model(self) -> Result<MailboxEntry> {
        Ok(MailboxEntry {
            id: self.id,
            to: self.to_address,
            channel: channel(&self.channel)?,
            subject: self.subject,
            text: self.text,
            html: self.html,
            created_at: from_millis(self.created_at),
        })
    }
}
