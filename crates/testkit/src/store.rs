//! A fresh, migrated store for tests that talk to the store without the application
//! (the courier's, say).

use latchkey_store::DynStore;

/// A fresh SQLite database in a temp folder: a file, not `:memory:`, so the pool really
/// has several connections and concurrent claims are tested for real. The folder goes
/// when this is dropped.
pub struct TestStore {
    pub store: DynStore,
    /// The database's URL, so a test can open it again as a restarted process would.
    pub url: String,
    _dir: tempfile::TempDir,
}

/// A [`TestStore`] whose database file is called `file`.
pub async fn sqlite_store(file: &str) -> TestStore {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join(file).display());
    let store = latchkey_store::connect(&url).await.expect("connect");
    store.migrate().await.expect("migrate");
    TestStore {
        store,
        url,
        _dir: dir,
    }
}
