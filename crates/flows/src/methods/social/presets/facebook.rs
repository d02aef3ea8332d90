//! Facebook Login, the manually built flow ("Manually Build a Login Flow",
//! developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow), Graph API
//! v21.0:
//!
//! 1. the browser goes to `https://www.facebook.com/v21.0/dialog/oauth?client_id&
//!    redirect_uri&state&response_type=code&scope=email,public_profile`;
//! 2. the code is exchanged at `GET https://graph.facebook.com/v21.0/oauth/access_token?
//!    client_id&redirect_uri&client_secret&code` → `{"access_token", "token_type",
//!    "expires_in"}`;
//! 3. the person is read from `GET https://graph.facebook.com/v21.0/me?fields=id,name,email`
//!    with the token (`Authorization: Bearer`) and `appsecret_proof`: lowercase hex
//!    HMAC-SHA256 of the access token keyed by the app secret ("Securing Graph API
//!    Requests"), so a stolen token is useless without the secret.
//!
//! No PKCE: the classic flow does not document it (Facebook documents PKCE only for its
//! OIDC-token variant, "still in testing"), so `authorize` keeps no verifier.
//!
//! Errors come as `{"error": {"message", "type", "code", "fbtrace_id"}}` (usually with a
//! 400, which the HTTP client already makes `Refused`); such a body is `Refused` whatever
//! the status.

use super::common::{endpoint, id_field, refusal, scopes, text_field};
use crate::methods::social::config::ProviderConfig;
use crate::methods::social::http::ProviderHttp;
use crate::methods::social::provider::*;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

/// The Graph API version the endpoints name.
pub const GRAPH_VERSION: &str = "v21.0";
pub const AUTHORIZE_URL: &str = "https://www.facebook.com/v21.0/dialog/oauth";
pub const TOKEN_URL: &str = "https://graph.facebook.com/v21.0/oauth/access_token";
pub const USERINFO_URL: &str = "https://graph.facebook.com/v21.0/me";
/// The permissions asked for unless the config names others.
pub const DEFAULT_SCOPES: &[&str] = &["email", "public_profile"];

pub struct Facebook {
    config: ProviderConfig,
    authorize_url: url::Url,
    token_url: url::Url,
    userinfo_url: url::Url,
}

impl Facebook {
    /// Checks the entry (no I/O): Facebook needs the app secret (`client_secret`), both
    /// for the code exchange and for `appsecret_proof`.
    pub fn new(config: ProviderConfig) -> Result<Self, ProviderError> {
        if config
            .client_secret
            .as_deref()
            .is_none_or(|s| s.trim().is_empty())
        {
            return Err(ProviderError::Config(format!(
                "provider {:?}: Facebook needs client_secret (the app secret)",
                config.id
            )));
        }
        Ok(Self {
            authorize_url: endpoint(config.authorize_url.as_deref(), AUTHORIZE_URL, "authorize")?,
            token_url: endpoint(config.token_url.as_deref(), TOKEN_URL, "token")?,
            userinfo_url: endpoint(config.userinfo_url.as_deref(), USERINFO_URL, "userinfo")?,
            config,
        })
    }

    fn secret(&self) -> &str {
        self.config.client_secret.as_deref().unwrap_or_default()
    }
}

