//! `GET /api/account/events`: the account's own security activity (the types are
//! `latchkey_domain::EventType`'s, the same the admin API and webhooks use).

use crate::web::AppState;
use crate::web::api::openapi::{ErrorEnvelope, ServerErrors};
use crate::web::error::ApiError;
use crate::web::extract::Auth;
use crate::web::locale::Lang;
use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

/// One security event.
#[derive(Serialize, ToSchema)]
pub struct EventBody {
    /// `session.created`, `signin.failed`, `identity.locked`, …
    #[serde(rename = "type")]
    kind: String,
    /// RFC 3339.
    at: String,
    ip: Option<String>,
    /// A coarse name of the device ("Firefox · Android"), when its user agent is known.
    device: Option<String>,
    /// "City, Country" of `ip` when a GeoIP database is configured and knows it, else
    /// `null`.
    place: Option<String>,
    /// Details of the event (the method of a sign-in, the factor added, …).
    #[schema(value_type = Object)]
    data: serde_json::Value,
}

#[derive(Serialize, ToSchema)]
pub struct EventsBody {
    events: Vec<EventBody>,
}

#[utoipa::path(
    get,
    path = "/api/account/events",
    operation_id = "list_events",
    tag = "account",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 200, description = "The account's recent security events, newest first", body = EventsBody),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn list(
    State(state): State<AppState>,
    Lang(locale): Lang,
    Auth(auth, _): Auth,
) -> Result<Json<EventsBody>, ApiError> {
    let events = state
        .flows
        .settings()
        .events(&auth)
        .await?
        .into_iter()
        .map(|e| EventBody {
            kind: e.kind.to_owned(),
            at: e
                .at
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            place: state.flows.place_of(e.ip.as_deref(), locale),
            device: e
                .user_agent
                .as_deref()
                .and_then(latchkey_flows::kernel::user_agent::describe),
            ip: e.ip,
            data: e.data,
        })
        .collect();
    Ok(Json(EventsBody { events }))
}
