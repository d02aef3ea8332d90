//! `TestApp`: one application per test, with its own database, clock, client and
//! courier. The application runs on port 0 without a background courier worker; the
//! mailbox helpers deliver every due message first ([`TestApp::drain_courier`]) and then
//! read the dev mailbox once.

use crate::clock::ManualClock;
use crate::postgres::fresh_postgres_database;
use latchkey::Application;
use latchkey::config::Config;
use latchkey_courier::{Courier, DrainReport};
use latchkey_courier::{WebhookReport, WebhookWorker};
use latchkey_domain::Clock;
use latchkey_store::DynStore;
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};
use std::sync::Arc;
use time::Duration as TimeDuration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Generates `sqlite::<name>` and `postgres::<name>` tests from one `async fn(TestApp)`.
#[macro_export]
macro_rules! both_backends {
    // `both_backends!(with = path::to::customize; a, b)`: each app's config goes through
    // `customize(&mut Config)` first (see [`passkey_config`]).
    (with = $customize:path; $($name:ident),* $(,)?) => {
        pub mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                if let Some(app) = $crate::TestApp::spawn_with($crate::Backend::Sqlite, $customize).await {
                    super::$name(app).await;
                }
            })*
        }
        pub mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                if let Some(app) = $crate::TestApp::spawn_with($crate::Backend::Postgres, $customize).await {
                    let database = app.postgres_database.clone();
                    super::$name(app).await;
                    if let Some(url) = database {
                        $crate::drop_postgres_database(&url).await;
                    }
                }
            })*
        }
    };
    ($($name:ident),* $(,)?) => {
        pub mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                if let Some(app) = $crate::TestApp::spawn($crate::Backend::Sqlite).await {
                    super::$name(app).await;
                }
            })*
        }
        pub mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                if let Some(app) = $crate::TestApp::spawn($crate::Backend::Postgres).await {
                    let database = app.postgres_database.clone();
                    super::$name(app).await;
                    // Only after a pass: a failed test leaves its database to look at
                    // (scripts/test sweeps leftovers).
                    if let Some(url) = database {
                        $crate::drop_postgres_database(&url).await;
                    }
                }
            })*
        }
    };
}

pub struct TestApp {
    pub address: String,
    /// The metrics listener (`http://127.0.0.1:port`), apart from the public one.
    pub metrics_address: Option<String>,
    pub client: reqwest::Client,
    pub clock: ManualClock,
    /// The URL of this test's own PostgreSQL database, if it has one.
    pub postgres_database: Option<String>,
    /// The application's database URL (SQLite or PostgreSQL).
    pub database_url: String,
    /// The application's own store, for what no API does (an account shaped by hand).
    pub store: DynStore,
    /// The application's flows, for what `latchkey serve` runs by itself (the periodic
    /// erasure of deleted accounts: [`TestApp::erase_due_accounts`]).
    pub state: latchkey::web::AppState,
    /// `LATCHKEY_PUBLIC_URL`'s origin: the only origin WebAuthn ceremonies accept.
    pub origin: String,
    /// The application's courier, taken out of it so the test decides when it delivers.
    courier: Courier,
    /// One drain at a time: a second reader must not find the outbox empty while the
    /// first is still handing its message to the mailbox.
    draining: tokio::sync::Mutex<()>,
    /// The application's webhook worker, taken out of it like the courier
    /// ([`TestApp::drain_webhooks`]).
    webhooks: WebhookWorker,
    /// The config it was built from, for [`TestApp::restart`].
    config: Config,
    /// The running application, aborted by [`TestApp::restart`].
    running: tokio::task::JoinHandle<()>,
    _dir: Option<tempfile::TempDir>,
}

/// `t` moved back to the start of its hour.
pub fn start_of_hour(t: time::OffsetDateTime) -> time::OffsetDateTime {
    let into = t.unix_timestamp().rem_euclid(3600);
    t - TimeDuration::seconds(into) - TimeDuration::nanoseconds(i64::from(t.nanosecond()))
}

/// The public URL [`passkey_config`] gives: a host name, since a relying party cannot be
/// an IP address (with `127.0.0.1`, passkeys are off).
pub const PASSKEY_PUBLIC_URL: &str = "http://localhost:8080";

/// A config customizer for tests that run WebAuthn ceremonies
/// (`both_backends!(with = latchkey_testkit::passkey_config; …)`): the public URL is
/// [`PASSKEY_PUBLIC_URL`]; requests still go to the port-0 listener.
pub fn passkey_config(config: &mut Config) {
    config.public_url = PASSKEY_PUBLIC_URL.into();
}

pub fn test_config(database_url: String) -> Config {
    let mut config = Config::load(None, true).expect("dev config");
    config.database_url = database_url;
    config.bind = "127.0.0.1:0".parse().unwrap();
    config.metrics_bind = "127.0.0.1:0".into();
    config.sender_name = "Test Shop".into();
    config
}

