//! Email and phone changes (#12): `POST /api/account/contacts` sends a code to the new
//! address, `POST /api/account/contacts/{flow_id}/code` adds it verified (optionally as
//! the primary), `POST /api/account/contacts/{id}/primary` switches the primary,
//! `DELETE /api/account/contacts/{id}` removes one. All need the privileged
//! window (`403 reauthentication_required`).

use crate::web::AppState;
use crate::web::api::bodies::{FlowIdBody, IdentityBody};
use crate::web::api::code_flow::{self, Started};
use crate::web::api::openapi::{
    BodyErrors, CodeErrors, ErrorEnvelope, ResendAnswers, ServerErrors,
};
use crate::web::error::ApiError;
use crate::web::extract::{ApiJson, Auth, Client};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use latchkey_flows::model::{ContactKind, FlowKind};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One new address: `email` or `phone`, not both.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddContactBody {
    #[schema(example = "ann@example.com")]
    email: Option<String>,
    #[schema(example = "+41446681800")]
    phone: Option<String>,
}

/// The code from the message sent to the new address.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactCodeBody {
    #[schema(example = "123456")]
    code: String,
    /// Make it the primary email (or phone). The old primary email gets a notice with a
    /// revert link valid 7 days; the old primary phone an SMS.
    #[serde(default)]
    primary: bool,
}

/// `200`: the account as `GET /api/session` shows it.
#[derive(Serialize, ToSchema)]
pub struct AccountBody {
    identity: IdentityBody,
}

#[utoipa::path(
    post,
    path = "/api/account/contacts",
    operation_id = "add_contact",
    tag = "account",
    security(("bearer" = []), ("cookie" = [])),
    request_body = AddContactBody,
    responses(
        (status = 400, description = "`malformed_json`", body = ErrorEnvelope),
        (status = 202, description = "A code is on its way to the new address (when another account holds it verified, the same answer, and the address is told instead)", body = code_flow::FlowStarted),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        (status = 403, description = "`reauthentication_required`; `csrf_failed`", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`, `invalid_identifier`, `channel_unavailable`", body = ErrorEnvelope),
        (status = 429, description = "`too_many_attempts`; `Retry-After`", body = ErrorEnvelope),
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn add(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
    Client(client): Client,
    ApiJson(body): ApiJson<AddContactBody>,
) -> Started {
    let (kind, address) = match (body.email, body.phone) {
        (Some(email), None) => (ContactKind::Email, email),
        (None, Some(phone)) => (ContactKind::Phone, phone),
        _ => {
            return Err(latchkey_flows::FlowError::InvalidInput { field: "email" }.into());
        }
    };
    let id = state
        .flows
        .settings()
        .add_contact(&auth, kind, &address, &client)
        .await?;
    code_flow::started(&state, id)
}

#[utoipa::path(
    post,
    path = "/api/account/contacts/{flow_id}/code",
    operation_id = "complete_contact",
    tag = "account",
    security(("bearer" = []), ("cookie" = [])),
    params(("flow_id" = FlowIdBody, Path, description = "From the `202`")),
    request_body = ContactCodeBody,
    responses(
        (status = 200, description = "The address is the account's, verified", body = AccountBody),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        CodeErrors,
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn complete(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
    Path(flow_id): Path<String>,
    Client(client): Client,
    ApiJson(body): ApiJson<ContactCodeBody>,
) -> Result<Json<AccountBody>, ApiError> {
    let id = code_flow::parse_flow_id(&flow_id)?;
    let view = state
        .flows
        .settings()
        .complete_contact(&auth, id, &body.code, body.primary, &client)
        .await?;
    Ok(Json(AccountBody {
        identity: view.into(),
    }))
}

/// Send a new code to the new address; earlier ones stay valid.
#[utoipa::path(
    post,
    path = "/api/account/contacts/{flow_id}/resend",
    operation_id = "resend_contact_code",
    tag = "account",
    security(("bearer" = []), ("cookie" = [])),
    params(("flow_id" = FlowIdBody, Path, description = "From the `202`")),
    responses(
        ResendAnswers,
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn resend(
    State(state): State<AppState>,
    Auth(_auth, _): Auth,
    Path(flow_id): Path<String>,
    Client(client): Client,
) -> Started {
    code_flow::resend_code(&state, &flow_id, FlowKind::ContactChange, &client).await
}

fn contact_id(raw: &str) -> Result<uuid::Uuid, ApiError> {
    raw.parse().map_err(|_| ApiError::not_found())
}

#[utoipa::path(
    post,
    path = "/api/account/contacts/{id}/primary",
    operation_id = "make_contact_primary",
    tag = "account",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = String, Path, description = "A verified contact's `id`")),
    responses(
        (status = 200, description = "It is the primary of its kind; the old primary email gets a revert link", body = AccountBody),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        (status = 403, description = "`reauthentication_required`; `csrf_failed`", body = ErrorEnvelope),
        (status = 404, description = "`not_found`: no such verified contact", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn make_primary(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
    Path(id): Path<String>,
    Client(client): Client,
) -> Result<Json<AccountBody>, ApiError> {
    let view = state
        .flows
        .settings()
        .make_primary(&auth, contact_id(&id)?, &client)
        .await?;
    Ok(Json(AccountBody {
        identity: view.into(),
    }))
}

#[utoipa::path(
    delete,
    path = "/api/account/contacts/{id}",
    operation_id = "remove_contact",
    tag = "account",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = String, Path, description = "The contact's `id`")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        (status = 403, description = "`reauthentication_required`; `csrf_failed`", body = ErrorEnvelope),
        (status = 404, description = "`not_found`", body = ErrorEnvelope),
        (status = 409, description = "`last_method`: it is the last way in; `primary_contact`: make another contact of its kind primary first", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn remove(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
    Path(id): Path<String>,
    Client(client): Client,
) -> Result<StatusCode, ApiError> {
    state
        .flows
        .settings()
        .remove_contact(&auth, contact_id(&id)?, &client)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
