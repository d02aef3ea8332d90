//! A recovery or method request for an email address that has no account.

use latchkey_courier::{Layout, Message, MessageLifetimes, Strings};
use time::Duration;

/// A recovery or method request for an email address that has no account.
#[derive(Debug, Clone)]
pub struct NoAccount;

impl Message for NoAccount {
    fn name(&self) -> &'static str {
        "no_account"
    }

    fn lifetime(&self, lifetimes: &MessageLifetimes) -> Duration {
        lifetimes.notice
    }

    fn email(&self, s: &Strings<'_>) -> Layout {
        s.layout()
            .paragraph(s.get("body"))
            .paragraph(s.get("other"))
            .paragraph(s.get("ignore"))
    }
}
