//! The code for passwordless sign-in.

crate::kernel::codes::code_message!(
    /// The code for passwordless sign-in.
    LoginCode,
    "login_code"
);
