//! The pages face the API's gates (audit issue 8, findings 8 and 12): the per-address
//! limits and the proof-of-work challenge on `/register`, `/login/code` and the resend
//! buttons, and a refused page carries `Retry-After` (the API's number) and says the wait
//! in words, in the page's language.

use crate::pages::{PASSWORD, browser, csrf_of, get, location, post};
use latchkey::config::Config;
use latchkey_domain::challenge::{Challenge, solution_header};
use latchkey_testkit::{Backend, TestApp};
use reqwest::StatusCode;
use serde_json::{Value, json};
use time::Duration as TimeDuration;

/// The limits of these tests: the API's defaults (10 messages from one address before a
/// challenge, 30 an hour), with a small challenge so solving it in a test is quick.
fn small_challenge(c: &mut Config) {
    c.limits.challenge_difficulty = 8;
}

/// The challenge a page form carries in `data-challenge` (HTML-escaped JSON), if any.
fn page_challenge(html: &str) -> Option<Challenge> {
    let raw = html.split("data-challenge=\"").nth(1)?.split('"').next()?;
    let json = raw
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#38;", "&")
        .replace("&amp;", "&");
    let c: Value = serde_json::from_str(&json).expect("data-challenge is JSON");
    Some(Challenge {
        algorithm: "sha256",
        salt: c["salt"].as_str()?.to_owned(),
        difficulty: c["difficulty"].as_u64()? as u8,
        expires_at: c["expires_at"].as_i64()?,
        signature: c["signature"].as_str()?.to_owned(),
    })
}

/// Moves the test clock to the start of the next hour: the limits count in fixed windows
/// (aligned to the epoch), so a test that waits for a number must know where it stands.
fn to_the_hour(app: &TestApp) {
    use latchkey_domain::Clock;
    let into = app.clock.now().unix_timestamp().rem_euclid(3600);
    app.advance(TimeDuration::seconds(3600 - into));
    let nanos = app.clock.now().nanosecond();
    app.advance(-TimeDuration::nanoseconds(i64::from(nanos)));
}

fn retry_after(res: &reqwest::Response) -> Option<i64> {
    res.headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
}

/// How one page submission ended once any challenge it got was solved by the "browser".
#[derive(Debug, PartialEq)]
enum Outcome {
    /// 303 to the next step.
    Through,
    /// 429 with this `Retry-After`.
    Refused(i64),
}

