//! Abuse protection around the flows (PRODUCT L1, L2, R6): rate limits, account lockout
//! with device tokens, the proof-of-work challenge, the owner's lock notice and unlock
//! links.
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

use crate::{ClientInfo, FlowError, Flows};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use latchkey_courier::messages::AccountLocked;
use latchkey_domain::challenge::{self, Challenge, ChallengeKey, Solution, Verdict};
use latchkey_domain::secret::{digests_equal, new_token, token_hash};
use latchkey_domain::{Gate, Identifier, IdentityId, LockoutPolicy, LockoutState};
use latchkey_i18n::Locale;
use latchkey_limits::{DynLimits, Hit};
use latchkey_store::{ContactKind, Identity, LockoutRecord, NewMessage, UnlockToken};
use std::net::IpAddr;
use std::sync::Arc;
use time::{Duration, OffsetDateTime};

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
    pub captcha: Option<crate::captcha::Captcha>,
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

/// While locked, failures of one key are written at most this often (see `judge_sign_in`).
const LOCKED_WRITE_EVERY: Duration = Duration::seconds(1);

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

    /// Issues a challenge now (what `challenge_required` carries).
    pub fn issue_challenge(&self, now: OffsetDateTime) -> Challenge {
        self.challenge_key
            .issue(self.challenge.difficulty, now, self.challenge.ttl)
    }

    fn device_mac(
        &self,
        device_id: &[u8],
        identity: IdentityId,
        issued: i64,
        epoch: u32,
    ) -> [u8; 32] {
        let mut msg = b"device|".to_vec();
        msg.extend_from_slice(device_id);
        msg.extend_from_slice(b"|");
        msg.extend_from_slice(identity.0.as_bytes());
        msg.extend_from_slice(format!("|{issued}|{epoch}").as_bytes());
        challenge::hmac_sha256(&self.device_key, &msg)
    }

    /// `<device id>.<issued, unix seconds>.<epoch>.<MAC>`, base64url or decimal each.
    fn device_token(
        &self,
        device_id: &[u8],
        identity: IdentityId,
        issued: i64,
        epoch: u32,
    ) -> String {
        format!(
            "{}.{issued}.{epoch}.{}",
            URL_SAFE_NO_PAD.encode(device_id),
            URL_SAFE_NO_PAD.encode(self.device_mac(device_id, identity, issued, epoch))
        )
    }

    /// A new device token for the identity, issued at `now` in the account's `epoch`.
    pub fn new_device_token(
        &self,
        identity: IdentityId,
        now: OffsetDateTime,
        epoch: u32,
    ) -> String {
        let id = uuid::Uuid::now_v7();
        self.device_token(id.as_bytes(), identity, now.unix_timestamp(), epoch)
    }

    /// The device id (base64url) when `token` is a device token this server signed for
    /// `identity`, issued in `epoch` and less than `device_ttl` ago.
    pub fn device_of(
        &self,
        token: &str,
        identity: IdentityId,
        now: OffsetDateTime,
        epoch: u32,
    ) -> Option<String> {
        if token.len() > 160 {
            return None;
        }
        let mut parts = token.split('.');
        let (id, issued, token_epoch) = (parts.next()?, parts.next()?, parts.next()?);
        let raw = URL_SAFE_NO_PAD.decode(id).ok()?;
        let issued: i64 = issued.parse().ok()?;
        let token_epoch: u32 = token_epoch.parse().ok()?;
        if raw.len() != 16 || token_epoch != epoch {
            return None;
        }
        let age = now.unix_timestamp() - issued;
        if age < -60 || age > self.device_ttl.whole_seconds() {
            return None;
        }
        digests_equal(&self.device_token(&raw, identity, issued, epoch), token)
            .then(|| id.to_owned())
    }
}

/// What a refused check says.
fn too_many(retry_after: Duration) -> FlowError {
    FlowError::TooManyAttempts {
        retry_after: retry_after.max(Duration::seconds(1)),
    }
}

/// The /24 (IPv4) or /64 (IPv6) an address belongs to.
pub fn network_of(ip: &str) -> Option<String> {
    match ip.parse::<IpAddr>().ok()?.to_canonical() {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            Some(format!("{}.{}.{}.0/24", o[0], o[1], o[2]))
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            Some(format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3]))
        }
    }
}

