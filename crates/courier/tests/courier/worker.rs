//! The worker against the real SQLite store: backoff, abandonment, leases, logs.

use crate::common::{Outage, Scripted, clock, composed, courier, due, store};
use latchkey_courier::{
    Courier, CourierPolicy, DevMailbox, SendError, Transport, Transports, compose,
};
use latchkey_domain::Clock;
use latchkey_flows::journeys::recovery::messages::RecoveryCode;
use latchkey_flows::journeys::registration::messages::{RegistrationCode, SignupAttempt, Welcome};
use latchkey_flows::kernel::abuse::messages::AccountLocked;
use latchkey_flows::methods::code::messages::LoginCode;
use latchkey_flows::methods::password::messages::PasswordChanged;
use latchkey_i18n::Locale;
use latchkey_store::{Channel, MessageStatus};
use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;
use time::Duration;

#[tokio::test]
async fn backoff_doubles_then_is_capped_until_the_code_expires() {
    let db = store().await;
    let clock = clock();
    let transport = Scripted::with((0..100).map(|_| Err(SendError::temporary("smtp reply 421"))));
    let courier = courier(&db.store, transport.clone(), &clock);
    let msg = due(&clock, "ann@example.com", "111222");
    assert_eq!(msg.useful_until - msg.created_at, Duration::minutes(15));
    db.store
        .enqueue_messages(std::slice::from_ref(&msg))
        .await
        .expect("enqueue");

    let mut attempt = 0;
    loop {
        attempt += 1;
        let report = courier.drain().await.expect("drain");
        assert_eq!(report.claimed, 1, "attempt {attempt}");
        let row = db.store.message(msg.id).await.expect("read").expect("row");
        assert_eq!(row.attempts, attempt);
        if row.status == MessageStatus::Abandoned {
            assert_eq!(report.abandoned, 1);
            break;
        }
        assert_eq!(row.status, MessageStatus::Pending);
        let wait = row.next_attempt_at - clock.now();
        // Doubling from 5 s, capped at a tenth of the code's 15 minutes.
        let exact = Duration::seconds(5 * (1i64 << (attempt - 1))).min(Duration::seconds(90));
        assert!(
            wait >= exact
                && wait <= (exact * 1.1_f64).min(Duration::seconds(90)) + Duration::milliseconds(1),
            "attempt {attempt}: waits {wait}, expected about {exact}"
        );
        assert!(row.next_attempt_at <= msg.useful_until);
        // One millisecond early is too early.
        clock.advance(wait - Duration::milliseconds(1));
        assert_eq!(courier.drain().await.expect("drain").claimed, 0);
        clock.advance(Duration::milliseconds(1));
    }
    // Tried right up to the code's expiry: the next try would have come after it.
    assert!(
        clock.now() > msg.useful_until - Duration::seconds(90),
        "gave up early"
    );
    assert!(attempt > 8, "only {attempt} attempts");
    assert_eq!(transport.counts()[&msg.id], attempt as usize);
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
        &RegistrationCode { code: "246810" },
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
    // This test is about the background worker waking on its own, so it cannot drain
    // the courier itself: it waits, but only up to 2.5 s, far below the 30 s poll that
    // would also deliver, so only the notification can explain a delivery in time.
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

/// Runs the worker the way time passes: drain, then jump the clock to the next retry,
/// until nothing is pending or `horizon` is reached.
async fn drive(
    courier: &Courier,
    store: &latchkey_store::DynStore,
    clock: &latchkey_testkit::ManualClock,
    horizon: time::OffsetDateTime,
) {
    for _ in 0..10_000 {
        courier.drain().await.expect("drain");
        let pending = store
            .messages_by_status(MessageStatus::Pending, 1000)
            .await
            .expect("pending");
        let Some(next) = pending.iter().map(|m| m.next_attempt_at).min() else {
            return;
        };
        if next > horizon {
            return;
        }
        if next > clock.now() {
            clock.advance(next - clock.now());
        }
    }
    panic!("the worker never settled");
}

#[tokio::test]
async fn an_eleven_minute_relay_outage_loses_no_message() {
    let db = store().await;
    let clock = clock();
    let start = clock.now();
    let transport = Outage::until(&clock, start + Duration::minutes(11));
    let courier = courier(&db.store, transport.clone(), &clock);
    let reset =
        "https://shop.example.com/recovery/link?token=RRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRR";
    let unlock =
        "https://shop.example.com/unlock?token=UUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUU";
    let report = "https://shop.example.com/security/report?token=PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP";
    let messages = vec![
        composed(
            &clock,
            &LoginCode { code: "401401" },
            Channel::Email,
            "a@example.com",
        ),
        composed(
            &clock,
            &RegistrationCode { code: "402402" },
            Channel::Sms,
            "+15551234567",
        ),
        composed(
            &clock,
            &RecoveryCode {
                code: "403403",
                link: Some(reset),
            },
            Channel::Email,
            "b@example.com",
        ),
        composed(
            &clock,
            &AccountLocked {
                when: "now",
                ip: "203.0.113.0",
                unlock_url: unlock,
                report_url: "https://shop.example.com/security/report?token=r",
            },
            Channel::Email,
            "c@example.com",
        ),
        composed(
            &clock,
            &PasswordChanged {
                report_link: report,
            },
            Channel::Email,
            "d@example.com",
        ),
        composed(
            &clock,
            &Welcome {
                address: "e@example.com",
                method: "password",
            },
            Channel::Email,
            "e@example.com",
        ),
        composed(&clock, &SignupAttempt, Channel::Email, "f@example.com"),
    ];
    db.store.enqueue_messages(&messages).await.expect("enqueue");

    drive(&courier, &db.store, &clock, start + Duration::days(2)).await;

    let delivered = transport.delivered.lock().expect("lock").clone();
    for m in &messages {
        let row = db.store.message(m.id).await.expect("read").expect("row");
        assert_eq!(
            row.status,
            MessageStatus::Sent,
            "{} was given up after {} attempts: {:?}",
            m.template,
            row.attempts,
            row.last_error
        );
        let at = delivered[&m.id];
        assert!(at >= start + Duration::minutes(11));
        // A code is worth delivering only while it can still be typed in (15 minutes). A
        // recovery email also carries its reset link, which works for two hours: it is
        // paced by that longer life (MessageLifetimes), so only code-only messages must
        // beat the code's expiry. Without this the check failed whenever the jitter put the
        // recovery email's fifth retry just past 15 minutes.
        if m.template.ends_with("_code") && m.useful_until - m.created_at <= Duration::minutes(15) {
            assert!(
                at < start + Duration::minutes(15),
                "{} arrived {} after it was sent, too late to use",
                m.template,
                at - start
            );
        }
    }
}

#[tokio::test]
async fn a_message_is_abandoned_once_it_is_no_longer_useful_and_says_why() {
    let recorder = metrics_exporter_prometheus::PrometheusBuilder::new().build_recorder();
    let handle = recorder.handle();
    let _local = metrics::set_default_local_recorder(&recorder);

    let db = store().await;
    let clock = clock();
    let start = clock.now();
    // Down for good.
    let transport = Outage::until(&clock, start + Duration::days(365));
    let courier = courier(&db.store, transport.clone(), &clock);
    let code = composed(
        &clock,
        &LoginCode { code: "505505" },
        Channel::Email,
        "a@example.com",
    );
    let notice = composed(&clock, &SignupAttempt, Channel::Email, "b@example.com");
    db.store
        .enqueue_messages(&[code.clone(), notice.clone()])
        .await
        .expect("enqueue");

    drive(&courier, &db.store, &clock, start + Duration::days(3)).await;

    let code_row = db.store.message(code.id).await.expect("read").expect("row");
    assert_eq!(code_row.status, MessageStatus::Abandoned);
    // Tried until the code expired, and not after.
    assert!(code_row.attempts > 8, "only {} attempts", code_row.attempts);
    let reason = code_row.abandon_reason.clone().expect("a reason");
    assert_eq!(
        reason,
        format!(
            "expired after {} attempts: smtp connection error",
            code_row.attempts
        )
    );
    assert!(!reason.contains("505505"));

    let notice_row = db
        .store
        .message(notice.id)
        .await
        .expect("read")
        .expect("row");
    assert_eq!(notice_row.status, MessageStatus::Abandoned);
    // A notice is retried for a day (the default), about once an hour at the end.
    let last = notice_row.last_attempt_at.expect("tried");
    assert!(
        last > start + Duration::hours(23) && last <= start + Duration::hours(24),
        "last try {} after composing",
        last - start
    );
    assert!(
        notice_row
            .abandon_reason
            .as_deref()
            .is_some_and(|r| r.starts_with("expired after ")),
        "{:?}",
        notice_row.abandon_reason
    );

    // A permanent refusal gives up at once, with its own reason.
    let gone = Scripted::with([Err(SendError::permanent("smtp reply 550"))]);
    let courier = crate::common::courier(&db.store, gone, &clock);
    let refused = composed(&clock, &SignupAttempt, Channel::Email, "gone@example.com");
    db.store
        .enqueue_messages(std::slice::from_ref(&refused))
        .await
        .expect("enqueue");
    courier.drain().await.expect("drain");
    let row = db
        .store
        .message(refused.id)
        .await
        .expect("read")
        .expect("row");
    assert_eq!(row.status, MessageStatus::Abandoned);
    assert_eq!(
        row.abandon_reason.as_deref(),
        Some("permanent error after 1 attempt: smtp reply 550")
    );

    let rendered = handle.render();
    let count = |reason: &str| -> f64 {
        rendered
            .lines()
            .find(|l| {
                l.starts_with("latchkey_messages_abandoned_total{")
                    && l.contains(&format!("reason=\"{reason}\""))
            })
            .and_then(|l| l.rsplit(' ').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    };
    assert_eq!(count("expired"), 2.0, "{rendered}");
    assert_eq!(count("permanent"), 1.0, "{rendered}");
}

#[tokio::test]
async fn a_restarted_worker_delivers_what_the_old_one_left_pending_or_leased() {
    let db = store().await;
    let clock = clock();
    let retrying = due(&clock, "a@example.com", "606606");
    let fresh = due(&clock, "b@example.com", "707707");
    let leased = due(&clock, "c@example.com", "808808");
    db.store
        .enqueue_messages(std::slice::from_ref(&retrying))
        .await
        .expect("enqueue");
    {
        // The first process: one failed attempt, one message claimed mid-send, then it dies.
        let down = Scripted::with([Err(SendError::temporary("smtp reply 421"))]);
        let old = courier(&db.store, down, &clock);
        assert_eq!(old.drain().await.expect("drain").retried, 1);
        db.store
            .enqueue_messages(std::slice::from_ref(&leased))
            .await
            .expect("enqueue");
        let now = clock.now();
        let claimed = db
            .store
            .claim_due_messages(now, now + Duration::seconds(60), 32)
            .await
            .expect("claim");
        assert_eq!(claimed.len(), 1);
        db.store
            .enqueue_messages(std::slice::from_ref(&fresh))
            .await
            .expect("enqueue");
    }

    // A new process: a new pool on the same database, a new worker.
    let reopened = latchkey_store::connect(&db.url).await.expect("reconnect");
    reopened.migrate().await.expect("migrate");
    let transport = Scripted::with([]);
    let new = courier(&reopened, transport.clone(), &clock);
    assert_eq!(
        new.drain().await.expect("drain").sent,
        1,
        "the fresh one at once"
    );
    clock.advance(Duration::seconds(61));
    assert_eq!(new.drain().await.expect("drain").sent, 2);
    for m in [&retrying, &fresh, &leased] {
        let row = reopened.message(m.id).await.expect("read").expect("row");
        assert_eq!(row.status, MessageStatus::Sent, "{}", m.recipient);
        assert_eq!(transport.counts()[&m.id], 1);
    }
}

#[tokio::test]
async fn sent_and_abandoned_rows_keep_no_code_or_link_and_old_rows_are_purged() {
    let db = store().await;
    let clock = clock();
    let link =
        "https://shop.example.com/recovery/link?token=SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS";
    let sent = composed(
        &clock,
        &RecoveryCode {
            code: "909909",
            link: Some(link),
        },
        Channel::Email,
        "a@example.com",
    );
    let refused = composed(
        &clock,
        &RecoveryCode {
            code: "919919",
            link: Some(link),
        },
        Channel::Email,
        "b@example.com",
    );
    db.store
        .enqueue_messages(&[sent.clone(), refused.clone()])
        .await
        .expect("enqueue");
    let transport = Scripted::with([Ok(()), Err(SendError::permanent("smtp reply 550"))]);
    let courier = courier(&db.store, transport, &clock);
    courier.drain().await.expect("drain");

    for (m, code) in [(&sent, "909909"), (&refused, "919919")] {
        let row = db.store.message(m.id).await.expect("read").expect("row");
        assert_ne!(row.status, MessageStatus::Pending);
        let html = row.message.html.clone().unwrap_or_default();
        for part in [&row.message.subject, &row.message.text, &html] {
            assert!(!part.contains(code), "{:?} keeps the code", row.status);
            assert!(!part.contains("token="), "{:?} keeps the link", row.status);
        }
        // The metadata stays for the operator: what, to whom, when, how it went.
        assert_eq!(row.message.subject, m.subject);
        assert_eq!(row.message.template, "recovery_code");
    }

    // Purged once older than the retention (30 days by default); a pending one never is.
    let old_pending = due(&clock, "c@example.com", "929929");
    clock.advance(Duration::days(29));
    assert_eq!(courier.purge().await.expect("purge"), 0);
    assert!(db.store.message(sent.id).await.expect("read").is_some());
    clock.advance(Duration::days(1) + Duration::seconds(1));
    db.store
        .enqueue_messages(std::slice::from_ref(&old_pending))
        .await
        .expect("enqueue");
    assert_eq!(courier.purge().await.expect("purge"), 2);
    assert!(db.store.message(sent.id).await.expect("read").is_none());
    assert!(db.store.message(refused.id).await.expect("read").is_none());
    assert!(
        db.store
            .message(old_pending.id)
            .await
            .expect("read")
            .is_some()
    );
}

#[tokio::test]
async fn a_retry_that_comes_due_after_the_code_expired_is_given_up_unsent() {
    let db = store().await;
    let clock = clock();
    let transport = Scripted::with([Err(SendError::temporary("smtp reply 421"))]);
    let courier = courier(&db.store, transport.clone(), &clock);
    let msg = due(&clock, "ann@example.com", "515515");
    db.store
        .enqueue_messages(std::slice::from_ref(&msg))
        .await
        .expect("enqueue");
    assert_eq!(courier.drain().await.expect("drain").retried, 1);
    // The worker was down past the code's 15 minutes.
    clock.advance(Duration::minutes(20));
    let report = courier.drain().await.expect("drain");
    assert_eq!((report.claimed, report.abandoned, report.sent), (1, 1, 0));
    assert_eq!(
        transport.counts()[&msg.id],
        1,
        "an expired code is not sent"
    );
    let row = db.store.message(msg.id).await.expect("read").expect("row");
    assert_eq!(row.status, MessageStatus::Abandoned);
    assert_eq!(
        row.abandon_reason.as_deref(),
        Some("expired after 1 attempt: smtp reply 421")
    );
    assert_eq!(row.message.text, "");
}
