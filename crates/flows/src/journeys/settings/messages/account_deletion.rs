//! The owner asked to delete the account (it is erased on a date unless they sign in), and
//! a sign-in cancelled that.

use latchkey_courier::{Layout, Message, MessageLifetimes, Strings};
use latchkey_i18n::Locale;
use time::Duration;

/// "Your account will be deleted on `date`; sign in before then to cancel."
#[derive(Debug, Clone)]
pub struct DeletionScheduled<'a> {
    /// The day of the erasure, `YYYY-MM-DD` (UTC).
    pub date: &'a str,
}

impl Message for DeletionScheduled<'_> {
    fn name(&self) -> &'static str {
        "account_deletion_scheduled"
    }

    fn lifetime(&self, lifetimes: &MessageLifetimes) -> Duration {
        lifetimes.notice
    }

    fn args(&self, _: Locale) -> Vec<(&'static str, String)> {
        vec![("date", self.date.to_owned())]
    }

    fn email(&self, s: &Strings<'_>) -> Layout {
        s.layout()
            .paragraph(s.get("body"))
            .paragraph(s.get("cancel"))
            .paragraph(s.get("not-you"))
            .button(s.sign_in_button())
    }
}

/// "You signed in, so your account will not be deleted."
#[derive(Debug, Clone)]
pub struct DeletionCancelled;

impl Message for DeletionCancelled {
    fn name(&self) -> &'static str {
        "account_deletion_cancelled"
    }

    fn lifetime(&self, lifetimes: &MessageLifetimes) -> Duration {
        lifetimes.notice
    }

    fn args(&self, _: Locale) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    fn email(&self, s: &Strings<'_>) -> Layout {
        s.layout()
            .paragraph(s.get("body"))
            .paragraph(s.get("not-you"))
    }
}
