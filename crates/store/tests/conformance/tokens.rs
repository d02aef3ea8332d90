//! Conformance of [`latchkey_store::Tokens`].

use crate::common::*;

conformance!(
    password_reset_has_one_winner_and_ends_everything,
    password_reset_refuses_stale_expired_and_wrong_purpose,
    report_blocks_and_recovery_lifts_it,
    unlock_tokens_are_single_use_and_expire,
);

fn reset(t: &ResetToken, now: OffsetDateTime, secret: &str) -> PasswordReset {
    PasswordReset {
        token_hash: t.token_hash.clone(),
        identity_id: t.identity_id,
        expected_stamp: t.credential_stamp,
        secret: secret.to_owned(),
        now,
        new_tokens: Vec::new(),
    }
}

async fn password_reset_has_one_winner_and_ends_everything(store: DynStore) {
    let t = now();
    let id = identity_in(&store, "ann@shop.com", t).await;
    let other = identity_in(&store, "bob@shop.com", t).await;
    for s in [
        session(id, t, Duration::hours(1)),
        session(id, t, Duration::hours(1)),
        session(other, t, Duration::hours(1)),
    ] {
        store.create_session(&s, &[]).await.expect("session");
    }
    let used = token(id, TokenPurpose::Reset, Some(t), t);
    let sibling = token(id, TokenPurpose::Reset, Some(t), t);
    let bobs = token(other, TokenPurpose::Reset, Some(t), t);
    for tk in [&used, &sibling, &bobs] {
        store.insert_reset_token(tk, &[]).await.expect("token");
    }
    let later = t + Duration::minutes(5);
    let report = token(id, TokenPurpose::Report, None, later);
    let mut tasks = Vec::new();
    for n in 0..10 {
        let store = store.clone();
        let mut r = reset(&used, later, &format!("$argon2id$new-{n}"));
        r.new_tokens = vec![ResetToken {
            token_hash: format!("{}-{n}", report.token_hash),
            ..report.clone()
        }];
        let msg = message("ann@shop.com", later);
        tasks.push(tokio::spawn(async move {
            store
                .complete_password_reset(&r, std::slice::from_ref(&msg))
                .await
                .expect("complete reset")
        }));
    }
    let mut winners = 0;
    for task in tasks {
        winners += usize::from(task.await.expect("join"));
    }
    assert_eq!(winners, 1, "exactly one reset wins");
    let creds = store.credentials(id).await.expect("credentials");
    let pw = creds
        .iter()
        .find(|c| c.kind == CredentialKind::Password)
        .expect("password");
    assert!(pw.secret.starts_with("$argon2id$new-"));
    assert_eq!(pw.updated_at, later);
    assert_eq!(
        store
            .reset_token(&used.token_hash)
            .await
            .expect("t")
            .expect("t")
            .used_at,
        Some(later)
    );
    assert!(
        store
            .reset_token(&sibling.token_hash)
            .await
            .expect("t")
            .expect("t")
            .used_at
            .is_some(),
        "a completed reset voids the account's other links"
    );
    assert!(
        store
            .reset_token(&bobs.token_hash)
            .await
            .expect("t")
            .expect("t")
            .used_at
            .is_none(),
        "other accounts untouched"
    );
    assert!(
        store
            .sessions(id, later)
            .await
            .expect("sessions")
            .is_empty()
    );
    assert_eq!(
        store.sessions(other, later).await.expect("sessions").len(),
        1
    );
    assert_eq!(pending(&store).await.len(), 1, "only the winner's notice");
    let stored_reports = futures_count(&store, &report.token_hash).await;
    assert_eq!(stored_reports, 1, "only the winner's report token");
}

async fn futures_count(store: &DynStore, prefix: &str) -> usize {
    let mut n = 0;
    for i in 0..10 {
        if store
            .reset_token(&format!("{prefix}-{i}"))
            .await
            .expect("token")
            .is_some()
        {
            n += 1;
        }
    }
    n
}

async fn password_reset_refuses_stale_expired_and_wrong_purpose(store: DynStore) {
    let t = now();
    let id = identity_in(&store, "ann@shop.com", t).await;
    // Issued before a password change: the stamp no longer matches.
    let stale = token(id, TokenPurpose::Reset, Some(t - Duration::days(1)), t);
    let expired = ResetToken {
        expires_at: t + Duration::minutes(1),
        ..token(id, TokenPurpose::Reset, Some(t), t)
    };
    let report = token(id, TokenPurpose::Report, Some(t), t);
    for tk in [&stale, &expired, &report] {
        store.insert_reset_token(tk, &[]).await.expect("token");
    }
    let later = t + Duration::minutes(2);
    for tk in [&stale, &expired, &report] {
        assert!(
            !store
                .complete_password_reset(&reset(tk, later, "$new"), &[])
                .await
                .expect("reset"),
            "{:?}",
            tk.purpose
        );
        let got = store
            .reset_token(&tk.token_hash)
            .await
            .expect("t")
            .expect("t");
        assert_eq!(got.used_at, None, "a refused reset changes nothing");
    }
    let pw = store.credentials(id).await.expect("credentials");
    assert_eq!(pw[0].updated_at, t, "password unchanged");
    // An unknown token.
    let ghost = token(id, TokenPurpose::Reset, Some(t), t);
    assert!(
        !store
            .complete_password_reset(&reset(&ghost, later, "$new"), &[])
            .await
            .expect("reset")
    );
}

