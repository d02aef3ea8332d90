//! The store conformance suite: every behaviour of [`Store`] checked against every
//! backend. SQLite always runs (a fresh temp-file database per test, so concurrency is
//! real: several connections, WAL, busy waits). PostgreSQL runs when `TEST_DATABASE_URL`
//! is set; each test gets its own `lk_test_<uuid>` database, dropped afterwards.
//!
//! Each behaviour is one `async fn(DynStore)`; `conformance!` generates the
//! `sqlite::<name>` and `postgres::<name>` tests that call it.

use latchkey_domain::clock::{from_millis, to_millis};
use latchkey_domain::ids::{FlowId, IdentityId, SessionId};
use latchkey_store::*;
use serde_json::json;
use sqlx::Connection;
use std::collections::HashSet;
use std::future::Future;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

// --- harness ---------------------------------------------------------------------------

async fn run_sqlite<F, Fut>(test: F)
where
    F: FnOnce(DynStore) -> Fut,
    Fut: Future<Output = ()>,
{
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("store.db").display());
    let store = connect(&url).await.expect("connect sqlite");
    assert_eq!(store.backend(), "sqlite");
    store.migrate().await.expect("migrate sqlite");
    test(store).await;
}

/// `base` with its database name replaced by `name` (query string kept).
fn with_database(base: &str, name: &str) -> String {
    let (head, query) = match base.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (base, None),
    };
    let scheme_end = head.find("://").map(|i| i + 3).unwrap_or(0);
    let server = match head[scheme_end..].find('/') {
        Some(i) => &head[..scheme_end + i],
        None => head,
    };
    match query {
        Some(q) => format!("{server}/{name}?{q}"),
        None => format!("{server}/{name}"),
    }
}

/// A fresh PostgreSQL database for one test, or `None` (and a notice) without
/// `TEST_DATABASE_URL`.
struct PgDatabase {
    admin: sqlx::PgConnection,
    name: String,
    url: String,
}

impl PgDatabase {
    async fn create() -> Option<Self> {
        let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
            eprintln!("SKIPPED: PostgreSQL conformance (TEST_DATABASE_URL not set)");
            return None;
        };
        let name = format!("lk_test_{}", Uuid::now_v7().simple());
        let mut admin = sqlx::PgConnection::connect(&admin_url)
            .await
            .expect("connect TEST_DATABASE_URL");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .expect("create test database");
        let url = with_database(&admin_url, &name);
        Some(Self { admin, name, url })
    }

    /// Only called when the test passed: a failed test leaves its database to look at.
    async fn drop_database(mut self) {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE {} WITH (FORCE)",
            self.name
        )))
        .execute(&mut self.admin)
        .await
        .expect("drop test database");
    }
}

async fn run_postgres<F, Fut>(test: F)
where
    F: FnOnce(DynStore) -> Fut,
    Fut: Future<Output = ()>,
{
    let Some(db) = PgDatabase::create().await else {
        return;
    };
    let store = connect(&db.url).await.expect("connect postgres");
    assert_eq!(store.backend(), "postgres");
    store.migrate().await.expect("migrate postgres");
    test(store).await;
    db.drop_database().await;
}

macro_rules! conformance {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    super::run_sqlite(super::$name).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    super::run_postgres(super::$name).await;
                }
            )*
        }
    };
}

conformance!(
    migrate_twice_is_a_noop,
    identity_round_trip,
    identity_conflict_rolls_back,
    contact_lookup_by_key_ignores_case,
    contact_verification,
    unverified_claims_coexist_and_only_one_verifies,
    verifying_removes_other_claims,
    sign_in_lookup_prefers_the_verified_holder,
    identity_locale,
    credential_update,
    credential_upsert_and_missing,
    flow_lifecycle,
    flow_codes_newest_first,
    flow_failures_count_atomically,
    complete_flow_race_has_one_winner,
    unknown_flow,
    sessions_live_expired_revoked,
    touch_session_extends_up_to_absolute,
    session_lookup_brings_contacts_and_password_flag,
    revoke_others_keeps_one,
    session_token_conflict,
    outbox_claim_and_lease,
    outbox_concurrent_claimers_never_share,
    outbox_sent_failed_abandoned,
    outbox_by_status,
    outbox_count_by_status,
    outbox_finished_rows_keep_no_body,
    outbox_purge_removes_finished_rows_before_the_cutoff,
    mailbox_filter,
);

