//! Flow and flow code rows.

use super::decode::{contact_kind, corrupt, count, json};
use crate::Result;
use crate::model::{Flow, FlowCode, FlowKind, FlowState};
use latchkey_domain::clock::from_millis;
use latchkey_domain::ids::{FlowId, IdentityId};
use uuid::Uuid;

#[derive(sqlx::FromRow)]
pub(crate) struct FlowRow {
    id: Uuid,
    kind: String,
    state: String,
    identity_id: Option<Uuid>,
    identifier_key: String,
    channel: String,
    payload: String,
    failures: i64,
    created_at: i64,
    expires_at: i64,
    last_sent_at: i64,
    completed_at: Option<i64>,
}

impl FlowRow {
    pub(crate) fn into_model(self) -> Result<Flow> {
        Ok(Flow {
            id: FlowId(self.id),
            kind: FlowKind::parse(&self.kind).ok_or_else(|| corrupt("flow kind", &self.kind))?,
            state: FlowState::parse(&self.state)
                .ok_or_else(|| corrupt("flow state", &self.state))?,
            identity_id: self.identity_id.map(IdentityId),
            identifier_key: self.identifier_key,
            channel: contact_kind(&self.channel)?,
            payload: json("flow payload", &self.payload)?,
            failures: count("flow failures", self.failures)?,
            created_at: from_millis(self.created_at),
            expires_at: from_millis(self.expires_at),
            last_sent_at: from_millis(self.last_sent_at),
            completed_at: self.completed_at.map(from_millis),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct FlowCodeRow {
    id: Uuid,
    flow_id: Uuid,
    code_hash: String,
    created_at: i64,
    expires_at: i64,
}

impl FlowCodeRow {
    pub(crate) fn into_model(self) -> FlowCode {
        FlowCode {
            id: self.id,
            flow_id: FlowId(self.flow_id),
            code_hash: self.code_hash,
            created_at: from_millis(self.created_at),
            expires_at: from_millis(self.expires_at),
        }
    }
}
