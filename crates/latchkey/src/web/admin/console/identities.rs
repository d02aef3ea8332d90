//! `GET /admin/identities` (search) and `GET /admin/identities/{id}` (everything support
//! sees of one account, with the action forms). Reading an account is audited by the
//! journey (`admin.viewed`).

use super::{ConsoleAuth, Nav, event_label, human, iso, may_operate};
use crate::web::AppState;
use crate::web::extract::Client;
use crate::web::pages::context::{FormErrors, PageCtx};
use crate::web::pages::{Page, query_param, user_agent};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_domain::IdentityId;
use latchkey_flows::FlowError;
use latchkey_flows::model::{ContactKind, IdentityState};
use latchkey_i18n::Locale;
use uuid::Uuid;

/// An account id in the path; anything else is not found.
pub fn identity_id(raw: &str) -> Result<IdentityId, FlowError> {
    raw.parse::<Uuid>()
        .map(IdentityId)
        .map_err(|_| FlowError::NotFound)
}

pub fn state_label(locale: Locale, state: IdentityState) -> String {
    locale.t(match state {
        IdentityState::Active => "admin-state-active",
        IdentityState::Blocked => "admin-state-blocked",
    })
}

pub fn kind_label(locale: Locale, kind: ContactKind) -> String {
    locale.t(match kind {
        ContactKind::Email => "admin-kind-email",
        ContactKind::Phone => "admin-kind-phone",
    })
}

/// One line of a timeline (the account's, or the audit trail's).
pub struct EventRow {
    pub kind: String,
    pub label: String,
    pub at_iso: String,
    pub at_text: String,
    pub outcome: &'static str,
    pub outcome_label: String,
    pub actor: Option<String>,
    pub ip: Option<String>,
    pub device: Option<String>,
    pub identity_id: String,
}

impl EventRow {
    pub fn new(locale: Locale, e: latchkey_flows::model::Event) -> Self {
        let outcome = e.outcome.as_str();
        Self {
            kind: e.kind.as_str().to_owned(),
            label: event_label(locale, e.kind.as_str()),
            at_iso: iso(e.at),
            at_text: human(e.at),
            outcome,
            outcome_label: locale.t(&format!("admin-outcome-{outcome}")),
            actor: e.actor.map(|a| a.key_name),
            device: e.user_agent.as_deref().and_then(user_agent::describe),
            ip: e.ip,
            identity_id: e.identity_id.to_string(),
        }
    }
}

pub struct HitRow {
    pub id: String,
    pub name: Option<String>,
    pub address: Option<String>,
    pub state: String,
    pub blocked: bool,
    pub created_iso: String,
    pub created_text: String,
}

#[derive(Template)]
#[template(path = "admin/search.html")]
pub struct SearchPage {
    pub ctx: PageCtx,
    pub nav: Nav,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub query: String,
    /// `None` before a search.
    pub hits: Option<Vec<HitRow>>,
}

pub async fn search(
    State(state): State<AppState>,
    ConsoleAuth(actor): ConsoleAuth,
    page: Page,
) -> Response {
    let query = query_param(page.query.as_deref(), "query").unwrap_or_default();
    let notice = query_param(page.query.as_deref(), "done")
        .filter(|d| d == "deleted")
        .map(|_| page.t("admin-done-deleted"));
    let mut errors = FormErrors::default();
    let hits = if query.trim().is_empty() {
        None
    } else {
        match state.flows.admin().search(&actor, &query).await {
            Ok(hits) => Some(
                hits.into_iter()
                    .map(|h| HitRow {
                        id: h.id.to_string(),
                        name: h.name,
                        address: h.address,
                        state: state_label(page.locale, h.state),
                        blocked: h.state == IdentityState::Blocked,
                        created_iso: iso(h.created_at),
                        created_text: human(h.created_at),
                    })
                    .collect(),
            ),
            Err(FlowError::InvalidInput { .. }) => {
                errors = errors.with_field("query", page.t("admin-search-too-long"));
                None
            }
            Err(e) => return page.flow_error(e, None),
        }
    };
    let status = if errors.any() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let template = SearchPage {
        ctx: page.ctx(),
        nav: Nav::new(&actor, page.locale, "identities"),
        errors,
        notice,
        query,
        hits,
    };
    page.render(status, &template)
}

pub struct ContactRow {
    pub kind: String,
    pub address: String,
    pub verified: bool,
    pub primary: bool,
}

pub struct SessionRow {
    pub device: String,
    pub ip: Option<String>,
    pub method: String,
    pub created_iso: String,
    pub created_text: String,
    pub last_seen_iso: String,
    pub last_seen_text: String,
}

pub struct DeviceRow {
    pub device: String,
    pub ip: Option<String>,
    pub last_used_iso: String,
    pub last_used_text: String,
    pub expires_iso: String,
    pub expires_text: String,
}

pub struct LockoutRow {
    pub kind: String,
    pub failures: u32,
    pub locked_until: Option<(String, String)>,
}

pub struct FactsRow {
    pub recorded_by: String,
    pub at_iso: String,
    pub at_text: String,
    pub facts: String,
}

