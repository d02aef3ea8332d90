//! Conformance of [`latchkey_store::Factors`].

use crate::common::*;

conformance!(
    passkey_add_lookup_touch_remove,
    credential_lookup_conflict,
    single_kinds_replaced_not_duplicated,
    counter_refuses_same_or_earlier_step,
    counter_concurrent_step_one_wins,
    recovery_code_concurrent_use_one_wins,
    recovery_codes_replace_use_left,
    trusted_devices_trust_use_list,
    trusted_devices_expire_and_revoke,
);

fn passkey(identity: IdentityId, lookup: &str, t: OffsetDateTime) -> Credential {
    Credential {
        id: Uuid::now_v7(),
        identity_id: identity,
        kind: CredentialKind::Webauthn,
        secret: r#"{"cred":"state"}"#.to_owned(),
        data: json!({"aaguid": "00000000-0000-0000-0000-000000000000", "transports": ["usb"]}),
        name: Some("Work laptop".to_owned()),
        lookup: Some(lookup.to_owned()),
        counter: 0,
        created_at: t,
        updated_at: t,
        last_used_at: None,
    }
}

fn totp(identity: IdentityId, secret: &str, t: OffsetDateTime) -> Credential {
    Credential {
        id: Uuid::now_v7(),
        identity_id: identity,
        kind: CredentialKind::Totp,
        secret: secret.to_owned(),
        data: json!({"digits": 6, "period": 30}),
        name: None,
        lookup: None,
        counter: 0,
        created_at: t,
        updated_at: t,
        last_used_at: None,
    }
}

fn device(identity: IdentityId, t: OffsetDateTime, life: Duration) -> TrustedDevice {
    TrustedDevice {
        id: Uuid::now_v7(),
        identity_id: identity,
        token_hash: format!("{:x}", Uuid::now_v7().as_u128()),
        user_agent: Some("Firefox".to_owned()),
        ip: Some("192.0.2.7".to_owned()),
        created_at: t,
        last_used_at: t,
        expires_at: t + life,
        revoked_at: None,
    }
}

async fn is_stored(store: &DynStore, msg: &NewMessage) -> bool {
    store.message(msg.id).await.expect("message").is_some()
}

