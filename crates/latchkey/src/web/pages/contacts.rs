//! `/settings/contacts`: the account's emails and phones (verified, primary), adding one
//! (a code to the new address, then the code step), making one primary, removing one.
//! Every change needs the privileged window; outside it the browser goes to
//! `/settings/reauthenticate` and comes back here.

use super::context::{FormErrors, PageCtx};
use super::{Page, form_errors, query_param};
use crate::web::AppState;
use crate::web::extract::Client;
use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_domain::FlowId;
use latchkey_flows::model::{ContactKind, FlowKind};
use latchkey_flows::{Authenticated, FlowError};
use serde::Deserialize;

const PATH: &str = "/settings/contacts";
const REAUTHENTICATE: &str = "/settings/reauthenticate?return_to=/settings/contacts";

pub struct ContactItem {
    pub id: String,
    pub is_phone: bool,
    pub address: String,
    pub verified: bool,
    pub primary: bool,
}

#[derive(Template)]
#[template(path = "contacts.html")]
pub struct ContactsPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub contacts: Vec<ContactItem>,
    pub sms_enabled: bool,
}

#[derive(Template)]
#[template(path = "contacts_code.html")]
pub struct ContactCodePage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub flow: String,
    pub destination: String,
    pub action: String,
    pub resend_action: &'static str,
    pub resend_after: i64,
}

#[derive(Deserialize)]
pub struct AddForm {
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    primary: Option<String>,
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    flow: String,
    #[serde(default)]
    code: String,
}

#[derive(Deserialize)]
pub struct FlowForm {
    #[serde(default)]
    flow: String,
}

pub async fn show(State(state): State<AppState>, page: Page) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let notice = match query_param(page.query.as_deref(), "done").as_deref() {
        Some("added") => Some(page.t("contacts-added")),
        Some("removed") => Some(page.t("contacts-removed")),
        Some("primary") => Some(page.t("contacts-primary-changed")),
        _ => None,
    };
    render(
        &state,
        page,
        &auth,
        notice,
        FormErrors::default(),
        StatusCode::OK,
    )
}

fn render(
    state: &AppState,
    page: Page,
    auth: &Authenticated,
    notice: Option<String>,
    errors: FormErrors,
    status: StatusCode,
) -> Response {
    let contacts = auth
        .view
        .contacts
        .iter()
        .map(|c| ContactItem {
            id: c.id.to_string(),
            is_phone: c.kind == ContactKind::Phone,
            address: c.address.clone(),
            verified: c.verified,
            primary: c.primary,
        })
        .collect();
    let template = ContactsPage {
        ctx: page.ctx(),
        errors,
        notice,
        contacts,
        sms_enabled: state.flows.settings().sms_enabled(),
    };
    page.render(status, &template)
}

/// A refusal on the contacts page: outside the privileged window, re-authenticate first;
/// else the page with the refusal as the form's error.
fn refused(state: &AppState, page: Page, auth: &Authenticated, error: FlowError) -> Response {
    if matches!(error, FlowError::ReauthenticationRequired) {
        return page.redirect(REAUTHENTICATE);
    }
    let (status, mut errors) = form_errors(page.locale, error);
    if let Some((_, message)) = errors.fields.pop() {
        errors.form = Some(message);
    }
    render(state, page, auth, None, errors, status)
}

/// `POST /settings/contacts/add`: the code goes to the new address, then the code step.
pub async fn add(
    State(state): State<AppState>,
    Client(client): Client,
    page: Page,
    form: Result<Form<AddForm>, FormRejection>,
) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let form = form.map(|Form(f)| f).unwrap_or(AddForm {
        email: None,
        phone: None,
        primary: None,
    });
    let (kind, address) = match (form.email, form.phone) {
        (Some(e), _) => (ContactKind::Email, e),
        (None, Some(p)) => (ContactKind::Phone, p),
        (None, None) => (ContactKind::Email, String::new()),
    };
    let primary = form.primary.is_some();
    match state
        .flows
        .settings()
        .add_contact(&auth, kind, address.trim(), &client)
        .await
    {
        Ok(id) => page.redirect(&format!(
            "{PATH}/code?flow={id}&primary={}",
            u8::from(primary)
        )),
        Err(e) => refused(&state, page, &auth, e),
    }
}

fn primary_of(page: &Page) -> bool {
    query_param(page.query.as_deref(), "primary").as_deref() == Some("1")
}

