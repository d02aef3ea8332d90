//! SQL of [`crate::Outbox`], for both backends: one macro, expanded for [`SqliteStore`] and
//! [`PgStore`] below.

use super::{PgStore, SqliteStore};

/// Expands `Outbox` for `$store`. `claim_sql` is the outbox claim, `$1` = now,
/// `$2` = lease_until, `$3` = limit, returning `outbox_cols!()`: the one query whose text
/// differs between the backends.
macro_rules! impl_outbox {
    ($store:ty, $db:ty, claim_sql: $claim:expr $(,)?) => {
        impl $store {
            // Every capability that causes a message writes it through this, inside its
            // own write transaction, hence `pub(super)`.
            pub(super) async fn insert_messages(
                conn: &mut <$db as sqlx::Database>::Connection,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                for m in messages {
                    sqlx::query(
                        "INSERT INTO outbox (id, channel, recipient, locale, template, subject, \
                         text, html, created_at, status, attempts, next_attempt_at, \
                         useful_until) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', 0, $9, $10)",
                    )
                    .bind(m.id)
                    .bind(m.channel.as_str())
                    .bind(m.recipient.as_str())
                    .bind(m.locale.as_str())
                    .bind(m.template.as_str())
                    .bind(m.subject.as_str())
                    .bind(m.text.as_str())
                    .bind(m.html.as_deref())
                    .bind(to_millis(m.created_at))
                    .bind(to_millis(m.useful_until))
                    .execute(&mut *conn)
                    .await
                    .map_err($crate::sql::db_err)?;
                }
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl $crate::Outbox for $store {
            async fn enqueue_messages(
                &self,
                messages: &[$crate::model::NewMessage],
            ) -> $crate::Result<()> {
                if messages.is_empty() {
                    return Ok(());
                }
                let mut tx = self.begin_write().await?;
                Self::insert_messages(&mut tx, messages).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn claim_due_messages(
                &self,
                now: time::OffsetDateTime,
                lease_until: time::OffsetDateTime,
                limit: u32,
            ) -> $crate::Result<Vec<$crate::model::OutboxMessage>> {
                use latchkey_domain::clock::to_millis;
                let rows: Vec<$crate::sql::rows::OutboxRow> = sqlx::query_as($claim)
                    .bind(to_millis(now))
                    .bind(to_millis(lease_until))
                    .bind($crate::sql::limit(limit))
                    .fetch_all(&self.pool)
                    .await?;
                let mut claimed = $crate::sql::rows::collect(rows, |r| r.into_model())?;
                // RETURNING comes back in no promised order; the courier wants oldest due first.
                claimed.sort_by(|a, b| {
                    (a.next_attempt_at, a.message.id).cmp(&(b.next_attempt_at, b.message.id))
                });
                Ok(claimed)
            }

            async fn mark_message_sent(
                &self,
                id: uuid::Uuid,
                now: time::OffsetDateTime,
            ) -> $crate::Result<()> {
                let done = sqlx::query(
                    "UPDATE outbox SET status = 'sent', sent_at = $2, last_attempt_at = $2, \
                     attempts = attempts + 1, lease_until = NULL, text = '', html = NULL \
                     WHERE id = $1",
                )
                .bind(id)
                .bind(latchkey_domain::clock::to_millis(now))
                .execute(&self.pool)
                .await?;
                $crate::sql::found(done.rows_affected())
            }

            async fn mark_message_failed(
                &self,
                id: uuid::Uuid,
                attempts: u32,
                next_attempt_at: Option<time::OffsetDateTime>,
                error: &str,
                now: time::OffsetDateTime,
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                let done = match next_attempt_at {
                    Some(next) => {
                        sqlx::query(
                            "UPDATE outbox SET status = 'pending', attempts = $2, \
                             next_attempt_at = $3, last_error = $4, last_attempt_at = $5, \
                             lease_until = NULL WHERE id = $1",
                        )
                        .bind(id)
                        .bind(i64::from(attempts))
                        .bind(to_millis(next))
                        .bind(error)
                        .bind(to_millis(now))
                        .execute(&self.pool)
                        .await?
                    }
                    None => {
                        return <Self as $crate::Outbox>::abandon_message(
                            self, id, attempts, error, error, now,
                        )
                        .await;
                    }
                };
                $crate::sql::found(done.rows_affected())
            }

            async fn abandon_message(
                &self,
                id: uuid::Uuid,
                attempts: u32,
                error: &str,
                reason: &str,
                now: time::OffsetDateTime,
            ) -> $crate::Result<()> {
                use latchkey_domain::clock::to_millis;
                // The bodies carry the codes and links; nobody reads them again.
                let done = sqlx::query(
                    "UPDATE outbox SET status = 'abandoned', attempts = $2, \
                     last_error = $3, abandon_reason = $4, last_attempt_at = $5, \
                     lease_until = NULL, text = '', html = NULL WHERE id = $1",
                )
                .bind(id)
                .bind(i64::from(attempts))
                .bind(error)
                .bind(reason)
                .bind(to_millis(now))
                .execute(&self.pool)
                .await?;
                $crate::sql::found(done.rows_affected())
            }

            async fn purge_messages(&self, before: time::OffsetDateTime) -> $crate::Result<u64> {
                let done = sqlx::query(
                    "DELETE FROM outbox WHERE created_at < $1 AND status <> 'pending'",
                )
                .bind(latchkey_domain::clock::to_millis(before))
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected())
            }

            async fn message(
                &self,
                id: uuid::Uuid,
            ) -> $crate::Result<Option<$crate::model::OutboxMessage>> {
                let row: Option<$crate::sql::rows::OutboxRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::outbox_cols!(),
                    " FROM outbox WHERE id = $1"
                ))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| r.into_model()).transpose()
            }

            async fn messages_by_status(
                &self,
                status: $crate::model::MessageStatus,
                limit: u32,
            ) -> $crate::Result<Vec<$crate::model::OutboxMessage>> {
                let rows: Vec<$crate::sql::rows::OutboxRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::outbox_cols!(),
                    " FROM outbox WHERE status = $1 ORDER BY created_at DESC, id DESC LIMIT $2"
                ))
                .bind(status.as_str())
                .bind($crate::sql::limit(limit))
                .fetch_all(&self.pool)
                .await?;
                $crate::sql::rows::collect(rows, |r| r.into_model())
            }

            async fn count_messages_by_status(
                &self,
                status: $crate::model::MessageStatus,
            ) -> $crate::Result<u64> {
                let (count,): (i64,) =
                    sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE status = $1")
                        .bind(status.as_str())
                        .fetch_one(&self.pool)
                        .await?;
                Ok(u64::try_from(count).unwrap_or_default())
            }

            async fn sent_counts(
                &self,
                since: time::OffsetDateTime,
                bucket: time::Duration,
            ) -> $crate::Result<Vec<(time::OffsetDateTime, u64)>> {
                use latchkey_domain::clock::{from_millis, to_millis};
                let width = i64::try_from(bucket.whole_milliseconds())
                    .unwrap_or(i64::MAX)
                    .max(1);
                let rows: Vec<(i64, i64)> = sqlx::query_as(
                    "SELECT (sent_at / $2) * $2 AS bucket, COUNT(*) FROM outbox \
                     WHERE status = 'sent' AND sent_at >= $1 \
                     GROUP BY (sent_at / $2) * $2 ORDER BY bucket",
                )
                .bind(to_millis(since))
                .bind(width)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(b, n)| (from_millis(b), u64::try_from(n).unwrap_or(0)))
                    .collect())
            }
        }
    };
}

impl_outbox! {
    SqliteStore,
    sqlx::Sqlite,
    // SQLite has one writer at a time, so this single statement is already atomic: no
    // second worker can pick a row between the SELECT and the UPDATE.
    claim_sql: concat!(
        "UPDATE outbox SET lease_until = $2 WHERE id IN (\
         SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1 \
         AND (lease_until IS NULL OR lease_until <= $1) \
         ORDER BY next_attempt_at, id LIMIT $3) RETURNING ",
        crate::sql::outbox_cols!()
    ),
}

impl_outbox! {
    PgStore,
    sqlx::Postgres,
    // SKIP LOCKED lets two workers (or two nodes) claim side by side: each passes over
    // the rows the other has locked instead of waiting for them or taking them twice.
    // The MATERIALIZED CTE runs the locking SELECT exactly once; an `IN (subquery)` may
    // be planned as a join that re-runs it and leases more than `limit` rows.
    claim_sql: concat!(
        "WITH due (due_id) AS MATERIALIZED (\
         SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1 \
         AND (lease_until IS NULL OR lease_until <= $1) \
         ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) \
         UPDATE outbox SET lease_until = $2 FROM due WHERE id = due_id RETURNING ",
        crate::sql::outbox_cols!()
    ),
}
