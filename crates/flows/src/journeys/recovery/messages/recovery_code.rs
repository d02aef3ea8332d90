//! A password recovery code; by email also the one-click reset link.

use latchkey_courier::{Layout, Message, MessageLifetimes, Strings};
use latchkey_i18n::Locale;
use time::Duration;

/// A password recovery code; by email also the one-click reset link.
#[derive(Debug, Clone)]
pub struct RecoveryCode<'a> {
    pub code: &'a str,
    /// The reset link, sent by email only.
    pub link: Option<&'a str>,
}

impl Message for RecoveryCode<'_> {
    fn name(&self) -> &'static str {
        "recovery_code"
    }

    fn lifetime(&self, lifetimes: &MessageLifetimes) -> Duration {
        let code = lifetimes.one_time_code();
        match self.link {
            // Either the code or the link gets the person in; the link lives longer.
            Some(_) => code.max(lifetimes.reset_link),
            None => code,
        }
    }

    fn args(&self, _: Locale) -> Vec<(&'static str, String)> {
        vec![
            ("code", self.code.to_owned()),
            ("link", self.link.unwrap_or("").to_owned()),
        ]
    }

    fn email(&self, s: &Strings<'_>) -> Layout {
        let layout = s.code_layout(self.code);
        match self.link {
            Some(url) => layout.button(s.button("message-button-reset", url)),
            None => layout,
        }
    }
}
