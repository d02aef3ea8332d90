//! The settings journey: what a signed-in person changes or sees of their own account:
//! the password (the password method's part, `methods::password::settings`), their
//! sessions, and the view of the account the API and pages show.

pub mod account;
mod contacts;
pub mod messages;
pub(crate) mod payload;
pub mod revert;
mod sessions;
pub mod view;

use crate::{Authenticated, FlowError, Flows};
use time::Duration;

/// A sign-in (or re-authentication) this recent counts as fresh: changing the password,
/// contacts, factors or passkeys needs no other proof. The default of `[session]
/// privileged_window_minutes`.
pub const PRIVILEGED_WINDOW: Duration = Duration::minutes(10);

impl Flows {
    /// Whether something other than the credentials in `removing` would still let the
    /// owner in: a password, a passkey, a linked provider, or a verified contact a
    /// sign-in code can reach.
    pub(crate) fn other_way_in(
        &self,
        credentials: &[latchkey_store::Credential],
        contacts: &[latchkey_store::Contact],
        removing: &[uuid::Uuid],
    ) -> bool {
        use latchkey_store::{ContactKind, CredentialKind};
        credentials.iter().any(|c| {
            !removing.contains(&c.id)
                && matches!(
                    c.kind,
                    CredentialKind::Password | CredentialKind::Webauthn | CredentialKind::Oidc
                )
        }) || contacts
            .iter()
            .any(|c| c.verified && (c.kind == ContactKind::Email || self.settings.sms_enabled))
    }
}

/// `flows.settings()`: changes the owner makes to their account.
#[derive(Clone, Copy)]
pub struct Settings<'a>(&'a Flows);

impl Flows {
    pub fn settings(&self) -> Settings<'_> {
        Settings(self)
    }
}

impl Settings<'_> {
    /// `PUT /api/account/password`. Other sessions of the account end; the caller's stays.
    pub async fn change_password(
        &self,
        auth: &Authenticated,
        current_password: Option<&str>,
        new_password: &str,
    ) -> Result<(), FlowError> {
        self.0
            .change_password(auth, current_password, new_password)
            .await
    }
}

impl Settings<'_> {
    /// `POST /api/account/contacts`: a code goes to the new email or phone.
    pub async fn add_contact(
        &self,
        auth: &Authenticated,
        kind: latchkey_store::ContactKind,
        address: &str,
        client: &crate::ClientInfo,
    ) -> Result<latchkey_domain::FlowId, FlowError> {
        self.0.add_contact(auth, kind, address, client).await
    }

    /// `POST /api/account/contacts/{flow_id}/code`: the address is added, verified;
    /// `primary` makes it the primary of its kind.
    pub async fn complete_contact(
        &self,
        auth: &Authenticated,
        flow: latchkey_domain::FlowId,
        code: &str,
        primary: bool,
        client: &crate::ClientInfo,
    ) -> Result<crate::IdentityView, FlowError> {
        self.0
            .complete_contact_change(auth, flow, code, primary, client)
            .await
    }

    /// `POST /api/account/contacts/{contact_id}/primary`.
    pub async fn make_primary(
        &self,
        auth: &Authenticated,
        contact: uuid::Uuid,
        client: &crate::ClientInfo,
    ) -> Result<crate::IdentityView, FlowError> {
        self.0.make_contact_primary(auth, contact, client).await
    }

    /// `DELETE /api/account/contacts/{contact_id}`.
    pub async fn remove_contact(
        &self,
        auth: &Authenticated,
        contact: uuid::Uuid,
        client: &crate::ClientInfo,
    ) -> Result<(), FlowError> {
        self.0.remove_contact(auth, contact, client).await
    }
}

/// `GET /api/account/mfa`: the account's second factors and passkeys.
#[derive(Debug, Clone)]
pub struct MfaStatus {
    pub totp: bool,
    pub recovery_codes_left: u32,
    /// Warn the owner: this few codes are left (and a second factor is on).
    pub recovery_codes_low: bool,
    pub passkeys: Vec<crate::PasskeyView>,
    pub trusted_devices: Vec<crate::TrustedDeviceView>,
}

