//! Changing the password while signed in (P2): current password or a fresh sign-in, the
//! owner is told, the other sessions end.

use latchkey_testkit::{TestApp, error_code};
use reqwest::StatusCode;
use serde_json::{Value, json};
use time::Duration;

async fn put_password(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.client
        .put(app.url("/api/account/password"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn sign_in(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.post(
        "/api/sessions",
        json!({"identifier": email, "password": password}),
    )
    .await
}

async fn a_fresh_sign_in_may_change_the_password_without_the_old_one(app: TestApp) {
    let fresh = app
        .register("uma@shop.example", "correct horse battery")
        .await;
    let other = sign_in(&app, "uma@shop.example", "correct horse battery").await;
    let other = other.json::<Value>().await.unwrap()["session_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = put_password(
        &app,
        &fresh,
        json!({"new_password": "violet tractor sunrise"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);

    assert_eq!(
        app.get_auth("/api/session", &fresh).await.status(),
        StatusCode::OK,
        "the caller stays"
    );
    assert_eq!(
        app.get_auth("/api/session", &other).await.status(),
        StatusCode::UNAUTHORIZED,
        "the others end"
    );
    let (_, code, _) =
        error_code(sign_in(&app, "uma@shop.example", "correct horse battery").await).await;
    assert_eq!(code, "invalid_credentials");
    assert_eq!(
        sign_in(&app, "uma@shop.example", "violet tractor sunrise")
            .await
            .status(),
        StatusCode::CREATED
    );

    let notice = &app
        .message_with("uma@shop.example", "/security/report?token=")
        .await;
    assert!(
        notice["text"]
            .as_str()
            .unwrap()
            .contains("/security/report?token="),
        "{notice}"
    );
}

async fn later_the_current_password_is_needed(app: TestApp) {
    let token = app
        .register("vic@shop.example", "correct horse battery")
        .await;
    app.advance(Duration::minutes(11));
    let (status, code, _) = error_code(
        put_password(
            &app,
            &token,
            json!({"new_password": "violet tractor sunrise"}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::FORBIDDEN, "reauthentication_required")
    );
    let wrong =
        json!({"current_password": "not it at all", "new_password": "violet tractor sunrise"});
    assert_eq!(
        error_code(put_password(&app, &token, wrong).await).await.1,
        "invalid_credentials"
    );
    let same = json!({"current_password": "correct horse battery", "new_password": "correct horse battery"});
    let (status, _, body) = error_code(put_password(&app, &token, same).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["problems"][0]["code"], "same_as_current");
    let weak = json!({"current_password": "correct horse battery", "new_password": "12345678"});
    assert_eq!(
        error_code(put_password(&app, &token, weak).await).await.1,
        "weak_password"
    );
    let good = json!({"current_password": "correct horse battery", "new_password": "violet tractor sunrise"});
    assert_eq!(
        put_password(&app, &token, good).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        sign_in(&app, "vic@shop.example", "violet tractor sunrise")
            .await
            .status(),
        StatusCode::CREATED
    );
}

async fn no_session_no_change(app: TestApp) {
    let res = put_password(
        &app,
        "forged",
        json!({"new_password": "violet tractor sunrise"}),
    )
    .await;
    assert_eq!(error_code(res).await.1, "unauthenticated");
}

latchkey_testkit::both_backends!(
    a_fresh_sign_in_may_change_the_password_without_the_old_one,
    later_the_current_password_is_needed,
    no_session_no_change,
    wrong_current_passwords_are_throttled,
);

/// A stolen session is not a password-guessing oracle: after five wrong current passwords
/// the account refuses further tries (even the right one) until the window passes.
async fn wrong_current_passwords_are_throttled(app: TestApp) {
    let token = app
        .register("vic@shop.example", "correct horse battery")
        .await;
    app.advance(Duration::minutes(11));
    for i in 0..5 {
        let res = put_password(
            &app,
            &token,
            json!({"current_password": format!("guess number {i}"), "new_password": "violet tractor sunrise"}),
        )
        .await;
        let (status, code, _) = error_code(res).await;
        assert_eq!(
            (status, code.as_str()),
            (StatusCode::UNAUTHORIZED, "invalid_credentials")
        );
    }
    let res = put_password(
        &app,
        &token,
        json!({"current_password": "correct horse battery", "new_password": "violet tractor sunrise"}),
    )
    .await;
    let retry: i64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    let (status, code, _) = error_code(res).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts")
    );
    // Nothing changed meanwhile.
    assert_eq!(
        sign_in(&app, "vic@shop.example", "correct horse battery")
            .await
            .status(),
        StatusCode::CREATED
    );
    app.advance(Duration::minutes(16));
    let res = put_password(
        &app,
        &token,
        json!({"current_password": "correct horse battery", "new_password": "violet tractor sunrise"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
}
