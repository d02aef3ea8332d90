//! SQL of [`crate::FlowStates`], for both backends: one macro, expanded for [`SqliteStore`] and
//! [`PgStore`] below.

use super::{PgStore, SqliteStore};

/// Expands `FlowStates` for `$store` over a `sqlx::Pool<$db>` field named `pool`.
macro_rules! impl_flow_states {
    ($store:ty, $db:ty) => {
        impl $store {
            pub(super) async fn insert_flow(
                conn: &mut <$db as sqlx::Database>::Connection,
                flow: &$crate::model::Flow,
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                sqlx::query(concat!(
                    "INSERT INTO flows (",
                    $crate::sql::flow_cols!(),
                    ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
                ))
                .bind(flow.id.0)
                .bind(flow.kind.as_str())
                .bind(flow.state.as_str())
                .bind(flow.identity_id.map(|i| i.0))
                .bind(flow.identifier_key.as_str())
                .bind(flow.channel.as_str())
                .bind($crate::sql::rows::json_text(&flow.payload)?)
                .bind(i64::from(flow.failures))
                .bind(to_millis(flow.created_at))
                .bind(to_millis(flow.expires_at))
                .bind(to_millis(flow.last_sent_at))
                .bind(flow.completed_at.map(to_millis))
                .execute(&mut *conn)
                .await
                .map_err($crate::sql::db_err)?;
                Ok(())
            }

            pub(super) async fn insert_flow_code(
                conn: &mut <$db as sqlx::Database>::Connection,
                flow: latchkey_domain::ids::FlowId,
                code: &$crate::model::FlowCode,
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                sqlx::query(concat!(
                    "INSERT INTO flow_codes (",
                    $crate::sql::flow_code_cols!(),
                    ") VALUES ($1, $2, $3, $4, $5)"
                ))
                .bind(code.id)
                .bind(flow.0)
                .bind(code.code_hash.as_str())
                .bind(to_millis(code.created_at))
                .bind(to_millis(code.expires_at))
                .execute(&mut *conn)
                .await
                .map_err($crate::sql::db_err)?;
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl $crate::FlowStates for $store {
            async fn create_flow(
                &self,
                flow: &$crate::model::Flow,
                code: Option<&$crate::model::FlowCode>,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                Self::insert_flow(&mut tx, flow).await?;
                if let Some(code) = code {
                    Self::insert_flow_code(&mut tx, flow.id, code).await?;
                }
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn flow(
                &self,
                id: latchkey_domain::ids::FlowId,
            ) -> $crate::Result<Option<$crate::model::Flow>> {
                let row: Option<$crate::sql::rows::FlowRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::flow_cols!(),
                    " FROM flows WHERE id = $1"
                ))
                .bind(id.0)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| r.into_model()).transpose()
            }

            async fn add_flow_code(
                &self,
                flow: latchkey_domain::ids::FlowId,
                code: &$crate::model::FlowCode,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                let mut tx = self.begin_write().await?;
                let done = sqlx::query("UPDATE flows SET last_sent_at = $2 WHERE id = $1")
                    .bind(flow.0)
                    .bind(to_millis(code.created_at))
                    .execute(&mut *tx)
                    .await
                    .map_err($crate::sql::db_err)?;
                $crate::sql::found(done.rows_affected())?;
                Self::insert_flow_code(&mut tx, flow, code).await?;
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn flow_codes(
                &self,
                flow: latchkey_domain::ids::FlowId,
            ) -> $crate::Result<Vec<$crate::model::FlowCode>> {
                let rows: Vec<$crate::sql::rows::FlowCodeRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::flow_code_cols!(),
                    " FROM flow_codes WHERE flow_id = $1 ORDER BY created_at DESC, id DESC"
                ))
                .bind(flow.0)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(|r| r.into_model()).collect())
            }

            async fn reserve_flow_try(
                &self,
                flow: latchkey_domain::ids::FlowId,
                max: u32,
                now: time::OffsetDateTime,
            ) -> $crate::Result<Option<$crate::model::Flow>> {
                // Reserve before judging, in one statement: of any number of concurrent
                // guesses, at most `max` ever get a row back (no read-modify-write).
                let row: Option<$crate::sql::rows::FlowRow> = sqlx::query_as(concat!(
                    "UPDATE flows SET failures = failures + 1 \
                     WHERE id = $1 AND state = 'active' AND failures < $2 AND expires_at > $3 \
                     RETURNING ",
                    $crate::sql::flow_cols!()
                ))
                .bind(flow.0)
                .bind(i64::from(max))
                .bind(latchkey_domain::clock::to_millis(now))
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| r.into_model()).transpose()
            }

            async fn complete_flow(
                &self,
                flow: latchkey_domain::ids::FlowId,
                max: u32,
                now: time::OffsetDateTime,
            ) -> $crate::Result<bool> {
                // The `state = 'active'` guard makes this a compare-and-set: of concurrent
                // callers, exactly one sees a row change. The right code's reserved try is
                // given back, and a flow whose tries ran out cannot complete.
                let done = sqlx::query(
                    "UPDATE flows SET state = 'completed', completed_at = $2, \
                     failures = CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END \
                     WHERE id = $1 AND state = 'active' AND failures <= $3",
                )
                .bind(flow.0)
                .bind(latchkey_domain::clock::to_millis(now))
                .bind(i64::from(max))
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn void_flows_for_address(
                &self,
                kind: $crate::model::FlowKind,
                channel: $crate::model::ContactKind,
                key: &str,
                keeper: latchkey_domain::ids::IdentityId,
                now: time::OffsetDateTime,
            ) -> $crate::Result<Vec<$crate::model::Flow>> {
                let rows: Vec<$crate::sql::rows::FlowRow> = sqlx::query_as(concat!(
                    "UPDATE flows SET state = 'completed', completed_at = $5 \
                     WHERE kind = $1 AND channel = $2 AND identifier_key = $3 \
                     AND state = 'active' AND identity_id IS NOT NULL AND identity_id <> $4 \
                     AND expires_at > $5 RETURNING ",
                    $crate::sql::flow_cols!()
                ))
                .bind(kind.as_str())
                .bind(channel.as_str())
                .bind(key)
                .bind(keeper.0)
                .bind(latchkey_domain::clock::to_millis(now))
                .fetch_all(&self.pool)
                .await?;
                $crate::sql::rows::collect(rows, |r| r.into_model())
            }

            async fn set_flow_payload(
                &self,
                flow: latchkey_domain::ids::FlowId,
                payload: &serde_json::Value,
                now: time::OffsetDateTime,
            ) -> $crate::Result<bool> {
                let done = sqlx::query(
                    "UPDATE flows SET payload = $2 \
                     WHERE id = $1 AND state = 'active' AND expires_at > $3",
                )
                .bind(flow.0)
                .bind($crate::sql::rows::json_text(payload)?)
                .bind(latchkey_domain::clock::to_millis(now))
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn create_recovery_flow(
                &self,
                flow: &$crate::model::Flow,
                code: &$crate::model::FlowCode,
                link: Option<&$crate::model::ResetToken>,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                Self::insert_flow(&mut tx, flow).await?;
                Self::insert_flow_code(&mut tx, flow.id, code).await?;
                if let Some(link) = link {
                    Self::insert_token(&mut tx, link).await?;
                }
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn add_recovery_code(
                &self,
                flow: latchkey_domain::ids::FlowId,
                channel: $crate::model::ContactKind,
                payload: &serde_json::Value,
                code: &$crate::model::FlowCode,
                link: Option<&$crate::model::ResetToken>,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE flows SET last_sent_at = $2, channel = $3, payload = $4 WHERE id = $1",
                )
                .bind(flow.0)
                .bind(to_millis(code.created_at))
                .bind(channel.as_str())
                .bind($crate::sql::rows::json_text(payload)?)
                .execute(&mut *tx)
                .await
                .map_err($crate::sql::db_err)?;
                $crate::sql::found(done.rows_affected())?;
                Self::insert_flow_code(&mut tx, flow, code).await?;
                if let Some(link) = link {
                    Self::insert_token(&mut tx, link).await?;
                }
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(())
            }
        }
    };
}

impl_flow_states!(SqliteStore, sqlx::Sqlite);
impl_flow_states!(PgStore, sqlx::Postgres);