/// The account as the detail page shows it.
pub struct Detail {
    pub id: String,
    pub heading: String,
    pub name: Option<String>,
    pub locale: Option<String>,
    pub state: String,
    pub blocked: bool,
    pub block_reason: Option<String>,
    pub high_privilege: bool,
    pub deletion: Option<(String, String)>,
    pub created_iso: String,
    pub created_text: String,
    pub contacts: Vec<ContactRow>,
    pub methods: Vec<String>,
    /// The scheme and when it was set.
    pub password: Option<(String, String, String)>,
    pub totp: bool,
    pub passkeys: u32,
    pub providers: Vec<(String, String)>,
    pub sessions: Vec<SessionRow>,
    pub devices: Vec<DeviceRow>,
    pub lockout: Vec<LockoutRow>,
    pub locked: bool,
    pub facts: Vec<FactsRow>,
    pub events: Vec<EventRow>,
}

impl Detail {
    fn new(locale: Locale, v: latchkey_flows::AdminIdentityView) -> Self {
        let unknown = || locale.t("admin-unknown-device");
        let identity = v.identity;
        let heading = identity
            .name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .or_else(|| identity.display_address().map(str::to_owned))
            .unwrap_or_else(|| identity.id.to_string());
        let lockout: Vec<LockoutRow> = v
            .lockout
            .iter()
            .map(|l| LockoutRow {
                kind: kind_label(locale, l.kind),
                failures: l.failures,
                locked_until: l.locked_until.map(|t| (iso(t), human(t))),
            })
            .collect();
        Self {
            id: identity.id.to_string(),
            heading,
            name: identity.name.clone(),
            locale: identity.locale.clone(),
            state: state_label(locale, identity.state),
            blocked: identity.state == IdentityState::Blocked,
            block_reason: v.block_reason,
            high_privilege: v.high_privilege,
            deletion: v.deletion_at.map(|t| (iso(t), human(t))),
            created_iso: iso(identity.created_at),
            created_text: human(identity.created_at),
            contacts: identity
                .contacts
                .iter()
                .map(|c| ContactRow {
                    kind: kind_label(locale, c.kind),
                    address: c.address.clone(),
                    verified: c.verified,
                    primary: c.primary,
                })
                .collect(),
            methods: identity.methods.clone(),
            password: v
                .password
                .map(|p| (p.scheme.to_owned(), iso(p.set_at), human(p.set_at))),
            totp: v.has_totp,
            passkeys: v.passkeys,
            providers: v
                .providers
                .into_iter()
                .map(|p| (p.provider, p.subject))
                .collect(),
            sessions: v
                .sessions
                .iter()
                .map(|s| SessionRow {
                    device: s
                        .user_agent
                        .as_deref()
                        .and_then(user_agent::describe)
                        .unwrap_or_else(unknown),
                    ip: s.ip.clone(),
                    method: s.method.clone(),
                    created_iso: iso(s.created_at),
                    created_text: human(s.created_at),
                    last_seen_iso: iso(s.last_seen_at),
                    last_seen_text: human(s.last_seen_at),
                })
                .collect(),
            devices: v
                .devices
                .iter()
                .map(|d| DeviceRow {
                    device: d
                        .user_agent
                        .as_deref()
                        .and_then(user_agent::describe)
                        .unwrap_or_else(unknown),
                    ip: d.ip.clone(),
                    last_used_iso: iso(d.last_used_at),
                    last_used_text: human(d.last_used_at),
                    expires_iso: iso(d.expires_at),
                    expires_text: human(d.expires_at),
                })
                .collect(),
            locked: lockout.iter().any(|l| l.locked_until.is_some()),
            lockout,
            facts: v
                .facts
                .into_iter()
                .map(|f| FactsRow {
                    recorded_by: f.recorded_by,
                    at_iso: iso(f.created_at),
                    at_text: human(f.created_at),
                    facts: f.facts.to_string(),
                })
                .collect(),
            events: v
                .events
                .into_iter()
                .map(|e| EventRow::new(locale, e))
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/identity.html")]
pub struct IdentityPage {
    pub ctx: PageCtx,
    pub nav: Nav,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub may_operate: bool,
    pub account: Detail,
    pub events: Vec<EventRow>,
    /// The timeline's account column (the account page needs none).
    pub show_account: bool,
}

/// The notice of `?done=…` after an action.
fn done_notice(page: &Page) -> Option<String> {
    let key = match query_param(page.query.as_deref(), "done")?.as_str() {
        "unlocked" => "admin-done-unlocked",
        "recovery" => "admin-done-recovery",
        "mfa" => "admin-done-mfa-removed",
        "sessions" => "admin-done-sessions-ended",
        "blocked" => "admin-done-blocked",
        "unblocked" => "admin-done-unblocked",
        "marked" => "admin-done-marked",
        "unmarked" => "admin-done-unmarked",
        _ => return None,
    };
    Some(page.t(key))
}

pub async fn show(
    State(state): State<AppState>,
    ConsoleAuth(actor): ConsoleAuth,
    Client(client): Client,
    page: Page,
    Path(id): Path<String>,
) -> Response {
    let view = match identity_id(&id) {
        Ok(id) => state.flows.admin().identity(&actor, id, &client).await,
        Err(e) => Err(e),
    };
    let view = match view {
        Ok(v) => v,
        Err(e) => {
            let link = super::actions::back_to_search(&page);
            return page.flow_error(e, Some(link));
        }
    };
    let mut account = Detail::new(page.locale, view);
    let template = IdentityPage {
        ctx: page.ctx(),
        nav: Nav::new(&actor, page.locale, "identities"),
        errors: FormErrors::default(),
        notice: done_notice(&page),
        may_operate: may_operate(&actor),
        events: std::mem::take(&mut account.events),
        account,
        show_account: false,
    };
    page.render(StatusCode::OK, &template)
}
