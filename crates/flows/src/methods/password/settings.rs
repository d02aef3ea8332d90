//! The password method in settings (P2): changing the password needs the current
//! password, or a sign-in recent enough to count as re-authentication; the owner's
//! verified contacts are told, with a "this wasn't me" link.

use crate::kernel::hashing::Verdict;
use crate::kernel::registry::{SettingsCard, SettingsSection};
use crate::{Authenticated, FlowError, Flows};
use latchkey_domain::{Password, PasswordProblem};
use latchkey_store::CredentialKind;

impl Flows {
    /// `PUT /api/account/password`. Other sessions of the account end; the caller's stays.
    pub(crate) async fn change_password(
        &self,
        auth: &Authenticated,
        current_password: Option<&str>,
        new_password: &str,
    ) -> Result<(), FlowError> {
        let identity = &auth.identity;
        let now = self.now();
        let credentials = self.store.credentials(identity.id).await?;
        let current = credentials
            .iter()
            .find(|c| c.kind == CredentialKind::Password);
        let guesses = format!("reauth:id:{}", identity.id);
        let rule = self.abuse.rates.wrong_current_password;
        if current_password.is_some() {
            // Reserved before hashing, so a burst cannot outrun it: every attempt with a
            // current password counts, a right one too (a few changes a quarter hour is
            // plenty for the owner).
            self.count_against(&[(guesses, rule)]).await?;
        }
        match (current_password, current) {
            (Some(given), Some(stored)) => {
                let given = Password::new(given);
                if self.hasher.verify(&given, &stored.secret).await? == Verdict::Mismatch {
                    return Err(FlowError::InvalidCredentials);
                }
            }
            (Some(given), None) => {
                // Nothing to compare with: spend the same time, then refuse.
                self.hasher.verify_dummy(&Password::new(given)).await?;
                return Err(FlowError::InvalidCredentials);
            }
            (None, _) => self.require_privileged(auth)?,
        }
        let contacts = self.store.contacts(identity.id).await?;
        let password = Password::new(new_password);
        let mut inputs: Vec<&str> = contacts.iter().map(|c| c.address.as_str()).collect();
        if let Some(name) = &identity.name {
            inputs.push(name);
        }
        let mut problems = self.passwords.check(&password, &inputs);
        if let Some(stored) = current
            && problems.is_empty()
            && self.hasher.verify(&password, &stored.secret).await? != Verdict::Mismatch
        {
            problems.push(PasswordProblem::SameAsCurrent);
        }
        if !problems.is_empty() {
            return Err(FlowError::WeakPassword(problems));
        }
        let secret = self.hasher.hash(&password).await?;
        let (report_token, notices) = self.password_changed_notices(identity, &contacts, None);
        // The report token first: should the change fail after it, an unused token that
        // nobody received is harmless; a notice whose link does not work would not be.
        self.store.insert_reset_token(&report_token, &[]).await?;
        self.store
            .update_credential_secret(
                identity.id,
                CredentialKind::Password,
                &secret,
                now,
                &notices,
            )
            .await?;
        self.store
            .revoke_sessions(identity.id, Some(auth.session.id), now)
            .await?;
        self.wake_courier();
        tracing::info!(identity.id = %identity.id, "password changed");
        self.record(
            identity.id,
            latchkey_domain::EventType::PasswordChanged,
            None,
            serde_json::json!({"by": "settings", "session_id": auth.session.id.to_string()}),
        )
        .await;
        Ok(())
    }
}

/// The settings page's security card leads to the password change.
impl SettingsSection for super::PasswordMethod {
    fn settings_card(&self) -> SettingsCard {
        SettingsCard {
            id: "security-heading",
            title: "settings-security",
            path: "/settings/security",
            link: "settings-security-link",
            test_id: "security-link",
        }
    }
}
