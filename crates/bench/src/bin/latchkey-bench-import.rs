//! `latchkey import`'s throughput: N generated rows (verified email, name, a password
//! hash taken from the reference vectors, so nothing is hashed) imported (a) by a plain
//! multi-row INSERT of the same rows into the same tables, the baseline, and (b) by the
//! import journey (`flows.import().rows`, what the command runs), each into a fresh
//! database: SQLite always, PostgreSQL when `--postgres` or `TEST_DATABASE_URL` is given.
//! Prints rows/s and the ratio import/baseline (BENCHMARKS.md, "User import").

use clap::Parser;
use latchkey_flows::ImportRow;
use std::time::Instant;
use uuid::Uuid;

#[derive(Parser)]
#[command(about = "Import throughput against a plain bulk insert")]
struct Args {
    /// Rows to import.
    #[arg(long, default_value_t = 1_000_000)]
    rows: usize,
    /// Rows per transaction (`latchkey import --batch`).
    #[arg(long, default_value_t = 10_000)]
    batch: usize,
    /// A PostgreSQL server URL to create fresh databases on (default: TEST_DATABASE_URL).
    #[arg(long)]
    postgres: Option<String>,
    /// Skip PostgreSQL even when TEST_DATABASE_URL is set.
    #[arg(long)]
    sqlite_only: bool,
}

const FIXTURE: &str = include_str!("../../../flows/tests/fixtures/legacy_hashes.json");

/// The hashes the rows cycle through: bcrypt, PHPass and Argon2 (the formats shops
/// bring most), precomputed once.
fn hashes() -> anyhow::Result<Vec<String>> {
    let doc: serde_json::Value = serde_json::from_str(FIXTURE)?;
    let picked: Vec<String> = doc["vectors"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|v| matches!(v["scheme"].as_str(), Some("bcrypt" | "phpass" | "argon2id")))
        .filter_map(|v| v["hash"].as_str().map(str::to_owned))
        .collect();
    anyhow::ensure!(!picked.is_empty(), "no hashes in the fixture");
    Ok(picked)
}