/// What per-address limits count an address as: an IPv4 address itself, an IPv6 address
/// its /64 (one subscriber gets a whole /64 and can rotate within it for free).
/// IPv4-mapped addresses count as their IPv4 address; anything unparseable as itself.
pub fn ip_key(ip: &str) -> String {
    match ip.parse::<IpAddr>().map(|ip| ip.to_canonical()) {
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Ok(IpAddr::V6(_)) => network_of(ip).unwrap_or_else(|| ip.to_owned()),
        Err(_) => ip.to_owned(),
    }
}

/// The lockout key of an account, or of an identifier nobody owns: unknown identifiers
/// lock exactly like known ones, so the lock itself tells nothing.
///
/// An account counts per kind of identifier: locking it through its email must not make
/// its phone answer 429, which would tell an attacker the two belong together.
fn account_key(identity: Option<IdentityId>, identifier: &Identifier) -> String {
    match identity {
        Some(id) => format!("identity:{id}:{}", identifier.kind().as_str()),
        None => format!(
            "identifier:{}:{}",
            identifier.kind().as_str(),
            identifier.key()
        ),
    }
}

fn state(record: Option<LockoutRecord>) -> LockoutState {
    record
        .map(|r| LockoutState {
            failures: r.failures,
            last_failure_at: Some(r.last_failure_at),
        })
        .unwrap_or_default()
}

/// How a password sign-in is judged, decided before any hashing.
pub(crate) struct Judged {
    /// The key this attempt's failure was reserved on: the trusted device's own, or the
    /// account's (per identifier kind).
    reserved_key: String,
    /// The failure count of that key, this attempt included.
    reserved_failures: u32,
    /// Whether the key is a trusted device's.
    device: bool,
    /// The key's last failure before this attempt's reservation.
    last_failure_before: Option<OffsetDateTime>,
}

impl Flows {
    /// Counts one event against each rule, then refuses when any is exceeded: the count
    /// is a reservation, so of any number of simultaneous events at most `max` pass.
    pub(crate) async fn count_against(&self, rules: &[(String, Rule)]) -> Result<(), FlowError> {
        let now = self.now();
        let mut refused: Option<Duration> = None;
        for (key, rule) in rules {
            let hit = self
                .abuse
                .limits
                .hit(key, rule.window, now)
                .await
                .map_err(|e| FlowError::Internal(e.to_string()))?;
            if hit.count > rule.max {
                refused = Some(refused.map_or(hit.resets_in, |r| r.max(hit.resets_in)));
            }
        }
        match refused {
            Some(retry_after) => {
                tracing::info!(limits.rule = %rules.first().map(|r| r.0.split(':').next().unwrap_or("")).unwrap_or(""), "rate limit reached");
                Err(too_many(retry_after))
            }
            None => Ok(()),
        }
    }

    /// Counts one failure against `key` for `window`.
    pub(crate) async fn count_failure(&self, key: &str, window: Duration) -> Result<(), FlowError> {
        self.abuse
            .limits
            .hit(key, window, self.now())
            .await
            .map_err(|e| FlowError::Internal(e.to_string()))?;
        Ok(())
    }

    async fn peek(&self, key: &str, window: Duration) -> Result<Hit, FlowError> {
        self.abuse
            .limits
            .peek(key, window, self.now())
            .await
            .map_err(|e| FlowError::Internal(e.to_string()))
    }

    /// Passes when the client sent a valid, unspent solution (or captcha); otherwise
    /// refuses with a fresh challenge.
    pub(crate) async fn require_challenge(&self, client: &ClientInfo) -> Result<(), FlowError> {
        let now = self.now();
        if let Some(solution) = client.challenge.as_deref().and_then(Solution::parse) {
            let verdict =
                self.abuse
                    .challenge_key
                    .verify(&solution, self.abuse.challenge.difficulty, now);
            if verdict == Verdict::Solved {
                let until = OffsetDateTime::from_unix_timestamp(solution.expires_at)
                    .unwrap_or(now + self.abuse.challenge.ttl);
                let first = self
                    .abuse
                    .limits
                    .first_use(&format!("challenge:{}", solution.salt), until, now)
                    .await
                    .map_err(|e| FlowError::Internal(e.to_string()))?;
                if first {
                    return Ok(());
                }
            }
        }
        if let (Some(captcha), Some(response)) = (&self.abuse.captcha, client.captcha.as_deref())
            && captcha.verify(response, client.ip.as_deref()).await
        {
            return Ok(());
        }
        Err(FlowError::ChallengeRequired {
            challenge: Box::new(self.abuse.issue_challenge(now)),
            captcha: self
                .abuse
                .captcha
                .as_ref()
                .map(|c| (c.provider.as_str().to_owned(), c.site_key.clone())),
        })
    }

