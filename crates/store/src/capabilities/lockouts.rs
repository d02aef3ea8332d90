//! Abuse counters kept in the database: lockout failures and their refund, and device-trust
//! epochs.

use crate::Result;
use crate::model::LockoutRecord;
use async_trait::async_trait;
use latchkey_domain::ids::IdentityId;
use time::OffsetDateTime;

#[async_trait]
pub trait Lockouts: Send + Sync {
    /// The lockout state of a key, if it has one.
    async fn lockout(&self, key: &str) -> Result<Option<LockoutRecord>>;
    /// Atomically counts one failure for `key` at `now`: a count whose last failure is
    /// before `forget_before` starts again at 1. Returns the new state, so of concurrent
    /// failures each sees its own count (exactly one sees the count that locks).
    async fn record_lockout_failure(
        &self,
        key: &str,
        now: OffsetDateTime,
        forget_before: OffsetDateTime,
    ) -> Result<LockoutRecord>;
    /// Gives back one failure of a lockout key (the reservation of an attempt that turned
    /// out right), putting back `last_failure_at` when given (the stamp read before the
    /// reservation), so a success does not re-arm a lock.
    async fn refund_lockout_failure(
        &self,
        key: &str,
        last_failure_at: Option<OffsetDateTime>,
    ) -> Result<()>;
    /// Forgets the keys' failures (a success, a completed reset, an unlock link).
    async fn clear_lockouts(&self, keys: &[String]) -> Result<()>;
    /// The account's device-trust epoch (0 until first bumped).
    async fn device_epoch(&self, identity: IdentityId) -> Result<u32>;
    /// Moves the account to a new device-trust epoch: every device token issued before
    /// stops being trusted. Returns the new epoch.
    async fn bump_device_epoch(&self, identity: IdentityId) -> Result<u32>;
}
