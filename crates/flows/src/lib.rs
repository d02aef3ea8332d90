//! The self-service flows, on two axes (docs/ARCHITECTURE.md, "crates/flows"):
//!
//! - `journeys/`: what a person sets out to do: registration, sign-in, recovery,
//!   verification, settings. Each owns its steps and its stored payload.
//! - `methods/`: one kind of credential each (password, one-time code), one file per
//!   journey it takes part in.
//! - `kernel/`: what both share: codes, hashing, abuse protection, sessions, errors,
//!   metrics and the registry of methods.
//!
//! Callers reach the journeys through one handle each (`flows.registration()`,
//! `flows.sign_in()`, `flows.recovery()`, `flows.verification()`, `flows.settings()`,
//! `flows.sessions()`, `flows.codes()`, `flows.unlock()`); the store stays inside.
//!
//! A flow calls domain, store and courier; it never imports axum. Flows that span
//! requests keep their state in the store, so any node can continue any flow.

pub mod journeys;
pub mod kernel;
pub mod methods;

// The paths callers have always used for these.
pub use journeys::admin::{AdminActor, AdminIdentityView, AdminRole, AdminSettings, EventsConfig};
pub use journeys::import::{ImportFailure, ImportReport, ImportRow};
pub use journeys::mfa::{MfaRequired, SecondFactorInput, SignInOutcome, TrustedDeviceView};
pub use journeys::recovery::{self as recovery, RecoveryStatus};
pub use journeys::registration::{self as registration, RegistrationInput};
pub use journeys::settings::account::{AccountExport, ProfileChange};
pub use journeys::settings::revert::RevertPreview;
pub use journeys::settings::view::{ContactView, IdentityView};
pub use journeys::sign_in::AccountProof as LinkProof;
pub use kernel::abuse::{self, Abuse, LimitsConfig, RuleConfig, captcha};
pub use kernel::codes::PendingCode;
pub use kernel::errors::FlowError;
pub use kernel::hashing::{HashParams, Hasher, HashingConfig};
pub use kernel::legacy_hashes::{is_supported_hash, password_scheme};
pub use kernel::privileged::Reauthentication;
pub use kernel::sessions::{Authenticated, SignedIn};
pub use methods::passkey::PasskeyView;
pub use methods::password::registration::PasswordAssessment;
pub use methods::social::link::LinkView;
pub use methods::social::sign_in::{CallbackInput, SocialOutcome, SocialStart};
pub use methods::social::{LinkedProvider, ProviderButton};
pub use methods::totp::settings::TotpEnrollment;

/// The stored records the flows' answers speak of, so callers (the web) name the flows,
/// never the store.
pub mod model {
    pub use latchkey_store::{Channel, ContactKind, FlowKind, IdentityState, Session};
    pub use latchkey_store::{DeliveryStatus, Event, EventQuery, WebhookDelivery};
}

use latchkey_courier::{ComposeContext, MessageLifetimes};
use latchkey_domain::{Clock, CodePolicy, PasswordPolicy};
use latchkey_store::DynStore;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use time::{Duration, OffsetDateTime};
use tokio::sync::Notify;

/// Deployment choices the flows depend on.
#[derive(Debug, Clone)]
pub struct FlowSettings {
    /// ISO 3166 region for phone numbers typed without a country code (`None`: require +).
    pub default_phone_region: Option<String>,
    /// Whether SMS can be sent (an SMS transport, or the dev mailbox, is configured).
    pub sms_enabled: bool,
    /// A session ends after this long without use…
    pub session_idle: Duration,
    /// …and after this long in any case.
    pub session_absolute: Duration,
    /// How long a multi-step flow stays open.
    pub flow_lifetime: Duration,
    /// How long a reset link (or the reset token a recovery code yields) stays usable.
    pub reset_link_ttl: Duration,
    /// How long a "this wasn't me" link in a notice stays usable.
    pub report_link_ttl: Duration,
    /// Whether a recovery request for an email address without an account tells that
    /// address so ("someone asked, but there is no account"). Never by SMS.
    pub notify_unknown_email: bool,
    /// How long after a sign-in or re-authentication a session may change the password,
    /// contacts, factors and passkeys.
    pub privileged_window: Duration,
    /// How long "remember this device" skips the second factor.
    pub remember_device: Duration,
    /// How long after the owner asks an account is erased (signing in cancels it).
    pub deletion_grace: Duration,
}

impl Default for FlowSettings {
    fn default() -> Self {
        Self::new(
            &SessionConfig::default(),
            &RecoveryConfig::default(),
            None,
            true,
        )
    }
}

impl FlowSettings {
    /// How long a multi-step flow stays open (not configurable).
    pub const FLOW_LIFETIME: Duration = Duration::hours(1);