    /// Before a password sign-in hashes anything: rate limits, the lockout gate (the
    /// device's own when it holds a valid device token), and the challenge when risk is
    /// up. The same reads and writes for known and unknown identifiers.
    ///
    /// The failure is counted (reserved) here, before the hash, in one statement, so of
    /// any number of simultaneous wrong passwords no more than the free failures are ever
    /// judged; a right password gives its reservation back.
    pub(crate) async fn judge_sign_in(
        &self,
        identifier: &Identifier,
        identity: Option<IdentityId>,
        client: &ClientInfo,
    ) -> Result<Judged, FlowError> {
        // A valid device token is judged first: its holder is judged by the device's own
        // history only, and nothing strangers do to the account or the identifier counts.
        let device = match (identity, client.device_token.as_deref()) {
            (Some(id), Some(token)) => self.trusted_device(token, id).await?,
            _ => None,
        };
        let mut rules = Vec::new();
        if let Some(ip) = &client.ip {
            rules.push((
                format!("signin:ip:{}", ip_key(ip)),
                self.abuse.rates.sign_in_per_ip,
            ));
            if let Some(net) = network_of(ip) {
                rules.push((
                    format!("signin:net:{net}"),
                    self.abuse.rates.sign_in_per_network,
                ));
            }
        }
        self.count_against(&rules).await?;

        let account_key = account_key(identity, identifier);
        let key = match &device {
            Some(d) => format!("device:{d}"),
            None => account_key,
        };
        let now = self.now();
        let current = state(self.store.lockout(&key).await?);
        if let Gate::Locked { retry_after } = self.abuse.lockout.gate(current, now) {
            // An attempt while locked counts as a failure (its password is never
            // checked), so guessing on extends the lock. A flood against a locked key is
            // answered from the state just read: at most one extending write per key per
            // second, so guessing on still grows the lock without every guess taking the
            // database's write lock. Known and unknown identifiers take this same path.
            if current
                .last_failure_at
                .is_some_and(|last| now - last < LOCKED_WRITE_EVERY)
            {
                return Err(too_many(retry_after));
            }
            let record = self
                .store
                .record_lockout_failure(&key, now, now - self.abuse.lockout.forget_after)
                .await?;
            let retry_after = match self.abuse.lockout.gate(state(Some(record)), now) {
                Gate::Locked { retry_after } => retry_after,
                Gate::Open => self.abuse.lockout.base_wait,
            };
            return Err(too_many(retry_after));
        }

        let policy = &self.abuse.challenge;
        let ip_failures = match &client.ip {
            Some(ip) => {
                self.peek(&format!("fail:ip:{}", ip_key(ip)), policy.window)
                    .await?
                    .count
            }
            None => 0,
        };
        let device_failures = self.abuse.lockout.current(current, now).failures;
        if ip_failures >= policy.after_ip_failures
            || (device.is_some() && device_failures >= policy.after_device_failures)
        {
            self.require_challenge(client).await?;
        }
        // Only attempts that got past the challenge count against the identifier, and a
        // trusted device not at all: strangers cannot keep the owner's device out.
        if device.is_none() {
            self.count_against(&[(
                format!(
                    "signin:id:{}:{}",
                    identifier.kind().as_str(),
                    identifier.key()
                ),
                self.abuse.rates.sign_in_per_identifier,
            )])
            .await?;
        }

        let record = self
            .store
            .record_lockout_failure(&key, now, now - self.abuse.lockout.forget_after)
            .await?;
        // Judge by the count before this attempt: concurrent attempts each reserved their
        // own, so past the free failures the rest find the key locked.
        let before = LockoutState {
            failures: record.failures.saturating_sub(1),
            last_failure_at: if record.failures.saturating_sub(1) > current.failures {
                Some(now)
            } else {
                current.last_failure_at
            },
        };
        if let Gate::Locked { retry_after } = self.abuse.lockout.gate(before, now) {
            return Err(too_many(retry_after));
        }
        Ok(Judged {
            reserved_key: key,
            reserved_failures: record.failures,
            device: device.is_some(),
            last_failure_before: current.last_failure_at,
        })
    }

