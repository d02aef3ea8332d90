//! Row structs shared by both backends, and their conversion into the models, one file
//! per capability (`decode` holds what they all share).
//!
//! The derives are generic over the row type, so one struct decodes a SQLite row and a
//! PostgreSQL row alike. Everything the database cannot be trusted to hold (enum strings,
//! JSON text, counters that must fit a `u32`) is checked here and reported as
//! [`StoreError::Corrupt`](crate::StoreError::Corrupt) instead of panicking.

mod admin;
mod contacts;
mod credentials;
mod decode;
mod events;
mod factors;
mod flow_states;
mod identities;
mod lockouts;
mod mailbox;
mod outbox;
mod sessions;
mod tokens;
mod webhooks;

pub(crate) use admin::{AdminKeyRow, FactsRow};
pub(crate) use contacts::{ContactIdentityRow, ContactRow, EmailRevertRow, address_key};
pub(crate) use credentials::CredentialRow;
pub(crate) use decode::{collect, json_text};
pub(crate) use events::EventRow;
pub(crate) use factors::{TrustedDeviceRow, codes_left};
pub(crate) use flow_states::{FlowCodeRow, FlowRow};
pub(crate) use identities::{AccountCols, IdentityRow};
pub(crate) use lockouts::lockout_record;
pub(crate) use mailbox::MailboxRow;
pub(crate) use outbox::OutboxRow;
pub(crate) use sessions::{SessionLookupRow, SessionRow};
pub(crate) use tokens::ResetTokenRow;
pub(crate) use webhooks::DeliveryRow;
