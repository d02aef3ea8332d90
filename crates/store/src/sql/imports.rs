//! SQL of [`crate::Imports`], for both backends: one macro, expanded for [`SqliteStore`]
//! and [`PgStore`] below.
//!
//! A batch is one write transaction: one look-up of every verified address the batch
//! brings (a join from `VALUES …`, in chunks), then multi-row INSERTs of
//! the accounts that may be created, in chunks that stay below SQLite's 32,766 and
//! PostgreSQL's 65,535 bind parameters. Full chunks share one SQL text, so each backend
//! prepares it once per connection.

use super::{PgStore, SqliteStore};
use crate::model::{ContactKind, ImportAccount, ImportOutcome};
use std::collections::{HashMap, HashSet};

/// Rows per multi-row INSERT: 1,000 × 11 columns (credentials, the widest) is 11,000
/// parameters, well inside both backends' limits.
const ROWS_PER_INSERT: usize = 1000;
/// Addresses per look-up (two parameters each).
const KEYS_PER_LOOKUP: usize = 1000;

/// `($1, $2, …), (…), …`: `rows` tuples of `cols` placeholders.
fn placeholders(rows: usize, cols: usize) -> String {
    let mut s = String::with_capacity(rows * cols * 6);
    for r in 0..rows {
        if r > 0 {
            s.push_str(", ");
        }
        s.push('(');
        for c in 0..cols {
            if c > 0 {
                s.push_str(", ");
            }
            s.push('$');
            s.push_str(&(r * cols + c + 1).to_string());
        }
        s.push(')');
    }
    s
}

fn insert_sql(table_and_cols: &str, rows: usize, cols: usize) -> String {
    format!(
        "INSERT INTO {table_and_cols} VALUES {}",
        placeholders(rows, cols)
    )
}

/// Joined from the VALUES list, not `(kind, address_key) IN (VALUES …)`: SQLite plans
/// the row-value IN as a scan of the whole table, the join as one index search per
/// address (`contacts_key_identity`). `column1`, `column2` are what both backends name a
/// VALUES list's columns.
fn lookup_sql(keys: usize) -> String {
    format!(
        "SELECT c.kind, c.address_key, c.verified FROM (VALUES {}) AS v \
         JOIN contacts c ON c.kind = v.column1 AND c.address_key = v.column2",
        placeholders(keys, 2)
    )
}

/// Unverified claims by other identities of the batch's verified addresses, removed in
/// the batch's transaction: on PostgreSQL a claim may have been written after the
/// look-up (on SQLite the transaction holds the write lock, so this finds none).
fn release_sql(keys: usize) -> String {
    format!(
        "DELETE FROM contacts WHERE id IN (SELECT c.id FROM (VALUES {}) AS v \
         JOIN contacts c ON c.kind = v.column1 AND c.address_key = v.column2 \
         WHERE NOT c.verified)",
        placeholders(keys, 2)
    )
}

/// An address as the unique indexes see it.
type Key = (ContactKind, String);

fn key_of(c: &crate::model::Contact) -> Key {
    (c.kind, super::rows::address_key(c.kind, &c.address_key))
}

/// What the look-up found for an address.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Held {
    Verified,
    /// Unverified claims, or another account's pending change to it.
    Claimed,
}

/// Decides each account's outcome from what the database holds, in batch order: an
/// account is imported unless one of its verified addresses is held verified (stored, or
/// by an earlier imported account of the batch) or claimed.
fn decide(accounts: &[ImportAccount], held: &HashMap<Key, Held>) -> Vec<ImportOutcome> {
    let mut taken_here: HashSet<Key> = HashSet::new();
    accounts
        .iter()
        .map(|a| {
            let keys: Vec<Key> = a
                .new
                .contacts
                .iter()
                .filter(|c| c.verified)
                .map(key_of)
                .collect();
            if keys
                .iter()
                .any(|k| held.get(k) == Some(&Held::Verified) || taken_here.contains(k))
            {
                return ImportOutcome::AddressTaken;
            }
            if keys.iter().any(|k| held.get(k) == Some(&Held::Claimed)) {
                return ImportOutcome::ClaimsPending;
            }
            taken_here.extend(keys);
            ImportOutcome::Imported
        })
        .collect()
}

