//! Message templates: subject, text and HTML per message kind and locale.
//!
//! Every string comes from Fluent (`crates/i18n/locales/<lang>/messages.ftl`). An email is
//! first laid out as a `Layout` (heading, paragraphs, code, button, footer) and then
//! rendered twice from that one value, as plain text and as HTML (askama,
//! `templates/email.html`), so both parts always say the same thing. No message carries a
//! sign-in link (PRODUCT.md X1): only plain links to the `/login` page, and the one-time
//! link a message was asked for (a reset link, a "this wasn't me" link).

use latchkey_i18n::Locale;
use latchkey_store::{Channel, NewMessage};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

/// What every message needs to know about the deployment.
#[derive(Debug, Clone)]
pub struct ComposeContext {
    /// The sender name shown in messages (the shop's name).
    pub sender_name: String,
    /// Base URL for links in messages; never taken from a request's Host header.
    pub public_url: String,
    /// How long what each message carries stays usable: the courier retries a failing
    /// delivery for that long and no longer.
    pub lifetimes: MessageLifetimes,
}

/// How long each kind of message is worth delivering, counted from when it is composed.
/// The code and token lifetimes must match the flows' (startup builds both from one
/// config); the defaults here are the flows' defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessageLifetimes {
    /// A one-time code's lifetime (`CodePolicy::ttl`).
    pub code: Duration,
    /// How long a flow stays open; a code cannot outlive its flow.
    pub flow: Duration,
    /// A reset link's lifetime.
    pub reset_link: Duration,
    /// An unlock link's lifetime.
    pub unlock_link: Duration,
    /// A "this wasn't me" link's lifetime.
    pub report_link: Duration,
    /// Messages that carry nothing that expires (a welcome, a method hint).
    pub notice: Duration,
}

impl Default for MessageLifetimes {
    fn default() -> Self {
        Self {
            code: Duration::minutes(15),
            flow: Duration::hours(1),
            reset_link: Duration::hours(2),
            unlock_link: Duration::hours(2),
            report_link: Duration::days(30),
            notice: Duration::hours(24),
        }
    }
}

impl MessageLifetimes {
    /// How long `template` is worth delivering.
    pub fn of(&self, template: &Template<'_>) -> Duration {
        let code = self.code.min(self.flow);
        match template {
            Template::RegistrationCode { .. }
            | Template::VerificationCode { .. }
            | Template::LoginCode { .. }
            | Template::RecoveryCode { link: None, .. } => code,
            // Either the code or the link gets the person in; the link lives longer.
            Template::RecoveryCode { link: Some(_), .. } => code.max(self.reset_link),
            Template::AccountLocked { .. } => self.unlock_link,
            // Late is better than never while its link can still block the account.
            Template::PasswordChanged { .. } => self.report_link.max(self.notice),
            Template::SignupAttempt
            | Template::Welcome { .. }
            | Template::MethodHint { .. }
            | Template::NoAccount
            | Template::AccountBlockedHelp
            | Template::ContactRemoved { .. } => self.notice,
        }
    }
}

