//! The dev mailbox's view of sent messages.

use super::Channel;
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

/// A message as the dev mailbox shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailboxEntry {
    pub id: Uuid,
    pub to: String,
    pub channel: Channel,
    pub subject: String,
    pub text: String,
    #[serde(skip)]
    pub html: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}
