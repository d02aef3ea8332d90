//! The shop's brand (`[brand]`, issue #14): the config section, its checks at start
//! (colour contrast, files that must exist, no plain-http logo outside dev mode), and
//! [`Brand`], what pages and messages wear once it is loaded.
//!
//! The name is the one source of the shop's name: `brand.name`, else the older top-level
//! `sender_name` (so configs written before `[brand]` keep working), for every page
//! title, header and message. Without a `[brand]` section the pages look as they always
//! did. The colour rules are the domain's (`latchkey_domain::contrast`).

use crate::config::ConfigError;
use latchkey_courier::MailBrand;
use latchkey_domain::contrast::{AA_NORMAL_TEXT, Rgb, check_contrast};
use latchkey_i18n::{Locale, SUPPORTED};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// `[brand]`: the shop's name, logo, colours and links. Every key is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BrandConfig {
    /// The shop's name on every page and in every message. Unset: `sender_name`.
    pub name: Option<String>,
    /// The name where it differs by language, keyed by locale tag (`ru`, `zh-CN`).
    pub names: BTreeMap<String, String>,
    /// The logo: a file (SVG or PNG) Latchkey serves, or an `https://` URL.
    pub logo: Option<String>,
    /// The logo's alternative text. Unset: the shop's name.
    pub logo_alt: Option<String>,
    /// The favicon: a file (PNG, SVG or ICO) Latchkey serves.
    pub favicon: Option<String>,
    /// Buttons and links, `#rrggbb`; checked against the page and the button text.
    pub primary_color: Option<String>,
    /// The header's background, `#rrggbb`; checked against the text on it.
    pub accent_color: Option<String>,
    /// The header's link and "Back to {shop}".
    pub home_url: Option<String>,
    /// Footer links.
    pub support_url: Option<String>,
    pub privacy_url: Option<String>,
    pub terms_url: Option<String>,
    /// An extra stylesheet Latchkey serves after its own.
    pub css_path: Option<String>,
}

/// Latchkey's light palette (`assets/app.css`): the page background and the body text,
/// against which the shop's colours are checked. Dark mode keeps Latchkey's own dark
/// palette, whose contrast is known (the generated theme applies to the light scheme).
const PAGE_BACKGROUND: Rgb = Rgb::WHITE;
/// The light backgrounds links sit on: the page, the header, footer and cards
/// (`--surface`), and notices (`--info-bg`).
const LIGHT_BACKGROUNDS: &[(&str, Rgb)] = &[
    ("page background", PAGE_BACKGROUND),
    (
        "background of the header, footer and cards",
        Rgb::new(0xf5, 0xf6, 0xf8),
    ),
    ("background of notices", Rgb::new(0xef, 0xf6, 0xff)),
];
const PAGE_TEXT: Rgb = Rgb::new(0x1a, 0x1a, 0x1a);

/// A file Latchkey serves for the brand, with its type and a version for its URL.
#[derive(Debug, Clone)]
pub struct Asset {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    /// A hash of the bytes: the pages link `?v=<version>`, so a new file gets a new URL
    /// and the long cache is safe.
    pub version: String,
}

impl Asset {
    fn new(bytes: Vec<u8>, content_type: &'static str) -> Self {
        let version = fnv_hex(&bytes);
        Self {
            bytes,
            content_type,
            version,
        }
    }
}

/// Where the logo comes from.
#[derive(Debug, Clone)]
pub enum Logo {
    /// A file, served at `/brand/logo`.
    File(Asset),
    /// The shop's own `https://` URL (its origin is added to the CSP's `img-src`).
    Url(String),
}

/// The brand, loaded and checked: what the page layout and the messages read.
#[derive(Debug, Clone, Default)]
pub struct Brand {
    /// The shop's name (`brand.name`, else `sender_name`).
    pub name: String,
    names: Vec<(Locale, String)>,
    pub logo: Option<Logo>,
    logo_alt: Option<String>,
    pub favicon: Option<Asset>,
    /// The extra stylesheet (`css_path`).
    pub css: Option<Asset>,
    /// The generated stylesheet that sets the colours' custom properties.
    pub theme: Option<Asset>,
    pub home_url: Option<String>,
    pub support_url: Option<String>,
    pub privacy_url: Option<String>,
    pub terms_url: Option<String>,
    primary: Option<Rgb>,
    on_primary: Option<Rgb>,
    accent: Option<Rgb>,
    /// The origin an `https://` logo is fetched from, for the CSP.
    pub img_origin: Option<String>,
}