async fn outbox_count_by_status(store: DynStore) {
    let t = now();
    let count = |status| {
        let store = store.clone();
        async move { store.count_messages_by_status(status).await.expect("count") }
    };
    assert_eq!(count(MessageStatus::Pending).await, 0);
    let a = message("a@x.org", t);
    let b = message("b@x.org", t);
    store
        .enqueue_messages(&[a.clone(), b.clone()])
        .await
        .expect("enqueue");
    assert_eq!(count(MessageStatus::Pending).await, 2);
    store.mark_message_sent(a.id, t).await.expect("sent");
    assert_eq!(count(MessageStatus::Pending).await, 1);
    assert_eq!(count(MessageStatus::Sent).await, 1);
    assert_eq!(count(MessageStatus::Abandoned).await, 0);
}

// --- fixtures --------------------------------------------------------------------------

/// Now, cut to whole milliseconds: the store keeps milliseconds, and round trips must
/// compare equal.
fn now() -> OffsetDateTime {
    from_millis(to_millis(OffsetDateTime::now_utc()))
}

fn message(to: &str, at: OffsetDateTime) -> NewMessage {
    NewMessage {
        id: Uuid::now_v7(),
        channel: Channel::Email,
        recipient: to.to_owned(),
        locale: "en".to_owned(),
        template: "verification_code".to_owned(),
        subject: "Your code".to_owned(),
        text: "Your code is 123456".to_owned(),
        html: Some("<p>Your code is 123456</p>".to_owned()),
        created_at: at,
        useful_until: at + Duration::minutes(15),
    }
}

fn contact(identity: IdentityId, kind: ContactKind, address: &str, t: OffsetDateTime) -> Contact {
    Contact {
        id: Uuid::now_v7(),
        identity_id: identity,
        kind,
        address: address.to_owned(),
        address_key: match kind {
            ContactKind::Email => address.to_lowercase(),
            ContactKind::Phone => address.to_owned(),
        },
        verified: false,
        primary: true,
        created_at: t,
    }
}

fn new_identity(email: &str, t: OffsetDateTime) -> NewIdentity {
    let id = IdentityId::new();
    NewIdentity {
        identity: Identity {
            id,
            name: Some("Ann Example".to_owned()),
            locale: Some("en".to_owned()),
            state: IdentityState::Active,
            created_at: t,
            updated_at: t,
        },
        contacts: vec![contact(id, ContactKind::Email, email, t)],
        credentials: vec![Credential {
            id: Uuid::now_v7(),
            identity_id: id,
            kind: CredentialKind::Password,
            secret: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".to_owned(),
            data: json!({}),
            created_at: t,
            updated_at: t,
        }],
    }
}

async fn identity_in(store: &DynStore, email: &str, t: OffsetDateTime) -> IdentityId {
    let new = new_identity(email, t);
    store
        .create_identity(&new, &[])
        .await
        .expect("create identity");
    new.identity.id
}

fn flow(identity: Option<IdentityId>, t: OffsetDateTime) -> Flow {
    Flow {
        id: FlowId::new(),
        kind: FlowKind::Registration,
        state: FlowState::Active,
        identity_id: identity,
        identifier_key: "ann@shop.com".to_owned(),
        channel: ContactKind::Email,
        payload: json!({"address": "Ann@Shop.com", "name": "Ann", "locale": "de"}),
        failures: 0,
        created_at: t,
        expires_at: t + Duration::minutes(15),
        last_sent_at: t,
        completed_at: None,
    }
}

fn code(flow: FlowId, hash: &str, t: OffsetDateTime) -> FlowCode {
    FlowCode {
        id: Uuid::now_v7(),
        flow_id: flow,
        code_hash: hash.to_owned(),
        created_at: t,
        expires_at: t + Duration::minutes(15),
    }
}

