//! Liveness and readiness for load balancers and orchestrators.

use crate::web::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;

/// Health probe answer.
#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok`, or `unavailable` for a failed readiness check.
    pub status: String,
    /// Readiness only: the database backend (`sqlite`, `postgres`) or `unreachable`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database: Option<String>,
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health/alive", get(alive))
        .route("/health/ready", get(ready))
}

/// Liveness: the process answers.
#[utoipa::path(
    get,
    path = "/health/alive",
    operation_id = "health_alive",
    tag = "operations",
    responses((status = 200, description = "Alive", body = Health)),
)]
pub(crate) async fn alive() -> Json<serde_json::Value> {
    Json(json!({"status": "ok"}))
}

/// Readiness: the database answers.
#[utoipa::path(
    get,
    path = "/health/ready",
    operation_id = "health_ready",
    tag = "operations",
    responses(
        (status = 200, description = "Ready; `database` names the backend", body = Health),
        (status = 503, description = "The database is unreachable", body = Health),
    ),
)]
pub(crate) async fn ready(State(state): State<AppState>) -> (StatusCode, Json<serde_json::Value>) {
    match state.flows.store().ping().await {
        Ok(()) => (
            StatusCode::OK,
            Json(json!({
                "status": "ok",
                "database": state.flows.store().backend(),
                "limits": state.flows.limits_backend(),
            })),
        ),
        Err(e) => {
            tracing::warn!(error.detail = %e, "readiness: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({
                    "status": "unavailable",
                    "database": "unreachable",
                    "limits": state.flows.limits_backend(),
                })),
            )
        }
    }
}
