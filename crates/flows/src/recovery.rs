//! Password recovery (R1–R4), method hints (S2) and "this wasn't me" (L2).
//!
//! Every identifier gets the same answer and the same store work: a flow with a code row,
//! whether or not anybody receives that code. What is *sent* differs by account:
//!
//! | account | message |
//! |---|---|
//! | active (or blocked by its owner's report) with a password | a code; by email also a reset link |
//! | without a password | the sign-in methods it has and how to use them |
//! | blocked by support | a pointer to support |
//! | none, email identifier | "someone asked, but no account uses this address" (configurable) |
//! | none, phone identifier | nothing (SMS costs money) |
//!
//! Until the person has proven they hold a contact, the flow shows and uses only what they
//! typed: the code goes to the identifier itself, and "send it to my phone instead" asks
//! them to type that phone; a code goes there only when it is a verified contact of the
//! account, and the answer is the same either way. Nothing the flow shows depends on the
//! account (no masked phone of an account found by its email), and the SMS limits count
//! the number a code would go to.
//!
//! A correct code yields a reset token; the link carries one. Tokens are stored as
//! SHA-256, single use, expire, and die when the password changes or another reset
//! completes. Completing a reset ends every session and sends a "your password was
//! changed" notice, with a "this wasn't me" link, to every verified contact.

use crate::codes::{CodeTemplate, Delivery, channel_of, flow_code, salt};
use crate::{FlowError, Flows};
use latchkey_courier::Message;
use latchkey_courier::messages::{
    AccountBlockedHelp, MethodHint, NoAccount, PasswordChanged, RecoveryCode,
};
use latchkey_domain::secret::{new_code, new_token, token_hash};
use latchkey_domain::{Email, FlowId, Identifier, IdentityId, Password, Phone};
use latchkey_i18n::Locale;
use latchkey_store::{
    BLOCK_REPORTED, Channel, Contact, ContactKind, Credential, CredentialKind, Flow, FlowKind,
    FlowState, Identity, IdentityState, NewMessage, PasswordReset, ResetToken, TokenPurpose,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// What a recovery flow does for its identifier; kept in the flow's payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Mode {
    /// Codes (and links) go to the account's contacts.
    Reset,
    /// No password: the account's methods are named instead.
    Hint,
    /// Blocked by support: the owner is pointed to support.
    Blocked,
    /// No account.
    Unknown,
}

/// A message other than a code that a recovery flow sends at start and at each resend.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Notice {
    to: String,
    channel: ContactKind,
}

/// The flow payload of a recovery flow.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Payload {
    mode: Mode,
    delivery: Delivery,
    #[serde(default)]
    notice: Option<Notice>,
    #[serde(default)]
    methods: Vec<String>,
    /// The address the person typed for "send it to my … instead" (normalized key), where
    /// codes go from then on; `None`: the identifier itself.
    #[serde(default)]
    destination: Option<String>,
}

/// One way the flow's code can go, as the page shows it.
#[derive(utoipa::ToSchema, Debug, Clone, Serialize)]
pub struct ChannelOption {
    pub channel: Channel,
    /// `a•••@gmail.com`, `+44 •••• ••89`.
    pub masked: String,
}

/// `GET /api/recovery/{flow_id}`: where the code goes and when a resend is allowed. The
/// same shape and counts for every identifier, known or not: only what the person typed
/// is shown.
#[derive(utoipa::ToSchema, Debug, Clone, Serialize)]
pub struct RecoveryStatus {
    /// The channel the last code went out on.
    pub channel: Channel,
    /// Exactly one entry: where codes go (the identifier, or the address typed for
    /// "send it to my … instead"), masked.
    pub channels: Vec<ChannelOption>,
    /// Seconds until a resend is allowed (0: now).
    pub resend_after: i64,
    /// Channels a code can be sent to instead by typing that address in full (a resend
    /// with `phone` or `email`); it goes there only if it is a verified contact of the
    /// account. Depends only on the identifier's kind and the deployment.
    pub other_channels: Vec<Channel>,
}

