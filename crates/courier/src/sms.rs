//! The SMS transport: a POST of JSON `{"to", "body", "locale"}` to the gateway webhook
//! configured in `LATCHKEY_SMS_URL`.

use crate::transport::{ConfigError, SendError, Transport};
use async_trait::async_trait;
use latchkey_store::NewMessage;
use reqwest::StatusCode;
use std::time::Duration;

pub struct SmsWebhook {
    client: reqwest::Client,
    url: url::Url,
}

#[derive(serde::Serialize)]
struct Payload<'a> {
    to: &'a str,
    body: &'a str,
    locale: &'a str,
}

impl SmsWebhook {
    pub fn new(url: &str) -> Result<Self, ConfigError> {
        let url = url::Url::parse(url).map_err(|e| ConfigError::Url(e.to_string()))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(ConfigError::Url("the SMS webhook must be http(s)".into()));
        }
        let client = reqwest::Client::builder()
            // A redirect would resend a code to wherever the gateway points.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| ConfigError::Setup(e.to_string()))?;
        Ok(Self { client, url })
    }
}

/// 2xx is delivered; other 4xx mean the gateway refused this message for good (bad
/// number, bad request); 408, 429 and 5xx may pass later. 3xx is retried too: with
/// redirects off it means a misconfigured URL an operator can fix.
fn classify(status: StatusCode) -> Result<(), SendError> {
    if status.is_success() {
        return Ok(());
    }
    let text = format!("sms gateway answered {}", status.as_u16());
    let retryable = matches!(
        status,
        StatusCode::REQUEST_TIMEOUT | StatusCode::TOO_MANY_REQUESTS
    );
    if status.is_client_error() && !retryable {
        Err(SendError::permanent(text))
    } else {
        Err(SendError::temporary(text))
    }
}

#[async_trait]
impl Transport for SmsWebhook {
    async fn send(&self, msg: &NewMessage) -> Result<(), SendError> {
        let payload = Payload {
            to: &msg.recipient,
            body: &msg.text,
            locale: &msg.locale,
        };
        let response = self
            .client
            .post(self.url.clone())
            // Lets a gateway drop the duplicate when an answer was lost and we retry.
            .header("Idempotency-Key", msg.id.to_string())
            .json(&payload)
            .send()
            .await
            .map_err(|e| {
                // The URL may carry the gateway's API key.
                let kind = if e.is_timeout() {
                    "timeout"
                } else {
                    "request failed"
                };
                SendError::temporary(format!("sms gateway {kind}: {}", e.without_url()))
            })?;
        classify(response.status())
    }

    fn name(&self) -> &'static str {
        "sms_webhook"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        assert!(classify(StatusCode::OK).is_ok());
        assert!(classify(StatusCode::ACCEPTED).is_ok());
        assert!(classify(StatusCode::BAD_REQUEST).is_err_and(|e| e.permanent));
        assert!(classify(StatusCode::UNPROCESSABLE_ENTITY).is_err_and(|e| e.permanent));
        assert!(classify(StatusCode::REQUEST_TIMEOUT).is_err_and(|e| !e.permanent));
        assert!(classify(StatusCode::TOO_MANY_REQUESTS).is_err_and(|e| !e.permanent));
        assert!(classify(StatusCode::INTERNAL_SERVER_ERROR).is_err_and(|e| !e.permanent));
        assert!(classify(StatusCode::FOUND).is_err_and(|e| !e.permanent));
        assert!(SmsWebhook::new("ftp://x").is_err());
        assert!(SmsWebhook::new("https://sms.example.com/send?key=k").is_ok());
    }
}
