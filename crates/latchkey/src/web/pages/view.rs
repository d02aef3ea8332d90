//! View models of the browser pages: one askama template struct per page, and the page
//! context (locale, CSRF token, language links) every layout needs.

use askama::Template;
use latchkey_flows::kernel::registry::{SettingsCard, SignInWay};
use latchkey_i18n::{Locale, SUPPORTED};
use std::fmt::Display;

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
        }
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

#[derive(Template)]
#[template(path = "register.html")]
pub struct RegisterPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub identifier: String,
    pub name: String,
    pub password_min: usize,
    /// A proof-of-work challenge (JSON) for `/assets/pow.js` to solve before the next submit.
    pub challenge: Option<String>,
}

#[derive(Template)]
#[template(path = "verify.html")]
pub struct VerifyPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub flow: String,
    /// Where the code form and the resend form post to (registration, recovery, sign-in).
    pub action: String,
    pub resend_action: String,
    /// Masked address or number the code went to, when known.
    pub destination: Option<String>,
    /// Seconds until a new code may be asked for; 0 means now.
    pub resend_after: u64,
}

/// A page asking only for an identifier: password recovery, sign-in by code.
#[derive(Template)]
#[template(path = "identifier.html")]
pub struct IdentifierPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub title: String,
    pub intro: String,
    pub submit: String,
    pub action: String,
    pub identifier: String,
    /// A proof-of-work challenge (JSON) for `/assets/pow.js` to solve before the next submit.
    pub challenge: Option<String>,
}

/// New password typed twice, after a recovery code or link was accepted.
#[derive(Template)]
#[template(path = "reset.html")]
pub struct ResetPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub action: String,
    pub token: String,
    pub password_min: usize,
}

#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub identifier: String,
    /// A proof-of-work challenge (JSON) for `/assets/pow.js` to solve before the next submit.
    pub challenge: Option<String>,
    /// The other ways in, from the flows' method registry.
    pub ways: Vec<SignInWay>,
}

#[derive(Debug, Clone)]
pub struct ContactView {
    pub is_phone: bool,
    pub value: String,
    pub verified: bool,
    pub primary: bool,
}

#[derive(Debug, Clone)]
pub struct SessionView {
    pub id: String,
    pub user_agent: String,
    pub created_iso: String,
    pub created_text: String,
    pub last_seen_iso: String,
    pub last_seen_text: String,
    pub place: Option<String>,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "settings.html")]
pub struct SettingsPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub signed_in_as: String,
    pub contacts: Vec<ContactView>,
    pub sessions: Vec<SessionView>,
    pub has_other_sessions: bool,
    /// The methods' own cards (the password's "security"), from the method registry.
    pub method_cards: Vec<SettingsCard>,
}

/// `/settings/security`: change the password.
#[derive(Template)]
#[template(path = "security.html")]
pub struct SecurityPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub password_min: usize,
    /// How long after signing in the current password may be left out.
    pub window_minutes: i64,
    /// The account's addresses and name as a JSON array: guessable for the strength meter.
    pub user_inputs: String,
}

#[derive(Debug, Clone)]
pub struct Link {
    pub href: String,
    pub text: String,
}

#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub ctx: PageCtx,
    pub title: String,
    pub body: String,
    pub is_error: bool,
    pub link: Option<Link>,
}

#[derive(Template)]
#[template(path = "not_found.html")]
pub struct NotFoundPage {
    pub ctx: PageCtx,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn ctx(locale: Locale) -> PageCtx {
        PageCtx::new(
            locale,
            "csrf-token-value",
            "/verify",
            Some("flow=abc&lang=en&return_to=%2Fsettings"),
            Some("/settings".into()),
            "v1",
        )
    }

