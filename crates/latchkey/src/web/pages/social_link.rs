//! `/login/link`: a provider's verified email is an existing account's, so before the
//! provider can sign in to it the person proves the account is theirs: its password
//! (`POST /login/link/password`) or a code sent to that email (`POST /login/link/send`,
//! then `POST /login/link/code`). Passkeys prove it too, but their ceremony is not on
//! this page (it needs the passkey options of the API): the page says how to use one.
//!
//! Each proof keeps its own method's limits and lockouts (the flows decide); a wrong
//! password or code shows the page again with the error, a gone link flow the message
//! page with a way back to `/login`. Once proved, the account signs in through the
//! second-factor gate like any way in.

use super::context::{FormErrors, PageCtx};
use super::message::Link;
use super::{Page, challenge_of, code_entry, form_errors, query_param, with_solution};
use crate::web::AppState;
use crate::web::extract::Client;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_domain::FlowId;
use latchkey_flows::{FlowError, LinkProof, LinkView, SignInOutcome};
use serde::Deserialize;

const PATH: &str = "/login/link";

/// The fields of the page's three forms (each sends the ones it has).
#[derive(Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    flow: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    code_flow: String,
    #[serde(default)]
    code: String,
    return_to: Option<String>,
    /// Filled by `/assets/pow.js` when the form carried a challenge.
    latchkey_challenge: Option<String>,
}

/// `GET /login/link?flow=…[&code_flow=…&sent=1]`.
pub async fn show(State(state): State<AppState>, page: Page) -> Response {
    let query = page.query.as_deref();
    let flow = query_param(query, "flow").unwrap_or_default();
    let code_flow = query_param(query, "code_flow").filter(|c| c.parse::<FlowId>().is_ok());
    let sent = code_flow.is_some() && query_param(query, "sent").is_some();
    let view = match open(&state, &flow).await {
        Ok(view) => view,
        Err(e) => return gone(page, e),
    };
    let notice = sent.then(|| {
        page.locale
            .t_args("social-link-code-sent", &[("email", &view.email)])
    });
    let errors = FormErrors::default();
    let screen = Screen {
        view: &view,
        code_flow,
        notice,
        errors,
        challenge: None,
    };
    screen.render(page, StatusCode::OK)
}

/// What every POST of the page starts with: the form, its `return_to`, and the link it
/// names (or the answer to give when either is gone).
async fn opened(
    state: &AppState,
    page: Page,
    form: Result<Form<LinkForm>, FormRejection>,
) -> Result<(Page, LinkForm, LinkView), Response> {
    let Ok(Form(form)) = form else {
        return Err(gone(page, FlowError::FlowExpired));
    };
    let page = page.with_form_return_to(form.return_to.as_deref());
    match open(state, &form.flow).await {
        Ok(view) => Ok((page, form, view)),
        Err(e) => Err(gone(page, e)),
    }
}

/// `POST /login/link/password`.
pub async fn submit_password(
    State(state): State<AppState>,
    page: Page,
    Client(client): Client,
    form: Result<Form<LinkForm>, FormRejection>,
) -> Response {
    let (page, form, view) = match opened(&state, page, form).await {
        Ok(opened) => opened,
        Err(answer) => return answer,
    };
    let client = with_solution(client, form.latchkey_challenge.as_deref());
    if form.password.is_empty() {
        let errors = FormErrors::default().with_field("password", page.t("reauth-empty"));
        return refused(
            page,
            &view,
            None,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
        );
    }
    let result = state
        .flows
        .social()
        .link(view.flow, LinkProof::Password(&form.password), &client)
        .await;
    match result {
        Ok(done) => signed_in(&state, page, done),
        Err(FlowError::FlowExpired) => gone(page, FlowError::FlowExpired),
        // The generic sign-in wording would talk about email and phone numbers.
        Err(FlowError::InvalidCredentials | FlowError::InvalidIdentifier) => {
            let errors =
                FormErrors::default().with_field("password", page.t("social-link-password-wrong"));
            refused(page, &view, None, errors, StatusCode::UNAUTHORIZED, None)
        }
        Err(e) => {
            let challenge = challenge_of(&e).map(|c| ("password", c));
            let (status, errors) = form_errors(page.locale, e);
            refused(page, &view, None, errors, status, challenge)
        }
    }
}

