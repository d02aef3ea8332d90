//! Limits that must hold when many requests land at once (audit findings 1 and 2): each
//! race here sends its requests on their own connections, held back by their last byte
//! and released together (see `race.rs`).

use latchkey_testkit::race::{RaceRequest, RaceResponse, count, race};
use latchkey_testkit::{TestApp, error_code};
use reqwest::StatusCode;
use serde_json::{Value, json};

latchkey_testkit::both_backends!(
    forty_wrong_codes_at_once_to_a_recovery_flow_are_judged_five_times,
    forty_wrong_codes_at_once_to_a_registration_flow_are_judged_five_times,
    forty_wrong_codes_at_once_to_a_login_code_flow_are_judged_five_times,
    wrong_codes_across_many_flows_stop_at_the_account_cap,
    thirty_wrong_passwords_at_once_leave_five_free_failures,
    racing_wrong_current_passwords_stop_at_the_throttle,
);

const PW: &str = "correct horse battery";

fn wrong(code: &str) -> String {
    format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000)
}

async fn flow_id(res: reqwest::Response) -> String {
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    res.json::<Value>().await.unwrap()["flow_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Races 40 wrong codes at `path`, then checks that at most five were judged and that
/// the right code no longer works.
async fn forty_wrong_codes(app: &TestApp, path: &str, right: &str) {
    let requests = (0..40)
        .map(|_| RaceRequest::post_json(path, &json!({"code": wrong(right)})))
        .collect();
    let answers = race(&app.address, requests).await;
    let judged = answers
        .iter()
        .filter(|r| r.error_code().as_deref() == Some("invalid_code"))
        .count();
    assert!(
        judged <= 5,
        "{judged} of 40 simultaneous wrong codes were judged: {:?}",
        summary(&answers)
    );
    assert!(judged >= 1, "{:?}", summary(&answers));
    for r in &answers {
        assert!(
            matches!(
                r.error_code().as_deref(),
                Some("invalid_code" | "flow_expired" | "too_many_attempts")
            ),
            "{r:?}"
        );
    }
    let (status, code, _) = error_code(app.post(path, json!({"code": right})).await).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::GONE, "flow_expired"),
        "the right code after the tries ran out"
    );
}

fn summary(answers: &[RaceResponse]) -> Vec<(u16, Option<String>)> {
    answers
        .iter()
        .map(|r| (r.status.as_u16(), r.error_code()))
        .collect()
}

async fn forty_wrong_codes_at_once_to_a_recovery_flow_are_judged_five_times(app: TestApp) {
    app.register("rae@shop.example", PW).await;
    let flow = flow_id(
        app.post("/api/recovery", json!({"identifier": "rae@shop.example"}))
            .await,
    )
    .await;
    let code = app
        .nth_code("rae@shop.example", &flow_code_needle(), 1)
        .await;
    forty_wrong_codes(&app, &format!("/api/recovery/{flow}/code"), &code).await;
}

/// Recovery messages carry a reset link beside the code; this picks them out.
fn flow_code_needle() -> String {
    "reset the password".into()
}

async fn forty_wrong_codes_at_once_to_a_registration_flow_are_judged_five_times(app: TestApp) {
    let flow = flow_id(
        app.post(
            "/api/registrations",
            json!({"email": "reg@shop.example", "password": PW}),
        )
        .await,
    )
    .await;
    let code = app.code_for("reg@shop.example", 1).await;
    forty_wrong_codes(&app, &format!("/api/registrations/{flow}/code"), &code).await;
}

async fn forty_wrong_codes_at_once_to_a_login_code_flow_are_judged_five_times(app: TestApp) {
    app.register("lia@shop.example", PW).await;
    let flow = flow_id(
        app.post(
            "/api/login-codes",
            json!({"identifier": "lia@shop.example"}),
        )
        .await,
    )
    .await;
    let code = app.nth_code("lia@shop.example", "sign-in code", 1).await;
    forty_wrong_codes(&app, &format!("/api/login-codes/{flow}/code"), &code).await;
}

