//! The machinery every code flow shares: open a flow and send its code, resend, check.
//!
//! A flow whose identifier has no account still gets a code row that nobody receives, so
//! known and unknown identifiers take the same path, the same time and the same answers.

use crate::journeys::recovery::messages::RecoveryCode;
use crate::journeys::registration::messages::RegistrationCode;
use crate::journeys::settings::messages::ContactCode;
use crate::journeys::verification::messages::VerificationCode;
use crate::methods::code::messages::LoginCode;
use crate::{ClientInfo, FlowError, Flows};
use latchkey_courier::Message;
use latchkey_domain::secret::new_code;
use latchkey_domain::{CodeCheck, FlowId, IdentityId, IssuedCode};
use latchkey_i18n::Locale;
use latchkey_store::{Channel, ContactKind, Flow, FlowCode, FlowKind, FlowState, NewMessage};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use time::Duration;
use uuid::Uuid;

/// A message whose whole content is a one-time code: the struct (`code`), its stable
/// name, a code's lifetime, and the shared code layout; its texts are the Fluent keys
/// `message-<name>-{subject,heading,intro,ignore,sms}`. Every code message is one line:
/// `code_message!(/// doc, LoginCode, "login_code");`.
macro_rules! code_message {
    ($(#[$doc:meta])* $name:ident, $key:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $name<'a> {
            pub code: &'a str,
        }

        impl latchkey_courier::Message for $name<'_> {
            fn name(&self) -> &'static str {
                $key
            }

            fn lifetime(&self, lifetimes: &latchkey_courier::MessageLifetimes) -> time::Duration {
                lifetimes.one_time_code()
            }

            fn args(&self, _: latchkey_i18n::Locale) -> Vec<(&'static str, String)> {
                vec![("code", self.code.to_owned())]
            }

            fn email(&self, s: &latchkey_courier::Strings<'_>) -> latchkey_courier::Layout {
                s.code_layout(self.code)
            }
        }
    };
}
pub(crate) use code_message;

/// Which message carries a flow's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeTemplate {
    Registration,
    Verification,
    LoginCode,
    /// Recovery flows build their messages themselves (a reset link goes with each code
    /// by email); this is what a plain resend would send.
    Recovery,
    /// A new email or phone added in settings.
    ContactChange,
}

impl CodeTemplate {
    fn message(self, code: &str) -> Box<dyn Message + '_> {
        match self {
            Self::Registration => Box::new(RegistrationCode { code }),
            Self::Verification => Box::new(VerificationCode { code }),
            Self::LoginCode => Box::new(LoginCode { code }),
            Self::Recovery => Box::new(RecoveryCode { code, link: None }),
            Self::ContactChange => Box::new(ContactCode { code }),
        }
    }
}

/// Where a flow's codes go. `None` recipient: the identifier has nowhere to send to (no
/// account, or an account that must not get one); codes are issued but never sent.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Delivery {
    pub recipient: Option<String>,
    pub locale: Locale,
    pub template: CodeTemplate,
}

pub fn channel_of(kind: ContactKind) -> Channel {
    match kind {
        ContactKind::Email => Channel::Email,
        ContactKind::Phone => Channel::Sms,
    }
}

/// The flow's id doubles as the salt of its code hashes.
pub(crate) fn salt(id: FlowId) -> [u8; 16] {
    *id.0.as_bytes()
}

/// The typed payload a code flow of one kind keeps in the store. Each journey owns its
/// own; every one carries the [`Delivery`] its codes follow, under `"delivery"`.
pub(crate) trait CodePayload: Serialize + DeserializeOwned {
    const KIND: FlowKind;
    fn delivery(&self) -> &Delivery;
}

/// What a resend needs of any code flow's payload: only where its codes go. The other
/// fields are the journey's and are left alone.
#[derive(Deserialize)]
struct DeliveryOnly {
    delivery: Delivery,
}

/// Reads a flow's stored payload as the journey's type.
pub(crate) fn read_payload<P: DeserializeOwned>(flow: &Flow) -> Result<P, FlowError> {
    Ok(P::deserialize(&flow.payload)?)
}

