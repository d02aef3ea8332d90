//! The account locked after too many wrong passwords.

use latchkey_courier::{Layout, Message, MessageLifetimes, Strings};
use latchkey_i18n::Locale;
use time::Duration;

/// The account locked after too many wrong passwords: when, from where (coarse), a
/// single-use unlock link, and the advice to reset the password.
#[derive(Debug, Clone)]
pub struct AccountLocked<'a> {
    pub when: &'a str,
    pub ip: &'a str,
    pub unlock_url: &'a str,
}

impl Message for AccountLocked<'_> {
    fn name(&self) -> &'static str {
        "account_locked"
    }

    fn lifetime(&self, lifetimes: &MessageLifetimes) -> Duration {
        lifetimes.unlock_link
    }

    fn args(&self, _: Locale) -> Vec<(&'static str, String)> {
        vec![
            ("when", self.when.to_owned()),
            ("ip", self.ip.to_owned()),
            ("unlock_url", self.unlock_url.to_owned()),
        ]
    }

    fn email(&self, s: &Strings<'_>) -> Layout {
        s.layout()
            .paragraph(s.get("body"))
            .paragraph(s.get("where"))
            .paragraph(s.get("unlock"))
            .paragraph(s.get("reset"))
            .paragraph(s.get("ignore"))
            .button(s.button("message-button-unlock", self.unlock_url))
    }
}
