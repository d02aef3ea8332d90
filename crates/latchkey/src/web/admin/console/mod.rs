//! The admin console (#13): server-rendered pages at `/admin` for the support desk and
//! operators, beside the JSON admin API. Sign-in with an admin key (kept in the
//! `latchkey_admin` cookie, `Path=/admin`), the dashboard's charts, account search and
//! detail with its actions, and the audit trail. As everywhere in web, each handler
//! parses, calls one `flows.admin()` function and renders; which role may do what is
//! the admin journey's (the forms an agent may not use are hidden only for comfort).

mod actions;
pub mod charts;
mod dashboard;
mod events;
mod identities;
mod login;

use crate::web::AppState;
use crate::web::error::ApiError;
use crate::web::pages;
use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use latchkey_flows::journeys::admin::Permission;
use latchkey_flows::{AdminActor, AdminRole, FlowError};
use latchkey_i18n::Locale;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

/// The admin key of a console sign-in. HttpOnly and `SameSite=Strict`, and sent only to
/// `/admin`: the shop's own pages never carry it.
pub const ADMIN_COOKIE: &str = "latchkey_admin";
const ADMIN_COOKIE_PATH: &str = "/admin";
/// A working day; then the key is asked for again.
pub const ADMIN_COOKIE_MAX_AGE: Duration = Duration::hours(8);

pub const LOGIN_PATH: &str = "/admin/login";

const ADMIN_CSS: &str = include_str!("../../../../assets/admin.css");

/// FNV-1a of the console's stylesheet, for its `?v=` (as `pages::assets` does for its own).
pub const CSS_VERSION: &str = {
    const HASH: u64 = {
        let bytes = ADMIN_CSS.as_bytes();
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut i = 0;
        while i < bytes.len() {
            h ^= bytes[i] as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
            i += 1;
        }
        h
    };
    const HEX: [u8; 16] = {
        let digits = b"0123456789abcdef";
        let mut out = [0u8; 16];
        let mut i = 0;
        while i < 16 {
            out[i] = digits[((HASH >> (60 - 4 * i)) & 0xf) as usize];
            i += 1;
        }
        out
    };
    match std::str::from_utf8(&HEX) {
        Ok(s) => s,
        Err(_) => panic!("hex digits are ASCII"),
    }
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(dashboard::show))
        .route(LOGIN_PATH, get(login::show).post(login::submit))
        .route("/admin/logout", post(login::logout))
        .route("/admin/identities", get(identities::search))
        .route("/admin/identities/{id}", get(identities::show))
        .route("/admin/identities/{id}/unlock", post(actions::unlock))
        .route(
            "/admin/identities/{id}/recovery",
            post(actions::send_recovery),
        )
        .route("/admin/identities/{id}/mfa", post(actions::remove_mfa))
        .route(
            "/admin/identities/{id}/sessions",
            post(actions::end_sessions),
        )
        .route("/admin/identities/{id}/block", post(actions::block))
        .route("/admin/identities/{id}/unblock", post(actions::unblock))
        .route("/admin/identities/{id}/privilege", post(actions::privilege))
        .route(
            "/admin/identities/{id}/delete",
            get(actions::confirm_delete).post(actions::delete),
        )
        .route("/admin/events", get(events::show))
        // The same CSRF guard as every page form: the hidden `csrf` field must match.
        .layer(axum::middleware::from_fn(pages::csrf_guard))
        .route("/assets/admin.css", get(css))
}

async fn css() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        ADMIN_CSS,
    )
        .into_response()
}

/// Where a console form refused by the CSRF guard sends its "try again" link: the
/// account the action was for, else the dashboard (a GET of an action's URL is no page).
pub fn back_after_refused_form(path: &str) -> String {
    if path == LOGIN_PATH {
        return LOGIN_PATH.to_owned();
    }
    match path.strip_prefix("/admin/identities/") {
        Some(rest) => match rest.split('/').next() {
            Some(id) if !id.is_empty() => format!("/admin/identities/{id}"),
            _ => "/admin/identities".to_owned(),
        },
        None => "/admin".to_owned(),
    }
}

/// The admin key cookie: `Path=/admin`, `SameSite=Strict`, HttpOnly, `Secure` unless dev
/// mode over plain http (`Config::secure_cookies`, as every Latchkey cookie).
pub fn admin_cookie(value: String, max_age: Duration, secure: bool) -> Cookie<'static> {
    Cookie::build((ADMIN_COOKIE, value))
        .http_only(true)
        .same_site(SameSite::Strict)
        .path(ADMIN_COOKIE_PATH)
        .secure(secure)
        .max_age(max_age)
        .build()
}

