//! What the settings journey tells the owner: a second factor or passkey was added or
//! removed; a new address's code, and email and phone changes; the account is to be
//! deleted, or no longer.

mod account_deletion;
mod contact_changed;
mod contact_code;
mod factor_changed;

pub use account_deletion::{DeletionCancelled, DeletionScheduled};
pub use contact_changed::{
    AddressInUse, EmailChanged, EmailReverted, PhoneChanged, REVERT_LINK_TTL,
};
pub use contact_code::ContactCode;
pub use factor_changed::{FactorAdded, FactorRemoved};
