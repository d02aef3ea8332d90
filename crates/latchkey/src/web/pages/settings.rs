//! `/settings`: the signed-in landing page. Who is signed in, the account's contacts,
//! the signed-in devices with "sign out" for each and for all others, and sign-out.

use super::context::{FormErrors, PageCtx};
use super::user_agent;
use super::{Page, query_param};
use crate::web::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_domain::SessionId;
use latchkey_flows::FlowError;
use latchkey_flows::kernel::registry::SettingsCard;
use latchkey_flows::model::ContactKind;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;

const PATH: &str = "/settings";

pub async fn show(State(state): State<AppState>, page: Page) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let identity = &auth.view;
    let sessions = match state.flows.sessions().list(auth.identity.id).await {
        Ok(s) => s,
        Err(e) => return page.flow_error(e, None),
    };
    let notice = match query_param(page.query.as_deref(), "done").as_deref() {
        Some("session") => Some(page.t("settings-session-signed-out")),
        Some("others") => Some(page.t("settings-others-signed-out")),
        _ => None,
    };
    let signed_in_as = identity
        .display_address()
        .map(str::to_owned)
        .or_else(|| identity.name.clone())
        .unwrap_or_default();
    let contacts = identity
        .contacts
        .iter()
        .map(|c| ContactView {
            is_phone: c.kind == ContactKind::Phone,
            value: c.address.clone(),
            verified: c.verified,
            primary: c.primary,
        })
        .collect();
    let mut sessions: Vec<SessionView> = sessions
        .iter()
        .map(|s| SessionView {
            id: s.id.to_string(),
            user_agent: s
                .user_agent
                .as_deref()
                .and_then(user_agent::describe)
                .unwrap_or_else(|| page.t("session-unknown-device")),
            created_iso: iso(s.created_at),
            created_text: human(s.created_at),
            last_seen_iso: iso(s.last_seen_at),
            last_seen_text: human(s.last_seen_at),
            place: None,
            current: s.id == auth.session.id,
        })
        .collect();
    // This device first, then the most recently used.
    sessions.sort_by(|a, b| {
        b.current
            .cmp(&a.current)
            .then(b.last_seen_iso.cmp(&a.last_seen_iso))
    });
    let has_other_sessions = sessions.iter().any(|s| !s.current);
    let template = SettingsPage {
        ctx: page.ctx(),
        errors: FormErrors::default(),
        notice,
        signed_in_as,
        contacts,
        sessions,
        has_other_sessions,
        method_cards: state.flows.settings().method_cards(),
    };
    page.render(StatusCode::OK, &template)
}

pub async fn sign_out_session(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let Ok(id) = id.parse::<SessionId>() else {
        return page.flow_error(FlowError::NotFound, None);
    };
    match state.flows.sessions().revoke(auth.identity.id, id).await {
        Ok(_) => page.redirect("/settings?done=session"),
        Err(e) => page.flow_error(e, None),
    }
}

pub async fn sign_out_others(State(state): State<AppState>, page: Page) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    match state.flows.sessions().revoke_others(&auth).await {
        Ok(_) => page.redirect("/settings?done=others"),
        Err(e) => page.flow_error(e, None),
    }
}

pub(super) fn iso(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

/// Unambiguous in every language; the `datetime` attribute carries the exact instant.
pub(super) fn human(t: OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .format(format_description!(
            "[year]-[month]-[day] [hour]:[minute] UTC"
        ))
        .unwrap_or_default()
}

#[derive(Debug, Clone)]
pub struct ContactView {
    pub is_phone: bool,
    pub value: String,
    pub verified: bool,
    pub primary: bool,
}

#[derive(Debug, Clone)]
pub struct SessionView {
    pub id: String,
    pub user_agent: String,
    pub created_iso: String,
    pub created_text: String,
    pub last_seen_iso: String,
    pub last_seen_text: String,
    pub place: Option<String>,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "settings.html")]
pub struct SettingsPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub signed_in_as: String,
    pub contacts: Vec<ContactView>,
    pub sessions: Vec<SessionView>,
    pub has_other_sessions: bool,
    /// The methods' own cards (the password's "security"), from the method registry.
    pub method_cards: Vec<SettingsCard>,
}

#[cfg(test)]
mod tests {
    use super::super::layout_tests::page_en;

    #[test]
    fn the_settings_page_follows_the_conventions_the_browser_tests_rely_on() {
        let settings = page_en("settings");
        for needle in [
            "data-testid=\"signed-in-as\">Signed in as ann@example.com",
            "action=\"/logout\"",
            "data-testid=\"sign-out\"",
            "action=\"/settings/sessions/s2/sign-out\"",
            "action=\"/settings/sessions/sign-out-others\"",
            "Not verified",
        ] {
            assert!(settings.contains(needle), "settings lacks {needle}");
        }
        assert!(
            settings.contains("href=\"/settings/security\""),
            "settings lacks the link to /settings/security"
        );
        // The current session is signed out with the main button, not its own.
        assert!(!settings.contains("/settings/sessions/s1/sign-out"));
    }
}
