//! Two-factor authentication (M1): the gate every way in goes through, tickets, TOTP,
//! recovery codes, second-step codes, remembered devices, the privileged window and the
//! notices. Passkeys are in `passkeys.rs`; both run with a host-name public URL
//! (`passkey_config`) so WebAuthn ceremonies work.

use latchkey_domain::TotpSecret;
use latchkey_testkit::race::{RaceRequest, count, race};
use latchkey_testkit::{SoftPasskey, TestApp, error_code, extract_code};
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};
use time::Duration;

latchkey_testkit::both_backends!(with = crate::mfa::config;
    every_way_in_goes_through_the_gate,
    tickets_are_single_use_short_lived_and_limited,
    totp_window_replay_and_lockout,
    password_failures_do_not_lock_totp,
    recovery_codes_race_regenerate_and_notices,
    second_factor_by_email_code,
    remembered_devices_skip_the_second_factor,
    factor_changes_need_the_privileged_window,
    factor_notices_and_one_failed_notice_per_ticket,
    one_totp_step_wins_once_at_once,
    a_ticket_takes_five_tries_however_many_arrive,
    a_code_by_sms_is_no_second_factor_after_itself,
);

/// A host-name public URL (passkeys on), and room for the many code messages one test
/// sends from 127.0.0.1 (the per-address challenge and limit are tested elsewhere).
pub(crate) fn config(c: &mut latchkey::config::Config) {
    latchkey_testkit::passkey_config(c);
    c.limits.challenge_after_ip_messages = 1000;
    c.limits.messages_per_ip.max = 1000;
}

pub(crate) const PW: &str = "correct horse battery";

pub(crate) async fn body(res: Response) -> Value {
    res.json().await.unwrap()
}

pub(crate) async fn password_sign_in(app: &TestApp, email: &str, password: &str) -> Response {
    app.post(
        "/api/sessions",
        json!({"identifier": email, "password": password}),
    )
    .await
}

/// A password sign-in that must answer `mfa_required`; returns that body.
pub(crate) async fn ticket_for(app: &TestApp, email: &str) -> Value {
    let res = password_sign_in(app, email, PW).await;
    assert_eq!(res.status(), StatusCode::OK);
    let b = body(res).await;
    assert_eq!(b["mfa_required"], true, "{b}");
    b
}

pub(crate) fn ticket_id(b: &Value) -> String {
    b["mfa_ticket"].as_str().unwrap().to_owned()
}

