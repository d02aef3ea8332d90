//! The social sign-in pages over HTTP (issue #11): the provider buttons on `/login` and
//! `/register`, the provider round trip's error pages, the link proof page
//! (`/login/link`) and the linked accounts on `/settings/security`. No provider answers
//! here: `acme` names an unreachable issuer (discovery is lazy, so the app still
//! builds), and a link waiting for its proof is written into the store as the callback
//! would leave it.

use crate::pages::{PASSWORD, browser, csrf_of, get, location, post, sign_up};
use latchkey::config::{Config, ProviderConfig, ProviderKind};
use latchkey_domain::{Clock, FlowId, IdentityId};
use latchkey_i18n::Locale;
use latchkey_store::{ContactKind, Credential, CredentialKind, Flow, FlowKind, FlowState};
use latchkey_testkit::{Backend, TestApp};
use reqwest::StatusCode;
use serde_json::json;
use time::Duration;

/// Google first, then Acme: the buttons keep this order, not the alphabet's.
fn providers(c: &mut Config) {
    let google = ProviderConfig::new("google", ProviderKind::Google, "google-client");
    let mut acme = ProviderConfig::new("acme", ProviderKind::Oidc, "acme-client");
    acme.issuer = Some("http://127.0.0.1:9".into());
    acme.label = Some("Acme".into());
    c.oidc.providers = vec![google, acme];
}

async fn spawn() -> Option<TestApp> {
    TestApp::spawn_with(Backend::Sqlite, providers).await
}

