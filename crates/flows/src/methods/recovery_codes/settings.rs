//! Recovery codes in settings: a new set, on request (needs the privileged window and a
//! second factor to back up).

use crate::journeys::settings::messages::FactorAdded;
use crate::{Authenticated, FlowError, Flows};
use latchkey_store::CredentialKind;

impl Flows {
    pub(crate) async fn regenerate_recovery_codes(
        &self,
        auth: &Authenticated,
    ) -> Result<Vec<String>, FlowError> {
        self.require_privileged(auth)?;
        let identity = &auth.identity;
        let credentials = self.store.credentials(identity.id).await?;
        if !credentials
            .iter()
            .any(|c| matches!(c.kind, CredentialKind::Totp | CredentialKind::Webauthn))
        {
            // Codes back up a second factor; without one they would be a way around
            // nothing.
            return Err(FlowError::InvalidInput {
                field: "second_factor",
            });
        }
        let codes = self.issue_recovery_codes(identity).await?;
        let contacts = self.store.contacts(identity.id).await?;
        let report_link = self.report_link(identity.id).await?;
        let notices = self.owner_notices(
            identity,
            &contacts,
            &FactorAdded {
                factor: "recovery_codes",
                report_link: &report_link,
            },
        );
        self.store.enqueue_messages(&notices).await?;
        self.wake_courier();
        Ok(codes)
    }
}
