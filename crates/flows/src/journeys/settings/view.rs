//! What the API and pages show of an account.

use crate::kernel::registry::AccountFacts;
use crate::{FlowError, Flows};
use latchkey_domain::IdentityId;
use latchkey_store::{Account, ContactKind, Identity, IdentityState};
use serde::Serialize;
use time::OffsetDateTime;

#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    pub id: uuid::Uuid,
    pub kind: ContactKind,
    pub address: String,
    pub verified: bool,
    pub primary: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct IdentityView {
    pub id: IdentityId,
    pub name: Option<String>,
    pub locale: Option<String>,
    pub state: IdentityState,
    pub contacts: Vec<ContactView>,
    /// The sign-in methods the person sees: "password", "email_code", "sms_code".
    pub methods: Vec<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl IdentityView {
    /// The primary email, else the primary phone: how the account is named on pages.
    pub fn display_address(&self) -> Option<&str> {
        let pick = |k| {
            self.contacts
                .iter()
                .find(|c| c.kind == k && c.primary)
                .or_else(|| self.contacts.iter().find(|c| c.kind == k))
        };
        pick(ContactKind::Email)
            .or_else(|| pick(ContactKind::Phone))
            .map(|c| c.address.as_str())
    }
}

impl IdentityView {
    /// The view of an account: the identity, its contacts and whether it has a password.
    pub fn new(account: Account) -> Self {
        let Account {
            identity,
            contacts,
            has_password,
            has_totp,
            has_passkey,
        } = account;
        let verified = |kind| contacts.iter().any(|c| c.verified && c.kind == kind);
        let methods = crate::kernel::registry::method_hints(&AccountFacts {
            has_password,
            has_totp,
            has_passkey,
            credentials: &[],
            verified_email: verified(ContactKind::Email),
            verified_phone: verified(ContactKind::Phone),
        });
        IdentityView {
            id: identity.id,
            name: identity.name,
            locale: identity.locale,
            state: identity.state,
            contacts: contacts
                .into_iter()
                .map(|c| ContactView {
                    id: c.id,
                    kind: c.kind,
                    address: c.address,
                    verified: c.verified,
                    primary: c.primary,
                })
                .collect(),
            methods,
            created_at: identity.created_at,
        }
    }
}

impl Flows {
    pub(crate) async fn identity_view(
        &self,
        identity: &Identity,
    ) -> Result<IdentityView, FlowError> {
        self.identity_view_by_id(identity.id).await
    }

    /// One query: the identity, its contacts and its password flag.
    pub(crate) async fn identity_view_by_id(
        &self,
        id: IdentityId,
    ) -> Result<IdentityView, FlowError> {
        let account = self.store.account(id).await?.ok_or(FlowError::NotFound)?;
        Ok(IdentityView::new(account))
    }
}
