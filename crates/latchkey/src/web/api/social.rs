//! Social sign-in over JSON: a native app's ID token (`POST /api/sessions/id-token`),
//! the link proof for apps (`/api/sessions/link…`), and the account's linked providers
//! (`/api/account/providers`). The browser's round trip is `pages::social`.

use super::code_flow::{self, Started};
use super::mfa::ticket_id;
use crate::web::AppState;
use crate::web::api::openapi::{BodyErrors, ErrorEnvelope, ServerErrors};
use crate::web::api::sessions::{MfaRequiredBody, SignedInBody, outcome_response};
use crate::web::error::ApiError;
use crate::web::extract::{ApiJson, Auth, Client};
use crate::web::locale::Lang;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_flows::{FlowError, LinkProof, SocialOutcome};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An ID token the app got from the provider's own SDK (Google, Apple).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IdTokenBody {
    /// A configured provider's id.
    #[schema(example = "google")]
    provider: String,
    id_token: String,
    /// The nonce the app gave the provider (raw; Apple's SHA-256 form is accepted too).
    nonce: Option<String>,
}

fn social_response(state: &AppState, outcome: SocialOutcome) -> Result<Response, ApiError> {
    match outcome {
        SocialOutcome::SignIn { outcome, .. } => Ok(outcome_response(state, outcome)),
        SocialOutcome::LinkRequired { flow, .. } => Err(FlowError::LinkRequired { flow }.into()),
        SocialOutcome::Linked { .. } => Err(FlowError::StateMismatch.into()),
    }
}

