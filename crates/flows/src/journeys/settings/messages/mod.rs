//! What the settings journey tells the owner: a second factor or passkey was added or
//! removed; the account is to be deleted, or no longer.

mod account_deletion;
mod factor_changed;

pub use account_deletion::{DeletionCancelled, DeletionScheduled};
pub use factor_changed::{FactorAdded, FactorRemoved};