    /// The settings from the config's `[session]` and `[recovery]` sections and the two
    /// top-level choices that are not sections.
    pub fn new(
        session: &SessionConfig,
        recovery: &RecoveryConfig,
        default_phone_region: Option<String>,
        sms_enabled: bool,
    ) -> Self {
        Self {
            default_phone_region,
            sms_enabled,
            session_idle: session.idle(),
            session_absolute: session.absolute(),
            flow_lifetime: Self::FLOW_LIFETIME,
            reset_link_ttl: recovery.link_ttl(),
            report_link_ttl: recovery.report_link_ttl(),
            notify_unknown_email: recovery.notify_unknown_email,
            privileged_window: session.privileged_window(),
            remember_device: session.remember_device(),
            deletion_grace: AccountConfig::default().deletion_grace(),
        }
    }

    /// The `[account]` section's choices.
    pub fn with_account(mut self, account: &AccountConfig) -> Self {
        self.deletion_grace = account.deletion_grace();
        self
    }

    /// How long each message is worth delivering: exactly as long as the code, flow or
    /// link it carries lasts here (the courier retries no longer), and `notice_retry` for
    /// messages that carry nothing that expires.
    pub fn message_lifetimes(
        &self,
        codes: &CodePolicy,
        abuse: &Abuse,
        notice_retry: Duration,
    ) -> MessageLifetimes {
        MessageLifetimes {
            code: codes.ttl,
            flow: self.flow_lifetime,
            reset_link: self.reset_link_ttl,
            unlock_link: abuse.unlock_ttl,
            report_link: self.report_link_ttl,
            notice: notice_retry,
        }
    }
}

/// The `[session]` section of the config, in its units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionConfig {
    /// A session ends after this many hours without use.
    pub idle_hours: i64,
    /// A session ends after this many days in any case.
    pub absolute_days: i64,
    /// Minutes after a sign-in or re-authentication during which the password,
    /// contacts, second factors and passkeys may be changed without proving oneself
    /// again (`403 reauthentication_required` after).
    #[serde(default = "SessionConfig::default_privileged_window_minutes")]
    pub privileged_window_minutes: i64,
    /// Days a device that passed the second factor and asked to be remembered skips it.
    #[serde(default = "SessionConfig::default_remember_device_days")]
    pub remember_device_days: i64,
}

impl Default for SessionConfig {
    fn default() -> Self {
        Self {
            idle_hours: 14 * 24,
            absolute_days: 90,
            privileged_window_minutes: Self::default_privileged_window_minutes(),
            remember_device_days: Self::default_remember_device_days(),
        }
    }
}

impl SessionConfig {
    pub fn idle(&self) -> Duration {
        Duration::hours(self.idle_hours)
    }

    pub fn absolute(&self) -> Duration {
        Duration::days(self.absolute_days)
    }

    pub fn privileged_window(&self) -> Duration {
        Duration::minutes(self.privileged_window_minutes)
    }

    pub fn remember_device(&self) -> Duration {
        Duration::days(self.remember_device_days)
    }

    fn default_privileged_window_minutes() -> i64 {
        journeys::settings::PRIVILEGED_WINDOW.whole_minutes()
    }

    fn default_remember_device_days() -> i64 {
        30
    }
}

/// The `[account]` section of the config, in its units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountConfig {
    /// Days between the owner's request to delete the account and its erasure; signing
    /// in during them cancels the deletion.
    pub deletion_grace_days: i64,
}

impl Default for AccountConfig {
    fn default() -> Self {
        Self {
            deletion_grace_days: 14,
        }
    }
}

impl AccountConfig {
    pub fn deletion_grace(&self) -> Duration {
        Duration::days(self.deletion_grace_days)
    }
}

/// The `[recovery]` section of the config, in its units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecoveryConfig {
    /// Minutes a reset link (or the reset token a recovery code yields) stays usable.
    pub link_ttl_minutes: i64,
    /// Days a "this wasn't me" link in a "password changed" notice stays usable.
    pub report_link_days: i64,
    /// Tell an email address without an account that someone asked to reset its password
    /// (never by SMS). Off: such requests send nothing.
    pub notify_unknown_email: bool,
}

impl Default for RecoveryConfig {
    fn default() -> Self {
        Self {
            link_ttl_minutes: 120,
            report_link_days: 30,
            notify_unknown_email: true,
        }
    }
}

impl RecoveryConfig {
    pub fn link_ttl(&self) -> Duration {
        Duration::minutes(self.link_ttl_minutes)
    }

    pub fn report_link_ttl(&self) -> Duration {
        Duration::days(self.report_link_days)
    }
}

