//! `/register`: email or phone, a password typed twice, an optional name → a code goes
//! out and the browser moves on to `/verify?flow=…`.

use super::context::{FormErrors, PageCtx};
use super::{Page, challenge_of, form_errors, with_solution};
use crate::web::AppState;
use crate::web::extract::Client;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_domain::Identifier;
use latchkey_flows::registration::RegistrationInput;
use latchkey_flows::{FlowError, ProviderButton};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct RegisterForm {
    #[serde(default)]
    identifier: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
    #[serde(default)]
    name: String,
    return_to: Option<String>,
    /// Filled by `/assets/pow.js` when the form carried a challenge.
    latchkey_challenge: Option<String>,
}

pub async fn show(State(state): State<AppState>, page: Page) -> Response {
    render(
        &state,
        page,
        RegisterForm::default(),
        FormErrors::default(),
        StatusCode::OK,
        None,
    )
}

pub async fn submit(
    State(state): State<AppState>,
    page: Page,
    Client(client): Client,
    form: Result<Form<RegisterForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return page.flow_error(
            FlowError::InvalidInput {
                field: "identifier",
            },
            None,
        );
    };
    let page = page.with_form_return_to(form.return_to.as_deref());
    let locale = page.locale;

    // Checks the flow cannot do: the second copy of the password, and that there is one.
    let mut errors = FormErrors::default();
    let identifier = match state.flows.parse_identifier(&form.identifier) {
        Ok(i) => Some(i),
        Err(_) => {
            errors = errors.with_field("identifier", locale.t("error-invalid_identifier"));
            None
        }
    };
    if form.password.is_empty() {
        let min = state.flows.registration().password_min_length().to_string();
        errors = errors.with_field(
            "password",
            locale.t_args("password-too_short", &[("min", &min)]),
        );
    } else if form.password != form.password_confirm {
        errors = errors.with_field("password_confirm", locale.t("error-password_mismatch"));
    }
    let Some(identifier) = identifier.filter(|_| !errors.any()) else {
        return render(
            &state,
            page,
            form,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
        );
    };

    let (email, phone) = match &identifier {
        Identifier::Email(e) => (Some(e.as_str().to_owned()), None),
        Identifier::Phone(p) => (None, Some(p.as_str().to_owned())),
    };
    // The API's call with the API's client: the per-address limits and the challenge.
    let client = with_solution(client, form.latchkey_challenge.as_deref());
    let started = state
        .flows
        .registration()
        .start(
            RegistrationInput {
                email,
                phone,
                password: Some(form.password.clone()),
                name: Some(form.name.clone()).filter(|n| !n.trim().is_empty()),
                locale,
            },
            &client,
        )
        .await;
    match started {
        Ok(id) => {
            let to = page.keep_return_to(&format!("/verify?flow={id}"));
            page.redirect(&to)
        }
        Err(e) => {
            // The page's script solves the challenge; the person sends the form again.
            let challenge = challenge_of(&e);
            let (status, errors) = form_errors(locale, e);
            render(&state, page, form, errors, status, challenge)
        }
    }
}

fn render(
    state: &AppState,
    page: Page,
    form: RegisterForm,
    errors: FormErrors,
    status: StatusCode,
    challenge: Option<String>,
) -> Response {
    let template = RegisterPage {
        ctx: page.ctx(),
        errors,
        notice: None,
        // Passwords are never sent back into the page.
        identifier: form.identifier,
        name: form.name,
        password_min: state.flows.registration().password_min_length(),
        challenge,
        providers: state.flows.social().buttons(),
    };
    page.render(status, &template)
}

#[derive(Template)]
#[template(path = "register.html")]
pub struct RegisterPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub identifier: String,
    pub name: String,
    pub password_min: usize,
    /// A proof-of-work challenge (JSON) for `/assets/pow.js` to solve before the next submit.
    pub challenge: Option<String>,
    /// The social sign-in buttons, in the configured order (none: no section).
    pub providers: Vec<ProviderButton>,
}

#[cfg(test)]
mod tests {
    use super::super::layout_tests::page_en;

    #[test]
    fn the_register_form_follows_the_conventions_the_browser_tests_rely_on() {
        let register = page_en("register");
        for needle in [
            "action=\"/register\"",
            "id=\"identifier\" name=\"identifier\"",
            "autocomplete=\"username\"",
            "id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\"",
            "id=\"password_confirm\"",
            "id=\"name\"",
            "<button type=\"submit\"",
            "role=\"alert\"",
            "aria-invalid=\"true\"",
            "aria-describedby=\"identifier-help identifier-error\"",
            "data-strength=",
            "data-problem-too_short=\"Use at least 8 characters.\"",
        ] {
            assert!(register.contains(needle), "register lacks {needle}");
        }
    }
}
