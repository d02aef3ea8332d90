//! What the OAuth2 presets (Facebook, VK, Alipay) share: endpoints with their overrides,
//! PKCE, form bodies, and reading a provider's error answers. Nothing here logs a token,
//! a code or a secret.

use crate::methods::social::provider::ProviderError;
use serde_json::Value;

/// The endpoint to call: the config's override when set, else the kind's default. A bad
/// override is a configuration error (found at startup, by `new`).
pub(crate) fn endpoint(
    overridden: Option<&str>,
    default: &str,
    what: &str,
) -> Result<url::Url, ProviderError> {
    let raw = overridden.map(str::trim).filter(|u| !u.is_empty());
    url::Url::parse(raw.unwrap_or(default))
        .map_err(|e| ProviderError::Config(format!("{what} URL: {e}")))
}

/// A fresh PKCE pair (RFC 7636, S256): the challenge for the authorization URL and the
/// verifier to keep server-side. 32 random bytes, base64url: 43 characters of
/// `A-Z a-z 0-9 - _`, which fits VK ID's rule (43–128 of those).
pub(crate) fn pkce_pair() -> (String, String) {
    let (challenge, verifier) = openidconnect::PkceCodeChallenge::new_random_sha256();
    (challenge.as_str().to_owned(), verifier.secret().clone())
}

/// An `application/x-www-form-urlencoded` body.
pub(crate) fn form(pairs: &[(&str, &str)]) -> String {
    let mut body = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        body.append_pair(k, v);
    }
    body.finish()
}

/// A POST with a form body.
pub(crate) fn post_form(
    client: &reqwest::Client,
    url: url::Url,
    pairs: &[(&str, &str)],
) -> reqwest::RequestBuilder {
    client
        .post(url)
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .body(form(pairs))
}

/// The refusal an answer carries, if any: OAuth2's `{"error": "…", "error_description":
/// "…"}`, Graph API's `{"error": {"message", "type", "code", "fbtrace_id"}}` and VK API's
/// `{"error": {"error_code", "error_msg"}}`. The text is the provider's own (no secret of
/// ours is in it).
pub(crate) fn refusal(answer: &Value) -> Option<String> {
    match answer.get("error")? {
        Value::String(error) => {
            let description = answer
                .get("error_description")
                .and_then(Value::as_str)
                .unwrap_or("");
            Some(format!("{error} {description}").trim().to_owned())
        }
        Value::Object(error) => {
            let text = |k: &str| {
                error
                    .get(k)
                    .map(|v| v.to_string().trim_matches('"').to_owned())
            };
            let code = text("code").or_else(|| text("error_code"));
            let message = text("message").or_else(|| text("error_msg"));
            let kind = text("type");
            let parts: Vec<String> = [kind, code, message].into_iter().flatten().collect();
            Some(if parts.is_empty() {
                "error".to_owned()
            } else {
                parts.join(" ")
            })
        }
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// A string field that may come as a JSON number (ids): trimmed, never empty.
pub(crate) fn id_field(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

/// An optional text field, trimmed, `None` when empty.
pub(crate) fn text_field(value: Option<&Value>) -> Option<String> {
    value
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// The scopes to ask for: the config's, else the kind's, joined by `separator`.
pub(crate) fn scopes(configured: Option<&[String]>, default: &[&str], separator: &str) -> String {
    match configured {
        Some(list) if !list.is_empty() => list.join(separator),
        _ => default.join(separator),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn refusal_reads_the_three_shapes() {
        assert_eq!(
            refusal(&json!({"error": "invalid_grant", "error_description": "code is expired"}))
                .as_deref(),
            Some("invalid_grant code is expired")
        );
        let graph = json!({"error": {"message": "Invalid OAuth access token.",
            "type": "OAuthException", "code": 190, "fbtrace_id": "EJplcsCHuLu"}});
        assert_eq!(
            refusal(&graph).as_deref(),
            Some("OAuthException 190 Invalid OAuth access token.")
        );
        let vk = json!({"error": {"error_code": 5, "error_msg": "User authorization failed"}});
        assert_eq!(refusal(&vk).as_deref(), Some("5 User authorization failed"));
        assert_eq!(refusal(&json!({"id": "1"})), None);
    }

    #[test]
    fn pkce_pair_is_s256_of_the_verifier() {
        let (challenge, verifier) = pkce_pair();
        assert_eq!(verifier.len(), 43);
        assert!(
            verifier
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
        let expected = openidconnect::PkceCodeChallenge::from_code_verifier_sha256(
            &openidconnect::PkceCodeVerifier::new(verifier.clone()),
        );
        assert_eq!(challenge, expected.as_str());
        assert_ne!(pkce_pair().1, verifier);
    }

    #[test]
    fn endpoint_takes_the_override_and_refuses_a_bad_one() {
        let d = "https://example.com/a";
        assert_eq!(endpoint(None, d, "x").unwrap().as_str(), d);
        assert_eq!(
            endpoint(Some("http://127.0.0.1:9/t"), d, "x")
                .unwrap()
                .as_str(),
            "http://127.0.0.1:9/t"
        );
        assert!(matches!(
            endpoint(Some("not a url"), d, "x"),
            Err(ProviderError::Config(_))
        ));
    }
}
