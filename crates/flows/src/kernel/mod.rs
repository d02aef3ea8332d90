//! What every journey and method shares: one-time codes, password hashing, abuse
//! protection, sessions, errors, metrics, and the registry of methods.

pub mod abuse;
pub mod codes;
pub mod errors;
pub(crate) mod events;
pub mod hashing;
pub mod legacy_hashes;
pub(crate) mod metrics;
pub(crate) mod new_device;
pub(crate) mod notices;
pub mod places;
pub mod privileged;
pub mod registry;
pub mod sessions;
pub mod user_agent;
pub mod webhooks;
