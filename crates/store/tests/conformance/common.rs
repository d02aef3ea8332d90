//! The backends every test runs on, and the fixtures the tests share.

pub use latchkey_domain::clock::{from_millis, to_millis};
pub use latchkey_domain::ids::{FlowId, IdentityId, SessionId};
pub use latchkey_store::*;
pub use serde_json::json;
pub use std::collections::HashSet;
pub use std::future::Future;
pub use time::{Duration, OffsetDateTime};
pub use uuid::Uuid;

// --- harness ---------------------------------------------------------------------------

pub use latchkey_testkit::PgDatabase;

/// A fresh SQLite store (a file in a temp folder, so the pool really has several
/// connections), from the testkit like every suite's.
pub async fn run_sqlite<F, Fut>(test: F)
where
    F: FnOnce(DynStore) -> Fut,
    Fut: Future<Output = ()>,
{
    let db = latchkey_testkit::sqlite_store("store.db").await;
    assert_eq!(db.store.backend(), "sqlite");
    test(db.store.clone()).await;
}

/// A fresh PostgreSQL database (the testkit's one helper), or a `SKIPPED` line without
/// `TEST_DATABASE_URL`. Dropped after a pass; a failed test leaves it to look at.
pub async fn run_postgres<F, Fut>(test: F)
where
    F: FnOnce(DynStore) -> Fut,
    Fut: Future<Output = ()>,
{
    let Some(db) = PgDatabase::create("PostgreSQL conformance").await else {
        return;
    };
    let store = connect(&db.url).await.expect("connect postgres");
    assert_eq!(store.backend(), "postgres");
    store.migrate().await.expect("migrate postgres");
    test(store).await;
    db.drop_database().await;
}

// --- fixtures --------------------------------------------------------------------------

/// Now, cut to whole milliseconds: the store keeps milliseconds, and round trips must
/// compare equal.
pub fn now() -> OffsetDateTime {
    from_millis(to_millis(OffsetDateTime::now_utc()))
}

pub fn message(to: &str, at: OffsetDateTime) -> NewMessage {
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

pub fn contact(
    identity: IdentityId,
    kind: ContactKind,
    address: &str,
    t: OffsetDateTime,
) -> Contact {
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

pub fn new_identity(email: &str, t: OffsetDateTime) -> NewIdentity {
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
            name: None,
            lookup: None,
            counter: 0,
            created_at: t,
            updated_at: t,
            last_used_at: None,
        }],
    }
}

pub async fn identity_in(store: &DynStore, email: &str, t: OffsetDateTime) -> IdentityId {
    let new = new_identity(email, t);
    store
        .create_identity(&new, &[])
        .await
        .expect("create identity");
    new.identity.id
}

pub fn flow(identity: Option<IdentityId>, t: OffsetDateTime) -> Flow {
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

pub fn code(flow: FlowId, hash: &str, t: OffsetDateTime) -> FlowCode {
    FlowCode {
        id: Uuid::now_v7(),
        flow_id: flow,
        code_hash: hash.to_owned(),
        created_at: t,
        expires_at: t + Duration::minutes(15),
    }
}

pub fn session(identity: IdentityId, t: OffsetDateTime, idle: Duration) -> Session {
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
        aal: latchkey_domain::Aal::Aal1,
        amr: vec!["password".to_owned()],
        authenticated_at: t,
    }
}

pub async fn pending(store: &DynStore) -> Vec<OutboxMessage> {
    store
        .messages_by_status(MessageStatus::Pending, 1000)
        .await
        .expect("pending messages")
}

pub fn token(
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
