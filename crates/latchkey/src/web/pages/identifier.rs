//! The pages that ask only for an identifier and start something with it (`/recovery`,
//! `/login/method`, `/login/code`): one template, one form, one way to answer a refusal.

use super::view::{FormErrors, IdentifierPage};
use super::{Page, challenge_of, form_errors, with_solution};
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

    /// POST: `start` takes the identifier in the page's language; `done` answers its
    /// success, a refusal shows the form again with what was typed. No challenge is
    /// offered: a solution could not reach `start` (a flow that asks for one wants
    /// [`Self::submit_as`]).
    pub async fn submit<T>(
        &self,
        page: Page,
        form: Result<Form<IdentifierForm>, FormRejection>,
        start: impl AsyncFnOnce(&str, Locale) -> Result<T, FlowError>,
        done: impl FnOnce(Page, T) -> Response,
    ) -> Response {
        self.answer(
            page,
            ClientInfo::default(),
            form,
            async |identifier, locale, _| start(identifier, locale).await,
            done,
            false,
        )
        .await
    }

    /// As [`Self::submit`], for a flow that judges the client (per-address limits, the
    /// challenge): `start` also gets `client` with the solution of a challenge the form
    /// carried, and a `challenge_required` refusal shows the form with that challenge
    /// for `/assets/pow.js` to solve.
    pub async fn submit_as<T>(
        &self,
        page: Page,
        client: ClientInfo,
        form: Result<Form<IdentifierForm>, FormRejection>,
        start: impl AsyncFnOnce(&str, Locale, &ClientInfo) -> Result<T, FlowError>,
        done: impl FnOnce(Page, T) -> Response,
    ) -> Response {
        self.answer(page, client, form, start, done, true).await
    }

    async fn answer<T>(
        &self,
        page: Page,
        client: ClientInfo,
        form: Result<Form<IdentifierForm>, FormRejection>,
        start: impl AsyncFnOnce(&str, Locale, &ClientInfo) -> Result<T, FlowError>,
        done: impl FnOnce(Page, T) -> Response,
        offer_challenge: bool,
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
                let challenge = challenge_of(&e).filter(|_| offer_challenge);
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
