//! Abuse protection around the flows (PRODUCT L1, L2, R6): rate limits, account lockout
//! with device tokens, the proof-of-work challenge, the owner's lock notice and unlock
//! links. One file per concern: `rate_limits`, `lockout`, `devices`, `challenges`
//! (with the optional external `captcha`) and `unlock`.
//!
//! Where state lives, and why:
//! - rate-limit counters and spent challenge salts are in [`latchkey_limits`] (Redis when
//!   configured, else this process): losing them on a restart costs little;
//! - lockout counters are in the database (`lockouts`): a restart or a Redis outage must
//!   not hand an attacker fresh free guesses, and every node sees the same count;
//! - device tokens are stateless: `<device id>.<HMAC(server key, device id, identity id)>`,
//!   so nothing is stored until a device fails (its own lockout key `device:<id>`).
//!
//! Every check that can refuse a request runs before Argon2, so refused requests cost a
//! few reads, never a hash.

pub mod captcha;
mod challenges;
mod devices;
mod lockout;
pub mod messages;
mod rate_limits;
mod unlock;

pub use rate_limits::{ip_key, network_of};

use crate::{FlowError, Flows};
use latchkey_domain::LockoutPolicy;
use latchkey_domain::challenge::{self, ChallengeKey};
use latchkey_limits::DynLimits;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use time::Duration;

/// A counter's ceiling: at most `max` events per `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub max: u64,
    pub window: Duration,
}

impl Rule {
    pub const fn new(max: u64, window: Duration) -> Self {
        Self { max, window }
    }
}

/// The rate limits (each a `Rule`); the README's "Rate limits" table lists them.
#[derive(Debug, Clone)]
pub struct RateLimits {
    /// Password sign-in attempts from one IP address.
    pub sign_in_per_ip: Rule,
    /// …from one /24 (IPv4) or /64 (IPv6) across all accounts (password spraying).
    pub sign_in_per_network: Rule,
    /// …for one identifier, from anywhere.
    pub sign_in_per_identifier: Rule,
    /// Code messages requested from one IP address.
    pub messages_per_ip: Rule,
    /// Messages to one email address.
    pub messages_per_email: Rule,
    /// SMS to one phone number (SMS pumping).
    pub sms_per_phone: Rule,
    /// SMS to one country calling code (SMS pumping through number ranges).
    pub sms_per_country: Rule,
    /// Wrong current passwords given to change the password, per account: a stolen
    /// session must not become an unthrottled password-guessing oracle.
    pub wrong_current_password: Rule,
    /// Wrong one-time codes per account across all its flows (the lockouts table, so a
    /// restart forgets nothing; the window is a pause without wrong codes). NIST SP
    /// 800-63B 5.2.2 allows at most 100 consecutive failures; SECURITY.md says why 20.
    pub wrong_codes_per_account: Rule,
    /// Code submissions from one IP address (IPv6: its /64).
    pub code_checks_per_ip: Rule,
    /// …from one /24 (IPv6 /64) network.
    pub code_checks_per_network: Rule,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            sign_in_per_ip: Rule::new(100, Duration::minutes(10)),
            sign_in_per_network: Rule::new(300, Duration::minutes(10)),
            sign_in_per_identifier: Rule::new(50, Duration::hours(1)),
            messages_per_ip: Rule::new(30, Duration::hours(1)),
            messages_per_email: Rule::new(10, Duration::hours(1)),
            sms_per_phone: Rule::new(5, Duration::hours(1)),
            sms_per_country: Rule::new(200, Duration::hours(1)),
            wrong_current_password: Rule::new(5, Duration::minutes(15)),
            wrong_codes_per_account: Rule::new(20, Duration::hours(24)),
            code_checks_per_ip: Rule::new(60, Duration::minutes(10)),
            code_checks_per_network: Rule::new(200, Duration::minutes(10)),
        }
    }
}