/// Writes a journey's payload as the stored JSON.
pub(crate) fn write_payload<P: Serialize>(payload: &P) -> Result<serde_json::Value, FlowError> {
    Ok(serde_json::to_value(payload)?)
}

/// A new flow's common parts, filled by the caller's kind-specific ones.
pub(crate) struct NewCodeFlow<P> {
    pub identity_id: Option<IdentityId>,
    pub identifier_key: String,
    pub channel: ContactKind,
    /// The journey's payload, `delivery` included.
    pub payload: P,
    /// Messages other than the code (a notice to the owner) to write with the flow.
    pub extra_messages: Vec<NewMessage>,
}

/// A code flow still waiting for its code, as a code page shows it.
#[derive(Debug, Clone)]
pub struct PendingCode {
    pub id: FlowId,
    /// The identifier as typed, normalized (an email key or an E.164 number).
    pub identifier_key: String,
    /// How long until a new code may be asked for (zero or less: now).
    pub resend_in: Duration,
}

impl Flows {
    fn code_messages(
        &self,
        channel: ContactKind,
        delivery: &Delivery,
        code: &str,
    ) -> Vec<NewMessage> {
        delivery
            .recipient
            .as_deref()
            .map(|to| {
                latchkey_courier::compose(
                    &self.compose,
                    &*delivery.template.message(code),
                    channel_of(channel),
                    to,
                    delivery.locale,
                    self.now(),
                )
            })
            .into_iter()
            .collect()
    }

    pub(crate) async fn open_code_flow<P: CodePayload>(
        &self,
        new: NewCodeFlow<P>,
    ) -> Result<FlowId, FlowError> {
        let kind = P::KIND;
        if new.channel == ContactKind::Phone && !self.settings.sms_enabled {
            return Err(FlowError::ChannelUnavailable);
        }
        let now = self.now();
        let id = FlowId::new();
        let code = new_code();
        let issued = self.codes.issue(&salt(id), &code, now);
        let mut messages = self.code_messages(new.channel, new.payload.delivery(), &code);
        let codes_queued = messages.len();
        messages.extend(new.extra_messages);
        let flow = Flow {
            id,
            kind,
            state: FlowState::Active,
            identity_id: new.identity_id,
            identifier_key: new.identifier_key,
            channel: new.channel,
            payload: write_payload(&new.payload)?,
            failures: 0,
            created_at: now,
            expires_at: now + self.settings.flow_lifetime,
            last_sent_at: now,
            completed_at: None,
        };
        self.store
            .create_flow(&flow, Some(&flow_code(id, &issued)), &messages)
            .await?;
        crate::kernel::metrics::code_flow_opened(kind, new.channel, codes_queued);
        self.wake_courier();
        Ok(id)
    }

    /// The flow, if it is of this kind and still open.
    pub(crate) async fn open_flow(&self, id: FlowId, kind: FlowKind) -> Result<Flow, FlowError> {
        let flow = self.store.flow(id).await?.ok_or(FlowError::FlowExpired)?;
        if flow.kind != kind || flow.state != FlowState::Active || self.now() >= flow.expires_at {
            return Err(FlowError::FlowExpired);
        }
        Ok(flow)
    }

    /// The open flow of this kind behind `id`, as its code page shows it.
    pub(crate) async fn pending_code(
        &self,
        id: FlowId,
        kind: FlowKind,
    ) -> Result<PendingCode, FlowError> {
        let flow = self.open_flow(id, kind).await?;
        Ok(PendingCode {
            id: flow.id,
            resend_in: self.codes.resend_after - (self.now() - flow.last_sent_at),
            identifier_key: flow.identifier_key,
        })
    }

