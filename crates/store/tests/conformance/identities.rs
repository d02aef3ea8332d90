//! Conformance of [`latchkey_store::Identities`].

use crate::common::*;

conformance!(
    identity_round_trip,
    identity_conflict_rolls_back,
    identity_locale,
    identity_name,
    deletion_is_requested_cancelled_and_erased,
);

async fn identity_round_trip(store: DynStore) {
    let t = now();
    let mut new = new_identity("Ann@Shop.com", t);
    let id = new.identity.id;
    let mut phone = contact(id, ContactKind::Phone, "+41446681800", t);
    phone.verified = true;
    new.contacts.push(phone);
    new.credentials[0].data = json!({"imported_from": "bcrypt", "n": [1, 2]});
    new.credentials[0].name = Some("Main".to_owned());
    new.credentials[0].lookup = Some("pw-1".to_owned());
    new.credentials[0].counter = 42;
    new.credentials[0].last_used_at = Some(t - Duration::days(1));
    let msg = message("Ann@Shop.com", t);
    store
        .create_identity(&new, std::slice::from_ref(&msg))
        .await
        .expect("create");

    assert_eq!(
        store.identity(id).await.expect("identity"),
        Some(new.identity.clone())
    );
    assert_eq!(store.identity(IdentityId::new()).await.expect("none"), None);

    let mut contacts = store.contacts(id).await.expect("contacts");
    contacts.sort_by_key(|c| c.id);
    let mut expected = new.contacts.clone();
    expected.sort_by_key(|c| c.id);
    assert_eq!(contacts, expected);

    assert_eq!(
        store.credentials(id).await.expect("credentials"),
        new.credentials
    );

    let out = store
        .message(msg.id)
        .await
        .expect("message")
        .expect("in outbox");
    assert_eq!(out.message, msg);
    assert_eq!(out.status, MessageStatus::Pending);
    assert_eq!(out.attempts, 0);
    assert_eq!(out.next_attempt_at, msg.created_at);
    assert_eq!(out.last_error, None);
    assert_eq!(out.sent_at, None);
}

async fn identity_conflict_rolls_back(store: DynStore) {
    let t = now();
    let mut first = new_identity("ann@shop.com", t);
    first.contacts[0].verified = true;
    store
        .create_identity(&first, &[message("ann@shop.com", t)])
        .await
        .expect("first");

    // Same address in another case: the key is the same, so it is taken once verified.
    let mut second = new_identity("ANN@shop.com", t);
    second.contacts[0].verified = true;
    let err = store
        .create_identity(&second, &[message("ANN@shop.com", t)])
        .await
        .expect_err("address taken");
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");

    assert_eq!(
        store.identity(second.identity.id).await.expect("lookup"),
        None
    );
    assert!(
        store
            .contacts(second.identity.id)
            .await
            .expect("contacts")
            .is_empty()
    );
    assert!(
        store
            .credentials(second.identity.id)
            .await
            .expect("creds")
            .is_empty()
    );
    assert_eq!(
        pending(&store).await.len(),
        1,
        "no outbox row for the refused identity"
    );
}

async fn identity_locale(store: DynStore) {
    let t = now();
    let id = identity_in(&store, "ann@shop.com", t).await;
    store
        .set_identity_locale(id, "zh-CN")
        .await
        .expect("set locale");
    let got = store.identity(id).await.expect("identity").expect("exists");
    assert_eq!(got.locale.as_deref(), Some("zh-CN"));
    let err = store
        .set_identity_locale(IdentityId::new(), "de")
        .await
        .expect_err("unknown identity");
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}

async fn identity_name(store: DynStore) {
    let t = now();
    let id = identity_in(&store, "ann@shop.com", t).await;
    store.set_identity_name(id, Some("Ann")).await.expect("set");
    let got = store.identity(id).await.expect("identity").expect("exists");
    assert_eq!(got.name.as_deref(), Some("Ann"));
    store.set_identity_name(id, None).await.expect("clear");
    let got = store.identity(id).await.expect("identity").expect("exists");
    assert_eq!(got.name, None);
    let err = store
        .set_identity_name(IdentityId::new(), Some("x"))
        .await
        .expect_err("unknown identity");
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}

async fn deletion_is_requested_cancelled_and_erased(store: DynStore) {
    let t = now();
    let id = identity_in(&store, "ann@shop.com", t).await;
    let other = identity_in(&store, "bob@shop.com", t).await;
    let s = session(id, t, Duration::hours(1));
    store.create_session(&s, &[]).await.expect("session");
    let kept = session(other, t, Duration::hours(1));
    store.create_session(&kept, &[]).await.expect("session");
    let before = pending(&store).await.len();

    let erase_at = t + Duration::days(14);
    let msg = message("ann@shop.com", t);
    store
        .request_deletion(id, t, erase_at, std::slice::from_ref(&msg))
        .await
        .expect("request");
    assert_eq!(
        store.pending_deletion(id).await.expect("read"),
        Some(erase_at)
    );
    assert_eq!(
        pending(&store).await.len(),
        before + 1,
        "the notice is written"
    );
    assert!(
        store.sessions(id, t).await.expect("sessions").is_empty(),
        "sessions end"
    );
    assert_eq!(store.sessions(other, t).await.expect("sessions").len(), 1);
    let err = store
        .request_deletion(IdentityId::new(), t, erase_at, &[])
        .await
        .expect_err("unknown identity");
    assert!(matches!(err, StoreError::NotFound), "{err:?}");

    // Not due yet: nothing listed, nothing erased.
    assert!(store.due_deletions(t, 10).await.expect("due").is_empty());
    assert!(!store.erase_identity(id, t).await.expect("erase"));

    // Cancelled: never erased, even when it would have been due.
    assert!(store.cancel_deletion(id).await.expect("cancel"));
    assert!(!store.cancel_deletion(id).await.expect("cancel again"));
    assert_eq!(store.pending_deletion(id).await.expect("read"), None);
    let later = erase_at + Duration::minutes(1);
    assert!(
        store
            .due_deletions(later, 10)
            .await
            .expect("due")
            .is_empty()
    );
    assert!(!store.erase_identity(id, later).await.expect("erase"));

    // Requested again and due: erased with everything that hangs on it.
    store
        .request_deletion(id, t, erase_at, &[])
        .await
        .expect("request again");
    assert_eq!(store.due_deletions(later, 10).await.expect("due"), vec![id]);
    assert!(store.erase_identity(id, later).await.expect("erase"));
    assert_eq!(store.identity(id).await.expect("identity"), None);
    assert!(store.contacts(id).await.expect("contacts").is_empty());
    assert!(store.credentials(id).await.expect("credentials").is_empty());
    assert_eq!(store.pending_deletion(id).await.expect("read"), None);
    assert!(
        store
            .due_deletions(later, 10)
            .await
            .expect("due")
            .is_empty()
    );
    assert!(store.identity(other).await.expect("other").is_some());
}
