//! Generic OpenID Connect on the openidconnect crate, for `kind = "oidc"`, Google and
//! Apple (their quirks live in `presets/`).
//!
//! - Discovery (`{issuer}/.well-known/openid-configuration`, with the JWKS) is fetched on
//!   first use and kept; a failed fetch is tried again on the next use.
//! - `authorize`: the code flow with PKCE (S256), the journey's state and nonce.
//! - `exchange`: the token request, the ID token checked (signature by the JWKS, issuer,
//!   audience, expiry, nonce), then userinfo when the provider has it.
//! - `verify_id_token`: a native app's ID token, for our client id or one of the
//!   configured `audiences`.
//!
//! Every call goes through [`ProviderHttp`]. Tokens and codes are never logged.

use super::config::{ProviderConfig, ProviderKind, ResponseMode};
use super::http::ProviderHttp;
use super::jwks::JwksCache;
use super::presets::{apple, google};
use super::provider::*;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreClientAuthMethod, CoreErrorResponseType, CoreIdToken,
    CoreIdTokenClaims, CoreIdTokenVerifier, CoreJsonWebKeySet, CoreProviderMetadata,
    CoreTokenResponse, CoreUserInfoClaims,
};
use openidconnect::{
    AccessToken, AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken,
    DiscoveryError, IssuerUrl, JwsSigningAlgorithm as _, Nonce, OAuth2TokenResponse as _,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RequestTokenError, Scope,
    StandardErrorResponse, TokenResponse as _, TokenUrl, UserInfoError, UserInfoUrl,
};
use sha2::{Digest as _, Sha256};
use std::future::Future;
use std::pin::Pin;
use std::str::FromStr as _;
use std::sync::Arc;
use std::time::Instant;

/// An OpenID provider: generic, Google or Apple.
pub struct OidcProvider {
    config: ProviderConfig,
    issuer: IssuerUrl,
    /// Apple's client-secret key, parsed at start.
    apple_key: Option<p256::ecdsa::SigningKey>,
    /// The configured endpoint overrides, checked at start.
    overrides: Overrides,
    discovered: tokio::sync::Mutex<Option<Arc<Discovered>>>,
}

#[derive(Default)]
struct Overrides {
    authorize: Option<AuthUrl>,
    token: Option<TokenUrl>,
    userinfo: Option<UserInfoUrl>,
}

/// What discovery gave: the metadata (endpoint overrides applied) and the keys.
struct Discovered {
    metadata: CoreProviderMetadata,
    jwks: JwksCache,
}

/// Which audiences and nonce an ID token must carry.
struct Expect<'a> {
    /// Besides the client id.
    other_audiences: &'a [String],
    nonce: NonceRule<'a>,
}

