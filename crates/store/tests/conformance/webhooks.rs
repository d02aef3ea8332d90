//! Conformance of [`latchkey_store::Webhooks`]: the events table as the webhooks' outbox,
//! and the deliveries' lease and outcomes.

use crate::common::*;
use latchkey_domain::EventType;
use latchkey_store::{DeliveryStatus, Event, NewDelivery};

conformance!(
    dispatch_takes_the_oldest_events_once_with_one_delivery_per_endpoint,
    dispatch_without_endpoints_only_marks_events_dispatched,
    concurrent_dispatchers_never_deliver_an_event_twice_to_an_endpoint,
    deliveries_are_leased_retried_and_finished,
    concurrent_claims_lease_each_delivery_once,
    purge_keeps_pending_deliveries,
);

fn event(kind: EventType, at: OffsetDateTime) -> Event {
    Event {
        id: Uuid::now_v7(),
        identity_id: IdentityId(Uuid::now_v7()),
        kind,
        at,
        ip: None,
        user_agent: None,
        data: json!({"method": "password"}),
        actor: None,
        outcome: kind.default_outcome(),
    }
}

/// "all" gets every event, "sessions" only `session.created`.
fn route(e: &Event) -> Vec<NewDelivery> {
    let mut endpoints = vec!["https://all.example/hook"];
    if e.kind == EventType::SessionCreated {
        endpoints.push("https://sessions.example/hook");
    }
    endpoints
        .into_iter()
        .map(|endpoint| delivery_to(endpoint, e.id, e.kind.as_str(), e.at))
        .collect()
}

fn delivery_to(endpoint: &str, event_id: Uuid, kind: &str, at: OffsetDateTime) -> NewDelivery {
    NewDelivery {
        id: Uuid::now_v7(),
        event_id,
        event_type: kind.to_owned(),
        endpoint: endpoint.to_owned(),
        body: json!({"id": event_id, "type": kind}).to_string(),
        created_at: at,
    }
}

/// (event id, endpoint) of every delivery.
async fn deliveries(store: &DynStore) -> Vec<(Uuid, String)> {
    let mut all: Vec<_> = store
        .recent_deliveries(10_000)
        .await
        .expect("deliveries")
        .into_iter()
        .map(|d| (d.delivery.event_id, d.delivery.endpoint))
        .collect();
    all.sort();
    all
}

async fn dispatch_takes_the_oldest_events_once_with_one_delivery_per_endpoint(store: DynStore) {
    let t = now();
    let created = event(EventType::IdentityCreated, t);
    let session = event(EventType::SessionCreated, t + Duration::seconds(1));
    let failed = event(EventType::SigninFailed, t + Duration::seconds(2));
    // Recorded out of order: dispatch goes by `at`, not by insertion.
    for e in [&failed, &created, &session] {
        store.record_event(e).await.expect("record");
    }
    assert_eq!(store.dispatch_events(2, &route).await.expect("dispatch"), 2);
    let mut want = vec![
        (created.id, "https://all.example/hook".to_owned()),
        (session.id, "https://all.example/hook".to_owned()),
        (session.id, "https://sessions.example/hook".to_owned()),
    ];
    want.sort();
    assert_eq!(deliveries(&store).await, want, "the two oldest events");
    assert_eq!(store.dispatch_events(2, &route).await.expect("dispatch"), 1);
    assert_eq!(store.dispatch_events(2, &route).await.expect("dispatch"), 0);
    assert_eq!(
        deliveries(&store).await.len(),
        4,
        "each event dispatched once"
    );

    let log = store.recent_deliveries(10).await.expect("log");
    let d = log
        .iter()
        .find(|d| d.delivery.event_id == failed.id)
        .expect("the failed sign-in's delivery");
    assert_eq!(d.status, DeliveryStatus::Pending);
    assert_eq!(d.attempts, 0);
    assert_eq!(d.next_attempt_at, failed.at, "due at once");
    assert_eq!(d.delivery.event_type, "signin.failed");
    assert_eq!(
        d.delivery.body,
        json!({"id": failed.id, "type": "signin.failed"}).to_string(),
        "the body is kept byte for byte"
    );
    // Still an event as before: the activity list reads it unchanged.
    assert_eq!(
        store.events(failed.identity_id, 10).await.expect("events"),
        vec![failed]
    );
}

