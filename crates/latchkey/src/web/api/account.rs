//! `PUT /api/account/password`: the signed-in person changes their password (P2).

use crate::web::AppState;
use crate::web::api::openapi::{BodyErrors, ErrorEnvelope, ServerErrors};
use crate::web::error::ApiError;
use crate::web::extract::{ApiJson, Auth};
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordBody {
    /// Needed unless the session signed in within the last 10 minutes.
    current_password: Option<String>,
    new_password: String,
}

#[utoipa::path(
    put,
    path = "/api/account/password",
    operation_id = "change_password",
    tag = "account",
    security(("bearer" = []), ("cookie" = [])),
    request_body = ChangePasswordBody,
    responses(
        (status = 400, description = "`malformed_json`", body = ErrorEnvelope),
        (status = 204, description = "Changed; every other session of the account ends and every verified contact is told (with a \"this wasn't me\" link)"),
        (status = 401, description = "`unauthenticated`, or `invalid_credentials` when `current_password` is wrong", body = ErrorEnvelope),
        (status = 403, description = "`reauthentication_required`: give `current_password`; `csrf_failed` for a cookie without the CSRF header", body = ErrorEnvelope),
        (status = 422, description = "`weak_password` with `problems` (including `same_as_current`), `invalid_input`", body = ErrorEnvelope),
        (status = 429, description = "`too_many_attempts`: too many wrong current passwords for this account lately; `Retry-After`", body = ErrorEnvelope),
        (status = 503, description = "`server_busy`: the hashing pool is full; `Retry-After`", body = ErrorEnvelope),
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn change_password(
    State(state): State<AppState>,
    Auth(auth, _): Auth,
    ApiJson(body): ApiJson<ChangePasswordBody>,
) -> Result<StatusCode, ApiError> {
    state
        .flows
        .settings()
        .change_password(&auth, body.current_password.as_deref(), &body.new_password)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
