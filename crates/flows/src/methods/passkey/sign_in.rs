//! Passwordless sign-in with a discoverable passkey: options for the browser (from a
//! button or conditional UI), then the assertion. A passkey with user verification is
//! two factors (something held, and the PIN or biometric that unlocked it): the session
//! is `aal2` and no second step follows.

use super::CHALLENGE_LIFETIME;
use crate::journeys::sign_in::{Identified, SignInMethod};
use crate::kernel::codes::{read_payload, write_payload};
use crate::{ClientInfo, FlowError, Flows};
use latchkey_domain::{Assurance, FlowId};
use latchkey_store::{ContactKind, CredentialKind, Flow, FlowKind, FlowState, IdentityState};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
pub(crate) struct ChallengePayload {
    pub state: serde_json::Value,
}

impl Flows {
    /// Stores a new ceremony state as a short flow; returns its id.
    pub(crate) async fn store_ceremony(
        &self,
        kind: FlowKind,
        identity: Option<latchkey_domain::IdentityId>,
        payload: serde_json::Value,
    ) -> Result<FlowId, FlowError> {
        let id = FlowId::new();
        self.store_short_flow(id, kind, identity, payload, CHALLENGE_LIFETIME)
            .await?;
        Ok(id)
    }

    /// Stores a flow without codes that lasts `lifetime` (a ceremony, a social sign-in).
    pub(crate) async fn store_short_flow(
        &self,
        id: FlowId,
        kind: FlowKind,
        identity: Option<latchkey_domain::IdentityId>,
        payload: serde_json::Value,
        lifetime: time::Duration,
    ) -> Result<(), FlowError> {
        let now = self.now();
        let flow = Flow {
            id,
            kind,
            state: FlowState::Active,
            identity_id: identity,
            identifier_key: identity.map(|i| i.to_string()).unwrap_or_default(),
            channel: ContactKind::Email,
            payload,
            failures: 0,
            created_at: now,
            expires_at: now + lifetime,
            last_sent_at: now,
            completed_at: None,
        };
        self.store.create_flow(&flow, None, &[]).await?;
        Ok(())
    }

    /// Spends a ceremony's flow (single use: of concurrent finishes, one gets it).
    pub(crate) async fn take_ceremony(
        &self,
        id: FlowId,
        kind: FlowKind,
    ) -> Result<Flow, FlowError> {
        let flow = self.open_flow(id, kind).await?;
        if !self.store.complete_flow(id, u32::MAX, self.now()).await? {
            return Err(FlowError::FlowExpired);
        }
        Ok(flow)
    }

    pub(crate) async fn passkey_sign_in_options(
        &self,
        client: &ClientInfo,
    ) -> Result<(FlowId, serde_json::Value), FlowError> {
        self.guard_code_check(client).await?;
        let (options, state) = self.passkeys()?.start_discoverable()?;
        let id = self
            .store_ceremony(
                FlowKind::PasskeyChallenge,
                None,
                write_payload(&ChallengePayload { state })?,
            )
            .await?;
        Ok((id, options))
    }
}

/// A discoverable passkey assertion as a way in.
pub(crate) struct PasskeySignIn<'a> {
    pub challenge: FlowId,
    pub credential: &'a serde_json::Value,
}

impl SignInMethod for PasskeySignIn<'_> {
    const METRIC: &'static str = "passkey";
    const SESSION_METHOD: &'static str = "passkey";

    fn assurance() -> Assurance {
        Assurance::passkey()
    }

    async fn identify(self, flows: &Flows, client: &ClientInfo) -> Result<Identified, FlowError> {
        flows.guard_code_check(client).await?;
        let flow = flows
            .take_ceremony(self.challenge, FlowKind::PasskeyChallenge)
            .await?;
        let payload: ChallengePayload = read_payload(&flow)?;
        let (user, credential_id) = flows.passkeys()?.identify(self.credential)?;
        let stored = flows
            .store
            .credential_by_lookup(CredentialKind::Webauthn, &credential_id)
            .await?
            .filter(|c| c.identity_id.0 == user)
            .ok_or(FlowError::InvalidCredential)?;
        let used = flows.passkeys()?.finish_discoverable(
            self.credential,
            &payload.state,
            std::slice::from_ref(&stored.secret),
        )?;
        flows
            .store
            .touch_credential(stored.id, used.updated.as_deref(), flows.now())
            .await?;
        let identity = flows
            .store
            .identity(stored.identity_id)
            .await?
            .ok_or(FlowError::InvalidCredential)?;
        if identity.state == IdentityState::Blocked {
            return Err(FlowError::AccountBlocked);
        }
        Ok(identity.into())
    }
}
