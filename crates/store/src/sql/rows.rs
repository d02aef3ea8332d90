//! Row structs shared by both backends, and their conversion into the models.
//!
//! The derives are generic over the row type, so one struct decodes a SQLite row and a
//! PostgreSQL row alike. Everything the database cannot be trusted to hold (enum strings,
//! JSON text, counters that must fit a `u32`) is checked here and reported as
//! [`StoreError::Corrupt`] instead of panicking.

use crate::model::*;
use crate::{Result, StoreError};
use latchkey_domain::clock::from_millis;
use latchkey_domain::ids::{FlowId, IdentityId, SessionId};
use uuid::Uuid;

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what}: {value:?}"))
}

fn count(what: &str, n: i64) -> Result<u32> {
    u32::try_from(n).map_err(|_| corrupt(what, &n.to_string()))
}

fn json(what: &str, text: &str) -> Result<serde_json::Value> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

/// JSON goes in as TEXT on both backends, so the two stay byte-for-byte comparable.
pub(crate) fn json_text(value: &serde_json::Value) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(format!("json: {e}")))
}

pub(crate) fn contact_kind(s: &str) -> Result<ContactKind> {
    ContactKind::parse(s).ok_or_else(|| corrupt("contact kind", s))
}

fn identity_state(s: &str) -> Result<IdentityState> {
    IdentityState::parse(s).ok_or_else(|| corrupt("identity state", s))
}

fn channel(s: &str) -> Result<Channel> {
    Channel::parse(s).ok_or_else(|| corrupt("channel", s))
}

