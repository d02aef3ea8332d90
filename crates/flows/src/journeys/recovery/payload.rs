//! The stored state of a recovery flow. Field names are the stored JSON's: rows written
//! before this type existed still parse.

use crate::kernel::codes::{CodePayload, Delivery};
use latchkey_store::{ContactKind, FlowKind};
use serde::{Deserialize, Serialize};

/// What a recovery flow does for its identifier; kept in the flow's payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Mode {
    /// Codes (and links) go to the account's contacts.
    Reset,
    /// No password: the account's methods are named instead.
    Hint,
    /// Blocked by support: the owner is pointed to support.
    Blocked,
    /// No account.
    Unknown,
}

/// A message other than a code that a recovery flow sends at start and at each resend.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Notice {
    pub to: String,
    pub channel: ContactKind,
}

/// The flow payload of a recovery flow.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Payload {
    pub mode: Mode,
    pub delivery: Delivery,
    #[serde(default)]
    pub notice: Option<Notice>,
    #[serde(default)]
    pub methods: Vec<String>,
    /// The address the person typed for "send it to my … instead" (normalized key), where
    /// codes go from then on; `None`: the identifier itself.
    #[serde(default)]
    pub destination: Option<String>,
}

impl CodePayload for Payload {
    const KIND: FlowKind = FlowKind::Recovery;

    fn delivery(&self) -> &Delivery {
        &self.delivery
    }
}
