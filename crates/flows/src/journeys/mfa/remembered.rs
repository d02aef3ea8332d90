//! "Remember this device": a device that passed the second factor gets a token (the
//! `latchkey_trusted_device` cookie, or `Latchkey-Trusted-Device` for apps); while it is
//! live, a sign-in from that device skips the second factor. Listed and revoked in
//! settings; a password reset or a "this wasn't me" revokes them all.

use super::device_digest;
use crate::{Authenticated, ClientInfo, FlowError, Flows};
use latchkey_domain::IdentityId;
use latchkey_domain::secret::new_token;
use latchkey_store::{Identity, TrustedDevice};
use time::OffsetDateTime;
use uuid::Uuid;

/// A remembered device as settings show it.
#[derive(Debug, Clone)]
pub struct TrustedDeviceView {
    pub id: Uuid,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub created_at: OffsetDateTime,
    pub last_used_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

impl Flows {
    /// Whether the client sends the token of a live remembered device of this account.
    pub(crate) async fn device_remembered(
        &self,
        identity: IdentityId,
        client: &ClientInfo,
    ) -> Result<bool, FlowError> {
        let Some(token) = client
            .trusted_device_token
            .as_deref()
            .filter(|t| !t.is_empty() && t.len() <= 128)
        else {
            return Ok(false);
        };
        Ok(self
            .store
            .use_trusted_device(identity, &device_digest(token), self.now())
            .await?
            .is_some())
    }

    /// Remembers the client's device; returns its token (shown once).
    pub(crate) async fn remember_device(
        &self,
        identity: &Identity,
        client: &ClientInfo,
    ) -> Result<String, FlowError> {
        let now = self.now();
        let token = new_token();
        self.store
            .trust_device(&TrustedDevice {
                id: Uuid::now_v7(),
                identity_id: identity.id,
                token_hash: device_digest(&token),
                user_agent: client
                    .user_agent
                    .as_ref()
                    .map(|ua| ua.chars().take(512).collect()),
                ip: client.ip.clone(),
                created_at: now,
                last_used_at: now,
                expires_at: now + self.settings.remember_device,
                revoked_at: None,
            })
            .await?;
        Ok(token)
    }

    pub(crate) async fn trusted_device_views(
        &self,
        identity: IdentityId,
    ) -> Result<Vec<TrustedDeviceView>, FlowError> {
        Ok(self
            .store
            .trusted_devices(identity, self.now())
            .await?
            .into_iter()
            .map(|d| TrustedDeviceView {
                id: d.id,
                user_agent: d.user_agent,
                ip: d.ip,
                created_at: d.created_at,
                last_used_at: d.last_used_at,
                expires_at: d.expires_at,
            })
            .collect())
    }

    /// Revokes one remembered device (`NotFound` when it is not the account's), or all.
    pub(crate) async fn revoke_remembered(
        &self,
        auth: &Authenticated,
        id: Option<Uuid>,
    ) -> Result<(), FlowError> {
        let now = self.now();
        match id {
            Some(id) => {
                if !self
                    .store
                    .revoke_trusted_device(auth.identity.id, id, now)
                    .await?
                {
                    return Err(FlowError::NotFound);
                }
            }
            None => {
                self.store
                    .revoke_trusted_devices(auth.identity.id, now)
                    .await?;
            }
        }
        Ok(())
    }
}
