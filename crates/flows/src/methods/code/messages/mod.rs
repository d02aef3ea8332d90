//! The message the code method sends on its own: the code for passwordless sign-in. The
//! codes of registration, verification and recovery are those journeys' messages.

mod login_code;

pub use login_code::LoginCode;
