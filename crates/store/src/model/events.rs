//! Security events: what happened to an account, when, and from where.

use latchkey_domain::ids::IdentityId;
use latchkey_domain::{EventType, Outcome};
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: Uuid,
    /// The account it happened to; kept after the account is erased (the shop's
    /// record of `identity.deleted`), so it is no foreign key.
    pub identity_id: IdentityId,
    pub kind: EventType,
    pub at: OffsetDateTime,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// Type-specific details (a method, a provider, a masked address); never a secret.
    pub data: serde_json::Value,
    /// The admin key that did it (`admin.*` events and the changes they made).
    pub actor: Option<Actor>,
    pub outcome: Outcome,
}

/// An admin key, as the audit trail names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub key_id: Uuid,
    pub key_name: String,
}

/// Which events `Events::query_events` returns: all conditions hold; newest first.
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    pub identity: Option<IdentityId>,
    pub kind: Option<EventType>,
    /// At or after.
    pub since: Option<OffsetDateTime>,
    /// Strictly before (the next page's cursor).
    pub before: Option<OffsetDateTime>,
    pub limit: u32,
}

/// How many events of one kind happened in one time bucket (the console's charts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventCount {
    pub kind: EventType,
    pub bucket_start: OffsetDateTime,
    pub count: u64,
}
