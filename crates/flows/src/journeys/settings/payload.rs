//! The stored state of a contact change: the address being proved lives here, not in
//! `contacts`, until its code is right.

use crate::kernel::codes::{CodePayload, Delivery};
use latchkey_store::FlowKind;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct ContactChange {
    /// The address as typed (an email keeps its case; a phone is E.164).
    pub address: String,
    /// Another account held the address verified when the change started: no code was
    /// sent, and the flow can only expire.
    pub taken: bool,
    pub delivery: Delivery,
}

impl CodePayload for ContactChange {
    const KIND: FlowKind = FlowKind::ContactChange;

    fn delivery(&self) -> &Delivery {
        &self.delivery
    }
}
