//! SQL of [`crate::Lockouts`], for both backends: one macro, expanded for [`SqliteStore`] and
//! [`PgStore`] below.

use super::{PgStore, SqliteStore};

/// Expands `Lockouts` for `$store` over a `sqlx::Pool<$db>` field named `pool`.
macro_rules! impl_lockouts {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::Lockouts for $store {
            async fn lockout(&self, key: &str) -> $crate::Result<Option<$crate::model::LockoutRecord>> {
                if let Some(hot) = self.hot_reads() {
                    return hot.lockout(key);
                }
                let row: Option<(i64, i64)> = sqlx::query_as($crate::sql::LOCKOUT_SQL)
                    .bind(key)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.map(|(f, at)| $crate::sql::rows::lockout_record(f, at)))
            }

            async fn record_lockout_failure(
                &self,
                key: &str,
                now: time::OffsetDateTime,
                forget_before: time::OffsetDateTime,
            ) -> $crate::Result<$crate::model::LockoutRecord> {
                use latchkey_domain::clock::{from_millis, to_millis};
                // One statement: the increment and the read happen atomically on both
                // databases, so concurrent failures are all counted.
                let (f, at): (i64, i64) = sqlx::query_as(
                    "INSERT INTO lockouts (key, failures, last_failure_at) VALUES ($1, 1, $2) \
                     ON CONFLICT (key) DO UPDATE SET \
                     failures = CASE WHEN lockouts.last_failure_at < $3 THEN 1 \
                                     ELSE lockouts.failures + 1 END, \
                     last_failure_at = $2 \
                     RETURNING failures, last_failure_at",
                )
                .bind(key)
                .bind(to_millis(now))
                .bind(to_millis(forget_before))
                .fetch_one(&self.pool)
                .await
                .map_err($crate::sql::db_err)?;
                Ok($crate::model::LockoutRecord {
                    failures: u32::try_from(f).unwrap_or(u32::MAX),
                    last_failure_at: from_millis(at),
                })
            }

            async fn refund_lockout_failure(
                &self,
                key: &str,
                last_failure_at: Option<time::OffsetDateTime>,
            ) -> $crate::Result<()> {
                sqlx::query(
                    "UPDATE lockouts SET failures = failures - 1, \
                     last_failure_at = COALESCE($2, last_failure_at) \
                     WHERE key = $1 AND failures > 0",
                )
                .bind(key)
                .bind(last_failure_at.map(latchkey_domain::clock::to_millis))
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn clear_lockouts(&self, keys: &[String]) -> $crate::Result<()> {
                for key in keys {
                    sqlx::query("DELETE FROM lockouts WHERE key = $1")
                        .bind(key.as_str())
                        .execute(&self.pool)
                        .await?;
                }
                Ok(())
            }

            async fn device_epoch(
                &self,
                identity: latchkey_domain::ids::IdentityId,
            ) -> $crate::Result<u32> {
                if let Some(hot) = self.hot_reads() {
                    return hot.device_epoch(identity);
                }
                let epoch: Option<i64> = sqlx::query_scalar($crate::sql::DEVICE_EPOCH_SQL)
                        .bind(identity.0)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(epoch.map_or(0, |e| u32::try_from(e).unwrap_or(u32::MAX)))
            }

            async fn bump_device_epoch(
                &self,
                identity: latchkey_domain::ids::IdentityId,
            ) -> $crate::Result<u32> {
                let epoch: i64 = sqlx::query_scalar(
                    "INSERT INTO device_epochs (identity_id, epoch) VALUES ($1, 1) \
                     ON CONFLICT (identity_id) DO UPDATE SET epoch = device_epochs.epoch + 1 \
                     RETURNING epoch",
                )
                .bind(identity.0)
                .fetch_one(&self.pool)
                .await
                .map_err($crate::sql::db_err)?;
                Ok(u32::try_from(epoch).unwrap_or(u32::MAX))
            }
        }
    };
}

impl_lockouts!(SqliteStore, sqlx::Sqlite);
impl_lockouts!(PgStore, sqlx::Postgres);
