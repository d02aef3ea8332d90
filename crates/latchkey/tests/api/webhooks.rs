//! Signed webhooks (issue #13, API.md "Webhooks"), end to end: a receiver on loopback
//! (axum, inside the test) checks every POST's signature and shape; the app's webhook
//! worker is drained on demand (`TestApp::drain_webhooks`) and its retries follow the
//! manual clock.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode as AxumStatus};
use axum::routing::post;
use hmac::{Hmac, Mac};
use latchkey::config::WebhookConfig;
use latchkey_flows::model::DeliveryStatus;
use latchkey_testkit::{Backend, TestApp};
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use time::Duration;

const PASSWORD: &str = "correct horse battery";
const SECRET_ALL: &str = "whsec_all_0123456789abcdef";
const SECRET_SESSIONS: &str = "whsec_sessions_0123456789";

/// Tests that need the receiver's port in their config before the app starts, so they
/// take the backend rather than a ready `TestApp` (`both_backends!` builds the app first).
macro_rules! webhook_tests {
    ($($name:ident),* $(,)?) => {
        pub mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                super::$name(latchkey_testkit::Backend::Sqlite).await;
            })*
        }
        pub mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                super::$name(latchkey_testkit::Backend::Postgres).await;
            })*
        }
    };
}

webhook_tests!(
    events_are_signed_and_go_only_to_subscribed_endpoints,
    a_failing_receiver_gets_retries_after_the_backoff,
    nothing_is_lost_across_a_restart,
    a_name_resolving_to_loopback_is_abandoned_outside_dev_mode,
    the_admin_api_shows_the_log_and_sends_a_test_event,
);

/// One POST the receiver got.
#[derive(Debug, Clone)]
struct Received {
    /// The endpoint's path segment (`all`, `sessions`, …).
    endpoint: String,
    signature: String,
    body: String,
}

#[derive(Clone, Default)]
struct Receiver {
    /// Statuses to answer with, in order; 200 once they run out.
    statuses: Arc<Mutex<VecDeque<u16>>>,
    received: Arc<Mutex<Vec<Received>>>,
    base: String,
}

