//! The Facebook, VK and Alipay presets end to end: `authorize`, then `exchange` against a
//! small HTTP server on 127.0.0.1 that stands in for Facebook, VK ID and Alipay's gateway
//! (the real ones cannot be reached from a test). It serves the documented answers (the
//! same fixtures as the presets' unit tests) at the token and user endpoints, records
//! every request, and the tests assert what the presets sent: Facebook's
//! `appsecret_proof`, VK's `code_verifier` and `device_id`, Alipay's request signature
//! (checked with the test app public key) — and Alipay's answers are signed with a test
//! "Alipay" key pair. The presets reach it through `authorize_url`/`token_url`/
//! `userinfo_url`.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use latchkey_flows::methods::social::config::{ProviderConfig, ProviderKind};
use latchkey_flows::methods::social::http::ProviderHttp;
use latchkey_flows::methods::social::presets::alipay::{self, Alipay};
use latchkey_flows::methods::social::presets::facebook::Facebook;
use latchkey_flows::methods::social::presets::vk::Vk;
use latchkey_flows::methods::social::provider::{
    AuthorizeRequest, CallbackRequest, Provider, ProviderError,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

// Test keys only (crates/flows/tests/fixtures/social/README.md).
const APP_PRIVATE: &str = include_str!("../../../flows/tests/fixtures/social/app_private.pem");
const APP_PUBLIC: &str = include_str!("../../../flows/tests/fixtures/social/app_public.pem");
const ALIPAY_PRIVATE: &str =
    include_str!("../../../flows/tests/fixtures/social/alipay_private.pem");
const ALIPAY_PUBLIC: &str = include_str!("../../../flows/tests/fixtures/social/alipay_public.pem");

const FB_SECRET: &str = "test-app-secret";
const FB_TOKEN: &str = "EAAGm0PX4ZCpsBAKZD-test-token";
/// `echo -n "$FB_TOKEN" | openssl dgst -sha256 -hmac "$FB_SECRET"`, computed apart from
/// the code under test.
const FB_PROOF: &str = "3fe45af9d8ba2deb162dacee591ba34c5d63ed95d18e83cb8ca93f07c09bb531";

const REDIRECT: &str = "https://id.example.com/auth/p/callback";

/// One request the stand-in received.
#[derive(Debug, Clone)]
struct Seen {
    method: Method,
    path: String,
    query: HashMap<String, String>,
    form: Vec<(String, String)>,
    authorization: Option<String>,
}

impl Seen {
    fn form(&self, key: &str) -> Option<&str> {
        self.form
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Clone, Default)]
struct Peer {
    seen: Arc<Mutex<Vec<Seen>>>,
}

fn pairs(s: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(s.as_bytes())
        .into_owned()
        .collect()
}

fn json(status: StatusCode, body: String) -> Response {
    (status, [("content-type", "application/json")], body).into_response()
}

/// `{"<name>": <member>, "sign": "<RSA2 of member with the test Alipay key>"}`.
fn alipay_signed(name: &str, member: &str) -> String {
    let key = alipay::parse_private_key(ALIPAY_PRIVATE).unwrap();
    let sign = alipay::sign_content(member, &key).unwrap();
    format!(r#"{{"{name}":{member},"sign":"{sign}"}}"#)
}

async fn peer(
    State(peer): State<Peer>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let body = String::from_utf8_lossy(&body).into_owned();
    let seen = Seen {
        method,
        path: uri.path().to_owned(),
        query: pairs(uri.query().unwrap_or("")).into_iter().collect(),
        form: pairs(&body),
        authorization: headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
    };
    peer.seen.lock().unwrap().push(seen.clone());
    match seen.path.as_str() {
        // Facebook, "Manually Build a Login Flow": {"access_token", "token_type",
        // "expires_in"}.
        "/fb/token" => json(
            StatusCode::OK,
            format!(
                r#"{{"access_token": "{FB_TOKEN}", "token_type": "bearer", "expires_in": 5183976}}"#
            ),
        ),
        "/fb/me" => json(
            StatusCode::OK,
            r#"{"id": "10153286962581634", "name": "Jane Doe", "email": "jane@example.com"}"#
                .into(),
        ),
        // Graph API "Handling Errors" sample, with the 400 Facebook sends it with.
        "/fb/error" => json(
            StatusCode::BAD_REQUEST,
            r#"{"error": {"message": "Error validating verification code.",
                "type": "OAuthException", "code": 100, "error_subcode": 36007,
                "fbtrace_id": "EJplcsCHuLu"}}"#
                .into(),
        ),
        // VK ID: the token answer echoes the request's state.
        "/vk/token" => json(
            StatusCode::OK,
            format!(
                r#"{{"refresh_token": "vk2.a.refresh", "access_token": "vk2.a.access",
                    "id_token": "eyJhbGciOiJSUzI1NiJ9.e30.sig", "token_type": "Bearer",
                    "expires_in": 3600, "user_id": 1234567890, "state": "{}",
                    "scope": "email"}}"#,
                seen.form("state").unwrap_or("")
            ),
        ),
        "/vk/user" => json(
            StatusCode::OK,
            r#"{"user": {"user_id": "1234567890", "first_name": "Ivan", "last_name": "I.",
                "phone": "79991234567", "avatar": "https://pp.userapi.com/x.png",
                "email": "ivan_i123@vk.ru", "sex": 2, "verified": false,
                "birthday": "01.01.2000"}}"#
                .into(),
        ),
        // VK ID answers an expired code with a 200 and an OAuth error.
        "/vk/error" => json(
            StatusCode::OK,
            r#"{"error": "invalid_grant", "error_description": "Code is expired."}"#.into(),
        ),
        "/alipay/gateway" => match seen.form("method") {
            Some("alipay.system.oauth.token") => json(
                StatusCode::OK,
                alipay_signed(
                    "alipay_system_oauth_token_response",
                    r#"{"user_id":"2088102150477652","access_token":"20120823ac6ffaa4d2d84e7384bf983531473993","expires_in":"3600","refresh_token":"20120823ac6ffdsdf2d84e7384bf983531473993","re_expires_in":"3600","auth_start":"2010-11-11 11:11:11"}"#,
                ),
            ),
            Some("alipay.user.info.share") => json(
                StatusCode::OK,
                alipay_signed(
                    "alipay_user_info_share_response",
                    r#"{"code":"10000","msg":"Success","user_id":"2088102150477652","avatar":"http:\/\/tfsimg.alipay.com\/images\/partner\/T1uIxXXbpXXXXXXXX","province":"安徽省","city":"安庆","nick_name":"支付宝小二","gender":"F"}"#,
                ),
            ),
            _ => json(StatusCode::OK, "{}".into()),
        },
        "/alipay/error" => json(
            StatusCode::OK,
            r#"{"error_response":{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.code-invalid","sub_msg":"授权码code无效"},"sign":"ERITJKEIJKJHKKKKKKKHJEREEEEEEEEEEE"}"#.into(),
        ),
        // A correctly shaped answer whose signature is not Alipay's.
        "/alipay/forged" => {
            let key = alipay::parse_private_key(APP_PRIVATE).unwrap();
            let member = r#"{"user_id":"2088102150477652","access_token":"t"}"#;
            let sign = alipay::sign_content(member, &key).unwrap();
            json(
                StatusCode::OK,
                format!(r#"{{"alipay_system_oauth_token_response":{member},"sign":"{sign}"}}"#),
            )
        }
        "/down" => (StatusCode::BAD_GATEWAY, "bad gateway").into_response(),
        _ => (StatusCode::NOT_FOUND, "no such endpoint").into_response(),
    }
}