fn session(identity: IdentityId, t: OffsetDateTime, idle: Duration) -> Session {
    Session {
        id: SessionId::new(),
        identity_id: identity,
        token_hash: format!("{:x}", Uuid::now_v7().as_u128()),
        created_at: t,
        last_seen_at: t,
        expires_at: t + idle,
        absolute_expires_at: t + Duration::days(30),
        ip: Some("192.0.2.1".to_owned()),
        user_agent: Some("test".to_owned()),
        method: "password".to_owned(),
    }
}

async fn pending(store: &DynStore) -> Vec<OutboxMessage> {
    store
        .messages_by_status(MessageStatus::Pending, 1000)
        .await
        .expect("pending messages")
}

// --- identities, contacts, credentials -------------------------------------------------

async fn migrate_twice_is_a_noop(store: DynStore) {
    store.migrate().await.expect("second migrate");
    store.migrate().await.expect("third migrate");
    store.ping().await.expect("ping");
    let t = now();
    identity_in(&store, "ann@shop.com", t).await;
}

async fn identity_round_trip(store: DynStore) {
    let t = now();
    let mut new = new_identity("Ann@Shop.com", t);
    let id = new.identity.id;
    let mut phone = contact(id, ContactKind::Phone, "+41446681800", t);
    phone.verified = true;
    new.contacts.push(phone);
    new.credentials[0].data = json!({"imported_from": "bcrypt", "n": [1, 2]});
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

// --- flows -----------------------------------------------------------------------------

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

// --- sessions --------------------------------------------------------------------------

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

// --- courier outbox --------------------------------------------------------------------

async fn outbox_claim_and_lease(store: DynStore) {
    let t = now();
    let due1 = message("a@x.org", t - Duration::seconds(2));
    let due2 = message("b@x.org", t - Duration::seconds(1));
    let future = message("c@x.org", t + Duration::minutes(5));
    store
        .enqueue_messages(&[due2.clone(), future.clone(), due1.clone()])
        .await
        .expect("enqueue");
    store
        .enqueue_messages(&[])
        .await
        .expect("nothing to enqueue");

    let lease = t + Duration::seconds(30);
    let claimed = store.claim_due_messages(t, lease, 10).await.expect("claim");
    let ids: Vec<_> = claimed.iter().map(|m| m.message.id).collect();
    assert_eq!(ids, [due1.id, due2.id], "due ones, oldest due first");
    assert_eq!(claimed[0].message, due1);
    assert_eq!(claimed[0].status, MessageStatus::Pending);

    // Leased: nobody else gets them until the lease runs out.
    assert!(
        store
            .claim_due_messages(t, lease, 10)
            .await
            .expect("claim")
            .is_empty()
    );
    let before = lease - Duration::milliseconds(1);
    assert!(
        store
            .claim_due_messages(before, lease, 10)
            .await
            .expect("claim")
            .is_empty()
    );
    let again = store
        .claim_due_messages(lease, lease + Duration::seconds(30), 10)
        .await
        .expect("claim after lease");
    assert_eq!(again.len(), 2, "an expired lease frees the messages");

    // The limit holds, and the future message becomes due in its time.
    let at = t + Duration::minutes(10);
    let one = store
        .claim_due_messages(at, at + Duration::seconds(30), 1)
        .await
        .expect("claim");
    assert_eq!(one.len(), 1);
    let rest = store
        .claim_due_messages(at, at + Duration::seconds(30), 10)
        .await
        .expect("claim");
    assert_eq!(rest.len(), 2);
    let all: HashSet<_> = one.iter().chain(&rest).map(|m| m.message.id).collect();
    assert!(all.contains(&future.id));
}

async fn outbox_concurrent_claimers_never_share(store: DynStore) {
    let t = now();
    let messages: Vec<_> = (0..40)
        .map(|i| message(&format!("u{i}@x.org"), t - Duration::milliseconds(i)))
        .collect();
    store.enqueue_messages(&messages).await.expect("enqueue");

    let lease = t + Duration::minutes(1);
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                let mut mine = Vec::new();
                loop {
                    let batch = store.claim_due_messages(t, lease, 3).await.expect("claim");
                    if batch.is_empty() {
                        break mine;
                    }
                    mine.extend(batch.into_iter().map(|m| m.message.id));
                }
            })
        })
        .collect();
    let mut all = Vec::new();
    for w in workers {
        all.extend(w.await.expect("join"));
    }
    let unique: HashSet<_> = all.iter().copied().collect();
    assert_eq!(unique.len(), all.len(), "a message was claimed twice");
    assert_eq!(all.len(), 40, "every message was claimed once");
}

