//! `POST /logout`: ends this browser's session and forgets its cookie, then shows the
//! sign-in page with "you are signed out".

use super::Page;
use crate::web::AppState;
use axum::extract::State;
use axum::response::Response;

pub async fn submit(State(state): State<AppState>, page: Page) -> Response {
    match page.session(&state).await {
        Ok(Some(auth)) => {
            if let Err(e) = state.flows.sessions().sign_out(&auth).await {
                // The cookie goes anyway; the session then ends at its idle expiry.
                tracing::warn!(error.detail = %crate::web::error::Chain(&e), "sign-out failed");
            }
        }
        Ok(None) => {}
        Err(e) => {
            tracing::warn!(error.detail = %crate::web::error::Chain(&e), "session lookup failed at sign-out")
        }
    }
    page.forget_session().redirect("/login?signed_out=1")
}
