//! The `Transport` trait every delivery channel implements, its error, and the pair of
//! transports (email, SMS) the worker chooses from by channel.

use async_trait::async_trait;
use latchkey_store::{Channel, NewMessage};
use std::sync::Arc;

/// Why a send failed. `message` goes to the outbox row and the logs, so it is built from
/// status codes and error kinds only, never from the message's body, subject or code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SendError {
    /// Retrying cannot help (rejected address, 5xx, 4xx from the gateway): abandon now.
    pub permanent: bool,
    pub message: String,
}

impl SendError {
    pub fn permanent(message: impl Into<String>) -> Self {
        Self {
            permanent: true,
            message: message.into(),
        }
    }

    pub fn temporary(message: impl Into<String>) -> Self {
        Self {
            permanent: false,
            message: message.into(),
        }
    }
}

/// A transport that could not be set up from its configuration (bad URL, bad address).
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("invalid URL: {0}")]
    Url(String),
    #[error("invalid sender address: {0}")]
    From(String),
    #[error("transport setup failed: {0}")]
    Setup(String),
}

#[async_trait]
pub trait Transport: Send + Sync {
    async fn send(&self, msg: &NewMessage) -> Result<(), SendError>;
    /// A short name for logs ("smtp", "sms_webhook", "dev_mailbox").
    fn name(&self) -> &'static str;
}

/// The transports the worker uses: one per channel.
#[derive(Clone)]
pub struct Transports {
    pub email: Arc<dyn Transport>,
    pub sms: Arc<dyn Transport>,
}

impl Transports {
    /// One transport for both channels (the dev mailbox).
    pub fn single(transport: Arc<dyn Transport>) -> Self {
        Self {
            email: transport.clone(),
            sms: transport,
        }
    }

    pub fn for_channel(&self, channel: Channel) -> &Arc<dyn Transport> {
        match channel {
            Channel::Email => &self.email,
            Channel::Sms => &self.sms,
        }
    }
}

impl std::fmt::Debug for Transports {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transports")
            .field("email", &self.email.name())
            .field("sms", &self.sms.name())
            .finish()
    }
}

#[async_trait]
impl Transport for Transports {
    async fn send(&self, msg: &NewMessage) -> Result<(), SendError> {
        self.for_channel(msg.channel).send(msg).await
    }

    fn name(&self) -> &'static str {
        "by_channel"
    }
}
