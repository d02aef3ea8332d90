//! A recovery code was used to sign in; how many are left.

use latchkey_courier::{Layout, Message, MessageLifetimes, Strings};
use latchkey_i18n::Locale;
use time::Duration;

#[derive(Debug, Clone)]
pub struct RecoveryCodeUsed<'a> {
    pub left: u32,
    /// "This wasn't me" (`Flows::report_link`).
    pub report_link: &'a str,
}

impl Message for RecoveryCodeUsed<'_> {
    fn name(&self) -> &'static str {
        "recovery_code_used"
    }

    fn lifetime(&self, lifetimes: &MessageLifetimes) -> Duration {
        lifetimes.notice
    }

    fn args(&self, _: Locale) -> Vec<(&'static str, String)> {
        vec![("left", self.left.to_string())]
    }

    fn email(&self, s: &Strings<'_>) -> Layout {
        s.layout()
            .paragraph(s.get("body"))
            .paragraph(s.get("left"))
            .paragraph(s.get("not-you"))
            .button(s.button("message-button-not-me", self.report_link))
    }
}