fn row(i: usize, hashes: &[String]) -> ImportRow {
    ImportRow {
        email: Some(format!("user{i}@import.example.com")),
        name: Some(format!("User {i}")),
        password_hash: Some(hashes[i % hashes.len()].clone()),
        email_verified: true,
        locale: Some("en".into()),
        ..ImportRow::default()
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let hashes = hashes()?;
    let dir = tempdir()?;
    let mut results = Vec::new();
    let sqlite = |name: &str| format!("sqlite://{}/{name}.db", dir.display());
    let (b, i) = measure(&args, &hashes, &sqlite("baseline"), &sqlite("import")).await?;
    results.push(("sqlite", b, i));
    let pg = args
        .postgres
        .clone()
        .or_else(|| std::env::var("TEST_DATABASE_URL").ok());
    if let (Some(server), false) = (pg, args.sqlite_only) {
        let base = fresh_pg(&server, "baseline").await?;
        let import = fresh_pg(&server, "import").await?;
        let measured = measure(&args, &hashes, &base.1, &import.1).await;
        drop_pg(&server, &base.0).await?;
        drop_pg(&server, &import.0).await?;
        let (b, i) = measured?;
        results.push(("postgres", b, i));
    }
    println!("rows: {}, batch: {}", args.rows, args.batch);
    println!("backend   baseline rows/s   import rows/s   import/baseline");
    for (backend, b, i) in results {
        println!(
            "{backend:<9} {:>15.0}   {:>13.0}   {:>15.2}",
            args.rows as f64 / b,
            args.rows as f64 / i,
            b / i
        );
    }
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}

/// Seconds for the baseline and for the import, each on its own fresh database.
async fn measure(
    args: &Args,
    hashes: &[String],
    baseline_url: &str,
    import_url: &str,
) -> anyhow::Result<(f64, f64)> {
    let store = latchkey_store::connect(baseline_url).await?;
    store.migrate().await?;
    drop(store);
    let baseline = baseline_insert(baseline_url, args.rows, args.batch, hashes).await?;
    eprintln!("{baseline_url}: baseline {baseline:.2} s");

    let mut config = latchkey::Config::load_for_tool(None)?;
    config.database_url = import_url.to_owned();
    let store = latchkey_store::connect(import_url).await?;
    store.migrate().await?;
    let flows = latchkey::startup::offline_flows(&config, store)?;
    let started = Instant::now();
    let mut imported = 0;
    for start in (0..args.rows).step_by(args.batch) {
        // Rows are built batch by batch, as the command reads them, inside the timing.
        let rows: Vec<(u64, ImportRow)> = (start..(start + args.batch).min(args.rows))
            .map(|i| (i as u64 + 1, row(i, hashes)))
            .collect();
        let report = flows.import().rows(rows).await?;
        anyhow::ensure!(
            report.failed.is_empty(),
            "failures: {:?}",
            &report.failed[..1]
        );
        imported += report.imported;
    }
    let import = started.elapsed().as_secs_f64();
    anyhow::ensure!(imported as usize == args.rows);
    eprintln!("{import_url}: import {import:.2} s");
    Ok((baseline, import))
}

/// The same rows (identity, verified email, password credential, `identity.created`
/// event) written with multi-row INSERTs, one transaction per batch, no checks.
async fn baseline_insert(
    url: &str,
    rows: usize,
    batch: usize,
    hashes: &[String],
) -> anyhow::Result<f64> {
    macro_rules! run {
        ($pool:expr, $begin:literal) => {{
            let pool = $pool;
            let now = time::OffsetDateTime::now_utc();
            let ms = (now.unix_timestamp_nanos() / 1_000_000) as i64;
            let started = Instant::now();
            for start in (0..rows).step_by(batch) {
                let end = (start + batch).min(rows);
                let mut tx = pool.begin_with($begin).await?;
                for chunk_start in (start..end).step_by(1000) {
                    let chunk: Vec<(usize, Uuid)> = (chunk_start..(chunk_start + 1000).min(end))
                        .map(|i| (i, Uuid::now_v7()))
                        .collect();
                    let sql = insert("identities (id, name, locale, state, created_at, updated_at)", chunk.len(), 6);
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for (i, id) in &chunk {
                        q = q.bind(*id).bind(format!("User {i}")).bind("en").bind("active").bind(ms).bind(ms);
                    }
                    q.execute(&mut *tx).await?;
                    let sql = insert("contacts (id, identity_id, kind, address, address_key, verified, is_primary, created_at)", chunk.len(), 8);
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for (i, id) in &chunk {
                        let a = format!("user{i}@import.example.com");
                        q = q.bind(Uuid::now_v7()).bind(*id).bind("email").bind(a.clone()).bind(a).bind(true).bind(true).bind(ms);
                    }
                    q.execute(&mut *tx).await?;
                    let sql = insert("credentials (id, identity_id, kind, secret, data, created_at, updated_at, name, lookup, counter, last_used_at)", chunk.len(), 11);
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for (i, id) in &chunk {
                        q = q.bind(Uuid::now_v7()).bind(*id).bind("password").bind(hashes[i % hashes.len()].clone()).bind("null").bind(ms).bind(ms).bind(None::<String>).bind(None::<String>).bind(0i64).bind(None::<i64>);
                    }
                    q.execute(&mut *tx).await?;
                    let sql = insert("events (id, identity_id, kind, at, ip, user_agent, data)", chunk.len(), 7);
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for (_, id) in &chunk {
                        q = q.bind(Uuid::now_v7()).bind(*id).bind("identity.created").bind(ms).bind(None::<String>).bind(None::<String>).bind(r#"{"method":"import"}"#);
                    }
                    q.execute(&mut *tx).await?;
                }
                tx.commit().await?;
            }
            started.elapsed().as_secs_f64()
        }};
    }
    if url.starts_with("sqlite:") {
        use std::str::FromStr;
        let options = sqlx::sqlite::SqliteConnectOptions::from_str(url)?
            .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
            .synchronous(sqlx::sqlite::SqliteSynchronous::Normal)
            .foreign_keys(true);
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?;
        Ok(run!(pool, "BEGIN IMMEDIATE"))
    } else {
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(1)
            .connect(url)
            .await?;
        Ok(run!(pool, "BEGIN"))
    }
}

fn insert(table: &str, rows: usize, cols: usize) -> String {
    let mut s = format!("INSERT INTO {table} VALUES ");
    for r in 0..rows {
        if r > 0 {
            s.push_str(", ");
        }
        s.push('(');
        for c in 0..cols {
            if c > 0 {
                s.push_str(", ");
            }
            s.push_str(&format!("${}", r * cols + c + 1));
        }
        s.push(')');
    }
    s
}

fn tempdir() -> anyhow::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("lk-bench-import-{}", Uuid::now_v7()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// A fresh `lk_bench_import_<uuid>` database on `server`: (name, URL).
async fn fresh_pg(server: &str, what: &str) -> anyhow::Result<(String, String)> {
    use sqlx::Connection;
    let name = format!("lk_bench_import_{what}_{}", Uuid::now_v7().simple());
    let mut conn = sqlx::PgConnection::connect(server).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await?;
    let mut url = url_of(server)?;
    url.set_path(&format!("/{name}"));
    Ok((name, url.to_string()))
}

async fn drop_pg(server: &str, name: &str) -> anyhow::Result<()> {
    use sqlx::Connection;
    let mut conn = sqlx::PgConnection::connect(server).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&mut conn)
    .await?;
    Ok(())
}

fn url_of(s: &str) -> anyhow::Result<url::Url> {
    Ok(url::Url::parse(s)?)
}