enum NonceRule<'a> {
    /// The code flow: exactly the nonce the start step sent.
    Exact(&'a str),
    /// A native app's: the raw nonce or its lowercase hex SHA-256 (Apple's native flow
    /// hashes it), or no check when the app gave none.
    RawOrSha256(Option<&'a str>),
}

impl OidcProvider {
    /// Checks the entry; no I/O (discovery waits for the first use).
    pub fn new(config: ProviderConfig) -> Result<Self, ProviderError> {
        let issuer = match (config.issuer.as_deref(), config.kind) {
            (Some(i), _) if !i.trim().is_empty() => i.trim().to_owned(),
            (_, ProviderKind::Google) => google::ISSUER.to_owned(),
            (_, ProviderKind::Apple) => apple::ISSUER.to_owned(),
            (_, ProviderKind::Oidc) => {
                return Err(config_error(&config, "an oidc provider needs an issuer"));
            }
            (_, kind) => {
                return Err(config_error(
                    &config,
                    &format!("kind {} is not an OpenID provider", kind.as_str()),
                ));
            }
        };
        let issuer = IssuerUrl::new(issuer).map_err(|e| config_error(&config, &e.to_string()))?;
        let apple_key = if config.kind == ProviderKind::Apple {
            let missing = |what: &str| config_error(&config, &format!("Apple needs {what}"));
            config
                .team_id
                .as_deref()
                .ok_or_else(|| missing("team_id"))?;
            config.key_id.as_deref().ok_or_else(|| missing("key_id"))?;
            let pem = config
                .private_key
                .as_deref()
                .ok_or_else(|| missing("private_key"))?;
            Some(apple::parse_private_key(pem).map_err(|e| config_error(&config, &e))?)
        } else {
            None
        };
        let url_error =
            |what: &str, e: url::ParseError| config_error(&config, &format!("{what}: {e}"));
        let overrides = Overrides {
            authorize: config
                .authorize_url
                .clone()
                .map(AuthUrl::new)
                .transpose()
                .map_err(|e| url_error("authorize_url", e))?,
            token: config
                .token_url
                .clone()
                .map(TokenUrl::new)
                .transpose()
                .map_err(|e| url_error("token_url", e))?,
            userinfo: config
                .userinfo_url
                .clone()
                .map(UserInfoUrl::new)
                .transpose()
                .map_err(|e| url_error("userinfo_url", e))?,
        };
        Ok(Self {
            config,
            issuer,
            apple_key,
            overrides,
            discovered: tokio::sync::Mutex::new(None),
        })
    }

    /// The issuer discovery starts from.
    pub fn issuer(&self) -> &str {
        self.issuer.as_str()
    }

    /// The discovery document and keys, fetched once (a failure is retried next time).
    async fn discovered(&self, http: &ProviderHttp) -> Result<Arc<Discovered>, ProviderError> {
        let mut slot = self.discovered.lock().await;
        if let Some(d) = slot.as_ref() {
            return Ok(d.clone());
        }
        let send = sender(http, false);
        let mut metadata = CoreProviderMetadata::discover_async(self.issuer.clone(), &send)
            .await
            .map_err(|e| self.logged("discovery", discovery_error(e)))?;
        if let Some(u) = &self.overrides.authorize {
            metadata = metadata.set_authorization_endpoint(u.clone());
        }
        if let Some(u) = &self.overrides.token {
            metadata = metadata.set_token_endpoint(Some(u.clone()));
        }
        if let Some(u) = &self.overrides.userinfo {
            metadata = metadata.set_userinfo_endpoint(Some(u.clone()));
        }
        let jwks = JwksCache::new(metadata.jwks().clone(), Instant::now());
        let d = Arc::new(Discovered { metadata, jwks });
        *slot = Some(d.clone());
        Ok(d)
    }

    fn scopes(&self) -> Vec<String> {
        match &self.config.scopes {
            Some(s) => s.clone(),
            None if self.config.kind == ProviderKind::Apple => vec!["name".into(), "email".into()],
            None => vec!["email".into(), "profile".into()],
        }
    }

    /// The client secret of one token request (Apple: a fresh JWT).
    fn client_secret(&self) -> Option<ClientSecret> {
        if let (Some(key), Some(team), Some(kid)) = (
            &self.apple_key,
            self.config.team_id.as_deref(),
            self.config.key_id.as_deref(),
        ) {
            let jwt = apple::client_secret(
                team,
                &self.config.client_id,
                kid,
                key,
                time::OffsetDateTime::now_utc(),
            );
            return Some(ClientSecret::new(jwt));
        }
        self.config.client_secret.clone().map(ClientSecret::new)
    }

    /// The token request of a callback: the whole response, with the discovery it used.
    async fn token_request(
        &self,
        http: &ProviderHttp,
        request: &CallbackRequest<'_>,
    ) -> Result<(CoreTokenResponse, Arc<Discovered>), ProviderError> {
        let d = self.discovered(http).await?;
        let redirect = RedirectUrl::new(request.redirect_uri.to_owned())
            .map_err(|e| ProviderError::Config(format!("redirect_uri: {e}")))?;
        let client = CoreClient::from_provider_metadata(
            d.metadata.clone(),
            ClientId::new(self.config.client_id.clone()),
            self.client_secret(),
        )
        .set_redirect_uri(redirect)
        .set_auth_type(auth_type(&d.metadata));
        let mut exchange = client
            .exchange_code(AuthorizationCode::new(request.code.to_owned()))
            .map_err(|e| ProviderError::Config(e.to_string()))?;
        if let Some(v) = request.pkce_verifier {
            exchange = exchange.set_pkce_verifier(PkceCodeVerifier::new(v.to_owned()));
        }
        let send = sender(http, true);
        let response = exchange
            .request_async(&send)
            .await
            .map_err(|e| self.logged("token request", token_error(e)))?;
        Ok((response, d))
    }

    /// The raw ID token of a code exchange (tests: a real token for `verify_id_token`).
    #[doc(hidden)]
    pub async fn exchange_for_id_token(
        &self,
        http: &ProviderHttp,
        request: CallbackRequest<'_>,
    ) -> Result<String, ProviderError> {
        let (response, _) = self.token_request(http, &request).await?;
        response
            .id_token()
            .map(|t| t.to_string())
            .ok_or_else(|| ProviderError::Invalid("no ID token in the token response".into()))
    }

    /// Checks an ID token against the cached keys, fetching them again once when it
    /// names a key id they lack (see `jwks.rs` for the limit).
    async fn verify(
        &self,
        http: &ProviderHttp,
        d: &Discovered,
        id_token: &str,
        expect: Expect<'_>,
    ) -> Result<Profile, ProviderError> {
        let token = CoreIdToken::from_str(id_token)
            .map_err(|e| self.logged("ID token", ProviderError::Invalid(e.to_string())))?;
        if let Some(kid) = header_kid(id_token)
            && d.jwks.claim_refetch(&kid, Instant::now())
        {
            tracing::info!(provider = %self.config.id, "ID token names an unknown key: fetching the provider's keys again");
            let send = sender(http, false);
            match CoreJsonWebKeySet::fetch_async(d.metadata.jwks_uri(), &send).await {
                Ok(keys) => d.jwks.replace(keys),
                Err(e) => return Err(self.logged("JWKS", discovery_error(e))),
            }
        }
        let claims = self
            .verify_claims(d, &token, &expect)
            .map_err(|e| self.logged("ID token", e))?;
        Ok(profile_of(&claims))
    }

    fn verify_claims(
        &self,
        d: &Discovered,
        token: &CoreIdToken,
        expect: &Expect<'_>,
    ) -> Result<CoreIdTokenClaims, ProviderError> {
        let client_id = self.config.client_id.as_str();
        let algs: Vec<_> = d
            .metadata
            .id_token_signing_alg_values_supported()
            .iter()
            .filter(|a| !a.uses_shared_secret())
            .cloned()
            .collect();
        let google = self.config.kind == ProviderKind::Google;
        let verifier = CoreIdTokenVerifier::new_public_client(
            ClientId::new(client_id.to_owned()),
            d.metadata.issuer().clone(),
            d.jwks.keys(),
        )
        .set_allowed_algs(algs)
        // Google has two spellings of its issuer: checked below.
        .require_issuer_match(!google)
        // Checked below: the client id or a configured native audience.
        .require_audience_match(false);
        let nonce_check = |claim: Option<&Nonce>| -> Result<(), String> {
            let claim = claim.map(|n| n.secret().as_str());
            match expect.nonce {
                NonceRule::Exact(want) => match claim {
                    Some(c) if same(c, want) => Ok(()),
                    Some(_) => Err("nonce mismatch".into()),
                    None => Err("missing nonce claim".into()),
                },
                NonceRule::RawOrSha256(None) => Ok(()),
                NonceRule::RawOrSha256(Some(want)) => {
                    let hashed = hex::encode(Sha256::digest(want.as_bytes()));
                    match claim {
                        Some(c) if same(c, want) || same(c, &hashed) => Ok(()),
                        Some(_) => Err("nonce mismatch".into()),
                        None => Err("missing nonce claim".into()),
                    }
                }
            }
        };
        let claims = token
            .claims(&verifier, nonce_check)
            .map_err(|e| ProviderError::Invalid(e.to_string()))?;
        if google && !google::accepts_issuer(claims.issuer().as_str()) {
            return Err(ProviderError::Invalid(format!(
                "issuer {} is not Google's",
                claims.issuer().as_str()
            )));
        }
        let audiences = claims.audiences();
        let allowed =
            |aud: &str| aud == client_id || expect.other_audiences.iter().any(|a| a == aud);
        if audiences.is_empty() || !audiences.iter().all(|a| allowed(a.as_str())) {
            return Err(ProviderError::Invalid(format!(
                "audience {:?} is not this client's",
                audiences.iter().map(|a| a.as_str()).collect::<Vec<_>>()
            )));
        }
        Ok(claims.clone())
    }

    /// Userinfo, merged into the ID token's profile: the ID token wins; userinfo fills
    /// a missing email (with its verification) or name, and must name the same subject.
    async fn merge_userinfo(
        &self,
        http: &ProviderHttp,
        d: &Discovered,
        access_token: &AccessToken,
        mut profile: Profile,
    ) -> Result<Profile, ProviderError> {
        if self.config.kind == ProviderKind::Apple || d.metadata.userinfo_endpoint().is_none() {
            return Ok(profile);
        }
        let client = CoreClient::from_provider_metadata(
            d.metadata.clone(),
            ClientId::new(self.config.client_id.clone()),
            None,
        );
        let send = sender(http, false);
        let info: CoreUserInfoClaims = client
            .user_info(
                access_token.clone(),
                Some(openidconnect::SubjectIdentifier::new(
                    profile.subject.clone(),
                )),
            )
            .map_err(|e| ProviderError::Config(e.to_string()))?
            .request_async(&send)
            .await
            .map_err(|e| self.logged("userinfo", userinfo_error(e)))?;
        if info.subject().as_str() != profile.subject {
            return Err(self.logged(
                "userinfo",
                ProviderError::Invalid("userinfo names another subject".into()),
            ));
        }
        if profile.email.is_none()
            && let Some(email) = info.email()
        {
            profile.email = Some(email.as_str().to_owned());
            profile.email_verified = info.email_verified().unwrap_or(false);
        }
        if profile.name.is_none() {
            profile.name = info
                .name()
                .and_then(|n| n.get(None))
                .map(|n| n.as_str().to_owned());
        }
        Ok(profile)
    }

    /// Logs a failure (never a token or code) and gives it back.
    fn logged(&self, step: &str, e: ProviderError) -> ProviderError {
        tracing::warn!(provider = %self.config.id, step, error = %e, "OpenID provider call failed");
        e
    }
}

#[async_trait::async_trait]
impl Provider for OidcProvider {
    fn config(&self) -> &ProviderConfig {
        &self.config
    }

    async fn authorize(
        &self,
        http: &ProviderHttp,
        request: AuthorizeRequest<'_>,
    ) -> Result<Authorization, ProviderError> {
        let d = self.discovered(http).await?;
        let redirect = RedirectUrl::new(request.redirect_uri.to_owned())
            .map_err(|e| ProviderError::Config(format!("redirect_uri: {e}")))?;
        let client = CoreClient::from_provider_metadata(
            d.metadata.clone(),
            ClientId::new(self.config.client_id.clone()),
            None,
        )
        .set_redirect_uri(redirect);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let state = request.state.to_owned();
        let nonce = request.nonce.to_owned();
        let mut builder = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                move || CsrfToken::new(state),
                move || Nonce::new(nonce),
            )
            .set_pkce_challenge(challenge);
        // `openid` is always there (the crate adds it).
        for scope in self.scopes().into_iter().filter(|s| s != "openid") {
            builder = builder.add_scope(Scope::new(scope));
        }
        if self.config.response_mode() == ResponseMode::FormPost {
            builder = builder.add_extra_param("response_mode", "form_post");
        }
        let (url, _, _) = builder.url();
        Ok(Authorization {
            url,
            pkce_verifier: Some(verifier.secret().clone()),
        })
    }

    async fn exchange(
        &self,
        http: &ProviderHttp,
        request: CallbackRequest<'_>,
    ) -> Result<Profile, ProviderError> {
        let (response, d) = self.token_request(http, &request).await?;
        let id_token = response
            .id_token()
            .ok_or_else(|| {
                self.logged(
                    "token request",
                    ProviderError::Invalid("no ID token in the token response".into()),
                )
            })?
            .to_string();
        let expect = Expect {
            other_audiences: &[],
            nonce: NonceRule::Exact(request.nonce),
        };
        let mut profile = self.verify(http, &d, &id_token, expect).await?;
        if self.config.kind == ProviderKind::Apple && profile.name.is_none() {
            profile.name = request
                .fields
                .get("user")
                .and_then(|u| apple::name_from_user_field(u));
        }
        self.merge_userinfo(http, &d, response.access_token(), profile)
            .await
    }

    async fn verify_id_token(
        &self,
        http: &ProviderHttp,
        id_token: &str,
        nonce: Option<&str>,
    ) -> Result<Profile, ProviderError> {
        let d = self.discovered(http).await?;
        let expect = Expect {
            other_audiences: &self.config.audiences,
            nonce: NonceRule::RawOrSha256(nonce),
        };
        self.verify(http, &d, id_token, expect).await
    }
}

