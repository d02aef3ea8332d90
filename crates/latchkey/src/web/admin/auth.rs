//! The admin key of a request: `Authorization: Bearer <admin key>`, resolved once by
//! the admin journey. No key, or one that does not check: `401 unauthenticated`.

use crate::web::AppState;
use crate::web::error::ApiError;
use crate::web::extract::bearer;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use latchkey_flows::AdminActor;

pub struct AdminAuth(pub AdminActor);

impl FromRequestParts<AppState> for AdminAuth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = bearer(parts).ok_or_else(ApiError::unauthenticated)?;
        Ok(Self(state.flows.admin().authenticate(token).await?))
    }
}
