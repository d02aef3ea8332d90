//! A recovery request for an account that is blocked: points to support.

use latchkey_courier::{Layout, Message, MessageLifetimes, Strings};
use time::Duration;

/// A recovery request for an account that is blocked: points to support.
#[derive(Debug, Clone)]
pub struct AccountBlockedHelp;

impl Message for AccountBlockedHelp {
    fn name(&self) -> &'static str {
        "account_blocked_help"
    }

    fn lifetime(&self, lifetimes: &MessageLifetimes) -> Duration {
        lifetimes.notice
    }

    fn email(&self, s: &Strings<'_>) -> Layout {
        s.layout()
            .paragraph(s.get("body"))
            .paragraph(s.get("support"))
    }
}
