//! Conformance of [`latchkey_store::Contacts`].

use crate::common::*;

conformance!(
    contact_lookup_by_key_ignores_case,
    contact_verification,
    unverified_claims_coexist_and_only_one_verifies,
    verifying_removes_other_claims,
    sign_in_lookup_prefers_the_verified_holder,
    a_proved_contact_is_added_and_can_become_primary,
    a_proved_contact_conflicts_with_a_verified_holder,
    contacts_are_removed_and_made_primary_by_their_owner_only,
    an_email_revert_restores_the_old_primary_once,
);

async fn contact_lookup_by_key_ignores_case(store: DynStore) {
    let t = now();
    let mut new = new_identity("Ann@Shop.COM", t);
    let id = new.identity.id;
    new.contacts
        .push(contact(id, ContactKind::Phone, "+41446681800", t));
    store.create_identity(&new, &[]).await.expect("create");

    for key in ["ann@shop.com", "ANN@SHOP.COM", "Ann@Shop.com"] {
        let found = store
            .contact_by_key(ContactKind::Email, key)
            .await
            .expect("lookup")
            .expect("found");
        assert_eq!(found.identity_id, id);
        assert_eq!(found.address, "Ann@Shop.COM", "the address keeps its case");
        assert_eq!(found.address_key, "ann@shop.com");
    }
    let phone = store
        .contact_by_key(ContactKind::Phone, "+41446681800")
        .await
        .expect("lookup")
        .expect("found");
    assert_eq!(phone.kind, ContactKind::Phone);
    // The key is per kind: an email key never finds a phone and the other way round.
    assert!(
        store
            .contact_by_key(ContactKind::Phone, "ann@shop.com")
            .await
            .expect("lookup")
            .is_none()
    );
    assert!(
        store
            .contact_by_key(ContactKind::Email, "bob@shop.com")
            .await
            .expect("lookup")
            .is_none()
    );
}

async fn contact_verification(store: DynStore) {
    let t = now();
    let new = new_identity("ann@shop.com", t);
    store.create_identity(&new, &[]).await.expect("create");
    let c = new.contacts[0].id;

    let msg = message("ann@shop.com", t);
    store
        .verify_contact(c, std::slice::from_ref(&msg))
        .await
        .expect("verify");
    store
        .verify_contact(c, &[])
        .await
        .expect("verify again is fine");
    let got = store.contacts(new.identity.id).await.expect("contacts");
    assert!(got[0].verified);
    assert!(store.message(msg.id).await.expect("message").is_some());

    let err = store
        .verify_contact(Uuid::now_v7(), &[message("x@y.z", t)])
        .await
        .expect_err("unknown contact");
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    assert_eq!(
        pending(&store).await.len(),
        1,
        "no message for a failed verify"
    );
}

