//! The HTTP API, end to end: each test spawns the whole application on port 0 with a
//! fresh database (SQLite always; PostgreSQL too when `TEST_DATABASE_URL` is set) and a
//! clock it controls, delivers its messages on demand and reads them from the dev
//! mailbox. The helpers (TestApp, the race harness) live in latchkey-testkit.

// Test code: a failed unwrap is a failed test. (`allow-unwrap-in-tests` in clippy.toml
// covers only `#[test]` functions, not the helpers they share.)
#![allow(clippy::unwrap_used)]

mod abuse;
mod account;
mod account_data;
mod admin;
mod admin_console;
mod bad_input;
mod brand;
mod codes;
mod contacts;
mod contacts_change;
mod device_trust;
mod devices;
mod edge;
mod events;
mod import;
mod logs;
mod message_language;
mod metrics;
mod mfa;
mod mfa_pages;
mod oidc_provider;
mod openapi;
mod outbox;
mod page_gates;
mod pages;
mod passkeys;
mod races;
mod recovery;
mod registration;
mod security_page;
mod sessions;
mod sms_limits;
mod smtp;
mod social;
mod social_pages;
mod social_presets;
mod webhooks;
