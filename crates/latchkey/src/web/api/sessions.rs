//! Sign-in with a password, the session check (the shop's hot path), sign-out, and the
//! list of signed-in devices.

use crate::web::AppState;
use crate::web::api::bodies::{IdentityBody, SessionIdBody};
use crate::web::api::openapi::{BodyErrors, ErrorEnvelope, ServerErrors};
use crate::web::cookies::{self, SESSION_COOKIE};
use crate::web::error::ApiError;
use crate::web::extract::{ApiJson, Auth, Client};
use crate::web::locale::Lang;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use latchkey_domain::SessionId;
use latchkey_flows::model::Session;
use latchkey_flows::{MfaRequired, SignInOutcome, SignedIn};
use latchkey_i18n::Locale;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

/// Password sign-in.
#[derive(ToSchema, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignInBody {
    /// An email address or a phone number (any common format).
    identifier: String,
    password: String,
}

/// A signed-in device.
#[derive(Serialize, ToSchema)]
#[schema(as = Session)]
pub struct SessionBody {
    id: SessionIdBody,
    #[serde(with = "time::serde::rfc3339")]
    created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    last_seen_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    expires_at: OffsetDateTime,
    ip: Option<String>,
    user_agent: Option<String>,
    /// A coarse name of the device ("Firefox · Android"), when its user agent is known.
    device: Option<String>,
    /// In the list of sessions: "City, Country" of `ip` when a GeoIP database is
    /// configured and knows it. `null` otherwise, and in the other answers (the session
    /// check stays a single read).
    place: Option<String>,
    method: String,
    /// `aal1` (one factor) or `aal2` (two).
    aal: String,
    /// The methods that proved the session, in the order used.
    amr: Vec<String>,
    current: bool,
}

impl SessionBody {
    /// A session as the caller sees it: `current` when it is the caller's own. The one
    /// place a `Session` becomes its API shape.
    pub fn new(s: &Session, caller: SessionId) -> Self {
        Self {
            id: s.id.into(),
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
            expires_at: s.expires_at,
            ip: s.ip.clone(),
            user_agent: s.user_agent.clone(),
            device: s
                .user_agent
                .as_deref()
                .and_then(latchkey_flows::kernel::user_agent::describe),
            place: None,
            method: s.method.clone(),
            aal: s.aal.as_str().to_owned(),
            amr: s.amr.clone(),
            current: s.id == caller,
        }
    }

    /// With the session's place, from the GeoIP database (when there is one).
    pub fn with_place(mut self, state: &AppState, s: &Session, locale: Locale) -> Self {
        self.place = state.flows.place_of(s.ip.as_deref(), locale);
        self
    }
}

/// The caller's own session (`current` is true).
impl From<&Session> for SessionBody {
    fn from(s: &Session) -> Self {
        Self::new(s, s.id)
    }
}

/// `201`: signed in. Apps keep `session_token` (send it as `Authorization: Bearer`);
/// browsers get the same session as the `latchkey_session` cookie.
#[derive(Serialize, ToSchema)]
pub struct SignedInBody {
    pub session_token: String,
    /// When the session ends unless used (RFC 3339).
    #[schema(format = DateTime)]
    pub expires_at: String,
    pub session: SessionBody,
    pub identity: IdentityBody,
    /// This device's token for the account (also the `latchkey_device` cookie). Apps keep
    /// it and send it back as `Latchkey-Device`: a known device is not locked out by
    /// strangers' failures.
    pub device_token: String,
    /// After a second factor with `remember_device`: this device's token for skipping
    /// the second factor (also the `latchkey_trusted_device` cookie; apps send it back
    /// as `Latchkey-Trusted-Device`); `null` otherwise.
    pub trusted_device_token: Option<String>,
}

/// `200`: the first factor was right and the account has a second one: finish with
/// `POST /api/sessions/mfa` (or ask for a code with `POST /api/sessions/mfa/code`).
#[derive(Serialize, ToSchema)]
pub struct MfaRequiredBody {
    /// Always `true`.
    pub mfa_required: bool,
    /// Single use, lives 5 minutes.
    pub mfa_ticket: String,
    /// What may finish it: `passkey`, `totp`, `sms`, `email`, `recovery_code`.
    pub methods: Vec<String>,
    #[schema(format = DateTime)]
    pub expires_at: String,
}