/// An unverified contact is a claim: any number of identities may claim one address, but
/// only one may hold it verified.
async fn unverified_claims_coexist_and_only_one_verifies(store: DynStore) {
    let t = now();
    for email in ["a@shop.com", "b@shop.com", "c@shop.com"] {
        let mut new = new_identity(email, t);
        new.contacts[0].verified = true;
        let phone = contact(new.identity.id, ContactKind::Phone, "+41446681800", t);
        new.contacts.push(phone);
        store
            .create_identity(&new, &[])
            .await
            .expect("a claim never conflicts");
    }
    let all = store
        .contacts_by_key(ContactKind::Phone, "+41446681800")
        .await
        .expect("claims");
    assert_eq!(all.len(), 3);
    assert!(all.iter().all(|c| !c.verified));
    // Oldest claim first while nobody holds it verified.
    let first = store
        .contact_by_key(ContactKind::Phone, "+41446681800")
        .await
        .expect("lookup")
        .expect("a claim");
    assert!(!first.verified);

    // A second verified holder of the same key is refused by the store itself.
    let mut verified_elsewhere = new_identity("d@shop.com", t);
    verified_elsewhere.contacts[0].verified = true;
    let mut phone = contact(
        verified_elsewhere.identity.id,
        ContactKind::Phone,
        "+41446681800",
        t,
    );
    phone.verified = true;
    phone.primary = true;
    verified_elsewhere.contacts.push(phone);
    store
        .create_identity(&verified_elsewhere, &[])
        .await
        .expect("first verified holder");
    let mut second = new_identity("e@shop.com", t);
    second.contacts[0].verified = true;
    let mut phone = contact(second.identity.id, ContactKind::Phone, "+41446681800", t);
    phone.verified = true;
    second.contacts.push(phone);
    let err = store
        .create_identity(&second, &[])
        .await
        .expect_err("verified twice");
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    // Verifying a claim while another identity holds the address verified conflicts too.
    let held = store
        .contacts_by_key(ContactKind::Phone, "+41446681800")
        .await
        .expect("claims");
    assert_eq!(
        held.len(),
        1,
        "the verified holder removed the claims: {held:?}"
    );
    assert!(held[0].verified);
    let late = {
        let mut new = new_identity("f@shop.com", t);
        new.contacts[0].verified = true;
        let phone = contact(new.identity.id, ContactKind::Phone, "+41446681800", t);
        let id = phone.id;
        new.contacts.push(phone);
        store
            .create_identity(&new, &[])
            .await
            .expect("a late claim");
        id
    };
    let err = store
        .verify_contact(late, &[message("f@shop.com", t)])
        .await
        .expect_err("verified elsewhere");
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
}

/// Verifying an address removes the other identities' unverified claims of it (and only
/// those), in the same transaction as its messages.
async fn verifying_removes_other_claims(store: DynStore) {
    let t = now();
    let mut claim_ids = Vec::new();
    let mut identities = Vec::new();
    for email in ["squat@shop.com", "owner@shop.com"] {
        let mut new = new_identity(email, t);
        new.contacts[0].verified = true;
        let phone = contact(new.identity.id, ContactKind::Phone, "+12025550143", t);
        claim_ids.push(phone.id);
        new.contacts.push(phone);
        store.create_identity(&new, &[]).await.expect("create");
        identities.push(new.identity.id);
    }
    let notice = message("squat@shop.com", t);
    store
        .verify_contact(claim_ids[1], std::slice::from_ref(&notice))
        .await
        .expect("verify");
    let squatter = store.contacts(identities[0]).await.expect("contacts");
    assert_eq!(squatter.len(), 1, "the claim is gone: {squatter:?}");
    assert_eq!(squatter[0].kind, ContactKind::Email, "its own email stays");
    let owner = store.contacts(identities[1]).await.expect("contacts");
    assert!(owner.iter().all(|c| c.verified), "{owner:?}");
    assert!(store.message(notice.id).await.expect("message").is_some());
    let holder = store
        .contact_by_key(ContactKind::Phone, "+12025550143")
        .await
        .expect("lookup")
        .expect("holder");
    assert_eq!(holder.identity_id, identities[1]);
    assert!(holder.verified);

    // Sign-up with the address verified removes claims just the same.
    let mut claimant = new_identity("late@shop.com", t);
    claimant.contacts[0].verified = true;
    claimant.contacts.push(contact(
        claimant.identity.id,
        ContactKind::Email,
        "new@shop.com",
        t,
    ));
    claimant.contacts[1].primary = false;
    store.create_identity(&claimant, &[]).await.expect("claim");
    let mut owner = new_identity("New@Shop.com", t);
    owner.contacts[0].verified = true;
    store.create_identity(&owner, &[]).await.expect("owner");
    assert_eq!(
        store
            .contacts(claimant.identity.id)
            .await
            .expect("contacts")
            .len(),
        1
    );
}

