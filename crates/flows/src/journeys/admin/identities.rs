//! What support and operators do to one account: find it, read all of it, and act on it
//! (block, unblock, unlock, end sessions, send recovery, remove second factors, delete,
//! record facts, mark high-privilege). Each action is audited.

use super::{Admin, AdminActor, Permission};
use crate::journeys::settings::messages::FactorRemoved;
use crate::journeys::settings::view::IdentityView;
use crate::{ClientInfo, FlowError, Flows, TrustedDeviceView};
use latchkey_domain::{EventType, IdentityId, Outcome};
use latchkey_i18n::Locale;
use latchkey_store::{ContactKind, CredentialKind, Event, Identity, IdentityFacts, Session};
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

/// The most accounts one search returns.
const SEARCH_LIMIT: u32 = 50;
/// Events shown with an account.
const RECENT_EVENTS: u32 = 50;

/// One search result.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub id: IdentityId,
    pub name: Option<String>,
    /// The primary email, else the primary phone.
    pub address: Option<String>,
    pub state: latchkey_store::IdentityState,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// How the account's password is stored, so an operator sees imported hashes upgraded.
#[derive(Debug, Clone, Serialize)]
pub struct PasswordView {
    pub scheme: &'static str,
    #[serde(with = "time::serde::rfc3339")]
    pub set_at: OffsetDateTime,
}

