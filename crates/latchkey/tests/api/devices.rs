//! Devices and places (#12): the new-device sign-in notice (one per device, none for a
//! known one or the account's first session), the device and place of each session, the
//! place of each security event, and the `/settings/devices` and `/settings/activity`
//! pages. Places come from a GeoIP database the test writes (`latchkey_testkit::mmdb`):
//! 203.0.113.0/24 is Lisbon, Portugal.

use latchkey::config::Config;
use latchkey_testkit::{Backend, TestApp};
use reqwest::StatusCode;
use reqwest::header::{COOKIE, USER_AGENT};
use serde_json::{Value, json};

const PW: &str = "correct horse battery";
const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
/// What only the new-device notice says (its English body).
const NOTICE: &str = "a device it had not been used on before";

macro_rules! both_backends_with_places {
    ($($name:ident = $places:expr),* $(,)?) => {
        pub mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                if let Some(app) = super::spawn(latchkey_testkit::Backend::Sqlite, $places).await {
                    super::$name(app).await;
                }
            })*
        }
        pub mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                if let Some(app) = super::spawn(latchkey_testkit::Backend::Postgres, $places).await {
                    super::$name(app).await;
                }
            })*
        }
    };
}

// `= true`: with the test GeoIP database.
both_backends_with_places!(
    a_new_device_is_told_once_and_a_known_one_never = true,
    the_sessions_show_their_device_and_place = true,
    the_activity_shows_labels_devices_and_places = true,
    the_devices_page_lists_sessions_with_places_and_signs_out_others = true,
    without_a_geoip_database_no_place_is_shown = false,
    the_first_registration_session_sends_no_notice = false,
    a_second_step_sign_in_is_told_once_and_a_remembered_device_never = false,
    twenty_sign_ins_at_once_from_one_new_device_are_told_once = false,
);

/// The app behind a proxy on 127.0.0.1 (so `X-Forwarded-For` sets the client address),
/// with the test GeoIP database when `places`.
async fn spawn(backend: Backend, places: bool) -> Option<TestApp> {
    let db = places.then(latchkey_testkit::mmdb::test_database);
    let path = db.as_ref().map(|p| p.display().to_string());
    // The database is read whole at startup: the file may go once the app is up.
    TestApp::spawn_with(backend, |c: &mut Config| {
        c.trusted_proxies = vec!["127.0.0.1".into()];
        c.geoip_database = path;
    })
    .await
}

async fn sign_in(app: &TestApp, ip: &str, who: &str, device: Option<&str>) -> Value {
    let mut req = app
        .client
        .post(app.url("/api/sessions"))
        .header("x-forwarded-for", ip)
        .header(USER_AGENT, FIREFOX)
        .json(&json!({"identifier": who, "password": PW}));
    if let Some(d) = device {
        req = req.header("latchkey-device", d);
    }
    let res = req.send().await.unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json().await.unwrap()
}

/// A browser holding `token`'s session cookie (and, once it has a page, the CSRF one).
fn browser_with_session(app: &TestApp, token: &str) -> reqwest::Client {
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    jar.add_cookie_str(
        &format!("latchkey_session={token}; Path=/"),
        &app.url("/").parse().unwrap(),
    );
    reqwest::Client::builder()
        .cookie_provider(jar)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("no {key} in {v}"))
}

async fn a_new_device_is_told_once_and_a_known_one_never(app: TestApp) {
    let email = "nadia@example.com";
    app.register(email, PW).await;
    assert_eq!(app.count_with(email, NOTICE).await, 0, "the first session");

    // A device this account has not seen: one notice, with what happened and where.
    let first = sign_in(&app, "203.0.113.9", email, None).await;
    assert_eq!(app.count_with(email, NOTICE).await, 1);
    let notice = app.message_with(email, NOTICE).await;
    let text = notice["text"].as_str().unwrap();
    for needle in [
        "Firefox · Linux",
        "Lisbon, Portugal",
        "203.0.113.9",
        "/security/report?token=",
    ] {
        assert!(text.contains(needle), "the notice lacks {needle}: {text}");
    }

    // The same device again (its token from the first answer): nothing more.
    let device = str_of(&first, "device_token").to_owned();
    let again = sign_in(&app, "203.0.113.10", email, Some(&device)).await;
    assert_eq!(app.count_with(email, NOTICE).await, 1, "a known device");
    // …and it keeps being that device.
    sign_in(
        &app,
        "203.0.113.11",
        email,
        Some(str_of(&again, "device_token")),
    )
    .await;
    assert_eq!(app.count_with(email, NOTICE).await, 1);

    // Another new device: its own notice.
    sign_in(&app, "198.51.100.7", email, None).await;
    assert_eq!(app.count_with(email, NOTICE).await, 2);

    // A stranger's token (another account's device) is no known device here.
    let other = "otto@example.com";
    app.register(other, PW).await;
    let theirs = sign_in(&app, "203.0.113.12", other, None).await;
    sign_in(
        &app,
        "203.0.113.12",
        email,
        Some(str_of(&theirs, "device_token")),
    )
    .await;
    assert_eq!(app.count_with(email, NOTICE).await, 3);

    // "This wasn't me" in the notice works like the password-changed notice's.
    let text = notice["text"].as_str().unwrap().to_owned();
    let token = text
        .split_whitespace()
        .find(|w| w.contains("/security/report?token="))
        .and_then(|u| u.split("token=").nth(1))
        .unwrap()
        .to_owned();
    let res = app
        .post("/api/security/report", json!({"token": token}))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = app
        .get_auth("/api/session", str_of(&first, "session_token"))
        .await;
    assert_eq!(
        res.status(),
        StatusCode::UNAUTHORIZED,
        "signed out everywhere"
    );
}

