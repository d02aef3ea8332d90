//! What the settings journey tells the owner: a second factor or passkey was added or
//! removed.

mod factor_changed;

pub use factor_changed::{FactorAdded, FactorRemoved};
