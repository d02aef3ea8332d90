//! Email and phone changes (issue #12): a new address is proved by a code sent to it, then
//! added verified (optionally as the primary); contacts are made primary and removed.
//!
//! A pending change is only a flow: the address joins `contacts` once proved. Whoever
//! proves an address first keeps it: when another account proves it meanwhile (its
//! registration, a verification, a provider's verified email, another change), the
//! store's one-verified-holder index refuses this one and the flow is void
//! (`FlowExpired`), which defeats the "unexpired email change" pre-hijacking attack.
//! Switching the primary email sends the old one a revert link (`revert.rs`); switching
//! the primary phone tells the old phone by SMS with a "this wasn't me" link.

use super::messages::{AddressInUse, EmailChanged, PhoneChanged, REVERT_LINK_TTL};
use super::payload::ContactChange;
use crate::IdentityView;
use crate::kernel::codes::{CodeTemplate, Delivery, NewCodeFlow, channel_of, read_payload};
use crate::{Authenticated, ClientInfo, FlowError, Flows};
use latchkey_domain::secret::{new_token, token_hash};
use latchkey_domain::{EventType, FlowId};
use latchkey_i18n::Locale;
use latchkey_store::{
    Contact, ContactKind, EmailRevert, FlowKind, Identity, NewMessage, ResetToken, StoreError,
    TokenPurpose, VerifiedContactChange,
};
use serde_json::json;
use uuid::Uuid;

pub(crate) fn locale_of(identity: &Identity) -> Locale {
    identity
        .locale
        .as_deref()
        .and_then(Locale::parse)
        .unwrap_or_default()
}

fn event_of(kind: ContactKind) -> EventType {
    match kind {
        ContactKind::Email => EventType::EmailChanged,
        ContactKind::Phone => EventType::PhoneChanged,
    }
}

impl Flows {
    /// `POST /api/account/contacts`: a code to the new address. An address another
    /// account holds verified gets "someone tried to add this address" instead, and the
    /// caller the same answer.
    pub(crate) async fn add_contact(
        &self,
        auth: &Authenticated,
        kind: ContactKind,
        address: &str,
        client: &ClientInfo,
    ) -> Result<FlowId, FlowError> {
        self.require_privileged(auth)?;
        let identifier = self.parse_identifier(address)?;
        if identifier.kind() != kind {
            return Err(FlowError::InvalidInput {
                field: kind.as_str(),
            });
        }
        if kind == ContactKind::Phone && !self.settings.sms_enabled {
            return Err(FlowError::ChannelUnavailable);
        }
        self.guard_send_to(&identifier, client).await?;
        let key = identifier.key();
        let holder = self.store.contact_by_key(kind, &key).await?;
        let taken = holder
            .as_ref()
            .is_some_and(|c| c.verified && c.identity_id != auth.identity.id);
        let locale = locale_of(&auth.identity);
        let address = identifier.address().to_owned();
        let mut extra_messages = Vec::new();
        if taken {
            // Told in the holder's language; nothing about the other account.
            let holder_locale = match &holder {
                Some(c) => self
                    .store
                    .identity(c.identity_id)
                    .await?
                    .map(|i| locale_of(&i))
                    .unwrap_or(locale),
                None => locale,
            };
            extra_messages.push(latchkey_courier::compose(
                &self.compose,
                &AddressInUse,
                channel_of(kind),
                &address,
                holder_locale,
                self.now(),
            ));
        }
        self.open_code_flow(NewCodeFlow {
            identity_id: Some(auth.identity.id),
            identifier_key: key,
            channel: kind,
            payload: ContactChange {
                address: address.clone(),
                taken,
                delivery: Delivery {
                    recipient: (!taken).then_some(address),
                    locale,
                    template: CodeTemplate::ContactChange,
                },
            },
            extra_messages,
        })
        .await
    }