async fn dispatch_without_endpoints_only_marks_events_dispatched(store: DynStore) {
    let t = now();
    for i in 0..5 {
        store
            .record_event(&event(EventType::SessionCreated, t + Duration::seconds(i)))
            .await
            .expect("record");
    }
    let none = |_: &Event| Vec::new();
    assert_eq!(
        store.dispatch_events(100, &none).await.expect("dispatch"),
        5
    );
    // An endpoint configured afterwards gets no backlog.
    assert_eq!(
        store.dispatch_events(100, &route).await.expect("dispatch"),
        0
    );
    assert!(deliveries(&store).await.is_empty());
}

async fn concurrent_dispatchers_never_deliver_an_event_twice_to_an_endpoint(store: DynStore) {
    let t = now();
    let mut ids = Vec::new();
    for i in 0..60 {
        let e = event(EventType::SessionCreated, t + Duration::milliseconds(i));
        store.record_event(&e).await.expect("record");
        ids.push(e.id);
    }
    let tasks: Vec<_> = (0..6)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                let mut taken = 0;
                loop {
                    let n = store.dispatch_events(7, &route).await.expect("dispatch");
                    if n == 0 {
                        return taken;
                    }
                    taken += n;
                }
            })
        })
        .collect();
    let mut taken = 0;
    for task in tasks {
        taken += task.await.expect("task");
    }
    assert_eq!(taken, 60, "every event taken by exactly one dispatcher");
    let all = deliveries(&store).await;
    assert_eq!(all.len(), 120, "two endpoints per event");
    let unique: HashSet<_> = all.iter().cloned().collect();
    assert_eq!(unique.len(), all.len(), "no event twice to one endpoint");
    for id in ids {
        assert_eq!(all.iter().filter(|(e, _)| *e == id).count(), 2);
    }
}

async fn deliveries_are_leased_retried_and_finished(store: DynStore) {
    let t = now();
    let d = delivery_to(
        "https://all.example/hook",
        Uuid::now_v7(),
        "webhook.test",
        t,
    );
    store.enqueue_delivery(&d).await.expect("enqueue");
    let lease = t + Duration::seconds(60);

    let claimed = store
        .claim_due_deliveries(t, lease, 10)
        .await
        .expect("claim");
    assert_eq!(claimed.len(), 1);
    assert_eq!(claimed[0].delivery, d);
    assert!(
        store
            .claim_due_deliveries(t, lease, 10)
            .await
            .expect("claim")
            .is_empty(),
        "leased"
    );
    // A worker that died mid-POST: the lease runs out and the delivery comes back.
    let again = store
        .claim_due_deliveries(lease, lease + Duration::seconds(60), 10)
        .await
        .expect("claim");
    assert_eq!(again.len(), 1, "claimed again once the lease ran out");

    let retry_at = lease + Duration::seconds(30);
    store
        .mark_delivery_failed(d.id, 1, Some(retry_at), Some(500), "answered 500", lease)
        .await
        .expect("failed");
    let got = store.delivery(d.id).await.expect("read").expect("there");
    assert_eq!(got.status, DeliveryStatus::Pending);
    assert_eq!((got.attempts, got.last_status), (1, Some(500)));
    assert_eq!(got.last_error.as_deref(), Some("answered 500"));
    assert_eq!(got.next_attempt_at, retry_at);
    assert_eq!(got.last_attempt_at, Some(lease));
    let before = retry_at - Duration::seconds(1);
    assert!(
        store
            .claim_due_deliveries(before, retry_at, 10)
            .await
            .expect("claim")
            .is_empty(),
        "not due before its retry time"
    );
    assert_eq!(
        store
            .claim_due_deliveries(retry_at, retry_at + Duration::seconds(60), 10)
            .await
            .expect("claim")
            .len(),
        1
    );
    store
        .mark_delivery_ok(d.id, 2, 204, retry_at)
        .await
        .expect("ok");
    let got = store.delivery(d.id).await.expect("read").expect("there");
    assert_eq!(got.status, DeliveryStatus::Delivered);
    assert_eq!((got.attempts, got.last_status), (2, Some(204)));
    assert_eq!((got.delivered_at, got.last_error), (Some(retry_at), None));
    let later = retry_at + Duration::days(1);
    assert!(
        store
            .claim_due_deliveries(later, later, 10)
            .await
            .expect("claim")
            .is_empty(),
        "a delivered one is done"
    );

    let other = delivery_to(
        "https://all.example/hook",
        Uuid::now_v7(),
        "webhook.test",
        t,
    );
    store.enqueue_delivery(&other).await.expect("enqueue");
    store
        .mark_delivery_failed(other.id, 1, None, None, "refused: private address", t)
        .await
        .expect("abandon");
    let got = store
        .delivery(other.id)
        .await
        .expect("read")
        .expect("there");
    assert_eq!(got.status, DeliveryStatus::Abandoned);
    assert_eq!(got.last_error.as_deref(), Some("refused: private address"));
    assert!(
        store
            .claim_due_deliveries(later, later, 10)
            .await
            .expect("claim")
            .is_empty(),
        "an abandoned one is done"
    );
    assert!(matches!(
        store.mark_delivery_ok(Uuid::now_v7(), 1, 200, t).await,
        Err(StoreError::NotFound)
    ));
}

