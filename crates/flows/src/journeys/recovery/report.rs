//! "This wasn't me": the link in every "password changed" notice.

use crate::{FlowError, Flows};
use latchkey_domain::secret::token_hash;

impl Flows {
    /// `POST /api/security/report`: "this wasn't me". Signs out every session and blocks
    /// sign-in until a recovery completes.
    pub(crate) async fn report_not_me(&self, token: &str) -> Result<(), FlowError> {
        if token.is_empty() || token.len() > 128 {
            return Err(FlowError::FlowExpired);
        }
        match self
            .store
            .use_report_token(&token_hash(token), self.now())
            .await?
        {
            Some(identity) => {
                // Devices trusted so far may be the attacker's: none is trusted any more.
                self.revoke_devices(identity).await?;
                self.store
                    .revoke_trusted_devices(identity, self.now())
                    .await?;
                tracing::warn!(identity.id = %identity, "owner reported an unwanted change; account blocked");
                self.record(
                    identity,
                    latchkey_domain::EventType::IdentityBlocked,
                    None,
                    serde_json::json!({"reason": "reported"}),
                )
                .await;
                Ok(())
            }
            None => Err(FlowError::FlowExpired),
        }
    }
}