    /// After a wrong password (its failure is already counted): the IP's failures for
    /// the challenge, and, the moment the account locks, one notice to the owner.
    pub(crate) async fn sign_in_failed(
        &self,
        judged: &Judged,
        identity: Option<&Identity>,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        if let Some(ip) = &client.ip {
            self.count_failure(
                &format!("fail:ip:{}", ip_key(ip)),
                self.abuse.challenge.window,
            )
            .await?;
        }
        if !judged.device
            && self.abuse.lockout.locks_now(judged.reserved_failures)
            && let Some(identity) = identity
        {
            self.notify_locked(identity, client).await?;
        }
        Ok(())
    }

    /// After a right password: a trusted device's count starts again; without one, only
    /// this attempt's reservation is given back. The owner's success never wipes out what
    /// strangers counted against the account.
    pub(crate) async fn sign_in_succeeded(&self, judged: &Judged) -> Result<(), FlowError> {
        if judged.device {
            self.store
                .clear_lockouts(std::slice::from_ref(&judged.reserved_key))
                .await?;
        } else {
            self.store
                .refund_lockout_failure(&judged.reserved_key, judged.last_failure_before)
                .await?;
        }
        Ok(())
    }

    /// One message to each verified contact, with a single-use unlock link.
    async fn notify_locked(
        &self,
        identity: &Identity,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        let contacts: Vec<_> = self
            .store
            .contacts(identity.id)
            .await?
            .into_iter()
            .filter(|c| c.verified)
            .collect();
        if contacts.is_empty() {
            return Ok(());
        }
        let now = self.now();
        let token = new_token();
        let unlock_url = format!("{}/unlock?token={token}", self.compose.public_url);
        let when = now
            .format(time::macros::format_description!(
                "[year]-[month]-[day] [hour]:[minute] UTC"
            ))
            .unwrap_or_default();
        let ip = client.ip.as_deref().unwrap_or("?");
        let locale = identity
            .locale
            .as_deref()
            .and_then(Locale::parse)
            .unwrap_or_default();
        let template = AccountLocked {
            when: &when,
            ip,
            unlock_url: &unlock_url,
        };
        let messages: Vec<NewMessage> = contacts
            .iter()
            .filter(|c| c.kind == ContactKind::Email || self.settings.sms_enabled)
            .map(|c| {
                latchkey_courier::compose(
                    &self.compose,
                    &template,
                    crate::codes::channel_of(c.kind),
                    &c.address,
                    locale,
                    now,
                )
            })
            .collect();
        self.store
            .create_unlock_token(
                &UnlockToken {
                    token_hash: token_hash(&token),
                    identity_id: identity.id,
                    created_at: now,
                    expires_at: now + self.abuse.unlock_ttl,
                },
                &messages,
            )
            .await?;
        tracing::info!(identity.id = %identity.id, "account locked; owner notified");
        self.wake_courier();
        Ok(())
    }

    /// Before a code message goes out: per-IP, per-address, per-number and per-country
    /// limits, and a challenge once one IP has asked for many. Runs before any hashing.
    pub(crate) async fn guard_send(
        &self,
        kind: ContactKind,
        key: &str,
        country_code: Option<String>,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        let r = &self.abuse.rates;
        let mut rules = match kind {
            ContactKind::Email => vec![(format!("send:email:{key}"), r.messages_per_email)],
            ContactKind::Phone => {
                let mut v = vec![(format!("send:phone:{key}"), r.sms_per_phone)];
                if let Some(cc) = country_code.filter(|c| !c.is_empty()) {
                    v.push((format!("send:cc:{cc}"), r.sms_per_country));
                }
                v
            }
        };
        if let Some(ip) = &client.ip {
            let sent = self
                .peek(
                    &format!("send:ip:{}", ip_key(ip)),
                    self.abuse.challenge.window,
                )
                .await?
                .count;
            if sent >= self.abuse.challenge.after_ip_messages {
                self.require_challenge(client).await?;
            }
            // Its own key: `send:ip:` above counts for the challenge in its own window, and
            // sharing the key would count every send twice.
            rules.push((format!("send:ip-rate:{}", ip_key(ip)), r.messages_per_ip));
            self.abuse
                .limits
                .hit(
                    &format!("send:ip:{}", ip_key(ip)),
                    self.abuse.challenge.window,
                    self.now(),
                )
                .await
                .map_err(|e| FlowError::Internal(e.to_string()))?;
        }
        self.count_against(&rules).await
    }

