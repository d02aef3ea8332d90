//! The code that confirms a new account's email or phone.

crate::kernel::codes::code_message!(
    /// The code that confirms a new account's email or phone.
    RegistrationCode,
    "registration_code"
);
