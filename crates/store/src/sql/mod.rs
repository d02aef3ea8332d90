//! SQL implementations of [`crate::Store`]: the query code, written once as a macro and
//! expanded for SQLite ([`SqliteStore`]) and PostgreSQL ([`PgStore`]), and [`connect`],
//! which picks the backend from the URL.
//!
//! Both backends get the same SQL text: `$n` placeholders, `RETURNING` and `ON CONFLICT`
//! mean the same on both, and every column type is one both map alike (BIGINT millis,
//! TEXT enums and JSON, BOOLEAN, UUID/BLOB). Only what truly differs is a macro argument:
//! the migrator, the statement that opens a write transaction, and the outbox claim.

mod postgres;
mod rows;
mod sqlite;
mod sqlite_reads;

pub use postgres::PgStore;
pub use sqlite::SqliteStore;

use crate::{DynStore, Result, StoreError};
use std::sync::Arc;

/// Opens a pool for `url` (`sqlite://path.db`, `sqlite::memory:`, `postgres://…`,
/// `postgresql://…`). Runs no migrations: callers call [`crate::Store::migrate`].
pub async fn connect(url: &str) -> Result<DynStore> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::connect(url).await?))
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PgStore::connect(url).await?))
    } else {
        // The URL is left out of the message: it may carry a password.
        Err(StoreError::Database(sqlx::Error::Configuration(
            "unsupported database URL scheme (expected sqlite: or postgres://)".into(),
        )))
    }
}

/// Maps write errors: a unique violation is the caller's business (an address taken), a
/// foreign-key violation means the parent row is gone, the rest is the database's.
fn db_err(e: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(d) = &e {
        if d.is_unique_violation() {
            return StoreError::Conflict(d.message().to_owned());
        }
        if d.is_foreign_key_violation() {
            return StoreError::NotFound;
        }
    }
    StoreError::Database(e)
}

