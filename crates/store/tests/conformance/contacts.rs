//! Conformance of [`latchkey_store::Contacts`].

use crate::common::*;

conformance!(
    contact_lookup_by_key_ignores_case,
    contact_verification,
    unverified_claims_coexist_and_only_one_verifies,
    verifying_removes_other_claims,
    sign_in_lookup_prefers_the_verified_holder,
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
