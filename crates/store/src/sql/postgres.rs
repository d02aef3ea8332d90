//! The PostgreSQL backend: for several nodes sharing one database.

use crate::Result;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use std::str::FromStr;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Enough for one node's request concurrency without crowding PostgreSQL's default
/// `max_connections = 100` when a few nodes share it.
const MAX_CONNECTIONS: u32 = 10;

/// [`crate::Store`] on PostgreSQL.
#[derive(Debug, Clone)]
pub struct PgStore {
    pub(super) pool: PgPool,
}

impl PgStore {
    /// Opens `url` (`postgres://…` or `postgresql://…`). Runs no migrations.
    pub async fn connect(url: &str) -> Result<Self> {
        Self::connect_with(url, MAX_CONNECTIONS).await
    }

    /// As [`PgStore::connect`], with a pool of at most `max_connections`.
    pub async fn connect_with(url: &str, max_connections: u32) -> Result<Self> {
        let options = PgConnectOptions::from_str(url)?;
        let pool = PgPoolOptions::new()
            .max_connections(max_connections)
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    /// The pool, for callers that need a raw connection (tests, admin tools).
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

impl PgStore {
    /// PostgreSQL reads go through sqlx only (see `sqlite_reads` for SQLite's hot path).
    pub(super) fn hot_reads(&self) -> Option<&super::sqlite_reads::HotReads> {
        None
    }
}

crate::sql::impl_store! {
    store: PgStore,
    db: sqlx::Postgres,
    backend: "postgres",
    migrator: MIGRATOR,
    begin: "BEGIN",
}