async fn outbox_sent_failed_abandoned(store: DynStore) {
    let t = now();
    let sent = message("a@x.org", t);
    let retried = message("b@x.org", t);
    let dropped = message("c@x.org", t);
    store
        .enqueue_messages(&[sent.clone(), retried.clone(), dropped.clone()])
        .await
        .expect("enqueue");
    let lease = t + Duration::seconds(30);
    assert_eq!(
        store
            .claim_due_messages(t, lease, 10)
            .await
            .expect("claim")
            .len(),
        3
    );

    let t1 = t + Duration::seconds(1);
    store.mark_message_sent(sent.id, t1).await.expect("sent");
    let got = store
        .message(sent.id)
        .await
        .expect("message")
        .expect("exists");
    assert_eq!(got.status, MessageStatus::Sent);
    assert_eq!(got.sent_at, Some(t1));

    let retry_at = t + Duration::seconds(10);
    store
        .mark_message_failed(retried.id, 1, Some(retry_at), "421 try later", t1)
        .await
        .expect("failed");
    let got = store
        .message(retried.id)
        .await
        .expect("message")
        .expect("exists");
    assert_eq!(got.status, MessageStatus::Pending);
    assert_eq!(got.attempts, 1);
    assert_eq!(got.next_attempt_at, retry_at);
    assert_eq!(got.last_error.as_deref(), Some("421 try later"));
    assert_eq!(got.sent_at, None);

    store
        .mark_message_failed(dropped.id, 5, None, "550 no such user", t1)
        .await
        .expect("abandoned");
    let got = store
        .message(dropped.id)
        .await
        .expect("message")
        .expect("exists");
    assert_eq!(got.status, MessageStatus::Abandoned);
    assert_eq!(got.attempts, 5);
    assert_eq!(got.last_error.as_deref(), Some("550 no such user"));

    // The failure cleared the lease, so the retry is due at retry_at even though the
    // old lease (t + 30 s) has not run out; sent and abandoned ones never come back.
    let early = retry_at - Duration::milliseconds(1);
    assert!(
        store
            .claim_due_messages(early, lease, 10)
            .await
            .expect("claim")
            .is_empty()
    );
    let again = store
        .claim_due_messages(retry_at, lease, 10)
        .await
        .expect("claim");
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].message.id, retried.id);
    assert_eq!(again[0].attempts, 1);
    let much_later = t + Duration::days(1);
    let again = store
        .claim_due_messages(much_later, much_later + Duration::seconds(30), 10)
        .await
        .expect("claim");
    assert_eq!(again.len(), 1, "only the retried one");

    assert_eq!(store.message(Uuid::now_v7()).await.expect("message"), None);
    let err = store
        .mark_message_sent(Uuid::now_v7(), t)
        .await
        .expect_err("unknown");
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    let err = store
        .mark_message_failed(Uuid::now_v7(), 1, None, "x", t)
        .await
        .expect_err("unknown");
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}

async fn outbox_by_status(store: DynStore) {
    let t = now();
    let old = message("a@x.org", t - Duration::seconds(2));
    let mid = message("b@x.org", t - Duration::seconds(1));
    let new = message("c@x.org", t);
    store
        .enqueue_messages(&[mid.clone(), new.clone(), old.clone()])
        .await
        .expect("enqueue");
    store.mark_message_sent(mid.id, t).await.expect("sent");

    let pending: Vec<_> = pending(&store).await.iter().map(|m| m.message.id).collect();
    assert_eq!(pending, [new.id, old.id], "newest first");
    let limited = store
        .messages_by_status(MessageStatus::Pending, 1)
        .await
        .expect("limit");
    assert_eq!(limited.len(), 1);
    assert_eq!(limited[0].message.id, new.id);
    let sent = store
        .messages_by_status(MessageStatus::Sent, 10)
        .await
        .expect("sent");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].message.id, mid.id);
    assert!(
        store
            .messages_by_status(MessageStatus::Abandoned, 10)
            .await
            .expect("abandoned")
            .is_empty()
    );

    // An SMS has no subject and no HTML; both survive the round trip as they are.
    let sms = NewMessage {
        channel: Channel::Sms,
        recipient: "+41446681800".to_owned(),
        subject: String::new(),
        html: None,
        ..message("", t)
    };
    store
        .enqueue_messages(std::slice::from_ref(&sms))
        .await
        .expect("sms");
    assert_eq!(
        store
            .message(sms.id)
            .await
            .expect("sms")
            .expect("exists")
            .message,
        sms
    );
}

