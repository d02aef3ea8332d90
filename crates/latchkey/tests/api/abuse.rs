//! Abuse protection end to end: lockout and its notice, unlock links, device tokens,
//! challenges, rate limits, trusted proxies, the busy hasher, a flood, and (with Redis
//! and PostgreSQL) two nodes sharing state and Redis dying mid-test.

use futures::StreamExt;
use latchkey::config::Config;
use latchkey_domain::challenge::{Challenge, solution_header};
use latchkey_testkit::{Backend, TestApp, error_code, fresh_postgres_database};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use time::Duration as TimeDuration;

/// `both_backends!`, with 127.0.0.1 as a trusted proxy so each test can speak for many
/// client addresses through `X-Forwarded-For`.
macro_rules! both_backends_behind_proxy {
    ($($name:ident),* $(,)?) => {
        pub mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                if let Some(app) = super::spawn(latchkey_testkit::Backend::Sqlite, |_| {}).await {
                    super::$name(app).await;
                }
            })*
        }
        pub mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                if let Some(app) = super::spawn(latchkey_testkit::Backend::Postgres, |_| {}).await {
                    super::$name(app).await;
                }
            })*
        }
    };
}

both_backends_behind_proxy!(
    five_wrong_passwords_lock_known_and_unknown_alike,
    the_owner_gets_one_notice_and_the_unlock_link_works_once,
    a_trusted_device_is_not_locked_out_by_strangers,
    risk_brings_a_single_use_challenge,
    a_completed_password_reset_ends_the_lockout,
);

const PW: &str = "correct horse battery";

/// Sign-in from `ip` (the test apps trust 127.0.0.1 as a proxy).
async fn sign_in(app: &TestApp, ip: &str, identifier: &str, password: &str) -> reqwest::Response {
    sign_in_with(app, ip, identifier, password, &[]).await
}

async fn sign_in_with(
    app: &TestApp,
    ip: &str,
    identifier: &str,
    password: &str,
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut req = app
        .client
        .post(app.url("/api/sessions"))
        .header("x-forwarded-for", ip)
        .json(&json!({"identifier": identifier, "password": password}));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req.send().await.unwrap()
}

fn behind_proxy(c: &mut Config) {
    c.trusted_proxies = vec!["127.0.0.1".into()];
}

async fn spawn(backend: Backend, customize: impl FnOnce(&mut Config)) -> Option<TestApp> {
    TestApp::spawn_with(backend, |c| {
        behind_proxy(c);
        customize(c);
    })
    .await
}

fn challenge_of(body: &Value) -> Challenge {
    let c = &body["error"]["challenge"];
    Challenge {
        algorithm: "sha256",
        salt: c["salt"].as_str().unwrap().to_owned(),
        difficulty: c["difficulty"].as_u64().unwrap() as u8,
        expires_at: c["expires_at"].as_i64().unwrap(),
        signature: c["signature"].as_str().unwrap().to_owned(),
    }
}

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v["error"].as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

