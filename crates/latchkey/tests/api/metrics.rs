//! `GET /metrics`: Prometheus text with request, sign-in, registration, code and courier
//! counters, and nothing that identifies a person.

use crate::helpers::{Backend, TestApp};
use reqwest::StatusCode;
use serde_json::json;

async fn scrape(app: &TestApp) -> String {
    let res = app
        .client
        .get(app.url("/metrics"))
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
        "latchkey_codes_sent_total",
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
