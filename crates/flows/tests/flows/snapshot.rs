//! Every message in every locale on both channels, compared with a digest of what the
//! courier produced before messages became one struct each (issue #9). A change of
//! wording shows up here on purpose: regenerate with `LATCHKEY_BLESS=1` and review the
//! `.ftl` diff that caused it.

use latchkey_courier::{ComposeContext, Message, MessageLifetimes, compose};
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
use latchkey_i18n::SUPPORTED;
use latchkey_store::Channel;
use sha2::{Digest, Sha256};
use std::fmt::Write;
use std::path::Path;
use time::OffsetDateTime;

const RESET_LINK: &str =
    "https://shop.example.com/recovery/link?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const REVERT_LINK: &str =
    "https://shop.example.com/revert?token=CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC";
const REPORT_LINK: &str =
    "https://shop.example.com/security/report?token=BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
const UNLOCK_LINK: &str =
    "https://shop.example.com/unlock?token=CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC";

fn all() -> Vec<(&'static str, Box<dyn Message>)> {
    vec![
        (
            "registration_code",
            Box::new(RegistrationCode { code: "123456" }),
        ),
        ("signup_attempt", Box::new(SignupAttempt)),
        (
            "verification_code",
            Box::new(VerificationCode { code: "234567" }),
        ),
        ("login_code", Box::new(LoginCode { code: "345678" })),
        (
            "welcome/password",
            Box::new(Welcome {
                address: "ann@example.com",
                method: "password",
            }),
        ),
        (
            "welcome/other",
            Box::new(Welcome {
                address: "<ann & \"bob\">@example.com",
                method: "GitHub",
            }),
        ),
        (
            "recovery_code/link",
            Box::new(RecoveryCode {
                code: "456789",
                link: Some(RESET_LINK),
            }),
        ),
        (
            "recovery_code/sms",
            Box::new(RecoveryCode {
                code: "567890",
                link: None,
            }),
        ),
        (
            "password_changed",
            Box::new(PasswordChanged {
                report_link: REPORT_LINK,
            }),
        ),
        (
            "method_hint/one",
            Box::new(MethodHint {
                methods: &["password"],
            }),
        ),
        (
            "method_hint/many",
            Box::new(MethodHint {
                methods: &["email_code", "google", "passkey", "Okta"],
            }),
        ),
        ("no_account", Box::new(NoAccount)),
        ("account_blocked_help", Box::new(AccountBlockedHelp)),
        (
            "account_locked",
            Box::new(AccountLocked {
                when: "2025-01-02 03:04 UTC",
                ip: "203.0.113.0/24",
                unlock_url: UNLOCK_LINK,
                report_url: REPORT_LINK,
            }),
        ),
        (
            "contact_removed",
            Box::new(ContactRemoved {
                address: "+447946001800",
            }),
        ),
        (
            "new_device/place",
            Box::new(NewDeviceSignIn {
                at: time::OffsetDateTime::UNIX_EPOCH,
                device: "Firefox · Linux",
                place: Some("Lisbon, Portugal"),
                ip: "203.0.113.9",
                report_link: REPORT_LINK,
            }),
        ),
        (
            "new_device/no_place",
            Box::new(NewDeviceSignIn {
                at: time::OffsetDateTime::UNIX_EPOCH,
                device: "Safari · iPhone",
                place: None,
                ip: "198.51.100.7",
                report_link: REPORT_LINK,
            }),
        ),
        (
            "second_factor_code",
            Box::new(SecondFactorCode { code: "678901" }),
        ),
        (
            "second_factor_failed",
            Box::new(SecondFactorFailed {
                at: OffsetDateTime::UNIX_EPOCH,
                place: "203.0.113.9",
                device: "Mozilla/5.0 (iPhone)",
                report_link: REPORT_LINK,
            }),
        ),
        (
            "recovery_code_used",
            Box::new(RecoveryCodeUsed {
                left: 7,
                report_link: REPORT_LINK,
            }),
        ),
        (
            "factor_added",
            Box::new(FactorAdded {
                factor: "totp",
                report_link: REPORT_LINK,
            }),
        ),
        (
            "factor_removed",
            Box::new(FactorRemoved {
                factor: "passkey",
                report_link: REPORT_LINK,
            }),
        ),
        (
            "account_deletion_scheduled",
            Box::new(DeletionScheduled { date: "2025-01-16" }),
        ),
        ("account_deletion_cancelled", Box::new(DeletionCancelled)),
        ("contact_code", Box::new(ContactCode { code: "789012" })),
        ("address_in_use", Box::new(AddressInUse)),
        (
            "email_changed",
            Box::new(EmailChanged {
                new_address: "new@example.com",
                revert_link: REVERT_LINK,
            }),
        ),
        (
            "phone_changed",
            Box::new(PhoneChanged {
                new_phone: "+447946001801",
                report_link: REPORT_LINK,
            }),
        ),
        (
            "email_reverted",
            Box::new(EmailReverted {
                address: "ann@example.com",
            }),
        ),
    ]
}

/// The plain deployment, the one the courier's own tests compose with.
fn ctx() -> ComposeContext {
    ComposeContext {
        sender_name: "Acme Shop".into(),
        public_url: "https://shop.example.com".into(),
        lifetimes: MessageLifetimes::default(),
        brand: Default::default(),
    }
}

fn contexts() -> Vec<(&'static str, ComposeContext)> {
    vec![
        ("plain", ctx()),
        (
            "hostile",
            ComposeContext {
                sender_name: "<b>Tom & Jerry's</b> \"shop\"".into(),
                public_url: "https://shop.example.com/".into(),
                lifetimes: MessageLifetimes::default(),
                brand: Default::default(),
            },
        ),
    ]
}

fn render() -> String {
    let now = OffsetDateTime::UNIX_EPOCH;
    let mut out = String::new();
    for (ctx_name, ctx) in contexts() {
        for (name, template) in all() {
            for locale in SUPPORTED {
                for channel in [Channel::Email, Channel::Sms] {
                    let m = compose(&ctx, &*template, channel, "ann@example.com", locale, now);
                    let mut hash = Sha256::new();
                    hash.update(m.subject.as_bytes());
                    hash.update([0]);
                    hash.update(m.text.as_bytes());
                    hash.update([0]);
                    hash.update(m.html.as_deref().unwrap_or("<none>").as_bytes());
                    writeln!(
                        out,
                        "{ctx_name} {name} {locale} {channel:?} {} {} {}",
                        m.template,
                        (m.useful_until - m.created_at).whole_seconds(),
                        hex::encode(hash.finalize()),
                    )
                    .expect("write to a string");
                }
            }
        }
    }
    out
}

#[test]
fn every_message_reads_exactly_as_before() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/flows/messages.snapshot");
    let now = render();
    if std::env::var_os("LATCHKEY_BLESS").is_some() {
        std::fs::write(&path, &now).expect("write the snapshot");
        return;
    }
    let before = std::fs::read_to_string(&path).expect("read the snapshot");
    let changed: Vec<_> = before
        .lines()
        .zip(now.lines())
        .filter(|(a, b)| a != b)
        .map(|(_, b)| b)
        .collect();
    assert!(
        changed.is_empty() && before.lines().count() == now.lines().count(),
        "{} messages differ from the snapshot, first: {:?}",
        changed.len(),
        changed.first()
    );
}
