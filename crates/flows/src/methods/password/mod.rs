//! The password: a way in, an optional part of registration, the thing recovery resets
//! and a settings section.

pub mod messages;
mod notices;
mod recovery;
pub mod registration;
mod settings;
pub(crate) mod sign_in;

use crate::kernel::registry::{AccountFacts, MethodHint};

/// The password method, as the registry lists it.
pub(crate) struct PasswordMethod;

impl MethodHint for PasswordMethod {
    fn hints(&self, account: &AccountFacts<'_>, out: &mut Vec<String>) {
        if account.has_password {
            out.push("password".to_owned());
        }
    }
}
