//! The real OpenID provider of the social sign-in tests: `oidc-provider` (npm) run by
//! `tests/peers/oidc/server.mjs` on a free port, and a driver for its development login
//! and consent pages, as a person's browser would click through them.
//!
//! Without node or `tests/peers/oidc/node_modules` (`scripts/test` installs it),
//! [`OidcPeer::start`] prints `SKIPPED: …` and gives None, unless
//! `LATCHKEY_REQUIRE_PEERS=1`, which makes it a failure.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use url::Url;

/// A client the peer knows.
#[derive(Debug, Clone)]
pub struct PeerClient {
    pub client_id: String,
    pub client_secret: String,
}

/// A person the peer can sign in (any other login is `<login>@example.test`, verified).
#[derive(Debug, Clone)]
pub struct PeerAccount {
    pub login: String,
    pub email: String,
    pub email_verified: bool,
    pub name: Option<String>,
    /// `email_verified` sent as the string `"true"`/`"false"`, as Apple does.
    pub string_booleans: bool,
}

#[derive(Debug, Clone)]
pub struct PeerConfig {
    pub clients: Vec<PeerClient>,
    pub accounts: Vec<PeerAccount>,
}

impl Default for PeerConfig {
    /// One client, `latchkey-test` / `test-secret`, and no named accounts.
    fn default() -> Self {
        Self {
            clients: vec![PeerClient {
                client_id: "latchkey-test".into(),
                client_secret: "test-secret".into(),
            }],
            accounts: Vec::new(),
        }
    }
}

impl PeerConfig {
    fn to_json(&self) -> String {
        let accounts: serde_json::Map<String, serde_json::Value> = self
            .accounts
            .iter()
            .map(|a| {
                (
                    a.login.clone(),
                    serde_json::json!({
                        "email": a.email,
                        "email_verified": a.email_verified,
                        "name": a.name,
                        "string_booleans": a.string_booleans,
                    }),
                )
            })
            .collect();
        let clients: Vec<_> = self
            .clients
            .iter()
            .map(|c| serde_json::json!({ "client_id": c.client_id, "client_secret": c.client_secret }))
            .collect();
        serde_json::json!({ "clients": clients, "accounts": accounts }).to_string()
    }
}

/// Where the provider sent the browser back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeerCallback {
    /// A redirect to the redirect URI (the `query` response mode): `code`, `state` (or
    /// `error`) in its query.
    Get(Url),
    /// The auto-submitting form of the `form_post` response mode: its action and fields.
    FormPost {
        url: Url,
        fields: Vec<(String, String)>,
    },
}

impl PeerCallback {
    /// A field of the callback (query or form).
    pub fn field(&self, name: &str) -> Option<String> {
        match self {
            Self::Get(url) => url
                .query_pairs()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned()),
            Self::FormPost { fields, .. } => fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone()),
        }
    }
}

/// A running provider; the process ends when this is dropped.
pub struct OidcPeer {
    /// `http://127.0.0.1:<port>`: discovery at `{issuer}/.well-known/openid-configuration`.
    pub issuer: String,
    child: Child,
}

impl Drop for OidcPeer {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}

fn skip_or_fail(why: &str) -> Option<OidcPeer> {
    if std::env::var("LATCHKEY_REQUIRE_PEERS").as_deref() == Ok("1") {
        panic!("OpenID provider peer required (LATCHKEY_REQUIRE_PEERS=1) but {why}");
    }
    println!("SKIPPED: OpenID provider peer ({why})");
    None
}

fn peer_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/peers/oidc")
}

