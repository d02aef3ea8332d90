//! An unverified address of the account was removed because someone else proved they
//! hold it (verifying wins).

use latchkey_courier::{Layout, Message, MessageLifetimes, Strings};
use latchkey_i18n::Locale;
use time::Duration;

/// An unverified address of the account was removed because someone else proved they
/// hold it (verifying wins).
#[derive(Debug, Clone)]
pub struct ContactRemoved<'a> {
    /// The removed address, as the account typed it.
    pub address: &'a str,
}

impl Message for ContactRemoved<'_> {
    fn name(&self) -> &'static str {
        "contact_removed"
    }

    fn lifetime(&self, lifetimes: &MessageLifetimes) -> Duration {
        lifetimes.notice
    }

    fn args(&self, _: Locale) -> Vec<(&'static str, String)> {
        vec![("address", self.address.to_owned())]
    }

    fn email(&self, s: &Strings<'_>) -> Layout {
        s.layout()
            .paragraph(s.get("body"))
            .paragraph(s.get("action"))
            .paragraph(s.get("ignore"))
            .button(s.sign_in_button())
    }
}
