//! The account itself (issue #12): the view, name and language, deletion with its grace
//! period (a sign-in cancels it), the export, and the lock notice's "this wasn't me" link.

use latchkey_domain::{EventType, IdentityId};
use latchkey_testkit::{TestApp, error_code};
use reqwest::StatusCode;
use serde_json::{Value, json};
use time::Duration;

latchkey_testkit::both_backends!(
    the_account_is_read_and_its_name_and_language_change,
    a_bad_locale_or_name_is_refused_with_its_field,
    messages_follow_the_account_language,
    deletion_needs_the_privileged_window,
    a_sign_in_cancels_a_deletion_and_after_the_grace_it_is_erased,
    the_export_has_the_data_and_no_secret,
    the_lock_notice_has_a_report_link_that_signs_everyone_out,
    the_account_page_saves_the_name_and_language_and_deletes_after_a_confirm,
);

const PW: &str = "correct horse battery";

async fn sign_in(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.post(
        "/api/sessions",
        json!({"identifier": email, "password": password}),
    )
    .await
}

async fn token_of(res: reqwest::Response) -> String {
    assert_eq!(res.status(), StatusCode::CREATED, "signed in");
    res.json::<Value>().await.unwrap()["session_token"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn patch(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.client
        .patch(app.url("/api/account"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn identity_id(app: &TestApp, token: &str) -> IdentityId {
    let res = app.get_auth("/api/account", token).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = res.json::<Value>().await.unwrap();
    body["identity"]["id"].as_str().unwrap().parse().unwrap()
}

async fn the_account_is_read_and_its_name_and_language_change(app: TestApp) {
    let token = app.register("ann@shop.example", PW).await;
    let res = app.get_auth("/api/account", &token).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = res.json::<Value>().await.unwrap();
    let session = app
        .get_auth("/api/session", &token)
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(body["identity"], session["identity"], "the session's view");
    let contact = &body["identity"]["contacts"][0];
    assert!(contact["id"].is_string(), "{contact}");
    assert_eq!(contact["kind"], "email");
    assert_eq!(contact["address"], "ann@shop.example");
    assert_eq!(contact["verified"], true);
    assert_eq!(contact["primary"], true);
    assert!(body["identity"]["methods"].is_array());

    let res = patch(
        &app,
        &token,
        json!({"name": "  Ann Smith  ", "locale": "pt-br"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = res.json::<Value>().await.unwrap();
    assert_eq!(body["identity"]["name"], "Ann Smith", "trimmed");
    assert_eq!(body["identity"]["locale"], "pt-BR", "the supported tag");

    // Only what is given changes; an empty name clears it.
    let res = patch(&app, &token, json!({"locale": "fr"})).await;
    let body = res.json::<Value>().await.unwrap();
    assert_eq!(body["identity"]["name"], "Ann Smith");
    assert_eq!(body["identity"]["locale"], "fr");
    let res = patch(&app, &token, json!({"name": "   "})).await;
    let body = res.json::<Value>().await.unwrap();
    assert_eq!(body["identity"]["name"], Value::Null);
    let res = app.get_auth("/api/account", &token).await;
    let body = res.json::<Value>().await.unwrap();
    assert_eq!(body["identity"]["locale"], "fr");

    let res = app
        .client
        .get(app.url("/api/account"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

async fn a_bad_locale_or_name_is_refused_with_its_field(app: TestApp) {
    let token = app.register("bea@shop.example", PW).await;
    for (body, field) in [
        (json!({"locale": "de"}), "locale"),
        (json!({"locale": "zh-TW"}), "locale"),
        (json!({"locale": ""}), "locale"),
        (json!({"name": "x".repeat(201)}), "name"),
    ] {
        let (status, code, err) = error_code(patch(&app, &token, body.clone()).await).await;
        assert_eq!(
            (status, code.as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, "invalid_input"),
            "{body}"
        );
        assert_eq!(err["error"]["field"], field, "{body}: {err}");
    }
    let (status, _, _) = error_code(patch(&app, &token, json!({"nickname": "b"})).await).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown fields refused"
    );
    // Nothing changed.
    let body = app
        .get_auth("/api/account", &token)
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(body["identity"]["locale"], "en");
    // 200 characters is the registration's limit, and fits.
    let res = patch(&app, &token, json!({"name": "é".repeat(200)})).await;
    assert_eq!(res.status(), StatusCode::OK);
}

async fn messages_follow_the_account_language(app: TestApp) {
    let token = app.register("cleo@shop.example", PW).await;
    let res = patch(&app, &token, json!({"locale": "fr"})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app
        .client
        .put(app.url("/api/account/password"))
        .bearer_auth(&token)
        .header("accept-language", "en")
        .json(&json!({"new_password": "violet tractor sunrise"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let notice = app
        .message_with("cleo@shop.example", "/security/report?token=")
        .await;
    assert_eq!(
        notice["subject"], "Votre mot de passe Test Shop a été modifié",
        "{notice}"
    );
    assert!(
        notice["text"]
            .as_str()
            .unwrap()
            .contains("vient d'être modifié"),
        "{notice}"
    );
}

async fn deletion_needs_the_privileged_window(app: TestApp) {
    let token = app.register("dora@shop.example", PW).await;
    app.advance(Duration::minutes(11));
    let (status, code, _) = error_code(app.delete_auth("/api/account", &token).await).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::FORBIDDEN, "reauthentication_required")
    );
    // Nothing was scheduled: the account and its session go on.
    assert_eq!(
        app.get_auth("/api/account", &token).await.status(),
        StatusCode::OK
    );
    let res = app
        .post_auth(
            "/api/account/reauthenticate",
            &token,
            json!({"password": PW}),
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    let res = app.delete_auth("/api/account", &token).await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
}

async fn a_sign_in_cancels_a_deletion_and_after_the_grace_it_is_erased(app: TestApp) {
    let email = "eve@shop.example";
    let token = app.register(email, PW).await;
    let id = identity_id(&app, &token).await;
    let other = token_of(sign_in(&app, email, PW).await).await;

    let res = app.delete_auth("/api/account", &token).await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let body = res.json::<Value>().await.unwrap();
    let erase_at = time::OffsetDateTime::parse(
        body["erase_at"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .expect("RFC 3339");
    let grace = erase_at - app.now();
    assert!(
        (grace - Duration::days(14)).abs() < Duration::seconds(2),
        "{grace}"
    );
    let notice = app.message_with(email, "will be deleted on").await;
    let date = erase_at.date().to_string();
    assert!(
        notice["text"].as_str().unwrap().contains(&date),
        "the date: {notice}"
    );
    // Every session ended, the caller's too.
    for t in [&token, &other] {
        assert_eq!(
            app.get_auth("/api/session", t).await.status(),
            StatusCode::UNAUTHORIZED
        );
    }

    // Signing in during the grace period cancels it, and the owner is told.
    app.advance(Duration::days(3));
    let token = token_of(sign_in(&app, email, PW).await).await;
    app.message_with(email, "will not be deleted").await;
    app.advance(Duration::days(12));
    assert_eq!(app.erase_due_accounts().await, 0, "cancelled");
    assert_eq!(
        app.get_auth("/api/account", &token).await.status(),
        StatusCode::OK
    );

    // Asked again (from a fresh sign-in: the privileged window), and left alone for the
    // whole grace period: erased.
    let token = token_of(sign_in(&app, email, PW).await).await;
    let res = app.delete_auth("/api/account", &token).await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    app.advance(Duration::days(13));
    assert_eq!(app.erase_due_accounts().await, 0, "not due yet");
    app.advance(Duration::days(2));
    assert_eq!(app.erase_due_accounts().await, 1);
    assert_eq!(app.erase_due_accounts().await, 0, "once");

    let (status, code, _) = error_code(sign_in(&app, email, PW).await).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::UNAUTHORIZED, "invalid_credentials"),
        "the account is gone"
    );
    assert_eq!(app.store.identity(id).await.unwrap(), None);
    assert!(app.store.contacts(id).await.unwrap().is_empty());
    assert!(app.store.credentials(id).await.unwrap().is_empty());
    let events = app.store.events(id, 100).await.unwrap();
    assert!(
        events.iter().any(|e| e.kind == EventType::IdentityDeleted),
        "identity.deleted kept for the shop"
    );

    // The address is free: it can register anew.
    app.advance(Duration::minutes(5));
    let fresh = app.register(email, "another long passphrase").await;
    assert_ne!(identity_id(&app, &fresh).await, id);
}

async fn the_export_has_the_data_and_no_secret(app: TestApp) {
    let token = app
        .register_with(
            json!({"email": "fay@shop.example", "password": PW, "name": "Fay"}),
            "fay@shop.example",
        )
        .await;
    crate::mfa::enrol_totp(&app, &token).await;
    let id = identity_id(&app, &token).await;
    let res = app.get_auth("/api/account/export", &token).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["content-disposition"],
        "attachment; filename=\"latchkey-export.json\""
    );
    let text = res.text().await.unwrap();
    let body: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(body["identity"]["name"], "Fay");
    assert_eq!(body["identity"]["locale"], "en");
    assert!(body["identity"]["created_at"].is_string());
    assert_eq!(body["contacts"][0]["address"], "fay@shop.example");
    let kinds: Vec<&str> = body["credentials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"password"), "{kinds:?}");
    assert!(kinds.contains(&"totp"), "{kinds:?}");
    assert!(!body["sessions"].as_array().unwrap().is_empty());
    assert!(body["trusted_devices"].is_array());
    assert!(body["linked_providers"].is_array());
    assert!(
        body["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["type"] == "session.created"),
        "{}",
        body["events"]
    );

    // No secret: not the password hash, not the TOTP secret, nothing a credential keeps.
    assert!(!text.contains("$argon2"), "a password hash: {text}");
    for c in app.store.credentials(id).await.unwrap() {
        assert!(!c.secret.is_empty());
        assert!(
            !text.contains(&c.secret),
            "{:?}'s secret is in the export",
            c.kind
        );
    }
    assert!(!text.contains(&token), "no session token");
    assert!(!text.contains("token_hash"));
}

async fn the_lock_notice_has_a_report_link_that_signs_everyone_out(app: TestApp) {
    let email = "gus@shop.example";
    let token = app.register(email, PW).await;
    for i in 0..9 {
        app.client
            .post(app.url("/api/sessions"))
            .header("x-forwarded-for", format!("198.51.100.{i}"))
            .json(&json!({"identifier": email, "password": "nope"}))
            .send()
            .await
            .unwrap();
    }
    let notice = app.message_with(email, "/unlock?token=").await;
    let text = notice["text"].as_str().unwrap();
    let report = text
        .split_whitespace()
        .find(|w| w.starts_with("http") && w.contains("/security/report?token="))
        .unwrap_or_else(|| panic!("no report link in {text}"));
    let report = report.split("token=").nth(1).unwrap();
    let res = app
        .post("/api/security/report", json!({"token": report}))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get_auth("/api/session", &token).await.status(),
        StatusCode::UNAUTHORIZED,
        "signed out everywhere"
    );
    app.advance(Duration::hours(1));
    let (status, code, _) = error_code(sign_in(&app, email, PW).await).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::FORBIDDEN, "account_blocked"),
        "password sign-in blocked until a recovery"
    );
}

async fn the_account_page_saves_the_name_and_language_and_deletes_after_a_confirm(app: TestApp) {
    use crate::pages::{csrf_of, get, location, post, sign_up};
    let client = sign_up(&app, "hal@example.com").await;
    let (status, html) = get(&client, &app, "/settings").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("href=\"/settings/account\""),
        "linked from /settings"
    );
    let (status, html) = get(&client, &app, "/settings/account").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("href=\"/api/account/export\""), "{html}");
    assert!(html.contains("href=\"/settings/account/delete\""));
    let csrf = csrf_of(&html);
    let res = post(
        &client,
        &app,
        "/settings/account",
        &[("csrf", &csrf), ("name", " Hal "), ("locale", "fr")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/settings/account?done=saved&lang=fr");
    let (_, html) = get(&client, &app, "/settings/account?done=saved&lang=fr").await;
    assert!(
        html.contains("Vos informations ont été enregistrées."),
        "{html}"
    );
    assert!(html.contains("value=\"Hal\""), "{html}");
    assert!(html.contains("<option value=\"fr\" lang=\"fr\" selected>"));
    // A bad language comes back on the form with its field.
    let res = post(
        &client,
        &app,
        "/settings/account",
        &[("csrf", &csrf), ("name", "Hal"), ("locale", "de")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("id=\"locale-error\""));

    // The export answers the session cookie.
    let res = client
        .get(app.url("/api/account/export"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);

    // Outside the privileged window the confirm step sends the browser to prove itself.
    app.advance(Duration::minutes(11));
    let res = client
        .get(app.url("/settings/account/delete"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&res),
        "/settings/reauthenticate?return_to=/settings/account/delete"
    );
    let res = post(
        &client,
        &app,
        "/settings/account/delete",
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "the POST too");

    // Fresh: the confirm step, then the deletion; this browser is signed out.
    let client = sign_up(&app, "ivy@example.com").await;
    let (status, html) = get(&client, &app, "/settings/account/delete").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("data-testid=\"confirm-delete\""));
    let csrf = csrf_of(&html);
    let res = post(
        &client,
        &app,
        "/settings/account/delete",
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("will be deleted on"));
    let res = client.get(app.url("/settings")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "signed out");
    app.message_with("ivy@example.com", "will be deleted on")
        .await;
}