    /// Sends a new code (the old ones stay valid: the last three are accepted), no sooner
    /// than the resend delay after the previous one.
    /// The client's per-address limits and challenge apply as on a first send, whether
    /// the resend comes from the API or a page's button.
    pub(crate) async fn resend_code(
        &self,
        id: FlowId,
        kind: FlowKind,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        let flow = self.open_flow(id, kind).await?;
        let now = self.now();
        self.codes
            .may_resend(flow.last_sent_at, now)
            .map_err(|retry_after| FlowError::TooSoon { retry_after })?;
        // Resends count against the destination's limits like first sends.
        let country = (flow.channel == ContactKind::Phone)
            .then(|| latchkey_domain::Phone::parse(&flow.identifier_key, None).ok())
            .flatten()
            .map(|p| p.country_code());
        self.guard_send(flow.channel, &flow.identifier_key, country, client)
            .await?;
        let DeliveryOnly { delivery } = read_payload(&flow)?;
        let code = new_code();
        let issued = self.codes.issue(&salt(id), &code, now);
        let messages = self.code_messages(flow.channel, &delivery, &code);
        self.store
            .add_flow_code(id, &flow_code(id, &issued), &messages)
            .await?;
        crate::kernel::metrics::codes_sent(kind, flow.channel, messages.len());
        self.wake_courier();
        Ok(())
    }

    /// Checks a code; on success completes the flow (exactly one caller wins) and returns it.
    ///
    /// Every limit here is reserved before the code is compared, each in one statement,
    /// so it holds however many guesses arrive at once: the client's per-address limits,
    /// one of the flow's tries, and one of the account's wrong codes across all its flows.
    /// A right code gives its reservations back.
    pub(crate) async fn redeem_code(
        &self,
        id: FlowId,
        kind: FlowKind,
        code: &str,
        client: &ClientInfo,
    ) -> Result<Flow, FlowError> {
        self.open_flow(id, kind).await?;
        self.guard_code_check(client).await?;
        let now = self.now();
        let max = self.codes.max_failures;
        let flow = self
            .store
            .reserve_flow_try(id, max, now)
            .await?
            .ok_or(FlowError::FlowExpired)?;
        let account_key = self.reserve_account_code_try(&flow).await?;
        let codes = self.issued_codes(id).await?;
        let before = flow.failures.saturating_sub(1);
        match self.codes.check(&salt(id), &codes, before, code, now) {
            CodeCheck::Accepted => {
                self.store
                    .refund_lockout_failure(&account_key, None)
                    .await?;
                if self.store.complete_flow(id, max, now).await? {
                    Ok(flow)
                } else {
                    Err(FlowError::FlowExpired)
                }
            }
            CodeCheck::Wrong { .. } => Err(FlowError::InvalidCode {
                attempts_left: max.saturating_sub(flow.failures),
            }),
            CodeCheck::Exhausted | CodeCheck::Expired => Err(FlowError::FlowExpired),
        }
    }
}

impl Flows {
    /// The codes issued for a flow, newest first, as `CodePolicy::check` judges them.
    pub(crate) async fn issued_codes(&self, flow: FlowId) -> Result<Vec<IssuedCode>, FlowError> {
        Ok(self
            .store
            .flow_codes(flow)
            .await?
            .into_iter()
            .map(|c| IssuedCode {
                hash: c.code_hash,
                created_at: c.created_at,
                expires_at: c.expires_at,
            })
            .collect())
    }
}

pub(crate) fn flow_code(flow_id: FlowId, issued: &IssuedCode) -> FlowCode {
    FlowCode {
        id: Uuid::now_v7(),
        flow_id,
        code_hash: issued.hash.clone(),
        created_at: issued.created_at,
        expires_at: issued.expires_at,
    }
}

/// `flows.codes()`: what the code step of any code flow needs (the API's and the pages'
/// shared resend and code pages).
#[derive(Clone, Copy)]
pub struct Codes<'a>(&'a Flows);

impl Flows {
    pub fn codes(&self) -> Codes<'_> {
        Codes(self)
    }
}

impl Codes<'_> {
    /// How long after a code a new one may be asked for.
    pub fn resend_after(&self) -> Duration {
        self.0.codes.resend_after
    }

    /// The open flow of this kind behind `id` (else `FlowExpired`), as its page shows it.
    pub async fn pending(&self, id: FlowId, kind: FlowKind) -> Result<PendingCode, FlowError> {
        self.0.pending_code(id, kind).await
    }

    /// A new code for a flow of this kind: earlier codes stay valid, and the resend delay and the client's limits apply.
    pub async fn resend(
        &self,
        id: FlowId,
        kind: FlowKind,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        self.0.resend_code(id, kind, client).await
    }
}