pub(crate) fn methods(b: &Value) -> Vec<String> {
    b["methods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap().to_owned())
        .collect()
}

/// `POST /api/sessions/mfa` with `extra` merged into `{"mfa_ticket", "method"}`.
pub(crate) async fn finish(app: &TestApp, ticket: &str, method: &str, extra: Value) -> Response {
    let mut b = json!({"mfa_ticket": ticket, "method": method});
    for (k, v) in extra.as_object().unwrap() {
        b[k] = v.clone();
    }
    app.post("/api/sessions/mfa", b).await
}

pub(crate) async fn finish_totp(app: &TestApp, ticket: &str, code: &str) -> Response {
    finish(app, ticket, "totp", json!({"code": code})).await
}

/// A signed-in body's `(aal, amr)`.
pub(crate) fn assurance(b: &Value) -> (String, Vec<String>) {
    let s = &b["session"];
    (
        s["aal"].as_str().unwrap().to_owned(),
        s["amr"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m.as_str().unwrap().to_owned())
            .collect(),
    )
}

pub(crate) async fn signed_in(res: Response) -> Value {
    assert_eq!(res.status(), StatusCode::CREATED);
    let b = body(res).await;
    assert!(b["session_token"].is_string(), "{b}");
    b
}

/// Enrols TOTP for the session; returns the secret and the recovery codes. The clock
/// moves on one step after, since the confirming code's step is spent.
pub(crate) async fn enrol_totp(app: &TestApp, token: &str) -> (TotpSecret, Vec<String>) {
    let res = app
        .post_auth("/api/account/mfa/totp", token, json!({}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let e = body(res).await;
    assert!(e["otpauth_uri"].as_str().unwrap().starts_with("otpauth://"));
    assert!(e["qr_svg"].as_str().unwrap().contains("<svg"));
    let secret = TotpSecret::from_base32(e["secret"].as_str().unwrap()).unwrap();
    let res = app
        .post_auth(
            "/api/account/mfa/totp/confirm",
            token,
            json!({"enrollment_id": e["enrollment_id"], "code": secret.code_at(app.now())}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let codes: Vec<String> = body(res).await["recovery_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    app.advance(Duration::seconds(30));
    (secret, codes)
}

/// The code for the current step, after moving the clock one step on (each step is
/// accepted once).
pub(crate) fn next_totp(app: &TestApp, secret: &TotpSecret) -> String {
    app.advance(Duration::seconds(30));
    secret.code_at(app.now())
}

pub(crate) async fn mfa_status(app: &TestApp, token: &str) -> Value {
    let res = app.get_auth("/api/account/mfa", token).await;
    assert_eq!(res.status(), StatusCode::OK);
    body(res).await
}

/// The code in the newest message to `to` containing `needle`.
async fn code_in(app: &TestApp, to: &str, needle: &str) -> String {
    app.nth_code(to, needle, 1).await
}

/// Registers a passkey on the session; returns its id.
pub(crate) async fn add_passkey(
    app: &TestApp,
    token: &str,
    key: &mut SoftPasskey,
    name: &str,
) -> Response {
    let res = app
        .post_auth(
            "/api/account/passkeys/options",
            token,
            json!({"name": name}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let o = body(res).await;
    let pk = &o["options"]["publicKey"];
    assert_eq!(pk["authenticatorSelection"]["residentKey"], "required");
    assert_eq!(pk["authenticatorSelection"]["userVerification"], "required");
    let credential = key.register(&o["options"], &app.origin);
    app.post_auth(
        "/api/account/passkeys",
        token,
        json!({"registration_id": o["registration_id"], "credential": credential}),
    )
    .await
}

/// A passwordless passkey sign-in.
pub(crate) async fn passkey_sign_in(app: &TestApp, key: &mut SoftPasskey, uv: bool) -> Response {
    let res = app.post("/api/sessions/passkey/options", json!({})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let o = body(res).await;
    let credential = key.assert(&o["options"], &app.origin, uv);
    app.post(
        "/api/sessions/passkey",
        json!({"challenge_id": o["challenge_id"], "credential": credential}),
    )
    .await
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Way {
    Password,
    LoginCode,
    Recovery,
}

impl Way {
    /// The first factor's `amr` entry.
    fn amr(self) -> &'static str {
        match self {
            Way::Password => "password",
            Way::LoginCode => "code",
            Way::Recovery => "recovery",
        }
    }

    /// Whether the email code is offered as the second step: not when the first step
    /// was a code sent to that email.
    fn offers_email(self) -> bool {
        self == Way::Password
    }

    async fn sign_in(self, app: &TestApp, email: &str) -> Response {
        match self {
            Way::Password => password_sign_in(app, email, PW).await,
            Way::LoginCode => {
                let res = app
                    .post("/api/login-codes", json!({"identifier": email}))
                    .await;
                assert_eq!(res.status(), StatusCode::ACCEPTED);
                let flow = body(res).await["flow_id"].as_str().unwrap().to_owned();
                let code = code_in(app, email, "Someone asked to sign in").await;
                app.post(
                    &format!("/api/login-codes/{flow}/code"),
                    json!({"code": code}),
                )
                .await
            }
            Way::Recovery => {
                let res = app
                    .post("/api/recovery", json!({"identifier": email}))
                    .await;
                assert_eq!(res.status(), StatusCode::ACCEPTED);
                let flow = body(res).await["flow_id"].as_str().unwrap().to_owned();
                let code = code_in(app, email, "reset the password of your").await;
                let res = app
                    .post(&format!("/api/recovery/{flow}/code"), json!({"code": code}))
                    .await;
                assert_eq!(res.status(), StatusCode::OK);
                let token = body(res).await["reset_token"].as_str().unwrap().to_owned();
                app.post(
                    "/api/recovery/reset",
                    json!({"reset_token": token, "new_password": "a brand new passphrase 42", "sign_in": true}),
                )
                .await
            }
        }
    }
}

/// The table: every way in, without and with a second factor.
async fn every_way_in_goes_through_the_gate(app: TestApp) {
    let ways = [Way::Password, Way::LoginCode, Way::Recovery];
    for (i, way) in ways.into_iter().enumerate() {
        // Without a second factor: signed in at once, one factor.
        let plain = format!("plain{i}@shop.example");
        app.register(&plain, PW).await;
        let b = signed_in(way.sign_in(&app, &plain).await).await;
        assert_eq!(
            assurance(&b),
            ("aal1".to_owned(), vec![way.amr().to_owned()]),
            "{way:?}"
        );

        // With TOTP: a ticket, then two factors.
        let gated = format!("gated{i}@shop.example");
        let token = app.register(&gated, PW).await;
        let (secret, _) = enrol_totp(&app, &token).await;
        let res = way.sign_in(&app, &gated).await;
        assert_eq!(res.status(), StatusCode::OK, "{way:?}");
        let t = body(res).await;
        assert_eq!(t["mfa_required"], true, "{way:?}");
        assert!(t.get("session_token").is_none(), "{way:?}: {t}");
        let m = methods(&t);
        assert!(m.contains(&"totp".to_owned()), "{way:?}: {m:?}");
        assert!(m.contains(&"recovery_code".to_owned()), "{way:?}: {m:?}");
        assert_eq!(
            m.contains(&"email".to_owned()),
            way.offers_email(),
            "{way:?}: {m:?}"
        );
        assert!(!m.contains(&"passkey".to_owned()), "{way:?}: {m:?}");
        let code = secret.code_at(app.now());
        let b = signed_in(finish_totp(&app, &ticket_id(&t), &code).await).await;
        assert_eq!(
            assurance(&b),
            (
                "aal2".to_owned(),
                vec![way.amr().to_owned(), "totp".to_owned()]
            ),
            "{way:?}"
        );
        // The session really is one: it reads the account.
        let token = b["session_token"].as_str().unwrap();
        assert_eq!(
            app.get_auth("/api/session", token).await.status(),
            StatusCode::OK
        );
    }

    // Passkey sign-in (discoverable, with user verification) is two factors by itself,
    // even on an account with TOTP: never mfa_required.
    let email = "pass@shop.example";
    let token = app.register(email, PW).await;
    enrol_totp(&app, &token).await;
    let mut key = SoftPasskey::new(9);
    assert_eq!(
        add_passkey(&app, &token, &mut key, "Laptop").await.status(),
        StatusCode::CREATED
    );
    let b = signed_in(passkey_sign_in(&app, &mut key, true).await).await;
    assert_eq!(
        assurance(&b),
        ("aal2".to_owned(), vec!["passkey".to_owned()])
    );
}

async fn tickets_are_single_use_short_lived_and_limited(app: TestApp) {
    let email = "tia@shop.example";
    let token = app.register(email, PW).await;
    let (secret, _) = enrol_totp(&app, &token).await;

    // Single use.
    let t = ticket_id(&ticket_for(&app, email).await);
    signed_in(finish_totp(&app, &t, &secret.code_at(app.now())).await).await;
    let code = next_totp(&app, &secret);
    let (status, code_name, _) = error_code(finish_totp(&app, &t, &code).await).await;
    assert_eq!(
        (status, code_name.as_str()),
        (StatusCode::GONE, "flow_expired")
    );

    // Five minutes.
    let t = ticket_id(&ticket_for(&app, email).await);
    app.advance(Duration::minutes(5) + Duration::seconds(1));
    let code = secret.code_at(app.now());
    let (status, code_name, _) = error_code(finish_totp(&app, &t, &code).await).await;
    assert_eq!(
        (status, code_name.as_str()),
        (StatusCode::GONE, "flow_expired")
    );
    // Still inside its five minutes, it works (the code was not spent by the refusal).
    let t = ticket_id(&ticket_for(&app, email).await);
    app.advance(Duration::minutes(4) + Duration::seconds(50));
    let code = secret.code_at(app.now());
    signed_in(finish_totp(&app, &t, &code).await).await;

    // Five wrong codes use it up.
    let t = ticket_id(&ticket_for(&app, email).await);
    let right = next_totp(&app, &secret);
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    for left in (0..5).rev() {
        let (status, c, b) = error_code(finish_totp(&app, &t, wrong).await).await;
        assert_eq!(
            (status, c.as_str()),
            (StatusCode::BAD_REQUEST, "invalid_code")
        );
        assert_eq!(b["error"]["attempts_left"], left, "{b}");
    }
    let (status, c, _) = error_code(finish_totp(&app, &t, &right).await).await;
    assert_eq!((status, c.as_str()), (StatusCode::GONE, "flow_expired"));

    // A method the ticket does not offer (no phone, no passkey).
    let t = ticket_id(&ticket_for(&app, email).await);
    let (status, c, _) = error_code(finish(&app, &t, "sms", json!({"code": "123456"})).await).await;
    assert_eq!(
        (status, c.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_input")
    );
    let (status, c, _) =
        error_code(finish(&app, &t, "passkey", json!({"credential": {}})).await).await;
    assert_eq!(
        (status, c.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_input")
    );
    let (status, c, _) =
        error_code(finish(&app, &t, "carrier_pigeon", json!({"code": "1"})).await).await;
    assert_eq!(
        (status, c.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_input")
    );
    // Those refusals cost the ticket nothing.
    signed_in(finish_totp(&app, &t, &right).await).await;

    // An unknown ticket.
    let (status, c, _) =
        error_code(finish_totp(&app, "0190f3a0-0000-7000-8000-000000000000", &right).await).await;
    assert_eq!((status, c.as_str()), (StatusCode::GONE, "flow_expired"));
}

async fn totp_window_replay_and_lockout(app: TestApp) {
    let email = "tom@shop.example";
    let token = app.register(email, PW).await;
    let (secret, codes) = enrol_totp(&app, &token).await;
    // The confirming step is spent: start one step beyond the one after it.
    app.advance(Duration::seconds(30));
    let now = app.now();
    let step = Duration::seconds(30);

    // One step behind is accepted; one step ahead after it too.
    let t = ticket_id(&ticket_for(&app, email).await);
    signed_in(finish_totp(&app, &t, &secret.code_at(now - step)).await).await;
    let t = ticket_id(&ticket_for(&app, email).await);
    signed_in(finish_totp(&app, &t, &secret.code_at(now + step)).await).await;
    // An earlier step after a later one, and the same step again: refused.
    let t = ticket_id(&ticket_for(&app, email).await);
    for code in [secret.code_at(now), secret.code_at(now + step)] {
        let (status, c, _) = error_code(finish_totp(&app, &t, &code).await).await;
        assert_eq!(
            (status, c.as_str()),
            (StatusCode::BAD_REQUEST, "invalid_code")
        );
    }

    // Two steps away either side: refused (on fresh steps, so not as replays).
    app.advance(Duration::minutes(3));
    let now = app.now();
    let t = ticket_id(&ticket_for(&app, email).await);
    for code in [
        secret.code_at(now + step + step),
        secret.code_at(now - step - step),
    ] {
        let (status, c, _) = error_code(finish_totp(&app, &t, &code).await).await;
        assert_eq!(
            (status, c.as_str()),
            (StatusCode::BAD_REQUEST, "invalid_code")
        );
    }
    signed_in(finish_totp(&app, &t, &secret.code_at(now)).await).await;

    // TOTP's own lockout: 10 wrong codes across tickets (4 so far, and 6 more).
    let right = next_totp(&app, &secret);
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    let mut wrong_so_far = 4;
    while wrong_so_far < 10 {
        let t = ticket_id(&ticket_for(&app, email).await);
        for _ in 0..3.min(10 - wrong_so_far) {
            let (status, c, _) = error_code(finish_totp(&app, &t, wrong).await).await;
            assert_eq!(
                (status, c.as_str()),
                (StatusCode::BAD_REQUEST, "invalid_code")
            );
            wrong_so_far += 1;
        }
    }
    // Now even the right code is refused, on a fresh ticket.
    let t = ticket_id(&ticket_for(&app, email).await);
    let (status, c, _) = error_code(finish_totp(&app, &t, &right).await).await;
    assert_eq!(
        (status, c.as_str()),
        (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts")
    );
    // The password is untouched: it still gets a ticket, which a recovery code finishes.
    let t = ticket_id(&ticket_for(&app, email).await);
    signed_in(finish(&app, &t, "recovery_code", json!({"code": codes[0]})).await).await;
    // After the window, TOTP works again.
    app.advance(Duration::minutes(16));
    let t = ticket_id(&ticket_for(&app, email).await);
    signed_in(finish_totp(&app, &t, &secret.code_at(app.now())).await).await;
}

async fn password_failures_do_not_lock_totp(app: TestApp) {
    let email = "pam@shop.example";
    let token = app.register(email, PW).await;
    let (secret, _) = enrol_totp(&app, &token).await;
    // Wrong passwords until the account's password sign-in is locked.
    let mut locked = false;
    for _ in 0..30 {
        let res = password_sign_in(&app, email, "not the password").await;
        if res.status() == StatusCode::TOO_MANY_REQUESTS {
            locked = true;
            break;
        }
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    assert!(locked, "wrong passwords lock the password");
    // TOTP still proves the holder (re-authentication with a TOTP code).
    let code = next_totp(&app, &secret);
    let res = app
        .post_auth("/api/account/reauthenticate", &token, json!({"totp": code}))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
}

async fn recovery_codes_race_regenerate_and_notices(app: TestApp) {
    let email = "rae@shop.example";
    let token = app.register(email, PW).await;
    let (_, codes) = enrol_totp(&app, &token).await;
    assert_eq!(codes.len(), 10);
    let mut distinct = codes.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 10);
    let s = mfa_status(&app, &token).await;
    assert_eq!(s["totp"], true);
    assert_eq!(s["recovery_codes_left"], 10);
    assert_eq!(s["recovery_codes_low"], false);

    // Twenty tickets, one code, all at once: exactly one wins.
    let mut requests = Vec::new();
    for _ in 0..20 {
        let t = ticket_id(&ticket_for(&app, email).await);
        requests.push(RaceRequest::post_json(
            "/api/sessions/mfa",
            &json!({"mfa_ticket": t, "method": "recovery_code", "code": codes[0]}),
        ));
    }
    let answers = race(&app.address, requests).await;
    assert_eq!(count(&answers, StatusCode::CREATED), 1, "{answers:?}");
    assert_eq!(count(&answers, StatusCode::BAD_REQUEST), 19, "{answers:?}");
    assert!(
        answers
            .iter()
            .filter(|a| a.status == StatusCode::BAD_REQUEST)
            .all(|a| a.error_code().as_deref() == Some("invalid_code"))
    );
    assert_eq!(mfa_status(&app, &token).await["recovery_codes_left"], 9);
    let used = "A recovery code was used";
    assert_eq!(app.count_with(email, used).await, 1);
    assert!(
        app.message_with(email, used).await["text"]
            .as_str()
            .unwrap()
            .contains("Codes left: 9")
    );

    // A new set voids every older code.
    let res = app
        .post_auth("/api/account/mfa/recovery-codes", &token, json!({}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let fresh: Vec<String> = body(res).await["recovery_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fresh.len(), 10);
    assert_eq!(mfa_status(&app, &token).await["recovery_codes_left"], 10);
    let t = ticket_id(&ticket_for(&app, email).await);
    let (status, c, _) =
        error_code(finish(&app, &t, "recovery_code", json!({"code": codes[1]})).await).await;
    assert_eq!(
        (status, c.as_str()),
        (StatusCode::BAD_REQUEST, "invalid_code")
    );

    // Down to two: low.
    for (i, code) in fresh.iter().take(8).enumerate() {
        let t = ticket_id(&ticket_for(&app, email).await);
        signed_in(finish(&app, &t, "recovery_code", json!({"code": code})).await).await;
        let s = mfa_status(&app, &token).await;
        assert_eq!(s["recovery_codes_left"], 9 - i);
        assert_eq!(s["recovery_codes_low"], 9 - i <= 2, "{s}");
    }
    // Each use told the owner.
    assert_eq!(app.count_with(email, used).await, 9);
    assert!(
        app.message_with(email, used).await["text"]
            .as_str()
            .unwrap()
            .contains("Codes left: 2")
    );
}

async fn second_factor_by_email_code(app: TestApp) {
    let email = "eve@shop.example";
    let token = app.register(email, PW).await;
    enrol_totp(&app, &token).await;
    let t = ticket_id(&ticket_for(&app, email).await);
    let before = app.mailbox(email).await.len();
    let res = app
        .post(
            "/api/sessions/mfa/code",
            json!({"mfa_ticket": t, "channel": "email"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let list = app.wait_for_messages(email, before + 1).await;
    let code = extract_code(list[0]["text"].as_str().unwrap()).unwrap();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let (status, c, b) = error_code(finish(&app, &t, "email", json!({"code": wrong})).await).await;
    assert_eq!(
        (status, c.as_str()),
        (StatusCode::BAD_REQUEST, "invalid_code")
    );
    assert_eq!(b["error"]["attempts_left"], 4, "{b}");
    let b = signed_in(finish(&app, &t, "email", json!({"code": code})).await).await;
    assert_eq!(
        assurance(&b),
        (
            "aal2".to_owned(),
            vec!["password".to_owned(), "email".to_owned()]
        )
    );
    // A channel the account cannot use.
    let t = ticket_id(&ticket_for(&app, email).await);
    let (status, c, _) = error_code(
        app.post(
            "/api/sessions/mfa/code",
            json!({"mfa_ticket": t, "channel": "sms"}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, c.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_input")
    );
    // Wrong codes count against the ticket: 5 in all use it up.
    let res = app
        .post(
            "/api/sessions/mfa/code",
            json!({"mfa_ticket": t, "channel": "email"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let code = app.code_for(email, 1).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for left in (0..5).rev() {
        let (status, c, b) =
            error_code(finish(&app, &t, "email", json!({"code": wrong})).await).await;
        assert_eq!(
            (status, c.as_str()),
            (StatusCode::BAD_REQUEST, "invalid_code")
        );
        assert_eq!(b["error"]["attempts_left"], left, "{b}");
    }
    let (status, c, _) = error_code(finish(&app, &t, "email", json!({"code": code})).await).await;
    assert_eq!((status, c.as_str()), (StatusCode::GONE, "flow_expired"));
}

async fn sign_in_from_device(app: &TestApp, email: &str, trusted: &str) -> Response {
    app.client
        .post(app.url("/api/sessions"))
        .header("Latchkey-Trusted-Device", trusted)
        .json(&json!({"identifier": email, "password": PW}))
        .send()
        .await
        .unwrap()
}

async fn remembered_devices_skip_the_second_factor(app: TestApp) {
    let email = "rem@shop.example";
    let token = app.register(email, PW).await;
    let (secret, _) = enrol_totp(&app, &token).await;
    let remember = async |code: String| {
        let t = ticket_id(&ticket_for(&app, email).await);
        let b = signed_in(
            finish(
                &app,
                &t,
                "totp",
                json!({"code": code, "remember_device": true}),
            )
            .await,
        )
        .await;
        b["trusted_device_token"].as_str().unwrap().to_owned()
    };
    let trusted = remember(secret.code_at(app.now())).await;
    let b = signed_in(sign_in_from_device(&app, email, &trusted).await).await;
    assert_eq!(
        assurance(&b),
        (
            "aal2".to_owned(),
            vec!["password".to_owned(), "remembered_device".to_owned()]
        )
    );
    assert_eq!(
        mfa_status(&app, &token).await["trusted_devices"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // A made-up token is no remembered device.
    let res = sign_in_from_device(&app, email, "not-a-token").await;
    assert_eq!(body(res).await["mfa_required"], true);

    // Forgetting every device.
    let res = app
        .delete_auth("/api/account/trusted-devices", &token)
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = sign_in_from_device(&app, email, &trusted).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(body(res).await["mfa_required"], true);

    // Forgetting one.
    let trusted = remember(next_totp(&app, &secret)).await;
    let s = mfa_status(&app, &token).await;
    let id = s["trusted_devices"][0]["id"].as_str().unwrap().to_owned();
    let res = app
        .delete_auth(&format!("/api/account/trusted-devices/{id}"), &token)
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        body(sign_in_from_device(&app, email, &trusted).await).await["mfa_required"],
        true
    );

    // Thirty days later.
    let trusted = remember(next_totp(&app, &secret)).await;
    app.advance(Duration::days(29));
    signed_in(sign_in_from_device(&app, email, &trusted).await).await;
    app.advance(Duration::days(1) + Duration::seconds(1));
    let res = sign_in_from_device(&app, email, &trusted).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(body(res).await["mfa_required"], true);

    // A password reset forgets every remembered device.
    let trusted = remember(next_totp(&app, &secret)).await;
    signed_in(sign_in_from_device(&app, email, &trusted).await).await;
    let res = app
        .post("/api/recovery", json!({"identifier": email}))
        .await;
    let flow = body(res).await["flow_id"].as_str().unwrap().to_owned();
    let code = code_in(&app, email, "reset the password of your").await;
    let res = app
        .post(&format!("/api/recovery/{flow}/code"), json!({"code": code}))
        .await;
    let reset = body(res).await["reset_token"].as_str().unwrap().to_owned();
    let new_pw = "a brand new passphrase 42";
    let res = app
        .post(
            "/api/recovery/reset",
            json!({"reset_token": reset, "new_password": new_pw}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = app
        .client
        .post(app.url("/api/sessions"))
        .header("Latchkey-Trusted-Device", &trusted)
        .json(&json!({"identifier": email, "password": new_pw}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(body(res).await["mfa_required"], true);
}

async fn factor_changes_need_the_privileged_window(app: TestApp) {
    let email = "pri@shop.example";
    let token = app.register(email, PW).await;
    app.advance(Duration::minutes(11));
    let expect_403 = async |res: Response| {
        let (status, c, _) = error_code(res).await;
        assert_eq!(
            (status, c.as_str()),
            (StatusCode::FORBIDDEN, "reauthentication_required")
        );
    };
    expect_403(
        app.post_auth("/api/account/mfa/totp", &token, json!({}))
            .await,
    )
    .await;
    expect_403(
        app.post_auth("/api/account/passkeys/options", &token, json!({}))
            .await,
    )
    .await;
    assert_eq!(mfa_status(&app, &token).await["privileged"], false);
    // A wrong password opens nothing.
    let res = app
        .post_auth(
            "/api/account/reauthenticate",
            &token,
            json!({"password": "wrong"}),
        )
        .await;
    assert_eq!(error_code(res).await.1, "invalid_credentials");
    let res = app
        .post_auth(
            "/api/account/reauthenticate",
            &token,
            json!({"password": PW}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(mfa_status(&app, &token).await["privileged"], true);
    let (secret, _) = enrol_totp(&app, &token).await;
    let res = app
        .post_auth("/api/account/passkeys/options", &token, json!({}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);

    // Removing TOTP, later: refused, then re-authenticated with a TOTP code.
    app.advance(Duration::minutes(11));
    expect_403(app.delete_auth("/api/account/mfa/totp", &token).await).await;
    expect_403(
        app.post_auth("/api/account/mfa/recovery-codes", &token, json!({}))
            .await,
    )
    .await;
    let res = app
        .post_auth(
            "/api/account/reauthenticate",
            &token,
            json!({"totp": secret.code_at(app.now())}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    // A TOTP code raised the one-factor session to two.
    let current = body(app.get_auth("/api/session", &token).await).await;
    assert_eq!(current["session"]["aal"], "aal2", "{current}");
    assert!(
        current["session"]["amr"]
            .as_array()
            .unwrap()
            .contains(&json!("totp")),
        "{current}"
    );
    let res = app.delete_auth("/api/account/mfa/totp", &token).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let s = mfa_status(&app, &token).await;
    assert_eq!(s["totp"], false);
    assert_eq!(s["recovery_codes_left"], 0);
    // No second factor left: the password signs in alone again.
    signed_in(password_sign_in(&app, email, PW).await).await;
}

async fn factor_notices_and_one_failed_notice_per_ticket(app: TestApp) {
    let email = "nat@shop.example";
    let token = app.register(email, PW).await;
    let (secret, _) = enrol_totp(&app, &token).await;
    let added = "was added to your";
    let removed = "was removed from your";
    let failed = "failed the second step";
    assert_eq!(app.count_with(email, added).await, 1);

    // A right password and wrong second factors: one notice per ticket.
    let right = next_totp(&app, &secret);
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    let t = ticket_id(&ticket_for(&app, email).await);
    for _ in 0..3 {
        finish_totp(&app, &t, wrong).await;
    }
    assert_eq!(app.count_with(email, failed).await, 1);
    // A right second factor sends none.
    signed_in(finish_totp(&app, &t, &right).await).await;
    assert_eq!(app.count_with(email, failed).await, 1);
    let t = ticket_id(&ticket_for(&app, email).await);
    finish_totp(&app, &t, wrong).await;
    finish(&app, &t, "recovery_code", json!({"code": "AAAA-BBBB"})).await;
    assert_eq!(app.count_with(email, failed).await, 2);

    // Removing it tells the owner too.
    let res = app.delete_auth("/api/account/mfa/totp", &token).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.count_with(email, removed).await, 1);
}

async fn one_totp_step_wins_once_at_once(app: TestApp) {
    let email = "ray@shop.example";
    let token = app.register(email, PW).await;
    let (secret, _) = enrol_totp(&app, &token).await;
    let code = next_totp(&app, &secret);
    let mut requests = Vec::new();
    for _ in 0..10 {
        let t = ticket_id(&ticket_for(&app, email).await);
        requests.push(RaceRequest::post_json(
            "/api/sessions/mfa",
            &json!({"mfa_ticket": t, "method": "totp", "code": code}),
        ));
    }
    let answers = race(&app.address, requests).await;
    assert_eq!(count(&answers, StatusCode::CREATED), 1, "{answers:?}");
    assert_eq!(count(&answers, StatusCode::BAD_REQUEST), 9, "{answers:?}");
}

async fn a_ticket_takes_five_tries_however_many_arrive(app: TestApp) {
    let email = "fay@shop.example";
    let token = app.register(email, PW).await;
    let (secret, _) = enrol_totp(&app, &token).await;
    let right = secret.code_at(app.now());
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    let t = ticket_id(&ticket_for(&app, email).await);
    let requests = (0..12)
        .map(|_| {
            RaceRequest::post_json(
                "/api/sessions/mfa",
                &json!({"mfa_ticket": t, "method": "totp", "code": wrong}),
            )
        })
        .collect();
    let answers = race(&app.address, requests).await;
    assert_eq!(count(&answers, StatusCode::BAD_REQUEST), 5, "{answers:?}");
    assert_eq!(count(&answers, StatusCode::GONE), 7, "{answers:?}");
    let (status, c, _) = error_code(finish_totp(&app, &t, &right).await).await;
    assert_eq!((status, c.as_str()), (StatusCode::GONE, "flow_expired"));
    // One notice for the ticket, however many wrong tries it took.
    assert_eq!(app.count_with(email, "failed the second step").await, 1);
}

/// The newest code sent to `to`.
async fn newest_code(app: &TestApp, to: &str) -> String {
    let list = app.mailbox(to).await;
    extract_code(list[0]["text"].as_str().unwrap()).unwrap()
}

/// With a phone too: after a login code or a recovery by SMS, the ticket offers the
/// email code and not the SMS one (and the other way round after a password).
async fn a_code_by_sms_is_no_second_factor_after_itself(app: TestApp) {
    let email = "sam@shop.example";
    let phone = "+447911123456";
    app.register_with_phone(email, phone, PW).await;
    let res = password_sign_in(&app, email, PW).await;
    let token = signed_in(res).await["session_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let (secret, _) = enrol_totp(&app, &token).await;
    let m = methods(&ticket_for(&app, email).await);
    assert!(
        m.contains(&"sms".to_owned()) && m.contains(&"email".to_owned()),
        "{m:?}"
    );

    // Login code by SMS.
    let res = app
        .post("/api/login-codes", json!({"identifier": phone}))
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let flow = body(res).await["flow_id"].as_str().unwrap().to_owned();
    let code = newest_code(&app, phone).await;
    let res = app
        .post(
            &format!("/api/login-codes/{flow}/code"),
            json!({"code": code}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let t = body(res).await;
    let m = methods(&t);
    assert!(!m.contains(&"sms".to_owned()), "{m:?}");
    assert!(m.contains(&"email".to_owned()), "{m:?}");
    // The email code finishes it: two factors, two channels.
    let res = app
        .post(
            "/api/sessions/mfa/code",
            json!({"mfa_ticket": t["mfa_ticket"], "channel": "email"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let code = newest_code(&app, email).await;
    let b = signed_in(finish(&app, &ticket_id(&t), "email", json!({"code": code})).await).await;
    assert_eq!(
        assurance(&b),
        (
            "aal2".to_owned(),
            vec!["code".to_owned(), "email".to_owned()]
        )
    );

    // Recovery by SMS, then sign_in: the same.
    let res = app
        .post("/api/recovery", json!({"identifier": phone}))
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let flow = body(res).await["flow_id"].as_str().unwrap().to_owned();
    let code = newest_code(&app, phone).await;
    let res = app
        .post(&format!("/api/recovery/{flow}/code"), json!({"code": code}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let reset = body(res).await["reset_token"].as_str().unwrap().to_owned();
    let res = app
        .post(
            "/api/recovery/reset",
            json!({"reset_token": reset, "new_password": "a brand new passphrase 42", "sign_in": true}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let t = body(res).await;
    let m = methods(&t);
    assert!(!m.contains(&"sms".to_owned()), "{m:?}");
    assert!(m.contains(&"email".to_owned()), "{m:?}");
    let code = next_totp(&app, &secret);
    signed_in(finish_totp(&app, &ticket_id(&t), &code).await).await;
}
