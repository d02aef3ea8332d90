//! The revert link a primary-email change sends the old address (`/revert?token=…`): the
//! page shows what it would undo (nothing changes on a GET), and the form's POST puts the
//! old address back as the primary email, removes the address that replaced it and ends
//! every session of the account. The token works once, for 7 days; only its SHA-256 is
//! stored.

use super::contacts::locale_of;
use super::messages::EmailReverted;
use crate::kernel::codes::channel_of;
use crate::{ClientInfo, FlowError, Flows};
use latchkey_domain::EventType;
use latchkey_domain::secret::token_hash;
use latchkey_store::{ContactKind, EmailRevert, StoreError};
use serde_json::json;

/// What a revert link would undo, as its confirm page shows it.
#[derive(Debug, Clone)]
pub struct RevertPreview {
    /// The address that becomes the primary email again.
    pub old_address: String,
    /// The address that goes (`None`: already removed).
    pub new_address: Option<String>,
}

impl Flows {
    /// The live revert row behind `token`, else `LinkInvalid`.
    async fn live_revert(&self, token: &str) -> Result<EmailRevert, FlowError> {
        let row = self
            .store
            .email_revert(&token_hash(token))
            .await?
            .filter(|r| r.used_at.is_none() && self.now() < r.expires_at)
            .ok_or(FlowError::LinkInvalid)?;
        Ok(row)
    }

    async fn revert_addresses(&self, row: &EmailRevert) -> Result<Option<String>, FlowError> {
        Ok(self
            .store
            .contacts(row.identity_id)
            .await?
            .into_iter()
            .find(|c| c.id == row.new_contact_id)
            .map(|c| c.address))
    }
}

/// `flows.revert()`: the revert link's page.
#[derive(Clone, Copy)]
pub struct Revert<'a>(&'a Flows);

impl Flows {
    pub fn revert(&self) -> Revert<'_> {
        Revert(self)
    }
}

impl Revert<'_> {
    /// What the link would undo; changes nothing. `LinkInvalid` when used, expired or
    /// unknown.
    pub async fn preview(&self, token: &str) -> Result<RevertPreview, FlowError> {
        let row = self.0.live_revert(token).await?;
        Ok(RevertPreview {
            new_address: self.0.revert_addresses(&row).await?,
            old_address: row.old_address,
        })
    }

    /// Uses the link: of simultaneous uses exactly one passes; the others (and any later
    /// one) get `LinkInvalid`. Both addresses are told.
    pub async fn apply(&self, token: &str, client: &ClientInfo) -> Result<(), FlowError> {
        let flows = self.0;
        let row = flows.live_revert(token).await?;
        let new_address = flows.revert_addresses(&row).await?;
        let locale = flows
            .store
            .identity(row.identity_id)
            .await?
            .map(|i| locale_of(&i))
            .unwrap_or_default();
        let now = flows.now();
        let message = EmailReverted {
            address: &row.old_address,
        };
        let messages: Vec<_> = std::iter::once(row.old_address.as_str())
            .chain(new_address.as_deref())
            .map(|to| {
                latchkey_courier::compose(
                    &flows.compose,
                    &message,
                    channel_of(ContactKind::Email),
                    to,
                    locale,
                    now,
                )
            })
            .collect();
        match flows
            .store
            .use_email_revert(&row.token_hash, now, &messages)
            .await
        {
            Ok(Some(_)) => {}
            Ok(None) => return Err(FlowError::LinkInvalid),
            // Someone else proved the old address meanwhile: it cannot come back.
            Err(StoreError::Conflict(_)) => return Err(FlowError::LinkInvalid),
            Err(e) => return Err(e.into()),
        }
        flows.wake_courier();
        tracing::info!(identity.id = %row.identity_id, "primary email change reverted; every session ended");
        flows
            .record(
                row.identity_id,
                EventType::EmailChanged,
                Some(client),
                json!({"by": "revert"}),
            )
            .await;
        Ok(())
    }
}
