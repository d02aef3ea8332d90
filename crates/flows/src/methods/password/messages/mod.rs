//! The message the password method sends: the notice that the password was changed
//! (`notices`).

mod password_changed;

pub use password_changed::PasswordChanged;