/// The profile an ID token's claims give.
fn profile_of(claims: &CoreIdTokenClaims) -> Profile {
    Profile {
        subject: claims.subject().as_str().to_owned(),
        email: claims.email().map(|e| e.as_str().to_owned()),
        email_verified: claims.email_verified().unwrap_or(false),
        name: claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().trim().to_owned())
            .filter(|n| !n.is_empty()),
    }
}

/// `client_secret_basic` when the provider takes it (the spec's default when it says
/// nothing), else `client_secret_post`.
fn auth_type(metadata: &CoreProviderMetadata) -> AuthType {
    match metadata.token_endpoint_auth_methods_supported() {
        Some(methods)
            if !methods.contains(&CoreClientAuthMethod::ClientSecretBasic)
                && methods.contains(&CoreClientAuthMethod::ClientSecretPost) =>
        {
            AuthType::RequestBody
        }
        _ => AuthType::BasicAuth,
    }
}

/// The `kid` of a JWT's header, read before the signature is checked (only to pick a
/// key: the signature check decides).
fn header_kid(jwt: &str) -> Option<String> {
    let header = jwt.split('.').next()?;
    let bytes = URL_SAFE_NO_PAD.decode(header).ok()?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    value.get("kid")?.as_str().map(str::to_owned)
}

