//! The code method in verification: a right code verifies the contact, and other
//! accounts' claims of the address go ("verifying wins").

use crate::journeys::verification::payload::Payload;
use crate::kernel::codes::read_payload;
use crate::{ClientInfo, FlowError, Flows};
use latchkey_domain::FlowId;
use latchkey_store::{FlowKind, StoreError};

impl Flows {
    pub(crate) async fn complete_verification(
        &self,
        flow_id: FlowId,
        code: &str,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        let flow = self
            .redeem_code(flow_id, FlowKind::Verification, code, client)
            .await?;
        let payload: Payload = read_payload(&flow)?;
        let contact = payload.contact_id.ok_or(FlowError::FlowExpired)?;
        let identity = flow.identity_id.ok_or(FlowError::FlowExpired)?;
        let kind = flow.channel;
        let dropped = self
            .claim_holders(kind, &flow.identifier_key, identity)
            .await?;
        let notices = self
            .claims_released_notices(kind, &flow.identifier_key, identity)
            .await?;
        match self.store.verify_contact(contact, &notices).await {
            Ok(()) => {}
            // Another account verified the address meanwhile: it is theirs.
            Err(StoreError::Conflict(_) | StoreError::NotFound) => {
                return Err(FlowError::FlowExpired);
            }
            Err(e) => return Err(e.into()),
        }
        if !notices.is_empty() {
            self.wake_courier();
        }
        self.address_proved(kind, &flow.identifier_key, identity, &dropped)
            .await?;
        Ok(())
    }
}
