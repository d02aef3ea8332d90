//! `/settings/activity`: the account's own security events, newest first, each with a
//! label in the reader's language (`event-<type>`, one per `latchkey_domain::EventType`),
//! its time, device and place.

use super::Page;
use super::context::{FormErrors, PageCtx};
use super::settings::{human, iso};
use super::user_agent;
use crate::web::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_i18n::Locale;

pub const PATH: &str = "/settings/activity";

/// The Fluent key of an event type's label: `session.created` → `event-session-created`.
pub fn label_key(kind: &str) -> String {
    format!("event-{}", kind.replace(['.', '_'], "-"))
}

/// The label of an event type in `locale`, or the type itself for one without a label.
pub fn label(locale: Locale, kind: &str) -> String {
    let key = label_key(kind);
    if locale.has(&key) {
        locale.t(&key)
    } else {
        kind.to_owned()
    }
}

pub async fn show(State(state): State<AppState>, page: Page) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let events = match state.flows.settings().events(&auth).await {
        Ok(e) => e,
        Err(e) => return page.flow_error(e, None),
    };
    let events = events
        .into_iter()
        .map(|e| EventItem {
            kind: e.kind.to_owned(),
            label: label(page.locale, e.kind),
            at_iso: iso(e.at),
            at_text: human(e.at),
            device: e.user_agent.as_deref().and_then(user_agent::describe),
            place: state.flows.place_of(e.ip.as_deref(), page.locale),
            ip: e.ip,
        })
        .collect();
    let template = ActivityPage {
        ctx: page.ctx(),
        errors: FormErrors::default(),
        notice: None,
        events,
    };
    page.render(StatusCode::OK, &template)
}

#[derive(Debug, Clone)]
pub struct EventItem {
    pub kind: String,
    pub label: String,
    pub at_iso: String,
    pub at_text: String,
    pub device: Option<String>,
    pub place: Option<String>,
    pub ip: Option<String>,
}

#[derive(Template)]
#[template(path = "activity.html")]
pub struct ActivityPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub events: Vec<EventItem>,
}

#[cfg(test)]
mod tests {
    use super::super::layout_tests::page_en;
    use super::label_key;
    use latchkey_domain::EventType;
    use latchkey_i18n::SUPPORTED;

    /// A new event type must bring its label in every language.
    #[test]
    fn every_event_type_has_a_label_in_every_locale() {
        for kind in EventType::ALL.iter().filter(|k| k.user_visible()) {
            for locale in SUPPORTED {
                let key = label_key(kind.as_str());
                assert!(
                    locale.has(&key),
                    "{} lacks {key} (for {})",
                    locale.tag(),
                    kind.as_str()
                );
            }
        }
    }

    #[test]
    fn the_activity_page_shows_labels_devices_and_places() {
        let html = page_en("activity");
        for needle in [
            "data-testid=\"event\"",
            "data-type=\"session.created\"",
            ">Signed in<",
            ">Wrong password<",
            "Lisbon, Portugal",
            "Firefox · Linux",
        ] {
            assert!(html.contains(needle), "activity lacks {needle}");
        }
    }
}
