//! The worker against the real SQLite store: backoff, abandonment, leases, logs.

use crate::common::{Scripted, clock, courier, due, store};
use latchkey_courier::{
    Courier, CourierPolicy, DevMailbox, SendError, Template, Transport, Transports, compose,
};
use latchkey_domain::Clock;
use latchkey_i18n::Locale;
use latchkey_store::{Channel, MessageStatus};
use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;
use time::Duration;

#[tokio::test]
async fn backoff_doubles_until_abandoned_after_max_attempts() {
    let db = store().await;
    let clock = clock();
    let transport = Scripted::with((0..20).map(|_| Err(SendError::temporary("smtp reply 421"))));
    let courier = courier(&db.store, transport.clone(), &clock);
    let msg = due(&clock, "ann@example.com", "111222");
    db.store
        .enqueue_messages(std::slice::from_ref(&msg))
        .await
        .expect("enqueue");

    let policy = CourierPolicy::default();
    for attempt in 1..=policy.max_attempts {
        let report = courier.drain().await.expect("drain");
        assert_eq!(report.claimed, 1, "attempt {attempt}");
        let row = db.store.message(msg.id).await.expect("read").expect("row");
        assert_eq!(row.attempts, attempt);
        if attempt == policy.max_attempts {
            assert_eq!(row.status, MessageStatus::Abandoned);
            assert_eq!(report.abandoned, 1);
            break;
        }
        assert_eq!(row.status, MessageStatus::Pending);
        let wait = row.next_attempt_at - clock.now();
        let exact = Duration::seconds(5 * (1 << (attempt - 1)));
        assert!(
            wait >= exact && wait <= exact * 1.1 + Duration::milliseconds(1),
            "attempt {attempt}: waits {wait}, expected about {exact}"
        );
        // One millisecond early is too early.
        clock.advance(wait - Duration::milliseconds(1));
        assert_eq!(courier.drain().await.expect("drain").claimed, 0);
        clock.advance(Duration::milliseconds(1));
    }
    assert_eq!(transport.counts()[&msg.id], policy.max_attempts as usize);
    // Abandoned stays abandoned.
    clock.advance(Duration::days(1));
    assert_eq!(courier.drain().await.expect("drain").claimed, 0);
}

#[tokio::test]
async fn permanent_errors_abandon_at_once() {
    let db = store().await;
    let clock = clock();
    let transport = Scripted::with([Err(SendError::permanent("smtp reply 550"))]);
    let courier = courier(&db.store, transport.clone(), &clock);
    let msg = due(&clock, "gone@example.com", "333444");
    db.store
        .enqueue_messages(std::slice::from_ref(&msg))
        .await
        .expect("enqueue");

    let report = courier.drain().await.expect("drain");
    assert_eq!((report.claimed, report.abandoned), (1, 1));
    let row = db.store.message(msg.id).await.expect("read").expect("row");
    assert_eq!(row.status, MessageStatus::Abandoned);
    assert_eq!(row.attempts, 1);
    assert_eq!(row.last_error.as_deref(), Some("smtp reply 550"));
    clock.advance(Duration::hours(2));
    assert_eq!(courier.drain().await.expect("drain").claimed, 0);
}

#[tokio::test]
async fn concurrent_drains_send_each_message_once() {
    let db = store().await;
    let clock = clock();
    let transport = Arc::new(Scripted {
        delay: Some(StdDuration::from_millis(2)),
        ..Scripted::default()
    });
    let messages: Vec<_> = (0..80)
        .map(|i| due(&clock, &format!("user{i}@example.com"), "555666"))
        .collect();
    db.store.enqueue_messages(&messages).await.expect("enqueue");

    // Two workers, as on two nodes, sharing one database.
    let a = courier(&db.store, transport.clone(), &clock);
    let b = courier(&db.store, transport.clone(), &clock);
    let (ra, rb) = tokio::join!(a.drain(), b.drain());
    let (ra, rb) = (ra.expect("drain a"), rb.expect("drain b"));
    assert_eq!(ra.sent + rb.sent, 80, "{ra:?} {rb:?}");

    let counts = transport.counts();
    assert_eq!(counts.len(), 80);
    assert!(counts.values().all(|&n| n == 1), "a message was sent twice");
    let sent = db
        .store
        .messages_by_status(MessageStatus::Sent, 100)
        .await
        .expect("list");
    assert_eq!(sent.len(), 80);
}

