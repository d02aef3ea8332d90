//! The verification journey: verifying a contact that is not verified yet (a phone
//! added at registration, an address whose first code expired). Answers the same for
//! every identifier.
//!
//! An unverified contact is a claim, not a fact: anyone can type a stranger's number at
//! sign-up. Several accounts may claim one address; once someone proves they hold it (by
//! a code, here or at sign-up) the others' claims are removed and those accounts are told
//! ("verifying wins"). Nothing about either account is shown to the other.
//!
//! The journey owns the first step and the claims rule; the code step is the code
//! method's (`methods::code::verification`).

pub mod messages;
pub(crate) mod payload;

use crate::kernel::codes::{CodeTemplate, Delivery, NewCodeFlow, channel_of};
use crate::{ClientInfo, FlowError, Flows};
use latchkey_domain::{FlowId, IdentityId};
use latchkey_i18n::Locale;
use latchkey_store::{ContactKind, NewMessage};
use messages::ContactRemoved;
use payload::Payload;

impl Flows {
    /// The first step, with the client (per-IP limits, challenge).
    pub(crate) async fn start_verification(
        &self,
        identifier: &str,
        locale: Locale,
        client: &ClientInfo,
    ) -> Result<FlowId, FlowError> {
        let identifier = self.parse_identifier(identifier)?;
        self.guard_send_to(&identifier, client).await?;
        // Only an address nobody holds verified, claimed by exactly one account: with
        // several claims this anonymous flow cannot tell which account the code-holder
        // means, and guessing could attach their address to a stranger's account. They
        // can still verify it by signing up with it (which removes the other claims).
        let claims = self
            .store
            .contacts_by_key(identifier.kind(), &identifier.key())
            .await?;
        let contact = match claims.as_slice() {
            [only] if !only.verified => Some(only.clone()),
            _ => None,
        };
        let contact_id = contact.as_ref().map(|c| c.id);
        let locale = match &contact {
            Some(c) => self
                .store
                .identity(c.identity_id)
                .await?
                .and_then(|i| i.locale)
                .as_deref()
                .and_then(Locale::parse)
                .unwrap_or(locale),
            None => locale,
        };
        self.open_code_flow(NewCodeFlow {
            identity_id: contact.as_ref().map(|c| c.identity_id),
            identifier_key: identifier.key(),
            channel: identifier.kind(),
            payload: Payload {
                contact_id,
                delivery: Delivery {
                    recipient: contact.map(|c| c.address),
                    locale,
                    template: CodeTemplate::Verification,
                },
            },
            extra_messages: Vec::new(),
        })
        .await
    }

    /// The other accounts whose unverified claims of this address go once `keeper`
    /// proves it (read before the change; record their `contact.dropped` after it with
    /// [`Flows::address_proved`]).
    pub(crate) async fn claim_holders(
        &self,
        kind: ContactKind,
        key: &str,
        keeper: IdentityId,
    ) -> Result<Vec<IdentityId>, FlowError> {
        Ok(self
            .store
            .contacts_by_key(kind, key)
            .await?
            .into_iter()
            .filter(|c| !c.verified && c.identity_id != keeper)
            .map(|c| c.identity_id)
            .collect())
    }

    /// After `keeper` proved the address (`kind`, normalized `key`): a `contact.dropped`
    /// event for each account whose unverified claim went (`holders`, from
    /// [`Flows::claim_holders`]), and every other account's pending change to that
    /// address (a contact change waiting for its code) is void, its account told and the
    /// event recorded too (the "unexpired email change" pre-hijacking attack).
    pub(crate) async fn address_proved(
        &self,
        kind: ContactKind,
        key: &str,
        keeper: IdentityId,
        holders: &[IdentityId],
    ) -> Result<(), FlowError> {
        for other in holders {
            self.record(
                *other,
                latchkey_domain::EventType::ContactDropped,
                None,
                serde_json::json!({"kind": kind.as_str(), "reason": "verified_elsewhere"}),
            )
            .await;
        }
        let voided = self
            .store
            .void_flows_for_address(
                latchkey_store::FlowKind::ContactChange,
                kind,
                key,
                keeper,
                self.now(),
            )
            .await?;
        for flow in voided {
            let Some(owner) = flow.identity_id else {
                continue;
            };
            let Some(identity) = self.store.identity(owner).await? else {
                continue;
            };
            let address = flow
                .payload
                .get("address")
                .and_then(|a| a.as_str())
                .unwrap_or(&flow.identifier_key)
                .to_owned();
            let contacts = self.store.contacts(owner).await?;
            let notices =
                self.owner_notices(&identity, &contacts, &ContactRemoved { address: &address });
            self.store.enqueue_messages(&notices).await?;
            self.wake_courier();
            self.record(
                owner,
                latchkey_domain::EventType::ContactDropped,
                None,
                serde_json::json!({"kind": kind.as_str(), "reason": "pending_change_void"}),
            )
            .await;
            tracing::info!(identity.id = %owner, "pending contact change void: another account proved the address");
        }
        Ok(())
    }

    /// The notices for every other account whose unverified claim of this address goes
    /// once `keeper` verifies it: one to each of that account's own verified contacts, in
    /// its language. Written in the transaction that removes the claims.
    pub(crate) async fn claims_released_notices(
        &self,
        kind: ContactKind,
        key: &str,
        keeper: IdentityId,
    ) -> Result<Vec<NewMessage>, FlowError> {
        let mut messages = Vec::new();
        let claims = self.store.contacts_by_key(kind, key).await?;
        for claim in claims
            .iter()
            .filter(|c| !c.verified && c.identity_id != keeper)
        {
            let locale = self
                .store
                .identity(claim.identity_id)
                .await?
                .and_then(|i| i.locale)
                .as_deref()
                .and_then(Locale::parse)
                .unwrap_or_default();
            let template = ContactRemoved {
                address: &claim.address,
            };
            for to in self.store.contacts(claim.identity_id).await? {
                if !to.verified || (to.kind == ContactKind::Phone && !self.settings.sms_enabled) {
                    continue;
                }
                messages.push(latchkey_courier::compose(
                    &self.compose,
                    &template,
                    channel_of(to.kind),
                    &to.address,
                    locale,
                    self.now(),
                ));
            }
            tracing::info!(identity.id = %claim.identity_id, "unverified claim removed: another account verified the address");
        }
        Ok(messages)
    }
}

/// `flows.verification()`: verifying a contact by a code.
#[derive(Clone, Copy)]
pub struct Verification<'a>(&'a Flows);

impl Flows {
    pub fn verification(&self) -> Verification<'_> {
        Verification(self)
    }
}

impl Verification<'_> {
    pub async fn start(
        &self,
        identifier: &str,
        locale: Locale,
        client: &ClientInfo,
    ) -> Result<FlowId, FlowError> {
        self.0.start_verification(identifier, locale, client).await
    }

    pub async fn resend(&self, id: FlowId, client: &ClientInfo) -> Result<(), FlowError> {
        self.0
            .resend_code(id, latchkey_store::FlowKind::Verification, client)
            .await
    }

    pub async fn complete(
        &self,
        id: FlowId,
        code: &str,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        self.0.complete_verification(id, code, client).await
    }
}
