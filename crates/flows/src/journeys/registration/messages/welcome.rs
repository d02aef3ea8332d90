//! After registration: which address and which sign-in method the account uses.

use latchkey_courier::{Layout, Message, MessageLifetimes, Strings, method_name};
use latchkey_i18n::Locale;
use time::Duration;

/// After registration: which address and which sign-in method the account uses.
#[derive(Debug, Clone)]
pub struct Welcome<'a> {
    pub address: &'a str,
    /// A method key (`password`, `code`, `passkey`, `google`, `apple`, `facebook`), shown
    /// translated; any other value is shown as given.
    pub method: &'a str,
}

impl Message for Welcome<'_> {
    fn name(&self) -> &'static str {
        "welcome"
    }

    fn lifetime(&self, lifetimes: &MessageLifetimes) -> Duration {
        lifetimes.notice
    }

    fn args(&self, locale: Locale) -> Vec<(&'static str, String)> {
        vec![
            ("address", self.address.to_owned()),
            ("method", method_name(locale, self.method)),
        ]
    }

    fn email(&self, s: &Strings<'_>) -> Layout {
        s.layout()
            .paragraph(s.get("intro"))
            .paragraph(s.get("address"))
            .paragraph(s.get("method"))
            .paragraph(s.get("settings"))
            .button(s.sign_in_button())
    }
}
