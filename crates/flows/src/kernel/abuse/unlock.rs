//! Unlock links: the owner's way out of a lockout, from the notice sent when it locked.

use crate::{ClientInfo, FlowError, Flows};
use latchkey_domain::secret::token_hash;

impl Flows {
    /// Whether an unlock link's token is live (the GET page shows the button or says
    /// it expired; only the POST spends it).
    pub(crate) async fn unlock_link_valid(&self, token: &str) -> Result<bool, FlowError> {
        if token.is_empty() || token.len() > 128 {
            return Ok(false);
        }
        Ok(self
            .store
            .unlock_token(&token_hash(token), self.now())
            .await?
            .is_some())
    }

    /// Spends an unlock link: the account's lockout ends and this client gets a device
    /// token (returned, to set as the cookie).
    pub(crate) async fn unlock_with(
        &self,
        token: &str,
        client: &ClientInfo,
    ) -> Result<String, FlowError> {
        if token.is_empty() || token.len() > 128 {
            return Err(FlowError::LinkInvalid);
        }
        let identity = self
            .store
            .consume_unlock_token(&token_hash(token), self.now())
            .await?
            .ok_or(FlowError::LinkInvalid)?;
        self.clear_lockout(identity).await?;
        tracing::info!(identity.id = %identity, "account unlocked by link");
        self.record(
            identity,
            latchkey_domain::EventType::IdentityUnlocked,
            Some(client),
            serde_json::json!({"by": "unlock_link"}),
        )
        .await;
        self.device_token_for(identity, client.device_token.as_deref())
            .await
    }
}

/// `flows.unlock()`: the unlock link of a lock notice.
#[derive(Clone, Copy)]
pub struct Unlock<'a>(&'a Flows);

impl Flows {
    pub fn unlock(&self) -> Unlock<'_> {
        Unlock(self)
    }
}

impl Unlock<'_> {
    /// Whether the link's token is live (the GET page shows the button or says it
    /// expired; only the POST spends it).
    pub async fn link_valid(&self, token: &str) -> Result<bool, FlowError> {
        self.0.unlock_link_valid(token).await
    }

    /// Spends the link: the account's lockout ends and this client gets a device token
    /// (returned, to set as the cookie).
    pub async fn spend(&self, token: &str, client: &ClientInfo) -> Result<String, FlowError> {
        self.0.unlock_with(token, client).await
    }
}
