//! The recovery pages: `/recovery` (identifier) → `/recovery/code` (code, resend with a
//! countdown, "send it to my phone instead" by typing that phone) → new password twice →
//! done; `/recovery/link` (the
//! emailed link: GET only shows the form, the POST uses the token); `/security/report`
//! ("this wasn't me": GET confirms, POST acts).
//!
//! Reset tokens travel in form fields, never in a redirect URL; only the emailed link
//! carries one in its query, and pages go out with `Referrer-Policy: no-referrer`.

use super::code_entry::{self, CodePage};
use super::context::{FormErrors, PageCtx};
use super::identifier::{IdentifierForm, IdentifierStep};
use super::message::Link;
use super::{Page, form_errors, query_param};
use crate::web::AppState;
use crate::web::extract::Client;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_domain::FlowId;
use latchkey_flows::FlowError;
use latchkey_flows::model::Channel;
use serde::Deserialize;

const START: IdentifierStep = IdentifierStep {
    title: "recovery-title",
    intro: "recovery-intro",
    submit: "recovery-submit",
    action: "/recovery",
};

const METHOD_HINT: IdentifierStep = IdentifierStep {
    title: "method-hint-title",
    intro: "method-hint-intro",
    submit: "method-hint-submit",
    action: "/login/method",
};

/// Where a recovery starts, and starts over.
const RESTART: &str = "/recovery";

/// The recovery's code page, with what was typed into a "send it to … instead" field
/// when it is shown again with an error.
#[derive(Default)]
struct CodeStep {
    typed: std::collections::HashMap<&'static str, String>,
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    flow: String,
    #[serde(default)]
    code: String,
    channel: Option<Channel>,
    /// "Send it to my phone instead": the phone as the person typed it.
    phone: Option<String>,
    /// "Send it to my email instead" (for a recovery started with a phone number).
    email: Option<String>,
    return_to: Option<String>,
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
    return_to: Option<String>,
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    token: String,
}

/// A channel the code could go to instead, once the person types that address.
pub struct OtherWay {
    pub channel: &'static str,
    /// The form field: `phone` or `email`.
    pub field: &'static str,
    pub input_type: &'static str,
    pub autocomplete: &'static str,
    pub label: String,
    pub help: String,
    pub submit: String,
    /// What was typed, shown again with its error.
    pub value: String,
}

#[derive(Template)]
#[template(path = "recovery_code.html")]
pub struct RecoveryCodePage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub flow: String,
    pub destination: String,
    pub resend_after: i64,
    pub others: Vec<OtherWay>,
}

#[derive(Template)]
#[template(path = "report.html")]
pub struct ReportPage {
    pub ctx: PageCtx,
    pub token: String,
}

pub async fn show(page: Page) -> Response {
    START.show(page)
}

pub async fn submit(
    State(state): State<AppState>,
    Client(client): Client,
    page: Page,
    form: Result<Form<IdentifierForm>, FormRejection>,
) -> Response {
    START
        .submit_as(
            page,
            client,
            form,
            async |identifier, locale, client| {
                state
                    .flows
                    .recovery()
                    .start(identifier, None, locale, client)
                    .await
            },
            |page, id| {
                let to = page.keep_return_to(&format!("/recovery/code?flow={id}"));
                page.redirect(&to)
            },
        )
        .await
}

pub async fn show_code(State(state): State<AppState>, page: Page) -> Response {
    code_entry::show(&state, page, &CodeStep::default()).await
}

