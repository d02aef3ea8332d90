//! Translations (Fluent) for every page and message, and choosing the locale.
//!
//! Locales live in `locales/<lang>/*.ftl`, compiled into the binary. English is the
//! reference: a test fails when any other locale lacks a key English has, or has one
//! English lacks.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;
use unic_langid::LanguageIdentifier;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Isolation marks (U+2068/U+2069) would land inside HTML attributes and emails.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The supported locales, in the order the language switcher shows them.
pub const SUPPORTED: [Locale; 6] = [
    Locale::En,
    Locale::Ru,
    Locale::Es,
    Locale::PtBr,
    Locale::Fr,
    Locale::ZhCn,
];

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Locale {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "ru")]
    Ru,
    #[serde(rename = "es")]
    Es,
    #[serde(rename = "pt-BR")]
    PtBr,
    #[serde(rename = "fr")]
    Fr,
    #[serde(rename = "zh-CN")]
    ZhCn,
}

impl Locale {
    /// The BCP 47 tag, also the folder name under `locales/`.
    pub fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Ru => "ru",
            Self::Es => "es",
            Self::PtBr => "pt-BR",
            Self::Fr => "fr",
            Self::ZhCn => "zh-CN",
        }
    }

    /// The language's own name, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Ru => "Русский",
            Self::Es => "Español",
            Self::PtBr => "Português (Brasil)",
            Self::Fr => "Français",
            Self::ZhCn => "简体中文",
        }
    }

    /// Exact or close match of a tag: `pt-br`, `pt` → pt-BR; `zh`, `zh-Hans`, `zh-SG` →
    /// zh-CN; `en-GB` → en. `None` for languages we do not have.
    pub fn parse(tag: &str) -> Option<Self> {
        let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
        let primary = tag.split('-').next().unwrap_or("");
        Some(match primary {
            "en" => Self::En,
            "ru" => Self::Ru,
            "es" => Self::Es,
            "pt" => Self::PtBr,
            "fr" => Self::Fr,
            "zh" if tag.contains("hant") || tag.ends_with("-tw") || tag.ends_with("-hk") => {
                return None;
            }
            "zh" => Self::ZhCn,
            _ => return None,
        })
    }

    /// The best supported locale of an `Accept-Language` header, by quality.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let mut ranked: Vec<(f32, usize, &str)> = header
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut it = part.split(';');
                let tag = it.next()?.trim();
                let q = it
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                (q > 0.0 && !tag.is_empty()).then_some((q, i, tag))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.into_iter().find_map(|(_, _, tag)| Self::parse(tag))
    }

    fn langid(self) -> LanguageIdentifier {
        self.tag().parse().unwrap_or_default()
    }

    /// The text of `key`; the key itself when missing (a test keeps that from shipping).
    pub fn t(self, key: &str) -> String {
        LOCALES
            .try_lookup(&self.langid(), key)
            .unwrap_or_else(|| key.to_owned())
    }

    /// The text of `key` with `{ $name }` arguments filled in.
    pub fn t_args(self, key: &str, args: &[(&str, &str)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(k, v)| (Cow::Owned((*k).to_owned()), FluentValue::from(*v)))
            .collect();
        LOCALES
            .try_lookup_with_args(&self.langid(), key, &map)
            .unwrap_or_else(|| key.to_owned())
    }

    /// The text of `key` with `{ $count }` as a number, so the message can pick its
    /// plural form (`[one]`, `[few]`, `[many]`…); [`Self::t_args`] passes strings, which
    /// never match a plural category.
    pub fn t_count(self, key: &str, count: u64) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'_>> =
            HashMap::from([(Cow::Borrowed("count"), FluentValue::from(count))]);
        LOCALES
            .try_lookup_with_args(&self.langid(), key, &map)
            .unwrap_or_else(|| key.to_owned())
    }

    /// Whether this locale itself (not its fallback) defines `key`. A message that needs
    /// arguments counts as defined even though formatting it without them fails.
    pub fn has(self, key: &str) -> bool {
        // fluent-templates does not export its error type; a formatting error (missing
        // argument) is the one error that means the message exists.
        match LOCALES.lookup_single_language::<&str>(&self.langid(), key, None) {
            Ok(_) => true,
            Err(e) => format!("{e:?}").starts_with("FluentError"),
        }
    }
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.tag())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    fn keys(lang: &str) -> BTreeSet<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        let mut keys = BTreeSet::new();
        for entry in std::fs::read_dir(&dir).expect("locale folder") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "ftl") {
                let text = std::fs::read_to_string(&path).expect("ftl");
                for line in text.lines() {
                    // A message id starts a line: `key = …`; attributes and continuations are indented.
                    if let Some((id, _)) = line.split_once('=') {
                        let id = id.trim_end();
                        if !line.starts_with([' ', '\t', '#', '.'])
                            && !id.is_empty()
                            && id
                                .chars()
                                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                        {
                            keys.insert(format!(
                                "{}:{id}",
                                path.file_name().unwrap_or_default().to_string_lossy()
                            ));
                        }
                    }
                }
            }
        }
        keys
    }

    #[test]
    fn every_locale_has_exactly_the_english_keys() {
        let en = keys("en");
        assert!(!en.is_empty());
        for locale in SUPPORTED {
            let other = keys(locale.tag());
            let missing: Vec<_> = en.difference(&other).collect();
            let extra: Vec<_> = other.difference(&en).collect();
            assert!(missing.is_empty(), "{locale} lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "{locale} has keys English lacks: {extra:?}"
            );
        }
    }

    #[test]
    fn every_key_resolves_in_every_locale() {
        for locale in SUPPORTED {
            for key in keys("en") {
                let id = key.split_once(':').map(|(_, id)| id).unwrap_or(&key);
                assert!(
                    locale.has(id),
                    "{locale}: {id} does not resolve (syntax error in its .ftl?)"
                );
            }
        }
    }

    #[test]
    fn negotiation() {
        assert_eq!(Locale::parse("pt-br"), Some(Locale::PtBr));
        assert_eq!(Locale::parse("zh-Hans-CN"), Some(Locale::ZhCn));
        assert_eq!(Locale::parse("zh-TW"), None);
        assert_eq!(Locale::parse("de"), None);
        assert_eq!(
            Locale::from_accept_language("de-DE,de;q=0.9,fr;q=0.8,en;q=0.7"),
            Some(Locale::Fr)
        );
        assert_eq!(Locale::from_accept_language("*"), None);
    }

    #[test]
    fn arguments_are_filled_without_isolation_marks() {
        let s = Locale::En.t_args("test-greeting", &[("name", "Ann")]);
        assert_eq!(s, "Hello, Ann!");
    }
}
