//! The live strength meter's endpoint. The password is assessed and forgotten: never
//! stored, never logged.

use crate::web::AppState;
use crate::web::api::openapi::{BodyErrors, ErrorEnvelope, ServerErrors};
use crate::web::error::ApiError;
use crate::web::extract::ApiJson;
use axum::Json;
use axum::extract::State;
use latchkey_flows::PasswordAssessment;
use serde::Deserialize;

/// A password being typed, and what else is on the form.
#[derive(utoipa::ToSchema)]
#[schema(as = PasswordCheckBody)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckBody {
    password: String,
    /// What the person typed elsewhere on the form (email, name): guessable words.
    #[serde(default)]
    inputs: Vec<String>,
}

/// The live strength meter: how strong a password is and why it would be refused.
#[utoipa::path(
    post,
    path = "/api/password/check",
    operation_id = "check_password",
    tag = "passwords",
    request_body = CheckBody,
    responses(
        (status = 200, description = "The assessment", body = PasswordAssessment),
        (status = 400, description = "`malformed_json`", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`", body = ErrorEnvelope),
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn check(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<CheckBody>,
) -> Result<Json<PasswordAssessment>, ApiError> {
    let inputs: Vec<&str> = body.inputs.iter().take(4).map(String::as_str).collect();
    Ok(Json(
        state
            .flows
            .registration()
            .assess_password(&body.password, &inputs),
    ))
}