/// Every message Latchkey sends.
#[derive(Debug, Clone)]
pub enum Template<'a> {
    /// The code that confirms a new account's email or phone.
    RegistrationCode { code: &'a str },
    /// Someone tried to register with an address that already has an account.
    SignupAttempt,
    /// The code that verifies an added or unverified contact.
    VerificationCode { code: &'a str },
    /// The code for passwordless sign-in.
    LoginCode { code: &'a str },
    /// After registration: which address and which sign-in method the account uses.
    /// `method` is a method key (`password`, `code`, `passkey`, `google`, `apple`,
    /// `facebook`), shown translated; any other value is shown as given.
    Welcome { address: &'a str, method: &'a str },
    /// A password recovery code; by email also the one-click reset link.
    RecoveryCode {
        code: &'a str,
        link: Option<&'a str>,
    },
    /// The password was changed; `report_link` is the "this wasn't me" link.
    PasswordChanged { report_link: &'a str },
    /// A recovery (or "which method did I use?") request for an account: names its
    /// sign-in methods (method keys as in `Welcome`) and how to use them.
    MethodHint { methods: &'a [&'a str] },
    /// A recovery or method request for an email address that has no account.
    NoAccount,
    /// A recovery request for an account that is blocked: points to support.
    AccountBlockedHelp,
    /// The account locked after too many wrong passwords: when, from where (coarse), a
    /// single-use unlock link, and the advice to reset the password.
    AccountLocked {
        when: &'a str,
        ip: &'a str,
        unlock_url: &'a str,
    },
    /// An unverified address of the account was removed because someone else proved they
    /// hold it (verifying wins). `address` is the removed address, as the account typed it.
    ContactRemoved { address: &'a str },
}

impl Template<'_> {
    pub fn name(&self) -> &'static str {
        match self {
            Self::RegistrationCode { .. } => "registration_code",
            Self::SignupAttempt => "signup_attempt",
            Self::VerificationCode { .. } => "verification_code",
            Self::LoginCode { .. } => "login_code",
            Self::Welcome { .. } => "welcome",
            Self::RecoveryCode { .. } => "recovery_code",
            Self::PasswordChanged { .. } => "password_changed",
            Self::MethodHint { .. } => "method_hint",
            Self::NoAccount => "no_account",
            Self::AccountBlockedHelp => "account_blocked_help",
            Self::AccountLocked { .. } => "account_locked",
            Self::ContactRemoved { .. } => "contact_removed",
        }
    }

    /// The one-time code the message carries, if any.
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::RegistrationCode { code }
            | Self::VerificationCode { code }
            | Self::LoginCode { code }
            | Self::RecoveryCode { code, .. } => Some(code),
            Self::SignupAttempt
            | Self::Welcome { .. }
            | Self::PasswordChanged { .. }
            | Self::MethodHint { .. }
            | Self::NoAccount
            | Self::AccountBlockedHelp
            | Self::AccountLocked { .. }
            | Self::ContactRemoved { .. } => None,
        }
    }

    /// The Fluent id stem: `message-<key>-subject`, `message-<key>-sms`, …
    fn key(&self) -> &'static str {
        match self {
            Self::RegistrationCode { .. } => "registration-code",
            Self::SignupAttempt => "signup-attempt",
            Self::VerificationCode { .. } => "verification-code",
            Self::LoginCode { .. } => "login-code",
            Self::Welcome { .. } => "welcome",
            Self::RecoveryCode { .. } => "recovery-code",
            Self::PasswordChanged { .. } => "password-changed",
            Self::MethodHint { .. } => "method-hint",
            Self::NoAccount => "no-account",
            Self::AccountBlockedHelp => "account-blocked-help",
            Self::AccountLocked { .. } => "account-locked",
            Self::ContactRemoved { .. } => "contact-removed",
        }
    }

    /// The one-time link the message was asked for, if any.
    pub fn link(&self) -> Option<&str> {
        match self {
            Self::RecoveryCode { link, .. } => *link,
            Self::PasswordChanged { report_link } => Some(report_link),
            _ => None,
        }
    }
}

/// A method key in the recipient's language; provider names and future methods pass
/// through untranslated rather than leaking a Fluent id.
fn method_name(locale: Locale, method: &str) -> String {
    let key = format!("message-method-{method}");
    if locale.has(&key) {
        locale.t(&key)
    } else {
        method.to_owned()
    }
}

/// Renders `template` for one recipient on one channel in one locale.
pub fn compose(
    ctx: &ComposeContext,
    template: &Template<'_>,
    channel: Channel,
    recipient: &str,
    locale: Locale,
    now: OffsetDateTime,
) -> NewMessage {
    let strings = Strings::new(ctx, template, locale);
    let (subject, text, html) = match channel {
        Channel::Sms => (String::new(), strings.sms(), None),
        Channel::Email => {
            let subject = strings.get("subject");
            let layout = strings.layout();
            let text = layout.to_text();
            let html = layout.to_html(locale, &subject);
            (subject, text, html)
        }
    };
    NewMessage {
        id: Uuid::now_v7(),
        channel,
        recipient: recipient.to_owned(),
        locale: locale.tag().to_owned(),
        template: template.name().to_owned(),
        subject,
        text,
        html,
        created_at: now,
        useful_until: now + ctx.lifetimes.of(template),
    }
}

/// Looks up one template's strings with the arguments every one of them may use.
struct Strings<'a> {
    template: &'a Template<'a>,
    locale: Locale,
    sender: &'a str,
    login_url: String,
    method: String,
    /// `MethodHint`'s methods, translated and joined.
    methods: String,
}