async fn the_first_registration_session_sends_no_notice(app: TestApp) {
    // A registration's own session sends no notice, and signing in again with the
    // device token it set is a known device.
    let res = app
        .post(
            "/api/registrations",
            json!({"email": "rita@example.com", "password": PW}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let flow = res.json::<Value>().await.unwrap()["flow_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let code = app.code_for("rita@example.com", 1).await;
    let res = app
        .post(
            &format!("/api/registrations/{flow}/code"),
            json!({"code": code}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let registered: Value = res.json().await.unwrap();
    assert_eq!(app.count_with("rita@example.com", NOTICE).await, 0);
    let res = app
        .client
        .post(app.url("/api/sessions"))
        .header("latchkey-device", str_of(&registered, "device_token"))
        .json(&json!({"identifier": "rita@example.com", "password": PW}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(app.count_with("rita@example.com", NOTICE).await, 0);
}

async fn the_sessions_show_their_device_and_place(app: TestApp) {
    let email = "sam@example.com";
    app.register(email, PW).await;
    let signed_in = sign_in(&app, "203.0.113.20", email, None).await;
    let token = str_of(&signed_in, "session_token");
    let res = app.get_auth("/api/sessions", token).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    let sessions = body["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 2);
    let mine = sessions
        .iter()
        .find(|s| s["current"] == json!(true))
        .unwrap();
    assert_eq!(mine["device"], json!("Firefox · Linux"));
    assert_eq!(mine["place"], json!("Lisbon, Portugal"));
    assert_eq!(mine["ip"], json!("203.0.113.20"));
    for key in ["created_at", "last_seen_at", "user_agent"] {
        assert!(mine[key].is_string(), "{key} in {mine}");
    }
    // The registration's session came from 127.0.0.1: the database does not know it.
    let other = sessions
        .iter()
        .find(|s| s["current"] == json!(false))
        .unwrap();
    assert!(other["place"].is_null(), "{other}");

    // Sign out one device; then all others.
    let id = other["id"].as_str().unwrap();
    let res = app.delete_auth(&format!("/api/sessions/{id}"), token).await;
    assert!(res.status().is_success(), "{}", res.status());
    let body: Value = app
        .get_auth("/api/sessions", token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(body["sessions"].as_array().unwrap().len(), 1);
}

async fn without_a_geoip_database_no_place_is_shown(app: TestApp) {
    let email = "tom@example.com";
    let token = app.register(email, PW).await;
    let body: Value = app
        .get_auth("/api/sessions", &token)
        .await
        .json()
        .await
        .unwrap();
    let s = &body["sessions"][0];
    assert!(s["place"].is_null(), "{s}");
    assert!(s.get("device").is_some(), "{s}");
    let body: Value = app
        .get_auth("/api/account/events", &token)
        .await
        .json()
        .await
        .unwrap();
    assert!(
        body["events"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["place"].is_null()),
        "{body}"
    );
}

async fn the_activity_shows_labels_devices_and_places(app: TestApp) {
    let email = "uma@example.com";
    app.register(email, PW).await;
    let signed_in = sign_in(&app, "203.0.113.30", email, None).await;
    let token = str_of(&signed_in, "session_token").to_owned();
    let res = app
        .client
        .post(app.url("/api/sessions"))
        .header("x-forwarded-for", "198.51.100.40")
        .json(&json!({"identifier": email, "password": "wrong password here"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    // The wrong password's event is written without waiting for it.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;

    let body: Value = app
        .get_auth("/api/account/events", &token)
        .await
        .json()
        .await
        .unwrap();
    let events = body["events"].as_array().unwrap();
    let signed = events
        .iter()
        .find(|e| e["type"] == json!("session.created") && e["ip"] == json!("203.0.113.30"))
        .unwrap_or_else(|| panic!("{body}"));
    assert_eq!(signed["place"], json!("Lisbon, Portugal"));
    assert_eq!(signed["device"], json!("Firefox · Linux"));
    let failed = events
        .iter()
        .find(|e| e["type"] == json!("signin.failed"))
        .unwrap_or_else(|| panic!("{body}"));
    assert_eq!(failed["place"], json!("Paris, France"));

    let res = app
        .client
        .get(app.url("/settings/activity"))
        .header(COOKIE, format!("latchkey_session={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    for needle in [
        ">Signed in<",
        ">Wrong password<",
        "Lisbon, Portugal",
        "Paris, France",
        "Firefox · Linux",
        "data-type=\"session.created\"",
    ] {
        assert!(html.contains(needle), "the activity page lacks {needle}");
    }
    // In Russian, the label and the country (the database has its Russian name).
    let res = app
        .client
        .get(app.url("/settings/activity?lang=ru"))
        .header(COOKIE, format!("latchkey_session={token}"))
        .send()
        .await
        .unwrap();
    let html = res.text().await.unwrap();
    assert!(html.contains(">Вход выполнен<"), "{html}");
    assert!(html.contains("Paris, Франция"), "{html}");
}

async fn the_devices_page_lists_sessions_with_places_and_signs_out_others(app: TestApp) {
    let email = "vera@example.com";
    let first = app.register(email, PW).await;
    let signed_in = sign_in(&app, "203.0.113.50", email, None).await;
    let token = str_of(&signed_in, "session_token").to_owned();
    let browser = browser_with_session(&app, &token);
    let get = |path: &'static str| browser.get(app.url(path)).send();

    let res = get("/settings").await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert!(html.contains("href=\"/settings/devices\""));
    assert!(html.contains("href=\"/settings/activity\""));

    let res = get("/settings/devices").await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert_eq!(html.matches("data-testid=\"session\"").count(), 2);
    assert!(html.contains("data-current=\"true\""));
    assert!(html.contains("Firefox · Linux"));
    assert!(html.contains("Lisbon, Portugal"));
    assert!(html.contains("action=\"/settings/sessions/sign-out-others\""));
    assert!(html.contains("No device is remembered.") || html.contains("trusted-device"));

    let csrf = latchkey_testkit::csrf_of(&html);
    let res = browser
        .post(app.url("/settings/sessions/sign-out-others"))
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .body(crate::pages::encode(&[("csrf", &csrf)]))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "{:?}",
        res.text().await
    );
    assert_eq!(
        crate::pages::location(&res),
        "/settings/devices?done=others"
    );
    let res = app.get_auth("/api/session", &first).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "the other device");

    // Forgetting remembered devices comes back here, with its notice.
    let res = browser
        .post(app.url("/settings/devices/remembered/forget"))
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .body(crate::pages::encode(&[("csrf", &csrf)]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        crate::pages::location(&res),
        "/settings/devices?done=devices-forgotten"
    );
    let res = browser
        .post(app.url("/settings/devices/remembered/forget"))
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .body("csrf=wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "the CSRF guard");
}

#[test]
fn the_places_module_reads_the_database_it_is_given() {
    use latchkey_flows::kernel::places::Places;
    use latchkey_i18n::Locale;
    let db = latchkey_testkit::mmdb::test_database();
    let places = Places::open(&db).expect("the test database opens");
    assert!(places.enabled());
    assert_eq!(
        places.lookup("203.0.113.77", Locale::En).as_deref(),
        Some("Lisbon, Portugal")
    );
    // The locale's own name where the database has it, else the English one.
    assert_eq!(
        places.lookup("198.51.100.1", Locale::Ru).as_deref(),
        Some("Paris, Франция")
    );
    assert_eq!(places.lookup("192.0.2.1", Locale::En), None, "not in it");
    assert_eq!(places.lookup("2001:db8::1", Locale::En), None, "IPv6");
    assert_eq!(places.lookup("not an address", Locale::En), None);
    assert_eq!(Places::none().lookup("203.0.113.77", Locale::En), None);

    // A missing or corrupt file is an error, never a silent "no places".
    let missing = Places::open("/nonexistent/GeoLite2-City.mmdb").unwrap_err();
    assert!(
        missing.to_string().contains("GeoLite2-City.mmdb"),
        "{missing}"
    );
    let corrupt = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(corrupt.path(), b"not a MaxMind database").unwrap();
    assert!(Places::open(corrupt.path()).is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_geoip_database_stops_startup() {
    let dir = tempfile::tempdir().unwrap();
    let mut config =
        latchkey_testkit::test_config(format!("sqlite://{}", dir.path().join("lk.db").display()));
    config.geoip_database = Some("/nonexistent/GeoLite2-City.mmdb".into());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let built = latchkey::startup::Application::with_listener(
        config,
        listener,
        std::sync::Arc::new(latchkey_testkit::ManualClock::new(
            time::OffsetDateTime::now_utc(),
        )),
    )
    .await;
    let error = format!("{:#}", built.err().expect("startup fails"));
    assert!(error.contains("GEOIP"), "{error}");
    assert!(error.contains("GeoLite2-City.mmdb"), "{error}");
}

async fn a_second_step_sign_in_is_told_once_and_a_remembered_device_never(app: TestApp) {
    use crate::mfa::{enrol_totp, finish, signed_in, ticket_for, ticket_id};
    let email = "wes@example.com";
    let token = app.register(email, PW).await;
    let (secret, _) = enrol_totp(&app, &token).await;
    // The password opens a ticket: no session yet, so no notice yet.
    let ticket = ticket_id(&ticket_for(&app, email).await);
    assert_eq!(app.count_with(email, NOTICE).await, 0, "only a ticket");
    let done = signed_in(
        finish(
            &app,
            &ticket,
            "totp",
            json!({"code": secret.code_at(app.now()), "remember_device": true}),
        )
        .await,
    )
    .await;
    assert_eq!(
        app.count_with(email, NOTICE).await,
        1,
        "the two-factor session"
    );

    // The remembered device signs in again (its trusted-device token only): known.
    let res = app
        .client
        .post(app.url("/api/sessions"))
        .header(
            "Latchkey-Trusted-Device",
            str_of(&done, "trusted_device_token"),
        )
        .json(&json!({"identifier": email, "password": PW}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(
        app.count_with(email, NOTICE).await,
        1,
        "a remembered device"
    );

    // The devices page lists it, and forgets it.
    let browser = browser_with_session(&app, str_of(&done, "session_token"));
    let html = browser
        .get(app.url("/settings/devices"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        html.matches("data-testid=\"trusted-device-item\"").count(),
        1
    );
    let action = html
        .split("action=\"")
        .filter_map(|a| a.split('"').next())
        .find(|a| a.starts_with("/settings/devices/remembered/") && a.ends_with("/forget"))
        .and_then(|a| (a != "/settings/devices/remembered/forget").then_some(a))
        .unwrap_or_else(|| panic!("no forget form in {html}"))
        .to_owned();
    let csrf = latchkey_testkit::csrf_of(&html);
    let res = browser
        .post(app.url(&action))
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .body(crate::pages::encode(&[("csrf", &csrf)]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        crate::pages::location(&res),
        "/settings/devices?done=device-forgotten"
    );
    let html = browser
        .get(app.url("/settings/devices?done=device-forgotten"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("data-testid=\"trusted-device-item\""));
    assert!(html.contains("data-testid=\"notice\""));
}

/// "At most one per device" holds when the sign-ins from one new device land together
/// (each held back by its last byte on its own connection): the device's token is marked
/// once.
async fn twenty_sign_ins_at_once_from_one_new_device_are_told_once(app: TestApp) {
    use latchkey_testkit::race::{RaceRequest, count, race};
    let email = "rita@example.com";
    let other = "sam@example.com";
    app.register(email, PW).await;
    app.register(other, PW).await;
    // A device this account has never seen: it holds another account's token.
    let foreign = sign_in(&app, "203.0.113.20", other, None).await;
    let device = str_of(&foreign, "device_token").to_owned();
    let body = json!({"identifier": email, "password": PW});
    let requests = (0..20)
        .map(|_| RaceRequest::post_json("/api/sessions", &body).header("Latchkey-Device", &device))
        .collect();
    let answers = race(&app.address, requests).await;
    let signed_in = count(&answers, StatusCode::CREATED);
    assert!(
        signed_in >= 1,
        "{:?}",
        answers.iter().map(|a| a.status).collect::<Vec<_>>()
    );
    assert_eq!(
        app.count_with(email, NOTICE).await,
        1,
        "one notice for one device"
    );
}
