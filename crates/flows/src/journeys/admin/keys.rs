//! Admin keys: created (the key printed once, only its digest kept), listed, revoked.
//! `latchkey admin create-key` calls these without an actor (`None`): whoever runs the
//! command on the server already holds the database. Through the API only admins may.

use super::{Admin, AdminActor, Permission};
use crate::FlowError;
use latchkey_domain::secret::{new_token, token_hash};
use latchkey_store::{AdminKey, AdminRole};
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

/// A key just created: `key` is shown once and never again.
#[derive(Serialize)]
pub struct CreatedKey {
    pub id: Uuid,
    pub name: String,
    pub role: AdminRole,
    pub key: String,
}

impl std::fmt::Debug for CreatedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreatedKey")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("role", &self.role)
            .field("key", &"<redacted>")
            .finish()
    }
}

/// A key as listed (never its secret).
#[derive(Debug, Clone, Serialize)]
pub struct KeyView {
    pub id: Uuid,
    pub name: String,
    pub role: AdminRole,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_used_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub revoked_at: Option<OffsetDateTime>,
}

impl From<AdminKey> for KeyView {
    fn from(k: AdminKey) -> Self {
        Self {
            id: k.id,
            name: k.name,
            role: k.role,
            created_at: k.created_at,
            last_used_at: k.last_used_at,
            revoked_at: k.revoked_at,
        }
    }
}

/// Admin keys are `lk_admin_` and 43 characters of randomness (256 bits), so a leaked
/// one is recognisable in a log or a repository.
const KEY_PREFIX: &str = "lk_admin_";

impl Admin<'_> {
    pub async fn create_key(
        &self,
        by: Option<&AdminActor>,
        name: &str,
        role: AdminRole,
    ) -> Result<CreatedKey, FlowError> {
        if let Some(actor) = by {
            actor.require(Permission::Operate)?;
        }
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(FlowError::InvalidInput { field: "name" });
        }
        let flows = self.0;
        let key = format!("{KEY_PREFIX}{}", new_token());
        let record = AdminKey {
            id: Uuid::now_v7(),
            name: name.to_owned(),
            role,
            created_at: flows.now(),
            last_used_at: None,
            revoked_at: None,
        };
        flows
            .store
            .create_admin_key(&record, &token_hash(&key))
            .await?;
        tracing::info!(admin.key_id = %record.id, admin.key_name = %record.name, role = role.as_str(), "admin key created");
        Ok(CreatedKey {
            id: record.id,
            name: record.name,
            role,
            key,
        })
    }

    pub async fn keys(&self, by: Option<&AdminActor>) -> Result<Vec<KeyView>, FlowError> {
        if let Some(actor) = by {
            actor.require(Permission::Operate)?;
        }
        Ok(self
            .0
            .store
            .admin_keys()
            .await?
            .into_iter()
            .map(KeyView::from)
            .collect())
    }

    /// Revokes a key by its id; `NotFound` when unknown or already revoked.
    pub async fn revoke_key(&self, by: Option<&AdminActor>, id: Uuid) -> Result<(), FlowError> {
        if let Some(actor) = by {
            actor.require(Permission::Operate)?;
        }
        if self.0.store.revoke_admin_key(id, self.0.now()).await? {
            tracing::info!(admin.key_id = %id, "admin key revoked");
            Ok(())
        } else {
            Err(FlowError::NotFound)
        }
    }
}
