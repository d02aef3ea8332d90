//! The pages that ask only for an identifier and start something with it (`/recovery`,
//! `/login/method`, `/login/code`): one template, one form, one way to answer a refusal.

use super::context::{FormErrors, PageCtx};
use super::{Page, challenge_of, form_errors, with_solution};
use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_flows::{ClientInfo, FlowError};
use latchkey_i18n::Locale;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct IdentifierForm {
    #[serde(default)]
    identifier: String,
    return_to: Option<String>,
    /// Filled by `/assets/pow.js` when the form carried a challenge.
    latchkey_challenge: Option<String>,
}

/// One identifier page: its texts (Fluent keys) and where its form posts.
pub struct IdentifierStep {
    pub title: &'static str,
    pub intro: &'static str,
    pub submit: &'static str,
    pub action: &'static str,
}

impl IdentifierStep {
    /// GET: the empty form.
    pub fn show(&self, page: Page) -> Response {
        self.render(
            page,
            String::new(),
            FormErrors::default(),
            StatusCode::OK,
            None,
        )
    }

    /// POST: starts the journey for the typed identifier, judging the client as the API
    /// does (per-address limits, the challenge). `start` gets `client` with the solution
    /// of a challenge the form carried; `done` answers its success; a refusal shows the
    /// form again with what was typed, and a `challenge_required` one with the challenge
    /// for `/assets/pow.js` to solve.
    pub async fn submit_as<T>(
        &self,
        page: Page,
        client: ClientInfo,
        form: Result<Form<IdentifierForm>, FormRejection>,
        start: impl AsyncFnOnce(&str, Locale, &ClientInfo) -> Result<T, FlowError>,
        done: impl FnOnce(Page, T) -> Response,
    ) -> Response {
        self.answer(page, client, form, start, done).await
    }

    async fn answer<T>(
        &self,
        page: Page,
        client: ClientInfo,
        form: Result<Form<IdentifierForm>, FormRejection>,
        start: impl AsyncFnOnce(&str, Locale, &ClientInfo) -> Result<T, FlowError>,
        done: impl FnOnce(Page, T) -> Response,
    ) -> Response {
        let Ok(Form(form)) = form else {
            return self.render(
                page,
                String::new(),
                FormErrors::default(),
                StatusCode::BAD_REQUEST,
                None,
            );
        };
        let page = page.with_form_return_to(form.return_to.as_deref());
        let client = with_solution(client, form.latchkey_challenge.as_deref());
        match start(&form.identifier, page.locale, &client).await {
            Ok(started) => done(page, started),
            Err(e) => {
                let challenge = challenge_of(&e);
                let (status, errors) = form_errors(page.locale, e);
                self.render(page, form.identifier, errors, status, challenge)
            }
        }
    }

    fn render(
        &self,
        page: Page,
        identifier: String,
        errors: FormErrors,
        status: StatusCode,
        challenge: Option<String>,
    ) -> Response {
        let template = IdentifierPage {
            ctx: page.ctx(),
            errors,
            notice: None,
            title: page.t(self.title),
            intro: page.t(self.intro),
            submit: page.t(self.submit),
            action: self.action.into(),
            identifier,
            challenge,
        };
        page.render(status, &template)
    }
}

/// A page asking only for an identifier: password recovery, sign-in by code.
#[derive(Template)]
#[template(path = "identifier.html")]
pub struct IdentifierPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub title: String,
    pub intro: String,
    pub submit: String,
    pub action: String,
    pub identifier: String,
    /// A proof-of-work challenge (JSON) for `/assets/pow.js` to solve before the next submit.
    pub challenge: Option<String>,
}
