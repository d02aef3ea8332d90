//! Someone tried to register with an address that already has an account.

use latchkey_courier::{Layout, Message, MessageLifetimes, Strings};
use time::Duration;

/// Someone tried to register with an address that already has an account.
#[derive(Debug, Clone)]
pub struct SignupAttempt;

impl Message for SignupAttempt {
    fn name(&self) -> &'static str {
        "signup_attempt"
    }

    fn lifetime(&self, lifetimes: &MessageLifetimes) -> Duration {
        lifetimes.notice
    }

    fn email(&self, s: &Strings<'_>) -> Layout {
        s.layout()
            .paragraph(s.get("body"))
            .paragraph(s.get("action"))
            .paragraph(s.get("ignore"))
            .button(s.sign_in_button())
    }
}
