//! The account actions' forms (`POST /admin/identities/{id}/…`, behind the CSRF guard):
//! each calls one `flows.admin()` action and goes back to the account with a notice.
//! A refusal (an agent on a high-privilege account, an agent posting an operator's form)
//! is the journey's `Forbidden`, shown as a localized 403 page.

use super::identities::identity_id;
use super::{ConsoleAuth, Nav};
use crate::web::AppState;
use crate::web::extract::Client;
use crate::web::pages::Page;
use crate::web::pages::context::PageCtx;
use crate::web::pages::message::Link;
use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_flows::FlowError;
use serde::Deserialize;

pub fn back_to_search(page: &Page) -> Link {
    Link {
        href: "/admin/identities".into(),
        text: page.t("admin-back-to-search"),
    }
}

fn back_to(page: &Page, id: &str) -> Link {
    Link {
        href: format!("/admin/identities/{id}"),
        text: page.t("admin-back-to-account"),
    }
}

/// The answer to an action: back to the account with `?done=<done>`, or the refusal.
fn finish<T>(page: Page, raw_id: &str, result: Result<T, FlowError>, done: &str) -> Response {
    match result {
        Ok(_) => page.redirect(&format!("/admin/identities/{raw_id}?done={done}")),
        Err(e) => {
            let link = back_to(&page, raw_id);
            page.flow_error(e, Some(link))
        }
    }
}

/// The actions that take nothing but the account.
macro_rules! plain_action {
    ($name:ident, $call:ident, $done:literal) => {
        pub async fn $name(
            State(state): State<AppState>,
            ConsoleAuth(actor): ConsoleAuth,
            Client(client): Client,
            page: Page,
            Path(raw): Path<String>,
        ) -> Response {
            let result = match identity_id(&raw) {
                Ok(id) => state
                    .flows
                    .admin()
                    .$call(&actor, id, &client)
                    .await
                    .map(|_| ()),
                Err(e) => Err(e),
            };
            finish(page, &raw, result, $done)
        }
    };
}

plain_action!(unlock, unlock, "unlocked");
plain_action!(send_recovery, send_recovery, "recovery");
plain_action!(remove_mfa, remove_second_factors, "mfa");
plain_action!(end_sessions, end_sessions, "sessions");
plain_action!(unblock, unblock, "unblocked");

#[derive(Deserialize)]
pub struct BlockForm {
    #[serde(default)]
    reason: String,
}

pub async fn block(
    State(state): State<AppState>,
    ConsoleAuth(actor): ConsoleAuth,
    Client(client): Client,
    page: Page,
    Path(raw): Path<String>,
    form: Result<Form<BlockForm>, FormRejection>,
) -> Response {
    let reason = form.map(|Form(f)| f.reason).unwrap_or_default();
    let result = match identity_id(&raw) {
        Ok(id) => {
            state
                .flows
                .admin()
                .block(&actor, id, Some(&reason), &client)
                .await
        }
        Err(e) => Err(e),
    };
    finish(page, &raw, result, "blocked")
}

#[derive(Deserialize)]
pub struct PrivilegeForm {
    /// `on` marks the account, anything else unmarks it.
    #[serde(default)]
    high_privilege: String,
}

pub async fn privilege(
    State(state): State<AppState>,
    ConsoleAuth(actor): ConsoleAuth,
    Client(client): Client,
    page: Page,
    Path(raw): Path<String>,
    form: Result<Form<PrivilegeForm>, FormRejection>,
) -> Response {
    let high = form.is_ok_and(|Form(f)| f.high_privilege == "on");
    let result = match identity_id(&raw) {
        Ok(id) => {
            state
                .flows
                .admin()
                .set_high_privilege(&actor, id, high, &client)
                .await
        }
        Err(e) => Err(e),
    };
    finish(page, &raw, result, if high { "marked" } else { "unmarked" })
}

#[derive(Template)]
#[template(path = "admin/delete.html")]
pub struct DeletePage {
    pub ctx: PageCtx,
    pub nav: Nav,
    pub id: String,
    pub address: String,
}

/// `GET /admin/identities/{id}/delete`: the confirm step (operators only; the journey
/// refuses an agent here already, since the read before it is for deleting).
pub async fn confirm_delete(
    State(state): State<AppState>,
    ConsoleAuth(actor): ConsoleAuth,
    Client(client): Client,
    page: Page,
    Path(raw): Path<String>,
) -> Response {
    if !super::may_operate(&actor) {
        let link = back_to(&page, &raw);
        return page.flow_error(FlowError::Forbidden, Some(link));
    }
    let view = match identity_id(&raw) {
        Ok(id) => state.flows.admin().identity(&actor, id, &client).await,
        Err(e) => Err(e),
    };
    let view = match view {
        Ok(v) => v,
        Err(e) => {
            let link = back_to_search(&page);
            return page.flow_error(e, Some(link));
        }
    };
    let address = view
        .identity
        .display_address()
        .map(str::to_owned)
        .unwrap_or_else(|| view.identity.id.to_string());
    let template = DeletePage {
        ctx: page.ctx(),
        nav: Nav::new(&actor, page.locale, "identities"),
        id: view.identity.id.to_string(),
        address,
    };
    page.render(StatusCode::OK, &template)
}

/// `POST /admin/identities/{id}/delete`: erased now; back to the search with a notice.
pub async fn delete(
    State(state): State<AppState>,
    ConsoleAuth(actor): ConsoleAuth,
    Client(client): Client,
    page: Page,
    Path(raw): Path<String>,
) -> Response {
    let result = match identity_id(&raw) {
        Ok(id) => state.flows.admin().delete(&actor, id, &client).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => page.redirect("/admin/identities?done=deleted"),
        Err(e) => {
            let link = back_to(&page, &raw);
            page.flow_error(e, Some(link))
        }
    }
}
