//! The registry of methods: the lists the journeys read when they ask which methods take
//! part. A new method adds itself here, one line in each list it belongs to:
//! - [`HINTS`]: the sign-in methods an account has, as the method hint (recovery,
//!   "which method did I use?") and the account view name them, in this order;
//! - [`SIGN_IN_WAYS`]: the other ways in the sign-in page links to, beside its password
//!   form;
//! - [`SETTINGS_SECTIONS`]: the sections a method adds to the settings page;
//! - [`SECOND_FACTORS`]: the methods that may finish a sign-in's second step, in the
//!   order the second-step page offers them.

use crate::methods::code::Code;
use crate::methods::passkey::Passkey;
use crate::methods::password::PasswordMethod;
use crate::methods::recovery_codes::RecoveryCodes;
use crate::methods::social::Social;
use crate::methods::totp::Totp;
use latchkey_store::{ContactKind, Credential};

/// What the methods may look at to say whether an account can use them.
pub(crate) struct AccountFacts<'a> {
    pub has_password: bool,
    pub has_totp: bool,
    pub has_passkey: bool,
    /// Every credential, where the caller read them (the account view reads only the
    /// password flag: then empty).
    pub credentials: &'a [Credential],
    pub verified_email: bool,
    pub verified_phone: bool,
}

/// A method that can tell the owner "you can sign in with this".
pub(crate) trait MethodHint: Sync {
    /// Appends this method's keys (`password`, `email_code`, …) for the account.
    fn hints(&self, account: &AccountFacts<'_>, out: &mut Vec<String>);
}

/// A way in the sign-in page links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignInWay {
    /// The page that starts it.
    pub path: &'static str,
    /// The Fluent key of the link text.
    pub label: &'static str,
}

pub(crate) trait SignInLink: Sync {
    fn sign_in_way(&self) -> SignInWay;
}

/// A card a method adds to the settings page: a heading and a link to its own page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingsCard {
    /// The heading's element id (the card's `aria-labelledby`).
    pub id: &'static str,
    /// The Fluent key of the heading.
    pub title: &'static str,
    pub path: &'static str,
    /// The Fluent key of the link text.
    pub link: &'static str,
    /// The link's `data-testid`.
    pub test_id: &'static str,
}

pub(crate) trait SettingsSection: Sync {
    fn settings_card(&self) -> SettingsCard;
}

/// What the methods may look at to say whether an account can finish a second step with
/// them.
pub(crate) struct SecondFactorFacts<'a> {
    pub credentials: &'a [Credential],
    pub recovery_codes_left: u32,
    pub verified_email: bool,
    /// A verified phone, and SMS can be sent.
    pub verified_phone: bool,
    /// The contact kind whose code proved the first step: no second factor then.
    pub via: Option<ContactKind>,
}

/// A method that can be a sign-in's second step.
pub(crate) trait SecondFactorMethod: Sync {
    /// Appends this method's keys (`totp`, `passkey`, `recovery_code`, `sms`, `email`)
    /// when the account can use it.
    fn second_factors(&self, account: &SecondFactorFacts<'_>, out: &mut Vec<String>);
}

pub(crate) static HINTS: &[&dyn MethodHint] = &[
    &PasswordMethod,
    &Passkey,
    &Social,
    &Code,
    &Totp,
    &RecoveryCodes,
];
pub(crate) static SECOND_FACTORS: &[&dyn SecondFactorMethod] =
    &[&Passkey, &Totp, &Code, &RecoveryCodes];
pub(crate) static SIGN_IN_WAYS: &[&dyn SignInLink] = &[&Code];
pub(crate) static SETTINGS_SECTIONS: &[&dyn SettingsSection] = &[&PasswordMethod];

/// Every method key the account has, in the registry's order.
pub(crate) fn method_hints(account: &AccountFacts<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for method in HINTS {
        method.hints(account, &mut out);
    }
    out
}

/// The second-step methods the account can use, in the registry's order.
pub(crate) fn second_factor_methods(account: &SecondFactorFacts<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for method in SECOND_FACTORS {
        method.second_factors(account, &mut out);
    }
    out
}

/// The other ways in the sign-in page links to, in the registry's order.
pub fn sign_in_ways() -> Vec<SignInWay> {
    SIGN_IN_WAYS.iter().map(|m| m.sign_in_way()).collect()
}

/// The methods' cards on the settings page, in the registry's order.
pub fn settings_cards() -> Vec<SettingsCard> {
    SETTINGS_SECTIONS
        .iter()
        .map(|m| m.settings_card())
        .collect()
}
