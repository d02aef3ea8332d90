//! Conformance of [`latchkey_store::Outbox`].

use crate::common::*;

conformance!(
    outbox_claim_and_lease,
    outbox_concurrent_claimers_never_share,
    outbox_sent_failed_abandoned,
    outbox_by_status,
    outbox_count_by_status,
    outbox_finished_rows_keep_no_body,
    outbox_purge_removes_finished_rows_before_the_cutoff,
);

async fn outbox_count_by_status(store: DynStore) {
    let t = now();
    let count = |status| {
        let store = store.clone();
        async move { store.count_messages_by_status(status).await.expect("count") }
    };
    assert_eq!(count(MessageStatus::Pending).await, 0);
    let a = message("a@x.org", t);
    let b = message("b@x.org", t);
    store
        .enqueue_messages(&[a.clone(), b.clone()])
        .await
        .expect("enqueue");
    assert_eq!(count(MessageStatus::Pending).await, 2);
    store.mark_message_sent(a.id, t).await.expect("sent");
    assert_eq!(count(MessageStatus::Pending).await, 1);
    assert_eq!(count(MessageStatus::Sent).await, 1);
    assert_eq!(count(MessageStatus::Abandoned).await, 0);
}

async fn outbox_claim_and_lease(store: DynStore) {
    let t = now();
    let due1 = message("a@x.org", t - Duration::seconds(2));
    let due2 = message("b@x.org", t - Duration::seconds(1));
    let future = message("c@x.org", t + Duration::minutes(5));
    store
        .enqueue_messages(&[due2.clone(), future.clone(), due1.clone()])
        .await
        .expect("enqueue");
    store
        .enqueue_messages(&[])
        .await
        .expect("nothing to enqueue");

    let lease = t + Duration::seconds(30);
    let claimed = store.claim_due_messages(t, lease, 10).await.expect("claim");
    let ids: Vec<_> = claimed.iter().map(|m| m.message.id).collect();
    assert_eq!(ids, [due1.id, due2.id], "due ones, oldest due first");
    assert_eq!(claimed[0].message, due1);
    assert_eq!(claimed[0].status, MessageStatus::Pending);

    // Leased: nobody else gets them until the lease runs out.
    assert!(
        store
            .claim_due_messages(t, lease, 10)
            .await
            .expect("claim")
            .is_empty()
    );
    let before = lease - Duration::milliseconds(1);
    assert!(
        store
            .claim_due_messages(before, lease, 10)
            .await
            .expect("claim")
            .is_empty()
    );
    let again = store
        .claim_due_messages(lease, lease + Duration::seconds(30), 10)
        .await
        .expect("claim after lease");
    assert_eq!(again.len(), 2, "an expired lease frees the messages");

    // The limit holds, and the future message becomes due in its time.
    let at = t + Duration::minutes(10);
    let one = store
        .claim_due_messages(at, at + Duration::seconds(30), 1)
        .await
        .expect("claim");
    assert_eq!(one.len(), 1);
    let rest = store
        .claim_due_messages(at, at + Duration::seconds(30), 10)
        .await
        .expect("claim");
    assert_eq!(rest.len(), 2);
    let all: HashSet<_> = one.iter().chain(&rest).map(|m| m.message.id).collect();
    assert!(all.contains(&future.id));
}

async fn outbox_concurrent_claimers_never_share(store: DynStore) {
    let t = now();
    let messages: Vec<_> = (0..40)
        .map(|i| message(&format!("u{i}@x.org"), t - Duration::milliseconds(i)))
        .collect();
    store.enqueue_messages(&messages).await.expect("enqueue");

    let lease = t + Duration::minutes(1);
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                let mut mine = Vec::new();
                loop {
                    let batch = store.claim_due_messages(t, lease, 3).await.expect("claim");
                    if batch.is_empty() {
                        break mine;
                    }
                    mine.extend(batch.into_iter().map(|m| m.message.id));
                }
            })
        })
        .collect();
    let mut all = Vec::new();
    for w in workers {
        all.extend(w.await.expect("join"));
    }
    let unique: HashSet<_> = all.iter().copied().collect();
    assert_eq!(unique.len(), all.len(), "a message was claimed twice");
    assert_eq!(all.len(), 40, "every message was claimed once");
}