impl Settings<'_> {
    pub async fn mfa_status(&self, auth: &Authenticated) -> Result<MfaStatus, FlowError> {
        use latchkey_store::CredentialKind;
        let flows = self.0;
        let id = auth.identity.id;
        let credentials = flows.store.credentials(id).await?;
        let totp = credentials.iter().any(|c| c.kind == CredentialKind::Totp);
        let passkeys: Vec<crate::PasskeyView> = credentials
            .iter()
            .filter(|c| c.kind == CredentialKind::Webauthn)
            .map(crate::PasskeyView::from)
            .collect();
        let left = flows.store.recovery_codes_left(id).await?;
        Ok(MfaStatus {
            recovery_codes_low: (totp || !passkeys.is_empty())
                && left <= latchkey_domain::recovery_codes::WARN_AT,
            totp,
            recovery_codes_left: left,
            passkeys,
            trusted_devices: flows.trusted_device_views(id).await?,
        })
    }

    /// `POST /api/account/mfa/totp`: a new TOTP secret to confirm.
    pub async fn start_totp(
        &self,
        auth: &Authenticated,
    ) -> Result<crate::TotpEnrollment, FlowError> {
        self.0.start_totp(auth).await
    }

    /// `POST /api/account/mfa/totp/confirm`: the recovery codes when it is the first
    /// second factor.
    pub async fn confirm_totp(
        &self,
        auth: &Authenticated,
        enrollment: latchkey_domain::FlowId,
        code: &str,
    ) -> Result<Option<Vec<String>>, FlowError> {
        self.0.confirm_totp(auth, enrollment, code).await
    }

    pub async fn remove_totp(&self, auth: &Authenticated) -> Result<(), FlowError> {
        self.0.remove_totp(auth).await
    }

    /// `POST /api/account/mfa/recovery-codes`: a new set; every older code stops working.
    pub async fn regenerate_recovery_codes(
        &self,
        auth: &Authenticated,
    ) -> Result<Vec<String>, FlowError> {
        self.0.regenerate_recovery_codes(auth).await
    }

    /// `POST /api/account/passkeys/options`.
    pub async fn passkey_options(
        &self,
        auth: &Authenticated,
        name: Option<&str>,
    ) -> Result<(latchkey_domain::FlowId, serde_json::Value), FlowError> {
        self.0.passkey_registration_options(auth, name).await
    }

    /// `POST /api/account/passkeys`.
    pub async fn add_passkey(
        &self,
        auth: &Authenticated,
        registration: latchkey_domain::FlowId,
        credential: &serde_json::Value,
    ) -> Result<crate::PasskeyView, FlowError> {
        self.0.add_passkey(auth, registration, credential).await
    }

    /// `DELETE /api/account/passkeys/{id}`; `LastMethod` when it is the last way in.
    pub async fn remove_passkey(
        &self,
        auth: &Authenticated,
        id: uuid::Uuid,
    ) -> Result<(), FlowError> {
        self.0.remove_passkey(auth, id).await
    }

    /// Whether the session may change factors now (else the page asks to
    /// re-authenticate first).
    pub fn privileged(&self, auth: &Authenticated) -> bool {
        self.0.require_privileged(auth).is_ok()
    }

    /// How long "remember this device" lasts.
    pub fn remember_device(&self) -> Duration {
        self.0.settings.remember_device
    }

    /// Whether phones can be added (SMS is configured).
    pub fn sms_enabled(&self) -> bool {
        self.0.settings.sms_enabled
    }

    /// The privileged window's length.
    pub fn privileged_window(&self) -> Duration {
        self.0.settings.privileged_window
    }
}

impl Settings<'_> {
    /// The cards the methods add to the settings page, from the registry.
    pub fn method_cards(&self) -> Vec<crate::kernel::registry::SettingsCard> {
        crate::kernel::registry::settings_cards()
    }
}

/// A security event as the account's activity shows it.
#[derive(Debug, Clone)]
pub struct EventView {
    /// The stable name (`session.created`).
    pub kind: &'static str,
    pub at: time::OffsetDateTime,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub data: serde_json::Value,
}

/// How many events the activity shows.
pub const ACTIVITY_EVENTS: u32 = 100;

impl Settings<'_> {
    /// `GET /api/account/events`: the account's own recent security activity, newest
    /// first.
    pub async fn events(&self, auth: &Authenticated) -> Result<Vec<EventView>, FlowError> {
        Ok(self
            .0
            .recent_events(auth.identity.id, ACTIVITY_EVENTS)
            .await?
            .into_iter()
            .map(|e| EventView {
                kind: e.kind.as_str(),
                at: e.at,
                ip: e.ip,
                user_agent: e.user_agent,
                data: e.data,
            })
            .collect())
    }
}