#[utoipa::path(
    post,
    path = "/api/sessions/id-token",
    operation_id = "sign_in_with_id_token",
    tag = "sessions",
    request_body = IdTokenBody,
    responses(
        (status = 201, description = "Signed in (a first sign-in creates the account)", body = SignedInBody),
        (status = 200, description = "The account has a second factor: finish at `POST /api/sessions/mfa`", body = MfaRequiredBody),
        (status = 400, description = "`malformed_json`", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`: a field is missing or malformed", body = ErrorEnvelope),
        (status = 401, description = "`provider_error`: the token does not check (signature, issuer, audience, expiry, nonce)", body = ErrorEnvelope),
        (status = 404, description = "`not_found`: no such provider", body = ErrorEnvelope),
        (status = 409, description = "`link_required`: the provider's verified email is an existing account's; prove it at `POST /api/sessions/link` with `link_flow_id`", body = ErrorEnvelope),
        (status = 502, description = "`provider_unavailable`: the provider's keys could not be fetched", body = ErrorEnvelope),
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn id_token(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Client(client): Client,
    ApiJson(body): ApiJson<IdTokenBody>,
) -> Result<Response, ApiError> {
    let outcome = state
        .flows
        .social()
        .with_id_token(
            &body.provider,
            &body.id_token,
            body.nonce.as_deref(),
            lang,
            &client,
        )
        .await?;
    social_response(&state, outcome)
}

/// What a link waits for.
#[derive(Serialize, ToSchema)]
pub struct LinkBody {
    link_flow_id: String,
    provider: String,
    /// The provider's label.
    label: String,
    /// The account's email the provider verified.
    email: String,
    /// How the account can be proved: `password`, `email_code`, `passkey`.
    proofs: Vec<&'static str>,
}

#[utoipa::path(
    get,
    path = "/api/sessions/link/{flow_id}",
    operation_id = "show_link",
    tag = "sessions",
    params(("flow_id" = String, Path, description = "From `link_required`")),
    responses(
        (status = 200, description = "The link waiting for its proof", body = LinkBody),
        (status = 410, description = "`flow_expired`", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn show_link(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<LinkBody>, ApiError> {
    let view = state.flows.social().link_view(ticket_id(&id)?).await?;
    Ok(Json(LinkBody {
        link_flow_id: view.flow.to_string(),
        provider: view.provider,
        label: view.provider_label,
        email: view.email,
        proofs: view.proofs,
    }))
}

/// Sends a sign-in code to the link's email.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkCodeBody {
    link_flow_id: String,
}

#[utoipa::path(
    post,
    path = "/api/sessions/link/code",
    operation_id = "send_link_code",
    tag = "sessions",
    request_body = LinkCodeBody,
    responses(
        (status = 202, description = "A code is on its way to the account's email", body = code_flow::FlowStarted),
        (status = 400, description = "`malformed_json`", body = ErrorEnvelope),
        (status = 410, description = "`flow_expired`", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`: a field is missing or malformed", body = ErrorEnvelope),
        (status = 429, description = "`too_many_attempts`", body = ErrorEnvelope),
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn send_link_code(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Client(client): Client,
    ApiJson(body): ApiJson<LinkCodeBody>,
) -> Started {
    let id = state
        .flows
        .social()
        .link_send_code(ticket_id(&body.link_flow_id)?, lang, &client)
        .await?;
    code_flow::started(&state, id)
}

/// Proves the account: one of `password`, `code` with `code_flow_id`, or a passkey
/// `credential` with `challenge_id`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkProofBody {
    link_flow_id: String,
    password: Option<String>,
    code_flow_id: Option<String>,
    code: Option<String>,
    challenge_id: Option<String>,
    #[schema(value_type = Option<Object>)]
    credential: Option<serde_json::Value>,
}

#[utoipa::path(
    post,
    path = "/api/sessions/link",
    operation_id = "prove_link",
    tag = "sessions",
    request_body = LinkProofBody,
    responses(
        (status = 201, description = "Proved: the provider is linked and the account signed in", body = SignedInBody),
        (status = 200, description = "Proved and linked; the second factor is owed", body = MfaRequiredBody),
        (status = 400, description = "`invalid_code`, `invalid_credential`, `malformed_json`", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`: give exactly one proof", body = ErrorEnvelope),
        (status = 401, description = "`invalid_credentials`: the proof is not this account's", body = ErrorEnvelope),
        (status = 409, description = "`already_linked`", body = ErrorEnvelope),
        (status = 410, description = "`flow_expired`: the link is unknown, used or older than 10 minutes", body = ErrorEnvelope),
        (status = 429, description = "`too_many_attempts`", body = ErrorEnvelope),
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn prove_link(
    State(state): State<AppState>,
    Client(client): Client,
    ApiJson(body): ApiJson<LinkProofBody>,
) -> Result<Response, ApiError> {
    let flow = ticket_id(&body.link_flow_id)?;
    let code_flow = body.code_flow_id.as_deref().map(ticket_id).transpose()?;
    let challenge = body.challenge_id.as_deref().map(ticket_id).transpose()?;
    let proof = match (
        &body.password,
        code_flow,
        &body.code,
        challenge,
        &body.credential,
    ) {
        (Some(p), None, None, None, None) => LinkProof::Password(p),
        (None, Some(flow), Some(code), None, None) => LinkProof::Code { flow, code },
        (None, None, None, Some(challenge), Some(credential)) => LinkProof::Passkey {
            challenge,
            credential,
        },
        _ => return Err(FlowError::InvalidInput { field: "password" }.into()),
    };
    let (outcome, _) = state.flows.social().link(flow, proof, &client).await?;
    Ok(outcome_response(&state, outcome))
}

/// A linked provider.
#[derive(Serialize, ToSchema)]
pub struct LinkedProviderBody {
    provider: String,
    label: String,
    email: Option<String>,
    /// RFC 3339.
    linked_at: String,
    last_used_at: Option<String>,
}

/// A provider that can be linked.
#[derive(Serialize, ToSchema)]
pub struct AvailableProviderBody {
    provider: String,
    kind: String,
    label: String,
}

#[derive(Serialize, ToSchema)]
pub struct ProvidersBody {
    providers: Vec<LinkedProviderBody>,
    /// Every configured provider (link one at `/auth/{provider}/start?intent=link`).
    available: Vec<AvailableProviderBody>,
}

fn rfc3339(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[utoipa::path(
    get,
    path = "/api/account/providers",
    operation_id = "list_providers",
    tag = "account",
    responses(
        (status = 200, description = "The account's linked providers", body = ProvidersBody),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn list(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
) -> Result<Json<ProvidersBody>, ApiError> {
    let social = state.flows.social();
    let providers = social
        .linked(&auth)
        .await?
        .into_iter()
        .map(|p| LinkedProviderBody {
            provider: p.provider,
            label: p.label,
            email: p.email,
            linked_at: rfc3339(p.linked_at),
            last_used_at: p.last_used_at.map(rfc3339),
        })
        .collect();
    let available = social
        .buttons()
        .into_iter()
        .map(|b| AvailableProviderBody {
            provider: b.id,
            kind: b.kind.as_str().to_owned(),
            label: b.label,
        })
        .collect();
    Ok(Json(ProvidersBody {
        providers,
        available,
    }))
}

#[utoipa::path(
    delete,
    path = "/api/account/providers/{provider}",
    operation_id = "unlink_provider",
    tag = "account",
    params(("provider" = String, Path, description = "A linked provider's id")),
    responses(
        (status = 204, description = "Unlinked; the owner is told"),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        (status = 403, description = "`reauthentication_required`, `csrf_failed`", body = ErrorEnvelope),
        (status = 404, description = "`not_found`: not linked", body = ErrorEnvelope),
        (status = 409, description = "`last_method`: it is the account's last way in", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn unlink(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
    Path(provider): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.flows.social().unlink(&auth, &provider).await?;
    Ok(StatusCode::NO_CONTENT)
}
