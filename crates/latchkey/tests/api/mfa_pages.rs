//! The two-factor pages over HTTP (M1): setting up an authenticator app on
//! `/settings/security/totp`, the second step of a password sign-in on `/login/mfa`,
//! recovery codes, remembered devices and "confirm it's you" outside the privileged
//! window.

use crate::pages::{PASSWORD, browser, csrf_of, get, location, post, sign_up};
use latchkey_domain::{Clock, TotpSecret};
use latchkey_testkit::TestApp;
use reqwest::StatusCode;
use reqwest::header::CACHE_CONTROL;
use time::Duration;

/// The value of the first `attr="…"` in `html`.
fn attr(html: &str, attr: &str) -> String {
    html.split(&format!("{attr}=\""))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no {attr} in {html}"))
        .to_owned()
}

/// The codes of a "save your recovery codes" page.
fn recovery_codes(html: &str) -> Vec<String> {
    html.split("<li><code>")
        .skip(1)
        .filter_map(|rest| rest.split("</code>").next())
        .map(str::to_owned)
        .collect()
}

/// The code an authenticator app shows now for `secret`.
fn code_now(app: &TestApp, secret: &str) -> String {
    TotpSecret::from_base32(secret)
        .expect("a base32 secret")
        .code_at(app.clock.now())
}

