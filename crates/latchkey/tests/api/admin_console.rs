//! The admin console (`/admin`) over HTTP: signing in with an admin key, the redirects
//! without one, the dashboard's SVG charts, search and the account page, each action
//! form for an agent (and its audit event), the operator's forms and their refusal for
//! an agent, the CSRF guard, and the console in Russian.

use crate::pages::{PASSWORD, browser, csrf_of, get, location, post};
use latchkey::config::Config;
use latchkey_testkit::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The bootstrap admin token of these tests' apps (`LATCHKEY_ADMIN_TOKEN`).
const BOOT: &str = "console-bootstrap-token-5f2b9c1d7e3a";

fn with_admin(config: &mut Config) {
    config.admin_token = Some(BOOT.to_owned().into());
}

/// A new key with `role`, through the admin API; returns its secret.
async fn new_key(app: &TestApp, name: &str, role: &str) -> String {
    let res = app
        .post_auth("/admin/api/keys", BOOT, json!({"name": name, "role": role}))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json::<Value>().await.unwrap()["key"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A browser signed in to the console with `key`.
async fn console(app: &TestApp, key: &str) -> reqwest::Client {
    let client = browser();
    let (status, html) = get(&client, app, "/admin/login").await;
    assert_eq!(status, StatusCode::OK);
    let csrf = csrf_of(&html);
    let res = post(
        &client,
        app,
        "/admin/login",
        &[("csrf", &csrf), ("key", key)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/admin");
    client
}

/// A registered account's id, found through the admin API.
async fn account(app: &TestApp, email: &str) -> String {
    app.register(email, PASSWORD).await;
    let res = app
        .get_auth(&format!("/admin/api/identities?query={email}"), BOOT)
        .await;
    let body: Value = res.json().await.unwrap();
    body["identities"][0]["id"].as_str().unwrap().to_owned()
}

/// The audit trail's events of `kind` for `id`.
async fn events(app: &TestApp, id: &str, kind: &str) -> Vec<Value> {
    let res = app
        .get_auth(
            &format!("/admin/api/events?identity_id={id}&type={kind}"),
            BOOT,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    body["events"].as_array().unwrap().clone()
}

async fn account_state(app: &TestApp, id: &str) -> Value {
    let res = app
        .get_auth(&format!("/admin/api/identities/{id}"), BOOT)
        .await;
    res.json().await.unwrap()
}

async fn a_key_signs_in_with_a_strict_cookie_for_admin_only(app: TestApp) {
    let client = browser();
    let (_, html) = get(&client, &app, "/admin/login").await;
    assert!(html.contains("name=\"key\""), "the key field");
    let csrf = csrf_of(&html);
    let res = post(
        &client,
        &app,
        "/admin/login",
        &[("csrf", &csrf), ("key", BOOT)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("latchkey_admin="))
        .expect("the admin cookie")
        .to_owned();
    for attribute in [
        "HttpOnly",
        "SameSite=Strict",
        "Path=/admin",
        "Max-Age=28800",
    ] {
        assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
    }
    // Dev mode over http: no `Secure`, as every other cookie.
    assert!(!cookie.contains("Secure"), "{cookie}");
    let (status, html) = get(&client, &app, "/admin").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("bootstrap"), "the key's name is shown");
    assert!(!html.contains(BOOT), "the key itself is never rendered");
    // Signed in, the login page goes to the dashboard; signed out, back to the form.
    let res = client.get(app.url("/admin/login")).send().await.unwrap();
    assert_eq!(location(&res), "/admin");
    let csrf = csrf_of(&html);
    let res = post(&client, &app, "/admin/logout", &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = client.get(app.url("/admin")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/admin/login");
}

async fn a_wrong_key_is_refused_with_the_form_again(app: TestApp) {
    let client = browser();
    let (_, html) = get(&client, &app, "/admin/login").await;
    let csrf = csrf_of(&html);
    let wrong = "not-the-admin-key-at-all";
    let res = post(
        &client,
        &app,
        "/admin/login",
        &[("csrf", &csrf), ("key", wrong)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(
        !res.headers()
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap_or("").starts_with("latchkey_admin=")),
    );
    let html = res.text().await.unwrap();
    assert!(html.contains("This admin key is not valid"));
    assert!(html.contains("aria-invalid=\"true\""));
    assert!(!html.contains(wrong), "the typed key is not sent back");
    // A revoked key is no better.
    let key = new_key(&app, "leaver", "agent").await;
    let list: Value = app
        .get_auth("/admin/api/keys", BOOT)
        .await
        .json()
        .await
        .unwrap();
    let id = list["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["name"] == "leaver")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let client = console(&app, &key).await;
    app.delete_auth(&format!("/admin/api/keys/{id}"), BOOT)
        .await;
    let res = client.get(app.url("/admin")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/admin/login");
}

async fn console_pages_without_a_key_go_to_sign_in(app: TestApp) {
    let id = account(&app, "nokey@example.com").await;
    let client = browser();
    for path in [
        "/admin".to_owned(),
        "/admin/identities?query=nokey".to_owned(),
        format!("/admin/identities/{id}"),
        "/admin/events".to_owned(),
    ] {
        let res = client.get(app.url(&path)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{path}");
        assert_eq!(location(&res), "/admin/login", "{path}");
    }
    // A POST with a good CSRF token but no key changes nothing.
    let (_, html) = get(&client, &app, "/admin/login").await;
    let csrf = csrf_of(&html);
    let res = post(
        &client,
        &app,
        &format!("/admin/identities/{id}/sessions"),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/admin/login");
    assert!(events(&app, &id, "admin.sessions_ended").await.is_empty());
}

async fn the_dashboard_draws_accessible_svg_charts(app: TestApp) {
    app.register("charts@example.com", PASSWORD).await;
    let client = console(&app, BOOT).await;
    let (status, html) = get(&client, &app, "/admin").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Last 24 hours") && html.contains("Last 7 days"));
    assert_eq!(
        html.matches("<svg class=\"chart\" role=\"img\"").count(),
        10
    );
    for needle in [
        "<title id=\"chart-24h-session-created-title\">Sign-ins — Last 24 hours</title>",
        "<desc id=\"chart-24h-session-created-desc\">",
        "viewBox=\"0 0 320 140\"",
        "Failed sign-ins",
        "Lockouts",
        "Recoveries",
        "Messages sent",
        "<th scope=\"col\">Period starting</th>",
        "/assets/admin.css?v=",
    ] {
        assert!(html.contains(needle), "the dashboard lacks {needle}");
    }
    // The registration's sign-in is counted.
    assert!(html.contains("Total: 1"), "one sign-in");
    // The console's own stylesheet is served like the pages' one.
    let res = client
        .get(app.url("/assets/admin.css"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
}

async fn search_finds_an_account_and_its_page_shows_it(app: TestApp) {
    let id = account(&app, "found@example.com").await;
    let client = console(&app, &new_key(&app, "desk", "agent").await).await;
    let (status, html) = get(&client, &app, "/admin/identities?query=found%40example.com").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("href=\"/admin/identities/{id}\"")));
    assert!(html.contains("found@example.com"));
    let (_, html) = get(
        &client,
        &app,
        "/admin/identities?query=nobody%40example.com",
    )
    .await;
    assert!(html.contains("data-testid=\"no-results\""));

    let (status, html) = get(&client, &app, &format!("/admin/identities/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    for needle in [
        "found@example.com",
        id.as_str(),
        "argon2id",
        "<caption id=\"timeline-caption\">",
        "data-type=\"identity.created\"",
        ">Account created<",
        "data-type=\"session.created\"",
        "data-testid=\"sessions\"",
    ] {
        assert!(html.contains(needle), "the account page lacks {needle}");
    }
    // Reading it is audited, naming the key.
    let viewed = events(&app, &id, "admin.viewed").await;
    assert_eq!(viewed[0]["actor"]["key_name"], "desk");
    // An id that is none is a 404 page, not a 500.
    let (status, _) = get(&client, &app, "/admin/identities/not-an-id").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn each_support_form_works_for_an_agent_and_is_audited(app: TestApp) {
    let id = account(&app, "helped@example.com").await;
    let client = console(&app, &new_key(&app, "desk", "agent").await).await;
    let page = format!("/admin/identities/{id}");
    for (action, done, notice, event) in [
        ("unlock", "unlocked", "Unlocked.", "admin.unlocked"),
        (
            "recovery",
            "recovery",
            "A recovery link was sent",
            "admin.recovery_sent",
        ),
        ("mfa", "mfa", "Second factors removed.", "admin.mfa_removed"),
        (
            "sessions",
            "sessions",
            "signed out everywhere",
            "admin.sessions_ended",
        ),
    ] {
        let (_, html) = get(&client, &app, &page).await;
        assert!(
            html.contains(&format!("action=\"{page}/{action}\"")),
            "{action} form"
        );
        let csrf = csrf_of(&html);
        let res = post(
            &client,
            &app,
            &format!("{page}/{action}"),
            &[("csrf", &csrf)],
        )
        .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{action}");
        let to = location(&res);
        assert_eq!(to, format!("{page}?done={done}"));
        let (_, html) = get(&client, &app, &to).await;
        assert!(html.contains(notice), "{action}: notice {notice}");
        let audit = events(&app, &id, event).await;
        assert_eq!(audit.len(), 1, "{event}");
        assert_eq!(audit[0]["actor"]["key_name"], "desk");
        assert_eq!(audit[0]["outcome"], "success");
    }
    // The recovery link went to the account's own address.
    assert_eq!(
        app.messages_with("helped@example.com", "/recovery/link")
            .await
            .len(),
        1
    );
    assert_eq!(account_state(&app, &id).await["sessions"], json!([]));
}

async fn operator_forms_are_absent_for_an_agent_and_refused_if_posted(app: TestApp) {
    let id = account(&app, "guarded@example.com").await;
    let client = console(&app, &new_key(&app, "desk", "agent").await).await;
    let page = format!("/admin/identities/{id}");
    let (_, html) = get(&client, &app, &page).await;
    assert!(!html.contains("data-testid=\"operator-actions\""));
    for action in ["block", "unblock", "privilege", "delete"] {
        assert!(
            !html.contains(&format!("{page}/{action}")),
            "{action} shown"
        );
    }
    let csrf = csrf_of(&html);
    for (action, form) in [
        ("block", vec![("csrf", csrf.as_str()), ("reason", "fraud")]),
        (
            "privilege",
            vec![("csrf", csrf.as_str()), ("high_privilege", "on")],
        ),
        ("delete", vec![("csrf", csrf.as_str())]),
    ] {
        let res = post(&client, &app, &format!("{page}/{action}"), &form).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{action}");
        let html = res.text().await.unwrap();
        assert!(html.contains("Your admin key may not do this"), "{action}");
    }
    let (status, _) = get(&client, &app, &format!("{page}/delete")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let state = account_state(&app, &id).await;
    assert_eq!(state["state"], "active");
    assert_eq!(state["high_privilege"], false);

    // On a high-privilege account even the support forms are refused, and audited.
    let res = app
        .post_auth(
            &format!("/admin/api/identities/{id}/privilege"),
            BOOT,
            json!({"high_privilege": true}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = post(&client, &app, &format!("{page}/unlock"), &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let denied = events(&app, &id, "admin.unlocked").await;
    assert_eq!(denied[0]["outcome"], "denied");
}

async fn an_admin_blocks_marks_and_deletes_through_the_forms(app: TestApp) {
    let id = account(&app, "operated@example.com").await;
    let client = console(&app, BOOT).await;
    let page = format!("/admin/identities/{id}");
    let (_, html) = get(&client, &app, &page).await;
    assert!(html.contains("data-testid=\"operator-actions\""));
    let csrf = csrf_of(&html);

    let res = post(
        &client,
        &app,
        &format!("{page}/block"),
        &[("csrf", &csrf), ("reason", "chargeback")],
    )
    .await;
    assert_eq!(location(&res), format!("{page}?done=blocked"));
    let (_, html) = get(&client, &app, &location(&res)).await;
    assert!(html.contains(">Blocked<") && html.contains("chargeback"));
    assert!(html.contains(&format!("{page}/unblock")));
    let res = post(
        &client,
        &app,
        &format!("{page}/unblock"),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(location(&res), format!("{page}?done=unblocked"));
    assert_eq!(account_state(&app, &id).await["state"], "active");

    let res = post(
        &client,
        &app,
        &format!("{page}/privilege"),
        &[("csrf", &csrf), ("high_privilege", "on")],
    )
    .await;
    assert_eq!(location(&res), format!("{page}?done=marked"));
    assert_eq!(account_state(&app, &id).await["high_privilege"], true);
    let res = post(
        &client,
        &app,
        &format!("{page}/privilege"),
        &[("csrf", &csrf), ("high_privilege", "off")],
    )
    .await;
    assert_eq!(location(&res), format!("{page}?done=unmarked"));
    assert_eq!(account_state(&app, &id).await["high_privilege"], false);

    // Deleting takes a confirm step.
    let (status, html) = get(&client, &app, &format!("{page}/delete")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("operated@example.com") && html.contains("cannot be undone"));
    let res = post(&client, &app, &format!("{page}/delete"), &[("csrf", &csrf)]).await;
    assert_eq!(location(&res), "/admin/identities?done=deleted");
    let res = app
        .get_auth(&format!("/admin/api/identities/{id}"), BOOT)
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(events(&app, &id, "admin.deleted").await.len(), 1);
    for kind in [
        "admin.blocked",
        "admin.unblocked",
        "admin.privilege_changed",
    ] {
        assert!(!events(&app, &id, kind).await.is_empty(), "{kind}");
    }
}

async fn a_console_post_without_the_csrf_token_is_refused(app: TestApp) {
    let id = account(&app, "forged@example.com").await;
    let client = console(&app, BOOT).await;
    let res = post(
        &client,
        &app,
        &format!("/admin/identities/{id}/sessions"),
        &[],
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let html = res.text().await.unwrap();
    assert!(
        html.contains(&format!("href=\"/admin/identities/{id}\"")),
        "back to the account"
    );
    let res = post(
        &client,
        &app,
        &format!("/admin/identities/{id}/sessions"),
        &[("csrf", "0123456789abcdef0123456789abcdef0123")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(events(&app, &id, "admin.sessions_ended").await.is_empty());
    // The login form too.
    let res = post(&browser(), &app, "/admin/login", &[("key", BOOT)]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

async fn the_events_page_lists_the_audit_trail_with_labels(app: TestApp) {
    let id = account(&app, "audited@example.com").await;
    let client = console(&app, BOOT).await;
    get(&client, &app, &format!("/admin/identities/{id}")).await;
    let (status, html) = get(&client, &app, &format!("/admin/events?identity_id={id}")).await;
    assert_eq!(status, StatusCode::OK);
    for needle in [
        ">Account viewed by support<",
        ">Account created<",
        ">bootstrap<",
        "data-outcome=\"success\"",
    ] {
        assert!(html.contains(needle), "events lack {needle}");
    }
    let (_, html) = get(&client, &app, "/admin/events?type=admin.viewed").await;
    assert!(html.contains("data-type=\"admin.viewed\""));
    assert!(!html.contains("data-type=\"identity.created\""));
    let (status, html) = get(&client, &app, "/admin/events?identity_id=nope").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("aria-invalid=\"true\""));
}

async fn the_console_speaks_russian(app: TestApp) {
    let id = account(&app, "russian@example.com").await;
    let client = console(&app, BOOT).await;
    let res = client
        .get(app.url("/admin/login"))
        .header("accept-language", "ru")
        .send()
        .await
        .unwrap();
    // Signed in already: to the dashboard, which speaks the browser's language.
    assert_eq!(location(&res), "/admin");
    let res = client
        .get(app.url("/admin"))
        .header("accept-language", "ru-RU,ru;q=0.9")
        .send()
        .await
        .unwrap();
    let html = res.text().await.unwrap();
    assert!(html.contains("lang=\"ru\""));
    assert!(html.contains("Последние 24 часа") && html.contains("Входы"));
    let (_, html) = get(&client, &app, &format!("/admin/identities/{id}?lang=ru")).await;
    assert!(html.contains("Снять блокировку входа"));
    let (_, html) = get(&browser(), &app, "/admin/login?lang=ru").await;
    assert!(html.contains("Ключ администратора"));
}

latchkey_testkit::both_backends!(with = crate::admin_console::with_admin;
    a_key_signs_in_with_a_strict_cookie_for_admin_only,
    a_wrong_key_is_refused_with_the_form_again,
    console_pages_without_a_key_go_to_sign_in,
    the_dashboard_draws_accessible_svg_charts,
    search_finds_an_account_and_its_page_shows_it,
    each_support_form_works_for_an_agent_and_is_audited,
    operator_forms_are_absent_for_an_agent_and_refused_if_posted,
    an_admin_blocks_marks_and_deletes_through_the_forms,
    a_console_post_without_the_csrf_token_is_refused,
    the_events_page_lists_the_audit_trail_with_labels,
    the_console_speaks_russian,
);
