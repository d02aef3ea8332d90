//! The stored state of a sign-in-by-code flow: only where its codes go. The field name is
//! the stored JSON's: rows written before this type existed still parse.

use crate::kernel::codes::{CodePayload, Delivery};
use latchkey_store::FlowKind;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Payload {
    pub delivery: Delivery,
}

impl CodePayload for Payload {
    const KIND: FlowKind = FlowKind::LoginCode;

    fn delivery(&self) -> &Delivery {
        &self.delivery
    }
}