/// A passkey round-trips through every read (SQLite's own reader for `credentials`
/// included); adding and removing write their messages in the same transaction, and a
/// removal that removes nothing writes none.
async fn passkey_add_lookup_touch_remove(store: DynStore) {
    let t = now();
    let new = new_identity("ann@shop.com", t);
    let id = new.identity.id;
    store.create_identity(&new, &[]).await.expect("create");
    let bob = identity_in(&store, "bob@shop.com", t).await;

    let key = passkey(id, "cred-id-1", t);
    let added = message("ann@shop.com", t);
    store
        .add_credential(&key, std::slice::from_ref(&added))
        .await
        .expect("add passkey");
    assert!(is_stored(&store, &added).await);
    assert_eq!(
        store.credentials(id).await.expect("credentials"),
        vec![new.credentials[0].clone(), key.clone()]
    );
    // A second passkey is added beside the first, not instead of it.
    let second = passkey(id, "cred-id-2", t + Duration::seconds(1));
    store.add_credential(&second, &[]).await.expect("second");
    assert_eq!(store.credentials(id).await.expect("credentials").len(), 3);

    assert_eq!(
        store
            .credential_by_lookup(CredentialKind::Webauthn, "cred-id-1")
            .await
            .expect("lookup"),
        Some(key.clone())
    );
    assert_eq!(
        store
            .credential_by_lookup(CredentialKind::Oidc, "cred-id-1")
            .await
            .expect("other kind"),
        None
    );
    assert_eq!(
        store
            .credential_by_lookup(CredentialKind::Webauthn, "nope")
            .await
            .expect("unknown"),
        None
    );

    // A use stamps last_used_at, and replaces the secret only when given one.
    let used = t + Duration::minutes(1);
    store
        .touch_credential(key.id, Some(r#"{"cred":"after"}"#), used)
        .await
        .expect("touch");
    let later = t + Duration::minutes(2);
    store
        .touch_credential(key.id, None, later)
        .await
        .expect("touch without secret");
    let got = store
        .credential_by_lookup(CredentialKind::Webauthn, "cred-id-1")
        .await
        .expect("lookup")
        .expect("there");
    assert_eq!(got.secret, r#"{"cred":"after"}"#);
    assert_eq!(got.last_used_at, Some(later));
    assert_eq!(got.name, key.name);
    let err = store
        .touch_credential(Uuid::now_v7(), None, later)
        .await
        .expect_err("unknown credential");
    assert!(matches!(err, StoreError::NotFound), "{err:?}");

    // Another identity cannot remove it; nothing of that call is written.
    let foreign = message("bob@shop.com", later);
    assert!(
        !store
            .remove_credential(bob, key.id, std::slice::from_ref(&foreign))
            .await
            .expect("foreign remove")
    );
    assert!(!is_stored(&store, &foreign).await);

    let removed = message("ann@shop.com", later);
    assert!(
        store
            .remove_credential(id, key.id, std::slice::from_ref(&removed))
            .await
            .expect("remove")
    );
    assert!(is_stored(&store, &removed).await);
    assert_eq!(
        store
            .credential_by_lookup(CredentialKind::Webauthn, "cred-id-1")
            .await
            .expect("lookup"),
        None
    );
    let again = message("ann@shop.com", later);
    assert!(
        !store
            .remove_credential(id, key.id, std::slice::from_ref(&again))
            .await
            .expect("remove again")
    );
    assert!(!is_stored(&store, &again).await);
    assert_eq!(
        store.credentials(id).await.expect("credentials"),
        vec![new.credentials[0].clone(), second]
    );
}

/// A lookup is unique per kind: registering the same passkey twice (by anyone) is a
/// `Conflict`, and nothing of the refused call is written.
async fn credential_lookup_conflict(store: DynStore) {
    let t = now();
    let ann = identity_in(&store, "ann@shop.com", t).await;
    let bob = identity_in(&store, "bob@shop.com", t).await;
    store
        .add_credential(&passkey(ann, "same-id", t), &[])
        .await
        .expect("first");

    for owner in [ann, bob] {
        let msg = message("ann@shop.com", t);
        let err = store
            .add_credential(&passkey(owner, "same-id", t), std::slice::from_ref(&msg))
            .await
            .expect_err("taken lookup");
        assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
        assert!(!is_stored(&store, &msg).await);
    }
    assert_eq!(store.credentials(bob).await.expect("bob's").len(), 1);

    // The same lookup under another kind is another credential.
    let oidc = Credential {
        kind: CredentialKind::Oidc,
        ..passkey(bob, "same-id", t)
    };
    store.add_credential(&oidc, &[]).await.expect("other kind");
}

/// The kinds held once (TOTP here) replace the one there is: one row, the new secret,
/// name and counter.
async fn single_kinds_replaced_not_duplicated(store: DynStore) {
    let t = now();
    let id = identity_in(&store, "ann@shop.com", t).await;
    let first = totp(id, "JBSWY3DPEHPK3PXP", t);
    store.add_credential(&first, &[]).await.expect("first totp");
    assert!(
        store
            .advance_credential_counter(first.id, 1_000, t)
            .await
            .expect("step")
    );

    let later = t + Duration::minutes(5);
    let replacement = Credential {
        name: Some("Phone".to_owned()),
        created_at: later,
        updated_at: later,
        ..totp(id, "KRUGS4ZANFZSAYJA", later)
    };
    let msg = message("ann@shop.com", later);
    store
        .add_credential(&replacement, std::slice::from_ref(&msg))
        .await
        .expect("replace totp");
    assert!(is_stored(&store, &msg).await);

    let creds = store.credentials(id).await.expect("credentials");
    let totps: Vec<_> = creds
        .iter()
        .filter(|c| c.kind == CredentialKind::Totp)
        .collect();
    assert_eq!(totps.len(), 1, "replaced, not added");
    assert_eq!(totps[0].secret, "KRUGS4ZANFZSAYJA");
    assert_eq!(totps[0].name.as_deref(), Some("Phone"));
    assert_eq!(totps[0].counter, 0, "the new secret starts unused");
    assert_eq!(totps[0].last_used_at, None);
    assert_eq!(totps[0].updated_at, later);
    assert_eq!(totps[0].data, replacement.data);
    // The password is untouched.
    assert_eq!(
        creds
            .iter()
            .filter(|c| c.kind == CredentialKind::Password)
            .count(),
        1
    );
}

/// The counter only moves forward: the same step again, or an earlier one, is refused.
async fn counter_refuses_same_or_earlier_step(store: DynStore) {
    let t = now();
    let id = identity_in(&store, "ann@shop.com", t).await;
    let cred = totp(id, "JBSWY3DPEHPK3PXP", t);
    store.add_credential(&cred, &[]).await.expect("totp");

    let used = t + Duration::seconds(30);
    assert!(
        store
            .advance_credential_counter(cred.id, 100, used)
            .await
            .expect("first use")
    );
    let later = t + Duration::seconds(31);
    for replayed in [100, 99, 0] {
        assert!(
            !store
                .advance_credential_counter(cred.id, replayed, later)
                .await
                .expect("replay"),
            "step {replayed}"
        );
    }
    let stored = store
        .credentials(id)
        .await
        .expect("credentials")
        .into_iter()
        .find(|c| c.id == cred.id)
        .expect("totp");
    assert_eq!(stored.counter, 100);
    assert_eq!(
        stored.last_used_at,
        Some(used),
        "a refused step stamps nothing"
    );

    assert!(
        store
            .advance_credential_counter(cred.id, 101, later)
            .await
            .expect("next step")
    );
    assert!(
        !store
            .advance_credential_counter(Uuid::now_v7(), 500, later)
            .await
            .expect("unknown credential")
    );
}

/// Of 20 concurrent uses of one TOTP step, exactly one is accepted.
async fn counter_concurrent_step_one_wins(store: DynStore) {
    let t = now();
    let id = identity_in(&store, "ann@shop.com", t).await;
    let cred = totp(id, "JBSWY3DPEHPK3PXP", t);
    store.add_credential(&cred, &[]).await.expect("totp");

    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move { store.advance_credential_counter(cred.id, 200, t).await })
        })
        .collect();
    let mut wins = 0;
    for task in tasks {
        if task.await.expect("join").expect("advance") {
            wins += 1;
        }
    }
    assert_eq!(wins, 1);
}

