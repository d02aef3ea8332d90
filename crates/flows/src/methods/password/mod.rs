//! The password: a way in, an optional part of registration, the thing recovery resets
//! and a settings section.

mod notices;
mod recovery;
pub mod registration;
mod settings;
pub(crate) mod sign_in;