impl From<MfaRequired> for MfaRequiredBody {
    fn from(m: MfaRequired) -> Self {
        Self {
            mfa_required: true,
            mfa_ticket: m.ticket.to_string(),
            methods: m.methods,
            expires_at: m
                .expires_at
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
        }
    }
}

/// How every way in answers: `201` signed in, or `200` with the MFA ticket.
pub fn outcome_response(state: &AppState, outcome: SignInOutcome) -> Response {
    match outcome {
        SignInOutcome::SignedIn(signed_in) => signed_in_response(state, signed_in),
        SignInOutcome::MfaRequired(m) => {
            (StatusCode::OK, Json(MfaRequiredBody::from(m))).into_response()
        }
    }
}

impl From<SignedIn> for SignedInBody {
    fn from(signed_in: SignedIn) -> Self {
        Self {
            expires_at: signed_in
                .session
                .expires_at
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            session: SessionBody::from(&signed_in.session),
            identity: signed_in.identity.into(),
            session_token: signed_in.session_token,
            device_token: signed_in.device_token,
            trusted_device_token: signed_in.trusted_device_token,
        }
    }
}

/// `200`: who is signed in, and the session doing it.
#[derive(Serialize, ToSchema)]
pub struct CurrentSession {
    pub identity: IdentityBody,
    pub session: SessionBody,
}

/// `200`: the account's sessions, newest first; `current` marks the caller's.
#[derive(Serialize, ToSchema)]
pub struct SessionList {
    pub sessions: Vec<SessionBody>,
}

/// `200`: how many other sessions were signed out.
#[derive(Serialize, ToSchema)]
pub struct Revoked {
    pub revoked: u64,
}

/// The session cookie for a new sign-in, lasting as long as the session can.
pub fn session_cookie(
    state: &AppState,
    signed_in: &SignedIn,
) -> axum_extra::extract::cookie::Cookie<'static> {
    cookies::build(
        SESSION_COOKIE,
        signed_in.session_token.clone(),
        Some(signed_in.session.absolute_expires_at - signed_in.session.created_at),
        state.config.secure_cookies(),
    )
}

/// The `latchkey_device` cookie (apps keep the body's `device_token` and send it back
/// in the `Latchkey-Device` header instead).
pub fn device_cookie(
    state: &AppState,
    token: &str,
) -> axum_extra::extract::cookie::Cookie<'static> {
    cookies::build(
        cookies::DEVICE_COOKIE,
        token.to_owned(),
        Some(cookies::DEVICE_COOKIE_MAX_AGE),
        state.config.secure_cookies(),
    )
}

/// `201` with the token (apps) and the session cookie (browsers).
pub fn signed_in_response(state: &AppState, signed_in: SignedIn) -> Response {
    // Two Set-Cookie headers in a fixed order (a CookieJar's order is arbitrary): the
    // session first, then the device.
    let session = session_cookie(state, &signed_in).encoded().to_string();
    let device = device_cookie(state, &signed_in.device_token)
        .encoded()
        .to_string();
    let trusted = signed_in.trusted_device_token.as_ref().map(|token| {
        cookies::build(
            cookies::TRUSTED_DEVICE_COOKIE,
            token.clone(),
            Some(state.flows.settings().remember_device()),
            state.config.secure_cookies(),
        )
        .encoded()
        .to_string()
    });
    let body = SignedInBody::from(signed_in);
    let mut res = (StatusCode::CREATED, Json(body)).into_response();
    for cookie in [Some(session), Some(device), trusted].into_iter().flatten() {
        if let Ok(v) = axum::http::HeaderValue::from_str(&cookie) {
            res.headers_mut().append(axum::http::header::SET_COOKIE, v);
        }
    }
    res
}

