//! Structured logs with tracing: text for people, JSON for machines. Field names are
//! dotted (`identity.id`); secrets, codes, tokens and passwords are never recorded.

use crate::config::LogFormat;
use tracing_subscriber::EnvFilter;

/// Logs to stdout (`serve`) or, for the tools whose stdout is their answer (`admin`
/// prints a key there), to stderr.
pub fn init(format: LogFormat, to_stderr: bool) {
    let filter = EnvFilter::try_from_env("LATCHKEY_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(move || -> Box<dyn std::io::Write> {
            if to_stderr {
                Box::new(std::io::stderr())
            } else {
                Box::new(std::io::stdout())
            }
        });
    // A second init (tests) is harmless; the first subscriber stays.
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Text => builder.try_init(),
    };
}
