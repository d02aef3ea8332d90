//! Notices to an account's owner: one message, to the addresses that can prove they are
//! the owner's (verified ones), by email, and by SMS only where there is no email.

use crate::kernel::codes::channel_of;
use crate::{FlowError, Flows};
use latchkey_courier::Message;
use latchkey_domain::IdentityId;
use latchkey_domain::secret::{new_token, token_hash};
use latchkey_i18n::Locale;
use latchkey_store::{Contact, ContactKind, Identity, NewMessage};
use latchkey_store::{ResetToken, TokenPurpose};

impl Flows {
    /// `message` for the owner of `identity`, in the account's language.
    pub(crate) fn owner_notices(
        &self,
        identity: &Identity,
        contacts: &[Contact],
        message: &dyn Message,
    ) -> Vec<NewMessage> {
        let locale = identity
            .locale
            .as_deref()
            .and_then(Locale::parse)
            .unwrap_or_default();
        let verified: Vec<&Contact> = contacts.iter().filter(|c| c.verified).collect();
        let has_email = verified.iter().any(|c| c.kind == ContactKind::Email);
        verified
            .into_iter()
            .filter(|c| match c.kind {
                ContactKind::Email => true,
                ContactKind::Phone => !has_email && self.settings.sms_enabled,
            })
            .map(|c| {
                latchkey_courier::compose(
                    &self.compose,
                    message,
                    channel_of(c.kind),
                    &c.address,
                    locale,
                    self.now(),
                )
            })
            .collect()
    }

    /// A fresh "this wasn't me" link for a notice to the owner of `identity`
    /// (`/security/report?token=…`, `[recovery] report_link_days`): the token is stored
    /// (as its digest) before the notice that carries it is written, so a notice never
    /// holds a link that does not work.
    pub(crate) async fn report_link(&self, identity: IdentityId) -> Result<String, FlowError> {
        let now = self.now();
        let report = new_token();
        let row = ResetToken {
            token_hash: token_hash(&report),
            identity_id: identity,
            flow_id: None,
            purpose: TokenPurpose::Report,
            credential_stamp: None,
            created_at: now,
            expires_at: now + self.settings.report_link_ttl,
            used_at: None,
        };
        self.store.insert_reset_token(&row, &[]).await?;
        Ok(self.link("/security/report", &report))
    }
}
