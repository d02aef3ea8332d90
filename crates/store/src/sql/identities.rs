//! SQL of [`crate::Identities`], for both backends: one macro, expanded for [`SqliteStore`] and
//! [`PgStore`] below.

use super::{PgStore, SqliteStore};

/// Expands `Identities` for `$store` over a `sqlx::Pool<$db>` field named `pool`.
macro_rules! impl_identities {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::Identities for $store {
            async fn create_identity(
                &self,
                new: &$crate::model::NewIdentity,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                use $crate::sql::{db_err, rows};
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
                    $crate::sql::bind_credential!(
                        sqlx::query(concat!(
                            "INSERT INTO credentials (",
                            $crate::sql::credential_cols!(),
                            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
                        )),
                        c,
                        i.id.0
                    )
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

            async fn set_identity_name(
                &self,
                id: latchkey_domain::ids::IdentityId,
                name: Option<&str>,
            ) -> $crate::Result<()> {
                let done = sqlx::query("UPDATE identities SET name = $2 WHERE id = $1")
                    .bind(id.0)
                    .bind(name)
                    .execute(&self.pool)
                    .await?;
                $crate::sql::found(done.rows_affected())
            }

            async fn request_deletion(
                &self,
                id: latchkey_domain::ids::IdentityId,
                requested_at: time::OffsetDateTime,
                erase_at: time::OffsetDateTime,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                use $crate::sql::db_err;
                let mut tx = self.begin_write().await?;
                let exists: Option<uuid::Uuid> =
                    sqlx::query_scalar("SELECT id FROM identities WHERE id = $1")
                        .bind(id.0)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(db_err)?;
                if exists.is_none() {
                    return Err($crate::StoreError::NotFound);
                }
                sqlx::query(
                    "INSERT INTO account_deletions (identity_id, requested_at, erase_at) \
                     VALUES ($1, $2, $3) ON CONFLICT (identity_id) DO UPDATE \
                     SET requested_at = excluded.requested_at, erase_at = excluded.erase_at",
                )
                .bind(id.0)
                .bind(to_millis(requested_at))
                .bind(to_millis(erase_at))
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                sqlx::query(
                    "UPDATE sessions SET revoked_at = $2 WHERE identity_id = $1 \
                     AND revoked_at IS NULL AND expires_at > $2",
                )
                .bind(id.0)
                .bind(to_millis(requested_at))
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn pending_deletion(
                &self,
                id: latchkey_domain::ids::IdentityId,
            ) -> $crate::Result<Option<time::OffsetDateTime>> {
                let at: Option<i64> = sqlx::query_scalar(
                    "SELECT erase_at FROM account_deletions WHERE identity_id = $1",
                )
                .bind(id.0)
                .fetch_optional(&self.pool)
                .await?;
                Ok(at.map(latchkey_domain::clock::from_millis))
            }

            async fn cancel_deletion(
                &self,
                id: latchkey_domain::ids::IdentityId,
            ) -> $crate::Result<bool> {
                let done = sqlx::query("DELETE FROM account_deletions WHERE identity_id = $1")
                    .bind(id.0)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn due_deletions(
                &self,
                now: time::OffsetDateTime,
                limit: u32,
            ) -> $crate::Result<Vec<latchkey_domain::ids::IdentityId>> {
                let ids: Vec<uuid::Uuid> = sqlx::query_scalar(
                    "SELECT identity_id FROM account_deletions WHERE erase_at <= $1 \
                     ORDER BY erase_at, identity_id LIMIT $2",
                )
                .bind(latchkey_domain::clock::to_millis(now))
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?;
                Ok(ids.into_iter().map(latchkey_domain::ids::IdentityId).collect())
            }

            async fn erase_identity(
                &self,
                id: latchkey_domain::ids::IdentityId,
                now: time::OffsetDateTime,
            ) -> $crate::Result<bool> {
                let done = sqlx::query(
                    "DELETE FROM identities WHERE id = $1 AND EXISTS (SELECT 1 FROM \
                     account_deletions d WHERE d.identity_id = $1 AND d.erase_at <= $2)",
                )
                .bind(id.0)
                .bind(latchkey_domain::clock::to_millis(now))
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() > 0)
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

            async fn identity_block_reason(
                &self,
                identity: latchkey_domain::ids::IdentityId,
            ) -> $crate::Result<Option<String>> {
                Ok(
                    sqlx::query_scalar("SELECT reason FROM identity_blocks WHERE identity_id = $1")
                        .bind(identity.0)
                        .fetch_optional(&self.pool)
                        .await?,
                )
            }
        }
    };
}

impl_identities!(SqliteStore, sqlx::Sqlite);
impl_identities!(PgStore, sqlx::Postgres);
