//! Choosing the language of a request: `?lang=`, then the `latchkey_lang` cookie, then
//! `Accept-Language`, then English. (The account's own locale wins where a page or flow
//! knows the account.)

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use latchkey_i18n::Locale;
use std::convert::Infallible;

pub const LANG_COOKIE: &str = "latchkey_lang";

pub fn resolve(query: Option<&str>, headers: &HeaderMap) -> Locale {
    query_lang(query)
        .or_else(|| cookie_value(headers, LANG_COOKIE).and_then(|v| Locale::parse(&v)))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::from_accept_language)
        })
        .unwrap_or_default()
}

/// The `lang` query parameter, if it names a supported locale.
pub fn query_lang(query: Option<&str>) -> Option<Locale> {
    url::form_urlencoded::parse(query?.as_bytes())
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| Locale::parse(&v))
}

pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// The request's locale, as an extractor.
#[derive(Debug, Clone, Copy)]
pub struct Lang(pub Locale);

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Lang(resolve(parts.uri.query(), &parts.headers)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn query_then_cookie_then_accept_language() {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("fr-CA,fr;q=0.9"),
        );
        assert_eq!(resolve(None, &h), Locale::Fr);
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=b; latchkey_lang=ru"),
        );
        assert_eq!(resolve(None, &h), Locale::Ru);
        assert_eq!(resolve(Some("x=1&lang=zh-CN"), &h), Locale::ZhCn);
        assert_eq!(resolve(Some("lang=xx"), &h), Locale::Ru);
        assert_eq!(resolve(None, &HeaderMap::new()), Locale::En);
    }
}