fn err(message: impl Into<String>) -> ConfigError {
    ConfigError(message.into())
}

impl BrandConfig {
    /// The shop's name: `brand.name`, else `sender_name`.
    pub fn shop_name(&self, sender_name: &str) -> String {
        self.name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .unwrap_or(sender_name)
            .to_owned()
    }
}

impl Brand {
    /// No brand but a name: the plain look.
    pub fn plain(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            ..Self::default()
        }
    }

    /// Loads `[brand]`: reads its files and checks every key, saying which key is wrong
    /// and why. `dev` allows a plain `http://` logo URL (a local test server).
    pub fn load(config: &BrandConfig, sender_name: &str, dev: bool) -> Result<Self, ConfigError> {
        if config.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
            return Err(err(
                "brand.name is empty: set the shop's name or leave it out",
            ));
        }
        let mut names = Vec::new();
        for (tag, name) in &config.names {
            let locale = locale_of_key(tag).ok_or_else(|| {
                err(format!(
                    "brand.names: {tag:?} is not a language Latchkey speaks ({})",
                    SUPPORTED.map(|l| l.tag()).join(", ")
                ))
            })?;
            if name.trim().is_empty() {
                return Err(err(format!("brand.names.{tag} is empty")));
            }
            names.push((locale, name.trim().to_owned()));
        }

        let primary = colour("brand.primary_color", config.primary_color.as_deref())?;
        let accent = colour("brand.accent_color", config.accent_color.as_deref())?;
        let on_primary =
            primary.map(|p| p.best_text(&[Rgb::WHITE, PAGE_TEXT]).unwrap_or(Rgb::WHITE));
        if let (Some(primary), Some(on_primary)) = (primary, on_primary) {
            for (what, background) in LIGHT_BACKGROUNDS {
                check_contrast(primary, *background, AA_NORMAL_TEXT).map_err(|low| {
                    err(format!(
                        "brand.primary_color (links and buttons) against the {what}: {low}; pick a darker colour"
                    ))
                })?;
            }
            check_contrast(primary, on_primary, AA_NORMAL_TEXT).map_err(|low| {
                err(format!(
                    "brand.primary_color against the button text: {low}; pick a darker or lighter colour"
                ))
            })?;
        }
        if let Some(accent) = accent {
            // The header sits on the accent. Its links take the text colour there (see
            // `theme_css`), so the text is the one colour to check.
            check_contrast(PAGE_TEXT, accent, AA_NORMAL_TEXT).map_err(|low| {
                err(format!(
                    "brand.accent_color (the header's background) against the header's text: {low}; pick a lighter colour"
                ))
            })?;
        }

        let (logo, img_origin) = match config.logo.as_deref().map(str::trim) {
            None => (None, None),
            Some("") => return Err(err("brand.logo is empty: a file path or an https:// URL")),
            Some(value) if value.contains("://") => {
                let url = url::Url::parse(value)
                    .map_err(|e| err(format!("brand.logo {value:?} is not a URL: {e}")))?;
                match url.scheme() {
                    "https" => {}
                    "http" if dev => {}
                    "http" => {
                        return Err(err(format!(
                            "brand.logo {value:?} is plain http://: pages served over https would show it as mixed content, and anyone on the way can swap it; use an https:// URL or a file (http:// is allowed in dev mode only)"
                        )));
                    }
                    other => {
                        return Err(err(format!(
                            "brand.logo {value:?}: {other}:// is not allowed; use an https:// URL or a file path"
                        )));
                    }
                }
                if url.host_str().is_none() {
                    return Err(err(format!("brand.logo {value:?} has no host")));
                }
                let origin = url.origin().ascii_serialization();
                (Some(Logo::Url(url.to_string())), Some(origin))
            }
            Some(path) => (
                Some(Logo::File(image_file("brand.logo", path, false)?)),
                None,
            ),
        };
        let favicon = match config.favicon.as_deref() {
            Some(path) => Some(image_file("brand.favicon", path, true)?),
            None => None,
        };
        let css = match config.css_path.as_deref() {
            Some(path) => {
                let bytes = read_file("brand.css_path", path)?;
                let text = String::from_utf8(bytes).map_err(|_| {
                    err(format!(
                        "brand.css_path {path}: not UTF-8 text (a stylesheet)"
                    ))
                })?;
                Some(Asset::new(text.into_bytes(), "text/css; charset=utf-8"))
            }
            None => None,
        };
        let home_url = link("brand.home_url", config.home_url.as_deref())?;
        let support_url = link("brand.support_url", config.support_url.as_deref())?;
        let privacy_url = link("brand.privacy_url", config.privacy_url.as_deref())?;
        let terms_url = link("brand.terms_url", config.terms_url.as_deref())?;
        let theme = theme_css(primary, on_primary, accent)
            .map(|css| Asset::new(css.into_bytes(), "text/css; charset=utf-8"));
        Ok(Self {
            name: config.shop_name(sender_name),
            names,
            logo,
            logo_alt: config
                .logo_alt
                .as_deref()
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_owned),
            favicon,
            css,
            theme,
            home_url,
            support_url,
            privacy_url,
            terms_url,
            primary,
            on_primary,
            accent,
            img_origin,
        })
    }

    /// The shop's name in `locale`: its name there (`brand.names`), else the name.
    pub fn name_in(&self, locale: Locale) -> &str {
        self.names
            .iter()
            .find(|(l, _)| *l == locale)
            .map_or(self.name.as_str(), |(_, n)| n.as_str())
    }

    /// The logo's `src`: the file Latchkey serves (with its version) or the shop's URL.
    pub fn logo_src(&self) -> Option<String> {
        match &self.logo {
            Some(Logo::File(asset)) => Some(format!("/brand/logo?v={}", asset.version)),
            Some(Logo::Url(url)) => Some(url.clone()),
            None => None,
        }
    }

    /// The logo's alternative text in the header. Beside the name the header also shows,
    /// a logo whose text is only the name is decorative (`""`), so screen readers do not
    /// read the name twice; a `logo_alt` that says more is read.
    pub fn logo_alt_in(&self, locale: Locale) -> String {
        match &self.logo_alt {
            Some(alt) if alt != self.name_in(locale) && alt != &self.name => alt.clone(),
            _ => String::new(),
        }
    }

    /// The header's link: the shop's home page, else Latchkey's own `/`.
    pub fn home_href(&self) -> &str {
        self.home_url.as_deref().unwrap_or("/")
    }

    /// Whether the footer has any of the shop's links.
    pub fn has_footer_links(&self) -> bool {
        self.support_url.is_some() || self.privacy_url.is_some() || self.terms_url.is_some()
    }

    /// What messages take from the brand; `public_url` makes the served logo's URL
    /// absolute (mail clients fetch it from there).
    pub fn mail(&self, public_url: &str) -> MailBrand {
        let base = public_url.trim_end_matches('/');
        MailBrand {
            names: self.names.clone(),
            logo_url: match &self.logo {
                Some(Logo::File(asset)) => Some(format!("{base}/brand/logo?v={}", asset.version)),
                Some(Logo::Url(url)) => Some(url.clone()),
                None => None,
            },
            logo_alt: self.logo_alt.clone().unwrap_or_default(),
            primary: self.primary,
            on_primary: self.on_primary,
            accent: self.accent,
        }
    }
}

