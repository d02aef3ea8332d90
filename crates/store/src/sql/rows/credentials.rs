//! Credential rows.

use super::decode::{corrupt, get, json, uuid};
use crate::Result;
use crate::model::{Credential, CredentialKind};
use latchkey_domain::clock::from_millis;
use latchkey_domain::ids::IdentityId;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
pub(crate) struct CredentialRow {
    id: Uuid,
    identity_id: Uuid,
    kind: String,
    secret: String,
    data: String,
    created_at: i64,
    updated_at: i64,
    name: Option<String>,
    lookup: Option<String>,
    counter: i64,
    last_used_at: Option<i64>,
}

impl CredentialRow {
    /// A `CREDENTIALS_SQL` row read through rusqlite (see `SessionLookupRow`).
    pub(crate) fn from_rusqlite(row: &rusqlite::Row<'_>) -> Result<Self> {
        Ok(Self {
            id: uuid(&get::<Vec<u8>>(row, 0)?)?,
            identity_id: uuid(&get::<Vec<u8>>(row, 1)?)?,
            kind: get(row, 2)?,
            secret: get(row, 3)?,
            data: get(row, 4)?,
            created_at: get(row, 5)?,
            updated_at: get(row, 6)?,
            name: get(row, 7)?,
            lookup: get(row, 8)?,
            counter: get(row, 9)?,
            last_used_at: get(row, 10)?,
        })
    }

    pub(crate) fn into_model(self) -> Result<Credential> {
        Ok(Credential {
            id: self.id,
            identity_id: IdentityId(self.identity_id),
            kind: CredentialKind::parse(&self.kind)
                .ok_or_else(|| corrupt("credential kind", &self.kind))?,
            secret: self.secret,
            data: json("credential data", &self.data)?,
            name: self.name,
            lookup: self.lookup,
            counter: self.counter,
            created_at: from_millis(self.created_at),
            updated_at: from_millis(self.updated_at),
            last_used_at: self.last_used_at.map(from_millis),
        })
    }
}
