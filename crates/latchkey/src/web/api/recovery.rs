//! Password recovery (`/api/recovery…`), "which sign-in method did I use?"
//! (`/api/method-hint`) and "this wasn't me" (`/api/security/report`). Every start answers
//! alike for every identifier; see `latchkey_flows::recovery` for what is sent.

use super::code_flow::FlowStarted;
use super::code_flow::{self, CodeBody, Started, parse_flow_id};
use crate::web::AppState;
use crate::web::api::bodies::FlowIdBody;
use crate::web::api::openapi::{BodyErrors, CodeErrors, ErrorEnvelope, ServerErrors, StartErrors};
use crate::web::error::ApiError;
use crate::web::extract::{ApiJson, Client};
use crate::web::locale::Lang;
use axum::Json;
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::{StatusCode, header};
use latchkey_flows::model::Channel;
use latchkey_flows::recovery::{ChannelOption, RecoveryStatus};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;

/// Who forgot their password, and where the code should go.
#[derive(ToSchema)]
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
    #[schema(value_type = Option<ChannelBody>)]
    channel: Option<Channel>,
}

/// Optionally, another address for the new code ("send it to my phone instead").
#[derive(ToSchema)]
#[schema(as = RecoveryResendBody)]
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ResendBody {
    /// `email` or `sms`. Without `phone`/`email`, only the current channel or the
    /// identifier's own (`422 invalid_input` otherwise, for every account alike).
    #[serde(default)]
    #[schema(value_type = Option<ChannelBody>)]
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
#[derive(ToSchema, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResetBody {
    reset_token: String,
    new_password: String,
    /// Sign in on this device once the password is saved: the answer is then the one
    /// `POST /api/sessions` gives (`201` signed in, or `200` `mfa_required`).
    #[serde(default)]
    sign_in: bool,
}

/// The token from a "this wasn't me" link.
#[derive(ToSchema)]
#[schema(as = ReportBody)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenBody {
    token: String,
}

/// Whose sign-in methods to send.
#[derive(ToSchema)]
#[schema(as = MethodHintBody)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HintBody {
    /// An email address or a phone number (any common format).
    identifier: String,
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[schema(as = Channel)]
#[serde(rename_all = "snake_case")]
pub enum ChannelBody {
    Email,
    Sms,
}

impl From<Channel> for ChannelBody {
    fn from(c: Channel) -> Self {
        match c {
            Channel::Email => Self::Email,
            Channel::Sms => Self::Sms,
        }
    }
}

/// One way the flow's code can go, as the page shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = ChannelOption)]
pub struct ChannelOptionBody {
    pub channel: ChannelBody,
    /// `a•••@gmail.com`, `+44 •••• ••89`.
    pub masked: String,
}

impl From<ChannelOption> for ChannelOptionBody {
    fn from(o: ChannelOption) -> Self {
        Self {
            channel: o.channel.into(),
            masked: o.masked,
        }
    }
}

/// `GET /api/recovery/{flow_id}`: where the code goes and when a resend is allowed. The
/// same shape and counts for every identifier, known or not: only what the person typed
/// is shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = RecoveryStatus)]
pub struct RecoveryStatusBody {
    /// The channel the last code went out on.
    pub channel: ChannelBody,
    /// Exactly one entry: where codes go (the identifier, or the address typed for
    /// "send it to my … instead"), masked.
    pub channels: Vec<ChannelOptionBody>,
    /// Seconds until a resend is allowed (0: now).
    pub resend_after: i64,
    /// Channels a code can be sent to instead by typing that address in full (a resend
    /// with `phone` or `email`); it goes there only if it is a verified contact of the
    /// account. Depends only on the identifier's kind and the deployment.
    pub other_channels: Vec<ChannelBody>,
}

impl From<RecoveryStatus> for RecoveryStatusBody {
    fn from(s: RecoveryStatus) -> Self {
        Self {
            channel: s.channel.into(),
            channels: s
                .channels
                .into_iter()
                .map(ChannelOptionBody::from)
                .collect(),
            resend_after: s.resend_after,
            other_channels: s
                .other_channels
                .into_iter()
                .map(ChannelBody::from)
                .collect(),
        }
    }
}

/// `200`: the recovery code is right; the token sets the new password
/// (`POST /api/recovery/reset`).
#[derive(Serialize, ToSchema)]
pub struct ResetTokenBody {
    pub reset_token: String,
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
    params(("flow_id" = FlowIdBody, Path, description = "From the recovery's `202`")),
    responses(
        (status = 200, description = "Where codes go (masked, what the person typed), the channels another address may be typed for, and the resend delay; the same shape for every identifier", body = RecoveryStatusBody),
        (status = 404, description = "`not_found`: the flow id is malformed", body = ErrorEnvelope),
        (status = 410, description = "`flow_expired`", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn status(
    State(state): State<AppState>,
    Path(flow_id): Path<String>,
) -> Result<Json<RecoveryStatusBody>, ApiError> {
    let id = parse_flow_id(&flow_id)?;
    Ok(Json(state.flows.recovery().status(id).await?.into()))
}

/// Send a new recovery code, optionally to another address the person types ("send it to
/// my phone instead"). The body is optional.
#[utoipa::path(
    post,
    path = "/api/recovery/{flow_id}/resend",
    operation_id = "resend_recovery_code",
    tag = "recovery",
    params(("flow_id" = FlowIdBody, Path, description = "From the recovery's `202`")),
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
    params(("flow_id" = FlowIdBody, Path, description = "From the recovery's `202`")),
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
) -> Result<Json<ResetTokenBody>, ApiError> {
    let reset_token = code_flow::enter_code(&flow_id, &body, async |id, code| {
        state.flows.recovery().with_code(id, code, &client).await
    })
    .await?;
    Ok(Json(ResetTokenBody { reset_token }))
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
        (status = 201, description = "With `sign_in`: password changed and signed in on this device", body = crate::web::api::sessions::SignedInBody),
        (status = 200, description = "With `sign_in`: password changed; the account's second factor is owed", body = crate::web::api::sessions::MfaRequiredBody),
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
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    if body.sign_in {
        let outcome = state
            .flows
            .recovery()
            .reset_and_sign_in(&body.reset_token, &body.new_password, &client)
            .await?;
        return Ok(crate::web::api::sessions::outcome_response(&state, outcome));
    }
    let device = state
        .flows
        .recovery()
        .reset_password(&body.reset_token, &body.new_password, &client)
        .await?;
    // The device that completed the reset is the owner's: it gets a device cookie.
    let jar = axum_extra::extract::CookieJar::new()
        .add(crate::web::api::sessions::device_cookie(&state, &device));
    Ok((StatusCode::NO_CONTENT, jar).into_response())
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
) -> Result<(StatusCode, Json<Value>), ApiError> {
    state
        .flows
        .recovery()
        .send_method_hint(&body.identifier, lang, &client)
        .await?;
    Ok((StatusCode::ACCEPTED, Json(json!({}))))
}
