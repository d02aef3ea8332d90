//! Notices to an account's owner: one message, to the addresses that can prove they are
//! the owner's (verified ones), by email, and by SMS only where there is no email.

use crate::Flows;
use crate::kernel::codes::channel_of;
use latchkey_courier::Message;
use latchkey_i18n::Locale;
use latchkey_store::{Contact, ContactKind, Identity, NewMessage};

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
}
