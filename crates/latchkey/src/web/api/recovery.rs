//! Password recovery (`/api/recovery…`), "which sign-in method did I use?"
//! (`/api/method-hint`) and "this wasn't me" (`/api/security/report`). Every start answers
//! alike for every identifier; see `latchkey_flows::recovery` for what is sent.

use super::code_flow::{self, CodeBody, Started, parse_flow_id};
use crate::web::AppState;
use crate::web::api::openapi::{
    BodyErrors, CodeErrors, ErrorEnvelope, FlowStarted, ResetTokenBody, ServerErrors, StartErrors,
};
use crate::web::error::ApiError;
use crate::web::extract::{ApiJson, Client};
use crate::web::locale::Lang;
use axum::Json;
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::{StatusCode, header};
use latchkey_domain::FlowId;
use latchkey_flows::recovery::RecoveryStatus;
use latchkey_store::Channel;
use serde::Deserialize;
use serde_json::{Value, json};

/// Who forgot their password, and where the code should go.
#[derive(utoipa::ToSchema)]
#[schema(as = RecoveryBody)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartBody {
    /// An email address or a phone number (any common format).
    identifier: String,
    /// `email` or `sms`. The code goes to the identifier itself whatever is asked; to
    /// send it to another contact of the account, type that address in a resend
    /// (`phone` or `email`).
    #[serde(default)]
    channel: Option<Channel>,
}

/// Optionally, another address for the new code ("send it to my phone instead").
#[derive(utoipa::ToSchema)]
#[schema(as = RecoveryResendBody)]
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ResendBody {
    /// `email` or `sms`. Without `phone`/`email`, only the current channel or the
    /// identifier's own (`422 invalid_input` otherwise, for every account alike).
    #[serde(default)]
    channel: Option<Channel>,
    /// A phone number of the account, typed in full (any common format): the code goes
    /// there, by SMS, only if it is a verified contact of the account; the answer is the
    /// same either way. SMS limits count this number.
    #[serde(default)]
    phone: Option<String>,
    /// An email address of the account, typed in full; as `phone`.
    #[serde(default)]
    email: Option<String>,
}

/// The reset token from the code step (or a reset link) and the new password.
#[derive(utoipa::ToSchema, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResetBody {
    reset_token: String,
    new_password: String,
}

/// The token from a "this wasn't me" link.
#[derive(utoipa::ToSchema)]
#[schema(as = ReportBody)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenBody {
    token: String,
}

/// Whose sign-in methods to send.
#[derive(utoipa::ToSchema)]
#[schema(as = MethodHintBody)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HintBody {
    /// An email address or a phone number (any common format).
    identifier: String,
}

/// Start a password recovery: a code goes to the account's verified contact.
///
/// The same answer for every identifier, known or not.
#[utoipa::path(
    post,
    path = "/api/recovery",
    operation_id = "start_recovery",
    tag = "recovery",
    request_body = StartBody,
    responses(
        (status = 202, description = "Flow started; a code is on its way if the account exists", body = FlowStarted),
        StartErrors,
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
    let id = state
        .flows
        .recovery()
        .start(&body.identifier, body.channel, lang, &client)
        .await?;
    code_flow::started(&state, id)
}