/// What the reset-link page shows before anything is used.
#[derive(Debug, Clone, Serialize)]
pub struct ResetTarget {
    /// The account's address, masked.
    pub masked: String,
}

/// An account as recovery sees it.
struct Account {
    identity: Identity,
    /// The verified contact the identifier matched.
    contact: Contact,
    contacts: Vec<Contact>,
    credentials: Vec<Credential>,
}

impl Account {
    fn password(&self) -> Option<&Credential> {
        self.credentials
            .iter()
            .find(|c| c.kind == CredentialKind::Password)
    }

    /// The verified contact of `kind`, primary first.
    fn verified(&self, kind: ContactKind) -> Option<&Contact> {
        let mut of_kind = self
            .contacts
            .iter()
            .filter(|c| c.verified && c.kind == kind);
        let first = of_kind.clone().next();
        of_kind.find(|c| c.primary).or(first)
    }

    /// The sign-in methods the owner sees, as method keys (`password`, `email_code`,
    /// `sms_code`, `passkey`, or a provider name such as `google`).
    fn methods(&self) -> Vec<String> {
        let mut methods = Vec::new();
        if self.password().is_some() {
            methods.push("password".to_owned());
        }
        for c in &self.credentials {
            match c.kind {
                CredentialKind::Webauthn if !methods.iter().any(|m| m == "passkey") => {
                    methods.push("passkey".to_owned())
                }
                CredentialKind::Oidc => {
                    if let Some(p) = c.data.get("provider").and_then(|p| p.as_str()) {
                        methods.push(p.to_lowercase());
                    }
                }
                _ => {}
            }
        }
        if self.verified(ContactKind::Email).is_some() {
            methods.push("email_code".to_owned());
        }
        if self.verified(ContactKind::Phone).is_some() {
            methods.push("sms_code".to_owned());
        }
        methods
    }
}

/// `a•••@gmail.com` / `+44 •••• ••89` from a normalized key, so a known and an unknown
/// identifier are masked alike.
fn mask(kind: ContactKind, key: &str) -> String {
    match kind {
        ContactKind::Email => Email::parse(key)
            .map(|e| e.masked())
            .unwrap_or_else(|_| "•••".to_owned()),
        ContactKind::Phone => Phone::parse(key, None)
            .map(|p| p.masked())
            .unwrap_or_else(|_| "•••".to_owned()),
    }
}

fn kind_of(channel: Channel) -> ContactKind {
    match channel {
        Channel::Email => ContactKind::Email,
        Channel::Sms => ContactKind::Phone,
    }
}

/// The kind of a flow's identifier, from its normalized key (phones are E.164: `+…`).
fn identifier_kind(key: &str) -> ContactKind {
    if key.starts_with('+') {
        ContactKind::Phone
    } else {
        ContactKind::Email
    }
}

fn country_of(kind: ContactKind, key: &str) -> Option<String> {
    (kind == ContactKind::Phone)
        .then(|| Phone::parse(key, None).ok())
        .flatten()
        .map(|p| p.country_code())
}

fn payload_of(flow: &Flow) -> Result<Payload, FlowError> {
    serde_json::from_value(flow.payload.clone())
        .map_err(|e| FlowError::Internal(format!("recovery payload: {e}")))
}

impl Flows {
    /// Loads the account behind a verified contact. The same four lookups run whether
    /// the identifier is known or not (an unknown one probes a random id), so the time
    /// taken does not tell.
    async fn recovery_account(
        &self,
        identifier: &Identifier,
    ) -> Result<Option<Account>, FlowError> {
        let contact = self
            .store
            .contact_by_key(identifier.kind(), &identifier.key())
            .await?
            .filter(|c| c.verified);
        let probe = contact
            .as_ref()
            .map(|c| c.identity_id)
            .unwrap_or_else(IdentityId::new);
        let identity = self.store.identity(probe).await?;
        let contacts = self.store.contacts(probe).await?;
        let credentials = self.store.credentials(probe).await?;
        Ok(match (contact, identity) {
            (Some(contact), Some(identity)) => Some(Account {
                identity,
                contact,
                contacts,
                credentials,
            }),
            _ => None,
        })
    }

