//! `/auth/{provider}/start` and `/auth/{provider}/callback`: the browser's round trip to
//! a social sign-in provider. The start keeps the state, nonce and PKCE verifier in the
//! store (any node can finish) and binds them to this browser with the
//! `latchkey_social` cookie; the callback (a GET, or a cross-site POST for `form_post`
//! providers such as Apple) signs in, asks for the link proof (`/login/link`), or ends on
//! a clear localized page: consent denied, a state that is not this browser's, an
//! expired or replayed flow, an unreachable provider. Never a 500.
//!
//! These routes sit outside the pages' CSRF guard: the callback's own state and the
//! binding cookie are what protect it (a form_post comes from the provider's site).

use super::Page;
use super::message::Link;
use crate::web::AppState;
use crate::web::extract::Client;
use axum::Router;
use axum::extract::{Path, RawForm, State};
use axum::http::Method;
use axum::response::Response;
use axum::routing::get;
use axum_extra::extract::cookie::{Cookie, SameSite};
use latchkey_flows::{CallbackInput, FlowError, SocialOutcome};
use std::collections::HashMap;

/// The browser-binding cookie of a social sign-in.
pub const SOCIAL_COOKIE: &str = "latchkey_social";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/{provider}/start", get(start))
        .route("/auth/{provider}/callback", get(callback).post(callback))
}

/// `?return_to=` (checked like every page's) and `?intent=link` (a signed-in owner
/// linking another provider from settings).
async fn start(
    State(state): State<AppState>,
    Path(provider): Path<String>,
    page: Page,
    Client(client): Client,
) -> Response {
    let linking = super::query_param(page.query.as_deref(), "intent").as_deref() == Some("link");
    let owner = if linking {
        match page.signed_in(&state, "/settings/security").await {
            Ok((p, auth)) => return start_for(state, provider, p, client, Some(auth)).await,
            Err(answer) => return answer,
        }
    } else {
        None
    };
    start_for(state, provider, page, client, owner).await
}

async fn start_for(
    state: AppState,
    provider: String,
    page: Page,
    client: latchkey_flows::ClientInfo,
    owner: Option<latchkey_flows::Authenticated>,
) -> Response {
    let return_to = page.return_to.clone();
    match state
        .flows
        .social()
        .start(&provider, return_to, owner.as_ref(), page.locale, &client)
        .await
    {
        Ok(started) => {
            let secure = state.config.secure_cookies();
            let mut page = page;
            page.jar = page.jar.add(binding_cookie(started.binding, secure));
            page.redirect(started.url.as_str())
        }
        Err(FlowError::ReauthenticationRequired) => {
            page.redirect("/settings/reauthenticate?return_to=%2Fsettings%2Fsecurity")
        }
        Err(e) => {
            let link = back_to_login(&page, owner.is_some());
            page.flow_error(e, Some(link))
        }
    }
}

/// `HttpOnly`, ten minutes, on `/auth/` only. `SameSite=None` (with `Secure`) over
/// https, so a provider's `form_post` (a cross-site POST) still carries it; dev mode over
/// plain http can only use `Lax` (query callbacks).
fn binding_cookie(value: String, secure: bool) -> Cookie<'static> {
    Cookie::build((SOCIAL_COOKIE, value))
        .http_only(true)
        .secure(secure)
        .same_site(if secure {
            SameSite::None
        } else {
            SameSite::Lax
        })
        .path("/auth/")
        .max_age(latchkey_flows::methods::social::sign_in::SOCIAL_FLOW_LIFETIME)
        .build()
}

async fn callback(
    State(state): State<AppState>,
    Path(provider): Path<String>,
    method: Method,
    page: Page,
    Client(client): Client,
    RawForm(body): RawForm,
) -> Response {
    // A GET's fields are in the query; a form_post's in the body (RawForm reads the
    // query for a GET).
    let raw: &[u8] = if method == Method::POST {
        &body
    } else {
        page.query.as_deref().unwrap_or("").as_bytes()
    };
    let mut fields: HashMap<String, String> =
        url::form_urlencoded::parse(raw).into_owned().collect();
    let binding = page.jar.get(SOCIAL_COOKIE).map(|c| c.value().to_owned());
    // The state stays among the fields too: VK ID wants it back in the token request.
    let state_param = fields.get("state").cloned();
    let input = CallbackInput {
        state: state_param,
        // Alipay names it `auth_code`.
        code: fields.remove("code").or_else(|| fields.remove("auth_code")),
        error: fields.remove("error"),
        binding,
        fields,
    };
    let secure = state.config.secure_cookies();
    let mut page = page;
    page.jar = page.jar.remove(
        Cookie::build((SOCIAL_COOKIE, ""))
            .path("/auth/")
            .secure(secure)
            .build(),
    );
    match state
        .flows
        .social()
        .callback(&provider, input, &client)
        .await
    {
        Ok(SocialOutcome::SignIn { outcome, return_to }) => {
            page.return_to = return_to.or(page.return_to);
            page.finish_sign_in(&state, outcome)
        }
        Ok(SocialOutcome::LinkRequired { flow, .. }) => {
            page.redirect(&format!("/login/link?flow={flow}"))
        }
        Ok(SocialOutcome::Linked { return_to }) => {
            let to = return_to.unwrap_or_else(|| "/settings/security?linked=1".into());
            page.redirect(&to)
        }
        Err(e) => {
            tracing::info!(
                provider,
                code = e.code(),
                "social sign-in ended on its error page"
            );
            let link = back_to_login(&page, false);
            if matches!(e, FlowError::FlowExpired) {
                // Not a code: the sign-in itself expired or was already used.
                let title = page.t("page-error-title");
                let body = page.t("social-flow-expired");
                return page.message(axum::http::StatusCode::GONE, title, body, Some(link));
            }
            page.flow_error(e, Some(link))
        }
    }
}

fn back_to_login(page: &Page, linking: bool) -> Link {
    let (href, key) = if linking {
        ("/settings/security", "security-title")
    } else {
        ("/login", "login-title")
    };
    Link {
        href: href.into(),
        text: page.t(key),
    }
}
