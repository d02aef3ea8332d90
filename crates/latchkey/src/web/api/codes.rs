//! Contact verification and passwordless sign-in by code: the same three steps each
//! (start, resend, enter the code).

use super::code_flow::{self, CodeBody, FlowStarted, Started};
use crate::web::AppState;
use crate::web::api::bodies::FlowIdBody;
use crate::web::api::openapi::{
    BodyErrors, CodeErrors, ErrorEnvelope, ResendAnswers, ServerErrors, StartErrors,
};
use crate::web::api::sessions::{SignedInBody, outcome_response};
use crate::web::error::ApiError;
use crate::web::extract::{ApiJson, Client};
use crate::web::locale::Lang;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_flows::model::FlowKind;
use serde::Deserialize;
use utoipa::ToSchema;

/// Who the code is for.
#[derive(ToSchema)]
#[schema(as = IdentifierBody)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartBody {
    /// An email address or a phone number (any common format).
    identifier: String,
}

/// Start verifying a contact of an account.
///
/// The answer is the same whether or not the identifier belongs to an account.
#[utoipa::path(
    post,
    path = "/api/verification",
    operation_id = "start_verification",
    tag = "verification",
    request_body = StartBody,
    responses(
        (status = 202, description = "Flow started; a code is on its way if the contact exists and is unverified", body = FlowStarted),
        StartErrors,
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn start_verification(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Client(client): Client,
    ApiJson(body): ApiJson<StartBody>,
) -> Started {
    let id = state
        .flows
        .verification()
        .start(&body.identifier, lang, &client)
        .await?;
    code_flow::started(&state, id)
}

/// Enter the verification code: the contact is verified.
#[utoipa::path(
    post,
    path = "/api/verification/{flow_id}/code",
    operation_id = "complete_verification",
    tag = "verification",
    params(("flow_id" = FlowIdBody, Path, description = "From the flow's `202`")),
    request_body = CodeBody,
    responses(
        (status = 204, description = "Contact verified"),
        CodeErrors,
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn complete_verification(
    State(state): State<AppState>,
    Path(flow_id): Path<String>,
    Client(client): Client,
    ApiJson(body): ApiJson<CodeBody>,
) -> Result<StatusCode, ApiError> {
    code_flow::enter_code(&flow_id, &body, async |id, code| {
        state.flows.verification().complete(id, code, &client).await
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Send a new code; earlier ones stay valid (the last three are accepted).
#[utoipa::path(
    post,
    path = "/api/registrations/{flow_id}/resend",
    operation_id = "resend_registration_code",
    tag = "registration",
    params(("flow_id" = FlowIdBody, Path, description = "From the flow's `202`")),
    responses(
        ResendAnswers,
        ServerErrors,
    ),
)]
pub async fn resend_registration(
    State(state): State<AppState>,
    Path(flow_id): Path<String>,
    Client(client): Client,
) -> Started {
    code_flow::resend_code(&state, &flow_id, FlowKind::Registration, &client).await
}

/// Send a new code; earlier ones stay valid (the last three are accepted).
#[utoipa::path(
    post,
    path = "/api/verification/{flow_id}/resend",
    operation_id = "resend_verification_code",
    tag = "verification",
    params(("flow_id" = FlowIdBody, Path, description = "From the flow's `202`")),
    responses(
        ResendAnswers,
        ServerErrors,
    ),
)]
pub async fn resend_verification(
    State(state): State<AppState>,
    Path(flow_id): Path<String>,
    Client(client): Client,
) -> Started {
    code_flow::resend_code(&state, &flow_id, FlowKind::Verification, &client).await
}

/// Start a passwordless sign-in: a code goes to the account's verified contact.
///
/// The answer is the same whether or not the identifier belongs to an account.
#[utoipa::path(
    post,
    path = "/api/login-codes",
    operation_id = "start_login_code",
    tag = "login-codes",
    request_body = StartBody,
    responses(
        (status = 202, description = "Flow started; a code is on its way if the account exists", body = FlowStarted),
        StartErrors,
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn start_login_code(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Client(client): Client,
    ApiJson(body): ApiJson<StartBody>,
) -> Started {
    let id = state
        .flows
        .sign_in()
        .send_code(&body.identifier, lang, &client)
        .await?;
    code_flow::started(&state, id)
}

/// Enter the sign-in code: signed in.
#[utoipa::path(
    post,
    path = "/api/login-codes/{flow_id}/code",
    operation_id = "complete_login_code",
    tag = "login-codes",
    params(("flow_id" = FlowIdBody, Path, description = "From the flow's `202`")),
    request_body = CodeBody,
    responses(
        (status = 201, description = "Signed in; also sets the `latchkey_session` cookie", body = SignedInBody),
        (status = 403, description = "`account_blocked`", body = ErrorEnvelope),
        CodeErrors,
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn complete_login_code(
    State(state): State<AppState>,
    Path(flow_id): Path<String>,
    Client(client): Client,
    ApiJson(body): ApiJson<CodeBody>,
) -> Result<Response, ApiError> {
    let signed_in = code_flow::enter_code(&flow_id, &body, async |id, code| {
        state.flows.sign_in().with_code(id, code, &client).await
    })
    .await?;
    Ok(outcome_response(&state, signed_in))
}

/// Send a new code; earlier ones stay valid (the last three are accepted).
#[utoipa::path(
    post,
    path = "/api/login-codes/{flow_id}/resend",
    operation_id = "resend_login_code",
    tag = "login-codes",
    params(("flow_id" = FlowIdBody, Path, description = "From the flow's `202`")),
    responses(
        ResendAnswers,
        ServerErrors,
    ),
)]
pub async fn resend_login_code(
    State(state): State<AppState>,
    Path(flow_id): Path<String>,
    Client(client): Client,
) -> Started {
    code_flow::resend_code(&state, &flow_id, FlowKind::LoginCode, &client).await
}