    /// Whether recovery may lift this identity's state: active, or blocked by its owner.
    async fn recoverable(&self, identity: &Identity) -> Result<bool, FlowError> {
        Ok(match identity.state {
            IdentityState::Active => true,
            IdentityState::Blocked => {
                self.store
                    .identity_block_reason(identity.id)
                    .await?
                    .as_deref()
                    == Some(BLOCK_REPORTED)
            }
        })
    }

    fn sms_check(&self, kind: ContactKind) -> Result<(), FlowError> {
        if kind == ContactKind::Phone && !self.settings.sms_enabled {
            return Err(FlowError::ChannelUnavailable);
        }
        Ok(())
    }

    fn link(&self, path: &str, token: &str) -> String {
        // The configured public URL, never the request's Host header.
        format!("{}{path}?token={token}", self.compose.public_url)
    }

    /// A reset token for the account's current password.
    fn reset_token_row(
        &self,
        token: &str,
        identity: IdentityId,
        flow: Option<FlowId>,
        stamp: Option<OffsetDateTime>,
        now: OffsetDateTime,
    ) -> ResetToken {
        ResetToken {
            token_hash: token_hash(token),
            identity_id: identity,
            flow_id: flow,
            purpose: TokenPurpose::Reset,
            credential_stamp: stamp,
            created_at: now,
            expires_at: now + self.settings.reset_link_ttl,
            used_at: None,
        }
    }

    /// The code message (with a fresh reset link by email) and its token.
    fn recovery_code_message(
        &self,
        (flow, identity, stamp): (FlowId, IdentityId, Option<OffsetDateTime>),
        kind: ContactKind,
        to: &str,
        code: &str,
        locale: Locale,
    ) -> (NewMessage, Option<ResetToken>) {
        let now = self.now();
        let (link, token) = if kind == ContactKind::Email {
            let token = new_token();
            let row = self.reset_token_row(&token, identity, Some(flow), stamp, now);
            (Some(self.link("/recovery/link", &token)), Some(row))
        } else {
            (None, None)
        };
        let message = latchkey_courier::compose(
            &self.compose,
            &RecoveryCode {
                code,
                link: link.as_deref(),
            },
            channel_of(kind),
            to,
            locale,
            now,
        );
        (message, token)
    }

    /// Renders, and throws away, what a code message would be: identifiers whose code
    /// goes nowhere pay the same rendering time as those whose code is sent.
    fn dummy_code_message(&self, kind: ContactKind, code: &str, locale: Locale) {
        let token = new_token();
        let _ = token_hash(&token);
        let link = (kind == ContactKind::Email).then(|| self.link("/recovery/link", &token));
        let message = latchkey_courier::compose(
            &self.compose,
            &RecoveryCode {
                code,
                link: link.as_deref(),
            },
            channel_of(kind),
            "",
            locale,
            self.now(),
        );
        std::hint::black_box(message);
    }

    /// The non-code message of a hint, blocked or unknown flow, if any.
    fn notice_message(&self, payload: &Payload) -> Option<NewMessage> {
        let notice = payload.notice.as_ref()?;
        let methods: Vec<&str> = payload.methods.iter().map(String::as_str).collect();
        let template: &dyn Message = match payload.mode {
            Mode::Reset => return None,
            Mode::Hint => &MethodHint { methods: &methods },
            Mode::Blocked => &AccountBlockedHelp,
            Mode::Unknown => &NoAccount,
        };
        Some(latchkey_courier::compose(
            &self.compose,
            template,
            channel_of(notice.channel),
            &notice.to,
            payload.delivery.locale,
            self.now(),
        ))
    }

