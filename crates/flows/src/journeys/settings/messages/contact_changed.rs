//! What an email or phone change tells the addresses it concerns: the address someone
//! tried to take, the old primary email (with its revert link), the old phone, and both
//! addresses once a change is reverted.

use latchkey_courier::{Layout, Message, MessageLifetimes, Strings};
use latchkey_i18n::Locale;
use time::Duration;

/// How long a revert link works (and its notice is worth delivering).
pub const REVERT_LINK_TTL: Duration = Duration::days(7);

/// To an address another account holds verified: someone tried to add it to their
/// account. Nothing about that account is said.
#[derive(Debug, Clone)]
pub struct AddressInUse;

impl Message for AddressInUse {
    fn name(&self) -> &'static str {
        "address_in_use"
    }

    fn lifetime(&self, lifetimes: &MessageLifetimes) -> Duration {
        lifetimes.notice
    }

    fn email(&self, s: &Strings<'_>) -> Layout {
        s.layout()
            .paragraph(s.get("body"))
            .paragraph(s.get("ignore"))
    }
}

/// To the old primary email: `new_address` is primary now; `revert_link` undoes it.
#[derive(Debug, Clone)]
pub struct EmailChanged<'a> {
    pub new_address: &'a str,
    pub revert_link: &'a str,
}

impl Message for EmailChanged<'_> {
    fn name(&self) -> &'static str {
        "email_changed"
    }

    fn lifetime(&self, lifetimes: &MessageLifetimes) -> Duration {
        REVERT_LINK_TTL.max(lifetimes.notice)
    }

    fn args(&self, _: Locale) -> Vec<(&'static str, String)> {
        vec![
            ("address", self.new_address.to_owned()),
            ("link", self.revert_link.to_owned()),
        ]
    }

    fn email(&self, s: &Strings<'_>) -> Layout {
        s.layout()
            .paragraph(s.get("body"))
            .paragraph(s.get("not-you"))
            .paragraph(s.get("ignore"))
            .button(s.button("message-button-not-me", self.revert_link))
    }
}

/// To the old primary phone: `new_phone` is primary now; `report_link` is "this wasn't
/// me".
#[derive(Debug, Clone)]
pub struct PhoneChanged<'a> {
    pub new_phone: &'a str,
    pub report_link: &'a str,
}

impl Message for PhoneChanged<'_> {
    fn name(&self) -> &'static str {
        "phone_changed"
    }

    fn lifetime(&self, lifetimes: &MessageLifetimes) -> Duration {
        lifetimes.report_link.max(lifetimes.notice)
    }

    fn args(&self, _: Locale) -> Vec<(&'static str, String)> {
        vec![
            ("address", self.new_phone.to_owned()),
            ("link", self.report_link.to_owned()),
        ]
    }

    fn email(&self, s: &Strings<'_>) -> Layout {
        s.layout()
            .paragraph(s.get("body"))
            .paragraph(s.get("not-you"))
            .button(s.button("message-button-not-me", self.report_link))
    }
}

/// To both addresses once a revert link was used: `address` is the primary email again.
#[derive(Debug, Clone)]
pub struct EmailReverted<'a> {
    pub address: &'a str,
}

impl Message for EmailReverted<'_> {
    fn name(&self) -> &'static str {
        "email_reverted"
    }

    fn lifetime(&self, lifetimes: &MessageLifetimes) -> Duration {
        lifetimes.notice
    }

    fn args(&self, _: Locale) -> Vec<(&'static str, String)> {
        vec![("address", self.address.to_owned())]
    }

    fn email(&self, s: &Strings<'_>) -> Layout {
        s.layout()
            .paragraph(s.get("body"))
            .paragraph(s.get("advice"))
            .button(s.sign_in_button())
    }
}
