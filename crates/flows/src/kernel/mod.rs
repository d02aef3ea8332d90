//! What every journey and method shares: one-time codes, password hashing, abuse
//! protection, sessions, errors, metrics, and the registry of methods.

pub mod abuse;
pub mod codes;
pub mod errors;
pub(crate) mod events;
pub mod hashing;
pub(crate) mod metrics;
pub(crate) mod notices;
pub mod privileged;
pub mod registry;
pub mod sessions;