/// Of 20 concurrent uses of one recovery code, exactly one spends it, and only that one
/// writes its message.
async fn recovery_code_concurrent_use_one_wins(store: DynStore) {
    let t = now();
    let id = identity_in(&store, "ann@shop.com", t).await;
    let hashes: Vec<String> = (0..10).map(|i| format!("hash-{i}")).collect();
    store
        .replace_recovery_codes(id, &hashes, t, &[])
        .await
        .expect("codes");

    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let store = store.clone();
            let msg = message("ann@shop.com", t);
            tokio::spawn(async move {
                let used = store
                    .use_recovery_code(id, "hash-3", t, std::slice::from_ref(&msg))
                    .await;
                (used, msg.id)
            })
        })
        .collect();
    let mut wins = 0;
    let mut ids = HashSet::new();
    for task in tasks {
        let (used, msg) = task.await.expect("join");
        if used.expect("use") {
            wins += 1;
        }
        ids.insert(msg);
    }
    assert_eq!(wins, 1);
    let written = pending(&store)
        .await
        .into_iter()
        .filter(|m| ids.contains(&m.message.id))
        .count();
    assert_eq!(written, 1, "exactly one message row");
    assert_eq!(store.recovery_codes_left(id).await.expect("left"), 9);
}

/// Replacing the codes voids every older one; spending counts down; a spent, foreign or
/// unknown code is refused without its messages; deleting leaves none.
async fn recovery_codes_replace_use_left(store: DynStore) {
    let t = now();
    let id = identity_in(&store, "ann@shop.com", t).await;
    let bob = identity_in(&store, "bob@shop.com", t).await;
    assert_eq!(store.recovery_codes_left(id).await.expect("none yet"), 0);

    let msg = message("ann@shop.com", t);
    let first = ["a".to_owned(), "b".to_owned(), "c".to_owned()];
    store
        .replace_recovery_codes(id, &first, t, std::slice::from_ref(&msg))
        .await
        .expect("codes");
    assert!(is_stored(&store, &msg).await);
    store
        .replace_recovery_codes(bob, &["z".to_owned()], t, &[])
        .await
        .expect("bob's codes");
    assert_eq!(store.recovery_codes_left(id).await.expect("left"), 3);

    let used = message("ann@shop.com", t);
    assert!(
        store
            .use_recovery_code(id, "a", t, std::slice::from_ref(&used))
            .await
            .expect("use a")
    );
    assert!(is_stored(&store, &used).await);
    assert_eq!(store.recovery_codes_left(id).await.expect("left"), 2);

    for (who, code) in [(id, "a"), (id, "z"), (id, "nope"), (bob, "b")] {
        let refused = message("ann@shop.com", t);
        assert!(
            !store
                .use_recovery_code(who, code, t, std::slice::from_ref(&refused))
                .await
                .expect("refused"),
            "{code}"
        );
        assert!(!is_stored(&store, &refused).await, "{code}");
    }

    let later = t + Duration::minutes(1);
    store
        .replace_recovery_codes(id, &["d".to_owned(), "e".to_owned()], later, &[])
        .await
        .expect("new codes");
    assert_eq!(store.recovery_codes_left(id).await.expect("left"), 2);
    assert!(
        !store
            .use_recovery_code(id, "b", later, &[])
            .await
            .expect("old code")
    );
    assert!(
        store
            .use_recovery_code(id, "d", later, &[])
            .await
            .expect("new code")
    );
    assert_eq!(store.recovery_codes_left(id).await.expect("left"), 1);

    store.delete_recovery_codes(id).await.expect("delete");
    assert_eq!(store.recovery_codes_left(id).await.expect("left"), 0);
    assert!(
        !store
            .use_recovery_code(id, "e", later, &[])
            .await
            .expect("deleted")
    );
    assert_eq!(store.recovery_codes_left(bob).await.expect("bob's"), 1);
}