    /// `POST /api/recovery`: opens a recovery flow for any identifier.
    pub async fn start_recovery(
        &self,
        identifier: &str,
        channel: Option<Channel>,
        locale: Locale,
        client: &crate::ClientInfo,
    ) -> Result<FlowId, FlowError> {
        let identifier = self.parse_identifier(identifier)?;
        self.sms_check(identifier.kind())?;
        // Per-destination, per-IP and (for SMS) per-country limits, and the challenge:
        // for every identifier alike, before anything is looked up.
        self.guard_send_to(&identifier, client).await?;
        if let Some(c) = channel {
            self.sms_check(kind_of(c))?;
        }
        let account = self.recovery_account(&identifier).await?;
        let locale = account
            .as_ref()
            .and_then(|a| a.identity.locale.as_deref())
            .and_then(Locale::parse)
            .unwrap_or(locale);
        let mode = match &account {
            None => Mode::Unknown,
            Some(a) if !self.recoverable(&a.identity).await? => Mode::Blocked,
            Some(a) if a.password().is_none() => Mode::Hint,
            Some(_) => Mode::Reset,
        };
        let now = self.now();
        let id = FlowId::new();
        let code = new_code();
        let issued = self.codes.issue(&salt(id), &code, now);
        let mut messages = Vec::new();
        let mut link = None;
        let (kind, recipient, identity_id, notice, methods) = match (&account, mode) {
            (Some(a), Mode::Reset) => {
                // The identifier's own contact, whatever channel was asked for: another
                // contact of the account is used only once the person types it (resend),
                // so the answer never depends on what the account holds.
                let contact = &a.contact;
                let (message, token) = self.recovery_code_message(
                    (id, a.identity.id, a.password().map(|p| p.updated_at)),
                    contact.kind,
                    &contact.address,
                    &code,
                    locale,
                );
                messages.push(message);
                link = token;
                (
                    contact.kind,
                    Some(contact.address.clone()),
                    Some(a.identity.id),
                    None,
                    Vec::new(),
                )
            }
            (Some(a), _) => {
                self.dummy_code_message(identifier.kind(), &code, locale);
                (
                    identifier.kind(),
                    None,
                    None,
                    Some(Notice {
                        to: a.contact.address.clone(),
                        channel: a.contact.kind,
                    }),
                    a.methods(),
                )
            }
            (None, _) => {
                self.dummy_code_message(identifier.kind(), &code, locale);
                let notice = (identifier.kind() == ContactKind::Email
                    && self.settings.notify_unknown_email)
                    .then(|| Notice {
                        to: identifier.address().to_owned(),
                        channel: ContactKind::Email,
                    });
                (identifier.kind(), None, None, notice, Vec::new())
            }
        };
        let payload = Payload {
            mode,
            delivery: Delivery {
                recipient,
                locale,
                template: CodeTemplate::Recovery,
            },
            notice,
            methods,
            destination: None,
        };
        messages.extend(self.notice_message(&payload));
        let flow = Flow {
            id,
            kind: FlowKind::Recovery,
            state: FlowState::Active,
            identity_id,
            identifier_key: identifier.key(),
            channel: kind,
            payload: serde_json::to_value(&payload)
                .map_err(|e| FlowError::Internal(e.to_string()))?,
            failures: 0,
            created_at: now,
            expires_at: now + self.settings.flow_lifetime,
            last_sent_at: now,
            completed_at: None,
        };
        self.store
            .create_recovery_flow(&flow, &flow_code(id, &issued), link.as_ref(), &messages)
            .await?;
        if !messages.is_empty() {
            self.wake_courier();
        }
        tracing::info!(flow.id = %id, "recovery started");
        Ok(id)
    }

