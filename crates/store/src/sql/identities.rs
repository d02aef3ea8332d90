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
                    sqlx::query(concat!(
                        "INSERT INTO credentials (",
                        $crate::sql::credential_cols!(),
                        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
                    ))
                    .bind(c.id)
                    .bind(i.id.0)
                    .bind(c.kind.as_str())
                    .bind(c.secret.as_str())
                    .bind(rows::json_text(&c.data)?)
                    .bind(to_millis(c.created_at))
                    .bind(to_millis(c.updated_at))
                    .bind(c.name.as_deref())
                    .bind(c.lookup.as_deref())
                    .bind(c.counter)
                    .bind(c.last_used_at.map(to_millis))
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
