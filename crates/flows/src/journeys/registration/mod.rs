//! The registration journey: email or phone (+ optional password) → a 6-digit code → an
//! active, signed-in account. A taken identifier gets the same answer; its owner gets a
//! notice instead of a code.
//!
//! The journey owns the first step and the account it creates; the password method
//! checks and hashes the password (`methods::password::registration`), the code method
//! runs the code step (`methods::code::registration`).

pub mod messages;
pub(crate) mod payload;

use crate::kernel::codes::{CodeTemplate, Delivery, NewCodeFlow, channel_of};
use crate::{ClientInfo, FlowError, Flows, SignedIn};
use latchkey_domain::{Assurance, Email, FlowId, IdentityId, Phone};
use latchkey_i18n::Locale;
use latchkey_store::{
    Contact, ContactKind, Flow, Identity, IdentityState, NewIdentity, StoreError,
};
use messages::{SignupAttempt, Welcome};
use payload::Payload;
use uuid::Uuid;

#[derive(Debug, Clone, Default)]
pub struct RegistrationInput {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub password: Option<String>,
    pub name: Option<String>,
    pub locale: Locale,
}

/// A display name's limit, in characters (also `PATCH /api/account`'s).
pub(crate) const MAX_NAME_CHARS: usize = 200;

impl Flows {
    /// The first step, with the client (per-IP limits, challenge). The guard runs before
    /// the password is hashed.
    pub(crate) async fn start_registration(
        &self,
        input: RegistrationInput,
        client: &ClientInfo,
    ) -> Result<FlowId, FlowError> {
        let email = non_empty(&input.email)
            .map(|e| Email::parse(e).map_err(|_| FlowError::InvalidInput { field: "email" }))
            .transpose()?;
        let phone = non_empty(&input.phone)
            .map(|p| {
                Phone::parse(p, self.settings.default_phone_region.as_deref())
                    .map_err(|_| FlowError::InvalidInput { field: "phone" })
            })
            .transpose()?;
        let name = non_empty(&input.name).map(|n| n.trim().to_owned());
        if name
            .as_ref()
            .is_some_and(|n| n.chars().count() > MAX_NAME_CHARS)
        {
            return Err(FlowError::InvalidInput { field: "name" });
        }
        // The code goes to the email when there is one; a phone given with it is kept as
        // a second, unverified contact.
        let (channel, key, address) = match (&email, &phone) {
            (Some(e), _) => (ContactKind::Email, e.key(), e.as_str().to_owned()),
            (None, Some(p)) => (
                ContactKind::Phone,
                p.as_str().to_owned(),
                p.as_str().to_owned(),
            ),
            (None, None) => return Err(FlowError::InvalidInput { field: "email" }),
        };
        let country = match (&email, &phone) {
            (None, Some(p)) => Some(p.country_code()),
            _ => None,
        };
        self.guard_send(channel, &key, country, client).await?;
        let password_hash = self
            .registration_password(input.password.as_deref(), &address, name.as_deref())
            .await?;
        // Taken only by a verified holder: an unverified claim (say, a stranger who typed
        // this number at their own sign-up) never keeps the owner from signing up.
        let taken = self
            .store
            .contact_by_key(channel, &key)
            .await?
            .is_some_and(|c| c.verified);
        let extra_messages = if taken {
            vec![latchkey_courier::compose(
                &self.compose,
                &SignupAttempt,
                channel_of(channel),
                &address,
                input.locale,
                self.now(),
            )]
        } else {
            Vec::new()
        };
        self.open_code_flow(NewCodeFlow {
            identity_id: None,
            identifier_key: key,
            channel,
            payload: Payload {
                delivery: Delivery {
                    recipient: (!taken).then_some(address),
                    locale: input.locale,
                    template: CodeTemplate::Registration,
                },
                email: email.as_ref().map(|e| e.as_str().to_owned()),
                phone: phone.as_ref().map(|p| p.as_str().to_owned()),
                name,
                locale: Some(input.locale.tag().to_owned()),
                password_hash,
            },
            extra_messages,
        })
        .await
    }

