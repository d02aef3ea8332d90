//! The messages the recovery journey sends, one for each kind of account (see the table
//! in the journey's docs): the code (by email with a reset link), the sign-in methods of
//! an account without a password, the pointer to support, and "no account uses this
//! address".

mod account_blocked_help;
mod method_hint;
mod no_account;
mod recovery_code;

pub use account_blocked_help::AccountBlockedHelp;
pub use method_hint::MethodHint;
pub use no_account::NoAccount;
pub use recovery_code::RecoveryCode;
