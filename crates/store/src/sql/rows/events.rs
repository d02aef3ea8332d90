//! Event rows.

use super::decode::{corrupt, json};
use crate::Result;
use crate::model::{Actor, Event};
use latchkey_domain::clock::from_millis;
use latchkey_domain::ids::IdentityId;
use latchkey_domain::{EventType, Outcome};
use uuid::Uuid;

#[derive(sqlx::FromRow)]
pub(crate) struct EventRow {
    id: Uuid,
    identity_id: Uuid,
    kind: String,
    at: i64,
    ip: Option<String>,
    user_agent: Option<String>,
    data: String,
    actor_key_id: Option<Uuid>,
    actor_key_name: Option<String>,
    outcome: String,
}

impl EventRow {
    pub(crate) fn into_model(self) -> Result<Event> {
        Ok(Event {
            id: self.id,
            identity_id: IdentityId(self.identity_id),
            kind: EventType::parse(&self.kind).ok_or_else(|| corrupt("event kind", &self.kind))?,
            at: from_millis(self.at),
            ip: self.ip,
            user_agent: self.user_agent,
            data: json("event data", &self.data)?,
            actor: match (self.actor_key_id, self.actor_key_name) {
                (Some(key_id), Some(key_name)) => Some(Actor { key_id, key_name }),
                _ => None,
            },
            outcome: Outcome::parse(&self.outcome)
                .ok_or_else(|| corrupt("event outcome", &self.outcome))?,
        })
    }
}
