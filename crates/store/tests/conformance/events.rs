//! Conformance of [`latchkey_store::Events`].

use crate::common::*;
use latchkey_domain::EventType;
use latchkey_store::Event;

conformance!(events_are_listed_per_identity_newest_first,);

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
