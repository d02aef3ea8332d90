//! The browser pages over HTTP, without a browser: forms, redirects, cookies, the CSRF
//! guard, `return_to`, assets and the not-found page.

use latchkey_testkit::{Backend, TestApp};
use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, CONTENT_TYPE, LOCATION};

pub const PASSWORD: &str = "Quiet-Lantern-4821";

/// A browser-like client: keeps cookies, does not follow redirects (tests check them).
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// A form body as a browser sends it.
pub fn encode(form: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form)
        .finish()
}

/// The value of the page's hidden `csrf` field.
pub use latchkey_testkit::csrf_of;

pub fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .expect("a Location header")
        .to_owned()
}

pub async fn get(client: &reqwest::Client, app: &TestApp, path: &str) -> (StatusCode, String) {
    let res = client.get(app.url(path)).send().await.expect("GET");
    let status = res.status();
    (status, res.text().await.expect("body"))
}

pub async fn post(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(app.url(path))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(encode(form))
        .send()
        .await
        .expect("POST")
}

/// Registers through the pages; returns the client, now signed in on /settings.
pub async fn sign_up(app: &TestApp, email: &str) -> reqwest::Client {
    let client = browser();
    let (status, html) = get(&client, app, "/register").await;
    assert_eq!(status, StatusCode::OK);
    let csrf = csrf_of(&html);
    let res = post(
        &client,
        app,
        "/register",
        &[
            ("csrf", &csrf),
            ("identifier", email),
            ("password", PASSWORD),
            ("password_confirm", PASSWORD),
            ("name", "Ada"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let verify = location(&res);
    assert!(verify.starts_with("/verify?flow="), "{verify}");

    let (status, html) = get(&client, app, &verify).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("You can ask for a new code in 60 s"),
        "{html}"
    );
    assert!(html.contains("a***@example.com") || html.contains("@example.com"));
    let flow = verify.trim_start_matches("/verify?flow=");
    let code = app.code_for(email, 1).await;
    let res = post(
        &client,
        app,
        "/verify",
        &[("csrf", &csrf), ("flow", flow), ("code", &code)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/settings");
    client
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_verify_settings_and_sign_out_with_plain_forms() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else {
        return;
    };
    let client = sign_up(&app, "ada@example.com").await;

    let (status, html) = get(&client, &app, "/settings").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("data-testid=\"signed-in-as\">Signed in as ada@example.com"));
    assert!(html.contains("data-testid=\"verified\""));
    assert!(html.contains("href=\"/settings/devices\""));
    let (status, devices) = get(&client, &app, "/settings/devices").await;
    assert_eq!(status, StatusCode::OK);
    assert!(devices.contains("data-testid=\"session\""));

    let csrf = csrf_of(&html);
    let res = post(&client, &app, "/logout", &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/login?signed_out=1");
    let (_, html) = get(&client, &app, "/login?signed_out=1").await;
    assert!(html.contains("You are signed out."));

    // Signed out: the settings page sends the browser to sign in.
    let res = client.get(app.url("/settings")).send().await.expect("GET");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).starts_with("/login"));

    // And back in with the password.
    let csrf = csrf_of(&html);
    let res = post(
        &client,
        &app,
        "/login",
        &[
            ("csrf", &csrf),
            ("identifier", "ADA@example.com"),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/settings");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_devices_are_listed_and_signed_out() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else {
        return;
    };
    let first = sign_up(&app, "bob@example.com").await;
    let second = browser();
    let (_, html) = get(&second, &app, "/login").await;
    let csrf = csrf_of(&html);
    let res = second
        .post(app.url("/login"))
        .header(
            "User-Agent",
            "Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile Safari/537.36",
        )
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(encode(&[
            ("csrf", csrf.as_str()),
            ("identifier", "bob@example.com"),
            ("password", PASSWORD),
        ]))
        .send()
        .await
        .expect("POST");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    let (_, html) = get(&first, &app, "/settings/devices").await;
    assert_eq!(html.matches("data-testid=\"session\"").count(), 2);
    assert!(html.contains("Chrome · Android"));
    let csrf = csrf_of(&html);
    let res = post(
        &first,
        &app,
        "/settings/sessions/sign-out-others",
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(location(&res), "/settings/devices?done=others");
    let (_, html) = get(&first, &app, "/settings/devices?done=others").await;
    assert_eq!(html.matches("data-testid=\"session\"").count(), 1);
    assert!(html.contains("All other devices were signed out."));

    // The other browser is signed out for real.
    let res = second.get(app.url("/settings")).send().await.expect("GET");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn form_errors_are_accessible_and_keep_what_was_typed() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else {
        return;
    };
    let client = browser();
    let (_, html) = get(&client, &app, "/register?lang=fr").await;
    let csrf = csrf_of(&html);
    let res = post(
        &client,
        &app,
        "/register",
        &[
            ("csrf", &csrf),
            ("identifier", "cleo@example.com"),
            ("password", PASSWORD),
            ("password_confirm", "something else"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.expect("body");
    // The language picked with ?lang= sticks (cookie) for the POST.
    assert!(html.contains("<html lang=\"fr\""));
    assert!(html.contains("role=\"alert\""));
    assert!(html.contains("id=\"password_confirm-error\""));
    assert!(html.contains("aria-describedby=\"password_confirm-error\""));
    assert!(html.contains("value=\"cleo@example.com\""));
    assert!(
        !html.contains(PASSWORD),
        "a password was sent back into the page"
    );

    // A weak password names its problems.
    let res = post(
        &client,
        &app,
        "/register",
        &[
            ("csrf", &csrf),
            ("identifier", "cleo@example.com"),
            ("password", "short"),
            ("password_confirm", "short"),
        ],
    )
    .await;
    let html = res.text().await.expect("body");
    assert!(html.contains("Utilisez au moins 8 caractères."), "{html}");

    // A wrong code counts down the tries; a malformed one costs none.
    let res = post(
        &client,
        &app,
        "/register",
        &[
            ("csrf", &csrf),
            ("identifier", "cleo@example.com"),
            ("password", PASSWORD),
            ("password_confirm", PASSWORD),
        ],
    )
    .await;
    let verify = location(&res);
    let flow = verify.trim_start_matches("/verify?flow=").to_owned();
    let res = post(
        &client,
        &app,
        "/verify",
        &[("csrf", &csrf), ("flow", &flow), ("code", "12ab")],
    )
    .await;
    let html = res.text().await.expect("body");
    assert!(html.contains("id=\"code-error\""));
    let code = app.code_for("cleo@example.com", 1).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let res = post(
        &client,
        &app,
        "/verify",
        &[("csrf", &csrf), ("flow", &flow), ("code", wrong)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let html = res.text().await.expect("body");
    assert!(html.contains("Tentatives restantes : 4."), "{html}");
    assert!(html.contains("aria-invalid=\"true\""));

    // Asking for a new code at once is too soon, and says how long to wait.
    let res = post(
        &client,
        &app,
        "/verify/resend",
        &[("csrf", &csrf), ("flow", &flow)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);

    // A wrong password on /login: one alert, no hint which half was wrong.
    let res = post(
        &client,
        &app,
        "/login",
        &[
            ("csrf", &csrf),
            ("identifier", "nobody@example.com"),
            ("password", "Wrong-password-1"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let html = res.text().await.expect("body");
    assert!(html.contains("role=\"alert\""));
    assert!(html.contains("value=\"nobody@example.com\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posts_without_the_csrf_token_are_refused() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else {
        return;
    };
    let client = browser();
    let (_, html) = get(&client, &app, "/login?lang=ru").await;
    let good = csrf_of(&html);
    for token in ["", "forged-token-forged-token-forged-token"] {
        let res = post(
            &client,
            &app,
            "/login",
            &[
                ("csrf", token),
                ("identifier", "a@example.com"),
                ("password", "x"),
            ],
        )
        .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        let html = res.text().await.expect("body");
        assert!(html.contains("role=\"alert\""));
        assert!(html.contains("<html lang=\"ru\""));
    }
    // The right token with no cookie (another site's form) is refused too.
    let res = browser()
        .post(app.url("/logout"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(encode(&[("csrf", good.as_str())]))
        .send()
        .await
        .expect("POST");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn return_to_survives_only_when_allowed() {
    let Some(app) = TestApp::spawn_with(Backend::Sqlite, |c| {
        c.return_to_allowlist = vec!["https://shop.example/account/".into()];
    })
    .await
    else {
        return;
    };
    let client = browser();
    let (_, html) = get(
        &client,
        &app,
        "/login?return_to=https%3A%2F%2Fevil.example%2F",
    )
    .await;
    assert!(
        !html.contains("evil.example/\""),
        "an unlisted return_to was kept"
    );
    assert!(!html.contains("name=\"return_to\""));

    let _ = sign_up(&app, "dora@example.com").await;
    let (_, html) = get(
        &client,
        &app,
        "/login?return_to=https%3A%2F%2Fshop.example%2Faccount%2Forders",
    )
    .await;
    assert!(html.contains("name=\"return_to\" value=\"https://shop.example/account/orders\""));
    let csrf = csrf_of(&html);
    let res = post(
        &client,
        &app,
        "/login",
        &[
            ("csrf", &csrf),
            ("identifier", "dora@example.com"),
            ("password", PASSWORD),
            ("return_to", "https://shop.example/account/orders"),
        ],
    )
    .await;
    assert_eq!(location(&res), "https://shop.example/account/orders");

    // A forged hidden field is checked too.
    let res = post(
        &client,
        &app,
        "/logout",
        &[("csrf", &csrf), ("return_to", "https://evil.example/")],
    )
    .await;
    assert_eq!(location(&res), "/login?signed_out=1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn assets_language_switcher_and_not_found() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else {
        return;
    };
    let client = browser();
    for (path, kind) in [
        ("/assets/app.css", "text/css"),
        ("/assets/app.js", "text/javascript"),
    ] {
        let res = client.get(app.url(path)).send().await.expect("GET");
        assert_eq!(res.status(), StatusCode::OK);
        let ct = res
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(ct.starts_with(kind), "{path}: {ct}");
        let cache = res
            .headers()
            .get(CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(cache.contains("immutable"), "{path}: {cache}");
    }

    let (_, html) = get(&client, &app, "/verify?flow=nope&lang=zh-CN").await;
    assert!(html.contains("<html lang=\"zh-CN\""));

    let (status, html) = get(&client, &app, "/login?lang=es").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Iniciar sesión"));
    assert!(html.contains("href=\"/login?lang=pt-BR\""));
    assert!(html.contains("/assets/app.css?v="));
    // The choice sticks without the parameter.
    let (_, html) = get(&client, &app, "/register").await;
    assert!(html.contains("<html lang=\"es\""));

    let (status, html) = get(&client, &app, "/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Página no encontrada"));
}
