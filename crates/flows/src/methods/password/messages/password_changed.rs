//! The password was changed, with a "this wasn't me" link.

use latchkey_courier::{Layout, Message, MessageLifetimes, Strings};
use latchkey_i18n::Locale;
use time::Duration;

/// The password was changed; `report_link` is the "this wasn't me" link.
#[derive(Debug, Clone)]
pub struct PasswordChanged<'a> {
    pub report_link: &'a str,
}

impl Message for PasswordChanged<'_> {
    fn name(&self) -> &'static str {
        "password_changed"
    }

    fn lifetime(&self, lifetimes: &MessageLifetimes) -> Duration {
        // Late is better than never while its link can still block the account.
        lifetimes.report_link.max(lifetimes.notice)
    }

    fn args(&self, _: Locale) -> Vec<(&'static str, String)> {
        vec![("link", self.report_link.to_owned())]
    }

    fn email(&self, s: &Strings<'_>) -> Layout {
        s.layout()
            .paragraph(s.get("body"))
            .paragraph(s.get("not-you"))
            .paragraph(s.get("ignore"))
            .button(s.button("message-button-not-me", self.report_link))
    }
}