async fn five_wrong_passwords_lock_known_and_unknown_alike(app: TestApp) {
    app.register("lou@shop.example", PW).await;
    let mut locked = Vec::new();
    for who in ["lou@shop.example", "nobody@shop.example"] {
        for i in 1..=5 {
            let res = sign_in(&app, &format!("203.0.113.{i}"), who, "wrong password").await;
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{who} failure {i}");
        }
        // Locked for a minute after the 5th failure.
        app.advance(TimeDuration::seconds(10));
        // Locked: even the right password is not checked (no hash is spent), and the
        // attempt counts, so the wait doubles: 2 min from now.
        let res = sign_in(&app, "203.0.113.9", who, PW).await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "{who}");
        assert_eq!(res.headers()["retry-after"], "120");
        let (_, code, body) = error_code(res).await;
        assert_eq!(code, "too_many_attempts");
        assert_eq!(body["error"]["retry_after"], 120);
        locked.push(body);
    }
    assert_eq!(keys(&locked[0]), keys(&locked[1]), "same body shape");
    assert_eq!(locked[0]["error"]["message"], locked[1]["error"]["message"]);

    // The lock (2 min from lou's 6th attempt, 10 s before nobody's) ends.
    app.advance(TimeDuration::seconds(111));
    let res = sign_in(&app, "203.0.113.9", "lou@shop.example", PW).await;
    assert_eq!(res.status(), StatusCode::CREATED, "the wait is over");
    let device = res.json::<Value>().await.unwrap()["device_token"]
        .as_str()
        .unwrap()
        .to_owned();
    // The owner's success does not wipe out what was counted against the account (it
    // may have been strangers): without the device token, the next wrong password finds
    // the account still counting and locks it again…
    let res = sign_in(&app, "203.0.113.9", "lou@shop.example", "wrong").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = sign_in(&app, "203.0.113.9", "lou@shop.example", "wrong").await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    // …while the device that signed in has five free failures of its own.
    for _ in 0..3 {
        let res = sign_in_with(
            &app,
            "203.0.113.9",
            "lou@shop.example",
            "wrong",
            &[("latchkey-device", &device)],
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    // nobody's lock (from its 6th attempt, 10 s after lou's) still holds.

    // Timing: a locked known account and a locked unknown identifier take the same path
    // (lookup + lockout read, no hash). Measured, loosely.
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for _ in 0..11 {
        let t = Instant::now();
        let res = sign_in(&app, "203.0.113.9", "nobody@shop.example", PW).await;
        unknown.push(t.elapsed());
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
        let t = Instant::now();
        let res = sign_in(&app, "203.0.113.9", "lou@shop.example", "wrong").await;
        known.push(t.elapsed());
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    }
    known.sort();
    unknown.sort();
    let (k, u) = (known[5], unknown[5]);
    let gap = k.abs_diff(u);
    assert!(
        gap < Duration::from_millis(100),
        "locked known {k:?} vs locked unknown {u:?}"
    );
}

async fn the_owner_gets_one_notice_and_the_unlock_link_works_once(app: TestApp) {
    app.register("olga@shop.example", PW).await;
    for i in 0..9 {
        sign_in(
            &app,
            &format!("198.51.100.{i}"),
            "olga@shop.example",
            "nope",
        )
        .await;
    }
    // The registration code, the welcome, and ONE lock notice (not one per failure).
    let list = app.wait_for_messages("olga@shop.example", 3).await;
    let list_after = app.mailbox("olga@shop.example").await;
    assert_eq!(list_after.len(), 3);
    let notices = list_after
        .iter()
        .filter(|m| m["subject"].as_str().unwrap_or("").contains("locked"))
        .count();
    assert_eq!(notices, 1, "{list_after:?}");
    let notice = &list[0];
    let text = notice["text"].as_str().unwrap();
    assert!(text.contains("198.51.100.4"), "from where: {text}");
    assert!(text.contains("reset your password"), "{text}");
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/unlock?token="))
        .expect("an unlock link");
    let token = link.split("token=").nth(1).unwrap().trim_end_matches('.');
    assert!(token.len() >= 43, "≥ 256-bit token");

    // GET shows a page and spends nothing (mail scanners prefetch links).
    let mut csrf = String::new();
    for _ in 0..2 {
        let res = app
            .client
            .get(app.url(&format!("/unlock?token={token}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let html = res.text().await.unwrap();
        assert!(html.contains("method=\"post\""), "{html}");
        // The form's CSRF token, which is also its cookie's value (edge.rs tests the check).
        csrf = crate::pages::csrf_of(&html);
    }
    let res = sign_in(&app, "198.51.100.200", "olga@shop.example", PW).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "still locked");

    // POST spends it: the lock ends and this browser gets a device cookie.
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
    let cookies: Vec<String> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("latchkey_device=") && c.contains("HttpOnly")),
        "{cookies:?}"
    );
    let res = sign_in(&app, "198.51.100.200", "olga@shop.example", PW).await;
    assert_eq!(res.status(), StatusCode::CREATED, "unlocked");

    // Single use, also through the API.
    let res = app.post("/api/unlock", json!({"token": token})).await;
    let (status, code, _) = error_code(res).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::GONE, "unlock_link_invalid")
    );
    let res = app
        .client
        .get(app.url(&format!("/unlock?token={token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::GONE);
}

async fn a_trusted_device_is_not_locked_out_by_strangers(app: TestApp) {
    app.register("tess@shop.example", PW).await;
    let res = sign_in(&app, "192.0.2.10", "tess@shop.example", PW).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let body: Value = res.json().await.unwrap();
    let device = body["device_token"].as_str().unwrap().to_owned();

    // Strangers lock the account.
    for i in 0..8 {
        sign_in(
            &app,
            &format!("203.0.113.{i}"),
            "tess@shop.example",
            "guess",
        )
        .await;
    }
    let res = sign_in(&app, "192.0.2.10", "tess@shop.example", PW).await;
    assert_eq!(
        res.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "no device: locked"
    );

    // The owner's device is judged by its own record only.
    let dev = [("latchkey-device", device.as_str())];
    let res = sign_in_with(&app, "192.0.2.10", "tess@shop.example", PW, &dev).await;
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "the owner's device gets in"
    );

    // A device token is bound to its account.
    app.register("uma@shop.example", PW).await;
    for i in 0..5 {
        sign_in(&app, &format!("203.0.114.{i}"), "uma@shop.example", "guess").await;
    }
    let res = sign_in_with(&app, "192.0.2.10", "uma@shop.example", PW, &dev).await;
    assert_eq!(
        res.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "tess's device on uma"
    );

    // A device that keeps failing is challenged, then blocked itself.
    for _ in 0..3 {
        let res = sign_in_with(&app, "192.0.2.10", "tess@shop.example", "typo", &dev).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let res = sign_in_with(&app, "192.0.2.10", "tess@shop.example", "typo", &dev).await;
        if res.status() == StatusCode::TOO_MANY_REQUESTS {
            statuses.push(res.status());
            continue;
        }
        let (status, code, body) = error_code(res).await;
        assert_eq!(
            (status, code.as_str()),
            (StatusCode::FORBIDDEN, "challenge_required")
        );
        let solved = solution_header(&challenge_of(&body));
        let both = [
            ("latchkey-device", device.as_str()),
            ("latchkey-challenge", solved.as_str()),
        ];
        let res = sign_in_with(&app, "192.0.2.10", "tess@shop.example", "typo", &both).await;
        statuses.push(res.status());
    }
    assert_eq!(
        statuses,
        vec![
            StatusCode::UNAUTHORIZED,
            StatusCode::UNAUTHORIZED,
            StatusCode::TOO_MANY_REQUESTS
        ],
        "the device's own 5 failures block it"
    );
}

async fn risk_brings_a_single_use_challenge(app: TestApp) {
    // Ten failures from one IP across ten identifiers (no account locks).
    for i in 0..10 {
        let res = sign_in(&app, "203.0.113.50", &format!("n{i}@shop.example"), "x").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let res = sign_in(&app, "203.0.113.50", "next@shop.example", "x").await;
    let (status, code, body) = error_code(res).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::FORBIDDEN, "challenge_required")
    );
    let c = &body["error"]["challenge"];
    assert_eq!(c["algorithm"], "sha256");
    assert_eq!(c["difficulty"], 16);
    let challenge = challenge_of(&body);
    let solved = solution_header(&challenge);
    let h = [("latchkey-challenge", solved.as_str())];
    let res = sign_in_with(&app, "203.0.113.50", "next@shop.example", "x", &h).await;
    assert_eq!(
        res.status(),
        StatusCode::UNAUTHORIZED,
        "solved: the password is checked"
    );
    let res = sign_in_with(&app, "203.0.113.50", "next@shop.example", "x", &h).await;
    let (_, code, _) = error_code(res).await;
    assert_eq!(code, "challenge_required", "a solution is spent once");

    // A tampered or wrong solution is another challenge.
    let tampered = solved.replacen(":16:", ":1:", 1);
    let res = sign_in_with(
        &app,
        "203.0.113.50",
        "next@shop.example",
        "x",
        &[("latchkey-challenge", tampered.as_str())],
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // Expired: solved, but after its five minutes.
    let res = sign_in(&app, "203.0.113.50", "next@shop.example", "x").await;
    let (_, _, body) = error_code(res).await;
    let late = solution_header(&challenge_of(&body));
    app.advance(TimeDuration::minutes(6));
    // (The failure window has passed too, so use a fresh failing IP's worth of risk.)
    for i in 0..10 {
        sign_in(&app, "203.0.113.51", &format!("m{i}@shop.example"), "x").await;
    }
    let res = sign_in_with(
        &app,
        "203.0.113.51",
        "next@shop.example",
        "x",
        &[("latchkey-challenge", late.as_str())],
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "expired");
    // Another IP is not affected.
    let res = sign_in(&app, "192.0.2.77", "next@shop.example", "x").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

async fn a_completed_password_reset_ends_the_lockout(app: TestApp) {
    app.register("rex@shop.example", PW).await;
    for i in 0..6 {
        sign_in(&app, &format!("203.0.113.{i}"), "rex@shop.example", "guess").await;
    }
    let res = sign_in(&app, "192.0.2.3", "rex@shop.example", PW).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let res = app
        .post("/api/recovery", json!({"identifier": "rex@shop.example"}))
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let flow = res.json::<Value>().await.unwrap()["flow_id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Picked by content: the lock notice may land in the mailbox before or after it.
    let code = app
        .nth_code("rex@shop.example", "reset the password of your", 1)
        .await;
    let res = app
        .post(&format!("/api/recovery/{flow}/code"), json!({"code": code}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let token = res.json::<Value>().await.unwrap()["reset_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let new_pw = "a brand new passphrase 42";
    let res = app
        .post(
            "/api/recovery/reset",
            json!({"reset_token": token, "new_password": new_pw}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert!(
        res.headers()
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("latchkey_device=")),
        "the device that reset the password gets a device cookie"
    );
    let res = sign_in(&app, "192.0.2.3", "rex@shop.example", new_pw).await;
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "the reset ended the lockout"
    );
}

// --- rate limits, SQLite is enough ------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_answer_429_with_retry_after() {
    let app = spawn(Backend::Sqlite, |c| {
        c.limits.sign_in_per_identifier.max = 3;
        c.limits.sign_in_per_network.max = 6;
        c.limits.messages_per_email.max = 2;
        c.limits.sms_per_country.max = 2;
        c.limits.challenge_after_ip_failures = 1000;
        c.limits.challenge_after_ip_messages = 1000;
        c.limits.lockout_free_failures = 100;
    })
    .await
    .unwrap();
    // Per identifier, from anywhere.
    for i in 0..3 {
        let res = sign_in(&app, &format!("192.0.2.{i}"), "ida@shop.example", "x").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let res = sign_in(&app, "192.0.2.99", "ida@shop.example", "x").await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: i64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3600).contains(&retry), "{retry}");
    let (_, code, body) = error_code(res).await;
    assert_eq!(code, "too_many_attempts");
    assert_eq!(body["error"]["retry_after"], retry);

    // Per /24 across accounts (spraying): 6 from 198.51.100.x, the 7th refused; another
    // /24 is unaffected.
    for i in 0..6 {
        let res = sign_in(
            &app,
            &format!("198.51.100.{i}"),
            &format!("s{i}@shop.example"),
            "x",
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{i}");
    }
    let res = sign_in(&app, "198.51.100.77", "s7@shop.example", "x").await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let res = sign_in(&app, "198.51.101.1", "s8@shop.example", "x").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    // Messages per email address.
    for _ in 0..2 {
        let res = app
            .post(
                "/api/login-codes",
                json!({"identifier": "mia@shop.example"}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::ACCEPTED);
    }
    let res = app
        .post(
            "/api/login-codes",
            json!({"identifier": "mia@shop.example"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    // Registration counts against the same address, before any hashing.
    let res = app
        .post(
            "/api/registrations",
            json!({"email": "mia@shop.example", "password": PW}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);

    // SMS per country calling code (pumping through a number range).
    for n in ["+447911123451", "+447911123452"] {
        let res = app.post("/api/login-codes", json!({"identifier": n})).await;
        assert_eq!(res.status(), StatusCode::ACCEPTED, "{n}");
    }
    let res = app
        .post("/api/login-codes", json!({"identifier": "+447911123453"}))
        .await;
    assert_eq!(
        res.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "a third +44 number"
    );
    let res = app
        .post("/api/login-codes", json!({"identifier": "+33612345678"}))
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED, "another country");

    // The window passes.
    app.advance(TimeDuration::hours(1));
    let res = sign_in(&app, "192.0.2.99", "ida@shop.example", "x").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn message_sends_from_one_ip_bring_a_challenge() {
    let app = spawn(Backend::Sqlite, |c| {
        c.limits.challenge_after_ip_messages = 2;
        c.limits.challenge_difficulty = 8;
    })
    .await
    .unwrap();
    let start = |to: &str, extra: Option<String>| {
        let mut req = app
            .client
            .post(app.url("/api/login-codes"))
            .header("x-forwarded-for", "203.0.113.80")
            .json(&json!({"identifier": to}));
        if let Some(h) = extra {
            req = req.header("latchkey-challenge", h);
        }
        req.send()
    };
    for i in 0..2 {
        assert_eq!(
            start(&format!("d{i}@shop.example"), None)
                .await
                .unwrap()
                .status(),
            202
        );
    }
    let (status, code, body) = error_code(start("d2@shop.example", None).await.unwrap()).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::FORBIDDEN, "challenge_required")
    );
    let solved = solution_header(&challenge_of(&body));
    assert_eq!(
        start("d2@shop.example", Some(solved))
            .await
            .unwrap()
            .status(),
        202
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forwarded_for_is_ignored_without_trusted_proxies() {
    let app = TestApp::spawn_with(Backend::Sqlite, |c| {
        c.limits.sign_in_per_ip.max = 2;
        c.limits.lockout_free_failures = 100;
    })
    .await
    .unwrap();
    for i in 0..2 {
        let res = sign_in(
            &app,
            &format!("192.0.2.{i}"),
            &format!("f{i}@shop.example"),
            "x",
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    // A spoofed X-Forwarded-For does not make a new client: the socket is 127.0.0.1.
    let res = sign_in(&app, "192.0.2.200", "f9@shop.example", "x").await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_hashing_queue_answers_503_fast_and_refused_requests_never_hash() {
    let app = spawn(Backend::Sqlite, |c| {
        c.hashing.workers = 1;
        c.hashing.queue = 0;
    })
    .await
    .unwrap();
    app.register("bo@shop.example", PW).await;
    let ips: Vec<String> = (0..12).map(|i| format!("192.0.2.{}", 100 + i)).collect();
    let results = futures::future::join_all(
        ips.iter()
            .map(|ip| sign_in(&app, ip, "bo@shop.example", PW)),
    )
    .await;
    let busy: Vec<_> = results
        .into_iter()
        .filter(|r| r.status() == StatusCode::SERVICE_UNAVAILABLE)
        .collect();
    assert!(
        !busy.is_empty(),
        "one worker, no queue: some of 12 must be refused"
    );
    for res in busy {
        assert_eq!(res.headers()["retry-after"], "1");
        let (_, code, _) = error_code(res).await;
        assert_eq!(code, "server_busy");
    }
    let ready: Value = app
        .client
        .get(app.url("/health/ready"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ready["limits"], "in_process");
}

/// 2,000 wrong passwords for 2,000 identifiers from one busy /24 while the real owner
/// signs in from home: the owner gets in. The flood is cut off by the per-IP challenge
/// and the per-network limit before it reaches Argon2.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_wrong_passwords_does_not_keep_the_owner_out() {
    let app = spawn(Backend::Sqlite, |_| {}).await.unwrap();
    app.register("owner@shop.example", PW).await;
    let flood = futures::stream::iter(0..2000)
        .map(|i| {
            let app = &app;
            async move {
                sign_in(
                    app,
                    &format!("203.0.113.{}", i % 20),
                    &format!("victim{i}@shop.example"),
                    "password123",
                )
                .await
                .status()
            }
        })
        .buffer_unordered(32)
        .collect::<Vec<_>>();
    let owner = async {
        tokio::time::sleep(Duration::from_millis(200)).await;
        sign_in(&app, "192.0.2.1", "owner@shop.example", PW).await
    };
    let (statuses, owner) = tokio::join!(flood, owner);
    assert_eq!(owner.status(), StatusCode::CREATED, "the owner signs in");
    assert_eq!(statuses.len(), 2000);
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::FORBIDDEN || **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert!(
        refused > 1500,
        "most of the flood refused before hashing: {refused}"
    );
    assert!(statuses.iter().all(|s| *s != StatusCode::CREATED));
}

// --- Redis and PostgreSQL ----------------------------------------------------------------

fn redis_url(what: &str) -> Option<String> {
    match std::env::var("TEST_REDIS_URL") {
        Ok(url) => Some(url),
        Err(_) => {
            assert!(
                std::env::var("LATCHKEY_REQUIRE_PEERS").as_deref() != Ok("1"),
                "{what}: TEST_REDIS_URL required (LATCHKEY_REQUIRE_PEERS=1)"
            );
            eprintln!("SKIPPED: {what} (TEST_REDIS_URL not set)");
            None
        }
    }
}

fn random_ip() -> String {
    let n = uuid::Uuid::now_v7().as_u128();
    format!("10.{}.{}.{}", (n >> 16) as u8, (n >> 8) as u8, n as u8)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_on_one_redis_and_one_postgres_share_lockout_and_limits() {
    let Some(redis) = redis_url("two nodes on Redis + PostgreSQL") else {
        return;
    };
    let Ok(admin) = std::env::var("TEST_DATABASE_URL") else {
        eprintln!("SKIPPED: two nodes on Redis + PostgreSQL (TEST_DATABASE_URL not set)");
        return;
    };
    let db = fresh_postgres_database(&admin).await;
    let node = |db: String, redis: String| {
        spawn(Backend::Sqlite, move |c| {
            c.database_url = db;
            c.redis_url = Some(redis.into());
            c.secret_key = Some("a shared secret key of at least thirty-two chars".into());
        })
    };
    let a = node(db.clone(), redis.clone()).await.unwrap();
    let b = node(db.clone(), redis).await.unwrap();
    let ready: Value = a
        .client
        .get(a.url("/health/ready"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ready["limits"], "redis");

    let email = format!("n{}@shop.example", uuid::Uuid::now_v7().simple());
    a.register(&email, PW).await;
    // Lockout: failures on both nodes add up; both answer 429.
    for i in 0..5 {
        let node = if i % 2 == 0 { &a } else { &b };
        let res = sign_in(node, &random_ip(), &email, "x").await;
        let status = res.status();
        assert_eq!(status, 401, "{i}: {}", res.text().await.unwrap());
    }
    assert_eq!(sign_in(&a, &random_ip(), &email, PW).await.status(), 429);
    assert_eq!(sign_in(&b, &random_ip(), &email, PW).await.status(), 429);
    // A device token issued by one node works on the other (same secret key).
    a.advance(TimeDuration::minutes(5));
    b.advance(TimeDuration::minutes(5));
    let res = sign_in(&a, &random_ip(), &email, PW).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let device = res.json::<Value>().await.unwrap()["device_token"]
        .as_str()
        .unwrap()
        .to_owned();
    for _ in 0..5 {
        sign_in(&a, &random_ip(), &email, "x").await;
    }
    let res = sign_in_with(
        &b,
        &random_ip(),
        &email,
        PW,
        &[("latchkey-device", &device)],
    )
    .await;
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "node b trusts node a's device token"
    );

    // A shared rate-limit counter (failures per IP, in Redis): a fresh identifier per
    // attempt from one IP, alternating nodes.
    let ip = random_ip();
    let mut statuses = Vec::new();
    for i in 0..12 {
        let node = if i % 2 == 0 { &a } else { &b };
        let who = format!("p{i}-{}@shop.example", uuid::Uuid::now_v7().simple());
        statuses.push(sign_in(node, &ip, &who, "x").await.status().as_u16());
    }
    // The 11th failure from one IP brings the challenge, on either node.
    assert_eq!(&statuses[..10], &[401; 10], "{statuses:?}");
    assert_eq!(&statuses[10..], &[403, 403], "{statuses:?}");
    latchkey_testkit::drop_postgres_database(&db).await;
}

/// Our own redis-server on a free port, killed mid-test.
struct RedisChild(std::process::Child);

impl Drop for RedisChild {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_keeps_working_when_redis_stops() {
    let Ok(which) = std::process::Command::new("which")
        .arg("redis-server")
        .output()
    else {
        return;
    };
    if !which.status.success() {
        assert!(
            std::env::var("LATCHKEY_REQUIRE_PEERS").as_deref() != Ok("1"),
            "redis-server required (LATCHKEY_REQUIRE_PEERS=1)"
        );
        eprintln!("SKIPPED: Redis outage test (redis-server not installed)");
        return;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = std::process::Command::new("redis-server")
        .args([
            "--port",
            &port.to_string(),
            "--save",
            "",
            "--appendonly",
            "no",
            "--bind",
            "127.0.0.1",
        ])
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("start redis-server");
    let mut redis = RedisChild(child);
    let url = format!("redis://127.0.0.1:{port}");
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let app = spawn(Backend::Sqlite, |c| c.redis_url = Some(url.into()))
        .await
        .unwrap();
    let ready = |app: &TestApp| {
        let req = app.client.get(app.url("/health/ready")).send();
        async move { req.await.unwrap().json::<Value>().await.unwrap()["limits"].clone() }
    };
    app.register("rae@shop.example", PW).await;
    assert_eq!(
        sign_in(&app, "192.0.2.5", "rae@shop.example", PW)
            .await
            .status(),
        201
    );
    assert_eq!(ready(&app).await, "redis");

    redis.0.kill().unwrap();
    redis.0.wait().unwrap();

    assert_eq!(
        sign_in(&app, "192.0.2.5", "rae@shop.example", PW)
            .await
            .status(),
        201
    );
    assert_eq!(ready(&app).await, "in_process (redis unreachable)");
    // Limits still count (in process): wrong passwords are still refused properly.
    assert_eq!(
        sign_in(&app, "192.0.2.5", "rae@shop.example", "x")
            .await
            .status(),
        401
    );
    app.register("sam@shop.example", PW).await;
    assert_eq!(
        sign_in(&app, "192.0.2.6", "sam@shop.example", PW)
            .await
            .status(),
        201
    );
    assert!(
        latchkey_testkit::captured_logs().contains("Redis unreachable"),
        "the fallback is logged"
    );
}

/// A flood against a locked account is answered without a write per guess, yet guessing
/// that goes on still grows the lock, one doubling per second of guessing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_on_a_locked_account_grows_the_lock_once_per_second() {
    let app = spawn(Backend::Sqlite, |c| {
        c.limits.challenge_after_ip_failures = u64::MAX;
    })
    .await
    .unwrap();
    app.register("flo@shop.example", PW).await;
    let retry = |res: reqwest::Response| -> i64 {
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
        res.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap()
    };
    for _ in 0..5 {
        let res = sign_in(&app, "198.51.100.7", "flo@shop.example", "wrong").await;
        assert_eq!(
            res.status(),
            StatusCode::UNAUTHORIZED,
            "the free failures (the 5th locks)"
        );
    }
    let locked = retry(sign_in(&app, "198.51.100.7", "flo@shop.example", "wrong").await);
    assert!(
        (55..=60).contains(&locked),
        "the 5th failure locks for a minute: {locked}"
    );
    for _ in 0..20 {
        let again = retry(sign_in(&app, "198.51.100.7", "flo@shop.example", "wrong").await);
        assert_eq!(
            again, locked,
            "within the same second the lock is not written again"
        );
    }
    app.advance(TimeDuration::seconds(2));
    let grown = retry(sign_in(&app, "198.51.100.7", "flo@shop.example", "wrong").await);
    assert!(
        grown > locked,
        "guessing on grows the lock: {locked} → {grown}"
    );
}
