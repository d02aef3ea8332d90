//! The account's second factors and passkeys (M1): `GET /api/account/mfa`, TOTP enrolment
//! and removal, recovery codes, passkeys, remembered devices, and re-authentication
//! (`POST /api/account/reauthenticate`), which opens the privileged window every change
//! here needs (`403 reauthentication_required` without it).

use crate::web::AppState;
use crate::web::api::mfa::ticket_id;
use crate::web::api::openapi::{BodyErrors, ErrorEnvelope, ServerErrors};
use crate::web::error::ApiError;
use crate::web::extract::{ApiJson, Auth, Client};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use latchkey_flows::{FlowError, PasskeyView, Reauthentication, TrustedDeviceView};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
#[schema(as = Passkey)]
pub struct PasskeyBody {
    #[schema(value_type = String, format = Uuid)]
    id: uuid::Uuid,
    name: String,
    #[serde(with = "time::serde::rfc3339")]
    created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    last_used_at: Option<OffsetDateTime>,
}

impl From<PasskeyView> for PasskeyBody {
    fn from(p: PasskeyView) -> Self {
        Self {
            id: p.id,
            name: p.name,
            created_at: p.created_at,
            last_used_at: p.last_used_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
#[schema(as = TrustedDevice)]
pub struct TrustedDeviceBody {
    #[schema(value_type = String, format = Uuid)]
    id: uuid::Uuid,
    user_agent: Option<String>,
    ip: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    last_used_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    expires_at: OffsetDateTime,
}

impl From<TrustedDeviceView> for TrustedDeviceBody {
    fn from(d: TrustedDeviceView) -> Self {
        Self {
            id: d.id,
            user_agent: d.user_agent,
            ip: d.ip,
            created_at: d.created_at,
            last_used_at: d.last_used_at,
            expires_at: d.expires_at,
        }
    }
}

/// `200`: the account's second factors.
#[derive(Serialize, ToSchema)]
pub struct MfaStatusBody {
    totp: bool,
    recovery_codes_left: u32,
    /// True when a second factor is on and 2 or fewer codes are left: make new ones.
    recovery_codes_low: bool,
    passkeys: Vec<PasskeyBody>,
    trusted_devices: Vec<TrustedDeviceBody>,
    /// Whether factor changes are allowed now without re-authenticating.
    privileged: bool,
}

#[utoipa::path(
    get,
    path = "/api/account/mfa",
    operation_id = "get_mfa",
    tag = "account",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 200, description = "Second factors, passkeys and remembered devices", body = MfaStatusBody),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn status(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
) -> Result<Json<MfaStatusBody>, ApiError> {
    let settings = state.flows.settings();
    let s = settings.mfa_status(&auth).await?;
    Ok(Json(MfaStatusBody {
        totp: s.totp,
        recovery_codes_left: s.recovery_codes_left,
        recovery_codes_low: s.recovery_codes_low,
        passkeys: s.passkeys.into_iter().map(Into::into).collect(),
        trusted_devices: s.trusted_devices.into_iter().map(Into::into).collect(),
        privileged: settings.privileged(&auth),
    }))
}

/// `200`: a TOTP secret to add to an authenticator app, then confirm with a first code.
#[derive(Serialize, ToSchema)]
pub struct TotpEnrollmentBody {
    enrollment_id: String,
    /// Base32, for typing in by hand.
    secret: String,
    otpauth_uri: String,
    /// The `otpauth_uri` as a QR code (an SVG document).
    qr_svg: String,
}

#[utoipa::path(
    post,
    path = "/api/account/mfa/totp",
    operation_id = "start_totp",
    tag = "account",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 200, description = "SHA-1, 6 digits, 30 s", body = TotpEnrollmentBody),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        (status = 403, description = "`reauthentication_required`, `csrf_failed`", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn start_totp(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
) -> Result<Json<TotpEnrollmentBody>, ApiError> {
    let e = state.flows.settings().start_totp(&auth).await?;
    Ok(Json(TotpEnrollmentBody {
        enrollment_id: e.enrollment_id.to_string(),
        secret: e.secret,
        otpauth_uri: e.otpauth_uri,
        qr_svg: e.qr_svg,
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfirmTotpBody {
    enrollment_id: String,
    code: String,
}

/// `200`: recovery codes, shown once (empty when the account already had a set).
#[derive(Serialize, ToSchema)]
pub struct RecoveryCodesBody {
    recovery_codes: Vec<String>,
}

#[utoipa::path(
    post,
    path = "/api/account/mfa/totp/confirm",
    operation_id = "confirm_totp",
    tag = "account",
    security(("bearer" = []), ("cookie" = [])),
    request_body = ConfirmTotpBody,
    responses(
        (status = 200, description = "TOTP is on; the recovery codes when it is the first second factor", body = RecoveryCodesBody),
        (status = 400, description = "`invalid_code` with `attempts_left`", body = ErrorEnvelope),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        (status = 403, description = "`reauthentication_required`, `csrf_failed`", body = ErrorEnvelope),
        (status = 410, description = "`flow_expired`: the enrolment", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`: a field is missing or malformed", body = ErrorEnvelope),
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn confirm_totp(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
    ApiJson(body): ApiJson<ConfirmTotpBody>,
) -> Result<Json<RecoveryCodesBody>, ApiError> {
    let id = ticket_id(&body.enrollment_id)?;
    let codes = state
        .flows
        .settings()
        .confirm_totp(&auth, id, &body.code)
        .await?;
    Ok(Json(RecoveryCodesBody {
        recovery_codes: codes.unwrap_or_default(),
    }))
}

#[utoipa::path(
    delete,
    path = "/api/account/mfa/totp",
    operation_id = "remove_totp",
    tag = "account",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 204, description = "TOTP removed; the owner is told"),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        (status = 403, description = "`reauthentication_required`, `csrf_failed`", body = ErrorEnvelope),
        (status = 404, description = "`not_found`: no TOTP", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn remove_totp(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
) -> Result<StatusCode, ApiError> {
    state.flows.settings().remove_totp(&auth).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    post,
    path = "/api/account/mfa/recovery-codes",
    operation_id = "regenerate_recovery_codes",
    tag = "account",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 200, description = "Ten new codes; every older code stops working", body = RecoveryCodesBody),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        (status = 403, description = "`reauthentication_required`, `csrf_failed`", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input` (`second_factor`): no second factor to back up", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn regenerate_recovery_codes(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
) -> Result<Json<RecoveryCodesBody>, ApiError> {
    let codes = state
        .flows
        .settings()
        .regenerate_recovery_codes(&auth)
        .await?;
    Ok(Json(RecoveryCodesBody {
        recovery_codes: codes,
    }))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct PasskeyRegistrationOptionsBody {
    /// What to call it ("Work laptop"), at most 64 characters.
    name: Option<String>,
}

/// `200`: WebAuthn creation options (`options.publicKey` for
/// `PublicKeyCredential.parseCreationOptionsFromJSON`).
#[derive(Serialize, ToSchema)]
pub struct PasskeyRegistrationOptions {
    registration_id: String,
    #[schema(value_type = Object)]
    options: serde_json::Value,
}

#[utoipa::path(
    post,
    path = "/api/account/passkeys/options",
    operation_id = "passkey_registration_options",
    tag = "account",
    security(("bearer" = []), ("cookie" = [])),
    request_body = PasskeyRegistrationOptionsBody,
    responses(
        (status = 200, description = "Creation options: a discoverable credential with user verification", body = PasskeyRegistrationOptions),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        (status = 403, description = "`reauthentication_required`, `csrf_failed`", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input` (`name`)", body = ErrorEnvelope),
        (status = 400, description = "`malformed_json`", body = ErrorEnvelope),
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn passkey_options(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
    ApiJson(body): ApiJson<PasskeyRegistrationOptionsBody>,
) -> Result<Json<PasskeyRegistrationOptions>, ApiError> {
    let (id, options) = state
        .flows
        .settings()
        .passkey_options(&auth, body.name.as_deref())
        .await?;
    Ok(Json(PasskeyRegistrationOptions {
        registration_id: id.to_string(),
        options,
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddPasskeyBody {
    registration_id: String,
    /// `PublicKeyCredential.toJSON()`.
    #[schema(value_type = Object)]
    credential: serde_json::Value,
}

#[utoipa::path(
    post,
    path = "/api/account/passkeys",
    operation_id = "add_passkey",
    tag = "account",
    security(("bearer" = []), ("cookie" = [])),
    request_body = AddPasskeyBody,
    responses(
        (status = 201, description = "Added; the owner is told", body = PasskeyBody),
        (status = 400, description = "`invalid_credential`", body = ErrorEnvelope),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        (status = 403, description = "`reauthentication_required`, `csrf_failed`", body = ErrorEnvelope),
        (status = 409, description = "`already_registered`", body = ErrorEnvelope),
        (status = 410, description = "`flow_expired`: the registration", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`: a field is missing or malformed", body = ErrorEnvelope),
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn add_passkey(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
    ApiJson(body): ApiJson<AddPasskeyBody>,
) -> Result<(StatusCode, Json<PasskeyBody>), ApiError> {
    let id = ticket_id(&body.registration_id)?;
    let passkey = state
        .flows
        .settings()
        .add_passkey(&auth, id, &body.credential)
        .await?;
    Ok((StatusCode::CREATED, Json(passkey.into())))
}

fn uuid_of(id: &str) -> Result<uuid::Uuid, ApiError> {
    id.parse().map_err(|_| ApiError::not_found())
}

#[utoipa::path(
    delete,
    path = "/api/account/passkeys/{id}",
    operation_id = "remove_passkey",
    tag = "account",
    params(("id" = String, Path, description = "A passkey's `id`")),
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 204, description = "Removed; the owner is told"),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        (status = 403, description = "`reauthentication_required`, `csrf_failed`", body = ErrorEnvelope),
        (status = 404, description = "`not_found`", body = ErrorEnvelope),
        (status = 409, description = "`last_method`: it is the account's last way in", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn remove_passkey(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state
        .flows
        .settings()
        .remove_passkey(&auth, uuid_of(&id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    delete,
    path = "/api/account/trusted-devices/{id}",
    operation_id = "revoke_trusted_device",
    tag = "account",
    params(("id" = String, Path, description = "A remembered device's `id`")),
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 204, description = "That device asks for the second factor again"),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        (status = 404, description = "`not_found`", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn revoke_trusted_device(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state
        .flows
        .mfa()
        .revoke_trusted_device(&auth, uuid_of(&id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    delete,
    path = "/api/account/trusted-devices",
    operation_id = "revoke_trusted_devices",
    tag = "account",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 204, description = "No device skips the second factor any more"),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn revoke_trusted_devices(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
) -> Result<StatusCode, ApiError> {
    state.flows.mfa().revoke_trusted_devices(&auth).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Proves the holder again: the password, or a TOTP code.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReauthenticateBody {
    password: Option<String>,
    /// A TOTP code (raises a one-factor session to `aal2`).
    totp: Option<String>,
}

#[utoipa::path(
    post,
    path = "/api/account/reauthenticate",
    operation_id = "reauthenticate",
    tag = "account",
    security(("bearer" = []), ("cookie" = [])),
    request_body = ReauthenticateBody,
    responses(
        (status = 204, description = "The privileged window is open again (10 minutes by default)"),
        (status = 400, description = "`invalid_code` (TOTP)", body = ErrorEnvelope),
        (status = 401, description = "`unauthenticated`, `invalid_credentials`", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`: neither or both proofs", body = ErrorEnvelope),
        (status = 429, description = "`too_many_attempts`", body = ErrorEnvelope),
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn reauthenticate(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
    Client(client): Client,
    ApiJson(body): ApiJson<ReauthenticateBody>,
) -> Result<StatusCode, ApiError> {
    let proof = match (body.password, body.totp) {
        (Some(p), None) => Reauthentication::Password(p),
        (None, Some(c)) => Reauthentication::Totp(c),
        _ => return Err(FlowError::InvalidInput { field: "password" }.into()),
    };
    state
        .flows
        .reauthenticate()
        .with(&auth, proof, &client)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
