//! The code that verifies an added or unverified contact.

crate::kernel::codes::code_message!(
    /// The code that verifies an added or unverified contact.
    VerificationCode,
    "verification_code"
);