    /// `GET /api/recovery/{flow_id}`: where the code goes, masked from what the person
    /// typed, and the channels they may type another address for. Reads nothing of the
    /// account, so known and unknown identifiers look alike.
    pub async fn recovery_status(&self, id: FlowId) -> Result<RecoveryStatus, FlowError> {
        let flow = self.open_flow(id, FlowKind::Recovery).await?;
        let payload = payload_of(&flow)?;
        let now = self.now();
        let resend_after = match self.codes.may_resend(flow.last_sent_at, now) {
            Ok(()) => 0,
            Err(wait) => (wait.whole_milliseconds() as i64 + 999) / 1000,
        };
        let key = payload
            .destination
            .as_deref()
            .unwrap_or(&flow.identifier_key);
        let kind = identifier_kind(key);
        let other_channels = [ContactKind::Email, ContactKind::Phone]
            .into_iter()
            .filter(|k| *k != identifier_kind(&flow.identifier_key))
            .filter(|k| *k == ContactKind::Email || self.settings.sms_enabled)
            .map(channel_of)
            .collect();
        Ok(RecoveryStatus {
            channel: channel_of(kind),
            channels: vec![ChannelOption {
                channel: channel_of(kind),
                masked: mask(kind, key),
            }],
            resend_after,
            other_channels,
        })
    }

    /// `POST /api/recovery/{flow_id}/resend`: a new code (earlier ones stay valid) to
    /// where the last one went. Not before the resend delay.
    pub async fn resend_recovery(
        &self,
        id: FlowId,
        channel: Option<Channel>,
        client: &crate::ClientInfo,
    ) -> Result<(), FlowError> {
        self.resend_recovery_to(id, channel, None, client).await
    }

