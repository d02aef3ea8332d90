//! The second step of a sign-in and passkey sign-in: `POST /api/sessions/mfa`,
//! `POST /api/sessions/mfa/code`, `POST /api/sessions/passkey/options`,
//! `POST /api/sessions/passkey` (M1, X1).

use crate::web::AppState;
use crate::web::api::openapi::{BodyErrors, ErrorEnvelope, ServerErrors};
use crate::web::api::sessions::{
    MfaRequiredBody, SignedInBody, outcome_response, signed_in_response,
};
use crate::web::error::ApiError;
use crate::web::extract::{ApiJson, Client};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_domain::FlowId;
use latchkey_flows::{FlowError, SecondFactorInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Finishes a sign-in's second step.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MfaBody {
    mfa_ticket: String,
    /// `totp`, `recovery_code`, `sms`, `email` or `passkey`: one of the ticket's `methods`.
    method: String,
    /// The code (all but `passkey`).
    code: Option<String>,
    /// The passkey assertion, as `PublicKeyCredential.toJSON()` gives it (`passkey`).
    #[schema(value_type = Option<Object>)]
    credential: Option<serde_json::Value>,
    /// Skip the second factor on this device for 30 days (configurable).
    #[serde(default)]
    remember_device: bool,
}

pub(crate) fn ticket_id(text: &str) -> Result<FlowId, ApiError> {
    text.parse()
        .map_err(|_| ApiError::from(FlowError::FlowExpired))
}

impl MfaBody {
    fn input(self) -> Result<(FlowId, SecondFactorInput, bool), ApiError> {
        let ticket = ticket_id(&self.mfa_ticket)?;
        let code = || {
            self.code
                .clone()
                .filter(|c| !c.trim().is_empty() && c.len() <= 64)
                .ok_or(FlowError::InvalidInput { field: "code" })
        };
        let input = match self.method.as_str() {
            "totp" => SecondFactorInput::Totp { code: code()? },
            "recovery_code" => SecondFactorInput::RecoveryCode { code: code()? },
            "sms" | "email" => SecondFactorInput::Code {
                channel: self.method.clone(),
                code: code()?,
            },
            "passkey" => SecondFactorInput::Passkey {
                credential: self.credential.clone().ok_or(FlowError::InvalidInput {
                    field: "credential",
                })?,
            },
            _ => return Err(FlowError::InvalidInput { field: "method" }.into()),
        };
        Ok((ticket, input, self.remember_device))
    }
}

