//! The one HTTP client every provider call goes through: no redirects followed (a
//! provider's redirect is an answer, not a hop), and timeouts on connect and on the
//! whole call, so an unreachable provider ends in a clear page, not a hung request.

use super::provider::ProviderError;
use std::time::Duration;

/// How long a provider call may take in all.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(10);
/// How long connecting to a provider may take.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, Clone)]
pub struct ProviderHttp {
    client: reqwest::Client,
}

impl Default for ProviderHttp {
    fn default() -> Self {
        Self::new()
    }
}

impl ProviderHttp {
    pub fn new() -> Self {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(CALL_TIMEOUT)
            .user_agent("latchkey")
            .build()
            .unwrap_or_default();
        Self { client }
    }

    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// Sends an `http::Request` (the form openidconnect builds) and returns the
    /// `http::Response`, whatever its status: the caller judges it.
    pub async fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, ProviderError> {
        let (parts, body) = request.into_parts();
        let mut builder = self
            .client
            .request(parts.method, parts.uri.to_string())
            .body(body);
        for (name, value) in &parts.headers {
            builder = builder.header(name, value);
        }
        let response = builder.send().await.map_err(unreachable)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(unreachable)?;
        let mut out = http::Response::builder().status(status);
        if let Some(h) = out.headers_mut() {
            *h = headers;
        }
        out.body(body.to_vec())
            .map_err(|e| ProviderError::Invalid(e.to_string()))
    }

    /// A GET or POST whose answer must be a 2xx JSON body; a 5xx or a failed connection
    /// is `Unreachable`, a 4xx `Refused` (with the body's text, which never holds our
    /// secrets).
    pub async fn json(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<serde_json::Value, ProviderError> {
        let response = request.send().await.map_err(unreachable)?;
        let status = response.status();
        let text = response.text().await.map_err(unreachable)?;
        if status.is_server_error() {
            return Err(ProviderError::Unreachable(format!("status {status}")));
        }
        if !status.is_success() {
            return Err(ProviderError::Refused(format!(
                "status {status}: {}",
                truncate(&text)
            )));
        }
        serde_json::from_str(&text).map_err(|e| ProviderError::Invalid(e.to_string()))
    }
}

fn unreachable(e: reqwest::Error) -> ProviderError {
    ProviderError::Unreachable(e.without_url().to_string())
}

fn truncate(s: &str) -> &str {
    match s.char_indices().nth(200) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}