async fn concurrent_claims_lease_each_delivery_once(store: DynStore) {
    let t = now();
    for _ in 0..40 {
        let d = delivery_to(
            "https://all.example/hook",
            Uuid::now_v7(),
            "webhook.test",
            t,
        );
        store.enqueue_delivery(&d).await.expect("enqueue");
    }
    let tasks: Vec<_> = (0..5)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                let mut mine = Vec::new();
                loop {
                    let batch = store
                        .claim_due_deliveries(t, t + Duration::seconds(60), 3)
                        .await
                        .expect("claim");
                    if batch.is_empty() {
                        return mine;
                    }
                    mine.extend(batch.into_iter().map(|d| d.delivery.id));
                }
            })
        })
        .collect();
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.expect("task"));
    }
    let unique: HashSet<_> = all.iter().collect();
    assert_eq!(
        (all.len(), unique.len()),
        (40, 40),
        "each leased exactly once"
    );
}

async fn purge_keeps_pending_deliveries(store: DynStore) {
    let t = now();
    let old = t - Duration::days(40);
    let delivered = delivery_to("https://a.example/", Uuid::now_v7(), "webhook.test", old);
    let abandoned = delivery_to("https://a.example/", Uuid::now_v7(), "webhook.test", old);
    let pending = delivery_to("https://a.example/", Uuid::now_v7(), "webhook.test", old);
    let recent = delivery_to("https://a.example/", Uuid::now_v7(), "webhook.test", t);
    for d in [&delivered, &abandoned, &pending, &recent] {
        store.enqueue_delivery(d).await.expect("enqueue");
    }
    store
        .mark_delivery_ok(delivered.id, 1, 200, old)
        .await
        .expect("ok");
    store
        .mark_delivery_failed(abandoned.id, 1, None, Some(500), "gave up", old)
        .await
        .expect("abandon");
    store
        .mark_delivery_ok(recent.id, 1, 200, t)
        .await
        .expect("ok");
    let purged = store
        .purge_deliveries(t - Duration::days(30))
        .await
        .expect("purge");
    assert_eq!(purged, 2);
    let left: HashSet<Uuid> = store
        .recent_deliveries(10)
        .await
        .expect("log")
        .into_iter()
        .map(|d| d.delivery.id)
        .collect();
    assert_eq!(left, HashSet::from([pending.id, recent.id]));
    // Newest first.
    let log = store.recent_deliveries(10).await.expect("log");
    assert_eq!(log[0].delivery.id, recent.id);
}
