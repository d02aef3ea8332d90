//! Browser pages: plain HTML forms (POST, then redirect) rendered with askama in the
//! request's language. JavaScript only enhances (`assets/app.js`). Every POST here passes
//! the CSRF guard first; every page carries the language switcher.

mod account;
mod activity;
pub mod assets;
mod code_entry;
mod contacts;
pub mod context;
mod csrf_guard;
mod devices;
mod identifier;
mod login;
mod login_code;
mod logout;
pub mod message;
mod mfa;
mod reauth;
mod recovery;
mod register;
pub mod return_to;
mod revert;
mod security;
mod settings;
pub(crate) mod social;
mod social_link;
mod totp;
pub(crate) use latchkey_flows::kernel::user_agent;
mod verify;
// The admin console (`web/admin/console/`) guards its forms and names events as the pages do.
pub(crate) use activity::{label as event_label, label_key as event_label_key};
pub(crate) use csrf_guard::guard as csrf_guard;

#[cfg(test)]
mod layout_tests;

use crate::web::AppState;
use crate::web::cookies::{self, SESSION_COOKIE};
use crate::web::csrf;
use crate::web::error::{ApiError, challenge_json};
use crate::web::locale::{self, LANG_COOKIE};
use askama::Template;
use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use context::{FormErrors, PageCtx};
use latchkey_flows::{Authenticated, ClientInfo, FlowError, SignInOutcome};
use latchkey_i18n::Locale;
use message::{Link, MessagePage};
use std::cell::Cell;
use std::convert::Infallible;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/register", get(register::show).post(register::submit))
        .route("/verify", get(verify::show).post(verify::submit))
        .route("/verify/resend", post(verify::resend))
        .route("/login", get(login::show).post(login::submit))
        .route(
            "/login/code",
            get(login_code::show).post(login_code::submit),
        )
        .route(
            "/login/code/verify",
            get(login_code::show_code).post(login_code::submit_code),
        )
        .route("/login/code/resend", post(login_code::resend))
        .route("/login/link", get(social_link::show))
        .route("/login/link/password", post(social_link::submit_password))
        .route("/login/link/send", post(social_link::send_code))
        .route("/login/link/code", post(social_link::submit_code))
        .route("/login/mfa", get(mfa::show).post(mfa::submit))
        .route("/login/mfa/send", post(mfa::send))
        .route("/recovery", get(recovery::show).post(recovery::submit))
        .route(
            "/recovery/code",
            get(recovery::show_code).post(recovery::submit_code),
        )
        .route("/recovery/resend", post(recovery::resend))
        .route(
            "/login/method",
            get(recovery::show_method_hint).post(recovery::submit_method_hint),
        )
        .route("/recovery/link", get(recovery::show_link))
        .route("/recovery/reset", post(recovery::submit_reset))
        .route(
            "/security/report",
            get(recovery::show_report).post(recovery::submit_report),
        )
        .route("/settings", get(settings::show))
        .route("/settings/account", get(account::show).post(account::save))
        .route(
            "/settings/account/delete",
            get(account::show_delete).post(account::delete),
        )
        .route("/settings/contacts", get(contacts::show))
        .route("/settings/contacts/add", post(contacts::add))
        .route(
            "/settings/contacts/code",
            get(contacts::show_code).post(contacts::submit_code),
        )
        .route("/settings/contacts/resend", post(contacts::resend))
        .route(
            "/settings/contacts/{id}/primary",
            post(contacts::make_primary),
        )
        .route("/settings/contacts/{id}/remove", post(contacts::remove))
        .route("/revert", get(revert::show).post(revert::submit))
        .route("/settings/devices", get(devices::show))
        .route(
            "/settings/devices/remembered/{id}/forget",
            post(devices::forget_remembered),
        )
        .route(
            "/settings/devices/remembered/forget",
            post(devices::forget_all_remembered),
        )
        .route("/settings/activity", get(activity::show))
        .route("/settings/security", get(security::show))
        .route(
            "/settings/security/password",
            post(security::change_password),
        )
        .route(
            "/settings/security/totp",
            get(totp::show).post(totp::confirm),
        )
        .route(
            "/settings/security/totp/remove",
            post(security::remove_totp),
        )
        .route(
            "/settings/security/recovery-codes",
            post(security::regenerate_recovery_codes),
        )
        .route(
            "/settings/security/passkeys/{id}/remove",
            post(security::remove_passkey),
        )
        .route(
            "/settings/security/providers/{provider}/unlink",
            post(security::unlink_provider),
        )
        .route(
            "/settings/security/trusted-devices/{id}/revoke",
            post(security::revoke_trusted_device),
        )
        .route(
            "/settings/security/trusted-devices/revoke",
            post(security::revoke_trusted_devices),
        )
        .route(
            "/settings/reauthenticate",
            get(reauth::show).post(reauth::submit),
        )
        .route(
            "/settings/sessions/sign-out-others",
            post(devices::sign_out_others),
        )
        .route(
            "/settings/sessions/{id}/sign-out",
            post(devices::sign_out_session),
        )
        .route("/logout", post(logout::submit))
        .fallback(not_found)
        .layer(axum::middleware::from_fn(csrf_guard::guard))
        .layer(axum::middleware::from_fn(retry_after))
        .merge(assets::router())
        .merge(social::router())
}

