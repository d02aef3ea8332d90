//! Email and phone changes (#12): a code to the new address, the primary switch and its
//! revert link, the pre-hijacking defence, removal, and the privileged window.

use latchkey_testkit::{TestApp, csrf_of, error_code};
use reqwest::StatusCode;
use serde_json::{Value, json};
use time::Duration;

const PW: &str = "correct horse battery";

async fn add(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.post_auth("/api/account/contacts", token, body).await
}

async fn flow_of(res: reqwest::Response) -> String {
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    res.json::<Value>().await.unwrap()["flow_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn enter(app: &TestApp, token: &str, flow: &str, body: Value) -> reqwest::Response {
    app.post_auth(&format!("/api/account/contacts/{flow}/code"), token, body)
        .await
}

async fn sign_in(app: &TestApp, identifier: &str) -> String {
    let res = app
        .post(
            "/api/sessions",
            json!({"identifier": identifier, "password": PW}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json::<Value>().await.unwrap()["session_token"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn identity(app: &TestApp, token: &str) -> Value {
    let res = app.get_auth("/api/session", token).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json::<Value>().await.unwrap()["identity"].clone()
}

fn contact<'a>(identity: &'a Value, address: &str) -> Option<&'a Value> {
    identity["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["address"] == address)
}

/// The revert token in the newest "email changed" notice to `to`.
async fn revert_token(app: &TestApp, to: &str) -> String {
    let m = app.message_with(to, "/revert?token=").await;
    let text = m["text"].as_str().unwrap();
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/revert?token="))
        .unwrap();
    link.split("token=")
        .nth(1)
        .unwrap()
        .trim_end_matches(|c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '_')
        .to_owned()
}

async fn events(app: &TestApp, token: &str) -> Vec<String> {
    let res = app.get_auth("/api/account/events", token).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json::<Value>().await.unwrap()["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap().to_owned())
        .collect()
}

/// Changes ann's primary email to `new` and returns the session token used.
async fn switch_primary(app: &TestApp, old: &str, new: &str) -> String {
    let token = app.register(old, PW).await;
    let flow = flow_of(add(app, &token, json!({"email": new})).await).await;
    let code = app.code_for(new, 1).await;
    let res = enter(app, &token, &flow, json!({"code": code, "primary": true})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    let added = contact(&body["identity"], new).expect("the new address is a contact");
    assert_eq!(added["verified"], true);
    assert_eq!(added["primary"], true);
    assert_eq!(contact(&body["identity"], old).unwrap()["primary"], false);
    token
}

async fn an_email_is_added_verified_by_its_code(app: TestApp) {
    let token = app.register("ann@shop.example", PW).await;
    let flow = flow_of(add(&app, &token, json!({"email": "Ann.Two@shop.example"})).await).await;
    // Pending: not a contact until proved.
    assert!(contact(&identity(&app, &token).await, "Ann.Two@shop.example").is_none());
    let code = app.code_for("Ann.Two@shop.example", 1).await;
    let res = enter(&app, &token, &flow, json!({"code": code})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    let c = contact(&body["identity"], "Ann.Two@shop.example").expect("added");
    assert_eq!(c["verified"], true);
    assert_eq!(c["primary"], false, "not primary unless asked");
    assert!(c["id"].is_string());
    // The code works once.
    let res = enter(&app, &token, &flow, json!({"code": code})).await;
    assert_eq!(error_code(res).await.1, "flow_expired");
    assert!(
        events(&app, &token)
            .await
            .contains(&"email.changed".to_owned())
    );
}

async fn a_primary_switch_can_be_reverted_from_the_old_address(app: TestApp) {
    let token = switch_primary(&app, "ann@shop.example", "thief@evil.example").await;
    let other = sign_in(&app, "ann@shop.example").await;
    let revert = revert_token(&app, "ann@shop.example").await;
    assert!(
        !app.mailbox("ann@shop.example").await[0]["text"]
            .as_str()
            .unwrap()
            .contains("123456"),
    );

    // The confirm page changes nothing.
    let res = app
        .client
        .get(app.url(&format!("/revert?token={revert}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert!(html.contains("data-testid=\"revert-form\""));
    assert!(html.contains("thief@evil.example"));
    let csrf = csrf_of(&html);
    let now = identity(&app, &token).await;
    assert_eq!(
        contact(&now, "thief@evil.example").unwrap()["primary"],
        true
    );

    let post = |csrf: String| {
        app.client
            .post(app.url("/revert"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", format!("latchkey_csrf={csrf}"))
            .body(format!("token={revert}&csrf={csrf}"))
            .send()
    };
    let res = post(csrf.clone()).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    // Every session ended.
    for t in [&token, &other] {
        assert_eq!(
            app.get_auth("/api/session", t).await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let fresh = sign_in(&app, "ann@shop.example").await;
    let now = identity(&app, &fresh).await;
    assert!(contact(&now, "thief@evil.example").is_none(), "{now}");
    let old = contact(&now, "ann@shop.example").unwrap();
    assert_eq!(old["primary"], true);
    assert_eq!(old["verified"], true);
    // Both addresses are told.
    assert_eq!(app.count_with("ann@shop.example", "restored").await, 1);
    assert_eq!(app.count_with("thief@evil.example", "restored").await, 1);
    assert!(
        events(&app, &fresh)
            .await
            .contains(&"email.changed".to_owned())
    );
    // Once.
    let res = post(csrf).await.unwrap();
    assert_eq!(res.status(), StatusCode::GONE);
}

async fn a_revert_link_expires_after_seven_days(app: TestApp) {
    switch_primary(&app, "bea@shop.example", "bea.new@shop.example").await;
    let revert = revert_token(&app, "bea@shop.example").await;
    app.advance(Duration::days(7) + Duration::minutes(1));
    let res = app
        .client
        .get(app.url(&format!("/revert?token={revert}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::GONE);
}

async fn changes_need_the_privileged_window(app: TestApp) {
    let token = app.register("cat@shop.example", PW).await;
    let me = identity(&app, &token).await;
    let id = me["contacts"][0]["id"].as_str().unwrap().to_owned();
    app.advance(Duration::minutes(11));
    let res = add(&app, &token, json!({"email": "cat2@shop.example"})).await;
    let (status, code, _) = error_code(res).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::FORBIDDEN, "reauthentication_required")
    );
    let res = app
        .delete_auth(&format!("/api/account/contacts/{id}"), &token)
        .await;
    assert_eq!(error_code(res).await.1, "reauthentication_required");
    assert!(app.mailbox("cat2@shop.example").await.is_empty());
}

async fn an_address_held_elsewhere_gets_a_notice_not_a_code(app: TestApp) {
    app.register("dan@shop.example", PW).await;
    let token = app.register("eve@shop.example", PW).await;
    let before = app.mailbox("dan@shop.example").await.len();
    let res = add(&app, &token, json!({"email": "DAN@shop.example"})).await;
    let flow = flow_of(res).await;
    let list = app.mailbox("dan@shop.example").await;
    assert_eq!(list.len(), before + 1);
    let text = list[0]["text"].as_str().unwrap();
    assert!(text.contains("tried to add"), "{text}");
    assert!(
        latchkey_testkit::extract_code(text).is_none(),
        "no code: {text}"
    );
    let res = enter(&app, &token, &flow, json!({"code": "000000"})).await;
    assert_ne!(res.status(), StatusCode::OK);
}

/// The "unexpired email change" pre-hijacking attack: a pending change is void once
/// someone else proves the address.
async fn a_pending_change_is_void_once_another_account_proves_the_address(app: TestApp) {
    let token = app.register("fay@shop.example", PW).await;
    let flow = flow_of(add(&app, &token, json!({"email": "gus@shop.example"})).await).await;
    let code = app.code_for("gus@shop.example", 1).await;
    // The address's real owner signs up with it.
    let gus = app.register("gus@shop.example", PW).await;
    // The pending change is void at once, and its account is told and has the event.
    assert_eq!(
        app.count_with("fay@shop.example", "gus@shop.example").await,
        1,
        "fay is told her pending change to gus@ went"
    );
    assert!(
        events(&app, &token)
            .await
            .contains(&"contact.dropped".to_owned())
    );
    let res = enter(&app, &token, &flow, json!({"code": code})).await;
    let (status, err, _) = error_code(res).await;
    assert_eq!((status, err.as_str()), (StatusCode::GONE, "flow_expired"));
    assert!(contact(&identity(&app, &token).await, "gus@shop.example").is_none());
    assert_eq!(
        contact(&identity(&app, &gus).await, "gus@shop.example").unwrap()["verified"],
        true
    );
}

async fn wrong_codes_use_up_the_tries(app: TestApp) {
    let token = app.register("hal@shop.example", PW).await;
    let flow = flow_of(add(&app, &token, json!({"email": "hal2@shop.example"})).await).await;
    let code = app.code_for("hal2@shop.example", 1).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let mut wrongs = 0;
    loop {
        let res = enter(&app, &token, &flow, json!({"code": wrong})).await;
        let (status, err, _) = error_code(res).await;
        if err != "invalid_code" {
            assert_eq!(status, StatusCode::GONE);
            break;
        }
        wrongs += 1;
        assert!(wrongs < 20, "the tries never ran out");
    }
    assert!(wrongs >= 1);
    let res = enter(&app, &token, &flow, json!({"code": code})).await;
    assert_eq!(error_code(res).await.1, "flow_expired");
}

async fn a_phone_added_by_its_code_signs_in_by_sms(app: TestApp) {
    let token = app.register("ivy@shop.example", PW).await;
    let phone = "+447911123456";
    let flow = flow_of(add(&app, &token, json!({"phone": phone})).await).await;
    let code = app.code_for(phone, 1).await;
    let res = enter(&app, &token, &flow, json!({"code": code})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    let c = contact(&body["identity"], phone).unwrap();
    assert_eq!(
        (c["verified"].clone(), c["primary"].clone()),
        (json!(true), json!(true))
    );
    assert!(
        events(&app, &token)
            .await
            .contains(&"phone.changed".to_owned())
    );

    let res = app
        .post("/api/login-codes", json!({"identifier": phone}))
        .await;
    let flow = res.json::<Value>().await.unwrap()["flow_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let code = app.code_for(phone, 2).await;
    let res = app
        .post(
            &format!("/api/login-codes/{flow}/code"),
            json!({"code": code}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
}

async fn proving_an_address_drops_other_accounts_claims(app: TestApp) {
    let phone = "+447911123457";
    let jo = app
        .register_with(
            json!({"email": "jo@shop.example", "phone": phone, "password": PW}),
            "jo@shop.example",
        )
        .await;
    let token = app.register("kim@shop.example", PW).await;
    let flow = flow_of(add(&app, &token, json!({"phone": phone})).await).await;
    let code = app.code_for(phone, 1).await;
    assert_eq!(
        enter(&app, &token, &flow, json!({"code": code}))
            .await
            .status(),
        StatusCode::OK
    );
    assert!(contact(&identity(&app, &jo).await, phone).is_none());
    assert!(
        events(&app, &jo)
            .await
            .contains(&"contact.dropped".to_owned())
    );
    assert!(app.count_with("jo@shop.example", phone).await >= 1);
}

async fn contacts_are_removed_but_never_the_last_way_in(app: TestApp) {
    let token = app.register("lea@shop.example", PW).await;
    let flow = flow_of(add(&app, &token, json!({"email": "lea2@shop.example"})).await).await;
    let code = app.code_for("lea2@shop.example", 1).await;
    let body: Value = enter(&app, &token, &flow, json!({"code": code}))
        .await
        .json()
        .await
        .unwrap();
    let first = contact(&body["identity"], "lea@shop.example").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let second = contact(&body["identity"], "lea2@shop.example").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = app
        .delete_auth(&format!("/api/account/contacts/{first}"), &token)
        .await;
    let (status, err, _) = error_code(res).await;
    assert_eq!(
        (status, err.as_str()),
        (StatusCode::CONFLICT, "primary_contact")
    );
    let res = app
        .delete_auth(&format!("/api/account/contacts/{second}"), &token)
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert!(contact(&identity(&app, &token).await, "lea2@shop.example").is_none());

    // A passwordless account's only email is its only way in.
    let solo = app
        .register_with(json!({"email": "max@shop.example"}), "max@shop.example")
        .await;
    let me = identity(&app, &solo).await;
    let only = me["contacts"][0]["id"].as_str().unwrap().to_owned();
    let res = app
        .delete_auth(&format!("/api/account/contacts/{only}"), &solo)
        .await;
    let (status, err, _) = error_code(res).await;
    assert_eq!(
        (status, err.as_str()),
        (StatusCode::CONFLICT, "last_method")
    );
}

/// The pages: add an email with the code step and make it primary; outside the window
/// the form sends the browser to re-authenticate.
async fn the_contacts_page_adds_an_email_by_its_code(app: TestApp) {
    use crate::pages::{get, location, post, sign_up};
    let client = sign_up(&app, "nia@example.com").await;
    let (status, html) = get(&client, &app, "/settings").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("href=\"/settings/contacts\""));
    let (status, html) = get(&client, &app, "/settings/contacts").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("nia@example.com"));
    let csrf = csrf_of(&html);
    let res = post(
        &client,
        &app,
        "/settings/contacts/add",
        &[
            ("csrf", &csrf),
            ("email", "nia.new@example.com"),
            ("primary", "1"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let to = location(&res);
    assert!(to.starts_with("/settings/contacts/code?flow="), "{to}");
    let (status, html) = get(&client, &app, &to).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("nia.new@example.com"));
    let flow = to.split("flow=").nth(1).unwrap().split('&').next().unwrap();
    let code = app.code_for("nia.new@example.com", 1).await;
    let res = post(
        &client,
        &app,
        "/settings/contacts/code?primary=1",
        &[("csrf", &csrf), ("flow", flow), ("code", &code)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/settings/contacts?done=added");
    let (_, html) = get(&client, &app, "/settings/contacts?done=added").await;
    assert!(html.contains("data-testid=\"notice\""));
    assert_eq!(app.count_with("nia@example.com", "/revert?token=").await, 1);

    app.advance(Duration::minutes(11));
    let res = post(
        &client,
        &app,
        "/settings/contacts/add",
        &[("csrf", &csrf), ("email", "nia.3@example.com")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).starts_with("/settings/reauthenticate?return_to=/settings/contacts"));
}

/// An email as sent, readable: quoted-printable soft breaks and `=3D` undone.
fn unfold(mail: &str) -> String {
    mail.replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
}

/// The code on a line of its own in a delivered email.
fn code_line(mail: &str) -> String {
    mail.lines()
        .map(str::trim)
        .find(|l| l.len() == 6 && l.bytes().all(|b| b.is_ascii_digit()))
        .expect("a code on its own line")
        .to_owned()
}

/// The revert notice through a real SMTP server (aiosmtpd), and its link used.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_revert_notice_arrives_by_real_smtp() {
    use crate::smtp::{start_smtpd, wait_for_mail};
    let Some(smtpd) = start_smtpd().await else {
        return;
    };
    let port = smtpd.port;
    let app = TestApp::spawn_with(latchkey_testkit::Backend::Sqlite, |c| {
        c.smtp_url = Some(format!("smtp://127.0.0.1:{port}").into());
        c.smtp_from = "accounts@shop.example".into();
    })
    .await
    .unwrap();
    let res = app
        .post(
            "/api/registrations",
            json!({"email": "olga@shop.example", "password": PW}),
        )
        .await;
    let flow = flow_of(res).await;
    let mail = wait_for_mail(&app, &smtpd, "Confirm your email address").await;
    let res = app
        .post(
            &format!("/api/registrations/{flow}/code"),
            json!({"code": code_line(&mail)}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let token = res.json::<Value>().await.unwrap()["session_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let flow = flow_of(add(&app, &token, json!({"email": "olga.new@shop.example"})).await).await;
    let mail = wait_for_mail(&app, &smtpd, "Confirm your new address").await;
    let res = enter(
        &app,
        &token,
        &flow,
        json!({"code": code_line(&mail), "primary": true}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);

    let mail = unfold(&wait_for_mail(&app, &smtpd, "email address was changed").await);
    assert!(mail.contains("olga@shop.example"), "to the old address");
    let revert: String = mail
        .split("/revert?token=")
        .nth(1)
        .expect("a revert link")
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    let html = app
        .client
        .get(app.url(&format!("/revert?token={revert}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = csrf_of(&html);
    let res = app
        .client
        .post(app.url("/revert"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", format!("latchkey_csrf={csrf}"))
        .body(format!("token={revert}&csrf={csrf}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    wait_for_mail(&app, &smtpd, "email address was restored").await;
    assert_eq!(
        app.get_auth("/api/session", &token).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

latchkey_testkit::both_backends!(
    the_contacts_page_adds_an_email_by_its_code,
    an_email_is_added_verified_by_its_code,
    a_primary_switch_can_be_reverted_from_the_old_address,
    a_revert_link_expires_after_seven_days,
    changes_need_the_privileged_window,
    an_address_held_elsewhere_gets_a_notice_not_a_code,
    a_pending_change_is_void_once_another_account_proves_the_address,
    wrong_codes_use_up_the_tries,
    a_phone_added_by_its_code_signs_in_by_sms,
    proving_an_address_drops_other_accounts_claims,
    contacts_are_removed_but_never_the_last_way_in,
);
