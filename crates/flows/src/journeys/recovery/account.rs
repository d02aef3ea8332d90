//! An account as recovery sees it, loaded the same way for known and unknown identifiers.

use crate::kernel::registry::AccountFacts;
use crate::{FlowError, Flows};
use latchkey_domain::{Identifier, IdentityId};
use latchkey_store::{Contact, ContactKind, Credential, CredentialKind, Identity};

/// An account as recovery sees it.
pub(crate) struct Account {
    pub identity: Identity,
    /// The verified contact the identifier matched.
    pub contact: Contact,
    pub contacts: Vec<Contact>,
    pub credentials: Vec<Credential>,
}

impl Account {
    pub fn password(&self) -> Option<&Credential> {
        self.credentials
            .iter()
            .find(|c| c.kind == CredentialKind::Password)
    }

    /// The verified contact of `kind`, primary first.
    pub fn verified(&self, kind: ContactKind) -> Option<&Contact> {
        let mut of_kind = self
            .contacts
            .iter()
            .filter(|c| c.verified && c.kind == kind);
        let first = of_kind.clone().next();
        of_kind.find(|c| c.primary).or(first)
    }

    /// The sign-in methods the owner sees, as method keys (`password`, `email_code`,
    /// `sms_code`, `passkey`, or a provider name such as `google`), from the registry.
    pub fn methods(&self) -> Vec<String> {
        crate::kernel::registry::method_hints(&AccountFacts {
            has_password: self.password().is_some(),
            has_totp: false,
            has_passkey: false,
            credentials: &self.credentials,
            verified_email: self.verified(ContactKind::Email).is_some(),
            verified_phone: self.verified(ContactKind::Phone).is_some(),
        })
    }
}

impl Flows {
    /// Loads the account behind a verified contact. The same four lookups run whether
    /// the identifier is known or not (an unknown one probes a random id), so the time
    /// taken does not tell.
    pub(crate) async fn recovery_account(
        &self,
        identifier: &Identifier,
    ) -> Result<Option<Account>, FlowError> {
        let contact = self
            .store
            .contact_by_key(identifier.kind(), &identifier.key())
            .await?
            .filter(|c| c.verified);
        let probe = contact
            .as_ref()
            .map(|c| c.identity_id)
            .unwrap_or_else(IdentityId::new);
        let identity = self.store.identity(probe).await?;
        let contacts = self.store.contacts(probe).await?;
        let credentials = self.store.credentials(probe).await?;
        Ok(match (contact, identity) {
            (Some(contact), Some(identity)) => Some(Account {
                identity,
                contact,
                contacts,
                credentials,
            }),
            _ => None,
        })
    }
}