    /// Before a one-time code is compared: the client's per-address limits on code
    /// submissions, counted (reserved) first, so a burst from one address cannot outrun
    /// them.
    pub(crate) async fn guard_code_check(&self, client: &ClientInfo) -> Result<(), FlowError> {
        let Some(ip) = &client.ip else {
            return Ok(());
        };
        let r = &self.abuse.rates;
        let mut rules = vec![(format!("code:ip:{}", ip_key(ip)), r.code_checks_per_ip)];
        if let Some(net) = network_of(ip) {
            rules.push((format!("code:net:{net}"), r.code_checks_per_network));
        }
        self.count_against(&rules).await
    }

    /// Reserves one of the account's wrong codes (across all its flows) before a code is
    /// compared; the caller refunds it when the code is right. Flows of identifiers nobody
    /// owns count by identifier, so known and unknown ones behave alike. Returns the key.
    pub(crate) async fn reserve_account_code_try(
        &self,
        flow: &latchkey_store::Flow,
    ) -> Result<String, FlowError> {
        let key = match flow.identity_id {
            Some(id) => format!("codes:identity:{id}"),
            None => format!(
                "codes:identifier:{}:{}",
                flow.channel.as_str(),
                flow.identifier_key
            ),
        };
        let rule = self.abuse.rates.wrong_codes_per_account;
        let now = self.now();
        let record = self
            .store
            .record_lockout_failure(&key, now, now - rule.window)
            .await?;
        if u64::from(record.failures) > rule.max {
            tracing::info!(
                limits.rule = "codes",
                "wrong-code cap of an account reached"
            );
            return Err(too_many(rule.window));
        }
        Ok(key)
    }

    /// Guards a send to an identifier (phone numbers also count per country).
    pub(crate) async fn guard_send_to(
        &self,
        identifier: &Identifier,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        let cc = match identifier {
            Identifier::Phone(p) => Some(p.country_code()),
            Identifier::Email(_) => None,
        };
        self.guard_send(identifier.kind(), &identifier.key(), cc, client)
            .await
    }

    // --- public API for other flows and the web layer ------------------------------

    /// Forgets every failure of the identity's account (a completed password reset
    /// calls this; so does an unlock link).
    pub async fn clear_lockout(&self, identity: IdentityId) -> Result<(), FlowError> {
        let keys: Vec<String> = [ContactKind::Email, ContactKind::Phone]
            .iter()
            .map(|k| format!("identity:{identity}:{}", k.as_str()))
            .collect();
        self.store.clear_lockouts(&keys).await?;
        Ok(())
    }

    /// Ends the trust of every device token the account was given: a completed password
    /// reset and "this wasn't me" call this, so a device an attacker signed in on is
    /// judged like any stranger again.
    pub async fn revoke_devices(&self, identity: IdentityId) -> Result<(), FlowError> {
        self.store.bump_device_epoch(identity).await?;
        Ok(())
    }

    /// The device id when `token` is a valid, unexpired device token of the account's
    /// current epoch.
    pub(crate) async fn trusted_device(
        &self,
        token: &str,
        identity: IdentityId,
    ) -> Result<Option<String>, FlowError> {
        // A cheap shape check first, so junk costs no read.
        if token.len() > 160 || token.split('.').count() != 4 {
            return Ok(None);
        }
        let epoch = self.store.device_epoch(identity).await?;
        Ok(self.abuse.device_of(token, identity, self.now(), epoch))
    }

    /// A device token for the identity, to set as the `latchkey_device` cookie: issued
    /// now, in the account's current epoch, keeping the device id of the client's own
    /// token when it is still valid (so its history stays with it).
    pub async fn device_token_for(
        &self,
        identity: IdentityId,
        presented: Option<&str>,
    ) -> Result<String, FlowError> {
        let now = self.now();
        let epoch = self.store.device_epoch(identity).await?;
        let kept = presented
            .and_then(|t| self.abuse.device_of(t, identity, now, epoch))
            .and_then(|id| URL_SAFE_NO_PAD.decode(id).ok());
        Ok(match kept {
            Some(raw) => self
                .abuse
                .device_token(&raw, identity, now.unix_timestamp(), epoch),
            None => self.abuse.new_device_token(identity, now, epoch),
        })
    }

