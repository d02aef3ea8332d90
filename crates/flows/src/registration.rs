//! Registration: email or phone (+ optional password) → a 6-digit code → an active,
//! signed-in account. A taken identifier gets the same answer; its owner gets a notice
//! instead of a code.

use crate::codes::{CodeTemplate, Delivery, NewCodeFlow, channel_of, payload_str};
use crate::{ClientInfo, FlowError, Flows, SignedIn};
use latchkey_courier::messages::{SignupAttempt, Welcome};
use latchkey_domain::{Email, FlowId, IdentityId, Password, Phone, Strength};
use latchkey_i18n::Locale;
use latchkey_store::{
    Contact, ContactKind, Credential, CredentialKind, FlowKind, Identity, IdentityState,
    NewIdentity, StoreError,
};
use serde::Serialize;
use uuid::Uuid;

#[derive(Debug, Clone, Default)]
pub struct RegistrationInput {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub password: Option<String>,
    pub name: Option<String>,
    pub locale: Locale,
}

const MAX_NAME_CHARS: usize = 200;

/// The strength meter's answer for a password being typed.
#[derive(utoipa::ToSchema, Debug, Clone, Serialize)]
pub struct PasswordAssessment {
    pub strength: Strength,
    pub problems: Vec<latchkey_domain::PasswordProblem>,
    pub acceptable: bool,
}

impl Flows {
    pub fn assess_password(&self, password: &str, inputs: &[&str]) -> PasswordAssessment {
        let pw = Password::new(password);
        let problems = self.passwords.check(&pw, inputs);
        PasswordAssessment {
            strength: self.passwords.strength(&pw, inputs),
            acceptable: problems.is_empty(),
            problems,
        }
    }

    pub async fn start_registration(&self, input: RegistrationInput) -> Result<FlowId, FlowError> {
        self.start_registration_from(input, &ClientInfo::default())
            .await
    }

    /// As [`Self::start_registration`], with the client (per-IP limits, challenge). The
    /// guard runs before the password is hashed.
    pub async fn start_registration_from(
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
        let password_hash = match input.password.as_deref() {
            Some(raw) => {
                let pw = Password::new(raw);
                let mut inputs: Vec<&str> = vec![address.as_str()];
                if let Some(n) = &name {
                    inputs.push(n);
                }
                let problems = self.passwords.check(&pw, &inputs);
                if !problems.is_empty() {
                    return Err(FlowError::WeakPassword(problems));
                }
                // Hashed now, also for a taken identifier, so both cost the same.
                Some(self.hasher.hash(&pw).await?)
            }
            None => None,
        };
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
        let mut payload = serde_json::Map::new();
        payload.insert("email".into(), email.as_ref().map(|e| e.as_str()).into());
        payload.insert("phone".into(), phone.as_ref().map(|p| p.as_str()).into());
        payload.insert("name".into(), name.into());
        payload.insert("locale".into(), input.locale.tag().into());
        payload.insert("password_hash".into(), password_hash.into());
        self.open_code_flow(NewCodeFlow {
            kind: FlowKind::Registration,
            identity_id: None,
            identifier_key: key,
            channel,
            delivery: Delivery {
                recipient: (!taken).then_some(address),
                locale: input.locale,
                template: CodeTemplate::Registration,
            },
            payload,
            extra_messages,
        })
        .await
    }

    pub async fn complete_registration(
        &self,
        flow_id: FlowId,
        code: &str,
        client: &ClientInfo,
    ) -> Result<SignedIn, FlowError> {
        let flow = self
            .redeem_code(flow_id, FlowKind::Registration, code, client)
            .await?;
        let now = self.now();
        let locale = payload_str(&flow, "locale")
            .and_then(Locale::parse)
            .unwrap_or_default();
        let identity = Identity {
            id: IdentityId::new(),
            name: payload_str(&flow, "name").map(str::to_owned),
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
        if let Some(e) = payload_str(&flow, "email").and_then(|e| Email::parse(e).ok()) {
            contacts.push(contact(ContactKind::Email, e.as_str(), e.key()));
        }
        if let Some(p) = payload_str(&flow, "phone") {
            contacts.push(contact(ContactKind::Phone, p, p.to_owned()));
        }
        let password_hash = payload_str(&flow, "password_hash");
        let credentials = password_hash
            .map(|phc| Credential {
                id: Uuid::now_v7(),
                identity_id: identity.id,
                kind: CredentialKind::Password,
                secret: phc.to_owned(),
                data: serde_json::Value::Null,
                created_at: now,
                updated_at: now,
            })
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
        crate::metrics::registration_completed();
        self.start_session(&identity, "code", client, &[]).await
    }
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.trim().is_empty())
}
