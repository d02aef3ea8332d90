//! `/settings/security` over HTTP: changing the password with a plain form (P2), the
//! page twin of `PUT /api/account/password`.

use crate::pages::{PASSWORD, browser, csrf_of, get, location, post, sign_up};
use latchkey_testkit::{TestApp, captured_logs};
use reqwest::StatusCode;
use serde_json::json;
use time::Duration;

const NEW_PASSWORD: &str = "Marble-Heron-Canyon-57";

/// Whether the JSON API lets `email` sign in with `password`.
async fn can_sign_in(app: &TestApp, email: &str, password: &str) -> bool {
    let res = app
        .post(
            "/api/sessions",
            json!({"identifier": email, "password": password}),
        )
        .await;
    match res.status() {
        StatusCode::CREATED => true,
        StatusCode::UNAUTHORIZED => false,
        other => panic!("POST /api/sessions answered {other}"),
    }
}

/// The security page's form token, read from the page as a browser would.
async fn security_csrf(client: &reqwest::Client, app: &TestApp) -> String {
    let (status, html) = get(client, app, "/settings/security").await;
    assert_eq!(status, StatusCode::OK);
    csrf_of(&html)
}

async fn change(
    client: &reqwest::Client,
    app: &TestApp,
    csrf: &str,
    current: &str,
    new: &str,
    confirm: &str,
) -> reqwest::Response {
    post(
        client,
        app,
        "/settings/security/password",
        &[
            ("csrf", csrf),
            ("current_password", current),
            ("password", new),
            ("password_confirm", confirm),
        ],
    )
    .await
}

/// No password typed into the form may come back in the answer.
fn assert_no_secrets(html: &str) {
    for secret in [PASSWORD, NEW_PASSWORD] {
        assert!(
            !html.contains(secret),
            "a password was sent back into the page"
        );
    }
}

async fn signed_out_browsers_are_sent_to_sign_in(app: TestApp) {
    let client = browser();
    let res = client
        .get(app.url("/settings/security"))
        .send()
        .await
        .expect("GET");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/login?return_to=%2Fsettings%2Fsecurity");

    // A POST with a good CSRF token but no session changes nothing and goes there too.
    let (_, html) = get(&client, &app, "/login").await;
    let csrf = csrf_of(&html);
    let res = change(&client, &app, &csrf, PASSWORD, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/login?return_to=%2Fsettings%2Fsecurity");

    // The settings page links here.
    let client = sign_up(&app, "sol@example.com").await;
    let (_, html) = get(&client, &app, "/settings").await;
    assert!(html.contains("href=\"/settings/security\""));
    let (status, html) = get(&client, &app, "/settings/security").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("action=\"/settings/security/password\""));
    assert!(html.contains("href=\"/settings\""));
}

