//! `POST /api/registrations` and its code step.

use super::code_flow::{self, CodeBody, FlowStarted, Started};
use crate::web::AppState;
use crate::web::api::bodies::FlowIdBody;
use crate::web::api::openapi::{BodyErrors, CodeErrors, ErrorEnvelope, ServerErrors};
use crate::web::api::sessions::{SignedInBody, signed_in_response};
use crate::web::error::ApiError;
use crate::web::extract::{ApiJson, Client};
use crate::web::locale::Lang;
use axum::extract::{Path, State};
use axum::response::Response;
use latchkey_flows::registration::RegistrationInput;
use latchkey_i18n::Locale;
use serde::Deserialize;
use utoipa::ToSchema;

/// An email address or a phone number is required; the code goes to the email when both
/// are given. Without a password the account signs in by code only.
#[derive(ToSchema)]
#[schema(as = RegistrationBody)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartBody {
    #[schema(format = Email)]
    email: Option<String>,
    /// Any common format; stored as E.164.
    phone: Option<String>,
    password: Option<String>,
    name: Option<String>,
    /// `en`, `ru`, `es`, `pt-BR`, `fr` or `zh-CN`; else the request's language.
    locale: Option<String>,
}

/// Start a registration.
///
/// A verification code goes to the email (or phone). A taken identifier gets the same
/// answer; its owner is told someone tried to sign up instead.
#[utoipa::path(
    post,
    path = "/api/registrations",
    operation_id = "start_registration",
    tag = "registration",
    request_body = StartBody,
    responses(
        (status = 202, description = "Flow started; a code is on its way", body = FlowStarted),
        (status = 400, description = "`malformed_json`", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input` (`field`: email, phone, name), `weak_password` (`problems`), `channel_unavailable`", body = ErrorEnvelope),
        (status = 503, description = "`server_busy`: the hashing pool is full; `Retry-After`", body = ErrorEnvelope),
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn start(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Client(client): Client,
    ApiJson(body): ApiJson<StartBody>,
) -> Started {
    let locale = body
        .locale
        .as_deref()
        .and_then(Locale::parse)
        .unwrap_or(lang);
    let id = state
        .flows
        .registration()
        .start(
            RegistrationInput {
                email: body.email,
                phone: body.phone,
                password: body.password,
                name: body.name,
                locale,
            },
            &client,
        )
        .await?;
    code_flow::started(&state, id)
}

/// Enter the registration code: the account is created and signed in.
#[utoipa::path(
    post,
    path = "/api/registrations/{flow_id}/code",
    operation_id = "complete_registration",
    tag = "registration",
    params(("flow_id" = FlowIdBody, Path, description = "From the registration's `202`")),
    request_body = CodeBody,
    responses(
        (status = 201, description = "Account created and signed in; also sets the `latchkey_session` cookie", body = SignedInBody),
        CodeErrors,
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn complete(
    State(state): State<AppState>,
    Path(flow_id): Path<String>,
    Client(client): Client,
    ApiJson(body): ApiJson<CodeBody>,
) -> Result<Response, ApiError> {
    let signed_in = code_flow::enter_code(&flow_id, &body, async |id, code| {
        state.flows.registration().complete(id, code, &client).await
    })
    .await?;
    Ok(signed_in_response(&state, signed_in))
}
