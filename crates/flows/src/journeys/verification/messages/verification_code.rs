//! The code that verifies an added or unverified contact.

use latchkey_courier::{Layout, Message, MessageLifetimes, Strings};
use latchkey_i18n::Locale;
use time::Duration;

/// The code that verifies an added or unverified contact.
#[derive(Debug, Clone)]
pub struct VerificationCode<'a> {
    pub code: &'a str,
}

impl Message for VerificationCode<'_> {
    fn name(&self) -> &'static str {
        "verification_code"
    }

    fn lifetime(&self, lifetimes: &MessageLifetimes) -> Duration {
        lifetimes.one_time_code()
    }

    fn args(&self, _: Locale) -> Vec<(&'static str, String)> {
        vec![("code", self.code.to_owned())]
    }

    fn email(&self, s: &Strings<'_>) -> Layout {
        s.code_layout(self.code)
    }
}
