//! Messages speak the recipient's language: an account registered in Russian (through
//! `Accept-Language`) or in Chinese (through the body's `locale`) gets its registration
//! code, its welcome, a password-reset code, a sign-in code and the "password changed"
//! notice in that language, even when each later request says `Accept-Language: en`.
//! Every expected text is the Fluent string itself (`crates/i18n/locales/<lang>/*.ftl`),
//! and the English one must be absent.

use latchkey_i18n::Locale;
use latchkey_testkit::{TestApp, extract_code};
use reqwest::StatusCode;
use serde_json::{Value, json};

latchkey_testkit::both_backends!(
    an_account_registered_in_russian_gets_russian_messages,
    an_account_registered_in_chinese_gets_chinese_messages,
    a_russian_phone_account_gets_russian_sms,
);

const PASSWORD: &str = "correct horse battery";
const NEW_PASSWORD: &str = "tangerine submarine orchestra";
/// `test_config`'s sender name, the `{ $sender }` of every message.
const SENDER: &str = "Test Shop";

/// `key` in `locale` with `{ $sender }` and `args` filled in.
fn text(locale: Locale, key: &str, args: &[(&str, &str)]) -> String {
    let mut all = vec![("sender", SENDER)];
    all.extend_from_slice(args);
    let s = locale.t_args(key, &all);
    assert_ne!(s, key, "{locale} has no message {key}");
    s
}

async fn post_in(app: &TestApp, lang: &str, path: &str, body: Value) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header("accept-language", lang)
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// The newest message to `to`, which must be the `count`th one.
async fn newest(app: &TestApp, to: &str, count: usize) -> Value {
    let list = app.wait_for_messages(to, count).await;
    assert_eq!(list.len(), count, "messages to {to}: {list:#?}");
    list[0].clone()
}

/// An email `message` in `locale`: its subject is `<stem>-subject`, its text holds every
/// one of `parts` (`<stem>-<part>` keys, with `args`) and the shared footer, and none of
/// the English ones.
fn assert_email_in(
    message: &Value,
    locale: Locale,
    stem: &str,
    parts: &[&str],
    args: &[(&str, &str)],
) {
    let subject = message["subject"].as_str().unwrap();
    let body = message["text"].as_str().unwrap();
    let subject_key = format!("{stem}-subject");
    assert_eq!(
        subject,
        text(locale, &subject_key, args),
        "{stem}: subject in {locale}"
    );
    assert_ne!(subject, text(Locale::En, &subject_key, args));
    let keys = parts
        .iter()
        .map(|p| format!("{stem}-{p}"))
        .chain(["message-footer".to_owned()]);
    for key in keys {
        let wanted = text(locale, &key, args);
        assert!(
            body.contains(&wanted),
            "{stem}: the text lacks {locale} {key} ({wanted:?}):\n{body}"
        );
        let english = text(Locale::En, &key, args);
        assert!(
            !body.contains(&english),
            "{stem}: the text still says the English {key} ({english:?}):\n{body}"
        );
    }
}

