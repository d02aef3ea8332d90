//! Passkeys through the API with a software authenticator (`SoftPasskey`): registration,
//! passwordless sign-in, the second step, and removal.

use crate::mfa::{
    PW, add_passkey, assurance, body, finish, methods, mfa_status, passkey_sign_in, signed_in,
    ticket_for, ticket_id,
};
use latchkey_testkit::{SoftPasskey, TestApp, error_code};
use reqwest::StatusCode;
use serde_json::{Value, json};

latchkey_testkit::both_backends!(with = crate::mfa::config;
    passkeys_register_list_and_sign_in,
    a_passkey_is_a_second_factor,
    the_last_way_in_cannot_be_removed,
);

async fn passkeys_register_list_and_sign_in(app: TestApp) {
    let email = "pia@shop.example";
    let token = app.register(email, PW).await;
    let mut laptop = SoftPasskey::new(11);
    let mut phone = SoftPasskey::new(12);
    let res = add_passkey(&app, &token, &mut laptop, "Work laptop").await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let added = body(res).await;
    assert_eq!(added["name"], "Work laptop");
    let res = add_passkey(&app, &token, &mut phone, "Phone").await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let s = mfa_status(&app, &token).await;
    let mut names: Vec<&str> = s["passkeys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["Phone", "Work laptop"]);
    assert!(s["passkeys"][0]["created_at"].is_string());

    // The same authenticator again.
    let mut again = SoftPasskey::new(11);
    let (status, c, _) = error_code(add_passkey(&app, &token, &mut again, "Again").await).await;
    assert_eq!(
        (status, c.as_str()),
        (StatusCode::CONFLICT, "already_registered")
    );

    // Passwordless, discoverable: two factors at once.
    let b = signed_in(passkey_sign_in(&app, &mut phone, true).await).await;
    assert_eq!(
        assurance(&b),
        ("aal2".to_owned(), vec!["passkey".to_owned()])
    );
    assert_eq!(b["identity"]["id"], added_identity(&app, &token).await);
    let s = mfa_status(&app, &token).await;
    let used = s["passkeys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Phone")
        .unwrap();
    assert!(used["last_used_at"].is_string(), "{s}");

    // Without user verification: refused.
    let (status, c, _) = error_code(passkey_sign_in(&app, &mut laptop, false).await).await;
    assert_eq!(
        (status, c.as_str()),
        (StatusCode::BAD_REQUEST, "invalid_credential")
    );

    // A challenge is single use.
    let o = body(app.post("/api/sessions/passkey/options", json!({})).await).await;
    assert_eq!(o["options"]["publicKey"]["userVerification"], "required");
    let first = laptop.assert(&o["options"], &app.origin, true);
    let res = app
        .post(
            "/api/sessions/passkey",
            json!({"challenge_id": o["challenge_id"], "credential": first}),
        )
        .await;
    signed_in(res).await;
    let second = laptop.assert(&o["options"], &app.origin, true);
    let res = app
        .post(
            "/api/sessions/passkey",
            json!({"challenge_id": o["challenge_id"], "credential": second}),
        )
        .await;
    let (status, c, _) = error_code(res).await;
    assert_eq!((status, c.as_str()), (StatusCode::GONE, "flow_expired"));

    // Another origin: refused.
    let o = body(app.post("/api/sessions/passkey/options", json!({})).await).await;
    let forged = laptop.assert(&o["options"], "http://evil.example", true);
    let res = app
        .post(
            "/api/sessions/passkey",
            json!({"challenge_id": o["challenge_id"], "credential": forged}),
        )
        .await;
    assert_eq!(error_code(res).await.1, "invalid_credential");
}

async fn added_identity(app: &TestApp, token: &str) -> Value {
    body(app.get_auth("/api/session", token).await).await["identity"]["id"].clone()
}

async fn a_passkey_is_a_second_factor(app: TestApp) {
    let email = "sec@shop.example";
    let token = app.register(email, PW).await;
    let mut key = SoftPasskey::new(21);
    assert_eq!(
        add_passkey(&app, &token, &mut key, "Key").await.status(),
        StatusCode::CREATED
    );
    // Enrolling a passkey turned the gate on.
    let t = ticket_for(&app, email).await;
    let m = methods(&t);
    assert!(m.contains(&"passkey".to_owned()), "{m:?}");
    assert!(!m.contains(&"totp".to_owned()), "{m:?}");
    let t = ticket_id(&t);
    let res = app
        .post("/api/sessions/passkey/options", json!({"mfa_ticket": t}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let o = body(res).await;
    assert!(o.get("challenge_id").is_none(), "{o}");
    assert_eq!(
        o["options"]["publicKey"]["allowCredentials"][0]["id"],
        key.id().as_str()
    );
    // Without user verification: refused, and the ticket counts it.
    let weak = key.assert(&o["options"], &app.origin, false);
    let (status, c, _) =
        error_code(finish(&app, &t, "passkey", json!({"credential": weak})).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{c}");
    let credential = key.assert(&o["options"], &app.origin, true);
    // The assertion answers this ticket's challenge only: another ticket refuses it.
    let other = ticket_id(&ticket_for(&app, email).await);
    let res = app
        .post(
            "/api/sessions/passkey/options",
            json!({"mfa_ticket": other}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let (status, _, _) =
        error_code(finish(&app, &other, "passkey", json!({"credential": credential})).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // Nor a ticket that never asked for passkey options.
    let bare = ticket_id(&ticket_for(&app, email).await);
    let res = finish(&app, &bare, "passkey", json!({"credential": credential})).await;
    assert!(res.status().is_client_error(), "{}", res.status());
    let b = signed_in(finish(&app, &t, "passkey", json!({"credential": credential})).await).await;
    assert_eq!(
        assurance(&b),
        (
            "aal2".to_owned(),
            vec!["password".to_owned(), "passkey".to_owned()]
        )
    );
}

async fn the_last_way_in_cannot_be_removed(app: TestApp) {
    let email = "lee@shop.example";
    let token = app.register(email, PW).await;
    let mut one = SoftPasskey::new(31);
    let mut two = SoftPasskey::new(32);
    let first = body(add_passkey(&app, &token, &mut one, "One").await).await;
    let second = body(add_passkey(&app, &token, &mut two, "Two").await).await;
    let removed = "was removed from your";
    assert_eq!(app.count_with(email, removed).await, 0);
    assert_eq!(app.count_with(email, "was added to your").await, 2);

    // Only the passkeys let this account in: no password, no verified contact.
    let id: latchkey_domain::IdentityId = added_identity(&app, &token)
        .await
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let credentials = app.store.credentials(id).await.unwrap();
    let password = credentials
        .iter()
        .find(|c| c.kind == latchkey_store::CredentialKind::Password)
        .unwrap();
    assert!(
        app.store
            .remove_credential(id, password.id, &[])
            .await
            .unwrap()
    );
    app.execute_sql("UPDATE contacts SET verified = FALSE")
        .await;

    // One of two: fine.
    let res = app
        .delete_auth(
            &format!("/api/account/passkeys/{}", first["id"].as_str().unwrap()),
            &token,
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        mfa_status(&app, &token).await["passkeys"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // The last: refused.
    let res = app
        .delete_auth(
            &format!("/api/account/passkeys/{}", second["id"].as_str().unwrap()),
            &token,
        )
        .await;
    let (status, c, _) = error_code(res).await;
    assert_eq!((status, c.as_str()), (StatusCode::CONFLICT, "last_method"));
    // It still signs in.
    signed_in(passkey_sign_in(&app, &mut two, true).await).await;
    // An unknown id.
    let res = app
        .delete_auth(
            "/api/account/passkeys/0190f3a0-0000-7000-8000-000000000000",
            &token,
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}
