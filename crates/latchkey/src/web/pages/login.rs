//! `/login`: a passkey first (when passkeys are on), then email or phone and password. Links lead to recovery, registration and
//! sign-in by code. A wrong password re-renders the form with an alert that does not say
//! which half was wrong.

use super::context::{FormErrors, PageCtx};
use super::{Page, challenge_of, form_errors, query_param, with_solution};
use crate::web::AppState;
use crate::web::extract::Client;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_flows::kernel::registry::SignInWay;
use latchkey_flows::{FlowError, ProviderButton};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    identifier: String,
    #[serde(default)]
    password: String,
    return_to: Option<String>,
    /// Filled by `/assets/pow.js` when the form carried a challenge.
    latchkey_challenge: Option<String>,
}

pub async fn show(State(state): State<AppState>, page: Page) -> Response {
    // Already signed in: nothing to do here.
    if let Ok(Some(_)) = page.session(&state).await {
        let to = page.after_sign_in();
        return page.redirect(&to);
    }
    let notice =
        query_param(page.query.as_deref(), "signed_out").map(|_| page.t("login-signed-out"));
    render(
        &state,
        page,
        String::new(),
        notice,
        FormErrors::default(),
        StatusCode::OK,
        None,
    )
}

pub async fn submit(
    State(state): State<AppState>,
    page: Page,
    Client(client): Client,
    form: Result<Form<LoginForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return page.flow_error(FlowError::InvalidCredentials, None);
    };
    let client = with_solution(client, form.latchkey_challenge.as_deref());
    let page = page.with_form_return_to(form.return_to.as_deref());
    let result = state
        .flows
        .sign_in()
        .with_password(&form.identifier, &form.password, &client)
        .await;
    match result {
        Ok(outcome) => page.finish_sign_in(&state, outcome),
        Err(e) => {
            // One alert for the whole form: naming the wrong field would tell a stranger
            // which accounts exist.
            let e = match e {
                FlowError::InvalidIdentifier => FlowError::InvalidCredentials,
                other => other,
            };
            // The page's script solves the challenge and submits again.
            let challenge = challenge_of(&e);
            let (status, mut errors) = form_errors(page.locale, e);
            if let Some((_, message)) = errors.fields.pop() {
                errors.form = Some(message);
            }
            render(
                &state,
                page,
                form.identifier,
                None,
                errors,
                status,
                challenge,
            )
        }
    }
}

fn render(
    state: &AppState,
    page: Page,
    identifier: String,
    notice: Option<String>,
    errors: FormErrors,
    status: StatusCode,
    challenge: Option<String>,
) -> Response {
    let template = LoginPage {
        ctx: page.ctx(),
        errors,
        notice,
        identifier,
        challenge,
        ways: state.flows.sign_in().other_ways(),
        passkeys: state.flows.passkeys_enabled(),
        providers: state.flows.social().buttons(),
    };
    page.render(status, &template)
}

#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub identifier: String,
    /// A proof-of-work challenge (JSON) for `/assets/pow.js` to solve before the next submit.
    pub challenge: Option<String>,
    /// The other ways in, from the flows' method registry.
    pub ways: Vec<SignInWay>,
    /// Offer passkeys first (X1): the button and autofill, driven by `/assets/passkey.js`.
    pub passkeys: bool,
    /// The social sign-in buttons, in the configured order (none: no section).
    pub providers: Vec<ProviderButton>,
}

#[cfg(test)]
mod tests {
    use super::super::context::FormErrors;
    use super::super::layout_tests::{ctx, page_en};
    use super::LoginPage;
    use askama::Template;
    use latchkey_i18n::Locale;

    #[test]
    fn the_login_form_follows_the_conventions_the_browser_tests_rely_on() {
        let login = page_en("login");
        for needle in [
            "autocomplete=\"current-password\"",
            "href=\"/recovery?return_to=%2Fsettings\">Forgot password?</a>",
            "href=\"/register?return_to=%2Fsettings\">Create an account</a>",
            "href=\"/login/code?return_to=%2Fsettings\">Sign in with a code instead</a>",
            "<div class=\"passkey-signin stack\" data-passkey-signin hidden data-csrf=\"csrf-token-value\" data-return-to=\"/settings\" data-error-text=",
            "<button type=\"button\" class=\"button button-primary\" data-passkey-button data-testid=\"passkey-signin\">",
            "<p data-passkey-error role=\"alert\" class=\"field-error\"></p>",
            "autocomplete=\"username webauthn\"",
            "src=\"/assets/passkey.js?v=v1\" defer",
        ] {
            assert!(login.contains(needle), "login lacks {needle}");
        }
        // Passkeys first (X1).
        assert!(login.find("data-passkey-signin") < login.find("data-testid=\"login-form\""));
    }