/// Sets up an authenticator app through the pages; returns its secret and the recovery
/// codes the page showed.
async fn enrol_totp(app: &TestApp, client: &reqwest::Client) -> (String, Vec<String>) {
    let (status, html) = get(client, app, "/settings/security").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("href=\"/settings/security/totp\" data-testid=\"totp-setup\""));

    let res = client
        .get(app.url("/settings/security/totp"))
        .send()
        .await
        .expect("GET");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()[CACHE_CONTROL],
        "no-store",
        "a secret is shown"
    );
    let html = res.text().await.expect("body");
    assert!(html.contains("data-testid=\"totp-qr\" src=\"data:image/svg+xml;base64,"));
    let secret = attr(&html, "data-secret");
    let enrollment = html
        .split("name=\"enrollment_id\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("an enrollment_id")
        .to_owned();
    let csrf = csrf_of(&html);

    // A wrong code keeps the enrolment and does not send the secret back.
    let res = post(
        client,
        app,
        "/settings/security/totp",
        &[
            ("csrf", &csrf),
            ("enrollment_id", &enrollment),
            ("code", "000000"),
        ],
    )
    .await;
    // (One in a million: 000000 is the right code.)
    if res.status() != StatusCode::OK {
        let html = res.text().await.expect("body");
        assert!(html.contains("Attempts left: "), "{html}");
        assert!(html.contains("aria-invalid=\"true\""));
        assert!(!html.contains(&secret), "the secret came back");
        assert!(html.contains(&enrollment));
    }

    let res = post(
        client,
        app,
        "/settings/security/totp",
        &[
            ("csrf", &csrf),
            ("enrollment_id", &enrollment),
            ("code", &code_now(app, &secret)),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[CACHE_CONTROL], "no-store", "codes are shown");
    let html = res.text().await.expect("body");
    assert!(html.contains("data-testid=\"recovery-codes\""), "{html}");
    assert!(html.contains("data-testid=\"recovery-codes-done\""));
    let codes = recovery_codes(&html);
    (secret, codes)
}

/// Signs in with the password on the pages; returns where the answer sends the browser.
async fn password_sign_in(app: &TestApp, client: &reqwest::Client, email: &str) -> String {
    let (_, html) = get(client, app, "/login").await;
    let res = post(
        client,
        app,
        "/login",
        &[
            ("csrf", &csrf_of(&html)),
            ("identifier", email),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    location(&res)
}

async fn an_authenticator_app_set_up_on_the_pages_guards_the_password_sign_in(app: TestApp) {
    let email = "tess@example.com";
    let owner = sign_up(&app, email).await;
    let (secret, codes) = enrol_totp(&app, &owner).await;
    assert_eq!(codes.len(), 10, "{codes:?}");
    let (_, html) = get(&owner, &app, "/settings/security").await;
    assert!(html.contains("data-testid=\"totp-remove\""));
    assert!(html.contains("data-testid=\"recovery-codes-left\">10 recovery codes left"));

    // A code is accepted once: the next sign-in uses the app's next code.
    app.advance(Duration::seconds(31));
    let client = browser();
    assert_eq!(password_sign_in(&app, &client, email).await, "/login/mfa");
    let (status, html) = get(&client, &app, "/login/mfa").await;
    assert_eq!(status, StatusCode::OK);
    for needle in [
        "data-testid=\"mfa-totp-form\"",
        "id=\"totp_code\" name=\"code\"",
        "id=\"remember_device\" name=\"remember_device\"",
        "data-testid=\"mfa-recovery-form\"",
    ] {
        assert!(html.contains(needle), "/login/mfa lacks {needle}");
    }
    let csrf = csrf_of(&html);
    let (status, _) = get(&client, &app, "/settings").await;
    assert_ne!(
        status,
        StatusCode::OK,
        "not signed in before the second step"
    );

    let wrong = if code_now(&app, &secret) == "123456" {
        "654321"
    } else {
        "123456"
    };
    let res = post(
        &client,
        &app,
        "/login/mfa",
        &[("csrf", &csrf), ("method", "totp"), ("code", wrong)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let html = res.text().await.expect("body");
    assert!(html.contains("Attempts left: "), "{html}");
    assert!(html.contains("role=\"alert\""));
    assert!(html.contains("href=\"#totp_code\""));
    assert!(
        html.contains("aria-describedby=\"totp_code-help totp_code-error\" aria-invalid=\"true\"")
    );

    let res = post(
        &client,
        &app,
        "/login/mfa",
        &[
            ("csrf", &csrf),
            ("method", "totp"),
            ("code", &code_now(&app, &secret)),
            ("remember_device", "1"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/settings");
    let (status, _) = get(&client, &app, "/settings").await;
    assert_eq!(status, StatusCode::OK, "signed in with two factors");
    let (_, html) = get(&client, &app, "/settings/security").await;
    assert_eq!(
        html.matches("data-testid=\"trusted-device-item\"").count(),
        1
    );

    // The ticket is spent: the page says to start again.
    let res = post(
        &client,
        &app,
        "/login/mfa",
        &[("csrf", &csrf), ("method", "totp"), ("code", "123456")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::GONE);
    assert!(res.text().await.expect("body").contains("href=\"/login\""));

    // Forgetting the device ends the skip.
    let csrf = csrf_of(&html);
    let res = post(
        &client,
        &app,
        "/settings/security/trusted-devices/revoke",
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/settings/security?done=devices-forgotten");
    let (_, html) = get(&client, &app, "/settings/security?done=devices-forgotten").await;
    assert!(!html.contains("data-testid=\"trusted-device-item\""));
    assert!(html.contains("data-testid=\"notice\""));
}

async fn a_recovery_code_finishes_the_second_step_once(app: TestApp) {
    let email = "rex@example.com";
    let owner = sign_up(&app, email).await;
    let (_, codes) = enrol_totp(&app, &owner).await;
    let client = browser();
    assert_eq!(password_sign_in(&app, &client, email).await, "/login/mfa");
    let (_, html) = get(&client, &app, "/login/mfa").await;
    let res = post(
        &client,
        &app,
        "/login/mfa",
        &[
            ("csrf", &csrf_of(&html)),
            ("method", "recovery_code"),
            ("code", &codes[0]),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/settings");
    let (_, html) = get(&client, &app, "/settings/security").await;
    assert!(
        html.contains("data-testid=\"recovery-codes-left\">9 recovery codes left"),
        "{html}"
    );

    // The same code again: refused on the form, which stays open.
    let again = browser();
    assert_eq!(password_sign_in(&app, &again, email).await, "/login/mfa");
    let (_, html) = get(&again, &app, "/login/mfa").await;
    let res = post(
        &again,
        &app,
        "/login/mfa",
        &[
            ("csrf", &csrf_of(&html)),
            ("method", "recovery_code"),
            ("code", &codes[0]),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let html = res.text().await.expect("body");
    assert!(html.contains("id=\"recovery_code-error\""), "{html}");
    assert!(html.contains("<details class=\"more\" open>"));
}

async fn a_code_by_email_finishes_the_second_step(app: TestApp) {
    let email = "eve@example.com";
    let owner = sign_up(&app, email).await;
    enrol_totp(&app, &owner).await;
    let client = browser();
    assert_eq!(password_sign_in(&app, &client, email).await, "/login/mfa");
    let (_, html) = get(&client, &app, "/login/mfa").await;
    assert!(html.contains("data-testid=\"mfa-send-email\""), "{html}");
    assert!(!html.contains("data-testid=\"mfa-code-form\""));
    let res = post(
        &client,
        &app,
        "/login/mfa/send",
        &[("csrf", &csrf_of(&html)), ("channel", "email")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let sent = location(&res);
    assert_eq!(sent, "/login/mfa?sent=email");
    let (status, html) = get(&client, &app, &sent).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("data-testid=\"mfa-code-form\""), "{html}");
    assert!(html.contains("name=\"method\" value=\"email\""));
    assert!(html.contains("id=\"second_code\" name=\"code\""));
    assert!(html.contains("data-testid=\"notice\""));
    let code = app.nth_code(email, "To finish signing in", 1).await;
    let res = post(
        &client,
        &app,
        "/login/mfa",
        &[
            ("csrf", &csrf_of(&html)),
            ("method", "email"),
            ("code", &code),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/settings");
    let (status, _) = get(&client, &app, "/settings").await;
    assert_eq!(status, StatusCode::OK);
}

async fn factor_changes_outside_the_window_ask_to_confirm_first(app: TestApp) {
    let email = "una@example.com";
    let owner = sign_up(&app, email).await;
    let (secret, _) = enrol_totp(&app, &owner).await;
    app.advance(Duration::minutes(11));

    let (_, html) = get(&owner, &app, "/settings/security").await;
    let csrf = csrf_of(&html);
    let res = post(
        &owner,
        &app,
        "/settings/security/recovery-codes",
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let reauth = location(&res);
    assert_eq!(
        reauth,
        "/settings/reauthenticate?return_to=/settings/security"
    );
    let res = post(
        &owner,
        &app,
        "/settings/security/totp/remove",
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(location(&res), reauth);

    let (status, html) = get(&owner, &app, &reauth).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(
        "id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\""
    ));
    assert!(html.contains("id=\"totp_code\""), "the account has an app");
    assert!(html.contains("name=\"return_to\" value=\"/settings/security\""));
    let res = post(
        &owner,
        &app,
        "/settings/reauthenticate",
        &[
            ("csrf", &csrf),
            ("return_to", "/settings/security"),
            ("password", "Not-The-Password-9"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let html = res.text().await.expect("body");
    assert!(html.contains("id=\"password-error\""), "{html}");
    assert!(!html.contains("Not-The-Password-9"));

    // Away from open redirects: a foreign return_to is dropped.
    let res = post(
        &owner,
        &app,
        "/settings/reauthenticate",
        &[
            ("csrf", &csrf),
            ("return_to", "https://evil.example/"),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/settings/security");

    let res = post(
        &owner,
        &app,
        "/settings/security/recovery-codes",
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[CACHE_CONTROL], "no-store");
    let codes = recovery_codes(&res.text().await.expect("body"));
    assert_eq!(codes.len(), 10);

    // Later again, the app's code confirms too; then the app can be removed.
    app.advance(Duration::minutes(11));
    let res = post(
        &owner,
        &app,
        "/settings/security/totp/remove",
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(location(&res), reauth);
    let res = post(
        &owner,
        &app,
        "/settings/reauthenticate",
        &[
            ("csrf", &csrf),
            ("return_to", "/settings/security"),
            ("code", &code_now(&app, &secret)),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = post(
        &owner,
        &app,
        "/settings/security/totp/remove",
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/settings/security?done=totp-removed");
    assert_eq!(password_sign_in(&app, &browser(), email).await, "/settings");
}

async fn the_second_step_without_a_ticket_says_start_again(app: TestApp) {
    let client = browser();
    let (status, html) = get(&client, &app, "/login/mfa").await;
    assert_eq!(status, StatusCode::GONE);
    assert!(html.contains("href=\"/login\""), "{html}");
    assert!(html.contains("role=\"alert\""));
    let (_, login) = get(&client, &app, "/login").await;
    let res = post(
        &client,
        &app,
        "/login/mfa/send",
        &[("csrf", &csrf_of(&login)), ("channel", "email")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::GONE);
}

async fn the_login_page_offers_passkeys_first_when_they_are_on(app: TestApp) {
    let (status, html) = get(&browser(), &app, "/login").await;
    assert_eq!(status, StatusCode::OK);
    if html.contains("data-passkey-signin") {
        assert!(html.contains("autocomplete=\"username webauthn\""));
        assert!(html.contains("src=\"/assets/passkey.js?v="));
        assert!(html.find("data-passkey-signin") < html.find("data-testid=\"login-form\""));
    }
    let res = browser()
        .get(app.url("/assets/passkey.js"))
        .send()
        .await
        .expect("GET");
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()[CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert!(res.text().await.unwrap().contains("data-passkey-signin"));
}

/// With a public URL that can be a relying party (a host name, not an IP address), the
/// pages offer passkeys: first on `/login`, and to add on `/settings/security`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_passkeys_on_the_pages_offer_them() {
    let Some(app) = TestApp::spawn_with(latchkey_testkit::Backend::Sqlite, |c| {
        c.public_url = "http://localhost:8080".into();
    })
    .await
    else {
        return;
    };
    let (_, html) = get(&browser(), &app, "/login").await;
    assert!(html.contains("data-passkey-signin hidden"), "{html}");
    assert!(html.contains("data-testid=\"passkey-signin\""));
    assert!(html.contains("autocomplete=\"username webauthn\""));
    assert!(html.find("data-passkey-signin") < html.find("data-testid=\"login-form\""));
    let owner = sign_up(&app, "pia@example.com").await;
    let (_, html) = get(&owner, &app, "/settings/security").await;
    assert!(html.contains("data-passkey-register hidden"), "{html}");
    assert!(html.contains("data-testid=\"passkey-add\""));
    assert!(html.contains("<p data-passkey-nojs"));
    assert!(html.contains("src=\"/assets/passkey.js?v="));
    // A passkey that is not the account's: refused on the page, nothing removed.
    let res = post(
        &owner,
        &app,
        "/settings/security/passkeys/0190a0b0-0000-7000-8000-000000000001/remove",
        &[("csrf", &csrf_of(&html))],
    )
    .await;
    assert!(res.status().is_client_error(), "{}", res.status());
    assert!(res.text().await.expect("body").contains("role=\"alert\""));
}

latchkey_testkit::both_backends!(
    an_authenticator_app_set_up_on_the_pages_guards_the_password_sign_in,
    a_recovery_code_finishes_the_second_step_once,
    a_code_by_email_finishes_the_second_step,
    factor_changes_outside_the_window_ask_to_confirm_first,
    the_second_step_without_a_ticket_says_start_again,
    the_login_page_offers_passkeys_first_when_they_are_on,
);
