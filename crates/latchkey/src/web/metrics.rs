//! `GET /metrics` in the Prometheus text format, and the request counters behind it.
//!
//! The crates record through the `metrics` facade (flows: sign-ins, registrations, code
//! flows, hashing-pool rejections; courier: deliveries); this module installs the one
//! process-wide Prometheus recorder and renders it on the metrics listener
//! (`metrics_bind`), never on the public one. Labels are bounded sets (route
//! templates, methods, statuses, outcomes, channels): never identifiers, addresses, IPs
//! or tokens.

use crate::web::AppState;
use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use latchkey_store::MessageStatus;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::time::Instant;

/// Seconds; from a fast session check to a slow Argon2 queue.
const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The process-wide recorder. A global recorder can be installed once per process, and
/// tests run several applications in one, so every application shares this handle.
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = || {
            PrometheusBuilder::new().set_buckets_for_metric(
                Matcher::Full("latchkey_http_request_duration_seconds".into()),
                LATENCY_BUCKETS,
            )
        };
        let installed = builder().and_then(|b| b.install_recorder());
        match installed {
            Ok(handle) => {
                describe();
                handle
            }
            Err(error) => {
                // Another recorder owns the process (an embedding program): serve an
                // empty page rather than fail to start.
                tracing::warn!(%error, "metrics: cannot install the Prometheus recorder");
                PrometheusBuilder::new().build_recorder().handle()
            }
        }
    })
}

fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram};
    describe_counter!(
        "latchkey_http_requests_total",
        "HTTP requests by route template, method and status"
    );
    describe_histogram!(
        "latchkey_http_request_duration_seconds",
        metrics::Unit::Seconds,
        "HTTP request latency by route template and method"
    );
    describe_counter!(
        "latchkey_sign_ins_total",
        "Sign-in attempts by method and outcome (`success` or the error code)"
    );
    describe_counter!(
        "latchkey_registrations_started_total",
        "Registration flows started"
    );
    describe_counter!(
        "latchkey_registrations_completed_total",
        "Registrations completed: accounts created"
    );
    describe_counter!(
        "latchkey_code_flows_opened_total",
        "Code flows opened, by channel and flow kind (known and unknown identifiers alike)"
    );
    describe_counter!(
        "latchkey_code_resends_total",
        "Code resends accepted, by channel and flow kind (known and unknown identifiers alike)"
    );
    describe_counter!(
        "latchkey_courier_deliveries_total",
        "Courier delivery attempts by channel and outcome (sent, retried, abandoned)"
    );
    describe_counter!(
        "latchkey_messages_abandoned_total",
        "Messages the courier gave up, by channel and reason (expired: its code, link or \
         notice window ran out while delivery failed; permanent: the transport refused it)"
    );
    describe_gauge!(
        "latchkey_outbox_pending",
        "Messages waiting in the outbox (sampled at each scrape)"
    );
    describe_counter!(
        "latchkey_hashing_busy_total",
        "Requests refused with 503 because the password-hashing queue was full"
    );
}

/// The metrics listener's routes; the public router never merges these.
pub fn router() -> Router<AppState> {
    Router::new().route("/metrics", get(render))
}

/// Counters, gauges and histograms for Prometheus. Served on the metrics listener only
/// (`metrics_bind`), so it is not part of the public API description.
pub(crate) async fn render(State(state): State<AppState>) -> Response {
    let handle = handle();
    // Counting in the database on scrape keeps it exact across nodes and costs one
    // indexed COUNT per scrape interval.
    match state
        .flows
        .store()
        .count_messages_by_status(MessageStatus::Pending)
        .await
    {
        Ok(n) => metrics::gauge!("latchkey_outbox_pending").set(n as f64),
        Err(error) => tracing::warn!(%error, "metrics: cannot count the outbox"),
    }
    // Without the exporter's own HTTP listener nobody else drains the histograms.
    handle.run_upkeep();
    (
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle.render(),
    )
        .into_response()
}

/// Counts every request by its route template (never the raw path, which can carry ids
/// and tokens) and times it.
pub async fn track_requests(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(MatchedPath::as_str)
        // Fallbacks of nested routers show axum's private catch-all parameter.
        .filter(|p| !p.contains("__private__"))
        .unwrap_or("unmatched")
        .to_owned();
    // Any token is a valid method; only the standard ones become label values.
    let method = match *req.method() {
        Method::GET
        | Method::HEAD
        | Method::POST
        | Method::PUT
        | Method::DELETE
        | Method::PATCH
        | Method::OPTIONS => req.method().as_str().to_owned(),
        _ => "other".to_owned(),
    };
    let start = Instant::now();
    let res = next.run(req).await;
    let elapsed = start.elapsed().as_secs_f64();
    let status = res.status().as_u16().to_string();
    metrics::counter!(
        "latchkey_http_requests_total",
        "route" => route.clone(),
        "method" => method.clone(),
        "status" => status,
    )
    .increment(1);
    metrics::histogram!(
        "latchkey_http_request_duration_seconds",
        "route" => route,
        "method" => method,
    )
    .record(elapsed);
    res
}
