//! `/admin/api/…`: accounts for support and operators, the audit trail, admin keys and
//! the dashboard's figures (API.md, "Admin API"). Each handler parses, calls one
//! `flows.admin()` function and renders; roles and the audit are the journey's.

use super::AdminAuth;
use crate::web::AppState;
use crate::web::api::bodies::{ContactBody, IdentityBody, IdentityIdBody, IdentityStateBody};
use crate::web::api::openapi::{BodyErrors, ErrorEnvelope, ServerErrors};
use crate::web::api::sessions::SessionBody;
use crate::web::error::ApiError;
use crate::web::extract::{ApiJson, Client};
use axum::Json;
use axum::Router;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::routing::{delete, get, post};
use latchkey_domain::{EventType, IdentityId, SessionId};
use latchkey_flows::journeys::admin::{AdminIdentityView, Dashboard, KeyView};
use latchkey_flows::model::{Event, EventQuery};
use latchkey_flows::{AdminRole, FlowError};
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/identities", get(search).post(create_identity))
        .route("/identities/{id}", get(show).delete(delete_identity))
        .route("/identities/{id}/block", post(block))
        .route("/identities/{id}/unblock", post(unblock))
        .route("/identities/{id}/unlock", post(unlock))
        .route("/identities/{id}/sessions", delete(end_sessions))
        .route("/identities/{id}/recovery", post(send_recovery))
        .route("/identities/{id}/mfa", delete(remove_mfa))
        .route("/identities/{id}/facts", post(record_facts))
        .route("/identities/{id}/privilege", post(set_privilege))
        .route("/events", get(events))
        .route("/dashboard", get(dashboard))
        .route("/keys", get(list_keys).post(create_key))
        .route("/keys/{id}", delete(revoke_key))
        .route("/webhooks", get(webhooks))
        .route("/webhooks/test", post(test_webhook))
}

/// A query string parsed into `T`, refused with our envelope (`422 invalid_input`).
pub struct AdminQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for AdminQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Self(q.0))
            .map_err(|_| ApiError::from(FlowError::InvalidInput { field: "query" }))
    }
}

/// An identity id in the path; anything else is `404`.
fn identity_id(raw: &str) -> Result<IdentityId, ApiError> {
    raw.parse::<Uuid>()
        .map(IdentityId)
        .map_err(|_| ApiError::not_found())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// An email address (or its beginning), a phone number, part of a name, an account
    /// id or a provider's subject.
    #[serde(default)]
    query: String,
}

/// One account found.
#[derive(Serialize, ToSchema)]
pub struct SearchHitBody {
    id: IdentityIdBody,
    name: Option<String>,
    /// The primary email, else the primary phone.
    address: Option<String>,
    state: IdentityStateBody,
    #[serde(with = "time::serde::rfc3339")]
    created_at: OffsetDateTime,
}

#[derive(Serialize, ToSchema)]
pub struct SearchBody {
    identities: Vec<SearchHitBody>,
}

