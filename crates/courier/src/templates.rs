//! Composing messages: subject, text and HTML per message and locale.
//!
//! Each message Latchkey sends is a struct implementing [`Message`] (see
//! [`crate::messages`]); [`compose`] renders one for one recipient. Every string comes
//! from Fluent (`crates/i18n/locales/<lang>/messages.ftl`), looked up through
//! [`Strings`]. An email is first laid out as a [`Layout`] and then rendered twice from
//! that one value, as plain text and as HTML, so both parts always say the same thing. No
//! message carries a sign-in link (PRODUCT.md X1): only plain links to the `/login` page,
//! and the one-time link a message was asked for (a reset link, a "this wasn't me" link).

use crate::layout::{Button, Layout};
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
/// The code and token lifetimes must match the flows' (`FlowSettings::message_lifetimes`
/// builds them from the flows' own policies); the defaults here are the flows' defaults,
/// for tests of this crate, and a test in `latchkey-flows` checks that they still are.
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
            code: latchkey_domain::CodePolicy::default().ttl,
            flow: Duration::hours(1),
            reset_link: Duration::hours(2),
            unlock_link: Duration::hours(2),
            report_link: Duration::days(30),
            notice: crate::CourierConfig::default().notice_retry(),
        }
    }
}

impl MessageLifetimes {
    /// How long a one-time code really lives: its own lifetime, cut short by its flow's.
    pub fn one_time_code(&self) -> Duration {
        self.code.min(self.flow)
    }
}

/// One kind of message Latchkey sends, with what it carries (a code, a link, an address).
///
/// Its strings are the Fluent messages `message-<stem>-<part>`, where the stem is
/// [`Self::name`] with `_` written as `-` (`login_code` reads `message-login-code-subject`,
/// `message-login-code-sms`, …). Every string may use `{ $sender }` (the shop's name) and
/// `{ $url }` (the sign-in page) and whatever [`Self::args`] adds.
pub trait Message {
    /// The stable name stored with the outbox row and shown in the dev mailbox.
    fn name(&self) -> &'static str;

    /// How long the message is worth delivering, counted from when it is composed.
    fn lifetime(&self, lifetimes: &MessageLifetimes) -> Duration;

    /// The message's own Fluent arguments, e.g. `("code", …)`; `locale` is there for
    /// arguments that are themselves translated (see [`method_name`]).
    fn args(&self, locale: Locale) -> Vec<(&'static str, String)> {
        let _ = locale;
        Vec::new()
    }

    /// The email's subject line.
    fn subject(&self, s: &Strings<'_>) -> String {
        s.get("subject")
    }

    /// The whole SMS.
    fn sms(&self, s: &Strings<'_>) -> String {
        s.get("sms")
    }

