//! Every message in every locale on both channels: no Fluent id leaks, the code is in
//! both parts, text and HTML say the same, SMS fit their segments, and no message carries
//! a link but the sign-in page and the one-time link it was sent for (PRODUCT.md X1).

use latchkey_courier::{ComposeContext, MailBrand, Message, MessageLifetimes, compose};
use latchkey_domain::contrast::Rgb;
use latchkey_flows::journeys::mfa::messages::{
    RecoveryCodeUsed, SecondFactorCode, SecondFactorFailed,
};
use latchkey_flows::journeys::recovery::messages::{
    AccountBlockedHelp, MethodHint, NoAccount, RecoveryCode,
};
use latchkey_flows::journeys::registration::messages::{RegistrationCode, SignupAttempt, Welcome};
use latchkey_flows::journeys::settings::messages::{
    AddressInUse, ContactCode, DeletionCancelled, DeletionScheduled, EmailChanged, EmailReverted,
    FactorAdded, FactorRemoved, PhoneChanged,
};
use latchkey_flows::journeys::sign_in::messages::NewDeviceSignIn;
use latchkey_flows::journeys::verification::messages::{ContactRemoved, VerificationCode};
use latchkey_flows::kernel::abuse::messages::AccountLocked;
use latchkey_flows::methods::code::messages::LoginCode;
use latchkey_flows::methods::password::messages::PasswordChanged;
use latchkey_i18n::{Locale, SUPPORTED};
use latchkey_store::Channel;
use time::OffsetDateTime;

fn ctx() -> ComposeContext {
    ComposeContext {
        sender_name: "Acme Shop".into(),
        public_url: "https://shop.example.com/".into(),
        lifetimes: MessageLifetimes::default(),
        brand: Default::default(),
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
        with_code(SecondFactorCode { code: "678901" }, "678901"),
        with_link(
            SecondFactorFailed {
                at: OffsetDateTime::UNIX_EPOCH,
                place: "203.0.113.9",
                device: "Mozilla/5.0 (iPhone)",
                report_link: REPORT_LINK,
            },
            REPORT_LINK,
        ),
        with_link(
            RecoveryCodeUsed {
                left: 7,
                report_link: REPORT_LINK,
            },
            REPORT_LINK,
        ),
        with_link(
            FactorAdded {
                factor: "totp",
                report_link: REPORT_LINK,
            },
            REPORT_LINK,
        ),
        with_link(
            FactorRemoved {
                factor: "passkey",
                report_link: REPORT_LINK,
            },
            REPORT_LINK,
        ),
        case(DeletionScheduled { date: "2025-01-16" }),
        case(DeletionCancelled),
        with_code(ContactCode { code: "789012" }, "789012"),
        case(AddressInUse),
        with_link(
            EmailChanged {
                new_address: "new@example.com",
                revert_link: REVERT_LINK,
            },
            REVERT_LINK,
        ),
        with_link(
            PhoneChanged {
                new_phone: "+447946001801",
                report_link: REPORT_LINK,
            },
            REPORT_LINK,
        ),
        with_link(
            NewDeviceSignIn {
                at: OffsetDateTime::UNIX_EPOCH,
                device: "Firefox · Linux",
                place: Some("Lisbon, Portugal"),
                ip: "203.0.113.9",
                report_link: REPORT_LINK,
            },
            REPORT_LINK,
        ),
        with_link(
            NewDeviceSignIn {
                at: OffsetDateTime::UNIX_EPOCH,
                device: "?",
                place: None,
                ip: "?",
                report_link: REPORT_LINK,
            },
            REPORT_LINK,
        ),
        case(EmailReverted {
            address: "ann@example.com",
        }),
    ]
}

/// Links as flows build them: the base URL and a 43-character token.
const RESET_LINK: &str =
    "https://shop.example.com/recovery/link?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const REVERT_LINK: &str =
    "https://shop.example.com/revert?token=CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC";
const REPORT_LINK: &str =
    "https://shop.example.com/security/report?token=BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";

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
                                let escaped = piece.replace('\'', "&#39;").replace('"', "&#34;");
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
        brand: Default::default(),
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

