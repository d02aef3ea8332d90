//! The HTTP API, end to end: each test spawns the whole application on port 0 with a
//! fresh database (SQLite always; PostgreSQL too when `TEST_DATABASE_URL` is set) and a
//! clock it controls, and reads the messages it sends from the dev mailbox.

// Test code: a failed unwrap is a failed test. (`allow-unwrap-in-tests` in clippy.toml
// covers only `#[test]` functions, not the helpers they share.)
#![allow(clippy::unwrap_used)]

mod helpers;

mod abuse;
mod account;
mod bad_input;
mod codes;
mod contacts;
mod device_trust;
mod edge;
mod logs;
mod metrics;
mod openapi;
mod outbox;
mod page_gates;
mod pages;
mod race;
mod races;
mod recovery;
mod registration;
mod security_page;
mod sessions;
mod smtp;
