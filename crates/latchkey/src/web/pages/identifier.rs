//! The pages that ask only for an identifier and start something with it (`/recovery`,
//! `/login/method`, `/login/code`): one template, one form, one way to answer a refusal.

use super::view::{FormErrors, IdentifierPage};
use super::{Page, form_errors};
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_flows::FlowError;
use latchkey_i18n::Locale;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct IdentifierForm {
    #[serde(default)]
    identifier: String,
    return_to: Option<String>,
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
        self.render(page, String::new(), FormErrors::default(), StatusCode::OK)
    }

    /// POST: `start` takes the identifier in the page's language; `done` answers its
    /// success, a refusal shows the form again with what was typed.
    pub async fn submit<T>(
        &self,
        page: Page,
        form: Result<Form<IdentifierForm>, FormRejection>,
        start: impl AsyncFnOnce(&str, Locale) -> Result<T, FlowError>,
        done: impl FnOnce(Page, T) -> Response,
    ) -> Response {
        let Ok(Form(form)) = form else {
            return self.render(
                page,
                String::new(),
                FormErrors::default(),
                StatusCode::BAD_REQUEST,
            );
        };
        let page = page.with_form_return_to(form.return_to.as_deref());
        match start(&form.identifier, page.locale).await {
            Ok(started) => done(page, started),
            Err(e) => {
                let (status, errors) = form_errors(page.locale, e);
                self.render(page, form.identifier, errors, status)
            }
        }
    }

    fn render(
        &self,
        page: Page,
        identifier: String,
        errors: FormErrors,
        status: StatusCode,
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
        };
        page.render(status, &template)
    }
}
