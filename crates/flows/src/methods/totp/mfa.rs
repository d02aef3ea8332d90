//! A TOTP code as the second step.

use crate::journeys::mfa::SecondFactor;
use crate::{ClientInfo, FlowError, Flows};
use latchkey_store::{Flow, Identity};

pub(crate) struct TotpFactor<'a> {
    pub code: &'a str,
}

impl SecondFactor for TotpFactor<'_> {
    fn method(&self) -> &'static str {
        "totp"
    }

    async fn verify(
        self,
        flows: &Flows,
        _ticket: &Flow,
        identity: &Identity,
        _client: &ClientInfo,
    ) -> Result<(), FlowError> {
        let credentials = flows.store.credentials(identity.id).await?;
        flows.check_totp(identity, &credentials, self.code).await
    }
}