/// Equal strings, compared through their digests (no early exit on the first byte).
fn same(a: &str, b: &str) -> bool {
    Sha256::digest(a.as_bytes()) == Sha256::digest(b.as_bytes())
}

fn config_error(config: &ProviderConfig, why: &str) -> ProviderError {
    ProviderError::Config(format!("provider {:?}: {why}", config.id))
}

/// The HTTP client openidconnect calls: [`ProviderHttp::send`], with a 5xx as
/// `Unreachable`. For the token endpoint (`token`), a 4xx that is not an OAuth error
/// body is `Refused` here (the crate reads the ones that are).
struct Sender<'a> {
    http: &'a ProviderHttp,
    token: bool,
}

fn sender(http: &ProviderHttp, token: bool) -> Sender<'_> {
    Sender { http, token }
}

impl<'c> openidconnect::AsyncHttpClient<'c> for Sender<'_> {
    type Error = ProviderError;
    type Future =
        Pin<Box<dyn Future<Output = Result<http::Response<Vec<u8>>, ProviderError>> + Send + 'c>>;

    fn call(&'c self, request: http::Request<Vec<u8>>) -> Self::Future {
        Box::pin(async move {
            let response = self.http.send(request).await?;
            let status = response.status();
            if status.is_server_error() {
                return Err(ProviderError::Unreachable(format!("status {status}")));
            }
            if self.token
                && status.is_client_error()
                && serde_json::from_slice::<serde_json::Value>(response.body()).is_err()
            {
                return Err(ProviderError::Refused(format!("status {status}")));
            }
            Ok(response)
        })
    }
}