/// Everything a page handler needs from the request, resolved once: the language, the
/// CSRF token (and the cookies to set with the answer), the checked `return_to`.
pub struct Page {
    pub locale: Locale,
    pub jar: CookieJar,
    pub csrf: String,
    pub path: String,
    pub query: Option<String>,
    pub return_to: Option<String>,
    secure: bool,
    allow_list: Vec<String>,
}

impl FromRequestParts<AppState> for Page {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let secure = state.config.secure_cookies();
        let query = parts.uri.query().map(str::to_owned);
        let locale = locale::resolve(query.as_deref(), &parts.headers);
        let jar = CookieJar::from_headers(&parts.headers);
        let (mut jar, csrf) = csrf::ensure(jar, secure);
        // A language picked with the switcher sticks for the following pages and POSTs.
        if let Some(picked) = locale::query_lang(query.as_deref())
            && jar.get(LANG_COOKIE).map(|c| c.value()) != Some(picked.tag())
        {
            jar = jar.add(cookies::build(
                LANG_COOKIE,
                picked.tag().to_owned(),
                Some(time::Duration::days(365)),
                secure,
            ));
        }
        let allow_list = state.config.return_to_allowlist.clone();
        let return_to = query_param(query.as_deref(), "return_to")
            .and_then(|raw| return_to::checked(&raw, &allow_list));
        Ok(Page {
            locale,
            jar,
            csrf,
            path: parts.uri.path().to_owned(),
            query,
            return_to,
            secure,
            allow_list,
        })
    }
}

impl Page {
    pub fn ctx(&self) -> PageCtx {
        PageCtx::new(
            self.locale,
            self.csrf.clone(),
            &self.path,
            self.query.as_deref(),
            self.return_to.clone(),
            assets::ASSET_VERSION,
        )
    }

    pub fn t(&self, key: &str) -> String {
        self.locale.t(key)
    }

    /// Takes `return_to` from a submitted form (POSTs carry it in a hidden field).
    pub fn with_form_return_to(mut self, raw: Option<&str>) -> Self {
        if let Some(r) = raw.and_then(|raw| return_to::checked(raw, &self.allow_list)) {
            self.return_to = Some(r);
        }
        self
    }

    /// Where to go once signed in: the checked `return_to`, else the settings page.
    pub fn after_sign_in(&self) -> String {
        self.return_to.clone().unwrap_or_else(|| "/settings".into())
    }

