//! The web layer: JSON API (`api`), browser pages (`pages`), the dev mailbox (`dev`).
//! The same flow call serves the API and the pages; extractors resolve the locale, the
//! session and the client once.

pub mod abuse;
pub mod admin;
pub mod api;
pub mod brand;
pub mod cookies;
pub mod csrf;
pub mod dev;
pub mod error;
pub mod extract;
pub mod headers;
pub mod locale;
pub mod metrics;
pub mod pages;

use crate::config::Config;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use latchkey_flows::Flows;
use std::sync::Arc;
use tower_http::trace::TraceLayer;

/// What every handler can reach. Cloned for every request (axum's `State`), so it is one
/// `Arc`: cloning the `Flows` inside field by field cost a few per cent of the session
/// check (BENCHMARKS.md).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

pub struct Shared {
    pub flows: Flows,
    pub config: Arc<Config>,
    /// `config.trusted_proxies`, parsed once.
    pub trusted_proxies: Arc<Vec<ipnet::IpNet>>,
    /// The shop's brand (`[brand]`), loaded and checked at start.
    pub brand: Arc<crate::brand::Brand>,
}

impl AppState {
    pub fn new(shared: Shared) -> Self {
        Self(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

pub fn router(state: AppState) -> Router {
    // Installed before the first request so nothing is counted into the void.
    metrics::handle();
    let trace = TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
        // The path only: query strings can carry tokens (`/recovery/link?token=…`).
        tracing::info_span!(
            "request",
            http.method = %req.method(),
            http.path = %req.uri().path(),
        )
    });
    Router::new()
        .nest("/api", api::router())
        .merge(api::openapi::router())
        .merge(pages::router())
        .merge(admin::router())
        .merge(abuse::router())
        .merge(dev::router(state.config.dev))
        .merge(api::health_router())
        .merge(brand::router())
        .layer(axum::middleware::from_fn(error::localize_errors))
        .layer(axum::middleware::from_fn(metrics::track_requests))
        .layer(axum::middleware::from_fn(headers::security_headers))
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        .layer(trace)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            brand::scope,
        ))
        .with_state(state)
}
