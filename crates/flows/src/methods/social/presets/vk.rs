//! VK ID (id.vk.com, OAuth 2.1), following VK ID's "Справочник методов API VK ID" (the
//! API reference for integrating without the SDK), not the legacy `oauth.vk.com` +
//! `api.vk.com/method/users.get` flow, which VK ID replaces:
//!
//! 1. the browser goes to `https://id.vk.com/authorize?response_type=code&client_id&
//!    redirect_uri&state&code_challenge&code_challenge_method=s256&scope=email` (PKCE is
//!    mandatory);
//! 2. the callback brings `code`, `state` and `device_id` (`device_id` arrives in
//!    [`CallbackRequest::fields`]);
//! 3. `POST https://id.vk.com/oauth2/auth` (form: grant_type=authorization_code, code,
//!    code_verifier, client_id, device_id, redirect_uri, state) → `{"refresh_token",
//!    "access_token", "id_token", "token_type", "expires_in", "user_id", "state",
//!    "scope"}`; the answer's `state` must be the one sent;
//! 4. `POST https://id.vk.com/oauth2/user_info` (form: client_id, access_token) →
//!    `{"user": {"user_id", "first_name", "last_name", "phone", "avatar", "email", "sex",
//!    "verified", "birthday"}}`.
//!
//! VK ID's `state` at step 3 is the client's own random string, echoed back; the callback
//! `state` is used when the web layer passes it in `fields`, else a fresh one.
//!
//! Errors: `{"error", "error_description"}` (VK ID), and the API's `{"error":
//! {"error_code", "error_msg"}}`: both are `Refused`, whatever the status.

use super::common::{endpoint, id_field, pkce_pair, post_form, refusal, scopes, text_field};
use crate::methods::social::config::ProviderConfig;
use crate::methods::social::http::ProviderHttp;
use crate::methods::social::provider::*;
use serde_json::Value;

pub const AUTHORIZE_URL: &str = "https://id.vk.com/authorize";
pub const TOKEN_URL: &str = "https://id.vk.com/oauth2/auth";
pub const USERINFO_URL: &str = "https://id.vk.com/oauth2/user_info";
/// Scopes are space-separated; `vkid.personal_info` (name, photo) is always granted.
pub const DEFAULT_SCOPES: &[&str] = &["email"];

pub struct Vk {
    config: ProviderConfig,
    authorize_url: url::Url,
    token_url: url::Url,
    userinfo_url: url::Url,
}