/// The account lockout per identifier kind.
#[derive(Debug, Clone, Serialize)]
pub struct LockoutView {
    pub kind: ContactKind,
    pub failures: u32,
    #[serde(with = "time::serde::rfc3339::option")]
    pub locked_until: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IdentityFactsView {
    pub id: Uuid,
    pub facts: serde_json::Value,
    pub recorded_by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A linked social provider.
#[derive(Debug, Clone, Serialize)]
pub struct ProviderView {
    pub provider: String,
    pub subject: String,
}

/// Everything support sees of one account.
#[derive(Debug, Clone)]
pub struct AdminIdentityView {
    pub identity: IdentityView,
    pub high_privilege: bool,
    /// Why it is blocked, when it is.
    pub block_reason: Option<String>,
    pub password: Option<PasswordView>,
    pub has_totp: bool,
    pub passkeys: u32,
    pub providers: Vec<ProviderView>,
    pub sessions: Vec<Session>,
    pub devices: Vec<TrustedDeviceView>,
    pub lockout: Vec<LockoutView>,
    pub events: Vec<Event>,
    pub facts: Vec<IdentityFactsView>,
    pub deletion_at: Option<OffsetDateTime>,
}

impl Flows {
    /// The identity `actor` is about to act on with `permission` and `action`: refused
    /// (and audited as denied) for a role that may not, or for an agent on a
    /// high-privilege account.
    async fn admin_target(
        &self,
        actor: &AdminActor,
        id: IdentityId,
        permission: Permission,
        action: EventType,
        client: &ClientInfo,
    ) -> Result<Identity, FlowError> {
        let identity = self.store.identity(id).await?;
        let denied = !actor.may(permission)
            || (actor.role == latchkey_store::AdminRole::Agent
                && permission != Permission::Read
                && self.store.is_high_privilege(id).await?);
        if denied {
            if identity.is_some() {
                self.audit(
                    actor,
                    id,
                    action,
                    Outcome::Denied,
                    client,
                    serde_json::json!({}),
                )
                .await;
            }
            tracing::warn!(admin.key_id = %actor.key_id, identity.id = %id, action = action.as_str(), "admin action refused");
            return Err(FlowError::Forbidden);
        }
        identity.ok_or(FlowError::NotFound)
    }

    async fn audited(
        &self,
        actor: &AdminActor,
        id: IdentityId,
        action: EventType,
        client: &ClientInfo,
        data: serde_json::Value,
    ) {
        tracing::info!(admin.key_id = %actor.key_id, identity.id = %id, action = action.as_str(), "admin action");
        self.audit(actor, id, action, Outcome::Success, client, data)
            .await;
    }
}

impl Admin<'_> {
    /// Accounts by email, phone, name, id or provider subject.
    pub async fn search(
        &self,
        actor: &AdminActor,
        text: &str,
    ) -> Result<Vec<SearchHit>, FlowError> {
        actor.require(Permission::Read)?;
        let flows = self.0;
        let text = text.trim();
        if text.is_empty() {
            return Ok(Vec::new());
        }
        if text.chars().count() > 320 {
            return Err(FlowError::InvalidInput { field: "query" });
        }
        let mut ids = Vec::new();
        if let Ok(id) = text.parse::<Uuid>() {
            ids.push(IdentityId(id));
        }
        // A phone typed as the shopper would ("0176 …", "+49 176 …") finds its E.164 key.
        let mut keys = vec![text.to_owned()];
        if let Ok(latchkey_domain::Identifier::Phone(p)) = flows.parse_identifier(text) {
            keys.push(p.as_str().to_owned());
        }
        for key in keys {
            for id in flows.store.search_identities(&key, SEARCH_LIMIT).await? {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        let mut hits = Vec::new();
        for id in ids.into_iter().take(SEARCH_LIMIT as usize) {
            if let Some(account) = flows.store.account(id).await? {
                let view = IdentityView::new(account);
                hits.push(SearchHit {
                    id: view.id,
                    name: view.name.clone(),
                    address: view.display_address().map(str::to_owned),
                    state: view.state,
                    created_at: view.created_at,
                });
            }
        }
        Ok(hits)
    }

    /// Everything about one account; the read is audited (`admin.viewed`).
    pub async fn identity(
        &self,
        actor: &AdminActor,
        id: IdentityId,
        client: &ClientInfo,
    ) -> Result<AdminIdentityView, FlowError> {
        let flows = self.0;
        flows
            .admin_target(actor, id, Permission::Read, EventType::AdminViewed, client)
            .await?;
        let account = flows.store.account(id).await?.ok_or(FlowError::NotFound)?;
        let now = flows.now();
        let credentials = flows.store.credentials(id).await?;
        let password = credentials
            .iter()
            .find(|c| c.kind == CredentialKind::Password)
            .map(|c| PasswordView {
                scheme: crate::password_scheme(&c.secret),
                set_at: c.updated_at,
            });
        let providers = credentials
            .iter()
            .filter(|c| c.kind == CredentialKind::Oidc)
            .map(|c| ProviderView {
                provider: c.data["provider"].as_str().unwrap_or_default().to_owned(),
                subject: c.data["subject"].as_str().unwrap_or_default().to_owned(),
            })
            .collect();
        let view = AdminIdentityView {
            has_totp: account.has_totp,
            identity: IdentityView::new(account),
            high_privilege: flows.store.is_high_privilege(id).await?,
            block_reason: flows.store.identity_block_reason(id).await?,
            password,
            passkeys: credentials
                .iter()
                .filter(|c| c.kind == CredentialKind::Webauthn)
                .count() as u32,
            providers,
            sessions: flows.store.sessions(id, now).await?,
            devices: flows.trusted_device_views(id).await?,
            lockout: flows
                .lockout_status(id)
                .await?
                .into_iter()
                .map(|(kind, failures, locked_until)| LockoutView {
                    kind,
                    failures,
                    locked_until,
                })
                .collect(),
            events: flows.store.events(id, RECENT_EVENTS).await?,
            facts: flows
                .store
                .identity_facts(id)
                .await?
                .into_iter()
                .map(|f| IdentityFactsView {
                    id: f.id,
                    facts: f.facts,
                    recorded_by: f.recorded_by,
                    created_at: f.created_at,
                })
                .collect(),
            deletion_at: flows.store.pending_deletion(id).await?,
        };
        flows
            .audited(
                actor,
                id,
                EventType::AdminViewed,
                client,
                serde_json::json!({}),
            )
            .await;
        Ok(view)
    }

    /// Creates an account (admins only) from the same row an import file holds: a
    /// `password` is hashed, a `password_hash` kept as it is until the next sign-in
    /// upgrades it (`admin.created`, beside the import's `identity.created`).
    pub async fn create_identity(
        &self,
        actor: &AdminActor,
        row: crate::ImportRow,
        client: &ClientInfo,
    ) -> Result<IdentityView, FlowError> {
        actor.require(Permission::Operate)?;
        let flows = self.0;
        let id = flows.import().create(row).await?;
        flows
            .audited(
                actor,
                id,
                EventType::AdminCreated,
                client,
                serde_json::json!({}),
            )
            .await;
        flows.identity_view_by_id(id).await
    }

    /// Blocks sign-in and ends every session (`identity.blocked`).
    pub async fn block(
        &self,
        actor: &AdminActor,
        id: IdentityId,
        reason: Option<&str>,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        let flows = self.0;
        flows
            .admin_target(
                actor,
                id,
                Permission::Operate,
                EventType::AdminBlocked,
                client,
            )
            .await?;
        let reason = reason
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .unwrap_or("support");
        if reason.chars().count() > 200 {
            return Err(FlowError::InvalidInput { field: "reason" });
        }
        // "reported" is the owner's own block, which a recovery lifts; support's is not.
        let reason = if reason == latchkey_store::BLOCK_REPORTED {
            "support"
        } else {
            reason
        };
        if !flows.store.block_identity(id, reason, flows.now()).await? {
            return Err(FlowError::NotFound);
        }
        let data = serde_json::json!({"reason": reason});
        flows
            .audit(
                actor,
                id,
                EventType::IdentityBlocked,
                Outcome::Success,
                client,
                data.clone(),
            )
            .await;
        flows
            .audited(actor, id, EventType::AdminBlocked, client, data)
            .await;
        Ok(())
    }

    pub async fn unblock(
        &self,
        actor: &AdminActor,
        id: IdentityId,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        let flows = self.0;
        flows
            .admin_target(
                actor,
                id,
                Permission::Operate,
                EventType::AdminUnblocked,
                client,
            )
            .await?;
        if !flows.store.unblock_identity(id, flows.now()).await? {
            return Err(FlowError::NotFound);
        }
        let data = serde_json::json!({});
        flows
            .audit(
                actor,
                id,
                EventType::IdentityUnblocked,
                Outcome::Success,
                client,
                data.clone(),
            )
            .await;
        flows
            .audited(actor, id, EventType::AdminUnblocked, client, data)
            .await;
        Ok(())
    }

    /// Ends the account's lockout (`identity.unlocked`).
    pub async fn unlock(
        &self,
        actor: &AdminActor,
        id: IdentityId,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        let flows = self.0;
        flows
            .admin_target(
                actor,
                id,
                Permission::Support,
                EventType::AdminUnlocked,
                client,
            )
            .await?;
        flows.clear_lockout(id).await?;
        let data = serde_json::json!({"by": "support"});
        flows
            .audit(
                actor,
                id,
                EventType::IdentityUnlocked,
                Outcome::Success,
                client,
                data.clone(),
            )
            .await;
        flows
            .audited(actor, id, EventType::AdminUnlocked, client, data)
            .await;
        Ok(())
    }

    /// Signs the account out everywhere.
    pub async fn end_sessions(
        &self,
        actor: &AdminActor,
        id: IdentityId,
        client: &ClientInfo,
    ) -> Result<u64, FlowError> {
        let flows = self.0;
        flows
            .admin_target(
                actor,
                id,
                Permission::Support,
                EventType::AdminSessionsEnded,
                client,
            )
            .await?;
        let ended = flows.store.revoke_sessions(id, None, flows.now()).await?;
        flows
            .audited(
                actor,
                id,
                EventType::AdminSessionsEnded,
                client,
                serde_json::json!({"sessions": ended}),
            )
            .await;
        Ok(ended)
    }

    /// Sends a recovery code and link to the account's own verified contact (the primary
    /// email, else the primary phone), never to an address the caller gives. It goes
    /// through the recovery journey, with its limits per address.
    pub async fn send_recovery(
        &self,
        actor: &AdminActor,
        id: IdentityId,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        let flows = self.0;
        let identity = flows
            .admin_target(
                actor,
                id,
                Permission::Support,
                EventType::AdminRecoverySent,
                client,
            )
            .await?;
        let contacts = flows.store.contacts(id).await?;
        let pick = |kind| {
            let verified = contacts
                .iter()
                .filter(move |c| c.verified && c.kind == kind);
            verified
                .clone()
                .find(|c| c.primary)
                .or_else(|| verified.clone().next())
        };
        let contact = pick(ContactKind::Email)
            .or_else(|| {
                if flows.settings.sms_enabled {
                    pick(ContactKind::Phone)
                } else {
                    None
                }
            })
            .ok_or(FlowError::NoVerifiedContact)?;
        let locale = identity
            .locale
            .as_deref()
            .and_then(Locale::parse)
            .unwrap_or_default();
        flows
            .start_recovery(&contact.address, None, locale, client)
            .await?;
        flows
            .audited(
                actor,
                id,
                EventType::AdminRecoverySent,
                client,
                serde_json::json!({"channel": contact.kind.as_str()}),
            )
            .await;
        Ok(())
    }

    /// Removes every second factor (authenticator app, passkeys) with the recovery codes
    /// and remembered devices that go with them; the owner is told on every verified
    /// contact (`mfa.disabled`).
    pub async fn remove_second_factors(
        &self,
        actor: &AdminActor,
        id: IdentityId,
        client: &ClientInfo,
    ) -> Result<u32, FlowError> {
        let flows = self.0;
        let identity = flows
            .admin_target(
                actor,
                id,
                Permission::Support,
                EventType::AdminMfaRemoved,
                client,
            )
            .await?;
        let credentials = flows.store.credentials(id).await?;
        let contacts = flows.store.contacts(id).await?;
        let mut removed = 0;
        for credential in credentials
            .iter()
            .filter(|c| matches!(c.kind, CredentialKind::Totp | CredentialKind::Webauthn))
        {
            let factor = match credential.kind {
                CredentialKind::Totp => "totp",
                _ => "passkey",
            };
            let report_link = flows.report_link(id).await?;
            let notices = flows.owner_notices(
                &identity,
                &contacts,
                &FactorRemoved {
                    factor,
                    report_link: &report_link,
                },
            );
            if flows
                .store
                .remove_credential(id, credential.id, &notices)
                .await?
            {
                removed += 1;
                flows
                    .audit(
                        actor,
                        id,
                        EventType::MfaDisabled,
                        Outcome::Success,
                        client,
                        serde_json::json!({"factor": factor, "by": "support"}),
                    )
                    .await;
            }
        }
        flows.store.delete_recovery_codes(id).await?;
        flows.store.revoke_trusted_devices(id, flows.now()).await?;
        flows.wake_courier();
        flows
            .audited(
                actor,
                id,
                EventType::AdminMfaRemoved,
                client,
                serde_json::json!({"removed": removed}),
            )
            .await;
        Ok(removed)
    }

    /// Erases the account now (`identity.deleted`; its events stay).
    pub async fn delete(
        &self,
        actor: &AdminActor,
        id: IdentityId,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        let flows = self.0;
        flows
            .admin_target(
                actor,
                id,
                Permission::Operate,
                EventType::AdminDeleted,
                client,
            )
            .await?;
        let now = flows.now();
        flows.store.request_deletion(id, now, now, &[]).await?;
        if !flows.store.erase_identity(id, now).await? {
            return Err(FlowError::NotFound);
        }
        let data = serde_json::json!({"by": "support"});
        flows
            .audit(
                actor,
                id,
                EventType::IdentityDeleted,
                Outcome::Success,
                client,
                data.clone(),
            )
            .await;
        flows
            .audited(actor, id, EventType::AdminDeleted, client, data)
            .await;
        Ok(())
    }

    /// Records order facts for assisted recovery: `{"orders": [...], "addresses": [...]}`.
    pub async fn record_facts(
        &self,
        actor: &AdminActor,
        id: IdentityId,
        orders: Vec<serde_json::Value>,
        addresses: Vec<serde_json::Value>,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        let flows = self.0;
        flows
            .admin_target(
                actor,
                id,
                Permission::Support,
                EventType::AdminFactsRecorded,
                client,
            )
            .await?;
        if orders.is_empty() && addresses.is_empty() {
            return Err(FlowError::InvalidInput { field: "orders" });
        }
        if orders.len() > 500 || addresses.len() > 100 {
            return Err(FlowError::InvalidInput { field: "orders" });
        }
        let facts = IdentityFacts {
            id: Uuid::now_v7(),
            identity_id: id,
            facts: serde_json::json!({"orders": orders, "addresses": addresses}),
            recorded_by: actor.key_name.clone(),
            created_at: flows.now(),
        };
        flows.store.record_identity_facts(&facts).await?;
        // The audit says how much was recorded, not what: order details stay in one place.
        flows
            .audited(
                actor,
                id,
                EventType::AdminFactsRecorded,
                client,
                serde_json::json!({"orders": orders.len(), "addresses": addresses.len()}),
            )
            .await;
        Ok(())
    }

    /// Marks (or unmarks) an account agents may not act on.
    pub async fn set_high_privilege(
        &self,
        actor: &AdminActor,
        id: IdentityId,
        high: bool,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        let flows = self.0;
        flows
            .admin_target(
                actor,
                id,
                Permission::Operate,
                EventType::AdminPrivilegeChanged,
                client,
            )
            .await?;
        if !flows.store.set_high_privilege(id, high).await? {
            return Err(FlowError::NotFound);
        }
        flows
            .audited(
                actor,
                id,
                EventType::AdminPrivilegeChanged,
                client,
                serde_json::json!({"high_privilege": high}),
            )
            .await;
        Ok(())
    }
}
