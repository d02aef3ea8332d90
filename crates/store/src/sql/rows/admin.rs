//! Admin key and identity facts rows.

use super::decode::{corrupt, json};
use crate::Result;
use crate::model::{AdminKey, AdminRole, IdentityFacts};
use latchkey_domain::clock::from_millis;
use latchkey_domain::ids::IdentityId;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
pub(crate) struct AdminKeyRow {
    id: Uuid,
    name: String,
    role: String,
    created_at: i64,
    last_used_at: Option<i64>,
    revoked_at: Option<i64>,
}

impl AdminKeyRow {
    pub(crate) fn into_model(self) -> Result<AdminKey> {
        Ok(AdminKey {
            id: self.id,
            name: self.name,
            role: AdminRole::parse(&self.role).ok_or_else(|| corrupt("admin role", &self.role))?,
            created_at: from_millis(self.created_at),
            last_used_at: self.last_used_at.map(from_millis),
            revoked_at: self.revoked_at.map(from_millis),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct FactsRow {
    id: Uuid,
    identity_id: Uuid,
    facts: String,
    recorded_by: String,
    created_at: i64,
}

impl FactsRow {
    pub(crate) fn into_model(self) -> Result<IdentityFacts> {
        Ok(IdentityFacts {
            id: self.id,
            identity_id: IdentityId(self.identity_id),
            facts: json("identity facts", &self.facts)?,
            recorded_by: self.recorded_by,
            created_at: from_millis(self.created_at),
        })
    }
}
