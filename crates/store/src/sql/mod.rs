//! SQL implementations of [`crate::Store`]: one file per capability (`identities.rs`,
//! `outbox.rs`, …), each holding its query code once as a small macro expanded for SQLite
//! ([`SqliteStore`]) and PostgreSQL ([`PgStore`]); the shared column lists and helpers
//! here; and [`connect`], which picks the backend from the URL.
//!
//! Both backends get the same SQL text: `$n` placeholders, `RETURNING` and `ON CONFLICT`
//! mean the same on both, and every column type is one both map alike (BIGINT millis,
//! TEXT enums and JSON, BOOLEAN, UUID/BLOB). Only what truly differs is a macro argument:
//! the migrator and the statement that opens a write transaction (`impl_store!` below,
//! invoked in `sqlite.rs` and `postgres.rs`), and the outbox claim (`outbox.rs`).

mod postgres;
mod rows;
mod sqlite;
mod sqlite_reads;

// One file per capability, each implementing it for both backends.
mod admin;
mod contacts;
mod credentials;
mod events;
mod factors;
mod flow_states;
mod identities;
mod imports;
mod lockouts;
mod mailbox;
mod outbox;
mod sessions;
mod tokens;
mod webhooks;

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
        "id, identity_id, kind, secret, data, created_at, updated_at, name, lookup, counter, \
         last_used_at"
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
         absolute_expires_at, ip, user_agent, method, aal, amr, authenticated_at"
    };
}
macro_rules! outbox_cols {
    () => {
        "id, channel, recipient, locale, template, subject, text, html, created_at, \
         status, attempts, next_attempt_at, last_error, sent_at, useful_until, \
         last_attempt_at, abandon_reason"
    };
}
/// Binds a credential's columns, in `credential_cols!`'s order, to `$query` (an
/// `INSERT INTO credentials (credential_cols) VALUES ($1 … $11)`), with `$identity` as
/// its identity: the one place both the new account's and a new factor's insert bind.
macro_rules! bind_credential {
    ($query:expr, $c:expr, $identity:expr) => {
        $query
            .bind($c.id)
            .bind($identity)
            .bind($c.kind.as_str())
            .bind($c.secret.as_str())
            .bind($crate::sql::rows::json_text(&$c.data)?)
            .bind(latchkey_domain::clock::to_millis($c.created_at))
            .bind(latchkey_domain::clock::to_millis($c.updated_at))
            .bind($c.name.as_deref())
            .bind($c.lookup.as_deref())
            .bind($c.counter)
            .bind($c.last_used_at.map(latchkey_domain::clock::to_millis))
    };
}

macro_rules! event_cols {
    () => {
        "id, identity_id, kind, at, ip, user_agent, data, actor_key_id, actor_key_name, outcome"
    };
}

macro_rules! mailbox_cols {
    () => {
        "id, to_address, channel, subject, text, html, created_at"
    };
}
macro_rules! trusted_device_cols {
    () => {
        "id, identity_id, token_hash, user_agent, ip, created_at, last_used_at, expires_at, \
         revoked_at"
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
         EXISTS (SELECT 1 FROM credentials cr WHERE cr.identity_id = i.id \
                 AND cr.kind = 'totp') AS has_totp, \
         EXISTS (SELECT 1 FROM credentials cr WHERE cr.identity_id = i.id \
                 AND cr.kind = 'webauthn') AS has_passkey, \
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
     s.expires_at, s.absolute_expires_at, s.ip, s.user_agent, s.method, s.aal, s.amr, \
     s.authenticated_at, ",
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
    bind_credential, contact_cols, credential_cols, event_cols, flow_code_cols, flow_cols,
    identity_cols, mailbox_cols, outbox_cols, session_cols, trusted_device_cols,
};

/// Expands `impl Store for $store` (what concerns the database as a whole) and the write
/// transaction every capability opens, over a `sqlx::Pool<$db>` field named `pool`. The
/// capabilities' own SQL is in this module's files, one per capability.
///
/// - `migrator`: the backend's embedded `sqlx::migrate::Migrator`.
/// - `begin`: the statement that opens a write transaction. SQLite needs
///   `BEGIN IMMEDIATE` so the write lock is taken (and waited for) up front; a deferred
///   transaction that upgrades later fails with SQLITE_BUSY instead of waiting.
macro_rules! impl_store {
    (
        store: $store:ty,
        db: $db:ty,
        backend: $backend:literal,
        migrator: $migrator:path,
        begin: $begin:literal $(,)?
    ) => {
        impl $store {
            pub(super) async fn begin_write(
                &self,
            ) -> $crate::Result<sqlx::Transaction<'static, $db>> {
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
        }
    };
}
pub(crate) use impl_store;
