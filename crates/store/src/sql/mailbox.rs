//! SQL of [`crate::Mailbox`], for both backends: one macro, expanded for [`SqliteStore`] and
//! [`PgStore`] below.

use super::{PgStore, SqliteStore};

/// Expands `Mailbox` for `$store` over a `sqlx::Pool<$db>` field named `pool`.
macro_rules! impl_mailbox {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::Mailbox for $store {
            async fn mailbox_put(&self, entry: &$crate::model::MailboxEntry) -> $crate::Result<()> {
                sqlx::query(concat!(
                    "INSERT INTO dev_mailbox (",
                    $crate::sql::mailbox_cols!(),
                    ", to_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                ))
                .bind(entry.id)
                .bind(entry.to.as_str())
                .bind(entry.channel.as_str())
                .bind(entry.subject.as_str())
                .bind(entry.text.as_str())
                .bind(entry.html.as_deref())
                .bind(latchkey_domain::clock::to_millis(entry.created_at))
                .bind(entry.to.to_lowercase())
                .execute(&self.pool)
                .await
                .map_err($crate::sql::db_err)?;
                Ok(())
            }

            async fn mailbox_list(
                &self,
                to: Option<&str>,
                limit: u32,
            ) -> $crate::Result<Vec<$crate::model::MailboxEntry>> {
                let rows: Vec<$crate::sql::rows::MailboxRow> = match to {
                    // Keys are lowercased on the way in, so one comparison covers email case;
                    // phone numbers in E.164 have no case to fold.
                    Some(to) => {
                        sqlx::query_as(concat!(
                            "SELECT ",
                            $crate::sql::mailbox_cols!(),
                            " FROM dev_mailbox WHERE to_key = $1 \
                             ORDER BY created_at DESC, id DESC LIMIT $2"
                        ))
                        .bind(to.trim().to_lowercase())
                        .bind($crate::sql::limit(limit))
                        .fetch_all(&self.pool)
                        .await?
                    }
                    None => {
                        sqlx::query_as(concat!(
                            "SELECT ",
                            $crate::sql::mailbox_cols!(),
                            " FROM dev_mailbox ORDER BY created_at DESC, id DESC LIMIT $1"
                        ))
                        .bind($crate::sql::limit(limit))
                        .fetch_all(&self.pool)
                        .await?
                    }
                };
                $crate::sql::rows::collect(rows, |r| r.into_model())
            }
        }
    };
}

impl_mailbox!(SqliteStore, sqlx::Sqlite);
impl_mailbox!(PgStore, sqlx::Postgres);
