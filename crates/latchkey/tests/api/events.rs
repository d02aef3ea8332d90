//! The account's security activity (`GET /api/account/events`, issue #12): every change
//! and sign-in leaves an event with its type (the names API.md fixes), time, address and
//! device, and nothing secret.

use latchkey_testkit::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};

const PASSWORD: &str = "correct horse battery";
const EMAIL: &str = "eve@shop.example";

latchkey_testkit::both_backends!(
    sign_ins_failures_and_changes_are_recorded,
    a_factor_notice_carries_a_working_this_wasnt_me_link,
);

async fn events(app: &TestApp, token: &str) -> Vec<Value> {
    let res = app.get_auth("/api/account/events", token).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json::<Value>().await.unwrap()["events"]
        .as_array()
        .unwrap()
        .clone()
}

fn types(events: &[Value]) -> Vec<&str> {
    events.iter().map(|e| e["type"].as_str().unwrap()).collect()
}

/// Waits for the events recorded off the answer's path (a wrong password's).
async fn events_until(app: &TestApp, token: &str, kind: &str) -> Vec<Value> {
    for _ in 0..50 {
        let list = events(app, token).await;
        if types(&list).contains(&kind) {
            return list;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("no {kind} event");
}

async fn sign_ins_failures_and_changes_are_recorded(app: TestApp) {
    let token = app.register(EMAIL, PASSWORD).await;
    let list = events(&app, &token).await;
    assert_eq!(types(&list), vec!["session.created", "identity.created"]);
    let res = app.get_auth("/api/account/events", "not-a-token").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    // A wrong password, from a browser.
    let res = app
        .client
        .post(app.url("/api/sessions"))
        .header(
            "user-agent",
            "Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0",
        )
        .json(&json!({"identifier": EMAIL, "password": "wrong horse battery"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let list = events_until(&app, &token, "signin.failed").await;
    let failed = &list[0];
    assert_eq!(failed["type"], "signin.failed");
    assert_eq!(failed["device"], "Firefox · Android");
    assert_eq!(failed["data"]["method"], "password");
    assert!(failed["at"].as_str().unwrap().ends_with('Z'));

    // A right one, then a password change.
    let res = app
        .post(
            "/api/sessions",
            json!({"identifier": EMAIL, "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let res = app
        .client
        .put(app.url("/api/account/password"))
        .bearer_auth(&token)
        .json(&json!({"current_password": PASSWORD, "new_password": "a brand new horse staple"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::NO_CONTENT,
        "{}",
        res.text().await.unwrap()
    );
    let list = events(&app, &token).await;
    assert_eq!(
        types(&list)[..3],
        ["password.changed", "session.created", "signin.failed"]
    );
    // Nothing secret in any of them.
    let text = serde_json::to_string(&list).unwrap();
    for secret in [
        PASSWORD,
        "wrong horse battery",
        "a brand new horse staple",
        &token,
    ] {
        assert!(!text.contains(secret), "{secret} leaked into the events");
    }
}

/// "This wasn't me" on every notice (#12): a factor added sends a notice whose report link
/// signs every session out and records `identity.blocked`.
async fn a_factor_notice_carries_a_working_this_wasnt_me_link(app: TestApp) {
    let token = app.register(EMAIL, PASSWORD).await;
    crate::mfa::enrol_totp(&app, &token).await;
    let notice = app.message_with(EMAIL, "/security/report?token=").await;
    let text = notice["text"].as_str().unwrap();
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/security/report?token="))
        .unwrap();
    let report = link.split("token=").nth(1).unwrap();
    let res = app
        .post("/api/security/report", json!({"token": report}))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get_auth("/api/session", &token).await.status(),
        StatusCode::UNAUTHORIZED,
        "signed out everywhere"
    );
    let events = app
        .store
        .events(latchkey_domain::IdentityId(notice_identity(&app).await), 10)
        .await
        .unwrap();
    assert!(
        events
            .iter()
            .any(|e| e.kind == latchkey_domain::EventType::IdentityBlocked),
        "{events:?}"
    );
}

async fn notice_identity(app: &TestApp) -> uuid::Uuid {
    let (_, identity) = app
        .store
        .contact_and_identity(latchkey_store::ContactKind::Email, EMAIL)
        .await
        .unwrap()
        .unwrap();
    identity.id.0
}
