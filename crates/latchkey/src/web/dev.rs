//! The dev mailbox: messages the dev transport "sent", for people trying Latchkey out and
//! for tests. Dev mode only, and only to clients on the loopback interface.

use crate::web::AppState;
use crate::web::error::ApiError;
use axum::extract::{ConnectInfo, Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use latchkey_store::MailboxEntry;
use serde::Deserialize;
use std::net::SocketAddr;

pub fn router(dev: bool) -> Router<AppState> {
    if !dev {
        return Router::new();
    }
    Router::new()
        .route("/dev/mailbox", get(page))
        .route("/dev/mailbox.json", get(json))
}

#[derive(Deserialize)]
pub struct MailboxQuery {
    to: Option<String>,
}

async fn entries(
    state: &AppState,
    peer: SocketAddr,
    to: Option<&str>,
) -> Result<Vec<MailboxEntry>, ApiError> {
    if !peer.ip().is_loopback() {
        return Err(ApiError::not_found());
    }
    let to = to.map(|t| match state.flows.parse_identifier(t) {
        Ok(id) => id.address().to_owned(),
        Err(_) => t.to_owned(),
    });
    state
        .flows
        .store()
        .mailbox_list(to.as_deref(), 200)
        .await
        .map_err(ApiError::internal)
}

async fn json(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Query(q): Query<MailboxQuery>,
) -> Result<Json<Vec<MailboxEntry>>, ApiError> {
    entries(&state, peer, q.to.as_deref()).await.map(Json)
}

async fn page(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Query(q): Query<MailboxQuery>,
) -> Result<Response, ApiError> {
    let list = entries(&state, peer, q.to.as_deref()).await?;
    let mut html = String::from(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Dev mailbox</title><link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body><main><h1>Dev mailbox</h1>",
    );
    if list.is_empty() {
        html.push_str("<p>No messages yet.</p>");
    }
    for m in list {
        html.push_str(&format!(
            "<article><h2>{}</h2><p>To {} · {} · {}</p><pre>{}</pre></article>",
            escape(if m.subject.is_empty() {
                "SMS"
            } else {
                &m.subject
            }),
            escape(&m.to),
            m.channel.as_str(),
            m.created_at,
            escape(&m.text),
        ));
    }
    html.push_str("</main></body></html>");
    Ok(Html(html).into_response())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
