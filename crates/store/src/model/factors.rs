//! Second factors: the devices that may skip the second factor.

use latchkey_domain::ids::IdentityId;
use time::OffsetDateTime;
use uuid::Uuid;

/// A device that passed the second factor and asked to be remembered ("remember this
/// device"): while it is live, a sign-in from it that sends its token skips the second
/// factor.
#[derive(Clone, PartialEq, Eq)]
pub struct TrustedDevice {
    pub id: Uuid,
    pub identity_id: IdentityId,
    /// SHA-256 of the device's token, hex. The token itself is never stored.
    pub token_hash: String,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub created_at: OffsetDateTime,
    pub last_used_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub revoked_at: Option<OffsetDateTime>,
}

impl std::fmt::Debug for TrustedDevice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TrustedDevice")
            .field("id", &self.id)
            .field("identity_id", &self.identity_id)
            .field("token_hash", &"<redacted>")
            .field("expires_at", &self.expires_at)
            .finish()
    }
}
