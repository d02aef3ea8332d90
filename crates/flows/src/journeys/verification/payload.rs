//! The stored state of a verification flow. Field names are the stored JSON's: rows
//! written before this type existed still parse.

use crate::kernel::codes::{CodePayload, Delivery};
use latchkey_store::FlowKind;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Payload {
    /// The one unverified claim this flow would verify; `None` (null): nothing to
    /// verify, the code goes nowhere.
    pub contact_id: Option<Uuid>,
    pub delivery: Delivery,
}

impl CodePayload for Payload {
    const KIND: FlowKind = FlowKind::Verification;

    fn delivery(&self) -> &Delivery {
        &self.delivery
    }
}
