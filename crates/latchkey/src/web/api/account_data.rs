//! The account itself: `GET`/`PATCH`/`DELETE /api/account` (the view, name and language,
//! deletion after a grace period) and `GET /api/account/export` (its data as JSON).

use crate::web::AppState;
use crate::web::api::bodies::IdentityBody;
use crate::web::api::openapi::{BodyErrors, ErrorEnvelope, ServerErrors};
use crate::web::error::ApiError;
use crate::web::extract::{ApiJson, Auth};
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use latchkey_flows::ProfileChange;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `200`: the signed-in account.
#[derive(Serialize, ToSchema)]
pub struct AccountBody {
    pub identity: IdentityBody,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateAccountBody {
    /// Trimmed; at most 200 characters; empty clears it.
    name: Option<String>,
    /// `en`, `ru`, `es`, `pt-BR`, `fr` or `zh-CN`: the language of pages and messages.
    locale: Option<String>,
}

/// `202`: when the account is erased unless its owner signs in before.
#[derive(Serialize, ToSchema)]
pub struct DeletionBody {
    /// RFC 3339.
    erase_at: String,
}

#[utoipa::path(
    get,
    path = "/api/account",
    operation_id = "get_account",
    tag = "account",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 200, description = "The account, as `GET /api/session` shows it", body = AccountBody),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn get_account(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
) -> Result<Json<AccountBody>, ApiError> {
    let view = state.flows.settings().account(&auth).await?;
    Ok(Json(AccountBody {
        identity: view.into(),
    }))
}

#[utoipa::path(
    patch,
    path = "/api/account",
    operation_id = "update_account",
    tag = "account",
    security(("bearer" = []), ("cookie" = [])),
    request_body = UpdateAccountBody,
    responses(
        (status = 200, description = "Changed; messages now go out in the account's language", body = AccountBody),
        (status = 400, description = "`malformed_json`", body = ErrorEnvelope),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        (status = 403, description = "`csrf_failed` for a cookie without the CSRF header", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input` with `field` (`name` too long, `locale` not one of the six)", body = ErrorEnvelope),
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn update_account(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
    ApiJson(body): ApiJson<UpdateAccountBody>,
) -> Result<Json<AccountBody>, ApiError> {
    let view = state
        .flows
        .settings()
        .update_profile(
            &auth,
            &ProfileChange {
                name: body.name,
                locale: body.locale,
            },
        )
        .await?;
    Ok(Json(AccountBody {
        identity: view.into(),
    }))
}

#[utoipa::path(
    delete,
    path = "/api/account",
    operation_id = "delete_account",
    tag = "account",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 202, description = "The account is erased at `erase_at` (after `[account] deletion_grace_days`, 14 by default) unless its owner signs in before, which cancels it. Every session ends now; every verified contact is told", body = DeletionBody),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        (status = 403, description = "`reauthentication_required`: sign in or re-authenticate (`POST /api/account/reauthenticate`) first; `csrf_failed` for a cookie without the CSRF header", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn delete_account(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
) -> Result<(StatusCode, Json<DeletionBody>), ApiError> {
    let erase_at = state.flows.settings().request_deletion(&auth).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(DeletionBody {
            erase_at: erase_at
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
        }),
    ))
}

#[utoipa::path(
    get,
    path = "/api/account/export",
    operation_id = "export_account",
    tag = "account",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 200, description = "The account's data as a JSON attachment (`latchkey-export.json`): identity, contacts, credentials (kind, name, times; never a secret), linked providers, sessions, trusted devices, recent events", body = Object,
            headers(("Content-Disposition" = String, description = "`attachment; filename=\"latchkey-export.json\"`"))),
        (status = 401, description = "`unauthenticated`", body = ErrorEnvelope),
        ServerErrors,
    ),
)]
pub async fn export_account(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
) -> Result<Response, ApiError> {
    let export = state.flows.settings().export(&auth).await?;
    Ok((
        [
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"latchkey-export.json\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        Json(export),
    )
        .into_response())
}
