//! Alipay web authorization (用户信息授权, "User information authorization") through the
//! OpenAPI gateway:
//!
//! 1. the browser goes to `https://openauth.alipay.com/oauth2/publicAppAuthorize.htm?
//!    app_id&scope=auth_user&redirect_uri&state`;
//! 2. the callback brings `auth_code` (and `app_id`, `scope`, `state`), not `code`: the
//!    web layer passes [`callback_code`] as the code;
//! 3. `alipay.system.oauth.token` (grant_type=authorization_code, code) → `access_token`
//!    and `user_id` / `open_id`;
//! 4. `alipay.user.info.share` (auth_token = the access token) → `nick_name`, `avatar`, …
//!
//! Both calls go to `https://openapi.alipay.com/gateway.do` (`token_url` overrides it,
//! `userinfo_url` the second call's) with the common parameters app_id, method,
//! format=JSON, charset=utf-8, sign_type=RSA2, timestamp (`yyyy-MM-dd HH:mm:ss`, Beijing
//! time), version=1.0 and `sign`: see [`signing_string`] and [`sign_params`]. Each answer
//! is checked with Alipay's public key against the raw text of its `…_response` member
//! ([`verify_response`]).
//!
//! Alipay gives no email: the profile has none.

use super::common::{endpoint, id_field, text_field};
use crate::methods::social::config::ProviderConfig;
use crate::methods::social::http::ProviderHttp;
use crate::methods::social::provider::*;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey};
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use rsa::{RsaPrivateKey, RsaPublicKey};
use serde_json::Value;
use sha2::Sha256;
use std::collections::HashMap;

pub const AUTHORIZE_URL: &str = "https://openauth.alipay.com/oauth2/publicAppAuthorize.htm";
pub const GATEWAY_URL: &str = "https://openapi.alipay.com/gateway.do";
/// `auth_user`: the person's basic information (`auth_base` gives only the id).
pub const DEFAULT_SCOPES: &[&str] = &["auth_user"];
pub const TOKEN_METHOD: &str = "alipay.system.oauth.token";
pub const USER_METHOD: &str = "alipay.user.info.share";
/// The gateway's success code in an answer that carries one.
pub const SUCCESS_CODE: &str = "10000";

pub struct Alipay {
    config: ProviderConfig,
    authorize_url: url::Url,
    token_url: url::Url,
    userinfo_url: url::Url,
    app_key: RsaPrivateKey,
    alipay_key: RsaPublicKey,
}

impl Alipay {
    /// Checks the entry (no I/O): the app's private key (`private_key`, PKCS#8 or PKCS#1
    /// PEM) and Alipay's public key (`public_key`) must be there and parse.
    pub fn new(config: ProviderConfig) -> Result<Self, ProviderError> {
        let missing = |what: &str| {
            ProviderError::Config(format!("provider {:?}: Alipay needs {what}", config.id))
        };
        let app_key = parse_private_key(
            config
                .private_key
                .as_deref()
                .ok_or_else(|| missing("private_key (the app's RSA private key)"))?,
        )?;
        let alipay_key = parse_public_key(
            config
                .public_key
                .as_deref()
                .ok_or_else(|| missing("public_key (Alipay's RSA public key)"))?,
        )?;
        let token_url = endpoint(config.token_url.as_deref(), GATEWAY_URL, "gateway")?;
        let userinfo_url = match config.userinfo_url.as_deref() {
            Some(u) if !u.trim().is_empty() => endpoint(Some(u), GATEWAY_URL, "userinfo")?,
            _ => token_url.clone(),
        };
        Ok(Self {
            authorize_url: endpoint(config.authorize_url.as_deref(), AUTHORIZE_URL, "authorize")?,
            token_url,
            userinfo_url,
            app_key,
            alipay_key,
            config,
        })
    }

