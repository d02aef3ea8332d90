//! The code of a second step, by SMS or email to a verified contact.

use latchkey_courier::{Layout, Message, MessageLifetimes, Strings};
use latchkey_i18n::Locale;
use time::Duration;

#[derive(Debug, Clone)]
pub struct SecondFactorCode<'a> {
    pub code: &'a str,
}

impl Message for SecondFactorCode<'_> {
    fn name(&self) -> &'static str {
        "second_factor_code"
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
