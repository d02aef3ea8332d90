//! `GET /admin/events?type=&identity_id=&before=`: the audit trail, newest first, a page
//! of [`PAGE`] at a time; "older" links pass the last one's time as `before`.

use super::identities::EventRow;
use super::{ConsoleAuth, Nav, event_label};
use crate::web::AppState;
use crate::web::pages::context::{FormErrors, PageCtx};
use crate::web::pages::{Page, query_param};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_domain::{EventType, IdentityId};
use latchkey_flows::model::EventQuery;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

const PAGE: u32 = 50;

pub struct TypeOption {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "admin/events.html")]
pub struct EventsPage {
    pub ctx: PageCtx,
    pub nav: Nav,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub types: Vec<TypeOption>,
    pub identity_id: String,
    pub events: Vec<EventRow>,
    pub show_account: bool,
    /// The link to the next (older) page, when there may be one.
    pub older: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    ConsoleAuth(actor): ConsoleAuth,
    page: Page,
) -> Response {
    let q = page.query.as_deref();
    let kind_raw = query_param(q, "type").unwrap_or_default();
    let identity_raw = query_param(q, "identity_id").unwrap_or_default();
    let before_raw = query_param(q, "before").unwrap_or_default();
    let mut errors = FormErrors::default();
    let kind = EventType::parse(kind_raw.trim());
    let identity = match identity_raw.trim() {
        "" => None,
        raw => match raw.parse::<Uuid>() {
            Ok(id) => Some(IdentityId(id)),
            Err(_) => {
                errors = errors.with_field("identity_id", page.t("admin-events-bad-identity"));
                None
            }
        },
    };
    let before = OffsetDateTime::parse(before_raw.trim(), &Rfc3339).ok();
    let events = if errors.any() {
        Vec::new()
    } else {
        let query = EventQuery {
            identity,
            kind,
            since: None,
            before,
            limit: PAGE,
        };
        match state.flows.admin().events(&actor, query).await {
            Ok(events) => events,
            Err(e) => return page.flow_error(e, None),
        }
    };
    let older = (events.len() == PAGE as usize)
        .then(|| events.last())
        .flatten()
        .and_then(|e| e.at.format(&Rfc3339).ok())
        .map(|before| {
            let mut q = url::form_urlencoded::Serializer::new(String::new());
            if let Some(k) = kind {
                q.append_pair("type", k.as_str());
            }
            if let Some(id) = identity {
                q.append_pair("identity_id", &id.to_string());
            }
            q.append_pair("before", &before);
            format!("/admin/events?{}", q.finish())
        });
    let types = EventType::ALL
        .iter()
        .map(|t| TypeOption {
            value: t.as_str(),
            label: event_label(page.locale, t.as_str()),
            selected: Some(*t) == kind,
        })
        .collect();
    let status = if errors.any() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let template = EventsPage {
        ctx: page.ctx(),
        nav: Nav::new(&actor, page.locale, "events"),
        errors,
        notice: None,
        types,
        identity_id: identity_raw,
        events: events
            .into_iter()
            .map(|e| EventRow::new(page.locale, e))
            .collect(),
        show_account: true,
        older,
    };
    page.render(status, &template)
}
