//! The code method at registration: the code proves the contact, and the journey then
//! creates the account.

use crate::{ClientInfo, FlowError, Flows, SignedIn};
use latchkey_domain::FlowId;
use latchkey_store::FlowKind;

impl Flows {
    pub(crate) async fn complete_registration(
        &self,
        flow_id: FlowId,
        code: &str,
        client: &ClientInfo,
    ) -> Result<SignedIn, FlowError> {
        let flow = self
            .redeem_code(flow_id, FlowKind::Registration, code, client)
            .await?;
        self.finish_registration(&flow, client).await
    }
}
