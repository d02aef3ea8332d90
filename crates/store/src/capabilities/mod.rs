//! The store's capability traits, one per kind of stored thing. [`crate::Store`] is all of
//! them together; a caller names only the ones whose methods it calls (or imports
//! [`crate::prelude`]), and a new way in adds a capability rather than growing one trait.

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

pub use admin::AdminRecords;
pub use contacts::Contacts;
pub use credentials::Credentials;
pub use events::Events;
pub use factors::Factors;
pub use flow_states::FlowStates;
pub use identities::Identities;
pub use imports::Imports;
pub use lockouts::Lockouts;
pub use mailbox::Mailbox;
pub use outbox::Outbox;
pub use sessions::Sessions;
pub use tokens::Tokens;
pub use webhooks::Webhooks;