async fn outbox_sent_failed_abandoned(store: DynStore) {
    let t = now();
    let sent = message("a@x.org", t);
    let retried = message("b@x.org", t);
    let dropped = message("c@x.org", t);
    store
        .enqueue_messages(&[sent.clone(), retried.clone(), dropped.clone()])
        .await
        .expect("enqueue");
    let lease = t + Duration::seconds(30);
    assert_eq!(
        store
            .claim_due_messages(t, lease, 10)
            .await
            .expect("claim")
            .len(),
        3
    );

    let t1 = t + Duration::seconds(1);
    store.mark_message_sent(sent.id, t1).await.expect("sent");
    let got = store
        .message(sent.id)
        .await
        .expect("message")
        .expect("exists");
    assert_eq!(got.status, MessageStatus::Sent);
    assert_eq!(got.sent_at, Some(t1));

    let retry_at = t + Duration::seconds(10);
    store
        .mark_message_failed(retried.id, 1, Some(retry_at), "421 try later", t1)
        .await
        .expect("failed");
    let got = store
        .message(retried.id)
        .await
        .expect("message")
        .expect("exists");
    assert_eq!(got.status, MessageStatus::Pending);
    assert_eq!(got.attempts, 1);
    assert_eq!(got.next_attempt_at, retry_at);
    assert_eq!(got.last_error.as_deref(), Some("421 try later"));
    assert_eq!(got.sent_at, None);

    store
        .mark_message_failed(dropped.id, 5, None, "550 no such user", t1)
        .await
        .expect("abandoned");
    let got = store
        .message(dropped.id)
        .await
        .expect("message")
        .expect("exists");
    assert_eq!(got.status, MessageStatus::Abandoned);
    assert_eq!(got.attempts, 5);
    assert_eq!(got.last_error.as_deref(), Some("550 no such user"));

    // The failure cleared the lease, so the retry is due at retry_at even though the
    // old lease (t + 30 s) has not run out; sent and abandoned ones never come back.
    let early = retry_at - Duration::milliseconds(1);
    assert!(
        store
            .claim_due_messages(early, lease, 10)
            .await
            .expect("claim")
            .is_empty()
    );
    let again = store
        .claim_due_messages(retry_at, lease, 10)
        .await
        .expect("claim");
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].message.id, retried.id);
    assert_eq!(again[0].attempts, 1);
    let much_later = t + Duration::days(1);
    let again = store
        .claim_due_messages(much_later, much_later + Duration::seconds(30), 10)
        .await
        .expect("claim");
    assert_eq!(again.len(), 1, "only the retried one");

    assert_eq!(store.message(Uuid::now_v7()).await.expect("message"), None);
    let err = store
        .mark_message_sent(Uuid::now_v7(), t)
        .await
        .expect_err("unknown");
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    let err = store
        .mark_message_failed(Uuid::now_v7(), 1, None, "x", t)
        .await
        .expect_err("unknown");
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}

async fn outbox_by_status(store: DynStore) {
    let t = now();
    let old = message("a@x.org", t - Duration::seconds(2));
    let mid = message("b@x.org", t - Duration::seconds(1));
    let new = message("c@x.org", t);
    store
        .enqueue_messages(&[mid.clone(), new.clone(), old.clone()])
        .await
        .expect("enqueue");
    store.mark_message_sent(mid.id, t).await.expect("sent");

    let pending: Vec<_> = pending(&store).await.iter().map(|m| m.message.id).collect();
    assert_eq!(pending, [new.id, old.id], "newest first");
    let limited = store
        .messages_by_status(MessageStatus::Pending, 1)
        .await
        .expect("limit");
    assert_eq!(limited.len(), 1);
    assert_eq!(limited[0].message.id, new.id);
    let sent = store
        .messages_by_status(MessageStatus::Sent, 10)
        .await
        .expect("sent");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].message.id, mid.id);
    assert!(
        store
            .messages_by_status(MessageStatus::Abandoned, 10)
            .await
            .expect("abandoned")
            .is_empty()
    );

    // An SMS has no subject and no HTML; both survive the round trip as they are.
    let sms = NewMessage {
        channel: Channel::Sms,
        recipient: "+41446681800".to_owned(),
        subject: String::new(),
        html: None,
        ..message("", t)
    };
    store
        .enqueue_messages(std::slice::from_ref(&sms))
        .await
        .expect("sms");
    assert_eq!(
        store
            .message(sms.id)
            .await
            .expect("sms")
            .expect("exists")
            .message,
        sms
    );
}