#[utoipa::path(
    post,
    path = "/api/sessions/mfa",
    operation_id = "finish_mfa",
    tag = "sessions",
    request_body = MfaBody,
    responses(
        (status = 201, description = "Signed in with two factors (`aal2`); sets the session cookie (and `latchkey_trusted_device` with `remember_device`)", body = SignedInBody),
        (status = 400, description = "`invalid_code` with `attempts_left`; `malformed_json`", body = ErrorEnvelope),
        (status = 410, description = "`flow_expired`: the ticket is unknown, used, out of tries or older than 5 minutes", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`: a method the ticket does not offer, or a missing code", body = ErrorEnvelope),
        (status = 429, description = "`too_many_attempts`: the TOTP's own lockout, or this address's code checks", body = ErrorEnvelope),
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn finish(
    State(state): State<AppState>,
    Client(client): Client,
    ApiJson(body): ApiJson<MfaBody>,
) -> Result<Response, ApiError> {
    let (ticket, input, remember) = body.input()?;
    let signed_in = state
        .flows
        .mfa()
        .finish(ticket, input, remember, &client)
        .await?;
    Ok(signed_in_response(&state, signed_in))
}

/// Asks for a second-step code.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MfaCodeBody {
    mfa_ticket: String,
    /// `sms` or `email`: one of the ticket's `methods`.
    channel: String,
}

#[utoipa::path(
    post,
    path = "/api/sessions/mfa/code",
    operation_id = "send_mfa_code",
    tag = "sessions",
    request_body = MfaCodeBody,
    responses(
        (status = 202, description = "A code went to the account's verified contact of that kind"),
        (status = 410, description = "`flow_expired`", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`: a channel the ticket does not offer", body = ErrorEnvelope),
        (status = 429, description = "`too_soon` (`seconds`), `too_many_attempts`", body = ErrorEnvelope),
        (status = 400, description = "`malformed_json`", body = ErrorEnvelope),
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn send_code(
    State(state): State<AppState>,
    Client(client): Client,
    ApiJson(body): ApiJson<MfaCodeBody>,
) -> Result<StatusCode, ApiError> {
    let ticket = ticket_id(&body.mfa_ticket)?;
    state
        .flows
        .mfa()
        .send_code(ticket, &body.channel, &client)
        .await?;
    Ok(StatusCode::ACCEPTED)
}

/// Options for a passkey: `{}` for a passwordless sign-in, `{"mfa_ticket"}` for the
/// second step.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct PasskeyOptionsBody {
    mfa_ticket: Option<String>,
}

/// `200`: WebAuthn request options (`options.publicKey` for
/// `PublicKeyCredential.parseRequestOptionsFromJSON`).
#[derive(Serialize, ToSchema)]
pub struct PasskeyOptions {
    /// The single-use challenge (5 minutes) to send back with the assertion; absent for
    /// a second step (the ticket holds it).
    #[serde(skip_serializing_if = "Option::is_none")]
    challenge_id: Option<String>,
    #[schema(value_type = Object)]
    options: serde_json::Value,
}

#[utoipa::path(
    post,
    path = "/api/sessions/passkey/options",
    operation_id = "passkey_sign_in_options",
    tag = "sessions",
    request_body = PasskeyOptionsBody,
    responses(
        (status = 200, description = "Request options (discoverable, usable from conditional UI; or bound to the ticket's account)", body = PasskeyOptions),
        (status = 410, description = "`flow_expired`: the ticket", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`: a field is missing or malformed", body = ErrorEnvelope),
        (status = 400, description = "`malformed_json`", body = ErrorEnvelope),
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn passkey_options(
    State(state): State<AppState>,
    Client(client): Client,
    ApiJson(body): ApiJson<PasskeyOptionsBody>,
) -> Result<Json<PasskeyOptions>, ApiError> {
    let sign_in = state.flows.sign_in();
    let answer = match body.mfa_ticket {
        Some(ticket) => PasskeyOptions {
            challenge_id: None,
            options: sign_in.passkey_mfa_options(ticket_id(&ticket)?).await?,
        },
        None => {
            let (id, options) = sign_in.passkey_options(&client).await?;
            PasskeyOptions {
                challenge_id: Some(id.to_string()),
                options,
            }
        }
    };
    Ok(Json(answer))
}

/// A passkey assertion for a passwordless sign-in.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasskeySignInBody {
    challenge_id: String,
    /// `PublicKeyCredential.toJSON()`.
    #[schema(value_type = Object)]
    credential: serde_json::Value,
}

#[utoipa::path(
    post,
    path = "/api/sessions/passkey",
    operation_id = "sign_in_with_passkey",
    tag = "sessions",
    request_body = PasskeySignInBody,
    responses(
        (status = 201, description = "Signed in; a passkey with user verification is two factors (`aal2`)", body = SignedInBody),
        (status = 200, description = "Never for a verified passkey; kept for the common shape", body = MfaRequiredBody),
        (status = 400, description = "`invalid_credential`: the assertion does not verify, or lacks user verification", body = ErrorEnvelope),
        (status = 410, description = "`flow_expired`: the challenge is unknown, used or older than 5 minutes", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`: a field is missing or malformed", body = ErrorEnvelope),
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn passkey_sign_in(
    State(state): State<AppState>,
    Client(client): Client,
    ApiJson(body): ApiJson<PasskeySignInBody>,
) -> Result<Response, ApiError> {
    let challenge = ticket_id(&body.challenge_id)?;
    let outcome = state
        .flows
        .sign_in()
        .with_passkey(challenge, &body.credential, &client)
        .await?;
    Ok(outcome_response(&state, outcome))
}
