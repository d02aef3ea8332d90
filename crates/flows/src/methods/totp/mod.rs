//! TOTP (RFC 6238) from an authenticator app: a second factor. Enrolled and removed in
//! settings (`settings.rs`), used as the second step (`mfa.rs`) and to re-authenticate.
//!
//! Its rules, beyond the algorithm (`latchkey_domain::totp`): a code is accepted once (the
//! credential's `counter` holds the last accepted step, moved forward in one statement,
//! so a replayed or earlier step is refused even by concurrent requests), and wrong codes
//! count on a lockout key of their own (`totp:<identity>`), apart from the password's:
//! [`MAX_FAILURES`] within [`FAILURE_WINDOW`] stop TOTP for the rest of the window.

pub(crate) mod mfa;
pub(crate) mod settings;

use crate::kernel::registry::{AccountFacts, MethodHint, SecondFactorFacts, SecondFactorMethod};
use crate::{FlowError, Flows};
use latchkey_domain::TotpSecret;
use latchkey_store::{Credential, CredentialKind, Identity};
use time::Duration;

/// Wrong TOTP codes that stop TOTP for the rest of the window.
pub const MAX_FAILURES: u32 = 10;
pub const FAILURE_WINDOW: Duration = Duration::minutes(15);

/// The TOTP method, as the registry lists it.
pub(crate) struct Totp;

impl MethodHint for Totp {
    fn hints(&self, account: &AccountFacts<'_>, out: &mut Vec<String>) {
        if account.has_totp
            || account
                .credentials
                .iter()
                .any(|c| c.kind == CredentialKind::Totp)
        {
            out.push("totp".to_owned());
        }
    }
}

impl SecondFactorMethod for Totp {
    fn second_factors(&self, account: &SecondFactorFacts<'_>, out: &mut Vec<String>) {
        if account
            .credentials
            .iter()
            .any(|c| c.kind == CredentialKind::Totp)
        {
            out.push("totp".to_owned());
        }
    }
}

fn lockout_key(identity: &Identity) -> String {
    format!("totp:{}", identity.id)
}

impl Flows {
    /// Judges a TOTP code of the account: its own lockout reserved first, then the code,
    /// then its step spent (once). `InvalidCode` for a wrong, malformed or replayed code.
    pub(crate) async fn check_totp(
        &self,
        identity: &Identity,
        credentials: &[Credential],
        code: &str,
    ) -> Result<(), FlowError> {
        let Some(credential) = credentials.iter().find(|c| c.kind == CredentialKind::Totp) else {
            return Err(FlowError::InvalidCode { attempts_left: 0 });
        };
        let now = self.now();
        let key = lockout_key(identity);
        let before = self.store.lockout(&key).await?;
        let record = self
            .store
            .record_lockout_failure(&key, now, now - FAILURE_WINDOW)
            .await?;
        if record.failures > MAX_FAILURES {
            tracing::info!(identity.id = %identity.id, "TOTP locked: too many wrong codes");
            return Err(FlowError::TooManyAttempts {
                retry_after: FAILURE_WINDOW - (now - before.map_or(now, |b| b.last_failure_at)),
            });
        }
        let secret = TotpSecret::from_base32(&credential.secret).map_err(FlowError::internal)?;
        let accepted = match secret.accepts(code, now) {
            Some(step) => {
                self.store
                    .advance_credential_counter(credential.id, step, now)
                    .await?
            }
            None => false,
        };
        if !accepted {
            return Err(FlowError::InvalidCode {
                attempts_left: MAX_FAILURES.saturating_sub(record.failures),
            });
        }
        self.store
            .refund_lockout_failure(&key, before.map(|b| b.last_failure_at))
            .await?;
        Ok(())
    }
}
