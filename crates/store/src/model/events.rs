//! Security events: what happened to an account, when, and from where.

use latchkey_domain::EventType;
use latchkey_domain::ids::IdentityId;
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
}