    /// `path` plus `?return_to=…` when there is one, for redirects between steps.
    pub fn keep_return_to(&self, path: &str) -> String {
        match &self.return_to {
            Some(r) => {
                let sep = if path.contains('?') { '&' } else { '?' };
                let q = url::form_urlencoded::Serializer::new(String::new())
                    .append_pair("return_to", r)
                    .finish();
                format!("{path}{sep}{q}")
            }
            None => path.to_owned(),
        }
    }

    pub fn secure(&self) -> bool {
        self.secure
    }

    /// The rendered template with the page's cookies.
    pub fn render(self, status: StatusCode, template: &impl Template) -> Response {
        match template.render() {
            Ok(html) => (status, self.jar, Html(html)).into_response(),
            Err(e) => {
                tracing::error!(error.detail = %e, "template failed to render");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
            }
        }
    }

    /// A 303 (a POST answered with a GET) carrying the page's cookies.
    pub fn redirect(self, to: &str) -> Response {
        (self.jar, Redirect::to(to)).into_response()
    }

    /// How every way in ends on the pages: signed in (the session, device and, when
    /// asked, remembered-device cookies, then where the person was going), or the second
    /// step (`/login/mfa`, with the ticket in a five-minute cookie).
    pub fn finish_sign_in(mut self, state: &AppState, outcome: SignInOutcome) -> Response {
        match outcome {
            SignInOutcome::SignedIn(signed_in) => {
                self.jar = self.jar.remove(cookies::removal(
                    cookies::MFA_TICKET_COOKIE,
                    state.config.secure_cookies(),
                ));
                self.jar = self
                    .jar
                    .add(crate::web::api::session_cookie(state, &signed_in))
                    .add(crate::web::api::sessions::device_cookie(
                        state,
                        &signed_in.device_token,
                    ));
                if let Some(token) = &signed_in.trusted_device_token {
                    self.jar = self.jar.add(cookies::build(
                        cookies::TRUSTED_DEVICE_COOKIE,
                        token.clone(),
                        Some(state.flows.settings().remember_device()),
                        state.config.secure_cookies(),
                    ));
                }
                let to = self.after_sign_in();
                self.redirect(&to)
            }
            SignInOutcome::MfaRequired(required) => {
                self.jar = self.jar.add(cookies::build(
                    cookies::MFA_TICKET_COOKIE,
                    required.ticket.to_string(),
                    Some(latchkey_flows::journeys::mfa::TICKET_LIFETIME),
                    state.config.secure_cookies(),
                ));
                let to = self.keep_return_to("/login/mfa");
                self.redirect(&to)
            }
        }
    }

    /// The generic info/error page.
    pub fn message(
        self,
        status: StatusCode,
        title: String,
        body: String,
        link: Option<Link>,
    ) -> Response {
        let template = MessagePage {
            ctx: self.ctx(),
            title,
            body,
            is_error: status.is_client_error() || status.is_server_error(),
            link,
        };
        self.render(status, &template)
    }

    /// A flow's refusal, localized, on the message page (for errors no form can fix).
    pub fn flow_error(self, error: FlowError, link: Option<Link>) -> Response {
        let api = ApiError::from(error);
        let title = self.t("page-error-title");
        let body = refusal_text(self.locale, &api);
        self.message(api.status, title, body, link)
    }

    /// The signed-in session of this browser, if any.
    pub async fn session(&self, state: &AppState) -> Result<Option<Authenticated>, FlowError> {
        match self.jar.get(SESSION_COOKIE) {
            Some(c) if !c.value().is_empty() => {
                state.flows.sessions().authenticate(c.value()).await
            }
            _ => Ok(None),
        }
    }

