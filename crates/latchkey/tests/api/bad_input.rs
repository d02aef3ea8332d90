//! Hostile and malformed input: every endpoint answers a 4xx envelope, never a 5xx or
//! axum's plain text, and loses nothing.

use latchkey_testkit::{TestApp, error_code};
use reqwest::StatusCode;
use serde_json::json;

const FLOW: &str = "01a201d5-1bc5-733f-86de-755210a6b992";

fn endpoints() -> Vec<String> {
    [
        "/api/registrations",
        "/api/registrations/{flow}/code",
        "/api/registrations/{flow}/resend",
        "/api/sessions",
        "/api/verification",
        "/api/verification/{flow}/code",
        "/api/login-codes",
        "/api/login-codes/{flow}/code",
        "/api/password/check",
    ]
    .iter()
    .map(|p| p.replace("{flow}", FLOW))
    .collect()
}

fn hostile_bodies() -> Vec<(&'static str, Vec<u8>)> {
    let long = "a".repeat(10_000);
    vec![
        ("application/json", b"{".to_vec()),
        ("application/json", b"".to_vec()),
        ("application/json", b"null".to_vec()),
        ("application/json", b"[]".to_vec()),
        ("application/json", b"\"string\"".to_vec()),
        ("application/json", br#"{"email": 5, "password": [], "identifier": {}, "code": null}"#.to_vec()),
        ("application/json", br#"{"unknown_field": 1}"#.to_vec()),
        ("application/json", format!(r#"{{"email":"{long}@x.io","identifier":"{long}","password":"{long}","code":"{long}"}}"#).into_bytes()),
        ("application/json", "{\"identifier\":\"\\u0000\u{202e}<script>\",\"password\":\"\\u0000\",\"code\":\"١٢٣٤٥٦\",\"email\":\"a@b\\u0000.io\"}".as_bytes().to_vec()),
        ("application/json", vec![0xff, 0xfe, 0x00]),
        ("text/plain", br#"{"email":"a@b.io"}"#.to_vec()),
        ("application/x-www-form-urlencoded", b"email=a%40b.io&password=x".to_vec()),
    ]
}

async fn no_endpoint_answers_5xx_to_hostile_bodies(app: TestApp) {
    // A refusal that comes before the body is read (wrong content type, say) ends the
    // connection once answered, as HTTP/1.1 servers do; a pooled client may already have
    // sent the next request on it and get "incomplete message". This test is about the
    // answers, so every request gets a connection of its own.
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    for path in endpoints() {
        for (content_type, body) in hostile_bodies() {
            let res = client
                .post(app.url(&path))
                .header("content-type", content_type)
                .body(body.clone())
                .send()
                .await
                .unwrap();
            let status = res.status();
            assert!(
                status.is_client_error(),
                "{path} {content_type} {:?} → {status}",
                String::from_utf8_lossy(&body)
            );
            let ct = res.headers()["content-type"].to_str().unwrap().to_owned();
            assert!(ct.starts_with("application/json"), "{path} answered {ct}");
            error_code(res).await;
        }
    }
}

async fn rejections_have_stable_codes(app: TestApp) {
    let post = |ct: &'static str, body: &'static str| {
        app.client
            .post(app.url("/api/sessions"))
            .header("content-type", ct)
            .body(body)
            .send()
    };
    let (s, c, _) = error_code(post("text/plain", "{}").await.unwrap()).await;
    assert_eq!(
        (s, c.as_str()),
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
    );
    let (s, c, _) = error_code(post("application/json", "{").await.unwrap()).await;
    assert_eq!((s, c.as_str()), (StatusCode::BAD_REQUEST, "malformed_json"));
    let (s, c, _) = error_code(
        post(
            "application/json",
            r#"{"identifier":"a@b.io","password":"x","admin":true}"#,
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(
        (s, c.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_input")
    );
    let big = json!({"identifier": "a@b.io", "password": "x".repeat(100_000)});
    let (s, c, _) = error_code(app.post("/api/sessions", big).await).await;
    assert_eq!(
        (s, c.as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large")
    );
    let (s, c, _) = error_code(
        app.post(
            "/api/sessions",
            json!({"identifier": "not an identifier", "password": "x"}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (s, c.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_identifier")
    );
    let (s, c, _) = error_code(
        app.post(
            "/api/registrations/not-a-uuid/code",
            json!({"code": "123456"}),
        )
        .await,
    )
    .await;
    assert_eq!((s, c.as_str()), (StatusCode::NOT_FOUND, "not_found"));
    let (s, c, _) = error_code(
        app.post(
            &format!("/api/registrations/{FLOW}/code"),
            json!({"code": "123456"}),
        )
        .await,
    )
    .await;
    assert_eq!((s, c.as_str()), (StatusCode::GONE, "flow_expired"));
    let (s, c, _) = error_code(
        app.client
            .get(app.url("/api/nothing-here"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((s, c.as_str()), (StatusCode::NOT_FOUND, "not_found"));
    let (s, c, _) = error_code(app.get_auth("/api/session", "forged-token").await).await;
    assert_eq!(
        (s, c.as_str()),
        (StatusCode::UNAUTHORIZED, "unauthenticated")
    );
    let (s, c, _) = error_code(
        app.post(
            "/api/registrations",
            json!({"password": "correct horse battery"}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (s, c.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_input")
    );
}

async fn a_refused_registration_loses_nothing(app: TestApp) {
    let token = app
        .register("pia@shop.example", "correct horse battery")
        .await;
    for body in [
        json!({"email": "pia@shop.example", "password": 1}),
        json!({"email": "x".repeat(300)}),
    ] {
        let res = app.post("/api/registrations", body).await;
        assert!(res.status().is_client_error());
    }
    assert_eq!(
        app.get_auth("/api/session", &token).await.status(),
        StatusCode::OK
    );
    let res = app
        .post(
            "/api/sessions",
            json!({"identifier": "pia@shop.example", "password": "correct horse battery"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
}

latchkey_testkit::both_backends!(
    no_endpoint_answers_5xx_to_hostile_bodies,
    rejections_have_stable_codes,
    a_refused_registration_loses_nothing,
);
