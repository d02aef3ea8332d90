//! `/settings/account`: the account itself with plain forms: the name and the language
//! (the same flow call as `PATCH /api/account`), "Download my data" (`GET
//! /api/account/export`, which the session cookie reaches) and "Delete my account", with
//! a confirm step (`/settings/account/delete`) that needs the privileged window: outside
//! it the browser goes to `/settings/reauthenticate` and comes back to the confirm step.

use super::context::{FormErrors, PageCtx};
use super::{Page, form_errors, query_param};
use crate::web::AppState;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_flows::{Authenticated, FlowError, ProfileChange};
use latchkey_i18n::SUPPORTED;
use serde::Deserialize;

const PATH: &str = "/settings/account";
const DELETE_PATH: &str = "/settings/account/delete";
const REAUTHENTICATE: &str = "/settings/reauthenticate?return_to=/settings/account/delete";

/// One choice of the language select.
pub struct LanguageOption {
    pub tag: &'static str,
    pub native: &'static str,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "account.html")]
pub struct AccountPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub name: String,
    pub languages: Vec<LanguageOption>,
}

#[derive(Template)]
#[template(path = "account_delete.html")]
pub struct DeletePage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub grace_days: i64,
}

#[derive(Deserialize)]
pub struct ProfileForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    locale: String,
}

pub async fn show(State(state): State<AppState>, page: Page) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let notice = match query_param(page.query.as_deref(), "done").as_deref() {
        Some("saved") => Some(page.t("account-saved")),
        _ => None,
    };
    render(
        &page_name(&auth),
        auth_locale(&auth),
        page,
        notice,
        FormErrors::default(),
        StatusCode::OK,
    )
}

pub async fn save(
    State(state): State<AppState>,
    page: Page,
    form: Result<Form<ProfileForm>, FormRejection>,
) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let Ok(Form(form)) = form else {
        let errors = FormErrors::form(page.t("error-invalid_input"));
        return render(
            &page_name(&auth),
            auth_locale(&auth),
            page,
            None,
            errors,
            StatusCode::BAD_REQUEST,
        );
    };
    let change = ProfileChange {
        name: Some(form.name.clone()),
        locale: Some(form.locale.clone()).filter(|l| !l.is_empty()),
    };
    match state.flows.settings().update_profile(&auth, &change).await {
        Ok(view) => {
            // The pages follow the language just chosen (`?lang=` sets the cookie).
            let lang = view
                .locale
                .as_deref()
                .unwrap_or(page.locale.tag())
                .to_owned();
            page.redirect(&format!("{PATH}?done=saved&lang={lang}"))
        }
        Err(e) => {
            let (status, errors) = form_errors(page.locale, e);
            render(&form.name, Some(form.locale), page, None, errors, status)
        }
    }
}

/// The confirm step: what deleting does and the grace period; the privileged window
/// first.
pub async fn show_delete(State(state): State<AppState>, page: Page) -> Response {
    let (page, auth) = match page.signed_in(&state, DELETE_PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    if !state.flows.settings().privileged(&auth) {
        return page.redirect(REAUTHENTICATE);
    }
    render_delete(&state, page, FormErrors::default(), StatusCode::OK)
}

pub async fn delete(State(state): State<AppState>, page: Page) -> Response {
    let (page, auth) = match page.signed_in(&state, DELETE_PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    match state.flows.settings().request_deletion(&auth).await {
        Ok(erase_at) => {
            let date = erase_at.date().to_string();
            let title = page.t("account-delete-done-title");
            let body = page.ctx().t1("account-delete-done-body", "date", &date);
            // Every session ended with the request, this browser's too.
            page.forget_session()
                .message(StatusCode::OK, title, body, None)
        }
        Err(FlowError::ReauthenticationRequired) => page.redirect(REAUTHENTICATE),
        Err(e) => {
            let (status, mut errors) = form_errors(page.locale, e);
            if let Some((_, message)) = errors.fields.pop() {
                errors.form = Some(message);
            }
            render_delete(&state, page, errors, status)
        }
    }
}

fn page_name(auth: &Authenticated) -> String {
    auth.identity.name.clone().unwrap_or_default()
}

fn auth_locale(auth: &Authenticated) -> Option<String> {
    auth.identity.locale.clone()
}

fn render(
    name: &str,
    locale: Option<String>,
    page: Page,
    notice: Option<String>,
    errors: FormErrors,
    status: StatusCode,
) -> Response {
    // The account's language, else the page's.
    let current = locale
        .as_deref()
        .and_then(latchkey_i18n::Locale::parse)
        .unwrap_or(page.locale);
    let template = AccountPage {
        ctx: page.ctx(),
        errors,
        notice,
        name: name.to_owned(),
        languages: SUPPORTED
            .iter()
            .map(|l| LanguageOption {
                tag: l.tag(),
                native: l.native_name(),
                selected: *l == current,
            })
            .collect(),
    };
    page.render(status, &template)
}

fn render_delete(state: &AppState, page: Page, errors: FormErrors, status: StatusCode) -> Response {
    let template = DeletePage {
        ctx: page.ctx(),
        errors,
        notice: None,
        grace_days: state.config.account.deletion_grace_days,
    };
    page.render(status, &template)
}
