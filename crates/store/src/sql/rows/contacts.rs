//! Contact rows, alone and joined with their identity.

use super::decode::{contact_kind, get, identity_state, uuid};
use crate::Result;
use crate::model::{Contact, ContactKind, EmailRevert, Identity};
use latchkey_domain::clock::from_millis;
use latchkey_domain::ids::IdentityId;
use uuid::Uuid;

/// Email keys are compared lowercased; phone keys are E.164, where lowercasing is a no-op.
pub(crate) fn address_key(kind: ContactKind, key: &str) -> String {
    match kind {
        ContactKind::Email => key.to_lowercase(),
        ContactKind::Phone => key.to_owned(),
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ContactRow {
    id: Uuid,
    identity_id: Uuid,
    kind: String,
    address: String,
    address_key: String,
    verified: bool,
    is_primary: bool,
    created_at: i64,
}

impl ContactRow {
    pub(crate) fn into_model(self) -> Result<Contact> {
        Ok(Contact {
            id: self.id,
            identity_id: IdentityId(self.identity_id),
            kind: contact_kind(&self.kind)?,
            address: self.address,
            address_key: self.address_key,
            verified: self.verified,
            primary: self.is_primary,
            created_at: from_millis(self.created_at),
        })
    }
}

/// A contact joined with its identity; the identity's columns carry an `i_` prefix.
#[derive(sqlx::FromRow)]
pub(crate) struct ContactIdentityRow {
    #[sqlx(flatten)]
    contact: ContactRow,
    i_name: Option<String>,
    i_locale: Option<String>,
    i_state: String,
    i_created_at: i64,
    i_updated_at: i64,
}

impl ContactIdentityRow {
    pub(crate) fn into_model(self) -> Result<(Contact, Identity)> {
        let contact = self.contact.into_model()?;
        let identity = Identity {
            id: contact.identity_id,
            name: self.i_name,
            locale: self.i_locale,
            state: identity_state(&self.i_state)?,
            created_at: from_millis(self.i_created_at),
            updated_at: from_millis(self.i_updated_at),
        };
        Ok((contact, identity))
    }
}

impl ContactIdentityRow {
    /// A `CONTACT_AND_IDENTITY_SQL` row read through rusqlite (see `SessionLookupRow`).
    pub(crate) fn from_rusqlite(row: &rusqlite::Row<'_>) -> Result<Self> {
        Ok(Self {
            contact: ContactRow {
                id: uuid(&get::<Vec<u8>>(row, 0)?)?,
                identity_id: uuid(&get::<Vec<u8>>(row, 1)?)?,
                kind: get(row, 2)?,
                address: get(row, 3)?,
                address_key: get(row, 4)?,
                verified: get(row, 5)?,
                is_primary: get(row, 6)?,
                created_at: get(row, 7)?,
            },
            i_name: get(row, 8)?,
            i_locale: get(row, 9)?,
            i_state: get(row, 10)?,
            i_created_at: get(row, 11)?,
            i_updated_at: get(row, 12)?,
        })
    }
}

/// A revert link's row (`email_reverts`).
#[derive(sqlx::FromRow)]
pub(crate) struct EmailRevertRow {
    token_hash: String,
    identity_id: Uuid,
    old_address: String,
    old_address_key: String,
    new_contact_id: Uuid,
    created_at: i64,
    expires_at: i64,
    used_at: Option<i64>,
}

impl EmailRevertRow {
    pub(crate) fn into_model(self) -> EmailRevert {
        EmailRevert {
            token_hash: self.token_hash,
            identity_id: IdentityId(self.identity_id),
            old_address: self.old_address,
            old_address_key: self.old_address_key,
            new_contact_id: self.new_contact_id,
            created_at: from_millis(self.created_at),
            expires_at: from_millis(self.expires_at),
            used_at: self.used_at.map(from_millis),
        }
    }
}
