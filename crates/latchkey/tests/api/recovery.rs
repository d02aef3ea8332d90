//! Password recovery end to end: by code and by link, through the dev mailbox, a real SMTP
//! server and an SMS webhook; code rules (cooldown, 5 tries, 3-code window, expiry);
//! single-use links; races; enumeration safety (same answer, same time, same store work);
//! channel switching; "this wasn't me".

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use latchkey_testkit::{Backend, TestApp, error_code, extract_code};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::{Duration as StdDuration, Instant};
use time::Duration;

const PASSWORD: &str = "correct horse battery";
const NEW_PASSWORD: &str = "tangerine submarine orchestra";

latchkey_testkit::both_backends!(
    full_recovery_by_email_code_ends_every_session,
    reset_link_is_single_use_and_built_from_public_url,
    old_link_dies_when_the_password_changes,
    twenty_parallel_codes_give_one_reset_token,
    twenty_parallel_resets_give_one_success,
    resend_waits_and_the_last_three_codes_work,
    five_tries_survive_resends,
    codes_and_tokens_expire,
    weak_and_same_passwords_are_refused,
    same_answer_for_known_unknown_and_passwordless,
    recovery_status_shows_only_what_was_typed,
    typed_phone_gets_the_code_only_when_it_matches,
    this_wasnt_me_blocks_until_recovery,
    method_hint_names_the_sign_in_methods,
    pages_recover_by_code_and_by_link,
    page_sends_to_a_typed_phone_with_a_labelled_field,
);

// --- helpers ---------------------------------------------------------------------------

const RESET_MAIL: &str = "password reset code";
const RESET_EMAIL: &str = "reset the password of your";

/// The URL and token of the link to `path` in a message text.
fn link_token(text: &str, path: &str) -> (String, String) {
    let url = text
        .split_whitespace()
        .find(|w| w.starts_with("http") && w.contains(path))
        .unwrap_or_else(|| panic!("no {path} link in {text}"))
        .to_owned();
    let token = url.split("token=").nth(1).unwrap().to_owned();
    (url, token)
}

/// The code of a raw email: alone on its line in the text part.
fn mail_code(mail: &str) -> String {
    mail.lines()
        .map(str::trim)
        .find(|l| l.len() == 6 && l.bytes().all(|b| b.is_ascii_digit()))
        .expect("a code on its own line")
        .to_owned()
}

async fn start(app: &TestApp, identifier: &str) -> String {
    let res = app
        .post("/api/recovery", json!({"identifier": identifier}))
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["resend_after"], 60);
    body["flow_id"].as_str().unwrap().to_owned()
}

async fn submit(app: &TestApp, flow: &str, code: &str) -> reqwest::Response {
    app.post(&format!("/api/recovery/{flow}/code"), json!({"code": code}))
        .await
}