/// When a client must solve a challenge first.
#[derive(Debug, Clone)]
pub struct ChallengePolicy {
    /// Leading zero bits (16 ≈ 65,000 hashes: well under a second in a browser).
    pub difficulty: u8,
    /// How long a challenge may be solved and used.
    pub ttl: Duration,
    /// Wrong passwords from one IP within `window` before sign-in needs a challenge.
    pub after_ip_failures: u64,
    /// Wrong passwords by one device token before it needs a challenge.
    pub after_device_failures: u32,
    /// Code messages requested from one IP within `window` before the next needs one.
    pub after_ip_messages: u64,
    pub window: Duration,
}

impl Default for ChallengePolicy {
    fn default() -> Self {
        Self {
            difficulty: 16,
            ttl: Duration::minutes(5),
            after_ip_failures: 10,
            after_device_failures: 3,
            after_ip_messages: 10,
            window: Duration::minutes(15),
        }
    }
}

/// How long a device token is trusted after it was issued, unless configured.
const DEVICE_TTL: Duration = Duration::days(90);

/// A ceiling as the config writes it: at most `max` events per `window_secs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleConfig {
    /// Events allowed per window.
    pub max: u64,
    /// The window, in seconds.
    pub window_secs: i64,
}

impl RuleConfig {
    pub fn rule(&self) -> Rule {
        Rule::new(self.max, Duration::seconds(self.window_secs))
    }
}

impl From<Rule> for RuleConfig {
    fn from(rule: Rule) -> Self {
        Self {
            max: rule.max,
            window_secs: rule.window.whole_seconds(),
        }
    }
}