    /// Calls one gateway method and returns its checked `…_response` member.
    async fn call(
        &self,
        http: &ProviderHttp,
        gateway: &url::Url,
        method: &str,
        extra: &[(&str, &str)],
    ) -> Result<Value, ProviderError> {
        let timestamp = beijing_timestamp(time::OffsetDateTime::now_utc());
        let mut params: Vec<(&str, &str)> = vec![
            ("app_id", &self.config.client_id),
            ("method", method),
            ("format", "JSON"),
            ("charset", "utf-8"),
            ("sign_type", "RSA2"),
            ("timestamp", &timestamp),
            ("version", "1.0"),
        ];
        params.extend_from_slice(extra);
        let sign = sign_params(&params, &self.app_key)?;
        params.push(("sign", &sign));
        let body = super::common::form(&params);
        let request = http
            .client()
            .post(gateway.clone())
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded;charset=utf-8",
            )
            .body(body);
        let text = send_text(request).await?;
        verify_response(&text, method, &self.alipay_key)
    }
}

/// The code of Alipay's callback: `auth_code`, else `code`. The web layer passes it as
/// [`CallbackRequest::code`] when the callback has no `code`.
pub fn callback_code(fields: &HashMap<String, String>) -> Option<&str> {
    ["auth_code", "code"]
        .into_iter()
        .filter_map(|k| fields.get(k))
        .map(String::as_str)
        .find(|c| !c.is_empty())
}

/// Parses an RSA private key: PKCS#8 PEM (`BEGIN PRIVATE KEY`), PKCS#1 PEM (`BEGIN RSA
/// PRIVATE KEY`), or the bare base64 Alipay's key tool writes (either DER).
pub fn parse_private_key(text: &str) -> Result<RsaPrivateKey, ProviderError> {
    let text = text.trim();
    let bad = || ProviderError::Config("private_key: not an RSA private key".into());
    if text.starts_with("-----") {
        return RsaPrivateKey::from_pkcs8_pem(text)
            .or_else(|_| RsaPrivateKey::from_pkcs1_pem(text))
            .map_err(|_| bad());
    }
    let der = bare_der(text).ok_or_else(bad)?;
    RsaPrivateKey::from_pkcs8_der(&der)
        .or_else(|_| RsaPrivateKey::from_pkcs1_der(&der))
        .map_err(|_| bad())
}

/// Parses an RSA public key: SPKI PEM (`BEGIN PUBLIC KEY`), PKCS#1 PEM (`BEGIN RSA
/// PUBLIC KEY`), or the bare base64 Alipay's console shows (either DER).
pub fn parse_public_key(text: &str) -> Result<RsaPublicKey, ProviderError> {
    let text = text.trim();
    let bad = || ProviderError::Config("public_key: not an RSA public key".into());
    if text.starts_with("-----") {
        return RsaPublicKey::from_public_key_pem(text)
            .or_else(|_| RsaPublicKey::from_pkcs1_pem(text))
            .map_err(|_| bad());
    }
    let der = bare_der(text).ok_or_else(bad)?;
    RsaPublicKey::from_public_key_der(&der)
        .or_else(|_| RsaPublicKey::from_pkcs1_der(&der))
        .map_err(|_| bad())
}

fn bare_der(text: &str) -> Option<Vec<u8>> {
    let compact: String = text.split_whitespace().collect();
    STANDARD.decode(compact).ok().filter(|d| !d.is_empty())
}