    /// Whether an unlock link's token is live (the GET page shows the button or says
    /// it expired; only the POST spends it).
    pub async fn unlock_link_valid(&self, token: &str) -> Result<bool, FlowError> {
        if token.is_empty() || token.len() > 128 {
            return Ok(false);
        }
        Ok(self
            .store
            .unlock_token(&token_hash(token), self.now())
            .await?
            .is_some())
    }

    /// Spends an unlock link: the account's lockout ends and this client gets a device
    /// token (returned, to set as the cookie).
    pub async fn unlock(&self, token: &str, client: &ClientInfo) -> Result<String, FlowError> {
        if token.is_empty() || token.len() > 128 {
            return Err(FlowError::LinkInvalid);
        }
        let identity = self
            .store
            .consume_unlock_token(&token_hash(token), self.now())
            .await?
            .ok_or(FlowError::LinkInvalid)?;
        self.clear_lockout(identity).await?;
        tracing::info!(identity.id = %identity, "account unlocked by link");
        self.device_token_for(identity, client.device_token.as_deref())
            .await
    }

    /// `redis`, `in_process` or `in_process (redis unreachable)`, for `/health/ready`.
    pub fn limits_backend(&self) -> String {
        self.abuse.limits.describe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn networks_are_24s_and_64s() {
        assert_eq!(
            network_of("203.0.113.77").as_deref(),
            Some("203.0.113.0/24")
        );
        assert_eq!(
            network_of("2001:db8:1:2:3:4:5:6").as_deref(),
            Some("2001:db8:1:2::/64")
        );
        assert_eq!(network_of("nonsense"), None);
        assert_eq!(
            network_of("::ffff:203.0.113.77").as_deref(),
            Some("203.0.113.0/24"),
            "IPv4 clients on a [::] listener do not share one network"
        );
    }

    #[test]
    fn ip_keys_are_ipv4_addresses_and_ipv6_64s() {
        assert_eq!(ip_key("203.0.113.5"), "203.0.113.5");
        assert_eq!(ip_key("::ffff:203.0.113.5"), "203.0.113.5");
        assert_eq!(ip_key("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
        assert_eq!(ip_key("2001:db8:1:2:ffff::1"), ip_key("2001:db8:1:2::9"));
        assert_ne!(ip_key("2001:db8:1:2::1"), ip_key("2001:db8:1:3::1"));
        assert_eq!(ip_key("nonsense"), "nonsense");
    }

    #[test]
    fn device_tokens_are_bound_to_their_identity_key_epoch_and_age() {
        let limits: DynLimits = Arc::new(latchkey_limits::InProcess::default());
        let abuse = Abuse::new(b"secret", limits.clone());
        let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
        let (a, b) = (IdentityId::new(), IdentityId::new());
        let token = abuse.new_device_token(a, now, 0);
        assert!(abuse.device_of(&token, a, now, 0).is_some());
        assert!(
            abuse.device_of(&token, b, now, 0).is_none(),
            "another account's token"
        );
        assert!(
            abuse.device_of(&token, a, now, 1).is_none(),
            "issued before the account's devices were revoked"
        );
        assert!(
            abuse
                .device_of(&token, a, now + abuse.device_ttl + Duration::seconds(1), 0)
                .is_none(),
            "expired"
        );
        assert!(
            Abuse::new(b"other", limits)
                .device_of(&token, a, now, 0)
                .is_none()
        );
        let forged = format!("{}x", &token[..token.len() - 1]);
        assert!(abuse.device_of(&forged, a, now, 0).is_none());
        // A newer issue time or epoch cannot be written in without the key.
        let parts: Vec<&str> = token.split('.').collect();
        let bumped = format!("{}.{}.1.{}", parts[0], parts[1], parts[3]);
        assert!(abuse.device_of(&bumped, a, now, 1).is_none());
        assert!(abuse.device_of("garbage", a, now, 0).is_none());
    }
}