    /// The signed-in session, or the answer to give instead: the sign-in page, coming
    /// back to `here` after (a stale session cookie is dropped on the way), or the error
    /// page when the lookup itself fails.
    pub async fn signed_in(
        self,
        state: &AppState,
        here: &str,
    ) -> Result<(Self, Authenticated), Response> {
        match self.session(state).await {
            Ok(Some(auth)) => Ok((self, auth)),
            Ok(None) => {
                let return_to: String =
                    url::form_urlencoded::byte_serialize(here.as_bytes()).collect();
                Err(self
                    .forget_session()
                    .redirect(&format!("/login?return_to={return_to}")))
            }
            Err(e) => {
                tracing::error!(error.detail = %crate::web::error::Chain(&e), "session lookup failed");
                Err(self.flow_error(FlowError::Internal("session lookup".into()), None))
            }
        }
    }

    /// Drops a session cookie that no longer names a session, so it is not sent again.
    pub fn forget_session(mut self) -> Self {
        self.jar = self.jar.add(cookies::removal(SESSION_COOKIE, self.secure));
        self
    }
}

/// A flow error as the form's errors: field-specific when it names a field.
pub fn form_errors(locale: Locale, error: FlowError) -> (StatusCode, FormErrors) {
    let field = match &error {
        FlowError::InvalidIdentifier => Some("identifier"),
        FlowError::InvalidInput { field } => Some(match *field {
            "email" | "phone" | "identifier" => "identifier",
            "name" => "name",
            "locale" => "locale",
            "password" => "password",
            "code" => "code",
            _ => "",
        })
        .filter(|f| !f.is_empty()),
        FlowError::WeakPassword(_) => Some("password"),
        FlowError::InvalidCode { .. } => Some("code"),
        _ => None,
    };
    let api = ApiError::from(error);
    let message = refusal_text(locale, &api);
    let errors = match field {
        Some(f) => FormErrors::default().with_field(f, message),
        None => FormErrors::form(message),
    };
    (api.status, errors)
}

tokio::task_local! {
    /// The `Retry-After` seconds of the refusal this request's page shows, if any.
    static WAIT: Cell<Option<i64>>;
}

/// A refusal's text for a page: the error's message and, when it has to wait (429, 503),
/// the wait in words. It also notes the wait for [`retry_after`], which sends it as the
/// header: the pages answer `Retry-After` exactly as the API does, from the same number.
/// (Noted rather than returned so every page that renders a flow's refusal, whatever
/// its template, gets the header without each handler having to pass it along.)
fn refusal_text(locale: Locale, api: &ApiError) -> String {
    let waits = matches!(
        api.status,
        StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE
    );
    let Some(secs) = api.retry_after().filter(|_| waits) else {
        return api.message(locale);
    };
    let _ = WAIT.try_with(|w| w.set(Some(secs)));
    // "Please wait 42 s before asking for a new code" would say the wait twice.
    let reason = if api.code == "too_soon" {
        locale.t("page-too-soon")
    } else {
        api.message(locale)
    };
    format!("{reason} {}", wait_in_words(locale, secs))
}

/// "Try again in 3 minutes": seconds under a minute, then minutes, then hours, always
/// rounded up so the page never names a time before the limit has passed.
pub fn wait_in_words(locale: Locale, secs: i64) -> String {
    let secs = secs.max(1) as u64;
    let (key, count) = match secs {
        s if s < 60 => ("retry-in-seconds", s),
        s if s <= 3600 - 60 => ("retry-in-minutes", s.div_ceil(60)),
        s => ("retry-in-hours", s.div_ceil(3600)),
    };
    locale.t_count(key, count)
}