    /// As [`Self::resend_recovery`], optionally to an address the person types ("send it
    /// to my phone instead"). The code goes there only when it is a verified contact of
    /// the account; otherwise a code is issued that nobody receives. Either way the answer,
    /// the work and the limits (those of the typed address: the number that would be
    /// texted) are the same. Without `to`, a `channel` other than the current one must be
    /// the identifier's own; any other is refused alike for every account
    /// (`invalid_input`, field `phone` or `email`: type it).
    pub async fn resend_recovery_to(
        &self,
        id: FlowId,
        channel: Option<Channel>,
        to: Option<&str>,
        client: &crate::ClientInfo,
    ) -> Result<(), FlowError> {
        let field = |kind: ContactKind| match kind {
            ContactKind::Email => "email",
            ContactKind::Phone => "phone",
        };
        let typed = match to.map(str::trim).filter(|t| !t.is_empty()) {
            Some(raw) => {
                let wanted = channel.map(kind_of);
                let typed = self
                    .parse_identifier(raw)
                    .map_err(|_| FlowError::InvalidInput {
                        field: field(wanted.unwrap_or(ContactKind::Phone)),
                    })?;
                if wanted.is_some_and(|k| k != typed.kind()) {
                    return Err(FlowError::InvalidInput {
                        field: field(wanted.unwrap_or(typed.kind())),
                    });
                }
                Some(typed)
            }
            None => None,
        };
        if let Some(c) = channel {
            self.sms_check(kind_of(c))?;
        }
        let flow = self.open_flow(id, FlowKind::Recovery).await?;
        let mut payload = payload_of(&flow)?;
        let own_kind = identifier_kind(&flow.identifier_key);
        let current_kind = identifier_kind(
            payload
                .destination
                .as_deref()
                .unwrap_or(&flow.identifier_key),
        );
        // Where this code goes, as a normalized key; `None`: the identifier itself.
        let destination = match &typed {
            Some(t) if t.kind() == own_kind && t.key() == flow.identifier_key => None,
            Some(t) => Some(t.key()),
            None => match channel.map(kind_of) {
                None => payload.destination.clone(),
                Some(k) if k == own_kind => None,
                Some(k) if k == current_kind => payload.destination.clone(),
                Some(k) => return Err(FlowError::InvalidInput { field: field(k) }),
            },
        };
        let key = destination.clone().unwrap_or(flow.identifier_key.clone());
        let kind = identifier_kind(&key);
        self.sms_check(kind)?;
        let now = self.now();
        self.codes
            .may_resend(flow.last_sent_at, now)
            .map_err(|retry_after| FlowError::TooSoon { retry_after })?;
        // The limits of the address the code goes to (the number actually texted), for
        // every identifier alike, before anything of the account is read.
        self.guard_send(kind, &key, country_of(kind, &key), client)
            .await?;
        let code = new_code();
        let issued = self.codes.issue(&salt(id), &code, now);
        let mut messages = Vec::new();
        let mut link = None;
        let mut recipient = None;
        // The same two reads for every flow (a random id where there is no account to
        // send to), so the time taken does not tell whether the typed address matched.
        let reset = match (payload.mode, flow.identity_id) {
            (Mode::Reset, Some(identity_id)) => Some(identity_id),
            _ => None,
        };
        let probe = reset.unwrap_or_else(IdentityId::new);
        let contacts = self.store.contacts(probe).await?;
        let credentials = self.store.credentials(probe).await?;
        if let Some(identity_id) = reset {
            let stamp = credentials
                .into_iter()
                .find(|c| c.kind == CredentialKind::Password)
                .map(|c| c.updated_at);
            let target = contacts
                .iter()
                .find(|c| c.verified && c.kind == kind && c.address_key == key);
            if let Some(contact) = target {
                let (message, token) = self.recovery_code_message(
                    (id, identity_id, stamp),
                    kind,
                    &contact.address,
                    &code,
                    payload.delivery.locale,
                );
                messages.push(message);
                link = token;
                recipient = Some(contact.address.clone());
            } else {
                self.dummy_code_message(kind, &code, payload.delivery.locale);
            }
        } else {
            self.dummy_code_message(kind, &code, payload.delivery.locale);
        }
        payload.delivery.recipient = recipient;
        payload.destination = destination;
        // The notice (hint, blocked, no account) follows the identifier, not a typed address.
        if payload.destination.is_none() {
            messages.extend(self.notice_message(&payload));
        }
        let payload =
            serde_json::to_value(&payload).map_err(|e| FlowError::Internal(e.to_string()))?;
        self.store
            .add_recovery_code(
                id,
                kind,
                &payload,
                &flow_code(id, &issued),
                link.as_ref(),
                &messages,
            )
            .await?;
        if !messages.is_empty() {
            self.wake_courier();
        }
        Ok(())
    }

    /// `POST /api/recovery/{flow_id}/code`: a correct code yields a reset token. Of
    /// concurrent submissions of one code exactly one gets a token.
    pub async fn complete_recovery_code(
        &self,
        id: FlowId,
        code: &str,
        client: &crate::ClientInfo,
    ) -> Result<String, FlowError> {
        let flow = self
            .redeem_code(id, FlowKind::Recovery, code, client)
            .await?;
        let payload = payload_of(&flow)?;
        let (Mode::Reset, Some(identity_id)) = (payload.mode, flow.identity_id) else {
            return Err(FlowError::FlowExpired);
        };
        let stamp = self
            .store
            .credentials(identity_id)
            .await?
            .into_iter()
            .find(|c| c.kind == CredentialKind::Password)
            .map(|c| c.updated_at);
        let token = new_token();
        let row = self.reset_token_row(&token, identity_id, Some(id), stamp, self.now());
        self.store.insert_reset_token(&row, &[]).await?;
        Ok(token)
    }