    /// Every message id of the English files: none may reach a page untranslated.
    fn fluent_ids() -> Vec<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../i18n/locales/en");
        let mut ids = Vec::new();
        for entry in std::fs::read_dir(dir).expect("locales/en") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("ftl");
            for line in text.lines() {
                if line.starts_with([' ', '\t', '#', '.']) {
                    continue;
                }
                if let Some((id, _)) = line.split_once('=') {
                    let id = id.trim();
                    if !id.is_empty()
                        && id
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                    {
                        ids.push(id.to_owned());
                    }
                }
            }
        }
        assert!(ids.len() > 50, "found only {} ids", ids.len());
        ids
    }

    /// Whether `id` stands alone in `html` (not as part of a longer id or class name).
    fn contains_id(html: &str, id: &str) -> bool {
        let part = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        html.match_indices(id).any(|(i, _)| {
            let before = html[..i].chars().next_back();
            let after = html[i + id.len()..].chars().next();
            !before.is_some_and(part) && !after.is_some_and(part)
        })
    }

    fn all_pages(l: Locale) -> Vec<(&'static str, String)> {
        let err = FormErrors::form(l.t("error-invalid_credentials"))
            .with_field("identifier", l.t("error-invalid_identifier"))
            .with_field("password", l.t_args("password-too_short", &[("min", "8")]))
            .with_field(
                "code",
                l.t_args("error-invalid_code", &[("attempts_left", "4")]),
            );
        let session = |id: &str, current: bool| SessionView {
            id: id.into(),
            user_agent: "Firefox · Linux".into(),
            created_iso: "2026-11-20T10:00:00Z".into(),
            created_text: "2026-11-20 10:00 UTC".into(),
            last_seen_iso: "2026-11-20T10:05:00Z".into(),
            last_seen_text: "2026-11-20 10:05 UTC".into(),
            place: None,
            current,
        };
        let render = |r: askama::Result<String>| r.expect("template renders");
        vec![
            (
                "register",
                render(
                    RegisterPage {
                        ctx: ctx(l),
                        errors: err.clone(),
                        notice: None,
                        identifier: "ann@example.com".into(),
                        name: "Ann".into(),
                        password_min: 8,
                        challenge: None,
                    }
                    .render(),
                ),
            ),
            (
                "verify",
                render(
                    VerifyPage {
                        ctx: ctx(l),
                        errors: err.clone(),
                        notice: Some(l.t("verify-resent")),
                        flow: "abc".into(),
                        action: "/verify".into(),
                        resend_action: "/verify/resend".into(),
                        destination: Some("a***@example.com".into()),
                        resend_after: 42,
                    }
                    .render(),
                ),
            ),
            (
                "verify-ready",
                render(
                    VerifyPage {
                        ctx: ctx(l),
                        errors: FormErrors::default(),
                        notice: None,
                        flow: "abc".into(),
                        action: "/verify".into(),
                        resend_action: "/verify/resend".into(),
                        destination: None,
                        resend_after: 0,
                    }
                    .render(),
                ),
            ),
            (
                "login",
                render(
                    LoginPage {
                        ctx: ctx(l),
                        errors: err.clone(),
                        notice: Some(l.t("login-signed-out")),
                        identifier: "ann@example.com".into(),
                        challenge: None,
                        ways: latchkey_flows::kernel::registry::sign_in_ways(),
                    }
                    .render(),
                ),
            ),
            (
                "identifier",
                render(
                    IdentifierPage {
                        ctx: ctx(l),
                        errors: err.clone(),
                        notice: None,
                        title: l.t("recovery-title"),
                        intro: l.t("recovery-intro"),
                        submit: l.t("recovery-submit"),
                        action: "/recovery".into(),
                        identifier: String::new(),
                        challenge: None,
                    }
                    .render(),
                ),
            ),
            (
                "reset",
                render(
                    ResetPage {
                        ctx: ctx(l),
                        errors: err.clone(),
                        notice: None,
                        action: "/recovery/reset".into(),
                        token: "t".into(),
                        password_min: 8,
                    }
                    .render(),
                ),
            ),
            (
                "settings",
                render(
                    SettingsPage {
                        ctx: ctx(l),
                        errors: FormErrors::default(),
                        notice: Some(l.t("settings-others-signed-out")),
                        signed_in_as: "ann@example.com".into(),
                        contacts: vec![
                            ContactView {
                                is_phone: false,
                                value: "ann@example.com".into(),
                                verified: true,
                                primary: true,
                            },
                            ContactView {
                                is_phone: true,
                                value: "+15551234567".into(),
                                verified: false,
                                primary: false,
                            },
                        ],
                        sessions: vec![session("s1", true), session("s2", false)],
                        has_other_sessions: true,
                        method_cards: latchkey_flows::kernel::registry::settings_cards(),
                    }
                    .render(),
                ),
            ),
            (
                "security",
                render(
                    SecurityPage {
                        ctx: ctx(l),
                        errors: FormErrors::default()
                            .with_field(
                                "current_password",
                                l.t_args("security-current-needed", &[("minutes", "10")]),
                            )
                            .with_field("password", l.t("password-same_as_current")),
                        notice: Some(l.t("security-password-changed")),
                        password_min: 8,
                        window_minutes: 10,
                        user_inputs: r#"["ann@shop.example","Ann \"Q\" <Lee>"]"#.to_owned(),
                    }
                    .render(),
                ),
            ),
            (
                "message",
                render(
                    MessagePage {
                        ctx: ctx(l),
                        title: l.t("csrf-title"),
                        body: l.t("error-csrf_failed"),
                        is_error: true,
                        link: Some(Link {
                            href: "/login".into(),
                            text: l.t("try-again"),
                        }),
                    }
                    .render(),
                ),
            ),
            ("not_found", render(NotFoundPage { ctx: ctx(l) }.render())),
        ]
    }

    #[test]
    fn every_page_renders_in_every_locale_without_raw_ids() {
        let ids = fluent_ids();
        for l in SUPPORTED {
            for (name, html) in all_pages(l) {
                let at = format!("{name} in {l}");
                assert!(
                    html.contains(&format!("<html lang=\"{}\"", l.tag())),
                    "{at}: lang"
                );
                assert!(html.contains("name=\"viewport\""), "{at}: viewport");
                assert!(html.contains("href=\"#main\""), "{at}: skip link");
                assert!(
                    html.contains("data-testid=\"language-switcher\""),
                    "{at}: switcher"
                );
                for other in SUPPORTED {
                    assert!(
                        html.contains(&format!("hreflang=\"{}\"", other.tag())),
                        "{at}: no link to {other}"
                    );
                }
                let raw: Vec<&String> = ids.iter().filter(|id| contains_id(&html, id)).collect();
                assert!(raw.is_empty(), "{at}: untranslated ids {raw:?}");
                // CSP: no inline script or style at all.
                assert!(!html.contains(" style="), "{at}: inline style");
                assert!(!html.contains("<style"), "{at}: style element");
                assert_eq!(
                    html.matches("<script").count(),
                    html.matches("<script src=\"/assets/app.js?v=").count(),
                    "{at}: inline script"
                );
                // Every form that posts carries the CSRF token.
                assert_eq!(
                    html.matches("method=\"post\"").count(),
                    html.matches("name=\"csrf\" value=\"csrf-token-value\"")
                        .count(),
                    "{at}: a form without csrf"
                );
            }
        }
    }

    #[test]
    fn non_english_pages_are_translated() {
        for l in SUPPORTED.into_iter().filter(|l| *l != Locale::En) {
            for ((name, en), (_, other)) in all_pages(Locale::En).into_iter().zip(all_pages(l)) {
                let title = |html: &str| {
                    html.split("<title>")
                        .nth(1)
                        .and_then(|t| t.split("</title>").next())
                        .map(str::to_owned)
                };
                if name != "message" {
                    assert_ne!(title(&en), title(&other), "{name} in {l}: English title");
                }
            }
        }
    }

    #[test]
    fn form_conventions_the_browser_tests_rely_on() {
        let pages = all_pages(Locale::En);
        let page = |n: &str| {
            pages
                .iter()
                .find(|(name, _)| *name == n)
                .map(|(_, h)| h.clone())
                .unwrap_or_default()
        };
        let register = page("register");
        for needle in [
            "action=\"/register\"",
            "id=\"identifier\" name=\"identifier\"",
            "autocomplete=\"username\"",
            "id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\"",
            "id=\"password_confirm\"",
            "id=\"name\"",
            "<button type=\"submit\"",
            "role=\"alert\"",
            "aria-invalid=\"true\"",
            "aria-describedby=\"identifier-help identifier-error\"",
            "data-strength=",
            "data-problem-too_short=\"Use at least 8 characters.\"",
        ] {
            assert!(register.contains(needle), "register lacks {needle}");
        }
        let verify = page("verify");
        for needle in [
            "id=\"code\" name=\"code\"",
            "inputmode=\"numeric\"",
            "autocomplete=\"one-time-code\"",
            "pattern=\"[0-9]{6}\"",
            "action=\"/verify/resend\"",
            "You can ask for a new code in 42 s",
            "data-template=\"You can ask for a new code in {seconds} s\"",
            "name=\"flow\" value=\"abc\"",
        ] {
            assert!(verify.contains(needle), "verify lacks {needle}");
        }
        let login = page("login");
        for needle in [
            "autocomplete=\"current-password\"",
            "href=\"/recovery?return_to=%2Fsettings\">Forgot password?</a>",
            "href=\"/register?return_to=%2Fsettings\">Create an account</a>",
            "href=\"/login/code?return_to=%2Fsettings\">Sign in with a code instead</a>",
        ] {
            assert!(login.contains(needle), "login lacks {needle}");
        }
        let settings = page("settings");
        for needle in [
            "data-testid=\"signed-in-as\">Signed in as ann@example.com",
            "action=\"/logout\"",
            "data-testid=\"sign-out\"",
            "action=\"/settings/sessions/s2/sign-out\"",
            "action=\"/settings/sessions/sign-out-others\"",
            "Not verified",
        ] {
            assert!(settings.contains(needle), "settings lacks {needle}");
        }
        assert!(
            settings.contains("href=\"/settings/security\""),
            "settings lacks the link to /settings/security"
        );
        let security = page("security");
        for needle in [
            "action=\"/settings/security/password\"",
            "href=\"/settings\"",
            "id=\"current_password\" name=\"current_password\" type=\"password\" autocomplete=\"current-password\"",
            "aria-describedby=\"current_password-help current_password-error\" aria-invalid=\"true\"",
            "id=\"current_password-capslock-hint\"",
            "id=\"current_password-layout-hint\"",
            "id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\"",
            "id=\"password_confirm\"",
            "data-strength=\"password-strength\"",
            "role=\"alert\"",
            "href=\"#current_password\"",
            "less than 10 minutes ago",
        ] {
            assert!(security.contains(needle), "security lacks {needle}");
        }
        // It may be left empty after a fresh sign-in: the flow decides, not the browser.
        let current = security
            .split("<input id=\"current_password\"")
            .nth(1)
            .and_then(|rest| rest.split('>').next())
            .unwrap_or_default();
        assert!(!current.contains("required"), "{current}");
        // The current session is signed out with the main button, not its own.
        assert!(!settings.contains("/settings/sessions/s1/sign-out"));
    }

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

    #[test]
    fn user_input_is_escaped() {
        let html = LoginPage {
            ctx: ctx(Locale::En),
            errors: FormErrors::default(),
            notice: None,
            identifier: "\"><script>alert(1)</script>".into(),
            challenge: None,
            ways: latchkey_flows::kernel::registry::sign_in_ways(),
        }
        .render()
        .expect("renders");
        assert!(!html.contains("<script>alert(1)"));
    }
}
