//! Conformance of [`latchkey_store::FlowStates`].

use crate::common::*;

conformance!(
    pending_changes_on_an_address_are_voided_once,
    flow_lifecycle,
    flow_codes_newest_first,
    flow_failures_count_atomically,
    complete_flow_race_has_one_winner,
    unknown_flow,
    recovery_flow_with_link_and_channel_switch,
);

async fn flow_lifecycle(store: DynStore) {
    let t = now();
    let id = identity_in(&store, "ann@shop.com", t).await;
    let f = Flow {
        kind: FlowKind::Recovery,
        ..flow(Some(id), t)
    };
    let c = code(f.id, "hash-1", t);
    let msg = message("ann@shop.com", t);
    store
        .create_flow(&f, Some(&c), std::slice::from_ref(&msg))
        .await
        .expect("create flow");
    assert_eq!(store.flow(f.id).await.expect("flow"), Some(f.clone()));
    assert_eq!(
        store.flow_codes(f.id).await.expect("codes"),
        vec![c.clone()]
    );
    assert!(store.message(msg.id).await.expect("message").is_some());

    // A resend moves last_sent_at to the new code's time and writes its message.
    let resend = t + Duration::seconds(61);
    let c2 = code(f.id, "hash-2", resend);
    let msg2 = message("ann@shop.com", resend);
    store
        .add_flow_code(f.id, &c2, std::slice::from_ref(&msg2))
        .await
        .expect("add code");
    let got = store.flow(f.id).await.expect("flow").expect("exists");
    assert_eq!(got.last_sent_at, resend);
    assert!(store.message(msg2.id).await.expect("message").is_some());

    let tried = |n: Option<Flow>| n.map(|f| f.failures);
    assert_eq!(
        tried(store.reserve_flow_try(f.id, 5, resend).await.expect("try")),
        Some(1)
    );
    assert_eq!(
        tried(store.reserve_flow_try(f.id, 5, resend).await.expect("try")),
        Some(2)
    );
    assert_eq!(
        tried(store.reserve_flow_try(f.id, 5, resend).await.expect("try")),
        Some(3),
        "the try of the right code, given back when the flow completes"
    );

    let done = resend + Duration::seconds(5);
    assert!(store.complete_flow(f.id, 5, done).await.expect("complete"));
    assert!(
        !store
            .complete_flow(f.id, 5, done)
            .await
            .expect("complete twice")
    );
    assert_eq!(
        store.reserve_flow_try(f.id, 5, done).await.expect("try"),
        None,
        "a completed flow has no tries"
    );
    let got = store.flow(f.id).await.expect("flow").expect("exists");
    assert_eq!(got.state, FlowState::Completed);
    assert_eq!(got.completed_at, Some(done));
    assert_eq!(got.failures, 2);
    assert_eq!(got.payload, f.payload);

    // A flow with no identity and no code (registration before any send).
    let anon = flow(None, t);
    store
        .create_flow(&anon, None, &[])
        .await
        .expect("anonymous flow");
    assert_eq!(store.flow(anon.id).await.expect("flow"), Some(anon.clone()));
    assert!(store.flow_codes(anon.id).await.expect("codes").is_empty());
}

async fn flow_codes_newest_first(store: DynStore) {
    let t = now();
    let f = flow(None, t);
    let first = code(f.id, "h1", t);
    store
        .create_flow(&f, Some(&first), &[])
        .await
        .expect("create");
    let second = code(f.id, "h2", t + Duration::seconds(60));
    let third = code(f.id, "h3", t + Duration::seconds(120));
    // Added out of order: the order comes from created_at, not insertion.
    store.add_flow_code(f.id, &third, &[]).await.expect("third");
    store
        .add_flow_code(f.id, &second, &[])
        .await
        .expect("second");
    let hashes: Vec<_> = store
        .flow_codes(f.id)
        .await
        .expect("codes")
        .into_iter()
        .map(|c| c.code_hash)
        .collect();
    assert_eq!(hashes, ["h3", "h2", "h1"]);
    // Another flow's codes stay apart.
    let other = flow(None, t);
    store
        .create_flow(&other, Some(&code(other.id, "x", t)), &[])
        .await
        .expect("other");
    assert_eq!(store.flow_codes(f.id).await.expect("codes").len(), 3);
}

async fn flow_failures_count_atomically(store: DynStore) {
    let t = now();
    let f = flow(None, t);
    store.create_flow(&f, None, &[]).await.expect("create");
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move { store.reserve_flow_try(f.id, 5, t).await })
        })
        .collect();
    let mut seen = Vec::new();
    for task in tasks {
        if let Some(got) = task.await.expect("join").expect("try") {
            seen.push(got.failures);
        }
    }
    seen.sort_unstable();
    assert_eq!(
        seen,
        (1..=5).collect::<Vec<u32>>(),
        "of 20 concurrent tries, 5 are reserved, each seeing its own count"
    );
    let got = store.flow(f.id).await.expect("flow").expect("exists");
    assert_eq!(got.failures, 5);
    assert!(
        !store.complete_flow(f.id, 4, t).await.expect("complete"),
        "a flow past its tries cannot complete"
    );
    let late = flow(None, t);
    store.create_flow(&late, None, &[]).await.expect("create");
    assert_eq!(
        store
            .reserve_flow_try(late.id, 5, late.expires_at)
            .await
            .expect("try"),
        None,
        "an expired flow has no tries"
    );
}