/// A message as the page shows it: HTML-escaped (French has apostrophes).
fn shown(locale: Locale, key: &str) -> String {
    locale
        .t(key)
        .replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

/// The `<a …>…</a>` carrying `data-testid="{testid}"`.
fn anchor<'a>(html: &'a str, testid: &str) -> &'a str {
    let at = html
        .find(&format!("data-testid=\"{testid}\""))
        .unwrap_or_else(|| panic!("no {testid} in {html}"));
    let start = html[..at].rfind("<a ").expect("anchor start");
    let end = at + html[at..].find("</a>").expect("anchor end") + 4;
    &html[start..end]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_and_registration_show_the_buttons_in_the_configured_order() {
    let Some(app) = spawn().await else { return };
    let client = browser();
    for page in ["/login", "/register"] {
        let (status, html) = get(
            &client,
            &app,
            &format!("{page}?return_to=%2Fsettings%2Fsecurity"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(
            html.contains("<section class=\"providers\" aria-labelledby=\"providers-h\""),
            "{page}"
        );
        assert!(html.contains("<h2 id=\"providers-h\""), "{page}");
        assert_eq!(
            anchor(&html, "provider-google"),
            "<a class=\"provider-button\" href=\"/auth/google/start?return_to=%2Fsettings%2Fsecurity\" data-testid=\"provider-google\">Continue with Google</a>",
            "{page}"
        );
        assert_eq!(
            anchor(&html, "provider-acme"),
            "<a class=\"provider-button\" href=\"/auth/acme/start?return_to=%2Fsettings%2Fsecurity\" data-testid=\"provider-acme\">Continue with Acme</a>",
            "{page}"
        );
        assert!(
            html.find("provider-google") < html.find("provider-acme"),
            "{page}: the configured order"
        );
    }
    // Without return_to the links carry none.
    let (_, html) = get(&client, &app, "/login").await;
    assert!(html.contains("href=\"/auth/acme/start\" data-testid=\"provider-acme\""));
    // A return_to the page refuses is not handed on either.
    let (_, html) = get(
        &client,
        &app,
        "/login?return_to=https%3A%2F%2Fevil.example%2F",
    )
    .await;
    assert!(html.contains("href=\"/auth/acme/start\" data-testid=\"provider-acme\""));
    assert!(!anchor(&html, "provider-google").contains("evil.example"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_providers_there_is_no_section() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else {
        return;
    };
    let client = browser();
    for page in ["/login", "/register"] {
        let (status, html) = get(&client, &app, page).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!html.contains("provider-buttons"), "{page}");
        assert!(!html.contains("/auth/"), "{page}");
        assert!(!html.contains("providers-h"), "{page}");
    }
    let client = sign_up(&app, "nia@example.com").await;
    let (_, html) = get(&client, &app, "/settings/security").await;
    assert!(!html.contains("id=\"providers\""));
}

/// Following Acme's button: its issuer answers nothing, so its discovery fails and the
/// page says the service cannot be reached (502), in the page's language.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn following_a_button_to_an_unreachable_provider_shows_a_clear_page() {
    let Some(app) = spawn().await else { return };
    let client = browser();
    let (status, html) = get(&client, &app, "/auth/acme/start?return_to=%2Fsettings").await;
    assert_ne!(status, StatusCode::INTERNAL_SERVER_ERROR, "{html}");
    assert_eq!(status, StatusCode::BAD_GATEWAY, "{html}");
    assert!(
        html.contains(&shown(Locale::En, "error-provider_unavailable")),
        "{html}"
    );
    assert!(html.contains("href=\"/login\""), "a way back: {html}");
    let (status, html) = get(&browser(), &app, "/auth/acme/start?lang=fr").await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);
    assert!(html.contains("<html lang=\"fr\""));
    assert!(html.contains(&shown(Locale::Fr, "error-provider_unavailable")));

    // Linking from settings, in the privileged window, gets as far.
    let client = sign_up(&app, "uma@example.com").await;
    let (status, _) = get(&client, &app, "/auth/acme/start?intent=link").await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_round_trip_ends_on_clear_pages() {
    let Some(app) = spawn().await else { return };
    let client = browser();

    // A provider nobody configured.
    let (status, html) = get(&client, &app, "/auth/nope/start").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("data-testid=\"message\""), "{html}");

    // A callback whose state this browser never started.
    let (status, html) = get(&client, &app, "/auth/acme/callback?state=garbage&code=x").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        html.contains(&shown(Locale::En, "error-state_mismatch")),
        "{html}"
    );
    // In the page's language (a fresh browser: `lang` sticks in a cookie).
    let (status, html) = get(
        &browser(),
        &app,
        "/auth/acme/callback?state=garbage&code=x&lang=ru",
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains(&shown(Locale::Ru, "error-state_mismatch")));

    // A link proof whose flow does not exist (or is gone).
    let random = FlowId::new();
    let (status, html) = get(&client, &app, &format!("/login/link?flow={random}")).await;
    assert_eq!(status, StatusCode::GONE);
    assert!(
        html.contains(&shown(Locale::En, "error-flow_expired")),
        "{html}"
    );
    assert!(html.contains("href=\"/login\""), "{html}");
    let (status, _) = get(&client, &app, "/login/link?flow=not-a-flow").await;
    assert_eq!(status, StatusCode::GONE);
    let (status, _) = get(&client, &app, "/login/link").await;
    assert_eq!(status, StatusCode::GONE);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_security_page_offers_each_configured_provider() {
    let Some(app) = spawn().await else { return };
    let client = sign_up(&app, "ola@example.com").await;
    let (status, html) = get(&client, &app, "/settings/security").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("<section class=\"card\" id=\"providers\" aria-labelledby=\"providers-h\">")
    );
    assert!(html.contains("<h2 id=\"providers-h\">Linked accounts</h2>"));
    assert!(html.contains("No account is linked yet."));
    assert_eq!(
        anchor(&html, "provider-link-acme"),
        "<a href=\"/auth/acme/start?intent=link\" data-testid=\"provider-link-acme\">Link Acme</a>"
    );
    assert!(html.contains(">Link Google</a>"));
    assert!(html.find("provider-link-google") < html.find("provider-link-acme"));

    // The provider's callback after a link comes back with `linked=1`.
    let (_, html) = get(&client, &app, "/settings/security?linked=1").await;
    assert!(html.contains("data-testid=\"notice\""));
    assert!(html.contains("Your account is now linked."));

    // Linking outside the privileged window asks to confirm it's you first.
    app.advance(Duration::minutes(11));
    let res = client
        .get(app.url("/auth/acme/start?intent=link"))
        .send()
        .await
        .expect("GET");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).starts_with("/settings/reauthenticate"));
}

/// The account behind a verified email address.
async fn identity_of(app: &TestApp, email: &str) -> IdentityId {
    app.store
        .contact_by_key(ContactKind::Email, email)
        .await
        .expect("lookup")
        .expect("an account")
        .identity_id
}

