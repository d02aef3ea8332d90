//! Signed webhooks (#13) as the console and the admin API see them: the configured
//! endpoints, the delivery log, and a test event. Events become deliveries without any
//! flow's help: [`Flows::record`] writes the event row, which is the webhooks' outbox
//! entry, and wakes the webhook worker (`latchkey_courier::webhooks`).

use crate::{FlowError, Flows};
use latchkey_store::WebhookDelivery;

impl Flows {
    /// The configured endpoints' URLs, in the config's order.
    pub fn webhook_endpoints(&self) -> Vec<String> {
        self.webhooks.urls()
    }

    /// The delivery log: the newest deliveries first, at most `limit`.
    pub async fn webhook_deliveries(&self, limit: u32) -> Result<Vec<WebhookDelivery>, FlowError> {
        Ok(self.store.recent_deliveries(limit).await?)
    }

    /// Sends a `webhook.test` event to the endpoint `url` only, through the same
    /// deliveries (signed, retried, in the log). `NotFound` when no endpoint has that URL.
    pub async fn send_test_webhook(&self, url: &str) -> Result<(), FlowError> {
        let delivery = self
            .webhooks
            .test_delivery(url, self.now())
            .ok_or(FlowError::NotFound)?;
        self.store.enqueue_delivery(&delivery).await?;
        self.webhooks.wake();
        Ok(())
    }
}