async fn complete_flow_race_has_one_winner(store: DynStore) {
    let t = now();
    let f = flow(None, t);
    store.create_flow(&f, None, &[]).await.expect("create");
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move { store.complete_flow(f.id, 5, t).await })
        })
        .collect();
    let mut winners = 0;
    for task in tasks {
        if task.await.expect("join").expect("complete") {
            winners += 1;
        }
    }
    assert_eq!(winners, 1);
}

async fn unknown_flow(store: DynStore) {
    let t = now();
    let missing = FlowId::new();
    assert_eq!(store.flow(missing).await.expect("flow"), None);
    assert!(!store.complete_flow(missing, 5, t).await.expect("complete"));
    assert_eq!(
        store.reserve_flow_try(missing, 5, t).await.expect("try"),
        None
    );
    let msg = message("ann@shop.com", t);
    let err = store
        .add_flow_code(missing, &code(missing, "h", t), std::slice::from_ref(&msg))
        .await
        .expect_err("add code");
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    assert!(store.message(msg.id).await.expect("message").is_none());
}

async fn recovery_flow_with_link_and_channel_switch(store: DynStore) {
    let t = now();
    let id = identity_in(&store, "ann@shop.com", t).await;
    let f = Flow {
        kind: FlowKind::Recovery,
        ..flow(Some(id), t)
    };
    let c = code(f.id, "hash-1", t);
    let link = ResetToken {
        flow_id: Some(f.id),
        ..token(id, TokenPurpose::Reset, Some(t), t)
    };
    let msg = message("ann@shop.com", t);
    store
        .create_recovery_flow(&f, &c, Some(&link), std::slice::from_ref(&msg))
        .await
        .expect("create recovery flow");
    assert_eq!(store.flow(f.id).await.expect("flow"), Some(f.clone()));
    assert_eq!(
        store.reset_token(&link.token_hash).await.expect("token"),
        Some(link.clone())
    );
    assert!(store.message(msg.id).await.expect("message").is_some());
    assert_eq!(store.reset_token("nope").await.expect("token"), None);

    // A resend on another channel: the flow's channel and payload follow, the code and
    // message are added; no link this time (SMS).
    let later = t + Duration::seconds(61);
    let c2 = code(f.id, "hash-2", later);
    let sms = NewMessage {
        channel: Channel::Sms,
        recipient: "+447946001800".to_owned(),
        ..message("x", later)
    };
    let payload = json!({"delivery": {"recipient": "+447946001800"}});
    store
        .add_recovery_code(
            f.id,
            ContactKind::Phone,
            &payload,
            &c2,
            None,
            std::slice::from_ref(&sms),
        )
        .await
        .expect("add recovery code");
    let got = store.flow(f.id).await.expect("flow").expect("exists");
    assert_eq!(got.channel, ContactKind::Phone);
    assert_eq!(got.payload, payload);
    assert_eq!(got.last_sent_at, later);
    assert_eq!(store.flow_codes(f.id).await.expect("codes").len(), 2);
    assert!(store.message(sms.id).await.expect("message").is_some());

    // A second link on the way back to email; a code with a link of a missing flow is
    // refused as a whole.
    let link2 = token(id, TokenPurpose::Reset, Some(t), later);
    store
        .add_recovery_code(
            f.id,
            ContactKind::Email,
            &payload,
            &code(f.id, "hash-3", later),
            Some(&link2),
            &[],
        )
        .await
        .expect("add with link");
    assert!(
        store
            .reset_token(&link2.token_hash)
            .await
            .expect("t")
            .is_some()
    );
    let orphan = token(id, TokenPurpose::Reset, None, later);
    let missing = FlowId::new();
    let err = store
        .add_recovery_code(
            missing,
            ContactKind::Email,
            &payload,
            &code(missing, "h", later),
            Some(&orphan),
            &[],
        )
        .await;
    assert!(matches!(err, Err(StoreError::NotFound)), "{err:?}");
    assert!(
        store
            .reset_token(&orphan.token_hash)
            .await
            .expect("t")
            .is_none()
    );
}

async fn pending_changes_on_an_address_are_voided_once(store: DynStore) {
    let t = now();
    let keeper = identity_in(&store, "keeper@shop.com", t).await;
    let other = identity_in(&store, "other@shop.com", t).await;
    let pending = |identity: IdentityId| Flow {
        kind: FlowKind::ContactChange,
        ..flow(Some(identity), t)
    };
    let theirs = pending(other);
    let mine = pending(keeper);
    let elsewhere = Flow {
        identifier_key: "bob@shop.com".to_owned(),
        ..pending(other)
    };
    for f in [&theirs, &mine, &elsewhere] {
        store.create_flow(f, None, &[]).await.expect("flow");
    }
    let voided = store
        .void_flows_for_address(
            FlowKind::ContactChange,
            ContactKind::Email,
            "ann@shop.com",
            keeper,
            t + Duration::seconds(1),
        )
        .await
        .expect("void");
    assert_eq!(
        voided.iter().map(|f| f.id).collect::<Vec<_>>(),
        vec![theirs.id]
    );
    let again = store
        .void_flows_for_address(
            FlowKind::ContactChange,
            ContactKind::Email,
            "ann@shop.com",
            keeper,
            t + Duration::seconds(2),
        )
        .await
        .expect("void");
    assert!(again.is_empty(), "voided once");
    let state = |id| {
        let store = store.clone();
        async move { store.flow(id).await.expect("read").expect("flow").state }
    };
    assert_eq!(state(theirs.id).await, FlowState::Completed);
    assert_eq!(state(mine.id).await, FlowState::Active);
    assert_eq!(state(elsewhere.id).await, FlowState::Active);
}
