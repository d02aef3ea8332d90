//! The code that confirms a new account's email or phone.

use latchkey_courier::{Layout, Message, MessageLifetimes, Strings};
use latchkey_i18n::Locale;
use time::Duration;

/// The code that confirms a new account's email or phone.
#[derive(Debug, Clone)]
pub struct RegistrationCode<'a> {
    pub code: &'a str,
}

impl Message for RegistrationCode<'_> {
    fn name(&self) -> &'static str {
        "registration_code"
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