#[tokio::test]
async fn a_leased_message_is_not_claimed_again_until_the_lease_ends() {
    let db = store().await;
    let clock = clock();
    let msg = due(&clock, "ann@example.com", "777888");
    db.store
        .enqueue_messages(std::slice::from_ref(&msg))
        .await
        .expect("enqueue");
    // A worker that claimed the message and then died.
    let now = clock.now();
    let claimed = db
        .store
        .claim_due_messages(now, now + Duration::seconds(60), 32)
        .await
        .expect("claim");
    assert_eq!(claimed.len(), 1);

    let transport = Scripted::with([]);
    let courier = courier(&db.store, transport.clone(), &clock);
    assert_eq!(courier.drain().await.expect("drain").claimed, 0);
    clock.advance(Duration::seconds(61));
    assert_eq!(courier.drain().await.expect("drain").sent, 1);
    assert_eq!(transport.counts()[&msg.id], 1);
}

#[tokio::test]
async fn dev_mailbox_keeps_the_message() {
    let db = store().await;
    let clock = clock();
    let mailbox: Arc<dyn Transport> = Arc::new(DevMailbox::new(db.store.clone()));
    let courier = Courier::new(
        db.store.clone(),
        Transports::single(mailbox),
        Arc::new(clock.clone()),
        CourierPolicy::default(),
    );
    let mut sms = compose(
        &crate::common::ctx(),
        &Template::RegistrationCode { code: "246810" },
        Channel::Sms,
        "+15551234567",
        Locale::Ru,
        clock.now(),
    );
    sms.created_at = clock.now();
    let email = due(&clock, "Ann@Example.com", "135790");
    db.store
        .enqueue_messages(&[sms.clone(), email.clone()])
        .await
        .expect("enqueue");
    assert_eq!(courier.drain().await.expect("drain").sent, 2);

    let phone = db
        .store
        .mailbox_list(Some("+15551234567"), 10)
        .await
        .expect("list");
    assert_eq!(phone.len(), 1);
    assert_eq!(phone[0].channel, Channel::Sms);
    assert!(phone[0].text.starts_with("246810"));
    let mail = db
        .store
        .mailbox_list(Some("ann@example.com"), 10)
        .await
        .expect("list");
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].subject, email.subject);
    assert!(
        mail[0]
            .html
            .as_deref()
            .is_some_and(|h| h.contains("135790"))
    );
}

#[tokio::test]
async fn run_delivers_when_notified_and_stops_on_shutdown() {
    let db = store().await;
    let clock = clock();
    let transport = Scripted::with([]);
    let policy = CourierPolicy {
        // Long enough that only the notification can explain a quick delivery.
        poll_interval: StdDuration::from_secs(30),
        ..CourierPolicy::default()
    };
    let courier = Courier::new(
        db.store.clone(),
        Transports::single(transport.clone()),
        Arc::new(clock.clone()),
        policy,
    );
    let notify = courier.notifier();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let worker = tokio::spawn(courier.run(stopped));
    // Let the first (empty) round pass, so the message below is found by the notification.
    tokio::time::sleep(StdDuration::from_millis(100)).await;

    let msg = due(&clock, "ann@example.com", "121212");
    db.store
        .enqueue_messages(std::slice::from_ref(&msg))
        .await
        .expect("enqueue");
    notify.notify_one();
    let mut delivered = false;
    for _ in 0..50 {
        let row = db.store.message(msg.id).await.expect("read").expect("row");
        if row.status == MessageStatus::Sent {
            delivered = true;
            break;
        }
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
    assert!(delivered, "not delivered within 2.5 s of the notification");
    stop.send(()).expect("stop");
    tokio::time::timeout(StdDuration::from_secs(5), worker)
        .await
        .expect("worker stops")
        .expect("worker task");
}

/// Collects everything the fmt subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn logs_carry_ids_but_never_codes_subjects_or_recipients() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let db = store().await;
    let clock = clock();
    let transport = Scripted::with([
        Err(SendError::temporary("smtp reply 451")),
        Err(SendError::permanent("smtp reply 550")),
    ]);
    let courier = courier(&db.store, transport, &clock);
    let a = due(&clock, "secret.person@example.com", "918273");
    let b = due(&clock, "other.person@example.com", "645372");
    db.store
        .enqueue_messages(&[a.clone(), b.clone()])
        .await
        .expect("enqueue");
    courier.drain().await.expect("drain");
    clock.advance(Duration::minutes(1));
    courier.drain().await.expect("drain");

    let logs = String::from_utf8(captured.0.lock().expect("lock").clone()).expect("utf-8");
    assert!(logs.contains(&a.id.to_string()), "{logs}");
    assert!(logs.contains("login_code"));
    for secret in [
        "918273",
        "645372",
        "secret.person",
        "other.person",
        a.subject.as_str(),
    ] {
        assert!(!logs.contains(secret), "the logs show {secret:?}:\n{logs}");
    }
}