/// Registers `email` (through `start`, which carries the language), then asks for every
/// later message with `Accept-Language: en`, and checks that each is in `locale`.
async fn messages_follow_the_account(
    app: &TestApp,
    email: &str,
    locale: Locale,
    start: reqwest::Response,
) {
    assert_eq!(start.status(), StatusCode::ACCEPTED);
    let flow = start.json::<Value>().await.unwrap()["flow_id"]
        .as_str()
        .unwrap()
        .to_owned();

    // 1. The registration code.
    let m = newest(app, email, 1).await;
    let code = extract_code(m["text"].as_str().unwrap()).unwrap();
    assert_email_in(
        &m,
        locale,
        "message-registration-code",
        &["heading", "intro", "ignore"],
        &[],
    );
    for shared in ["message-code-label", "message-never-share"] {
        assert!(
            m["text"]
                .as_str()
                .unwrap()
                .contains(&text(locale, shared, &[])),
            "{shared} in {locale}"
        );
    }

    // 2. The welcome, after a code entered by an English-speaking request.
    let res = post_in(
        app,
        "en",
        &format!("/api/registrations/{flow}/code"),
        json!({"code": code}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let token = res.json::<Value>().await.unwrap()["session_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let m = newest(app, email, 2).await;
    let method = locale.t("message-method-password");
    assert_email_in(
        &m,
        locale,
        "message-welcome",
        &["heading", "intro", "address", "method", "settings"],
        &[("address", email), ("method", &method)],
    );

    // 3. A password-reset code, asked for in English.
    let res = post_in(app, "en", "/api/recovery", json!({"identifier": email})).await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let m = newest(app, email, 3).await;
    assert_email_in(
        &m,
        locale,
        "message-recovery-code",
        &["heading", "intro", "ignore"],
        &[],
    );

    // 4. A sign-in code, asked for in English.
    let res = post_in(app, "en", "/api/login-codes", json!({"identifier": email})).await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let m = newest(app, email, 4).await;
    assert_email_in(
        &m,
        locale,
        "message-login-code",
        &["heading", "intro", "ignore"],
        &[],
    );

    // 5. "Your password was changed", after a change made in English.
    let res = app
        .client
        .put(app.url("/api/account/password"))
        .header("accept-language", "en")
        .bearer_auth(&token)
        .json(&json!({"current_password": PASSWORD, "new_password": NEW_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let m = newest(app, email, 5).await;
    assert_email_in(
        &m,
        locale,
        "message-password-changed",
        &["heading", "body", "not-you", "ignore"],
        &[],
    );

    // The HTML parts (the dev mailbox's JSON leaves them out) say the same, and say which
    // language they are in.
    let stored = app.store.mailbox_list(Some(email), 200).await.unwrap();
    assert_eq!(stored.len(), 5);
    for m in &stored {
        let html = m.html.as_deref().expect("an HTML part");
        assert!(
            html.contains(&format!("lang=\"{}\"", locale.tag())),
            "{}: <html lang> is not {locale}",
            m.subject
        );
        assert!(
            html.contains(&text(locale, "message-footer", &[])),
            "{}: the HTML footer is not in {locale}",
            m.subject
        );
    }
}

async fn an_account_registered_in_russian_gets_russian_messages(app: TestApp) {
    let email = "olga@shop.example";
    let start = post_in(
        &app,
        "ru-RU,ru;q=0.9,en;q=0.5",
        "/api/registrations",
        json!({"email": email, "password": PASSWORD}),
    )
    .await;
    messages_follow_the_account(&app, email, Locale::Ru, start).await;
}

async fn an_account_registered_in_chinese_gets_chinese_messages(app: TestApp) {
    let email = "li@shop.example";
    // The body's locale wins over the request's language.
    let start = post_in(
        &app,
        "en",
        "/api/registrations",
        json!({"email": email, "password": PASSWORD, "locale": "zh-CN"}),
    )
    .await;
    messages_follow_the_account(&app, email, Locale::ZhCn, start).await;
}

async fn a_russian_phone_account_gets_russian_sms(app: TestApp) {
    let phone = "+447911123456";
    let res = post_in(
        &app,
        "ru",
        "/api/registrations",
        json!({"phone": phone, "password": PASSWORD}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let flow = res.json::<Value>().await.unwrap()["flow_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let m = newest(&app, phone, 1).await;
    let code = extract_code(m["text"].as_str().unwrap()).unwrap();
    assert_eq!(
        m["text"],
        text(
            Locale::Ru,
            "message-registration-code-sms",
            &[("code", &code)]
        )
    );

    let res = post_in(
        &app,
        "en",
        &format!("/api/registrations/{flow}/code"),
        json!({"code": code}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let m = newest(&app, phone, 2).await;
    let method = Locale::Ru.t("message-method-password");
    assert_eq!(
        m["text"],
        text(
            Locale::Ru,
            "message-welcome-sms",
            &[("address", phone), ("method", &method)]
        )
    );

    let res = post_in(&app, "en", "/api/recovery", json!({"identifier": phone})).await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let m = newest(&app, phone, 3).await;
    let code = extract_code(m["text"].as_str().unwrap()).unwrap();
    assert_eq!(
        m["text"],
        text(Locale::Ru, "message-recovery-code-sms", &[("code", &code)])
    );
    assert_ne!(
        m["text"],
        text(Locale::En, "message-recovery-code-sms", &[("code", &code)])
    );
}
