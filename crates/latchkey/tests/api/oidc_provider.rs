//! The OpenID provider (`OidcProvider`) against a real one: oidc-provider, driven through
//! its login and consent pages. No Latchkey server: the redirect URI is never followed.
//! Each test is skipped (it says so) when the peer cannot run here.

use latchkey_flows::methods::social::config::{ProviderConfig, ProviderKind, ResponseMode};
use latchkey_flows::methods::social::http::ProviderHttp;
use latchkey_flows::methods::social::oidc::OidcProvider;
use latchkey_flows::methods::social::provider::{
    AuthorizeRequest, CallbackRequest, Profile, Provider, ProviderError,
};
use latchkey_testkit::{OidcPeer, PeerAccount, PeerCallback, PeerConfig};
use std::collections::HashMap;
use std::time::{Duration, Instant};

const REDIRECT: &str = "http://127.0.0.1:1/auth/acme/callback";
const NONCE: &str = "nonce-0123456789";

fn config(peer: &OidcPeer) -> ProviderConfig {
    let mut c = ProviderConfig::new("acme", ProviderKind::Oidc, "latchkey-test");
    c.issuer = Some(peer.issuer.clone());
    c.client_secret = Some("test-secret".into());
    c
}

fn account(login: &str, email_verified: bool, string_booleans: bool) -> PeerAccount {
    PeerAccount {
        login: login.into(),
        email: format!("{login}@acme.test"),
        email_verified,
        name: Some(format!("{login} Person")),
        string_booleans,
    }
}

async fn peer_with(accounts: Vec<PeerAccount>) -> Option<OidcPeer> {
    OidcPeer::start(PeerConfig {
        accounts,
        ..PeerConfig::default()
    })
    .await
}

/// One sign-in on the peer: the authorization, the person's pages, the callback.
async fn sign_in(
    provider: &OidcProvider,
    http: &ProviderHttp,
    peer: &OidcPeer,
    login: &str,
) -> (PeerCallback, Option<String>) {
    sign_in_with_nonce(provider, http, peer, login, NONCE).await
}

async fn sign_in_with_nonce(
    provider: &OidcProvider,
    http: &ProviderHttp,
    peer: &OidcPeer,
    login: &str,
    nonce: &str,
) -> (PeerCallback, Option<String>) {
    let authorization = provider
        .authorize(
            http,
            AuthorizeRequest {
                redirect_uri: REDIRECT,
                state: "state-1",
                nonce,
            },
        )
        .await
        .unwrap();
    let url = authorization.url.as_str();
    assert!(url.contains("code_challenge_method=S256"), "{url}");
    assert!(url.contains(&format!("nonce={nonce}")), "{url}");
    let callback = peer.authorize(url, login).await;
    assert_eq!(callback.field("state").as_deref(), Some("state-1"));
    (callback, authorization.pkce_verifier)
}

async fn exchange(
    provider: &OidcProvider,
    http: &ProviderHttp,
    callback: &PeerCallback,
    verifier: Option<&str>,
    nonce: &str,
) -> Result<Profile, ProviderError> {
    let code = callback.field("code").expect("a code");
    let fields = HashMap::new();
    provider
        .exchange(
            http,
            CallbackRequest {
                code: &code,
                redirect_uri: REDIRECT,
                pkce_verifier: verifier,
                nonce,
                fields: &fields,
            },
        )
        .await
}

#[tokio::test]
async fn oidc_code_flow_with_pkce_gives_the_profile() {
    let Some(peer) = peer_with(vec![account("ada", true, false)]).await else {
        return;
    };
    let http = ProviderHttp::new();
    let provider = OidcProvider::new(config(&peer)).unwrap();
    let (callback, verifier) = sign_in(&provider, &http, &peer, "ada").await;
    assert!(matches!(callback, PeerCallback::Get(_)), "{callback:?}");
    let profile = exchange(&provider, &http, &callback, verifier.as_deref(), NONCE)
        .await
        .unwrap();
    assert_eq!(
        profile,
        Profile {
            subject: "ada".into(),
            email: Some("ada@acme.test".into()),
            email_verified: true,
            name: Some("ada Person".into()),
        }
    );
}

#[tokio::test]
async fn oidc_without_the_pkce_verifier_the_code_is_refused() {
    let Some(peer) = peer_with(vec![]).await else {
        return;
    };
    let http = ProviderHttp::new();
    let provider = OidcProvider::new(config(&peer)).unwrap();
    let (callback, _) = sign_in(&provider, &http, &peer, "bob").await;
    let e = exchange(
        &provider,
        &http,
        &callback,
        Some("wrong-verifier-wrong-verifier-wrong-verifier"),
        NONCE,
    )
    .await
    .unwrap_err();
    assert!(matches!(e, ProviderError::Refused(_)), "{e:?}");
}

