//! Recording security events (`latchkey_domain::EventType`, defined once): each journey
//! calls [`Flows::record`] after the change it reports. An event that cannot be written is
//! logged and does not undo or fail the change it describes.

use crate::{ClientInfo, Flows};
use latchkey_domain::{EventType, IdentityId};
use latchkey_store::Event;
use uuid::Uuid;

impl Flows {
    /// Records `kind` for `identity`, with the client's address and device when there is
    /// one, and `data` (never a secret, code or token).
    pub(crate) async fn record(
        &self,
        identity: IdentityId,
        kind: EventType,
        client: Option<&ClientInfo>,
        data: serde_json::Value,
    ) {
        let event = Event {
            id: Uuid::now_v7(),
            identity_id: identity,
            kind,
            at: self.now(),
            ip: client.and_then(|c| c.ip.clone()),
            user_agent: client.and_then(|c| c.user_agent.clone()),
            data,
            actor: None,
            outcome: kind.default_outcome(),
        };
        self.write_event(&event).await;
    }

    /// Writes an event built by the caller (the admin journey's, with its actor).
    pub(crate) async fn write_event(&self, event: &Event) {
        match self.store.record_event(event).await {
            // The event row is the webhooks' outbox entry (kernel/webhooks.rs).
            Ok(()) => self.webhooks.wake(),
            Err(e) => {
                tracing::error!(identity.id = %event.identity_id, event = event.kind.as_str(), error = %e, "security event not recorded");
            }
        }
    }

    /// [`Flows::record`] without waiting for it: for events on paths whose answer must
    /// take the same time whether the account exists (a wrong password).
    pub(crate) fn record_detached(
        &self,
        identity: IdentityId,
        kind: EventType,
        client: &ClientInfo,
        data: serde_json::Value,
    ) {
        let flows = self.clone();
        let client = client.clone();
        tokio::spawn(async move { flows.record(identity, kind, Some(&client), data).await });
    }

    /// The account's own recent events, newest first: the ones its owner sees (an
    /// operator's reads and notes are the shop's audit trail, not the owner's activity).
    pub(crate) async fn recent_events(
        &self,
        identity: IdentityId,
        limit: u32,
    ) -> Result<Vec<Event>, crate::FlowError> {
        let mut events = self.store.events(identity, limit).await?;
        events.retain(|e| e.kind.user_visible());
        Ok(events)
    }
}