/// With a claim and a verified holder of one key, the lookups find the holder, even when
/// the claim's row is older.
async fn sign_in_lookup_prefers_the_verified_holder(store: DynStore) {
    let t = now();
    let later = t + time::Duration::seconds(10);
    let mut owner = new_identity("owner@shop.com", later);
    owner.contacts[0].verified = true;
    let mut phone = contact(owner.identity.id, ContactKind::Phone, "+12025550143", later);
    phone.verified = true;
    owner.contacts.push(phone);
    store.create_identity(&owner, &[]).await.expect("owner");
    // A claim made after the owner verified, stamped older.
    let mut claimant = new_identity("claim@shop.com", t);
    claimant.contacts[0].verified = true;
    claimant.contacts.push(contact(
        claimant.identity.id,
        ContactKind::Phone,
        "+12025550143",
        t,
    ));
    store.create_identity(&claimant, &[]).await.expect("claim");

    let (found, identity) = store
        .contact_and_identity(ContactKind::Phone, "+12025550143")
        .await
        .expect("lookup")
        .expect("found");
    assert!(found.verified);
    assert_eq!(identity.id, owner.identity.id);
    let found = store
        .contact_by_key(ContactKind::Phone, "+12025550143")
        .await
        .expect("lookup")
        .expect("found");
    assert_eq!(found.identity_id, owner.identity.id);
    let all = store
        .contacts_by_key(ContactKind::Phone, "+12025550143")
        .await
        .expect("all");
    assert_eq!(all.len(), 2);
    assert!(all[0].verified && !all[1].verified);
}

fn change(
    identity: IdentityId,
    kind: ContactKind,
    address: &str,
    primary: bool,
    t: OffsetDateTime,
) -> VerifiedContactChange {
    VerifiedContactChange {
        id: Uuid::now_v7(),
        identity_id: identity,
        kind,
        address: address.to_owned(),
        address_key: address.to_lowercase(),
        primary,
        now: t,
        revert: None,
    }
}

async fn a_proved_contact_is_added_and_can_become_primary(store: DynStore) {
    let t = now();
    let ann = identity_in(&store, "ann@shop.com", t).await;
    // Carol claims Ann's new address, unverified: Ann proving it removes her claim.
    let _carol = identity_in(&store, "New@Shop.com", t).await;
    let msg = message("ann@shop.com", t);
    let added = store
        .add_verified_contact(
            &change(ann, ContactKind::Email, "New@Shop.com", false, t),
            std::slice::from_ref(&msg),
        )
        .await
        .expect("add");
    assert!(added.verified);
    assert!(!added.primary, "the identity has a primary email already");
    assert_eq!(added.address_key, "new@shop.com");
    assert!(store.message(msg.id).await.expect("message").is_some());
    let claims = store
        .contacts_by_key(ContactKind::Email, "new@shop.com")
        .await
        .expect("claims");
    assert_eq!(claims.len(), 1, "other claims went: {claims:?}");
    assert_eq!(claims[0].identity_id, ann);

    // A phone is primary when it is the first phone.
    let phone = store
        .add_verified_contact(
            &change(ann, ContactKind::Phone, "+41446681800", false, t),
            &[],
        )
        .await
        .expect("phone");
    assert!(phone.primary && phone.verified);

    // Again with `primary`: the same row, now the only primary email.
    let again = store
        .add_verified_contact(
            &change(ann, ContactKind::Email, "new@shop.com", true, t),
            &[],
        )
        .await
        .expect("again");
    assert_eq!(again.id, added.id);
    assert!(again.primary);
    let emails: Vec<_> = store
        .contacts(ann)
        .await
        .expect("contacts")
        .into_iter()
        .filter(|c| c.kind == ContactKind::Email)
        .collect();
    assert_eq!(emails.len(), 2);
    assert_eq!(emails.iter().filter(|c| c.primary).count(), 1);
}

