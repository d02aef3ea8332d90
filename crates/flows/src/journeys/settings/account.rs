//! The account itself: its name and language, the export of its data, and its deletion
//! (requested, cancelled by a sign-in, erased after the grace period).
//!
//! Deleting ends every session of the account at once: whoever holds a session then is
//! either the owner, who cancels by signing in again, or someone who should not keep it.

use super::messages::{DeletionCancelled, DeletionScheduled};
use crate::{Authenticated, FlowError, Flows, IdentityView};
use latchkey_domain::{EventType, IdentityId};
use latchkey_i18n::Locale;
use latchkey_store::{CredentialKind, Identity, NewMessage};
use serde::Serialize;
use time::OffsetDateTime;

/// The registration's limit on a display name, in characters.
pub(crate) use crate::journeys::registration::MAX_NAME_CHARS;

/// How many events the export carries.
const EXPORT_EVENTS: u32 = 1000;
/// How many due accounts one pass of [`Flows::erase_due_accounts`] erases.
const ERASE_BATCH: u32 = 100;

/// `PATCH /api/account`: what to change; `None` leaves it as it is.
#[derive(Debug, Clone, Default)]
pub struct ProfileChange {
    /// Trimmed; empty clears the name.
    pub name: Option<String>,
    /// One of the supported locales (`en`, `ru`, `es`, `pt-BR`, `fr`, `zh-CN`).
    pub locale: Option<String>,
}

