//! The messages the registration journey sends: the code that proves the new account's
//! contact, the notice to the owner of an address that is already taken, and the welcome.

mod registration_code;
mod signup_attempt;
mod welcome;

pub use registration_code::RegistrationCode;
pub use signup_attempt::SignupAttempt;
pub use welcome::Welcome;
