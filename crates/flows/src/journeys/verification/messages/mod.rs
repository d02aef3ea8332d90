//! The messages the verification journey sends: the code that verifies a contact, and the
//! notice to an account whose unverified claim on an address was removed.

mod contact_removed;
mod verification_code;

pub use contact_removed::ContactRemoved;
pub use verification_code::VerificationCode;
