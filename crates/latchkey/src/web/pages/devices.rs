//! `/settings/devices`: the signed-in devices (name, place, first and last seen, "this
//! device") with "sign out" for each and for all others, and the remembered devices
//! (those that skip the second factor) with "forget" for each.

use super::context::{FormErrors, PageCtx};
use super::settings::{human, iso};
use super::user_agent;
use super::{Page, query_param};
use crate::web::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_domain::SessionId;
use latchkey_flows::FlowError;

pub const PATH: &str = "/settings/devices";

pub async fn show(State(state): State<AppState>, page: Page) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let sessions = match state.flows.sessions().list(auth.identity.id).await {
        Ok(s) => s,
        Err(e) => return page.flow_error(e, None),
    };
    let remembered = match state.flows.mfa().trusted_devices(&auth).await {
        Ok(d) => d,
        Err(e) => return page.flow_error(e, None),
    };
    let notice = match query_param(page.query.as_deref(), "done").as_deref() {
        Some("session") => Some(page.t("settings-session-signed-out")),
        Some("others") => Some(page.t("settings-others-signed-out")),
        Some("device-forgotten") => Some(page.t("trusted-devices-revoked-notice")),
        Some("devices-forgotten") => Some(page.t("trusted-devices-all-revoked-notice")),
        _ => None,
    };
    let device_name = |ua: Option<&str>| {
        ua.and_then(user_agent::describe)
            .unwrap_or_else(|| page.t("session-unknown-device"))
    };
    let mut sessions: Vec<SessionView> = sessions
        .iter()
        .map(|s| SessionView {
            id: s.id.to_string(),
            user_agent: device_name(s.user_agent.as_deref()),
            created_iso: iso(s.created_at),
            created_text: human(s.created_at),
            last_seen_iso: iso(s.last_seen_at),
            last_seen_text: human(s.last_seen_at),
            place: state.flows.place_of(s.ip.as_deref(), page.locale),
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
    let remembered = remembered
        .iter()
        .map(|d| RememberedView {
            id: d.id.to_string(),
            user_agent: device_name(d.user_agent.as_deref()),
            place: state.flows.place_of(d.ip.as_deref(), page.locale),
            created_iso: iso(d.created_at),
            created_text: human(d.created_at),
            last_used_iso: iso(d.last_used_at),
            last_used_text: human(d.last_used_at),
        })
        .collect();
    let template = DevicesPage {
        ctx: page.ctx(),
        errors: FormErrors::default(),
        notice,
        sessions,
        has_other_sessions,
        remembered,
    };
    page.render(StatusCode::OK, &template)
}

/// `POST /settings/sessions/{id}/sign-out`.
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
        Ok(_) => page.redirect(&format!("{PATH}?done=session")),
        Err(e) => page.flow_error(e, None),
    }
}

/// `POST /settings/sessions/sign-out-others`.
pub async fn sign_out_others(State(state): State<AppState>, page: Page) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    match state.flows.sessions().revoke_others(&auth).await {
        Ok(_) => page.redirect(&format!("{PATH}?done=others")),
        Err(e) => page.flow_error(e, None),
    }
}

/// `POST /settings/devices/remembered/{id}/forget`: this device asks for the second
/// factor again.
pub async fn forget_remembered(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let result = match id.parse::<uuid::Uuid>() {
        Ok(id) => state.flows.mfa().revoke_trusted_device(&auth, id).await,
        Err(_) => Err(FlowError::NotFound),
    };
    match result {
        Ok(()) => page.redirect(&format!("{PATH}?done=device-forgotten")),
        Err(e) => page.flow_error(e, None),
    }
}

/// `POST /settings/devices/remembered/forget`: every remembered device.
pub async fn forget_all_remembered(State(state): State<AppState>, page: Page) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    match state.flows.mfa().revoke_trusted_devices(&auth).await {
        Ok(()) => page.redirect(&format!("{PATH}?done=devices-forgotten")),
        Err(e) => page.flow_error(e, None),
    }
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

#[derive(Debug, Clone)]
pub struct RememberedView {
    pub id: String,
    pub user_agent: String,
    pub place: Option<String>,
    pub created_iso: String,
    pub created_text: String,
    pub last_used_iso: String,
    pub last_used_text: String,
}

#[derive(Template)]
#[template(path = "devices.html")]
pub struct DevicesPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub sessions: Vec<SessionView>,
    pub has_other_sessions: bool,
    pub remembered: Vec<RememberedView>,
}

#[cfg(test)]
mod tests {
    use super::super::layout_tests::page_en;

    #[test]
    fn the_devices_page_follows_the_conventions_the_browser_tests_rely_on() {
        let html = page_en("devices");
        for needle in [
            "data-testid=\"session\"",
            "action=\"/settings/sessions/s2/sign-out\"",
            "action=\"/settings/sessions/sign-out-others\"",
            "Lisbon, Portugal",
            "data-testid=\"trusted-device-item\"",
            "action=\"/settings/devices/remembered/d1/forget\"",
            "action=\"/settings/devices/remembered/forget\"",
        ] {
            assert!(html.contains(needle), "devices lacks {needle}");
        }
        // The current session is signed out with the main button, not its own.
        assert!(!html.contains("/settings/sessions/s1/sign-out"));
    }
}
