//! The per-phone SMS limit (`limits.sms_per_phone`, 5 an hour by default: SMS pumping):
//! the 6th code to one number within the hour is refused with 429 and `Retry-After`
//! whichever way in asks for it (verification, sign-in code, recovery, registration), no
//! 6th SMS goes out, another number is unaffected, and once the window has passed codes
//! go out again. Also with the requests released together: 20 simultaneous sign-in code
//! requests to one number send 5 SMS.
//!
//! Every other limit that a burst from one test client would reach first (per IP, per
//! country, the challenge after N messages from one IP) is raised out of the way, so
//! the per-phone limit is the one tested.

use latchkey::config::Config;
use latchkey_testkit::race::{RaceRequest, count, race};
use latchkey_testkit::{TestApp, error_code, extract_code};
use reqwest::StatusCode;
use serde_json::json;
use time::Duration;

latchkey_testkit::both_backends!(
    with = super::only_the_per_phone_limit;
    the_sixth_code_to_one_phone_within_the_hour_is_refused,
    twenty_simultaneous_login_codes_to_one_phone_send_five,
);

const PASSWORD: &str = "correct horse battery";
/// The default `limits.sms_per_phone`.
const PER_PHONE: usize = 5;
const PHONE: &str = "+447911123401";
/// Same country calling code, another number.
const OTHER_PHONE: &str = "+447911123402";

/// The default per-phone limit; every other limit a test client reaches is raised.
fn only_the_per_phone_limit(c: &mut Config) {
    assert_eq!(
        (
            c.limits.sms_per_phone.max,
            c.limits.sms_per_phone.window_secs
        ),
        (PER_PHONE as u64, 3600),
        "the default per-phone limit is 5 an hour"
    );
    c.limits.messages_per_ip.max = 10_000;
    c.limits.messages_per_email.max = 10_000;
    c.limits.sms_per_country.max = 10_000;
    c.limits.challenge_after_ip_messages = 10_000;
    c.limits.code_checks_per_ip.max = 10_000;
    c.limits.code_checks_per_network.max = 10_000;
}

/// How many messages carrying a code (SMS) `phone` has had.
async fn codes_sent_to(app: &TestApp, phone: &str) -> usize {
    app.mailbox(phone)
        .await
        .iter()
        .filter(|m| m["text"].as_str().and_then(extract_code).is_some())
        .count()
}

/// `Retry-After` of a 429 `too_many_attempts`, in seconds.
async fn refused(res: reqwest::Response, way: &str) -> i64 {
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "{way}");
    let retry: i64 = res
        .headers()
        .get("retry-after")
        .unwrap_or_else(|| panic!("{way}: a 429 without Retry-After"))
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3600).contains(&retry), "{way}: Retry-After {retry}");
    let (_, code, body) = error_code(res).await;
    assert_eq!(code, "too_many_attempts", "{way}");
    assert_eq!(body["error"]["retry_after"], retry, "{way}");
    retry
}

async fn the_sixth_code_to_one_phone_within_the_hour_is_refused(app: TestApp) {
    // An account with a verified phone: its code went to the email, the verification
    // code is the phone's first SMS.
    app.register_with_phone("pia@shop.example", PHONE, PASSWORD)
        .await;
    assert_eq!(codes_sent_to(&app, PHONE).await, 1);

    // Four more, two ways in: sign-in codes and password recovery.
    for (i, path) in [
        "/api/login-codes",
        "/api/recovery",
        "/api/login-codes",
        "/api/recovery",
    ]
    .into_iter()
    .enumerate()
    {
        let res = app.post(path, json!({"identifier": PHONE})).await;
        assert_eq!(res.status(), StatusCode::ACCEPTED, "{path}");
        assert_eq!(codes_sent_to(&app, PHONE).await, i + 2, "{path}");
    }
    assert_eq!(codes_sent_to(&app, PHONE).await, PER_PHONE);

    // The 6th, whichever way in, is refused before anything is sent.
    let mut retry = 0;
    for (path, body) in [
        ("/api/login-codes", json!({"identifier": PHONE})),
        ("/api/recovery", json!({"identifier": PHONE})),
        ("/api/verification", json!({"identifier": PHONE})),
        (
            "/api/registrations",
            json!({"phone": PHONE, "password": PASSWORD}),
        ),
        // Another way of writing the same number is the same number.
        ("/api/login-codes", json!({"identifier": "+44 7911 123401"})),
    ] {
        retry = refused(app.post(path, body).await, path).await;
    }
    assert_eq!(
        codes_sent_to(&app, PHONE).await,
        PER_PHONE,
        "no 6th SMS went out"
    );

    // Another number (same country) is unaffected.
    app.register_with_phone("quin@shop.example", OTHER_PHONE, PASSWORD)
        .await;
    let res = app
        .post("/api/login-codes", json!({"identifier": OTHER_PHONE}))
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    assert_eq!(codes_sent_to(&app, OTHER_PHONE).await, 2);
    // …and refusing it did not make the first number's window longer.
    refused(
        app.post("/api/login-codes", json!({"identifier": PHONE}))
            .await,
        "still refused",
    )
    .await;

    // As long as Retry-After said, and codes go out again.
    app.advance(Duration::seconds(retry));
    let res = app
        .post("/api/login-codes", json!({"identifier": PHONE}))
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED, "after {retry} s");
    let res = app
        .post("/api/recovery", json!({"identifier": PHONE}))
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED, "after {retry} s");
    assert_eq!(codes_sent_to(&app, PHONE).await, PER_PHONE + 2);
}

async fn twenty_simultaneous_login_codes_to_one_phone_send_five(app: TestApp) {
    app.register_with_phone("ray@shop.example", PHONE, PASSWORD)
        .await;
    app.register_with_phone("sue@shop.example", OTHER_PHONE, PASSWORD)
        .await;
    // A fresh window: each number has its whole allowance of 5.
    app.advance(Duration::hours(1));

    let mut requests: Vec<RaceRequest> = (0..20)
        .map(|_| RaceRequest::post_json("/api/login-codes", &json!({"identifier": PHONE})))
        .collect();
    // Three for another number in the same burst.
    requests.extend(
        (0..3).map(|_| {
            RaceRequest::post_json("/api/login-codes", &json!({"identifier": OTHER_PHONE}))
        }),
    );
    let responses = race(&app.address, requests).await;
    let (one, other) = responses.split_at(20);

    assert_eq!(
        count(one, StatusCode::ACCEPTED),
        PER_PHONE,
        "{:?}",
        one.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    assert_eq!(count(one, StatusCode::TOO_MANY_REQUESTS), 20 - PER_PHONE);
    for r in one
        .iter()
        .filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS)
    {
        assert_eq!(r.error_code().as_deref(), Some("too_many_attempts"));
    }
    assert_eq!(count(other, StatusCode::ACCEPTED), 3);

    // The verification code of the first hour, and at most 5 of this one.
    assert_eq!(codes_sent_to(&app, PHONE).await, 1 + PER_PHONE);
    assert_eq!(codes_sent_to(&app, OTHER_PHONE).await, 1 + 3);
}