async fn the_current_password_changes_it_and_the_old_one_stops_working(app: TestApp) {
    let email = "ivy@example.com";
    let client = sign_up(&app, email).await;
    // The strength meter is told the account's address (HTML-escaped JSON in an attribute).
    let (_, html) = get(&client, &app, "/settings/security").await;
    assert!(
        html.contains(r#"data-user-inputs="[&#34;ivy@example.com&#34;,&#34;Ada&#34;]""#),
        "{html}"
    );
    let elsewhere = browser();
    let (_, html) = get(&elsewhere, &app, "/login").await;
    let res = post(
        &elsewhere,
        &app,
        "/login",
        &[
            ("csrf", &csrf_of(&html)),
            ("identifier", email),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // Past the privileged window: only the current password will do.
    app.advance(Duration::minutes(11));

    let csrf = security_csrf(&client, &app).await;
    let res = change(&client, &app, &csrf, PASSWORD, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let done = location(&res);
    assert_eq!(done, "/settings/security?done=password");
    let (status, html) = get(&client, &app, &done).await;
    assert_eq!(status, StatusCode::OK, "this browser stays signed in");
    assert!(html.contains("data-testid=\"notice\""));
    assert!(html.contains("Your password has been changed."), "{html}");
    assert_no_secrets(&html);

    assert!(
        !can_sign_in(&app, email, PASSWORD).await,
        "the old password"
    );
    assert!(
        can_sign_in(&app, email, NEW_PASSWORD).await,
        "the new password"
    );
    let res = elsewhere
        .get(app.url("/settings"))
        .send()
        .await
        .expect("GET");
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "the other browser");
    // The owner is told, with a "this wasn't me" link.
    app.message_with(email, "/security/report?token=").await;
    assert!(
        !captured_logs().contains(NEW_PASSWORD),
        "a password was logged"
    );
}

async fn a_wrong_current_password_changes_nothing(app: TestApp) {
    let email = "gus@example.com";
    let client = sign_up(&app, email).await;
    app.advance(Duration::minutes(11));
    let csrf = security_csrf(&client, &app).await;
    let res = change(
        &client,
        &app,
        &csrf,
        "Not-The-Password-1",
        NEW_PASSWORD,
        NEW_PASSWORD,
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let html = res.text().await.expect("body");
    assert!(html.contains("role=\"alert\""));
    assert!(html.contains("href=\"#current_password\""), "error summary");
    assert!(html.contains("id=\"current_password-error\""));
    assert!(html.contains(
        "aria-describedby=\"current_password-help current_password-error\" aria-invalid=\"true\""
    ));
    assert!(
        html.contains("The current password is not right."),
        "{html}"
    );
    assert!(!html.contains("Not-The-Password-1"));
    assert_no_secrets(&html);

    assert!(can_sign_in(&app, email, PASSWORD).await);
    assert!(!can_sign_in(&app, email, NEW_PASSWORD).await);
}

async fn the_current_password_may_be_left_out_only_just_after_signing_in(app: TestApp) {
    let email = "kim@example.com";
    let client = sign_up(&app, email).await;
    let csrf = security_csrf(&client, &app).await;
    app.advance(Duration::minutes(11));
    let res = change(&client, &app, &csrf, "", NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let html = res.text().await.expect("body");
    assert!(
        html.contains("Enter your current password: you signed in more than 10 minutes ago."),
        "{html}"
    );
    assert!(html.contains("id=\"current_password-error\""));
    assert_no_secrets(&html);
    assert!(can_sign_in(&app, email, PASSWORD).await);

    // A fresh sign-in is enough on its own, in any language.
    let fresh = browser();
    let (_, html) = get(&fresh, &app, "/login?lang=fr").await;
    let res = post(
        &fresh,
        &app,
        "/login",
        &[
            ("csrf", &csrf_of(&html)),
            ("identifier", email),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = get(&fresh, &app, "/settings/security").await;
    assert!(html.contains("<html lang=\"fr\""));
    assert!(html.contains("Mot de passe actuel"));
    let res = change(
        &fresh,
        &app,
        &csrf_of(&html),
        "",
        NEW_PASSWORD,
        NEW_PASSWORD,
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(can_sign_in(&app, email, NEW_PASSWORD).await);
}

async fn a_weak_new_password_shows_the_reasons(app: TestApp) {
    let email = "lou@example.com";
    let client = sign_up(&app, email).await;
    let csrf = security_csrf(&client, &app).await;

    let res = change(&client, &app, &csrf, PASSWORD, "short", "short").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.expect("body");
    assert!(html.contains("role=\"alert\""));
    assert!(html.contains("id=\"password-error\""));
    assert!(
        html.contains("aria-describedby=\"password-help password-error\" aria-invalid=\"true\"")
    );
    assert!(html.contains("Use at least 8 characters."), "{html}");
    assert!(!html.contains("value=\"short\""));
    assert_no_secrets(&html);

    let res = change(&client, &app, &csrf, PASSWORD, PASSWORD, PASSWORD).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.expect("body");
    assert!(
        html.contains("The new password must be different from the current one."),
        "{html}"
    );
    assert_no_secrets(&html);

    let res = change(&client, &app, &csrf, PASSWORD, NEW_PASSWORD, "Marble-Heron").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.expect("body");
    assert!(html.contains("id=\"password_confirm-error\""));
    assert!(html.contains("The passwords do not match."));
    assert_no_secrets(&html);

    assert!(can_sign_in(&app, email, PASSWORD).await);
}

async fn a_post_without_the_csrf_token_is_refused(app: TestApp) {
    let email = "max@example.com";
    let client = sign_up(&app, email).await;
    let good = security_csrf(&client, &app).await;
    for token in ["", "forged-token-forged-token-forged-token"] {
        let res = change(&client, &app, token, PASSWORD, NEW_PASSWORD, NEW_PASSWORD).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        let html = res.text().await.expect("body");
        assert!(html.contains("role=\"alert\""));
        assert!(html.contains("href=\"/settings/security\""), "{html}");
    }
    let res = post(
        &client,
        &app,
        "/settings/security/password",
        &[
            ("current_password", PASSWORD),
            ("password", NEW_PASSWORD),
            ("password_confirm", NEW_PASSWORD),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // The right token without the cookie it is bound to (another site's form).
    let res = change(
        &browser(),
        &app,
        &good,
        PASSWORD,
        NEW_PASSWORD,
        NEW_PASSWORD,
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    assert!(can_sign_in(&app, email, PASSWORD).await);
    assert!(!can_sign_in(&app, email, NEW_PASSWORD).await);
}

latchkey_testkit::both_backends!(
    signed_out_browsers_are_sent_to_sign_in,
    the_current_password_changes_it_and_the_old_one_stops_working,
    a_wrong_current_password_changes_nothing,
    the_current_password_may_be_left_out_only_just_after_signing_in,
    a_weak_new_password_shows_the_reasons,
    a_post_without_the_csrf_token_is_refused,
);
