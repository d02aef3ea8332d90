//! The SQLite session check without sqlx's worker thread.
//!
//! sqlx runs every SQLite connection on a thread of its own and hands each query over a
//! channel, so a point read costs two context switches and wake-ups; on the shop's hot
//! path (`GET /api/session`, every page view) that hand-over was most of the time
//! (BENCHMARKS.md, "What dominates"). Here the read runs on the calling thread, on a
//! small pool of `rusqlite` connections to the same file, with a cached prepared
//! statement and the same SQL and row assembly as the sqlx path.
//!
//! Blocking the async worker is sound here because the read is short and cannot wait on
//! writers: under WAL a reader sees the last committed snapshot without taking a lock.
//! The connections are `query_only`: this module never writes.

use super::SESSION_LOOKUP_SQL;
use super::rows::SessionLookupRow;
use crate::model::SessionLookup;
use crate::{Result, StoreError};
use rusqlite::{Connection, OpenFlags};
use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;
use time::OffsetDateTime;

/// Idle connections kept; more exist only while more threads read at once.
const MAX_IDLE: usize = 8;

pub(crate) struct HotReads {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

impl std::fmt::Debug for HotReads {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HotReads")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

fn read_err(e: rusqlite::Error) -> StoreError {
    StoreError::Read(e.to_string())
}

impl HotReads {
    pub(crate) fn new(path: PathBuf) -> Self {
        Self {
            path,
            idle: Mutex::new(Vec::new()),
        }
    }

    fn open(&self) -> rusqlite::Result<Connection> {
        // No CREATE: the sqlx pool made the file (and its WAL) before any read comes here.
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "query_only", true)?;
        Ok(conn)
    }

    /// `Store::session_by_token_hash` for a SQLite file.
    pub(crate) fn session_lookup(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<SessionLookup>> {
        let idle = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        let conn = match idle {
            Some(conn) => conn,
            None => self.open().map_err(read_err)?,
        };
        let result = Self::query(&conn, token_hash, now);
        // A connection that just failed is not trusted again.
        if result.is_ok() {
            let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
            if idle.len() < MAX_IDLE {
                idle.push(conn);
            }
        }
        result
    }

    fn query(
        conn: &Connection,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<SessionLookup>> {
        let mut statement = conn.prepare_cached(SESSION_LOOKUP_SQL).map_err(read_err)?;
        let mut rows = statement
            .query(rusqlite::params![
                token_hash,
                latchkey_domain::clock::to_millis(now)
            ])
            .map_err(read_err)?;
        let mut found = Vec::new();
        while let Some(row) = rows.next().map_err(read_err)? {
            found.push(SessionLookupRow::from_rusqlite(row)?);
        }
        SessionLookupRow::assemble(found)
    }
}
