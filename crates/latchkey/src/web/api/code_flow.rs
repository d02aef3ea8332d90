//! What the code flows share over JSON (registration, verification, login codes,
//! recovery): the `202` that starts a flow or sends a new code, the resend step and the
//! code step. Each endpoint keeps its own handler and `#[utoipa::path]`; the handlers
//! only say which flow call to make. A resend asked for too early is the flow's
//! `too_soon`, which `ApiError` answers with `429` and `Retry-After`.

use crate::web::AppState;
use crate::web::api::bodies::FlowIdBody;
use crate::web::error::ApiError;
use axum::Json;
use axum::http::StatusCode;
use latchkey_domain::FlowId;
use latchkey_flows::FlowError;
use latchkey_flows::model::FlowKind;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The 6-digit code from the message.
#[derive(ToSchema, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeBody {
    #[schema(example = "123456")]
    pub code: String,
}

/// `202`: a code flow started (or a new code sent); the code is on its way.
#[derive(Serialize, ToSchema)]
pub struct FlowStarted {
    pub flow_id: FlowIdBody,
    /// Seconds before a new code may be asked for.
    pub resend_after: i64,
}

/// The answer of every call that starts a code flow or sends a new code.
pub(crate) type Started = Result<(StatusCode, Json<FlowStarted>), ApiError>;

/// A flow id from the path; a malformed one is simply not found.
pub(crate) fn parse_flow_id(raw: &str) -> Result<FlowId, ApiError> {
    raw.parse().map_err(|_| ApiError::not_found())
}

/// `202`: the flow id and the seconds before a new code may be asked for.
pub(crate) fn started(state: &AppState, id: FlowId) -> Started {
    let resend_after = state.flows.codes().resend_after().whole_seconds();
    Ok((
        StatusCode::ACCEPTED,
        Json(FlowStarted {
            flow_id: id.into(),
            resend_after,
        }),
    ))
}

/// A new code for the flow in the path: `send` asks the flow for it, then `202`.
/// A malformed flow id is `404` before anything else is looked at.
pub(crate) async fn resend<E>(
    state: &AppState,
    flow_id: &str,
    send: impl AsyncFnOnce(FlowId) -> Result<(), E>,
) -> Started
where
    ApiError: From<E>,
{
    let id = parse_flow_id(flow_id)?;
    send(id).await?;
    started(state, id)
}

/// A new code for the flows whose resend needs nothing but the flow (all but recovery).
pub(crate) async fn resend_code(
    state: &AppState,
    flow_id: &str,
    kind: FlowKind,
    client: &latchkey_flows::ClientInfo,
) -> Started {
    resend(state, flow_id, async |id| {
        state.flows.codes().resend(id, kind, client).await
    })
    .await
}

/// The code step: the flow id from the path, the code from the body, `complete` takes
/// both; what it answers is the caller's to shape.
pub(crate) async fn enter_code<T>(
    flow_id: &str,
    body: &CodeBody,
    complete: impl AsyncFnOnce(FlowId, &str) -> Result<T, FlowError>,
) -> Result<T, ApiError> {
    let id = parse_flow_id(flow_id)?;
    Ok(complete(id, &body.code).await?)
}