/// Sign in with an identifier and a password.
#[utoipa::path(
    post,
    path = "/api/sessions",
    operation_id = "sign_in",
    tag = "sessions",
    request_body = SignInBody,
    responses(
        (status = 201, description = "Signed in; also sets the `latchkey_session` cookie", body = SignedInBody),
        (status = 200, description = "Right password; the account's second factor is owed (`mfa_required`)", body = MfaRequiredBody),
        (status = 400, description = "`malformed_json`", body = ErrorEnvelope),
        (status = 401, description = "`invalid_credentials`: unknown identifier or wrong password, one answer for both", body = ErrorEnvelope),
        (status = 403, description = "`account_blocked`", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`, `invalid_identifier`", body = ErrorEnvelope),
        (status = 429, description = "`too_many_attempts` (`retry_after`, `Retry-After` header)", body = ErrorEnvelope,
         headers(("Retry-After" = i64, description = "Seconds to wait"))),
        (status = 503, description = "`server_busy`: the hashing pool is full; `Retry-After`", body = ErrorEnvelope),
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn create(
    State(state): State<AppState>,
    Client(client): Client,
    ApiJson(body): ApiJson<SignInBody>,
) -> Result<Response, ApiError> {
    let outcome = state
        .flows
        .sign_in()
        .with_password(&body.identifier, &body.password, &client)
        .await?;
    Ok(outcome_response(&state, outcome))
}

/// Who is signed in: the session check.
#[utoipa::path(
    get,
    path = "/api/session",
    operation_id = "get_session",
    tag = "sessions",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 200, description = "The account and the session", body = CurrentSession),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn current(Auth(auth, _): Auth) -> Result<Response, ApiError> {
    // Serialized straight from the bodies (no intermediate `serde_json::Value`): this is
    // the answer the shop's backend asks for on every page view.
    let answer = CurrentSession {
        session: SessionBody::from(&auth.session),
        identity: auth.view.into(),
    };
    Ok(Json(answer).into_response())
}

/// Sign out: the session ends and its cookie is removed.
#[utoipa::path(
    delete,
    path = "/api/session",
    operation_id = "sign_out",
    tag = "sessions",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        (status = 403, description = "`csrf_failed`: cookie session without the `X-CSRF-Token` header", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn sign_out(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
) -> Result<(StatusCode, CookieJar), ApiError> {
    state.flows.sessions().sign_out(&auth).await?;
    let jar = CookieJar::new().add(cookies::removal(
        SESSION_COOKIE,
        state.config.secure_cookies(),
    ));
    Ok((StatusCode::NO_CONTENT, jar))
}

/// The account's signed-in devices.
#[utoipa::path(
    get,
    path = "/api/sessions",
    operation_id = "list_sessions",
    tag = "sessions",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 200, description = "Every live session of the account", body = SessionList),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn list(
    State(state): State<AppState>,
    Lang(locale): Lang,
    Auth(auth, _): Auth,
) -> Result<Json<SessionList>, ApiError> {
    let sessions = state.flows.sessions().list(auth.identity.id).await?;
    let sessions = sessions
        .iter()
        .map(|s| SessionBody::new(s, auth.session.id).with_place(&state, s, locale))
        .collect();
    Ok(Json(SessionList { sessions }))
}

/// Sign one session out.
#[utoipa::path(
    delete,
    path = "/api/sessions/{id}",
    operation_id = "revoke_session",
    tag = "sessions",
    params(("id" = SessionIdBody, Path, description = "A session's `id` from the list")),
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 204, description = "That session ended"),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        (status = 403, description = "`csrf_failed`: cookie session without the `X-CSRF-Token` header", body = ErrorEnvelope),
        (status = 404, description = "`not_found`: no such session of this account", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn revoke(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id: SessionId = id.parse().map_err(|_| ApiError::not_found())?;
    state.flows.sessions().revoke(auth.identity.id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sign out every session but this one.
#[utoipa::path(
    delete,
    path = "/api/sessions",
    operation_id = "revoke_other_sessions",
    tag = "sessions",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 200, description = "How many sessions ended", body = Revoked),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        (status = 403, description = "`csrf_failed`: cookie session without the `X-CSRF-Token` header", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn revoke_others(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
) -> Result<Json<Revoked>, ApiError> {
    let revoked = state.flows.sessions().revoke_others(&auth).await?;
    Ok(Json(Revoked { revoked }))
}
