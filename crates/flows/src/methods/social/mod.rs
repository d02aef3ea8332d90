//! Social sign-in (S1, S2, S3, X2): Google, Apple, Facebook, VK, Alipay and any OpenID
//! provider, as linkable ways into one account.
//!
//! - `config.rs`: the `[[oidc.providers]]` entries; `provider.rs`: the contract each
//!   provider keeps (authorize, exchange a code, check a native ID token → a
//!   [`provider::Profile`]); `oidc.rs`: generic OpenID Connect on the openidconnect crate;
//!   `presets/`: the providers' quirks; `http.rs`: the one HTTP client (no redirects,
//!   timeouts).
//! - `sign_in.rs`: the journey's part: start (state, nonce and PKCE verifier kept in the
//!   store, bound to the browser), the callback, and what a profile leads to: the linked
//!   account, a proof step when its verified email is an existing account's, or a new
//!   account. `link.rs`: the proof step (`/login/link`). `settings.rs`: list, link, unlink.
//!
//! An address counts only once its holder proved it: a provider's email matches an
//! existing account only when the provider verified it, and even then the link waits
//! until the person proves that account.

pub mod config;
pub mod http;
pub(crate) mod jwks;
pub mod link;
pub mod oidc;
pub(crate) mod payload;
pub mod presets;
pub mod provider;
pub(crate) mod settings;
pub mod sign_in;

use crate::kernel::registry::{AccountFacts, MethodHint};
use config::{OidcConfig, ProviderConfig, ProviderKind};
use latchkey_store::{Credential, CredentialKind};
use provider::{Provider, ProviderError};
use std::sync::Arc;

pub use settings::LinkedProvider;

/// The configured providers, in the order their buttons show.
#[derive(Clone, Default)]
pub struct Providers {
    list: Vec<Arc<dyn Provider>>,
    http: http::ProviderHttp,
}

/// A provider as the pages show it: the button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderButton {
    pub id: String,
    pub kind: ProviderKind,
    pub label: String,
}

impl Providers {
    /// Builds every configured provider; an entry that cannot work is an error at
    /// startup, not a 500 at the first click.
    pub fn from_config(config: &OidcConfig) -> Result<Self, ProviderError> {
        let mut list: Vec<Arc<dyn Provider>> = Vec::new();
        for entry in &config.providers {
            if !entry.valid_id() {
                return Err(ProviderError::Config(format!(
                    "provider id {:?}: use 1–32 of a-z, 0-9, - and _",
                    entry.id
                )));
            }
            if list.iter().any(|p| p.config().id == entry.id) {
                return Err(ProviderError::Config(format!(
                    "provider id {:?} appears twice",
                    entry.id
                )));
            }
            list.push(build(entry.clone())?);
        }
        Ok(Self {
            list,
            http: http::ProviderHttp::new(),
        })
    }

    /// Providers built elsewhere (tests).
    pub fn from_providers(list: Vec<Arc<dyn Provider>>) -> Self {
        Self {
            list,
            http: http::ProviderHttp::new(),
        }
    }

    pub fn get(&self, id: &str) -> Option<&Arc<dyn Provider>> {
        self.list.iter().find(|p| p.config().id == id)
    }

