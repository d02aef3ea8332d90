//! `/settings`: the signed-in landing page. Who is signed in, the account's contacts,
//! links to the devices (`/settings/devices`), the security activity
//! (`/settings/activity`) and the methods' own pages, and sign-out.

use super::Page;
use super::context::{FormErrors, PageCtx};
use crate::web::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
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
    let notice = None;
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
    let template = SettingsPage {
        ctx: page.ctx(),
        errors: FormErrors::default(),
        notice,
        signed_in_as,
        contacts,
        method_cards: state.flows.settings().method_cards(),
    };
    page.render(StatusCode::OK, &template)
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

#[derive(Template)]
#[template(path = "settings.html")]
pub struct SettingsPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub signed_in_as: String,
    pub contacts: Vec<ContactView>,
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
            "href=\"/settings/devices\"",
            "href=\"/settings/activity\"",
            "Not verified",
        ] {
            assert!(settings.contains(needle), "settings lacks {needle}");
        }
        assert!(
            settings.contains("href=\"/settings/security\""),
            "settings lacks the link to /settings/security"
        );
    }
}