fn discovery_error(e: DiscoveryError<ProviderError>) -> ProviderError {
    match e {
        DiscoveryError::Request(e) => e,
        DiscoveryError::Response(status, _, _) => {
            ProviderError::Unreachable(format!("discovery answered {status}"))
        }
        DiscoveryError::Parse(e) => ProviderError::Invalid(format!("discovery: {e}")),
        DiscoveryError::Validation(e) => ProviderError::Invalid(format!("discovery: {e}")),
        other => ProviderError::Invalid(format!("discovery: {other}")),
    }
}

fn token_error(
    e: RequestTokenError<ProviderError, StandardErrorResponse<CoreErrorResponseType>>,
) -> ProviderError {
    match e {
        RequestTokenError::Request(e) => e,
        // invalid_grant (a replayed or expired code), invalid_client, …: the error code
        // and description, never the code itself.
        RequestTokenError::ServerResponse(r) => {
            ProviderError::Refused(match r.error_description() {
                Some(d) => format!("{}: {d}", r.error()),
                None => r.error().to_string(),
            })
        }
        // The body might hold tokens: only the parse error.
        RequestTokenError::Parse(e, _) => ProviderError::Invalid(format!("token response: {e}")),
        RequestTokenError::Other(s) => ProviderError::Invalid(s),
    }
}

