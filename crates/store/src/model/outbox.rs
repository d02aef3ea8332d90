//! The courier's outbox: rendered messages and their delivery state.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Sms => "sms",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "email" => Some(Self::Email),
            "sms" => Some(Self::Sms),
            _ => None,
        }
    }
}

/// A rendered message ready for delivery. It is rendered when the flow writes it, so a
/// template change or a restart never alters what was promised to the recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    pub id: Uuid,
    pub channel: Channel,
    /// Email address or E.164 phone number.
    pub recipient: String,
    pub locale: String,
    /// The template it came from ("verification_code", "signup_attempt", …).
    pub template: String,
    /// Empty for SMS.
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
    pub created_at: OffsetDateTime,
    /// Until when delivering it still helps: a code or link until it expires, a notice
    /// for a day or so. The courier retries a failing delivery until then, then gives up.
    pub useful_until: OffsetDateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageStatus {
    Pending,
    Sent,
    Abandoned,
}

impl MessageStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sent => "sent",
            Self::Abandoned => "abandoned",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pending" => Some(Self::Pending),
            "sent" => Some(Self::Sent),
            "abandoned" => Some(Self::Abandoned),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    pub message: NewMessage,
    pub status: MessageStatus,
    pub attempts: u32,
    pub next_attempt_at: OffsetDateTime,
    pub last_error: Option<String>,
    pub sent_at: Option<OffsetDateTime>,
    pub last_attempt_at: Option<OffsetDateTime>,
    /// Why an abandoned message was given up ("expired after 14 attempts: smtp reply
    /// 421"); built from counts and error classes, never from the message.
    pub abandon_reason: Option<String>,
}
