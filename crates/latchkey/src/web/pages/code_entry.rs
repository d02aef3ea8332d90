//! What every code-entry page does alike (`/verify` after sign-up, `/login/code/verify`,
//! `/recovery/code`): show the form for `?flow=`, check the code's format before a try
//! is spent, hand the code or the resend to the flow, and answer a gone flow with a way
//! to start over. Each page says how it draws itself and what follows a right code.

use super::context::FormErrors;
use super::message::Link;
use super::{Page, form_errors, query_param};
use crate::web::AppState;
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_domain::FlowId;
use latchkey_flows::FlowError;

/// One kind of code page.
pub trait CodePage {
    /// The code page's own path (the resend comes back to it).
    fn path(&self) -> &'static str;

    /// Where to start over once the flow is gone.
    fn restart(&self) -> &'static str;

    /// The code form for the raw `?flow=` value, with a notice or errors; a flow that is
    /// gone answers [`expired`].
    fn render(
        &self,
        state: &AppState,
        page: Page,
        flow: &str,
        notice: Option<String>,
        errors: FormErrors,
        status: StatusCode,
    ) -> impl Future<Output = Response> + Send;
}

/// GET: the code form for `?flow=`, with "a new code is on its way" after a resend.
pub async fn show(state: &AppState, page: Page, kind: &impl CodePage) -> Response {
    let flow = query_param(page.query.as_deref(), "flow").unwrap_or_default();
    let notice = query_param(page.query.as_deref(), "sent").map(|_| page.t("verify-resent"));
    kind.render(
        state,
        page,
        &flow,
        notice,
        FormErrors::default(),
        StatusCode::OK,
    )
    .await
}

/// POST of a code: `complete` takes the flow and the digits; `done` answers a right code,
/// a refusal shows the form again.
pub async fn submit<T>(
    state: &AppState,
    page: Page,
    kind: &impl CodePage,
    flow: &str,
    code: &str,
    complete: impl AsyncFnOnce(FlowId, &str) -> Result<T, FlowError>,
    done: impl FnOnce(Page, T) -> Response,
) -> Response {
    let Some(code) = digits(code) else {
        // Not sent to the flow: a typo in the format should not cost one of the 5 tries.
        let errors = FormErrors::default().with_field("code", page.t("verify-code-format"));
        return kind
            .render(
                state,
                page,
                flow,
                None,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
    };
    let result = match flow.parse::<FlowId>() {
        Ok(id) => complete(id, &code).await,
        Err(_) => Err(FlowError::FlowExpired),
    };
    match result {
        Ok(answer) => done(page, answer),
        Err(e) => refused(state, page, kind, flow, e).await,
    }
}

/// POST of "send a new code": `send` asks the flow, then back to the code page.
pub async fn resend(
    state: &AppState,
    page: Page,
    kind: &impl CodePage,
    flow: &str,
    send: impl AsyncFnOnce(FlowId) -> Result<(), FlowError>,
) -> Response {
    let Ok(id) = flow.parse::<FlowId>() else {
        return expired(page, kind.restart());
    };
    match send(id).await {
        Ok(()) => {
            let to = page.keep_return_to(&format!("{}?flow={id}&sent=1", kind.path()));
            page.redirect(&to)
        }
        Err(e) => refused(state, page, kind, flow, e).await,
    }
}

/// The flow is gone (unknown, expired, used up): the error page, with a link to start over.
pub fn expired(page: Page, restart: &str) -> Response {
    let link = Link {
        href: page.keep_return_to(restart),
        text: page.t("try-again"),
    };
    page.flow_error(FlowError::FlowExpired, Some(link))
}

/// A refusal of the flow: start over when it is gone, else the form with the error.
async fn refused(
    state: &AppState,
    page: Page,
    kind: &impl CodePage,
    flow: &str,
    error: FlowError,
) -> Response {
    if let FlowError::FlowExpired = error {
        return expired(page, kind.restart());
    }
    let (status, errors) = form_errors(page.locale, error);
    kind.render(state, page, flow, None, errors, status).await
}

/// The six digits of a typed code: people paste "123 456" or "123-456".
pub(super) fn digits(raw: &str) -> Option<String> {
    let code: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    (code.len() == 6 && code.chars().all(|c| c.is_ascii_digit())).then_some(code)
}