/// Once a message is sent or abandoned nobody needs its body, and the body is what carries
/// the code or link: it goes, the metadata stays. A retry still needs it.
async fn outbox_finished_rows_keep_no_body(store: DynStore) {
    let t = now();
    let sent = message("a@x.org", t);
    let dropped = message("b@x.org", t);
    let expired = message("c@x.org", t);
    let retried = message("d@x.org", t);
    store
        .enqueue_messages(&[
            sent.clone(),
            dropped.clone(),
            expired.clone(),
            retried.clone(),
        ])
        .await
        .expect("enqueue");
    let t1 = t + Duration::seconds(1);
    store.mark_message_sent(sent.id, t1).await.expect("sent");
    store
        .mark_message_failed(dropped.id, 1, None, "550 no such user", t1)
        .await
        .expect("abandoned");
    store
        .abandon_message(
            expired.id,
            9,
            "421 try later",
            "expired after 9 attempts: 421",
            t1,
        )
        .await
        .expect("abandoned");
    store
        .mark_message_failed(retried.id, 1, Some(t + Duration::seconds(10)), "421", t1)
        .await
        .expect("retry");
    for m in [&sent, &dropped, &expired] {
        let got = store.message(m.id).await.expect("message").expect("exists");
        assert!(!got.message.text.contains("123456"), "{:?}", got.status);
        assert_eq!(got.message.text, "");
        assert_eq!(got.message.html, None);
        assert_eq!(got.message.subject, m.subject, "the subject stays");
        assert_eq!(got.message.recipient, m.recipient);
        assert_eq!(got.message.useful_until, m.useful_until);
    }
    let got = store
        .message(expired.id)
        .await
        .expect("message")
        .expect("exists");
    assert_eq!(got.status, MessageStatus::Abandoned);
    assert_eq!(got.attempts, 9);
    assert_eq!(got.last_error.as_deref(), Some("421 try later"));
    assert_eq!(
        got.abandon_reason.as_deref(),
        Some("expired after 9 attempts: 421")
    );
    assert_eq!(got.last_attempt_at, Some(t1));
    let got = store
        .message(retried.id)
        .await
        .expect("message")
        .expect("exists");
    assert_eq!(
        got.message, retried,
        "a message still to be sent keeps its body"
    );
    assert_eq!(got.abandon_reason, None);
}

async fn outbox_purge_removes_finished_rows_before_the_cutoff(store: DynStore) {
    let t = now();
    let old_sent = message("a@x.org", t - Duration::days(31));
    let old_dropped = message("b@x.org", t - Duration::days(31));
    let old_pending = message("c@x.org", t - Duration::days(31));
    let new_sent = message("d@x.org", t - Duration::days(29));
    store
        .enqueue_messages(&[
            old_sent.clone(),
            old_dropped.clone(),
            old_pending.clone(),
            new_sent.clone(),
        ])
        .await
        .expect("enqueue");
    store.mark_message_sent(old_sent.id, t).await.expect("sent");
    store.mark_message_sent(new_sent.id, t).await.expect("sent");
    store
        .mark_message_failed(old_dropped.id, 1, None, "550", t)
        .await
        .expect("abandoned");
    let purged = store
        .purge_messages(t - Duration::days(30))
        .await
        .expect("purge");
    assert_eq!(purged, 2);
    assert!(store.message(old_sent.id).await.expect("message").is_none());
    assert!(
        store
            .message(old_dropped.id)
            .await
            .expect("message")
            .is_none()
    );
    assert!(
        store
            .message(old_pending.id)
            .await
            .expect("message")
            .is_some()
    );
    assert!(store.message(new_sent.id).await.expect("message").is_some());
    assert_eq!(
        store
            .purge_messages(t - Duration::days(30))
            .await
            .expect("purge"),
        0
    );
}

