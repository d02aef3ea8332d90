//! `/revert?token=…`, the link a primary-email change sends the old address: GET shows
//! what it would undo and changes nothing (mail scanners prefetch links); only the form's
//! POST (behind the CSRF guard, like every page form) uses the token.

use super::context::PageCtx;
use super::message::Link;
use super::{Page, query_param};
use crate::web::extract::Client;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_flows::FlowError;
use serde::Deserialize;

use crate::web::AppState;

#[derive(Template)]
#[template(path = "revert.html")]
pub struct RevertPage {
    pub ctx: PageCtx,
    pub token: String,
    pub old_address: String,
    pub new_address: Option<String>,
}

#[derive(Deserialize)]
pub struct RevertForm {
    #[serde(default)]
    token: String,
}

fn sign_in_link(page: &Page) -> Link {
    Link {
        href: "/login".into(),
        text: page.t("login-title"),
    }
}

fn invalid(page: Page) -> Response {
    let link = sign_in_link(&page);
    let (title, body) = (page.t("revert-invalid-title"), page.t("revert-invalid"));
    page.message(StatusCode::GONE, title, body, Some(link))
}

/// GET `/revert?token=…`: the confirm page.
pub async fn show(State(state): State<AppState>, page: Page) -> Response {
    let token = query_param(page.query.as_deref(), "token").unwrap_or_default();
    match state.flows.revert().preview(&token).await {
        Ok(preview) => {
            let template = RevertPage {
                ctx: page.ctx(),
                token,
                old_address: preview.old_address,
                new_address: preview.new_address,
            };
            page.render(StatusCode::OK, &template)
        }
        Err(FlowError::LinkInvalid) => invalid(page),
        Err(e) => page.flow_error(e, None),
    }
}

/// POST `/revert`: the old address is the primary email again, the new one goes, every
/// session ends (this browser's too, so its cookie is dropped).
pub async fn submit(
    State(state): State<AppState>,
    Client(client): Client,
    page: Page,
    form: Result<Form<RevertForm>, FormRejection>,
) -> Response {
    let token = form.map(|Form(f)| f.token).unwrap_or_default();
    let preview = match state.flows.revert().preview(&token).await {
        Ok(p) => p,
        Err(FlowError::LinkInvalid) => return invalid(page),
        Err(e) => return page.flow_error(e, None),
    };
    match state.flows.revert().apply(&token, &client).await {
        Ok(()) => {
            let page = page.forget_session();
            let link = sign_in_link(&page);
            let title = page.t("revert-done-title");
            let body = page
                .ctx()
                .t1("revert-done", "address", preview.old_address.as_str());
            page.message(StatusCode::OK, title, body, Some(link))
        }
        Err(FlowError::LinkInvalid) => invalid(page),
        Err(e) => page.flow_error(e, None),
    }
}
