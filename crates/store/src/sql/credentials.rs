//! SQL of [`crate::Credentials`], for both backends: one macro, expanded for [`SqliteStore`] and
//! [`PgStore`] below.

use super::{PgStore, SqliteStore};

/// Expands `Credentials` for `$store` over a `sqlx::Pool<$db>` field named `pool`.
macro_rules! impl_credentials {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::Credentials for $store {
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
                            ") VALUES ($1, $2, $3, $4, '{}', $5, $5, NULL, NULL, 0, NULL) \
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
        }
    };
}

impl_credentials!(SqliteStore, sqlx::Sqlite);
impl_credentials!(PgStore, sqlx::Postgres);
