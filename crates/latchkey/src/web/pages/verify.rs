//! The code step of a flow (`/verify` after registration, `/login/code/verify` after
//! "sign in with a code"): enter the 6-digit code, or ask for a new one after the wait.

use super::Page;
use super::code_entry::{self, CodePage};
use super::context::{FormErrors, PageCtx};
use crate::web::AppState;
use crate::web::extract::Client;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_domain::{FlowId, Identifier};
use latchkey_flows::model::FlowKind;
use latchkey_flows::{ClientInfo, FlowError, PendingCode, SignInOutcome};
use serde::Deserialize;

/// Where one kind of code flow lives among the pages.
pub struct CodeStep {
    pub kind: FlowKind,
    pub path: &'static str,
    pub resend_path: &'static str,
    /// Where to start over when the flow is gone.
    pub restart: &'static str,
}

pub const REGISTRATION: CodeStep = CodeStep {
    kind: FlowKind::Registration,
    path: "/verify",
    resend_path: "/verify/resend",
    restart: "/register",
};

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    pub flow: String,
    #[serde(default)]
    pub code: String,
    pub return_to: Option<String>,
}

pub async fn show(State(state): State<AppState>, page: Page) -> Response {
    code_entry::show(&state, page, &REGISTRATION).await
}

pub async fn submit(
    State(state): State<AppState>,
    page: Page,
    Client(client): Client,
    form: Result<Form<CodeForm>, FormRejection>,
) -> Response {
    submit_step(&state, page, &client, &REGISTRATION, form).await
}

pub async fn resend(
    State(state): State<AppState>,
    page: Page,
    Client(client): Client,
    form: Result<Form<CodeForm>, FormRejection>,
) -> Response {
    resend_step(&state, page, &client, &REGISTRATION, form).await
}

pub async fn submit_step(
    state: &AppState,
    page: Page,
    client: &ClientInfo,
    step: &CodeStep,
    form: Result<Form<CodeForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return page.flow_error(FlowError::InvalidInput { field: "code" }, None);
    };
    let page = page.with_form_return_to(form.return_to.as_deref());
    code_entry::submit(
        state,
        page,
        step,
        &form.flow,
        &form.code,
        async |id, code| complete(state, step, id, code, client).await,
        |page, outcome| page.finish_sign_in(state, outcome),
    )
    .await
}

pub async fn resend_step(
    state: &AppState,
    page: Page,
    client: &ClientInfo,
    step: &CodeStep,
    form: Result<Form<CodeForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return code_entry::expired(page, step.restart);
    };
    let page = page.with_form_return_to(form.return_to.as_deref());
    code_entry::resend(state, page, step, &form.flow, async |id| {
        state.flows.codes().resend(id, step.kind, client).await
    })
    .await
}

async fn complete(
    state: &AppState,
    step: &CodeStep,
    id: FlowId,
    code: &str,
    client: &ClientInfo,
) -> Result<SignInOutcome, FlowError> {
    match step.kind {
        FlowKind::Registration => state
            .flows
            .registration()
            .complete(id, code, client)
            .await
            .map(SignInOutcome::SignedIn),
        FlowKind::LoginCode => state.flows.sign_in().with_code(id, code, client).await,
        // No page runs the other kinds' code step yet.
        FlowKind::Verification
        | FlowKind::Recovery
        | FlowKind::Mfa
        | FlowKind::TotpEnrollment
        | FlowKind::PasskeyRegistration
        | FlowKind::PasskeyChallenge
        | FlowKind::SocialSignIn
        | FlowKind::SocialLink
        | FlowKind::ContactChange => Err(FlowError::FlowExpired),
    }
}

impl CodePage for CodeStep {
    fn path(&self) -> &'static str {
        self.path
    }

    fn restart(&self) -> &'static str {
        self.restart
    }

    async fn render(
        &self,
        state: &AppState,
        page: Page,
        flow_raw: &str,
        notice: Option<String>,
        errors: FormErrors,
        status: StatusCode,
    ) -> Response {
        let flow = match load(state, self, flow_raw).await {
            Ok(flow) => flow,
            Err(FlowError::FlowExpired) => return code_entry::expired(page, self.restart),
            Err(e) => return page.flow_error(e, None),
        };
        let wait = flow.resend_in;
        // Rounded up, like Retry-After: "0 s" must really mean now.
        let resend_after = ((wait.whole_milliseconds() + 999) / 1000).max(0) as u64;
        // What the person typed, masked: the same whether or not an account exists.
        let destination = Identifier::parse(&flow.identifier_key, None)
            .ok()
            .map(|i| i.masked());
        let template = VerifyPage {
            ctx: page.ctx(),
            errors,
            notice,
            flow: flow.id.to_string(),
            action: self.path.to_owned(),
            resend_action: self.resend_path.to_owned(),
            destination,
            resend_after,
        };
        page.render(status, &template)
    }
}

/// The flow behind `?flow=`, if it is of this step's kind and still open.
async fn load(state: &AppState, step: &CodeStep, raw: &str) -> Result<PendingCode, FlowError> {
    let id: FlowId = raw.parse().map_err(|_| FlowError::FlowExpired)?;
    state.flows.codes().pending(id, step.kind).await
}

#[derive(Template)]
#[template(path = "verify.html")]
pub struct VerifyPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub flow: String,
    /// Where the code form and the resend form post to (registration, recovery, sign-in).
    pub action: String,
    pub resend_action: String,
    /// Masked address or number the code went to, when known.
    pub destination: Option<String>,
    /// Seconds until a new code may be asked for; 0 means now.
    pub resend_after: u64,
}

#[cfg(test)]
mod tests {
    use super::super::layout_tests::page_en;

    #[test]
    fn the_code_form_follows_the_conventions_the_browser_tests_rely_on() {
        let verify = page_en("verify");
        for needle in [
            "id=\"code\" name=\"code\"",
            "inputmode=\"numeric\"",
            "autocomplete=\"one-time-code\"",
            "pattern=\"[0-9]{6}\"",
            "action=\"/verify/resend\"",
            "You can ask for a new code in 42 s",
            "data-template=\"You can ask for a new code in {seconds} s\"",
            "name=\"flow\" value=\"abc\"",
        ] {
            assert!(verify.contains(needle), "verify lacks {needle}");
        }
    }
}
