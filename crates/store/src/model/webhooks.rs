//! Webhook deliveries: one POST of one event to one endpoint, and its delivery state.

use time::OffsetDateTime;
use uuid::Uuid;

/// A delivery to be written: by the dispatcher for an event, or for a test event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDelivery {
    pub id: Uuid,
    /// The event's id (the body's `id`): the same for every endpoint it goes to, so a
    /// receiver drops repeats by it.
    pub event_id: Uuid,
    /// The event's type name (`session.created`, `webhook.test`), for the delivery log.
    pub event_type: String,
    /// The endpoint's URL, as configured.
    pub endpoint: String,
    /// The exact JSON that is POSTed and signed.
    pub body: String,
    /// Also the first attempt's time.
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryStatus {
    Pending,
    Delivered,
    Abandoned,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Delivered => "delivered",
            Self::Abandoned => "abandoned",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pending" => Some(Self::Pending),
            "delivered" => Some(Self::Delivered),
            "abandoned" => Some(Self::Abandoned),
            _ => None,
        }
    }
}

/// A stored delivery, as the worker claims it and the delivery log shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookDelivery {
    pub delivery: NewDelivery,
    pub status: DeliveryStatus,
    /// Attempts made so far.
    pub attempts: u32,
    pub next_attempt_at: OffsetDateTime,
    /// The HTTP status of the last answer, if there was one.
    pub last_status: Option<u16>,
    /// Why the last attempt failed, or why the delivery was abandoned (never the secret
    /// or a signature).
    pub last_error: Option<String>,
    pub last_attempt_at: Option<OffsetDateTime>,
    pub delivered_at: Option<OffsetDateTime>,
}
