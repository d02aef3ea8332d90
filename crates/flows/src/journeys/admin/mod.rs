//! The admin journey (#13): what the shop's support agents and operators do to accounts
//! through the admin API and the console. Who may do what is decided here, once: the key
//! names a role ([`AdminRole`]), each action needs a [`Permission`], and an agent never
//! acts on an account marked high-privilege. Every action writes an `admin.<action>`
//! event naming the key (the audit trail), beside the account's own event where the
//! action is one (`identity.blocked`, `mfa.disabled`, …).

mod audit;
mod identities;
mod keys;

pub use audit::{DASHBOARD_KINDS, Dashboard, MAX_EVENTS, MESSAGES_SENT, Series};
pub use identities::{
    AdminIdentityView, IdentityFactsView, LockoutView, PasswordView, ProviderView, SearchHit,
};
pub use keys::{CreatedKey, KeyView};

use crate::{FlowError, Flows};
use latchkey_domain::secret::token_hash;
pub use latchkey_store::AdminRole;
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;
use time::Duration;
use uuid::Uuid;

/// The key name the bootstrap token (`LATCHKEY_ADMIN_TOKEN`) is recorded under.
pub const BOOTSTRAP_KEY_NAME: &str = "bootstrap";

/// The `[events]` section of the config: how long the audit trail is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventsConfig {
    /// Days an event is kept (the account's activity, the admin API, the console's
    /// charts); older ones are deleted every 10 minutes by `latchkey serve`.
    pub retention_days: i64,
}

impl Default for EventsConfig {
    fn default() -> Self {
        Self {
            retention_days: 400,
        }
    }
}

impl EventsConfig {
    pub fn retention(&self) -> Duration {
        Duration::days(self.retention_days.max(1))
    }
}

/// What the admin journey is configured with.
#[derive(Clone, Default)]
pub struct AdminSettings {
    /// The SHA-256 of `LATCHKEY_ADMIN_TOKEN`, when one is set.
    pub bootstrap_digest: Option<String>,
    pub events: EventsConfig,
}

impl AdminSettings {
    pub fn new(bootstrap_token: Option<&str>, events: &EventsConfig) -> Self {
        Self {
            bootstrap_digest: bootstrap_token.filter(|t| !t.is_empty()).map(token_hash),
            events: events.clone(),
        }
    }
}

impl std::fmt::Debug for AdminSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AdminSettings")
            .field("bootstrap", &self.bootstrap_digest.is_some())
            .field("events", &self.events)
            .finish()
    }
}

/// Who is calling: an admin key that checked out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AdminActor {
    pub key_id: Uuid,
    pub key_name: String,
    pub role: AdminRole,
}

/// What an action needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Search and read accounts, their events, the dashboard.
    Read,
    /// The support desk's actions: unlock, end sessions, send recovery, remove second
    /// factors, record facts, decide claims.
    Support,
    /// Create, block, unblock, delete, mark high-privilege, manage keys and webhooks.
    Operate,
}

impl AdminActor {
    /// Whether the role allows `permission` (agents: read and support; admins: all).
    pub fn may(&self, permission: Permission) -> bool {
        match self.role {
            AdminRole::Admin => true,
            AdminRole::Agent => matches!(permission, Permission::Read | Permission::Support),
        }
    }

    pub(crate) fn require(&self, permission: Permission) -> Result<(), FlowError> {
        if self.may(permission) {
            Ok(())
        } else {
            Err(FlowError::Forbidden)
        }
    }

    pub(crate) fn as_event_actor(&self) -> latchkey_store::Actor {
        latchkey_store::Actor {
            key_id: self.key_id,
            key_name: self.key_name.clone(),
        }
    }
}

/// `flows.admin()`: the admin API's and the console's one way in.
#[derive(Clone, Copy)]
pub struct Admin<'a>(pub(crate) &'a Flows);

impl Flows {
    pub fn admin(&self) -> Admin<'_> {
        Admin(self)
    }
}

impl Admin<'_> {
    /// The caller behind a bearer key: the bootstrap token or a stored, unrevoked key;
    /// `Unauthenticated` otherwise.
    pub async fn authenticate(&self, presented: &str) -> Result<AdminActor, FlowError> {
        let flows = self.0;
        if presented.is_empty() || presented.len() > 256 {
            return Err(FlowError::Unauthenticated);
        }
        let digest = token_hash(presented);
        if let Some(boot) = &flows.admin.bootstrap_digest
            && bool::from(boot.as_bytes().ct_eq(digest.as_bytes()))
        {
            return Ok(AdminActor {
                key_id: Uuid::nil(),
                key_name: BOOTSTRAP_KEY_NAME.into(),
                role: AdminRole::Admin,
            });
        }
        match flows.store.use_admin_key(&digest, flows.now()).await? {
            Some(key) if key.revoked_at.is_none() => Ok(AdminActor {
                key_id: key.id,
                key_name: key.name,
                role: key.role,
            }),
            _ => Err(FlowError::Unauthenticated),
        }
    }
}
