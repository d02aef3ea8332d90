//! The password method in recovery: the reset a reset token allows. Completing it ends
//! every session, the lockout and every device's trust, and tells every verified contact.

use crate::journeys::recovery::{ResetTarget, mask};
use crate::{FlowError, Flows};
use latchkey_domain::Password;
use latchkey_domain::secret::token_hash;
use latchkey_store::{Contact, ContactKind, Credential, CredentialKind, Identity};
use latchkey_store::{PasswordReset, ResetToken, TokenPurpose};

impl Flows {
    /// The live reset token and its account, or `FlowExpired`. Uses nothing.
    async fn live_reset_token(
        &self,
        token: &str,
    ) -> Result<(ResetToken, Identity, Vec<Contact>, Vec<Credential>), FlowError> {
        if token.is_empty() || token.len() > 128 {
            return Err(FlowError::FlowExpired);
        }
        let row = self
            .store
            .reset_token(&token_hash(token))
            .await?
            .filter(|t| {
                t.purpose == TokenPurpose::Reset && t.used_at.is_none() && self.now() < t.expires_at
            })
            .ok_or(FlowError::FlowExpired)?;
        let identity = self
            .store
            .identity(row.identity_id)
            .await?
            .ok_or(FlowError::FlowExpired)?;
        let contacts = self.store.contacts(identity.id).await?;
        let credentials = self.store.credentials(identity.id).await?;
        let stamp = credentials
            .iter()
            .find(|c| c.kind == CredentialKind::Password)
            .map(|c| c.updated_at);
        // The password changed since the token was issued: the token is void.
        if stamp != row.credential_stamp || !self.recoverable(&identity).await? {
            return Err(FlowError::FlowExpired);
        }
        Ok((row, identity, contacts, credentials))
    }

    /// What the reset-link page shows (`GET /recovery/link`); uses nothing, since mail
    /// scanners fetch links too.
    pub(crate) async fn inspect_reset_token(&self, token: &str) -> Result<ResetTarget, FlowError> {
        let (_, _, contacts, _) = self.live_reset_token(token).await?;
        let masked = contacts
            .iter()
            .filter(|c| c.verified)
            .min_by_key(|c| (c.kind != ContactKind::Email, !c.primary))
            .map(|c| mask(c.kind, &c.address_key))
            .unwrap_or_default();
        Ok(ResetTarget { masked })
    }

    /// `POST /api/recovery/reset`: sets the new password with a reset token. Every session
    /// of the account ends; every verified contact gets a "password changed" notice; the
    /// account's lockout ends; the client that completed the reset gets a device token
    /// (set it as `latchkey_device`).
    pub(crate) async fn reset_password(
        &self,
        token: &str,
        new_password: &str,
        client: &crate::ClientInfo,
    ) -> Result<String, FlowError> {
        Ok(self.reset(token, new_password, client).await?.device_token)
    }

    /// `POST /api/recovery/reset {"sign_in": true}`: the reset, then a sign-in on this
    /// device through the same gate as every way in, so a reset never skips the second
    /// factor. What proved the person is the code or link the recovery sent: its channel
    /// is no second factor then.
    pub(crate) async fn reset_and_sign_in(
        &self,
        token: &str,
        new_password: &str,
        client: &crate::ClientInfo,
    ) -> Result<crate::SignInOutcome, FlowError> {
        let done = self.reset(token, new_password, client).await?;
        let mut client = client.clone();
        client.device_token = Some(done.device_token);
        let first = latchkey_domain::Assurance::one_factor("recovery");
        let result = self
            .after_first_factor(&done.identity, first, done.via, &client)
            .await;
        crate::kernel::metrics::sign_in("recovery", &result);
        result
    }

    async fn reset(
        &self,
        token: &str,
        new_password: &str,
        client: &crate::ClientInfo,
    ) -> Result<ResetDone, FlowError> {
        let (row, identity, contacts, credentials) = self.live_reset_token(token).await?;
        let password = Password::new(new_password);
        let mut inputs: Vec<&str> = contacts.iter().map(|c| c.address.as_str()).collect();
        if let Some(name) = &identity.name {
            inputs.push(name);
        }
        let problems = self.passwords.check(&password, &inputs);
        if !problems.is_empty() {
            return Err(FlowError::WeakPassword(problems));
        }
        let current = credentials
            .iter()
            .find(|c| c.kind == CredentialKind::Password);
        if let Some(current) = current
            && matches!(
                self.hasher.verify(&password, &current.secret).await?,
                crate::kernel::hashing::Verdict::Match { .. }
            )
        {
            return Err(FlowError::WeakPassword(vec![
                latchkey_domain::PasswordProblem::SameAsCurrent,
            ]));
        }
        let secret = self.hasher.hash(&password).await?;
        let now = self.now();
        let (report_row, messages) =
            self.password_changed_notices(&identity, &contacts, row.flow_id);
        let done = self
            .store
            .complete_password_reset(
                &PasswordReset {
                    token_hash: row.token_hash,
                    identity_id: identity.id,
                    expected_stamp: row.credential_stamp,
                    secret,
                    now,
                    new_tokens: vec![report_row],
                },
                &messages,
            )
            .await?;
        if !done {
            // Another request used the token (or changed the password) meanwhile.
            return Err(FlowError::FlowExpired);
        }
        self.wake_courier();
        tracing::info!(identity.id = %identity.id, "password reset");
        self.record(
            identity.id,
            latchkey_domain::EventType::RecoveryCompleted,
            Some(client),
            serde_json::json!({}),
        )
        .await;
        self.record(
            identity.id,
            latchkey_domain::EventType::PasswordChanged,
            Some(client),
            serde_json::json!({"by": "recovery"}),
        )
        .await;
        // A completed reset proves the owner: strangers' failures no longer count.
        self.clear_lockout(identity.id).await?;
        // …and every device trusted before it is trusted no more (an attacker's included),
        // nor remembered for the second factor.
        self.revoke_devices(identity.id).await?;
        self.store
            .revoke_trusted_devices(identity.id, self.now())
            .await?;
        let via = match row.flow_id {
            Some(flow) => self.store.flow(flow).await?.map(|f| f.channel),
            None => None,
        };
        let device_token = self
            .device_token_for(identity.id, client.device_token.as_deref())
            .await?;
        Ok(ResetDone {
            identity,
            device_token,
            via,
        })
    }
}

struct ResetDone {
    identity: Identity,
    device_token: String,
    /// The channel the recovery's code or link went to.
    via: Option<ContactKind>,
}
