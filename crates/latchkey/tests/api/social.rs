//! Social sign-in end to end (issue #11): Latchkey's `/auth/{provider}/start` and
//! callback against a real OpenID provider on loopback (npm `oidc-provider`, driven by
//! `latchkey_testkit::oidc::OidcPeer`), the linking rules, and the five pre-hijacking
//! attacks of Sudhodanan and Paverd (USENIX Security 2022), each of which must fail.
//!
//! Where an attack needs an account holding the victim's address *unverified* and no API
//! makes one with an email yet (adding a contact is issue #12), the test writes that
//! account through the store, as an import or a future "add email" would leave it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use latchkey::config::{Config, ProviderConfig, ProviderKind, ResponseMode};
use latchkey_domain::IdentityId;
use latchkey_store::{Contact, ContactKind, Identity, IdentityState, NewIdentity};
use latchkey_testkit::oidc::{OidcPeer, PeerAccount, PeerCallback, PeerConfig};
use latchkey_testkit::race::{RaceRequest, count, race};
use latchkey_testkit::{Backend, TestApp, extract_code};
use reqwest::StatusCode;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use serde_json::{Value, json};

const PASSWORD: &str = "correct horse battery";
const VICTIM: &str = "victim@shop.example";

/// The peer's people: the victim (who holds VICTIM), the attacker, and a provider
/// account that claims VICTIM without having verified it.
fn peer_config() -> PeerConfig {
    let account = |login: &str, email: &str, verified: bool, strings: bool| PeerAccount {
        login: login.into(),
        email: email.into(),
        email_verified: verified,
        name: Some(format!("{login} person")),
        string_booleans: strings,
    };
    PeerConfig {
        accounts: vec![
            account("victim", VICTIM, true, false),
            account("victim-strings", "strings@shop.example", true, true),
            account("mallory", "mallory@evil.example", true, false),
            account("unverified", VICTIM, false, false),
            account("unverified-strings", VICTIM, false, true),
        ],
        ..PeerConfig::default()
    }
}

struct Social {
    app: TestApp,
    peer: OidcPeer,
}

fn provider(peer: &OidcPeer, id: &str, mode: ResponseMode) -> ProviderConfig {
    let client = &PeerConfig::default().clients[0];
    let mut p = ProviderConfig::new(id, ProviderKind::Oidc, &client.client_id);
    p.issuer = Some(peer.issuer.clone());
    p.client_secret = Some(client.client_secret.clone());
    p.label = Some("Acme".into());
    p.response_mode = Some(mode);
    p
}

/// The app with two providers on the peer: `acme` (query callbacks) and `acmepost`
/// (form_post, as Apple sends it). `None` when the peer or the backend cannot run here.
async fn social(backend: Backend) -> Option<Social> {
    let peer = OidcPeer::start(peer_config()).await?;
    let providers = vec![
        provider(&peer, "acme", ResponseMode::Query),
        provider(&peer, "acmepost", ResponseMode::FormPost),
    ];
    let app = TestApp::spawn_with(backend, move |c: &mut Config| {
        c.oidc.providers = providers;
    })
    .await?;
    Some(Social { app, peer })
}

macro_rules! social_tests {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(s) = super::social(latchkey_testkit::Backend::Sqlite).await {
                        super::$name(s).await;
                    }
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(s) = super::social(latchkey_testkit::Backend::Postgres).await {
                        super::$name(s).await;
                    }
                }
            )*
        }
    };
}