/// `rows_affected() == 0` on an update by id means the row does not exist.
fn found(rows: u64) -> Result<()> {
    if rows == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

fn limit(n: u32) -> i64 {
    i64::from(n)
}

// Column lists, as macros so `concat!` can splice them into `&'static str` queries.
macro_rules! identity_cols {
    () => {
        "id, name, locale, state, created_at, updated_at"
    };
}
macro_rules! contact_cols {
    () => {
        "id, identity_id, kind, address, address_key, verified, is_primary, created_at"
    };
}
macro_rules! credential_cols {
    () => {
        "id, identity_id, kind, secret, data, created_at, updated_at"
    };
}
macro_rules! flow_cols {
    () => {
        "id, kind, state, identity_id, identifier_key, channel, payload, failures, \
         created_at, expires_at, last_sent_at, completed_at"
    };
}
macro_rules! flow_code_cols {
    () => {
        "id, flow_id, code_hash, created_at, expires_at"
    };
}
macro_rules! session_cols {
    () => {
        "id, identity_id, token_hash, created_at, last_seen_at, expires_at, \
         absolute_expires_at, ip, user_agent, method"
    };
}
macro_rules! outbox_cols {
    () => {
        "id, channel, recipient, locale, template, subject, text, html, created_at, \
         status, attempts, next_attempt_at, last_error, sent_at, useful_until, \
         last_attempt_at, abandon_reason"
    };
}
macro_rules! mailbox_cols {
    () => {
        "id, to_address, channel, subject, text, html, created_at"
    };
}
macro_rules! reset_token_cols {
    () => {
        "token_hash, identity_id, flow_id, purpose, credential_stamp, created_at, \
         expires_at, used_at"
    };
}
/// An identity (`i_` prefix), its password flag and one of its contacts (`c_` prefix,
/// NULL without one), from `identities i LEFT JOIN contacts c`: one row per contact.
/// Decoded by `rows::AccountCols`.
macro_rules! account_cols {
    () => {
        "i.id AS i_id, i.name AS i_name, i.locale AS i_locale, i.state AS i_state, \
         i.created_at AS i_created_at, i.updated_at AS i_updated_at, \
         EXISTS (SELECT 1 FROM credentials cr WHERE cr.identity_id = i.id \
                 AND cr.kind = 'password') AS has_password, \
         c.id AS c_id, c.kind AS c_kind, c.address AS c_address, \
         c.address_key AS c_address_key, c.verified AS c_verified, \
         c.is_primary AS c_is_primary, c.created_at AS c_created_at"
    };
}
pub(crate) use {account_cols, reset_token_cols};

/// The session check: a live session with its account, one row per contact (the session
/// and identity columns repeat on each). `$1` = token hash, `$2` = now in milliseconds.
pub(crate) const SESSION_LOOKUP_SQL: &str = concat!(
    "SELECT s.id, s.identity_id, s.token_hash, s.created_at, s.last_seen_at, \
     s.expires_at, s.absolute_expires_at, s.ip, s.user_agent, s.method, ",
    account_cols!(),
    " FROM sessions s JOIN identities i ON i.id = s.identity_id \
     LEFT JOIN contacts c ON c.identity_id = i.id \
     WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 \
     ORDER BY c.created_at, c.id"
);

/// A contact by kind and address key, with its identity: the verified holder when there
/// is one, else the oldest claim. `$1` = kind, `$2` = key.
pub(crate) const CONTACT_AND_IDENTITY_SQL: &str = "SELECT c.id, c.identity_id, c.kind, c.address, c.address_key, \
     c.verified, c.is_primary, c.created_at, \
     i.name AS i_name, i.locale AS i_locale, i.state AS i_state, \
     i.created_at AS i_created_at, i.updated_at AS i_updated_at \
     FROM contacts c JOIN identities i ON i.id = c.identity_id \
     WHERE c.kind = $1 AND c.address_key = $2 \
     ORDER BY c.verified DESC, c.created_at, c.id LIMIT 1";

/// Removes the unverified claims of an address by identities other than its verified
/// holder. `$1` = kind, `$2` = key, `$3` = the holder's identity id.
pub(crate) const RELEASE_CLAIMS_SQL: &str = "DELETE FROM contacts \
     WHERE kind = $1 AND address_key = $2 AND NOT verified AND identity_id <> $3";

/// An identity's credentials, oldest first. `$1` = identity id.
pub(crate) const CREDENTIALS_SQL: &str = concat!(
    "SELECT ",
    credential_cols!(),
    " FROM credentials WHERE identity_id = $1 ORDER BY created_at, id"
);

/// An account's device-trust epoch. `$1` = identity id.
pub(crate) const DEVICE_EPOCH_SQL: &str = "SELECT epoch FROM device_epochs WHERE identity_id = $1";

/// A lockout key's record. `$1` = key.
pub(crate) const LOCKOUT_SQL: &str =
    "SELECT failures, last_failure_at FROM lockouts WHERE key = $1";
pub(crate) use {
    contact_cols, credential_cols, flow_code_cols, flow_cols, identity_cols, mailbox_cols,
    outbox_cols, session_cols,
};

/// Expands `impl Store for $store` over a `sqlx::Pool<$db>` field named `pool`.
///
/// - `migrator`: the backend's embedded `sqlx::migrate::Migrator`.
/// - `begin`: the statement that opens a write transaction. SQLite needs
///   `BEGIN IMMEDIATE` so the write lock is taken (and waited for) up front; a deferred
///   transaction that upgrades later fails with SQLITE_BUSY instead of waiting.
/// - `claim_sql`: the outbox claim, `$1` = now, `$2` = lease_until, `$3` = limit,
///   returning `outbox_cols!()`.
macro_rules! impl_store {
    (
        store: $store:ty,
        db: $db:ty,
        backend: $backend:literal,
        migrator: $migrator:path,
        begin: $begin:literal,
        claim_sql: $claim:expr $(,)?
    ) => {
        impl $store {
            async fn insert_messages(
                conn: &mut <$db as sqlx::Database>::Connection,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                for m in messages {
                    sqlx::query(
                        "INSERT INTO outbox (id, channel, recipient, locale, template, subject, \
                         text, html, created_at, status, attempts, next_attempt_at, \
                         useful_until) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', 0, $9, $10)",
                    )
                    .bind(m.id)
                    .bind(m.channel.as_str())
                    .bind(m.recipient.as_str())
                    .bind(m.locale.as_str())
                    .bind(m.template.as_str())
                    .bind(m.subject.as_str())
                    .bind(m.text.as_str())
                    .bind(m.html.as_deref())
                    .bind(to_millis(m.created_at))
                    .bind(to_millis(m.useful_until))
                    .execute(&mut *conn)
                    .await
                    .map_err($crate::sql::db_err)?;
                }
                Ok(())
            }

            async fn insert_flow(
                conn: &mut <$db as sqlx::Database>::Connection,
                flow: &$crate::model::Flow,
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                sqlx::query(concat!(
                    "INSERT INTO flows (",
                    $crate::sql::flow_cols!(),
                    ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
                ))
                .bind(flow.id.0)
                .bind(flow.kind.as_str())
                .bind(flow.state.as_str())
                .bind(flow.identity_id.map(|i| i.0))
                .bind(flow.identifier_key.as_str())
                .bind(flow.channel.as_str())
                .bind($crate::sql::rows::json_text(&flow.payload)?)
                .bind(i64::from(flow.failures))
                .bind(to_millis(flow.created_at))
                .bind(to_millis(flow.expires_at))
                .bind(to_millis(flow.last_sent_at))
                .bind(flow.completed_at.map(to_millis))
                .execute(&mut *conn)
                .await
                .map_err($crate::sql::db_err)?;
                Ok(())
            }

            async fn insert_session(
                conn: &mut <$db as sqlx::Database>::Connection,
                session: &$crate::model::Session,
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                sqlx::query(concat!(
                    "INSERT INTO sessions (",
                    $crate::sql::session_cols!(),
                    ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
                ))
                .bind(session.id.0)
                .bind(session.identity_id.0)
                .bind(session.token_hash.as_str())
                .bind(to_millis(session.created_at))
                .bind(to_millis(session.last_seen_at))
                .bind(to_millis(session.expires_at))
                .bind(to_millis(session.absolute_expires_at))
                .bind(session.ip.as_deref())
                .bind(session.user_agent.as_deref())
                .bind(session.method.as_str())
                .execute(&mut *conn)
                .await
                .map_err($crate::sql::db_err)?;
                Ok(())
            }

            async fn insert_flow_code(
                conn: &mut <$db as sqlx::Database>::Connection,
                flow: latchkey_domain::ids::FlowId,
                code: &$crate::model::FlowCode,
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                sqlx::query(concat!(
                    "INSERT INTO flow_codes (",
                    $crate::sql::flow_code_cols!(),
                    ") VALUES ($1, $2, $3, $4, $5)"
                ))
                .bind(code.id)
                .bind(flow.0)
                .bind(code.code_hash.as_str())
                .bind(to_millis(code.created_at))
                .bind(to_millis(code.expires_at))
                .execute(&mut *conn)
                .await
                .map_err($crate::sql::db_err)?;
                Ok(())
            }

            async fn begin_write(&self) -> $crate::Result<sqlx::Transaction<'static, $db>> {
                // BEGIN runs in a task of its own, which a cancelled caller (an HTTP client
                // that hangs up drops its handler) cannot interrupt. sqlx 0.9.0 on
                // PostgreSQL leaves a session inside a transaction that nothing rolls back
                // when BEGIN is cancelled mid-round-trip (sqlx issue #4393, fixed
                // upstream after 0.9.0); the pool then hands it on, and the next
                // borrower's statements run in it and keep their locks. Seen here as a
                // courier stuck behind its own claim after a load run ended
                // (`idle in transaction`). Drop this once sqlx ships the fix.
                let pool = self.pool.clone();
                tokio::spawn(async move { pool.begin_with($begin).await })
                    .await
                    .map_err(|e| $crate::StoreError::Read(format!("BEGIN task: {e}")))?
                    .map_err(Into::into)
            }
        }

        #[async_trait::async_trait]
        impl $crate::Store for $store {
            async fn migrate(&self) -> $crate::Result<()> {
                $migrator.run(&self.pool).await?;
                Ok(())
            }

            async fn ping(&self) -> $crate::Result<()> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            fn backend(&self) -> &'static str {
                $backend
            }

            // --- identities, contacts, credentials -----------------------------------

            async fn create_identity(
                &self,
                new: &$crate::model::NewIdentity,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<()> {
                use $crate::sql::{db_err, rows};
                use latchkey_domain::clock::to_millis;
                let mut tx = self.begin_write().await?;
                let i = &new.identity;
                sqlx::query(concat!(
                    "INSERT INTO identities (",
                    $crate::sql::identity_cols!(),
                    ") VALUES ($1, $2, $3, $4, $5, $6)"
                ))
                .bind(i.id.0)
                .bind(i.name.as_deref())
                .bind(i.locale.as_deref())
                .bind(i.state.as_str())
                .bind(to_millis(i.created_at))
                .bind(to_millis(i.updated_at))
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                for c in &new.contacts {
                    sqlx::query(concat!(
                        "INSERT INTO contacts (",
                        $crate::sql::contact_cols!(),
                        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                    ))
                    .bind(c.id)
                    .bind(i.id.0)
                    .bind(c.kind.as_str())
                    .bind(c.address.as_str())
                    .bind(rows::address_key(c.kind, &c.address_key))
                    .bind(c.verified)
                    .bind(c.primary)
                    .bind(to_millis(c.created_at))
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                }
                // Verifying wins: the new identity's verified addresses stop being claimed
                // by anyone else (the flow tells those accounts).
                for c in new.contacts.iter().filter(|c| c.verified) {
                    sqlx::query($crate::sql::RELEASE_CLAIMS_SQL)
                        .bind(c.kind.as_str())
                        .bind(rows::address_key(c.kind, &c.address_key))
                        .bind(i.id.0)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                }
                for c in &new.credentials {
                    sqlx::query(concat!(
                        "INSERT INTO credentials (",
                        $crate::sql::credential_cols!(),
                        ") VALUES ($1, $2, $3, $4, $5, $6, $7)"
                    ))
                    .bind(c.id)
                    .bind(i.id.0)
                    .bind(c.kind.as_str())
                    .bind(c.secret.as_str())
                    .bind(rows::json_text(&c.data)?)
                    .bind(to_millis(c.created_at))
                    .bind(to_millis(c.updated_at))
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                }
                Self::insert_messages(&mut tx, messages).await?;
                // Dropping `tx` on any `?` above rolls everything back.
                tx.commit().await?;
                Ok(())
            }

            async fn identity(
                &self,
                id: latchkey_domain::ids::IdentityId,
            ) -> $crate::Result<Option<$crate::model::Identity>> {
                let row: Option<$crate::sql::rows::IdentityRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::identity_cols!(),
                    " FROM identities WHERE id = $1"
                ))
                .bind(id.0)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| r.into_model()).transpose()
            }

            async fn set_identity_locale(
                &self,
                id: latchkey_domain::ids::IdentityId,
                locale: &str,
            ) -> $crate::Result<()> {
                let done = sqlx::query("UPDATE identities SET locale = $2 WHERE id = $1")
                    .bind(id.0)
                    .bind(locale)
                    .execute(&self.pool)
                    .await?;
                $crate::sql::found(done.rows_affected())
            }

            async fn contact_by_key(
                &self,
                kind: $crate::model::ContactKind,
                key: &str,
            ) -> $crate::Result<Option<$crate::model::Contact>> {
                let row: Option<$crate::sql::rows::ContactRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::contact_cols!(),
                    " FROM contacts WHERE kind = $1 AND address_key = $2 \
                     ORDER BY verified DESC, created_at, id LIMIT 1"
                ))
                .bind(kind.as_str())
                .bind($crate::sql::rows::address_key(kind, key))
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| r.into_model()).transpose()
            }

            async fn contacts_by_key(
                &self,
                kind: $crate::model::ContactKind,
                key: &str,
            ) -> $crate::Result<Vec<$crate::model::Contact>> {
                let rows: Vec<$crate::sql::rows::ContactRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::contact_cols!(),
                    " FROM contacts WHERE kind = $1 AND address_key = $2 \
                     ORDER BY verified DESC, created_at, id"
                ))
                .bind(kind.as_str())
                .bind($crate::sql::rows::address_key(kind, key))
                .fetch_all(&self.pool)
                .await?;
                $crate::sql::rows::collect(rows, |r| r.into_model())
            }

            async fn account(
                &self,
                id: latchkey_domain::ids::IdentityId,
            ) -> $crate::Result<Option<$crate::model::Account>> {
                let rows: Vec<$crate::sql::rows::AccountCols> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::account_cols!(),
                    " FROM identities i LEFT JOIN contacts c ON c.identity_id = i.id \
                     WHERE i.id = $1 ORDER BY c.created_at, c.id"
                ))
                .bind(id.0)
                .fetch_all(&self.pool)
                .await?;
                $crate::sql::rows::AccountCols::assemble(rows)
            }

            async fn contact_and_identity(
                &self,
                kind: $crate::model::ContactKind,
                key: &str,
            ) -> $crate::Result<Option<($crate::model::Contact, $crate::model::Identity)>> {
                if let Some(hot) = self.hot_reads() {
                    return hot.contact_and_identity(kind, key);
                }
                let row: Option<$crate::sql::rows::ContactIdentityRow> =
                    sqlx::query_as($crate::sql::CONTACT_AND_IDENTITY_SQL)
                    .bind(kind.as_str())
                    .bind($crate::sql::rows::address_key(kind, key))
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(|r| r.into_model()).transpose()
            }

            async fn contacts(
                &self,
                identity: latchkey_domain::ids::IdentityId,
            ) -> $crate::Result<Vec<$crate::model::Contact>> {
                let rows: Vec<$crate::sql::rows::ContactRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::contact_cols!(),
                    " FROM contacts WHERE identity_id = $1 ORDER BY created_at, id"
                ))
                .bind(identity.0)
                .fetch_all(&self.pool)
                .await?;
                $crate::sql::rows::collect(rows, |r| r.into_model())
            }

            async fn verify_contact(
                &self,
                contact: uuid::Uuid,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                let row: Option<$crate::sql::rows::ContactRow> = sqlx::query_as(concat!(
                    "UPDATE contacts SET verified = TRUE WHERE id = $1 RETURNING ",
                    $crate::sql::contact_cols!()
                ))
                .bind(contact)
                .fetch_optional(&mut *tx)
                .await
                .map_err($crate::sql::db_err)?;
                let verified = row.ok_or($crate::StoreError::NotFound)?.into_model()?;
                // Verifying wins: nobody else claims the address any more.
                sqlx::query($crate::sql::RELEASE_CLAIMS_SQL)
                    .bind(verified.kind.as_str())
                    .bind(verified.address_key.as_str())
                    .bind(verified.identity_id.0)
                    .execute(&mut *tx)
                    .await
                    .map_err($crate::sql::db_err)?;
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn credentials(
                &self,
                identity: latchkey_domain::ids::IdentityId,
            ) -> $crate::Result<Vec<$crate::model::Credential>> {
                if let Some(hot) = self.hot_reads() {
                    return hot.credentials(identity);
                }
                let rows: Vec<$crate::sql::rows::CredentialRow> =
                    sqlx::query_as($crate::sql::CREDENTIALS_SQL)
                .bind(identity.0)
                .fetch_all(&self.pool)
                .await?;
                $crate::sql::rows::collect(rows, |r| r.into_model())
            }

            async fn update_credential_secret(
                &self,
                identity: latchkey_domain::ids::IdentityId,
                kind: $crate::model::CredentialKind,
                secret: &str,
                now: time::OffsetDateTime,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<()> {
                use $crate::model::CredentialKind;
                use $crate::sql::db_err;
                use latchkey_domain::clock::to_millis;
                let mut tx = self.begin_write().await?;
                match kind {
                    // One of these per identity (a partial unique index): setting it when
                    // there is none yet creates it, so "add a password" needs no other call.
                    CredentialKind::Password | CredentialKind::Totp | CredentialKind::RecoveryCodes => {
                        sqlx::query(concat!(
                            "INSERT INTO credentials (",
                            $crate::sql::credential_cols!(),
                            ") VALUES ($1, $2, $3, $4, '{}', $5, $5) \
                             ON CONFLICT (identity_id, kind) \
                             WHERE kind IN ('password', 'totp', 'recovery_codes') \
                             DO UPDATE SET secret = excluded.secret, updated_at = excluded.updated_at"
                        ))
                        .bind(uuid::Uuid::now_v7())
                        .bind(identity.0)
                        .bind(kind.as_str())
                        .bind(secret)
                        .bind(to_millis(now))
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                    }
                    CredentialKind::Webauthn | CredentialKind::Oidc => {
                        let done = sqlx::query(
                            "UPDATE credentials SET secret = $3, updated_at = $4 \
                             WHERE identity_id = $1 AND kind = $2",
                        )
                        .bind(identity.0)
                        .bind(kind.as_str())
                        .bind(secret)
                        .bind(to_millis(now))
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                        $crate::sql::found(done.rows_affected())?;
                    }
                }
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(())
            }

            // --- flows -----------------------------------------------------------------

            async fn create_flow(
                &self,
                flow: &$crate::model::Flow,
                code: Option<&$crate::model::FlowCode>,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                Self::insert_flow(&mut tx, flow).await?;
                if let Some(code) = code {
                    Self::insert_flow_code(&mut tx, flow.id, code).await?;
                }
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn flow(
                &self,
                id: latchkey_domain::ids::FlowId,
            ) -> $crate::Result<Option<$crate::model::Flow>> {
                let row: Option<$crate::sql::rows::FlowRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::flow_cols!(),
                    " FROM flows WHERE id = $1"
                ))
                .bind(id.0)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| r.into_model()).transpose()
            }

            async fn add_flow_code(
                &self,
                flow: latchkey_domain::ids::FlowId,
                code: &$crate::model::FlowCode,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                let mut tx = self.begin_write().await?;
                let done = sqlx::query("UPDATE flows SET last_sent_at = $2 WHERE id = $1")
                    .bind(flow.0)
                    .bind(to_millis(code.created_at))
                    .execute(&mut *tx)
                    .await
                    .map_err($crate::sql::db_err)?;
                $crate::sql::found(done.rows_affected())?;
                Self::insert_flow_code(&mut tx, flow, code).await?;
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn flow_codes(
                &self,
                flow: latchkey_domain::ids::FlowId,
            ) -> $crate::Result<Vec<$crate::model::FlowCode>> {
                let rows: Vec<$crate::sql::rows::FlowCodeRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::flow_code_cols!(),
                    " FROM flow_codes WHERE flow_id = $1 ORDER BY created_at DESC, id DESC"
                ))
                .bind(flow.0)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(|r| r.into_model()).collect())
            }

            async fn reserve_flow_try(
                &self,
                flow: latchkey_domain::ids::FlowId,
                max: u32,
                now: time::OffsetDateTime,
            ) -> $crate::Result<Option<$crate::model::Flow>> {
                // Reserve before judging, in one statement: of any number of concurrent
                // guesses, at most `max` ever get a row back (no read-modify-write).
                let row: Option<$crate::sql::rows::FlowRow> = sqlx::query_as(concat!(
                    "UPDATE flows SET failures = failures + 1 \
                     WHERE id = $1 AND state = 'active' AND failures < $2 AND expires_at > $3 \
                     RETURNING ",
                    $crate::sql::flow_cols!()
                ))
                .bind(flow.0)
                .bind(i64::from(max))
                .bind(latchkey_domain::clock::to_millis(now))
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| r.into_model()).transpose()
            }

            async fn complete_flow(
                &self,
                flow: latchkey_domain::ids::FlowId,
                max: u32,
                now: time::OffsetDateTime,
            ) -> $crate::Result<bool> {
                // The `state = 'active'` guard makes this a compare-and-set: of concurrent
                // callers, exactly one sees a row change. The right code's reserved try is
                // given back, and a flow whose tries ran out cannot complete.
                let done = sqlx::query(
                    "UPDATE flows SET state = 'completed', completed_at = $2, \
                     failures = CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END \
                     WHERE id = $1 AND state = 'active' AND failures <= $3",
                )
                .bind(flow.0)
                .bind(latchkey_domain::clock::to_millis(now))
                .bind(i64::from(max))
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            // --- sessions ----------------------------------------------------------------

            async fn create_session(
                &self,
                session: &$crate::model::Session,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<()> {
                if messages.is_empty() {
                    // One statement is atomic on its own: no BEGIN/COMMIT round trips on
                    // the sign-in path (each is a hop to sqlx's SQLite thread).
                    let mut conn = self.pool.acquire().await?;
                    return Self::insert_session(&mut conn, session).await;
                }
                let mut tx = self.begin_write().await?;
                Self::insert_session(&mut tx, session).await?;
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn session_by_token_hash(
                &self,
                token_hash: &str,
                now: time::OffsetDateTime,
            ) -> $crate::Result<Option<$crate::model::SessionLookup>> {
                if let Some(hot) = self.hot_reads() {
                    return hot.session_lookup(token_hash, now);
                }
                let rows: Vec<$crate::sql::rows::SessionLookupRow> =
                    sqlx::query_as($crate::sql::SESSION_LOOKUP_SQL)
                        .bind(token_hash)
                        .bind(latchkey_domain::clock::to_millis(now))
                        .fetch_all(&self.pool)
                        .await?;
                $crate::sql::rows::SessionLookupRow::assemble(rows)
            }

            async fn touch_session(
                &self,
                id: latchkey_domain::ids::SessionId,
                now: time::OffsetDateTime,
                idle_expires_at: time::OffsetDateTime,
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                // CASE rather than MIN/LEAST: SQLite has no LEAST, PostgreSQL's MIN is an
                // aggregate. A dead session is left dead: touching never revives it.
                sqlx::query(
                    "UPDATE sessions SET last_seen_at = $2, \
                     expires_at = CASE WHEN $3 < absolute_expires_at THEN $3 \
                                       ELSE absolute_expires_at END \
                     WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2",
                )
                .bind(id.0)
                .bind(to_millis(now))
                .bind(to_millis(idle_expires_at))
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn sessions(
                &self,
                identity: latchkey_domain::ids::IdentityId,
                now: time::OffsetDateTime,
            ) -> $crate::Result<Vec<$crate::model::Session>> {
                let rows: Vec<$crate::sql::rows::SessionRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::session_cols!(),
                    " FROM sessions WHERE identity_id = $1 AND revoked_at IS NULL \
                     AND expires_at > $2 ORDER BY created_at DESC, id DESC"
                ))
                .bind(identity.0)
                .bind(latchkey_domain::clock::to_millis(now))
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(|r| r.into_model()).collect())
            }

            async fn revoke_session(
                &self,
                identity: latchkey_domain::ids::IdentityId,
                id: latchkey_domain::ids::SessionId,
                now: time::OffsetDateTime,
            ) -> $crate::Result<bool> {
                // Scoped to the identity so one account can never revoke another's session.
                let done = sqlx::query(
                    "UPDATE sessions SET revoked_at = $3 WHERE id = $2 AND identity_id = $1 \
                     AND revoked_at IS NULL AND expires_at > $3",
                )
                .bind(identity.0)
                .bind(id.0)
                .bind(latchkey_domain::clock::to_millis(now))
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn revoke_sessions(
                &self,
                identity: latchkey_domain::ids::IdentityId,
                keep: Option<latchkey_domain::ids::SessionId>,
                now: time::OffsetDateTime,
            ) -> $crate::Result<u64> {
                use latchkey_domain::clock::to_millis;
                let done = match keep {
                    Some(keep) => {
                        sqlx::query(
                            "UPDATE sessions SET revoked_at = $2 WHERE identity_id = $1 \
                             AND revoked_at IS NULL AND expires_at > $2 AND id <> $3",
                        )
                        .bind(identity.0)
                        .bind(to_millis(now))
                        .bind(keep.0)
                        .execute(&self.pool)
                        .await?
                    }
                    None => {
                        sqlx::query(
                            "UPDATE sessions SET revoked_at = $2 WHERE identity_id = $1 \
                             AND revoked_at IS NULL AND expires_at > $2",
                        )
                        .bind(identity.0)
                        .bind(to_millis(now))
                        .execute(&self.pool)
                        .await?
                    }
                };
                Ok(done.rows_affected())
            }

            // --- courier outbox ----------------------------------------------------------

            async fn enqueue_messages(
                &self,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<()> {
                if messages.is_empty() {
                    return Ok(());
                }
                let mut tx = self.begin_write().await?;
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn claim_due_messages(
                &self,
                now: time::OffsetDateTime,
                lease_until: time::OffsetDateTime,
                limit: u32,
            ) -> $crate::Result<Vec<$crate::model::OutboxMessage>> {
                use latchkey_domain::clock::to_millis;
                let rows: Vec<$crate::sql::rows::OutboxRow> = sqlx::query_as($claim)
                    .bind(to_millis(now))
                    .bind(to_millis(lease_until))
                    .bind($crate::sql::limit(limit))
                    .fetch_all(&self.pool)
                    .await?;
                let mut claimed = $crate::sql::rows::collect(rows, |r| r.into_model())?;
                // RETURNING comes back in no promised order; the courier wants oldest due first.
                claimed.sort_by(|a, b| {
                    (a.next_attempt_at, a.message.id).cmp(&(b.next_attempt_at, b.message.id))
                });
                Ok(claimed)
            }

            async fn mark_message_sent(
                &self,
                id: uuid::Uuid,
                now: time::OffsetDateTime,
            ) -> $crate::Result<()> {
                let done = sqlx::query(
                    "UPDATE outbox SET status = 'sent', sent_at = $2, last_attempt_at = $2, \
                     attempts = attempts + 1, lease_until = NULL, text = '', html = NULL \
                     WHERE id = $1",
                )
                .bind(id)
                .bind(latchkey_domain::clock::to_millis(now))
                .execute(&self.pool)
                .await?;
                $crate::sql::found(done.rows_affected())
            }

            async fn mark_message_failed(
                &self,
                id: uuid::Uuid,
                attempts: u32,
                next_attempt_at: Option<time::OffsetDateTime>,
                error: &str,
                now: time::OffsetDateTime,
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                let done = match next_attempt_at {
                    Some(next) => {
                        sqlx::query(
                            "UPDATE outbox SET status = 'pending', attempts = $2, \
                             next_attempt_at = $3, last_error = $4, last_attempt_at = $5, \
                             lease_until = NULL WHERE id = $1",
                        )
                        .bind(id)
                        .bind(i64::from(attempts))
                        .bind(to_millis(next))
                        .bind(error)
                        .bind(to_millis(now))
                        .execute(&self.pool)
                        .await?
                    }
                    None => {
                        return <Self as $crate::Store>::abandon_message(
                            self, id, attempts, error, error, now,
                        )
                        .await;
                    }
                };
                $crate::sql::found(done.rows_affected())
            }

            async fn abandon_message(
                &self,
                id: uuid::Uuid,
                attempts: u32,
                error: &str,
                reason: &str,
                now: time::OffsetDateTime,
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                // The bodies carry the codes and links; nobody reads them again.
                let done = sqlx::query(
                    "UPDATE outbox SET status = 'abandoned', attempts = $2, \
                     last_error = $3, abandon_reason = $4, last_attempt_at = $5, \
                     lease_until = NULL, text = '', html = NULL WHERE id = $1",
                )
                .bind(id)
                .bind(i64::from(attempts))
                .bind(error)
                .bind(reason)
                .bind(to_millis(now))
                .execute(&self.pool)
                .await?;
                $crate::sql::found(done.rows_affected())
            }

            async fn purge_messages(&self, before: time::OffsetDateTime) -> $crate::Result<u64> {
                let done = sqlx::query(
                    "DELETE FROM outbox WHERE created_at < $1 AND status <> 'pending'",
                )
                .bind(latchkey_domain::clock::to_millis(before))
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected())
            }

            async fn message(
                &self,
                id: uuid::Uuid,
            ) -> $crate::Result<Option<$crate::model::OutboxMessage>> {
                let row: Option<$crate::sql::rows::OutboxRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::outbox_cols!(),
                    " FROM outbox WHERE id = $1"
                ))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| r.into_model()).transpose()
            }

            async fn messages_by_status(
                &self,
                status: $crate::model::MessageStatus,
                limit: u32,
            ) -> $crate::Result<Vec<$crate::model::OutboxMessage>> {
                let rows: Vec<$crate::sql::rows::OutboxRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::outbox_cols!(),
                    " FROM outbox WHERE status = $1 ORDER BY created_at DESC, id DESC LIMIT $2"
                ))
                .bind(status.as_str())
                .bind($crate::sql::limit(limit))
                .fetch_all(&self.pool)
                .await?;
                $crate::sql::rows::collect(rows, |r| r.into_model())
            }

            async fn count_messages_by_status(
                &self,
                status: $crate::model::MessageStatus,
            ) -> $crate::Result<u64> {
                let (count,): (i64,) =
                    sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE status = $1")
                        .bind(status.as_str())
                        .fetch_one(&self.pool)
                        .await?;
                Ok(u64::try_from(count).unwrap_or_default())
            }

            // --- dev mailbox -------------------------------------------------------------

            async fn mailbox_put(&self, entry: &$crate::model::MailboxEntry) -> $crate::Result<()> {
                sqlx::query(concat!(
                    "INSERT INTO dev_mailbox (",
                    $crate::sql::mailbox_cols!(),
                    ", to_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                ))
                .bind(entry.id)
                .bind(entry.to.as_str())
                .bind(entry.channel.as_str())
                .bind(entry.subject.as_str())
                .bind(entry.text.as_str())
                .bind(entry.html.as_deref())
                .bind(latchkey_domain::clock::to_millis(entry.created_at))
                .bind(entry.to.to_lowercase())
                .execute(&self.pool)
                .await
                .map_err($crate::sql::db_err)?;
                Ok(())
            }

            async fn mailbox_list(
                &self,
                to: Option<&str>,
                limit: u32,
            ) -> $crate::Result<Vec<$crate::model::MailboxEntry>> {
                let rows: Vec<$crate::sql::rows::MailboxRow> = match to {
                    // Keys are lowercased on the way in, so one comparison covers email case;
                    // phone numbers in E.164 have no case to fold.
                    Some(to) => {
                        sqlx::query_as(concat!(
                            "SELECT ",
                            $crate::sql::mailbox_cols!(),
                            " FROM dev_mailbox WHERE to_key = $1 \
                             ORDER BY created_at DESC, id DESC LIMIT $2"
                        ))
                        .bind(to.trim().to_lowercase())
                        .bind($crate::sql::limit(limit))
                        .fetch_all(&self.pool)
                        .await?
                    }
                    None => {
                        sqlx::query_as(concat!(
                            "SELECT ",
                            $crate::sql::mailbox_cols!(),
                            " FROM dev_mailbox ORDER BY created_at DESC, id DESC LIMIT $1"
                        ))
                        .bind($crate::sql::limit(limit))
                        .fetch_all(&self.pool)
                        .await?
                    }
                };
                $crate::sql::rows::collect(rows, |r| r.into_model())
            }

            // --- recovery ----------------------------------------------------------------

            async fn create_recovery_flow(
                &self,
                flow: &$crate::model::Flow,
                code: &$crate::model::FlowCode,
                link: Option<&$crate::model::ResetToken>,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                Self::insert_flow(&mut tx, flow).await?;
                Self::insert_flow_code(&mut tx, flow.id, code).await?;
                if let Some(link) = link {
                    Self::insert_token(&mut tx, link).await?;
                }
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn add_recovery_code(
                &self,
                flow: latchkey_domain::ids::FlowId,
                channel: $crate::model::ContactKind,
                payload: &serde_json::Value,
                code: &$crate::model::FlowCode,
                link: Option<&$crate::model::ResetToken>,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE flows SET last_sent_at = $2, channel = $3, payload = $4 WHERE id = $1",
                )
                .bind(flow.0)
                .bind(to_millis(code.created_at))
                .bind(channel.as_str())
                .bind($crate::sql::rows::json_text(payload)?)
                .execute(&mut *tx)
                .await
                .map_err($crate::sql::db_err)?;
                $crate::sql::found(done.rows_affected())?;
                Self::insert_flow_code(&mut tx, flow, code).await?;
                if let Some(link) = link {
                    Self::insert_token(&mut tx, link).await?;
                }
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn insert_reset_token(
                &self,
                token: &$crate::model::ResetToken,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                Self::insert_token(&mut tx, token).await?;
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn reset_token(
                &self,
                token_hash: &str,
            ) -> $crate::Result<Option<$crate::model::ResetToken>> {
                let row: Option<$crate::sql::rows::ResetTokenRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::reset_token_cols!(),
                    " FROM reset_tokens WHERE token_hash = $1"
                ))
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| r.into_model()).transpose()
            }

            async fn complete_password_reset(
                &self,
                reset: &$crate::model::PasswordReset,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<bool> {
                use $crate::sql::db_err;
                use latchkey_domain::clock::to_millis;
                let now = to_millis(reset.now);
                let id = reset.identity_id.0;
                let mut tx = self.begin_write().await?;
                // Taking the identity's row lock first makes every reset of one account go
                // one at a time (PostgreSQL; SQLite's BEGIN IMMEDIATE already does), so the
                // checks below see whatever a reset before this one committed.
                let done = sqlx::query(
                    "UPDATE identities SET state = 'active', updated_at = $2 WHERE id = $1 \
                     AND (state = 'active' OR EXISTS (SELECT 1 FROM identity_blocks b \
                     WHERE b.identity_id = $1 AND b.reason = 'reported'))",
                )
                .bind(id)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                if done.rows_affected() != 1 {
                    // Unknown identity, or blocked by support: recovery cannot lift that.
                    return Ok(false);
                }
                let used = sqlx::query(
                    "UPDATE reset_tokens SET used_at = $3 WHERE token_hash = $1 \
                     AND identity_id = $2 AND purpose = 'reset' AND used_at IS NULL \
                     AND expires_at > $3",
                )
                .bind(reset.token_hash.as_str())
                .bind(id)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                if used.rows_affected() != 1 {
                    return Ok(false);
                }
                let stamp: Option<i64> = sqlx::query_scalar(
                    "SELECT updated_at FROM credentials WHERE identity_id = $1 \
                     AND kind = 'password'",
                )
                .bind(id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_err)?;
                if stamp != reset.expected_stamp.map(to_millis) {
                    return Ok(false);
                }
                sqlx::query(concat!(
                    "INSERT INTO credentials (",
                    $crate::sql::credential_cols!(),
                    ") VALUES ($1, $2, 'password', $3, '{}', $4, $4) \
                     ON CONFLICT (identity_id, kind) \
                     WHERE kind IN ('password', 'totp', 'recovery_codes') \
                     DO UPDATE SET secret = excluded.secret, updated_at = excluded.updated_at"
                ))
                .bind(uuid::Uuid::now_v7())
                .bind(id)
                .bind(reset.secret.as_str())
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                sqlx::query(
                    "UPDATE reset_tokens SET used_at = $2 WHERE identity_id = $1 \
                     AND purpose = 'reset' AND used_at IS NULL",
                )
                .bind(id)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                sqlx::query(
                    "UPDATE sessions SET revoked_at = $2 WHERE identity_id = $1 \
                     AND revoked_at IS NULL",
                )
                .bind(id)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                sqlx::query("DELETE FROM identity_blocks WHERE identity_id = $1 AND reason = 'reported'")
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                for token in &reset.new_tokens {
                    Self::insert_token(&mut tx, token).await?;
                }
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn use_report_token(
                &self,
                token_hash: &str,
                now: time::OffsetDateTime,
            ) -> $crate::Result<Option<latchkey_domain::ids::IdentityId>> {
                use $crate::sql::db_err;
                use latchkey_domain::clock::to_millis;
                let now = to_millis(now);
                let mut tx = self.begin_write().await?;
                let identity: Option<uuid::Uuid> = sqlx::query_scalar(
                    "UPDATE reset_tokens SET used_at = $2 WHERE token_hash = $1 \
                     AND purpose = 'report' AND used_at IS NULL AND expires_at > $2 \
                     RETURNING identity_id",
                )
                .bind(token_hash)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_err)?;
                let Some(id) = identity else {
                    return Ok(None);
                };
                sqlx::query("UPDATE identities SET state = 'blocked', updated_at = $2 WHERE id = $1")
                    .bind(id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                // A block support placed stays support's; only a missing reason becomes
                // 'reported'.
                sqlx::query(
                    "INSERT INTO identity_blocks (identity_id, reason, created_at) \
                     VALUES ($1, 'reported', $2) ON CONFLICT (identity_id) DO NOTHING",
                )
                .bind(id)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                sqlx::query(
                    "UPDATE sessions SET revoked_at = $2 WHERE identity_id = $1 \
                     AND revoked_at IS NULL",
                )
                .bind(id)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                // Whoever changed the password may hold reset links too.
                sqlx::query(
                    "UPDATE reset_tokens SET used_at = $2 WHERE identity_id = $1 \
                     AND purpose = 'reset' AND used_at IS NULL",
                )
                .bind(id)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                tx.commit().await?;
                Ok(Some(latchkey_domain::ids::IdentityId(id)))
            }

            async fn identity_block_reason(
                &self,
                identity: latchkey_domain::ids::IdentityId,
            ) -> $crate::Result<Option<String>> {
                Ok(sqlx::query_scalar(
                    "SELECT reason FROM identity_blocks WHERE identity_id = $1",
                )
                .bind(identity.0)
                .fetch_optional(&self.pool)
                .await?)
            }

            // --- abuse -------------------------------------------------------------------

            async fn lockout(&self, key: &str) -> $crate::Result<Option<$crate::model::LockoutRecord>> {
                if let Some(hot) = self.hot_reads() {
                    return hot.lockout(key);
                }
                let row: Option<(i64, i64)> = sqlx::query_as($crate::sql::LOCKOUT_SQL)
                    .bind(key)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.map(|(f, at)| $crate::sql::rows::lockout_record(f, at)))
            }

            async fn record_lockout_failure(
                &self,
                key: &str,
                now: time::OffsetDateTime,
                forget_before: time::OffsetDateTime,
            ) -> $crate::Result<$crate::model::LockoutRecord> {
                use latchkey_domain::clock::{from_millis, to_millis};
                // One statement: the increment and the read happen atomically on both
                // databases, so concurrent failures are all counted.
                let (f, at): (i64, i64) = sqlx::query_as(
                    "INSERT INTO lockouts (key, failures, last_failure_at) VALUES ($1, 1, $2) \
                     ON CONFLICT (key) DO UPDATE SET \
                     failures = CASE WHEN lockouts.last_failure_at < $3 THEN 1 \
                                     ELSE lockouts.failures + 1 END, \
                     last_failure_at = $2 \
                     RETURNING failures, last_failure_at",
                )
                .bind(key)
                .bind(to_millis(now))
                .bind(to_millis(forget_before))
                .fetch_one(&self.pool)
                .await
                .map_err($crate::sql::db_err)?;
                Ok($crate::model::LockoutRecord {
                    failures: u32::try_from(f).unwrap_or(u32::MAX),
                    last_failure_at: from_millis(at),
                })
            }

            async fn refund_lockout_failure(
                &self,
                key: &str,
                last_failure_at: Option<time::OffsetDateTime>,
            ) -> $crate::Result<()> {
                sqlx::query(
                    "UPDATE lockouts SET failures = failures - 1, \
                     last_failure_at = COALESCE($2, last_failure_at) \
                     WHERE key = $1 AND failures > 0",
                )
                .bind(key)
                .bind(last_failure_at.map(latchkey_domain::clock::to_millis))
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn device_epoch(
                &self,
                identity: latchkey_domain::ids::IdentityId,
            ) -> $crate::Result<u32> {
                if let Some(hot) = self.hot_reads() {
                    return hot.device_epoch(identity);
                }
                let epoch: Option<i64> = sqlx::query_scalar($crate::sql::DEVICE_EPOCH_SQL)
                        .bind(identity.0)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(epoch.map_or(0, |e| u32::try_from(e).unwrap_or(u32::MAX)))
            }

            async fn bump_device_epoch(
                &self,
                identity: latchkey_domain::ids::IdentityId,
            ) -> $crate::Result<u32> {
                let epoch: i64 = sqlx::query_scalar(
                    "INSERT INTO device_epochs (identity_id, epoch) VALUES ($1, 1) \
                     ON CONFLICT (identity_id) DO UPDATE SET epoch = device_epochs.epoch + 1 \
                     RETURNING epoch",
                )
                .bind(identity.0)
                .fetch_one(&self.pool)
                .await
                .map_err($crate::sql::db_err)?;
                Ok(u32::try_from(epoch).unwrap_or(u32::MAX))
            }

            async fn clear_lockouts(&self, keys: &[String]) -> $crate::Result<()> {
                for key in keys {
                    sqlx::query("DELETE FROM lockouts WHERE key = $1")
                        .bind(key.as_str())
                        .execute(&self.pool)
                        .await?;
                }
                Ok(())
            }

            async fn create_unlock_token(
                &self,
                token: &$crate::model::UnlockToken,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "INSERT INTO unlock_tokens (token_hash, identity_id, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(token.token_hash.as_str())
                .bind(token.identity_id.0)
                .bind(to_millis(token.created_at))
                .bind(to_millis(token.expires_at))
                .execute(&mut *tx)
                .await
                .map_err($crate::sql::db_err)?;
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn unlock_token(
                &self,
                token_hash: &str,
                now: time::OffsetDateTime,
            ) -> $crate::Result<Option<latchkey_domain::ids::IdentityId>> {
                let row: Option<(uuid::Uuid,)> = sqlx::query_as(
                    "SELECT identity_id FROM unlock_tokens \
                     WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
                )
                .bind(token_hash)
                .bind(latchkey_domain::clock::to_millis(now))
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|(id,)| latchkey_domain::ids::IdentityId(id)))
            }

            async fn consume_unlock_token(
                &self,
                token_hash: &str,
                now: time::OffsetDateTime,
            ) -> $crate::Result<Option<latchkey_domain::ids::IdentityId>> {
                // A compare-and-set on `used_at IS NULL`: exactly one caller gets the row.
                let row: Option<(uuid::Uuid,)> = sqlx::query_as(
                    "UPDATE unlock_tokens SET used_at = $2 \
                     WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 \
                     RETURNING identity_id",
                )
                .bind(token_hash)
                .bind(latchkey_domain::clock::to_millis(now))
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|(id,)| latchkey_domain::ids::IdentityId(id)))
            }
        }

        // Helpers of the recovery section, kept apart from the ones above so parallel
        // work on other sections does not collide.
        impl $store {
            async fn insert_token(
                conn: &mut <$db as sqlx::Database>::Connection,
                token: &$crate::model::ResetToken,
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                sqlx::query(concat!(
                    "INSERT INTO reset_tokens (",
                    $crate::sql::reset_token_cols!(),
                    ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                ))
                .bind(token.token_hash.as_str())
                .bind(token.identity_id.0)
                .bind(token.flow_id.map(|f| f.0))
                .bind(token.purpose.as_str())
                .bind(token.credential_stamp.map(to_millis))
                .bind(to_millis(token.created_at))
                .bind(to_millis(token.expires_at))
                .bind(token.used_at.map(to_millis))
                .execute(&mut *conn)
                .await
                .map_err($crate::sql::db_err)?;
                Ok(())
            }
        }
    };
}
pub(crate) use impl_store;