/// `POST /login/link/send`: a sign-in code to the link's email, then the code field.
pub async fn send_code(
    State(state): State<AppState>,
    page: Page,
    Client(client): Client,
    form: Result<Form<LinkForm>, FormRejection>,
) -> Response {
    let (page, form, view) = match opened(&state, page, form).await {
        Ok(opened) => opened,
        Err(answer) => return answer,
    };
    let client = with_solution(client, form.latchkey_challenge.as_deref());
    match state
        .flows
        .social()
        .link_send_code(view.flow, page.locale, &client)
        .await
    {
        Ok(code_flow) => {
            let to = page.keep_return_to(&format!(
                "{PATH}?flow={}&code_flow={code_flow}&sent=1",
                view.flow
            ));
            page.redirect(&to)
        }
        Err(FlowError::FlowExpired) => gone(page, FlowError::FlowExpired),
        Err(e) => {
            let challenge = challenge_of(&e).map(|c| ("send", c));
            let (status, mut errors) = form_errors(page.locale, e);
            if let Some((_, message)) = errors.fields.pop() {
                errors.form = Some(message);
            }
            // A code already sent still works: keep its field.
            let code_flow = Some(form.code_flow).filter(|c| c.parse::<FlowId>().is_ok());
            refused(page, &view, code_flow, errors, status, challenge)
        }
    }
}

/// `POST /login/link/code`.
pub async fn submit_code(
    State(state): State<AppState>,
    page: Page,
    Client(client): Client,
    form: Result<Form<LinkForm>, FormRejection>,
) -> Response {
    let (page, form, view) = match opened(&state, page, form).await {
        Ok(opened) => opened,
        Err(answer) => return answer,
    };
    let Ok(code_flow) = form.code_flow.parse::<FlowId>() else {
        let errors = FormErrors::form(page.t("social-link-code-expired"));
        return refused(page, &view, None, errors, StatusCode::GONE, None);
    };
    let Some(code) = code_entry::digits(&form.code) else {
        // Not sent to the flow: a typo in the format should not cost one of the tries.
        let errors = FormErrors::default().with_field("code", page.t("verify-code-format"));
        return refused(
            page,
            &view,
            Some(form.code_flow),
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
        );
    };
    let result = state
        .flows
        .social()
        .link(
            view.flow,
            LinkProof::Code {
                flow: code_flow,
                code: &code,
            },
            &client,
        )
        .await;
    match result {
        Ok(done) => signed_in(&state, page, done),
        Err(FlowError::FlowExpired) => {
            // The link flow was open a moment ago: it is the code that is gone (used up,
            // expired). A new one can be asked for on the same page.
            if open(&state, &form.flow).await.is_err() {
                return gone(page, FlowError::FlowExpired);
            }
            let errors = FormErrors::form(page.t("social-link-code-expired"));
            refused(page, &view, None, errors, StatusCode::GONE, None)
        }
        Err(e) => {
            let (status, errors) = form_errors(page.locale, e);
            refused(page, &view, Some(form.code_flow), errors, status, None)
        }
    }
}

/// The link flow behind a raw `flow` value; anything unreadable is a gone flow.
async fn open(state: &AppState, flow: &str) -> Result<LinkView, FlowError> {
    let id = flow.parse::<FlowId>().map_err(|_| FlowError::FlowExpired)?;
    state.flows.social().link_view(id).await
}

/// Signed in (or on to the second step): where the link's own `return_to` says, else
/// the page's.
fn signed_in(
    state: &AppState,
    mut page: Page,
    (outcome, return_to): (SignInOutcome, Option<String>),
) -> Response {
    if let Some(r) = return_to {
        page.return_to = Some(r);
    }
    page.finish_sign_in(state, outcome)
}

/// The message page for a flow that cannot go on, with the way back to sign-in.
fn gone(page: Page, error: FlowError) -> Response {
    let link = Link {
        href: page.keep_return_to("/login"),
        text: page.t("try-again"),
    };
    page.flow_error(error, Some(link))
}

fn refused(
    page: Page,
    view: &LinkView,
    code_flow: Option<String>,
    errors: FormErrors,
    status: StatusCode,
    challenge: Option<(&'static str, String)>,
) -> Response {
    Screen {
        view,
        code_flow,
        notice: None,
        errors,
        challenge,
    }
    .render(page, status)
}

/// What one answer of the page shows.
struct Screen<'a> {
    view: &'a LinkView,
    code_flow: Option<String>,
    notice: Option<String>,
    errors: FormErrors,
    /// The form that must solve a challenge (`password` or `send`), and the challenge.
    challenge: Option<(&'static str, String)>,
}

impl Screen<'_> {
    fn render(self, page: Page, status: StatusCode) -> Response {
        let v = self.view;
        let (challenge_form, challenge) = match self.challenge {
            Some((form, c)) => (form, Some(c)),
            None => ("", None),
        };
        let template = SocialLinkPage {
            ctx: page.ctx(),
            errors: self.errors,
            notice: self.notice,
            flow: v.flow.to_string(),
            provider_label: v.provider_label.clone(),
            email: v.email.clone(),
            intro: page.locale.t_args(
                "social-link-intro",
                &[("provider", &v.provider_label), ("email", &v.email)],
            ),
            password: v.proofs.contains(&"password"),
            email_code: v.proofs.contains(&"email_code"),
            passkey: v.proofs.contains(&"passkey"),
            code_flow: self.code_flow,
            challenge_form,
            challenge,
        };
        page.render(status, &template)
    }
}

