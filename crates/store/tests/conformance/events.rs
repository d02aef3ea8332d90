//! Conformance of [`latchkey_store::Events`].

use crate::common::*;
use latchkey_domain::{EventType, Outcome};
use latchkey_store::{Actor, Event, EventCount, EventQuery};

conformance!(
    events_are_listed_per_identity_newest_first,
    events_are_queried_by_identity_type_and_time,
    old_events_are_purged_and_counted_per_bucket,
);

fn event_at(identity: IdentityId, kind: EventType, at: OffsetDateTime) -> Event {
    Event {
        id: Uuid::now_v7(),
        identity_id: identity,
        kind,
        at,
        ip: None,
        user_agent: None,
        data: serde_json::json!({}),
        actor: None,
        outcome: kind.default_outcome(),
    }
}

async fn events_are_queried_by_identity_type_and_time(store: DynStore) {
    let t = now();
    let ann = identity_in(&store, "ann@shop.com", t).await;
    let bob = identity_in(&store, "bob@shop.com", t).await;
    let mut audited = event_at(ann, EventType::AdminUnlocked, t + Duration::seconds(3));
    audited.actor = Some(Actor {
        key_id: Uuid::now_v7(),
        key_name: "support desk".into(),
    });
    let denied = Event {
        outcome: Outcome::Denied,
        ..event_at(bob, EventType::AdminBlocked, t + Duration::seconds(4))
    };
    let events = [
        event_at(ann, EventType::SessionCreated, t + Duration::seconds(1)),
        event_at(ann, EventType::SigninFailed, t + Duration::seconds(2)),
        audited.clone(),
        denied.clone(),
    ];
    for e in &events {
        store.record_event(e).await.expect("record");
    }
    let all = store
        .query_events(&EventQuery {
            limit: 10,
            ..Default::default()
        })
        .await
        .expect("query");
    assert_eq!(all.len(), 4);
    assert_eq!(all[0], denied, "newest first, outcome kept");
    assert_eq!(all[1], audited, "the actor comes back");
    assert_eq!(all[3].outcome, Outcome::Success);
    assert_eq!(all[2].outcome, Outcome::Failure);
    let anns = store
        .query_events(&EventQuery {
            identity: Some(ann),
            limit: 10,
            ..Default::default()
        })
        .await
        .expect("query");
    assert_eq!(anns.len(), 3);
    let failed = store
        .query_events(&EventQuery {
            kind: Some(EventType::SigninFailed),
            limit: 10,
            ..Default::default()
        })
        .await
        .expect("query");
    assert_eq!(failed, vec![events[1].clone()]);
    let window = store
        .query_events(&EventQuery {
            since: Some(t + Duration::seconds(2)),
            before: Some(t + Duration::seconds(4)),
            limit: 10,
            ..Default::default()
        })
        .await
        .expect("query");
    assert_eq!(window, vec![audited, events[1].clone()]);
    let page = store
        .query_events(&EventQuery {
            limit: 1,
            ..Default::default()
        })
        .await
        .expect("query");
    assert_eq!(page, vec![denied]);
}

async fn old_events_are_purged_and_counted_per_bucket(store: DynStore) {
    let t = latchkey_domain::clock::from_millis(1_800_000_000_000);
    let ann = identity_in(&store, "ann@shop.com", t).await;
    for (kind, secs) in [
        (EventType::SessionCreated, 0),
        (EventType::SessionCreated, 10),
        (EventType::SessionCreated, 70),
        (EventType::SigninFailed, 65),
        (EventType::SessionCreated, -3600),
    ] {
        store
            .record_event(&event_at(ann, kind, t + Duration::seconds(secs)))
            .await
            .expect("record");
    }
    let counts = store
        .event_counts(
            &[EventType::SessionCreated, EventType::SigninFailed],
            t,
            Duration::minutes(1),
        )
        .await
        .expect("counts");
    assert_eq!(
        counts,
        vec![
            EventCount {
                kind: EventType::SessionCreated,
                bucket_start: t,
                count: 2
            },
            EventCount {
                kind: EventType::SessionCreated,
                bucket_start: t + Duration::minutes(1),
                count: 1
            },
            EventCount {
                kind: EventType::SigninFailed,
                bucket_start: t + Duration::minutes(1),
                count: 1
            },
        ]
    );
    assert_eq!(store.purge_events(t).await.expect("purge"), 1);
    assert_eq!(store.events(ann, 10).await.expect("list").len(), 4);
}

async fn events_are_listed_per_identity_newest_first(store: DynStore) {
    let t = now();
    let ann = identity_in(&store, "ann@shop.com", t).await;
    let bob = identity_in(&store, "bob@shop.com", t).await;
    let event = |identity: IdentityId, kind: EventType, secs: i64| Event {
        id: Uuid::now_v7(),
        identity_id: identity,
        kind,
        at: t + Duration::seconds(secs),
        ip: Some("203.0.113.7".into()),
        user_agent: Some("Firefox".into()),
        data: serde_json::json!({"method": "password"}),
        actor: None,
        outcome: kind.default_outcome(),
    };
    let first = event(ann, EventType::SessionCreated, 1);
    let failed = event(ann, EventType::SigninFailed, 2);
    let mut changed = event(ann, EventType::PasswordChanged, 3);
    changed.ip = None;
    changed.user_agent = None;
    let other = event(bob, EventType::SessionCreated, 4);
    for e in [&first, &failed, &changed, &other] {
        store.record_event(e).await.expect("record");
    }
    assert_eq!(
        store.events(ann, 10).await.expect("list"),
        vec![changed.clone(), failed.clone(), first.clone()]
    );
    assert_eq!(
        store.events(ann, 2).await.expect("list"),
        vec![changed, failed]
    );
    assert_eq!(store.events(bob, 10).await.expect("list"), vec![other]);
}
