//! The shop's brand as messages show it: its name in each language (every email and SMS
//! is signed with it) and, in HTML mail, its logo and colours.
//!
//! The binary builds one [`MailBrand`] from the config's `[brand]` section; the default
//! (no brand) renders every message exactly as before the brand existed.

use latchkey_domain::contrast::Rgb;
use latchkey_i18n::Locale;

/// What HTML mail and the signature take from the shop's brand.
#[derive(Debug, Clone, Default)]
pub struct MailBrand {
    /// The shop's name in the locales where it differs from
    /// [`ComposeContext::sender_name`](crate::ComposeContext::sender_name).
    pub names: Vec<(Locale, String)>,
    /// The logo as an absolute URL mail clients can fetch (the logo Latchkey serves, or
    /// the shop's own `https://` URL).
    pub logo_url: Option<String>,
    /// The logo's alternative text; empty means "the shop's name".
    pub logo_alt: String,
    /// The buttons' colour.
    pub primary: Option<Rgb>,
    /// The text on the buttons (chosen for contrast with `primary`).
    pub on_primary: Option<Rgb>,
    /// The band at the top of the email behind the logo (white without one).
    pub accent: Option<Rgb>,
}

/// Today's button, kept for mail without a brand.
const BUTTON: Rgb = Rgb::new(0x1f, 0x6f, 0xeb);
/// The text colour of the band and the body, as the email template writes it.
const BAND_TEXT: Rgb = Rgb::new(0x1f, 0x23, 0x28);

impl MailBrand {
    /// The shop's name in `locale`: its own name there, else `default`.
    pub fn name_for<'a>(&'a self, locale: Locale, default: &'a str) -> &'a str {
        self.names
            .iter()
            .find(|(l, _)| *l == locale)
            .map_or(default, |(_, name)| name.as_str())
    }

    pub(crate) fn button_background(&self) -> Rgb {
        self.primary.unwrap_or(BUTTON)
    }

    pub(crate) fn button_text(&self) -> Rgb {
        self.on_primary.unwrap_or(Rgb::WHITE)
    }

    /// The band above the heading, when the brand has a logo or an accent colour.
    pub(crate) fn band<'a>(&'a self, name: &'a str) -> Option<Band<'a>> {
        if self.logo_url.is_none() && self.accent.is_none() {
            return None;
        }
        Some(Band {
            background: self.accent.unwrap_or(Rgb::WHITE),
            text: BAND_TEXT,
            logo_url: self.logo_url.as_deref(),
            alt: if self.logo_alt.trim().is_empty() {
                name
            } else {
                &self.logo_alt
            },
            name,
        })
    }
}

/// The top band of a branded email: the logo (or the name) on the accent colour.
pub(crate) struct Band<'a> {
    pub background: Rgb,
    pub text: Rgb,
    pub logo_url: Option<&'a str>,
    pub alt: &'a str,
    pub name: &'a str,
}
