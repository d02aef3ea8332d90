//! SQL of [`crate::Contacts`], for both backends: one macro, expanded for [`SqliteStore`] and
//! [`PgStore`] below.

use super::{PgStore, SqliteStore};

/// Expands `Contacts` for `$store` over a `sqlx::Pool<$db>` field named `pool`.
macro_rules! impl_contacts {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::Contacts for $store {
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
        }
    };
}

impl_contacts!(SqliteStore, sqlx::Sqlite);
impl_contacts!(PgStore, sqlx::Postgres);
