//! The SQLite backend: the embedded default, one file (or memory) per deployment.

use super::sqlite_reads::HotReads;
use crate::Result;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// Under WAL, readers do not block the writer, so a few connections pay off; writes still
/// go one at a time (`BEGIN IMMEDIATE` waits up to the busy timeout).
const MAX_CONNECTIONS: u32 = 8;

/// [`crate::Store`] on SQLite.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pub(super) pool: SqlitePool,
    /// The session check's point read without sqlx (file databases only: an in-memory
    /// database exists only inside the pool's one connection).
    hot_reads: Option<Arc<HotReads>>,
}

impl SqliteStore {
    /// Opens `url` (`sqlite://path.db`, `sqlite::memory:`), creating the file if missing.
    /// Runs no migrations.
    pub async fn connect(url: &str) -> Result<Self> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        let hot_reads =
            (!in_memory).then(|| Arc::new(HotReads::new(options.get_filename().to_owned())));
        let pool = if in_memory {
            // An in-memory database lives only as long as a connection to it, and a
            // shared-cache one answers "table is locked" rather than waiting: keep exactly
            // one connection, forever.
            SqlitePoolOptions::new()
                .max_connections(1)
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None)
                .connect_with(options)
                .await?
        } else {
            SqlitePoolOptions::new()
                .max_connections(MAX_CONNECTIONS)
                // A file has no far end that could hang up, and the default ping on every
                // acquire is one more hop to the connection's worker thread per query:
                // it doubled the cost of the session check (BENCHMARKS.md).
                .test_before_acquire(false)
                .connect_with(options)
                .await?
        };
        Ok(Self { pool, hot_reads })
    }

    /// The reader for the hot point reads (`Store::session_by_token_hash`,
    /// `contact_and_identity`, `lockout`), when this is a file.
    pub(super) fn hot_reads(&self) -> Option<&HotReads> {
        self.hot_reads.as_deref()
    }

    /// The pool, for callers that need a raw connection (tests, admin tools).
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

crate::sql::impl_store! {
    store: SqliteStore,
    db: sqlx::Sqlite,
    backend: "sqlite",
    migrator: MIGRATOR,
    begin: "BEGIN IMMEDIATE",
}
