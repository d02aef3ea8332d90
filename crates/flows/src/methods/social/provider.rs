//! The contract every upstream identity provider keeps: where to send the browser, and
//! how a callback's code (or a native app's ID token) becomes a [`Profile`]. Generic
//! OpenID Connect is `oidc.rs`; the presets that differ from it are in `presets/`.
//!
//! A provider never decides anything about accounts: it only says who the provider
//! thinks the person is. Linking rules are the journey's (`sign_in.rs`).

use super::config::ProviderConfig;
use super::http::ProviderHttp;
use std::collections::HashMap;

/// What a provider says of the person. `email_verified` is true only when the provider
/// itself says it verified the address (a provider that does not verify emails always
/// gives false: its email then never matches an existing account).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Profile {
    /// The provider's stable id of the person (`sub`, Facebook's `id`, Alipay's
    /// `user_id`/`open_id`, …). Never empty.
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub name: Option<String>,
}

/// Where the start step sends the browser, and what the callback will need.
#[derive(Debug, Clone)]
pub struct Authorization {
    pub url: url::Url,
    /// The PKCE verifier to keep server-side, when the provider takes PKCE.
    pub pkce_verifier: Option<String>,
}

/// What the start step gives a provider to build its authorization URL.
#[derive(Debug, Clone, Copy)]
pub struct AuthorizeRequest<'a> {
    /// `{PUBLIC_URL}/auth/{id}/callback`.
    pub redirect_uri: &'a str,
    pub state: &'a str,
    /// Sent as OpenID's `nonce` where the provider takes one.
    pub nonce: &'a str,
}

/// What came back to the callback, for the code exchange.
#[derive(Debug, Clone, Copy)]
pub struct CallbackRequest<'a> {
    /// The authorization code (Alipay's `auth_code`).
    pub code: &'a str,
    pub redirect_uri: &'a str,
    pub pkce_verifier: Option<&'a str>,
    /// The nonce the start step sent: the ID token must carry it.
    pub nonce: &'a str,
    /// Every other field of the callback's query or form (Apple's `user` JSON on the
    /// first sign-in).
    pub fields: &'a HashMap<String, String>,
}

/// Why a provider could not say who the person is. Each becomes a clear localized page
/// (never a 500) and a stable API code.
#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    /// The provider could not be reached, timed out, or answered with a 5xx.
    #[error("provider unreachable: {0}")]
    Unreachable(String),
    /// The provider refused the code (expired, replayed, wrong client) or the token.
    #[error("provider refused: {0}")]
    Refused(String),
    /// The provider's answer does not check (a bad signature, a wrong issuer, audience or
    /// nonce, a missing subject, a body that does not parse).
    #[error("invalid provider response: {0}")]
    Invalid(String),
    /// The provider's configuration cannot work (a key that does not parse).
    #[error("provider misconfigured: {0}")]
    Config(String),
}

/// One configured provider.
#[async_trait::async_trait]
pub trait Provider: Send + Sync {
    fn config(&self) -> &ProviderConfig;

    /// The authorization URL for this request (may fetch discovery once).
    async fn authorize(
        &self,
        http: &ProviderHttp,
        request: AuthorizeRequest<'_>,
    ) -> Result<Authorization, ProviderError>;

    /// Exchanges the callback's code and reads the person's profile.
    async fn exchange(
        &self,
        http: &ProviderHttp,
        request: CallbackRequest<'_>,
    ) -> Result<Profile, ProviderError>;

    /// Checks an ID token a native app got from the provider itself (Google, Apple, any
    /// OpenID provider): signature against the provider's JWKS, issuer, audience, expiry
    /// and, when given, the nonce. `Refused` for providers without ID tokens.
    async fn verify_id_token(
        &self,
        http: &ProviderHttp,
        id_token: &str,
        nonce: Option<&str>,
    ) -> Result<Profile, ProviderError> {
        let _ = (http, id_token, nonce);
        Err(ProviderError::Refused(
            "this provider has no ID tokens".into(),
        ))
    }
}