social_tests!(
    the_code_flow_with_pkce_creates_an_account_with_the_verified_email,
    a_form_post_callback_signs_in_like_a_query_one,
    string_booleans_are_read_as_booleans,
    a_tampered_state_or_nonce_and_a_replayed_code_are_refused,
    consent_denied_ends_on_a_clear_page,
    a_matching_verified_email_asks_for_proof_before_linking,
    the_link_proof_by_email_code_links_too,
    the_second_factor_gate_applies_to_social_sign_in,
    linked_providers_are_listed_and_the_last_way_in_cannot_be_unlinked,
    method_hints_name_the_provider_of_a_social_only_account,
    a_native_id_token_signs_in_and_finds_the_same_account,
    a_native_id_token_for_an_existing_email_needs_the_link_proof,
    a_bad_native_id_token_is_refused,
    twenty_copies_of_one_callback_sign_in_once,
    twenty_simultaneous_proofs_link_once,
    attack_classic_federated_merge_fails,
    attack_unexpired_session_fails,
    attack_trojan_identifier_fails,
    attack_unexpired_email_change_fails,
    attack_non_verifying_provider_fails,
);

/// What the browser is left with after the callback.
struct Landed {
    status: StatusCode,
    location: String,
    session: Option<String>,
    body: String,
}

fn cookie(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers().get_all(SET_COOKIE).iter().find_map(|v| {
        let v = v.to_str().ok()?;
        let (pair, _) = v.split_once(';').unwrap_or((v, ""));
        let (k, val) = pair.split_once('=')?;
        (k == name && !val.is_empty()).then(|| val.to_owned())
    })
}

impl Social {
    /// `GET /auth/{provider}/start`: the provider's URL and the binding cookie.
    async fn start(&self, provider: &str, session: Option<&str>, query: &str) -> (String, String) {
        let mut req = self
            .app
            .client
            .get(self.app.url(&format!("/auth/{provider}/start{query}")));
        if let Some(s) = session {
            req = req.header(COOKIE, format!("latchkey_session={s}"));
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "start redirects");
        let binding = cookie(&res, "latchkey_social").expect("the binding cookie");
        let to = res.headers()[LOCATION].to_str().unwrap().to_owned();
        assert!(to.starts_with(&self.peer.issuer), "{to}");
        (to, binding)
    }

    /// Delivers the provider's answer to the app, as the browser would.
    async fn deliver(
        &self,
        callback: PeerCallback,
        binding: Option<&str>,
        session: Option<&str>,
    ) -> Landed {
        let mut cookies = Vec::new();
        if let Some(b) = binding {
            cookies.push(format!("latchkey_social={b}"));
        }
        if let Some(s) = session {
            cookies.push(format!("latchkey_session={s}"));
        }
        let local = |url: &url::Url| {
            let mut path = url.path().to_owned();
            if let Some(q) = url.query() {
                path = format!("{path}?{q}");
            }
            self.app.url(&path)
        };
        let req = match &callback {
            PeerCallback::Get(url) => self.app.client.get(local(url)),
            PeerCallback::FormPost { url, fields } => {
                let body = url::form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(fields)
                    .finish();
                self.app
                    .client
                    .post(local(url))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body)
            }
        };
        let req = if cookies.is_empty() {
            req
        } else {
            req.header(COOKIE, cookies.join("; "))
        };
        let res = req.send().await.unwrap();
        let status = res.status();
        let location = res
            .headers()
            .get(LOCATION)
            .map(|l| l.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let session = cookie(&res, "latchkey_session");
        let body = res.text().await.unwrap();
        Landed {
            status,
            location,
            session,
            body,
        }
    }

    /// The whole round trip as `login` at the peer.
    async fn sign_in(&self, provider: &str, login: &str) -> Landed {
        let (to, binding) = self.start(provider, None, "").await;
        let callback = self.peer.authorize(&to, login).await;
        self.deliver(callback, Some(&binding), None).await
    }

    async fn signed_in(&self, provider: &str, login: &str) -> String {
        let landed = self.sign_in(provider, login).await;
        assert_eq!(landed.status, StatusCode::SEE_OTHER, "{}", landed.body);
        assert_eq!(landed.location, "/settings");
        landed.session.expect("a session cookie")
    }

    async fn identity(&self, token: &str) -> Value {
        let res = self.app.get_auth("/api/session", token).await;
        assert_eq!(res.status(), StatusCode::OK);
        res.json::<Value>().await.unwrap()["identity"].clone()
    }

