//! The right password was followed by a wrong second factor: someone may know it.

use latchkey_courier::{Layout, Message, MessageLifetimes, Strings};
use latchkey_i18n::Locale;
use time::{Duration, OffsetDateTime};

#[derive(Debug, Clone)]
pub struct SecondFactorFailed<'a> {
    pub at: OffsetDateTime,
    /// The address the attempt came from ("unknown" when none).
    pub place: &'a str,
    /// The browser or app it came from, as its user agent names it.
    pub device: &'a str,
    /// "This wasn't me" (`Flows::report_link`).
    pub report_link: &'a str,
}

impl Message for SecondFactorFailed<'_> {
    fn name(&self) -> &'static str {
        "second_factor_failed"
    }

    fn lifetime(&self, lifetimes: &MessageLifetimes) -> Duration {
        lifetimes.notice
    }

    fn args(&self, _: Locale) -> Vec<(&'static str, String)> {
        let when = self
            .at
            .format(&time::format_description::well_known::Rfc2822)
            .unwrap_or_default();
        vec![
            ("when", when),
            ("place", self.place.to_owned()),
            ("device", self.device.to_owned()),
        ]
    }

    fn email(&self, s: &Strings<'_>) -> Layout {
        s.layout()
            .paragraph(s.get("body"))
            .paragraph(s.get("details"))
            .paragraph(s.get("advice"))
            .button(s.button("message-button-not-me", self.report_link))
    }
}