// --- dev mailbox -----------------------------------------------------------------------

async fn mailbox_filter(store: DynStore) {
    let t = now();
    let entry = |to: &str, at: OffsetDateTime, channel: Channel| MailboxEntry {
        id: Uuid::now_v7(),
        to: to.to_owned(),
        channel,
        subject: format!("for {to}"),
        text: "hello".to_owned(),
        html: Some("<p>hello</p>".to_owned()),
        created_at: at,
    };
    let a1 = entry("Ann@Shop.com", t, Channel::Email);
    let b = entry("bob@shop.com", t + Duration::seconds(1), Channel::Email);
    let a2 = entry("ann@shop.com", t + Duration::seconds(2), Channel::Email);
    let sms = entry("+41446681800", t + Duration::seconds(3), Channel::Sms);
    for e in [&a1, &b, &a2, &sms] {
        store.mailbox_put(e).await.expect("put");
    }

    let anns = store
        .mailbox_list(Some("ANN@shop.com"), 10)
        .await
        .expect("list");
    assert_eq!(
        anns,
        vec![a2.clone(), a1.clone()],
        "both cases, newest first"
    );
    assert_eq!(anns[1].to, "Ann@Shop.com", "the address keeps its case");

    let all: Vec<_> = store
        .mailbox_list(None, 10)
        .await
        .expect("all")
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(all, [sms.id, a2.id, b.id, a1.id]);
    assert_eq!(store.mailbox_list(None, 2).await.expect("limit").len(), 2);
    let phone = store
        .mailbox_list(Some("+41446681800"), 10)
        .await
        .expect("sms");
    assert_eq!(phone, vec![sms]);
    assert!(
        store
            .mailbox_list(Some("eve@shop.com"), 10)
            .await
            .expect("none")
            .is_empty()
    );
}

// --- backend-specific checks -----------------------------------------------------------

#[tokio::test]
async fn connect_rejects_unknown_scheme() {
    let err = connect("mysql://localhost/db")
        .await
        .err()
        .expect("refused");
    assert!(matches!(err, StoreError::Database(_)), "{err:?}");
}

#[tokio::test]
async fn sqlite_in_memory_keeps_its_data() {
    let store = connect("sqlite::memory:").await.expect("connect");
    store.migrate().await.expect("migrate");
    let t = now();
    let id = identity_in(&store, "ann@shop.com", t).await;
    // The pool must not drop its one connection (and with it the database) between calls.
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    assert!(store.identity(id).await.expect("identity").is_some());
    // The session check of an in-memory database goes through sqlx (a file's does not).
    let s = session(id, t, Duration::hours(1));
    store.create_session(&s, &[]).await.expect("session");
    let found = store
        .session_by_token_hash(&s.token_hash, t)
        .await
        .expect("lookup")
        .expect("live");
    assert_eq!(found.session, s);
    assert_eq!(found.account.contacts.len(), 1);
}

/// A file database's session check reads through its own connections (not sqlx's): it
/// must see every committed write at once, revocation included.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_session_check_sees_commits_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("hot.db").display());
    let store = connect(&url).await.expect("connect");
    store.migrate().await.expect("migrate");
    let t = now();
    let id = identity_in(&store, "ann@shop.com", t).await;
    let s = session(id, t, Duration::hours(1));
    store.create_session(&s, &[]).await.expect("session");
    for _ in 0..3 {
        assert!(
            store
                .session_by_token_hash(&s.token_hash, t)
                .await
                .expect("lookup")
                .is_some()
        );
    }
    assert!(store.revoke_session(id, s.id, t).await.expect("revoke"));
    assert!(
        store
            .session_by_token_hash(&s.token_hash, t)
            .await
            .expect("lookup")
            .is_none(),
        "revoked means gone on the very next check"
    );
    let s2 = session(id, t, Duration::hours(1));
    store.create_session(&s2, &[]).await.expect("session");
    assert!(
        store
            .session_by_token_hash(&s2.token_hash, t)
            .await
            .expect("lookup")
            .is_some()
    );
}

