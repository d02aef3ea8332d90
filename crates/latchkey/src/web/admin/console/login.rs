//! `/admin/login` and `/admin/logout`: the console's sign-in with an admin key. The key
//! is checked by the admin journey and kept in the `latchkey_admin` cookie; it is never
//! logged or shown again.

use super::{ADMIN_COOKIE, ADMIN_COOKIE_MAX_AGE, admin_cookie};
use crate::web::AppState;
use crate::web::pages::Page;
use crate::web::pages::context::{FormErrors, PageCtx};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_flows::FlowError;
use serde::Deserialize;
use time::Duration;

#[derive(Template)]
#[template(path = "admin/login.html")]
pub struct LoginPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub css_version: &'static str,
}

fn render(page: Page, status: StatusCode, errors: FormErrors, notice: Option<String>) -> Response {
    let template = LoginPage {
        ctx: page.ctx(),
        errors,
        notice,
        css_version: super::CSS_VERSION,
    };
    page.render(status, &template)
}

/// `GET /admin/login`; with a key that still checks, straight to the dashboard.
pub async fn show(State(state): State<AppState>, page: Page) -> Response {
    if let Some(key) = page.jar.get(ADMIN_COOKIE).map(|c| c.value().to_owned())
        && !key.is_empty()
        && state.flows.admin().authenticate(&key).await.is_ok()
    {
        return page.redirect("/admin");
    }
    let notice = crate::web::pages::query_param(page.query.as_deref(), "done")
        .filter(|d| d == "signed-out")
        .map(|_| page.t("admin-logged-out"));
    render(page, StatusCode::OK, FormErrors::default(), notice)
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    key: String,
}

/// `POST /admin/login`: a key that checks sets the cookie; any other is a 401 and the
/// form again, with nothing said about why (no key, a revoked one, a mistyped one).
pub async fn submit(
    State(state): State<AppState>,
    mut page: Page,
    form: Result<Form<LoginForm>, FormRejection>,
) -> Response {
    let key = form.map(|Form(f)| f.key).unwrap_or_default();
    let key = key.trim();
    match state.flows.admin().authenticate(key).await {
        Ok(actor) => {
            tracing::info!(admin.key_id = %actor.key_id, "admin console sign-in");
            let cookie = admin_cookie(key.to_owned(), ADMIN_COOKIE_MAX_AGE, page.secure());
            page.jar = page.jar.add(cookie);
            page.redirect("/admin")
        }
        Err(FlowError::Unauthenticated) => {
            let errors = FormErrors::default().with_field("key", page.t("admin-login-wrong-key"));
            render(page, StatusCode::UNAUTHORIZED, errors, None)
        }
        Err(e) => page.flow_error(e, None),
    }
}

/// `POST /admin/logout`: forgets the key in this browser.
pub async fn logout(mut page: Page) -> Response {
    let gone = admin_cookie(String::new(), Duration::ZERO, page.secure());
    page.jar = page.jar.add(gone);
    page.redirect("/admin/login?done=signed-out")
}
