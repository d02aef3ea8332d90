//! `GET /metrics`: Prometheus text with request, sign-in, registration, code-flow and
//! courier counters, on a listener of its own, and nothing that identifies a person or
//! tells whether an identifier has an account.

use latchkey_testkit::{Backend, TestApp};
use reqwest::StatusCode;
use serde_json::json;

async fn scrape(app: &TestApp) -> String {
    let metrics = app.metrics_address.as_deref().expect("a metrics listener");
    let res = app
        .client
        .get(format!("{metrics}/metrics"))
        .send()
        .await
        .expect("scrape");
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .expect("content type")
            .starts_with("text/plain")
    );
    res.text().await.expect("metrics text")
}

/// The value of the sample whose line starts with `series` (name and labels as
/// rendered), 0 when absent. The recorder is process-wide and other tests run
/// alongside, so tests compare before and after instead of expecting exact values.
fn value(page: &str, series: &str) -> f64 {
    page.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.rsplit_once(' '))
        .filter(|(name, _)| *name == series)
        .map(|(_, v)| v.parse::<f64>().expect("a sample value"))
        .sum()
}

/// Lines of series whose labels contain all of `parts`.
fn sum_matching(page: &str, name: &str, parts: &[&str]) -> f64 {
    page.lines()
        .filter(|l| l.starts_with(name) && !l.starts_with('#'))
        .filter(|l| parts.iter().all(|p| l.contains(p)))
        .filter_map(|l| l.rsplit_once(' '))
        .map(|(_, v)| v.parse::<f64>().expect("a sample value"))
        .sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_and_registration_show_in_the_counters() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let before = scrape(&app).await;

    app.register("metrics@shop.example", "correct horse battery")
        .await;
    let ok = app
        .post(
            "/api/sessions",
            json!({"identifier": "metrics@shop.example", "password": "correct horse battery"}),
        )
        .await;
    assert_eq!(ok.status(), StatusCode::CREATED);
    let wrong = app
        .post(
            "/api/sessions",
            json!({"identifier": "metrics@shop.example", "password": "wrong horse battery"}),
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    // The welcome message is delivered by the courier.
    app.wait_for_messages("metrics@shop.example", 2).await;

    let after = scrape(&app).await;
    let grew = |name: &str, parts: &[&str], by: f64| {
        let delta = sum_matching(&after, name, parts) - sum_matching(&before, name, parts);
        assert!(
            delta >= by,
            "{name}{parts:?} grew by {delta}, expected at least {by}\n{after}"
        );
    };
    grew(
        "latchkey_sign_ins_total",
        &[r#"method="password""#, r#"outcome="success""#],
        1.0,
    );
    grew(
        "latchkey_sign_ins_total",
        &[r#"method="password""#, r#"outcome="invalid_credentials""#],
        1.0,
    );
    grew("latchkey_registrations_started_total", &[], 1.0);
    grew("latchkey_registrations_completed_total", &[], 1.0);
    grew(
        "latchkey_code_flows_opened_total",
        &[r#"channel="email""#, r#"flow="registration""#],
        1.0,
    );
    grew(
        "latchkey_courier_deliveries_total",
        &[r#"channel="email""#, r#"outcome="sent""#],
        2.0,
    );
    grew(
        "latchkey_http_requests_total",
        &[
            r#"route="/api/sessions""#,
            r#"method="POST""#,
            r#"status="201""#,
        ],
        1.0,
    );
    grew(
        "latchkey_http_requests_total",
        &[r#"route="/api/registrations/{flow_id}/code""#],
        1.0,
    );
    grew(
        "latchkey_http_request_duration_seconds_count",
        &[r#"route="/api/sessions""#],
        2.0,
    );
    assert!(after.contains("# TYPE latchkey_http_request_duration_seconds histogram"));
    assert!(after.contains("latchkey_outbox_pending"));
    assert!(value(&after, "latchkey_outbox_pending") >= 0.0);

    // Route templates only: no address, flow id, token or IP in any label.
    assert!(!after.contains("metrics@shop.example"));
    assert!(!after.contains("127.0.0.1"));
    for line in after
        .lines()
        .filter(|l| l.contains(r#"route="/api/registrations/"#))
    {
        assert!(line.contains("{flow_id}"), "a raw path in a label: {line}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_paths_share_one_label() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    for n in 0..3 {
        app.client
            .get(app.url(&format!("/api/no-such-thing-{n}")))
            .send()
            .await
            .unwrap();
    }
    let page = scrape(&app).await;
    assert!(!page.contains("no-such-thing"), "{page}");
    assert!(
        sum_matching(
            &page,
            "latchkey_http_requests_total",
            &[r#"route="unmatched""#]
        ) >= 3.0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_listener_does_not_serve_metrics() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let res = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let body = res.text().await.unwrap();
    assert!(!body.contains("latchkey_"), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_can_be_switched_off() {
    let app = TestApp::spawn_with(Backend::Sqlite, |c| c.metrics_bind = "off".into())
        .await
        .unwrap();
    assert!(app.metrics_address.is_none());
    let res = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

/// Every series labelled `flow="login_code"`: what a scraper would watch to learn
/// whether the identifier it just tried has an account.
fn login_code_series(page: &str) -> std::collections::BTreeMap<String, f64> {
    page.lines()
        .filter(|l| !l.starts_with('#') && l.contains(r#"flow="login_code""#))
        .filter_map(|l| l.rsplit_once(' '))
        .map(|(series, v)| (series.to_owned(), v.parse().expect("a sample value")))
        .collect()
}

fn grown(
    before: &std::collections::BTreeMap<String, f64>,
    after: &std::collections::BTreeMap<String, f64>,
) -> std::collections::BTreeMap<String, f64> {
    after
        .iter()
        .map(|(k, v)| (k.clone(), v - before.get(k).copied().unwrap_or(0.0)))
        .filter(|(_, d)| *d != 0.0)
        .collect()
}

async fn login_code_then_resend(app: &TestApp, identifier: &str) {
    let res = app
        .post("/api/login-codes", json!({"identifier": identifier}))
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let flow = res.json::<serde_json::Value>().await.unwrap()["flow_id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.advance(time::Duration::seconds(61));
    let res = app
        .post(&format!("/api/login-codes/{flow}/resend"), json!({}))
        .await;
    assert!(res.status().is_success(), "{}", res.status());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_counters_grow_alike_for_known_and_unknown_identifiers() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    app.register("known-metrics@shop.example", "correct horse battery")
        .await;

    let p0 = login_code_series(&scrape(&app).await);
    login_code_then_resend(&app, "nobody-metrics@shop.example").await;
    let p1 = login_code_series(&scrape(&app).await);
    login_code_then_resend(&app, "known-metrics@shop.example").await;
    let page = scrape(&app).await;
    let p2 = login_code_series(&page);

    let unknown = grown(&p0, &p1);
    let known = grown(&p1, &p2);
    assert!(
        unknown
            .keys()
            .any(|k| k.starts_with("latchkey_code_flows_opened_total")),
        "flows opened for unknown identifiers count too: {unknown:?}"
    );
    assert!(
        unknown
            .keys()
            .any(|k| k.starts_with("latchkey_code_resends_total")),
        "{unknown:?}"
    );
    assert_eq!(known, unknown, "the counters tell known from unknown");
    assert!(!page.contains("latchkey_codes_sent_total"), "{page}");
}
