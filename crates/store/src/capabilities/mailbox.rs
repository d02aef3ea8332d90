//! The dev mailbox: messages kept in the database for `/dev/mailbox` in dev mode.

use crate::Result;
use crate::model::MailboxEntry;
use async_trait::async_trait;

#[async_trait]
pub trait Mailbox: Send + Sync {
    async fn mailbox_put(&self, entry: &MailboxEntry) -> Result<()>;
    /// Newest first; `to` filters by recipient (exact, case-insensitive for email).
    async fn mailbox_list(&self, to: Option<&str>, limit: u32) -> Result<Vec<MailboxEntry>>;
}
