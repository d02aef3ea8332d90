//! The courier: composing messages, the outbox worker and its transports.
//!
//! A message is a struct implementing [`Message`], defined beside the flow that sends it
//! (in `latchkey-flows`, never here); flows call [`compose`] to render one in the
//! recipient's locale and hand the result to the store in the same transaction as the
//! change that caused it; the [`Courier`] worker delivers it later, with retries, to
//! `sent` or `abandoned`. [`WebhookWorker`] is the same for signed webhooks: the events
//! table is their outbox (`webhooks`).
//!
//! Wiring, as `latchkey serve` does it:
//!
//! ```ignore
//! let email: Arc<dyn Transport> = match &config.smtp_url {
//!     Some(url) => Arc::new(SmtpTransport::from_url(url, &config.smtp_from)?.with_sender_name(&name)),
//!     None => Arc::new(DevMailbox::new(store.clone())), // dev mode only
//! };
//! let sms: Arc<dyn Transport> = match &config.sms_url {
//!     Some(url) => Arc::new(SmsWebhook::new(url)?),
//!     None => Arc::new(DevMailbox::new(store.clone())),
//! };
//! let courier = Courier::new(store, Transports { email, sms }, clock, CourierPolicy::default());
//! let notify = courier.notifier(); // flows: notify.notify_one() after enqueueing
//! tokio::spawn(courier.run(shutdown_signal));
//! ```

pub mod brand;
pub mod layout;
pub mod mailbox;
pub mod sms;
pub mod smtp;
pub mod templates;
pub mod transport;
pub mod webhooks;
pub mod worker;

pub use brand::MailBrand;
pub use layout::{Button, Layout};
pub use mailbox::DevMailbox;
pub use sms::SmsWebhook;
pub use smtp::SmtpTransport;
pub use templates::{ComposeContext, Message, MessageLifetimes, Strings, compose, method_name};
pub use transport::{ConfigError, SendError, Transport, Transports};
pub use webhooks::{
    WebhookConfig, WebhookConfigError, WebhookDeliveryConfig, WebhookEndpoints, WebhookPolicy,
    WebhookReport, WebhookWorker,
};
pub use worker::{Courier, CourierConfig, CourierPolicy, DrainReport};
