//! `/login/mfa`: the second step of a sign-in (M1). The ticket comes from the
//! `latchkey_mfa` cookie that [`Page::finish_sign_in`] set; the page offers the methods
//! the ticket accepts, in this order: a passkey (`/assets/passkey.js`), the authenticator
//! app, a code by text or email, a recovery code. A right answer ends like every way in.

use super::context::{FormErrors, PageCtx};
use super::{Page, code_entry, form_errors, query_param};
use crate::web::AppState;
use crate::web::cookies::MFA_TICKET_COOKIE;
use crate::web::extract::Client;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_domain::FlowId;
use latchkey_flows::{FlowError, SecondFactorInput, SignInOutcome};
use serde::Deserialize;

const PATH: &str = "/login/mfa";

#[derive(Deserialize)]
pub struct MfaForm {
    #[serde(default)]
    method: String,
    #[serde(default)]
    code: String,
    remember_device: Option<String>,
    return_to: Option<String>,
}

#[derive(Deserialize)]
pub struct SendForm {
    #[serde(default)]
    channel: String,
    return_to: Option<String>,
}

/// The ticket this browser carries, if it names one.
fn ticket(page: &Page) -> Option<FlowId> {
    page.jar.get(MFA_TICKET_COOKIE)?.value().parse().ok()
}

pub async fn show(State(state): State<AppState>, page: Page) -> Response {
    let sent = query_param(page.query.as_deref(), "sent").filter(|c| c == "sms" || c == "email");
    let notice = sent
        .as_deref()
        .map(|channel| page.t(&format!("mfa-sent-{channel}")));
    render(
        &state,
        page,
        sent,
        notice,
        FormErrors::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn submit(
    State(state): State<AppState>,
    page: Page,
    Client(client): Client,
    form: Result<Form<MfaForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        let errors = FormErrors::form(page.t("error-invalid_input"));
        return render(&state, page, None, None, errors, StatusCode::BAD_REQUEST).await;
    };
    let page = page.with_form_return_to(form.return_to.as_deref());
    let Some(ticket) = ticket(&page) else {
        return code_entry::expired(page, "/login");
    };
    let field = field_of(&form.method);
    let sent = matches!(form.method.as_str(), "sms" | "email").then(|| form.method.clone());
    let code = form.code.trim().to_owned();
    if code.is_empty() || code.len() > 64 {
        // Not sent to the flow: an empty field should not cost one of the tries.
        let errors = FormErrors::default().with_field(field, page.t("mfa-code-missing"));
        return render(
            &state,
            page,
            sent,
            None,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let input = match form.method.as_str() {
        "totp" => SecondFactorInput::Totp { code },
        "recovery_code" => SecondFactorInput::RecoveryCode { code },
        "sms" | "email" => SecondFactorInput::Code {
            channel: form.method.clone(),
            code,
        },
        _ => {
            let errors = FormErrors::form(page.t("error-invalid_input"));
            return render(&state, page, None, None, errors, StatusCode::BAD_REQUEST).await;
        }
    };
    let remember = form.remember_device.is_some();
    match state
        .flows
        .mfa()
        .finish(ticket, input, remember, &client)
        .await
    {
        Ok(signed_in) => page.finish_sign_in(&state, SignInOutcome::SignedIn(signed_in)),
        Err(FlowError::FlowExpired) => code_entry::expired(page, "/login"),
        Err(e) => {
            let (status, errors) = on_field(form_errors(page.locale, e), field);
            render(&state, page, sent, None, errors, status).await
        }
    }
}

pub async fn send(
    State(state): State<AppState>,
    page: Page,
    Client(client): Client,
    form: Result<Form<SendForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        let errors = FormErrors::form(page.t("error-invalid_input"));
        return render(&state, page, None, None, errors, StatusCode::BAD_REQUEST).await;
    };
    let page = page.with_form_return_to(form.return_to.as_deref());
    let Some(ticket) = ticket(&page) else {
        return code_entry::expired(page, "/login");
    };
    let channel = match form.channel.as_str() {
        "sms" => "sms",
        "email" => "email",
        _ => {
            let errors = FormErrors::form(page.t("error-invalid_input"));
            return render(&state, page, None, None, errors, StatusCode::BAD_REQUEST).await;
        }
    };
    match state.flows.mfa().send_code(ticket, channel, &client).await {
        Ok(()) => {
            let to = page.keep_return_to(&format!("{PATH}?sent={channel}"));
            page.redirect(&to)
        }
        Err(FlowError::FlowExpired) => code_entry::expired(page, "/login"),
        Err(e) => {
            let (status, errors) = form_errors(page.locale, e);
            render(&state, page, None, None, errors, status).await
        }
    }
}

/// The input a method's code is typed into (the error summary links to it).
fn field_of(method: &str) -> &'static str {
    match method {
        "totp" => "totp_code",
        "recovery_code" => "recovery_code",
        _ => "second_code",
    }
}

/// A refusal about "the code" belongs to the field the code was typed into.
fn on_field(
    (status, mut errors): (StatusCode, FormErrors),
    field: &'static str,
) -> (StatusCode, FormErrors) {
    for (name, _) in &mut errors.fields {
        if *name == "code" {
            *name = field;
        }
    }
    (status, errors)
}

/// The page for this browser's ticket; a missing or gone ticket answers "start again".
async fn render(
    state: &AppState,
    page: Page,
    sent: Option<String>,
    notice: Option<String>,
    errors: FormErrors,
    status: StatusCode,
) -> Response {
    let Some(ticket) = ticket(&page) else {
        return code_entry::expired(page, "/login");
    };
    let methods = match state.flows.mfa().methods(ticket).await {
        Ok(methods) => methods,
        Err(FlowError::FlowExpired | FlowError::NotFound) => {
            return code_entry::expired(page, "/login");
        }
        Err(e) => return page.flow_error(e, None),
    };
    let has = |m: &str| methods.iter().any(|x| x == m);
    let template = MfaPage {
        ctx: page.ctx(),
        errors,
        notice,
        ticket: ticket.to_string(),
        passkey: has("passkey") && state.flows.passkeys_enabled(),
        totp: has("totp"),
        sms: has("sms"),
        email: has("email"),
        recovery: has("recovery_code"),
        sent: sent.filter(|c| has(c)),
        remember_days: state.flows.settings().remember_device().whole_days(),
    };
    page.render(status, &template)
}

/// `/login/mfa`: the methods that may finish the ticket.
#[derive(Template)]
#[template(path = "mfa.html")]
pub struct MfaPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    /// The ticket id, for `/assets/passkey.js` (it is in the cookie already).
    pub ticket: String,
    pub passkey: bool,
    pub totp: bool,
    pub sms: bool,
    pub email: bool,
    pub recovery: bool,
    /// The channel (`sms`, `email`) a code was just sent by: its code form shows.
    pub sent: Option<String>,
    pub remember_days: i64,
}

