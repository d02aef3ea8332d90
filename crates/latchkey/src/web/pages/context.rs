//! The page context every layout needs (locale, CSRF token, `return_to`, language links,
//! asset version, the shop's brand) and the errors of a submitted form, which every form page shows alike.

use crate::brand::Brand;
use latchkey_i18n::{Locale, SUPPORTED};
use std::fmt::Display;
use std::sync::Arc;

/// A link of the language switcher.
#[derive(Debug, Clone)]
pub struct LangLink {
    pub tag: &'static str,
    pub native: &'static str,
    pub href: String,
    pub current: bool,
}

/// What the layout needs on every page.
#[derive(Debug, Clone)]
pub struct PageCtx {
    pub locale: Locale,
    pub csrf: String,
    /// Already checked against the allow-list; carried through forms and links.
    pub return_to: Option<String>,
    pub languages: Vec<LangLink>,
    /// Appended to asset URLs so a new release busts the long browser cache.
    pub asset_version: &'static str,
    /// The shop's brand: the request's (`web::brand::current`), so every page wears it.
    pub brand: Arc<Brand>,
}

impl PageCtx {
    /// `path` and `query` are the current request's; the switcher keeps both and only
    /// replaces `lang`.
    pub fn new(
        locale: Locale,
        csrf: impl Into<String>,
        path: &str,
        query: Option<&str>,
        return_to: Option<String>,
        asset_version: &'static str,
    ) -> Self {
        Self {
            locale,
            csrf: csrf.into(),
            return_to,
            languages: language_links(locale, path, query),
            asset_version,
            brand: crate::web::brand::current(),
        }
    }

    /// The shop's name in this page's language.
    pub fn shop(&self) -> &str {
        self.brand.name_in(self.locale)
    }

    /// The header logo's alternative text (see `Brand::logo_alt_in`).
    pub fn logo_alt(&self) -> String {
        self.brand.logo_alt_in(self.locale)
    }

    /// "Back to {shop}", for the pages that end a journey; `None` without a `home_url`.
    pub fn back_to_shop(&self) -> Option<(&str, String)> {
        let home = self.brand.home_url.as_deref()?;
        Some((home, self.t1("brand-back-to", "shop", self.shop())))
    }

    pub fn lang(&self) -> &'static str {
        self.locale.tag()
    }

    pub fn current_native(&self) -> &'static str {
        self.locale.native_name()
    }

    pub fn t(&self, key: &str) -> String {
        self.locale.t(key)
    }

    /// A message with one argument (`{ $name }`).
    pub fn t1(&self, key: &str, name: &str, value: impl Display) -> String {
        self.locale.t_args(key, &[(name, &value.to_string())])
    }

    /// `?return_to=…` for links to sibling pages, or nothing.
    pub fn return_query(&self) -> String {
        match &self.return_to {
            Some(r) => format!(
                "?{}",
                url::form_urlencoded::Serializer::new(String::new())
                    .append_pair("return_to", r)
                    .finish()
            ),
            None => String::new(),
        }
    }
}

/// Links to the current page in every supported language, keeping the other query
/// parameters (a `flow` id, `return_to`) so switching never loses the user's place.
pub fn language_links(current: Locale, path: &str, query: Option<&str>) -> Vec<LangLink> {
    let kept: Vec<(String, String)> = url::form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .filter(|(k, _)| k != "lang")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    SUPPORTED
        .iter()
        .map(|&l| {
            let mut q = url::form_urlencoded::Serializer::new(String::new());
            for (k, v) in &kept {
                q.append_pair(k, v);
            }
            q.append_pair("lang", l.tag());
            LangLink {
                tag: l.tag(),
                native: l.native_name(),
                href: format!("{path}?{}", q.finish()),
                current: l == current,
            }
        })
        .collect()
}

/// Errors of a submitted form: one for the whole form and/or one per field (by input id).
#[derive(Debug, Clone, Default)]
pub struct FormErrors {
    pub form: Option<String>,
    pub fields: Vec<(&'static str, String)>,
}

impl FormErrors {
    pub fn form(message: impl Into<String>) -> Self {
        Self {
            form: Some(message.into()),
            fields: Vec::new(),
        }
    }

    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(f, _)| *f == name)
            .map(|(_, m)| m.as_str())
    }

    pub fn with_field(mut self, name: &'static str, message: impl Into<String>) -> Self {
        self.fields.push((name, message.into()));
        self
    }

    pub fn any(&self) -> bool {
        self.form.is_some() || !self.fields.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_links_keep_the_query_and_replace_lang() {
        let links = language_links(
            Locale::Ru,
            "/verify",
            Some("flow=abc&lang=en&return_to=%2Fsettings"),
        );
        assert_eq!(links.len(), 6);
        let pt = links.iter().find(|l| l.tag == "pt-BR").expect("pt-BR");
        assert_eq!(pt.href, "/verify?flow=abc&return_to=%2Fsettings&lang=pt-BR");
        assert!(
            links
                .iter()
                .find(|l| l.tag == "ru")
                .is_some_and(|l| l.current)
        );
        assert_eq!(
            language_links(Locale::En, "/login", None)[1].href,
            "/login?lang=ru"
        );
    }
}
