//! The message abuse protection sends: the owner's lock notice with its unlock link
//! (`lockout`, `unlock`).

mod account_locked;

pub use account_locked::AccountLocked;
