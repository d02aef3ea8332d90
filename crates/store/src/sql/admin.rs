//! SQL of [`crate::AdminRecords`], for both backends: one macro, expanded for
//! [`SqliteStore`] and [`PgStore`] below.

use super::{PgStore, SqliteStore};
use crate::model::{AdminKey, IdentityFacts};
use crate::sql::rows::{AdminKeyRow, FactsRow};
use latchkey_domain::ids::IdentityId;
use uuid::Uuid;

/// `LIKE` takes `%` and `_` as wildcards; a searched text means them literally.
fn like_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

macro_rules! key_cols {
    () => {
        "id, name, role, created_at, last_used_at, revoked_at"
    };
}

macro_rules! impl_admin {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::AdminRecords for $store {
            async fn create_admin_key(
                &self,
                key: &AdminKey,
                key_hash: &str,
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                sqlx::query(
                    "INSERT INTO admin_keys (id, name, role, key_hash, created_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(key.id)
                .bind(key.name.as_str())
                .bind(key.role.as_str())
                .bind(key_hash)
                .bind(to_millis(key.created_at))
                .execute(&self.pool)
                .await
                .map_err($crate::sql::db_err)?;
                Ok(())
            }

            async fn use_admin_key(
                &self,
                key_hash: &str,
                now: time::OffsetDateTime,
            ) -> $crate::Result<Option<AdminKey>> {
                use latchkey_domain::clock::to_millis;
                let row: Option<AdminKeyRow> = sqlx::query_as(concat!(
                    "UPDATE admin_keys SET last_used_at = $2 WHERE key_hash = $1 RETURNING ",
                    key_cols!()
                ))
                .bind(key_hash)
                .bind(to_millis(now))
                .fetch_optional(&self.pool)
                .await
                .map_err($crate::sql::db_err)?;
                row.map(AdminKeyRow::into_model).transpose()
            }

            async fn admin_keys(&self) -> $crate::Result<Vec<AdminKey>> {
                let rows: Vec<AdminKeyRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    key_cols!(),
                    " FROM admin_keys ORDER BY created_at, id"
                ))
                .fetch_all(&self.pool)
                .await?;
                $crate::sql::rows::collect(rows, AdminKeyRow::into_model)
            }

            async fn revoke_admin_key(
                &self,
                id: Uuid,
                now: time::OffsetDateTime,
            ) -> $crate::Result<bool> {
                let done = sqlx::query(
                    "UPDATE admin_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL",
                )
                .bind(id)
                .bind(latchkey_domain::clock::to_millis(now))
                .execute(&self.pool)
                .await
                .map_err($crate::sql::db_err)?;
                Ok(done.rows_affected() == 1)
            }

            async fn search_identities(
                &self,
                text: &str,
                limit: u32,
            ) -> $crate::Result<Vec<IdentityId>> {
                let pattern = like_escaped(&text.to_lowercase());
                let ids: Vec<Uuid> = sqlx::query_scalar(
                    "SELECT i.id FROM identities i WHERE \
                     EXISTS (SELECT 1 FROM contacts c WHERE c.identity_id = i.id \
                       AND c.address_key LIKE $1 || '%' ESCAPE '\\') \
                     OR LOWER(COALESCE(i.name, '')) LIKE '%' || $1 || '%' ESCAPE '\\' \
                     OR EXISTS (SELECT 1 FROM credentials k WHERE k.identity_id = i.id \
                       AND k.kind = 'oidc' AND k.lookup LIKE '%:' || $2 ESCAPE '\\') \
                     ORDER BY i.created_at DESC, i.id DESC LIMIT $3",
                )
                .bind(pattern)
                .bind(like_escaped(text))
                .bind($crate::sql::limit(limit))
                .fetch_all(&self.pool)
                .await?;
                Ok(ids.into_iter().map(IdentityId).collect())
            }

            async fn block_identity(
                &self,
                id: IdentityId,
                reason: &str,
                now: time::OffsetDateTime,
            ) -> $crate::Result<bool> {
                use $crate::sql::db_err;
                let now = latchkey_domain::clock::to_millis(now);
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE identities SET state = 'blocked', updated_at = $2 WHERE id = $1",
                )
                .bind(id.0)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                if done.rows_affected() != 1 {
                    return Ok(false);
                }
                sqlx::query(
                    "INSERT INTO identity_blocks (identity_id, reason, created_at) \
                     VALUES ($1, $2, $3) ON CONFLICT (identity_id) \
                     DO UPDATE SET reason = excluded.reason, created_at = excluded.created_at",
                )
                .bind(id.0)
                .bind(reason)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                sqlx::query(
                    "UPDATE sessions SET revoked_at = $2 WHERE identity_id = $1 \
                     AND revoked_at IS NULL",
                )
                .bind(id.0)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                tx.commit().await?;
                Ok(true)
            }

            async fn unblock_identity(
                &self,
                id: IdentityId,
                now: time::OffsetDateTime,
            ) -> $crate::Result<bool> {
                use $crate::sql::db_err;
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE identities SET state = 'active', updated_at = $2 WHERE id = $1",
                )
                .bind(id.0)
                .bind(latchkey_domain::clock::to_millis(now))
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                sqlx::query("DELETE FROM identity_blocks WHERE identity_id = $1")
                    .bind(id.0)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                tx.commit().await?;
                Ok(done.rows_affected() == 1)
            }

            async fn set_high_privilege(
                &self,
                id: IdentityId,
                high: bool,
            ) -> $crate::Result<bool> {
                let done = sqlx::query("UPDATE identities SET high_privilege = $2 WHERE id = $1")
                    .bind(id.0)
                    .bind(high)
                    .execute(&self.pool)
                    .await
                    .map_err($crate::sql::db_err)?;
                Ok(done.rows_affected() == 1)
            }

            async fn is_high_privilege(&self, id: IdentityId) -> $crate::Result<bool> {
                let high: Option<bool> =
                    sqlx::query_scalar("SELECT high_privilege FROM identities WHERE id = $1")
                        .bind(id.0)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(high.unwrap_or(false))
            }

            async fn record_identity_facts(&self, facts: &IdentityFacts) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO identity_facts (id, identity_id, facts, recorded_by, created_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(facts.id)
                .bind(facts.identity_id.0)
                .bind($crate::sql::rows::json_text(&facts.facts)?)
                .bind(facts.recorded_by.as_str())
                .bind(latchkey_domain::clock::to_millis(facts.created_at))
                .execute(&self.pool)
                .await
                .map_err($crate::sql::db_err)?;
                Ok(())
            }

            async fn identity_facts(&self, id: IdentityId) -> $crate::Result<Vec<IdentityFacts>> {
                let rows: Vec<FactsRow> = sqlx::query_as(
                    "SELECT id, identity_id, facts, recorded_by, created_at FROM identity_facts \
                     WHERE identity_id = $1 ORDER BY created_at DESC, id DESC",
                )
                .bind(id.0)
                .fetch_all(&self.pool)
                .await?;
                $crate::sql::rows::collect(rows, FactsRow::into_model)
            }
        }
    };
}

impl_admin!(SqliteStore, sqlx::Sqlite);
impl_admin!(PgStore, sqlx::Postgres);