impl Receiver {
    async fn start(statuses: &[u16]) -> Self {
        async fn receive(
            State(rx): State<Receiver>,
            Path(endpoint): Path<String>,
            headers: HeaderMap,
            body: String,
        ) -> AxumStatus {
            let signature = headers
                .get("latchkey-signature")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            rx.received.lock().unwrap().push(Received {
                endpoint,
                signature,
                body,
            });
            let status = rx.statuses.lock().unwrap().pop_front().unwrap_or(200);
            AxumStatus::from_u16(status).unwrap()
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let rx = Receiver {
            statuses: Arc::new(Mutex::new(statuses.iter().copied().collect())),
            base: format!("http://{}", listener.local_addr().unwrap()),
            ..Receiver::default()
        };
        let app = axum::Router::new()
            .route("/hooks/{endpoint}", post(receive))
            .with_state(rx.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        rx
    }

    fn url(&self, endpoint: &str) -> String {
        format!("{}/hooks/{endpoint}", self.base)
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    fn at(&self, endpoint: &str) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|r| r.endpoint == endpoint)
            .collect()
    }
}

fn hook(url: String, secret: &str, events: &[&str]) -> WebhookConfig {
    WebhookConfig {
        url,
        secret: secret.into(),
        events: events.iter().map(|e| (*e).to_owned()).collect(),
    }
}

/// The app with these webhooks (dev mode, as every TestApp); `None` when the backend is
/// not available here.
async fn app_with(backend: Backend, hooks: Vec<WebhookConfig>) -> Option<TestApp> {
    TestApp::spawn_with(backend, move |c| c.webhooks = hooks).await
}

/// Drops the test's PostgreSQL database after a pass, as `both_backends!` does.
async fn done(app: TestApp) {
    if let Some(url) = app.postgres_database.clone() {
        drop(app);
        latchkey_testkit::drop_postgres_database(&url).await;
    }
}

/// What a receiver does: parses `t=…,v1=…`, recomputes HMAC-SHA256(secret, "<t>.<body>")
/// and compares; `t` when it verifies.
fn verified(r: &Received, secret: &str) -> Option<i64> {
    let mut t = None;
    let mut v1 = None;
    for part in r.signature.split(',') {
        match part.split_once('=') {
            Some(("t", value)) => t = Some(value),
            Some(("v1", value)) => v1 = Some(value),
            _ => return None,
        }
    }
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{}.{}", t?, r.body).as_bytes());
    mac.verify_slice(&hex::decode(v1?).ok()?).ok()?;
    t?.parse().ok()
}

fn verify(r: &Received, secret: &str) -> i64 {
    verified(r, secret)
        .unwrap_or_else(|| panic!("the signature of a POST to {} verifies", r.endpoint))
}

fn body(r: &Received) -> Value {
    serde_json::from_str(&r.body).expect("a JSON body")
}

async fn identity_id(app: &TestApp, token: &str) -> String {
    let session: Value = app
        .get_auth("/api/session", token)
        .await
        .json()
        .await
        .unwrap();
    session["identity"]["id"].as_str().unwrap().to_owned()
}

async fn events_are_signed_and_go_only_to_subscribed_endpoints(backend: Backend) {
    let rx = Receiver::start(&[]).await;
    let Some(app) = app_with(
        backend,
        vec![
            hook(rx.url("all"), SECRET_ALL, &["*"]),
            hook(rx.url("sessions"), SECRET_SESSIONS, &["session.created"]),
            hook(rx.url("mfa"), SECRET_ALL, &["mfa.enabled"]),
        ],
    )
    .await
    else {
        return;
    };
    assert_eq!(
        app.state.flows.webhook_endpoints(),
        [rx.url("all"), rx.url("sessions"), rx.url("mfa")]
    );
    let token = app.register("wes@shop.example", PASSWORD).await;
    let identity = identity_id(&app, &token).await;
    let report = app.drain_webhooks().await;
    assert_eq!(report.dispatched, 2, "identity.created and session.created");
    assert_eq!((report.delivered, report.retried), (3, 0));

    let all = rx.at("all");
    let types: Vec<String> = all
        .iter()
        .map(|r| body(r)["type"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        types,
        ["identity.created", "session.created"],
        "oldest first"
    );
    let sessions = rx.at("sessions");
    assert_eq!(sessions.len(), 1, "only the type it subscribed to");
    assert!(rx.at("mfa").is_empty(), "no mfa.enabled happened");

    for r in &all {
        assert_eq!(verify(r, SECRET_ALL), app.now().unix_timestamp());
        let b = body(r);
        let keys: HashSet<&str> = b.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            HashSet::from(["id", "type", "created_at", "identity_id", "data"])
        );
        assert_eq!(b["identity_id"], json!(identity));
        assert!(b["data"].is_object());
        time::OffsetDateTime::parse(
            b["created_at"].as_str().unwrap(),
            &time::format_description::well_known::Rfc3339,
        )
        .expect("created_at is RFC 3339");
    }
    // Each endpoint's own secret; the same event keeps its id and body everywhere.
    verify(&sessions[0], SECRET_SESSIONS);
    let mut wrong = sessions[0].clone();
    wrong.body = wrong.body.replace("session.created", "session.createD");
    assert_eq!(
        verified(&wrong, SECRET_SESSIONS),
        None,
        "a changed body fails"
    );
    assert_eq!(
        verified(&sessions[0], SECRET_ALL),
        None,
        "another secret fails"
    );
    assert_eq!(sessions[0].body, all[1].body);

    // Once delivered, never again; a test event goes to the one endpoint asked for, even
    // one that did not subscribe to it.
    assert_eq!(app.drain_webhooks().await.claimed, 0);
    app.state
        .flows
        .send_test_webhook(&rx.url("mfa"))
        .await
        .unwrap();
    assert_eq!(app.drain_webhooks().await.delivered, 1);
    let test = rx.at("mfa");
    assert_eq!(test.len(), 1);
    verify(&test[0], SECRET_ALL);
    assert_eq!(body(&test[0])["type"], "webhook.test");
    assert_eq!(body(&test[0])["identity_id"], Value::Null);
    assert!(matches!(
        app.state
            .flows
            .send_test_webhook("https://not-configured.example/")
            .await,
        Err(latchkey_flows::FlowError::NotFound)
    ));

    let log = app.state.flows.webhook_deliveries(10).await.unwrap();
    assert_eq!(log.len(), 4);
    assert_eq!(log[0].delivery.event_type, "webhook.test", "newest first");
    for d in &log {
        assert_eq!(d.status, DeliveryStatus::Delivered);
        assert_eq!((d.attempts, d.last_status), (1, Some(200)));
    }
    done(app).await;
}

async fn a_failing_receiver_gets_retries_after_the_backoff(backend: Backend) {
    let rx = Receiver::start(&[500, 500]).await;
    let Some(app) = app_with(
        backend,
        vec![hook(rx.url("flaky"), SECRET_ALL, &["identity.created"])],
    )
    .await
    else {
        return;
    };
    app.register("fay@shop.example", PASSWORD).await;
    let first = app.drain_webhooks().await;
    assert_eq!((first.delivered, first.retried), (0, 1));
    assert_eq!(rx.received().len(), 1);
    assert_eq!(
        app.drain_webhooks().await.claimed,
        0,
        "not retried before its time"
    );

    // The first retry comes within 30 seconds…
    app.advance(Duration::seconds(30));
    assert_eq!(app.drain_webhooks().await.retried, 1);
    assert_eq!(rx.received().len(), 2);
    // …the next after about twice that (at least 54 s: the spread is taken off, never
    // added).
    app.advance(Duration::seconds(50));
    assert_eq!(app.drain_webhooks().await.claimed, 0, "the wait doubled");
    app.advance(Duration::seconds(10));
    assert_eq!(app.drain_webhooks().await.delivered, 1);

    let got = rx.received();
    assert_eq!(got.len(), 3);
    let times: Vec<i64> = got.iter().map(|r| verify(r, SECRET_ALL)).collect();
    assert!(
        times[0] < times[1] && times[1] < times[2],
        "each attempt signs its own time: {times:?}"
    );
    assert!(got.iter().all(|r| r.body == got[0].body), "the same body");
    let log = app.state.flows.webhook_deliveries(10).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].status, DeliveryStatus::Delivered);
    assert_eq!((log[0].attempts, log[0].last_status), (3, Some(200)));
    assert_eq!(log[0].last_error, None);

    // Neither the secret nor a signature reached a log line (the failures were logged).
    let logs = latchkey_testkit::captured_logs();
    assert!(logs.contains("webhook failed; will retry"));
    assert!(!logs.contains(SECRET_ALL));
    for r in &got {
        let v1 = r.signature.split("v1=").nth(1).unwrap();
        assert!(!logs.contains(v1), "a signature in the logs");
    }
    done(app).await;
}

