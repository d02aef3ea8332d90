//! The stored state of a registration flow, between the first step and the code. Field
//! names are the stored JSON's: rows written before this type existed still parse.

use crate::kernel::codes::{CodePayload, Delivery};
use latchkey_store::FlowKind;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Payload {
    pub delivery: Delivery,
    /// The email address as typed (normalized on use), if one was given.
    pub email: Option<String>,
    /// The language tag the account will keep.
    pub locale: Option<String>,
    pub name: Option<String>,
    /// Hashed at the first step (also for a taken identifier, so both cost the same).
    pub password_hash: Option<String>,
    /// E.164, if a phone number was given.
    pub phone: Option<String>,
}

impl CodePayload for Payload {
    const KIND: FlowKind = FlowKind::Registration;

    fn delivery(&self) -> &Delivery {
        &self.delivery
    }
}