/// The string a request's `sign` covers (Alipay's "自行实现签名" rules): every parameter
/// but `sign` and those with an empty value, sorted by name (ASCII order), as `k=v`
/// (raw values, not URL-encoded) joined by `&`. `sign_type` takes part.
pub fn signing_string(params: &[(&str, &str)]) -> String {
    let mut kept: Vec<&(&str, &str)> = params
        .iter()
        .filter(|(k, v)| *k != "sign" && !v.is_empty())
        .collect();
    kept.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    kept.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// RSA2: SHA256withRSA (PKCS#1 v1.5) of `content` with `key`, standard base64.
pub fn sign_content(content: &str, key: &RsaPrivateKey) -> Result<String, ProviderError> {
    let signer = SigningKey::<Sha256>::new(key.clone());
    let signature = signer
        .try_sign(content.as_bytes())
        .map_err(|e| ProviderError::Config(format!("signing failed: {e}")))?;
    Ok(STANDARD.encode(signature.to_bytes()))
}

/// Whether `sign` (standard base64) is a valid RSA2 signature of `content` under `key`.
pub fn verify_content(content: &str, sign: &str, key: &RsaPublicKey) -> bool {
    let Ok(bytes) = STANDARD.decode(sign.trim()) else {
        return false;
    };
    let Ok(signature) = Signature::try_from(bytes.as_slice()) else {
        return false;
    };
    VerifyingKey::<Sha256>::new(key.clone())
        .verify(content.as_bytes(), &signature)
        .is_ok()
}

/// The request's `sign`: [`sign_content`] of [`signing_string`].
pub fn sign_params(params: &[(&str, &str)], key: &RsaPrivateKey) -> Result<String, ProviderError> {
    sign_content(&signing_string(params), key)
}

/// Whether the request's own `sign` parameter verifies (what the gateway checks; the
/// tests' stand-in gateway uses it).
pub fn verify_params(params: &[(&str, &str)], key: &RsaPublicKey) -> bool {
    params
        .iter()
        .find(|(k, _)| *k == "sign")
        .is_some_and(|(_, sign)| verify_content(&signing_string(params), sign, key))
}

/// Checks a gateway answer `{"<method>_response": {…}, "sign": "…"}` (the method's dots
/// become underscores): `sign` must verify with Alipay's key against the exact text of
/// the `…_response` value as it came (never re-serialized). An `error_response` is
/// `Refused`; a bad or missing signature, or no such member, `Invalid`. Returns the
/// member's value.
pub fn verify_response(
    body: &str,
    method: &str,
    alipay_key: &RsaPublicKey,
) -> Result<Value, ProviderError> {
    let whole: Value = serde_json::from_str(body)
        .map_err(|e| ProviderError::Invalid(format!("the gateway's answer: {e}")))?;
    if let Some(error) = whole.get("error_response") {
        return Err(ProviderError::Refused(gateway_error(error)));
    }
    let name = format!("{}_response", method.replace('.', "_"));
    let raw = top_level_member(body, &name)
        .ok_or_else(|| ProviderError::Invalid(format!("the answer has no {name}")))?;
    let sign = whole
        .get("sign")
        .and_then(Value::as_str)
        .ok_or_else(|| ProviderError::Invalid("the answer is not signed".into()))?;
    if !verify_content(raw, sign, alipay_key) {
        return Err(ProviderError::Invalid(
            "the answer's signature does not verify".into(),
        ));
    }
    let member: Value =
        serde_json::from_str(raw).map_err(|e| ProviderError::Invalid(format!("{name}: {e}")))?;
    // A failed call carries its code in the member itself.
    if let Some(code) = member.get("code").and_then(Value::as_str)
        && code != SUCCESS_CODE
    {
        return Err(ProviderError::Refused(gateway_error(&member)));
    }
    Ok(member)
}

fn gateway_error(error: &Value) -> String {
    ["code", "msg", "sub_code", "sub_msg"]
        .iter()
        .filter_map(|k| error.get(*k).and_then(Value::as_str))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The exact text of the value of top-level member `name` of the JSON object `body`
/// (which must already parse). Walks the top level only, so a nested or quoted
/// `name` never matches.
fn top_level_member<'a>(body: &'a str, name: &str) -> Option<&'a str> {
    let b = body.as_bytes();
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i += 1;
    loop {
        i = skip_ws(b, i);
        match b.get(i)? {
            b'}' => return None,
            b',' => {
                i += 1;
                continue;
            }
            b'"' => {}
            _ => return None,
        }
        let key_end = skip_string(b, i)?;
        let key: String = serde_json::from_str(&body[i..key_end]).ok()?;
        i = skip_ws(b, key_end);
        if b.get(i) != Some(&b':') {
            return None;
        }
        let start = skip_ws(b, i + 1);
        let end = skip_value(b, start)?;
        if key == name {
            return Some(&body[start..end]);
        }
        i = end;
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
        i += 1;
    }
    i
}

