//! The account locked after too many wrong passwords.

use latchkey_courier::{Layout, Message, MessageLifetimes, Strings};
use latchkey_i18n::Locale;
use time::Duration;

/// The account locked after too many wrong passwords: when, from where (coarse), a
/// single-use unlock link, the advice to reset the password, and (by email) the "this
/// wasn't me" link every security notice has.
#[derive(Debug, Clone)]
pub struct AccountLocked<'a> {
    pub when: &'a str,
    pub ip: &'a str,
    pub unlock_url: &'a str,
    pub report_url: &'a str,
}

impl Message for AccountLocked<'_> {
    fn name(&self) -> &'static str {
        "account_locked"
    }

    fn lifetime(&self, lifetimes: &MessageLifetimes) -> Duration {
        lifetimes.unlock_link
    }

    fn args(&self, _: Locale) -> Vec<(&'static str, String)> {
        vec![
            ("when", self.when.to_owned()),
            ("ip", self.ip.to_owned()),
            ("unlock_url", self.unlock_url.to_owned()),
            ("report_url", self.report_url.to_owned()),
        ]
    }

    fn email(&self, s: &Strings<'_>) -> Layout {
        s.layout()
            .paragraph(s.get("body"))
            .paragraph(s.get("where"))
            .paragraph(s.get("unlock"))
            .paragraph(s.get("reset"))
            .paragraph(s.get("not-me"))
            .paragraph(s.get("ignore"))
            .button(s.button("message-button-unlock", self.unlock_url))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use latchkey_courier::{ComposeContext, compose};
    use latchkey_i18n::SUPPORTED;
    use latchkey_store::Channel;
    use time::OffsetDateTime;

    #[test]
    fn the_lock_notice_says_when_where_and_how_to_unlock_in_every_locale() {
        let ctx = ComposeContext {
            sender_name: "Acme Shop".into(),
            public_url: "https://shop.example.com".into(),
            lifetimes: MessageLifetimes::default(),
            brand: Default::default(),
        };
        let url = "https://shop.example.com/unlock?token=abc";
        let t = AccountLocked {
            when: "2025-01-02 03:04 UTC",
            ip: "203.0.113.7",
            unlock_url: url,
            report_url: "https://shop.example.com/security/report?token=def",
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
                        m.text.contains("/security/report?token=def"),
                        "{what}: no report link: {}",
                        m.text
                    );
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