    #[test]
    fn without_passkeys_the_login_page_has_no_passkey_parts() {
        let html = LoginPage {
            ctx: ctx(Locale::En),
            errors: FormErrors::default(),
            notice: None,
            identifier: String::new(),
            challenge: None,
            ways: latchkey_flows::kernel::registry::sign_in_ways(),
            passkeys: false,
            providers: Vec::new(),
        }
        .render()
        .expect("renders");
        assert!(!html.contains("data-passkey"));
        assert!(!html.contains("passkey.js"));
        // No provider configured: no section, no heading.
        assert!(!html.contains("provider-buttons"));
        assert!(!html.contains("provider-button"));
        assert!(html.contains("autocomplete=\"username\""));
    }

    /// The anchor of `data-testid="provider-{id}"`, from `<a` to `</a>`.
    fn provider_anchor<'a>(html: &'a str, id: &str) -> &'a str {
        let at = html
            .find(&format!("data-testid=\"provider-{id}\""))
            .unwrap_or_else(|| panic!("no provider-{id} button"));
        let start = html[..at].rfind("<a ").expect("anchor start");
        let end = at + html[at..].find("</a>").expect("anchor end") + 4;
        &html[start..end]
    }

    #[test]
    fn provider_buttons_are_links_in_the_configured_order_keeping_return_to() {
        let login = page_en("login");
        for needle in [
            "<section class=\"providers\" aria-labelledby=\"providers-h\" data-testid=\"provider-buttons\">",
            "<h2 id=\"providers-h\" class=\"separator\"><span>Or continue with</span></h2>",
        ] {
            assert!(login.contains(needle), "login lacks {needle}");
        }
        assert_eq!(
            provider_anchor(&login, "acme"),
            "<a class=\"provider-button\" href=\"/auth/acme/start?return_to=%2Fsettings\" data-testid=\"provider-acme\">Continue with Acme</a>"
        );
        assert_eq!(
            provider_anchor(&login, "google"),
            "<a class=\"provider-button\" href=\"/auth/google/start?return_to=%2Fsettings\" data-testid=\"provider-google\">Continue with Google</a>"
        );
        assert!(login.find("provider-acme") < login.find("provider-google"));
        // Below the password form, above the other ways in.
        assert!(login.find("data-testid=\"login-form\"") < login.find("provider-buttons"));
        let register = page_en("register");
        assert!(register.contains("aria-labelledby=\"providers-h\""));
        assert!(provider_anchor(&register, "google").contains(">Continue with Google</a>"));
    }

    #[test]
    fn a_provider_button_is_named_in_the_page_language() {
        use super::super::layout_tests::sample_buttons;
        for locale in [Locale::En, Locale::Ru, Locale::Fr] {
            let html = LoginPage {
                ctx: ctx(locale),
                errors: FormErrors::default(),
                notice: None,
                identifier: String::new(),
                challenge: None,
                ways: latchkey_flows::kernel::registry::sign_in_ways(),
                passkeys: false,
                providers: sample_buttons(),
            }
            .render()
            .expect("renders");
            // The link's text is its accessible name: the locale's own message.
            let name = locale.t_args("social-continue-with", &[("provider", "Acme")]);
            assert!(
                name.contains("Acme") && !name.contains("social-"),
                "{locale}: {name}"
            );
            let anchor = provider_anchor(&html, "acme");
            assert!(
                anchor.ends_with(&format!(">{name}</a>")),
                "{locale}: {anchor}"
            );
            let heading = locale.t("social-buttons-title");
            assert!(
                html.contains(&format!("<span>{heading}</span></h2>")),
                "{locale}"
            );
        }
        assert_eq!(
            Locale::En.t_args("social-continue-with", &[("provider", "Acme")]),
            "Continue with Acme"
        );
    }

    #[test]
    fn user_input_is_escaped() {
        let html = LoginPage {
            ctx: ctx(Locale::En),
            errors: FormErrors::default(),
            notice: None,
            identifier: "\"><script>alert(1)</script>".into(),
            challenge: None,
            ways: latchkey_flows::kernel::registry::sign_in_ways(),
            passkeys: true,
            providers: Vec::new(),
        }
        .render()
        .expect("renders");
        assert!(!html.contains("<script>alert(1)"));
    }
}
