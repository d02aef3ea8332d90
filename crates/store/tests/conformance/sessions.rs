//! Conformance of [`latchkey_store::Sessions`].

use crate::common::*;

conformance!(
    sessions_live_expired_revoked,
    touch_session_extends_up_to_absolute,
    session_lookup_brings_contacts_and_password_flag,
    revoke_others_keeps_one,
    session_token_conflict,
    sessions_keep_their_assurance,
    reauthenticate_session_moves_the_window_and_raises,
);

/// The assurance level, the methods used and the instant of the last proof come back as
/// written, on the hot path (`session_by_token_hash`, SQLite's own reader) and in the
/// owner's list alike.
async fn sessions_keep_their_assurance(store: DynStore) {
    let t = now();
    let id = identity_in(&store, "ann@shop.com", t).await;
    let two = Session {
        aal: latchkey_domain::Aal::Aal2,
        amr: vec!["password".to_owned(), "totp".to_owned()],
        authenticated_at: t + Duration::seconds(7),
        ..session(id, t, Duration::hours(1))
    };
    let one = session(id, t + Duration::seconds(1), Duration::hours(1));
    for s in [&two, &one] {
        store.create_session(s, &[]).await.expect("session");
    }
    let found = store
        .session_by_token_hash(&two.token_hash, t)
        .await
        .expect("lookup")
        .expect("live");
    assert_eq!(found.session.aal, latchkey_domain::Aal::Aal2);
    assert_eq!(found.session.amr, ["password", "totp"]);
    assert_eq!(found.session.authenticated_at, t + Duration::seconds(7));
    assert_eq!(found.session, two);
    let listed = store.sessions(id, t).await.expect("list");
    assert_eq!(listed, vec![one, two]);
}

async fn sessions_live_expired_revoked(store: DynStore) {
    let t = now();
    let id = identity_in(&store, "ann@shop.com", t).await;
    let other = identity_in(&store, "bob@shop.com", t).await;

    let live = session(id, t, Duration::hours(1));
    let newer = session(id, t + Duration::seconds(1), Duration::hours(1));
    let expired = session(id, t - Duration::hours(2), Duration::hours(1));
    let bobs = session(other, t, Duration::hours(1));
    let msg = message("ann@shop.com", t);
    store
        .create_session(&live, std::slice::from_ref(&msg))
        .await
        .expect("live");
    assert!(store.message(msg.id).await.expect("message").is_some());
    for s in [&newer, &expired, &bobs] {
        store.create_session(s, &[]).await.expect("session");
    }

    let found = store
        .session_by_token_hash(&live.token_hash, t)
        .await
        .expect("lookup")
        .expect("live");
    let s = found.session;
    assert_eq!(s, live);
    assert_eq!(
        found.account.identity,
        store.identity(id).await.expect("identity").expect("exists")
    );
    assert_eq!(
        found.account.contacts,
        store.contacts(id).await.expect("contacts")
    );
    assert!(found.account.has_password);
    assert!(
        store
            .session_by_token_hash(&expired.token_hash, t)
            .await
            .expect("lookup")
            .is_none()
    );
    assert!(
        store
            .session_by_token_hash("nope", t)
            .await
            .expect("lookup")
            .is_none()
    );
    // Expiry is exclusive: at expires_at the session is dead.
    assert!(
        store
            .session_by_token_hash(&live.token_hash, live.expires_at)
            .await
            .expect("lookup")
            .is_none()
    );

    let ids: Vec<_> = store
        .sessions(id, t)
        .await
        .expect("sessions")
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids, [newer.id, live.id], "live ones, newest first");

    // Another identity cannot revoke Ann's session.
    assert!(
        !store
            .revoke_session(other, live.id, t)
            .await
            .expect("revoke")
    );
    assert!(store.revoke_session(id, live.id, t).await.expect("revoke"));
    assert!(
        !store
            .revoke_session(id, live.id, t)
            .await
            .expect("revoke twice")
    );
    assert!(
        !store
            .revoke_session(id, expired.id, t)
            .await
            .expect("revoke expired")
    );
    assert!(
        store
            .session_by_token_hash(&live.token_hash, t)
            .await
            .expect("lookup")
            .is_none()
    );
    let ids: Vec<_> = store
        .sessions(id, t)
        .await
        .expect("sessions")
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids, [newer.id]);
    assert_eq!(store.sessions(other, t).await.expect("bob").len(), 1);
}

