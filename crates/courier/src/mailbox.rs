//! The dev mailbox transport: messages are kept in the database and shown at
//! `/dev/mailbox` instead of being sent (dev mode only).

use crate::transport::{SendError, Transport};
use async_trait::async_trait;
use latchkey_store::{DynStore, MailboxEntry, NewMessage};

pub struct DevMailbox {
    store: DynStore,
}

impl DevMailbox {
    pub fn new(store: DynStore) -> Self {
        Self { store }
    }
}

#[async_trait]
impl Transport for DevMailbox {
    async fn send(&self, msg: &NewMessage) -> Result<(), SendError> {
        let entry = MailboxEntry {
            // The message id, so a retried delivery cannot show the message twice.
            id: msg.id,
            to: msg.recipient.clone(),
            channel: msg.channel,
            subject: msg.subject.clone(),
            text: msg.text.clone(),
            html: msg.html.clone(),
            created_at: msg.created_at,
        };
        self.store.mailbox_put(&entry).await.map_err(|e| {
            // A store error names the failing statement, never the row's values.
            SendError::temporary(format!("dev mailbox: {e}"))
        })
    }

    fn name(&self) -> &'static str {
        "dev_mailbox"
    }
}