/// `/login/link`: prove the account before a provider joins it.
#[derive(Template)]
#[template(path = "social_link.html")]
pub struct SocialLinkPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    /// The link flow's id, carried by every form.
    pub flow: String,
    pub provider_label: String,
    /// The account's address (the provider's verified email).
    pub email: String,
    /// "Acme says your email is …", with both filled in.
    pub intro: String,
    /// Which proofs the account allows.
    pub password: bool,
    pub email_code: bool,
    /// Only noted: the passkey ceremony is not on this page.
    pub passkey: bool,
    /// The login-code flow once a code was sent: the code field shows.
    pub code_flow: Option<String>,
    /// `password` or `send`: which form carries the challenge.
    pub challenge_form: &'static str,
    pub challenge: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::super::context::FormErrors;
    use super::super::layout_tests::{page_en, sample_link};
    use askama::Template;
    use latchkey_i18n::Locale;

    #[test]
    fn the_link_page_follows_the_conventions_the_browser_tests_rely_on() {
        let html = page_en("social_link");
        for needle in [
            "<title>Link your Acme account — ",
            "<h1>Link your Acme account</h1>",
            "Acme says your email is ann@example.com. An account with this email already exists here",
            "aria-labelledby=\"link-password-h\"",
            "<form method=\"post\" action=\"/login/link/password\" class=\"stack\" novalidate data-testid=\"link-password-form\">",
            "<input type=\"hidden\" name=\"flow\" value=\"0190a0b0-0000-7000-8000-000000000001\">",
            "autocomplete=\"username\" hidden readonly",
            "id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\"",
            "aria-invalid=\"true\" aria-describedby=\"password-error\"",
            "<p class=\"field-error\" id=\"password-error\">That is not the password of this account.</p>",
            "href=\"#password\"",
            "aria-labelledby=\"link-code-h\"",
            "action=\"/login/link/send\"",
            "data-testid=\"link-send-code\">Email me a code</button>",
            "We send a one-time code to ann@example.com.",
            "data-testid=\"link-passkey-note\"",
            "then link Acme from your security settings",
            "href=\"/login\" data-testid=\"link-cancel\"",
        ] {
            assert!(html.contains(needle), "link page lacks {needle}");
        }
        // No code sent yet: no code field.
        assert!(!html.contains("action=\"/login/link/code\""));
        assert!(!html.contains("name=\"code\""));
    }

    #[test]
    fn once_a_code_is_sent_the_page_asks_for_it() {
        let html = page_en("social_link-code");
        for needle in [
            "<form method=\"post\" action=\"/login/link/code\" class=\"stack\" novalidate data-testid=\"link-code-form\">",
            "<input type=\"hidden\" name=\"code_flow\" value=\"0190a0b0-0000-7000-8000-000000000002\">",
            "id=\"code\" name=\"code\" class=\"code-input\" type=\"text\" inputmode=\"numeric\" autocomplete=\"one-time-code\"",
            "aria-describedby=\"code-help code-error\" aria-invalid=\"true\"",
            "<p class=\"help\" id=\"code-help\">We sent a code to ann@example.com. Enter it below.</p>",
            "data-testid=\"link-send-code\">Send a new code</button>",
        ] {
            assert!(html.contains(needle), "link page lacks {needle}");
        }
        assert!(html.find("/login/link/code") < html.find("/login/link/send"));
    }

    #[test]
    fn only_the_proofs_the_account_has_are_offered() {
        let mut page = sample_link(Locale::En, FormErrors::default(), None);
        page.password = false;
        page.passkey = false;
        let html = page.render().expect("renders");
        assert!(!html.contains("/login/link/password"));
        assert!(!html.contains("link-passkey-note"));
        assert!(html.contains("/login/link/send"));
        // The provider's label and email are someone else's text: escaped.
        let mut page = sample_link(Locale::En, FormErrors::default(), None);
        page.provider_label = "<b>Evil</b>".into();
        page.email = "\"><script>x</script>".into();
        let html = page.render().expect("renders");
        assert!(!html.contains("<b>Evil"));
        assert!(!html.contains("<script>x"));
    }

    #[test]
    fn a_challenge_lands_on_the_form_that_got_it() {
        let mut page = sample_link(Locale::En, FormErrors::default(), None);
        page.challenge_form = "send";
        page.challenge = Some("{\"difficulty\":1}".into());
        let html = page.render().expect("renders");
        assert!(html.contains("<script src=\"/assets/pow.js\" defer></script>"));
        let send = html
            .split("action=\"/login/link/send\"")
            .nth(1)
            .unwrap_or_default();
        assert!(
            send.split('>')
                .next()
                .unwrap_or_default()
                .contains("data-challenge=")
        );
        let pw = html
            .split("action=\"/login/link/password\"")
            .nth(1)
            .unwrap_or_default();
        assert!(
            !pw.split('>')
                .next()
                .unwrap_or_default()
                .contains("data-challenge=")
        );
    }
}
