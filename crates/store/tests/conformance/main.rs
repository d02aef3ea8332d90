//! The store conformance suite: every behaviour of [`Store`] checked against every
//! backend. SQLite always runs (a fresh temp-file database per test, so concurrency is
//! real: several connections, WAL, busy waits). PostgreSQL runs when `TEST_DATABASE_URL`
//! is set; each test gets its own `lk_test_<uuid>` database, dropped afterwards.
//!
//! One file per capability of the store (`identities.rs`, `outbox.rs`, …), the backend
//! setup and the shared fixtures in `common.rs`. Each behaviour is one
//! `async fn(DynStore)`; `conformance!` generates the `<file>::sqlite::<name>` and
//! `<file>::postgres::<name>` tests that call it.
//!
//! [`Store`]: latchkey_store::Store

macro_rules! conformance {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    super::run_sqlite(super::$name).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    super::run_postgres(super::$name).await;
                }
            )*
        }
    };
}

mod common;

mod admin;
mod backends;
mod contacts;
mod credentials;
mod events;
mod factors;
mod flow_states;
mod identities;
mod imports;
mod lockouts;
mod mailbox;
mod outbox;
mod sessions;
mod tokens;
mod webhooks;
