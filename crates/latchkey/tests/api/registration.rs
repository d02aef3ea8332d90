//! Registration by email or phone, the taken-identifier answer, and the welcome message.

use latchkey_testkit::{TestApp, error_code, extract_code};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn register_sign_out_sign_in(app: TestApp) {
    let token = app
        .register("Ann.Lee@Shop.example", "correct horse battery")
        .await;
    let me: Value = app
        .get_auth("/api/session", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        me["identity"]["contacts"][0]["address"],
        "Ann.Lee@Shop.example"
    );
    assert_eq!(me["identity"]["contacts"][0]["verified"], true);
    assert_eq!(me["identity"]["methods"][0], "password");

    let welcome = app.wait_for_messages("ann.lee@shop.example", 2).await;
    assert!(
        welcome[0]["text"]
            .as_str()
            .unwrap()
            .contains("Ann.Lee@Shop.example"),
        "welcome names the address"
    );

    assert_eq!(
        app.delete_auth("/api/session", &token).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get_auth("/api/session", &token).await.status(),
        StatusCode::UNAUTHORIZED
    );

    // Email matching is case-insensitive; the password is not.
    let res = app
        .post(
            "/api/sessions",
            json!({"identifier": "ANN.LEE@shop.EXAMPLE", "password": "correct horse battery"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let body: Value = res.json().await.unwrap();
    let token2 = body["session_token"].as_str().unwrap();
    assert_ne!(token, token2, "a new token at every sign-in");
    assert_eq!(
        app.get_auth("/api/session", token2).await.status(),
        StatusCode::OK
    );

    let res = app
        .post(
            "/api/sessions",
            json!({"identifier": "ann.lee@shop.example", "password": "Correct horse battery"}),
        )
        .await;
    assert_eq!(error_code(res).await.1, "invalid_credentials");
    let res = app
        .post(
            "/api/sessions",
            json!({"identifier": "ann.lee@shop.example", "password": " correct horse battery"}),
        )
        .await;
    assert_eq!(
        error_code(res).await.1,
        "invalid_credentials",
        "never trimmed"
    );
}

async fn unknown_and_wrong_password_look_the_same(app: TestApp) {
    app.register("bob@shop.example", "correct horse battery")
        .await;
    let wrong = app
        .post(
            "/api/sessions",
            json!({"identifier": "bob@shop.example", "password": "not the password"}),
        )
        .await;
    let unknown = app
        .post(
            "/api/sessions",
            json!({"identifier": "nobody@shop.example", "password": "not the password"}),
        )
        .await;
    let (s1, c1, b1) = error_code(wrong).await;
    let (s2, c2, b2) = error_code(unknown).await;
    assert_eq!(
        (s1, &c1),
        (StatusCode::UNAUTHORIZED, &"invalid_credentials".to_owned())
    );
    assert_eq!((s2, c2), (s1, c1));
    assert_eq!(b1, b2);
}

async fn taken_identifier_answers_the_same_and_tells_the_owner(app: TestApp) {
    app.register("carol@shop.example", "correct horse battery")
        .await;
    let res = app
        .post(
            "/api/registrations",
            json!({"email": "Carol@shop.example", "password": "another fine passphrase"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let body: Value = res.json().await.unwrap();
    let keys: Vec<_> = body.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, vec!["flow_id", "resend_after"]);
    let notice = app
        .message_with("carol@shop.example", "You already have an account with it")
        .await;
    let notice = notice["text"].as_str().unwrap();
    assert!(
        extract_code(notice).is_none(),
        "the owner gets a notice, not a code: {notice}"
    );
    // No code was sent, so none works.
    let flow = body["flow_id"].as_str().unwrap();
    let res = app
        .post(
            &format!("/api/registrations/{flow}/code"),
            json!({"code": "123456"}),
        )
        .await;
    assert_eq!(error_code(res).await.1, "invalid_code");
}

async fn register_by_phone_and_sign_in_with_another_format(app: TestApp) {
    let res = app
        .post("/api/registrations", json!({"phone": "+44 7946 001800", "password": "correct horse battery", "locale": "fr"}))
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let flow = res.json::<Value>().await.unwrap()["flow_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let sms = app.wait_for_messages("+447946001800", 1).await;
    assert_eq!(sms[0]["channel"], "sms");
    let text = sms[0]["text"].as_str().unwrap();
    let code = extract_code(text).unwrap();
    assert!(text.starts_with(&code), "SMS starts with the code: {text}");
    let res = app
        .post(
            &format!("/api/registrations/{flow}/code"),
            json!({"code": code}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["identity"]["locale"], "fr");
    let res = app
        .post(
            "/api/sessions",
            json!({"identifier": "0044 (7946) 001-800", "password": "correct horse battery"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
}

async fn weak_passwords_get_every_reason_in_the_callers_language(app: TestApp) {
    let res = app
        .client
        .post(app.url("/api/registrations"))
        .header("accept-language", "ru-RU,ru;q=0.9")
        .json(&json!({"email": "dan@shop.example", "password": "abc"}))
        .send()
        .await
        .unwrap();
    let (status, code, body) = error_code(res).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "weak_password")
    );
    let problems: Vec<&str> = body["error"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert!(problems.contains(&"too_short"), "{problems:?}");
    assert_eq!(body["error"]["problems"][0]["min"], 8);
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.chars().any(|c| ('а'..='я').contains(&c)),
        "Russian message: {message}"
    );

    let res = app
        .post(
            "/api/registrations",
            json!({"email": "dan@shop.example", "password": "password1"}),
        )
        .await;
    let (_, _, body) = error_code(res).await;
    assert_eq!(body["error"]["problems"][0]["code"], "common");
    assert!(
        app.mailbox("dan@shop.example").await.is_empty(),
        "nothing sent for a refused registration"
    );
}

async fn password_check_reports_strength(app: TestApp) {
    let weak: Value = app
        .post("/api/password/check", json!({"password": "abc"}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(weak["strength"], "weak");
    assert_eq!(weak["acceptable"], false);
    let strong: Value = app
        .post(
            "/api/password/check",
            json!({"password": "correct horse battery staple"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(strong["strength"], "strong");
    assert_eq!(strong["acceptable"], true);
    let mine: Value = app
        .post(
            "/api/password/check",
            json!({"password": "erin.smith1990", "inputs": ["erin.smith1990@shop.example"]}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine["acceptable"], false, "the email itself is guessable");
}

latchkey_testkit::both_backends!(
    register_sign_out_sign_in,
    unknown_and_wrong_password_look_the_same,
    taken_identifier_answers_the_same_and_tells_the_owner,
    register_by_phone_and_sign_in_with_another_format,
    weak_passwords_get_every_reason_in_the_callers_language,
    password_check_reports_strength,
);
