//! The config's `[[oidc.providers]]` entries (API.md, "Social sign-in").

use serde::{Deserialize, Serialize};

/// Which protocol and quirks a provider has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProviderKind {
    /// Any OpenID Connect provider: discovery from `{issuer}/.well-known/openid-configuration`.
    Oidc,
    Google,
    Apple,
    Facebook,
    Vk,
    Alipay,
}

impl ProviderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Oidc => "oidc",
            Self::Google => "google",
            Self::Apple => "apple",
            Self::Facebook => "facebook",
            Self::Vk => "vk",
            Self::Alipay => "alipay",
        }
    }
}

/// How the provider sends the person back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseMode {
    Query,
    FormPost,
}

/// One `[[oidc.providers]]` entry.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderConfig {
    /// Used in URLs (`/auth/{id}/start`) and stored on the linked credential: never
    /// change it once people have linked.
    pub id: String,
    pub kind: ProviderKind,
    /// oidc, google, apple: discovery from `{issuer}/.well-known/openid-configuration`.
    /// Google's and Apple's have defaults.
    #[serde(default)]
    pub issuer: Option<String>,
    /// The client id (Alipay: the app id; Apple: the Services ID).
    pub client_id: String,
    /// The client secret (Facebook: the app secret; unused by Apple and Alipay, whose
    /// secrets are keys).
    #[serde(default)]
    pub client_secret: Option<String>,
    /// The button text; the provider's name when absent.
    #[serde(default)]
    pub label: Option<String>,
    /// Scopes to ask for instead of the kind's default.
    #[serde(default)]
    pub scopes: Option<Vec<String>>,
    /// More client ids whose ID tokens `POST /api/sessions/id-token` accepts (a native
    /// app's own client id: Google's iOS and Android clients, Apple's bundle id).
    #[serde(default)]
    pub audiences: Vec<String>,
    /// Apple: the team id, the key id and the private key (PEM, PKCS#8) that sign the
    /// client-secret JWT.
    #[serde(default)]
    pub team_id: Option<String>,
    #[serde(default)]
    pub key_id: Option<String>,
    /// Apple: the ES256 key (PKCS#8 PEM). Alipay: the app's RSA private key (PKCS#8 or
    /// PKCS#1 PEM).
    #[serde(default)]
    pub private_key: Option<String>,
    /// Alipay: Alipay's RSA public key (PEM), which checks the gateway's answers.
    #[serde(default)]
    pub public_key: Option<String>,
    /// `query` or `form_post` (the callback arrives as a cross-site POST); Apple's
    /// default is `form_post`, every other kind's `query`.
    #[serde(default)]
    pub response_mode: Option<ResponseMode>,
    /// Overrides of the kind's endpoints (a regional gateway, a sandbox, a test peer).
    #[serde(default)]
    pub authorize_url: Option<String>,
    #[serde(default)]
    pub token_url: Option<String>,
    #[serde(default)]
    pub userinfo_url: Option<String>,
}

impl ProviderConfig {
    /// The button text.
    pub fn label(&self) -> String {
        if let Some(l) = self.label.as_deref().filter(|l| !l.trim().is_empty()) {
            return l.to_owned();
        }
        match self.kind {
            ProviderKind::Oidc => self.id.clone(),
            ProviderKind::Google => "Google".into(),
            ProviderKind::Apple => "Apple".into(),
            ProviderKind::Facebook => "Facebook".into(),
            ProviderKind::Vk => "VK".into(),
            ProviderKind::Alipay => "Alipay".into(),
        }
    }

    /// How the callback arrives: the configured mode, else the kind's.
    pub fn response_mode(&self) -> ResponseMode {
        self.response_mode.unwrap_or(match self.kind {
            ProviderKind::Apple => ResponseMode::FormPost,
            _ => ResponseMode::Query,
        })
    }

    /// A minimal entry (tests, presets' defaults filled in by the kind).
    pub fn new(id: &str, kind: ProviderKind, client_id: &str) -> Self {
        Self {
            id: id.to_owned(),
            kind,
            issuer: None,
            client_id: client_id.to_owned(),
            client_secret: None,
            label: None,
            scopes: None,
            audiences: Vec::new(),
            team_id: None,
            key_id: None,
            private_key: None,
            public_key: None,
            response_mode: None,
            authorize_url: None,
            token_url: None,
            userinfo_url: None,
        }
    }

    /// Whether the id is fit for a URL path segment and a stored key.
    pub fn valid_id(&self) -> bool {
        !self.id.is_empty()
            && self.id.len() <= 32
            && self
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    }
}

/// Secrets never reach a log through `Debug`.
impl std::fmt::Debug for ProviderConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProviderConfig")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "<redacted>"),
            )
            .field(
                "private_key",
                &self.private_key.as_ref().map(|_| "<redacted>"),
            )
            .finish_non_exhaustive()
    }
}

/// The config's `[oidc]` section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OidcConfig {
    /// The providers, in the order the pages show their buttons.
    #[serde(default)]
    pub providers: Vec<ProviderConfig>,
}
