//! `/settings/security`: the signed-in person changes their password (P2) with a plain
//! form. The same flow call as `PUT /api/account/password`: the current password, or a
//! sign-in within the privileged window; the owner is told; the other sessions end.
//!
//! Password fields are never filled back in: a re-rendered form starts them empty.

use super::context::{FormErrors, PageCtx};
use super::{Page, form_errors, query_param};
use crate::web::AppState;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_flows::journeys::settings::PRIVILEGED_WINDOW;
use latchkey_flows::{Authenticated, FlowError};
use serde::Deserialize;

const PATH: &str = "/settings/security";

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
    return_to: Option<String>,
}

pub async fn show(State(state): State<AppState>, page: Page) -> Response {
    let page = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let (page, auth) = page;
    let notice = match query_param(page.query.as_deref(), "done").as_deref() {
        Some("password") => Some(page.t("security-password-changed")),
        _ => None,
    };
    render(
        &state,
        page,
        &auth,
        notice,
        FormErrors::default(),
        StatusCode::OK,
    )
}

pub async fn change_password(
    State(state): State<AppState>,
    page: Page,
    form: Result<Form<PasswordForm>, FormRejection>,
) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let Ok(Form(form)) = form else {
        let errors = FormErrors::form(page.t("error-invalid_input"));
        return render(&state, page, &auth, None, errors, StatusCode::BAD_REQUEST);
    };
    let page = page.with_form_return_to(form.return_to.as_deref());
    if form.password != form.password_confirm {
        let errors =
            FormErrors::default().with_field("password_confirm", page.t("password-mismatch"));
        return render(
            &state,
            page,
            &auth,
            None,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    // An empty field is how a form says "not given"; the JSON twin omits the key.
    let current = Some(form.current_password.as_str()).filter(|p| !p.is_empty());
    match state
        .flows
        .settings()
        .change_password(&auth, current, &form.password)
        .await
    {
        Ok(()) => {
            let to = page.keep_return_to(&format!("{PATH}?done=password"));
            page.redirect(&to)
        }
        Err(e) => {
            let (status, errors) = match e {
                // The generic sign-in wording would talk about email and phone numbers.
                FlowError::InvalidCredentials => (
                    StatusCode::UNAUTHORIZED,
                    FormErrors::default()
                        .with_field("current_password", page.t("security-current-wrong")),
                ),
                FlowError::ReauthenticationRequired => (
                    StatusCode::FORBIDDEN,
                    FormErrors::default().with_field(
                        "current_password",
                        page.locale.t_args(
                            "security-current-needed",
                            &[("minutes", &window_minutes().to_string())],
                        ),
                    ),
                ),
                e => form_errors(page.locale, e),
            };
            render(&state, page, &auth, None, errors, status)
        }
    }
}

fn render(
    state: &AppState,
    page: Page,
    auth: &Authenticated,
    notice: Option<String>,
    errors: FormErrors,
    status: StatusCode,
) -> Response {
    let template = SecurityPage {
        ctx: page.ctx(),
        errors,
        notice,
        password_min: state.config.password.min_length,
        window_minutes: window_minutes(),
        user_inputs: user_inputs(auth),
    };
    page.render(status, &template)
}

/// What the strength meter should count as guessable (the server checks the same on
/// submit): the account's addresses and name, as a JSON array for `app.js`.
fn user_inputs(auth: &Authenticated) -> String {
    let mut inputs: Vec<&str> = auth
        .view
        .contacts
        .iter()
        .map(|c| c.address.as_str())
        .collect();
    if let Some(name) = &auth.view.name {
        inputs.push(name);
    }
    serde_json::to_string(&inputs).unwrap_or_else(|_| "[]".to_owned())
}

fn window_minutes() -> i64 {
    PRIVILEGED_WINDOW.whole_minutes()
}

/// `/settings/security`: change the password.
#[derive(Template)]
#[template(path = "security.html")]
pub struct SecurityPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub password_min: usize,
    /// How long after signing in the current password may be left out.
    pub window_minutes: i64,
    /// The account's addresses and name as a JSON array: guessable for the strength meter.
    pub user_inputs: String,
}

#[cfg(test)]
mod tests {
    use super::super::layout_tests::page_en;

    #[test]
    fn the_security_form_follows_the_conventions_the_browser_tests_rely_on() {
        let security = page_en("security");
        for needle in [
            "action=\"/settings/security/password\"",
            "href=\"/settings\"",
            "id=\"current_password\" name=\"current_password\" type=\"password\" autocomplete=\"current-password\"",
            "aria-describedby=\"current_password-help current_password-error\" aria-invalid=\"true\"",
            "id=\"current_password-capslock-hint\"",
            "id=\"current_password-layout-hint\"",
            "id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\"",
            "id=\"password_confirm\"",
            "data-strength=\"password-strength\"",
            "role=\"alert\"",
            "href=\"#current_password\"",
            "less than 10 minutes ago",
        ] {
            assert!(security.contains(needle), "security lacks {needle}");
        }
        // It may be left empty after a fresh sign-in: the flow decides, not the browser.
        let current = security
            .split("<input id=\"current_password\"")
            .nth(1)
            .and_then(|rest| rest.split('>').next())
            .unwrap_or_default();
        assert!(!current.contains("required"), "{current}");
    }
}
