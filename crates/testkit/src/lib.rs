//! What the integration tests of every crate share: [`TestApp`] (the whole application on
//! port 0 with a fresh database and a clock the test moves), the one fresh-PostgreSQL
//! helper, the manual clock, delivering the courier's due messages on demand, the
//! last-byte race harness and the captured logs.
//!
//! A dev-dependency only: nothing here is built into the binary.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

pub mod app;
pub mod clock;
pub mod courier;
pub mod logs;
pub mod mmdb;
pub mod oidc;
pub mod passkey;
pub mod postgres;
pub mod race;
pub mod store;

pub use app::{
    Backend, PASSKEY_PUBLIC_URL, TestApp, csrf_of, error_code, passkey_config, start_of_hour,
    test_config,
};
pub use clock::{ManualClock, whole_millis_clock};
pub use courier::{drain_courier, extract_code};
pub use logs::captured_logs;
pub use oidc::{OidcPeer, PeerAccount, PeerCallback, PeerClient, PeerConfig};
pub use passkey::SoftPasskey;
pub use postgres::{PgDatabase, drop_postgres_database, fresh_postgres_database};
pub use store::{TestStore, sqlite_store};
