//! The outbox end to end (audit issue 8, finding 7): once the courier has delivered a
//! message its row keeps no code or link, while the dev mailbox, which keeps its own copy
//! in its own table, still shows the code to the tests and to a developer.

use latchkey_store::MessageStatus;
use latchkey_testkit::{Backend, TestApp, drop_postgres_database, extract_code};
use reqwest::StatusCode;
use serde_json::json;

async fn a_delivered_code_is_in_the_dev_mailbox_but_no_longer_in_the_outbox(backend: Backend) {
    let mut url = String::new();
    let Some(app) = TestApp::spawn_with(backend, |c| url = c.database_url.clone()).await else {
        return;
    };
    let res = app
        .post(
            "/api/registrations",
            json!({"email": "ann@shop.example", "password": "correct horse battery"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let code = app.code_for("ann@shop.example", 1).await;

    let store = latchkey_store::connect(&url).await.unwrap();
    // Reading the mailbox drained the courier, which marks a row sent as soon as the
    // mailbox has its copy: the mark is there now.
    let sent = store
        .messages_by_status(MessageStatus::Sent, 10)
        .await
        .unwrap();
    assert_eq!(sent.len(), 1, "the code message was delivered");
    let row = &sent[0].message;
    assert_eq!(row.template, "registration_code");
    assert!(!row.subject.is_empty(), "the subject stays");
    for part in [
        row.subject.as_str(),
        row.text.as_str(),
        row.html.as_deref().unwrap_or(""),
    ] {
        assert!(!part.contains(&code), "the outbox row keeps the code");
    }
    // The dev mailbox still has it, read again after the blanking.
    let mailbox = app.mailbox("ann@shop.example").await;
    assert_eq!(
        extract_code(mailbox[0]["text"].as_str().unwrap()).as_deref(),
        Some(code.as_str())
    );
    drop(store);
    if let Some(url) = app.postgres_database.clone() {
        drop_postgres_database(&url).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_a_delivered_code_is_in_the_dev_mailbox_but_no_longer_in_the_outbox() {
    a_delivered_code_is_in_the_dev_mailbox_but_no_longer_in_the_outbox(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a_delivered_code_is_in_the_dev_mailbox_but_no_longer_in_the_outbox() {
    a_delivered_code_is_in_the_dev_mailbox_but_no_longer_in_the_outbox(Backend::Postgres).await;
}