#[utoipa::path(
    get,
    path = "/admin/api/identities",
    operation_id = "admin_search_identities",
    tag = "admin",
    params(SearchParams),
    security(("admin" = [])),
    responses(
        (status = 200, description = "Accounts matching the query (at most 50)", body = SearchBody),
        (status = 401, description = "`unauthenticated`: no valid admin key", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn search(
    State(state): State<AppState>,
    AdminAuth(actor): AdminAuth,
    AdminQuery(params): AdminQuery<SearchParams>,
) -> Result<Json<SearchBody>, ApiError> {
    let hits = state.flows.admin().search(&actor, &params.query).await?;
    Ok(Json(SearchBody {
        identities: hits
            .into_iter()
            .map(|h| SearchHitBody {
                id: h.id.into(),
                name: h.name,
                address: h.address,
                state: h.state.into(),
                created_at: h.created_at,
            })
            .collect(),
    }))
}

/// How the password is stored.
#[derive(Serialize, ToSchema)]
pub struct PasswordBody {
    /// `argon2id`, or the imported scheme until the next sign-in upgrades it (`bcrypt`,
    /// `phpass`, `django_pbkdf2_sha256`, `wordpress_bcrypt`, `scrypt`, …).
    scheme: String,
    #[serde(with = "time::serde::rfc3339")]
    set_at: OffsetDateTime,
}

/// The second factors.
#[derive(Serialize, ToSchema)]
pub struct MfaBody {
    totp: bool,
    passkeys: u32,
}

#[derive(Serialize, ToSchema)]
pub struct ProviderBody {
    provider: String,
    subject: String,
}

/// A remembered device (skips the second factor).
#[derive(Serialize, ToSchema)]
pub struct DeviceBody {
    #[schema(value_type = String, format = Uuid)]
    id: Uuid,
    device: Option<String>,
    ip: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    last_used_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    expires_at: OffsetDateTime,
}

/// The account lockout of one kind of identifier.
#[derive(Serialize, ToSchema)]
pub struct LockoutBody {
    /// `email` or `phone`.
    kind: String,
    failures: u32,
    /// Set while it is locked.
    #[serde(with = "time::serde::rfc3339::option")]
    locked_until: Option<OffsetDateTime>,
}

/// The admin key an event names.
#[derive(Serialize, ToSchema)]
pub struct ActorBody {
    #[schema(value_type = String, format = Uuid)]
    key_id: Uuid,
    key_name: String,
}

/// One event of the audit trail.
#[derive(Serialize, ToSchema)]
pub struct AdminEventBody {
    #[schema(value_type = String, format = Uuid)]
    id: Uuid,
    /// `session.created`, `signin.failed`, …, `admin.<action>`.
    #[serde(rename = "type")]
    kind: String,
    #[serde(with = "time::serde::rfc3339")]
    created_at: OffsetDateTime,
    identity_id: IdentityIdBody,
    ip: Option<String>,
    user_agent: Option<String>,
    /// A coarse name of the device ("Firefox · Android").
    device: Option<String>,
    /// `success`, `failure` or `denied`.
    outcome: String,
    /// The admin key that did it.
    actor: Option<ActorBody>,
    #[schema(value_type = Object)]
    data: serde_json::Value,
}

impl From<Event> for AdminEventBody {
    fn from(e: Event) -> Self {
        Self {
            id: e.id,
            kind: e.kind.as_str().to_owned(),
            created_at: e.at,
            identity_id: e.identity_id.into(),
            device: e
                .user_agent
                .as_deref()
                .and_then(latchkey_flows::kernel::user_agent::describe),
            ip: e.ip,
            user_agent: e.user_agent,
            outcome: e.outcome.as_str().to_owned(),
            actor: e.actor.map(|a| ActorBody {
                key_id: a.key_id,
                key_name: a.key_name,
            }),
            data: e.data,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct FactsBody {
    #[schema(value_type = String, format = Uuid)]
    id: Uuid,
    #[schema(value_type = Object)]
    facts: serde_json::Value,
    recorded_by: String,
    #[serde(with = "time::serde::rfc3339")]
    created_at: OffsetDateTime,
}

/// Everything support sees of one account.
#[derive(Serialize, ToSchema)]
pub struct AdminIdentityBody {
    id: IdentityIdBody,
    name: Option<String>,
    locale: Option<String>,
    state: IdentityStateBody,
    contacts: Vec<ContactBody>,
    /// The sign-in methods: "password", "passkey", "email_code", …
    methods: Vec<String>,
    #[serde(with = "time::serde::rfc3339")]
    created_at: OffsetDateTime,
    /// Agents may not act on it.
    high_privilege: bool,
    block_reason: Option<String>,
    password: Option<PasswordBody>,
    mfa: MfaBody,
    providers: Vec<ProviderBody>,
    sessions: Vec<SessionBody>,
    devices: Vec<DeviceBody>,
    lockout: Vec<LockoutBody>,
    /// The latest events, newest first, the audit trail's included.
    events: Vec<AdminEventBody>,
    facts: Vec<FactsBody>,
    /// When a pending deletion erases it.
    #[serde(with = "time::serde::rfc3339::option")]
    deletion_at: Option<OffsetDateTime>,
}

impl From<AdminIdentityView> for AdminIdentityBody {
    fn from(v: AdminIdentityView) -> Self {
        let IdentityBody {
            id,
            name,
            locale,
            state,
            contacts,
            methods,
            created_at,
        } = IdentityBody::from(v.identity);
        let nobody = SessionId(Uuid::nil());
        Self {
            id,
            name,
            locale,
            state,
            contacts,
            methods,
            created_at,
            high_privilege: v.high_privilege,
            block_reason: v.block_reason,
            password: v.password.map(|p| PasswordBody {
                scheme: p.scheme.to_owned(),
                set_at: p.set_at,
            }),
            mfa: MfaBody {
                totp: v.has_totp,
                passkeys: v.passkeys,
            },
            providers: v
                .providers
                .into_iter()
                .map(|p| ProviderBody {
                    provider: p.provider,
                    subject: p.subject,
                })
                .collect(),
            sessions: v
                .sessions
                .iter()
                .map(|s| SessionBody::new(s, nobody))
                .collect(),
            devices: v
                .devices
                .into_iter()
                .map(|d| DeviceBody {
                    id: d.id,
                    device: d
                        .user_agent
                        .as_deref()
                        .and_then(latchkey_flows::kernel::user_agent::describe),
                    ip: d.ip,
                    created_at: d.created_at,
                    last_used_at: d.last_used_at,
                    expires_at: d.expires_at,
                })
                .collect(),
            lockout: v
                .lockout
                .into_iter()
                .map(|l| LockoutBody {
                    kind: l.kind.as_str().to_owned(),
                    failures: l.failures,
                    locked_until: l.locked_until,
                })
                .collect(),
            events: v.events.into_iter().map(AdminEventBody::from).collect(),
            facts: v
                .facts
                .into_iter()
                .map(|f| FactsBody {
                    id: f.id,
                    facts: f.facts,
                    recorded_by: f.recorded_by,
                    created_at: f.created_at,
                })
                .collect(),
            deletion_at: v.deletion_at,
        }
    }
}

#[utoipa::path(
    get,
    path = "/admin/api/identities/{id}",
    operation_id = "admin_get_identity",
    tag = "admin",
    params(("id" = String, Path, description = "The account's id")),
    security(("admin" = [])),
    responses(
        (status = 200, description = "The account: contacts, methods, sessions, devices, lockout, recent events, the password's scheme (audited as `admin.viewed`)", body = AdminIdentityBody),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        (status = 404, description = "`not_found`", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn show(
    State(state): State<AppState>,
    AdminAuth(actor): AdminAuth,
    Client(client): Client,
    Path(id): Path<String>,
) -> Result<Json<AdminIdentityBody>, ApiError> {
    let id = identity_id(&id)?;
    let view = state.flows.admin().identity(&actor, id, &client).await?;
    Ok(Json(view.into()))
}

/// Why support blocks the account (optional).
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct BlockBody {
    reason: Option<String>,
}

/// An optional JSON body: none (or an empty one) is the default.
pub struct OptionalJson<T>(pub T);

impl<T: DeserializeOwned + Default, S: Send + Sync> axum::extract::FromRequest<S>
    for OptionalJson<T>
{
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, ApiError> {
        let empty = req
            .headers()
            .get(axum::http::header::CONTENT_LENGTH)
            .is_some_and(|v| v == "0")
            || !req.headers().contains_key(axum::http::header::CONTENT_TYPE);
        if empty {
            return Ok(Self(T::default()));
        }
        ApiJson::<T>::from_request(req, state)
            .await
            .map(|ApiJson(v)| Self(v))
    }
}

/// The answers of an action on one account.
#[derive(utoipa::IntoResponses)]
pub enum ActionErrors {
    /// `unauthenticated`: no valid admin key
    #[response(status = 401)]
    Unauthenticated(ErrorEnvelope),
    /// `forbidden`: the key's role may not, or an agent on a high-privilege account
    #[response(status = 403)]
    Forbidden(ErrorEnvelope),
    /// `not_found`
    #[response(status = 404)]
    NotFound(ErrorEnvelope),
}

#[utoipa::path(
    post,
    path = "/admin/api/identities/{id}/block",
    operation_id = "admin_block_identity",
    tag = "admin",
    params(("id" = String, Path, description = "The account's id")),
    request_body(content = Option<BlockBody>, content_type = "application/json"),
    security(("admin" = [])),
    responses(
        (status = 204, description = "Blocked (admins only); every session ended"),
        (status = 400, description = "`malformed_json`", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`", body = ErrorEnvelope),
        ActionErrors, BodyErrors, ServerErrors,
    ),
)]
pub async fn block(
    State(state): State<AppState>,
    AdminAuth(actor): AdminAuth,
    Client(client): Client,
    Path(id): Path<String>,
    OptionalJson(body): OptionalJson<BlockBody>,
) -> Result<StatusCode, ApiError> {
    let id = identity_id(&id)?;
    state
        .flows
        .admin()
        .block(&actor, id, body.reason.as_deref(), &client)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

macro_rules! identity_action {
    ($name:ident, $method:ident, $path:literal, $op:literal, $status:expr, $description:literal, $call:ident) => {
        #[utoipa::path(
                                    $method,
                                    path = $path,
                                    operation_id = $op,
                                    tag = "admin",
                                    params(("id" = String, Path, description = "The account's id")),
                                    security(("admin" = [])),
                                    responses(
                                        (status = $status, description = $description),
                                        ActionErrors, ServerErrors,
                                    ),
                                )]
        pub async fn $name(
            State(state): State<AppState>,
            AdminAuth(actor): AdminAuth,
            Client(client): Client,
            Path(id): Path<String>,
        ) -> Result<StatusCode, ApiError> {
            let id = identity_id(&id)?;
            state.flows.admin().$call(&actor, id, &client).await?;
            Ok(StatusCode::from_u16($status).unwrap_or(StatusCode::NO_CONTENT))
        }
    };
}

identity_action!(
    unblock,
    post,
    "/admin/api/identities/{id}/unblock",
    "admin_unblock_identity",
    204,
    "Unblocked (admins only)",
    unblock
);
identity_action!(
    unlock,
    post,
    "/admin/api/identities/{id}/unlock",
    "admin_unlock_identity",
    204,
    "The account's lockout is over",
    unlock
);
identity_action!(
    end_sessions,
    delete,
    "/admin/api/identities/{id}/sessions",
    "admin_end_sessions",
    204,
    "Every session of the account ended",
    end_sessions
);
identity_action!(
    remove_mfa,
    delete,
    "/admin/api/identities/{id}/mfa",
    "admin_remove_mfa",
    204,
    "Every second factor removed (with recovery codes and remembered devices); the owner is told",
    remove_second_factors
);
identity_action!(
    delete_identity,
    delete,
    "/admin/api/identities/{id}",
    "admin_delete_identity",
    204,
    "Erased (admins only); its events stay",
    delete
);

#[utoipa::path(
    post,
    path = "/admin/api/identities/{id}/recovery",
    operation_id = "admin_send_recovery",
    tag = "admin",
    params(("id" = String, Path, description = "The account's id")),
    security(("admin" = [])),
    responses(
        (status = 202, description = "A recovery code and link went to the account's own verified contact"),
        (status = 409, description = "`no_verified_contact`", body = ErrorEnvelope),
        (status = 429, description = "`too_many_attempts`: that address's recovery limit", body = ErrorEnvelope),
        ActionErrors, ServerErrors,
    ),
)]
pub async fn send_recovery(
    State(state): State<AppState>,
    AdminAuth(actor): AdminAuth,
    Client(client): Client,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = identity_id(&id)?;
    state
        .flows
        .admin()
        .send_recovery(&actor, id, &client)
        .await?;
    Ok(StatusCode::ACCEPTED)
}

/// Order facts for assisted recovery: what a claimant must match.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FactsInput {
    /// Orders: `{"number", "amount"?, "currency"?, "items"?}`.
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    orders: Vec<serde_json::Value>,
    /// Delivery addresses.
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    addresses: Vec<serde_json::Value>,
}

#[utoipa::path(
    post,
    path = "/admin/api/identities/{id}/facts",
    operation_id = "admin_record_facts",
    tag = "admin",
    params(("id" = String, Path, description = "The account's id")),
    request_body = FactsInput,
    security(("admin" = [])),
    responses(
        (status = 204, description = "Recorded"),
        (status = 400, description = "`malformed_json`", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`: nothing to record, or too much", body = ErrorEnvelope),
        ActionErrors, BodyErrors, ServerErrors,
    ),
)]
pub async fn record_facts(
    State(state): State<AppState>,
    AdminAuth(actor): AdminAuth,
    Client(client): Client,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<FactsInput>,
) -> Result<StatusCode, ApiError> {
    let id = identity_id(&id)?;
    state
        .flows
        .admin()
        .record_facts(&actor, id, body.orders, body.addresses, &client)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Whether agents may act on the account.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PrivilegeBody {
    high_privilege: bool,
}

#[utoipa::path(
    post,
    path = "/admin/api/identities/{id}/privilege",
    operation_id = "admin_set_privilege",
    tag = "admin",
    params(("id" = String, Path, description = "The account's id")),
    request_body = PrivilegeBody,
    security(("admin" = [])),
    responses(
        (status = 204, description = "Marked (admins only): agents may not act on a high-privilege account"),
        (status = 400, description = "`malformed_json`", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`", body = ErrorEnvelope),
        ActionErrors, BodyErrors, ServerErrors,
    ),
)]
pub async fn set_privilege(
    State(state): State<AppState>,
    AdminAuth(actor): AdminAuth,
    Client(client): Client,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<PrivilegeBody>,
) -> Result<StatusCode, ApiError> {
    let id = identity_id(&id)?;
    state
        .flows
        .admin()
        .set_high_privilege(&actor, id, body.high_privilege, &client)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventParams {
    /// Only this account's.
    identity_id: Option<String>,
    /// Only this type (`signin.failed`, `admin.unlocked`, …).
    #[serde(rename = "type")]
    #[param(rename = "type")]
    kind: Option<String>,
    /// RFC 3339: at or after.
    since: Option<String>,
    /// RFC 3339: strictly before (`next_before` of the previous page).
    before: Option<String>,
    /// Default 100, at most 1000.
    limit: Option<u32>,
}

#[derive(Serialize, ToSchema)]
pub struct EventsPage {
    events: Vec<AdminEventBody>,
    /// Pass as `before` for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    next_before: Option<String>,
}

fn rfc3339(value: Option<&str>, field: &'static str) -> Result<Option<OffsetDateTime>, ApiError> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| {
            OffsetDateTime::parse(v, &time::format_description::well_known::Rfc3339)
                .map_err(|_| ApiError::from(FlowError::InvalidInput { field }))
        })
        .transpose()
}

#[utoipa::path(
    get,
    path = "/admin/api/events",
    operation_id = "admin_list_events",
    tag = "admin",
    params(EventParams),
    security(("admin" = [])),
    responses(
        (status = 200, description = "Events, newest first", body = EventsPage),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`: a parameter does not parse", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn events(
    State(state): State<AppState>,
    AdminAuth(actor): AdminAuth,
    AdminQuery(params): AdminQuery<EventParams>,
) -> Result<Json<EventsPage>, ApiError> {
    let identity = params
        .identity_id
        .as_deref()
        .filter(|v| !v.is_empty())
        .map(|v| {
            v.parse::<Uuid>().map(IdentityId).map_err(|_| {
                ApiError::from(FlowError::InvalidInput {
                    field: "identity_id",
                })
            })
        })
        .transpose()?;
    let kind = params
        .kind
        .as_deref()
        .filter(|v| !v.is_empty())
        .map(|v| {
            EventType::parse(v).ok_or(ApiError::from(FlowError::InvalidInput { field: "type" }))
        })
        .transpose()?;
    let limit = params.limit.unwrap_or(100);
    let query = EventQuery {
        identity,
        kind,
        since: rfc3339(params.since.as_deref(), "since")?,
        before: rfc3339(params.before.as_deref(), "before")?,
        limit,
    };
    let events = state.flows.admin().events(&actor, query).await?;
    let asked = limit.clamp(1, latchkey_flows::journeys::admin::MAX_EVENTS) as usize;
    let next_before = (events.len() == asked && limit != 0)
        .then(|| events.last())
        .flatten()
        .and_then(|e| {
            e.at.format(&time::format_description::well_known::Rfc3339)
                .ok()
        });
    Ok(Json(EventsPage {
        events: events.into_iter().map(AdminEventBody::from).collect(),
        next_before,
    }))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DashboardParams {
    /// `24h` (hourly buckets, the default) or `7d` (6-hour buckets).
    window: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct SeriesBody {
    /// An event type, or `messages.sent`.
    kind: String,
    counts: Vec<u64>,
}

#[derive(Serialize, ToSchema)]
pub struct DashboardBody {
    #[serde(with = "time::serde::rfc3339")]
    since: OffsetDateTime,
    bucket_seconds: i64,
    series: Vec<SeriesBody>,
}

/// The windows the dashboard offers: its name, its length and its buckets.
pub fn dashboard_window(name: Option<&str>) -> Option<(time::Duration, u32)> {
    match name.unwrap_or("24h") {
        "24h" => Some((time::Duration::hours(24), 24)),
        "7d" => Some((time::Duration::days(7), 28)),
        _ => None,
    }
}

impl From<Dashboard> for DashboardBody {
    fn from(d: Dashboard) -> Self {
        Self {
            since: d.since,
            bucket_seconds: d.bucket_seconds,
            series: d
                .series
                .into_iter()
                .map(|s| SeriesBody {
                    kind: s.kind,
                    counts: s.counts,
                })
                .collect(),
        }
    }
}

#[utoipa::path(
    get,
    path = "/admin/api/dashboard",
    operation_id = "admin_dashboard",
    tag = "admin",
    params(DashboardParams),
    security(("admin" = [])),
    responses(
        (status = 200, description = "Sign-ins, failures, lockouts, recoveries and messages sent per bucket", body = DashboardBody),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`: an unknown window", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn dashboard(
    State(state): State<AppState>,
    AdminAuth(actor): AdminAuth,
    AdminQuery(params): AdminQuery<DashboardParams>,
) -> Result<Json<DashboardBody>, ApiError> {
    let (window, buckets) = dashboard_window(params.window.as_deref())
        .ok_or(FlowError::InvalidInput { field: "window" })?;
    let figures = state
        .flows
        .admin()
        .dashboard(&actor, window, buckets)
        .await?;
    Ok(Json(figures.into()))
}

/// An admin key (never its secret).
#[derive(Serialize, ToSchema)]
pub struct KeyBody {
    #[schema(value_type = String, format = Uuid)]
    id: Uuid,
    name: String,
    /// `agent` or `admin`.
    role: String,
    #[serde(with = "time::serde::rfc3339")]
    created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    last_used_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    revoked_at: Option<OffsetDateTime>,
}

impl From<KeyView> for KeyBody {
    fn from(k: KeyView) -> Self {
        Self {
            id: k.id,
            name: k.name,
            role: k.role.as_str().to_owned(),
            created_at: k.created_at,
            last_used_at: k.last_used_at,
            revoked_at: k.revoked_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct KeysBody {
    keys: Vec<KeyBody>,
}

#[utoipa::path(
    get,
    path = "/admin/api/keys",
    operation_id = "admin_list_keys",
    tag = "admin",
    security(("admin" = [])),
    responses(
        (status = 200, description = "Every admin key, revoked ones too (admins only)", body = KeysBody),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        (status = 403, description = "`forbidden`", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn list_keys(
    State(state): State<AppState>,
    AdminAuth(actor): AdminAuth,
) -> Result<Json<KeysBody>, ApiError> {
    let keys = state.flows.admin().keys(Some(&actor)).await?;
    Ok(Json(KeysBody {
        keys: keys.into_iter().map(KeyBody::from).collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewKeyBody {
    name: String,
    /// `agent` or `admin`.
    role: String,
}

/// A new key: `key` is shown this once.
#[derive(Serialize, ToSchema)]
pub struct CreatedKeyBody {
    #[schema(value_type = String, format = Uuid)]
    id: Uuid,
    name: String,
    role: String,
    key: String,
}

#[utoipa::path(
    post,
    path = "/admin/api/keys",
    operation_id = "admin_create_key",
    tag = "admin",
    request_body = NewKeyBody,
    security(("admin" = [])),
    responses(
        (status = 201, description = "Created (admins only); the key is shown once", body = CreatedKeyBody),
        (status = 400, description = "`malformed_json`", body = ErrorEnvelope),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        (status = 403, description = "`forbidden`", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`: a name of 1 to 100 characters, a role `agent` or `admin`", body = ErrorEnvelope),
        BodyErrors, ServerErrors,
    ),
)]
pub async fn create_key(
    State(state): State<AppState>,
    AdminAuth(actor): AdminAuth,
    ApiJson(body): ApiJson<NewKeyBody>,
) -> Result<(StatusCode, Json<CreatedKeyBody>), ApiError> {
    let role = AdminRole::parse(&body.role).ok_or(FlowError::InvalidInput { field: "role" })?;
    let created = state
        .flows
        .admin()
        .create_key(Some(&actor), &body.name, role)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedKeyBody {
            id: created.id,
            name: created.name,
            role: created.role.as_str().to_owned(),
            key: created.key,
        }),
    ))
}

#[utoipa::path(
    delete,
    path = "/admin/api/keys/{id}",
    operation_id = "admin_revoke_key",
    tag = "admin",
    params(("id" = String, Path, description = "The key's id")),
    security(("admin" = [])),
    responses(
        (status = 204, description = "Revoked (admins only)"),
        ActionErrors, ServerErrors,
    ),
)]
pub async fn revoke_key(
    State(state): State<AppState>,
    AdminAuth(actor): AdminAuth,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = id.parse::<Uuid>().map_err(|_| ApiError::not_found())?;
    state.flows.admin().revoke_key(Some(&actor), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// One delivery of the webhook log.
#[derive(Serialize, ToSchema)]
pub struct DeliveryBody {
    #[schema(value_type = String, format = Uuid)]
    id: Uuid,
    #[schema(value_type = String, format = Uuid)]
    event_id: Uuid,
    /// The event's type (`webhook.test` for a test).
    event_type: String,
    endpoint: String,
    /// `pending`, `delivered` or `abandoned`.
    status: String,
    attempts: u32,
    last_status: Option<u16>,
    last_error: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    last_attempt_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    delivered_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    next_attempt_at: OffsetDateTime,
}

#[derive(Serialize, ToSchema)]
pub struct WebhooksBody {
    /// The configured endpoints' URLs.
    endpoints: Vec<String>,
    /// The latest deliveries, newest first (at most 100).
    deliveries: Vec<DeliveryBody>,
}

#[utoipa::path(
    get,
    path = "/admin/api/webhooks",
    operation_id = "admin_list_webhooks",
    tag = "admin",
    security(("admin" = [])),
    responses(
        (status = 200, description = "The endpoints and the delivery log", body = WebhooksBody),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn webhooks(
    State(state): State<AppState>,
    AdminAuth(actor): AdminAuth,
) -> Result<Json<WebhooksBody>, ApiError> {
    let (endpoints, deliveries) = state.flows.admin().webhooks(&actor, 100).await?;
    Ok(Json(WebhooksBody {
        endpoints,
        deliveries: deliveries
            .into_iter()
            .map(|d| DeliveryBody {
                id: d.delivery.id,
                event_id: d.delivery.event_id,
                event_type: d.delivery.event_type,
                endpoint: d.delivery.endpoint,
                status: d.status.as_str().to_owned(),
                attempts: d.attempts,
                last_status: d.last_status,
                last_error: d.last_error,
                created_at: d.delivery.created_at,
                last_attempt_at: d.last_attempt_at,
                delivered_at: d.delivered_at,
                next_attempt_at: d.next_attempt_at,
            })
            .collect(),
    }))
}

/// Which endpoint gets the test event.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TestWebhookBody {
    /// A configured endpoint's URL.
    url: String,
}

#[utoipa::path(
    post,
    path = "/admin/api/webhooks/test",
    operation_id = "admin_test_webhook",
    tag = "admin",
    request_body = TestWebhookBody,
    security(("admin" = [])),
    responses(
        (status = 202, description = "A signed `webhook.test` event is on its way to that endpoint (admins only)"),
        (status = 400, description = "`malformed_json`", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`", body = ErrorEnvelope),
        ActionErrors, BodyErrors, ServerErrors,
    ),
)]
pub async fn test_webhook(
    State(state): State<AppState>,
    AdminAuth(actor): AdminAuth,
    ApiJson(body): ApiJson<TestWebhookBody>,
) -> Result<StatusCode, ApiError> {
    state.flows.admin().test_webhook(&actor, &body.url).await?;
    Ok(StatusCode::ACCEPTED)
}

/// A new account: the fields of one line of a `latchkey import` file.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewIdentityBody {
    email: Option<String>,
    phone: Option<String>,
    name: Option<String>,
    /// A password to hash (Argon2id); or
    password: Option<String>,
    /// a stored hash, kept as it is until the next sign-in upgrades it: Argon2 (PHC),
    /// bcrypt (`$2a$`, `$2b$`, `$2y$`), Django PBKDF2 (`pbkdf2_sha256$…`), PHPass
    /// (`$P$`, `$H$`), WordPress 6.8 (`$wp$2y$…`) or scrypt (PHC `$scrypt$…`).
    password_hash: Option<String>,
    #[serde(default)]
    email_verified: bool,
    #[serde(default)]
    phone_verified: bool,
    locale: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CreatedIdentityBody {
    identity: IdentityBody,
}

#[utoipa::path(
    post,
    path = "/admin/api/identities",
    operation_id = "admin_create_identity",
    tag = "admin",
    request_body = NewIdentityBody,
    security(("admin" = [])),
    responses(
        (status = 201, description = "Created (admins only)", body = CreatedIdentityBody),
        (status = 400, description = "`malformed_json`", body = ErrorEnvelope),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        (status = 403, description = "`forbidden`", body = ErrorEnvelope),
        (status = 409, description = "`identity_exists`: a verified address is another account's", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`, `invalid_identifier`, `weak_password`, `unsupported_hash`, `hash_cost_too_high`", body = ErrorEnvelope),
        BodyErrors, ServerErrors,
    ),
)]
pub async fn create_identity(
    State(state): State<AppState>,
    AdminAuth(actor): AdminAuth,
    Client(client): Client,
    ApiJson(body): ApiJson<NewIdentityBody>,
) -> Result<(StatusCode, Json<CreatedIdentityBody>), ApiError> {
    let row = latchkey_flows::ImportRow {
        email: body.email,
        phone: body.phone,
        name: body.name,
        password: body.password,
        password_hash: body.password_hash,
        email_verified: body.email_verified,
        phone_verified: body.phone_verified,
        locale: body.locale,
    };
    let view = state
        .flows
        .admin()
        .create_identity(&actor, row, &client)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedIdentityBody {
            identity: view.into(),
        }),
    ))
}