/// Once a message is sent or abandoned nobody needs its body, and the body is what carries
/// the code or link: it goes, the metadata stays. A retry still needs it.
async fn outbox_finished_rows_keep_no_body(store: DynStore) {
    let t = now();
    let sent = message("a@x.org", t);
    let dropped = message("b@x.org", t);
    let expired = message("c@x.org", t);
    let retried = message("d@x.org", t);
    store
        .enqueue_messages(&[
            sent.clone(),
            dropped.clone(),
            expired.clone(),
            retried.clone(),
        ])
        .await
        .expect("enqueue");
    let t1 = t + Duration::seconds(1);
    store.mark_message_sent(sent.id, t1).await.expect("sent");
    store
        .mark_message_failed(dropped.id, 1, None, "550 no such user", t1)
        .await
        .expect("abandoned");
    store
        .abandon_message(
            expired.id,
            9,
            "421 try later",
            "expired after 9 attempts: 421",
            t1,
        )
        .await
        .expect("abandoned");
    store
        .mark_message_failed(retried.id, 1, Some(t + Duration::seconds(10)), "421", t1)
        .await
        .expect("retry");
    for m in [&sent, &dropped, &expired] {
        let got = store.message(m.id).await.expect("message").expect("exists");
        assert!(!got.message.text.contains("123456"), "{:?}", got.status);
        assert_eq!(got.message.text, "");
        assert_eq!(got.message.html, None);
        assert_eq!(got.message.subject, m.subject, "the subject stays");
        assert_eq!(got.message.recipient, m.recipient);
        assert_eq!(got.message.useful_until, m.useful_until);
    }
    let got = store
        .message(expired.id)
        .await
        .expect("message")
        .expect("exists");
    assert_eq!(got.status, MessageStatus::Abandoned);
    assert_eq!(got.attempts, 9);
    assert_eq!(got.last_error.as_deref(), Some("421 try later"));
    assert_eq!(
        got.abandon_reason.as_deref(),
        Some("expired after 9 attempts: 421")
    );
    assert_eq!(got.last_attempt_at, Some(t1));
    let got = store
        .message(retried.id)
        .await
        .expect("message")
        .expect("exists");
    assert_eq!(
        got.message, retried,
        "a message still to be sent keeps its body"
    );
    assert_eq!(got.abandon_reason, None);
}

async fn outbox_purge_removes_finished_rows_before_the_cutoff(store: DynStore) {
    let t = now();
    let old_sent = message("a@x.org", t - Duration::days(31));
    let old_dropped = message("b@x.org", t - Duration::days(31));
    let old_pending = message("c@x.org", t - Duration::days(31));
    let new_sent = message("d@x.org", t - Duration::days(29));
    store
        .enqueue_messages(&[
            old_sent.clone(),
            old_dropped.clone(),
            old_pending.clone(),
            new_sent.clone(),
        ])
        .await
        .expect("enqueue");
    store.mark_message_sent(old_sent.id, t).await.expect("sent");
    store.mark_message_sent(new_sent.id, t).await.expect("sent");
    store
        .mark_message_failed(old_dropped.id, 1, None, "550", t)
        .await
        .expect("abandoned");
    let purged = store
        .purge_messages(t - Duration::days(30))
        .await
        .expect("purge");
    assert_eq!(purged, 2);
    assert!(store.message(old_sent.id).await.expect("message").is_none());
    assert!(
        store
            .message(old_dropped.id)
            .await
            .expect("message")
            .is_none()
    );
    assert!(
        store
            .message(old_pending.id)
            .await
            .expect("message")
            .is_some()
    );
    assert!(store.message(new_sent.id).await.expect("message").is_some());
    assert_eq!(
        store
            .purge_messages(t - Duration::days(30))
            .await
            .expect("purge"),
        0
    );
}
