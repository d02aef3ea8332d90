//! "Which sign-in method did I use?": the same answer for everyone; the owner is told,
//! by message, the methods the registry finds on the account.

use super::messages::{AccountBlockedHelp, MethodHint, NoAccount};
use crate::kernel::codes::channel_of;
use crate::{FlowError, Flows};
use latchkey_courier::Message;
use latchkey_i18n::Locale;
use latchkey_store::{Channel, ContactKind};

impl Flows {
    /// `POST /api/method-hint` ("Which sign-in method did I use?"): the same answer for
    /// everyone; the account's owner is told its methods by message.
    pub(crate) async fn send_method_hint(
        &self,
        identifier: &str,
        locale: Locale,
        client: &crate::ClientInfo,
    ) -> Result<(), FlowError> {
        let identifier = self.parse_identifier(identifier)?;
        self.sms_check(identifier.kind())?;
        self.guard_send_to(&identifier, client).await?;
        let account = self.recovery_account(&identifier).await?;
        let now = self.now();
        let message = match &account {
            Some(a) => {
                let locale = a
                    .identity
                    .locale
                    .as_deref()
                    .and_then(Locale::parse)
                    .unwrap_or(locale);
                let methods = a.methods();
                let methods: Vec<&str> = methods.iter().map(String::as_str).collect();
                let template: &dyn Message = if self.recoverable(&a.identity).await? {
                    &MethodHint { methods: &methods }
                } else {
                    &AccountBlockedHelp
                };
                Some(latchkey_courier::compose(
                    &self.compose,
                    template,
                    channel_of(a.contact.kind),
                    &a.contact.address,
                    locale,
                    now,
                ))
            }
            None if identifier.kind() == ContactKind::Email
                && self.settings.notify_unknown_email =>
            {
                Some(latchkey_courier::compose(
                    &self.compose,
                    &NoAccount,
                    Channel::Email,
                    identifier.address(),
                    locale,
                    now,
                ))
            }
            None => None,
        };
        if let Some(m) = message {
            self.store.enqueue_messages(&[m]).await?;
            self.wake_courier();
        }
        Ok(())
    }
}