#[tokio::test]
async fn oidc_form_post_mode_returns_a_form_whose_code_exchanges() {
    let Some(peer) = peer_with(vec![]).await else {
        return;
    };
    let http = ProviderHttp::new();
    let mut c = config(&peer);
    c.response_mode = Some(ResponseMode::FormPost);
    let provider = OidcProvider::new(c).unwrap();
    let (callback, verifier) = sign_in(&provider, &http, &peer, "carol").await;
    let PeerCallback::FormPost { url, .. } = &callback else {
        panic!("expected a form_post, got {callback:?}");
    };
    assert_eq!(url.as_str(), REDIRECT);
    let profile = exchange(&provider, &http, &callback, verifier.as_deref(), NONCE)
        .await
        .unwrap();
    // An unknown login: `<login>@example.test`, verified.
    assert_eq!(profile.subject, "carol");
    assert_eq!(profile.email.as_deref(), Some("carol@example.test"));
    assert!(profile.email_verified);
}

#[tokio::test]
async fn oidc_string_booleans_are_read() {
    let Some(peer) = peer_with(vec![account("yes", true, true), account("no", false, true)]).await
    else {
        return;
    };
    let http = ProviderHttp::new();
    let provider = OidcProvider::new(config(&peer)).unwrap();
    for (login, verified) in [("yes", true), ("no", false)] {
        let (callback, verifier) = sign_in(&provider, &http, &peer, login).await;
        let profile = exchange(&provider, &http, &callback, verifier.as_deref(), NONCE)
            .await
            .unwrap();
        assert_eq!(profile.email_verified, verified, "{login}");
        assert_eq!(
            profile.email.as_deref(),
            Some(&*format!("{login}@acme.test"))
        );
    }
}

#[tokio::test]
async fn oidc_a_replayed_code_is_refused() {
    let Some(peer) = peer_with(vec![]).await else {
        return;
    };
    let http = ProviderHttp::new();
    let provider = OidcProvider::new(config(&peer)).unwrap();
    let (callback, verifier) = sign_in(&provider, &http, &peer, "dave").await;
    exchange(&provider, &http, &callback, verifier.as_deref(), NONCE)
        .await
        .unwrap();
    let e = exchange(&provider, &http, &callback, verifier.as_deref(), NONCE)
        .await
        .unwrap_err();
    assert!(matches!(e, ProviderError::Refused(_)), "{e:?}");
}

#[tokio::test]
async fn oidc_a_tampered_nonce_is_invalid() {
    let Some(peer) = peer_with(vec![]).await else {
        return;
    };
    let http = ProviderHttp::new();
    let provider = OidcProvider::new(config(&peer)).unwrap();
    let (callback, verifier) = sign_in(&provider, &http, &peer, "erin").await;
    let e = exchange(
        &provider,
        &http,
        &callback,
        verifier.as_deref(),
        "another-nonce",
    )
    .await
    .unwrap_err();
    assert!(matches!(e, ProviderError::Invalid(_)), "{e:?}");
}

#[tokio::test]
async fn oidc_an_unreachable_issuer_fails_quickly() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port(); // closed again once the listener drops
    let mut c = ProviderConfig::new("acme", ProviderKind::Oidc, "latchkey-test");
    c.issuer = Some(format!("http://127.0.0.1:{port}"));
    let provider = OidcProvider::new(c).unwrap();
    let http = ProviderHttp::new();
    let request = AuthorizeRequest {
        redirect_uri: REDIRECT,
        state: "s",
        nonce: "n",
    };
    let started = Instant::now();
    let e = provider.authorize(&http, request).await.unwrap_err();
    assert!(matches!(e, ProviderError::Unreachable(_)), "{e:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
    // Not cached: the next use tries again (and fails again).
    let e = provider.authorize(&http, request).await.unwrap_err();
    assert!(matches!(e, ProviderError::Unreachable(_)), "{e:?}");
}

#[tokio::test]
async fn oidc_the_access_denied_callback_carries_the_error() {
    let Some(peer) = peer_with(vec![]).await else {
        return;
    };
    let http = ProviderHttp::new();
    let provider = OidcProvider::new(config(&peer)).unwrap();
    let authorization = provider
        .authorize(
            &http,
            AuthorizeRequest {
                redirect_uri: REDIRECT,
                state: "state-2",
                nonce: NONCE,
            },
        )
        .await
        .unwrap();
    let callback = peer.deny(authorization.url.as_str(), "frank").await;
    assert_eq!(callback.field("error").as_deref(), Some("access_denied"));
    assert_eq!(callback.field("state").as_deref(), Some("state-2"));
    assert_eq!(callback.field("code"), None);
}

