//! Lockout records.

use crate::model::LockoutRecord;
use latchkey_domain::clock::from_millis;

/// A `lockouts` row's `failures` and `last_failure_at`.
pub(crate) fn lockout_record(failures: i64, last_failure_at: i64) -> LockoutRecord {
    LockoutRecord {
        failures: u32::try_from(failures).unwrap_or(u32::MAX),
        last_failure_at: from_millis(last_failure_at),
    }
}