/// A `names` key as a locale: exactly one of the supported tags, in any case and with
/// `_` for `-` (environment variables arrive lowercased: `LATCHKEY_BRAND__NAMES__ZH_CN`).
fn locale_of_key(key: &str) -> Option<Locale> {
    let key = key.trim().replace('_', "-");
    SUPPORTED
        .into_iter()
        .find(|l| l.tag().eq_ignore_ascii_case(&key))
}

fn colour(key: &str, value: Option<&str>) -> Result<Option<Rgb>, ConfigError> {
    value
        .map(|v| Rgb::parse(v).map_err(|e| err(format!("{key}: {e}"))))
        .transpose()
}

/// A footer or header link: an absolute `http(s)://` URL (never `javascript:`).
fn link(key: &str, value: Option<&str>) -> Result<Option<String>, ConfigError> {
    let Some(value) = value.map(str::trim) else {
        return Ok(None);
    };
    let url = url::Url::parse(value)
        .map_err(|e| err(format!("{key} {value:?} is not an absolute URL: {e}")))?;
    if !matches!(url.scheme(), "https" | "http") {
        return Err(err(format!(
            "{key} {value:?} must be an https:// (or http://) URL"
        )));
    }
    Ok(Some(url.to_string()))
}

fn read_file(key: &str, path: &str) -> Result<Vec<u8>, ConfigError> {
    let p = Path::new(path.trim());
    if !p.is_file() {
        return Err(err(format!("{key}: file {} not found", p.display())));
    }
    std::fs::read(p).map_err(|e| err(format!("{key}: cannot read {}: {e}", p.display())))
}

