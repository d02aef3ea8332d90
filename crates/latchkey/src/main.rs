//! The `latchkey` command: thin on purpose; everything lives in the library.

use clap::{Parser, Subcommand};
use latchkey::config::{Config, LogFormat};
use latchkey::{Application, telemetry};
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "latchkey", version, about = "Self-hosted account service")]
struct Cli {
    /// Configuration file (TOML); every key can also be set as LATCHKEY_<KEY>.
    #[arg(long, global = true, env = "LATCHKEY_CONFIG")]
    config: Option<PathBuf>,
    /// Log format.
    #[arg(long, global = true, value_enum)]
    log_format: Option<LogFormat>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the HTTP server and the courier worker.
    Serve {
        /// Demo/dev defaults: SQLite ./latchkey.db, dev mailbox, cookies without Secure.
        #[arg(long)]
        dev: bool,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Import accounts from a JSON Lines file (one `POST /admin/api/identities` body a
    /// line); refused lines are listed on stderr, the rest import.
    Import {
        /// The file, one JSON object a line.
        file: PathBuf,
        /// Rows per transaction.
        #[arg(long, default_value_t = 10_000)]
        batch: usize,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let dev = matches!(cli.command, Command::Serve { dev: true });
    let config = match cli.command {
        // Only the database: no transport or secret key is needed to import.
        Command::Import { .. } => Config::load_for_tools(cli.config.as_deref())?,
        _ => Config::load(cli.config.as_deref(), dev)?,
    };
    telemetry::init(cli.log_format.unwrap_or(config.log_format));
    match cli.command {
        Command::Serve { .. } => {
            let app = Application::build(config).await?;
            tracing::info!(address = %app.local_addr()?, dev, "latchkey listening");
            match app.metrics_addr() {
                Some(addr) => tracing::info!(address = %addr, "metrics listening"),
                None => tracing::info!("metrics off (LATCHKEY_METRICS_BIND)"),
            }
            app.run(shutdown_signal()).await
        }
        Command::Migrate => {
            let store = latchkey_store::connect(&config.database_url).await?;
            store.migrate().await?;
            tracing::info!(database = store.backend(), "migrations applied");
            Ok(())
        }
        Command::Import { file, batch } => {
            let done = latchkey::import::run(&config, &file, batch).await?;
            println!("imported {}, failed {}", done.imported, done.failed);
            Ok(())
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}