/// The stand-in on 127.0.0.1:0: its base URL and what it saw.
async fn spawn_peer() -> (String, Peer) {
    let state = Peer::default();
    let app = Router::new().fallback(peer).with_state(state.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    (base, state)
}

/// A port nothing listens on.
async fn closed_port() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    base
}

fn facebook(base: &str, token: &str, me: &str) -> Facebook {
    let mut c = ProviderConfig::new("facebook", ProviderKind::Facebook, "1234567890");
    c.client_secret = Some(FB_SECRET.into());
    c.authorize_url = Some(format!("{base}/fb/dialog"));
    c.token_url = Some(format!("{base}{token}"));
    c.userinfo_url = Some(format!("{base}{me}"));
    Facebook::new(c).unwrap()
}

fn vk(base: &str, token: &str, user: &str) -> Vk {
    let mut c = ProviderConfig::new("vk", ProviderKind::Vk, "51234567");
    c.authorize_url = Some(format!("{base}/vk/authorize"));
    c.token_url = Some(format!("{base}{token}"));
    c.userinfo_url = Some(format!("{base}{user}"));
    Vk::new(c).unwrap()
}

fn alipay(base: &str, gateway: &str) -> Alipay {
    let mut c = ProviderConfig::new("alipay", ProviderKind::Alipay, "2014072300007148");
    c.private_key = Some(APP_PRIVATE.into());
    c.public_key = Some(ALIPAY_PUBLIC.into());
    c.authorize_url = Some(format!("{base}/alipay/authorize"));
    c.token_url = Some(format!("{base}{gateway}"));
    Alipay::new(c).unwrap()
}

