//! A passkey as the second step: the options are bound to the ticket (its account's
//! passkeys, the state kept on the ticket), then the assertion finishes it.

use crate::journeys::mfa::SecondFactor;
use crate::journeys::mfa::payload::TicketPayload;
use crate::kernel::codes::{read_payload, write_payload};
use crate::{ClientInfo, FlowError, Flows};
use latchkey_domain::FlowId;
use latchkey_store::{CredentialKind, Flow, Identity};

impl Flows {
    /// `POST /api/sessions/passkey/options {"mfa_ticket"}`.
    pub(crate) async fn passkey_mfa_options(
        &self,
        ticket: FlowId,
    ) -> Result<serde_json::Value, FlowError> {
        let (_, mut payload, identity) = self.open_ticket(ticket).await?;
        if !payload.methods.iter().any(|m| m == "passkey") {
            return Err(FlowError::InvalidInput {
                field: "mfa_ticket",
            });
        }
        let passkeys: Vec<String> = self
            .store
            .credentials(identity.id)
            .await?
            .into_iter()
            .filter(|c| c.kind == CredentialKind::Webauthn)
            .map(|c| c.secret)
            .collect();
        let (options, state) = self.passkeys()?.start_second_factor(&passkeys)?;
        payload.passkey_state = Some(state);
        if !self
            .store
            .set_flow_payload(ticket, &write_payload(&payload)?, self.now())
            .await?
        {
            return Err(FlowError::FlowExpired);
        }
        Ok(options)
    }
}

pub(crate) struct PasskeyFactor<'a> {
    pub credential: &'a serde_json::Value,
}

impl SecondFactor for PasskeyFactor<'_> {
    fn method(&self) -> &'static str {
        "passkey"
    }

    async fn verify(
        self,
        flows: &Flows,
        ticket: &Flow,
        identity: &Identity,
        _client: &ClientInfo,
    ) -> Result<(), FlowError> {
        let payload: TicketPayload = read_payload(ticket)?;
        let Some(state) = payload.passkey_state else {
            return Err(FlowError::InvalidCode { attempts_left: 0 });
        };
        let credentials: Vec<_> = flows
            .store
            .credentials(identity.id)
            .await?
            .into_iter()
            .filter(|c| c.kind == CredentialKind::Webauthn)
            .collect();
        let secrets: Vec<String> = credentials.iter().map(|c| c.secret.clone()).collect();
        let used = match flows
            .passkeys()?
            .finish_second_factor(self.credential, &state, &secrets)
        {
            Ok(used) => used,
            // A wrong assertion counts as a wrong second factor.
            Err(_) => return Err(FlowError::InvalidCode { attempts_left: 0 }),
        };
        if let Some(stored) = credentials
            .iter()
            .find(|c| c.lookup.as_deref() == Some(used.credential_id.as_str()))
        {
            flows
                .store
                .touch_credential(stored.id, used.updated.as_deref(), flows.now())
                .await?;
        }
        Ok(())
    }
}
