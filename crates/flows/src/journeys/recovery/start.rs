//! The first step: a flow for any identifier, with a code row whether or not anybody
//! receives the code, and the notice (hint, blocked, no account) where one is due.

use super::kind_of;
use super::messages::{AccountBlockedHelp, MethodHint, NoAccount};
use super::payload::{Mode, Notice, Payload};
use crate::kernel::codes::channel_of;
use crate::kernel::codes::{CodeTemplate, Delivery, flow_code, salt, write_payload};
use crate::{FlowError, Flows};
use latchkey_courier::Message;
use latchkey_domain::FlowId;
use latchkey_domain::secret::new_code;
use latchkey_i18n::Locale;
use latchkey_store::{Channel, ContactKind, Flow, FlowKind, FlowState, NewMessage};

impl Flows {
    /// The non-code message of a hint, blocked or unknown flow, if any.
    pub(crate) fn notice_message(&self, payload: &Payload) -> Option<NewMessage> {
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
    pub(crate) async fn start_recovery(
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
            payload: write_payload(&payload)?,
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
        // Not waited for: the answer takes the same time with or without an account.
        if let Some(identity) = identity_id {
            self.record_detached(
                identity,
                latchkey_domain::EventType::RecoveryRequested,
                client,
                serde_json::json!({"channel": kind.as_str()}),
            );
        }
        Ok(id)
    }
}
