//! The records the store keeps, one file per capability (records several capabilities
//! share live with the one they belong to most). Instants are `OffsetDateTime` here and
//! milliseconds since the Unix epoch in the database (the same on both backends,
//! comparable in SQL).
//!
//! Everything is re-exported here (and from the crate root), so `latchkey_store::model::X`
//! and `latchkey_store::X` name every record whichever file it lives in.

mod admin;
mod contacts;
mod credentials;
mod events;
mod factors;
mod flow_states;
mod identities;
mod imports;
mod lockouts;
mod mailbox;
mod outbox;
mod sessions;
mod tokens;
mod webhooks;

pub use admin::*;
pub use contacts::*;
pub use credentials::*;
pub use events::*;
pub use factors::*;
pub use flow_states::*;
pub use identities::*;
pub use imports::*;
pub use lockouts::*;
pub use mailbox::*;
pub use outbox::*;
pub use sessions::*;
pub use tokens::*;
pub use webhooks::*;
