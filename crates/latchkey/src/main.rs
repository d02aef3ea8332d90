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
    /// Admin keys for the admin API and console.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an admin key; it is printed once and stored only as a digest.
    CreateKey {
        /// `agent` (support: read, unlock, end sessions, recovery, remove factors) or
        /// `admin` (everything).
        #[arg(long)]
        role: String,
        /// Who or what holds it ("support desk", "shop backend").
        #[arg(long)]
        name: String,
    },
    /// List the admin keys (never their secrets).
    ListKeys,
    /// Revoke an admin key by its id.
    RevokeKey {
        /// The key's id, as `list-keys` shows it.
        id: uuid::Uuid,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let dev = matches!(cli.command, Command::Serve { dev: true });
    let config = match cli.command {
        Command::Serve { .. } => Config::load(cli.config.as_deref(), dev)?,
        // Only the database: the tools need no transport or secret key.
        _ => Config::load_for_tool(cli.config.as_deref())?,
    };
    telemetry::init(
        cli.log_format.unwrap_or(config.log_format),
        !matches!(cli.command, Command::Serve { .. }),
    );
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
        Command::Admin { command } => admin(&config, command).await,
        Command::Import { file, batch } => {
            let done = latchkey::import::run(&config, &file, batch).await?;
            println!("imported {}, failed {}", done.imported, done.failed);
            Ok(())
        }
    }
}

async fn admin(config: &Config, command: AdminCommand) -> anyhow::Result<()> {
    use latchkey_flows::AdminRole;
    let flows = latchkey::startup::tool_flows(config).await?;
    let admin = flows.admin();
    match command {
        AdminCommand::CreateKey { role, name } => {
            let role = AdminRole::parse(&role)
                .ok_or_else(|| anyhow::anyhow!("--role must be agent or admin, not {role:?}"))?;
            let key = admin
                .create_key(None, &name, role)
                .await
                .map_err(|e| anyhow::anyhow!("cannot create the key: {e}"))?;
            // The one place the key is ever shown: stdout, so it can be piped to a
            // secret store; the id and role go to stderr.
            eprintln!(
                "admin key {} ({}, {}) created; it is shown once:",
                key.id,
                key.name,
                key.role.as_str()
            );
            println!("{}", key.key);
        }
        AdminCommand::ListKeys => {
            let keys = admin
                .keys(None)
                .await
                .map_err(|e| anyhow::anyhow!("cannot list keys: {e}"))?;
            let stamp = |t: Option<time::OffsetDateTime>| {
                t.and_then(|t| {
                    t.format(&time::format_description::well_known::Rfc3339)
                        .ok()
                })
                .unwrap_or_else(|| "-".into())
            };
            println!("id\trole\tname\tcreated\tlast used\trevoked");
            for k in keys {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    k.id,
                    k.role.as_str(),
                    k.name,
                    stamp(Some(k.created_at)),
                    stamp(k.last_used_at),
                    stamp(k.revoked_at)
                );
            }
        }
        AdminCommand::RevokeKey { id } => {
            admin
                .revoke_key(None, id)
                .await
                .map_err(|e| anyhow::anyhow!("cannot revoke {id}: {e}"))?;
            eprintln!("admin key {id} revoked");
        }
    }
    Ok(())
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
