//! The code of a second step, by SMS or email to a verified contact.

crate::kernel::codes::code_message!(
    /// The code of a second step, by SMS or email to a verified contact.
    SecondFactorCode,
    "second_factor_code"
);
