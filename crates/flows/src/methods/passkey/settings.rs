//! Passkeys in settings: create one (options, then the browser's credential), name it,
//! list them, remove one, never the account's last way in. Each change needs the
//! privileged window and tells the owner.

use super::PasskeyView;
use crate::journeys::settings::messages::{FactorAdded, FactorRemoved};
use crate::kernel::codes::{read_payload, write_payload};
use crate::{Authenticated, FlowError, Flows};
use latchkey_domain::FlowId;
use latchkey_store::{Credential, CredentialKind, FlowKind, StoreError};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

const MAX_NAME: usize = 64;

#[derive(Serialize, Deserialize)]
struct RegistrationPayload {
    state: serde_json::Value,
    name: String,
}

impl Flows {
    pub(crate) async fn passkey_registration_options(
        &self,
        auth: &Authenticated,
        name: Option<&str>,
    ) -> Result<(FlowId, serde_json::Value), FlowError> {
        self.require_privileged(auth)?;
        let identity = &auth.identity;
        let name = name.map(str::trim).filter(|n| !n.is_empty());
        if name.is_some_and(|n| n.chars().count() > MAX_NAME) {
            return Err(FlowError::InvalidInput { field: "name" });
        }
        let existing = self.store.credentials(identity.id).await?;
        let exclude: Vec<String> = existing
            .iter()
            .filter(|c| c.kind == CredentialKind::Webauthn)
            .filter_map(|c| c.lookup.clone())
            .collect();
        let user_name = auth
            .view
            .display_address()
            .map(str::to_owned)
            .unwrap_or_else(|| identity.id.to_string());
        let display = identity.name.clone().unwrap_or_else(|| user_name.clone());
        let (options, state) =
            self.passkeys()?
                .start_registration(identity.id.0, &user_name, &display, &exclude)?;
        let name = name
            .map(str::to_owned)
            .unwrap_or_else(|| format!("Passkey {}", exclude.len() + 1));
        let id = self
            .store_ceremony(
                FlowKind::PasskeyRegistration,
                Some(identity.id),
                write_payload(&RegistrationPayload { state, name })?,
            )
            .await?;
        Ok((id, options))
    }

    pub(crate) async fn add_passkey(
        &self,
        auth: &Authenticated,
        registration: FlowId,
        credential: &serde_json::Value,
    ) -> Result<PasskeyView, FlowError> {
        self.require_privileged(auth)?;
        let identity = &auth.identity;
        let flow = self
            .take_ceremony(registration, FlowKind::PasskeyRegistration)
            .await?;
        if flow.identity_id != Some(identity.id) {
            return Err(FlowError::FlowExpired);
        }
        let payload: RegistrationPayload = read_payload(&flow)?;
        let new = self
            .passkeys()?
            .finish_registration(credential, &payload.state)?;
        let now = self.now();
        let stored = Credential {
            id: Uuid::now_v7(),
            identity_id: identity.id,
            kind: CredentialKind::Webauthn,
            secret: new.passkey,
            data: serde_json::json!({}),
            name: Some(payload.name),
            lookup: Some(new.credential_id),
            counter: 0,
            created_at: now,
            updated_at: now,
            last_used_at: None,
        };
        let contacts = self.store.contacts(identity.id).await?;
        let report_link = self.report_link(identity.id).await?;
        let notices = self.owner_notices(
            identity,
            &contacts,
            &FactorAdded {
                factor: "passkey",
                report_link: &report_link,
            },
        );
        match self.store.add_credential(&stored, &notices).await {
            Ok(()) => {}
            Err(StoreError::Conflict(_)) => return Err(FlowError::AlreadyRegistered),
            Err(e) => return Err(e.into()),
        }
        self.wake_courier();
        tracing::info!(identity.id = %identity.id, "passkey added");
        self.record(
            identity.id,
            latchkey_domain::EventType::MfaEnabled,
            None,
            serde_json::json!({"factor": "passkey"}),
        )
        .await;
        Ok(PasskeyView::from(&stored))
    }

    pub(crate) async fn remove_passkey(
        &self,
        auth: &Authenticated,
        id: Uuid,
    ) -> Result<(), FlowError> {
        self.require_privileged(auth)?;
        let identity = &auth.identity;
        let credentials = self.store.credentials(identity.id).await?;
        if !credentials
            .iter()
            .any(|c| c.id == id && c.kind == CredentialKind::Webauthn)
        {
            return Err(FlowError::NotFound);
        }
        let contacts = self.store.contacts(identity.id).await?;
        if !self.other_way_in(&credentials, &contacts, &[id]) {
            return Err(FlowError::LastMethod);
        }
        let report_link = self.report_link(identity.id).await?;
        let notices = self.owner_notices(
            identity,
            &contacts,
            &FactorRemoved {
                factor: "passkey",
                report_link: &report_link,
            },
        );
        if !self
            .store
            .remove_credential(identity.id, id, &notices)
            .await?
        {
            return Err(FlowError::NotFound);
        }
        self.after_factor_removed(identity).await?;
        self.wake_courier();
        tracing::info!(identity.id = %identity.id, "passkey removed");
        self.record(
            identity.id,
            latchkey_domain::EventType::MfaDisabled,
            None,
            serde_json::json!({"factor": "passkey"}),
        )
        .await;
        Ok(())
    }
}