/// An image file, known by its content rather than its name: PNG, SVG (and ICO for a
/// favicon). A file of another kind stops the start, rather than a broken image later.
fn image_file(key: &str, path: &str, ico: bool) -> Result<Asset, ConfigError> {
    let bytes = read_file(key, path)?;
    let kind = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if ico && bytes.starts_with(&[0, 0, 1, 0]) {
        "image/x-icon"
    } else if looks_like_svg(&bytes) {
        "image/svg+xml"
    } else {
        let wanted = if ico { "PNG, SVG or ICO" } else { "SVG or PNG" };
        return Err(err(format!(
            "{key}: {path} is not an image Latchkey serves ({wanted})"
        )));
    };
    Ok(Asset::new(bytes, kind))
}

fn looks_like_svg(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let head: String = text
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    head.contains("<svg")
}

/// The stylesheet that sets the shop's colours as the pages' custom properties, for the
/// light scheme only (see [`PAGE_BACKGROUND`]). `None` when the shop set no colour.
fn theme_css(primary: Option<Rgb>, on_primary: Option<Rgb>, accent: Option<Rgb>) -> Option<String> {
    if primary.is_none() && accent.is_none() {
        return None;
    }
    let mut vars = String::new();
    if let (Some(p), Some(on)) = (primary, on_primary) {
        vars.push_str(&format!(
            "    --primary: {p};\n    --primary-text: {on};\n    --focus: {p};\n"
        ));
    }
    let mut rules = String::new();
    if let Some(a) = accent {
        vars.push_str(&format!("    --brand-accent: {a};\n"));
        // On the accent the header's links are in the text colour, whose contrast with
        // the accent is checked; the primary colour was checked against the page only.
        rules.push_str("  .site-header a { color: var(--text); }\n");
    }
    Some(format!(
        "/* The shop's colours ([brand]), generated at start. */\n@media not (prefers-color-scheme: dark) {{\n  :root {{\n{vars}  }}\n{rules}}}\n"
    ))
}