/// Email keys are compared lowercased; phone keys are E.164, where lowercasing is a no-op.
pub(crate) fn address_key(kind: ContactKind, key: &str) -> String {
    match kind {
        ContactKind::Email => key.to_lowercase(),
        ContactKind::Phone => key.to_owned(),
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct IdentityRow {
    id: Uuid,
    name: Option<String>,
    locale: Option<String>,
    state: String,
    created_at: i64,
    updated_at: i64,
}

impl IdentityRow {
    pub(crate) fn into_model(self) -> Result<Identity> {
        Ok(Identity {
            id: IdentityId(self.id),
            name: self.name,
            locale: self.locale,
            state: identity_state(&self.state)?,
            created_at: from_millis(self.created_at),
            updated_at: from_millis(self.updated_at),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ContactRow {
    id: Uuid,
    identity_id: Uuid,
    kind: String,
    address: String,
    address_key: String,
    verified: bool,
    is_primary: bool,
    created_at: i64,
}

impl ContactRow {
    pub(crate) fn into_model(self) -> Result<Contact> {
        Ok(Contact {
            id: self.id,
            identity_id: IdentityId(self.identity_id),
            kind: contact_kind(&self.kind)?,
            address: self.address,
            address_key: self.address_key,
            verified: self.verified,
            primary: self.is_primary,
            created_at: from_millis(self.created_at),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct CredentialRow {
    id: Uuid,
    identity_id: Uuid,
    kind: String,
    secret: String,
    data: String,
    created_at: i64,
    updated_at: i64,
}

impl CredentialRow {
    /// A `CREDENTIALS_SQL` row read through rusqlite (see `SessionLookupRow`).
    pub(crate) fn from_rusqlite(row: &rusqlite::Row<'_>) -> Result<Self> {
        Ok(Self {
            id: uuid(&get::<Vec<u8>>(row, 0)?)?,
            identity_id: uuid(&get::<Vec<u8>>(row, 1)?)?,
            kind: get(row, 2)?,
            secret: get(row, 3)?,
            data: get(row, 4)?,
            created_at: get(row, 5)?,
            updated_at: get(row, 6)?,
        })
    }

    pub(crate) fn into_model(self) -> Result<Credential> {
        Ok(Credential {
            id: self.id,
            identity_id: IdentityId(self.identity_id),
            kind: CredentialKind::parse(&self.kind)
                .ok_or_else(|| corrupt("credential kind", &self.kind))?,
            secret: self.secret,
            data: json("credential data", &self.data)?,
            created_at: from_millis(self.created_at),
            updated_at: from_millis(self.updated_at),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct FlowRow {
    id: Uuid,
    kind: String,
    state: String,
    identity_id: Option<Uuid>,
    identifier_key: String,
    channel: String,
    payload: String,
    failures: i64,
    created_at: i64,
    expires_at: i64,
    last_sent_at: i64,
    completed_at: Option<i64>,
}

impl FlowRow {
    pub(crate) fn into_model(self) -> Result<Flow> {
        Ok(Flow {
            id: FlowId(self.id),
            kind: FlowKind::parse(&self.kind).ok_or_else(|| corrupt("flow kind", &self.kind))?,
            state: FlowState::parse(&self.state)
                .ok_or_else(|| corrupt("flow state", &self.state))?,
            identity_id: self.identity_id.map(IdentityId),
            identifier_key: self.identifier_key,
            channel: contact_kind(&self.channel)?,
            payload: json("flow payload", &self.payload)?,
            failures: count("flow failures", self.failures)?,
            created_at: from_millis(self.created_at),
            expires_at: from_millis(self.expires_at),
            last_sent_at: from_millis(self.last_sent_at),
            completed_at: self.completed_at.map(from_millis),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct FlowCodeRow {
    id: Uuid,
    flow_id: Uuid,
    code_hash: String,
    created_at: i64,
    expires_at: i64,
}

impl FlowCodeRow {
    pub(crate) fn into_model(self) -> FlowCode {
        FlowCode {
            id: self.id,
            flow_id: FlowId(self.flow_id),
            code_hash: self.code_hash,
            created_at: from_millis(self.created_at),
            expires_at: from_millis(self.expires_at),
        }
    }
}

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
        }
    }
}

/// A contact joined with its identity; the identity's columns carry an `i_` prefix.
#[derive(sqlx::FromRow)]
pub(crate) struct ContactIdentityRow {
    #[sqlx(flatten)]
    contact: ContactRow,
    i_name: Option<String>,
    i_locale: Option<String>,
    i_state: String,
    i_created_at: i64,
    i_updated_at: i64,
}

impl ContactIdentityRow {
    pub(crate) fn into_model(self) -> Result<(Contact, Identity)> {
        let contact = self.contact.into_model()?;
        let identity = Identity {
            id: contact.identity_id,
            name: self.i_name,
            locale: self.i_locale,
            state: identity_state(&self.i_state)?,
            created_at: from_millis(self.i_created_at),
            updated_at: from_millis(self.i_updated_at),
        };
        Ok((contact, identity))
    }
}

/// A `lockouts` row's `failures` and `last_failure_at`.
pub(crate) fn lockout_record(failures: i64, last_failure_at: i64) -> LockoutRecord {
    LockoutRecord {
        failures: u32::try_from(failures).unwrap_or(u32::MAX),
        last_failure_at: from_millis(last_failure_at),
    }
}

impl ContactIdentityRow {
    /// A `CONTACT_AND_IDENTITY_SQL` row read through rusqlite (see `SessionLookupRow`).
    pub(crate) fn from_rusqlite(row: &rusqlite::Row<'_>) -> Result<Self> {
        Ok(Self {
            contact: ContactRow {
                id: uuid(&get::<Vec<u8>>(row, 0)?)?,
                identity_id: uuid(&get::<Vec<u8>>(row, 1)?)?,
                kind: get(row, 2)?,
                address: get(row, 3)?,
                address_key: get(row, 4)?,
                verified: get(row, 5)?,
                is_primary: get(row, 6)?,
                created_at: get(row, 7)?,
            },
            i_name: get(row, 8)?,
            i_locale: get(row, 9)?,
            i_state: get(row, 10)?,
            i_created_at: get(row, 11)?,
            i_updated_at: get(row, 12)?,
        })
    }
}

/// One value of a rusqlite row, by position.
fn get<T: rusqlite::types::FromSql>(row: &rusqlite::Row<'_>, column: usize) -> Result<T> {
    row.get(column)
        .map_err(|e| StoreError::Read(format!("column {column}: {e}")))
}

/// A UUID as sqlx writes it to SQLite: 16 bytes.
fn uuid(bytes: &[u8]) -> Result<Uuid> {
    Uuid::from_slice(bytes).map_err(|_| corrupt("uuid", &format!("{bytes:?}")))
}

/// One row of `sql::account_cols!`: the identity, its password flag and one contact.
#[derive(sqlx::FromRow)]
pub(crate) struct AccountCols {
    i_id: Uuid,
    i_name: Option<String>,
    i_locale: Option<String>,
    i_state: String,
    i_created_at: i64,
    i_updated_at: i64,
    has_password: bool,
    #[sqlx(flatten)]
    contact: ContactCols,
}

impl AccountCols {
    /// Folds the rows of one identity (one per contact) into the model.
    pub(crate) fn assemble(rows: impl IntoIterator<Item = Self>) -> Result<Option<Account>> {
        let mut rows = rows.into_iter();
        let Some(first) = rows.next() else {
            return Ok(None);
        };
        let identity = Identity {
            id: IdentityId(first.i_id),
            name: first.i_name,
            locale: first.i_locale,
            state: identity_state(&first.i_state)?,
            created_at: from_millis(first.i_created_at),
            updated_at: from_millis(first.i_updated_at),
        };
        let mut contacts = Vec::new();
        for cols in std::iter::once(first.contact).chain(rows.map(|r| r.contact)) {
            if let Some(contact) = cols.into_model(identity.id)? {
                contacts.push(contact);
            }
        }
        Ok(Some(Account {
            identity,
            contacts,
            has_password: first.has_password,
        }))
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
        let c_id: Option<Vec<u8>> = get(row, 19)?;
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
            },
            account: AccountCols {
                i_id: uuid(&get::<Vec<u8>>(row, 12)?)?,
                i_name: get(row, 13)?,
                i_locale: get(row, 14)?,
                i_state: get(row, 15)?,
                i_created_at: get(row, 16)?,
                i_updated_at: get(row, 17)?,
                has_password: get(row, 18)?,
                contact: ContactCols {
                    id: c_id.as_deref().map(uuid).transpose()?,
                    kind: get(row, 20)?,
                    address: get(row, 21)?,
                    address_key: get(row, 22)?,
                    verified: get(row, 23)?,
                    is_primary: get(row, 24)?,
                    created_at: get(row, 25)?,
                },
            },
        })
    }
}

/// A contact's columns from an outer join: all NULL when there was no contact.
#[derive(sqlx::FromRow)]
struct ContactCols {
    #[sqlx(rename = "c_id")]
    id: Option<Uuid>,
    #[sqlx(rename = "c_kind")]
    kind: Option<String>,
    #[sqlx(rename = "c_address")]
    address: Option<String>,
    #[sqlx(rename = "c_address_key")]
    address_key: Option<String>,
    #[sqlx(rename = "c_verified")]
    verified: Option<bool>,
    #[sqlx(rename = "c_is_primary")]
    is_primary: Option<bool>,
    #[sqlx(rename = "c_created_at")]
    created_at: Option<i64>,
}

impl ContactCols {
    fn into_model(self, identity_id: IdentityId) -> Result<Option<Contact>> {
        let Some(id) = self.id else {
            return Ok(None);
        };
        match (
            self.kind,
            self.address,
            self.address_key,
            self.verified,
            self.is_primary,
            self.created_at,
        ) {
            (
                Some(kind),
                Some(address),
                Some(address_key),
                Some(verified),
                Some(primary),
                Some(created_at),
            ) => Ok(Some(Contact {
                id,
                identity_id,
                kind: contact_kind(&kind)?,
                address,
                address_key,
                verified,
                primary,
                created_at: from_millis(created_at),
            })),
            _ => Err(corrupt("contact", &id.to_string())),
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct OutboxRow {
    id: Uuid,
    channel: String,
    recipient: String,
    locale: String,
    template: String,
    subject: String,
    text: String,
    html: Option<String>,
    created_at: i64,
    status: String,
    attempts: i64,
    next_attempt_at: i64,
    last_error: Option<String>,
    sent_at: Option<i64>,
    useful_until: i64,
    last_attempt_at: Option<i64>,
    abandon_reason: Option<String>,
}

impl OutboxRow {
    pub(crate) fn into_model(self) -> Result<OutboxMessage> {
        Ok(OutboxMessage {
            message: NewMessage {
                id: self.id,
                channel: channel(&self.channel)?,
                recipient: self.recipient,
                locale: self.locale,
                template: self.template,
                subject: self.subject,
                text: self.text,
                html: self.html,
                created_at: from_millis(self.created_at),
                useful_until: from_millis(self.useful_until),
            },
            status: MessageStatus::parse(&self.status)
                .ok_or_else(|| corrupt("message status", &self.status))?,
            attempts: count("message attempts", self.attempts)?,
            next_attempt_at: from_millis(self.next_attempt_at),
            last_error: self.last_error,
            sent_at: self.sent_at.map(from_millis),
            last_attempt_at: self.last_attempt_at.map(from_millis),
            abandon_reason: self.abandon_reason,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct MailboxRow {
    id: Uuid,
    to_address: String,
    channel: String,
    subject: String,
    text: String,
    html: Option<String>,
    created_at: i64,
}

impl MailboxRow {
    pub(crate) fn into_model(self) -> Result<MailboxEntry> {
        Ok(MailboxEntry {
            id: self.id,
            to: self.to_address,
            channel: channel(&self.channel)?,
            subject: self.subject,
            text: self.text,
            html: self.html,
            created_at: from_millis(self.created_at),
        })
    }
}

/// Converts a list of rows, stopping at the first corrupt one.
pub(crate) fn collect<R, T>(rows: Vec<R>, f: impl Fn(R) -> Result<T>) -> Result<Vec<T>> {
    rows.into_iter().map(f).collect()
}

// --- recovery --------------------------------------------------------------------------

#[derive(sqlx::FromRow)]
pub(crate) struct ResetTokenRow {
    token_hash: String,
    identity_id: Uuid,
    flow_id: Option<Uuid>,
    purpose: String,
    credential_stamp: Option<i64>,
    created_at: i64,
    expires_at: i64,
    used_at: Option<i64>,
}

impl ResetTokenRow {
    pub(crate) fn into_model(self) -> Result<ResetToken> {
        Ok(ResetToken {
            token_hash: self.token_hash,
            identity_id: IdentityId(self.identity_id),
            flow_id: self.flow_id.map(FlowId),
            purpose: TokenPurpose::parse(&self.purpose)
                .ok_or_else(|| corrupt("token purpose", &self.purpose))?,
            credential_stamp: self.credential_stamp.map(from_millis),
            created_at: from_millis(self.created_at),
            expires_at: from_millis(self.expires_at),
            used_at: self.used_at.map(from_millis),
        })
    }
}
