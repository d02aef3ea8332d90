//! The live strength meter's endpoint. The password is assessed and forgotten: never
//! stored, never logged.

use crate::web::AppState;
use crate::web::api::bodies::PasswordProblemBody;
use crate::web::api::openapi::{BodyErrors, ErrorEnvelope, ServerErrors};
use crate::web::error::ApiError;
use crate::web::extract::ApiJson;
use axum::Json;
use axum::extract::State;
use latchkey_domain::Strength;
use latchkey_flows::PasswordAssessment;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A password being typed, and what else is on the form.
#[derive(ToSchema)]
#[schema(as = PasswordCheckBody)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckBody {
    password: String,
    /// What the person typed elsewhere on the form (email, name): guessable words.
    #[serde(default)]
    inputs: Vec<String>,
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[schema(as = Strength)]
#[serde(rename_all = "snake_case")]
pub enum StrengthBody {
    Weak,
    Medium,
    Strong,
}

impl From<Strength> for StrengthBody {
    fn from(s: Strength) -> Self {
        match s {
            Strength::Weak => Self::Weak,
            Strength::Medium => Self::Medium,
            Strength::Strong => Self::Strong,
        }
    }
}

/// The strength meter's answer for a password being typed.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = PasswordAssessment)]
pub struct PasswordAssessmentBody {
    pub strength: StrengthBody,
    pub problems: Vec<PasswordProblemBody>,
    pub acceptable: bool,
}

impl From<PasswordAssessment> for PasswordAssessmentBody {
    fn from(a: PasswordAssessment) -> Self {
        Self {
            strength: a.strength.into(),
            problems: a
                .problems
                .into_iter()
                .map(PasswordProblemBody::from)
                .collect(),
            acceptable: a.acceptable,
        }
    }
}

/// The live strength meter: how strong a password is and why it would be refused.
#[utoipa::path(
    post,
    path = "/api/password/check",
    operation_id = "check_password",
    tag = "passwords",
    request_body = CheckBody,
    responses(
        (status = 200, description = "The assessment", body = PasswordAssessmentBody),
        (status = 400, description = "`malformed_json`", body = ErrorEnvelope),
        (status = 422, description = "`invalid_input`", body = ErrorEnvelope),
        BodyErrors,
        ServerErrors,
    ),
)]
pub async fn check(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<CheckBody>,
) -> Result<Json<PasswordAssessmentBody>, ApiError> {
    let inputs: Vec<&str> = body.inputs.iter().take(4).map(String::as_str).collect();
    let assessment = state
        .flows
        .registration()
        .assess_password(&body.password, &inputs);
    Ok(Json(assessment.into()))
}
