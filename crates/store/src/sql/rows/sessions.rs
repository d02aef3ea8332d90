//! Session rows, and the session lookup (a session with its account).

use super::decode::{corrupt, get, uuid};
use super::identities::{AccountCols, ContactCols};
use crate::Result;
use crate::model::{Session, SessionLookup};
use latchkey_domain::clock::from_millis;
use latchkey_domain::ids::{IdentityId, SessionId};
use uuid::Uuid;

#[derive(sqlx::FromRow)]
pub(crate) struct SessionRow {
    id: Uuid,
    identity_id: Uuid,
    token_hash: String,
    created_at: i64,
    last_seen_at: i64,
    expires_at: i64,
    absolute_expires_at: i64,
    ip: Option<String>,
    user_agent: Option<String>,
    method: String,
    aal: i16,
    amr: String,
    authenticated_at: i64,
}

impl SessionRow {
    pub(crate) fn into_model(self) -> Session {
        Session {
            id: SessionId(self.id),
            identity_id: IdentityId(self.identity_id),
            token_hash: self.token_hash,
            created_at: from_millis(self.created_at),
            last_seen_at: from_millis(self.last_seen_at),
            expires_at: from_millis(self.expires_at),
            absolute_expires_at: from_millis(self.absolute_expires_at),
            ip: self.ip,
            user_agent: self.user_agent,
            method: self.method,
            aal: latchkey_domain::Aal::from_level(self.aal),
            amr: latchkey_domain::Assurance::parse_amr(&self.amr),
            authenticated_at: from_millis(self.authenticated_at),
        }
    }
}

/// A session with its account, one row per contact (see `sql::account_cols!`).
#[derive(sqlx::FromRow)]
pub(crate) struct SessionLookupRow {
    #[sqlx(flatten)]
    session: SessionRow,
    #[sqlx(flatten)]
    account: AccountCols,
}

impl SessionLookupRow {
    /// Folds the rows of one lookup (all for the same session) into the model.
    pub(crate) fn assemble(rows: Vec<Self>) -> Result<Option<SessionLookup>> {
        let mut rows = rows.into_iter();
        let Some(first) = rows.next() else {
            return Ok(None);
        };
        let session = first.session.into_model();
        let account =
            AccountCols::assemble(std::iter::once(first.account).chain(rows.map(|r| r.account)))?
                .ok_or_else(|| corrupt("session without identity", &session.id.to_string()))?;
        Ok(Some(SessionLookup { session, account }))
    }
}

/// Reading `SESSION_LOOKUP_SQL` rows through rusqlite (`sql::sqlite_reads`) into the same
/// row structs, so the sqlx and rusqlite paths share every check and the assembly.
/// Columns by position (by name, rusqlite compares every column name per value: a few
/// per cent of the session check): the order of `SESSION_LOOKUP_SQL`, which the
/// conformance suite pins by comparing both paths. UUIDs are 16-byte BLOBs, as sqlx
/// writes them; booleans are integers.
impl SessionLookupRow {
    pub(crate) fn from_rusqlite(row: &rusqlite::Row<'_>) -> Result<Self> {
        let c_id: Option<Vec<u8>> = get(row, 22)?;
        Ok(Self {
            session: SessionRow {
                id: uuid(&get::<Vec<u8>>(row, 0)?)?,
                identity_id: uuid(&get::<Vec<u8>>(row, 1)?)?,
                token_hash: get(row, 2)?,
                created_at: get(row, 3)?,
                last_seen_at: get(row, 4)?,
                expires_at: get(row, 5)?,
                absolute_expires_at: get(row, 6)?,
                ip: get(row, 7)?,
                user_agent: get(row, 8)?,
                method: get(row, 9)?,
                aal: get(row, 10)?,
                amr: get(row, 11)?,
                authenticated_at: get(row, 12)?,
            },
            account: AccountCols {
                i_id: uuid(&get::<Vec<u8>>(row, 13)?)?,
                i_name: get(row, 14)?,
                i_locale: get(row, 15)?,
                i_state: get(row, 16)?,
                i_created_at: get(row, 17)?,
                i_updated_at: get(row, 18)?,
                has_password: get(row, 19)?,
                has_totp: get(row, 20)?,
                has_passkey: get(row, 21)?,
                contact: ContactCols {
                    id: c_id.as_deref().map(uuid).transpose()?,
                    kind: get(row, 23)?,
                    address: get(row, 24)?,
                    address_key: get(row, 25)?,
                    verified: get(row, 26)?,
                    is_primary: get(row, 27)?,
                    created_at: get(row, 28)?,
                },
            },
        })
    }
}
