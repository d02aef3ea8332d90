//! `latchkey import FILE`: JSON Lines, one account a line (the fields of
//! `POST /admin/api/identities`), streamed in batches into `flows.import().rows`.
//!
//! Output: each refused line as `line L: code: message` on stderr as its batch finishes,
//! then `imported N, failed M` on stdout. Exit status: an error (non-zero) only when the
//! file or the database cannot be used (nothing could be read or written, or the
//! database failed mid-way: the batches before stay imported); refused lines alone are a
//! report, not a failure. A progress bar (bytes of the file) runs on stderr when it is a
//! terminal.

use crate::config::Config;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use latchkey_flows::{ImportFailure, ImportRow};
use std::io::IsTerminal;
use std::path::Path;
use tokio::io::AsyncBufReadExt;

/// What an import did, as printed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub imported: u64,
    pub failed: u64,
}

/// Imports `file` into the configured database (migrated first, as `serve` does),
/// `batch` rows at a time.
pub async fn run(config: &Config, file: &Path, batch: usize) -> anyhow::Result<Summary> {
    let batch = batch.max(1);
    let handle = tokio::fs::File::open(file)
        .await
        .with_context(|| format!("cannot open {}", file.display()))?;
    let size = handle.metadata().await.map(|m| m.len()).unwrap_or(0);
    let store = latchkey_store::connect(&config.database_url)
        .await
        .context("cannot open the database")?;
    store
        .migrate()
        .await
        .context("cannot migrate the database")?;
    let flows = crate::startup::offline_flows(config, store)?;
    let bar = progress_bar(size);
    let mut reader = tokio::io::BufReader::with_capacity(1 << 20, handle);
    let mut summary = Summary::default();
    let mut rows: Vec<(u64, ImportRow)> = Vec::with_capacity(batch);
    let mut bad: Vec<ImportFailure> = Vec::new();
    let mut buf = Vec::with_capacity(512);
    let mut line = 0u64;
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .await
            .with_context(|| format!("cannot read {} after line {line}", file.display()))?;
        if n == 0 {
            break;
        }
        line += 1;
        bar.inc(n as u64);
        match parse_line(line, &buf) {
            Ok(Some(row)) => rows.push((line, row)),
            Ok(None) => {}
            Err(failure) => bad.push(failure),
        }
        if rows.len() >= batch {
            flush(&flows, &mut rows, &mut bad, &mut summary, &bar).await?;
        }
    }
    flush(&flows, &mut rows, &mut bad, &mut summary, &bar).await?;
    bar.finish_and_clear();
    Ok(summary)
}

/// Imports the gathered rows and prints the refused lines (parse failures and the
/// import's own), in line order.
async fn flush(
    flows: &latchkey_flows::Flows,
    rows: &mut Vec<(u64, ImportRow)>,
    bad: &mut Vec<ImportFailure>,
    summary: &mut Summary,
    bar: &ProgressBar,
) -> anyhow::Result<()> {
    let taken = std::mem::take(rows);
    if !taken.is_empty() {
        let report = flows.import().rows(taken).await.map_err(|e| {
            anyhow::Error::new(e).context(format!(
                "import stopped: the database failed ({} rows imported before)",
                summary.imported
            ))
        })?;
        summary.imported += report.imported;
        bad.extend(report.failed);
    }
    bad.sort_by_key(|f| f.line);
    summary.failed += bad.len() as u64;
    bar.suspend(|| {
        for f in bad.iter() {
            eprintln!("line {}: {}: {}", f.line, f.code, f.message);
        }
    });
    bad.clear();
    Ok(())
}

/// One line: `None` when blank, a failure when it is not an `ImportRow`. The message
/// never quotes the line: a value in the wrong field may be a password.
fn parse_line(line: u64, bytes: &[u8]) -> Result<Option<ImportRow>, ImportFailure> {
    let fail = |code: &'static str, message: String| ImportFailure {
        line,
        code,
        message,
    };
    let text = std::str::from_utf8(bytes)
        .map_err(|_| fail("invalid_json", "the line is not UTF-8".into()))?;
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    serde_json::from_str::<ImportRow>(text)
        .map(Some)
        .map_err(|e| fail("invalid_json", json_problem(&e)))
}

/// serde_json's message, kept only where it names a field rather than a value.
fn json_problem(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let column = e.column();
    match e.classify() {
        Category::Data => {
            let text = e.to_string();
            let named = ["unknown field", "missing field", "duplicate field"]
                .iter()
                .any(|p| text.starts_with(p));
            if named {
                // "unknown field `x`, expected one of …": the field name is no secret.
                let head = text.split(", expected").next().unwrap_or(&text);
                let head = head.split(" at line").next().unwrap_or(head);
                format!("{head} (column {column})")
            } else {
                format!("a field has the wrong type (column {column})")
            }
        }
        Category::Syntax | Category::Eof => format!("not a JSON object (column {column})"),
        Category::Io => "unreadable".into(),
    }
}

fn progress_bar(size: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(size);
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {binary_bytes}/{binary_total_bytes} (eta {eta})",
    ) {
        bar.set_style(style);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_errors_never_quote_values() {
        let err = parse_line(3, br#"{"email": "a@b.c", "email_verified": "hunter2"}"#)
            .expect_err("wrong type");
        assert_eq!(err.line, 3);
        assert_eq!(err.code, "invalid_json");
        assert!(!err.message.contains("hunter2"), "{}", err.message);
        let err = parse_line(4, br#"{"email": "a@b.c", "pasword": "hunter2"}"#)
            .expect_err("unknown field");
        assert!(
            err.message.starts_with("unknown field `pasword`"),
            "{}",
            err.message
        );
        assert!(!err.message.contains("hunter2"));
        assert!(parse_line(5, b"   \n").expect("blank").is_none());
        assert!(parse_line(6, b"{\"email\": ").is_err());
        assert!(parse_line(7, &[0xff, 0xfe]).is_err());
    }
}
