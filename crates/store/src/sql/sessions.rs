//! SQL of [`crate::Sessions`], for both backends: one macro, expanded for [`SqliteStore`] and
//! [`PgStore`] below.

use super::{PgStore, SqliteStore};

/// Expands `Sessions` for `$store` over a `sqlx::Pool<$db>` field named `pool`.
macro_rules! impl_sessions {
    ($store:ty, $db:ty) => {
        impl $store {
            pub(super) async fn insert_session(
                conn: &mut <$db as sqlx::Database>::Connection,
                session: &$crate::model::Session,
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                sqlx::query(concat!(
                    "INSERT INTO sessions (",
                    $crate::sql::session_cols!(),
                    ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
                ))
                .bind(session.id.0)
                .bind(session.identity_id.0)
                .bind(session.token_hash.as_str())
                .bind(to_millis(session.created_at))
                .bind(to_millis(session.last_seen_at))
                .bind(to_millis(session.expires_at))
                .bind(to_millis(session.absolute_expires_at))
                .bind(session.ip.as_deref())
                .bind(session.user_agent.as_deref())
                .bind(session.method.as_str())
                .bind(session.aal.level())
                .bind(session.amr.join(" "))
                .bind(to_millis(session.authenticated_at))
                .execute(&mut *conn)
                .await
                .map_err($crate::sql::db_err)?;
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl $crate::Sessions for $store {
            async fn create_session(
                &self,
                session: &$crate::model::Session,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<()> {
                if messages.is_empty() {
                    // One statement is atomic on its own: no BEGIN/COMMIT round trips on
                    // the sign-in path (each is a hop to sqlx's SQLite thread).
                    let mut conn = self.pool.acquire().await?;
                    return Self::insert_session(&mut conn, session).await;
                }
                let mut tx = self.begin_write().await?;
                Self::insert_session(&mut tx, session).await?;
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn session_by_token_hash(
                &self,
                token_hash: &str,
                now: time::OffsetDateTime,
            ) -> $crate::Result<Option<$crate::model::SessionLookup>> {
                if let Some(hot) = self.hot_reads() {
                    return hot.session_lookup(token_hash, now);
                }
                let rows: Vec<$crate::sql::rows::SessionLookupRow> =
                    sqlx::query_as($crate::sql::SESSION_LOOKUP_SQL)
                        .bind(token_hash)
                        .bind(latchkey_domain::clock::to_millis(now))
                        .fetch_all(&self.pool)
                        .await?;
                $crate::sql::rows::SessionLookupRow::assemble(rows)
            }

            async fn touch_session(
                &self,
                id: latchkey_domain::ids::SessionId,
                now: time::OffsetDateTime,
                idle_expires_at: time::OffsetDateTime,
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                // CASE rather than MIN/LEAST: SQLite has no LEAST, PostgreSQL's MIN is an
                // aggregate. A dead session is left dead: touching never revives it.
                sqlx::query(
                    "UPDATE sessions SET last_seen_at = $2, \
                     expires_at = CASE WHEN $3 < absolute_expires_at THEN $3 \
                                       ELSE absolute_expires_at END \
                     WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2",
                )
                .bind(id.0)
                .bind(to_millis(now))
                .bind(to_millis(idle_expires_at))
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn sessions(
                &self,
                identity: latchkey_domain::ids::IdentityId,
                now: time::OffsetDateTime,
            ) -> $crate::Result<Vec<$crate::model::Session>> {
                let rows: Vec<$crate::sql::rows::SessionRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::session_cols!(),
                    " FROM sessions WHERE identity_id = $1 AND revoked_at IS NULL \
                     AND expires_at > $2 ORDER BY created_at DESC, id DESC"
                ))
                .bind(identity.0)
                .bind(latchkey_domain::clock::to_millis(now))
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(|r| r.into_model()).collect())
            }

            async fn revoke_session(
                &self,
                identity: latchkey_domain::ids::IdentityId,
                id: latchkey_domain::ids::SessionId,
                now: time::OffsetDateTime,
            ) -> $crate::Result<bool> {
                // Scoped to the identity so one account can never revoke another's session.
                let done = sqlx::query(
                    "UPDATE sessions SET revoked_at = $3 WHERE id = $2 AND identity_id = $1 \
                     AND revoked_at IS NULL AND expires_at > $3",
                )
                .bind(identity.0)
                .bind(id.0)
                .bind(latchkey_domain::clock::to_millis(now))
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn revoke_sessions(
                &self,
                identity: latchkey_domain::ids::IdentityId,
                keep: Option<latchkey_domain::ids::SessionId>,
                now: time::OffsetDateTime,
            ) -> $crate::Result<u64> {
                use latchkey_domain::clock::to_millis;
                let done = match keep {
                    Some(keep) => {
                        sqlx::query(
                            "UPDATE sessions SET revoked_at = $2 WHERE identity_id = $1 \
                             AND revoked_at IS NULL AND expires_at > $2 AND id <> $3",
                        )
                        .bind(identity.0)
                        .bind(to_millis(now))
                        .bind(keep.0)
                        .execute(&self.pool)
                        .await?
                    }
                    None => {
                        sqlx::query(
                            "UPDATE sessions SET revoked_at = $2 WHERE identity_id = $1 \
                             AND revoked_at IS NULL AND expires_at > $2",
                        )
                        .bind(identity.0)
                        .bind(to_millis(now))
                        .execute(&self.pool)
                        .await?
                    }
                };
                Ok(done.rows_affected())
            }

            async fn reauthenticate_session(
                &self,
                id: latchkey_domain::ids::SessionId,
                now: time::OffsetDateTime,
                aal: latchkey_domain::Aal,
                amr: &[String],
            ) -> $crate::Result<bool> {
                use latchkey_domain::clock::to_millis;
                // Only a second factor changes the assurance, and only upwards: a password
                // re-entered on a two-factor session leaves it two-factor, with its `amr`.
                let done = if aal.level() >= latchkey_domain::Aal::Aal2.level() {
                    sqlx::query(
                        "UPDATE sessions SET authenticated_at = $2, aal = $3, amr = $4 \
                         WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2",
                    )
                    .bind(id.0)
                    .bind(to_millis(now))
                    .bind(aal.level())
                    .bind(amr.join(" "))
                    .execute(&self.pool)
                    .await?
                } else {
                    sqlx::query(
                        "UPDATE sessions SET authenticated_at = $2 \
                         WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2",
                    )
                    .bind(id.0)
                    .bind(to_millis(now))
                    .execute(&self.pool)
                    .await?
                };
                Ok(done.rows_affected() == 1)
            }
        }
    };
}

impl_sessions!(SqliteStore, sqlx::Sqlite);
impl_sessions!(PgStore, sqlx::Postgres);
