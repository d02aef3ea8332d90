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

/// The rate limits (each a `Rule`); DESIGN.md "rate limits".
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
            device_ttl: Duration::days(90),
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