/// The session check reads everything it answers in one query: several contacts come
/// back in creation order (one row each), none come back as an empty list, and the
/// password flag follows the credentials.
async fn session_lookup_brings_contacts_and_password_flag(store: DynStore) {
    let t = now();
    let mut many = new_identity("Ann@Shop.com", t);
    let id = many.identity.id;
    let mut phone = contact(
        id,
        ContactKind::Phone,
        "+12025550143",
        t + Duration::seconds(1),
    );
    phone.verified = true;
    let mut second = contact(
        id,
        ContactKind::Email,
        "ann.work@shop.com",
        t + Duration::seconds(2),
    );
    second.primary = false;
    many.contacts.extend([phone, second]);
    store.create_identity(&many, &[]).await.expect("create");
    let s = session(id, t, Duration::hours(1));
    store.create_session(&s, &[]).await.expect("session");
    let found = store
        .session_by_token_hash(&s.token_hash, t)
        .await
        .expect("lookup")
        .expect("live");
    assert_eq!(
        found.account.contacts, many.contacts,
        "all three, oldest first"
    );
    assert_eq!(
        found.account.contacts,
        store.contacts(id).await.expect("contacts")
    );
    assert!(found.account.has_password);
    assert_eq!(found.account.identity, many.identity);
    assert_eq!(
        Some(found.account),
        store.account(id).await.expect("account"),
        "the account read alone is the same"
    );
    let (contact, identity) = store
        .contact_and_identity(ContactKind::Phone, "+12025550143")
        .await
        .expect("contact and identity")
        .expect("found");
    assert_eq!(contact, many.contacts[1]);
    assert_eq!(identity, many.identity);
    let (contact, _) = store
        .contact_and_identity(ContactKind::Email, "ANN@shop.com")
        .await
        .expect("contact and identity")
        .expect("found by key, whatever the case");
    assert_eq!(contact, many.contacts[0]);
    assert!(
        store
            .contact_and_identity(ContactKind::Email, "ghost@shop.com")
            .await
            .expect("contact and identity")
            .is_none()
    );

    // An identity with neither contacts nor credentials (a corner the schema allows).
    let mut bare = new_identity("nobody@shop.com", t);
    bare.contacts.clear();
    bare.credentials.clear();
    let bare_id = bare.identity.id;
    store
        .create_identity(&bare, &[])
        .await
        .expect("create bare");
    let s = session(bare_id, t, Duration::hours(1));
    store.create_session(&s, &[]).await.expect("session");
    let found = store
        .session_by_token_hash(&s.token_hash, t)
        .await
        .expect("lookup")
        .expect("live");
    assert_eq!(found.account.identity.id, bare_id);
    assert!(found.account.contacts.is_empty());
    assert!(!found.account.has_password);
    assert_eq!(
        Some(found.account),
        store.account(bare_id).await.expect("account")
    );
    assert!(
        store
            .account(IdentityId::new())
            .await
            .expect("account")
            .is_none()
    );
}

async fn touch_session_extends_up_to_absolute(store: DynStore) {
    let t = now();
    let id = identity_in(&store, "ann@shop.com", t).await;
    let s = session(id, t, Duration::hours(1));
    store.create_session(&s, &[]).await.expect("create");

    let later = t + Duration::minutes(30);
    store
        .touch_session(s.id, later, later + Duration::hours(1))
        .await
        .expect("touch");
    let got = store
        .session_by_token_hash(&s.token_hash, later)
        .await
        .expect("lookup")
        .expect("live")
        .session;
    assert_eq!(got.last_seen_at, later);
    assert_eq!(got.expires_at, later + Duration::hours(1));
    assert_eq!(got.absolute_expires_at, s.absolute_expires_at);

    // Touching a session whose idle expiry has passed must not revive it.
    let late = t + Duration::days(29) + Duration::hours(23) + Duration::minutes(30);
    store
        .touch_session(s.id, late, late + Duration::hours(1))
        .await
        .expect("touch");
    assert!(
        store
            .session_by_token_hash(&s.token_hash, late)
            .await
            .expect("lookup")
            .is_none()
    );

    // Kept alive step by step, the idle expiry is cut back to the absolute one.
    let s2 = Session {
        absolute_expires_at: t + Duration::hours(2),
        ..session(id, t, Duration::hours(1))
    };
    store.create_session(&s2, &[]).await.expect("create");
    let step = t + Duration::minutes(50);
    store
        .touch_session(s2.id, step, step + Duration::hours(1))
        .await
        .expect("touch");
    let step2 = t + Duration::minutes(100);
    store
        .touch_session(s2.id, step2, step2 + Duration::hours(1))
        .await
        .expect("touch");
    let got = store
        .session_by_token_hash(&s2.token_hash, step2)
        .await
        .expect("lookup")
        .expect("live")
        .session;
    assert_eq!(
        got.expires_at, s2.absolute_expires_at,
        "never past the absolute expiry"
    );
}