    /// `POST /api/account/contacts/{flow_id}/code`: the address is the account's, verified.
    pub(crate) async fn complete_contact_change(
        &self,
        auth: &Authenticated,
        flow_id: FlowId,
        code: &str,
        primary: bool,
        client: &ClientInfo,
    ) -> Result<IdentityView, FlowError> {
        let me = auth.identity.id;
        // Another account's flow id is simply void here.
        let open = self.open_flow(flow_id, FlowKind::ContactChange).await?;
        if open.identity_id != Some(me) {
            return Err(FlowError::FlowExpired);
        }
        let flow = self
            .redeem_code(flow_id, FlowKind::ContactChange, code, client)
            .await?;
        let payload: ContactChange = read_payload(&flow)?;
        if payload.taken {
            return Err(FlowError::FlowExpired);
        }
        let kind = flow.channel;
        let key = flow.identifier_key.clone();
        let contacts = self.store.contacts(me).await?;
        // The account's own unverified claim of the address keeps its id.
        let id = contacts
            .iter()
            .find(|c| c.kind == kind && c.address_key == key)
            .map_or_else(Uuid::now_v7, |c| c.id);
        let old_primary = contacts
            .iter()
            .find(|c| c.kind == kind && c.primary && c.verified && c.id != id)
            .cloned();
        let dropped = self.claim_holders(kind, &key, me).await?;
        let mut messages = self.claims_released_notices(kind, &key, me).await?;
        let mut revert = None;
        if primary && let Some(old) = &old_primary {
            let (row, notices) = self
                .primary_switch_notices(&auth.identity, old, &payload.address, id)
                .await?;
            revert = row;
            messages.extend(notices);
        }
        let change = VerifiedContactChange {
            id,
            identity_id: me,
            kind,
            address: payload.address.clone(),
            address_key: key,
            primary,
            now: self.now(),
            revert,
        };
        let added = match self.store.add_verified_contact(&change, &messages).await {
            Ok(c) => c,
            // Someone else proved the address since the code was sent: it is theirs.
            Err(StoreError::Conflict(_)) => return Err(FlowError::FlowExpired),
            Err(e) => return Err(e.into()),
        };
        self.wake_courier();
        tracing::info!(identity.id = %me, kind = kind.as_str(), "contact added");
        self.address_proved(kind, &added.address_key, me, &dropped)
            .await?;
        self.record(
            me,
            event_of(kind),
            Some(client),
            json!({"by": "settings", "action": "added", "contact_id": added.id, "primary": added.primary}),
        )
        .await;
        self.identity_view_by_id(me).await
    }

    /// The notice the old primary gets when `new_address` (contact `new_id`) replaces it:
    /// an email's revert link (and its row, to store with the change), or a phone's SMS
    /// with a "this wasn't me" link (whose token is stored here, first: a token nobody
    /// received is harmless, a link that does not work would not be).
    async fn primary_switch_notices(
        &self,
        identity: &Identity,
        old: &Contact,
        new_address: &str,
        new_id: Uuid,
    ) -> Result<(Option<EmailRevert>, Vec<NewMessage>), FlowError> {
        let now = self.now();
        let locale = locale_of(identity);
        match old.kind {
            ContactKind::Email => {
                let token = new_token();
                let row = EmailRevert {
                    token_hash: token_hash(&token),
                    identity_id: identity.id,
                    old_address: old.address.clone(),
                    old_address_key: old.address_key.clone(),
                    new_contact_id: new_id,
                    created_at: now,
                    expires_at: now + REVERT_LINK_TTL,
                    used_at: None,
                };
                let link = self.link("/revert", &token);
                let message = latchkey_courier::compose(
                    &self.compose,
                    &EmailChanged {
                        new_address,
                        revert_link: &link,
                    },
                    channel_of(ContactKind::Email),
                    &old.address,
                    locale,
                    now,
                );
                Ok((Some(row), vec![message]))
            }
            ContactKind::Phone if self.settings.sms_enabled => {
                let report = new_token();
                self.store
                    .insert_reset_token(
                        &ResetToken {
                            token_hash: token_hash(&report),
                            identity_id: identity.id,
                            flow_id: None,
                            purpose: TokenPurpose::Report,
                            credential_stamp: None,
                            created_at: now,
                            expires_at: now + self.settings.report_link_ttl,
                            used_at: None,
                        },
                        &[],
                    )
                    .await?;
                let link = self.link("/security/report", &report);
                let message = latchkey_courier::compose(
                    &self.compose,
                    &PhoneChanged {
                        new_phone: new_address,
                        report_link: &link,
                    },
                    channel_of(ContactKind::Phone),
                    &old.address,
                    locale,
                    now,
                );
                Ok((None, vec![message]))
            }
            ContactKind::Phone => Ok((None, Vec::new())),
        }
    }

