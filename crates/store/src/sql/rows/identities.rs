//! Identity rows, and the account columns (`sql::account_cols!`) read with them.

use super::decode::{contact_kind, corrupt, identity_state};
use crate::Result;
use crate::model::{Account, Contact, Identity};
use latchkey_domain::clock::from_millis;
use latchkey_domain::ids::IdentityId;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
pub(crate) struct IdentityRow {
    id: Uuid,
    name: Option<String>,
    locale: Option<String>,
    state: String,
    created_at: i64,
    updated_at: i64,
}

impl IdentityRow {
    pub(crate) fn into_model(self) -> Result<Identity> {
        Ok(Identity {
            id: IdentityId(self.id),
            name: self.name,
            locale: self.locale,
            state: identity_state(&self.state)?,
            created_at: from_millis(self.created_at),
            updated_at: from_millis(self.updated_at),
        })
    }
}

/// One row of `sql::account_cols!`: the identity, its password flag and one contact.
#[derive(sqlx::FromRow)]
pub(crate) struct AccountCols {
    pub(super) i_id: Uuid,
    pub(super) i_name: Option<String>,
    pub(super) i_locale: Option<String>,
    pub(super) i_state: String,
    pub(super) i_created_at: i64,
    pub(super) i_updated_at: i64,
    pub(super) has_password: bool,
    pub(super) has_totp: bool,
    pub(super) has_passkey: bool,
    #[sqlx(flatten)]
    pub(super) contact: ContactCols,
}

impl AccountCols {
    /// Folds the rows of one identity (one per contact) into the model.
    pub(crate) fn assemble(rows: impl IntoIterator<Item = Self>) -> Result<Option<Account>> {
        let mut rows = rows.into_iter();
        let Some(first) = rows.next() else {
            return Ok(None);
        };
        let identity = Identity {
            id: IdentityId(first.i_id),
            name: first.i_name,
            locale: first.i_locale,
            state: identity_state(&first.i_state)?,
            created_at: from_millis(first.i_created_at),
            updated_at: from_millis(first.i_updated_at),
        };
        let mut contacts = Vec::new();
        for cols in std::iter::once(first.contact).chain(rows.map(|r| r.contact)) {
            if let Some(contact) = cols.into_model(identity.id)? {
                contacts.push(contact);
            }
        }
        Ok(Some(Account {
            identity,
            contacts,
            has_password: first.has_password,
            has_totp: first.has_totp,
            has_passkey: first.has_passkey,
        }))
    }
}

/// A contact's columns from an outer join: all NULL when there was no contact.
#[derive(sqlx::FromRow)]
pub(super) struct ContactCols {
    #[sqlx(rename = "c_id")]
    pub(super) id: Option<Uuid>,
    #[sqlx(rename = "c_kind")]
    pub(super) kind: Option<String>,
    #[sqlx(rename = "c_address")]
    pub(super) address: Option<String>,
    #[sqlx(rename = "c_address_key")]
    pub(super) address_key: Option<String>,
    #[sqlx(rename = "c_verified")]
    pub(super) verified: Option<bool>,
    #[sqlx(rename = "c_is_primary")]
    pub(super) is_primary: Option<bool>,
    #[sqlx(rename = "c_created_at")]
    pub(super) created_at: Option<i64>,
}

impl ContactCols {
    fn into_model(self, identity_id: IdentityId) -> Result<Option<Contact>> {
        let Some(id) = self.id else {
            return Ok(None);
        };
        match (
            self.kind,
            self.address,
            self.address_key,
            self.verified,
            self.is_primary,
            self.created_at,
        ) {
            (
                Some(kind),
                Some(address),
                Some(address_key),
                Some(verified),
                Some(primary),
                Some(created_at),
            ) => Ok(Some(Contact {
                id,
                identity_id,
                kind: contact_kind(&kind)?,
                address,
                address_key,
                verified,
                primary,
                created_at: from_millis(created_at),
            })),
            _ => Err(corrupt("contact", &id.to_string())),
        }
    }
}