/// Who is asking: recorded on sessions and (later) used by abuse protection.
#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// The `latchkey_device` cookie or `Latchkey-Device` header, unverified.
    pub device_token: Option<String>,
    /// The `Latchkey-Challenge` header (a solved proof of work), unverified.
    pub challenge: Option<String>,
    /// A captcha response token (`Latchkey-Captcha`), when a captcha is configured.
    pub captcha: Option<String>,
    /// The `latchkey_trusted_device` cookie or `Latchkey-Trusted-Device` header: a
    /// remembered device's token ("remember this device"), unverified.
    pub trusted_device_token: Option<String>,
}

/// What [`Flows::new`] is built from.
pub struct FlowParts {
    pub store: DynStore,
    pub clock: Arc<dyn Clock>,
    pub hasher: Hasher,
    pub passwords: Arc<PasswordPolicy>,
    pub codes: CodePolicy,
    pub compose: Arc<ComposeContext>,
    pub settings: Arc<FlowSettings>,
    /// Wakes the courier when a flow has written messages.
    pub courier: Arc<Notify>,
    /// Rate limits, lockout, device tokens, challenges.
    pub abuse: Arc<Abuse>,
    /// The WebAuthn relying party (passkeys); `None` where the public URL cannot be one
    /// (an IP address): passkeys are then unavailable.
    pub passkeys: Option<Arc<methods::passkey::Ceremonies>>,
    /// The configured social sign-in providers (none: no buttons).
    pub providers: Arc<methods::social::Providers>,
    /// The optional GeoIP database (`Places::none()` without one: no place is shown).
    pub places: Arc<kernel::places::Places>,
    /// The admin API's bootstrap key and the events' retention.
    pub admin: Arc<journeys::admin::AdminSettings>,
    /// The `[[webhooks]]` endpoints (none by default), whose worker `record` wakes.
    pub webhooks: Arc<latchkey_courier::WebhookEndpoints>,
}

/// Everything a flow needs, cheap to clone. The parts are private: callers go through
/// the journeys' handles, so a journey's rules cannot be skipped by reaching past it.
#[derive(Clone)]
pub struct Flows {
    store: DynStore,
    clock: Arc<dyn Clock>,
    hasher: Hasher,
    passwords: Arc<PasswordPolicy>,
    codes: CodePolicy,
    compose: Arc<ComposeContext>,
    settings: Arc<FlowSettings>,
    courier: Arc<Notify>,
    abuse: Arc<Abuse>,
    webauthn: Option<Arc<methods::passkey::Ceremonies>>,
    providers: Arc<methods::social::Providers>,
    places: Arc<kernel::places::Places>,
    admin: Arc<journeys::admin::AdminSettings>,
    webhooks: Arc<latchkey_courier::WebhookEndpoints>,
}

impl Flows {
    pub fn new(parts: FlowParts) -> Self {
        let FlowParts {
            store,
            clock,
            hasher,
            passwords,
            codes,
            compose,
            settings,
            courier,
            abuse,
            passkeys,
            providers,
            places,
            admin,
            webhooks,
        } = parts;
        Self {
            store,
            clock,
            hasher,
            passwords,
            codes,
            compose,
            settings,
            courier,
            abuse,
            webauthn: passkeys,
            providers,
            places,
            admin,
            webhooks,
        }
    }

    /// The store, for what is not a flow: the readiness check, the metrics of the
    /// outbox, the dev mailbox, and tests that look at what a flow wrote.
    pub fn store(&self) -> &DynStore {
        &self.store
    }

    pub fn now(&self) -> OffsetDateTime {
        self.clock.now()
    }

    /// The WebAuthn relying party, or `ChannelUnavailable` when passkeys are off.
    pub(crate) fn passkeys(&self) -> Result<&methods::passkey::Ceremonies, FlowError> {
        self.webauthn
            .as_deref()
            .ok_or(FlowError::ChannelUnavailable)
    }

    /// Where `ip` is ("City, Country"), in the locale's language where the GeoIP database
    /// has it; `None` without a database or for an address it does not know.
    pub fn place_of(&self, ip: Option<&str>, locale: latchkey_i18n::Locale) -> Option<String> {
        self.places.lookup(ip?, locale)
    }

    /// Whether passkeys can be used here (the pages offer them only then).
    pub fn passkeys_enabled(&self) -> bool {
        self.webauthn.is_some()
    }

    /// Tells the courier there is mail; delivery then starts at once, not at the next poll.
    pub(crate) fn wake_courier(&self) {
        self.courier.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use latchkey_courier::CourierConfig;

    /// The courier's own `MessageLifetimes::default` (for its tests) must stay the one the
    /// flows' defaults give.
    #[test]
    fn default_message_lifetimes_are_the_flows_defaults() {
        let abuse = Abuse::new(b"test key", Arc::new(latchkey_limits::Resilient::local()));
        let lifetimes = FlowSettings::default().message_lifetimes(
            &CodePolicy::default(),
            &abuse,
            CourierConfig::default().notice_retry(),
        );
        assert_eq!(lifetimes, MessageLifetimes::default());
    }
}
