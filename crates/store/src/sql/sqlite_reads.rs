//! SQLite's hot point reads without sqlx's worker thread: the session check, the two reads
//! every sign-in attempt makes before any hashing (the contact with its identity, the
//! lockout record; all a rejected guess costs), and the credentials a sign-in verifies.
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

use super::rows::{
    ContactIdentityRow, CredentialRow, SessionLookupRow, address_key, lockout_record,
};
use super::{
    CONTACT_AND_IDENTITY_SQL, CREDENTIALS_SQL, DEVICE_EPOCH_SQL, LOCKOUT_SQL, SESSION_LOOKUP_SQL,
};
use crate::model::{Contact, ContactKind, Credential, Identity, LockoutRecord, SessionLookup};
use crate::{Result, StoreError};
use latchkey_domain::clock::to_millis;
use latchkey_domain::ids::IdentityId;
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

    /// Runs `read` on an idle connection (or a new one) and puts it back.
    fn with_connection<T>(&self, read: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let idle = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        let conn = match idle {
            Some(conn) => conn,
            None => self.open().map_err(read_err)?,
        };
        let result = read(&conn);
        // A connection that just failed is not trusted again.
        if result.is_ok() {
            let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
            if idle.len() < MAX_IDLE {
                idle.push(conn);
            }
        }
        result
    }

    /// `Store::session_by_token_hash` for a SQLite file.
    pub(crate) fn session_lookup(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<SessionLookup>> {
        self.with_connection(|conn| {
            let mut statement = conn.prepare_cached(SESSION_LOOKUP_SQL).map_err(read_err)?;
            let mut rows = statement
                .query(rusqlite::params![token_hash, to_millis(now)])
                .map_err(read_err)?;
            let mut found = Vec::new();
            while let Some(row) = rows.next().map_err(read_err)? {
                found.push(SessionLookupRow::from_rusqlite(row)?);
            }
            SessionLookupRow::assemble(found)
        })
    }

    /// `Store::contact_and_identity`: the first read of every sign-in attempt.
    pub(crate) fn contact_and_identity(
        &self,
        kind: ContactKind,
        key: &str,
    ) -> Result<Option<(Contact, Identity)>> {
        self.with_connection(|conn| {
            let mut statement = conn
                .prepare_cached(CONTACT_AND_IDENTITY_SQL)
                .map_err(read_err)?;
            let mut rows = statement
                .query(rusqlite::params![kind.as_str(), address_key(kind, key)])
                .map_err(read_err)?;
            match rows.next().map_err(read_err)? {
                Some(row) => ContactIdentityRow::from_rusqlite(row)?
                    .into_model()
                    .map(Some),
                None => Ok(None),
            }
        })
    }

    /// `Store::credentials`: read by every sign-in with a known identifier.
    pub(crate) fn credentials(&self, identity: IdentityId) -> Result<Vec<Credential>> {
        self.with_connection(|conn| {
            let mut statement = conn.prepare_cached(CREDENTIALS_SQL).map_err(read_err)?;
            let mut rows = statement
                .query(rusqlite::params![identity.0.as_bytes().as_slice()])
                .map_err(read_err)?;
            let mut found = Vec::new();
            while let Some(row) = rows.next().map_err(read_err)? {
                found.push(CredentialRow::from_rusqlite(row)?.into_model()?);
            }
            Ok(found)
        })
    }

    /// `Store::lockout`: read on every sign-in attempt, and all a rejected guess costs.
    pub(crate) fn lockout(&self, key: &str) -> Result<Option<LockoutRecord>> {
        self.with_connection(|conn| {
            let mut statement = conn.prepare_cached(LOCKOUT_SQL).map_err(read_err)?;
            let mut rows = statement.query(rusqlite::params![key]).map_err(read_err)?;
            match rows.next().map_err(read_err)? {
                Some(row) => {
                    let failures: i64 = row.get(0).map_err(read_err)?;
                    let at: i64 = row.get(1).map_err(read_err)?;
                    Ok(Some(lockout_record(failures, at)))
                }
                None => Ok(None),
            }
        })
    }

    /// `Store::device_epoch`: read by every successful sign-in (its new device token).
    pub(crate) fn device_epoch(&self, identity: IdentityId) -> Result<u32> {
        self.with_connection(|conn| {
            let mut statement = conn.prepare_cached(DEVICE_EPOCH_SQL).map_err(read_err)?;
            let mut rows = statement
                .query(rusqlite::params![identity.0.as_bytes().as_slice()])
                .map_err(read_err)?;
            match rows.next().map_err(read_err)? {
                Some(row) => {
                    let epoch: i64 = row.get(0).map_err(read_err)?;
                    Ok(u32::try_from(epoch).unwrap_or(u32::MAX))
                }
                None => Ok(0),
            }
        })
    }
}
