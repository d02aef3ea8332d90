//! What concerns a backend as a whole (migrations, connecting) and checks that only make
//! sense on one backend.

use crate::common::*;

conformance!(migrate_twice_is_a_noop);

async fn migrate_twice_is_a_noop(store: DynStore) {
    store.migrate().await.expect("second migrate");
    store.migrate().await.expect("third migrate");
    store.ping().await.expect("ping");
    let t = now();
    identity_in(&store, "ann@shop.com", t).await;
}

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
    let Some(db) = PgDatabase::create("PostgreSQL conformance").await else {
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
    let Some(db) = PgDatabase::create("PostgreSQL conformance").await else {
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