impl CodePage for CodeStep {
    fn path(&self) -> &'static str {
        "/recovery/code"
    }

    fn restart(&self) -> &'static str {
        RESTART
    }

    async fn render(
        &self,
        state: &AppState,
        page: Page,
        flow: &str,
        notice: Option<String>,
        errors: FormErrors,
        status: StatusCode,
    ) -> Response {
        let status_view = match flow.parse::<FlowId>() {
            Ok(id) => state.flows.recovery().status(id).await,
            Err(_) => Err(FlowError::FlowExpired),
        };
        let view = match status_view {
            Ok(v) => v,
            Err(FlowError::FlowExpired) => return expired(page),
            Err(e) => return page.flow_error(e, None),
        };
        let destination = view
            .channels
            .first()
            .map(|c| c.masked.clone())
            .unwrap_or_default();
        let others = view
            .other_channels
            .iter()
            .map(|c| {
                let field = match c {
                    Channel::Sms => "phone",
                    Channel::Email => "email",
                };
                OtherWay {
                    channel: c.as_str(),
                    field,
                    input_type: if field == "phone" { "tel" } else { "email" },
                    autocomplete: if field == "phone" { "tel" } else { "email" },
                    label: page.t(&format!("recovery-{field}-label")),
                    help: page.t(&format!("recovery-{field}-help")),
                    submit: page.t(&format!("recovery-send-to-{field}")),
                    value: self.typed.get(field).cloned().unwrap_or_default(),
                }
            })
            .collect();
        let template = RecoveryCodePage {
            ctx: page.ctx(),
            errors,
            notice,
            flow: flow.to_owned(),
            destination,
            resend_after: view.resend_after,
            others,
        };
        page.render(status, &template)
    }
}

pub async fn submit_code(
    State(state): State<AppState>,
    page: Page,
    Client(client): Client,
    form: Result<Form<CodeForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return expired(page);
    };
    let page = page.with_form_return_to(form.return_to.as_deref());
    code_entry::submit(
        &state,
        page,
        &CodeStep::default(),
        &form.flow,
        &form.code,
        async |id, code| state.flows.recovery().with_code(id, code, &client).await,
        // The new-password form, right here: the token never appears in a URL.
        |page, token| render_reset(&state, page, token, FormErrors::default(), StatusCode::OK),
    )
    .await
}

pub async fn resend(
    State(state): State<AppState>,
    Client(client): Client,
    page: Page,
    form: Result<Form<CodeForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return expired(page);
    };
    let page = page.with_form_return_to(form.return_to.as_deref());
    let typed = [("phone", &form.phone), ("email", &form.email)]
        .into_iter()
        .find_map(|(field, v)| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(|v| (field, v.to_owned()))
        });
    let Some((field, value)) = typed else {
        if form.phone.is_some() || form.email.is_some() {
            // The field was sent empty: say so at the field, without asking the flow.
            let field = if form.phone.is_some() {
                "phone"
            } else {
                "email"
            };
            return typed_error(&state, page, &form.flow, field, String::new()).await;
        }
        return code_entry::resend(&state, page, &CodeStep::default(), &form.flow, async |id| {
            state
                .flows
                .recovery()
                .resend(id, form.channel, &client)
                .await
        })
        .await;
    };
    let channel = Some(if field == "phone" {
        Channel::Sms
    } else {
        Channel::Email
    });
    let Ok(id) = form.flow.parse::<FlowId>() else {
        return expired(page);
    };
    match state
        .flows
        .recovery()
        .resend_to(id, channel, Some(&value), &client)
        .await
    {
        // The same "a new code is on its way" whether or not the address is the account's.
        Ok(()) => {
            let to = page.keep_return_to(&format!("/recovery/code?flow={id}&sent=1"));
            page.redirect(&to)
        }
        Err(FlowError::InvalidInput { field: f }) if f == field => {
            typed_error(&state, page, &form.flow, field, value).await
        }
        Err(FlowError::FlowExpired) => expired(page),
        Err(e) => {
            let (status, errors) = form_errors(page.locale, e);
            let step = CodeStep {
                typed: [(field, value)].into(),
            };
            step.render(&state, page, &form.flow, None, errors, status)
                .await
        }
    }
}

