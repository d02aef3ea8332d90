//! Helpers shared by the bench binaries and the Criterion benches: filling a store with
//! accounts and live sessions directly (not over HTTP), fast enough for a million rows.

use latchkey_domain::secret::{new_token, token_hash};
use latchkey_domain::{Email, IdentityId, SessionId};
use latchkey_store::{
    Contact, ContactKind, Credential, CredentialKind, DynStore, Identity, IdentityState,
    NewIdentity, Session,
};
use std::ops::Range;
use time::{Duration, OffsetDateTime};
use tokio::task::JoinSet;
use uuid::Uuid;

/// The password of every seeded account.
pub const PASSWORD: &str = "bench-correct-horse-42";

/// The sign-in address of seeded account `i`.
pub fn email(i: usize) -> String {
    format!("user{i}@bench.example.com")
}

/// One account with a verified primary email and a password whose hash is `phc`.
pub fn new_identity(i: usize, phc: &str, now: OffsetDateTime) -> anyhow::Result<NewIdentity> {
    let id = IdentityId::new();
    let address = Email::parse(&email(i)).map_err(|e| anyhow::anyhow!("{e:?}"))?;
    Ok(NewIdentity {
        identity: Identity {
            id,
            name: None,
            locale: Some("en".into()),
            state: IdentityState::Active,
            created_at: now,
            updated_at: now,
        },
        contacts: vec![Contact {
            id: Uuid::now_v7(),
            identity_id: id,
            kind: ContactKind::Email,
            address: address.as_str().to_owned(),
            address_key: address.key(),
            verified: true,
            primary: true,
            created_at: now,
        }],
        credentials: vec![Credential {
            id: Uuid::now_v7(),
            identity_id: id,
            kind: CredentialKind::Password,
            secret: phc.to_owned(),
            data: serde_json::Value::Null,
            name: None,
            lookup: None,
            counter: 0,
            created_at: now,
            updated_at: now,
            last_used_at: None,
        }],
    })
}

/// Creates accounts `range` (all with the same PHC string: one hash, identical sign-in
/// cost) with at most `concurrency` transactions in flight. Returns their ids.
pub async fn seed_identities(
    store: &DynStore,
    range: Range<usize>,
    phc: &str,
    concurrency: usize,
) -> anyhow::Result<Vec<IdentityId>> {
    let now = OffsetDateTime::now_utc();
    let mut ids = Vec::with_capacity(range.len());
    let mut tasks = JoinSet::new();
    for i in range {
        if tasks.len() >= concurrency.max(1)
            && let Some(done) = tasks.join_next().await
        {
            ids.push(done??);
        }
        let new = new_identity(i, phc, now)?;
        let store = store.clone();
        tasks.spawn(async move {
            store.create_identity(&new, &[]).await?;
            Ok::<_, anyhow::Error>(new.identity.id)
        });
    }
    while let Some(done) = tasks.join_next().await {
        ids.push(done??);
    }
    Ok(ids)
}

/// Creates `count` live sessions spread over `owners`; returns their tokens.
pub async fn seed_sessions(
    store: &DynStore,
    owners: &[IdentityId],
    count: usize,
    concurrency: usize,
) -> anyhow::Result<Vec<String>> {
    anyhow::ensure!(!owners.is_empty() || count == 0, "sessions need owners");
    let now = OffsetDateTime::now_utc();
    let mut tokens = Vec::with_capacity(count);
    let mut tasks = JoinSet::new();
    for i in 0..count {
        if tasks.len() >= concurrency.max(1)
            && let Some(done) = tasks.join_next().await
        {
            done??;
        }
        let token = new_token();
        let session = Session {
            id: SessionId::new(),
            identity_id: owners[i % owners.len()],
            token_hash: token_hash(&token),
            created_at: now,
            last_seen_at: now,
            expires_at: now + Duration::days(14),
            absolute_expires_at: now + Duration::days(90),
            ip: Some("127.0.0.1".into()),
            user_agent: Some("latchkey-bench".into()),
            method: "password".into(),
            aal: latchkey_domain::Aal::Aal1,
            amr: vec!["password".into()],
            authenticated_at: now,
        };
        tokens.push(token);
        let store = store.clone();
        tasks.spawn(async move {
            store.create_session(&session, &[]).await?;
            Ok::<_, anyhow::Error>(())
        });
    }
    while let Some(done) = tasks.join_next().await {
        done??;
    }
    Ok(tokens)
}