impl OidcPeer {
    /// Starts the peer and waits for it to listen; None (a skip) when it cannot run here.
    pub async fn start(config: PeerConfig) -> Option<OidcPeer> {
        let dir = peer_dir();
        if !dir.join("node_modules/oidc-provider").is_dir() {
            return skip_or_fail(
                "tests/peers/oidc/node_modules is missing: run scripts/test, or npm ci in tests/peers/oidc",
            );
        }
        let mut child = match Command::new("node")
            .arg("server.mjs")
            .arg(config.to_json())
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
        {
            Ok(c) => c,
            Err(e) => return skip_or_fail(&format!("node could not start: {e}")),
        };
        let stdout = child.stdout.take().unwrap();
        let listening = async {
            let mut lines = BufReader::new(stdout).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                if let Some(issuer) = line.strip_prefix("LISTENING ") {
                    // Keep reading: a write to a closed pipe would end the peer.
                    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
                    return Some(issuer.trim().to_owned());
                }
            }
            None
        };
        match tokio::time::timeout(Duration::from_secs(20), listening).await {
            Ok(Some(issuer)) => Some(OidcPeer { issuer, child }),
            Ok(None) => panic!("the OpenID provider peer exited before listening"),
            Err(_) => panic!("the OpenID provider peer did not listen within 20 s"),
        }
    }

    /// Signs `login` in on the provider's pages (login, then consent) for this
    /// authorization URL, and returns where the provider sends the browser back.
    pub async fn authorize(&self, authorization_url: &str, login: &str) -> PeerCallback {
        let b = Browser::new();
        let interaction = b.expect_redirect(b.get(authorization_url).await);
        interaction_uid(&interaction);
        let login_form = [("prompt", "login"), ("login", login), ("password", "any")];
        let resume = b.expect_redirect(b.post_form(interaction.as_str(), &login_form).await);
        let consent = b.expect_redirect(b.get(resume.as_str()).await);
        interaction_uid(&consent);
        let resume = b.expect_redirect(
            b.post_form(consent.as_str(), &[("prompt", "consent")])
                .await,
        );
        b.finish(b.get(resume.as_str()).await).await
    }

    /// Opens the login page for this authorization URL and aborts it (devInteractions'
    /// "cancel"): the callback carries `error=access_denied`.
    pub async fn deny(&self, authorization_url: &str, login: &str) -> PeerCallback {
        let _ = login; // the person never signs in
        let b = Browser::new();
        let interaction = b.expect_redirect(b.get(authorization_url).await);
        interaction_uid(&interaction);
        let abort = interaction
            .join(&format!("{}/abort", interaction.path()))
            .unwrap();
        let resume = b.expect_redirect(b.get(abort.as_str()).await);
        b.finish(b.get(resume.as_str()).await).await
    }
}

/// `/interaction/<uid>` → `<uid>`.
fn interaction_uid(url: &Url) -> String {
    url.path()
        .strip_prefix("/interaction/")
        .unwrap_or_else(|| panic!("expected an interaction page, got {url}"))
        .to_owned()
}

/// A browser with a cookie jar that does not follow redirects.
struct Browser {
    client: reqwest::Client,
}

impl Browser {
    fn new() -> Self {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        Self { client }
    }

    async fn get(&self, url: &str) -> reqwest::Response {
        self.client.get(url).send().await.unwrap()
    }

    async fn post_form(&self, url: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.client
            .post(url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap()
    }

    /// The redirect's target, resolved against the request's URL (the provider's
    /// `Location`s are relative).
    fn expect_redirect(&self, response: reqwest::Response) -> Url {
        redirect_of(&response).unwrap_or_else(|| {
            panic!(
                "expected a redirect from {}, got {}",
                response.url(),
                response.status()
            )
        })
    }

    /// The last answer: a redirect to the redirect URI, or the form_post page.
    async fn finish(&self, response: reqwest::Response) -> PeerCallback {
        if let Some(url) = redirect_of(&response) {
            return PeerCallback::Get(url);
        }
        let status = response.status();
        let html = response.text().await.unwrap();
        parse_form_post(&html).unwrap_or_else(|| {
            panic!("expected a redirect or a form_post page, got {status}: {html}")
        })
    }
}

fn redirect_of(response: &reqwest::Response) -> Option<Url> {
    if !response.status().is_redirection() {
        return None;
    }
    let location = response.headers().get("location")?.to_str().ok()?;
    response.url().join(location).ok()
}

/// The form of oidc-provider's `form_post` page: `<form method="post" action="…">` and
/// its `<input type="hidden" name="…" value="…"/>`s.
fn parse_form_post(html: &str) -> Option<PeerCallback> {
    let form = &html[html.find("<form")?..];
    let action = attribute(&form[..form.find('>')?], "action")?;
    let mut fields = Vec::new();
    let mut rest = form;
    while let Some(i) = rest.find("<input") {
        rest = &rest[i..];
        let end = rest.find('>')?;
        let tag = &rest[..end];
        if let (Some(name), Some(value)) = (attribute(tag, "name"), attribute(tag, "value")) {
            fields.push((name, value));
        }
        rest = &rest[end..];
    }
    Some(PeerCallback::FormPost {
        url: Url::parse(&action).ok()?,
        fields,
    })
}

/// An attribute's value in a tag, HTML entities decoded.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(unescape(&tag[start..start + len]))
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_post_page_parses() {
        let html = r#"<!DOCTYPE html><html><body>
  <form method="post" action="http://127.0.0.1:1/auth/acme/callback?x=1&amp;y=2">
    <input type="hidden" name="code" value="abc&amp;def"/>
<input type="hidden" name="state" value="s&quot;1"/>
  </form></body></html>"#;
        assert_eq!(
            parse_form_post(html),
            Some(PeerCallback::FormPost {
                url: Url::parse("http://127.0.0.1:1/auth/acme/callback?x=1&y=2").unwrap(),
                fields: vec![
                    ("code".into(), "abc&def".into()),
                    ("state".into(), "s\"1".into())
                ],
            })
        );
    }
}
