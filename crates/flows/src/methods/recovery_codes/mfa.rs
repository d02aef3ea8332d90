//! A recovery code as the second step: spent once, and the owner is told (with how many
//! are left) in the same transaction.

use super::digest;
use crate::journeys::mfa::SecondFactor;
use crate::journeys::mfa::messages::RecoveryCodeUsed;
use crate::{ClientInfo, FlowError, Flows};
use latchkey_domain::recovery_codes::normalize;
use latchkey_store::{Flow, Identity};

pub(crate) struct RecoveryCodeFactor<'a> {
    pub code: &'a str,
}

impl SecondFactor for RecoveryCodeFactor<'_> {
    fn method(&self) -> &'static str {
        "recovery_code"
    }

    async fn verify(
        self,
        flows: &Flows,
        _ticket: &Flow,
        identity: &Identity,
        _client: &ClientInfo,
    ) -> Result<(), FlowError> {
        let Some(normalized) = normalize(self.code) else {
            return Err(FlowError::InvalidCode { attempts_left: 0 });
        };
        let left = flows.store.recovery_codes_left(identity.id).await?;
        let contacts = flows.store.contacts(identity.id).await?;
        let report_link = flows.report_link(identity.id).await?;
        let notices = flows.owner_notices(
            identity,
            &contacts,
            &RecoveryCodeUsed {
                left: left.saturating_sub(1),
                report_link: &report_link,
            },
        );
        let spent = flows
            .store
            .use_recovery_code(
                identity.id,
                &digest(identity, &normalized),
                flows.now(),
                &notices,
            )
            .await?;
        if !spent {
            return Err(FlowError::InvalidCode { attempts_left: 0 });
        }
        flows.wake_courier();
        tracing::info!(identity.id = %identity.id, "recovery code used");
        Ok(())
    }
}