/// Remembered devices come back newest first; a use stamps `last_used_at` and returns the
/// device; a token is unique.
async fn trusted_devices_trust_use_list(store: DynStore) {
    let t = now();
    let ann = identity_in(&store, "ann@shop.com", t).await;
    let bob = identity_in(&store, "bob@shop.com", t).await;
    let older = device(ann, t, Duration::days(30));
    let newer = device(ann, t + Duration::seconds(1), Duration::days(30));
    let bobs = device(bob, t, Duration::days(30));
    for d in [&older, &newer, &bobs] {
        store.trust_device(d).await.expect("trust");
    }
    assert_eq!(
        store.trusted_devices(ann, t).await.expect("list"),
        vec![newer.clone(), older.clone()]
    );

    let later = t + Duration::hours(1);
    let used = store
        .use_trusted_device(ann, &older.token_hash, later)
        .await
        .expect("use")
        .expect("live");
    assert_eq!(
        used,
        TrustedDevice {
            last_used_at: later,
            ..older.clone()
        }
    );
    assert_eq!(
        store.trusted_devices(ann, later).await.expect("list")[1].last_used_at,
        later
    );
    // Another identity's token does not pass for this one.
    assert_eq!(
        store
            .use_trusted_device(ann, &bobs.token_hash, later)
            .await
            .expect("foreign"),
        None
    );
    assert_eq!(
        store
            .use_trusted_device(ann, "unknown", later)
            .await
            .expect("unknown"),
        None
    );

    let dup = TrustedDevice {
        id: Uuid::now_v7(),
        ..older.clone()
    };
    let err = store.trust_device(&dup).await.expect_err("same token");
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
}

/// An expired or revoked device is neither used nor listed; revoking is scoped to the
/// identity; revoking all counts the live ones.
async fn trusted_devices_expire_and_revoke(store: DynStore) {
    let t = now();
    let ann = identity_in(&store, "ann@shop.com", t).await;
    let bob = identity_in(&store, "bob@shop.com", t).await;
    let short = device(ann, t, Duration::hours(1));
    let long = device(ann, t + Duration::seconds(1), Duration::days(30));
    let third = device(ann, t + Duration::seconds(2), Duration::days(30));
    let expired = device(ann, t - Duration::days(40), Duration::days(30));
    let bobs = device(bob, t, Duration::days(30));
    for d in [&short, &long, &third, &expired, &bobs] {
        store.trust_device(d).await.expect("trust");
    }
    assert_eq!(
        store
            .use_trusted_device(ann, &expired.token_hash, t)
            .await
            .expect("expired"),
        None
    );
    let after_short = t + Duration::hours(2);
    assert_eq!(
        store
            .use_trusted_device(ann, &short.token_hash, after_short)
            .await
            .expect("expired since"),
        None
    );
    assert_eq!(
        store.trusted_devices(ann, after_short).await.expect("list"),
        vec![third.clone(), long.clone()]
    );

    // Scoped to the identity: Ann cannot revoke Bob's device.
    assert!(
        !store
            .revoke_trusted_device(ann, bobs.id, t)
            .await
            .expect("foreign")
    );
    assert!(
        store
            .revoke_trusted_device(ann, long.id, t)
            .await
            .expect("revoke")
    );
    assert!(
        !store
            .revoke_trusted_device(ann, long.id, t)
            .await
            .expect("again")
    );
    assert!(
        !store
            .revoke_trusted_device(ann, expired.id, t)
            .await
            .expect("expired")
    );
    assert_eq!(
        store
            .use_trusted_device(ann, &long.token_hash, t)
            .await
            .expect("revoked"),
        None
    );
    assert_eq!(
        store.trusted_devices(ann, t).await.expect("list"),
        vec![third.clone(), short.clone()]
    );

    assert_eq!(
        store.revoke_trusted_devices(ann, t).await.expect("all"),
        2,
        "the live ones: short and third"
    );
    assert!(
        store
            .trusted_devices(ann, t)
            .await
            .expect("list")
            .is_empty()
    );
    assert_eq!(store.revoke_trusted_devices(ann, t).await.expect("none"), 0);
    assert_eq!(
        store.trusted_devices(bob, t).await.expect("bob's"),
        vec![bobs.clone()]
    );
    assert!(
        store
            .use_trusted_device(bob, &bobs.token_hash, t)
            .await
            .expect("bob's")
            .is_some()
    );
}