/// New flows give new tries, but not past the account's cap on wrong codes, which holds
/// for every flow of the account, a right code included.
async fn wrong_codes_across_many_flows_stop_at_the_account_cap(app: TestApp) {
    app.register("cap@shop.example", PW).await;
    let mut wrong_ones = 0;
    let mut capped = false;
    for n in 0..8 {
        // Each flow its own code; resends are not needed, only fresh flows.
        app.advance(time::Duration::seconds(61));
        let flow = flow_id(
            app.post(
                "/api/login-codes",
                json!({"identifier": "cap@shop.example"}),
            )
            .await,
        )
        .await;
        let code = app
            .nth_code("cap@shop.example", "sign-in code", n + 1)
            .await;
        let path = format!("/api/login-codes/{flow}/code");
        for _ in 0..5 {
            let (status, c, _) =
                error_code(app.post(&path, json!({"code": wrong(&code)})).await).await;
            match c.as_str() {
                "invalid_code" => wrong_ones += 1,
                "too_many_attempts" => {
                    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
                    capped = true;
                    break;
                }
                other => panic!("{other}"),
            }
        }
        if capped {
            // The cap holds for the right code too: guessing it later is no way around.
            let (status, c, _) = error_code(app.post(&path, json!({"code": code})).await).await;
            assert_eq!(
                (status, c.as_str()),
                (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts")
            );
            break;
        }
    }
    assert!(capped, "no cap after {wrong_ones} wrong codes");
    assert_eq!(wrong_ones, 20, "the default cap is 20 wrong codes");
}

async fn thirty_wrong_passwords_at_once_leave_five_free_failures(app: TestApp) {
    app.register("pia@shop.example", PW).await;
    let requests = (0..30)
        .map(|_| {
            RaceRequest::post_json(
                "/api/sessions",
                &json!({"identifier": "pia@shop.example", "password": "wrong password 1"}),
            )
        })
        .collect();
    let answers = race(&app.address, requests).await;
    let judged = count(&answers, StatusCode::UNAUTHORIZED);
    assert!(
        judged <= 5,
        "{judged} of 30 simultaneous wrong passwords were judged: {:?}",
        summary(&answers)
    );
    assert!(
        answers.iter().all(|r| matches!(
            r.status,
            StatusCode::UNAUTHORIZED | StatusCode::TOO_MANY_REQUESTS
        )),
        "{:?}",
        summary(&answers)
    );
    let res = app
        .post(
            "/api/sessions",
            json!({"identifier": "pia@shop.example", "password": PW}),
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the account is locked"
    );
}

async fn racing_wrong_current_passwords_stop_at_the_throttle(app: TestApp) {
    let token = app.register("cpw@shop.example", PW).await;
    let requests = (0..20)
        .map(|_| {
            RaceRequest::post_json(
                "/api/account/password",
                &json!({"current_password": "not the password", "new_password": "a new horse battery staple"}),
            )
            .header("authorization", &format!("Bearer {token}"))
        })
        .map(|mut r| {
            r.method = "PUT";
            r
        })
        .collect();
    let answers = race(&app.address, requests).await;
    let judged = count(&answers, StatusCode::UNAUTHORIZED);
    assert!(
        judged <= 5,
        "{judged} of 20 simultaneous wrong current passwords were judged: {:?}",
        summary(&answers)
    );
    assert!(
        count(&answers, StatusCode::TOO_MANY_REQUESTS) >= 15,
        "{:?}",
        summary(&answers)
    );
}

/// Resends face the sender's per-address limits like first sends (finding 8: every way
/// in, resend buttons included, meets the same gates).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resends_count_against_the_clients_address() {
    let Some(app) = TestApp::spawn_with(latchkey_testkit::Backend::Sqlite, |c| {
        c.limits.messages_per_ip.max = 3;
    })
    .await
    else {
        return;
    };
    let flow = flow_id(
        app.post(
            "/api/registrations",
            json!({"email": "res@shop.example", "password": PW}),
        )
        .await,
    )
    .await;
    let resend = format!("/api/registrations/{flow}/resend");
    for _ in 0..2 {
        app.advance(time::Duration::seconds(61));
        assert_eq!(
            app.post(&resend, json!({})).await.status(),
            StatusCode::ACCEPTED
        );
    }
    app.advance(time::Duration::seconds(61));
    let res = app.post(&resend, json!({})).await;
    assert!(res.headers().contains_key("retry-after"));
    let (status, code, _) = error_code(res).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts"),
        "the fourth message from one address in an hour"
    );
}
