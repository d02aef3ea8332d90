//! Where the code went (the status page) and a new code, to the identifier or to an
//! address the person types.

use super::payload::{Mode, Payload};
use super::{ChannelOption, RecoveryStatus, country_of, identifier_kind, kind_of, mask};
use crate::kernel::codes::{channel_of, flow_code, read_payload, salt, write_payload};
use crate::{FlowError, Flows};
use latchkey_domain::secret::new_code;
use latchkey_domain::{FlowId, IdentityId};
use latchkey_store::{Channel, ContactKind, CredentialKind, FlowKind};

impl Flows {
    /// `GET /api/recovery/{flow_id}`: where the code goes, masked from what the person
    /// typed, and the channels they may type another address for. Reads nothing of the
    /// account, so known and unknown identifiers look alike.
    pub(crate) async fn recovery_status(&self, id: FlowId) -> Result<RecoveryStatus, FlowError> {
        let flow = self.open_flow(id, FlowKind::Recovery).await?;
        let payload = read_payload::<Payload>(&flow)?;
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
    /// where the last one went, not before the resend delay; optionally to an address
    /// the person types ("send it to my phone instead"). The code goes there only when it
    /// is a verified contact of the account; otherwise a code is issued that nobody
    /// receives. Either way the answer,
    /// the work and the limits (those of the typed address: the number that would be
    /// texted) are the same. Without `to`, a `channel` other than the current one must be
    /// the identifier's own; any other is refused alike for every account
    /// (`invalid_input`, field `phone` or `email`: type it).
    pub(crate) async fn resend_recovery_to(
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
        let mut payload = read_payload::<Payload>(&flow)?;
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
        let payload = write_payload(&payload)?;
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
}