/// The console's caller: the admin key in the `latchkey_admin` cookie, checked by the
/// admin journey. Without one that checks, the answer is a 303 to `/admin/login` (and a
/// stale cookie is dropped on the way).
pub struct ConsoleAuth(pub AdminActor);

impl FromRequestParts<AppState> for ConsoleAuth {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let jar = CookieJar::from_headers(&parts.headers);
        // A language picked in the link is kept on the way to the sign-in form.
        let login = match crate::web::locale::query_lang(parts.uri.query()) {
            Some(l) => format!("{LOGIN_PATH}?lang={}", l.tag()),
            None => LOGIN_PATH.to_owned(),
        };
        let key = jar
            .get(ADMIN_COOKIE)
            .map(|c| c.value().to_owned())
            .filter(|v| !v.is_empty());
        let Some(key) = key else {
            return Err(Redirect::to(&login).into_response());
        };
        match state.flows.admin().authenticate(&key).await {
            Ok(actor) => Ok(Self(actor)),
            Err(FlowError::Unauthenticated) => {
                let gone =
                    admin_cookie(String::new(), Duration::ZERO, state.config.secure_cookies());
                Err((jar.add(gone), Redirect::to(&login)).into_response())
            }
            Err(e) => Err(ApiError::from(e).into_response()),
        }
    }
}

/// What the console's header shows on every page: who is signed in, and where we are.
#[derive(Debug, Clone)]
pub struct Nav {
    pub key_name: String,
    pub role: String,
    /// `dashboard`, `identities` or `events`: the link marked `aria-current`.
    pub current: &'static str,
    pub css_version: &'static str,
}

impl Nav {
    pub fn new(actor: &AdminActor, locale: Locale, current: &'static str) -> Self {
        let role = match actor.role {
            AdminRole::Admin => "admin-role-admin",
            AdminRole::Agent => "admin-role-agent",
        };
        Self {
            key_name: actor.key_name.clone(),
            role: locale.t(role),
            current,
            css_version: CSS_VERSION,
        }
    }
}

/// Whether the operator-only forms are shown (the journey refuses them anyway).
pub fn may_operate(actor: &AdminActor) -> bool {
    actor.may(Permission::Operate)
}

/// The Fluent key of an event type's console label: the activity page's own
/// (`event-session-created`), and `event-admin-…` (admin.ftl) for the audit trail's.
pub fn event_label_key(kind: &str) -> String {
    pages::event_label_key(kind)
}

pub fn event_label(locale: Locale, kind: &str) -> String {
    pages::event_label(locale, kind)
}

/// A dashboard series' name: `admin-series-session-created`, `admin-series-messages-sent`.
pub fn series_label_key(kind: &str) -> String {
    format!("admin-series-{}", kind.replace(['.', '_'], "-"))
}

pub fn iso(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

/// Unambiguous in every language (the pages' format); `datetime` carries the instant.
pub fn human(t: OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .format(time::macros::format_description!(
            "[year]-[month]-[day] [hour]:[minute] UTC"
        ))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use latchkey_domain::EventType;
    use latchkey_flows::journeys::admin::{DASHBOARD_KINDS, MESSAGES_SENT};
    use latchkey_i18n::SUPPORTED;

    /// A new event type (an `admin.*` one included) must bring its console label in
    /// every language.
    #[test]
    fn every_event_type_has_a_console_label_in_every_locale() {
        for kind in EventType::ALL {
            for locale in SUPPORTED {
                let key = event_label_key(kind.as_str());
                assert!(
                    locale.has(&key),
                    "{} lacks {key} (for {kind})",
                    locale.tag()
                );
            }
        }
    }

    #[test]
    fn every_dashboard_series_has_a_name_in_every_locale() {
        let kinds = DASHBOARD_KINDS
            .iter()
            .map(|k| k.as_str())
            .chain([MESSAGES_SENT]);
        for kind in kinds {
            for locale in SUPPORTED {
                let key = series_label_key(kind);
                assert!(locale.has(&key), "{} lacks {key}", locale.tag());
            }
        }
    }

    #[test]
    fn a_refused_form_leads_back_to_its_account() {
        assert_eq!(
            back_after_refused_form("/admin/identities/0190/unlock"),
            "/admin/identities/0190"
        );
        assert_eq!(back_after_refused_form("/admin/logout"), "/admin");
        assert_eq!(back_after_refused_form(LOGIN_PATH), LOGIN_PATH);
    }
}