macro_rules! impl_imports {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::Imports for $store {
            async fn import_accounts(
                &self,
                accounts: &[ImportAccount],
                now: time::OffsetDateTime,
            ) -> $crate::Result<Vec<ImportOutcome>> {
                use latchkey_domain::clock::to_millis;
                use sqlx::AssertSqlSafe;
                use $crate::sql::db_err;
                let verified: Vec<Key> = {
                    let mut seen = HashSet::new();
                    accounts
                        .iter()
                        .flat_map(|a| a.new.contacts.iter().filter(|c| c.verified))
                        .map(key_of)
                        .filter(|k| seen.insert(k.clone()))
                        .collect()
                };
                let mut tx = self.begin_write().await?;
                let mut held: HashMap<Key, Held> = HashMap::new();
                for chunk in verified.chunks(KEYS_PER_LOOKUP) {
                    let sql = lookup_sql(chunk.len());
                    let mut q = sqlx::query_as::<_, (String, String, bool)>(AssertSqlSafe(sql));
                    for (kind, key) in chunk {
                        q = q.bind(kind.as_str()).bind(key.as_str());
                    }
                    for (kind, key, is_verified) in q.fetch_all(&mut *tx).await? {
                        let kind = ContactKind::parse(&kind).ok_or_else(|| {
                            $crate::StoreError::Corrupt(format!("contact kind {kind}"))
                        })?;
                        let entry = held.entry((kind, key)).or_insert(Held::Claimed);
                        if is_verified {
                            *entry = Held::Verified;
                        }
                    }
                }
                // A pending change of another account to one of these addresses is void
                // once the address is proved, and its owner told: the flow's business too.
                // Live contact changes are few, so they are read whole.
                let changes: Vec<(String, String)> = sqlx::query_as(
                    "SELECT channel, identifier_key FROM flows WHERE kind = $1 \
                     AND state = 'active' AND expires_at > $2",
                )
                .bind($crate::model::FlowKind::ContactChange.as_str())
                .bind(to_millis(now))
                .fetch_all(&mut *tx)
                .await?;
                for (channel, key) in changes {
                    if let Some(kind) = ContactKind::parse(&channel) {
                        let key = super::rows::address_key(kind, &key);
                        held.entry((kind, key)).or_insert(Held::Claimed);
                    }
                }
                let outcomes = decide(accounts, &held);
                let imported: Vec<&ImportAccount> = accounts
                    .iter()
                    .zip(&outcomes)
                    .filter(|(_, o)| **o == ImportOutcome::Imported)
                    .map(|(a, _)| a)
                    .collect();
                let proved: HashSet<Key> = imported
                    .iter()
                    .flat_map(|a| a.new.contacts.iter().filter(|c| c.verified))
                    .map(key_of)
                    .collect();
                let proved_list: Vec<&Key> = proved.iter().collect();
                for chunk in proved_list.chunks(KEYS_PER_LOOKUP) {
                    let mut q = sqlx::query(AssertSqlSafe(release_sql(chunk.len())));
                    for (kind, key) in chunk {
                        q = q.bind(kind.as_str()).bind(key.as_str());
                    }
                    q.execute(&mut *tx).await.map_err(db_err)?;
                }

                for chunk in imported.chunks(ROWS_PER_INSERT) {
                    let sql = insert_sql(
                        concat!("identities (", $crate::sql::identity_cols!(), ")"),
                        chunk.len(),
                        6,
                    );
                    let mut q = sqlx::query(AssertSqlSafe(sql));
                    for a in chunk {
                        let i = &a.new.identity;
                        q = q
                            .bind(i.id.0)
                            .bind(i.name.as_deref())
                            .bind(i.locale.as_deref())
                            .bind(i.state.as_str())
                            .bind(to_millis(i.created_at))
                            .bind(to_millis(i.updated_at));
                    }
                    q.execute(&mut *tx).await.map_err(db_err)?;
                }

                // A claim another account of the batch proves is left out, as the proof
                // would release a stored one.
                let contacts: Vec<(&$crate::model::Contact, String)> = imported
                    .iter()
                    .flat_map(|a| a.new.contacts.iter())
                    .filter_map(|c| {
                        let key = key_of(c);
                        (c.verified || !proved.contains(&key)).then_some((c, key.1))
                    })
                    .collect();
                for chunk in contacts.chunks(ROWS_PER_INSERT) {
                    let sql = insert_sql(
                        concat!("contacts (", $crate::sql::contact_cols!(), ")"),
                        chunk.len(),
                        8,
                    );
                    let mut q = sqlx::query(AssertSqlSafe(sql));
                    for (c, key) in chunk {
                        q = q
                            .bind(c.id)
                            .bind(c.identity_id.0)
                            .bind(c.kind.as_str())
                            .bind(c.address.as_str())
                            .bind(key.as_str())
                            .bind(c.verified)
                            .bind(c.primary)
                            .bind(to_millis(c.created_at));
                    }
                    q.execute(&mut *tx).await.map_err(db_err)?;
                }

                let credentials: Vec<&$crate::model::Credential> = imported
                    .iter()
                    .flat_map(|a| a.new.credentials.iter())
                    .collect();
                for chunk in credentials.chunks(ROWS_PER_INSERT) {
                    let sql = insert_sql(
                        concat!("credentials (", $crate::sql::credential_cols!(), ")"),
                        chunk.len(),
                        11,
                    );
                    let mut q = sqlx::query(AssertSqlSafe(sql));
                    for c in chunk {
                        q = $crate::sql::bind_credential!(q, c, c.identity_id.0);
                    }
                    q.execute(&mut *tx).await.map_err(db_err)?;
                }

                for chunk in imported.chunks(ROWS_PER_INSERT) {
                    let sql = insert_sql(
                        concat!("events (", $crate::sql::event_cols!(), ")"),
                        chunk.len(),
                        10,
                    );
                    let mut q = sqlx::query(AssertSqlSafe(sql));
                    for a in chunk {
                        let e = &a.event;
                        q = q
                            .bind(e.id)
                            .bind(e.identity_id.0)
                            .bind(e.kind.as_str())
                            .bind(to_millis(e.at))
                            .bind(e.ip.as_deref())
                            .bind(e.user_agent.as_deref())
                            .bind($crate::sql::rows::json_text(&e.data)?)
                            .bind(e.actor.as_ref().map(|a| a.key_id))
                            .bind(e.actor.as_ref().map(|a| a.key_name.as_str()))
                            .bind(e.outcome.as_str());
                    }
                    q.execute(&mut *tx).await.map_err(db_err)?;
                }
                tx.commit().await?;
                Ok(outcomes)
            }
        }
    };
}

impl_imports!(SqliteStore, sqlx::Sqlite);
impl_imports!(PgStore, sqlx::Postgres);

#[cfg(test)]
mod tests {
    use super::placeholders;

    #[test]
    fn placeholders_number_every_parameter_once() {
        assert_eq!(placeholders(2, 3), "($1, $2, $3), ($4, $5, $6)");
    }
}
