//! SQL of [`crate::Contacts`], for both backends: one macro, expanded for [`SqliteStore`] and
//! [`PgStore`] below.

use super::{PgStore, SqliteStore};

/// The columns of `email_reverts`, in [`crate::sql::rows::EmailRevertRow`]'s order.
macro_rules! email_revert_cols {
    () => {
        "token_hash, identity_id, old_address, old_address_key, new_contact_id, \
         created_at, expires_at, used_at"
    };
}
pub(crate) use email_revert_cols;

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

            async fn add_verified_contact(
                &self,
                change: &$crate::model::VerifiedContactChange,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<$crate::model::Contact> {
                use latchkey_domain::clock::to_millis;
                let mut tx = self.begin_write().await?;
                let key = $crate::sql::rows::address_key(change.kind, &change.address_key);
                let primary = if change.primary {
                    sqlx::query(
                        "UPDATE contacts SET is_primary = FALSE \
                         WHERE identity_id = $1 AND kind = $2 AND is_primary",
                    )
                    .bind(change.identity_id.0)
                    .bind(change.kind.as_str())
                    .execute(&mut *tx)
                    .await
                    .map_err($crate::sql::db_err)?;
                    true
                } else {
                    let (has,): (i64,) = sqlx::query_as(
                        "SELECT COUNT(*) FROM contacts \
                         WHERE identity_id = $1 AND kind = $2 AND is_primary",
                    )
                    .bind(change.identity_id.0)
                    .bind(change.kind.as_str())
                    .fetch_one(&mut *tx)
                    .await
                    .map_err($crate::sql::db_err)?;
                    has == 0
                };
                // The identity's own claim of the address becomes the verified contact; a
                // verified holder elsewhere makes this a unique violation (`Conflict`).
                let row: $crate::sql::rows::ContactRow = sqlx::query_as(concat!(
                    "INSERT INTO contacts (",
                    $crate::sql::contact_cols!(),
                    ") VALUES ($1, $2, $3, $4, $5, TRUE, $6, $7) \
                     ON CONFLICT (kind, address_key, identity_id) DO UPDATE SET \
                     verified = TRUE, address = excluded.address, \
                     is_primary = contacts.is_primary OR excluded.is_primary \
                     RETURNING ",
                    $crate::sql::contact_cols!()
                ))
                .bind(change.id)
                .bind(change.identity_id.0)
                .bind(change.kind.as_str())
                .bind(change.address.as_str())
                .bind(key.as_str())
                .bind(primary)
                .bind(to_millis(change.now))
                .fetch_one(&mut *tx)
                .await
                .map_err($crate::sql::db_err)?;
                let contact = row.into_model()?;
                sqlx::query($crate::sql::RELEASE_CLAIMS_SQL)
                    .bind(contact.kind.as_str())
                    .bind(contact.address_key.as_str())
                    .bind(contact.identity_id.0)
                    .execute(&mut *tx)
                    .await
                    .map_err($crate::sql::db_err)?;
                if let Some(revert) = &change.revert {
                    Self::insert_email_revert(&mut tx, revert).await?;
                }
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(contact)
            }

            async fn make_contact_primary(
                &self,
                identity: latchkey_domain::ids::IdentityId,
                contact: uuid::Uuid,
                revert: Option<&$crate::model::EmailRevert>,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<$crate::model::Contact> {
                let mut tx = self.begin_write().await?;
                let kind: Option<(String,)> = sqlx::query_as(
                    "SELECT kind FROM contacts WHERE id = $1 AND identity_id = $2 AND verified",
                )
                .bind(contact)
                .bind(identity.0)
                .fetch_optional(&mut *tx)
                .await
                .map_err($crate::sql::db_err)?;
                let (kind,) = kind.ok_or($crate::StoreError::NotFound)?;
                sqlx::query(
                    "UPDATE contacts SET is_primary = FALSE \
                     WHERE identity_id = $1 AND kind = $2 AND is_primary",
                )
                .bind(identity.0)
                .bind(kind.as_str())
                .execute(&mut *tx)
                .await
                .map_err($crate::sql::db_err)?;
                let row: $crate::sql::rows::ContactRow = sqlx::query_as(concat!(
                    "UPDATE contacts SET is_primary = TRUE WHERE id = $1 RETURNING ",
                    $crate::sql::contact_cols!()
                ))
                .bind(contact)
                .fetch_one(&mut *tx)
                .await
                .map_err($crate::sql::db_err)?;
                if let Some(revert) = revert {
                    Self::insert_email_revert(&mut tx, revert).await?;
                }
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                row.into_model()
            }

            async fn remove_contact(
                &self,
                identity: latchkey_domain::ids::IdentityId,
                contact: uuid::Uuid,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query("DELETE FROM contacts WHERE id = $1 AND identity_id = $2")
                    .bind(contact)
                    .bind(identity.0)
                    .execute(&mut *tx)
                    .await
                    .map_err($crate::sql::db_err)?;
                if done.rows_affected() == 0 {
                    return Err($crate::StoreError::NotFound);
                }
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn email_revert(
                &self,
                token_hash: &str,
            ) -> $crate::Result<Option<$crate::model::EmailRevert>> {
                let row: Option<$crate::sql::rows::EmailRevertRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::contacts::email_revert_cols!(),
                    " FROM email_reverts WHERE token_hash = $1"
                ))
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|r| r.into_model()))
            }

            async fn use_email_revert(
                &self,
                token_hash: &str,
                now: time::OffsetDateTime,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<Option<$crate::model::EmailRevert>> {
                use latchkey_domain::clock::to_millis;
                let mut tx = self.begin_write().await?;
                // A compare-and-set on `used_at IS NULL`: exactly one caller gets the row.
                let row: Option<$crate::sql::rows::EmailRevertRow> = sqlx::query_as(concat!(
                    "UPDATE email_reverts SET used_at = $2 \
                     WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING ",
                    $crate::sql::contacts::email_revert_cols!()
                ))
                .bind(token_hash)
                .bind(to_millis(now))
                .fetch_optional(&mut *tx)
                .await
                .map_err($crate::sql::db_err)?;
                let Some(revert) = row.map(|r| r.into_model()) else {
                    return Ok(None);
                };
                let identity = revert.identity_id.0;
                sqlx::query("DELETE FROM contacts WHERE id = $1 AND identity_id = $2")
                    .bind(revert.new_contact_id)
                    .bind(identity)
                    .execute(&mut *tx)
                    .await
                    .map_err($crate::sql::db_err)?;
                sqlx::query(
                    "UPDATE contacts SET is_primary = FALSE \
                     WHERE identity_id = $1 AND kind = 'email' AND is_primary",
                )
                .bind(identity)
                .execute(&mut *tx)
                .await
                .map_err($crate::sql::db_err)?;
                let key = $crate::sql::rows::address_key(
                    $crate::model::ContactKind::Email,
                    &revert.old_address_key,
                );
                sqlx::query(concat!(
                    "INSERT INTO contacts (",
                    $crate::sql::contact_cols!(),
                    ") VALUES ($1, $2, 'email', $3, $4, TRUE, TRUE, $5) \
                     ON CONFLICT (kind, address_key, identity_id) DO UPDATE SET \
                     verified = TRUE, is_primary = TRUE"
                ))
                .bind(uuid::Uuid::now_v7())
                .bind(identity)
                .bind(revert.old_address.as_str())
                .bind(key.as_str())
                .bind(to_millis(now))
                .execute(&mut *tx)
                .await
                .map_err($crate::sql::db_err)?;
                sqlx::query($crate::sql::RELEASE_CLAIMS_SQL)
                    .bind("email")
                    .bind(key.as_str())
                    .bind(identity)
                    .execute(&mut *tx)
                    .await
                    .map_err($crate::sql::db_err)?;
                sqlx::query(
                    "UPDATE sessions SET revoked_at = $2 \
                     WHERE identity_id = $1 AND revoked_at IS NULL",
                )
                .bind(identity)
                .bind(to_millis(now))
                .execute(&mut *tx)
                .await
                .map_err($crate::sql::db_err)?;
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(Some(revert))
            }
        }

        impl $store {
            async fn insert_email_revert(
                conn: &mut <$db as sqlx::Database>::Connection,
                revert: &$crate::model::EmailRevert,
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                sqlx::query(concat!(
                    "INSERT INTO email_reverts (",
                    $crate::sql::contacts::email_revert_cols!(),
                    ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                ))
                .bind(revert.token_hash.as_str())
                .bind(revert.identity_id.0)
                .bind(revert.old_address.as_str())
                .bind(revert.old_address_key.as_str())
                .bind(revert.new_contact_id)
                .bind(to_millis(revert.created_at))
                .bind(to_millis(revert.expires_at))
                .bind(revert.used_at.map(to_millis))
                .execute(&mut *conn)
                .await
                .map_err($crate::sql::db_err)?;
                Ok(())
            }
        }
    };
}

impl_contacts!(SqliteStore, sqlx::Sqlite);
impl_contacts!(PgStore, sqlx::Postgres);
