//! Who a lockout may keep out, and for how long a device stays trusted (audit findings 6,
//! 10b, 10c): strangers never keep a trusted device out, the unlock link truly unlocks,
//! device trust ends with a reset and with age, and an account's identifiers lock apart.

use latchkey::config::Config;
use latchkey_testkit::{Backend, TestApp};
use reqwest::StatusCode;
use serde_json::{Value, json};
use time::Duration;

macro_rules! both_backends_behind_proxy {
    ($($name:ident),* $(,)?) => {
        pub mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                if let Some(app) = super::spawn(latchkey_testkit::Backend::Sqlite).await {
                    super::$name(app).await;
                }
            })*
        }
        pub mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                if let Some(app) = super::spawn(latchkey_testkit::Backend::Postgres).await {
                    super::$name(app).await;
                }
            })*
        }
    };
}

both_backends_behind_proxy!(
    strangers_past_the_identifier_limit_do_not_keep_a_trusted_device_out,
    after_a_stranger_flood_the_unlock_link_lets_the_owner_in,
    a_password_reset_ends_the_trust_of_every_earlier_device,
    a_device_token_is_trusted_for_ninety_days_only,
    locking_an_account_by_email_leaves_its_phone_answering_alike,
);

const PW: &str = "correct horse battery";

async fn spawn(backend: Backend) -> Option<TestApp> {
    TestApp::spawn_with(backend, |c: &mut Config| {
        c.trusted_proxies = vec!["127.0.0.1".into()];
    })
    .await
}

async fn sign_in(
    app: &TestApp,
    ip: &str,
    who: &str,
    password: &str,
    device: Option<&str>,
) -> reqwest::Response {
    let mut req = app
        .client
        .post(app.url("/api/sessions"))
        .header("x-forwarded-for", ip)
        .json(&json!({"identifier": who, "password": password}));
    if let Some(d) = device {
        req = req.header("latchkey-device", d);
    }
    req.send().await.unwrap()
}

async fn device_of(res: reqwest::Response) -> String {
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json::<Value>().await.unwrap()["device_token"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// 60 wrong passwords from 60 addresses: past the per-identifier limit (50 an hour).
async fn stranger_flood(app: &TestApp, who: &str) {
    for i in 0..60 {
        let res = sign_in(
            app,
            &format!("203.0.{}.{}", i / 200, i % 200 + 1),
            who,
            "guess",
            None,
        )
        .await;
        assert!(
            matches!(
                res.status(),
                StatusCode::UNAUTHORIZED | StatusCode::TOO_MANY_REQUESTS
            ),
            "{}",
            res.status()
        );
    }
}

async fn strangers_past_the_identifier_limit_do_not_keep_a_trusted_device_out(app: TestApp) {
    app.register("tad@shop.example", PW).await;
    let device = device_of(sign_in(&app, "192.0.2.10", "tad@shop.example", PW, None).await).await;
    stranger_flood(&app, "tad@shop.example").await;
    let res = sign_in(&app, "192.0.2.10", "tad@shop.example", PW, Some(&device)).await;
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "the owner's trusted device is judged by its own history only"
    );
}

async fn after_a_stranger_flood_the_unlock_link_lets_the_owner_in(app: TestApp) {
    app.register("una@shop.example", PW).await;
    stranger_flood(&app, "una@shop.example").await;
    let res = sign_in(&app, "192.0.2.20", "una@shop.example", PW, None).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "locked");
    let notice = app.message_with("una@shop.example", "/unlock?token=").await;
    let text = notice["text"].as_str().unwrap();
    let token = text
        .split_whitespace()
        .find_map(|w| w.split("/unlock?token=").nth(1))
        .unwrap()
        .trim_end_matches('.')
        .to_owned();
    let csrf = app.unlock_form_csrf(&token).await;
    let res = app
        .client
        .post(app.url("/unlock"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", format!("latchkey_csrf={csrf}"))
        .body(format!("token={token}&csrf={csrf}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    // Even from a browser without the device cookie the unlock gave: the strangers'
    // refused attempts were never counted against the identifier.
    let res = sign_in(&app, "192.0.2.21", "una@shop.example", PW, None).await;
    assert_eq!(res.status(), StatusCode::CREATED, "unlocked means unlocked");
}

async fn reset_password(app: &TestApp, who: &str, new_password: &str) {
    let res = app.post("/api/recovery", json!({"identifier": who})).await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let flow = res.json::<Value>().await.unwrap()["flow_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let code = app.nth_code(who, "reset the password of your", 1).await;
    let res = app
        .post(&format!("/api/recovery/{flow}/code"), json!({"code": code}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let token = res.json::<Value>().await.unwrap()["reset_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = app
        .post(
            "/api/recovery/reset",
            json!({"reset_token": token, "new_password": new_password}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
}

/// Locks the account for clients without a trusted device.
async fn lock(app: &TestApp, who: &str) {
    for i in 0..6 {
        sign_in(app, &format!("198.51.100.{i}"), who, "guess", None).await;
    }
    let res = sign_in(app, "198.51.100.99", who, "guess", None).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
}

async fn a_password_reset_ends_the_trust_of_every_earlier_device(app: TestApp) {
    app.register("rita@shop.example", PW).await;
    // A device that signed in before the reset (the owner's, or an attacker's).
    let before = device_of(sign_in(&app, "192.0.2.30", "rita@shop.example", PW, None).await).await;
    let new_pw = "a brand new passphrase 42";
    reset_password(&app, "rita@shop.example", new_pw).await;
    lock(&app, "rita@shop.example").await;
    let res = sign_in(
        &app,
        "192.0.2.30",
        "rita@shop.example",
        new_pw,
        Some(&before),
    )
    .await;
    assert_eq!(
        res.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "a device trusted before the reset is a stranger now"
    );
}

async fn a_device_token_is_trusted_for_ninety_days_only(app: TestApp) {
    app.register("dan@shop.example", PW).await;
    let device = device_of(sign_in(&app, "192.0.2.40", "dan@shop.example", PW, None).await).await;
    app.advance(Duration::days(89));
    lock(&app, "dan@shop.example").await;
    // Still trusted at 89 days; signing in renews it.
    let renewed =
        device_of(sign_in(&app, "192.0.2.40", "dan@shop.example", PW, Some(&device)).await).await;
    app.advance(Duration::days(2));
    lock(&app, "dan@shop.example").await;
    let res = sign_in(&app, "192.0.2.40", "dan@shop.example", PW, Some(&device)).await;
    assert_eq!(
        res.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "91 days after it was issued, the old token is not trusted"
    );
    let res = sign_in(&app, "192.0.2.40", "dan@shop.example", PW, Some(&renewed)).await;
    assert_eq!(res.status(), StatusCode::CREATED, "the renewed one is");
}

async fn locking_an_account_by_email_leaves_its_phone_answering_alike(app: TestApp) {
    app.register_with_phone("pam@shop.example", "+1 202 555 0188", PW)
        .await;
    lock(&app, "pam@shop.example").await;
    // The phone answers like any identifier nobody locked: a wrong password is 401, so
    // the lock does not tell that the email and the phone are one account.
    let res = sign_in(&app, "192.0.2.50", "+1 202 555 0188", "guess", None).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = sign_in(&app, "192.0.2.50", "+1 202 555 0199", "guess", None).await;
    assert_eq!(
        res.status(),
        StatusCode::UNAUTHORIZED,
        "an unknown phone alike"
    );
}