/// The index after the string that starts at `i` (a `"`).
fn skip_string(b: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    loop {
        match b.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// The index after the JSON value that starts at `i`.
fn skip_value(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i)? {
        b'"' => skip_string(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            loop {
                match b.get(j)? {
                    b'"' => {
                        j = skip_string(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {
            let mut j = i;
            while b
                .get(j)
                .is_some_and(|c| !matches!(c, b',' | b'}' | b']') && !c.is_ascii_whitespace())
            {
                j += 1;
            }
            (j > i).then_some(j)
        }
    }
}

/// `yyyy-MM-dd HH:mm:ss` in Beijing time (UTC+8), as the gateway's `timestamp` wants.
pub fn beijing_timestamp(now: time::OffsetDateTime) -> String {
    let t = now
        .to_offset(time::UtcOffset::from_whole_seconds(8 * 3600).unwrap_or(time::UtcOffset::UTC));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Sends a gateway call and returns its body's text (a 5xx or no answer is
/// `Unreachable`, another non-2xx `Refused`): the signature check needs the exact text,
/// which `ProviderHttp::json` would parse away.
async fn send_text(request: reqwest::RequestBuilder) -> Result<String, ProviderError> {
    let unreachable = |e: reqwest::Error| ProviderError::Unreachable(e.without_url().to_string());
    let response = request.send().await.map_err(unreachable)?;
    let status = response.status();
    let text = response.text().await.map_err(unreachable)?;
    if status.is_server_error() {
        return Err(ProviderError::Unreachable(format!("status {status}")));
    }
    if !status.is_success() {
        return Err(ProviderError::Refused(format!("status {status}")));
    }
    Ok(text)
}

/// The access token and ids of `alipay.system.oauth.token`'s checked member.
pub fn parse_token(member: &Value) -> Result<(String, Option<String>), ProviderError> {
    let token = text_field(member.get("access_token"))
        .ok_or_else(|| ProviderError::Invalid("the token answer has no access_token".into()))?;
    Ok((token, subject_of(member)))
}

/// The person of `alipay.user.info.share`'s checked member, which must carry code 10000.
/// `token_subject` (from the token answer) stands in when the member names no id.
pub fn parse_user(member: &Value, token_subject: Option<&str>) -> Result<Profile, ProviderError> {
    if member.get("code").and_then(Value::as_str) != Some(SUCCESS_CODE) {
        return Err(ProviderError::Refused(gateway_error(member)));
    }
    let subject = subject_of(member)
        .or_else(|| token_subject.map(str::to_owned))
        .ok_or_else(|| ProviderError::Invalid("the user has no open_id or user_id".into()))?;
    if let Some(t) = token_subject
        && t != subject
    {
        return Err(ProviderError::Invalid(
            "the user is not the token's user".into(),
        ));
    }
    Ok(Profile {
        subject,
        email: None,
        email_verified: false,
        name: text_field(member.get("nick_name")),
    })
}

/// `open_id` (apps created since Alipay's move to OpenID) else `user_id` (2088…).
fn subject_of(member: &Value) -> Option<String> {
    id_field(member.get("open_id")).or_else(|| id_field(member.get("user_id")))
}

#[async_trait::async_trait]
impl Provider for Alipay {
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
            .append_pair("app_id", &self.config.client_id)
            .append_pair(
                "scope",
                &super::common::scopes(self.config.scopes.as_deref(), DEFAULT_SCOPES, ","),
            )
            .append_pair("redirect_uri", request.redirect_uri)
            .append_pair("state", request.state);
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
        if let Some(app_id) = request.fields.get("app_id")
            && app_id != &self.config.client_id
        {
            return Err(ProviderError::Invalid(
                "the callback names another app_id".into(),
            ));
        }
        let member = self
            .call(
                http,
                &self.token_url,
                TOKEN_METHOD,
                &[("grant_type", "authorization_code"), ("code", request.code)],
            )
            .await?;
        let (token, subject) = parse_token(&member)?;
        let member = self
            .call(
                http,
                &self.userinfo_url,
                USER_METHOD,
                &[("auth_token", &token)],
            )
            .await?;
        parse_user(&member, subject.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methods::social::config::ProviderKind;

    // Test keys only (tests/fixtures/social/README.md): the app's pair, and a stand-in
    // for Alipay's.
    const APP_PRIVATE: &str = include_str!("../../../../tests/fixtures/social/app_private.pem");
    const APP_PRIVATE_PKCS1: &str =
        include_str!("../../../../tests/fixtures/social/app_private_pkcs1.pem");
    const APP_PUBLIC: &str = include_str!("../../../../tests/fixtures/social/app_public.pem");
    const ALIPAY_PRIVATE: &str =
        include_str!("../../../../tests/fixtures/social/alipay_private.pem");
    const ALIPAY_PUBLIC: &str = include_str!("../../../../tests/fixtures/social/alipay_public.pem");

    fn keys() -> (RsaPrivateKey, RsaPublicKey) {
        (
            parse_private_key(APP_PRIVATE).unwrap(),
            parse_public_key(APP_PUBLIC).unwrap(),
        )
    }

    fn config() -> ProviderConfig {
        let mut c = ProviderConfig::new("alipay", ProviderKind::Alipay, "2014072300007148");
        c.private_key = Some(APP_PRIVATE.into());
        c.public_key = Some(ALIPAY_PUBLIC.into());
        c
    }

    // alipay.system.oauth.token (换取授权访问令牌), 响应示例 (response sample; the
    // values are the doc's 示例值 in its response table):
    //   {
    //     "alipay_system_oauth_token_response": {
    //       "user_id": "2088102150477652",
    //       "access_token": "20120823ac6ffaa4d2d84e7384bf983531473993",
    //       "expires_in": "3600",
    //       "refresh_token": "20120823ac6ffdsdf2d84e7384bf983531473993",
    //       "re_expires_in": "3600",
    //       "auth_start": "2010-11-11 11:11:11"
    //     },
    //     "sign": "ERITJKEIJKJHKKKKKKKHJEREEEEEEEEEEE"
    //   }
    // (the sign here is replaced by one made with the test "Alipay" key).
    const TOKEN_MEMBER: &str = r#"{"user_id":"2088102150477652","access_token":"20120823ac6ffaa4d2d84e7384bf983531473993","expires_in":"3600","refresh_token":"20120823ac6ffdsdf2d84e7384bf983531473993","re_expires_in":"3600","auth_start":"2010-11-11 11:11:11"}"#;

    // alipay.user.info.share, 响应示例:
    //   {
    //     "alipay_user_info_share_response": {
    //       "code": "10000",
    //       "msg": "Success",
    //       "user_id": "2088102104794936",
    //       "avatar": "http://tfsimg.alipay.com/images/partner/T1uIxXXbpXXXXXXXX",
    //       "province": "安徽省",
    //       "city": "安庆",
    //       "nick_name": "支付宝小二",
    //       "gender": "F"
    //     },
    //     "sign": "ERITJKEIJKJHKKKKKKKHJEREEEEEEEEEEE"
    //   }
    const USER_MEMBER: &str = r#"{"code":"10000","msg":"Success","user_id":"2088102150477652","avatar":"http:\/\/tfsimg.alipay.com\/images\/partner\/T1uIxXXbpXXXXXXXX","province":"安徽省","city":"安庆","nick_name":"支付宝小二","gender":"F"}"#;

    // The gateway's error answer (`error_response`, with the public code/msg and the
    // method's sub_code/sub_msg, as the doc's 公共响应参数 table has them), e.g. for a
    // used or expired auth code:
    //   {
    //     "error_response": {
    //       "code": "40002",
    //       "msg": "Invalid Arguments",
    //       "sub_code": "isv.code-invalid",
    //       "sub_msg": "授权码code无效"
    //     },
    //     "sign": "ERITJKEIJKJHKKKKKKKHJEREEEEEEEEEEE"
    //   }
    const ERROR: &str = r#"{"error_response":{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.code-invalid","sub_msg":"授权码code无效"},"sign":"ERITJKEIJKJHKKKKKKKHJEREEEEEEEEEEE"}"#;

    // A business failure inside the member (code ≠ 10000).
    const USER_FAILED: &str = r#"{"code":"20001","msg":"Insufficient Token Permissions","sub_code":"aop.invalid-auth-token","sub_msg":"无效的访问令牌"}"#;

    fn signed(name: &str, member: &str) -> String {
        let key = parse_private_key(ALIPAY_PRIVATE).unwrap();
        let sign = sign_content(member, &key).unwrap();
        format!(r#"{{"{name}":{member},"sign":"{sign}"}}"#)
    }

    fn alipay_key() -> RsaPublicKey {
        parse_public_key(ALIPAY_PUBLIC).unwrap()
    }

    #[test]
    fn new_needs_both_keys_and_that_they_parse() {
        assert!(Alipay::new(config()).is_ok());
        let mut c = config();
        c.private_key = None;
        assert!(matches!(Alipay::new(c), Err(ProviderError::Config(_))));
        let mut c = config();
        c.public_key = None;
        assert!(matches!(Alipay::new(c), Err(ProviderError::Config(_))));
        let mut c = config();
        c.private_key = Some("-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----".into());
        assert!(matches!(Alipay::new(c), Err(ProviderError::Config(_))));
        let mut c = config();
        c.public_key = Some("not a key".into());
        assert!(matches!(Alipay::new(c), Err(ProviderError::Config(_))));
    }

    #[test]
    fn private_keys_parse_as_pkcs8_pkcs1_and_bare_base64() {
        let a = parse_private_key(APP_PRIVATE).unwrap();
        let b = parse_private_key(APP_PRIVATE_PKCS1).unwrap();
        assert_eq!(a, b);
        let bare: String = APP_PRIVATE
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        assert_eq!(parse_private_key(&bare).unwrap(), a);
        let bare_public: String = APP_PUBLIC
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        assert_eq!(parse_public_key(&bare_public).unwrap(), keys().1);
    }

    #[test]
    fn signing_string_sorts_and_drops_sign_and_empty_values() {
        let params = [
            ("timestamp", "2014-07-24 03:07:50"),
            ("sign", "xyz"),
            ("app_id", "2014072300007148"),
            ("method", "alipay.system.oauth.token"),
            ("app_auth_token", ""),
            ("sign_type", "RSA2"),
            ("charset", "utf-8"),
            ("code", "4b203fe6c11548bcabd8da5bb087a83b"),
        ];
        assert_eq!(
            signing_string(&params),
            "app_id=2014072300007148&charset=utf-8&code=4b203fe6c11548bcabd8da5bb087a83b\
             &method=alipay.system.oauth.token&sign_type=RSA2&timestamp=2014-07-24 03:07:50"
        );
        // ASCII order: upper case before lower case, `_` between them.
        assert_eq!(
            signing_string(&[("b", "1"), ("a_b", "2"), ("B", "3"), ("a", "4")]),
            "B=3&a=4&a_b=2&b=1"
        );
    }

    #[test]
    fn a_request_signature_verifies_and_fails_when_a_parameter_changes() {
        let (private, public) = keys();
        let mut params = vec![
            ("app_id", "2014072300007148"),
            ("method", "alipay.system.oauth.token"),
            ("charset", "utf-8"),
            ("sign_type", "RSA2"),
            ("timestamp", "2014-07-24 03:07:50"),
            ("version", "1.0"),
            ("grant_type", "authorization_code"),
            ("code", "4b203fe6c11548bcabd8da5bb087a83b"),
        ];
        let sign = sign_params(&params, &private).unwrap();
        // PKCS#1 v1.5 is deterministic: the same parameters, the same signature.
        assert_eq!(sign, sign_params(&params, &private).unwrap());
        params.push(("sign", &sign));
        assert!(verify_params(&params, &public));
        let mut changed = params.clone();
        changed[7] = ("code", "4b203fe6c11548bcabd8da5bb087a83c");
        assert!(!verify_params(&changed, &public));
        // An empty value takes no part: adding one changes nothing.
        let mut with_empty = params.clone();
        with_empty.push(("app_auth_token", ""));
        assert!(verify_params(&with_empty, &public));
        // Another key pair does not verify it.
        assert!(!verify_params(&params, &alipay_key()));
    }

    #[test]
    fn the_response_verifier_accepts_a_signed_answer_and_refuses_a_tampered_one() {
        let body = signed("alipay_system_oauth_token_response", TOKEN_MEMBER);
        let member = verify_response(&body, TOKEN_METHOD, &alipay_key()).unwrap();
        let (token, subject) = parse_token(&member).unwrap();
        assert_eq!(token, "20120823ac6ffaa4d2d84e7384bf983531473993");
        assert_eq!(subject.as_deref(), Some("2088102150477652"));

        let tampered = body.replace("2088102150477652", "2088102150477653");
        assert!(matches!(
            verify_response(&tampered, TOKEN_METHOD, &alipay_key()),
            Err(ProviderError::Invalid(_))
        ));
        // Signed with the app's key, not Alipay's.
        let (app_private, _) = keys();
        let sign = sign_content(TOKEN_MEMBER, &app_private).unwrap();
        let forged =
            format!(r#"{{"alipay_system_oauth_token_response":{TOKEN_MEMBER},"sign":"{sign}"}}"#);
        assert!(matches!(
            verify_response(&forged, TOKEN_METHOD, &alipay_key()),
            Err(ProviderError::Invalid(_))
        ));
        // Unsigned, or the answer of another method.
        let unsigned = format!(r#"{{"alipay_system_oauth_token_response":{TOKEN_MEMBER}}}"#);
        assert!(matches!(
            verify_response(&unsigned, TOKEN_METHOD, &alipay_key()),
            Err(ProviderError::Invalid(_))
        ));
        assert!(matches!(
            verify_response(&body, USER_METHOD, &alipay_key()),
            Err(ProviderError::Invalid(_))
        ));
    }

    #[test]
    fn the_verifier_signs_the_raw_text_not_a_reserialization() {
        // Escaped slashes, non-ASCII text and spacing exactly as the gateway sent them.
        let spaced = USER_MEMBER.replace(",", ", ");
        let body = format!(
            "{{ \"alipay_user_info_share_response\" : {spaced} ,\n \"sign\": \"{}\" }}",
            sign_content(&spaced, &parse_private_key(ALIPAY_PRIVATE).unwrap()).unwrap()
        );
        let member = verify_response(&body, USER_METHOD, &alipay_key()).unwrap();
        let p = parse_user(&member, Some("2088102150477652")).unwrap();
        assert_eq!(p.subject, "2088102150477652");
        assert_eq!(p.name.as_deref(), Some("支付宝小二"));
        assert_eq!(p.email, None);
        assert!(!p.email_verified);
    }

    #[test]
    fn the_member_is_found_at_the_top_level_only() {
        let body = r#"{"x":{"alipay_user_info_share_response":1},"s":"alipay_user_info_share_response","alipay_user_info_share_response":{"a":"}"},"sign":"q"}"#;
        assert_eq!(
            top_level_member(body, "alipay_user_info_share_response"),
            Some(r#"{"a":"}"}"#)
        );
        assert_eq!(top_level_member(body, "nope"), None);
        assert_eq!(top_level_member(r#"{"n": 12 }"#, "n"), Some("12"));
    }

    #[test]
    fn error_answers_are_refused() {
        let Err(ProviderError::Refused(why)) = verify_response(ERROR, TOKEN_METHOD, &alipay_key())
        else {
            panic!("expected Refused");
        };
        assert!(why.contains("isv.code-invalid"));
        let failed = signed("alipay_user_info_share_response", USER_FAILED);
        assert!(matches!(
            verify_response(&failed, USER_METHOD, &alipay_key()),
            Err(ProviderError::Refused(_))
        ));
        // A user member without code 10000 is refused too.
        let member: Value = serde_json::from_str(r#"{"user_id":"2088"}"#).unwrap();
        assert!(matches!(
            parse_user(&member, None),
            Err(ProviderError::Refused(_))
        ));
    }

    #[test]
    fn subject_is_open_id_when_present() {
        let member: Value = serde_json::from_str(
            r#"{"code":"10000","msg":"Success","open_id":"074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5","nick_name":"n"}"#,
        )
        .unwrap();
        let p = parse_user(&member, None).unwrap();
        assert_eq!(p.subject, "074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5");
        // The user info names no id: the token's stands in.
        let member: Value =
            serde_json::from_str(r#"{"code":"10000","msg":"Success","nick_name":"n"}"#).unwrap();
        assert_eq!(parse_user(&member, Some("2088")).unwrap().subject, "2088");
        assert!(matches!(
            parse_user(&member, None),
            Err(ProviderError::Invalid(_))
        ));
    }

    #[test]
    fn callback_code_prefers_auth_code() {
        let mut f = HashMap::new();
        assert_eq!(callback_code(&f), None);
        f.insert("code".to_owned(), "c".to_owned());
        assert_eq!(callback_code(&f), Some("c"));
        f.insert(
            "auth_code".to_owned(),
            "ca34ea491e7146cc87d25fca24c4cD11".to_owned(),
        );
        assert_eq!(callback_code(&f), Some("ca34ea491e7146cc87d25fca24c4cD11"));
        f.insert("auth_code".to_owned(), String::new());
        assert_eq!(callback_code(&f), Some("c"));
    }

    #[test]
    fn timestamp_is_beijing_time() {
        let t = time::OffsetDateTime::from_unix_timestamp(1_406_142_470).unwrap(); // 2014-07-23 19:07:50 UTC
        assert_eq!(beijing_timestamp(t), "2014-07-24 03:07:50");
    }

    #[tokio::test]
    async fn authorize_builds_the_openauth_url() {
        let a = Alipay::new(config())
            .unwrap()
            .authorize(
                &ProviderHttp::new(),
                AuthorizeRequest {
                    redirect_uri: "https://id.example.com/auth/alipay/callback",
                    state: "st",
                    nonce: "n",
                },
            )
            .await
            .unwrap();
        assert!(a.pkce_verifier.is_none());
        assert!(a.url.as_str().starts_with(AUTHORIZE_URL));
        let q: HashMap<_, _> = a.url.query_pairs().into_owned().collect();
        assert_eq!(q["app_id"], "2014072300007148");
        assert_eq!(q["scope"], "auth_user");
        assert_eq!(
            q["redirect_uri"],
            "https://id.example.com/auth/alipay/callback"
        );
        assert_eq!(q["state"], "st");
    }
}
