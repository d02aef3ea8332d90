//! What the admin API keeps: its keys, and the facts support records for claims.

use latchkey_domain::ids::IdentityId;
use time::OffsetDateTime;
use uuid::Uuid;

/// What an admin key may do (API.md, "Admin API").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdminRole {
    /// Support: reads accounts, unlocks, ends sessions, sends recovery, removes factors.
    Agent,
    /// Everything.
    Admin,
}

impl AdminRole {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Agent => "agent",
            Self::Admin => "admin",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "agent" => Some(Self::Agent),
            "admin" => Some(Self::Admin),
            _ => None,
        }
    }
}

/// An admin key as stored: never the key, only its digest (kept out of this struct).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminKey {
    pub id: Uuid,
    pub name: String,
    pub role: AdminRole,
    pub created_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
    pub revoked_at: Option<OffsetDateTime>,
}

/// Order facts for assisted recovery, as support recorded them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityFacts {
    pub id: Uuid,
    pub identity_id: IdentityId,
    /// `{"orders": [...], "addresses": [...]}`.
    pub facts: serde_json::Value,
    /// The key name that recorded them.
    pub recorded_by: String,
    pub created_at: OffsetDateTime,
}