/// FNV-1a, 64 bits, as 16 hex digits: a cache-busting version, not a security digest.
fn fnv_hex(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(config: &BrandConfig) -> Result<Brand, String> {
        Brand::load(config, "Latchkey", false).map_err(|e| e.0)
    }

    #[test]
    fn no_brand_is_the_plain_look_named_after_sender_name() {
        let brand = Brand::load(&BrandConfig::default(), "Acme Shop", false).unwrap();
        assert_eq!(brand.name, "Acme Shop");
        assert_eq!(brand.name_in(Locale::Ru), "Acme Shop");
        assert!(brand.theme.is_none() && brand.logo.is_none() && brand.css.is_none());
        assert_eq!(brand.home_href(), "/");
        assert!(!brand.has_footer_links());
    }

    #[test]
    fn brand_name_wins_over_sender_name_and_names_go_by_language() {
        let config = BrandConfig {
            name: Some("Acme".into()),
            names: [
                ("ru".into(), "Акме".into()),
                ("zh_cn".into(), "艾克美".into()),
            ]
            .into_iter()
            .collect(),
            ..Default::default()
        };
        let brand = Brand::load(&config, "Old Name", false).unwrap();
        assert_eq!(brand.name_in(Locale::En), "Acme");
        assert_eq!(brand.name_in(Locale::Ru), "Акме");
        assert_eq!(brand.name_in(Locale::ZhCn), "艾克美");
        assert_eq!(
            brand.mail("https://x").name_for(Locale::ZhCn, "Acme"),
            "艾克美"
        );
        let bad = BrandConfig {
            names: [("de".into(), "Acme GmbH".into())].into_iter().collect(),
            ..Default::default()
        };
        assert!(load(&bad).unwrap_err().contains("\"de\""));
    }

    #[test]
    fn a_low_contrast_primary_is_refused_naming_both_colours_and_the_ratio() {
        let config = BrandConfig {
            primary_color: Some("#ffcc00".into()),
            ..Default::default()
        };
        let e = load(&config).unwrap_err();
        assert!(e.contains("#ffcc00") && e.contains("#ffffff"), "{e}");
        assert!(e.contains("1.51:1") && e.contains("4.50:1"), "{e}");
        // A mid grey fails against white and against dark text alike.
        let e = load(&BrandConfig {
            primary_color: Some("#8a8a8a".into()),
            ..Default::default()
        })
        .unwrap_err();
        assert!(e.contains("page background"), "{e}");
        let ok = load(&BrandConfig {
            primary_color: Some("#0b5fff".into()),
            accent_color: Some("#e8f0ff".into()),
            ..Default::default()
        })
        .unwrap();
        let theme = String::from_utf8(ok.theme.unwrap().bytes).unwrap();
        assert!(theme.contains("--primary: #0b5fff;"), "{theme}");
        assert!(theme.contains("--primary-text: #ffffff;"), "{theme}");
        assert!(theme.contains("--brand-accent: #e8f0ff;"), "{theme}");
    }

    #[test]
    fn a_dark_accent_is_refused_and_bad_colours_say_the_format() {
        let e = load(&BrandConfig {
            accent_color: Some("#333333".into()),
            ..Default::default()
        })
        .unwrap_err();
        assert!(
            e.contains("brand.accent_color") && e.contains("#333333"),
            "{e}"
        );
        let e = load(&BrandConfig {
            primary_color: Some("blue".into()),
            ..Default::default()
        })
        .unwrap_err();
        assert!(
            e.contains("brand.primary_color") && e.contains("#rrggbb"),
            "{e}"
        );
    }

    #[test]
    fn logo_urls_https_only_outside_dev_mode() {
        let url = |u: &str| BrandConfig {
            logo: Some(u.into()),
            ..Default::default()
        };
        let brand = load(&url("https://cdn.shop.example/logo.svg")).unwrap();
        assert_eq!(
            brand.img_origin.as_deref(),
            Some("https://cdn.shop.example")
        );
        assert_eq!(
            brand.logo_src().as_deref(),
            Some("https://cdn.shop.example/logo.svg")
        );
        let e = load(&url("http://cdn.shop.example/logo.svg")).unwrap_err();
        assert!(e.contains("http://") && e.contains("dev mode"), "{e}");
        assert!(Brand::load(&url("http://localhost:9/logo.svg"), "L", true).is_ok());
        assert!(load(&url("javascript://alert(1)")).is_err());
        assert!(load(&url("data://x")).is_err());
    }

    #[test]
    fn missing_or_wrong_files_stop_the_start() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.svg").display().to_string();
        let e = load(&BrandConfig {
            logo: Some(missing.clone()),
            ..Default::default()
        })
        .unwrap_err();
        assert!(e.contains("brand.logo") && e.contains(&missing), "{e}");
        let text = dir.path().join("logo.txt");
        std::fs::write(&text, "hello").unwrap();
        let e = load(&BrandConfig {
            logo: Some(text.display().to_string()),
            ..Default::default()
        })
        .unwrap_err();
        assert!(e.contains("SVG or PNG"), "{e}");
        let svg = dir.path().join("logo.svg");
        std::fs::write(&svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
        let css = dir.path().join("missing.css").display().to_string();
        let e = load(&BrandConfig {
            logo: Some(svg.display().to_string()),
            css_path: Some(css),
            ..Default::default()
        })
        .unwrap_err();
        assert!(e.contains("brand.css_path"), "{e}");
        let e = load(&BrandConfig {
            favicon: Some(dir.path().join("f.png").display().to_string()),
            ..Default::default()
        })
        .unwrap_err();
        assert!(e.contains("brand.favicon"), "{e}");
        let brand = load(&BrandConfig {
            logo: Some(svg.display().to_string()),
            ..Default::default()
        })
        .unwrap();
        match &brand.logo {
            Some(Logo::File(a)) => assert_eq!(a.content_type, "image/svg+xml"),
            other => panic!("{other:?}"),
        }
        assert!(brand.logo_src().unwrap().starts_with("/brand/logo?v="));
        assert!(
            brand
                .mail("https://accounts.shop.example/")
                .logo_url
                .unwrap()
                .starts_with("https://accounts.shop.example/brand/logo?v=")
        );
    }

    #[test]
    fn links_must_be_web_urls() {
        let e = load(&BrandConfig {
            support_url: Some("javascript:alert(1)".into()),
            ..Default::default()
        })
        .unwrap_err();
        assert!(e.contains("brand.support_url"), "{e}");
        assert!(
            load(&BrandConfig {
                home_url: Some("/relative".into()),
                ..Default::default()
            })
            .is_err()
        );
    }

    #[test]
    fn a_logo_alt_that_is_only_the_name_is_decorative_beside_it() {
        let mut config = BrandConfig {
            name: Some("Acme".into()),
            logo: Some("https://cdn.shop.example/l.png".into()),
            logo_alt: Some("Acme".into()),
            ..Default::default()
        };
        assert_eq!(load(&config).unwrap().logo_alt_in(Locale::En), "");
        config.logo_alt = Some("Acme — fresh since 1990".into());
        assert_eq!(
            load(&config).unwrap().logo_alt_in(Locale::En),
            "Acme — fresh since 1990"
        );
    }
}
