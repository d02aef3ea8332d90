//! Social sign-in's steps: the start (state, nonce and PKCE verifier kept in the store,
//! bound to the browser by a cookie secret), the callback, a native app's ID token, and
//! what a provider's profile leads to:
//!
//! 1. the provider identity is linked to an account: that account signs in (through the
//!    second-factor gate, like every way in);
//! 2. else, the provider verified an email that an existing account holds verified: a
//!    proof step (`/login/link`), never a silent link;
//! 3. else, a new account, with the provider identity as its credential and the
//!    provider's verified email as a verified contact (an unverified one is recorded on
//!    the credential only: it blocks, links and recovers nothing).
//!
//! A settings link (`link_to`) adds the provider identity to the signed-in owner's
//! account instead.

use super::lookup;
use super::payload::{LinkPayload, StartPayload};
use super::provider::{AuthorizeRequest, CallbackRequest, Profile, ProviderError};
use crate::journeys::mfa::SignInOutcome;
use crate::journeys::registration::messages::Welcome;
use crate::journeys::settings::messages::FactorAdded;
use crate::journeys::sign_in::{Identified, SignInMethod};
use crate::kernel::codes::{channel_of, read_payload, write_payload};
use crate::{Authenticated, ClientInfo, FlowError, Flows};
use latchkey_domain::secret::{digests_equal, new_token, token_hash};
use latchkey_domain::{Email, FlowId, Identifier, IdentityId};
use latchkey_i18n::Locale;
use latchkey_store::{
    Contact, ContactKind, Credential, CredentialKind, FlowKind, Identity, IdentityState,
    NewIdentity, StoreError,
};
use std::collections::HashMap;
use time::Duration;
use uuid::Uuid;

/// How long a sign-in may stay at its provider, and a link wait for its proof.
pub const SOCIAL_FLOW_LIFETIME: Duration = Duration::minutes(10);

/// What the start step gives the web: the provider's URL, and the secret to set as the
/// browser-binding cookie.
#[derive(Debug, Clone)]
pub struct SocialStart {
    pub url: url::Url,
    pub binding: String,
}

/// What reached the callback (query or form).
#[derive(Debug, Clone, Default)]
pub struct CallbackInput {
    pub state: Option<String>,
    pub code: Option<String>,
    /// The provider's `error` (`access_denied` when consent was refused).
    pub error: Option<String>,
    /// The `latchkey_social` cookie.
    pub binding: Option<String>,
    /// Every other field (Apple's `user`).
    pub fields: HashMap<String, String>,
}

/// Where a provider's profile led.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // one per callback, moved once
pub enum SocialOutcome {
    /// Signed in, or the second step is owed; then go to `return_to`.
    SignIn {
        outcome: SignInOutcome,
        return_to: Option<String>,
    },
    /// The provider's verified email is an existing account's: prove that account on
    /// `/login/link?flow=…`.
    LinkRequired {
        flow: FlowId,
        return_to: Option<String>,
    },
    /// A settings link: the provider is now on the owner's account.
    Linked { return_to: Option<String> },
}

impl From<ProviderError> for FlowError {
    fn from(e: ProviderError) -> Self {
        match e {
            ProviderError::Unreachable(_) => {
                tracing::warn!(error = %e, "identity provider unreachable");
                Self::ProviderUnavailable
            }
            ProviderError::Refused(_) | ProviderError::Invalid(_) => {
                tracing::warn!(error = %e, "identity provider answer refused");
                Self::ProviderRefused
            }
            ProviderError::Config(_) => Self::internal(e),
        }
    }
}

impl Flows {
    pub(crate) fn provider(
        &self,
        id: &str,
    ) -> Result<&std::sync::Arc<dyn super::provider::Provider>, FlowError> {
        self.providers.get(id).ok_or(FlowError::NotFound)
    }

    /// `{PUBLIC_URL}/auth/{id}/callback`.
    fn redirect_uri(&self, provider: &str) -> String {
        format!(
            "{}/auth/{provider}/callback",
            self.compose.public_url.trim_end_matches('/')
        )
    }