/// A shop with a name of its own in Russian and Chinese, a logo and colours (`[brand]`).
fn branded_ctx() -> ComposeContext {
    ComposeContext {
        sender_name: "Acme Shop".into(),
        public_url: "https://shop.example.com".into(),
        lifetimes: MessageLifetimes::default(),
        brand: MailBrand {
            names: vec![(Locale::Ru, "Акме".into()), (Locale::ZhCn, "艾克美".into())],
            logo_url: Some("https://shop.example.com/brand/logo?v=0123456789abcdef".into()),
            logo_alt: "Acme Shop logo".into(),
            primary: Some(Rgb::new(0x0b, 0x5f, 0xff)),
            on_primary: Some(Rgb::WHITE),
            accent: Some(Rgb::new(0xe8, 0xf0, 0xff)),
        },
    }
}

#[test]
fn every_message_is_signed_with_the_shops_name_in_its_language() {
    let ctx = branded_ctx();
    let now = OffsetDateTime::now_utc();
    for locale in SUPPORTED {
        let name = match locale {
            Locale::Ru => "Акме",
            Locale::ZhCn => "艾克美",
            _ => "Acme Shop",
        };
        // Every message: the list above and the lock notice, which it lacks.
        let mut messages: Vec<Box<dyn Message>> =
            all_templates().into_iter().map(|c| c.message).collect();
        messages.push(Box::new(AccountLocked {
            when: "2025-01-02 03:04 UTC",
            ip: "203.0.113.0/24",
            unlock_url: "https://shop.example.com/unlock?token=DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD",
            report_url: REPORT_LINK,
        }));
        for message in &messages {
            for channel in [Channel::Email, Channel::Sms] {
                let m = compose(&ctx, &**message, channel, "ann@example.com", locale, now);
                let what = format!("{locale} {} {channel:?}", message.name());
                let html = m.html.clone().unwrap_or_default();
                assert!(
                    m.text.contains(name),
                    "{what}: not signed {name}: {}",
                    m.text
                );
                if matches!(locale, Locale::Ru | Locale::ZhCn) {
                    // The name where it differs is used, not the default beside it.
                    assert!(!m.text.contains("Acme Shop"), "{what}: the default name");
                }
                for part in [&m.subject, &m.text, &html] {
                    assert!(
                        !part.to_lowercase().contains("latchkey"),
                        "{what}: still says Latchkey: {part}"
                    );
                }
                if channel == Channel::Email {
                    assert!(html.contains(name), "{what}: HTML lacks {name}");
                    assert!(
                        html.contains(
                            "<img src=\"https://shop.example.com/brand/logo?v=0123456789abcdef\" alt=\"Acme Shop logo\""
                        ),
                        "{what}: no logo"
                    );
                    assert!(
                        html.contains("background:#e8f0ff"),
                        "{what}: no accent band"
                    );
                    if html.contains("<a href=") {
                        assert!(
                            html.contains("background:#0b5fff;color:#ffffff;"),
                            "{what}: the button is not in the primary colour"
                        );
                        assert!(!html.contains("#1f6feb"), "{what}: the plain button colour");
                    }
                }
            }
        }
    }
}

#[test]
fn without_a_brand_mail_keeps_its_plain_look() {
    let m = compose(
        &ctx(),
        &PasswordChanged {
            report_link: REPORT_LINK,
        },
        Channel::Email,
        "ann@example.com",
        Locale::En,
        OffsetDateTime::now_utc(),
    );
    let html = m.html.expect("html part");
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains("background:#1f6feb;color:#ffffff;"), "{html}");
}

#[test]
fn an_accent_without_a_logo_shows_the_name_in_the_band() {
    let mut ctx = branded_ctx();
    ctx.brand.logo_url = None;
    let m = compose(
        &ctx,
        &NoAccount,
        Channel::Email,
        "ann@example.com",
        Locale::Ru,
        OffsetDateTime::now_utc(),
    );
    let html = m.html.expect("html part");
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains("background:#e8f0ff"), "{html}");
    assert!(html.contains(">Акме</span>"), "{html}");
}