/// Where the flow's code can go and when a resend is allowed.
#[utoipa::path(
    get,
    path = "/api/recovery/{flow_id}",
    operation_id = "recovery_status",
    tag = "recovery",
    params(("flow_id" = FlowId, Path, description = "From the recovery's `202`")),
    responses(
        (status = 200, description = "Where codes go (masked, what the person typed), the channels another address may be typed for, and the resend delay; the same shape for every identifier", body = RecoveryStatus),
        (status = 404, description = "`not_found`: the flow id is malformed", body = ErrorEnvelope),
        (status = 410, description = "`flow_expired`", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn status(
    State(state): State<AppState>,
    Path(flow_id): Path<String>,
) -> Result<Json<RecoveryStatus>, ApiError> {
    let id = parse_flow_id(&flow_id)?;
    Ok(Json(state.flows.recovery().status(id).await?))
}

/// Send a new recovery code, optionally to another address the person types ("send it to
/// my phone instead"). The body is optional.
#[utoipa::path(
    post,
    path = "/api/recovery/{flow_id}/resend",
    operation_id = "resend_recovery_code",
    tag = "recovery",
    params(("flow_id" = FlowId, Path, description = "From the recovery's `202`")),
    request_body(content = Option<ResendBody>, content_type = "application/json"),
    responses(
        (status = 202, description = "A new code is on its way", body = FlowStarted),
        (status = 400, description = "`malformed_json`", body = ErrorEnvelope),
        (status = 404, description = "`not_found`: the flow id is malformed", body = ErrorEnvelope),
        (status = 410, description = "`flow_expired`", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`, `channel_unavailable`", body = ErrorEnvelope),
        (status = 429, description = "`too_soon` (`retry_after`, `Retry-After` header)", body = ErrorEnvelope,
         headers(("Retry-After" = i64, description = "Seconds to wait"))),
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn resend(
    State(state): State<AppState>,
    Path(flow_id): Path<String>,
    Client(client): Client,
    req: Request,
) -> Started {
    code_flow::resend(&state, &flow_id, async |id| {
        // The body is optional (a plain resend); when there is one it is JSON like any other.
        let body = if req.headers().contains_key(header::CONTENT_TYPE) {
            ApiJson::<ResendBody>::from_request(req, &state).await?.0
        } else {
            ResendBody::default()
        };
        let (channel, to) = match (body.phone.as_deref(), body.email.as_deref()) {
            (Some(_), Some(_)) => {
                return Err(ApiError::from(latchkey_flows::FlowError::InvalidInput {
                    field: "phone",
                }));
            }
            (Some(phone), None) => (body.channel.or(Some(Channel::Sms)), Some(phone)),
            (None, Some(email)) => (body.channel.or(Some(Channel::Email)), Some(email)),
            (None, None) => (body.channel, None),
        };
        state
            .flows
            .recovery()
            .resend_to(id, channel, to, &client)
            .await
            .map_err(ApiError::from)
    })
    .await
}

/// Enter the recovery code: a reset token for the new password.
#[utoipa::path(
    post,
    path = "/api/recovery/{flow_id}/code",
    operation_id = "complete_recovery_code",
    tag = "recovery",
    params(("flow_id" = FlowId, Path, description = "From the recovery's `202`")),
    request_body = CodeBody,
    responses(
        (status = 200, description = "The code is right", body = ResetTokenBody),
        CodeErrors,
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn code(
    State(state): State<AppState>,
    Path(flow_id): Path<String>,
    Client(client): Client,
    ApiJson(body): ApiJson<CodeBody>,
) -> Result<Json<Value>, ApiError> {
    let token = code_flow::enter_code(&flow_id, &body, async |id, code| {
        state.flows.recovery().with_code(id, code, &client).await
    })
    .await?;
    Ok(Json(json!({ "reset_token": token })))
}

/// Set a new password with a reset token. Every session of the account ends.
#[utoipa::path(
    post,
    path = "/api/recovery/reset",
    operation_id = "reset_password",
    tag = "recovery",
    request_body = ResetBody,
    responses(
        (status = 204, description = "Password changed; every session ended; the owner is notified"),
        (status = 400, description = "`malformed_json`", body = ErrorEnvelope),
        (status = 410, description = "`flow_expired`: the token is unknown, used or expired", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`, `weak_password` (`problems`)", body = ErrorEnvelope),
        (status = 503, description = "`server_busy`: the hashing pool is full; `Retry-After`", body = ErrorEnvelope),
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn reset(
    State(state): State<AppState>,
    crate::web::extract::Client(client): crate::web::extract::Client,
    ApiJson(body): ApiJson<ResetBody>,
) -> Result<(StatusCode, axum_extra::extract::CookieJar), ApiError> {
    let device = state
        .flows
        .recovery()
        .reset_password(&body.reset_token, &body.new_password, &client)
        .await?;
    // The device that completed the reset is the owner's: it gets a device cookie.
    let jar = axum_extra::extract::CookieJar::new()
        .add(crate::web::api::sessions::device_cookie(&state, &device));
    Ok((StatusCode::NO_CONTENT, jar))
}

/// "This wasn't me": signs out every session and blocks sign-in until a recovery.
#[utoipa::path(
    post,
    path = "/api/security/report",
    operation_id = "report_not_me",
    tag = "recovery",
    request_body = TokenBody,
    responses(
        (status = 204, description = "Reported; the account is locked until recovered"),
        (status = 400, description = "`malformed_json`", body = ErrorEnvelope),
        (status = 410, description = "`flow_expired`: the token is unknown, used or expired", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`", body = ErrorEnvelope),
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn report(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<TokenBody>,
) -> Result<StatusCode, ApiError> {
    state.flows.recovery().report_not_me(&body.token).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// "Which sign-in method did I use?": the owner is told by message.
///
/// The same answer for every identifier, known or not.
#[utoipa::path(
    post,
    path = "/api/method-hint",
    operation_id = "method_hint",
    tag = "recovery",
    request_body = HintBody,
    responses(
        (status = 202, description = "A message is on its way if the account exists (empty object)", body = Object),
        (status = 400, description = "`malformed_json`", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`, `invalid_identifier`", body = ErrorEnvelope),
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn method_hint(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Client(client): Client,
    ApiJson(body): ApiJson<HintBody>,
) -> Started {
    state
        .flows
        .recovery()
        .send_method_hint(&body.identifier, lang, &client)
        .await?;
    Ok((StatusCode::ACCEPTED, Json(json!({}))))
}