async fn nothing_is_lost_across_a_restart(backend: Backend) {
    // The first two POSTs fail: those deliveries are pending when the app dies.
    let rx = Receiver::start(&[503, 503]).await;
    let Some(app) = app_with(backend, vec![hook(rx.url("all"), SECRET_ALL, &["*"])]).await else {
        return;
    };
    app.register("ray@shop.example", PASSWORD).await;
    assert_eq!(app.drain_webhooks().await.retried, 2);
    // Recorded, never dispatched before the crash.
    let res = app
        .post(
            "/api/sessions",
            json!({"identifier": "ray@shop.example", "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::CREATED);

    let app = app.restart().await;
    app.advance(Duration::minutes(1));
    let report = app.drain_webhooks().await;
    assert_eq!((report.dispatched, report.delivered), (1, 3));
    let mut delivered: HashMap<String, String> = HashMap::new();
    for r in rx.received() {
        verify(&r, SECRET_ALL);
        let b = body(&r);
        delivered.insert(
            b["id"].as_str().unwrap().to_owned(),
            b["type"].as_str().unwrap().to_owned(),
        );
    }
    let mut types: Vec<&str> = delivered.values().map(String::as_str).collect();
    types.sort_unstable();
    assert_eq!(
        types,
        ["identity.created", "session.created", "session.created"],
        "every event, the failed ones again, none twice: {delivered:?}"
    );
    assert_eq!(
        rx.received().len(),
        5,
        "two failed attempts, three deliveries"
    );
    done(app).await;
}

/// Outside dev mode, `https://localhost:…` passes the start (it is a name, not an address)
/// but resolves to loopback at delivery: abandoned, nothing sent.
async fn a_name_resolving_to_loopback_is_abandoned_outside_dev_mode(backend: Backend) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let connections = Arc::new(AtomicUsize::new(0));
    let counted = connections.clone();
    tokio::spawn(async move {
        while listener.accept().await.is_ok() {
            counted.fetch_add(1, Ordering::SeqCst);
        }
    });
    let url = format!("https://localhost:{port}/hook");
    let hooks = vec![hook(url.clone(), SECRET_ALL, &["*"])];
    let Some(app) = TestApp::spawn_with(backend, move |c| {
        c.dev = false;
        c.smtp_url = Some("smtp://127.0.0.1:1".into());
        c.secret_key = Some("k".repeat(40).into());
        c.webhooks = hooks;
    })
    .await
    else {
        return;
    };
    app.state.flows.send_test_webhook(&url).await.unwrap();
    let report = app.drain_webhooks().await;
    assert_eq!((report.abandoned, report.delivered), (1, 0));
    assert_eq!(connections.load(Ordering::SeqCst), 0, "nothing was sent");
    let log = app.state.flows.webhook_deliveries(10).await.unwrap();
    assert_eq!(log[0].status, DeliveryStatus::Abandoned);
    let reason = log[0].last_error.as_deref().unwrap();
    assert!(
        reason.contains("refused") && reason.contains("localhost"),
        "{reason}"
    );
    assert_eq!(app.drain_webhooks().await.claimed, 0, "not retried");
    done(app).await;
}

/// Outside dev mode, a webhook to a private or loopback address, or over plain http, stops
/// the start.
#[tokio::test]
async fn private_or_plain_http_webhook_urls_are_refused_at_start() {
    for (url, says) in [
        ("https://127.0.0.1:8443/hook", "private"),
        ("https://10.0.0.7/hook", "private"),
        ("https://[::1]/hook", "private"),
        ("https://169.254.169.254/latest", "private"),
        ("http://shop.example/hook", "https"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut config = latchkey_testkit::test_config(format!(
            "sqlite://{}",
            dir.path().join("lk.db").display()
        ));
        config.dev = false;
        config.smtp_url = Some("smtp://127.0.0.1:1".into());
        config.secret_key = Some("k".repeat(40).into());
        config.webhooks = vec![hook(url.into(), SECRET_ALL, &["*"])];
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let built = latchkey::Application::with_listener(
            config,
            listener,
            Arc::new(latchkey_testkit::ManualClock::default()),
        )
        .await;
        let error = format!("{:#}", built.err().expect("refused at start"));
        assert!(
            error.contains("[[webhooks]] #1") && error.contains(says),
            "{url}: {error}"
        );
    }
}

/// `GET /admin/api/webhooks` (the log, for agents too) and `POST /admin/api/webhooks/test`
/// (admins only): the console's "send test event" goes through the same deliveries.
async fn the_admin_api_shows_the_log_and_sends_a_test_event(backend: Backend) {
    const ADMIN: &str = "webhook-test-admin-token-0123456789";
    let rx = Receiver::start(&[]).await;
    let hooks = vec![hook(rx.url("all"), SECRET_ALL, &["*"])];
    let Some(app) = TestApp::spawn_with(backend, move |c| {
        c.webhooks = hooks;
        c.admin_token = Some(ADMIN.to_owned().into());
    })
    .await
    else {
        return;
    };
    let agent = app
        .state
        .flows
        .admin()
        .create_key(None, "desk", latchkey_flows::AdminRole::Agent)
        .await
        .unwrap()
        .key;
    let test = |key: &str, url: String| {
        app.client
            .post(app.url("/admin/api/webhooks/test"))
            .bearer_auth(key)
            .json(&json!({"url": url}))
            .send()
    };
    assert_eq!(test(&agent, rx.url("all")).await.unwrap().status(), 403);
    assert_eq!(
        test(ADMIN, "https://elsewhere.example/".into())
            .await
            .unwrap()
            .status(),
        404,
        "only a configured endpoint"
    );
    assert_eq!(test(ADMIN, rx.url("all")).await.unwrap().status(), 202);
    app.drain_webhooks().await;
    assert_eq!(body(&rx.at("all")[0])["type"], "webhook.test");
    let log: Value = app
        .client
        .get(app.url("/admin/api/webhooks"))
        .bearer_auth(&agent)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(log["endpoints"], json!([rx.url("all")]));
    let first = &log["deliveries"][0];
    assert_eq!(first["event_type"], "webhook.test");
    assert_eq!(first["status"], "delivered");
    assert_eq!(first["attempts"], 1);
    assert!(!log.to_string().contains(SECRET_ALL));
    done(app).await;
}