async fn code_page(
    state: &AppState,
    page: Page,
    flow: &str,
    errors: FormErrors,
    notice: Option<String>,
    status: StatusCode,
) -> Response {
    let pending = match flow.parse::<FlowId>() {
        Ok(id) => {
            state
                .flows
                .codes()
                .pending(id, FlowKind::ContactChange)
                .await
        }
        Err(_) => Err(FlowError::FlowExpired),
    };
    let pending = match pending {
        Ok(p) => p,
        Err(e) => return page.flow_error(e, None),
    };
    let template = ContactCodePage {
        ctx: page.ctx(),
        errors,
        notice,
        flow: pending.id.to_string(),
        destination: pending.identifier_key,
        action: format!("{PATH}/code?primary={}", u8::from(primary_of(&page))),
        resend_action: "/settings/contacts/resend",
        resend_after: pending.resend_in.whole_seconds().max(0),
    };
    page.render(status, &template)
}

/// `GET /settings/contacts/code?flow=…`: the code step.
pub async fn show_code(State(state): State<AppState>, page: Page) -> Response {
    let (page, _auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let flow = query_param(page.query.as_deref(), "flow").unwrap_or_default();
    code_page(
        &state,
        page,
        &flow,
        FormErrors::default(),
        None,
        StatusCode::OK,
    )
    .await
}

/// `POST /settings/contacts/code`: a right code adds the address.
pub async fn submit_code(
    State(state): State<AppState>,
    Client(client): Client,
    page: Page,
    form: Result<Form<CodeForm>, FormRejection>,
) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let form = form.map(|Form(f)| f).unwrap_or(CodeForm {
        flow: String::new(),
        code: String::new(),
    });
    let Ok(id) = form.flow.parse::<FlowId>() else {
        return page.flow_error(FlowError::FlowExpired, None);
    };
    let primary = primary_of(&page);
    match state
        .flows
        .settings()
        .complete_contact(&auth, id, form.code.trim(), primary, &client)
        .await
    {
        Ok(_) => page.redirect(&format!("{PATH}?done=added")),
        Err(e @ FlowError::InvalidCode { .. }) | Err(e @ FlowError::TooManyAttempts { .. }) => {
            let (status, errors) = form_errors(page.locale, e);
            code_page(&state, page, &form.flow, errors, None, status).await
        }
        Err(e) => page.flow_error(e, None),
    }
}

/// `POST /settings/contacts/resend`: a new code, back to the code step.
pub async fn resend(
    State(state): State<AppState>,
    Client(client): Client,
    page: Page,
    form: Result<Form<FlowForm>, FormRejection>,
) -> Response {
    let (page, _auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let flow = form.map(|Form(f)| f.flow).unwrap_or_default();
    let result = match flow.parse::<FlowId>() {
        Ok(id) => {
            state
                .flows
                .codes()
                .resend(id, FlowKind::ContactChange, &client)
                .await
        }
        Err(_) => Err(FlowError::FlowExpired),
    };
    match result {
        Ok(()) => page.redirect(&format!("{PATH}/code?flow={flow}")),
        Err(e @ FlowError::FlowExpired) => page.flow_error(e, None),
        Err(e) => {
            let (status, errors) = form_errors(page.locale, e);
            code_page(&state, page, &flow, errors, None, status).await
        }
    }
}

/// `POST /settings/contacts/{id}/primary`.
pub async fn make_primary(
    State(state): State<AppState>,
    Client(client): Client,
    page: Page,
    Path(id): Path<String>,
) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let result = match id.parse::<uuid::Uuid>() {
        Ok(id) => {
            state
                .flows
                .settings()
                .make_primary(&auth, id, &client)
                .await
        }
        Err(_) => Err(FlowError::NotFound),
    };
    match result {
        Ok(_) => page.redirect(&format!("{PATH}?done=primary")),
        Err(e) => refused(&state, page, &auth, e),
    }
}

/// `POST /settings/contacts/{id}/remove`; the last way in and a primary with others of
/// its kind are refused on the page.
pub async fn remove(
    State(state): State<AppState>,
    Client(client): Client,
    page: Page,
    Path(id): Path<String>,
) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let result = match id.parse::<uuid::Uuid>() {
        Ok(id) => {
            state
                .flows
                .settings()
                .remove_contact(&auth, id, &client)
                .await
        }
        Err(_) => Err(FlowError::NotFound),
    };
    match result {
        Ok(()) => page.redirect(&format!("{PATH}?done=removed")),
        Err(e) => refused(&state, page, &auth, e),
    }
}