/// A link waiting for its proof, as the callback leaves it when Acme's verified email is
/// an existing account's.
async fn pending_link(app: &TestApp, email: &str, return_to: Option<&str>) -> FlowId {
    let owner = identity_of(app, email).await;
    let now = app.clock.now();
    let id = FlowId::new();
    let flow = Flow {
        id,
        kind: FlowKind::SocialLink,
        state: FlowState::Active,
        identity_id: Some(owner),
        identifier_key: owner.to_string(),
        channel: ContactKind::Email,
        payload: json!({
            "provider": "acme",
            "subject": "acme-subject-1",
            "email": email,
            "name": null,
            "return_to": return_to,
        }),
        failures: 0,
        created_at: now,
        expires_at: now + Duration::minutes(10),
        last_sent_at: now,
        completed_at: None,
    };
    app.store.create_flow(&flow, None, &[]).await.expect("flow");
    id
}

async fn acme_links(app: &TestApp, owner: IdentityId) -> Vec<Credential> {
    app.store
        .credentials(owner)
        .await
        .expect("credentials")
        .into_iter()
        .filter(|c| c.kind == CredentialKind::Oidc)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_password_proves_the_account_then_it_can_be_unlinked() {
    let Some(app) = spawn().await else { return };
    let email = "pia@example.com";
    let _ = sign_up(&app, email).await;
    let owner = identity_of(&app, email).await;
    let flow = pending_link(&app, email, Some("/settings/security")).await;

    let client = browser();
    let (status, html) = get(&client, &app, &format!("/login/link?flow={flow}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<h1>Link your Acme account</h1>"), "{html}");
    assert!(html.contains("Acme says your email is pia@example.com."));
    assert!(html.contains("action=\"/login/link/password\""));
    assert!(html.contains("action=\"/login/link/send\""));
    assert!(
        !html.contains("link-passkey-note"),
        "no passkey on this account"
    );
    let csrf = csrf_of(&html);
    let flow_s = flow.to_string();

    // The CSRF guard stands in front of these forms as of every page's.
    let res = post(
        &client,
        &app,
        "/login/link/password",
        &[("flow", &flow_s), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    // A wrong password: the page again, the error on the field, nothing linked.
    let res = post(
        &client,
        &app,
        "/login/link/password",
        &[
            ("csrf", &csrf),
            ("flow", &flow_s),
            ("password", "not-it-at-all"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let html = res.text().await.expect("body");
    assert!(html.contains("data-testid=\"form-error\""));
    assert!(html.contains("That is not the password of this account."));
    assert!(html.contains("aria-invalid=\"true\" aria-describedby=\"password-error\""));
    assert!(!html.contains("not-it-at-all"), "the password came back");
    assert!(acme_links(&app, owner).await.is_empty());

    // The right one links Acme and signs in, on to the link's return_to.
    let res = post(
        &client,
        &app,
        "/login/link/password",
        &[("csrf", &csrf), ("flow", &flow_s), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/settings/security");
    assert_eq!(acme_links(&app, owner).await.len(), 1);
    // Spent: the page is gone.
    let (status, _) = get(&client, &app, &format!("/login/link?flow={flow}")).await;
    assert_eq!(status, StatusCode::GONE);

    let (status, html) = get(&client, &app, "/settings/security").await;
    assert_eq!(status, StatusCode::OK, "signed in");
    assert!(html.contains("data-testid=\"provider-item\""), "{html}");
    assert!(html.contains("<p class=\"list-main\" id=\"provider-item-acme\">Acme</p>"));
    assert!(html.contains("<dt>Email</dt><dd>pia@example.com</dd>"));
    assert!(html.contains("action=\"/settings/security/providers/acme/unlink\""));
    assert!(
        !html.contains("provider-link-acme"),
        "linked: not offered again"
    );
    assert!(html.contains("provider-link-google"));
    let csrf = csrf_of(&html);

    // Outside the privileged window: confirm it's you first.
    app.advance(Duration::minutes(11));
    let res = post(
        &client,
        &app,
        "/settings/security/providers/acme/unlink",
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&res),
        "/settings/reauthenticate?return_to=/settings/security"
    );
    assert_eq!(acme_links(&app, owner).await.len(), 1);
    let (_, html) = get(&client, &app, "/settings/reauthenticate").await;
    let res = post(
        &client,
        &app,
        "/settings/reauthenticate",
        &[("csrf", &csrf_of(&html)), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    let res = post(
        &client,
        &app,
        "/settings/security/providers/acme/unlink",
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let done = location(&res);
    assert_eq!(done, "/settings/security?done=provider-unlinked");
    assert!(acme_links(&app, owner).await.is_empty());
    let (_, html) = get(&client, &app, &done).await;
    assert!(html.contains("The account was unlinked."));
    assert!(html.contains("provider-link-acme"));

    // Nothing left to unlink.
    let res = post(
        &client,
        &app,
        "/settings/security/providers/acme/unlink",
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("data-testid=\"form-error\"")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_by_email_proves_the_account() {
    let Some(app) = spawn().await else { return };
    let email = "quin@example.com";
    let _ = sign_up(&app, email).await;
    let owner = identity_of(&app, email).await;
    let flow = pending_link(&app, email, None).await;
    let flow_s = flow.to_string();

    let client = browser();
    let (_, html) = get(&client, &app, &format!("/login/link?flow={flow}")).await;
    let csrf = csrf_of(&html);
    let before = app.mailbox(email).await.len();
    let res = post(
        &client,
        &app,
        "/login/link/send",
        &[("csrf", &csrf), ("flow", &flow_s)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let to = location(&res);
    let prefix = format!("/login/link?flow={flow}&code_flow=");
    assert!(to.starts_with(&prefix) && to.ends_with("&sent=1"), "{to}");
    let code_flow = to[prefix.len()..].trim_end_matches("&sent=1").to_owned();

    let (status, html) = get(&client, &app, &to).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("data-testid=\"notice\""));
    assert!(html.contains("We sent a code to quin@example.com."));
    assert!(html.contains("action=\"/login/link/code\""));
    assert!(html.contains(&format!("name=\"code_flow\" value=\"{code_flow}\"")));
    let code = app.code_for(email, before + 1).await;

    // A wrong code: the field's error, the code field still there.
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let res = post(
        &client,
        &app,
        "/login/link/code",
        &[
            ("csrf", &csrf),
            ("flow", &flow_s),
            ("code_flow", &code_flow),
            ("code", wrong),
        ],
    )
    .await;
    assert!(res.status().is_client_error(), "{}", res.status());
    let html = res.text().await.expect("body");
    assert!(
        html.contains("<p class=\"field-error\" id=\"code-error\">"),
        "{html}"
    );
    assert!(html.contains("action=\"/login/link/code\""));
    // Not six digits: refused before a try is spent.
    let res = post(
        &client,
        &app,
        "/login/link/code",
        &[
            ("csrf", &csrf),
            ("flow", &flow_s),
            ("code_flow", &code_flow),
            ("code", "12"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(acme_links(&app, owner).await.is_empty());

    let res = post(
        &client,
        &app,
        "/login/link/code",
        &[
            ("csrf", &csrf),
            ("flow", &flow_s),
            ("code_flow", &code_flow),
            ("code", &code),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/settings");
    assert_eq!(acme_links(&app, owner).await.len(), 1);
    let (status, _) = get(&client, &app, "/settings").await;
    assert_eq!(status, StatusCode::OK, "signed in");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_last_way_in_cannot_be_unlinked() {
    let Some(app) = spawn().await else { return };
    let email = "rue@example.com";
    let _ = sign_up(&app, email).await;
    let owner = identity_of(&app, email).await;
    let flow = pending_link(&app, email, None).await;
    let client = browser();
    let (_, html) = get(&client, &app, &format!("/login/link?flow={flow}")).await;
    let res = post(
        &client,
        &app,
        "/login/link/password",
        &[
            ("csrf", &csrf_of(&html)),
            ("flow", &flow.to_string()),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    // Acme is now the only way in: no password, no verified address.
    let password = app
        .store
        .credentials(owner)
        .await
        .expect("credentials")
        .into_iter()
        .find(|c| c.kind == CredentialKind::Password)
        .expect("a password");
    assert!(
        app.store
            .remove_credential(owner, password.id, &[])
            .await
            .expect("remove")
    );
    app.execute_sql("UPDATE contacts SET verified = FALSE")
        .await;

    let (_, html) = get(&client, &app, "/settings/security").await;
    let res = post(
        &client,
        &app,
        "/settings/security/providers/acme/unlink",
        &[("csrf", &csrf_of(&html))],
    )
    .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let html = res.text().await.expect("body");
    assert!(html.contains("data-testid=\"form-error\""), "{html}");
    assert!(
        html.contains(&shown(Locale::En, "error-last_method")),
        "{html}"
    );
    assert!(html.contains("id=\"providers\""));
    assert_eq!(acme_links(&app, owner).await.len(), 1);
}
