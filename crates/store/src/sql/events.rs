//! SQL of [`crate::Events`], for both backends: one macro, expanded for [`SqliteStore`] and
//! [`PgStore`] below.

use super::{PgStore, SqliteStore};

macro_rules! impl_events {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::Events for $store {
            async fn record_event(&self, event: &$crate::model::Event) -> $crate::Result<()> {
                sqlx::query(concat!(
                    "INSERT INTO events (",
                    $crate::sql::event_cols!(),
                    ") VALUES ($1, $2, $3, $4, $5, $6, $7)"
                ))
                .bind(event.id)
                .bind(event.identity_id.0)
                .bind(event.kind.as_str())
                .bind(latchkey_domain::clock::to_millis(event.at))
                .bind(event.ip.as_deref())
                .bind(event.user_agent.as_deref())
                .bind($crate::sql::rows::json_text(&event.data)?)
                .execute(&self.pool)
                .await
                .map_err($crate::sql::db_err)?;
                Ok(())
            }

            async fn events(
                &self,
                identity: latchkey_domain::ids::IdentityId,
                limit: u32,
            ) -> $crate::Result<Vec<$crate::model::Event>> {
                let rows: Vec<$crate::sql::rows::EventRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::event_cols!(),
                    " FROM events WHERE identity_id = $1 ORDER BY at DESC, id DESC LIMIT $2"
                ))
                .bind(identity.0)
                .bind($crate::sql::limit(limit))
                .fetch_all(&self.pool)
                .await?;
                $crate::sql::rows::collect(rows, |r| r.into_model())
            }
        }
    };
}

impl_events!(SqliteStore, sqlx::Sqlite);
impl_events!(PgStore, sqlx::Postgres);
