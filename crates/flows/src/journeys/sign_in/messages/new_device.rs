//! A sign-in from a device this account has not seen before, with a "this wasn't me"
//! link (the same report link as the "password changed" notice's).

use latchkey_courier::{Layout, Message, MessageLifetimes, Strings};
use latchkey_i18n::Locale;
use time::{Duration, OffsetDateTime};

#[derive(Debug, Clone)]
pub struct NewDeviceSignIn<'a> {
    pub at: OffsetDateTime,
    /// The device's coarse name ("Firefox · Linux"), or its raw user agent, or "?".
    pub device: &'a str,
    /// "City, Country" when a GeoIP database knows the address.
    pub place: Option<&'a str>,
    /// The address the sign-in came from ("?" when none).
    pub ip: &'a str,
    /// "This wasn't me".
    pub report_link: &'a str,
}

impl Message for NewDeviceSignIn<'_> {
    fn name(&self) -> &'static str {
        "new_device"
    }

    fn lifetime(&self, lifetimes: &MessageLifetimes) -> Duration {
        // Late is better than never while its link can still block the account.
        lifetimes.report_link.max(lifetimes.notice)
    }

    fn args(&self, _: Locale) -> Vec<(&'static str, String)> {
        let when = self
            .at
            .format(&time::format_description::well_known::Rfc2822)
            .unwrap_or_default();
        vec![
            ("when", when),
            ("device", self.device.to_owned()),
            ("place", self.place.unwrap_or_default().to_owned()),
            ("ip", self.ip.to_owned()),
            ("link", self.report_link.to_owned()),
        ]
    }

    fn email(&self, s: &Strings<'_>) -> Layout {
        let details = if self.place.is_some() {
            "details-place"
        } else {
            "details"
        };
        s.layout()
            .paragraph(s.get("body"))
            .paragraph(s.get(details))
            .paragraph(s.get("not-you"))
            .paragraph(s.get("ignore"))
            .button(s.button("message-button-not-me", self.report_link))
    }
}
