//! One-time codes by email or SMS: a way in, the proof of a contact at registration and
//! in verification, and the first step of recovery. The machinery they share (issuing,
//! resending, judging a code) is the kernel's (`kernel::codes`).

pub mod messages;
pub(crate) mod mfa;
mod recovery;
mod registration;
pub(crate) mod sign_in;
mod verification;

use crate::kernel::registry::{AccountFacts, MethodHint};

/// The code method, as the registry lists it: by email and by SMS.
pub(crate) struct Code;

impl MethodHint for Code {
    fn hints(&self, account: &AccountFacts<'_>, out: &mut Vec<String>) {
        if account.verified_email {
            out.push("email_code".to_owned());
        }
        if account.verified_phone {
            out.push("sms_code".to_owned());
        }
    }
}
