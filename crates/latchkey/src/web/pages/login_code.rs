//! `/login/code`: passwordless sign-in. The identifier form starts a login-code flow; the
//! code step is the shared one in `verify.rs`, at `/login/code/verify`.

use super::verify::{self, CodeForm, CodeStep};
use super::view::{FormErrors, IdentifierPage};
use super::{Page, form_errors};
use crate::web::AppState;
use crate::web::extract::Client;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_store::FlowKind;
use serde::Deserialize;

const STEP: CodeStep = CodeStep {
    kind: FlowKind::LoginCode,
    path: "/login/code/verify",
    resend_path: "/login/code/resend",
    restart: "/login/code",
};

#[derive(Deserialize)]
pub struct IdentifierForm {
    #[serde(default)]
    identifier: String,
    return_to: Option<String>,
}

pub async fn show(page: Page) -> Response {
    render(page, String::new(), FormErrors::default(), StatusCode::OK)
}

pub async fn submit(
    State(state): State<AppState>,
    page: Page,
    form: Result<Form<IdentifierForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return render(
            page,
            String::new(),
            FormErrors::default(),
            StatusCode::BAD_REQUEST,
        );
    };
    let page = page.with_form_return_to(form.return_to.as_deref());
    match state
        .flows
        .start_login_code(&form.identifier, page.locale)
        .await
    {
        Ok(id) => {
            let to = page.keep_return_to(&format!("{}?flow={id}", STEP.path));
            page.redirect(&to)
        }
        Err(e) => {
            let (status, errors) = form_errors(page.locale, e);
            render(page, form.identifier, errors, status)
        }
    }
}

pub async fn show_code(State(state): State<AppState>, page: Page) -> Response {
    verify::show_step(&state, page, &STEP).await
}

pub async fn submit_code(
    State(state): State<AppState>,
    page: Page,
    Client(client): Client,
    form: Result<Form<CodeForm>, FormRejection>,
) -> Response {
    verify::submit_step(&state, page, &client, &STEP, form).await
}

pub async fn resend(
    State(state): State<AppState>,
    page: Page,
    form: Result<Form<CodeForm>, FormRejection>,
) -> Response {
    verify::resend_step(&state, page, &STEP, form).await
}

fn render(page: Page, identifier: String, errors: FormErrors, status: StatusCode) -> Response {
    let template = IdentifierPage {
        ctx: page.ctx(),
        errors,
        notice: None,
        title: page.t("login-code-title"),
        intro: page.t("login-code-intro"),
        submit: page.t("login-code-submit"),
        action: "/login/code".into(),
        identifier,
    };
    page.render(status, &template)
}