    pub(crate) async fn social_start(
        &self,
        provider_id: &str,
        return_to: Option<String>,
        link_to: Option<&Authenticated>,
        locale: Locale,
        client: &ClientInfo,
    ) -> Result<SocialStart, FlowError> {
        let provider = self.provider(provider_id)?;
        if let Some(auth) = link_to {
            self.require_privileged(auth)?;
        }
        self.guard_code_check(client).await?;
        let binding = new_token();
        let nonce = new_token();
        let id = FlowId::new();
        let state = id.to_string();
        let redirect_uri = self.redirect_uri(provider_id);
        let authorization = provider
            .authorize(
                self.providers.http(),
                AuthorizeRequest {
                    redirect_uri: &redirect_uri,
                    state: &state,
                    nonce: &nonce,
                },
            )
            .await?;
        let payload = StartPayload {
            provider: provider_id.to_owned(),
            nonce,
            pkce_verifier: authorization.pkce_verifier,
            binding_hash: token_hash(&binding),
            return_to,
            link_to: link_to.map(|a| a.identity.id),
            locale: locale.tag().to_owned(),
        };
        self.store_short_flow(
            id,
            FlowKind::SocialSignIn,
            link_to.map(|a| a.identity.id),
            write_payload(&payload)?,
            SOCIAL_FLOW_LIFETIME,
        )
        .await?;
        Ok(SocialStart {
            url: authorization.url,
            binding,
        })
    }

    pub(crate) async fn social_callback(
        &self,
        provider_id: &str,
        input: CallbackInput,
        client: &ClientInfo,
    ) -> Result<SocialOutcome, FlowError> {
        let provider = self.provider(provider_id)?;
        self.guard_code_check(client).await?;
        let id = input
            .state
            .as_deref()
            .and_then(|s| s.parse::<Uuid>().ok())
            .map(FlowId)
            .ok_or(FlowError::StateMismatch)?;
        let flow = self.open_flow(id, FlowKind::SocialSignIn).await?;
        let start: StartPayload = read_payload(&flow)?;
        // The state names a flow this browser began, at this provider.
        let bound = input
            .binding
            .as_deref()
            .is_some_and(|b| digests_equal(&token_hash(b), &start.binding_hash));
        if !bound || start.provider != provider_id {
            return Err(FlowError::StateMismatch);
        }
        // Single use: of two callbacks with this state, one goes on.
        let flow = self.take_ceremony(id, FlowKind::SocialSignIn).await?;
        if let Some(error) = input.error.as_deref() {
            tracing::info!(provider = provider_id, error, "provider sent an error back");
            return Err(
                if error == "access_denied" || error == "user_cancelled_authorize" {
                    FlowError::ProviderDenied
                } else {
                    FlowError::ProviderRefused
                },
            );
        }
        let code = input
            .code
            .as_deref()
            .filter(|c| !c.is_empty())
            .ok_or(FlowError::ProviderRefused)?;
        let redirect_uri = self.redirect_uri(provider_id);
        let profile = provider
            .exchange(
                self.providers.http(),
                CallbackRequest {
                    code,
                    redirect_uri: &redirect_uri,
                    pkce_verifier: start.pkce_verifier.as_deref(),
                    nonce: &start.nonce,
                    fields: &input.fields,
                },
            )
            .await?;
        let locale = Locale::parse(&start.locale).unwrap_or_default();
        match (start.link_to, flow.identity_id) {
            (Some(owner), Some(flow_owner)) if owner == flow_owner => {
                self.link_provider(owner, provider_id, &profile).await?;
                Ok(SocialOutcome::Linked {
                    return_to: start.return_to,
                })
            }
            (Some(_), _) => Err(FlowError::StateMismatch),
            (None, _) => {
                self.social_profile(provider_id, profile, start.return_to, locale, client)
                    .await
            }
        }
    }

    /// `POST /api/sessions/id-token`: a native app's ID token from the provider itself.
    pub(crate) async fn social_id_token(
        &self,
        provider_id: &str,
        id_token: &str,
        nonce: Option<&str>,
        locale: Locale,
        client: &ClientInfo,
    ) -> Result<SocialOutcome, FlowError> {
        let provider = self.provider(provider_id)?;
        self.guard_code_check(client).await?;
        let profile = provider
            .verify_id_token(self.providers.http(), id_token, nonce)
            .await?;
        self.social_profile(provider_id, profile, None, locale, client)
            .await
    }