async fn a_proved_contact_conflicts_with_a_verified_holder(store: DynStore) {
    let t = now();
    let ann = identity_in(&store, "ann@shop.com", t).await;
    let bob = identity_in(&store, "bob@shop.com", t).await;
    let bobs = store.contacts(bob).await.expect("contacts")[0].id;
    store.verify_contact(bobs, &[]).await.expect("verify");
    let msg = message("ann@shop.com", t);
    let err = store
        .add_verified_contact(
            &change(ann, ContactKind::Email, "BOB@shop.com", true, t),
            std::slice::from_ref(&msg),
        )
        .await
        .expect_err("Bob holds it");
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert!(store.message(msg.id).await.expect("message").is_none());
    let anns = store.contacts(ann).await.expect("contacts");
    assert_eq!(anns.len(), 1);
    assert!(anns[0].primary, "nothing changed");
}

async fn contacts_are_removed_and_made_primary_by_their_owner_only(store: DynStore) {
    let t = now();
    let ann = identity_in(&store, "ann@shop.com", t).await;
    let bob = identity_in(&store, "bob@shop.com", t).await;
    let second = store
        .add_verified_contact(
            &change(ann, ContactKind::Email, "two@shop.com", false, t),
            &[],
        )
        .await
        .expect("add");
    let err = store
        .make_contact_primary(bob, second.id, None, &[])
        .await
        .expect_err("not Bob's");
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    let primary = store
        .make_contact_primary(ann, second.id, None, &[])
        .await
        .expect("primary");
    assert!(primary.primary);
    let all = store.contacts(ann).await.expect("contacts");
    assert_eq!(all.iter().filter(|c| c.primary).count(), 1);

    let err = store
        .remove_contact(bob, second.id, &[])
        .await
        .expect_err("not Bob's");
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    let first = all.iter().find(|c| c.id != second.id).expect("first").id;
    store.remove_contact(ann, first, &[]).await.expect("remove");
    assert_eq!(store.contacts(ann).await.expect("contacts").len(), 1);
}

async fn an_email_revert_restores_the_old_primary_once(store: DynStore) {
    let t = now();
    let ann = identity_in(&store, "ann@shop.com", t).await;
    let old = store.contacts(ann).await.expect("contacts")[0].clone();
    store.verify_contact(old.id, &[]).await.expect("verify");
    let mut c = change(ann, ContactKind::Email, "thief@shop.com", true, t);
    let revert = EmailRevert {
        token_hash: "ab".repeat(32),
        identity_id: ann,
        old_address: old.address.clone(),
        old_address_key: old.address_key.clone(),
        new_contact_id: c.id,
        created_at: t,
        expires_at: t + Duration::days(7),
        used_at: None,
    };
    c.revert = Some(revert.clone());
    store.add_verified_contact(&c, &[]).await.expect("add");
    // The thief removes the old address, too.
    store
        .remove_contact(ann, old.id, &[])
        .await
        .expect("remove");
    let s = session(ann, t, Duration::hours(1));
    store.create_session(&s, &[]).await.expect("session");

    assert_eq!(
        store.email_revert(&revert.token_hash).await.expect("read"),
        Some(revert.clone())
    );
    assert!(
        store
            .use_email_revert(&revert.token_hash, t + Duration::days(8), &[])
            .await
            .expect("late")
            .is_none(),
        "expired"
    );
    let msg = message("ann@shop.com", t);
    let used = store
        .use_email_revert(&revert.token_hash, t, std::slice::from_ref(&msg))
        .await
        .expect("use")
        .expect("usable");
    assert_eq!(used.new_contact_id, c.id);
    assert!(store.message(msg.id).await.expect("message").is_some());
    let all = store.contacts(ann).await.expect("contacts");
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].address_key, "ann@shop.com");
    assert!(all[0].verified && all[0].primary);
    let got = store
        .session_by_token_hash(&s.token_hash, t)
        .await
        .expect("session");
    assert!(got.is_none(), "sessions end");
    assert!(
        store
            .use_email_revert(&revert.token_hash, t, &[])
            .await
            .expect("again")
            .is_none(),
        "once"
    );
}
