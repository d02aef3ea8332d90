//! A second factor or a passkey was added to, or removed from, the account.

use latchkey_courier::{Layout, Message, MessageLifetimes, Strings, method_name};
use latchkey_i18n::Locale;
use time::Duration;

/// `factor` is a method key (`totp`, `passkey`, `recovery_codes`), named in the
/// recipient's language.
#[derive(Debug, Clone)]
pub struct FactorAdded<'a> {
    pub factor: &'a str,
    /// "This wasn't me" (`Flows::report_link`).
    pub report_link: &'a str,
}

#[derive(Debug, Clone)]
pub struct FactorRemoved<'a> {
    pub factor: &'a str,
    /// "This wasn't me" (`Flows::report_link`).
    pub report_link: &'a str,
}

/// What both notices share: the factor's name, a notice's lifetime, the layout.
macro_rules! factor_notice {
    ($name:ident, $key:literal) => {
        impl Message for $name<'_> {
            fn name(&self) -> &'static str {
                $key
            }

            fn lifetime(&self, lifetimes: &MessageLifetimes) -> Duration {
                lifetimes.notice
            }

            fn args(&self, locale: Locale) -> Vec<(&'static str, String)> {
                vec![("factor", method_name(locale, self.factor))]
            }

            fn email(&self, s: &Strings<'_>) -> Layout {
                s.layout()
                    .paragraph(s.get("body"))
                    .paragraph(s.get("not-you"))
                    .button(s.button("message-button-not-me", self.report_link))
            }
        }
    };
}

factor_notice!(FactorAdded, "factor_added");
factor_notice!(FactorRemoved, "factor_removed");
