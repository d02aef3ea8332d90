//! Conformance of [`latchkey_store::Credentials`].

use crate::common::*;

conformance!(credential_update, credential_upsert_and_missing,);

async fn credential_update(store: DynStore) {
    let t = now();
    let new = new_identity("ann@shop.com", t);
    let id = new.identity.id;
    store.create_identity(&new, &[]).await.expect("create");

    let later = t + Duration::minutes(5);
    let msg = message("ann@shop.com", later);
    store
        .update_credential_secret(
            id,
            CredentialKind::Password,
            "$argon2id$new",
            later,
            std::slice::from_ref(&msg),
        )
        .await
        .expect("update");
    let creds = store.credentials(id).await.expect("credentials");
    assert_eq!(creds.len(), 1, "replaced, not added");
    assert_eq!(creds[0].id, new.credentials[0].id);
    assert_eq!(creds[0].secret, "$argon2id$new");
    assert_eq!(creds[0].created_at, t);
    assert_eq!(creds[0].updated_at, later);
    assert_eq!(creds[0].data, new.credentials[0].data);
    assert_eq!(creds[0].name, None);
    assert_eq!(creds[0].lookup, None);
    assert_eq!(creds[0].counter, 0);
    assert_eq!(creds[0].last_used_at, None);
    assert!(store.message(msg.id).await.expect("message").is_some());
}

async fn credential_upsert_and_missing(store: DynStore) {
    let t = now();
    let id = identity_in(&store, "ann@shop.com", t).await;

    // A single-instance kind not yet present is created.
    store
        .update_credential_secret(id, CredentialKind::Totp, "JBSWY3DPEHPK3PXP", t, &[])
        .await
        .expect("set totp");
    let creds = store.credentials(id).await.expect("credentials");
    let totp: Vec<_> = creds
        .iter()
        .filter(|c| c.kind == CredentialKind::Totp)
        .collect();
    assert_eq!(totp.len(), 1);
    assert_eq!(totp[0].secret, "JBSWY3DPEHPK3PXP");
    assert_eq!(totp[0].data, json!({}));

    // A many-per-identity kind is never invented; nothing of the call is written.
    let msg = message("ann@shop.com", t);
    let err = store
        .update_credential_secret(
            id,
            CredentialKind::Webauthn,
            "x",
            t,
            std::slice::from_ref(&msg),
        )
        .await
        .expect_err("no passkey");
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    assert!(store.message(msg.id).await.expect("message").is_none());

    // An unknown identity is not found, not a database error.
    let err = store
        .update_credential_secret(IdentityId::new(), CredentialKind::Password, "x", t, &[])
        .await
        .expect_err("no identity");
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}