/// The `[limits]` section of the config, in its units: lockout, rate limits, the
/// challenge, an optional captcha. Its defaults are those of [`LockoutPolicy`],
/// [`RateLimits`] and [`ChallengePolicy`].
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    /// Wrong passwords per account before it locks.
    pub lockout_free_failures: u32,
    /// The first lock, in seconds; doubles with each further failure…
    pub lockout_base_wait_secs: i64,
    /// …up to this.
    pub lockout_max_wait_secs: i64,
    /// Hours without failures after which an account's count starts again.
    pub lockout_forget_hours: i64,
    /// Days a device token stays trusted after its last sign-in on that device.
    pub device_token_ttl_days: i64,
    /// Password sign-in attempts per client IP.
    pub sign_in_per_ip: RuleConfig,
    /// Password sign-in attempts per /24 (IPv6 /64), across accounts.
    pub sign_in_per_network: RuleConfig,
    /// Password sign-in attempts per identifier.
    pub sign_in_per_identifier: RuleConfig,
    /// Code messages requested per client IP.
    pub messages_per_ip: RuleConfig,
    /// Messages per email address.
    pub messages_per_email: RuleConfig,
    /// SMS per phone number.
    pub sms_per_phone: RuleConfig,
    /// SMS per country calling code.
    pub sms_per_country: RuleConfig,
    /// Wrong current passwords when changing the password, per account.
    pub wrong_current_password: RuleConfig,
    /// Wrong one-time codes per account across all its flows (or per identifier nobody
    /// owns), counted in the database; the window is a pause without wrong codes.
    pub wrong_codes_per_account: RuleConfig,
    /// One-time code submissions per client IP (IPv6: per /64).
    pub code_checks_per_ip: RuleConfig,
    /// One-time code submissions per /24 (IPv6 /64) network, across flows.
    pub code_checks_per_network: RuleConfig,
    /// Proof-of-work difficulty in leading zero bits.
    pub challenge_difficulty: u8,
    /// Seconds a challenge stays solvable.
    pub challenge_ttl_secs: i64,
    /// Wrong passwords from one IP (per `challenge_window_secs`) before sign-in needs a challenge.
    pub challenge_after_ip_failures: u64,
    /// Wrong passwords by one device before it needs a challenge.
    pub challenge_after_device_failures: u32,
    /// Code messages requested from one IP (per window) before the next needs a challenge.
    pub challenge_after_ip_messages: u64,
    /// The window of the two challenge counts above, in seconds.
    pub challenge_window_secs: i64,
    /// Optional external captcha accepted instead of the proof of work: `turnstile` or `hcaptcha`.
    pub captcha_provider: Option<captcha::Provider>,
    /// The captcha's site key (shown to the page).
    pub captcha_site_key: Option<String>,
    /// The captcha's secret (server-side verification). Keep it in the environment.
    #[serde(serialize_with = "ser_secret_opt")]
    pub captcha_secret: Option<SecretString>,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        let lockout = LockoutPolicy::default();
        let r = RateLimits::default();
        let c = ChallengePolicy::default();
        Self {
            lockout_free_failures: lockout.free_failures,
            lockout_base_wait_secs: lockout.base_wait.whole_seconds(),
            lockout_max_wait_secs: lockout.max_wait.whole_seconds(),
            lockout_forget_hours: lockout.forget_after.whole_hours(),
            device_token_ttl_days: DEVICE_TTL.whole_days(),
            sign_in_per_ip: r.sign_in_per_ip.into(),
            sign_in_per_network: r.sign_in_per_network.into(),
            sign_in_per_identifier: r.sign_in_per_identifier.into(),
            messages_per_ip: r.messages_per_ip.into(),
            messages_per_email: r.messages_per_email.into(),
            sms_per_phone: r.sms_per_phone.into(),
            sms_per_country: r.sms_per_country.into(),
            wrong_current_password: r.wrong_current_password.into(),
            wrong_codes_per_account: r.wrong_codes_per_account.into(),
            code_checks_per_ip: r.code_checks_per_ip.into(),
            code_checks_per_network: r.code_checks_per_network.into(),
            challenge_difficulty: c.difficulty,
            challenge_ttl_secs: c.ttl.whole_seconds(),
            challenge_after_ip_failures: c.after_ip_failures,
            challenge_after_device_failures: c.after_device_failures,
            challenge_after_ip_messages: c.after_ip_messages,
            challenge_window_secs: c.window.whole_seconds(),
            captcha_provider: None,
            captcha_site_key: None,
            captcha_secret: None,
        }
    }
}

impl LimitsConfig {
    /// At least one free failure, whatever the config says.
    pub fn lockout(&self) -> LockoutPolicy {
        LockoutPolicy {
            free_failures: self.lockout_free_failures.max(1),
            base_wait: Duration::seconds(self.lockout_base_wait_secs),
            max_wait: Duration::seconds(self.lockout_max_wait_secs),
            forget_after: Duration::hours(self.lockout_forget_hours),
        }
    }

    /// At least a day.
    pub fn device_ttl(&self) -> Duration {
        Duration::days(self.device_token_ttl_days.max(1))
    }

    pub fn rates(&self) -> RateLimits {
        RateLimits {
            sign_in_per_ip: self.sign_in_per_ip.rule(),
            sign_in_per_network: self.sign_in_per_network.rule(),
            sign_in_per_identifier: self.sign_in_per_identifier.rule(),
            messages_per_ip: self.messages_per_ip.rule(),
            messages_per_email: self.messages_per_email.rule(),
            sms_per_phone: self.sms_per_phone.rule(),
            sms_per_country: self.sms_per_country.rule(),
            wrong_current_password: self.wrong_current_password.rule(),
            wrong_codes_per_account: self.wrong_codes_per_account.rule(),
            code_checks_per_ip: self.code_checks_per_ip.rule(),
            code_checks_per_network: self.code_checks_per_network.rule(),
        }
    }

