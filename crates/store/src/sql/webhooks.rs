//! SQL of [`crate::Webhooks`], for both backends: one macro, expanded for [`SqliteStore`]
//! and [`PgStore`] below.

use super::{PgStore, SqliteStore};

macro_rules! delivery_cols {
    () => {
        "id, event_id, event_type, endpoint, body, status, attempts, next_attempt_at, \
         last_status, last_error, last_attempt_at, created_at, delivered_at"
    };
}

/// Expands `Webhooks` for `$store`. The two claims are the statements whose text differs
/// between the backends:
/// - `dispatch_sql`: marks up to `$1` undispatched events dispatched, returning
///   `event_cols!()`;
/// - `claim_sql`: leases due deliveries, `$1` = now, `$2` = lease_until, `$3` = limit,
///   returning `delivery_cols!()`.
macro_rules! impl_webhooks {
    ($store:ty, $db:ty, dispatch_sql: $dispatch:expr, claim_sql: $claim:expr $(,)?) => {
        impl $store {
            async fn insert_delivery(
                conn: &mut <$db as sqlx::Database>::Connection,
                d: &$crate::model::NewDelivery,
            ) -> $crate::Result<()> {
                let at = latchkey_domain::clock::to_millis(d.created_at);
                sqlx::query(
                    "INSERT INTO webhook_deliveries (id, event_id, event_type, endpoint, body, \
                     status, attempts, next_attempt_at, created_at) \
                     VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, $6)",
                )
                .bind(d.id)
                .bind(d.event_id)
                .bind(d.event_type.as_str())
                .bind(d.endpoint.as_str())
                .bind(d.body.as_str())
                .bind(at)
                .execute(&mut *conn)
                .await
                .map_err($crate::sql::db_err)?;
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl $crate::Webhooks for $store {
            async fn dispatch_events(
                &self,
                limit: u32,
                route: &(
                     dyn for<'e> Fn(&'e $crate::model::Event) -> Vec<$crate::model::NewDelivery>
                         + Send
                         + Sync
                 ),
            ) -> $crate::Result<u32> {
                let mut tx = self.begin_write().await?;
                let rows: Vec<$crate::sql::rows::EventRow> = sqlx::query_as($dispatch)
                    .bind($crate::sql::limit(limit))
                    .fetch_all(&mut *tx)
                    .await?;
                let taken = u32::try_from(rows.len()).unwrap_or(u32::MAX);
                let mut events = $crate::sql::rows::collect(rows, |r| r.into_model())?;
                // RETURNING comes back in no promised order; receivers see oldest first.
                events.sort_by(|a, b| (a.at, a.id).cmp(&(b.at, b.id)));
                for event in &events {
                    for delivery in route(event) {
                        Self::insert_delivery(&mut tx, &delivery).await?;
                    }
                }
                tx.commit().await?;
                Ok(taken)
            }

            async fn enqueue_delivery(
                &self,
                delivery: &$crate::model::NewDelivery,
            ) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                Self::insert_delivery(&mut tx, delivery).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn claim_due_deliveries(
                &self,
                now: time::OffsetDateTime,
                lease_until: time::OffsetDateTime,
                limit: u32,
            ) -> $crate::Result<Vec<$crate::model::WebhookDelivery>> {
                use latchkey_domain::clock::to_millis;
                let rows: Vec<$crate::sql::rows::DeliveryRow> = sqlx::query_as($claim)
                    .bind(to_millis(now))
                    .bind(to_millis(lease_until))
                    .bind($crate::sql::limit(limit))
                    .fetch_all(&self.pool)
                    .await?;
                let mut claimed = $crate::sql::rows::collect(rows, |r| r.into_model())?;
                claimed.sort_by(|a, b| {
                    (a.next_attempt_at, a.delivery.id).cmp(&(b.next_attempt_at, b.delivery.id))
                });
                Ok(claimed)
            }

            async fn mark_delivery_ok(
                &self,
                id: uuid::Uuid,
                attempts: u32,
                status: u16,
                now: time::OffsetDateTime,
            ) -> $crate::Result<()> {
                let done = sqlx::query(
                    "UPDATE webhook_deliveries SET status = 'delivered', attempts = $2, \
                     last_status = $3, last_error = NULL, last_attempt_at = $4, \
                     delivered_at = $4, leased_until = NULL WHERE id = $1",
                )
                .bind(id)
                .bind(i64::from(attempts))
                .bind(i64::from(status))
                .bind(latchkey_domain::clock::to_millis(now))
                .execute(&self.pool)
                .await?;
                $crate::sql::found(done.rows_affected())
            }

            async fn mark_delivery_failed(
                &self,
                id: uuid::Uuid,
                attempts: u32,
                next_attempt_at: Option<time::OffsetDateTime>,
                status: Option<u16>,
                error: &str,
                now: time::OffsetDateTime,
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                // Abandoned keeps `next_attempt_at` as it was: nothing reads it then.
                let done = sqlx::query(
                    "UPDATE webhook_deliveries SET \
                     status = CASE WHEN $3 IS NULL THEN 'abandoned' ELSE 'pending' END, \
                     attempts = $2, next_attempt_at = COALESCE($3, next_attempt_at), \
                     last_status = $4, last_error = $5, last_attempt_at = $6, \
                     leased_until = NULL WHERE id = $1",
                )
                .bind(id)
                .bind(i64::from(attempts))
                .bind(next_attempt_at.map(to_millis))
                .bind(status.map(i64::from))
                .bind(error)
                .bind(to_millis(now))
                .execute(&self.pool)
                .await?;
                $crate::sql::found(done.rows_affected())
            }

            async fn recent_deliveries(
                &self,
                limit: u32,
            ) -> $crate::Result<Vec<$crate::model::WebhookDelivery>> {
                let rows: Vec<$crate::sql::rows::DeliveryRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    delivery_cols!(),
                    " FROM webhook_deliveries ORDER BY created_at DESC, id DESC LIMIT $1"
                ))
                .bind($crate::sql::limit(limit))
                .fetch_all(&self.pool)
                .await?;
                $crate::sql::rows::collect(rows, |r| r.into_model())
            }

            async fn delivery(
                &self,
                id: uuid::Uuid,
            ) -> $crate::Result<Option<$crate::model::WebhookDelivery>> {
                let row: Option<$crate::sql::rows::DeliveryRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    delivery_cols!(),
                    " FROM webhook_deliveries WHERE id = $1"
                ))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| r.into_model()).transpose()
            }

            async fn purge_deliveries(&self, before: time::OffsetDateTime) -> $crate::Result<u64> {
                let done = sqlx::query(
                    "DELETE FROM webhook_deliveries WHERE created_at < $1 AND status <> 'pending'",
                )
                .bind(latchkey_domain::clock::to_millis(before))
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected())
            }
        }
    };
}