/// Posts a page form; a `403` with a challenge is solved (as `pow.js` would) and posted
/// again with `latchkey_challenge`. Returns the outcome and how many challenges it met.
async fn submit_solving(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    form: &[(&str, &str)],
) -> (Outcome, usize, String) {
    let mut challenges = 0;
    let mut solution: Option<String> = None;
    loop {
        let mut fields: Vec<(&str, &str)> = form.to_vec();
        if let Some(s) = solution.as_deref() {
            fields.push(("latchkey_challenge", s));
        }
        let res = post(client, app, path, &fields).await;
        let status = res.status();
        let wait = retry_after(&res);
        let html = res.text().await.expect("body");
        match status {
            // A redirect to the next step, or (the method hint) the "check your messages" page.
            StatusCode::SEE_OTHER | StatusCode::OK => return (Outcome::Through, challenges, html),
            StatusCode::TOO_MANY_REQUESTS => {
                let wait = wait.expect("a refused page carries Retry-After");
                return (Outcome::Refused(wait), challenges, html);
            }
            StatusCode::FORBIDDEN => {
                let challenge = page_challenge(&html)
                    .unwrap_or_else(|| panic!("{path}: a 403 without a challenge form: {html}"));
                assert!(
                    html.contains("src=\"/assets/pow.js\""),
                    "{path}: the challenge form loads pow.js"
                );
                assert!(
                    challenges < 2,
                    "{path}: a solved challenge was not accepted"
                );
                challenges += 1;
                solution = Some(solution_header(&challenge));
            }
            other => panic!("{path}: unexpected {other}: {html}"),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn page_sign_ups_from_one_address_meet_the_challenge_and_the_per_address_limit() {
    let Some(app) = TestApp::spawn_with(Backend::Sqlite, small_challenge).await else {
        return;
    };
    let client = browser();
    let (_, html) = get(&client, &app, "/register").await;
    let csrf = csrf_of(&html);
    let mut outcomes = Vec::new();
    for i in 0..35 {
        let email = format!("page{i}@shop.example");
        let (outcome, challenges, _) = submit_solving(
            &client,
            &app,
            "/register",
            &[
                ("csrf", &csrf),
                ("identifier", &email),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
        outcomes.push((i, outcome, challenges));
    }
    // As the API: 10 free, then each needs a solved challenge, and 30 an hour in all.
    for (i, outcome, challenges) in &outcomes {
        let i = *i;
        assert_eq!(*challenges, usize::from(i >= 10), "sign-up {i}: challenges");
        if i < 30 {
            assert_eq!(*outcome, Outcome::Through, "sign-up {i}");
        } else {
            assert!(
                matches!(outcome, Outcome::Refused(s) if (1..=3600).contains(s)),
                "sign-up {i}: {outcome:?}"
            );
        }
    }
    // The API, from the same address, is refused the same way and names the same wait.
    let api = app
        .client
        .post(app.url("/api/registrations"))
        .json(&json!({"email": "api@shop.example", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let (_, code, body) = latchkey_testkit::error_code(api).await;
    assert_eq!(code, "challenge_required");
    let c = &body["error"]["challenge"];
    let challenge = Challenge {
        algorithm: "sha256",
        salt: c["salt"].as_str().unwrap().to_owned(),
        difficulty: c["difficulty"].as_u64().unwrap() as u8,
        expires_at: c["expires_at"].as_i64().unwrap(),
        signature: c["signature"].as_str().unwrap().to_owned(),
    };
    let api = app
        .client
        .post(app.url("/api/registrations"))
        .header("latchkey-challenge", solution_header(&challenge))
        .json(&json!({"email": "api@shop.example", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), StatusCode::TOO_MANY_REQUESTS);
    let Some((_, Outcome::Refused(page_wait), _)) = outcomes.last() else {
        panic!("the last page sign-up went through");
    };
    assert_eq!(retry_after(&api), Some(*page_wait));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn page_login_codes_from_one_address_meet_the_challenge_and_the_per_address_limit() {
    let Some(app) = TestApp::spawn_with(Backend::Sqlite, small_challenge).await else {
        return;
    };
    let client = browser();
    let (_, html) = get(&client, &app, "/login/code").await;
    let csrf = csrf_of(&html);
    for i in 0..35 {
        let who = format!("code{i}@shop.example");
        let (outcome, challenges, html) = submit_solving(
            &client,
            &app,
            "/login/code",
            &[("csrf", &csrf), ("identifier", &who)],
        )
        .await;
        assert_eq!(
            challenges,
            usize::from(i >= 10),
            "login code {i}: challenges"
        );
        if i < 30 {
            assert_eq!(outcome, Outcome::Through, "login code {i}");
        } else {
            let Outcome::Refused(wait) = outcome else {
                panic!("login code {i} went through");
            };
            assert!((1..=3600).contains(&wait), "{wait}");
            // The identifier form again, with what was typed and the wait in words.
            assert!(html.contains(&format!("value=\"{who}\"")), "{html}");
            assert!(html.contains("Try again in "), "{html}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_resend_button_meets_the_api_limits_with_retry_after() {
    let Some(app) = TestApp::spawn_with(Backend::Sqlite, |c| {
        c.limits.messages_per_email.max = 3;
    })
    .await
    else {
        return;
    };
    to_the_hour(&app);
    let client = browser();
    let (_, html) = get(&client, &app, "/register").await;
    let csrf = csrf_of(&html);
    let res = post(
        &client,
        &app,
        "/register",
        &[
            ("csrf", &csrf),
            ("identifier", "rea@shop.example"),
            ("password", PASSWORD),
            ("password_confirm", PASSWORD),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let to = location(&res);
    let flow = to.trim_start_matches("/verify?flow=").to_owned();
    let resend = async || {
        post(
            &client,
            &app,
            "/verify/resend",
            &[("csrf", &csrf), ("flow", &flow)],
        )
        .await
    };
    let api_resend = async || {
        app.client
            .post(app.url(&format!("/api/registrations/{flow}/resend")))
            .send()
            .await
            .unwrap()
    };

    // Too soon: the resend delay, as the API counts it.
    let res = resend().await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let page_wait = retry_after(&res);
    let html = res.text().await.unwrap();
    let api = api_resend().await;
    assert_eq!(api.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(page_wait, retry_after(&api));
    assert_eq!(page_wait, Some(60));
    assert!(html.contains("Try again in 1 minute."), "{html}");

    // Two resends a minute apart, then the address's limit (3 an hour, the sign-up's
    // code included) refuses the fourth message.
    for _ in 0..2 {
        app.advance(TimeDuration::seconds(61));
        let res = resend().await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
    app.advance(TimeDuration::seconds(61));
    let res = resend().await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let page_wait = retry_after(&res);
    assert!(page_wait.is_some_and(|s| s > 60), "{page_wait:?}");
    let html = res.text().await.unwrap();
    assert!(html.contains("Try again in "), "{html}");
    let api = api_resend().await;
    assert_eq!(api.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(page_wait, retry_after(&api));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_pages_carry_retry_after_and_say_the_wait_in_the_page_language() {
    let Some(app) = TestApp::spawn_with(Backend::Sqlite, |c| {
        c.limits.messages_per_email.max = 1;
        c.limits.sign_in_per_ip.max = 1;
        c.limits.lockout_free_failures = 100;
    })
    .await
    else {
        return;
    };
    to_the_hour(&app);

    // The sign-in page, in French by the language switcher's cookie: one try per
    // address, then 429 with the API's Retry-After.
    let fr = browser();
    let (_, html) = get(&fr, &app, "/login?lang=fr").await;
    let csrf = csrf_of(&html);
    let form = [
        ("csrf", csrf.as_str()),
        ("identifier", "nobody@shop.example"),
        ("password", "Wrong-Password-1"),
    ];
    assert_eq!(
        post(&fr, &app, "/login", &form).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let res = post(&fr, &app, "/login", &form).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let page_wait = retry_after(&res);
    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"fr\""));
    let api = app
        .client
        .post(app.url("/api/sessions"))
        .json(&json!({"identifier": "nobody@shop.example", "password": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(page_wait, retry_after(&api));
    // The per-address window is 10 minutes, and it has just begun.
    assert_eq!(page_wait, Some(600));
    assert!(html.contains("Réessayez dans 10 minutes."), "{html}");

    // A login code in Russian (the language from Accept-Language): the second one to the
    // same address is refused for the rest of the hour.
    let ru = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(
            [(
                reqwest::header::ACCEPT_LANGUAGE,
                reqwest::header::HeaderValue::from_static("ru"),
            )]
            .into_iter()
            .collect(),
        )
        .build()
        .unwrap();
    let (_, html) = get(&ru, &app, "/login/code").await;
    assert!(html.contains("<html lang=\"ru\""));
    let csrf = csrf_of(&html);
    let form = [("csrf", csrf.as_str()), ("identifier", "ru@shop.example")];
    assert_eq!(
        post(&ru, &app, "/login/code", &form).await.status(),
        StatusCode::SEE_OTHER
    );
    app.advance(TimeDuration::minutes(57) + TimeDuration::seconds(30));
    let res = post(&ru, &app, "/login/code", &form).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let page_wait = retry_after(&res);
    let html = res.text().await.unwrap();
    let api = app
        .client
        .post(app.url("/api/login-codes"))
        .json(&json!({"identifier": "ru@shop.example"}))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(page_wait, retry_after(&api));
    // 2½ minutes left: "3 minutes", in Russian's "few" form.
    assert_eq!(page_wait, Some(150));
    assert!(html.contains("Повторите попытку через 3 минуты."), "{html}");
}

/// `/recovery` and `/login/method` start their flows with the page's client too, so a
/// due challenge is offered on the form and its solution reaches the flow.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn page_recoveries_from_one_address_meet_the_challenge() {
    let Some(app) = TestApp::spawn_with(Backend::Sqlite, small_challenge).await else {
        return;
    };
    let client = browser();
    for path in ["/recovery", "/login/method"] {
        let (_, html) = get(&client, &app, path).await;
        let csrf = csrf_of(&html);
        for i in 0..6 {
            let who = format!("rec{i}{}@shop.example", path.len());
            let (outcome, challenges, _) = submit_solving(
                &client,
                &app,
                path,
                &[("csrf", &csrf), ("identifier", &who)],
            )
            .await;
            assert_eq!(outcome, Outcome::Through, "{path} {i}");
            // Ten messages from one address in the window, then each needs a solution.
            let sent_before = if path == "/recovery" { i } else { i + 6 };
            assert_eq!(
                challenges,
                usize::from(sent_before >= 10),
                "{path} {i}: challenges"
            );
        }
    }
}
