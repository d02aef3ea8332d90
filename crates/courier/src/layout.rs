//! One email's content as a [`Layout`], rendered twice from that one value: as plain text
//! and as HTML (askama, `templates/email.html`), so both parts always say the same thing.
//!
//! A message builds its layout with [`Strings::layout`](crate::Strings::layout) (the
//! heading and footer filled in) and adds to it in reading order:
//!
//! ```ignore
//! fn email(&self, s: &Strings<'_>) -> Layout {
//!     s.layout()
//!         .paragraph(s.get("intro"))
//!         .code(s.t("message-code-label"), self.code) // paragraphs after this go below the box
//!         .paragraph(s.t("message-code-expires"))
//!         .button(s.sign_in_button())
//! }
//! ```

use crate::brand::{Band, MailBrand};
use latchkey_domain::contrast::Rgb;
use latchkey_i18n::Locale;

/// One email's content, before it becomes text or HTML: a heading, paragraphs, at most
/// one code box, at most one button, and a footer.
#[derive(Debug, Clone)]
pub struct Layout {
    heading: String,
    /// Paragraphs above the code box (all of them when there is no code).
    before: Vec<String>,
    code: Option<String>,
    code_label: String,
    after: Vec<String>,
    button: Option<Button>,
    footer: String,
}

/// A call to action: a button in HTML, a "label: url" line in the text part.
#[derive(Debug, Clone)]
pub struct Button {
    label: String,
    url: String,
    /// How the plain-text part shows it ("Sign in: https://…", punctuated per locale).
    text: String,
}

impl Button {
    /// A button showing `label` and leading to `url`; `text` is how the plain-text part
    /// spells it out. [`Strings::button`](crate::Strings::button) builds all three from
    /// Fluent.
    pub fn new(label: impl Into<String>, url: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            url: url.into(),
            text: text.into(),
        }
    }
}

#[derive(askama::Template)]
#[template(path = "email.html")]
struct EmailHtml<'a> {
    lang: &'a str,
    subject: &'a str,
    body: &'a Layout,
    /// The logo (or the name) on the accent colour, for a branded email.
    band: Option<Band<'a>>,
    button_background: Rgb,
    button_text: Rgb,
}

impl Layout {
    /// An email with only a heading and a footer so far.
    pub fn new(heading: impl Into<String>, footer: impl Into<String>) -> Self {
        Self {
            heading: heading.into(),
            before: Vec::new(),
            code: None,
            code_label: String::new(),
            after: Vec::new(),
            button: None,
            footer: footer.into(),
        }
    }

    /// Adds a paragraph: above the code box until [`Self::code`] is called, below it after.
    pub fn paragraph(mut self, text: impl Into<String>) -> Self {
        if self.code.is_some() {
            self.after.push(text.into());
        } else {
            self.before.push(text.into());
        }
        self
    }

    /// Shows a one-time code in its own box under `label`; a second call replaces it.
    pub fn code(mut self, label: impl Into<String>, code: impl Into<String>) -> Self {
        self.code_label = label.into();
        self.code = Some(code.into());
        self
    }

    /// Ends the email with a button; a second call replaces it.
    pub fn button(mut self, button: Button) -> Self {
        self.button = Some(button);
        self
    }

    /// The plain-text part.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        out.push_str(&self.heading);
        out.push_str("\n\n");
        for p in &self.before {
            out.push_str(p);
            out.push_str("\n\n");
        }
        if let Some(code) = &self.code {
            // Indented on its own line so it stands out and copies cleanly.
            out.push_str(&format!("{}\n\n    {code}\n\n", self.code_label));
        }
        for p in &self.after {
            out.push_str(p);
            out.push_str("\n\n");
        }
        if let Some(button) = &self.button {
            // A paragraph may already spell the same URL out; saying it twice is noise.
            let shown = self
                .before
                .iter()
                .chain(&self.after)
                .any(|p| p.contains(&button.url));
            if !shown {
                out.push_str(&button.text);
                out.push_str("\n\n");
            }
        }
        // "-- " is the conventional signature separator; clients dim what follows.
        out.push_str("-- \n");
        out.push_str(&self.footer);
        out.push('\n');
        out
    }

    /// The HTML part. `None` only if askama fails, which would mean a bug in the template;
    /// the text part still goes out then.
    pub fn to_html(&self, locale: Locale, subject: &str) -> Option<String> {
        self.to_html_branded(locale, subject, &MailBrand::default(), "")
    }

    /// The HTML part in the shop's look: its logo (alternative text, or `shop`, its
    /// name in this language) and colours. The default brand gives [`Self::to_html`].
    pub fn to_html_branded(
        &self,
        locale: Locale,
        subject: &str,
        brand: &MailBrand,
        shop: &str,
    ) -> Option<String> {
        let page = EmailHtml {
            lang: locale.tag(),
            subject,
            body: self,
            band: brand.band(shop),
            button_background: brand.button_background(),
            button_text: brand.button_text(),
        };
        match askama::Template::render(&page) {
            Ok(html) => Some(html),
            Err(error) => {
                tracing::error!(%error, "email HTML template failed to render");
                None
            }
        }
    }
}
