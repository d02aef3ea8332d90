//! CSRF protection for cookie-authenticated requests: a random token in the
//! `latchkey_csrf` cookie that must come back in the form field `csrf` (pages) or the
//! `X-CSRF-Token` header (the JSON API when called with the session cookie). Bearer-token
//! requests need none: a cross-site page cannot set that header.

use crate::web::cookies;
use axum::http::HeaderMap;
use axum_extra::extract::CookieJar;
use latchkey_domain::secret::{digests_equal, new_token};

pub const CSRF_COOKIE: &str = "latchkey_csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";
pub const CSRF_FIELD: &str = "csrf";

/// The token for forms on this page, creating the cookie when the browser has none.
pub fn ensure(jar: CookieJar, secure: bool) -> (CookieJar, String) {
    if let Some(c) = jar.get(CSRF_COOKIE).filter(|c| c.value().len() >= 32) {
        let token = c.value().to_owned();
        return (jar, token);
    }
    let token = new_token();
    let jar = jar.add(cookies::build(CSRF_COOKIE, token.clone(), None, secure));
    (jar, token)
}

/// Whether `provided` matches the cookie's token.
pub fn verify(jar: &CookieJar, provided: Option<&str>) -> bool {
    match (jar.get(CSRF_COOKIE), provided) {
        (Some(cookie), Some(given)) if cookie.value().len() >= 32 => {
            digests_equal(cookie.value(), given)
        }
        _ => false,
    }
}

pub fn header_token(headers: &HeaderMap) -> Option<&str> {
    headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok())
}