/// `GET /api/account/export`: the account's data as its owner may take it away. Never a
/// secret: no password hash, TOTP secret, passkey key or token.
#[derive(Debug, Clone, Serialize)]
pub struct AccountExport {
    #[serde(with = "time::serde::rfc3339")]
    pub exported_at: OffsetDateTime,
    pub identity: ExportIdentity,
    pub contacts: Vec<ExportContact>,
    pub credentials: Vec<ExportCredential>,
    pub linked_providers: Vec<ExportProvider>,
    pub sessions: Vec<ExportSession>,
    pub trusted_devices: Vec<ExportDevice>,
    pub events: Vec<ExportEvent>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportIdentity {
    pub id: IdentityId,
    pub name: Option<String>,
    pub locale: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportContact {
    pub kind: latchkey_store::ContactKind,
    pub address: String,
    pub verified: bool,
    pub primary: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportCredential {
    /// `password`, `totp`, `webauthn`, `recovery_codes`, `oidc`.
    pub kind: &'static str,
    pub name: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_used_at: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportProvider {
    pub provider: String,
    pub email: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub linked_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_used_at: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportSession {
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub method: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub last_seen_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportDevice {
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub last_used_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportEvent {
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub data: serde_json::Value,
}

impl Flows {
    pub(crate) async fn update_profile(
        &self,
        auth: &Authenticated,
        change: &ProfileChange,
    ) -> Result<IdentityView, FlowError> {
        let id = auth.identity.id;
        let name = change.name.as_deref().map(str::trim);
        if name.is_some_and(|n| n.chars().count() > MAX_NAME_CHARS) {
            return Err(FlowError::InvalidInput { field: "name" });
        }
        let locale = change
            .locale
            .as_deref()
            .map(|l| Locale::parse(l).ok_or(FlowError::InvalidInput { field: "locale" }))
            .transpose()?;
        if let Some(name) = name {
            self.store
                .set_identity_name(id, (!name.is_empty()).then_some(name))
                .await?;
        }
        if let Some(locale) = locale {
            self.store.set_identity_locale(id, locale.tag()).await?;
        }
        self.identity_view_by_id(id).await
    }

    /// Schedules the erasure, ends every session and tells every verified contact.
    pub(crate) async fn request_account_deletion(
        &self,
        auth: &Authenticated,
    ) -> Result<OffsetDateTime, FlowError> {
        self.require_privileged(auth)?;
        let now = self.now();
        let erase_at = now + self.settings.deletion_grace;
        let date = erase_at
            .format(time::macros::format_description!("[year]-[month]-[day]"))
            .unwrap_or_default();
        let identity = &auth.identity;
        let contacts = self.store.contacts(identity.id).await?;
        let messages = self.owner_notices(identity, &contacts, &DeletionScheduled { date: &date });
        self.store
            .request_deletion(identity.id, now, erase_at, &messages)
            .await?;
        self.wake_courier();
        tracing::info!(identity.id = %identity.id, "account deletion requested");
        Ok(erase_at)
    }

    /// Called by every sign-in ([`Flows::start_session`]): a pending deletion ends, and
    /// the notice that says so is returned to go out with the new session.
    pub(crate) async fn cancel_account_deletion(
        &self,
        identity: &Identity,
    ) -> Result<Vec<NewMessage>, FlowError> {
        if !self.store.cancel_deletion(identity.id).await? {
            return Ok(Vec::new());
        }
        tracing::info!(identity.id = %identity.id, "account deletion cancelled by a sign-in");
        let contacts = self.store.contacts(identity.id).await?;
        Ok(self.owner_notices(identity, &contacts, &DeletionCancelled))
    }

    /// Erases every account whose grace period is over: the identity and everything that
    /// hangs on it (contacts, credentials, sessions, flows, tokens, factors, devices), and
    /// records `identity.deleted` for the shop. Returns how many were erased. `latchkey
    /// serve` calls it periodically; calling it again is harmless.
    pub async fn erase_due_accounts(&self) -> Result<u64, FlowError> {
        let mut erased = 0;
        loop {
            let now = self.now();
            let due = self.store.due_deletions(now, ERASE_BATCH).await?;
            let batch = due.len();
            for id in due {
                if self.store.erase_identity(id, now).await? {
                    erased += 1;
                    tracing::info!(identity.id = %id, "account erased");
                    self.record(id, EventType::IdentityDeleted, None, serde_json::json!({}))
                        .await;
                }
            }
            if batch < ERASE_BATCH as usize {
                return Ok(erased);
            }
        }
    }

    pub(crate) async fn export_account(
        &self,
        auth: &Authenticated,
    ) -> Result<AccountExport, FlowError> {
        let id = auth.identity.id;
        let now = self.now();
        let identity = self.store.identity(id).await?.ok_or(FlowError::NotFound)?;
        let contacts = self.store.contacts(id).await?;
        let credentials = self.store.credentials(id).await?;
        let providers = self.linked_providers(auth).await?;
        let sessions = self.store.sessions(id, now).await?;
        let devices = self.trusted_device_views(id).await?;
        let events = self.recent_events(id, EXPORT_EVENTS).await?;
        Ok(AccountExport {
            exported_at: now,
            identity: ExportIdentity {
                id: identity.id,
                name: identity.name,
                locale: identity.locale,
                created_at: identity.created_at,
            },
            contacts: contacts
                .into_iter()
                .map(|c| ExportContact {
                    kind: c.kind,
                    address: c.address,
                    verified: c.verified,
                    primary: c.primary,
                    created_at: c.created_at,
                })
                .collect(),
            // Kind, name and times only: the secret and the kind's data (a passkey's
            // public key, a provider's subject) stay out.
            credentials: credentials
                .iter()
                .filter(|c| c.kind != CredentialKind::Oidc)
                .map(|c| ExportCredential {
                    kind: c.kind.as_str(),
                    name: c.name.clone(),
                    created_at: c.created_at,
                    last_used_at: c.last_used_at,
                })
                .collect(),
            linked_providers: providers
                .into_iter()
                .map(|p| ExportProvider {
                    provider: p.provider,
                    email: p.email,
                    linked_at: p.linked_at,
                    last_used_at: p.last_used_at,
                })
                .collect(),
            sessions: sessions
                .into_iter()
                .map(|s| ExportSession {
                    user_agent: s.user_agent,
                    ip: s.ip,
                    method: s.method,
                    created_at: s.created_at,
                    last_seen_at: s.last_seen_at,
                    expires_at: s.expires_at,
                })
                .collect(),
            trusted_devices: devices
                .into_iter()
                .map(|d| ExportDevice {
                    user_agent: d.user_agent,
                    ip: d.ip,
                    created_at: d.created_at,
                    last_used_at: d.last_used_at,
                    expires_at: d.expires_at,
                })
                .collect(),
            events: events
                .into_iter()
                .map(|e| ExportEvent {
                    kind: e.kind.as_str(),
                    at: e.at,
                    ip: e.ip,
                    user_agent: e.user_agent,
                    data: e.data,
                })
                .collect(),
        })
    }
}

impl super::Settings<'_> {
    /// `PATCH /api/account`: the name and the language (messages follow it).
    pub async fn update_profile(
        &self,
        auth: &Authenticated,
        change: &ProfileChange,
    ) -> Result<IdentityView, FlowError> {
        self.0.update_profile(auth, change).await
    }

    /// `GET /api/account`: the account view (as `GET /api/session` shows it).
    pub async fn account(&self, auth: &Authenticated) -> Result<IdentityView, FlowError> {
        self.0.identity_view_by_id(auth.identity.id).await
    }

    /// `DELETE /api/account`: needs the privileged window; returns when it is erased.
    pub async fn request_deletion(
        &self,
        auth: &Authenticated,
    ) -> Result<OffsetDateTime, FlowError> {
        self.0.request_account_deletion(auth).await
    }

    /// `GET /api/account/export`.
    pub async fn export(&self, auth: &Authenticated) -> Result<AccountExport, FlowError> {
        self.0.export_account(auth).await
    }
}