    /// The email's content, laid out once for both its text and its HTML part.
    fn email(&self, s: &Strings<'_>) -> Layout;
}

/// A method key (`password`, `code`, `passkey`, `google`, …) in the recipient's language;
/// provider names and future methods pass through untranslated rather than leaking a
/// Fluent id.
pub fn method_name(locale: Locale, method: &str) -> String {
    let key = format!("message-method-{method}");
    if locale.has(&key) {
        locale.t(&key)
    } else {
        method.to_owned()
    }
}

/// Renders `message` for one recipient on one channel in one locale.
pub fn compose(
    ctx: &ComposeContext,
    message: &dyn Message,
    channel: Channel,
    recipient: &str,
    locale: Locale,
    now: OffsetDateTime,
) -> NewMessage {
    let strings = Strings::new(ctx, message, locale);
    let (subject, text, html) = match channel {
        Channel::Sms => (String::new(), message.sms(&strings), None),
        Channel::Email => {
            let subject = message.subject(&strings);
            let layout = message.email(&strings);
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
        template: message.name().to_owned(),
        subject,
        text,
        html,
        created_at: now,
        useful_until: now + message.lifetime(&ctx.lifetimes),
    }
}

/// One message's strings in one locale, with its arguments filled in.
pub struct Strings<'a> {
    locale: Locale,
    /// `message-<stem>`, the prefix of the message's own Fluent ids.
    stem: String,
    login_url: String,
    sender: &'a str,
    args: Vec<(&'static str, String)>,
}

impl<'a> Strings<'a> {
    fn new(ctx: &'a ComposeContext, message: &dyn Message, locale: Locale) -> Self {
        let base = ctx.public_url.trim_end_matches('/');
        Self {
            locale,
            stem: format!("message-{}", message.name().replace('_', "-")),
            login_url: format!("{base}/login"),
            sender: &ctx.sender_name,
            args: message.args(locale),
        }
    }

    /// The recipient's locale.
    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// The sign-in page: the one link any message may carry unasked.
    pub fn login_url(&self) -> &str {
        &self.login_url
    }

    /// The message's own string `message-<stem>-<part>`, arguments filled in.
    pub fn get(&self, part: &str) -> String {
        self.t(&format!("{}-{part}", self.stem))
    }

    /// Any Fluent message (a shared one such as `message-never-share`), with the
    /// message's arguments filled in.
    pub fn t(&self, id: &str) -> String {
        let mut args: Vec<(&str, &str)> = vec![("sender", self.sender), ("url", &self.login_url)];
        args.extend(self.args.iter().map(|(k, v)| (*k, v.as_str())));
        self.locale.t_args(id, &args)
    }

    /// A button labelled with the Fluent message `label_id`, leading to `url`.
    pub fn button(&self, label_id: &str, url: &str) -> Button {
        let label = self.t(label_id);
        let text = self
            .locale
            .t_args("message-link", &[("label", &label), ("url", url)]);
        Button::new(label, url, text)
    }

    /// The "Sign in" button, leading to the sign-in page.
    pub fn sign_in_button(&self) -> Button {
        self.button("message-button-sign-in", &self.login_url)
    }

    /// A new email layout with the message's heading (`message-<stem>-heading`) and the
    /// shared footer.
    pub fn layout(&self) -> Layout {
        Layout::new(self.get("heading"), self.t("message-footer"))
    }

    /// The layout every one-time-code email shares: the message's intro, the code in its
    /// box, when it expires, that nobody will ask for it, and the message's "ignore this"
    /// line. A message may still add a button.
    pub fn code_layout(&self, code: &str) -> Layout {
        self.layout()
            .paragraph(self.get("intro"))
            .code(self.t("message-code-label"), code)
            .paragraph(self.t("message-code-expires"))
            .paragraph(self.t("message-never-share"))
            .paragraph(self.get("ignore"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::*;
    use latchkey_i18n::SUPPORTED;

    fn ctx() -> ComposeContext {
        ComposeContext {
            sender_name: "Acme Shop".into(),
            public_url: "https://shop.example.com/".into(),
            lifetimes: MessageLifetimes::default(),
        }
    }

    /// One message of each kind, with the code and the one-time link it carries.
    struct Case {
        message: Box<dyn Message>,
        code: Option<&'static str>,
        link: Option<&'static str>,
    }

    fn case(message: impl Message + 'static) -> Case {
        Case {
            message: Box::new(message),
            code: None,
            link: None,
        }
    }

    fn with_code(message: impl Message + 'static, code: &'static str) -> Case {
        Case {
            code: Some(code),
            ..case(message)
        }
    }

    fn with_link(message: impl Message + 'static, link: &'static str) -> Case {
        Case {
            link: Some(link),
            ..case(message)
        }
    }

    fn all_templates() -> Vec<Case> {
        vec![
            with_code(RegistrationCode { code: "123456" }, "123456"),
            case(SignupAttempt),
            with_code(VerificationCode { code: "234567" }, "234567"),
            with_code(LoginCode { code: "345678" }, "345678"),
            case(Welcome {
                address: "ann@example.com",
                method: "password",
            }),
            Case {
                code: Some("456789"),
                ..with_link(
                    RecoveryCode {
                        code: "456789",
                        link: Some(RESET_LINK),
                    },
                    RESET_LINK,
                )
            },
            with_code(
                RecoveryCode {
                    code: "567890",
                    link: None,
                },
                "567890",
            ),
            with_link(
                PasswordChanged {
                    report_link: REPORT_LINK,
                },
                REPORT_LINK,
            ),
            case(MethodHint {
                methods: &["email_code", "google"],
            }),
            case(MethodHint {
                methods: &["password", "sms_code"],
            }),
            case(NoAccount),
            case(AccountBlockedHelp),
            case(ContactRemoved {
                address: "+447946001800",
            }),
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
            for case in all_templates() {
                for channel in [Channel::Email, Channel::Sms] {
                    let m = compose(
                        &ctx(),
                        &*case.message,
                        channel,
                        "ann@example.com",
                        locale,
                        now,
                    );
                    let what = format!("{locale} {} {channel:?}", case.message.name());
                    let html = m.html.clone().unwrap_or_default();
                    for part in [&m.subject, &m.text, &html] {
                        assert!(
                            !part.contains("message-"),
                            "{what}: Fluent id leaked: {part}"
                        );
                        assert!(!part.contains('\u{2068}'), "{what}: isolation mark");
                    }
                    assert_eq!(m.template, case.message.name());
                    assert_eq!(m.locale, locale.tag());
                    assert!(m.text.contains("Acme Shop"), "{what}: no sender");
                    if let Some(code) = case.code {
                        assert!(m.text.contains(code), "{what}: code missing from text");
                    }
                    match channel {
                        Channel::Email => {
                            assert!(!m.subject.trim().is_empty(), "{what}: empty subject");
                            assert!(html.contains(&format!("lang=\"{}\"", locale.tag())));
                            if let Some(code) = case.code {
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
                            if let Some(code) = case.code {
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
                            if case.code.is_some() && matches!(locale, Locale::Ru | Locale::ZhCn) {
                                // One UCS-2 segment for the codes people wait for.
                                let units = m.text.encode_utf16().count();
                                assert!(
                                    units <= 70 || case.message.name() == "login_code",
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
            &RegistrationCode { code: "123456" },
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
            &SignupAttempt,
            Channel::Email,
            "ann@example.com",
            Locale::En,
            now,
        );
        assert!(attempt.text.contains("https://shop.example.com/login"));
        assert!(attempt.text.contains("there is nothing to do"));
        let welcome = compose(
            &ctx(),
            &Welcome {
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
            &Welcome {
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
                &RecoveryCode {
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
                &PasswordChanged {
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
                &MethodHint {
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
            &RecoveryCode {
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
            for case in all_templates() {
                let m = compose(
                    &ctx(),
                    &*case.message,
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
                        let asked_for = case.link.is_some_and(|l| link.starts_with(l));
                        assert!(
                            asked_for || link.starts_with("https://shop.example.com/login"),
                            "{locale} {}: unexpected link {}",
                            case.message.name(),
                            &link[..link.len().min(60)]
                        );
                    }
                    assert!(
                        case.link.is_some() || !body.contains("token="),
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
            &Welcome {
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
    use crate::messages::AccountLocked;
    use latchkey_i18n::SUPPORTED;

    #[test]
    fn the_lock_notice_says_when_where_and_how_to_unlock_in_every_locale() {
        let ctx = ComposeContext {
            sender_name: "Acme Shop".into(),
            public_url: "https://shop.example.com".into(),
            lifetimes: MessageLifetimes::default(),
        };
        let url = "https://shop.example.com/unlock?token=abc";
        let t = AccountLocked {
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