fn start() -> AuthorizeRequest<'static> {
    AuthorizeRequest {
        redirect_uri: REDIRECT,
        state: "state-from-the-journey",
        nonce: "nonce",
    }
}

fn callback<'a>(
    code: &'a str,
    verifier: Option<&'a str>,
    fields: &'a HashMap<String, String>,
) -> CallbackRequest<'a> {
    CallbackRequest {
        code,
        redirect_uri: REDIRECT,
        pkce_verifier: verifier,
        nonce: "nonce",
        fields,
    }
}

fn query(url: &url::Url) -> HashMap<String, String> {
    url.query_pairs().into_owned().collect()
}

#[tokio::test]
async fn facebook_authorize_and_exchange() {
    let (base, peer) = spawn_peer().await;
    let fb = facebook(&base, "/fb/token", "/fb/me");
    let http = ProviderHttp::new();

    let a = fb.authorize(&http, start()).await.unwrap();
    assert!(a.pkce_verifier.is_none());
    let q = query(&a.url);
    assert_eq!(a.url.path(), "/fb/dialog");
    assert_eq!(q["client_id"], "1234567890");
    assert_eq!(q["redirect_uri"], REDIRECT);
    assert_eq!(q["state"], "state-from-the-journey");
    assert_eq!(q["response_type"], "code");
    assert_eq!(q["scope"], "email,public_profile");

    let fields = HashMap::new();
    let p = fb
        .exchange(&http, callback("fb-code", None, &fields))
        .await
        .unwrap();
    assert_eq!(p.subject, "10153286962581634");
    assert_eq!(p.name.as_deref(), Some("Jane Doe"));
    assert_eq!(p.email.as_deref(), Some("jane@example.com"));
    assert!(
        !p.email_verified,
        "Facebook does not say it verified the email"
    );

    let seen = peer.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2);
    let token = &seen[0];
    assert_eq!(
        (token.method.as_str(), token.path.as_str()),
        ("GET", "/fb/token")
    );
    assert_eq!(token.query["client_id"], "1234567890");
    assert_eq!(token.query["client_secret"], FB_SECRET);
    assert_eq!(token.query["redirect_uri"], REDIRECT);
    assert_eq!(token.query["code"], "fb-code");
    let me = &seen[1];
    assert_eq!((me.method.as_str(), me.path.as_str()), ("GET", "/fb/me"));
    assert_eq!(me.query["fields"], "id,name,email");
    assert_eq!(me.query["appsecret_proof"], FB_PROOF);
    assert_eq!(
        me.authorization.as_deref(),
        Some(format!("Bearer {FB_TOKEN}").as_str())
    );
    assert!(
        !me.query.contains_key("access_token"),
        "the token travels in the header, not the URL"
    );
}

