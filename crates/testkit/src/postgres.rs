//! The one fresh-PostgreSQL helper: each test gets its own `lk_test_<uuid>` database on
//! the server `TEST_DATABASE_URL` points at, so tests never share rows or run in an
//! order. The database is dropped after a pass; a failed test leaves its database to look
//! at (scripts/test sweeps leftovers by the `lk_test_` prefix).

use sqlx::Connection;

/// The prefix every test database carries; [`drop_postgres_database`] drops nothing else.
pub const PREFIX: &str = "lk_test_";

/// A fresh database for one test.
#[derive(Debug, Clone)]
pub struct PgDatabase {
    pub name: String,
    /// Its URL: `TEST_DATABASE_URL` with the database name replaced (query kept).
    pub url: String,
}

impl PgDatabase {
    /// A fresh database, or `None` and a `SKIPPED: <what> (TEST_DATABASE_URL not set)`
    /// line when no server is configured (a developer without PostgreSQL still runs
    /// every SQLite test).
    pub async fn create(what: &str) -> Option<Self> {
        let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
            eprintln!("SKIPPED: {what} (TEST_DATABASE_URL not set)");
            return None;
        };
        let url = fresh_postgres_database(&admin_url).await;
        let name = url
            .split('?')
            .next()
            .and_then(|u| u.rsplit_once('/'))
            .map(|(_, n)| n.to_owned())
            .unwrap_or_default();
        Some(Self { name, url })
    }

    /// Drops the database, closing whatever connections the test still holds. Call it
    /// only after a pass.
    pub async fn drop_database(self) {
        drop_postgres_database(&self.url).await;
    }
}

/// Creates a uniquely named database on the server of `admin_url`; returns its URL.
pub async fn fresh_postgres_database(admin_url: &str) -> String {
    let name = format!("{PREFIX}{}", uuid::Uuid::now_v7().simple());
    let mut admin = sqlx::PgConnection::connect(admin_url)
        .await
        .expect("connect TEST_DATABASE_URL");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .expect("create test database");
    with_database(admin_url, &name)
}

/// Drops a database made by [`fresh_postgres_database`] (given its URL), closing whatever
/// connections the test's server still holds. Does nothing without `TEST_DATABASE_URL`
/// or for a name without the test prefix, so it can never drop a real database.
pub async fn drop_postgres_database(url: &str) {
    let name = url
        .split('?')
        .next()
        .and_then(|u| u.rsplit_once('/'))
        .map(|(_, n)| n);
    let (Ok(admin_url), Some(name)) = (std::env::var("TEST_DATABASE_URL"), name) else {
        return;
    };
    if !name.starts_with(PREFIX) || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return;
    }
    let mut admin = sqlx::PgConnection::connect(&admin_url)
        .await
        .expect("connect TEST_DATABASE_URL");
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&mut admin)
    .await
    .expect("drop test database");
}

/// `base` with its database name replaced by `name` (query string kept).
pub fn with_database(base: &str, name: &str) -> String {
    let (head, query) = match base.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (base, None),
    };
    let scheme_end = head.find("://").map(|i| i + 3).unwrap_or(0);
    let server = match head[scheme_end..].find('/') {
        Some(i) => &head[..scheme_end + i],
        None => head,
    };
    match query {
        Some(q) => format!("{server}/{name}?{q}"),
        None => format!("{server}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn the_database_name_is_replaced_and_the_query_kept() {
        assert_eq!(
            with_database("postgres://u@h:5432/test", "lk_test_1"),
            "postgres://u@h:5432/lk_test_1"
        );
        assert_eq!(
            with_database("postgres://u@h/test?sslmode=disable", "lk_test_1"),
            "postgres://u@h/lk_test_1?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://u@h:5432", "lk_test_1"),
            "postgres://u@h:5432/lk_test_1"
        );
    }
}