impl_webhooks! {
    SqliteStore,
    sqlx::Sqlite,
    // Inside the dispatch's BEGIN IMMEDIATE, and SQLite has one writer: no second
    // dispatcher can take a row between the SELECT and the UPDATE.
    dispatch_sql: concat!(
        "UPDATE events SET dispatched = TRUE WHERE id IN (\
         SELECT id FROM events WHERE NOT dispatched ORDER BY at, id LIMIT $1) \
         AND NOT dispatched RETURNING ",
        crate::sql::event_cols!()
    ),
    claim_sql: concat!(
        "UPDATE webhook_deliveries SET leased_until = $2 WHERE id IN (\
         SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1 \
         AND (leased_until IS NULL OR leased_until <= $1) \
         ORDER BY next_attempt_at, id LIMIT $3) RETURNING ",
        delivery_cols!()
    ),
}

impl_webhooks! {
    PgStore,
    sqlx::Postgres,
    // SKIP LOCKED: two dispatchers (or nodes) take disjoint events side by side, each
    // passing over the rows the other holds until its transaction commits. The
    // MATERIALIZED CTE runs the locking SELECT once (see the outbox claim).
    dispatch_sql: concat!(
        "WITH due (due_id) AS MATERIALIZED (\
         SELECT id FROM events WHERE NOT dispatched ORDER BY at, id LIMIT $1 \
         FOR UPDATE SKIP LOCKED) \
         UPDATE events SET dispatched = TRUE FROM due WHERE id = due_id AND NOT dispatched \
         RETURNING ",
        crate::sql::event_cols!()
    ),
    claim_sql: concat!(
        "WITH due (due_id) AS MATERIALIZED (\
         SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1 \
         AND (leased_until IS NULL OR leased_until <= $1) \
         ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) \
         UPDATE webhook_deliveries SET leased_until = $2 FROM due WHERE id = due_id RETURNING ",
        delivery_cols!()
    ),
}
