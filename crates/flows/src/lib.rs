//! The self-service flows, on two axes (DESIGN.md "A house for many ways in"):
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
pub use journeys::recovery::{self as recovery, RecoveryStatus};
pub use journeys::registration::{self as registration, RegistrationInput};
pub use journeys::settings::view::{ContactView, IdentityView};
pub use kernel::abuse::{self, Abuse, captcha};
pub use kernel::codes::PendingCode;
pub use kernel::errors::FlowError;
pub use kernel::hashing::{HashParams, Hasher};
pub use kernel::sessions::{Authenticated, SignedIn};
pub use methods::password::registration::PasswordAssessment;

/// The stored records the flows' answers speak of, so callers (the web) name the flows,
/// never the store.
pub mod model {
    pub use latchkey_store::{Channel, ContactKind, FlowKind, IdentityState, Session};
}

use latchkey_courier::ComposeContext;
use latchkey_domain::{Clock, CodePolicy, PasswordPolicy};
use latchkey_store::DynStore;
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
}

impl Default for FlowSettings {
    fn default() -> Self {
        Self {
            default_phone_region: None,
            sms_enabled: true,
            session_idle: Duration::days(14),
            session_absolute: Duration::days(90),
            flow_lifetime: Duration::hours(1),
            reset_link_ttl: Duration::hours(2),
            report_link_ttl: Duration::days(30),
            notify_unknown_email: true,
        }
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

    /// Tells the courier there is mail; delivery then starts at once, not at the next poll.
    pub(crate) fn wake_courier(&self) {
        self.courier.notify_one();
    }
}