/// Adds `Retry-After` to a page that shows a refusal with a wait (see [`refusal_text`]).
async fn retry_after(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    WAIT.scope(Cell::new(None), async move {
        let mut res = next.run(req).await;
        let waits = matches!(
            res.status(),
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE
        );
        if let Some(secs) = WAIT.with(Cell::get).filter(|_| waits)
            && let Ok(v) = header::HeaderValue::from_str(&secs.to_string())
        {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        res
    })
    .await
}

/// The challenge of a `challenge_required` refusal, as the JSON `assets/pow.js` reads
/// from the form's `data-challenge` (the same shape the API's error carries).
pub fn challenge_of(error: &FlowError) -> Option<String> {
    match error {
        FlowError::ChallengeRequired { challenge, .. } => {
            serde_json::to_string(&challenge_json(challenge)).ok()
        }
        _ => None,
    }
}

/// The client with the solution `assets/pow.js` put in the form's `latchkey_challenge`
/// field (a form cannot send the `Latchkey-Challenge` header the API reads).
pub fn with_solution(mut client: ClientInfo, field: Option<&str>) -> ClientInfo {
    if let Some(solution) = field.map(str::trim).filter(|s| !s.is_empty()) {
        client.challenge = Some(solution.to_owned());
    }
    client
}

pub fn query_param(query: Option<&str>, name: &str) -> Option<String> {
    url::form_urlencoded::parse(query?.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// `/` has nothing of its own: the account page when signed in, else sign-in.
async fn home(state: axum::extract::State<AppState>, page: Page) -> Response {
    let to = match page.session(&state).await {
        Ok(Some(_)) => "/settings",
        _ => "/login",
    };
    let to = page.keep_return_to(to);
    page.redirect(&to)
}

#[derive(Template)]
#[template(path = "not_found.html")]
pub struct NotFoundPage {
    pub ctx: PageCtx,
}

async fn not_found(page: Page) -> Response {
    let template = NotFoundPage { ctx: page.ctx() };
    let mut res = page.render(StatusCode::NOT_FOUND, &template);
    // Unknown URLs are not worth a cache entry either way.
    res.headers_mut().remove(header::CACHE_CONTROL);
    res
}

#[cfg(test)]
mod tests {
    use super::wait_in_words;
    use latchkey_i18n::{Locale, SUPPORTED};

    #[test]
    fn waits_are_said_in_words_with_each_language_plural_forms() {
        let cases: &[(Locale, i64, &str)] = &[
            (Locale::En, 1, "Try again in 1 second."),
            (Locale::En, 59, "Try again in 59 seconds."),
            (Locale::En, 60, "Try again in 1 minute."),
            // Rounded up: never a time before the limit has passed.
            (Locale::En, 61, "Try again in 2 minutes."),
            (Locale::En, 3541, "Try again in 1 hour."),
            (Locale::En, 3601, "Try again in 2 hours."),
            (Locale::Ru, 60, "Повторите попытку через 1 минуту."),
            (Locale::Ru, 180, "Повторите попытку через 3 минуты."),
            (Locale::Ru, 300, "Повторите попытку через 5 минут."),
            (Locale::Ru, 21 * 60, "Повторите попытку через 21 минуту."),
            (Locale::Ru, 22, "Повторите попытку через 22 секунды."),
            (Locale::Ru, 11, "Повторите попытку через 11 секунд."),
            (Locale::Ru, 2 * 3600, "Повторите попытку через 2 часа."),
            (Locale::Es, 1, "Vuelve a intentarlo en 1 segundo."),
            (Locale::Es, 600, "Vuelve a intentarlo en 10 minutos."),
            (Locale::PtBr, 3600, "Tente novamente em 1 hora."),
            (Locale::PtBr, 120, "Tente novamente em 2 minutos."),
            (Locale::Fr, 60, "Réessayez dans 1 minute."),
            (Locale::Fr, 7200, "Réessayez dans 2 heures."),
            (Locale::ZhCn, 180, "请在 3 分钟后重试。"),
            (Locale::ZhCn, 5, "请在 5 秒后重试。"),
        ];
        for (locale, secs, want) in cases {
            assert_eq!(wait_in_words(*locale, *secs), *want, "{locale} {secs}");
        }
        for l in SUPPORTED {
            for secs in [1, 2, 5, 59, 60, 150, 3540, 3600, 7200] {
                let text = wait_in_words(l, secs);
                assert!(!text.contains("retry-in"), "{l} {secs}: {text}");
                assert!(text.contains(char::is_numeric), "{l} {secs}: {text}");
            }
        }
    }
}
