//! What every row conversion shares: the checks that turn what the database cannot be
//! trusted to hold into [`StoreError::Corrupt`], and reading rusqlite rows by position.

use crate::model::{Channel, ContactKind, IdentityState};
use crate::{Result, StoreError};
use uuid::Uuid;

pub(super) fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what}: {value:?}"))
}

pub(super) fn count(what: &str, n: i64) -> Result<u32> {
    u32::try_from(n).map_err(|_| corrupt(what, &n.to_string()))
}

pub(super) fn json(what: &str, text: &str) -> Result<serde_json::Value> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

/// JSON goes in as TEXT on both backends, so the two stay byte-for-byte comparable.
pub(crate) fn json_text(value: &serde_json::Value) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(format!("json: {e}")))
}

pub(super) fn contact_kind(s: &str) -> Result<ContactKind> {
    ContactKind::parse(s).ok_or_else(|| corrupt("contact kind", s))
}

pub(super) fn identity_state(s: &str) -> Result<IdentityState> {
    IdentityState::parse(s).ok_or_else(|| corrupt("identity state", s))
}

pub(super) fn channel(s: &str) -> Result<Channel> {
    Channel::parse(s).ok_or_else(|| corrupt("channel", s))
}

/// One value of a rusqlite row, by position.
pub(super) fn get<T: rusqlite::types::FromSql>(
    row: &rusqlite::Row<'_>,
    column: usize,
) -> Result<T> {
    row.get(column)
        .map_err(|e| StoreError::Read(format!("column {column}: {e}")))
}

/// A UUID as sqlx writes it to SQLite: 16 bytes.
pub(super) fn uuid(bytes: &[u8]) -> Result<Uuid> {
    Uuid::from_slice(bytes).map_err(|_| corrupt("uuid", &format!("{bytes:?}")))
}

/// Converts a list of rows, stopping at the first corrupt one.
pub(crate) fn collect<R, T>(rows: Vec<R>, f: impl Fn(R) -> Result<T>) -> Result<Vec<T>> {
    rows.into_iter().map(f).collect()
}
