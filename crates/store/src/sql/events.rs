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
                    ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
                ))
                .bind(event.id)
                .bind(event.identity_id.0)
                .bind(event.kind.as_str())
                .bind(latchkey_domain::clock::to_millis(event.at))
                .bind(event.ip.as_deref())
                .bind(event.user_agent.as_deref())
                .bind($crate::sql::rows::json_text(&event.data)?)
                .bind(event.actor.as_ref().map(|a| a.key_id))
                .bind(event.actor.as_ref().map(|a| a.key_name.as_str()))
                .bind(event.outcome.as_str())
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

            async fn query_events(
                &self,
                query: &$crate::model::EventQuery,
            ) -> $crate::Result<Vec<$crate::model::Event>> {
                use latchkey_domain::clock::to_millis;
                // Absent conditions are NULL and hold for every row, so the statement is
                // one text whatever the caller asks.
                let rows: Vec<$crate::sql::rows::EventRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::event_cols!(),
                    " FROM events WHERE ($1 IS NULL OR identity_id = $1) \
                     AND ($2 IS NULL OR kind = $2) AND ($3 IS NULL OR at >= $3) \
                     AND ($4 IS NULL OR at < $4) ORDER BY at DESC, id DESC LIMIT $5"
                ))
                .bind(query.identity.map(|i| i.0))
                .bind(query.kind.map(|k| k.as_str()))
                .bind(query.since.map(to_millis))
                .bind(query.before.map(to_millis))
                .bind($crate::sql::limit(query.limit))
                .fetch_all(&self.pool)
                .await?;
                $crate::sql::rows::collect(rows, |r| r.into_model())
            }

            async fn purge_events(&self, before: time::OffsetDateTime) -> $crate::Result<u64> {
                let done = sqlx::query("DELETE FROM events WHERE at < $1")
                    .bind(latchkey_domain::clock::to_millis(before))
                    .execute(&self.pool)
                    .await
                    .map_err($crate::sql::db_err)?;
                Ok(done.rows_affected())
            }

            async fn event_counts(
                &self,
                kinds: &[latchkey_domain::EventType],
                since: time::OffsetDateTime,
                bucket: time::Duration,
            ) -> $crate::Result<Vec<$crate::model::EventCount>> {
                use latchkey_domain::clock::{from_millis, to_millis};
                let width = i64::try_from(bucket.whole_milliseconds())
                    .unwrap_or(i64::MAX)
                    .max(1);
                let mut out = Vec::new();
                // One grouped count per kind: a handful of kinds, each an index range scan.
                for kind in kinds {
                    let rows: Vec<(i64, i64)> = sqlx::query_as(
                        "SELECT (at / $3) * $3 AS bucket, COUNT(*) FROM events \
                         WHERE kind = $1 AND at >= $2 GROUP BY (at / $3) * $3 ORDER BY bucket",
                    )
                    .bind(kind.as_str())
                    .bind(to_millis(since))
                    .bind(width)
                    .fetch_all(&self.pool)
                    .await?;
                    out.extend(rows.into_iter().map(|(b, n)| $crate::model::EventCount {
                        kind: *kind,
                        bucket_start: from_millis(b),
                        count: u64::try_from(n).unwrap_or(0),
                    }));
                }
                Ok(out)
            }
        }
    };
}

impl_events!(SqliteStore, sqlx::Sqlite);
impl_events!(PgStore, sqlx::Postgres);
