//! Lockout state.

use time::OffsetDateTime;

/// A lockout key's stored state (see `latchkey_domain::lockout`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutRecord {
    pub failures: u32,
    pub last_failure_at: OffsetDateTime,
}