#[cfg(test)]
mod tests {
    use super::super::layout_tests::page_en;

    #[test]
    fn the_mfa_page_follows_the_conventions_the_browser_tests_rely_on() {
        let html = page_en("mfa");
        for needle in [
            "data-passkey-mfa hidden data-ticket=\"0190",
            "data-testid=\"passkey-mfa\"",
            "data-passkey-error",
            "data-testid=\"mfa-totp-form\"",
            "action=\"/login/mfa\"",
            "name=\"method\" value=\"totp\"",
            "id=\"totp_code\" name=\"code\"",
            "autocomplete=\"one-time-code\" inputmode=\"numeric\"",
            "id=\"remember_device\" name=\"remember_device\"",
            "Remember this device for 30 days",
            "action=\"/login/mfa/send\"",
            "data-testid=\"mfa-send-sms\"",
            "data-testid=\"mfa-send-email\"",
            "data-testid=\"mfa-code-form\"",
            "name=\"method\" value=\"sms\"",
            "id=\"second_code\" name=\"code\"",
            "data-testid=\"mfa-recovery-form\"",
            "name=\"method\" value=\"recovery_code\"",
            "id=\"recovery_code\" name=\"code\"",
            "<details",
            "Lost your phone? Use a recovery code",
            "aria-describedby=\"totp_code-help totp_code-error\" aria-invalid=\"true\"",
            "href=\"#totp_code\"",
            "role=\"alert\"",
            "src=\"/assets/passkey.js?v=v1\"",
        ] {
            assert!(html.contains(needle), "mfa lacks {needle}");
        }
        // Passkey first, then the app, then messages, then recovery codes.
        let at = |needle: &str| html.find(needle).unwrap_or(usize::MAX);
        assert!(at("passkey-mfa") < at("mfa-totp-form"));
        assert!(at("mfa-totp-form") < at("mfa-send-sms"));
        assert!(at("mfa-send-sms") < at("mfa-recovery-form"));
        // Only one #remember_device: passkey.js reads it.
        assert_eq!(html.matches("id=\"remember_device\"").count(), 1);
    }
}
