//! Every message Latchkey sends, one struct each, one file each.
//!
//! They live here only until the flows that send them have their journey folders
//! (DESIGN.md, "A house for many ways in"): each file uses nothing but the courier's
//! public API, so it moves beside its flow by moving the file and changing its `use`
//! lines from `crate::` to `latchkey_courier::`.

mod account_blocked_help;
mod account_locked;
mod contact_removed;
mod login_code;
mod method_hint;
mod no_account;
mod password_changed;
mod recovery_code;
mod registration_code;
mod signup_attempt;
mod verification_code;
mod welcome;

pub use account_blocked_help::AccountBlockedHelp;
pub use account_locked::AccountLocked;
pub use contact_removed::ContactRemoved;
pub use login_code::LoginCode;
pub use method_hint::MethodHint;
pub use no_account::NoAccount;
pub use password_changed::PasswordChanged;
pub use recovery_code::RecoveryCode;
pub use registration_code::RegistrationCode;
pub use signup_attempt::SignupAttempt;
pub use verification_code::VerificationCode;
pub use welcome::Welcome;