    pub fn http(&self) -> &http::ProviderHttp {
        &self.http
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn buttons(&self) -> Vec<ProviderButton> {
        self.list
            .iter()
            .map(|p| {
                let c = p.config();
                ProviderButton {
                    id: c.id.clone(),
                    kind: c.kind,
                    label: c.label(),
                }
            })
            .collect()
    }

    /// The label of a provider id, the id itself when it is no longer configured.
    pub fn label(&self, id: &str) -> String {
        self.get(id)
            .map(|p| p.config().label())
            .unwrap_or_else(|| id.to_owned())
    }
}

/// The provider for one entry, by its kind.
fn build(config: ProviderConfig) -> Result<Arc<dyn Provider>, ProviderError> {
    Ok(match config.kind {
        ProviderKind::Oidc | ProviderKind::Google | ProviderKind::Apple => {
            Arc::new(oidc::OidcProvider::new(config)?)
        }
        ProviderKind::Facebook => Arc::new(presets::facebook::Facebook::new(config)?),
        ProviderKind::Vk => Arc::new(presets::vk::Vk::new(config)?),
        ProviderKind::Alipay => Arc::new(presets::alipay::Alipay::new(config)?),
    })
}

/// The lookup a provider identity is stored under: unique per provider and subject.
pub(crate) fn lookup(provider: &str, subject: &str) -> String {
    format!("{provider}:{subject}")
}

/// The provider id a linked credential names.
pub(crate) fn provider_of(c: &Credential) -> Option<&str> {
    (c.kind == CredentialKind::Oidc)
        .then(|| c.data.get("provider").and_then(|p| p.as_str()))
        .flatten()
}

/// The social method, as the registry lists it.
pub(crate) struct Social;

impl MethodHint for Social {
    /// Each linked provider's id (`google`, `apple`, `acme`), once, in the order they
    /// were linked: "you sign in with Google".
    fn hints(&self, account: &AccountFacts<'_>, out: &mut Vec<String>) {
        for c in account.credentials {
            if let Some(p) = provider_of(c) {
                let p = p.to_lowercase();
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
    }
}

/// `flows.social()`: sign-in with a provider, the proof step of a link, and the
/// settings section.
#[derive(Clone, Copy)]
pub struct SocialHandle<'a>(&'a crate::Flows);

impl crate::Flows {
    pub fn social(&self) -> SocialHandle<'_> {
        SocialHandle(self)
    }
}

impl SocialHandle<'_> {
    /// The sign-in and registration pages' buttons, in the configured order.
    pub fn buttons(&self) -> Vec<ProviderButton> {
        self.0.providers.buttons()
    }

    /// `GET /auth/{provider}/start`: where to send the browser, and the binding
    /// cookie's secret. With `link_to` (a signed-in owner in the privileged window) the
    /// provider joins that account instead of signing in.
    pub async fn start(
        &self,
        provider: &str,
        return_to: Option<String>,
        link_to: Option<&crate::Authenticated>,
        locale: latchkey_i18n::Locale,
        client: &crate::ClientInfo,
    ) -> Result<sign_in::SocialStart, crate::FlowError> {
        self.0
            .social_start(provider, return_to, link_to, locale, client)
            .await
    }

    /// `GET` or `POST /auth/{provider}/callback`.
    pub async fn callback(
        &self,
        provider: &str,
        input: sign_in::CallbackInput,
        client: &crate::ClientInfo,
    ) -> Result<sign_in::SocialOutcome, crate::FlowError> {
        self.0.social_callback(provider, input, client).await
    }

    /// `POST /api/sessions/id-token`.
    pub async fn with_id_token(
        &self,
        provider: &str,
        id_token: &str,
        nonce: Option<&str>,
        locale: latchkey_i18n::Locale,
        client: &crate::ClientInfo,
    ) -> Result<sign_in::SocialOutcome, crate::FlowError> {
        self.0
            .social_id_token(provider, id_token, nonce, locale, client)
            .await
    }

    /// The proof step's page.
    pub async fn link_view(
        &self,
        flow: latchkey_domain::FlowId,
    ) -> Result<link::LinkView, crate::FlowError> {
        self.0.social_link_view(flow).await
    }

    /// Sends a sign-in code to the link's email; returns the code's flow.
    pub async fn link_send_code(
        &self,
        flow: latchkey_domain::FlowId,
        locale: latchkey_i18n::Locale,
        client: &crate::ClientInfo,
    ) -> Result<latchkey_domain::FlowId, crate::FlowError> {
        self.0.social_link_send_code(flow, locale, client).await
    }

    /// Proves the account and makes the link; then signs in (through the gate).
    pub async fn link(
        &self,
        flow: latchkey_domain::FlowId,
        proof: crate::journeys::sign_in::AccountProof<'_>,
        client: &crate::ClientInfo,
    ) -> Result<(crate::SignInOutcome, Option<String>), crate::FlowError> {
        self.0.social_link_prove(flow, proof, client).await
    }

    /// `GET /api/account/providers`.
    pub async fn linked(
        &self,
        auth: &crate::Authenticated,
    ) -> Result<Vec<LinkedProvider>, crate::FlowError> {
        self.0.linked_providers(auth).await
    }

    /// `DELETE /api/account/providers/{provider}`.
    pub async fn unlink(
        &self,
        auth: &crate::Authenticated,
        provider: &str,
    ) -> Result<(), crate::FlowError> {
        self.0.unlink_provider(auth, provider).await
    }
}
