//! SQL of [`crate::Tokens`], for both backends: one macro, expanded for [`SqliteStore`] and
//! [`PgStore`] below.

use super::{PgStore, SqliteStore};

/// Expands `Tokens` for `$store` over a `sqlx::Pool<$db>` field named `pool`.
macro_rules! impl_tokens {
    ($store:ty, $db:ty) => {
        impl $store {
            pub(super) async fn insert_token(
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

        #[async_trait::async_trait]
        impl $crate::Tokens for $store {
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
                    ") VALUES ($1, $2, 'password', $3, '{}', $4, $4, NULL, NULL, 0, NULL) \
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
    };
}

impl_tokens!(SqliteStore, sqlx::Sqlite);
impl_tokens!(PgStore, sqlx::Postgres);