fn userinfo_error(e: UserInfoError<ProviderError>) -> ProviderError {
    match e {
        UserInfoError::Request(e) => e,
        UserInfoError::Response(status, _, _) if status.is_client_error() => {
            ProviderError::Refused(format!("userinfo answered {status}"))
        }
        UserInfoError::Response(status, _, _) => {
            ProviderError::Unreachable(format!("userinfo answered {status}"))
        }
        other => ProviderError::Invalid(format!("userinfo: {other}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_does_no_io_and_checks_the_entry() {
        let mut c = ProviderConfig::new("acme", ProviderKind::Oidc, "client");
        assert!(matches!(
            OidcProvider::new(c.clone()),
            Err(ProviderError::Config(_))
        ));
        c.issuer = Some("https://id.example.test".into());
        assert_eq!(
            OidcProvider::new(c).unwrap().issuer(),
            "https://id.example.test"
        );
        let google =
            OidcProvider::new(ProviderConfig::new("google", ProviderKind::Google, "g")).unwrap();
        assert_eq!(google.issuer(), google::ISSUER);
        let apple = ProviderConfig::new("apple", ProviderKind::Apple, "com.example.web");
        assert!(matches!(
            OidcProvider::new(apple.clone()),
            Err(ProviderError::Config(_))
        ));
        let mut apple = apple;
        apple.team_id = Some("TEAM".into());
        apple.key_id = Some("KID".into());
        apple.private_key = Some("not a key".into());
        assert!(matches!(
            OidcProvider::new(apple),
            Err(ProviderError::Config(_))
        ));
    }

    #[test]
    fn an_apple_entry_with_its_key_builds() {
        use p256::pkcs8::EncodePrivateKey as _;
        let key = p256::ecdsa::SigningKey::from_slice(&[3u8; 32]).unwrap();
        let mut apple = ProviderConfig::new("apple", ProviderKind::Apple, "com.example.web");
        apple.team_id = Some("TEAM".into());
        apple.key_id = Some("KID".into());
        apple.private_key = Some(
            key.to_pkcs8_pem(p256::pkcs8::LineEnding::LF)
                .unwrap()
                .to_string(),
        );
        let p = OidcProvider::new(apple).unwrap();
        assert_eq!(p.issuer(), apple::ISSUER);
        assert_eq!(p.scopes(), vec!["name", "email"]);
        let secret = p.client_secret().unwrap();
        assert_eq!(secret.secret().split('.').count(), 3);
    }

    #[test]
    fn the_header_kid_is_read_without_trusting_it() {
        let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256","kid":"k1"}"#);
        assert_eq!(
            header_kid(&format!("{header}.e30.sig")).as_deref(),
            Some("k1")
        );
        assert_eq!(header_kid("garbage"), None);
    }
}
