//! What the second step sends: its code, the notice of a failed second factor, the
//! notice of a spent recovery code.

mod recovery_code_used;
mod second_factor_code;
mod second_factor_failed;

pub use recovery_code_used::RecoveryCodeUsed;
pub use second_factor_code::SecondFactorCode;
pub use second_factor_failed::SecondFactorFailed;