/// A real ID token for `latchkey-test`, with the nonce [`NONCE`].
async fn id_token(peer: &OidcPeer, http: &ProviderHttp, login: &str) -> String {
    id_token_with_nonce(peer, http, login, NONCE).await
}

pub(crate) async fn id_token_with_nonce(
    peer: &OidcPeer,
    http: &ProviderHttp,
    login: &str,
    nonce: &str,
) -> String {
    let provider = OidcProvider::new(config(peer)).unwrap();
    let (callback, verifier) = sign_in_with_nonce(&provider, http, peer, login, nonce).await;
    let code = callback.field("code").unwrap();
    let fields = HashMap::new();
    provider
        .exchange_for_id_token(
            http,
            CallbackRequest {
                code: &code,
                redirect_uri: REDIRECT,
                pkce_verifier: verifier.as_deref(),
                nonce,
                fields: &fields,
            },
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn oidc_verify_id_token_accepts_the_providers_token() {
    let Some(peer) = peer_with(vec![account("gina", true, false)]).await else {
        return;
    };
    let http = ProviderHttp::new();
    let token = id_token(&peer, &http, "gina").await;
    // A fresh provider: discovery and keys on first use.
    let provider = OidcProvider::new(config(&peer)).unwrap();
    let profile = provider.verify_id_token(&http, &token, None).await.unwrap();
    assert_eq!(profile.subject, "gina");
    assert_eq!(profile.email.as_deref(), Some("gina@acme.test"));
    assert!(profile.email_verified);
    // The raw nonce, or its lowercase hex SHA-256 as Apple's native flow sends it.
    provider
        .verify_id_token(&http, &token, Some(NONCE))
        .await
        .unwrap();
    let e = provider
        .verify_id_token(&http, &token, Some("another-nonce"))
        .await
        .unwrap_err();
    assert!(matches!(e, ProviderError::Invalid(_)), "{e:?}");
    // Apple's native flow: the app sends the raw nonce, the token holds its SHA-256.
    let hashed = hex_sha256("raw-app-nonce");
    let token2 = id_token_with_nonce(&peer, &http, "gina", &hashed).await;
    provider
        .verify_id_token(&http, &token2, Some("raw-app-nonce"))
        .await
        .unwrap();
    provider
        .verify_id_token(&http, &token2, Some(&hashed))
        .await
        .unwrap();
    let e = provider
        .verify_id_token(&http, &token2, Some("other-app-nonce"))
        .await
        .unwrap_err();
    assert!(matches!(e, ProviderError::Invalid(_)), "{e:?}");
    // A token whose signature does not check.
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    parts[2] = parts[2].chars().rev().collect();
    let e = provider
        .verify_id_token(&http, &parts.join("."), None)
        .await
        .unwrap_err();
    assert!(matches!(e, ProviderError::Invalid(_)), "{e:?}");
}

fn hex_sha256(s: &str) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[tokio::test]
async fn oidc_verify_id_token_checks_the_audience() {
    let Some(peer) = peer_with(vec![]).await else {
        return;
    };
    let http = ProviderHttp::new();
    let token = id_token(&peer, &http, "hank").await;
    // Another client of the same issuer: the token is not for it.
    let mut other = config(&peer);
    other.client_id = "another-client".into();
    let provider = OidcProvider::new(other.clone()).unwrap();
    let e = provider
        .verify_id_token(&http, &token, None)
        .await
        .unwrap_err();
    assert!(matches!(e, ProviderError::Invalid(_)), "{e:?}");
    // Unless it lists `latchkey-test` as a native app's audience.
    other.audiences = vec!["latchkey-test".into()];
    let provider = OidcProvider::new(other).unwrap();
    let profile = provider.verify_id_token(&http, &token, None).await.unwrap();
    assert_eq!(profile.subject, "hank");
}

#[tokio::test]
async fn oidc_verify_id_token_with_an_unknown_kid_is_invalid() {
    let Some(peer) = peer_with(vec![]).await else {
        return;
    };
    let http = ProviderHttp::new();
    let token = id_token(&peer, &http, "ivy").await;
    let provider = OidcProvider::new(config(&peer)).unwrap();
    provider.verify_id_token(&http, &token, None).await.unwrap();
    // The same token with a key id the provider never had: no key checks it (and the
    // keys, fetched moments ago, are not fetched again: see jwks.rs's unit tests).
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let mut header: serde_json::Value =
        serde_json::from_slice(&b64.decode(&parts[0]).unwrap()).unwrap();
    header["kid"] = "rotated-in-key".into();
    parts[0] = b64.encode(header.to_string());
    let e = provider
        .verify_id_token(&http, &parts.join("."), None)
        .await
        .unwrap_err();
    assert!(matches!(e, ProviderError::Invalid(_)), "{e:?}");
}