    /// What a provider's profile leads to (the module's three cases).
    async fn social_profile(
        &self,
        provider_id: &str,
        profile: Profile,
        return_to: Option<String>,
        locale: Locale,
        client: &ClientInfo,
    ) -> Result<SocialOutcome, FlowError> {
        if profile.subject.is_empty() {
            return Err(FlowError::ProviderRefused);
        }
        // Twice at most: a new account that lost a race to the same provider identity,
        // or to the same verified email, goes back to the first two cases.
        for _ in 0..2 {
            if let Some(outcome) = self
                .sign_in_linked(provider_id, &profile, client)
                .await
                .transpose()
            {
                return Ok(SocialOutcome::SignIn {
                    outcome: outcome?,
                    return_to,
                });
            }
            if let Some(identity) = self.verified_email_holder(&profile).await? {
                let flow = self
                    .open_link(identity, provider_id, &profile, return_to)
                    .await?;
                return Ok(SocialOutcome::LinkRequired {
                    flow,
                    return_to: None,
                });
            }
            match self
                .create_social_account(provider_id, &profile, locale)
                .await
            {
                Ok(identity) => {
                    let outcome = self.sign_in_by(SocialSignIn { identity }, client).await?;
                    return Ok(SocialOutcome::SignIn { outcome, return_to });
                }
                Err(FlowError::AlreadyRegistered) => continue,
                Err(e) => return Err(e),
            }
        }
        Err(FlowError::FlowExpired)
    }

    /// Case 1: the account the provider identity is linked to, signed in.
    async fn sign_in_linked(
        &self,
        provider_id: &str,
        profile: &Profile,
        client: &ClientInfo,
    ) -> Result<Option<SignInOutcome>, FlowError> {
        let Some(credential) = self
            .store
            .credential_by_lookup(CredentialKind::Oidc, &lookup(provider_id, &profile.subject))
            .await?
        else {
            return Ok(None);
        };
        self.store
            .touch_credential(credential.id, None, self.now())
            .await?;
        let identity = self
            .store
            .identity(credential.identity_id)
            .await?
            .ok_or(FlowError::InvalidCredentials)?;
        Ok(Some(
            self.sign_in_by(SocialSignIn { identity }, client).await?,
        ))
    }

    /// Case 2: the account that holds, verified, the email the provider verified. An
    /// email the provider did not verify matches nothing.
    async fn verified_email_holder(
        &self,
        profile: &Profile,
    ) -> Result<Option<Identity>, FlowError> {
        let Some(email) = verified_email(profile) else {
            return Ok(None);
        };
        Ok(self
            .find_account(&Identifier::Email(email))
            .await?
            .map(|(_, identity)| identity))
    }

    async fn open_link(
        &self,
        identity: Identity,
        provider_id: &str,
        profile: &Profile,
        return_to: Option<String>,
    ) -> Result<FlowId, FlowError> {
        let payload = LinkPayload {
            provider: provider_id.to_owned(),
            subject: profile.subject.clone(),
            email: profile.email.clone().unwrap_or_default(),
            name: profile.name.clone(),
            return_to,
        };
        let id = FlowId::new();
        self.store_short_flow(
            id,
            FlowKind::SocialLink,
            Some(identity.id),
            write_payload(&payload)?,
            SOCIAL_FLOW_LIFETIME,
        )
        .await?;
        tracing::info!(identity.id = %identity.id, provider = provider_id, "provider email matches an account: proof asked before linking");
        Ok(id)
    }

