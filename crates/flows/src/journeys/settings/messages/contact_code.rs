//! The code that proves a new email or phone added in settings.

crate::kernel::codes::code_message!(
    /// The code sent to a new address being added to a signed-in account.
    ContactCode,
    "contact_code"
);
