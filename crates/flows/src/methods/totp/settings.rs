//! TOTP in settings: enrol (a secret shown once as a QR code and as text, confirmed by a
//! first code), and remove. Both need the privileged window and tell the owner.

use crate::journeys::settings::messages::{FactorAdded, FactorRemoved};
use crate::kernel::codes::{read_payload, write_payload};
use crate::{Authenticated, FlowError, Flows};
use latchkey_domain::{FlowId, TotpSecret};
use latchkey_store::{ContactKind, Credential, CredentialKind, Flow, FlowKind, FlowState};
use serde::{Deserialize, Serialize};
use time::Duration;

/// How long an enrolment waits for its first code.
const ENROLMENT_LIFETIME: Duration = Duration::minutes(15);

/// What the enrolment shows, once.
#[derive(Debug, Clone)]
pub struct TotpEnrollment {
    pub enrollment_id: FlowId,
    /// Base32, for typing into the app by hand.
    pub secret: String,
    pub otpauth_uri: String,
    /// The URI as a QR code, an SVG document.
    pub qr_svg: String,
}

#[derive(Serialize, Deserialize)]
struct EnrolmentPayload {
    secret: String,
}

impl Flows {
    pub(crate) async fn start_totp(
        &self,
        auth: &Authenticated,
    ) -> Result<TotpEnrollment, FlowError> {
        self.require_privileged(auth)?;
        let identity = &auth.identity;
        let secret = TotpSecret::generate();
        let account = auth
            .view
            .display_address()
            .map(str::to_owned)
            .unwrap_or_else(|| identity.id.to_string());
        let uri = secret.otpauth_uri(&self.compose.sender_name, &account);
        let now = self.now();
        let flow = Flow {
            id: FlowId::new(),
            kind: FlowKind::TotpEnrollment,
            state: FlowState::Active,
            identity_id: Some(identity.id),
            identifier_key: identity.id.to_string(),
            channel: ContactKind::Email,
            payload: write_payload(&EnrolmentPayload {
                secret: secret.base32(),
            })?,
            failures: 0,
            created_at: now,
            expires_at: now + ENROLMENT_LIFETIME,
            last_sent_at: now,
            completed_at: None,
        };
        self.store.create_flow(&flow, None, &[]).await?;
        Ok(TotpEnrollment {
            enrollment_id: flow.id,
            secret: secret.base32(),
            qr_svg: latchkey_domain::totp::qr_svg(&uri),
            otpauth_uri: uri,
        })
    }

    /// Confirms an enrolment with a first code. Returns the recovery codes when this is
    /// the account's first second factor (shown once), else `None`.
    pub(crate) async fn confirm_totp(
        &self,
        auth: &Authenticated,
        enrollment: FlowId,
        code: &str,
    ) -> Result<Option<Vec<String>>, FlowError> {
        self.require_privileged(auth)?;
        let identity = &auth.identity;
        let flow = self.open_flow(enrollment, FlowKind::TotpEnrollment).await?;
        if flow.identity_id != Some(identity.id) {
            return Err(FlowError::FlowExpired);
        }
        let now = self.now();
        let max = self.codes.max_failures;
        let flow = self
            .store
            .reserve_flow_try(enrollment, max, now)
            .await?
            .ok_or(FlowError::FlowExpired)?;
        let payload: EnrolmentPayload = read_payload(&flow)?;
        let secret = TotpSecret::from_base32(&payload.secret).map_err(FlowError::internal)?;
        let Some(step) = secret.accepts(code, now) else {
            return Err(FlowError::InvalidCode {
                attempts_left: max.saturating_sub(flow.failures),
            });
        };
        if !self.store.complete_flow(enrollment, max, now).await? {
            return Err(FlowError::FlowExpired);
        }
        let credentials = self.store.credentials(identity.id).await?;
        let first_factor = !credentials
            .iter()
            .any(|c| matches!(c.kind, CredentialKind::Totp | CredentialKind::Webauthn));
        let contacts = self.store.contacts(identity.id).await?;
        let report_link = self.report_link(identity.id).await?;
        let notices = self.owner_notices(
            identity,
            &contacts,
            &FactorAdded {
                factor: "totp",
                report_link: &report_link,
            },
        );
        self.store
            .add_credential(
                &Credential {
                    id: uuid::Uuid::now_v7(),
                    identity_id: identity.id,
                    kind: CredentialKind::Totp,
                    secret: payload.secret,
                    data: serde_json::json!({}),
                    name: None,
                    lookup: None,
                    // The confirming code's step is spent too.
                    counter: step,
                    created_at: now,
                    updated_at: now,
                    last_used_at: Some(now),
                },
                &notices,
            )
            .await?;
        self.wake_courier();
        tracing::info!(identity.id = %identity.id, "TOTP enrolled");
        self.record(
            identity.id,
            latchkey_domain::EventType::MfaEnabled,
            None,
            serde_json::json!({"factor": "totp"}),
        )
        .await;
        let codes = if first_factor || self.store.recovery_codes_left(identity.id).await? == 0 {
            Some(self.issue_recovery_codes(identity).await?)
        } else {
            None
        };
        Ok(codes)
    }

    pub(crate) async fn remove_totp(&self, auth: &Authenticated) -> Result<(), FlowError> {
        self.require_privileged(auth)?;
        let identity = &auth.identity;
        let credentials = self.store.credentials(identity.id).await?;
        let Some(totp) = credentials.iter().find(|c| c.kind == CredentialKind::Totp) else {
            return Err(FlowError::NotFound);
        };
        let contacts = self.store.contacts(identity.id).await?;
        let report_link = self.report_link(identity.id).await?;
        let notices = self.owner_notices(
            identity,
            &contacts,
            &FactorRemoved {
                factor: "totp",
                report_link: &report_link,
            },
        );
        self.store
            .remove_credential(identity.id, totp.id, &notices)
            .await?;
        self.after_factor_removed(identity).await?;
        self.wake_courier();
        tracing::info!(identity.id = %identity.id, "TOTP removed");
        self.record(
            identity.id,
            latchkey_domain::EventType::MfaDisabled,
            None,
            serde_json::json!({"factor": "totp"}),
        )
        .await;
        Ok(())
    }

    /// With no second factor left, recovery codes and remembered devices mean nothing:
    /// they go too.
    pub(crate) async fn after_factor_removed(
        &self,
        identity: &latchkey_store::Identity,
    ) -> Result<(), FlowError> {
        let left = self.store.credentials(identity.id).await?;
        if !left
            .iter()
            .any(|c| matches!(c.kind, CredentialKind::Totp | CredentialKind::Webauthn))
        {
            self.store.delete_recovery_codes(identity.id).await?;
            self.store
                .revoke_trusted_devices(identity.id, self.now())
                .await?;
        }
        Ok(())
    }
}
