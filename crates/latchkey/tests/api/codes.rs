//! Code rules end to end: 5 wrong tries per flow (no resend resets them), resend after 60 s,
//! the last 3 codes valid, 15-minute expiry, one winner of a race; passwordless sign-in
//! and contact verification.

use latchkey_testkit::{TestApp, error_code};
use reqwest::StatusCode;
use serde_json::{Value, json};
use time::Duration;

async fn start(app: &TestApp, email: &str) -> String {
    let res = app
        .post(
            "/api/registrations",
            json!({"email": email, "password": "correct horse battery"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    res.json::<Value>().await.unwrap()["flow_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn wrong(code: &str) -> String {
    format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000)
}

async fn five_wrong_tries_spend_the_flow_even_across_resends(app: TestApp) {
    let flow = start(&app, "eve@shop.example").await;
    let code = app.code_for("eve@shop.example", 1).await;
    let path = format!("/api/registrations/{flow}/code");
    for left in [4, 3] {
        let (status, c, body) =
            error_code(app.post(&path, json!({"code": wrong(&code)})).await).await;
        assert_eq!(
            (status, c.as_str()),
            (StatusCode::BAD_REQUEST, "invalid_code")
        );
        assert_eq!(body["error"]["attempts_left"], left);
    }
    app.advance(Duration::seconds(61));
    let res = app
        .post(&format!("/api/registrations/{flow}/resend"), json!({}))
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let (_, _, body) = error_code(app.post(&path, json!({"code": "abc"})).await).await;
    assert_eq!(
        body["error"]["attempts_left"], 2,
        "a resend does not reset the count"
    );
    for _ in 0..2 {
        app.post(&path, json!({"code": wrong(&code)})).await;
    }
    let (status, c, _) = error_code(app.post(&path, json!({"code": code})).await).await;
    assert_eq!(
        (status, c.as_str()),
        (StatusCode::GONE, "flow_expired"),
        "the right code is too late"
    );
}

async fn resend_waits_and_the_last_three_codes_work(app: TestApp) {
    let flow = start(&app, "finn@shop.example").await;
    let resend = format!("/api/registrations/{flow}/resend");
    let res = app.post(&resend, json!({})).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: i64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    let (_, c, body) = error_code(res).await;
    assert_eq!(c, "too_soon");
    assert_eq!(body["error"]["retry_after"], retry);

    let mut codes = vec![app.code_for("finn@shop.example", 1).await];
    for n in 2..=4 {
        app.advance(Duration::seconds(61));
        assert_eq!(
            app.post(&resend, json!({})).await.status(),
            StatusCode::ACCEPTED
        );
        codes.push(app.code_for("finn@shop.example", n).await);
    }
    // The first code is the fourth newest: no longer accepted (and it costs a try).
    let path = format!("/api/registrations/{flow}/code");
    if !codes[1..].contains(&codes[0]) {
        assert_eq!(
            error_code(app.post(&path, json!({"code": codes[0]})).await)
                .await
                .1,
            "invalid_code"
        );
    }
    // The second code, sent three resends ago, still works: a delayed SMS is fine.
    assert_eq!(
        app.post(&path, json!({"code": codes[1]})).await.status(),
        StatusCode::CREATED
    );
}

async fn codes_expire_after_fifteen_minutes(app: TestApp) {
    let flow = start(&app, "gus@shop.example").await;
    let code = app.code_for("gus@shop.example", 1).await;
    app.advance(Duration::minutes(15) + Duration::seconds(1));
    let res = app
        .post(
            &format!("/api/registrations/{flow}/code"),
            json!({"code": code}),
        )
        .await;
    assert_eq!(error_code(res).await.1, "flow_expired");
}

async fn twenty_concurrent_submissions_one_winner(app: TestApp) {
    let flow = start(&app, "hal@shop.example").await;
    let code = app.code_for("hal@shop.example", 1).await;
    let path = format!("/api/registrations/{flow}/code");
    let tries = (0..20).map(|_| app.post(&path, json!({"code": code})));
    let results = futures::future::join_all(tries).await;
    let created = results
        .iter()
        .filter(|r| r.status() == StatusCode::CREATED)
        .count();
    assert_eq!(
        created,
        1,
        "{:?}",
        results.iter().map(|r| r.status()).collect::<Vec<_>>()
    );
    assert!(
        results
            .iter()
            .all(|r| r.status() == StatusCode::CREATED || r.status() == StatusCode::GONE)
    );
}

async fn sign_in_by_code_and_unknown_identifiers_look_the_same(app: TestApp) {
    app.register("ivy@shop.example", "correct horse battery")
        .await;
    let known = app
        .post(
            "/api/login-codes",
            json!({"identifier": "IVY@shop.example"}),
        )
        .await;
    let unknown = app
        .post(
            "/api/login-codes",
            json!({"identifier": "nobody@shop.example"}),
        )
        .await;
    assert_eq!(known.status(), StatusCode::ACCEPTED);
    assert_eq!(unknown.status(), StatusCode::ACCEPTED);
    let known: Value = known.json().await.unwrap();
    let unknown: Value = unknown.json().await.unwrap();
    assert_eq!(
        known.as_object().unwrap().keys().collect::<Vec<_>>(),
        unknown.as_object().unwrap().keys().collect::<Vec<_>>()
    );
    let code = app.code_for("ivy@shop.example", 3).await;
    let flow = known["flow_id"].as_str().unwrap();
    let res = app
        .post(
            &format!("/api/login-codes/{flow}/code"),
            json!({"code": code}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let token = res.json::<Value>().await.unwrap()["session_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        app.get_auth("/api/session", &token).await.status(),
        StatusCode::OK
    );
    assert!(app.mailbox("nobody@shop.example").await.is_empty());
}

async fn verify_a_second_contact_then_sign_in_with_it(app: TestApp) {
    let res = app
        .post(
            "/api/registrations",
            json!({"email": "jo@shop.example", "phone": "+1 202 555 0143", "password": "correct horse battery"}),
        )
        .await;
    let flow = res.json::<Value>().await.unwrap()["flow_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let code = app.code_for("jo@shop.example", 1).await;
    assert_eq!(
        app.post(
            &format!("/api/registrations/{flow}/code"),
            json!({"code": code})
        )
        .await
        .status(),
        StatusCode::CREATED
    );
    let sign_in = json!({"identifier": "+12025550143", "password": "correct horse battery"});
    assert_eq!(
        app.post("/api/sessions", sign_in.clone()).await.status(),
        StatusCode::UNAUTHORIZED,
        "unverified phone"
    );

    let res = app
        .post("/api/verification", json!({"identifier": "(202) 555-0143"}))
        .await;
    let (_, c, _) = error_code(res).await;
    assert_eq!(
        c, "invalid_identifier",
        "no default region configured: the country code is needed"
    );
    let res = app
        .post(
            "/api/verification",
            json!({"identifier": "+1 (202) 555-0143"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let flow = res.json::<Value>().await.unwrap()["flow_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let code = app.code_for("+12025550143", 1).await;
    let res = app
        .post(
            &format!("/api/verification/{flow}/code"),
            json!({"code": code}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.post("/api/sessions", sign_in).await.status(),
        StatusCode::CREATED
    );
}

latchkey_testkit::both_backends!(
    five_wrong_tries_spend_the_flow_even_across_resends,
    resend_waits_and_the_last_three_codes_work,
    codes_expire_after_fifteen_minutes,
    twenty_concurrent_submissions_one_winner,
    sign_in_by_code_and_unknown_identifiers_look_the_same,
    verify_a_second_contact_then_sign_in_with_it,
);