#[tokio::test]
async fn vk_authorize_and_exchange() {
    let (base, peer) = spawn_peer().await;
    let vk = vk(&base, "/vk/token", "/vk/user");
    let http = ProviderHttp::new();

    let a = vk.authorize(&http, start()).await.unwrap();
    let verifier = a.pkce_verifier.clone().unwrap();
    let q = query(&a.url);
    assert_eq!(a.url.path(), "/vk/authorize");
    assert_eq!(q["response_type"], "code");
    assert_eq!(q["client_id"], "51234567");
    assert_eq!(q["redirect_uri"], REDIRECT);
    assert_eq!(q["state"], "state-from-the-journey");
    assert_eq!(q["code_challenge_method"], "s256");
    assert_eq!(q["scope"], "email");
    assert!(!q["code_challenge"].is_empty() && q["code_challenge"] != verifier);

    let fields = HashMap::from([("device_id".to_owned(), "device-123".to_owned())]);
    let p = vk
        .exchange(&http, callback("vk-code", Some(&verifier), &fields))
        .await
        .unwrap();
    assert_eq!(p.subject, "1234567890");
    assert_eq!(p.name.as_deref(), Some("Ivan I."));
    assert_eq!(p.email.as_deref(), Some("ivan_i123@vk.ru"));
    assert!(!p.email_verified, "VK does not say it verified the email");

    let seen = peer.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2);
    let token = &seen[0];
    assert_eq!(
        (token.method.as_str(), token.path.as_str()),
        ("POST", "/vk/token")
    );
    assert_eq!(token.form("grant_type"), Some("authorization_code"));
    assert_eq!(token.form("code"), Some("vk-code"));
    assert_eq!(token.form("code_verifier"), Some(verifier.as_str()));
    assert_eq!(token.form("client_id"), Some("51234567"));
    assert_eq!(token.form("device_id"), Some("device-123"));
    assert_eq!(token.form("redirect_uri"), Some(REDIRECT));
    assert!(token.form("state").is_some_and(|s| s.len() >= 32));
    let user = &seen[1];
    assert_eq!(
        (user.method.as_str(), user.path.as_str()),
        ("POST", "/vk/user")
    );
    assert_eq!(user.form("client_id"), Some("51234567"));
    assert_eq!(user.form("access_token"), Some("vk2.a.access"));
}

#[tokio::test]
async fn alipay_authorize_and_exchange() {
    let (base, peer) = spawn_peer().await;
    let ali = alipay(&base, "/alipay/gateway");
    let http = ProviderHttp::new();

    let a = ali.authorize(&http, start()).await.unwrap();
    assert!(a.pkce_verifier.is_none());
    let q = query(&a.url);
    assert_eq!(a.url.path(), "/alipay/authorize");
    assert_eq!(q["app_id"], "2014072300007148");
    assert_eq!(q["scope"], "auth_user");
    assert_eq!(q["redirect_uri"], REDIRECT);
    assert_eq!(q["state"], "state-from-the-journey");

    // Alipay's callback brings `auth_code`, not `code`.
    let fields = HashMap::from([
        (
            "auth_code".to_owned(),
            "ca34ea491e7146cc87d25fca24c4cD11".to_owned(),
        ),
        ("app_id".to_owned(), "2014072300007148".to_owned()),
    ]);
    let code = alipay::callback_code(&fields).unwrap();
    let p = ali
        .exchange(&http, callback(code, None, &fields))
        .await
        .unwrap();
    assert_eq!(p.subject, "2088102150477652");
    assert_eq!(p.name.as_deref(), Some("支付宝小二"));
    assert_eq!(p.email, None);

    let app_public = alipay::parse_public_key(APP_PUBLIC).unwrap();
    let seen = peer.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2);
    for (call, method) in seen
        .iter()
        .zip(["alipay.system.oauth.token", "alipay.user.info.share"])
    {
        assert_eq!(
            (call.method.as_str(), call.path.as_str()),
            ("POST", "/alipay/gateway")
        );
        assert_eq!(call.form("method"), Some(method));
        assert_eq!(call.form("app_id"), Some("2014072300007148"));
        assert_eq!(call.form("format"), Some("JSON"));
        assert_eq!(call.form("charset"), Some("utf-8"));
        assert_eq!(call.form("sign_type"), Some("RSA2"));
        assert_eq!(call.form("version"), Some("1.0"));
        let ts = call.form("timestamp").unwrap();
        assert!(
            time::PrimitiveDateTime::parse(
                ts,
                time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]")
            )
            .is_ok(),
            "timestamp {ts:?}"
        );
        let params: Vec<(&str, &str)> = call
            .form
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert!(
            alipay::verify_params(&params, &app_public),
            "{method}: the request signature verifies with the app's public key"
        );
    }
    assert_eq!(seen[0].form("grant_type"), Some("authorization_code"));
    assert_eq!(
        seen[0].form("code"),
        Some("ca34ea491e7146cc87d25fca24c4cD11")
    );
    assert_eq!(
        seen[1].form("auth_token"),
        Some("20120823ac6ffaa4d2d84e7384bf983531473993")
    );
}