async fn report_blocks_and_recovery_lifts_it(store: DynStore) {
    let t = now();
    let id = identity_in(&store, "ann@shop.com", t).await;
    store
        .create_session(&session(id, t, Duration::hours(1)), &[])
        .await
        .expect("session");
    let attackers = token(id, TokenPurpose::Reset, Some(t), t);
    let report = token(id, TokenPurpose::Report, None, t);
    for tk in [&attackers, &report] {
        store.insert_reset_token(tk, &[]).await.expect("token");
    }
    assert_eq!(store.identity_block_reason(id).await.expect("reason"), None);
    // A reset token is not a report token.
    assert_eq!(
        store
            .use_report_token(&attackers.token_hash, t)
            .await
            .expect("report"),
        None
    );
    assert_eq!(
        store
            .use_report_token(&report.token_hash, t)
            .await
            .expect("report"),
        Some(id)
    );
    assert_eq!(
        store
            .use_report_token(&report.token_hash, t)
            .await
            .expect("again"),
        None,
        "single use"
    );
    let identity = store.identity(id).await.expect("identity").expect("exists");
    assert_eq!(identity.state, IdentityState::Blocked);
    assert_eq!(
        store
            .identity_block_reason(id)
            .await
            .expect("reason")
            .as_deref(),
        Some(BLOCK_REPORTED)
    );
    assert!(store.sessions(id, t).await.expect("sessions").is_empty());
    assert!(
        store
            .reset_token(&attackers.token_hash)
            .await
            .expect("t")
            .expect("t")
            .used_at
            .is_some(),
        "outstanding reset links die with the report"
    );

    // The owner recovers: the block is lifted.
    let own = token(id, TokenPurpose::Reset, Some(t), t);
    store.insert_reset_token(&own, &[]).await.expect("token");
    assert!(
        store
            .complete_password_reset(&reset(&own, t, "$mine"), &[])
            .await
            .expect("reset")
    );
    let identity = store.identity(id).await.expect("identity").expect("exists");
    assert_eq!(identity.state, IdentityState::Active);
    assert_eq!(store.identity_block_reason(id).await.expect("reason"), None);

    // A block without the 'reported' reason is support's: recovery does not lift it.
    let mut new = new_identity("bob@shop.com", t);
    new.identity.state = IdentityState::Blocked;
    store
        .create_identity(&new, &[])
        .await
        .expect("blocked identity");
    let bob = new.identity.id;
    let bobs = token(bob, TokenPurpose::Reset, Some(t), t);
    store.insert_reset_token(&bobs, &[]).await.expect("token");
    assert!(
        !store
            .complete_password_reset(&reset(&bobs, t, "$x"), &[])
            .await
            .expect("reset")
    );
    let identity = store
        .identity(bob)
        .await
        .expect("identity")
        .expect("exists");
    assert_eq!(identity.state, IdentityState::Blocked);
}

// The abuse checks have always unwrapped freely.
#[allow(clippy::unwrap_used)]
async fn unlock_tokens_are_single_use_and_expire(store: DynStore) {
    let t = now();
    let id = identity_in(&store, "locked@shop.com", t).await;
    let token = UnlockToken {
        token_hash: "a".repeat(64),
        identity_id: id,
        created_at: t,
        expires_at: t + Duration::hours(2),
    };
    store
        .create_unlock_token(&token, &[message("locked@shop.com", t)])
        .await
        .unwrap();
    assert_eq!(
        pending(&store).await.len(),
        1,
        "the notice is in the outbox"
    );
    assert_eq!(
        store.unlock_token(&token.token_hash, t).await.unwrap(),
        Some(id)
    );
    let late = t + Duration::hours(2);
    assert_eq!(
        store.unlock_token(&token.token_hash, late).await.unwrap(),
        None
    );
    assert_eq!(
        store
            .consume_unlock_token(&token.token_hash, late)
            .await
            .unwrap(),
        None,
        "expired"
    );
    let (a, b) = tokio::join!(
        store.consume_unlock_token(&token.token_hash, t),
        store.consume_unlock_token(&token.token_hash, t)
    );
    let winners = [a.unwrap(), b.unwrap()];
    assert_eq!(winners.iter().filter(|w| w.is_some()).count(), 1);
    assert_eq!(
        store.unlock_token(&token.token_hash, t).await.unwrap(),
        None
    );
    assert_eq!(store.consume_unlock_token("b", t).await.unwrap(), None);
}
