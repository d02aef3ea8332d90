//! Sessions: list, sign out one, sign out the others, cookie sign-in with CSRF.

use latchkey_testkit::{TestApp, error_code};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn sign_in(app: &TestApp, email: &str, agent: &str) -> String {
    let res = app
        .client
        .post(app.url("/api/sessions"))
        .header("user-agent", agent)
        .json(&json!({"identifier": email, "password": "correct horse battery"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json::<Value>().await.unwrap()["session_token"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn list_and_revoke_sessions(app: TestApp) {
    let first = app
        .register("kim@shop.example", "correct horse battery")
        .await;
    let phone = sign_in(&app, "kim@shop.example", "Phone browser").await;
    let laptop = sign_in(&app, "kim@shop.example", "Laptop browser").await;

    let list: Value = app
        .get_auth("/api/sessions", &phone)
        .await
        .json()
        .await
        .unwrap();
    let sessions = list["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 3);
    assert_eq!(sessions.iter().filter(|s| s["current"] == true).count(), 1);
    let laptop_id = sessions
        .iter()
        .find(|s| s["user_agent"] == "Laptop browser")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    assert_eq!(
        app.delete_auth(&format!("/api/sessions/{laptop_id}"), &phone)
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get_auth("/api/session", &laptop).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let res = app
        .delete_auth(&format!("/api/sessions/{laptop_id}"), &phone)
        .await;
    assert_eq!(error_code(res).await.1, "not_found");

    let res = app.delete_auth("/api/sessions", &phone).await;
    assert_eq!(res.json::<Value>().await.unwrap()["revoked"], 1);
    assert_eq!(
        app.get_auth("/api/session", &first).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get_auth("/api/session", &phone).await.status(),
        StatusCode::OK
    );
}

async fn another_accounts_session_cannot_be_revoked(app: TestApp) {
    let mine = app
        .register("lea@shop.example", "correct horse battery")
        .await;
    let theirs = app
        .register("max@shop.example", "correct horse battery")
        .await;
    let list: Value = app
        .get_auth("/api/sessions", &theirs)
        .await
        .json()
        .await
        .unwrap();
    let their_id = list["sessions"][0]["id"].as_str().unwrap().to_owned();
    let res = app
        .delete_auth(&format!("/api/sessions/{their_id}"), &mine)
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        app.get_auth("/api/session", &theirs).await.status(),
        StatusCode::OK
    );
}

async fn cookie_requests_need_the_csrf_header_bearer_requests_do_not(app: TestApp) {
    app.register("ned@shop.example", "correct horse battery")
        .await;
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let res = browser
        .post(app.url("/api/sessions"))
        .json(&json!({"identifier": "ned@shop.example", "password": "correct horse battery"}))
        .send()
        .await
        .unwrap();
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("latchkey_session="));
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert_eq!(
        browser
            .get(app.url("/api/session"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    let res = browser
        .delete(app.url("/api/session"))
        .send()
        .await
        .unwrap();
    let (status, code, _) = error_code(res).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::FORBIDDEN, "csrf_failed")
    );
    assert_eq!(
        browser
            .get(app.url("/api/session"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
}

async fn expired_sessions_end(app: TestApp) {
    let token = app
        .register("ola@shop.example", "correct horse battery")
        .await;
    app.advance(time::Duration::days(13));
    assert_eq!(
        app.get_auth("/api/session", &token).await.status(),
        StatusCode::OK,
        "use keeps it alive"
    );
    app.advance(time::Duration::days(13));
    assert_eq!(
        app.get_auth("/api/session", &token).await.status(),
        StatusCode::OK
    );
    app.advance(time::Duration::days(15));
    assert_eq!(
        app.get_auth("/api/session", &token).await.status(),
        StatusCode::UNAUTHORIZED,
        "idle too long"
    );
}

/// Every session says how sure it is of its holder and which methods proved it: the
/// registration's code, then a password, are one factor each.
async fn sessions_record_their_assurance_and_methods(app: TestApp) {
    let registered = app
        .register("ivy@shop.example", "correct horse battery")
        .await;
    let by_password = sign_in(&app, "ivy@shop.example", "Phone browser").await;
    for (token, method) in [(&registered, "code"), (&by_password, "password")] {
        let body: Value = app
            .get_auth("/api/session", token)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(body["session"]["aal"], "aal1", "{method}: {body}");
        assert_eq!(body["session"]["amr"], json!([method]), "{method}: {body}");
        assert_eq!(body["session"]["method"], method);
    }
    let list: Value = app
        .get_auth("/api/sessions", &by_password)
        .await
        .json()
        .await
        .unwrap();
    let mut amrs: Vec<String> = list["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["amr"].to_string())
        .collect();
    amrs.sort();
    assert_eq!(amrs, [r#"["code"]"#, r#"["password"]"#]);
}

latchkey_testkit::both_backends!(
    sessions_record_their_assurance_and_methods,
    list_and_revoke_sessions,
    another_accounts_session_cannot_be_revoked,
    cookie_requests_need_the_csrf_header_bearer_requests_do_not,
    expired_sessions_end,
);