    /// The live reset token and its account, or `FlowExpired`. Uses nothing.
    async fn live_reset_token(
        &self,
        token: &str,
    ) -> Result<(ResetToken, Identity, Vec<Contact>, Vec<Credential>), FlowError> {
        if token.is_empty() || token.len() > 128 {
            return Err(FlowError::FlowExpired);
        }
        let row = self
            .store
            .reset_token(&token_hash(token))
            .await?
            .filter(|t| {
                t.purpose == TokenPurpose::Reset && t.used_at.is_none() && self.now() < t.expires_at
            })
            .ok_or(FlowError::FlowExpired)?;
        let identity = self
            .store
            .identity(row.identity_id)
            .await?
            .ok_or(FlowError::FlowExpired)?;
        let contacts = self.store.contacts(identity.id).await?;
        let credentials = self.store.credentials(identity.id).await?;
        let stamp = credentials
            .iter()
            .find(|c| c.kind == CredentialKind::Password)
            .map(|c| c.updated_at);
        // The password changed since the token was issued: the token is void.
        if stamp != row.credential_stamp || !self.recoverable(&identity).await? {
            return Err(FlowError::FlowExpired);
        }
        Ok((row, identity, contacts, credentials))
    }

    /// What the reset-link page shows (`GET /recovery/link`); uses nothing, since mail
    /// scanners fetch links too.
    pub async fn inspect_reset_token(&self, token: &str) -> Result<ResetTarget, FlowError> {
        let (_, _, contacts, _) = self.live_reset_token(token).await?;
        let masked = contacts
            .iter()
            .filter(|c| c.verified)
            .min_by_key(|c| (c.kind != ContactKind::Email, !c.primary))
            .map(|c| mask(c.kind, &c.address_key))
            .unwrap_or_default();
        Ok(ResetTarget { masked })
    }

    /// The "your password was changed" notice for every verified contact, each with a
    /// "this wasn't me" link, and the report token behind that link (to be stored in the
    /// same transaction as the change).
    pub(crate) fn password_changed_notices(
        &self,
        identity: &Identity,
        contacts: &[Contact],
        flow_id: Option<FlowId>,
    ) -> (ResetToken, Vec<NewMessage>) {
        let now = self.now();
        let locale = identity
            .locale
            .as_deref()
            .and_then(Locale::parse)
            .unwrap_or_default();
        let report = new_token();
        let report_row = ResetToken {
            token_hash: token_hash(&report),
            identity_id: identity.id,
            flow_id,
            purpose: TokenPurpose::Report,
            credential_stamp: None,
            created_at: now,
            expires_at: now + self.settings.report_link_ttl,
            used_at: None,
        };
        let report_link = self.link("/security/report", &report);
        let messages = contacts
            .iter()
            .filter(|c| c.verified)
            .filter(|c| c.kind == ContactKind::Email || self.settings.sms_enabled)
            .map(|c| {
                latchkey_courier::compose(
                    &self.compose,
                    &PasswordChanged {
                        report_link: &report_link,
                    },
                    channel_of(c.kind),
                    &c.address,
                    locale,
                    now,
                )
            })
            .collect();
        (report_row, messages)
    }

    /// `POST /api/recovery/reset`: sets the new password with a reset token. Every session
    /// of the account ends; every verified contact gets a "password changed" notice.
    pub async fn reset_password(&self, token: &str, new_password: &str) -> Result<(), FlowError> {
        self.reset_password_from(token, new_password, &crate::ClientInfo::default())
            .await
            .map(|_| ())
    }

