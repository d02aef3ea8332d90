//! What the owner is told when the password changes (by a reset or in settings).

use super::messages::PasswordChanged;
use crate::Flows;
use crate::kernel::codes::channel_of;
use latchkey_domain::FlowId;
use latchkey_domain::secret::{new_token, token_hash};
use latchkey_i18n::Locale;
use latchkey_store::{Contact, ContactKind, Identity, NewMessage, ResetToken, TokenPurpose};

impl Flows {
    /// The "your password was changed" notice for every verified contact, each with a
    /// "this wasn't me" link, and the report token behind that link (to be stored in the
    /// same transaction as the change).
    pub(crate) fn password_changed_notices(
        &self,
        identity: &Identity,
        contacts: &[Contact],
        flow_id: Option<FlowId>,
    ) -> (ResetToken, Vec<NewMessage>) {
        let now = self.now();
        let locale = identity
            .locale
            .as_deref()
            .and_then(Locale::parse)
            .unwrap_or_default();
        let report = new_token();
        let report_row = ResetToken {
            token_hash: token_hash(&report),
            identity_id: identity.id,
            flow_id,
            purpose: TokenPurpose::Report,
            credential_stamp: None,
            created_at: now,
            expires_at: now + self.settings.report_link_ttl,
            used_at: None,
        };
        let report_link = self.link("/security/report", &report);
        let messages = contacts
            .iter()
            .filter(|c| c.verified)
            .filter(|c| c.kind == ContactKind::Email || self.settings.sms_enabled)
            .map(|c| {
                latchkey_courier::compose(
                    &self.compose,
                    &PasswordChanged {
                        report_link: &report_link,
                    },
                    channel_of(c.kind),
                    &c.address,
                    locale,
                    now,
                )
            })
            .collect();
        (report_row, messages)
    }
}
