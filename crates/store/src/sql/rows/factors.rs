//! Second-factor rows: remembered devices, and the count of recovery codes left.

use super::decode::count;
use crate::Result;
use crate::model::TrustedDevice;
use latchkey_domain::clock::from_millis;
use latchkey_domain::ids::IdentityId;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
pub(crate) struct TrustedDeviceRow {
    id: Uuid,
    identity_id: Uuid,
    token_hash: String,
    user_agent: Option<String>,
    ip: Option<String>,
    created_at: i64,
    last_used_at: i64,
    expires_at: i64,
    revoked_at: Option<i64>,
}

impl TrustedDeviceRow {
    pub(crate) fn into_model(self) -> TrustedDevice {
        TrustedDevice {
            id: self.id,
            identity_id: IdentityId(self.identity_id),
            token_hash: self.token_hash,
            user_agent: self.user_agent,
            ip: self.ip,
            created_at: from_millis(self.created_at),
            last_used_at: from_millis(self.last_used_at),
            expires_at: from_millis(self.expires_at),
            revoked_at: self.revoked_at.map(from_millis),
        }
    }
}

/// `COUNT(*)` of unused recovery codes, which must fit a `u32`.
pub(crate) fn codes_left(n: i64) -> Result<u32> {
    count("recovery codes left", n)
}