    /// Makes a verified contact the primary of its kind, with the same notice to the old
    /// primary as a change with `"primary": true`.
    pub(crate) async fn make_contact_primary(
        &self,
        auth: &Authenticated,
        contact: Uuid,
        client: &ClientInfo,
    ) -> Result<IdentityView, FlowError> {
        self.require_privileged(auth)?;
        let me = auth.identity.id;
        let contacts = self.store.contacts(me).await?;
        let target = contacts
            .iter()
            .find(|c| c.id == contact && c.verified)
            .ok_or(FlowError::NotFound)?;
        if target.primary {
            return self.identity_view_by_id(me).await;
        }
        let (revert, messages) = match contacts
            .iter()
            .find(|c| c.kind == target.kind && c.primary && c.verified)
        {
            Some(old) => {
                self.primary_switch_notices(&auth.identity, old, &target.address, target.id)
                    .await?
            }
            None => (None, Vec::new()),
        };
        match self
            .store
            .make_contact_primary(me, contact, revert.as_ref(), &messages)
            .await
        {
            Ok(_) => {}
            Err(StoreError::NotFound) => return Err(FlowError::NotFound),
            Err(e) => return Err(e.into()),
        }
        self.wake_courier();
        self.record(
            me,
            event_of(target.kind),
            Some(client),
            json!({"by": "settings", "action": "made_primary", "contact_id": contact}),
        )
        .await;
        self.identity_view_by_id(me).await
    }

    /// `DELETE /api/account/contacts/{contact_id}`. A primary contact cannot go while
    /// another contact of its kind is there (`PrimaryContact`: make that one primary
    /// first), so an account with emails always has a primary one; and none goes when it
    /// would leave no way in (`LastMethod`).
    pub(crate) async fn remove_contact(
        &self,
        auth: &Authenticated,
        contact: Uuid,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        self.require_privileged(auth)?;
        let me = auth.identity.id;
        let contacts = self.store.contacts(me).await?;
        let target = contacts
            .iter()
            .find(|c| c.id == contact)
            .ok_or(FlowError::NotFound)?
            .clone();
        if target.primary
            && contacts
                .iter()
                .any(|c| c.kind == target.kind && c.id != target.id)
        {
            return Err(FlowError::PrimaryContact);
        }
        let remaining: Vec<Contact> = contacts.into_iter().filter(|c| c.id != contact).collect();
        let credentials = self.store.credentials(me).await?;
        if !self.other_way_in(&credentials, &remaining, &[]) {
            return Err(FlowError::LastMethod);
        }
        match self.store.remove_contact(me, contact, &[]).await {
            Ok(()) => {}
            Err(StoreError::NotFound) => return Err(FlowError::NotFound),
            Err(e) => return Err(e.into()),
        }
        tracing::info!(identity.id = %me, kind = target.kind.as_str(), "contact removed");
        self.record(
            me,
            event_of(target.kind),
            Some(client),
            json!({"by": "settings", "action": "removed", "contact_id": contact}),
        )
        .await;
        Ok(())
    }
}