/// `appsecret_proof`: lowercase hex HMAC-SHA256(key = app secret, message = access token).
pub fn appsecret_proof(app_secret: &str, access_token: &str) -> String {
    // HMAC takes a key of any length: this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(app_secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(access_token.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// The access token of the token endpoint's answer.
pub fn parse_token(answer: &Value) -> Result<String, ProviderError> {
    if let Some(why) = refusal(answer) {
        return Err(ProviderError::Refused(why));
    }
    text_field(answer.get("access_token"))
        .ok_or_else(|| ProviderError::Invalid("the token answer has no access_token".into()))
}

/// The person of `/me?fields=id,name,email`.
///
/// `email_verified` is always false: Facebook does not say that it verified the address
/// (an account may have an unconfirmed email, or none). Our rule is that such an email
/// never matches an existing account: it is kept for the new account's contact only.
pub fn parse_profile(answer: &Value) -> Result<Profile, ProviderError> {
    if let Some(why) = refusal(answer) {
        return Err(ProviderError::Refused(why));
    }
    let subject = id_field(answer.get("id"))
        .ok_or_else(|| ProviderError::Invalid("the profile has no id".into()))?;
    Ok(Profile {
        subject,
        email: text_field(answer.get("email")),
        email_verified: false,
        name: text_field(answer.get("name")),
    })
}

#[async_trait::async_trait]
impl Provider for Facebook {
    fn config(&self) -> &ProviderConfig {
        &self.config
    }

    async fn authorize(
        &self,
        _http: &ProviderHttp,
        request: AuthorizeRequest<'_>,
    ) -> Result<Authorization, ProviderError> {
        let mut url = self.authorize_url.clone();
        url.query_pairs_mut()
            .append_pair("client_id", &self.config.client_id)
            .append_pair("redirect_uri", request.redirect_uri)
            .append_pair("state", request.state)
            .append_pair("response_type", "code")
            .append_pair(
                "scope",
                &scopes(self.config.scopes.as_deref(), DEFAULT_SCOPES, ","),
            );
        Ok(Authorization {
            url,
            pkce_verifier: None,
        })
    }

    async fn exchange(
        &self,
        http: &ProviderHttp,
        request: CallbackRequest<'_>,
    ) -> Result<Profile, ProviderError> {
        let mut token_url = self.token_url.clone();
        token_url
            .query_pairs_mut()
            .append_pair("client_id", &self.config.client_id)
            .append_pair("redirect_uri", request.redirect_uri)
            .append_pair("client_secret", self.secret())
            .append_pair("code", request.code);
        let answer = http.json(http.client().get(token_url)).await?;
        let token = parse_token(&answer)?;

        let mut me = self.userinfo_url.clone();
        me.query_pairs_mut()
            .append_pair("fields", "id,name,email")
            .append_pair("appsecret_proof", &appsecret_proof(self.secret(), &token));
        let answer = http.json(http.client().get(me).bearer_auth(&token)).await?;
        parse_profile(&answer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methods::social::config::ProviderKind;
    use std::collections::HashMap;

    fn config() -> ProviderConfig {
        let mut c = ProviderConfig::new("facebook", ProviderKind::Facebook, "1234567890");
        c.client_secret = Some("app-secret".into());
        c
    }

    // "Manually Build a Login Flow", Exchanging Code for an Access Token: the response
    // "will be returned in JSON format":
    //   {
    //     "access_token": {access-token},
    //     "token_type": {type},
    //     "expires_in":  {seconds-til-expiration}
    //   }
    const TOKEN: &str =
        r#"{"access_token": "EAAGm0PX4ZCpsBAKZD", "token_type": "bearer", "expires_in": 5183976}"#;

    // Graph API `/me?fields=id,name,email`: the User node's fields `id` (string),
    // `name` and `email` (absent without the email permission), as the User reference
    // names them; the answer is the object of the fields asked for:
    //   { "id": "{user-id}", "name": "{name}", "email": "{email}" }
    const ME: &str =
        r#"{"id": "10153286962581634", "name": "Jane Doe", "email": "jane@example.com"}"#;

    // "Handling Errors", Error Responses:
    //   {
    //     "error": {
    //       "message": "Message describing the error",
    //       "type": "OAuthException",
    //       "code": 190,
    //       "error_subcode": 460,
    //       "error_user_title": "A title",
    //       "error_user_msg": "A message",
    //       "fbtrace_id": "EJplcsCHuLu"
    //     }
    //   }
    const ERROR: &str = r#"{
      "error": {
        "message": "Message describing the error",
        "type": "OAuthException",
        "code": 190,
        "error_subcode": 460,
        "error_user_title": "A title",
        "error_user_msg": "A message",
        "fbtrace_id": "EJplcsCHuLu"
      }
    }"#;

    fn json(s: &str) -> Value {
        serde_json::from_str(s).unwrap()
    }

    #[test]
    fn new_needs_the_app_secret() {
        let mut c = config();
        c.client_secret = None;
        assert!(matches!(
            Facebook::new(c.clone()),
            Err(ProviderError::Config(_))
        ));
        c.client_secret = Some("  ".into());
        assert!(matches!(Facebook::new(c), Err(ProviderError::Config(_))));
        assert!(Facebook::new(config()).is_ok());
    }

    #[test]
    fn new_refuses_a_bad_endpoint_override() {
        let mut c = config();
        c.token_url = Some("::".into());
        assert!(matches!(Facebook::new(c), Err(ProviderError::Config(_))));
    }

    #[test]
    fn parses_the_documented_token_answer() {
        assert_eq!(parse_token(&json(TOKEN)).unwrap(), "EAAGm0PX4ZCpsBAKZD");
        assert!(matches!(
            parse_token(&json(r#"{"token_type": "bearer"}"#)),
            Err(ProviderError::Invalid(_))
        ));
    }

    #[test]
    fn parses_the_profile_with_an_unverified_email() {
        let p = parse_profile(&json(ME)).unwrap();
        assert_eq!(p.subject, "10153286962581634");
        assert_eq!(p.name.as_deref(), Some("Jane Doe"));
        assert_eq!(p.email.as_deref(), Some("jane@example.com"));
        assert!(!p.email_verified);
        // No email permission given: no email.
        let p = parse_profile(&json(r#"{"id": "4", "name": "Mark"}"#)).unwrap();
        assert_eq!(p.email, None);
        assert!(matches!(
            parse_profile(&json(r#"{"name": "no id"}"#)),
            Err(ProviderError::Invalid(_))
        ));
    }

    #[test]
    fn the_documented_error_is_refused() {
        let Err(ProviderError::Refused(why)) = parse_token(&json(ERROR)) else {
            panic!("expected Refused");
        };
        assert!(why.contains("OAuthException") && why.contains("190"));
        assert!(matches!(
            parse_profile(&json(ERROR)),
            Err(ProviderError::Refused(_))
        ));
    }

    #[test]
    fn appsecret_proof_is_hex_hmac_sha256() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        assert_eq!(
            appsecret_proof("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[tokio::test]
    async fn authorize_builds_the_dialog_url_without_pkce() {
        let fb = Facebook::new(config()).unwrap();
        let a = fb
            .authorize(
                &ProviderHttp::new(),
                AuthorizeRequest {
                    redirect_uri: "https://id.example.com/auth/facebook/callback",
                    state: "st",
                    nonce: "n",
                },
            )
            .await
            .unwrap();
        assert!(a.pkce_verifier.is_none());
        assert!(a.url.as_str().starts_with(AUTHORIZE_URL));
        let q: HashMap<_, _> = a.url.query_pairs().into_owned().collect();
        assert_eq!(q["client_id"], "1234567890");
        assert_eq!(
            q["redirect_uri"],
            "https://id.example.com/auth/facebook/callback"
        );
        assert_eq!(q["state"], "st");
        assert_eq!(q["response_type"], "code");
        assert_eq!(q["scope"], "email,public_profile");
    }
}
