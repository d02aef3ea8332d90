//! SQL of [`crate::Factors`], for both backends: one macro, expanded for [`SqliteStore`] and
//! [`PgStore`] below.
//!
//! The "exactly one wins" promises (a TOTP step, a recovery code) are each one
//! conditional `UPDATE`, whose `WHERE` the database re-checks under the row's write lock:
//! of concurrent callers, one changes the row and the others find nothing to change.

use super::{PgStore, SqliteStore};

/// Expands `Factors` for `$store` over a `sqlx::Pool<$db>` field named `pool`.
macro_rules! impl_factors {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::Factors for $store {
            async fn add_credential(
                &self,
                credential: &$crate::model::Credential,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<()> {
                use $crate::model::CredentialKind;
                use $crate::sql::db_err;
                let single = matches!(
                    credential.kind,
                    CredentialKind::Password | CredentialKind::Totp | CredentialKind::RecoveryCodes
                );
                // The kinds held once replace the one there is (the partial unique index
                // of `update_credential_secret`); a taken `lookup` is a unique violation
                // either way, which `db_err` makes a `Conflict`.
                let sql = if single {
                    concat!(
                        "INSERT INTO credentials (",
                        $crate::sql::credential_cols!(),
                        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
                         ON CONFLICT (identity_id, kind) \
                         WHERE kind IN ('password', 'totp', 'recovery_codes') \
                         DO UPDATE SET secret = excluded.secret, data = excluded.data, \
                         name = excluded.name, lookup = excluded.lookup, \
                         counter = excluded.counter, updated_at = excluded.updated_at, \
                         last_used_at = excluded.last_used_at"
                    )
                } else {
                    concat!(
                        "INSERT INTO credentials (",
                        $crate::sql::credential_cols!(),
                        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
                    )
                };
                let mut tx = self.begin_write().await?;
                $crate::sql::bind_credential!(
                    sqlx::query(sql),
                    credential,
                    credential.identity_id.0
                )
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn credential_by_lookup(
                &self,
                kind: $crate::model::CredentialKind,
                lookup: &str,
            ) -> $crate::Result<Option<$crate::model::Credential>> {
                let row: Option<$crate::sql::rows::CredentialRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::credential_cols!(),
                    " FROM credentials WHERE kind = $1 AND lookup = $2"
                ))
                .bind(kind.as_str())
                .bind(lookup)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| r.into_model()).transpose()
            }

            async fn remove_credential(
                &self,
                identity: latchkey_domain::ids::IdentityId,
                id: uuid::Uuid,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<bool> {
                let mut tx = self.begin_write().await?;
                // Scoped to the identity so one account can never remove another's.
                let done =
                    sqlx::query("DELETE FROM credentials WHERE id = $2 AND identity_id = $1")
                        .bind(identity.0)
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err($crate::sql::db_err)?;
                if done.rows_affected() != 1 {
                    // Dropping `tx` rolls back: nothing was written.
                    return Ok(false);
                }
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn advance_credential_counter(
                &self,
                id: uuid::Uuid,
                counter: i64,
                now: time::OffsetDateTime,
            ) -> $crate::Result<bool> {
                // One statement: of concurrent uses of one step, only the first finds
                // `counter < $2` still true.
                let done = sqlx::query(
                    "UPDATE credentials SET counter = $2, last_used_at = $3 \
                     WHERE id = $1 AND counter < $2",
                )
                .bind(id)
                .bind(counter)
                .bind(latchkey_domain::clock::to_millis(now))
                .execute(&self.pool)
                .await
                .map_err($crate::sql::db_err)?;
                Ok(done.rows_affected() == 1)
            }

            async fn touch_credential(
                &self,
                id: uuid::Uuid,
                secret: Option<&str>,
                now: time::OffsetDateTime,
            ) -> $crate::Result<()> {
                let done = sqlx::query(
                    "UPDATE credentials SET last_used_at = $3, secret = COALESCE($2, secret) \
                     WHERE id = $1",
                )
                .bind(id)
                .bind(secret)
                .bind(latchkey_domain::clock::to_millis(now))
                .execute(&self.pool)
                .await
                .map_err($crate::sql::db_err)?;
                $crate::sql::found(done.rows_affected())
            }

            async fn replace_recovery_codes(
                &self,
                identity: latchkey_domain::ids::IdentityId,
                code_hashes: &[String],
                now: time::OffsetDateTime,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<()> {
                use $crate::sql::db_err;
                let now = latchkey_domain::clock::to_millis(now);
                let mut tx = self.begin_write().await?;
                sqlx::query("DELETE FROM recovery_codes WHERE identity_id = $1")
                    .bind(identity.0)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                for hash in code_hashes {
                    sqlx::query(
                        "INSERT INTO recovery_codes (id, identity_id, code_hash, created_at, \
                         used_at) VALUES ($1, $2, $3, $4, NULL)",
                    )
                    .bind(uuid::Uuid::now_v7())
                    .bind(identity.0)
                    .bind(hash.as_str())
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                }
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn use_recovery_code(
                &self,
                identity: latchkey_domain::ids::IdentityId,
                code_hash: &str,
                now: time::OffsetDateTime,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<bool> {
                let mut tx = self.begin_write().await?;
                // One statement: of concurrent uses of one code, only the first finds it
                // unused.
                let used = sqlx::query(
                    "UPDATE recovery_codes SET used_at = $3 \
                     WHERE identity_id = $1 AND code_hash = $2 AND used_at IS NULL",
                )
                .bind(identity.0)
                .bind(code_hash)
                .bind(latchkey_domain::clock::to_millis(now))
                .execute(&mut *tx)
                .await
                .map_err($crate::sql::db_err)?;
                if used.rows_affected() == 0 {
                    // Dropping `tx` rolls back: no messages.
                    return Ok(false);
                }
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn recovery_codes_left(
                &self,
                identity: latchkey_domain::ids::IdentityId,
            ) -> $crate::Result<u32> {
                let n: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM recovery_codes \
                     WHERE identity_id = $1 AND used_at IS NULL",
                )
                .bind(identity.0)
                .fetch_one(&self.pool)
                .await?;
                $crate::sql::rows::codes_left(n)
            }

            async fn delete_recovery_codes(
                &self,
                identity: latchkey_domain::ids::IdentityId,
            ) -> $crate::Result<()> {
                sqlx::query("DELETE FROM recovery_codes WHERE identity_id = $1")
                    .bind(identity.0)
                    .execute(&self.pool)
                    .await
                    .map_err($crate::sql::db_err)?;
                Ok(())
            }

            async fn trust_device(
                &self,
                device: &$crate::model::TrustedDevice,
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                sqlx::query(concat!(
                    "INSERT INTO trusted_devices (",
                    $crate::sql::trusted_device_cols!(),
                    ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                ))
                .bind(device.id)
                .bind(device.identity_id.0)
                .bind(device.token_hash.as_str())
                .bind(device.user_agent.as_deref())
                .bind(device.ip.as_deref())
                .bind(to_millis(device.created_at))
                .bind(to_millis(device.last_used_at))
                .bind(to_millis(device.expires_at))
                .bind(device.revoked_at.map(to_millis))
                .execute(&self.pool)
                .await
                .map_err($crate::sql::db_err)?;
                Ok(())
            }

            async fn use_trusted_device(
                &self,
                identity: latchkey_domain::ids::IdentityId,
                token_hash: &str,
                now: time::OffsetDateTime,
            ) -> $crate::Result<Option<$crate::model::TrustedDevice>> {
                let row: Option<$crate::sql::rows::TrustedDeviceRow> = sqlx::query_as(concat!(
                    "UPDATE trusted_devices SET last_used_at = $3 \
                     WHERE identity_id = $1 AND token_hash = $2 \
                     AND revoked_at IS NULL AND expires_at > $3 RETURNING ",
                    $crate::sql::trusted_device_cols!()
                ))
                .bind(identity.0)
                .bind(token_hash)
                .bind(latchkey_domain::clock::to_millis(now))
                .fetch_optional(&self.pool)
                .await
                .map_err($crate::sql::db_err)?;
                Ok(row.map(|r| r.into_model()))
            }

            async fn trusted_devices(
                &self,
                identity: latchkey_domain::ids::IdentityId,
                now: time::OffsetDateTime,
            ) -> $crate::Result<Vec<$crate::model::TrustedDevice>> {
                let rows: Vec<$crate::sql::rows::TrustedDeviceRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::trusted_device_cols!(),
                    " FROM trusted_devices WHERE identity_id = $1 AND revoked_at IS NULL \
                     AND expires_at > $2 ORDER BY created_at DESC, id DESC"
                ))
                .bind(identity.0)
                .bind(latchkey_domain::clock::to_millis(now))
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(|r| r.into_model()).collect())
            }

            async fn revoke_trusted_device(
                &self,
                identity: latchkey_domain::ids::IdentityId,
                id: uuid::Uuid,
                now: time::OffsetDateTime,
            ) -> $crate::Result<bool> {
                // Scoped to the identity so one account can never revoke another's device.
                let done = sqlx::query(
                    "UPDATE trusted_devices SET revoked_at = $3 WHERE id = $2 \
                     AND identity_id = $1 AND revoked_at IS NULL AND expires_at > $3",
                )
                .bind(identity.0)
                .bind(id)
                .bind(latchkey_domain::clock::to_millis(now))
                .execute(&self.pool)
                .await
                .map_err($crate::sql::db_err)?;
                Ok(done.rows_affected() == 1)
            }

            async fn revoke_trusted_devices(
                &self,
                identity: latchkey_domain::ids::IdentityId,
                now: time::OffsetDateTime,
            ) -> $crate::Result<u64> {
                let done = sqlx::query(
                    "UPDATE trusted_devices SET revoked_at = $2 WHERE identity_id = $1 \
                     AND revoked_at IS NULL AND expires_at > $2",
                )
                .bind(identity.0)
                .bind(latchkey_domain::clock::to_millis(now))
                .execute(&self.pool)
                .await
                .map_err($crate::sql::db_err)?;
                Ok(done.rows_affected())
            }
        }
    };
}

impl_factors!(SqliteStore, sqlx::Sqlite);
impl_factors!(PgStore, sqlx::Postgres);