    async fn providers(&self, token: &str) -> Vec<String> {
        let res = self.app.get_auth("/api/account/providers", token).await;
        assert_eq!(res.status(), StatusCode::OK);
        let body: Value = res.json().await.unwrap();
        body["providers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["provider"].as_str().unwrap().to_owned())
            .collect()
    }

    /// An account holding `claimed` unverified beside its own verified `own` email,
    /// written through the store (see the module comment); returns its id.
    async fn plant_claim(&self, own: &str, claimed: &str) -> IdentityId {
        let now = self.app.now();
        let id = IdentityId::new();
        let contact = |address: &str, verified: bool, primary: bool| Contact {
            id: uuid::Uuid::now_v7(),
            identity_id: id,
            kind: ContactKind::Email,
            address: address.to_owned(),
            address_key: address.to_lowercase(),
            verified,
            primary,
            created_at: now,
        };
        let new = NewIdentity {
            identity: Identity {
                id,
                name: Some("Mallory".into()),
                locale: Some("en".into()),
                state: IdentityState::Active,
                created_at: now,
                updated_at: now,
            },
            contacts: vec![contact(own, true, true), contact(claimed, false, false)],
            credentials: Vec::new(),
        };
        self.app.store.create_identity(&new, &[]).await.unwrap();
        id
    }

    /// A session of `email`'s account by a sign-in code.
    async fn code_session(&self, email: &str) -> String {
        let res = self
            .app
            .post("/api/login-codes", json!({"identifier": email}))
            .await;
        assert_eq!(res.status(), StatusCode::ACCEPTED);
        let flow = res.json::<Value>().await.unwrap()["flow_id"]
            .as_str()
            .unwrap()
            .to_owned();
        let code = self.app.code_for(email, 1).await;
        let res = self
            .app
            .post(
                &format!("/api/login-codes/{flow}/code"),
                json!({"code": code}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        res.json::<Value>().await.unwrap()["session_token"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}

fn addresses(identity: &Value) -> Vec<(String, bool)> {
    identity["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["address"].as_str().unwrap().to_owned(),
                c["verified"].as_bool().unwrap(),
            )
        })
        .collect()
}

async fn the_code_flow_with_pkce_creates_an_account_with_the_verified_email(s: Social) {
    let (to, binding) = s.start("acme", None, "").await;
    let url = url::Url::parse(&to).unwrap();
    let q: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
    assert_eq!(q["code_challenge_method"], "S256");
    assert!(q["code_challenge"].len() >= 43);
    assert!(!q["nonce"].is_empty());
    assert_eq!(q["response_type"], "code");
    let callback = s.peer.authorize(&to, "victim").await;
    let landed = s.deliver(callback, Some(&binding), None).await;
    assert_eq!(landed.status, StatusCode::SEE_OTHER, "{}", landed.body);
    assert_eq!(landed.location, "/settings");
    let token = landed.session.expect("signed in");
    let identity = s.identity(&token).await;
    assert_eq!(addresses(&identity), vec![(VICTIM.to_owned(), true)]);
    assert_eq!(identity["name"], "victim person");
    assert_eq!(s.providers(&token).await, vec!["acme"]);
    // The next sign-in finds the same account.
    let again = s.signed_in("acme", "victim").await;
    assert_eq!(s.identity(&again).await["id"], identity["id"]);
}

async fn a_form_post_callback_signs_in_like_a_query_one(s: Social) {
    let (to, binding) = s.start("acmepost", None, "").await;
    assert!(to.contains("response_mode=form_post"), "{to}");
    let callback = s.peer.authorize(&to, "victim").await;
    assert!(matches!(callback, PeerCallback::FormPost { .. }));
    let landed = s.deliver(callback, Some(&binding), None).await;
    assert_eq!(landed.status, StatusCode::SEE_OTHER, "{}", landed.body);
    let token = landed.session.expect("signed in");
    assert_eq!(
        addresses(&s.identity(&token).await),
        vec![(VICTIM.to_owned(), true)]
    );
}

async fn string_booleans_are_read_as_booleans(s: Social) {
    // "email_verified": "true" counts as verified…
    let token = s.signed_in("acme", "victim-strings").await;
    assert_eq!(
        addresses(&s.identity(&token).await),
        vec![("strings@shop.example".to_owned(), true)]
    );
    // …and "false" as not: no contact is recorded from it.
    let token = s.signed_in("acme", "unverified-strings").await;
    assert_eq!(addresses(&s.identity(&token).await), vec![]);
}

async fn a_tampered_state_or_nonce_and_a_replayed_code_are_refused(s: Social) {
    // Tampered state: the callback names no flow of this browser.
    let (to, binding) = s.start("acme", None, "").await;
    let callback = s.peer.authorize(&to, "victim").await;
    let PeerCallback::Get(mut url) = callback else {
        panic!("a query callback")
    };
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == "state" {
                uuid::Uuid::now_v7().to_string()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    url.query_pairs_mut().clear().extend_pairs(pairs);
    let landed = s
        .deliver(PeerCallback::Get(url), Some(&binding), None)
        .await;
    assert_eq!(landed.status, StatusCode::GONE, "{}", landed.body);
    assert!(landed.session.is_none());

    // The right state from another browser (no binding cookie): refused.
    let (to, _binding) = s.start("acme", None, "").await;
    let callback = s.peer.authorize(&to, "victim").await;
    let landed = s.deliver(callback, None, None).await;
    assert_eq!(landed.status, StatusCode::BAD_REQUEST, "{}", landed.body);
    assert!(landed.body.contains("did not start in this browser"));

    // Tampered nonce: the ID token carries the nonce the provider was given, not ours.
    let (to, binding) = s.start("acme", None, "").await;
    let mut url = url::Url::parse(&to).unwrap();
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == "nonce" {
                "forged-nonce".to_owned()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    url.query_pairs_mut().clear().extend_pairs(pairs);
    let callback = s.peer.authorize(url.as_str(), "victim").await;
    let landed = s.deliver(callback, Some(&binding), None).await;
    assert_eq!(landed.status, StatusCode::UNAUTHORIZED, "{}", landed.body);
    assert!(landed.session.is_none());

    // A replayed callback: the flow is spent; a replayed code at a fresh flow: the
    // provider refuses it.
    let (to, binding) = s.start("acme", None, "").await;
    let callback = s.peer.authorize(&to, "victim").await;
    let PeerCallback::Get(first) = callback else {
        panic!("a query callback")
    };
    let ok = s
        .deliver(PeerCallback::Get(first.clone()), Some(&binding), None)
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let replay = s
        .deliver(PeerCallback::Get(first.clone()), Some(&binding), None)
        .await;
    assert_eq!(replay.status, StatusCode::GONE, "{}", replay.body);
    assert!(replay.body.contains("already used"), "{}", replay.body);
    assert!(replay.session.is_none());
    let code = first
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .into_owned();
    let (to, binding) = s.start("acme", None, "").await;
    let state = url::Url::parse(&to)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .into_owned();
    let mut replayed = first.clone();
    replayed
        .query_pairs_mut()
        .clear()
        .append_pair("code", &code)
        .append_pair("state", &state);
    let landed = s
        .deliver(PeerCallback::Get(replayed), Some(&binding), None)
        .await;
    assert_eq!(landed.status, StatusCode::UNAUTHORIZED, "{}", landed.body);
    assert!(landed.session.is_none());
    assert!(!landed.body.contains("internal"));
}

async fn consent_denied_ends_on_a_clear_page(s: Social) {
    let (to, binding) = s.start("acme", None, "").await;
    let callback = s.peer.deny(&to, "victim").await;
    let landed = s.deliver(callback, Some(&binding), None).await;
    assert_eq!(landed.status, StatusCode::UNAUTHORIZED, "{}", landed.body);
    assert!(
        landed.body.contains("You cancelled the sign-in"),
        "{}",
        landed.body
    );
    assert!(landed.session.is_none());
}

/// The victim's own account: email verified, a password.
async fn victim_account(s: &Social) -> String {
    s.app.register(VICTIM, PASSWORD).await
}

async fn link_flow(landed: &Landed) -> String {
    assert_eq!(landed.status, StatusCode::SEE_OTHER, "{}", landed.body);
    assert!(landed.session.is_none(), "no session before the proof");
    landed
        .location
        .strip_prefix("/login/link?flow=")
        .unwrap_or_else(|| panic!("to the proof step: {}", landed.location))
        .to_owned()
}

async fn a_matching_verified_email_asks_for_proof_before_linking(s: Social) {
    let owner = victim_account(&s).await;
    let owner_id = s.identity(&owner).await["id"].clone();
    let landed = s.sign_in("acme", "victim").await;
    let flow = link_flow(&landed).await;
    assert!(s.providers(&owner).await.is_empty(), "nothing linked yet");
    let view: Value = s
        .app
        .client
        .get(s.app.url(&format!("/api/sessions/link/{flow}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(view["email"], VICTIM);
    assert_eq!(view["proofs"], json!(["password", "email_code"]));
    // A wrong password links nothing.
    let res = s
        .app
        .post(
            "/api/sessions/link",
            json!({"link_flow_id": flow, "password": "wrong horse battery"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(s.providers(&owner).await.is_empty());
    let res = s
        .app
        .post(
            "/api/sessions/link",
            json!({"link_flow_id": flow, "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["identity"]["id"], owner_id);
    assert_eq!(s.providers(&owner).await, vec!["acme"]);
    // Spent: the same link flow links nothing twice.
    let res = s
        .app
        .post(
            "/api/sessions/link",
            json!({"link_flow_id": flow, "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::GONE);
    // From now on the provider signs straight in to the owner's account.
    let token = s.signed_in("acme", "victim").await;
    assert_eq!(s.identity(&token).await["id"], owner_id);
    // The owner was told.
    assert!(s.app.count_with(VICTIM, "Acme").await + s.app.count_with(VICTIM, "acme").await >= 1);
}

async fn the_link_proof_by_email_code_links_too(s: Social) {
    let owner = victim_account(&s).await;
    let landed = s.sign_in("acme", "victim").await;
    let flow = link_flow(&landed).await;
    let res = s
        .app
        .post("/api/sessions/link/code", json!({"link_flow_id": flow}))
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let code_flow = res.json::<Value>().await.unwrap()["flow_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let code = s.app.code_for(VICTIM, 2).await;
    let res = s
        .app
        .post(
            "/api/sessions/link",
            json!({"link_flow_id": flow, "code_flow_id": code_flow, "code": code}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(s.providers(&owner).await, vec!["acme"]);
}

async fn the_second_factor_gate_applies_to_social_sign_in(s: Social) {
    let token = s.signed_in("acme", "victim").await;
    // Enrol TOTP (a fresh sign-in is inside the privileged window).
    crate::mfa::enrol_totp(&s.app, &token).await;
    // Now the provider alone earns only the second step.
    let landed = s.sign_in("acme", "victim").await;
    assert_eq!(landed.status, StatusCode::SEE_OTHER);
    assert!(
        landed.location.starts_with("/login/mfa"),
        "{}",
        landed.location
    );
    assert!(landed.session.is_none());
}

async fn linked_providers_are_listed_and_the_last_way_in_cannot_be_unlinked(s: Social) {
    // A social-only account whose provider gave no verified email: the provider is its
    // only way in.
    let token = s.signed_in("acme", "unverified").await;
    assert_eq!(s.providers(&token).await, vec!["acme"]);
    let res = s
        .app
        .delete_auth("/api/account/providers/acme", &token)
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let (_, code, _) = latchkey_testkit::error_code(res).await;
    assert_eq!(code, "last_method");
    // With a verified email (a code can reach it) the provider may go.
    let token = s.signed_in("acme", "mallory").await;
    let res = s
        .app
        .delete_auth("/api/account/providers/acme", &token)
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert!(s.providers(&token).await.is_empty());
    let res = s
        .app
        .delete_auth("/api/account/providers/acme", &token)
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    // Outside the privileged window: re-authenticate first.
    let token = s.signed_in("acme", "victim").await;
    s.app.advance(time::Duration::minutes(11));
    let res = s
        .app
        .delete_auth("/api/account/providers/acme", &token)
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

async fn method_hints_name_the_provider_of_a_social_only_account(s: Social) {
    s.signed_in("acme", "mallory").await;
    let res = s
        .app
        .post(
            "/api/method-hint",
            json!({"identifier": "mallory@evil.example"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let hint = s.app.message_with("mallory@evil.example", "acme").await;
    let text = hint["text"].as_str().unwrap();
    assert!(text.contains("acme"), "{text}");
    // Recovery for it names the provider too, with no reset code.
    let res = s
        .app
        .post(
            "/api/recovery",
            json!({"identifier": "mallory@evil.example"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
}

// ---------------------------------------------------------------- native apps

/// A real ID token from the peer for `login`, with `nonce`, as a native app's SDK gets it.
async fn native_token(s: &Social, login: &str, nonce: &str) -> String {
    let http = latchkey_flows::methods::social::http::ProviderHttp::new();
    crate::oidc_provider::id_token_with_nonce(&s.peer, &http, login, nonce).await
}

async fn id_token_sign_in(s: &Social, body: Value) -> reqwest::Response {
    s.app.post("/api/sessions/id-token", body).await
}

async fn a_native_id_token_signs_in_and_finds_the_same_account(s: Social) {
    let token = native_token(&s, "victim", "native-nonce-1").await;
    let res = id_token_sign_in(
        &s,
        json!({"provider": "acme", "id_token": token, "nonce": "native-nonce-1"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let body: Value = res.json().await.unwrap();
    assert_eq!(
        addresses(&body["identity"]),
        vec![(VICTIM.to_owned(), true)]
    );
    // The browser's sign-in with the same provider account finds the same account.
    let web = s.signed_in("acme", "victim").await;
    assert_eq!(s.identity(&web).await["id"], body["identity"]["id"]);
}

async fn a_native_id_token_for_an_existing_email_needs_the_link_proof(s: Social) {
    let owner = victim_account(&s).await;
    let token = native_token(&s, "victim", "native-nonce-2").await;
    let res = id_token_sign_in(&s, json!({"provider": "acme", "id_token": token})).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let (_, code, body) = latchkey_testkit::error_code(res).await;
    assert_eq!(code, "link_required");
    let flow = body["error"]["link_flow_id"].as_str().unwrap().to_owned();
    let res = s
        .app
        .post(
            "/api/sessions/link",
            json!({"link_flow_id": flow, "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(s.providers(&owner).await, vec!["acme"]);
}

async fn a_bad_native_id_token_is_refused(s: Social) {
    let token = native_token(&s, "victim", "native-nonce-3").await;
    // A wrong nonce.
    let res = id_token_sign_in(
        &s,
        json!({"provider": "acme", "id_token": token, "nonce": "another"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    // A tampered payload (the signature no longer matches).
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    parts[1].insert(4, 'x');
    let res = id_token_sign_in(&s, json!({"provider": "acme", "id_token": parts.join(".")})).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let (_, code, _) = latchkey_testkit::error_code(res).await;
    assert_eq!(code, "provider_error");
    // No such provider.
    let res = id_token_sign_in(&s, json!({"provider": "nope", "id_token": token})).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    // Nothing was created by any of them.
    let res = s
        .app
        .post("/api/method-hint", json!({"identifier": VICTIM}))
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    assert_eq!(
        s.app.count_with(VICTIM, "acme").await,
        0,
        "no account was made for the victim"
    );
}

// ---------------------------------------------------------------- races

/// The same callback twenty times at once (each held back by its last byte on its own
/// connection): the flow is spent once, so exactly one signs in.
async fn twenty_copies_of_one_callback_sign_in_once(s: Social) {
    let (to, binding) = s.start("acme", None, "").await;
    let PeerCallback::Get(url) = s.peer.authorize(&to, "victim").await else {
        panic!("a query callback")
    };
    let path = format!("{}?{}", url.path(), url.query().unwrap());
    let requests = (0..20)
        .map(|_| RaceRequest {
            method: "GET",
            path: path.clone(),
            headers: vec![("Cookie".into(), format!("latchkey_social={binding}"))],
            body: Vec::new(),
        })
        .collect();
    let answers = race(&s.app.address, requests).await;
    assert_eq!(count(&answers, StatusCode::SEE_OTHER), 1, "one sign-in");
    assert_eq!(
        count(&answers, StatusCode::GONE),
        19,
        "the rest find the flow spent"
    );
}

/// Twenty proofs of one link at once: one links and signs in; the others find it spent,
/// or meet the sign-in gates first (the per-address limits, a busy hashing pool).
async fn twenty_simultaneous_proofs_link_once(s: Social) {
    let owner = victim_account(&s).await;
    let flow = link_flow(&s.sign_in("acme", "victim").await).await;
    let body = json!({"link_flow_id": flow, "password": PASSWORD});
    let requests = (0..20)
        .map(|_| RaceRequest::post_json("/api/sessions/link", &body))
        .collect();
    let answers = race(&s.app.address, requests).await;
    assert_eq!(count(&answers, StatusCode::CREATED), 1, "one link");
    for a in &answers {
        assert!(
            matches!(a.status.as_u16(), 201 | 410 | 429 | 503),
            "{} {}",
            a.status,
            a.body
        );
    }
    assert_eq!(s.providers(&owner).await, vec!["acme"]);
}

// ---------------------------------------------------------------- pre-hijacking

/// Classic–federated merge: an account made with the victim's address before the
/// victim's social sign-in. The victim's sign-in never joins it.
async fn attack_classic_federated_merge_fails(s: Social) {
    // (a) The attacker begins a password sign-up with the victim's address; its code
    // goes to the victim's inbox.
    let res = s
        .app
        .post(
            "/api/registrations",
            json!({"email": VICTIM, "password": "attacker's password"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let pending = res.json::<Value>().await.unwrap()["flow_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let code = s.app.code_for(VICTIM, 1).await;
    // (b) An account that holds the address unverified.
    let squatter = s.plant_claim("mallory@evil.example", VICTIM).await;
    // The victim signs in with the provider: a new account of their own.
    let token = s.signed_in("acme", "victim").await;
    let victim = s.identity(&token).await;
    assert_ne!(victim["id"], json!(squatter.to_string()));
    assert_eq!(addresses(&victim), vec![(VICTIM.to_owned(), true)]);
    // The attacker's sign-up cannot finish now, even with the code.
    let res = s
        .app
        .post(
            &format!("/api/registrations/{pending}/code"),
            json!({"code": code}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::GONE);
    let res = s
        .app
        .post(
            "/api/sessions",
            json!({"identifier": VICTIM, "password": "attacker's password"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    // The squatter's claim is gone, and the squatter's account was told.
    let contacts = s.app.store.contacts(squatter).await.unwrap();
    assert!(contacts.iter().all(|c| c.address != VICTIM));
    assert_eq!(
        s.app
            .count_with("mallory@evil.example", "was removed from your account")
            .await,
        1
    );
    let events = s.app.store.events(squatter, 10).await.unwrap();
    assert!(
        events
            .iter()
            .any(|e| e.kind == latchkey_domain::EventType::ContactDropped),
        "{events:?}"
    );
}

/// Unexpired session: the attacker's session on an account with the victim's address
/// survives the victim taking the address back; it must reach nothing of the victim's.
async fn attack_unexpired_session_fails(s: Social) {
    s.plant_claim("mallory@evil.example", VICTIM).await;
    let attacker = s.code_session("mallory@evil.example").await;
    let token = s.signed_in("acme", "victim").await;
    let victim = s.identity(&token).await;
    let seen = s.identity(&attacker).await;
    assert_ne!(seen["id"], victim["id"]);
    assert_eq!(
        addresses(&seen),
        vec![("mallory@evil.example".to_owned(), true)]
    );
    // The victim's account has only the victim's own session.
    let res = s.app.get_auth("/api/sessions", &token).await;
    let sessions: Value = res.json().await.unwrap();
    assert_eq!(sessions["sessions"].as_array().unwrap().len(), 1);
}

/// Trojan identifier: the attacker's own identifiers (their provider, their address)
/// sit on an account that also claims the victim's address; the victim's recovery or
/// sign-in must not hand the victim that account.
async fn attack_trojan_identifier_fails(s: Social) {
    // Mallory's account, made by Mallory's own provider sign-in, then claiming VICTIM.
    let mallory = s.signed_in("acme", "mallory").await;
    let mallory_id: IdentityId = s.identity(&mallory).await["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let _ = mallory_id;
    let squatter = s.plant_claim("mallory2@evil.example", VICTIM).await;
    // The victim asks to recover VICTIM: no code (no account holds it verified).
    let res = s
        .app
        .post("/api/recovery", json!({"identifier": VICTIM}))
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let mails = s.app.wait_for_messages(VICTIM, 1).await;
    let text = mails[0]["text"].as_str().unwrap();
    assert!(
        extract_code(text).is_none(),
        "no reset code for an unverified claim: {text}"
    );
    // The victim signs in with the provider: their account has only their own ways in.
    let token = s.signed_in("acme", "victim").await;
    let victim = s.identity(&token).await;
    assert_ne!(victim["id"], json!(squatter.to_string()));
    assert_eq!(addresses(&victim), vec![(VICTIM.to_owned(), true)]);
    assert_eq!(s.providers(&token).await, vec!["acme"]);
    // Mallory's provider still signs in to Mallory's account, not the victim's.
    let again = s.signed_in("acme", "mallory").await;
    assert_ne!(s.identity(&again).await["id"], victim["id"]);
}

/// Unexpired email change: a pending change (here: a verification code sent for an
/// unverified claim) on the victim's address, confirmed after the victim proved it.
async fn attack_unexpired_email_change_fails(s: Social) {
    let squatter = s.plant_claim("mallory@evil.example", VICTIM).await;
    let res = s
        .app
        .post("/api/verification", json!({"identifier": VICTIM}))
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let pending = res.json::<Value>().await.unwrap()["flow_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let code = s.app.code_for(VICTIM, 1).await;
    // The victim proves the address with the provider…
    s.signed_in("acme", "victim").await;
    // …and the pending confirmation, code and all, now changes nothing.
    let res = s
        .app
        .post(
            &format!("/api/verification/{pending}/code"),
            json!({"code": code}),
        )
        .await;
    assert!(res.status().is_client_error(), "{}", res.status());
    let contacts = s.app.store.contacts(squatter).await.unwrap();
    assert!(contacts.iter().all(|c| c.address != VICTIM), "{contacts:?}");
}

/// Non-verifying provider: a provider account that claims the victim's address without
/// having verified it never reaches the victim's account.
async fn attack_non_verifying_provider_fails(s: Social) {
    let owner = victim_account(&s).await;
    let owner_id = s.identity(&owner).await["id"].clone();
    for login in ["unverified", "unverified-strings"] {
        let landed = s.sign_in("acme", login).await;
        assert_eq!(landed.status, StatusCode::SEE_OTHER, "{}", landed.body);
        assert_eq!(landed.location, "/settings", "no proof step, no link");
        let token = landed.session.expect("a new account of its own");
        let other = s.identity(&token).await;
        assert_ne!(other["id"], owner_id);
        assert_eq!(
            addresses(&other),
            vec![],
            "the unverified email is no contact"
        );
    }
    assert!(s.providers(&owner).await.is_empty());
    assert_eq!(
        addresses(&s.identity(&owner).await),
        vec![(VICTIM.to_owned(), true)]
    );
}
