//! The privileged window (P2): changing the password, contacts, factors or passkeys needs
//! a sign-in or a re-authentication within the last few minutes
//! (`[session] privileged_window_minutes`, 10 by default); otherwise the change answers
//! `reauthentication_required`, and the person proves themselves again with the password
//! or a second factor (`flows.reauthenticate()`).

use crate::kernel::hashing::Verdict;
use crate::{Authenticated, ClientInfo, FlowError, Flows};
use latchkey_domain::{Aal, Assurance, Password};
use latchkey_store::CredentialKind;

/// What a re-authentication proves itself with.
#[derive(Debug, Clone)]
pub enum Reauthentication {
    Password(String),
    Totp(String),
}

impl Flows {
    /// `Ok` while the session is inside the privileged window.
    pub(crate) fn require_privileged(&self, auth: &Authenticated) -> Result<(), FlowError> {
        if self.now() - auth.session.authenticated_at <= self.settings.privileged_window {
            Ok(())
        } else {
            Err(FlowError::ReauthenticationRequired)
        }
    }
}

/// `flows.reauthenticate()`.
#[derive(Clone, Copy)]
pub struct Reauthenticate<'a>(&'a Flows);

impl Flows {
    pub fn reauthenticate(&self) -> Reauthenticate<'_> {
        Reauthenticate(self)
    }
}

impl Reauthenticate<'_> {
    /// Opens the privileged window again for this session. The password is throttled as
    /// in settings (`wrong_current_password`, reserved before hashing); a TOTP code
    /// follows the TOTP's own rules (its lockout, each step once) and raises a one-factor
    /// session to two.
    pub async fn with(
        &self,
        auth: &Authenticated,
        proof: Reauthentication,
        _client: &ClientInfo,
    ) -> Result<(), FlowError> {
        let flows = self.0;
        let identity = &auth.identity;
        let credentials = flows.store.credentials(identity.id).await?;
        let mut assurance = Assurance {
            aal: auth.session.aal,
            amr: auth.session.amr.clone(),
        };
        match proof {
            Reauthentication::Password(given) => {
                let rule = flows.abuse.rates.wrong_current_password;
                flows
                    .count_against(&[(format!("reauth:id:{}", identity.id), rule)])
                    .await?;
                let given = Password::new(&given);
                let stored = credentials
                    .iter()
                    .find(|c| c.kind == CredentialKind::Password);
                let Some(stored) = stored else {
                    flows.hasher.verify_dummy(&given).await?;
                    return Err(FlowError::InvalidCredentials);
                };
                if flows.hasher.verify(&given, &stored.secret).await? == Verdict::Mismatch {
                    return Err(FlowError::InvalidCredentials);
                }
            }
            Reauthentication::Totp(code) => {
                flows.check_totp(identity, &credentials, &code).await?;
                if assurance.aal < Aal::Aal2 {
                    assurance = Assurance::two_factors(&assurance.amr, "totp");
                }
            }
        }
        let now = flows.now();
        if !flows
            .store
            .reauthenticate_session(auth.session.id, now, assurance.aal, &assurance.amr)
            .await?
        {
            return Err(FlowError::Unauthenticated);
        }
        tracing::info!(identity.id = %identity.id, "re-authenticated");
        Ok(())
    }
}
