//! Conformance of [`latchkey_store::AdminRecords`].

use crate::common::*;

conformance!(
    admin_keys_are_found_by_digest_and_revoked_once,
    identities_are_searched_by_address_name_and_subject,
    a_block_ends_sessions_and_an_unblock_lifts_it,
    high_privilege_and_facts_are_kept,
);

fn key(name: &str, role: AdminRole, at: OffsetDateTime) -> AdminKey {
    AdminKey {
        id: Uuid::now_v7(),
        name: name.into(),
        role,
        created_at: at,
        last_used_at: None,
        revoked_at: None,
    }
}

async fn admin_keys_are_found_by_digest_and_revoked_once(store: DynStore) {
    let t = now();
    let desk = key("support desk", AdminRole::Agent, t);
    let ops = key("ops", AdminRole::Admin, t + Duration::seconds(1));
    store.create_admin_key(&desk, "d1").await.expect("create");
    store.create_admin_key(&ops, "d2").await.expect("create");
    assert!(matches!(
        store
            .create_admin_key(&key("dup", AdminRole::Agent, t), "d1")
            .await,
        Err(StoreError::Conflict(_))
    ));
    let used = store
        .use_admin_key("d1", t + Duration::minutes(1))
        .await
        .expect("use")
        .expect("found");
    assert_eq!(used.id, desk.id);
    assert_eq!(used.role, AdminRole::Agent);
    assert_eq!(used.last_used_at, Some(t + Duration::minutes(1)));
    assert!(store.use_admin_key("nope", t).await.expect("use").is_none());
    assert!(store.revoke_admin_key(desk.id, t).await.expect("revoke"));
    assert!(!store.revoke_admin_key(desk.id, t).await.expect("revoke"));
    let listed = store.admin_keys().await.expect("list");
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].name, "support desk");
    assert_eq!(listed[0].revoked_at, Some(t));
    assert!(
        store
            .use_admin_key("d1", t)
            .await
            .expect("use")
            .expect("still listed")
            .revoked_at
            .is_some()
    );
}

async fn identities_are_searched_by_address_name_and_subject(store: DynStore) {
    let t = now();
    let ann = identity_in(&store, "Ann.Smith@Shop.com", t).await;
    let bob = identity_in(&store, "bob@shop.com", t + Duration::seconds(1)).await;
    store
        .set_identity_name(bob, Some("Bob 100% Real"))
        .await
        .expect("name");
    assert_eq!(
        store
            .search_identities("ann.smith@", 10)
            .await
            .expect("search"),
        vec![ann]
    );
    assert_eq!(
        store
            .search_identities("shop.com", 10)
            .await
            .expect("search"),
        Vec::<IdentityId>::new(),
        "an address matches from its start"
    );
    assert_eq!(
        store
            .search_identities("100% real", 10)
            .await
            .expect("search"),
        vec![bob]
    );
    assert_eq!(
        store.search_identities("0%", 10).await.expect("search"),
        vec![bob],
        "% is literal"
    );
    assert!(
        store
            .search_identities("b_b", 10)
            .await
            .expect("search")
            .is_empty(),
        "_ is literal"
    );
    assert_eq!(
        store.search_identities("", 1).await.expect("search").len(),
        1,
        "the limit holds"
    );
}

async fn a_block_ends_sessions_and_an_unblock_lifts_it(store: DynStore) {
    let t = now();
    let ann = identity_in(&store, "ann@shop.com", t).await;
    store
        .create_session(&session(ann, t, Duration::hours(1)), &[])
        .await
        .expect("session");
    assert_eq!(store.sessions(ann, t).await.expect("sessions").len(), 1);
    assert!(store.block_identity(ann, "fraud", t).await.expect("block"));
    let identity = store.identity(ann).await.expect("read").expect("there");
    assert_eq!(identity.state, IdentityState::Blocked);
    assert_eq!(
        store
            .identity_block_reason(ann)
            .await
            .expect("reason")
            .as_deref(),
        Some("fraud")
    );
    assert!(store.sessions(ann, t).await.expect("sessions").is_empty());
    assert!(store.block_identity(ann, "again", t).await.expect("block"));
    assert_eq!(
        store
            .identity_block_reason(ann)
            .await
            .expect("reason")
            .as_deref(),
        Some("again")
    );
    assert!(store.unblock_identity(ann, t).await.expect("unblock"));
    let identity = store.identity(ann).await.expect("read").expect("there");
    assert_eq!(identity.state, IdentityState::Active);
    assert_eq!(
        store.identity_block_reason(ann).await.expect("reason"),
        None
    );
    assert!(
        !store
            .block_identity(IdentityId::new(), "x", t)
            .await
            .expect("unknown")
    );
}

async fn high_privilege_and_facts_are_kept(store: DynStore) {
    let t = now();
    let ann = identity_in(&store, "ann@shop.com", t).await;
    assert!(!store.is_high_privilege(ann).await.expect("read"));
    assert!(store.set_high_privilege(ann, true).await.expect("mark"));
    assert!(store.is_high_privilege(ann).await.expect("read"));
    assert!(
        !store
            .set_high_privilege(IdentityId::new(), true)
            .await
            .expect("unknown")
    );
    let facts = IdentityFacts {
        id: Uuid::now_v7(),
        identity_id: ann,
        facts: json!({"orders": [{"number": "A-1"}], "addresses": []}),
        recorded_by: "support desk".into(),
        created_at: t,
    };
    store.record_identity_facts(&facts).await.expect("record");
    assert_eq!(store.identity_facts(ann).await.expect("read"), vec![facts]);
}
