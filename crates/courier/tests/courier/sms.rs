//! The SMS webhook against a real HTTP peer: a small axum gateway inside the test.

use crate::common::{clock, message, store};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use latchkey_courier::{Courier, CourierPolicy, SmsWebhook, Transport, Transports};
use latchkey_domain::Clock;
use latchkey_flows::journeys::verification::messages::VerificationCode;
use latchkey_flows::methods::code::messages::LoginCode;
use latchkey_i18n::Locale;
use latchkey_store::{Channel, MessageStatus};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use time::Duration;

/// One request the gateway received: its JSON body and its Idempotency-Key.
type Received = (serde_json::Value, Option<String>);

#[derive(Clone, Default)]
struct Gateway {
    /// Statuses to answer with, in order; 200 once they run out.
    statuses: Arc<Mutex<VecDeque<u16>>>,
    received: Arc<Mutex<Vec<Received>>>,
}

async fn receive(
    State(gw): State<Gateway>,
    headers: HeaderMap,
    Json(body): Json<serde_json::Value>,
) -> StatusCode {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    gw.received.lock().expect("lock").push((body, key));
    let status = gw.statuses.lock().expect("lock").pop_front().unwrap_or(200);
    StatusCode::from_u16(status).expect("status")
}

async fn gateway(statuses: &[u16]) -> (Gateway, String) {
    let gw = Gateway {
        statuses: Arc::new(Mutex::new(statuses.iter().copied().collect())),
        ..Gateway::default()
    };
    let app = axum::Router::new()
        .route("/send", post(receive))
        .with_state(gw.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await });
    (gw, format!("http://{addr}/send?key=secret-api-key"))
}

#[tokio::test]
async fn webhook_posts_json_and_classifies_statuses() {
    let (gw, url) = gateway(&[500, 400, 429]).await;
    let sms = SmsWebhook::new(&url).expect("webhook");
    let msg = message(
        &VerificationCode { code: "552211" },
        Channel::Sms,
        "+15551234567",
        Locale::Es,
    );
    let first = sms.send(&msg).await.expect_err("500");
    assert!(!first.permanent);
    assert!(!first.message.contains("secret-api-key"), "{first:?}");
    assert!(!first.message.contains("552211"));
    assert!(sms.send(&msg).await.expect_err("400").permanent);
    assert!(!sms.send(&msg).await.expect_err("429").permanent);
    sms.send(&msg).await.expect("200");

    let received = gw.received.lock().expect("lock").clone();
    assert_eq!(received.len(), 4);
    let (body, key) = &received[0];
    assert_eq!(
        body,
        &serde_json::json!({"to": "+15551234567", "body": msg.text, "locale": "es"})
    );
    assert!(msg.text.starts_with("552211 "));
    assert_eq!(key.as_deref(), Some(msg.id.to_string().as_str()));
}

#[tokio::test]
async fn worker_retries_after_a_gateway_error() {
    let (gw, url) = gateway(&[500]).await;
    let db = store().await;
    let clock = clock();
    let sms: Arc<dyn Transport> = Arc::new(SmsWebhook::new(&url).expect("webhook"));
    let courier = Courier::new(
        db.store.clone(),
        Transports {
            email: sms.clone(),
            sms,
        },
        Arc::new(clock.clone()),
        CourierPolicy::default(),
    );
    let mut msg = message(
        &LoginCode { code: "908070" },
        Channel::Sms,
        "+447700900123",
        Locale::En,
    );
    msg.created_at = clock.now();
    db.store
        .enqueue_messages(std::slice::from_ref(&msg))
        .await
        .expect("enqueue");

    let first = courier.drain().await.expect("drain");
    assert_eq!((first.claimed, first.retried), (1, 1), "{first:?}");
    let row = db.store.message(msg.id).await.expect("read").expect("row");
    assert_eq!(row.status, MessageStatus::Pending);
    assert_eq!(row.attempts, 1);
    assert!(row.last_error.as_deref().is_some_and(|e| e.contains("500")));

    // Not due yet: the first retry waits 5 s (plus jitter).
    assert_eq!(courier.drain().await.expect("drain").claimed, 0);
    clock.advance(Duration::milliseconds(5_600));
    let second = courier.drain().await.expect("drain");
    assert_eq!((second.claimed, second.sent), (1, 1), "{second:?}");
    let row = db.store.message(msg.id).await.expect("read").expect("row");
    assert_eq!(row.status, MessageStatus::Sent);

    let received = gw.received.lock().expect("lock");
    assert_eq!(received.len(), 2, "one failed and one good delivery");
    assert!(received.iter().all(|(b, _)| b["to"] == "+447700900123"));
}