    /// As [`Self::reset_password`]; also ends the account's lockout and returns a device
    /// token for the client that completed the reset (set it as `latchkey_device`).
    pub async fn reset_password_from(
        &self,
        token: &str,
        new_password: &str,
        client: &crate::ClientInfo,
    ) -> Result<String, FlowError> {
        let (row, identity, contacts, credentials) = self.live_reset_token(token).await?;
        let password = Password::new(new_password);
        let mut inputs: Vec<&str> = contacts.iter().map(|c| c.address.as_str()).collect();
        if let Some(name) = &identity.name {
            inputs.push(name);
        }
        let problems = self.passwords.check(&password, &inputs);
        if !problems.is_empty() {
            return Err(FlowError::WeakPassword(problems));
        }
        let current = credentials
            .iter()
            .find(|c| c.kind == CredentialKind::Password);
        if let Some(current) = current
            && matches!(
                self.hasher.verify(&password, &current.secret).await?,
                crate::hasher::Verdict::Match { .. }
            )
        {
            return Err(FlowError::WeakPassword(vec![
                latchkey_domain::PasswordProblem::SameAsCurrent,
            ]));
        }
        let secret = self.hasher.hash(&password).await?;
        let now = self.now();
        let (report_row, messages) =
            self.password_changed_notices(&identity, &contacts, row.flow_id);
        let done = self
            .store
            .complete_password_reset(
                &PasswordReset {
                    token_hash: row.token_hash,
                    identity_id: identity.id,
                    expected_stamp: row.credential_stamp,
                    secret,
                    now,
                    new_tokens: vec![report_row],
                },
                &messages,
            )
            .await?;
        if !done {
            // Another request used the token (or changed the password) meanwhile.
            return Err(FlowError::FlowExpired);
        }
        self.wake_courier();
        tracing::info!(identity.id = %identity.id, "password reset");
        // A completed reset proves the owner: strangers' failures no longer count.
        self.clear_lockout(identity.id).await?;
        // …and every device trusted before it is trusted no more (an attacker's included).
        self.revoke_devices(identity.id).await?;
        self.device_token_for(identity.id, client.device_token.as_deref())
            .await
    }

    /// `POST /api/security/report`: "this wasn't me". Signs out every session and blocks
    /// sign-in until a recovery completes.
    pub async fn report_not_me(&self, token: &str) -> Result<(), FlowError> {
        if token.is_empty() || token.len() > 128 {
            return Err(FlowError::FlowExpired);
        }
        match self
            .store
            .use_report_token(&token_hash(token), self.now())
            .await?
        {
            Some(identity) => {
                // Devices trusted so far may be the attacker's: none is trusted any more.
                self.revoke_devices(identity).await?;
                tracing::warn!(identity.id = %identity, "owner reported an unwanted change; account blocked");
                Ok(())
            }
            None => Err(FlowError::FlowExpired),
        }
    }

    /// `POST /api/method-hint` ("Which sign-in method did I use?"): the same answer for
    /// everyone; the account's owner is told its methods by message.
    pub async fn send_method_hint(
        &self,
        identifier: &str,
        locale: Locale,
        client: &crate::ClientInfo,
    ) -> Result<(), FlowError> {
        let identifier = self.parse_identifier(identifier)?;
        self.sms_check(identifier.kind())?;
        self.guard_send_to(&identifier, client).await?;
        let account = self.recovery_account(&identifier).await?;
        let now = self.now();
        let message = match &account {
            Some(a) => {
                let locale = a
                    .identity
                    .locale
                    .as_deref()
                    .and_then(Locale::parse)
                    .unwrap_or(locale);
                let methods = a.methods();
                let methods: Vec<&str> = methods.iter().map(String::as_str).collect();
                let template: &dyn Message = if self.recoverable(&a.identity).await? {
                    &MethodHint { methods: &methods }
                } else {
                    &AccountBlockedHelp
                };
                Some(latchkey_courier::compose(
                    &self.compose,
                    template,
                    channel_of(a.contact.kind),
                    &a.contact.address,
                    locale,
                    now,
                ))
            }
            None if identifier.kind() == ContactKind::Email
                && self.settings.notify_unknown_email =>
            {
                Some(latchkey_courier::compose(
                    &self.compose,
                    &NoAccount,
                    Channel::Email,
                    identifier.address(),
                    locale,
                    now,
                ))
            }
            None => None,
        };
        if let Some(m) = message {
            self.store.enqueue_messages(&[m]).await?;
            self.wake_courier();
        }
        Ok(())
    }
}
