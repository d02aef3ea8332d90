//! Device tokens: stateless `<device id>.<issued>.<epoch>.<MAC>` proofs that a device
//! signed in before, so its holder is judged by the device's own history.

use super::Abuse;
use crate::{FlowError, Flows};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use latchkey_domain::IdentityId;
use latchkey_domain::challenge;
use latchkey_domain::secret::digests_equal;
use time::OffsetDateTime;

impl Abuse {
    fn device_mac(
        &self,
        device_id: &[u8],
        identity: IdentityId,
        issued: i64,
        epoch: u32,
    ) -> [u8; 32] {
        let mut msg = b"device|".to_vec();
        msg.extend_from_slice(device_id);
        msg.extend_from_slice(b"|");
        msg.extend_from_slice(identity.0.as_bytes());
        msg.extend_from_slice(format!("|{issued}|{epoch}").as_bytes());
        challenge::hmac_sha256(&self.device_key, &msg)
    }

    /// `<device id>.<issued, unix seconds>.<epoch>.<MAC>`, base64url or decimal each.
    fn device_token(
        &self,
        device_id: &[u8],
        identity: IdentityId,
        issued: i64,
        epoch: u32,
    ) -> String {
        format!(
            "{}.{issued}.{epoch}.{}",
            URL_SAFE_NO_PAD.encode(device_id),
            URL_SAFE_NO_PAD.encode(self.device_mac(device_id, identity, issued, epoch))
        )
    }

    /// A new device token for the identity, issued at `now` in the account's `epoch`.
    pub fn new_device_token(
        &self,
        identity: IdentityId,
        now: OffsetDateTime,
        epoch: u32,
    ) -> String {
        let id = uuid::Uuid::now_v7();
        self.device_token(id.as_bytes(), identity, now.unix_timestamp(), epoch)
    }

    /// The device id (base64url) when `token` is a device token this server signed for
    /// `identity`, issued in `epoch` and less than `device_ttl` ago.
    pub fn device_of(
        &self,
        token: &str,
        identity: IdentityId,
        now: OffsetDateTime,
        epoch: u32,
    ) -> Option<String> {
        if token.len() > 160 {
            return None;
        }
        let mut parts = token.split('.');
        let (id, issued, token_epoch) = (parts.next()?, parts.next()?, parts.next()?);
        let raw = URL_SAFE_NO_PAD.decode(id).ok()?;
        let issued: i64 = issued.parse().ok()?;
        let token_epoch: u32 = token_epoch.parse().ok()?;
        if raw.len() != 16 || token_epoch != epoch {
            return None;
        }
        let age = now.unix_timestamp() - issued;
        if age < -60 || age > self.device_ttl.whole_seconds() {
            return None;
        }
        digests_equal(&self.device_token(&raw, identity, issued, epoch), token)
            .then(|| id.to_owned())
    }
}

impl Flows {
    /// Ends the trust of every device token the account was given: a completed password
    /// reset and "this wasn't me" call this, so a device an attacker signed in on is
    /// judged like any stranger again.
    pub(crate) async fn revoke_devices(&self, identity: IdentityId) -> Result<(), FlowError> {
        self.store.bump_device_epoch(identity).await?;
        Ok(())
    }

    /// The device id when `token` is a valid, unexpired device token of the account's
    /// current epoch.
    pub(crate) async fn trusted_device(
        &self,
        token: &str,
        identity: IdentityId,
    ) -> Result<Option<String>, FlowError> {
        // A cheap shape check first, so junk costs no read.
        if token.len() > 160 || token.split('.').count() != 4 {
            return Ok(None);
        }
        let epoch = self.store.device_epoch(identity).await?;
        Ok(self.abuse.device_of(token, identity, self.now(), epoch))
    }

    /// A device token for the identity, to set as the `latchkey_device` cookie: issued
    /// now, in the account's current epoch, keeping the device id of the client's own
    /// token when it is still valid (so its history stays with it).
    pub(crate) async fn device_token_for(
        &self,
        identity: IdentityId,
        presented: Option<&str>,
    ) -> Result<String, FlowError> {
        let now = self.now();
        let epoch = self.store.device_epoch(identity).await?;
        let kept = presented
            .and_then(|t| self.abuse.device_of(t, identity, now, epoch))
            .and_then(|id| URL_SAFE_NO_PAD.decode(id).ok());
        Ok(match kept {
            Some(raw) => self
                .abuse
                .device_token(&raw, identity, now.unix_timestamp(), epoch),
            None => self.abuse.new_device_token(identity, now, epoch),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use latchkey_limits::DynLimits;
    use std::sync::Arc;
    use time::Duration;

    #[test]
    fn device_tokens_are_bound_to_their_identity_key_epoch_and_age() {
        let limits: DynLimits = Arc::new(latchkey_limits::InProcess::default());
        let abuse = Abuse::new(b"secret", limits.clone());
        let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
        let (a, b) = (IdentityId::new(), IdentityId::new());
        let token = abuse.new_device_token(a, now, 0);
        assert!(abuse.device_of(&token, a, now, 0).is_some());
        assert!(
            abuse.device_of(&token, b, now, 0).is_none(),
            "another account's token"
        );
        assert!(
            abuse.device_of(&token, a, now, 1).is_none(),
            "issued before the account's devices were revoked"
        );
        assert!(
            abuse
                .device_of(&token, a, now + abuse.device_ttl + Duration::seconds(1), 0)
                .is_none(),
            "expired"
        );
        assert!(
            Abuse::new(b"other", limits)
                .device_of(&token, a, now, 0)
                .is_none()
        );
        let forged = format!("{}x", &token[..token.len() - 1]);
        assert!(abuse.device_of(&forged, a, now, 0).is_none());
        // A newer issue time or epoch cannot be written in without the key.
        let parts: Vec<&str> = token.split('.').collect();
        let bumped = format!("{}.{}.1.{}", parts[0], parts[1], parts[3]);
        assert!(abuse.device_of(&bumped, a, now, 1).is_none());
        assert!(abuse.device_of("garbage", a, now, 0).is_none());
    }
}