    /// Case 3: a new account. `AlreadyRegistered` when it lost a race (the provider
    /// identity, or the verified email, was taken meanwhile).
    async fn create_social_account(
        &self,
        provider_id: &str,
        profile: &Profile,
        locale: Locale,
    ) -> Result<Identity, FlowError> {
        let now = self.now();
        let identity = Identity {
            id: IdentityId::new(),
            name: profile
                .name
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(|n| n.chars().take(100).collect()),
            locale: Some(locale.tag().to_owned()),
            state: IdentityState::Active,
            created_at: now,
            updated_at: now,
        };
        let mut contacts = Vec::new();
        let mut messages = Vec::new();
        let mut dropped = Vec::new();
        if let Some(email) = verified_email(profile) {
            // Verifying wins: other accounts' unverified claims go, and they are told.
            dropped = self
                .claim_holders(ContactKind::Email, &email.key(), identity.id)
                .await?;
            messages = self
                .claims_released_notices(ContactKind::Email, &email.key(), identity.id)
                .await?;
            messages.push(latchkey_courier::compose(
                &self.compose,
                &Welcome {
                    address: email.as_str(),
                    method: provider_id,
                },
                channel_of(ContactKind::Email),
                email.as_str(),
                locale,
                now,
            ));
            contacts.push(Contact {
                id: Uuid::now_v7(),
                identity_id: identity.id,
                kind: ContactKind::Email,
                address: email.as_str().to_owned(),
                address_key: email.key(),
                verified: true,
                primary: true,
                created_at: now,
            });
        }
        let new = NewIdentity {
            identity: identity.clone(),
            contacts,
            credentials: vec![social_credential(
                identity.id,
                provider_id,
                profile,
                self.now(),
            )],
        };
        match self.store.create_identity(&new, &messages).await {
            Ok(()) => {}
            Err(StoreError::Conflict(_)) => return Err(FlowError::AlreadyRegistered),
            Err(e) => return Err(e.into()),
        }
        self.wake_courier();
        crate::kernel::metrics::registration_completed();
        if let Some(email) = verified_email(profile) {
            self.address_proved(ContactKind::Email, &email.key(), identity.id, &dropped)
                .await?;
        }
        tracing::info!(identity.id = %identity.id, provider = provider_id, "account created by social sign-in");
        self.record(
            identity.id,
            latchkey_domain::EventType::IdentityCreated,
            None,
            serde_json::json!({"method": provider_id}),
        )
        .await;
        Ok(identity)
    }

    /// Adds the provider identity to `owner`'s account (a settings link, or a proved
    /// link), telling the owner. `AlreadyLinked` when another account has it.
    pub(crate) async fn link_provider(
        &self,
        owner: IdentityId,
        provider_id: &str,
        profile: &Profile,
    ) -> Result<(), FlowError> {
        let key = lookup(provider_id, &profile.subject);
        if let Some(held) = self
            .store
            .credential_by_lookup(CredentialKind::Oidc, &key)
            .await?
        {
            return if held.identity_id == owner {
                Ok(())
            } else {
                Err(FlowError::AlreadyLinked)
            };
        }
        let identity = self
            .store
            .identity(owner)
            .await?
            .ok_or(FlowError::NotFound)?;
        let contacts = self.store.contacts(owner).await?;
        let report_link = self.report_link(owner).await?;
        let notices = self.owner_notices(
            &identity,
            &contacts,
            &FactorAdded {
                factor: provider_id,
                report_link: &report_link,
            },
        );
        let credential = social_credential(owner, provider_id, profile, self.now());
        match self.store.add_credential(&credential, &notices).await {
            Ok(()) => {}
            Err(StoreError::Conflict(_)) => return Err(FlowError::AlreadyLinked),
            Err(e) => return Err(e.into()),
        }
        self.wake_courier();
        tracing::info!(identity.id = %owner, provider = provider_id, "provider linked");
        self.record(
            owner,
            latchkey_domain::EventType::ProviderLinked,
            None,
            serde_json::json!({"provider": provider_id}),
        )
        .await;
        Ok(())
    }
}

/// The provider's email, when the provider verified it and it parses.
fn verified_email(profile: &Profile) -> Option<Email> {
    profile
        .email
        .as_deref()
        .filter(|_| profile.email_verified)
        .and_then(|e| Email::parse(e).ok())
}

fn social_credential(
    identity: IdentityId,
    provider_id: &str,
    profile: &Profile,
    now: time::OffsetDateTime,
) -> Credential {
    Credential {
        id: Uuid::now_v7(),
        identity_id: identity,
        kind: CredentialKind::Oidc,
        secret: String::new(),
        data: serde_json::json!({
            "provider": provider_id,
            "subject": profile.subject,
            "email": profile.email,
            "email_verified": profile.email_verified,
        }),
        name: None,
        lookup: Some(lookup(provider_id, &profile.subject)),
        counter: 0,
        created_at: now,
        updated_at: now,
        last_used_at: Some(now),
    }
}

/// An account a provider (or a proved link) identified, as a way in.
pub(crate) struct SocialSignIn {
    pub identity: Identity,
}

impl SignInMethod for SocialSignIn {
    const METRIC: &'static str = "social";
    const SESSION_METHOD: &'static str = "social";

    async fn identify(self, _flows: &Flows, _client: &ClientInfo) -> Result<Identified, FlowError> {
        Ok(self.identity.into())
    }
}
