//! The SMTP transport (lettre over rustls): configuration from `LATCHKEY_SMTP_URL`, MIME
//! building, and sorting SMTP failures into permanent and temporary ones.

use crate::transport::{ConfigError, SendError, Transport};
use async_trait::async_trait;
use latchkey_store::NewMessage;
use lettre::message::{Mailbox, MultiPart, SinglePart, header::ContentType};
use lettre::transport::smtp::AsyncSmtpTransportBuilder;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

/// How long one SMTP conversation may take; well under the worker's lease.
const SMTP_TIMEOUT: Duration = Duration::from_secs(20);

pub struct SmtpTransport {
    builder: AsyncSmtpTransportBuilder,
    /// Built on first use: lettre's connection pool spawns a task, which needs a running
    /// Tokio runtime that configuration code may not have yet.
    transport: OnceLock<AsyncSmtpTransport<Tokio1Executor>>,
    from: Mailbox,
}

impl SmtpTransport {
    /// `smtp://[user:pass@]host[:port]` speaks plain SMTP and upgrades with STARTTLS when
    /// the server offers it (`?tls=required` refuses to go on without it);
    /// `smtps://…` is implicit TLS (port 465 by default). `from` is an address or
    /// `Name <address>`.
    pub fn from_url(url: &str, from: &str) -> Result<Self, ConfigError> {
        let parsed = url::Url::parse(url).map_err(|e| ConfigError::Url(e.to_string()))?;
        let host = parsed
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| ConfigError::Url("the SMTP URL has no host".into()))?
            // url keeps the brackets of an IPv6 literal; the socket address wants none.
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        let mut tls_mode = None;
        for (key, value) in parsed.query_pairs() {
            match (key.as_ref(), value.as_ref()) {
                ("tls", mode @ ("required" | "opportunistic" | "none")) => {
                    tls_mode = Some(mode.to_owned())
                }
                (key, _) => {
                    return Err(ConfigError::Url(format!("unknown SMTP URL option {key:?}")));
                }
            }
        }
        let params =
            || TlsParameters::new(host.clone()).map_err(|e| ConfigError::Setup(e.to_string()));
        let (tls, default_port) = match (parsed.scheme(), tls_mode.as_deref()) {
            ("smtps", None) => (Tls::Wrapper(params()?), 465),
            ("smtp", None | Some("opportunistic")) => (Tls::Opportunistic(params()?), 25),
            ("smtp", Some("required")) => (Tls::Required(params()?), 587),
            // For a relay on the same host that offers a STARTTLS it cannot complete.
            ("smtp", Some(_)) => (Tls::None, 25),
            ("smtps", Some(_)) => {
                return Err(ConfigError::Url(
                    "smtps:// is always TLS; drop ?tls=".into(),
                ));
            }
            (scheme, _) => {
                return Err(ConfigError::Url(format!(
                    "unsupported scheme {scheme:?}; use smtp:// or smtps://"
                )));
            }
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(parsed.port().unwrap_or(default_port))
            .tls(tls)
            .timeout(Some(SMTP_TIMEOUT));
        if !parsed.username().is_empty() {
            let user = percent_decode(parsed.username());
            let pass = percent_decode(parsed.password().unwrap_or(""));
            builder = builder.credentials(Credentials::new(user, pass));
        }
        let from: Mailbox = from
            .parse()
            .map_err(|e: lettre::address::AddressError| ConfigError::From(e.to_string()))?;
        Ok(Self {
            builder,
            transport: OnceLock::new(),
            from,
        })
    }

    /// Sets the display name of the sender when the configured `from` has none.
    pub fn with_sender_name(mut self, name: &str) -> Self {
        if self.from.name.is_none() && !name.is_empty() {
            self.from.name = Some(name.to_owned());
        }
        self
    }

    fn build(&self, msg: &NewMessage) -> Result<Message, SendError> {
        let to: Mailbox = msg
            .recipient
            .parse()
            .map_err(|_| SendError::permanent("invalid recipient address"))?;
        let domain = self.from.email.domain();
        let body = match &msg.html {
            Some(html) => MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(msg.text.clone()),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(html.clone()),
                ),
            None => MultiPart::alternative().singlepart(
                SinglePart::builder()
                    .header(ContentType::TEXT_PLAIN)
                    .body(msg.text.clone()),
            ),
        };
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(msg.subject.clone())
            // Derived from the outbox id: a retried delivery keeps its Message-ID, so a
            // receiving server can recognise the duplicate.
            .message_id(Some(format!("<{}@{domain}>", msg.id)))
            .date(SystemTime::now())
            .multipart(body)
            .map_err(|e| SendError::permanent(format!("could not build the email: {e}")))
    }
}

/// `%40` in a user name (an address as the login) must reach the server as `@`.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// 5xx replies are final; 4xx replies, timeouts, refused connections and TLS trouble may
/// pass. The server's reply text is left out: it may quote the recipient's address.
fn classify(e: &lettre::transport::smtp::Error) -> SendError {
    if let Some(code) = e.status() {
        let text = format!("smtp reply {code}");
        return if e.is_permanent() {
            SendError::permanent(text)
        } else {
            SendError::temporary(text)
        };
    }
    let kind = if e.is_timeout() {
        "timeout"
    } else if e.is_tls() {
        "tls error"
    } else if e.is_client() {
        "client error"
    } else {
        "connection error"
    };
    SendError::temporary(format!("smtp {kind}: {}", error_chain(e)))
}

/// The error and its sources; lettre's connection errors carry no message content.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

#[async_trait]
impl Transport for SmtpTransport {
    async fn send(&self, msg: &NewMessage) -> Result<(), SendError> {
        let email = self.build(msg)?;
        self.transport
            .get_or_init(|| self.builder.clone().build())
            .send(email)
            .await
            .map(drop)
            .map_err(|e| classify(&e))
    }

    fn name(&self) -> &'static str {
        "smtp"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert!(SmtpTransport::from_url("smtp://localhost:2525", "a@example.com").is_ok());
        assert!(
            SmtpTransport::from_url(
                "smtps://u%40x.com:p%2Fw@mail.example.com",
                "Shop <a@example.com>"
            )
            .is_ok()
        );
        assert!(
            SmtpTransport::from_url("smtp://mail.example.com?tls=required", "a@example.com")
                .is_ok()
        );
        assert!(SmtpTransport::from_url("http://mail.example.com", "a@example.com").is_err());
        assert!(
            SmtpTransport::from_url("smtp://mail.example.com?tls=maybe", "a@example.com").is_err()
        );
        assert!(SmtpTransport::from_url("smtp://mail.example.com", "not an address").is_err());
        assert_eq!(percent_decode("u%40x.com"), "u@x.com");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("a%2"), "a%2");
    }
}