    /// After a right code: the account, its contacts and credentials, its welcome, and
    /// a session.
    pub(crate) async fn finish_registration(
        &self,
        flow: &Flow,
        client: &ClientInfo,
    ) -> Result<SignedIn, FlowError> {
        let payload: Payload = crate::kernel::codes::read_payload(flow)?;
        let now = self.now();
        let locale = payload
            .locale
            .as_deref()
            .and_then(Locale::parse)
            .unwrap_or_default();
        let identity = Identity {
            id: IdentityId::new(),
            name: payload.name.clone(),
            locale: Some(locale.tag().to_owned()),
            state: IdentityState::Active,
            created_at: now,
            updated_at: now,
        };
        let contact = |kind: ContactKind, address: &str, key: String| Contact {
            id: Uuid::now_v7(),
            identity_id: identity.id,
            kind,
            address: address.to_owned(),
            address_key: key,
            verified: kind == flow.channel,
            primary: true,
            created_at: now,
        };
        let mut contacts = Vec::new();
        if let Some(e) = payload.email.as_deref().and_then(|e| Email::parse(e).ok()) {
            contacts.push(contact(ContactKind::Email, e.as_str(), e.key()));
        }
        if let Some(p) = payload.phone.as_deref() {
            contacts.push(contact(ContactKind::Phone, p, p.to_owned()));
        }
        let password_hash = payload.password_hash.as_deref();
        let credentials = password_hash
            .map(|phc| Self::password_credential(identity.id, phc, now))
            .into_iter()
            .collect();
        let verified = contacts
            .iter()
            .find(|c| c.verified)
            .ok_or_else(|| FlowError::Internal("registration flow without contact".into()))?;
        let method = if password_hash.is_some() {
            "password"
        } else if verified.kind == ContactKind::Email {
            "email_code"
        } else {
            "sms_code"
        };
        let welcome = latchkey_courier::compose(
            &self.compose,
            &Welcome {
                address: &verified.address,
                method,
            },
            channel_of(verified.kind),
            &verified.address,
            locale,
            now,
        );
        // Verifying wins: other accounts' claims of this address go, and they are told.
        let dropped = self
            .claim_holders(verified.kind, &verified.address_key, identity.id)
            .await?;
        let dropped_kind = verified.kind;
        let proved_key = verified.address_key.clone();
        let mut messages = self
            .claims_released_notices(verified.kind, &verified.address_key, identity.id)
            .await?;
        messages.push(welcome);
        let new = NewIdentity {
            identity: identity.clone(),
            contacts,
            credentials,
        };
        match self.store.create_identity(&new, &messages).await {
            Ok(()) => {}
            // Someone registered the address between this flow's start and now.
            Err(StoreError::Conflict(_)) => return Err(FlowError::FlowExpired),
            Err(e) => return Err(e.into()),
        }
        self.wake_courier();
        crate::kernel::metrics::registration_completed();
        self.address_proved(dropped_kind, &proved_key, identity.id, &dropped)
            .await?;
        self.record(
            identity.id,
            latchkey_domain::EventType::IdentityCreated,
            Some(client),
            serde_json::json!({"method": method}),
        )
        .await;
        self.start_session(&identity, Assurance::one_factor("code"), client, &[])
            .await
    }
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.trim().is_empty())
}

/// `flows.registration()`: sign-up's steps.
#[derive(Clone, Copy)]
pub struct Registration<'a>(&'a Flows);

impl Flows {
    pub fn registration(&self) -> Registration<'_> {
        Registration(self)
    }
}

impl Registration<'_> {
    /// Opens the flow and sends its code; the client's limits and challenge apply.
    pub async fn start(
        &self,
        input: RegistrationInput,
        client: &ClientInfo,
    ) -> Result<FlowId, FlowError> {
        self.0.start_registration(input, client).await
    }

    pub async fn resend(&self, id: FlowId, client: &ClientInfo) -> Result<(), FlowError> {
        self.0
            .resend_code(id, latchkey_store::FlowKind::Registration, client)
            .await
    }

    /// The code step: the account, and a session for it.
    pub async fn complete(
        &self,
        id: FlowId,
        code: &str,
        client: &ClientInfo,
    ) -> Result<SignedIn, FlowError> {
        self.0.complete_registration(id, code, client).await
    }

    /// The strength meter's answer for a password being typed.
    pub fn assess_password(
        &self,
        password: &str,
        inputs: &[&str],
    ) -> crate::methods::password::registration::PasswordAssessment {
        self.0.assess_password(password, inputs)
    }

    /// The shortest password the policy accepts, in code points.
    pub fn password_min_length(&self) -> usize {
        self.0.passwords.min_length
    }
}
