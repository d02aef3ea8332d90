//! docs/ARCHITECTURE.md, convention 7: no secret, code, token or password in any log line.

use latchkey_testkit::{TestApp, captured_logs};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn no_code_password_or_token_in_the_logs(app: TestApp) {
    let password = "quartz lantern meadow 42";
    let res = app
        .post(
            "/api/registrations",
            json!({"email": "quinn@shop.example", "password": password}),
        )
        .await;
    let flow = res.json::<Value>().await.unwrap()["flow_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let code = app.code_for("quinn@shop.example", 1).await;
    let res = app
        .post(
            &format!("/api/registrations/{flow}/code"),
            json!({"code": code}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let token = res.json::<Value>().await.unwrap()["session_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = app
        .post(
            "/api/sessions",
            json!({"identifier": "quinn@shop.example", "password": password}),
        )
        .await;
    let token2 = res.json::<Value>().await.unwrap()["session_token"]
        .as_str()
        .unwrap()
        .to_owned();
    app.get_auth("/api/session", &token2).await;
    app.wait_for_messages("quinn@shop.example", 2).await;

    let logs = captured_logs();
    assert!(
        logs.contains("message delivered"),
        "the capture works: {} bytes",
        logs.len()
    );
    for secret in [password, &code, &token, &token2] {
        assert!(!logs.contains(secret), "a secret reached the logs");
    }
}

latchkey_testkit::both_backends!(no_code_password_or_token_in_the_logs);
