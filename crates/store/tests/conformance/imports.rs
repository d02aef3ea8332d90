//! Conformance of [`latchkey_store::Imports`]: a batch imports what it may, per account,
//! without aborting on the ones it may not.

use crate::common::*;
use latchkey_domain::EventType;

conformance!(
    import_writes_accounts_as_given,
    taken_and_claimed_addresses_fail_per_account,
    a_batch_larger_than_one_insert,
    a_pending_contact_change_sends_the_account_the_one_account_way,
);

fn account(email: &str, verified: bool, t: OffsetDateTime) -> ImportAccount {
    let mut new = new_identity(email, t);
    new.contacts[0].verified = verified;
    new.credentials[0].secret =
        "$2b$05$WMZcZ1tJdskRbrcwPg3qgem7aoT/O/e2D8dTYL2dxbvjhYky/I4f6".into();
    let event = Event {
        id: Uuid::now_v7(),
        identity_id: new.identity.id,
        kind: EventType::IdentityCreated,
        at: t,
        ip: None,
        user_agent: None,
        data: json!({"method": "import"}),
        actor: None,
        outcome: latchkey_domain::Outcome::Success,
    };
    ImportAccount { new, event }
}

async fn import_writes_accounts_as_given(store: DynStore) {
    let t = now();
    let mut a = account("Ann@Shop.com", true, t);
    let id = a.new.identity.id;
    let mut phone = contact(id, ContactKind::Phone, "+41446681800", t);
    phone.verified = false;
    a.new.contacts.push(phone);
    let b = account("bob@shop.com", false, t);
    let outcomes = store
        .import_accounts(&[a.clone(), b.clone()], t)
        .await
        .expect("import");
    assert_eq!(
        outcomes,
        vec![ImportOutcome::Imported, ImportOutcome::Imported]
    );
    assert_eq!(
        store.identity(id).await.expect("store"),
        Some(a.new.identity.clone())
    );
    let mut contacts = store.contacts(id).await.expect("store");
    contacts.sort_by_key(|c| c.id);
    let mut expected = a.new.contacts.clone();
    expected.sort_by_key(|c| c.id);
    assert_eq!(contacts, expected);
    let creds = store.credentials(id).await.expect("store");
    assert_eq!(creds.len(), 1);
    assert_eq!(
        creds[0].secret, a.new.credentials[0].secret,
        "stored as given"
    );
    let events = store.events(id, 10).await.expect("store");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].kind, EventType::IdentityCreated);
    // The verified address is found by key, case-insensitively.
    let found = store
        .contact_by_key(ContactKind::Email, "ann@shop.com")
        .await
        .expect("store")
        .expect("found");
    assert!(found.verified);
    assert_eq!(found.identity_id, id);
    assert!(
        store
            .identity(b.new.identity.id)
            .await
            .expect("store")
            .is_some()
    );
}

async fn taken_and_claimed_addresses_fail_per_account(store: DynStore) {
    let t = now();
    // Stored: a verified holder of taken@, an unverified claim of claimed@.
    let mut holder = new_identity("taken@shop.com", t);
    holder.contacts[0].verified = true;
    store.create_identity(&holder, &[]).await.expect("store");
    let claimant = identity_in(&store, "claimed@shop.com", t).await;

    let batch = vec![
        account("TAKEN@shop.com", true, t),   // held verified: taken
        account("claimed@shop.com", true, t), // claimed: the one-account path
        account("taken@shop.com", false, t),  // an unverified claim never fails
        account("new@shop.com", true, t),     // imported
        account("New@Shop.com", true, t),     // same address later in the batch: taken
        account("new@shop.com", false, t),    // claim of an address the batch proves: left out
        account("fine@shop.com", true, t),    // imported
    ];
    let outcomes = store.import_accounts(&batch, t).await.expect("import");
    use ImportOutcome::*;
    assert_eq!(
        outcomes,
        vec![
            AddressTaken,
            ClaimsPending,
            Imported,
            Imported,
            AddressTaken,
            Imported,
            Imported
        ]
    );
    for (a, o) in batch.iter().zip(&outcomes) {
        let stored = store.identity(a.new.identity.id).await.expect("store");
        assert_eq!(
            stored.is_some(),
            *o == Imported,
            "{:?}",
            a.new.contacts[0].address
        );
    }
    // The claimant's claim is untouched (its account was not imported here).
    assert_eq!(store.contacts(claimant).await.expect("store").len(), 1);
    // The claim the batch itself proved is not stored; its account is.
    assert!(
        store
            .contacts(batch[5].new.identity.id)
            .await
            .expect("store")
            .is_empty()
    );
    let holders = store
        .contacts_by_key(ContactKind::Email, "new@shop.com")
        .await
        .expect("store");
    assert_eq!(holders.len(), 1);
    assert_eq!(holders[0].identity_id, batch[3].new.identity.id);
    // The holder keeps its address; the unverified claim beside it stays a claim.
    let taken = store
        .contacts_by_key(ContactKind::Email, "taken@shop.com")
        .await
        .expect("store");
    assert_eq!(taken.iter().filter(|c| c.verified).count(), 1);
    assert_eq!(taken.len(), 2);
}

async fn a_batch_larger_than_one_insert(store: DynStore) {
    let t = now();
    // More rows than one multi-row INSERT holds, with a duplicate at the end.
    let mut batch: Vec<ImportAccount> = (0..2500)
        .map(|i| account(&format!("user{i}@shop.com"), i % 2 == 0, t))
        .collect();
    batch.push(account("user0@shop.com", true, t));
    let outcomes = store.import_accounts(&batch, t).await.expect("import");
    assert_eq!(
        outcomes
            .iter()
            .filter(|o| **o == ImportOutcome::Imported)
            .count(),
        2500
    );
    assert_eq!(outcomes[2500], ImportOutcome::AddressTaken);
    // A second batch with the same verified addresses: taken, nothing written.
    let again: Vec<ImportAccount> = (0..3)
        .map(|i| account(&format!("user{}@shop.com", i * 2), true, t))
        .collect();
    let outcomes = store.import_accounts(&again, t).await.expect("import");
    assert!(outcomes.iter().all(|o| *o == ImportOutcome::AddressTaken));
    let last = store
        .contacts_by_key(ContactKind::Email, "user2498@shop.com")
        .await
        .expect("store");
    assert_eq!(last.len(), 1);
    assert!(last[0].verified);
}

async fn a_pending_contact_change_sends_the_account_the_one_account_way(store: DynStore) {
    let t = now();
    let changer = identity_in(&store, "changer@shop.com", t).await;
    let mut change = flow(Some(changer), t);
    change.kind = FlowKind::ContactChange;
    change.identifier_key = "wanted@shop.com".to_owned();
    store.create_flow(&change, None, &[]).await.expect("flow");
    let outcomes = store
        .import_accounts(
            &[
                account("wanted@shop.com", true, t),
                account("other@shop.com", true, t),
            ],
            t,
        )
        .await
        .expect("import");
    assert_eq!(
        outcomes,
        vec![ImportOutcome::ClaimsPending, ImportOutcome::Imported]
    );
    // An expired change waits for nothing.
    let later = t + Duration::hours(1);
    let outcomes = store
        .import_accounts(&[account("wanted@shop.com", true, later)], later)
        .await
        .expect("import");
    assert_eq!(outcomes, vec![ImportOutcome::Imported]);
}
