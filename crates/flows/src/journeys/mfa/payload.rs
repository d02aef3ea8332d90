//! The stored state of a second step (the MFA ticket): what the first factor proved, the
//! methods the account may finish with, and, once a passkey was asked for, the WebAuthn
//! state of that assertion.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct TicketPayload {
    /// The methods of the first step (`amr` so far).
    pub first: Vec<String>,
    /// The second-step methods this ticket accepts (`totp`, `passkey`, `recovery_code`,
    /// `sms`, `email`).
    pub methods: Vec<String>,
    /// The account's language, for the code a second step sends.
    pub locale: latchkey_i18n::Locale,
    /// The state of the passkey assertion asked for with this ticket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passkey_state: Option<serde_json::Value>,
}
