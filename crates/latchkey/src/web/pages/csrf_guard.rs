//! The CSRF guard in front of every page POST: the hidden `csrf` field must equal the
//! `latchkey_csrf` cookie, or the answer is a 403 page and the handler never runs.

use super::context::PageCtx;
use super::message::{Link, MessagePage};
use crate::web::csrf::{self, CSRF_FIELD};
use crate::web::locale;
use askama::Template;
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum_extra::extract::CookieJar;

/// Page forms are a few short fields; anything bigger is not one of ours.
const MAX_FORM_BYTES: usize = 64 * 1024;

pub async fn guard(req: Request, next: Next) -> Response {
    if req.method() != Method::POST {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let locale = locale::resolve(parts.uri.query(), &parts.headers);
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            locale.t("error-payload_too_large"),
        )
            .into_response();
    };
    let mut token = None;
    let mut flow = None;
    for (k, v) in url::form_urlencoded::parse(&bytes) {
        match &*k {
            CSRF_FIELD => token = Some(v.into_owned()),
            "flow" => flow = Some(v.into_owned()),
            _ => {}
        }
    }
    let jar = CookieJar::from_headers(&parts.headers);
    if csrf::verify(&jar, token.as_deref()) {
        return next
            .run(Request::from_parts(parts, Body::from(bytes)))
            .await;
    }
    tracing::info!(http.path = %parts.uri.path(), "page form refused: CSRF token mismatch");
    // Back to the form the POST came from, keeping the flow so its code still works.
    let back = parts.uri.path().trim_end_matches("/resend");
    let back = match (back, flow) {
        ("/verify", Some(f)) => format!("/verify?flow={}", encode(&f)),
        ("/login/code", Some(f)) => format!("/login/code/verify?flow={}", encode(&f)),
        ("/login/code/verify", Some(f)) => format!("/login/code/verify?flow={}", encode(&f)),
        ("/settings/security/password", _) => "/settings/security".to_owned(),
        _ if back.starts_with("/settings") || back == "/logout" => "/settings".to_owned(),
        _ if back.starts_with("/admin") => {
            crate::web::admin::console::back_after_refused_form(back)
        }
        _ => back.to_owned(),
    };
    // No new cookie here: the "try again" link leads to a GET, which sets one.
    let page = MessagePage {
        ctx: PageCtx::new(
            locale,
            String::new(),
            parts.uri.path(),
            parts.uri.query(),
            None,
            super::assets::ASSET_VERSION,
        ),
        title: locale.t("csrf-title"),
        body: locale.t("error-csrf_failed"),
        is_error: true,
        link: Some(Link {
            href: back,
            text: locale.t("try-again"),
        }),
    };
    match page.render() {
        Ok(html) => (StatusCode::FORBIDDEN, Html(html)).into_response(),
        Err(_) => (StatusCode::FORBIDDEN, locale.t("error-csrf_failed")).into_response(),
    }
}

fn encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
