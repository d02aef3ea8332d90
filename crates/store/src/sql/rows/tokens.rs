//! Link token rows.

use super::decode::corrupt;
use crate::Result;
use crate::model::{ResetToken, TokenPurpose};
use latchkey_domain::clock::from_millis;
use latchkey_domain::ids::{FlowId, IdentityId};
use uuid::Uuid;

#[derive(sqlx::FromRow)]
pub(crate) struct ResetTokenRow {
    token_hash: String,
    identity_id: Uuid,
    flow_id: Option<Uuid>,
    purpose: String,
    credential_stamp: Option<i64>,
    created_at: i64,
    expires_at: i64,
    used_at: Option<i64>,
}

impl ResetTokenRow {
    pub(crate) fn into_model(self) -> Result<ResetToken> {
        Ok(ResetToken {
            token_hash: self.token_hash,
            identity_id: IdentityId(self.identity_id),
            flow_id: self.flow_id.map(FlowId),
            purpose: TokenPurpose::parse(&self.purpose)
                .ok_or_else(|| corrupt("token purpose", &self.purpose))?,
            credential_stamp: self.credential_stamp.map(from_millis),
            created_at: from_millis(self.created_at),
            expires_at: from_millis(self.expires_at),
            used_at: self.used_at.map(from_millis),
        })
    }
}
