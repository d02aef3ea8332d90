//! Latchkey as a library: configuration, start-up and the web layer. `main.rs` is a thin
//! command line over this, and the integration tests build the same application on port 0.

pub mod brand;
pub mod config;
pub mod import;
pub mod server;
pub mod startup;
pub mod telemetry;
pub mod web;

pub use config::Config;
pub use startup::Application;