impl TestApp {
    /// `None` (and a SKIPPED line) when the backend is not available here.
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        Self::spawn_with(backend, |_| {}).await
    }

    pub async fn spawn_with(
        backend: Backend,
        customize: impl FnOnce(&mut Config),
    ) -> Option<TestApp> {
        crate::logs::init_logs();
        let (url, dir) = match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                (
                    format!("sqlite://{}", dir.path().join("lk.db").display()),
                    Some(dir),
                )
            }
            Backend::Postgres => {
                let Ok(admin) = std::env::var("TEST_DATABASE_URL") else {
                    eprintln!("SKIPPED: PostgreSQL API suite (TEST_DATABASE_URL not set)");
                    return None;
                };
                (fresh_postgres_database(&admin).await, None)
            }
        };
        let postgres_database = matches!(backend, Backend::Postgres).then(|| url.clone());
        let database_url = url.clone();
        let mut config = test_config(url);
        customize(&mut config);
        let origin = url::Url::parse(&config.public_url)
            .map(|u| u.origin().ascii_serialization())
            .unwrap_or_default();
        // The limits count in fixed windows aligned to the epoch (an hour, ten minutes):
        // a test that starts at 11:58 and moves its clock five minutes would cross into a
        // fresh window and see its limit "fail". Starting each test at the top of an hour
        // gives it an hour of clock time before any window boundary.
        let clock = ManualClock::new(start_of_hour(time::OffsetDateTime::now_utc()));
        Some(Self::start(config, clock, postgres_database, database_url, origin, dir).await)
    }

    /// The application started again on the same database, config and clock, after the
    /// running one is stopped dead (its task aborted, as a crash would): what a restart
    /// finds is only what the database kept.
    pub async fn restart(self) -> TestApp {
        self.running.abort();
        let _ = self.running.await;
        Self::start(
            self.config,
            self.clock,
            self.postgres_database,
            self.database_url,
            self.origin,
            self._dir,
        )
        .await
    }

    async fn start(
        config: Config,
        clock: ManualClock,
        postgres_database: Option<String>,
        database_url: String,
        origin: String,
        dir: Option<tempfile::TempDir>,
    ) -> TestApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let mut app = Application::with_listener(config.clone(), listener, Arc::new(clock.clone()))
            .await
            .expect("application builds");
        let courier = app
            .take_courier()
            .expect("a fresh application has its courier");
        let webhooks = app
            .take_webhooks()
            .expect("a fresh application has its webhook worker");
        let address = format!("http://{}", app.local_addr().unwrap());
        let store = app.state.flows.store().clone();
        let state = app.state.clone();
        let metrics_address = app.metrics_addr().map(|a| format!("http://{a}"));
        let running = tokio::spawn(async move {
            let _ = app.run(std::future::pending()).await;
        });
        TestApp {
            address,
            metrics_address,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            clock,
            postgres_database,
            database_url,
            store,
            state,
            origin,
            courier,
            draining: tokio::sync::Mutex::new(()),
            webhooks,
            config,
            running,
            _dir: dir,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn post(&self, path: &str, body: Value) -> Response {
        self.client
            .post(self.url(path))
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn post_auth(&self, path: &str, token: &str, body: Value) -> Response {
        self.client
            .post(self.url(path))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    /// Runs one SQL statement on the application's database, for a state no API makes
    /// (test code only; the statement must suit both backends).
    pub async fn execute_sql(&self, sql: &str) {
        use sqlx::Connection;
        if self.database_url.starts_with("sqlite") {
            let mut c = sqlx::SqliteConnection::connect(&self.database_url)
                .await
                .unwrap();
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
                .execute(&mut c)
                .await
                .unwrap();
        } else {
            let mut c = sqlx::PgConnection::connect(&self.database_url)
                .await
                .unwrap();
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
                .execute(&mut c)
                .await
                .unwrap();
        }
    }

    pub async fn get_auth(&self, path: &str, token: &str) -> Response {
        self.client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    pub async fn delete_auth(&self, path: &str, token: &str) -> Response {
        self.client
            .delete(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    /// Delivers every message due by the test's clock, through the application's own
    /// transports (the dev mailbox, or SMTP / the SMS webhook when configured), and
    /// returns once nothing is due.
    pub async fn drain_courier(&self) -> DrainReport {
        let _one_at_a_time = self.draining.lock().await;
        crate::courier::drain_courier(&self.courier).await
    }

    /// What the webhook worker does by itself: dispatches every recorded event into its
    /// deliveries, then POSTs every delivery due by the test's clock, until nothing is due.
    pub async fn drain_webhooks(&self) -> WebhookReport {
        let mut total = WebhookReport::default();
        loop {
            let r = self
                .webhooks
                .drain()
                .await
                .expect("the webhook worker reads the store");
            if r.dispatched == 0 && r.claimed == 0 {
                return total;
            }
            total.dispatched += r.dispatched;
            total.claimed += r.claimed;
            total.delivered += r.delivered;
            total.retried += r.retried;
            total.abandoned += r.abandoned;
        }
    }

    /// Messages the dev mailbox holds for `to`, newest first, once every due message
    /// has been delivered.
    pub async fn mailbox(&self, to: &str) -> Vec<Value> {
        self.drain_courier().await;
        self.client
            .get(self.url(&format!(
                "/dev/mailbox.json?to={}",
                url::form_urlencoded::byte_serialize(to.as_bytes()).collect::<String>()
            )))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// The messages to `to` (at least `count` of them), newest first.
    pub async fn wait_for_messages(&self, to: &str, count: usize) -> Vec<Value> {
        let list = self.mailbox(to).await;
        assert!(
            list.len() >= count,
            "{} message(s) for {to}, expected at least {count}",
            list.len()
        );
        list
    }

    /// The code in the newest of `count` messages to `to`.
    pub async fn code_for(&self, to: &str, count: usize) -> String {
        let list = self.wait_for_messages(to, count).await;
        crate::extract_code(list[0]["text"].as_str().unwrap())
            .expect("a 6-digit code in the message")
    }

    /// The messages to `to` whose text contains `needle`, newest first.
    pub async fn messages_with(&self, to: &str, needle: &str) -> Vec<Value> {
        self.mailbox(to)
            .await
            .into_iter()
            .filter(|m| m["text"].as_str().is_some_and(|t| t.contains(needle)))
            .collect()
    }

    pub async fn count_with(&self, to: &str, needle: &str) -> usize {
        self.messages_with(to, needle).await.len()
    }

    /// The newest of at least `n` messages to `to` containing `needle`.
    pub async fn nth_message(&self, to: &str, needle: &str, n: usize) -> Value {
        let mut list = self.messages_with(to, needle).await;
        assert!(
            list.len() >= n,
            "{} message(s) to {to} containing {needle:?}, expected at least {n}",
            list.len()
        );
        list.swap_remove(0)
    }

    /// The newest message to `to` containing `needle`.
    pub async fn message_with(&self, to: &str, needle: &str) -> Value {
        self.nth_message(to, needle, 1).await
    }

    /// The code in the newest of at least `n` messages to `to` containing `needle`.
    pub async fn nth_code(&self, to: &str, needle: &str, n: usize) -> String {
        let m = self.nth_message(to, needle, n).await;
        crate::extract_code(m["text"].as_str().unwrap()).expect("a 6-digit code in the message")
    }

    /// Registers and verifies an account; returns its session token.
    pub async fn register(&self, email: &str, password: &str) -> String {
        self.register_with(json!({"email": email, "password": password}), email)
            .await
    }

    /// Registers with `body`, enters the code sent to `code_to`; returns the session token.
    pub async fn register_with(&self, body: Value, code_to: &str) -> String {
        let res = self.post("/api/registrations", body).await;
        assert_eq!(res.status(), StatusCode::ACCEPTED);
        let flow = res.json::<Value>().await.unwrap()["flow_id"]
            .as_str()
            .unwrap()
            .to_owned();
        let code = self.code_for(code_to, 1).await;
        let res = self
            .post(
                &format!("/api/registrations/{flow}/code"),
                json!({"code": code}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        res.json::<Value>().await.unwrap()["session_token"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// An account with a verified email and a verified phone (the phone verified through
    /// `POST /api/verification`).
    pub async fn register_with_phone(&self, email: &str, phone: &str, password: &str) {
        self.register_with(
            json!({"email": email, "phone": phone, "password": password}),
            email,
        )
        .await;
        let res = self
            .post("/api/verification", json!({"identifier": phone}))
            .await;
        let flow = res.json::<Value>().await.unwrap()["flow_id"]
            .as_str()
            .unwrap()
            .to_owned();
        let code = self.code_for(phone, 1).await;
        let res = self
            .post(
                &format!("/api/verification/{flow}/code"),
                json!({"code": code}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT);
    }

    /// The CSRF token of the `/unlock?token=…` page's form (also its cookie's value).
    pub async fn unlock_form_csrf(&self, token: &str) -> String {
        let html = self
            .client
            .get(self.url(&format!("/unlock?token={token}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        csrf_of(&html)
    }

    /// What `latchkey serve` does every 10 minutes: erases the accounts whose deletion is
    /// due at the test's clock; returns how many.
    pub async fn erase_due_accounts(&self) -> u64 {
        self.state
            .flows
            .erase_due_accounts()
            .await
            .expect("erase due accounts")
    }

    pub fn advance(&self, by: TimeDuration) {
        self.clock.advance(by);
    }

    /// The application's time (the manual clock's).
    pub fn now(&self) -> time::OffsetDateTime {
        self.clock.now()
    }
}

/// The value of a page's hidden `csrf` field.
pub fn csrf_of(html: &str) -> String {
    html.split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a csrf field")
        .to_owned()
}

pub async fn error_code(res: Response) -> (StatusCode, String, Value) {
    let status = res.status();
    let body: Value = res.json().await.expect("an error envelope in JSON");
    let code = body["error"]["code"]
        .as_str()
        .expect("error.code")
        .to_owned();
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "error.message"
    );
    (status, code, body)
}
