//! Account lockout: failures counted in the database (so a restart forgets nothing),
//! the gate a password sign-in passes before any hashing, and the owner's lock notice.

use super::messages::AccountLocked;
use super::{ip_key, network_of, too_many};
use crate::{ClientInfo, FlowError, Flows};
use latchkey_domain::secret::{new_token, token_hash};
use latchkey_domain::{Gate, Identifier, IdentityId, LockoutState};
use latchkey_i18n::Locale;
use latchkey_store::{ContactKind, Identity, LockoutRecord, NewMessage, UnlockToken};
use time::{Duration, OffsetDateTime};

/// While locked, failures of one key are written at most this often (see `judge_sign_in`).
const LOCKED_WRITE_EVERY: Duration = Duration::seconds(1);

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
        if let Some(identity) = identity {
            self.record_detached(
                identity.id,
                latchkey_domain::EventType::SigninFailed,
                client,
                serde_json::json!({"method": "password"}),
            );
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
        // "This wasn't me", as on every security notice: the report signs out every
        // session, forgets trusted devices and blocks sign-in until a recovery.
        let report = new_token();
        let report_url = format!("{}/security/report?token={report}", self.compose.public_url);
        let template = AccountLocked {
            when: &when,
            ip,
            unlock_url: &unlock_url,
            report_url: &report_url,
        };
        let messages: Vec<NewMessage> = contacts
            .iter()
            .filter(|c| c.kind == ContactKind::Email || self.settings.sms_enabled)
            .map(|c| {
                latchkey_courier::compose(
                    &self.compose,
                    &template,
                    crate::kernel::codes::channel_of(c.kind),
                    &c.address,
                    locale,
                    now,
                )
            })
            .collect();
        // The report token first: should the lock's write fail after it, an unused token
        // that leads nowhere is harmless.
        self.store
            .insert_reset_token(
                &latchkey_store::ResetToken {
                    token_hash: token_hash(&report),
                    identity_id: identity.id,
                    flow_id: None,
                    purpose: latchkey_store::TokenPurpose::Report,
                    credential_stamp: None,
                    created_at: now,
                    expires_at: now + self.settings.report_link_ttl,
                    used_at: None,
                },
                &[],
            )
            .await?;
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
        self.record(
            identity.id,
            latchkey_domain::EventType::IdentityLocked,
            Some(client),
            serde_json::json!({}),
        )
        .await;
        Ok(())
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

    /// The identity's account lockout as it stands, per identifier kind: the failures
    /// counted and, when locked, until when (the admin API's account view).
    pub(crate) async fn lockout_status(
        &self,
        identity: IdentityId,
    ) -> Result<Vec<(ContactKind, u32, Option<time::OffsetDateTime>)>, FlowError> {
        let now = self.now();
        let mut out = Vec::new();
        for kind in [ContactKind::Email, ContactKind::Phone] {
            let key = format!("identity:{identity}:{}", kind.as_str());
            let current = self
                .abuse
                .lockout
                .current(state(self.store.lockout(&key).await?), now);
            let until = match self.abuse.lockout.gate(current, now) {
                Gate::Locked { retry_after } => Some(now + retry_after),
                Gate::Open => None,
            };
            out.push((kind, current.failures, until));
        }
        Ok(out)
    }

    /// Forgets every failure of the identity's account (a completed password reset
    /// calls this; so does an unlock link).
    pub(crate) async fn clear_lockout(&self, identity: IdentityId) -> Result<(), FlowError> {
        let keys: Vec<String> = [ContactKind::Email, ContactKind::Phone]
            .iter()
            .map(|k| format!("identity:{identity}:{}", k.as_str()))
            .collect();
        self.store.clear_lockouts(&keys).await?;
        Ok(())
    }
}
