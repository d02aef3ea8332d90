//! `/settings/reauthenticate`: "confirm it's you" (P2, M1). The password, or a code from
//! the authenticator app when the account has one, opens the privileged window again;
//! then back to `return_to` (checked like every `return_to`) or the security page.

use super::context::{FormErrors, PageCtx};
use super::{Page, form_errors};
use crate::web::AppState;
use crate::web::extract::Client;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_flows::{Authenticated, FlowError, Reauthentication};
use serde::Deserialize;

const PATH: &str = "/settings/reauthenticate";

#[derive(Deserialize)]
pub struct ReauthForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    code: String,
    return_to: Option<String>,
}

pub async fn show(State(state): State<AppState>, page: Page) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    render(&state, page, &auth, FormErrors::default(), StatusCode::OK).await
}

pub async fn submit(
    State(state): State<AppState>,
    page: Page,
    Client(client): Client,
    form: Result<Form<ReauthForm>, FormRejection>,
) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let Ok(Form(form)) = form else {
        let errors = FormErrors::form(page.t("error-invalid_input"));
        return render(&state, page, &auth, errors, StatusCode::BAD_REQUEST).await;
    };
    let page = page.with_form_return_to(form.return_to.as_deref());
    let code: String = form.code.chars().filter(|c| !c.is_whitespace()).collect();
    // The password when one is typed, else the code.
    let (proof, field) = if !form.password.is_empty() {
        (Reauthentication::Password(form.password), "password")
    } else if !code.is_empty() {
        (Reauthentication::Totp(code), "totp_code")
    } else {
        let errors = FormErrors::default().with_field("password", page.t("reauth-empty"));
        return render(
            &state,
            page,
            &auth,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    match state
        .flows
        .reauthenticate()
        .with(&auth, proof, &client)
        .await
    {
        Ok(()) => {
            let to = page
                .return_to
                .clone()
                .unwrap_or_else(|| "/settings/security".to_owned());
            page.redirect(&to)
        }
        Err(FlowError::InvalidCredentials) => {
            let errors =
                FormErrors::default().with_field("password", page.t("reauth-password-wrong"));
            render(&state, page, &auth, errors, StatusCode::UNAUTHORIZED).await
        }
        Err(e) => {
            let (status, mut errors) = form_errors(page.locale, e);
            // A refusal of the code (wrong, reused) belongs to the field it was typed in.
            for (name, _) in &mut errors.fields {
                if matches!(*name, "code" | "password") {
                    *name = field;
                }
            }
            render(&state, page, &auth, errors, status).await
        }
    }
}

async fn render(
    state: &AppState,
    page: Page,
    auth: &Authenticated,
    errors: FormErrors,
    status: StatusCode,
) -> Response {
    let totp = match state.flows.settings().mfa_status(auth).await {
        Ok(status) => status.totp,
        Err(e) => return page.flow_error(e, None),
    };
    let template = ReauthPage {
        ctx: page.ctx(),
        errors,
        notice: None,
        totp,
        window_minutes: state.flows.settings().privileged_window().whole_minutes(),
    };
    page.render(status, &template)
}

/// `/settings/reauthenticate`: the password, or a TOTP code when the account has one.
#[derive(Template)]
#[template(path = "reauth.html")]
pub struct ReauthPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub totp: bool,
    pub window_minutes: i64,
}

#[cfg(test)]
mod tests {
    use super::super::layout_tests::page_en;

    #[test]
    fn the_reauth_page_follows_the_conventions_the_browser_tests_rely_on() {
        let html = page_en("reauth");
        for needle in [
            "action=\"/settings/reauthenticate\"",
            "<label for=\"password\">",
            "id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\"",
            "<label for=\"totp_code\">",
            "id=\"totp_code\" name=\"code\"",
            "autocomplete=\"one-time-code\"",
            "data-testid=\"reauth-submit\"",
            "name=\"return_to\" value=\"/settings\"",
            "aria-describedby=\"password-error\" aria-invalid=\"true\"",
            "role=\"alert\"",
        ] {
            assert!(html.contains(needle), "reauth lacks {needle}");
        }
    }
}
