//! `TestApp`: one application per test, with its own database, clock and client.

use latchkey::Application;
use latchkey::config::Config;
use latchkey_domain::ManualClock;
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};
use sqlx::Connection;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use time::Duration as TimeDuration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Generates `sqlite_<name>` and `postgres_<name>` tests from one `async fn(TestApp)`.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        pub mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                if let Some(app) = $crate::helpers::TestApp::spawn($crate::helpers::Backend::Sqlite).await {
                    super::$name(app).await;
                }
            })*
        }
        pub mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                if let Some(app) = $crate::helpers::TestApp::spawn($crate::helpers::Backend::Postgres).await {
                    let database = app.postgres_database.clone();
                    super::$name(app).await;
                    // Only after a pass: a failed test leaves its database to look at
                    // (scripts/test sweeps leftovers).
                    if let Some(url) = database {
                        $crate::helpers::drop_postgres_database(&url).await;
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
    _dir: Option<tempfile::TempDir>,
}

/// Every log line of this test binary, so a test can prove a secret never reached it.
pub fn captured_logs() -> String {
    String::from_utf8_lossy(&LOGS.get_or_init(Default::default).lock().unwrap()).into_owned()
}

static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();

#[derive(Clone)]
struct LogWriter(Arc<Mutex<Vec<u8>>>);

impl Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn init_logs() {
    static INIT: OnceLock<()> = OnceLock::new();
    INIT.get_or_init(|| {
        let buf = LOGS.get_or_init(Default::default).clone();
        let _ = tracing_subscriber::fmt()
            .with_env_filter("debug,hyper=info,h2=info,rustls=info")
            .with_ansi(false)
            .with_writer(move || LogWriter(buf.clone()))
            .try_init();
    });
}

/// `t` moved back to the start of its hour.
pub fn start_of_hour(t: time::OffsetDateTime) -> time::OffsetDateTime {
    let into = t.unix_timestamp().rem_euclid(3600);
    t - TimeDuration::seconds(into) - TimeDuration::nanoseconds(i64::from(t.nanosecond()))
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
        init_logs();
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
        let mut config = test_config(url);
        customize(&mut config);
        // The limits count in fixed windows aligned to the epoch (an hour, ten minutes):
        // a test that starts at 11:58 and moves its clock five minutes would cross into a
        // fresh window and see its limit "fail". Starting each test at the top of an hour
        // gives it an hour of clock time before any window boundary.
        let clock = ManualClock::new(start_of_hour(time::OffsetDateTime::now_utc()));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let app = Application::with_listener(config, listener, Arc::new(clock.clone()))
            .await
            .expect("application builds");
        let address = format!("http://{}", app.local_addr().unwrap());
        let metrics_address = app.metrics_addr().map(|a| format!("http://{a}"));
        tokio::spawn(app.run(std::future::pending()));
        Some(TestApp {
            address,
            metrics_address,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            clock,
            postgres_database,
            _dir: dir,
        })
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

    /// Messages the dev mailbox holds for `to`, newest first.
    pub async fn mailbox(&self, to: &str) -> Vec<Value> {
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

    /// Waits until `to` has at least `count` messages and returns them, newest first.
    pub async fn wait_for_messages(&self, to: &str, count: usize) -> Vec<Value> {
        for _ in 0..200 {
            let list = self.mailbox(to).await;
            if list.len() >= count {
                return list;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("no {count} message(s) for {to} within 5 s");
    }

    /// The code in the newest of `count` messages to `to`.
    pub async fn code_for(&self, to: &str, count: usize) -> String {
        let list = self.wait_for_messages(to, count).await;
        extract_code(list[0]["text"].as_str().unwrap()).expect("a 6-digit code in the message")
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

    /// The newest of at least `n` messages to `to` containing `needle`, waiting up to 5 s.
    pub async fn nth_message(&self, to: &str, needle: &str, n: usize) -> Value {
        for _ in 0..200 {
            let mut list = self.messages_with(to, needle).await;
            if list.len() >= n {
                return list.swap_remove(0);
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("no {n} message(s) to {to} containing {needle:?} within 5 s");
    }

    /// The newest message to `to` containing `needle`, waiting up to 5 s.
    pub async fn message_with(&self, to: &str, needle: &str) -> Value {
        self.nth_message(to, needle, 1).await
    }

    /// The code in the newest of at least `n` messages to `to` containing `needle`.
    pub async fn nth_code(&self, to: &str, needle: &str, n: usize) -> String {
        let m = self.nth_message(to, needle, n).await;
        extract_code(m["text"].as_str().unwrap()).expect("a 6-digit code in the message")
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
        crate::pages::csrf_of(&html)
    }

    pub fn advance(&self, by: TimeDuration) {
        self.clock.advance(by);
    }
}

/// The 6-digit code in a message: a word of exactly six digits (punctuation around it
/// aside), so digits inside a link's token cannot be taken for it; failing that (a
/// language that writes no space before the code), the first run of exactly six digits.
pub fn extract_code(text: &str) -> Option<String> {
    let six = |w: &str| w.len() == 6 && w.bytes().all(|b| b.is_ascii_digit());
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| c.is_ascii_punctuation()))
        .find(|w| six(w))
        .or_else(|| text.split(|c: char| !c.is_ascii_digit()).find(|w| six(w)))
        .map(str::to_owned)
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

pub async fn fresh_postgres_database(admin_url: &str) -> String {
    let name = format!("lk_test_{}", uuid::Uuid::now_v7().simple());
    let mut admin = sqlx::PgConnection::connect(admin_url)
        .await
        .expect("connect TEST_DATABASE_URL");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .expect("create test database");
    match admin_url.rsplit_once('/') {
        Some((base, _)) => format!("{base}/{name}"),
        None => format!("{admin_url}/{name}"),
    }
}

/// Drops a database made by [`fresh_postgres_database`] (given its URL), closing whatever
/// connections the test's server still holds.
pub async fn drop_postgres_database(url: &str) {
    let (Ok(admin_url), Some((_, name))) =
        (std::env::var("TEST_DATABASE_URL"), url.rsplit_once('/'))
    else {
        return;
    };
    if !name.starts_with("lk_test_") {
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