async fn revoke_others_keeps_one(store: DynStore) {
    let t = now();
    let id = identity_in(&store, "ann@shop.com", t).await;
    let other = identity_in(&store, "bob@shop.com", t).await;
    let a = session(id, t, Duration::hours(1));
    let b = session(id, t + Duration::seconds(1), Duration::hours(1));
    let c = session(id, t + Duration::seconds(2), Duration::hours(1));
    let dead = session(id, t - Duration::hours(3), Duration::hours(1));
    let bobs = session(other, t, Duration::hours(1));
    for s in [&a, &b, &c, &dead, &bobs] {
        store.create_session(s, &[]).await.expect("session");
    }
    let n = store
        .revoke_sessions(id, Some(b.id), t)
        .await
        .expect("revoke others");
    assert_eq!(n, 2, "only live sessions count");
    let ids: Vec<_> = store
        .sessions(id, t)
        .await
        .expect("sessions")
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids, [b.id]);
    assert_eq!(
        store.sessions(other, t).await.expect("bob").len(),
        1,
        "bob untouched"
    );

    assert_eq!(
        store
            .revoke_sessions(id, None, t)
            .await
            .expect("revoke all"),
        1
    );
    assert!(store.sessions(id, t).await.expect("sessions").is_empty());
    assert_eq!(store.revoke_sessions(id, None, t).await.expect("again"), 0);
}

async fn session_token_conflict(store: DynStore) {
    let t = now();
    let id = identity_in(&store, "ann@shop.com", t).await;
    let a = session(id, t, Duration::hours(1));
    store.create_session(&a, &[]).await.expect("first");
    let dup = Session {
        token_hash: a.token_hash.clone(),
        ..session(id, t, Duration::hours(1))
    };
    let msg = message("ann@shop.com", t);
    let err = store
        .create_session(&dup, std::slice::from_ref(&msg))
        .await
        .expect_err("dup token");
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert!(store.message(msg.id).await.expect("message").is_none());

    let orphan = session(IdentityId::new(), t, Duration::hours(1));
    let err = store
        .create_session(&orphan, &[])
        .await
        .expect_err("no identity");
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}

/// A re-authentication of a live session moves `authenticated_at`; a second factor raises
/// its assurance, a first factor never lowers it; a dead session is refused.
async fn reauthenticate_session_moves_the_window_and_raises(store: DynStore) {
    use latchkey_domain::Aal;
    let t = now();
    let id = identity_in(&store, "ann@shop.com", t).await;
    let s = session(id, t, Duration::hours(1));
    store.create_session(&s, &[]).await.expect("session");
    assert_eq!(s.authenticated_at, t);

    let mfa = t + Duration::minutes(10);
    let amr = ["password".to_owned(), "totp".to_owned()];
    assert!(
        store
            .reauthenticate_session(s.id, mfa, Aal::Aal2, &amr)
            .await
            .expect("second factor")
    );
    let got = store
        .session_by_token_hash(&s.token_hash, mfa)
        .await
        .expect("lookup")
        .expect("live")
        .session;
    assert_eq!(
        got,
        Session {
            authenticated_at: mfa,
            aal: Aal::Aal2,
            amr: amr.to_vec(),
            ..s.clone()
        }
    );
    assert_eq!(
        store.sessions(id, mfa).await.expect("list"),
        vec![got.clone()]
    );

    // A password entered again: the window moves, the assurance stays.
    let again = t + Duration::minutes(20);
    assert!(
        store
            .reauthenticate_session(s.id, again, Aal::Aal1, &["password".to_owned()])
            .await
            .expect("first factor")
    );
    let got = store
        .session_by_token_hash(&s.token_hash, again)
        .await
        .expect("lookup")
        .expect("live")
        .session;
    assert_eq!(got.authenticated_at, again);
    assert_eq!(got.aal, Aal::Aal2);
    assert_eq!(got.amr, amr);

    // Revoked, expired and unknown sessions are not live.
    assert!(store.revoke_session(id, s.id, again).await.expect("revoke"));
    assert!(
        !store
            .reauthenticate_session(s.id, again, Aal::Aal2, &amr)
            .await
            .expect("revoked")
    );
    let short = session(id, t, Duration::minutes(5));
    store.create_session(&short, &[]).await.expect("short");
    assert!(
        !store
            .reauthenticate_session(short.id, again, Aal::Aal1, &[])
            .await
            .expect("expired")
    );
    assert!(
        !store
            .reauthenticate_session(SessionId::new(), again, Aal::Aal1, &[])
            .await
            .expect("unknown")
    );
}
