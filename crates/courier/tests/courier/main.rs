//! Integration tests of the courier against real peers: an SMTP server (aiosmtpd), an
//! HTTP SMS gateway (axum in the test), and the SQLite store.

mod common;
mod sms;
mod smtp;
mod worker;