#[tokio::test]
async fn alipay_answer_not_signed_by_alipay_is_invalid() {
    let (base, _peer) = spawn_peer().await;
    let fields = HashMap::new();
    let r = alipay(&base, "/alipay/forged")
        .exchange(&ProviderHttp::new(), callback("c", None, &fields))
        .await;
    assert!(matches!(r, Err(ProviderError::Invalid(_))), "{r:?}");
}

#[tokio::test]
async fn a_5xx_is_unreachable() {
    let (base, _peer) = spawn_peer().await;
    let http = ProviderHttp::new();
    let fields = HashMap::from([("device_id".to_owned(), "d".to_owned())]);
    let results = [
        facebook(&base, "/down", "/fb/me")
            .exchange(&http, callback("c", None, &fields))
            .await,
        vk(&base, "/vk/token", "/down")
            .exchange(&http, callback("c", Some("v"), &fields))
            .await,
        alipay(&base, "/down")
            .exchange(&http, callback("c", None, &fields))
            .await,
    ];
    for r in results {
        assert!(matches!(r, Err(ProviderError::Unreachable(_))), "{r:?}");
    }
}

#[tokio::test]
async fn a_closed_port_is_unreachable() {
    let base = closed_port().await;
    let http = ProviderHttp::new();
    let fields = HashMap::from([("device_id".to_owned(), "d".to_owned())]);
    let results = [
        facebook(&base, "/fb/token", "/fb/me")
            .exchange(&http, callback("c", None, &fields))
            .await,
        vk(&base, "/vk/token", "/vk/user")
            .exchange(&http, callback("c", Some("v"), &fields))
            .await,
        alipay(&base, "/alipay/gateway")
            .exchange(&http, callback("c", None, &fields))
            .await,
    ];
    for r in results {
        assert!(matches!(r, Err(ProviderError::Unreachable(_))), "{r:?}");
    }
}

#[tokio::test]
async fn an_error_body_is_refused() {
    let (base, _peer) = spawn_peer().await;
    let http = ProviderHttp::new();
    let fields = HashMap::from([("device_id".to_owned(), "d".to_owned())]);
    let results = [
        facebook(&base, "/fb/error", "/fb/me")
            .exchange(&http, callback("c", None, &fields))
            .await,
        vk(&base, "/vk/error", "/vk/user")
            .exchange(&http, callback("c", Some("v"), &fields))
            .await,
        alipay(&base, "/alipay/error")
            .exchange(&http, callback("c", None, &fields))
            .await,
    ];
    for r in results {
        assert!(matches!(r, Err(ProviderError::Refused(_))), "{r:?}");
    }
}
