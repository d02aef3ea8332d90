//! `/login/code`: passwordless sign-in. The identifier form starts a login-code flow; the
//! code step is the shared one in `verify.rs`, at `/login/code/verify`.

use super::Page;
use super::code_entry;
use super::identifier::{IdentifierForm, IdentifierStep};
use super::verify::{self, CodeForm, CodeStep};
use crate::web::AppState;
use crate::web::extract::Client;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::response::Response;
use latchkey_flows::model::FlowKind;

const STEP: CodeStep = CodeStep {
    kind: FlowKind::LoginCode,
    path: "/login/code/verify",
    resend_path: "/login/code/resend",
    restart: "/login/code",
};

const START: IdentifierStep = IdentifierStep {
    title: "login-code-title",
    intro: "login-code-intro",
    submit: "login-code-submit",
    action: "/login/code",
};

pub async fn show(page: Page) -> Response {
    START.show(page)
}

pub async fn submit(
    State(state): State<AppState>,
    page: Page,
    Client(client): Client,
    form: Result<Form<IdentifierForm>, FormRejection>,
) -> Response {
    // The API's call with the API's client: the per-address limits and the challenge.
    START
        .submit_as(
            page,
            client,
            form,
            async |identifier, locale, client| {
                state
                    .flows
                    .sign_in()
                    .send_code(identifier, locale, client)
                    .await
            },
            |page, id| {
                let to = page.keep_return_to(&format!("{}?flow={id}", STEP.path));
                page.redirect(&to)
            },
        )
        .await
}

pub async fn show_code(State(state): State<AppState>, page: Page) -> Response {
    code_entry::show(&state, page, &STEP).await
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
    Client(client): Client,
    form: Result<Form<CodeForm>, FormRejection>,
) -> Response {
    verify::resend_step(&state, page, &client, &STEP, form).await
}