#[tokio::test]
async fn sqlite_creates_the_file_with_wal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("new.db");
    let store = SqliteStore::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("connect");
    assert!(path.exists());
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(store.pool())
        .await
        .expect("pragma");
    assert_eq!(mode, "wal");
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(store.pool())
        .await
        .expect("pragma");
    assert_eq!(fk, 1);
}

#[tokio::test]
async fn sqlite_corrupt_enum_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::connect(&format!("sqlite://{}", dir.path().join("c.db").display()))
        .await
        .expect("connect");
    store.migrate().await.expect("migrate");
    let t = now();
    let new = new_identity("ann@shop.com", t);
    store.create_identity(&new, &[]).await.expect("create");
    sqlx::query("UPDATE identities SET state = 'frozen'")
        .execute(store.pool())
        .await
        .expect("corrupt it");
    let err = store.identity(new.identity.id).await.expect_err("corrupt");
    assert!(matches!(err, StoreError::Corrupt(_)), "{err:?}");
}

#[tokio::test]
async fn postgres_corrupt_enum_is_reported() {
    let Some(db) = PgDatabase::create().await else {
        return;
    };
    let store = PgStore::connect(&db.url).await.expect("connect");
    store.migrate().await.expect("migrate");
    let t = now();
    let new = new_identity("ann@shop.com", t);
    store.create_identity(&new, &[]).await.expect("create");
    sqlx::query("UPDATE identities SET state = 'frozen'")
        .execute(store.pool())
        .await
        .expect("corrupt it");
    let err = store.identity(new.identity.id).await.expect_err("corrupt");
    assert!(matches!(err, StoreError::Corrupt(_)), "{err:?}");
    store.pool().close().await;
    db.drop_database().await;
}

/// Two nodes are two pools on one database: claims through both never overlap.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_two_nodes_never_claim_the_same_message() {
    let Some(db) = PgDatabase::create().await else {
        return;
    };
    let a = connect(&db.url).await.expect("node a");
    let b = connect(&db.url).await.expect("node b");
    a.migrate().await.expect("migrate");
    b.migrate()
        .await
        .expect("migrate from the other node is a no-op");
    let t = now();
    let messages: Vec<_> = (0..60)
        .map(|i| message(&format!("u{i}@x.org"), t - Duration::milliseconds(i)))
        .collect();
    a.enqueue_messages(&messages).await.expect("enqueue");
    let lease = t + Duration::minutes(1);
    let workers: Vec<_> = [a, b]
        .into_iter()
        .flat_map(|node| [node.clone(), node])
        .map(|node| {
            tokio::spawn(async move {
                let mut mine = Vec::new();
                loop {
                    let batch = node.claim_due_messages(t, lease, 4).await.expect("claim");
                    if batch.is_empty() {
                        break mine;
                    }
                    mine.extend(batch.into_iter().map(|m| m.message.id));
                }
            })
        })
        .collect();
    let mut all = Vec::new();
    for w in workers {
        all.extend(w.await.expect("join"));
    }
    let unique: HashSet<_> = all.iter().copied().collect();
    assert_eq!(unique.len(), all.len(), "a message was claimed twice");
    assert_eq!(all.len(), 60);
    db.drop_database().await;
}

// --- recovery --------------------------------------------------------------------------

mod recovery {
    use super::*;

    conformance!(
        recovery_flow_with_link_and_channel_switch,
        password_reset_has_one_winner_and_ends_everything,
        password_reset_refuses_stale_expired_and_wrong_purpose,
        report_blocks_and_recovery_lifts_it,
    );

    fn token(
        identity: IdentityId,
        purpose: TokenPurpose,
        stamp: Option<OffsetDateTime>,
        t: OffsetDateTime,
    ) -> ResetToken {
        ResetToken {
            token_hash: format!("{:x}", Uuid::now_v7().as_u128()),
            identity_id: identity,
            flow_id: None,
            purpose,
            credential_stamp: stamp,
            created_at: t,
            expires_at: t + Duration::hours(2),
            used_at: None,
        }
    }

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
}

// --- abuse -----------------------------------------------------------------------------

#[allow(clippy::unwrap_used)]
mod abuse {
    use super::*;