impl<'a> Strings<'a> {
    fn new(ctx: &'a ComposeContext, template: &'a Template<'a>, locale: Locale) -> Self {
        let base = ctx.public_url.trim_end_matches('/');
        let method = match template {
            Template::Welcome { method, .. } => method_name(locale, method),
            _ => String::new(),
        };
        let methods = match template {
            Template::MethodHint { methods } => methods
                .iter()
                .map(|m| method_name(locale, m))
                .collect::<Vec<_>>()
                .join(&locale.t("message-list-separator")),
            _ => String::new(),
        };
        Self {
            template,
            locale,
            sender: &ctx.sender_name,
            login_url: format!("{base}/login"),
            method,
            methods,
        }
    }

    /// `message-<template>-<part>` with every argument filled in.
    fn get(&self, part: &str) -> String {
        self.common(&format!("message-{}-{part}", self.template.key()))
    }

    /// Any message id with every argument filled in (extra arguments are harmless).
    fn common(&self, id: &str) -> String {
        let address = match self.template {
            Template::Welcome { address, .. } | Template::ContactRemoved { address } => address,
            _ => "",
        };
        let (when, ip, unlock_url) = match self.template {
            Template::AccountLocked {
                when,
                ip,
                unlock_url,
            } => (*when, *ip, *unlock_url),
            _ => ("", "", ""),
        };
        self.locale.t_args(
            id,
            &[
                ("sender", self.sender),
                ("code", self.template.code().unwrap_or("")),
                ("url", &self.login_url),
                ("address", address),
                ("method", &self.method),
                ("methods", &self.methods),
                ("link", self.template.link().unwrap_or("")),
                ("when", when),
                ("ip", ip),
                ("unlock_url", unlock_url),
            ],
        )
    }

    fn button(&self, label_id: &str, url: &str) -> Button {
        let label = self.common(label_id);
        let text = self
            .locale
            .t_args("message-link", &[("label", &label), ("url", url)]);
        Button {
            label,
            url: url.to_owned(),
            text,
        }
    }

    fn sms(&self) -> String {
        self.get("sms")
    }

    fn layout(&self) -> Layout {
        let sign_in = || {
            let label = self.common("message-button-sign-in");
            let text = self.locale.t_args(
                "message-link",
                &[("label", &label), ("url", &self.login_url)],
            );
            Some(Button {
                label,
                url: self.login_url.clone(),
                text,
            })
        };
        let (before, after, button) = match self.template {
            Template::RegistrationCode { .. }
            | Template::VerificationCode { .. }
            | Template::LoginCode { .. } => (
                vec![self.get("intro")],
                vec![
                    self.common("message-code-expires"),
                    self.common("message-never-share"),
                    self.get("ignore"),
                ],
                None,
            ),
            Template::SignupAttempt => (
                vec![self.get("body"), self.get("action"), self.get("ignore")],
                vec![],
                sign_in(),
            ),
            Template::AccountLocked { unlock_url, .. } => {
                let label = self.common("message-button-unlock");
                let text = self
                    .locale
                    .t_args("message-link", &[("label", &label), ("url", unlock_url)]);
                (
                    vec![self.get("body"), self.get("where"), self.get("unlock")],
                    vec![self.get("reset"), self.get("ignore")],
                    Some(Button {
                        label,
                        url: (*unlock_url).to_owned(),
                        text,
                    }),
                )
            }
            Template::Welcome { .. } => (
                vec![
                    self.get("intro"),
                    self.get("address"),
                    self.get("method"),
                    self.get("settings"),
                ],
                vec![],
                sign_in(),
            ),
            Template::RecoveryCode { link, .. } => (
                vec![self.get("intro")],
                vec![
                    self.common("message-code-expires"),
                    self.common("message-never-share"),
                    self.get("ignore"),
                ],
                link.map(|url| self.button("message-button-reset", url)),
            ),
            Template::PasswordChanged { report_link } => (
                vec![self.get("body"), self.get("not-you"), self.get("ignore")],
                vec![],
                Some(self.button("message-button-not-me", report_link)),
            ),
            Template::MethodHint { .. } => (
                vec![self.get("body"), self.get("methods"), self.get("how")],
                vec![],
                sign_in(),
            ),
            Template::NoAccount => (
                vec![self.get("body"), self.get("other"), self.get("ignore")],
                vec![],
                None,
            ),
            Template::AccountBlockedHelp => {
                (vec![self.get("body"), self.get("support")], vec![], None)
            }
            Template::ContactRemoved { .. } => (
                vec![self.get("body"), self.get("action"), self.get("ignore")],
                vec![],
                sign_in(),
            ),
        };
        Layout {
            heading: self.get("heading"),
            before,
            code: self.template.code().map(str::to_owned),
            code_label: self.common("message-code-label"),
            after,
            button,
            footer: self.common("message-footer"),
        }
    }
}

