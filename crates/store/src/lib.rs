//! Persistence. Capability traits (one per kind of stored thing, in `capabilities/`),
//! gathered by the [`Store`] trait and implemented for SQLite (the embedded default) and
//! PostgreSQL (scale-out), with one migration folder per database.
//!
//! Every call that changes state and causes a message takes the messages too and writes
//! them in the same transaction (the courier's outbox), so a crash never leaves a change
//! without its notice or a notice without its change.

mod capabilities;
pub mod model;
mod sql;

pub use capabilities::Imports;
pub use capabilities::{
    AdminRecords, Contacts, Credentials, Events, Factors, FlowStates, Identities, Lockouts,
    Mailbox, Outbox, Sessions, Tokens, Webhooks,
};
pub use model::*;
pub use sql::{PgStore, SqliteStore, connect};

use async_trait::async_trait;
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique constraint refused the write (an address already taken).
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("not found")]
    NotFound,
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// From the SQLite hot-path reader (`sql::sqlite_reads`), which is not sqlx.
    #[error("database error: {0}")]
    Read(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

pub type DynStore = Arc<dyn Store>;

/// Everything a backend stores: every capability, plus what concerns the database as a
/// whole. `DynStore` callers bring the capability traits into scope with
/// `use latchkey_store::prelude::*;` (or name the ones they use).
#[async_trait]
pub trait Store:
    Identities
    + Contacts
    + Credentials
    + Events
    + Factors
    + FlowStates
    + Sessions
    + Tokens
    + Lockouts
    + Outbox
    + Mailbox
    + AdminRecords
    + Webhooks
    + Imports
    + Send
    + Sync
    + 'static
{
    /// Applies pending migrations of this backend.
    async fn migrate(&self) -> Result<()>;
    /// A cheap round trip for readiness checks.
    async fn ping(&self) -> Result<()>;
    /// "sqlite" or "postgres".
    fn backend(&self) -> &'static str;
}

/// The traits a caller of [`DynStore`] needs in scope to call its methods.
pub mod prelude {
    pub use crate::Imports;
    pub use crate::{
        AdminRecords, Contacts, Credentials, Events, Factors, FlowStates, Identities, Lockouts,
        Mailbox, Outbox, Sessions, Store, Tokens, Webhooks,
    };
}
