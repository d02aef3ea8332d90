//! Seeds a Latchkey database through the store (not HTTP) for `bench/run`: accounts
//! `user<i>@bench.example.com` with a verified email and one shared Argon2id password
//! hash, and live sessions whose tokens go to a file, one per line, for the load tool.

use clap::Parser;
use latchkey_bench::{PASSWORD, seed_identities, seed_sessions};
use latchkey_domain::Password;
use latchkey_flows::{HashParams, Hasher};
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Parser)]
#[command(about = "Seed accounts and sessions into a Latchkey database")]
struct Args {
    /// `sqlite://…` or `postgres://…`; migrated first.
    #[arg(long)]
    database_url: String,
    /// Index of the first account to create (to grow an already seeded database).
    #[arg(long, default_value_t = 0)]
    from: usize,
    /// Index one past the last account to create.
    #[arg(long)]
    to: usize,
    /// Live sessions to create, spread over the accounts created by this run.
    #[arg(long, default_value_t = 0)]
    sessions: usize,
    /// Where the session tokens go.
    #[arg(long)]
    tokens_out: Option<PathBuf>,
    /// Transactions in flight at once.
    #[arg(long, default_value_t = 8)]
    concurrency: usize,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let store = latchkey_store::connect(&args.database_url).await?;
    store.migrate().await?;
    // Hashed once with the product's own hasher and defaults, so every seeded account
    // costs exactly what a real one costs to sign in to.
    let phc = Hasher::new(HashParams::default(), 1, 0)?
        .hash(&Password::new(PASSWORD))
        .await?;
    let started = Instant::now();
    let ids = seed_identities(&store, args.from..args.to, &phc, args.concurrency).await?;
    let identities_s = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let tokens = seed_sessions(&store, &ids, args.sessions, args.concurrency).await?;
    let sessions_s = started.elapsed().as_secs_f64();
    if let Some(path) = &args.tokens_out {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        for t in &tokens {
            writeln!(out, "{t}")?;
        }
        out.flush()?;
    }
    eprintln!(
        "seeded {} accounts in {identities_s:.1} s and {} sessions in {sessions_s:.1} s ({})",
        ids.len(),
        tokens.len(),
        store.backend()
    );
    Ok(())
}