    pub fn challenge(&self) -> ChallengePolicy {
        ChallengePolicy {
            difficulty: self.challenge_difficulty,
            ttl: Duration::seconds(self.challenge_ttl_secs),
            after_ip_failures: self.challenge_after_ip_failures,
            after_device_failures: self.challenge_after_device_failures,
            after_ip_messages: self.challenge_after_ip_messages,
            window: Duration::seconds(self.challenge_window_secs),
        }
    }

    /// The captcha, when its provider, site key and secret are all set.
    pub fn captcha(&self) -> Option<captcha::Captcha> {
        match (
            self.captcha_provider,
            &self.captcha_site_key,
            &self.captcha_secret,
        ) {
            (Some(provider), Some(site), Some(secret)) => Some(captcha::Captcha::new(
                provider,
                site.clone(),
                secret.expose_secret().to_owned(),
            )),
            _ => None,
        }
    }
}

/// The figment defaults are serialized, so a secret must serialize as itself.
fn ser_secret_opt<S: serde::Serializer>(v: &Option<SecretString>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(secret) => s.serialize_some(secret.expose_secret()),
        None => s.serialize_none(),
    }
}

/// Everything abuse protection needs, built once at start.
#[derive(Clone)]
pub struct Abuse {
    pub limits: DynLimits,
    pub lockout: LockoutPolicy,
    pub rates: RateLimits,
    pub challenge: ChallengePolicy,
    challenge_key: ChallengeKey,
    device_key: Arc<Vec<u8>>,
    pub captcha: Option<captcha::Captcha>,
    /// How long an unlock link works.
    pub unlock_ttl: Duration,
    /// How long a device token is trusted after it was issued (each sign-in on the device
    /// issues it anew).
    pub device_ttl: Duration,
}

impl std::fmt::Debug for Abuse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Abuse")
            .field("limits", &self.limits.describe())
            .field("lockout", &self.lockout)
            .field("rates", &self.rates)
            .field("challenge", &self.challenge)
            .finish_non_exhaustive()
    }
}

impl Abuse {
    /// `secret` is the server's `secret_key`: device tokens and challenges are signed with
    /// keys derived from it, so both stay valid across restarts and nodes.
    pub fn new(secret: &[u8], limits: DynLimits) -> Self {
        Self {
            limits,
            lockout: LockoutPolicy::default(),
            rates: RateLimits::default(),
            challenge: ChallengePolicy::default(),
            challenge_key: ChallengeKey::new(secret),
            device_key: Arc::new(challenge::derive(secret, b"latchkey device token key v1")),
            captcha: None,
            unlock_ttl: Duration::hours(2),
            device_ttl: DEVICE_TTL,
        }
    }

    /// [`Self::new`] with the lockout, rate limits, challenge and captcha of the config's
    /// `[limits]` section.
    pub fn with_config(secret: &[u8], limits: DynLimits, config: &LimitsConfig) -> Self {
        Self {
            lockout: config.lockout(),
            device_ttl: config.device_ttl(),
            rates: config.rates(),
            challenge: config.challenge(),
            captcha: config.captcha(),
            ..Self::new(secret, limits)
        }
    }
}

/// What a refused check says.
fn too_many(retry_after: Duration) -> FlowError {
    FlowError::TooManyAttempts {
        retry_after: retry_after.max(Duration::seconds(1)),
    }
}

impl Flows {
    /// `redis`, `in_process` or `in_process (redis unreachable)`, for `/health/ready`.
    pub fn limits_backend(&self) -> String {
        self.abuse.limits.describe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_defaults_are_the_policies_defaults() {
        let config = LimitsConfig::default();
        assert_eq!(config.lockout(), LockoutPolicy::default());
        assert_eq!(config.device_ttl(), DEVICE_TTL);
        assert_eq!(
            format!("{:?}", config.rates()),
            format!("{:?}", RateLimits::default())
        );
        assert_eq!(
            format!("{:?}", config.challenge()),
            format!("{:?}", ChallengePolicy::default())
        );
        assert!(config.captcha().is_none());
    }
}