/// One email's content, before it becomes text or HTML.
#[derive(Debug)]
struct Layout {
    heading: String,
    /// Paragraphs above the code box (all of them when there is no code).
    before: Vec<String>,
    code: Option<String>,
    code_label: String,
    after: Vec<String>,
    button: Option<Button>,
    footer: String,
}

#[derive(Debug)]
struct Button {
    label: String,
    url: String,
    /// How the plain-text part shows it ("Sign in: https://…", punctuated per locale).
    text: String,
}

#[derive(askama::Template)]
#[template(path = "email.html")]
struct EmailHtml<'a> {
    lang: &'a str,
    subject: &'a str,
    body: &'a Layout,
}

impl Layout {
    fn to_text(&self) -> String {
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

    /// `None` only if askama fails, which would mean a bug in the template; the text part
    /// still goes out then.
    fn to_html(&self, locale: Locale, subject: &str) -> Option<String> {
        let page = EmailHtml {
            lang: locale.tag(),
            subject,
            body: self,
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

#[cfg(test)]
mod tests {
    use super::*;
    use latchkey_i18n::SUPPORTED;

    fn ctx() -> ComposeContext {
        ComposeContext {
            sender_name: "Acme Shop".into(),
            public_url: "https://shop.example.com/".into(),
            lifetimes: MessageLifetimes::default(),
        }
    }

    fn all_templates() -> Vec<Template<'static>> {
        vec![
            Template::RegistrationCode { code: "123456" },
            Template::SignupAttempt,
            Template::VerificationCode { code: "234567" },
            Template::LoginCode { code: "345678" },
            Template::Welcome {
                address: "ann@example.com",
                method: "password",
            },
            Template::RecoveryCode {
                code: "456789",
                link: Some(RESET_LINK),
            },
            Template::RecoveryCode {
                code: "567890",
                link: None,
            },
            Template::PasswordChanged {
                report_link: REPORT_LINK,
            },
            Template::MethodHint {
                methods: &["email_code", "google"],
            },
            Template::MethodHint {
                methods: &["password", "sms_code"],
            },
            Template::NoAccount,
            Template::AccountBlockedHelp,
            Template::ContactRemoved {
                address: "+447946001800",
            },
        ]
    }

    /// Links as flows build them: the base URL and a 43-character token.
    const RESET_LINK: &str =
        "https://shop.example.com/recovery/link?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    const REPORT_LINK: &str = "https://shop.example.com/security/report?token=BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";

    /// GSM 03.38 basic set; the extension set costs two septets each.
    const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    const GSM_EXT: &str = "^{}\\[~]|€\u{c}";

    /// Septets when the text fits GSM-7; `None` when it needs UCS-2.
    fn gsm_len(s: &str) -> Option<usize> {
        s.chars().try_fold(0, |n, c| {
            if GSM_BASIC.contains(c) {
                Some(n + 1)
            } else if GSM_EXT.contains(c) {
                Some(n + 2)
            } else {
                None
            }
        })
    }

    /// How many SMS segments the text takes (concatenated parts carry a 7-octet header).
    fn segments(s: &str) -> usize {
        match gsm_len(s) {
            Some(n) if n <= 160 => 1,
            Some(n) => n.div_ceil(153),
            None => {
                let units = s.encode_utf16().count();
                if units <= 70 { 1 } else { units.div_ceil(67) }
            }
        }
    }

    #[test]
    fn every_template_renders_in_every_locale_on_both_channels() {
        let now = OffsetDateTime::now_utc();
        for locale in SUPPORTED {
            for template in all_templates() {
                for channel in [Channel::Email, Channel::Sms] {
                    let m = compose(&ctx(), &template, channel, "ann@example.com", locale, now);
                    let what = format!("{locale} {} {channel:?}", template.name());
                    let html = m.html.clone().unwrap_or_default();
                    for part in [&m.subject, &m.text, &html] {
                        assert!(
                            !part.contains("message-"),
                            "{what}: Fluent id leaked: {part}"
                        );
                        assert!(!part.contains('\u{2068}'), "{what}: isolation mark");
                    }
                    assert_eq!(m.template, template.name());
                    assert_eq!(m.locale, locale.tag());
                    assert!(m.text.contains("Acme Shop"), "{what}: no sender");
                    if let Some(code) = template.code() {
                        assert!(m.text.contains(code), "{what}: code missing from text");
                    }
                    match channel {
                        Channel::Email => {
                            assert!(!m.subject.trim().is_empty(), "{what}: empty subject");
                            assert!(html.contains(&format!("lang=\"{}\"", locale.tag())));
                            if let Some(code) = template.code() {
                                assert!(html.contains(code), "{what}: code missing from HTML");
                            }
                            // The same content in both parts: every text line is in the HTML.
                            for line in m.text.lines().map(str::trim) {
                                if line.is_empty() || line == "--" {
                                    continue;
                                }
                                // The text spells a button out as "label: url".
                                let pieces = match line.find("https://") {
                                    Some(i) if !html.contains(line) => vec![
                                        line[..i]
                                            .trim_end_matches([' ', '\u{a0}', ':', '：'])
                                            .to_owned(),
                                        line[i..].to_owned(),
                                    ],
                                    _ => vec![line.to_owned()],
                                };
                                for piece in pieces {
                                    let escaped =
                                        piece.replace('\'', "&#39;").replace('"', "&#34;");
                                    assert!(
                                        html.contains(&piece) || html.contains(&escaped),
                                        "{what}: HTML lacks {piece:?}"
                                    );
                                }
                            }
                        }
                        Channel::Sms => {
                            assert!(m.subject.is_empty());
                            assert!(m.html.is_none());
                            if let Some(code) = template.code() {
                                assert!(
                                    m.text.starts_with(code),
                                    "{what}: SMS must start with the code"
                                );
                                assert!(m.text.contains("15"), "{what}: no expiry");
                            }
                            if locale == Locale::En {
                                let n = gsm_len(&m.text);
                                assert!(
                                    n.is_some_and(|n| n <= 160),
                                    "{what}: {n:?} septets: {}",
                                    m.text
                                );
                            } else {
                                assert!(segments(&m.text) <= 3, "{what}: too long: {}", m.text);
                            }
                            if template.code().is_some()
                                && matches!(locale, Locale::Ru | Locale::ZhCn)
                            {
                                // One UCS-2 segment for the codes people wait for.
                                let units = m.text.encode_utf16().count();
                                assert!(
                                    units <= 70 || template.name() == "login_code",
                                    "{what}: {units} UCS-2 units: {}",
                                    m.text
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn english_messages_read_as_specified() {
        let now = OffsetDateTime::now_utc();
        let sms = compose(
            &ctx(),
            &Template::RegistrationCode { code: "123456" },
            Channel::Sms,
            "+15551234567",
            Locale::En,
            now,
        );
        assert_eq!(
            sms.text,
            "123456 is your Acme Shop verification code. It expires in 15 minutes."
        );
        let attempt = compose(
            &ctx(),
            &Template::SignupAttempt,
            Channel::Email,
            "ann@example.com",
            Locale::En,
            now,
        );
        assert!(attempt.text.contains("https://shop.example.com/login"));
        assert!(attempt.text.contains("there is nothing to do"));
        let welcome = compose(
            &ctx(),
            &Template::Welcome {
                address: "ann@example.com",
                method: "passkey",
            },
            Channel::Email,
            "ann@example.com",
            Locale::Ru,
            now,
        );
        assert!(welcome.text.contains("ann@example.com"));
        assert!(welcome.text.contains("ключ доступа"), "{}", welcome.text);
        let other = compose(
            &ctx(),
            &Template::Welcome {
                address: "ann@example.com",
                method: "GitHub",
            },
            Channel::Email,
            "ann@example.com",
            Locale::Fr,
            now,
        );
        assert!(other.text.contains("GitHub"));
    }

    #[test]
    fn recovery_messages_carry_their_link_and_methods() {
        let now = OffsetDateTime::now_utc();
        for locale in SUPPORTED {
            let m = compose(
                &ctx(),
                &Template::RecoveryCode {
                    code: "456789",
                    link: Some(RESET_LINK),
                },
                Channel::Email,
                "a@example.com",
                locale,
                now,
            );
            assert!(m.text.contains(RESET_LINK), "{locale}: {}", m.text);
            assert!(m.html.unwrap_or_default().contains(RESET_LINK));
            let sms = compose(
                &ctx(),
                &Template::PasswordChanged {
                    report_link: REPORT_LINK,
                },
                Channel::Sms,
                "+447946001800",
                locale,
                now,
            );
            assert!(sms.text.contains(REPORT_LINK), "{locale}: {}", sms.text);
            let hint = compose(
                &ctx(),
                &Template::MethodHint {
                    methods: &["email_code", "google"],
                },
                Channel::Email,
                "a@example.com",
                locale,
                now,
            );
            assert!(
                hint.text.contains(&locale.t("message-method-email_code")),
                "{locale}: {}",
                hint.text
            );
            assert!(hint.text.contains(&locale.t("message-method-google")));
        }
        let sms = compose(
            &ctx(),
            &Template::RecoveryCode {
                code: "456789",
                link: None,
            },
            Channel::Sms,
            "+447946001800",
            Locale::En,
            now,
        );
        assert_eq!(
            sms.text,
            "456789 is your Acme Shop password reset code. It expires in 15 minutes. Never share it."
        );
    }

    #[test]
    fn no_message_carries_a_link_other_than_the_login_page() {
        let now = OffsetDateTime::now_utc();
        for locale in SUPPORTED {
            for template in all_templates() {
                let m = compose(
                    &ctx(),
                    &template,
                    Channel::Email,
                    "a@example.com",
                    locale,
                    now,
                );
                let html = m.html.unwrap_or_default();
                for body in [&m.text, &html] {
                    for (i, _) in body.match_indices("https://") {
                        let link = &body[i..];
                        // The one-time link the message was asked for is allowed (X1).
                        let asked_for = template.link().is_some_and(|l| link.starts_with(l));
                        assert!(
                            asked_for || link.starts_with("https://shop.example.com/login"),
                            "{locale} {}: unexpected link {}",
                            template.name(),
                            &link[..link.len().min(60)]
                        );
                    }
                    assert!(
                        template.link().is_some() || !body.contains("token="),
                        "no sign-in links in messages (X1)"
                    );
                }
            }
        }
    }

    #[test]
    fn html_escapes_names_and_addresses() {
        let ctx = ComposeContext {
            sender_name: "<script>alert('s')</script> & Co".into(),
            public_url: "https://shop.example.com".into(),
            lifetimes: MessageLifetimes::default(),
        };
        let m = compose(
            &ctx,
            &Template::Welcome {
                address: "<script>alert(1)</script>@example.com",
                method: "password",
            },
            Channel::Email,
            "x@example.com",
            Locale::En,
            OffsetDateTime::now_utc(),
        );
        let html = m.html.expect("html part");
        assert!(!html.contains("<script>"), "{html}");
        // askama writes numeric character references.
        assert!(
            html.contains("&#60;script&#62;alert(1)&#60;/script&#62;@example.com"),
            "{html}"
        );
        assert!(html.contains("&#38; Co"));
        // The text part is not HTML and keeps the name as written.
        assert!(m.text.contains("<script>alert(1)</script>@example.com"));
    }
}

#[cfg(test)]
mod abuse_tests {
    use super::*;
    use latchkey_i18n::SUPPORTED;

    #[test]
    fn the_lock_notice_says_when_where_and_how_to_unlock_in_every_locale() {
        let ctx = ComposeContext {
            sender_name: "Acme Shop".into(),
            public_url: "https://shop.example.com".into(),
            lifetimes: MessageLifetimes::default(),
        };
        let url = "https://shop.example.com/unlock?token=abc";
        let t = Template::AccountLocked {
            when: "2025-01-02 03:04 UTC",
            ip: "203.0.113.7",
            unlock_url: url,
        };
        for locale in SUPPORTED {
            for channel in [Channel::Email, Channel::Sms] {
                let m = compose(
                    &ctx,
                    &t,
                    channel,
                    "ann@example.com",
                    locale,
                    OffsetDateTime::now_utc(),
                );
                let what = format!("{locale} {channel:?}");
                assert_eq!(m.template, "account_locked");
                assert!(!m.text.contains("message-"), "{what}: {}", m.text);
                assert!(m.text.contains(url), "{what}: no unlock link: {}", m.text);
                assert!(m.text.contains("203.0.113.7"), "{what}: no IP");
                if channel == Channel::Email {
                    assert!(m.text.contains("2025-01-02 03:04 UTC"), "{what}: no time");
                    let html = m.html.clone().unwrap_or_default();
                    assert!(
                        html.contains("/unlock?token=abc"),
                        "{what}: no link in HTML"
                    );
                    assert!(!m.subject.is_empty());
                }
            }
        }
        let en = compose(
            &ctx,
            &t,
            Channel::Email,
            "a@example.com",
            Locale::En,
            OffsetDateTime::now_utc(),
        );
        assert!(en.text.contains("reset your password"), "{}", en.text);
    }
}