/// The code page again with the typed address and, at its field, why it was not taken.
async fn typed_error(
    state: &AppState,
    page: Page,
    flow: &str,
    field: &'static str,
    value: String,
) -> Response {
    let errors =
        FormErrors::default().with_field(field, page.t(&format!("recovery-{field}-invalid")));
    let step = CodeStep {
        typed: [(field, value)].into(),
    };
    step.render(
        state,
        page,
        flow,
        None,
        errors,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// GET `/recovery/link?token=…`: checks the token and shows the new-password form. Uses
/// nothing: mail scanners fetch links before people do.
pub async fn show_link(State(state): State<AppState>, page: Page) -> Response {
    let token = query_param(page.query.as_deref(), "token").unwrap_or_default();
    match state.flows.recovery().inspect_reset_token(&token).await {
        Ok(_) => render_reset(&state, page, token, FormErrors::default(), StatusCode::OK),
        Err(FlowError::FlowExpired) => expired(page),
        Err(e) => page.flow_error(e, None),
    }
}

fn render_reset(
    state: &AppState,
    page: Page,
    token: String,
    errors: FormErrors,
    status: StatusCode,
) -> Response {
    let template = ResetPage {
        ctx: page.ctx(),
        errors,
        notice: None,
        action: "/recovery/reset".into(),
        token,
        password_min: state.config.password.min_length,
    };
    page.render(status, &template)
}

pub async fn submit_reset(
    State(state): State<AppState>,
    page: Page,
    crate::web::extract::Client(client): crate::web::extract::Client,
    form: Result<Form<ResetForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return expired(page);
    };
    let page = page.with_form_return_to(form.return_to.as_deref());
    if form.password != form.password_confirm {
        let errors =
            FormErrors::default().with_field("password_confirm", page.t("password-mismatch"));
        return render_reset(
            &state,
            page,
            form.token,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    // Recovery ends signed in on this device (through the second factor when the
    // account has one), not on a "now sign in again" page.
    match state
        .flows
        .recovery()
        .reset_and_sign_in(&form.token, &form.password, &client)
        .await
    {
        Ok(outcome) => page.finish_sign_in(&state, outcome),
        Err(FlowError::FlowExpired) => expired(page),
        Err(e) => {
            let (status, errors) = form_errors(page.locale, e);
            render_reset(&state, page, form.token, errors, status)
        }
    }
}

/// GET `/security/report?token=…`: asks before acting (links get prefetched).
pub async fn show_report(page: Page) -> Response {
    let token = query_param(page.query.as_deref(), "token").unwrap_or_default();
    let template = ReportPage {
        ctx: page.ctx(),
        token,
    };
    page.render(StatusCode::OK, &template)
}

pub async fn submit_report(
    State(state): State<AppState>,
    page: Page,
    form: Result<Form<TokenForm>, FormRejection>,
) -> Response {
    let token = form.map(|Form(f)| f.token).unwrap_or_default();
    match state.flows.recovery().report_not_me(&token).await {
        Ok(()) => {
            let link = Link {
                href: "/recovery".into(),
                text: page.t("recovery-title"),
            };
            let (title, body) = (page.t("report-done-title"), page.t("report-done-body"));
            page.message(StatusCode::OK, title, body, Some(link))
        }
        Err(e) => page.flow_error(e, None),
    }
}

/// `/login/method`: "Which sign-in method did I use?". Everyone gets the same page; the
/// account's owner gets a message naming its methods.
pub async fn show_method_hint(page: Page) -> Response {
    METHOD_HINT.show(page)
}

pub async fn submit_method_hint(
    State(state): State<AppState>,
    Client(client): Client,
    page: Page,
    form: Result<Form<IdentifierForm>, FormRejection>,
) -> Response {
    METHOD_HINT
        .submit_as(
            page,
            client,
            form,
            async |identifier, locale, client| {
                state
                    .flows
                    .recovery()
                    .send_method_hint(identifier, locale, client)
                    .await
            },
            |page, ()| {
                let link = Link {
                    href: page.keep_return_to("/login"),
                    text: page.t("back-to-sign-in"),
                };
                let (title, body) = (
                    page.t("method-hint-sent-title"),
                    page.t("method-hint-sent-body"),
                );
                page.message(StatusCode::OK, title, body, Some(link))
            },
        )
        .await
}

fn expired(page: Page) -> Response {
    code_entry::expired(page, RESTART)
}

/// New password typed twice, after a recovery code or link was accepted.
#[derive(Template)]
#[template(path = "reset.html")]
pub struct ResetPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub action: String,
    pub token: String,
    pub password_min: usize,
}