async fn reset_token_by_code(app: &TestApp, email: &str, nth: usize) -> String {
    let flow = start(app, email).await;
    let code = app.nth_code(email, RESET_EMAIL, nth).await;
    let res = submit(app, &flow, &code).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json::<Value>().await.unwrap()["reset_token"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn reset(app: &TestApp, token: &str, password: &str) -> reqwest::Response {
    app.post(
        "/api/recovery/reset",
        json!({"reset_token": token, "new_password": password}),
    )
    .await
}

async fn sign_in(app: &TestApp, identifier: &str, password: &str) -> StatusCode {
    app.post(
        "/api/sessions",
        json!({"identifier": identifier, "password": password}),
    )
    .await
    .status()
}

async fn register_passwordless(app: &TestApp, email: &str) {
    let res = app
        .post("/api/registrations", json!({"email": email}))
        .await;
    let flow = res.json::<Value>().await.unwrap()["flow_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let code = app.code_for(email, 1).await;
    let res = app
        .post(
            &format!("/api/registrations/{flow}/code"),
            json!({"code": code}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
}

fn wrong(code: &str) -> String {
    format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000)
}

// --- the journeys ----------------------------------------------------------------------

async fn full_recovery_by_email_code_ends_every_session(app: TestApp) {
    let email = "ada@shop.example";
    let first = app.register(email, PASSWORD).await;
    let res = app
        .post(
            "/api/sessions",
            json!({"identifier": email, "password": PASSWORD}),
        )
        .await;
    let second = res.json::<Value>().await.unwrap()["session_token"]
        .as_str()
        .unwrap()
        .to_owned();

    let token = reset_token_by_code(&app, email, 1).await;
    assert!(token.len() >= 22, "≥ 128 bits");
    let res = reset(&app, &token, NEW_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);

    for session in [&first, &second] {
        let res = app.get_auth("/api/session", session).await;
        assert_eq!(
            res.status(),
            StatusCode::UNAUTHORIZED,
            "every session ended"
        );
    }
    assert_eq!(
        sign_in(&app, email, PASSWORD).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        sign_in(&app, email, NEW_PASSWORD).await,
        StatusCode::CREATED
    );

    let notice = app.message_with(email, "was just changed").await;
    assert_eq!(notice["subject"], "Your Test Shop password was changed");
    let text = notice["text"].as_str().unwrap();
    link_token(text, "/security/report?token=");
    assert!(
        !text.contains(NEW_PASSWORD),
        "the password is never in a message"
    );
    // The token is single use.
    let (status, code, _) = error_code(reset(&app, &token, "another fine password 9").await).await;
    assert_eq!((status, code.as_str()), (StatusCode::GONE, "flow_expired"));
    // No secret in the logs.
    let logs = latchkey_testkit::captured_logs();
    assert!(!logs.contains(&token), "reset token logged");
}

async fn reset_link_is_single_use_and_built_from_public_url(app: TestApp) {
    let email = "bo@shop.example";
    app.register(email, PASSWORD).await;
    // A request with a forged Host header still gets links to the configured URL.
    let res = app
        .client
        .post(app.url("/api/recovery"))
        .header("Host", "evil.example")
        .json(&json!({"identifier": email}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let mail = app.message_with(email, RESET_EMAIL).await;
    let text = mail["text"].as_str().unwrap();
    let (url, token) = link_token(text, "/recovery/link?token=");
    // The configured public URL (dev mode's default, `localhost`), never the request's
    // Host header (the test's client talks to 127.0.0.1 on another port).
    assert!(
        url.starts_with("http://localhost:8080/recovery/link?token="),
        "{url}"
    );
    assert!(!text.contains("evil.example"));
    assert!(token.len() >= 22, "≥ 128 bits");
    assert!(
        mail["text"]
            .as_str()
            .unwrap()
            .contains(&extract_code(text).unwrap())
    );

    let res = reset(&app, &token, NEW_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let (status, code, _) =
        error_code(reset(&app, &token, "yet another good password").await).await;
    assert_eq!((status, code.as_str()), (StatusCode::GONE, "flow_expired"));
    assert_eq!(
        sign_in(&app, email, NEW_PASSWORD).await,
        StatusCode::CREATED
    );
}

async fn old_link_dies_when_the_password_changes(app: TestApp) {
    let email = "cy@shop.example";
    app.register(email, PASSWORD).await;
    start(&app, email).await;
    let mail = app.message_with(email, RESET_EMAIL).await;
    let (_, old_link) = link_token(mail["text"].as_str().unwrap(), "/recovery/link?token=");
    // A newer recovery completes by code.
    app.advance(Duration::seconds(1));
    let token = reset_token_by_code(&app, email, 2).await;
    assert_eq!(
        reset(&app, &token, NEW_PASSWORD).await.status(),
        StatusCode::NO_CONTENT
    );
    let (status, code, _) =
        error_code(reset(&app, &old_link, "an entirely new phrase").await).await;
    assert_eq!((status, code.as_str()), (StatusCode::GONE, "flow_expired"));
    assert_eq!(
        sign_in(&app, email, NEW_PASSWORD).await,
        StatusCode::CREATED
    );
}

async fn twenty_parallel_codes_give_one_reset_token(app: TestApp) {
    let email = "dee@shop.example";
    app.register(email, PASSWORD).await;
    let flow = start(&app, email).await;
    let code = app.nth_code(email, RESET_EMAIL, 1).await;
    let tries = (0..20).map(|_| submit(&app, &flow, &code));
    let results = futures::future::join_all(tries).await;
    let ok = results
        .iter()
        .filter(|r| r.status() == StatusCode::OK)
        .count();
    assert_eq!(ok, 1, "exactly one reset token");
    for r in results.iter().filter(|r| r.status() != StatusCode::OK) {
        assert_eq!(r.status(), StatusCode::GONE);
    }
}

async fn twenty_parallel_resets_give_one_success(app: TestApp) {
    let email = "eli@shop.example";
    app.register(email, PASSWORD).await;
    let token = reset_token_by_code(&app, email, 1).await;
    let passwords: Vec<String> = (0..20).map(|n| format!("{NEW_PASSWORD} {n}")).collect();
    let tries = passwords.iter().map(|p| reset(&app, &token, p));
    let results = futures::future::join_all(tries).await;
    let statuses: Vec<StatusCode> = results.iter().map(|r| r.status()).collect();
    let ok = statuses
        .iter()
        .filter(|s| **s == StatusCode::NO_CONTENT)
        .count();
    assert_eq!(ok, 1, "exactly one reset: {statuses:?}");
    for s in &statuses {
        assert!(
            [
                StatusCode::NO_CONTENT,
                StatusCode::GONE,
                StatusCode::SERVICE_UNAVAILABLE
            ]
            .contains(s),
            "{statuses:?}"
        );
    }
    // One notice, not twenty.
    app.message_with(email, "was just changed").await;
    assert_eq!(app.count_with(email, "was just changed").await, 1);
}

async fn resend_waits_and_the_last_three_codes_work(app: TestApp) {
    let email = "fay@shop.example";
    app.register(email, PASSWORD).await;
    let flow = start(&app, email).await;
    let resend = format!("/api/recovery/{flow}/resend");
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
    // Without a body, too.
    let res = app.client.post(app.url(&resend)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);

    let status: Value = app
        .client
        .get(app.url(&format!("/api/recovery/{flow}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!((1..=60).contains(&status["resend_after"].as_i64().unwrap()));

    let mut codes = vec![app.nth_code(email, RESET_EMAIL, 1).await];
    for n in 2..=4 {
        app.advance(Duration::seconds(61));
        assert_eq!(
            app.post(&resend, json!({})).await.status(),
            StatusCode::ACCEPTED
        );
        codes.push(app.nth_code(email, RESET_EMAIL, n).await);
    }
    // The first of four is outside the window of three.
    let (status, c, _) = error_code(submit(&app, &flow, &codes[0]).await).await;
    if codes[0] != codes[1] && codes[0] != codes[2] && codes[0] != codes[3] {
        assert_eq!(
            (status, c.as_str()),
            (StatusCode::BAD_REQUEST, "invalid_code")
        );
    }
    // The oldest of the last three (a delayed SMS) still works.
    let res = submit(&app, &flow, &codes[1]).await;
    assert_eq!(res.status(), StatusCode::OK);
}

async fn five_tries_survive_resends(app: TestApp) {
    let email = "gus@shop.example";
    app.register(email, PASSWORD).await;
    let flow = start(&app, email).await;
    let code = app.nth_code(email, RESET_EMAIL, 1).await;
    for left in [4, 3] {
        let (status, c, body) = error_code(submit(&app, &flow, &wrong(&code)).await).await;
        assert_eq!(
            (status, c.as_str()),
            (StatusCode::BAD_REQUEST, "invalid_code")
        );
        assert_eq!(body["error"]["attempts_left"], left);
    }
    app.advance(Duration::seconds(61));
    let res = app
        .post(&format!("/api/recovery/{flow}/resend"), json!({}))
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let fresh = app.nth_code(email, RESET_EMAIL, 2).await;
    let (_, _, body) = error_code(submit(&app, &flow, "abc").await).await;
    assert_eq!(
        body["error"]["attempts_left"], 2,
        "a resend does not reset the count"
    );
    for _ in 0..2 {
        submit(&app, &flow, &wrong(&fresh)).await;
    }
    let (status, c, _) = error_code(submit(&app, &flow, &fresh).await).await;
    assert_eq!((status, c.as_str()), (StatusCode::GONE, "flow_expired"));
}

async fn codes_and_tokens_expire(app: TestApp) {
    let email = "hal@shop.example";
    app.register(email, PASSWORD).await;
    let flow = start(&app, email).await;
    let code = app.nth_code(email, RESET_EMAIL, 1).await;
    app.advance(Duration::minutes(15) + Duration::seconds(1));
    let (status, c, _) = error_code(submit(&app, &flow, &code).await).await;
    assert_eq!((status, c.as_str()), (StatusCode::GONE, "flow_expired"));

    // A link lives 2 hours.
    let mail = app.message_with(email, RESET_EMAIL).await;
    let (_, link) = link_token(mail["text"].as_str().unwrap(), "/recovery/link?token=");
    app.advance(Duration::hours(2));
    let (status, c, _) = error_code(reset(&app, &link, NEW_PASSWORD).await).await;
    assert_eq!((status, c.as_str()), (StatusCode::GONE, "flow_expired"));

    // So does the token a code yields.
    app.advance(Duration::seconds(61));
    let token = reset_token_by_code(&app, email, 2).await;
    app.advance(Duration::hours(2) + Duration::seconds(1));
    let (status, c, _) = error_code(reset(&app, &token, NEW_PASSWORD).await).await;
    assert_eq!((status, c.as_str()), (StatusCode::GONE, "flow_expired"));
    assert_eq!(sign_in(&app, email, PASSWORD).await, StatusCode::CREATED);
}

async fn weak_and_same_passwords_are_refused(app: TestApp) {
    let email = "ivy@shop.example";
    app.register(email, PASSWORD).await;
    let token = reset_token_by_code(&app, email, 1).await;
    let (status, c, body) = error_code(reset(&app, &token, "password").await).await;
    assert_eq!(
        (status, c.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "weak_password")
    );
    assert!(!body["error"]["problems"].as_array().unwrap().is_empty());
    let (status, c, body) = error_code(reset(&app, &token, PASSWORD).await).await;
    assert_eq!(
        (status, c.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "weak_password")
    );
    assert_eq!(body["error"]["problems"][0]["code"], "same_as_current");
    // Refusals use nothing: the token still works.
    assert_eq!(
        reset(&app, &token, NEW_PASSWORD).await.status(),
        StatusCode::NO_CONTENT
    );
}

async fn same_answer_for_known_unknown_and_passwordless(app: TestApp) {
    app.register("jo@shop.example", PASSWORD).await;
    register_passwordless(&app, "kai@shop.example").await;
    let mut shapes = Vec::new();
    for who in ["jo@shop.example", "nobody@shop.example", "kai@shop.example"] {
        let res = app.post("/api/recovery", json!({"identifier": who})).await;
        assert_eq!(res.status(), StatusCode::ACCEPTED, "{who}");
        let body: Value = res.json().await.unwrap();
        let mut keys: Vec<String> = body.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        shapes.push(keys);
        // Every identifier gets a real flow with the same view.
        let flow = body["flow_id"].as_str().unwrap();
        let status: Value = app
            .client
            .get(app.url(&format!("/api/recovery/{flow}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(status["channels"].as_array().unwrap().len(), 1, "{who}");
        assert_eq!(status["channels"][0]["channel"], "email");
        let masked = status["channels"][0]["masked"].as_str().unwrap();
        assert_eq!(masked, format!("{}•••@shop.example", &who[..1]), "{who}");
        // Resend behaves alike too.
        let res = app
            .post(&format!("/api/recovery/{flow}/resend"), json!({}))
            .await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "{who}");
    }
    assert!(shapes.windows(2).all(|w| w[0] == w[1]), "{shapes:?}");

    // What is sent differs: a code, a "no account" note, a method hint.
    app.message_with("jo@shop.example", RESET_EMAIL).await;
    let none = app
        .message_with("nobody@shop.example", "no account uses")
        .await;
    assert!(extract_code(none["text"].as_str().unwrap()).is_none());
    let hint = app.message_with("kai@shop.example", "signs in with").await;
    let text = hint["text"].as_str().unwrap();
    assert!(text.contains("one-time code by email"), "{text}");
    assert!(!text.contains("reset code"));

    // Unknown phone numbers get nothing (SMS costs money), but the same answer.
    let res = app
        .post("/api/recovery", json!({"identifier": "+447946001899"}))
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    assert!(app.mailbox("+447946001899").await.is_empty());
}

fn median(mut v: Vec<StdDuration>) -> StdDuration {
    v.sort();
    v[v.len() / 2]
}

/// 600 requests from one address to three identifiers: far past the send limits and the
/// challenge, which would answer before any lookup and hide what this test measures.
async fn spawn_unlimited(backend: Backend) -> Option<TestApp> {
    TestApp::spawn_with(backend, |c| {
        c.limits.messages_per_ip.max = 1_000_000;
        c.limits.messages_per_email.max = 1_000_000;
        c.limits.challenge_after_ip_messages = u64::MAX;
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_latency_does_not_tell_who_has_an_account() {
    if let Some(app) = spawn_unlimited(Backend::Sqlite).await {
        latency_does_not_tell_who_has_an_account(app).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_latency_does_not_tell_who_has_an_account() {
    if let Some(app) = spawn_unlimited(Backend::Postgres).await {
        latency_does_not_tell_who_has_an_account(app).await;
    }
}

async fn latency_does_not_tell_who_has_an_account(app: TestApp) {
    app.register("lu@shop.example", PASSWORD).await;
    register_passwordless(&app, "mo@shop.example").await;
    let who = ["lu@shop.example", "nobody@shop.example", "mo@shop.example"];
    let mut last = String::new();
    for attempt in 1..=3 {
        let mut times: [Vec<StdDuration>; 3] = Default::default();
        // Interleaved, so background noise (the courier, other tests) hits all alike.
        for _ in 0..200 {
            for (i, identifier) in who.iter().enumerate() {
                let t = Instant::now();
                let res = app
                    .post("/api/recovery", json!({"identifier": identifier}))
                    .await;
                times[i].push(t.elapsed());
                assert_eq!(res.status(), StatusCode::ACCEPTED);
            }
        }
        let medians: Vec<StdDuration> = times.into_iter().map(median).collect();
        let max = *medians.iter().max().unwrap();
        let min = *medians.iter().min().unwrap();
        let tolerance = (min / 10).max(StdDuration::from_millis(3));
        last = format!("attempt {attempt}: medians {medians:?}");
        eprintln!("{last}");
        if max - min < tolerance {
            return;
        }
    }
    panic!("latency tells known from unknown: {last}");
}

async fn status(app: &TestApp, flow: &str) -> Value {
    app.client
        .get(app.url(&format!("/api/recovery/{flow}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// The status with the masked destination blanked: what must not differ between accounts.
fn shape(mut status: Value) -> Value {
    for c in status["channels"].as_array_mut().unwrap() {
        c["masked"] = json!("");
    }
    status
}

/// Audit finding 3: the status of a flow for an email whose account has a verified phone
/// looks exactly like that of an email nobody uses, and shows nothing of the phone.
async fn recovery_status_shows_only_what_was_typed(app: TestApp) {
    let email = "nia@shop.example";
    app.register_with_phone(email, "+447946001800", PASSWORD)
        .await;
    let mut seen = Vec::new();
    for who in [email, "nobody@shop.example"] {
        for body in [
            json!({"identifier": who}),
            json!({"identifier": who, "channel": "sms"}),
        ] {
            let res = app.post("/api/recovery", body).await;
            assert_eq!(res.status(), StatusCode::ACCEPTED);
            let flow = res.json::<Value>().await.unwrap()["flow_id"]
                .as_str()
                .unwrap()
                .to_owned();
            let status = status(&app, &flow).await;
            let text = status.to_string();
            for leak in ["+44", "7946", "1800", "••00"] {
                assert!(!text.contains(leak), "{who}: {leak} in {text}");
            }
            assert_eq!(status["channel"], "email", "{who}: {text}");
            assert_eq!(status["channels"].as_array().unwrap().len(), 1, "{text}");
            assert_eq!(
                status["channels"][0]["masked"],
                format!("{}•••@shop.example", &who[..1])
            );
            assert_eq!(status["other_channels"], json!(["sms"]), "{text}");
            seen.push(shape(status));
        }
    }
    assert!(seen.windows(2).all(|w| w[0] == w[1]), "{seen:?}");
    // Asking for SMS at the start sent nothing to the account's phone.
    assert_eq!(app.count_with("+447946001800", RESET_MAIL).await, 0);
}

/// "Send it to my phone instead": the person types the phone; a code goes there only
/// when it is a verified phone of the account, and the answers are the same either way.
async fn typed_phone_gets_the_code_only_when_it_matches(app: TestApp) {
    let email = "ola@shop.example";
    let phone = "+447946001801";
    app.register_with_phone(email, phone, PASSWORD).await;
    let known = start(&app, email).await;
    let unknown = start(&app, "nobody@shop.example").await;
    app.advance(Duration::seconds(61));
    let mut answers = Vec::new();
    // Not the account's phone; then the account's phone, for an email nobody uses.
    for (flow, typed) in [(&known, "+447946009999"), (&unknown, phone)] {
        let res = app
            .post(
                &format!("/api/recovery/{flow}/resend"),
                json!({"phone": typed}),
            )
            .await;
        answers.push((res.status(), res.json::<Value>().await.unwrap()));
    }
    // The account's phone, typed in another format.
    app.advance(Duration::seconds(61));
    let res = app
        .post(
            &format!("/api/recovery/{known}/resend"),
            json!({"channel": "sms", "phone": "+44 7946 001801"}),
        )
        .await;
    answers.push((res.status(), res.json::<Value>().await.unwrap()));
    for (status, body) in &answers {
        assert_eq!(*status, StatusCode::ACCEPTED);
        let mut keys: Vec<_> = body.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(keys, vec!["flow_id", "resend_after"], "{body}");
    }
    let sms = app.message_with(phone, RESET_MAIL).await;
    let text = sms["text"].as_str().unwrap();
    assert_eq!(app.count_with(phone, RESET_MAIL).await, 1, "only the match");
    assert!(app.mailbox("+447946009999").await.is_empty());
    assert!(!text.contains("token="), "no link by SMS");
    // The flows now show the typed number, masked, and nothing else.
    for (flow, typed) in [(&known, "••01"), (&unknown, "••01")] {
        let status = status(&app, flow).await;
        assert_eq!(status["channel"], "sms");
        assert_eq!(status["channels"].as_array().unwrap().len(), 1);
        assert!(
            status["channels"][0]["masked"]
                .as_str()
                .unwrap()
                .ends_with(typed)
        );
    }
    let res = submit(&app, &known, &extract_code(text).unwrap()).await;
    assert_eq!(res.status(), StatusCode::OK);

    // Another channel without typing the address is refused alike for everyone.
    let again = start(&app, email).await;
    let nobody = start(&app, "nobody2@shop.example").await;
    app.advance(Duration::seconds(61));
    for flow in [&again, &nobody] {
        let res = app
            .post(
                &format!("/api/recovery/{flow}/resend"),
                json!({"channel": "sms"}),
            )
            .await;
        let (status, code, body) = error_code(res).await;
        assert_eq!(
            (status, code.as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, "invalid_input")
        );
        assert_eq!(body["error"]["field"], "phone", "{body}");
    }
    assert_eq!(app.count_with(phone, RESET_MAIL).await, 1);
}

async fn this_wasnt_me_blocks_until_recovery(app: TestApp) {
    let email = "pat@shop.example";
    app.register(email, PASSWORD).await;
    let token = reset_token_by_code(&app, email, 1).await;
    assert_eq!(
        reset(&app, &token, NEW_PASSWORD).await.status(),
        StatusCode::NO_CONTENT
    );
    let res = app
        .post(
            "/api/sessions",
            json!({"identifier": email, "password": NEW_PASSWORD}),
        )
        .await;
    let session = res.json::<Value>().await.unwrap()["session_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let notice = app.message_with(email, "was just changed").await;
    let (_, report) = link_token(notice["text"].as_str().unwrap(), "/security/report?token=");
    let res = app
        .post("/api/security/report", json!({"token": report}))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = app.get_auth("/api/session", &session).await;
    assert_eq!(
        res.status(),
        StatusCode::UNAUTHORIZED,
        "signed out everywhere"
    );
    let res = app
        .post(
            "/api/sessions",
            json!({"identifier": email, "password": NEW_PASSWORD}),
        )
        .await;
    let (status, c, _) = error_code(res).await;
    assert_eq!(
        (status, c.as_str()),
        (StatusCode::FORBIDDEN, "account_blocked")
    );
    // Single use.
    let res = app
        .post("/api/security/report", json!({"token": report}))
        .await;
    assert_eq!(res.status(), StatusCode::GONE);

    // Recovery lifts the block.
    app.advance(Duration::seconds(61));
    let token = reset_token_by_code(&app, email, 2).await;
    assert_eq!(
        reset(&app, &token, "my own new phrase 2024").await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        sign_in(&app, email, "my own new phrase 2024").await,
        StatusCode::CREATED
    );
}

async fn method_hint_names_the_sign_in_methods(app: TestApp) {
    app.register("quinn@shop.example", PASSWORD).await;
    register_passwordless(&app, "rae@shop.example").await;
    for who in [
        "quinn@shop.example",
        "rae@shop.example",
        "nope@shop.example",
    ] {
        let res = app
            .post("/api/method-hint", json!({"identifier": who}))
            .await;
        assert_eq!(res.status(), StatusCode::ACCEPTED, "{who}");
        assert_eq!(res.json::<Value>().await.unwrap(), json!({}));
    }
    let quinn = app
        .message_with("quinn@shop.example", "signs in with")
        .await;
    assert!(quinn["text"].as_str().unwrap().contains("password"));
    let rae = app.message_with("rae@shop.example", "signs in with").await;
    assert!(
        rae["text"]
            .as_str()
            .unwrap()
            .contains("one-time code by email")
    );
    app.message_with("nope@shop.example", "no account uses")
        .await;
}

// --- the notice for unknown email can be turned off ------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_email_notice_can_be_turned_off() {
    let app = TestApp::spawn_with(Backend::Sqlite, |c| {
        c.recovery.notify_unknown_email = false;
    })
    .await
    .unwrap();
    start(&app, "ghost@shop.example").await;
    assert!(app.mailbox("ghost@shop.example").await.is_empty());
}

// --- real transports -------------------------------------------------------------------

/// Full recovery with a real SMTP server (aiosmtpd) receiving every email.
async fn recovery_by_real_smtp(backend: Backend) {
    let Some(smtpd) = crate::smtp::start_smtpd().await else {
        return;
    };
    let port = smtpd.port;
    let Some(app) = TestApp::spawn_with(backend, |c| {
        c.smtp_url = Some(format!("smtp://127.0.0.1:{port}").into());
        c.smtp_from = "accounts@shop.example".into();
    })
    .await
    else {
        return;
    };
    let email = "sam@shop.example";
    let res = app
        .post(
            "/api/registrations",
            json!({"email": email, "password": PASSWORD}),
        )
        .await;
    let flow = res.json::<Value>().await.unwrap()["flow_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mail = crate::smtp::wait_for_mail(&app, &smtpd, "Confirm your email").await;
    let code = mail_code(&mail);
    let res = app
        .post(
            &format!("/api/registrations/{flow}/code"),
            json!({"code": code}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);

    let flow = start(&app, email).await;
    let mail = crate::smtp::wait_for_mail(&app, &smtpd, "Reset your Test Shop password").await;
    assert!(mail.contains("multipart/alternative"));
    let code = mail_code(&mail);
    let res = submit(&app, &flow, &code).await;
    assert_eq!(res.status(), StatusCode::OK);
    let token = res.json::<Value>().await.unwrap()["reset_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        reset(&app, &token, NEW_PASSWORD).await.status(),
        StatusCode::NO_CONTENT
    );
    crate::smtp::wait_for_mail(&app, &smtpd, "password was changed").await;
    assert_eq!(
        sign_in(&app, email, NEW_PASSWORD).await,
        StatusCode::CREATED
    );
    assert!(app.mailbox(email).await.is_empty(), "not the dev mailbox");
}

/// An SMS gateway on loopback: records every webhook call.
async fn start_sms_gateway() -> (String, std::sync::Arc<std::sync::Mutex<Vec<Value>>>) {
    use axum::routing::post;
    let received = std::sync::Arc::new(std::sync::Mutex::new(Vec::<Value>::new()));
    let sink = received.clone();
    let router = axum::Router::new().route(
        "/sms",
        post(move |axum::Json(body): axum::Json<Value>| {
            let sink = sink.clone();
            async move {
                sink.lock().unwrap().push(body);
                axum::http::StatusCode::OK
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/sms", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });
    (url, received)
}

/// The newest SMS to `to` containing `needle`, once the courier has delivered (the
/// gateway records a call before it answers, so it is there when the send returns).
async fn sms_with(
    app: &TestApp,
    received: &std::sync::Mutex<Vec<Value>>,
    to: &str,
    needle: &str,
) -> String {
    app.drain_courier().await;
    let received = received.lock().unwrap();
    let body = received
        .iter()
        .rev()
        .find(|m| m["to"] == to && m["body"].as_str().is_some_and(|b| b.contains(needle)))
        .unwrap_or_else(|| panic!("no SMS to {to} containing {needle:?}"));
    body["body"].as_str().unwrap().to_owned()
}

/// Full recovery of a phone-only account through an SMS webhook on loopback.
async fn recovery_by_sms_webhook(backend: Backend) {
    let (url, received) = start_sms_gateway().await;
    let Some(app) = TestApp::spawn_with(backend, |c| {
        c.sms_url = Some(url.clone().into());
    })
    .await
    else {
        return;
    };
    let phone = "+447946001801";
    let res = app
        .post(
            "/api/registrations",
            json!({"phone": "+44 7946 001801", "password": PASSWORD}),
        )
        .await;
    let flow = res.json::<Value>().await.unwrap()["flow_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let body = sms_with(&app, &received, phone, "verification code").await;
    let res = app
        .post(
            &format!("/api/registrations/{flow}/code"),
            json!({"code": extract_code(&body).unwrap()}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);

    let flow = start(&app, "+44 7946 001801").await;
    let body = sms_with(&app, &received, phone, RESET_MAIL).await;
    let code = extract_code(&body).unwrap();
    assert!(body.starts_with(&code), "{body}");
    let res = submit(&app, &flow, &code).await;
    assert_eq!(res.status(), StatusCode::OK);
    let token = res.json::<Value>().await.unwrap()["reset_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        reset(&app, &token, NEW_PASSWORD).await.status(),
        StatusCode::NO_CONTENT
    );
    let notice = sms_with(&app, &received, phone, "was changed").await;
    assert!(notice.contains("/security/report?token="), "{notice}");
    assert_eq!(
        sign_in(&app, phone, NEW_PASSWORD).await,
        StatusCode::CREATED
    );
    assert!(app.mailbox(phone).await.is_empty(), "not the dev mailbox");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_recovery_by_real_smtp() {
    recovery_by_real_smtp(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_recovery_by_real_smtp() {
    recovery_by_real_smtp(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_recovery_by_sms_webhook() {
    recovery_by_sms_webhook(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_recovery_by_sms_webhook() {
    recovery_by_sms_webhook(Backend::Postgres).await;
}

// --- the pages, over HTTP --------------------------------------------------------------

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn hidden(html: &str, name: &str) -> String {
    html.split(&format!("name=\"{name}\" value=\""))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no hidden {name} in {html}"))
        .to_owned()
}

async fn page(client: &reqwest::Client, app: &TestApp, path: &str) -> (StatusCode, String) {
    let res = client.get(app.url(path)).send().await.unwrap();
    (res.status(), res.text().await.unwrap())
}

async fn form(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    client
        .post(app.url(path))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn pages_recover_by_code_and_by_link(app: TestApp) {
    let email = "uma@shop.example";
    app.register(email, PASSWORD).await;
    let b = browser();
    let (status, html) = page(&b, &app, "/recovery").await;
    assert_eq!(status, StatusCode::OK);
    let csrf = hidden(&html, "csrf");
    let res = form(
        &b,
        &app,
        "/recovery",
        &[("csrf", &csrf), ("identifier", email)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let to = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(to.starts_with("/recovery/code?flow="), "{to}");
    let (status, html) = page(&b, &app, &to).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("u•••@shop.example"), "{html}");
    assert!(html.contains("data-seconds=\"60\""), "resend countdown");
    let flow = hidden(&html, "flow");
    let code = app.nth_code(email, RESET_EMAIL, 1).await;
    let res = form(
        &b,
        &app,
        "/recovery/code",
        &[("csrf", &csrf), ("flow", &flow), ("code", &code)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    let token = hidden(&html, "token");
    assert!(
        html.contains("data-testid=\"password-strength\""),
        "strength meter"
    );
    let res = form(
        &b,
        &app,
        "/recovery/reset",
        &[
            ("csrf", &csrf),
            ("token", &token),
            ("password", NEW_PASSWORD),
            ("password_confirm", "something else"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = form(
        &b,
        &app,
        "/recovery/reset",
        &[
            ("csrf", &csrf),
            ("token", &token),
            ("password", NEW_PASSWORD),
            ("password_confirm", NEW_PASSWORD),
        ],
    )
    .await;
    // Recovery ends signed in on this device: straight on to where the person was going.
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/settings");
    assert!(
        res.headers()
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("latchkey_session="))
    );
    assert_eq!(
        sign_in(&app, email, NEW_PASSWORD).await,
        StatusCode::CREATED
    );

    // The link: GET shows the form and uses nothing, however often it is fetched.
    app.advance(Duration::seconds(61));
    start(&app, email).await;
    let mail = app.nth_message(email, RESET_EMAIL, 2).await;
    let (url, link) = link_token(mail["text"].as_str().unwrap(), "/recovery/link?token=");
    let path = &url[url.find("/recovery/link").unwrap()..];
    for _ in 0..3 {
        let res = b.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["referrer-policy"], "no-referrer");
        assert_eq!(hidden(&res.text().await.unwrap(), "token"), link);
    }
    let res = form(
        &b,
        &app,
        "/recovery/reset",
        &[
            ("csrf", &csrf),
            ("token", &link),
            ("password", "a fresh linked passphrase"),
            ("password_confirm", "a fresh linked passphrase"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (status, _) = page(&b, &app, path).await;
    assert_eq!(status, StatusCode::GONE, "used");
    assert_eq!(
        sign_in(&app, email, "a fresh linked passphrase").await,
        StatusCode::CREATED
    );

    // "This wasn't me": GET asks, POST acts.
    let notice = app.nth_message(email, "was just changed", 2).await;
    let (url, report) = link_token(notice["text"].as_str().unwrap(), "/security/report?token=");
    let (status, html) = page(&b, &app, &url[url.find("/security").unwrap()..]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(hidden(&html, "token"), report);
    let res = form(
        &b,
        &app,
        "/security/report",
        &[("csrf", &csrf), ("token", &report)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let (status, _, _) = error_code(
        app.post(
            "/api/sessions",
            json!({"identifier": email, "password": "a fresh linked passphrase"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // "Which sign-in method did I use?" from /login.
    let (_, html) = page(&b, &app, "/login").await;
    assert!(html.contains("href=\"/login/method\""));
    let res = form(
        &b,
        &app,
        "/login/method",
        &[("csrf", &csrf), ("identifier", email)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
}

/// Audit finding 10d: the SMS limits count the number a code is texted to, however it was
/// reached (the phone as identifier, or typed after starting with the account's email).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sms_limit_counts_the_number_texted_whatever_was_typed() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let Some(app) = TestApp::spawn_with(backend, |c| {
            c.limits.messages_per_ip.max = 1_000;
            c.limits.messages_per_email.max = 1_000;
            c.limits.challenge_after_ip_messages = u64::MAX;
        })
        .await
        else {
            continue;
        };
        let email = "pia@shop.example";
        let phone = "+447946001802";
        app.register_with_phone(email, phone, PASSWORD).await;
        let mut refused = 0;
        for round in 0..9 {
            app.advance(Duration::seconds(61));
            let res = match round % 3 {
                0 => {
                    // The phone typed after starting with the email.
                    let flow = start(&app, email).await;
                    app.advance(Duration::seconds(61));
                    app.post(
                        &format!("/api/recovery/{flow}/resend"),
                        json!({"phone": phone}),
                    )
                    .await
                }
                1 => {
                    // The email, asking for SMS.
                    app.post(
                        "/api/recovery",
                        json!({"identifier": email, "channel": "sms"}),
                    )
                    .await
                }
                _ => {
                    app.post("/api/recovery", json!({"identifier": phone}))
                        .await
                }
            };
            match res.status() {
                StatusCode::ACCEPTED => {}
                StatusCode::TOO_MANY_REQUESTS => {
                    assert!(res.headers().contains_key("retry-after"));
                    refused += 1;
                }
                other => panic!("round {round}: {other}"),
            }
        }
        // 5 an hour per number, and the verification SMS of the sign-up was one.
        let texted = app.mailbox(phone).await.len();
        assert!(texted <= 5, "{backend:?}: {texted} SMS to one number");
        assert!(refused >= 2, "{backend:?}: only {refused} refused");
    }
}

/// Recovery sends count against the same limits as every other message: per address
/// (known or not, alike) and per client IP.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recovery_requests_are_rate_limited_alike_for_known_and_unknown() {
    let app = TestApp::spawn_with(Backend::Sqlite, |c| {
        c.limits.messages_per_email.max = 2;
        c.limits.challenge_after_ip_messages = u64::MAX;
    })
    .await
    .unwrap();
    app.register("rae@shop.example", PASSWORD).await;
    // The registration's code message already counted once against rae's address.
    for (who, allowed) in [("rae@shop.example", 1), ("nobody-here@shop.example", 2)] {
        for _ in 0..allowed {
            let res = app.post("/api/recovery", json!({"identifier": who})).await;
            assert_eq!(res.status(), StatusCode::ACCEPTED);
        }
        let res = app.post("/api/recovery", json!({"identifier": who})).await;
        assert!(res.headers().contains_key("retry-after"));
        let (status, code, _) = error_code(res).await;
        assert_eq!(
            (status, code.as_str()),
            (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts")
        );
    }
    let res = app
        .post(
            "/api/method-hint",
            json!({"identifier": "rae@shop.example"}),
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the method hint is a message too"
    );
}

/// The recovery page's "send it to my phone instead": a labelled phone field in every
/// language, no trace of the account's phone, an error tied to the field, and a code only
/// to a phone of the account, with the same answer either way.
async fn page_sends_to_a_typed_phone_with_a_labelled_field(app: TestApp) {
    use latchkey_i18n::SUPPORTED;
    let email = "vic@shop.example";
    let phone = "+447946001803";
    app.register_with_phone(email, phone, PASSWORD).await;
    let b = browser();
    let (_, html) = page(&b, &app, "/recovery").await;
    let csrf = hidden(&html, "csrf");
    let mut flows = Vec::new();
    for who in [email, "nobody@shop.example"] {
        let res = form(
            &b,
            &app,
            "/recovery",
            &[("csrf", &csrf), ("identifier", who)],
        )
        .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let to = res.headers()["location"].to_str().unwrap().to_owned();
        flows.push(to.split("flow=").nth(1).unwrap().to_owned());
    }
    for flow in &flows {
        for locale in SUPPORTED {
            let (status, html) = page(
                &b,
                &app,
                &format!("/recovery/code?flow={flow}&lang={}", locale.tag()),
            )
            .await;
            assert_eq!(status, StatusCode::OK);
            let label = locale.t("recovery-phone-label");
            assert!(
                html.contains(&format!("<label for=\"phone\">{label}</label>"))
                    || html.contains(&format!(
                        "<label for=\"phone\">{}</label>",
                        label.replace('\'', "&#39;")
                    )),
                "{locale}: no labelled phone field"
            );
            assert!(html.contains("aria-describedby=\"phone-help\""), "{locale}");
            for leak in ["7946", "••03", "+44 "] {
                assert!(!html.contains(leak), "{locale}: {leak} on the page");
            }
        }
    }
    app.advance(Duration::seconds(61));
    // An unreadable number: the error is at the field, and what was typed stays.
    let res = form(
        &b,
        &app,
        "/recovery/resend",
        &[
            ("csrf", &csrf),
            ("flow", &flows[0]),
            ("phone", "not a phone"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"phone-error\""), "{html}");
    assert!(html.contains("aria-describedby=\"phone-help phone-error\""));
    assert!(html.contains("aria-invalid=\"true\""));
    assert!(html.contains("value=\"not a phone\""));
    assert!(
        html.contains("href=\"#phone\""),
        "the summary links to the field"
    );
    // The account's phone for the known email, and for the unknown one: the same answer.
    let mut answers = Vec::new();
    for flow in &flows {
        let res = form(
            &b,
            &app,
            "/recovery/resend",
            &[
                ("csrf", &csrf),
                ("flow", flow),
                ("phone", "+44 7946 001803"),
            ],
        )
        .await;
        let location = res.headers()["location"].to_str().unwrap().to_owned();
        answers.push((res.status(), location.replace(flow.as_str(), "FLOW")));
    }
    assert_eq!(answers[0], answers[1]);
    assert_eq!(answers[0].0, StatusCode::SEE_OTHER);
    let sms = app.message_with(phone, RESET_MAIL).await;
    assert_eq!(
        app.count_with(phone, RESET_MAIL).await,
        1,
        "only the account's flow"
    );
    let code = extract_code(sms["text"].as_str().unwrap()).unwrap();
    let res = form(
        &b,
        &app,
        "/recovery/code",
        &[("csrf", &csrf), ("flow", &flows[0]), ("code", &code)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
}
