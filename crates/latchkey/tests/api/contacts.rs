//! Contacts are unique only once verified (audit issue 8, finding 4): an unverified
//! contact is a claim anyone can make, it never blocks the real owner, and verifying wins.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use latchkey_testkit::{TestApp, extract_code};
use reqwest::StatusCode;
use serde_json::{Value, json};

const PASSWORD: &str = "correct horse battery";
const REMOVED: &str = "was removed from your account";

latchkey_testkit::both_backends!(
    phone_squatting_verifying_wins_and_the_squatter_is_told,
    a_claim_on_two_accounts_is_not_verified_anonymously,
);

async fn identity(app: &TestApp, token: &str) -> Value {
    let res = app.get_auth("/api/session", token).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json::<Value>().await.unwrap()["identity"].clone()
}

fn addresses(identity: &Value) -> Vec<(String, bool)> {
    identity["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["address"].as_str().unwrap().to_owned(),
                c["verified"].as_bool().unwrap(),
            )
        })
        .collect()
}

async fn phone_squatting_verifying_wins_and_the_squatter_is_told(app: TestApp) {
    let squatter_email = "squat@shop.example";
    let phone = "+447946001811";
    // The squatter signs up with their own email and the victim's phone.
    let squatter = app
        .register_with(
            json!({"email": squatter_email, "phone": phone, "password": PASSWORD}),
            squatter_email,
        )
        .await;
    assert_eq!(
        addresses(&identity(&app, &squatter).await),
        vec![(squatter_email.to_owned(), true), (phone.to_owned(), false)]
    );

    // The victim signs up with the phone: the same answer as for a number nobody
    // claimed, and a code (not a "you already have an account" notice).
    let fresh = app
        .post(
            "/api/registrations",
            json!({"phone": "+447946001812", "password": PASSWORD}),
        )
        .await;
    assert_eq!(fresh.status(), StatusCode::ACCEPTED);
    let fresh: Value = fresh.json().await.unwrap();
    let res = app
        .post(
            "/api/registrations",
            json!({"phone": phone, "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let body: Value = res.json().await.unwrap();
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&body), keys(&fresh));
    let sms = app.wait_for_messages(phone, 1).await;
    let text = sms[0]["text"].as_str().unwrap();
    let code = extract_code(text).unwrap_or_else(|| panic!("the owner gets a code: {text}"));
    let flow = body["flow_id"].as_str().unwrap();
    let res = app
        .post(
            &format!("/api/registrations/{flow}/code"),
            json!({"code": code}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let victim: Value = res.json().await.unwrap();
    let victim_token = victim["session_token"].as_str().unwrap();
    // The victim owns the phone, and sees nothing of the squatter.
    let seen = identity(&app, victim_token).await;
    assert_eq!(addresses(&seen), vec![(phone.to_owned(), true)]);
    for m in app.mailbox(phone).await {
        let text = m["text"].as_str().unwrap();
        assert!(!text.contains("squat"), "{text}");
        assert!(!text.contains("already have an account"), "{text}");
    }
    assert!(!seen.to_string().contains("squat"));
    let res = app
        .post(
            "/api/sessions",
            json!({"identifier": phone, "password": PASSWORD}),
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "the owner signs in by phone"
    );

    // The squatter's claim is gone, and the squatter is told at their own address.
    assert_eq!(
        addresses(&identity(&app, &squatter).await),
        vec![(squatter_email.to_owned(), true)]
    );
    let notice = app.message_with(squatter_email, REMOVED).await;
    let text = notice["text"].as_str().unwrap();
    assert!(text.contains(phone), "{text}");
    assert!(extract_code(text).is_none());
    assert!(!text.contains(victim["identity"]["id"].as_str().unwrap()));
    assert_eq!(app.count_with(phone, REMOVED).await, 0);
}

/// Two accounts claim one number: the anonymous verification flow cannot tell which one
/// the code-holder means, so it sends nothing (same answer); signing up still works.
async fn a_claim_on_two_accounts_is_not_verified_anonymously(app: TestApp) {
    let phone = "+447946001813";
    for email in ["one@shop.example", "two@shop.example"] {
        app.register_with(
            json!({"email": email, "phone": phone, "password": PASSWORD}),
            email,
        )
        .await;
    }
    let res = app
        .post("/api/verification", json!({"identifier": phone}))
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    assert!(app.mailbox(phone).await.is_empty());
    // The number's owner signs up with it: both claims go, both accounts are told.
    app.register_with(json!({"phone": phone}), phone).await;
    for email in ["one@shop.example", "two@shop.example"] {
        app.message_with(email, REMOVED).await;
    }
}
