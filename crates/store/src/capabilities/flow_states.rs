//! Flow state: flows that span requests, their codes, the reservation of a try and
//! completion, and the recovery flow.

use crate::Result;
use crate::model::{ContactKind, Flow, FlowCode, FlowKind, NewMessage, ResetToken};
use async_trait::async_trait;
use latchkey_domain::ids::{FlowId, IdentityId};
use time::OffsetDateTime;

#[async_trait]
pub trait FlowStates: Send + Sync {
    /// Creates a flow, with its first code if any, and the messages.
    async fn create_flow(
        &self,
        flow: &Flow,
        code: Option<&FlowCode>,
        messages: &[NewMessage],
    ) -> Result<()>;
    async fn flow(&self, id: FlowId) -> Result<Option<Flow>>;
    /// Adds a code to a flow (a resend), sets `last_sent_at`, writes the messages.
    async fn add_flow_code(
        &self,
        flow: FlowId,
        code: &FlowCode,
        messages: &[NewMessage],
    ) -> Result<()>;
    /// The flow's codes, newest first.
    async fn flow_codes(&self, flow: FlowId) -> Result<Vec<FlowCode>>;
    /// Reserves one try of the flow before its code is judged, in one statement: counts it
    /// as a failure when the flow is active, unexpired at `now` and below `max` failures,
    /// and returns the flow as it is after the reservation; `None` when no try is left.
    /// Of any number of concurrent guesses, at most `max` are ever judged.
    async fn reserve_flow_try(
        &self,
        flow: FlowId,
        max: u32,
        now: OffsetDateTime,
    ) -> Result<Option<Flow>>;
    /// Moves an active flow to completed after a right code, giving back that code's
    /// reserved try; refuses a flow past `max` failures. Returns false when another
    /// request already completed it (exactly one caller wins a race on the same code).
    async fn complete_flow(&self, flow: FlowId, max: u32, now: OffsetDateTime) -> Result<bool>;
    /// Ends every active flow of `kind` for this address (`channel`, normalized `key`) that
    /// belongs to another identity than `keeper`, in one statement, and returns them as
    /// they were: a pending change to an address is void once someone else proves it.
    async fn void_flows_for_address(
        &self,
        kind: FlowKind,
        channel: ContactKind,
        key: &str,
        keeper: IdentityId,
        now: OffsetDateTime,
    ) -> Result<Vec<Flow>>;
    /// Replaces the payload of an active, unexpired flow (a second step that asked for a
    /// passkey keeps the assertion's state on its ticket). False when the flow is not
    /// active any more.
    async fn set_flow_payload(
        &self,
        flow: FlowId,
        payload: &serde_json::Value,
        now: OffsetDateTime,
    ) -> Result<bool>;
    /// Creates a recovery flow with its first code, the reset-link token when the code
    /// goes out by email, and the messages, in one transaction.
    async fn create_recovery_flow(
        &self,
        flow: &Flow,
        code: &FlowCode,
        link: Option<&ResetToken>,
        messages: &[NewMessage],
    ) -> Result<()>;
    /// A resend, possibly on another channel: sets the flow's channel, payload and
    /// `last_sent_at`, adds the code and the link token if any, writes the messages.
    async fn add_recovery_code(
        &self,
        flow: FlowId,
        channel: ContactKind,
        payload: &serde_json::Value,
        code: &FlowCode,
        link: Option<&ResetToken>,
        messages: &[NewMessage],
    ) -> Result<()>;
}
