//! Conformance of [`latchkey_store::Lockouts`].

#![allow(clippy::unwrap_used)]

use crate::common::*;

conformance!(
    lockout_counts_forgets_and_clears,
    fifty_concurrent_failures_are_all_counted,
    a_refund_gives_one_failure_back_and_its_stamp,
    device_epochs_start_at_zero_and_only_go_up,
);

async fn a_refund_gives_one_failure_back_and_its_stamp(store: DynStore) {
    let t = now();
    let day = Duration::hours(24);
    let first = store
        .record_lockout_failure("identity:r", t, t - day)
        .await
        .unwrap();
    let later = t + Duration::minutes(5);
    store
        .record_lockout_failure("identity:r", later, later - day)
        .await
        .unwrap();
    store
        .refund_lockout_failure("identity:r", Some(first.last_failure_at))
        .await
        .unwrap();
    let got = store.lockout("identity:r").await.unwrap().unwrap();
    assert_eq!(got.failures, 1);
    assert_eq!(
        got.last_failure_at, first.last_failure_at,
        "the stamp put back"
    );
    store
        .refund_lockout_failure("identity:r", None)
        .await
        .unwrap();
    store
        .refund_lockout_failure("identity:r", None)
        .await
        .unwrap();
    let got = store.lockout("identity:r").await.unwrap().unwrap();
    assert_eq!(got.failures, 0, "never below zero");
    store.refund_lockout_failure("nothing", None).await.unwrap();
    assert_eq!(store.lockout("nothing").await.unwrap(), None);
}

async fn device_epochs_start_at_zero_and_only_go_up(store: DynStore) {
    let t = now();
    let new = new_identity("epoch@x.org", t);
    let id = new.identity.id;
    store.create_identity(&new, &[]).await.unwrap();
    assert_eq!(store.device_epoch(id).await.unwrap(), 0);
    assert_eq!(store.bump_device_epoch(id).await.unwrap(), 1);
    assert_eq!(store.bump_device_epoch(id).await.unwrap(), 2);
    assert_eq!(store.device_epoch(id).await.unwrap(), 2);
    assert_eq!(store.device_epoch(IdentityId::new()).await.unwrap(), 0);
}

async fn lockout_counts_forgets_and_clears(store: DynStore) {
    let t = now();
    let day = Duration::hours(24);
    assert_eq!(store.lockout("identity:x").await.unwrap(), None);
    for n in 1..=3 {
        let r = store
            .record_lockout_failure("identity:x", t, t - day)
            .await
            .unwrap();
        assert_eq!(r.failures, n);
        assert_eq!(r.last_failure_at, t);
    }
    let later = t + Duration::minutes(5);
    let r = store
        .record_lockout_failure("identity:x", later, later - day)
        .await
        .unwrap();
    assert_eq!((r.failures, r.last_failure_at), (4, later));
    // A day of quiet: the count starts again.
    let next_day = later + Duration::hours(25);
    let r = store
        .record_lockout_failure("identity:x", next_day, next_day - day)
        .await
        .unwrap();
    assert_eq!(r.failures, 1);
    store
        .record_lockout_failure("device:y", t, t - day)
        .await
        .unwrap();
    store
        .clear_lockouts(&["identity:x".to_owned(), "nothing".to_owned()])
        .await
        .unwrap();
    assert_eq!(store.lockout("identity:x").await.unwrap(), None);
    assert_eq!(
        store.lockout("device:y").await.unwrap().unwrap().failures,
        1
    );
}

async fn fifty_concurrent_failures_are_all_counted(store: DynStore) {
    let t = now();
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .record_lockout_failure("identity:busy", t, t - Duration::hours(24))
                    .await
                    .unwrap()
                    .failures
            })
        })
        .collect();
    let mut seen = Vec::new();
    for task in tasks {
        seen.push(task.await.unwrap());
    }
    seen.sort_unstable();
    assert_eq!(seen, (1..=50).collect::<Vec<_>>());
    assert_eq!(
        store
            .lockout("identity:busy")
            .await
            .unwrap()
            .unwrap()
            .failures,
        50
    );
}