    conformance!(
        lockout_counts_forgets_and_clears,
        fifty_concurrent_failures_are_all_counted,
        unlock_tokens_are_single_use_and_expire,
        a_refund_gives_one_failure_back_and_its_stamp,
        device_epochs_start_at_zero_and_only_go_up,
    );

    async fn a_refund_gives_one_failure_back_and_its_stamp(store: DynStore) {
        let t = now();
        let day = Duration::hours(24);
        let first = store
            .record_lockout_failure("identity:r", t, t - day)
            .await
            .unwrap();
        let later = t + Duration::minutes(5);
        store
            .record_lockout_failure("identity:r", later, later - day)
            .await
            .unwrap();
        store
            .refund_lockout_failure("identity:r", Some(first.last_failure_at))
            .await
            .unwrap();
        let got = store.lockout("identity:r").await.unwrap().unwrap();
        assert_eq!(got.failures, 1);
        assert_eq!(
            got.last_failure_at, first.last_failure_at,
            "the stamp put back"
        );
        store
            .refund_lockout_failure("identity:r", None)
            .await
            .unwrap();
        store
            .refund_lockout_failure("identity:r", None)
            .await
            .unwrap();
        let got = store.lockout("identity:r").await.unwrap().unwrap();
        assert_eq!(got.failures, 0, "never below zero");
        store.refund_lockout_failure("nothing", None).await.unwrap();
        assert_eq!(store.lockout("nothing").await.unwrap(), None);
    }

    async fn device_epochs_start_at_zero_and_only_go_up(store: DynStore) {
        let t = now();
        let new = new_identity("epoch@x.org", t);
        let id = new.identity.id;
        store.create_identity(&new, &[]).await.unwrap();
        assert_eq!(store.device_epoch(id).await.unwrap(), 0);
        assert_eq!(store.bump_device_epoch(id).await.unwrap(), 1);
        assert_eq!(store.bump_device_epoch(id).await.unwrap(), 2);
        assert_eq!(store.device_epoch(id).await.unwrap(), 2);
        assert_eq!(store.device_epoch(IdentityId::new()).await.unwrap(), 0);
    }

    async fn lockout_counts_forgets_and_clears(store: DynStore) {
        let t = now();
        let day = Duration::hours(24);
        assert_eq!(store.lockout("identity:x").await.unwrap(), None);
        for n in 1..=3 {
            let r = store
                .record_lockout_failure("identity:x", t, t - day)
                .await
                .unwrap();
            assert_eq!(r.failures, n);
            assert_eq!(r.last_failure_at, t);
        }
        let later = t + Duration::minutes(5);
        let r = store
            .record_lockout_failure("identity:x", later, later - day)
            .await
            .unwrap();
        assert_eq!((r.failures, r.last_failure_at), (4, later));
        // A day of quiet: the count starts again.
        let next_day = later + Duration::hours(25);
        let r = store
            .record_lockout_failure("identity:x", next_day, next_day - day)
            .await
            .unwrap();
        assert_eq!(r.failures, 1);
        store
            .record_lockout_failure("device:y", t, t - day)
            .await
            .unwrap();
        store
            .clear_lockouts(&["identity:x".to_owned(), "nothing".to_owned()])
            .await
            .unwrap();
        assert_eq!(store.lockout("identity:x").await.unwrap(), None);
        assert_eq!(
            store.lockout("device:y").await.unwrap().unwrap().failures,
            1
        );
    }

    async fn fifty_concurrent_failures_are_all_counted(store: DynStore) {
        let t = now();
        let tasks: Vec<_> = (0..50)
            .map(|_| {
                let store = store.clone();
                tokio::spawn(async move {
                    store
                        .record_lockout_failure("identity:busy", t, t - Duration::hours(24))
                        .await
                        .unwrap()
                        .failures
                })
            })
            .collect();
        let mut seen = Vec::new();
        for task in tasks {
            seen.push(task.await.unwrap());
        }
        seen.sort_unstable();
        assert_eq!(seen, (1..=50).collect::<Vec<_>>());
        assert_eq!(
            store
                .lockout("identity:busy")
                .await
                .unwrap()
                .unwrap()
                .failures,
            50
        );
    }

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
}
