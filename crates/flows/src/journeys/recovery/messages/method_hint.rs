//! A recovery (or "which method did I use?") request for an account: names its sign-in
//! methods and how to use them.

use latchkey_courier::{Layout, Message, MessageLifetimes, Strings, method_name};
use latchkey_i18n::Locale;
use time::Duration;

/// A recovery (or "which method did I use?") request for an account: names its sign-in
/// methods and how to use them.
#[derive(Debug, Clone)]
pub struct MethodHint<'a> {
    /// Method keys as in `Welcome` (`password`, `code`, `google`, …), shown translated and joined.
    pub methods: &'a [&'a str],
}

impl Message for MethodHint<'_> {
    fn name(&self) -> &'static str {
        "method_hint"
    }

    fn lifetime(&self, lifetimes: &MessageLifetimes) -> Duration {
        lifetimes.notice
    }

    fn args(&self, locale: Locale) -> Vec<(&'static str, String)> {
        let methods = self
            .methods
            .iter()
            .map(|m| method_name(locale, m))
            .collect::<Vec<_>>()
            .join(&locale.t("message-list-separator"));
        vec![("methods", methods)]
    }

    fn email(&self, s: &Strings<'_>) -> Layout {
        s.layout()
            .paragraph(s.get("body"))
            .paragraph(s.get("methods"))
            .paragraph(s.get("how"))
            .button(s.sign_in_button())
    }
}