impl Vk {
    /// Checks the entry (no I/O). VK ID's web flow needs only the app id: PKCE, not a
    /// client secret, binds the code to this server.
    pub fn new(config: ProviderConfig) -> Result<Self, ProviderError> {
        if config.client_id.trim().is_empty() {
            return Err(ProviderError::Config(format!(
                "provider {:?}: VK needs client_id (the app id)",
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
}

/// What the token answer gives: the access token and VK's user id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VkToken {
    pub access_token: String,
    pub user_id: Option<String>,
}

/// Reads `POST /oauth2/auth`'s answer; `sent_state` must come back as `state` when the
/// answer has one.
pub fn parse_token(answer: &Value, sent_state: &str) -> Result<VkToken, ProviderError> {
    if let Some(why) = refusal(answer) {
        return Err(ProviderError::Refused(why));
    }
    if let Some(state) = answer.get("state").and_then(Value::as_str)
        && state != sent_state
    {
        return Err(ProviderError::Invalid(
            "the token answer's state is not the one sent".into(),
        ));
    }
    let access_token = text_field(answer.get("access_token"))
        .ok_or_else(|| ProviderError::Invalid("the token answer has no access_token".into()))?;
    Ok(VkToken {
        access_token,
        user_id: id_field(answer.get("user_id")),
    })
}

/// Reads `POST /oauth2/user_info`'s answer.
///
/// `email_verified` is always false: VK does not say it verified the address (its
/// `verified` flag is about the profile, not the email), so the email never matches an
/// existing account.
pub fn parse_user(answer: &Value, token_user_id: Option<&str>) -> Result<Profile, ProviderError> {
    if let Some(why) = refusal(answer) {
        return Err(ProviderError::Refused(why));
    }
    let user = answer
        .get("user")
        .filter(|u| u.is_object())
        .ok_or_else(|| ProviderError::Invalid("the user answer has no user".into()))?;
    let subject = id_field(user.get("user_id"))
        .ok_or_else(|| ProviderError::Invalid("the user has no user_id".into()))?;
    if let Some(from_token) = token_user_id
        && from_token != subject
    {
        return Err(ProviderError::Invalid(
            "the user is not the token's user".into(),
        ));
    }
    let name = [
        text_field(user.get("first_name")),
        text_field(user.get("last_name")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    Ok(Profile {
        subject,
        email: text_field(user.get("email")),
        email_verified: false,
        name: Some(name).filter(|n| !n.is_empty()),
    })
}

#[async_trait::async_trait]
impl Provider for Vk {
    fn config(&self) -> &ProviderConfig {
        &self.config
    }

    async fn authorize(
        &self,
        _http: &ProviderHttp,
        request: AuthorizeRequest<'_>,
    ) -> Result<Authorization, ProviderError> {
        let (challenge, verifier) = pkce_pair();
        let mut url = self.authorize_url.clone();
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &self.config.client_id)
            .append_pair("redirect_uri", request.redirect_uri)
            .append_pair("state", request.state)
            .append_pair("code_challenge", &challenge)
            .append_pair("code_challenge_method", "s256")
            .append_pair(
                "scope",
                &scopes(self.config.scopes.as_deref(), DEFAULT_SCOPES, " "),
            );
        Ok(Authorization {
            url,
            pkce_verifier: Some(verifier),
        })
    }

    async fn exchange(
        &self,
        http: &ProviderHttp,
        request: CallbackRequest<'_>,
    ) -> Result<Profile, ProviderError> {
        let verifier = request
            .pkce_verifier
            .ok_or_else(|| ProviderError::Invalid("no PKCE verifier was kept".into()))?;
        let device_id = request
            .fields
            .get("device_id")
            .map(String::as_str)
            .filter(|d| !d.is_empty())
            .ok_or_else(|| ProviderError::Invalid("the callback has no device_id".into()))?;
        let state = request
            .fields
            .get("state")
            .filter(|s| !s.is_empty())
            .cloned()
            .unwrap_or_else(latchkey_domain::secret::new_token);
        let answer = http
            .json(post_form(
                http.client(),
                self.token_url.clone(),
                &[
                    ("grant_type", "authorization_code"),
                    ("code", request.code),
                    ("code_verifier", verifier),
                    ("client_id", &self.config.client_id),
                    ("device_id", device_id),
                    ("redirect_uri", request.redirect_uri),
                    ("state", &state),
                ],
            ))
            .await?;
        let token = parse_token(&answer, &state)?;
        let answer = http
            .json(post_form(
                http.client(),
                self.userinfo_url.clone(),
                &[
                    ("client_id", &self.config.client_id),
                    ("access_token", &token.access_token),
                ],
            ))
            .await?;
        parse_user(&answer, token.user_id.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methods::social::config::ProviderKind;
    use std::collections::HashMap;

    fn json(s: &str) -> Value {
        serde_json::from_str(s).unwrap()
    }

    // VK ID API reference ("Справочник методов API VK ID", POST
    // https://id.vk.com/oauth2/auth). The stored copy read for this work shows the
    // requests' samples but cuts off before the answers', so this answer's fields are
    // the ones the reference lists (and clients built on it parse), in the shape:
    //   {
    //     "refresh_token": "XXX",
    //     "access_token": "XXX",
    //     "id_token": "XXX",
    //     "token_type": "Bearer",
    //     "expires_in": 0,
    //     "user_id": 1234567890,
    //     "state": "XXX",
    //     "scope": "email phone"
    //   }
    const TOKEN: &str = r#"{
        "refresh_token": "vk2.a.refresh",
        "access_token": "vk2.a.access",
        "id_token": "eyJhbGciOiJSUzI1NiJ9.e30.sig",
        "token_type": "Bearer",
        "expires_in": 3600,
        "user_id": 1234567890,
        "state": "XXXRandomZZZXXXRandomZZZXXXRandomZZZ",
        "scope": "email"
    }"#;

    // VK ID API reference (POST https://id.vk.com/oauth2/user_info); as above, the field
    // names are the reference's (the stored copy cut the sample itself off):
    //   {
    //     "user": {
    //       "user_id": "1234567890",
    //       "first_name": "Ivan",
    //       "last_name": "I.",
    //       "phone": "79991234567",
    //       "avatar": "https://pp.userapi.com/60tZWMo4SmwcploUVl9XEt8ufnTTvDUmQ6Bj1g/mmv1pcj63C4.png",
    //       "email": "ivan_i123@vk.ru",
    //       "sex": 2,
    //       "verified": false,
    //       "birthday": "01.01.2000"
    //     }
    //   }
    const USER: &str = r#"{
        "user": {
            "user_id": "1234567890",
            "first_name": "Ivan",
            "last_name": "I.",
            "phone": "79991234567",
            "avatar": "https://pp.userapi.com/60tZWMo4SmwcploUVl9XEt8ufnTTvDUmQ6Bj1g/mmv1pcj63C4.png",
            "email": "ivan_i123@vk.ru",
            "sex": 2,
            "verified": false,
            "birthday": "01.01.2000"
        }
    }"#;

    // VK ID API reference, errors: `{"error": "invalid_grant", "error_description":
    // "..."}` (OAuth 2.1 error codes: invalid_request, invalid_client, invalid_grant, …).
    const ERROR: &str = r#"{"error": "invalid_grant", "error_description": "Code is expired."}"#;

    // VK API (api.vk.com/method/…) error: `{"error": {"error_code": 5, "error_msg":
    // "User authorization failed: invalid access_token (4).", "request_params": [...]}}`
    const API_ERROR: &str = r#"{"error": {"error_code": 5,
        "error_msg": "User authorization failed: invalid access_token (4).",
        "request_params": [{"key": "method", "value": "users.get"}]}}"#;

    #[test]
    fn parses_the_documented_token_answer() {
        let t = parse_token(&json(TOKEN), "XXXRandomZZZXXXRandomZZZXXXRandomZZZ").unwrap();
        assert_eq!(t.access_token, "vk2.a.access");
        assert_eq!(t.user_id.as_deref(), Some("1234567890"));
    }

    #[test]
    fn a_token_answer_with_another_state_is_invalid() {
        assert!(matches!(
            parse_token(&json(TOKEN), "another"),
            Err(ProviderError::Invalid(_))
        ));
    }

    #[test]
    fn parses_the_documented_user_answer() {
        let p = parse_user(&json(USER), Some("1234567890")).unwrap();
        assert_eq!(p.subject, "1234567890");
        assert_eq!(p.name.as_deref(), Some("Ivan I."));
        assert_eq!(p.email.as_deref(), Some("ivan_i123@vk.ru"));
        assert!(!p.email_verified);
        // Another user than the token's: not this person.
        assert!(matches!(
            parse_user(&json(USER), Some("42")),
            Err(ProviderError::Invalid(_))
        ));
        assert!(matches!(
            parse_user(&json(r#"{"user": {"first_name": "x"}}"#), None),
            Err(ProviderError::Invalid(_))
        ));
    }

    #[test]
    fn both_error_shapes_are_refused() {
        for body in [ERROR, API_ERROR] {
            assert!(matches!(
                parse_token(&json(body), "s"),
                Err(ProviderError::Refused(_))
            ));
            assert!(matches!(
                parse_user(&json(body), None),
                Err(ProviderError::Refused(_))
            ));
        }
    }

    #[tokio::test]
    async fn authorize_sends_an_s256_challenge_and_keeps_the_verifier() {
        let vk = Vk::new(ProviderConfig::new("vk", ProviderKind::Vk, "12345")).unwrap();
        let a = vk
            .authorize(
                &ProviderHttp::new(),
                AuthorizeRequest {
                    redirect_uri: "https://id.example.com/auth/vk/callback",
                    state: "st",
                    nonce: "n",
                },
            )
            .await
            .unwrap();
        assert!(a.url.as_str().starts_with(AUTHORIZE_URL));
        let q: HashMap<_, _> = a.url.query_pairs().into_owned().collect();
        assert_eq!(q["response_type"], "code");
        assert_eq!(q["client_id"], "12345");
        assert_eq!(q["state"], "st");
        assert_eq!(q["scope"], "email");
        assert_eq!(q["code_challenge_method"], "s256");
        let verifier = a.pkce_verifier.unwrap();
        let expected = openidconnect::PkceCodeChallenge::from_code_verifier_sha256(
            &openidconnect::PkceCodeVerifier::new(verifier),
        );
        assert_eq!(q["code_challenge"], expected.as_str());
    }

    #[tokio::test]
    async fn exchange_without_device_id_or_verifier_is_invalid() {
        let vk = Vk::new(ProviderConfig::new("vk", ProviderKind::Vk, "12345")).unwrap();
        let fields = HashMap::new();
        let request = CallbackRequest {
            code: "c",
            redirect_uri: "https://id.example.com/auth/vk/callback",
            pkce_verifier: Some("v"),
            nonce: "n",
            fields: &fields,
        };
        let http = ProviderHttp::new();
        assert!(matches!(
            vk.exchange(&http, request).await,
            Err(ProviderError::Invalid(_))
        ));
        let mut fields = HashMap::new();
        fields.insert("device_id".to_owned(), "d".to_owned());
        let request = CallbackRequest {
            pkce_verifier: None,
            fields: &fields,
            ..request
        };
        assert!(matches!(
            vk.exchange(&http, request).await,
            Err(ProviderError::Invalid(_))
        ));
    }
}
