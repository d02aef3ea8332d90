//! Recovery codes: ten one-time codes for the day the phone is lost (M1). Issued with the
//! first second factor and on request (every older code stops working), stored as
//! digests, each spent in one statement (so of any number of simultaneous uses of a code
//! exactly one wins), every use told to the owner. The codes themselves are
//! `latchkey_domain::recovery_codes`.

pub(crate) mod mfa;
pub(crate) mod settings;

use crate::kernel::registry::{AccountFacts, MethodHint, SecondFactorFacts, SecondFactorMethod};
use crate::{FlowError, Flows};
use latchkey_domain::recovery_codes;
use latchkey_store::Identity;

/// The recovery-codes method, as the registry lists it.
pub(crate) struct RecoveryCodes;

impl MethodHint for RecoveryCodes {
    fn hints(&self, _account: &AccountFacts<'_>, _out: &mut Vec<String>) {
        // Recovery codes are no way in by themselves: the account view names them only
        // through the second factor they back (the settings page counts them).
    }
}

impl SecondFactorMethod for RecoveryCodes {
    fn second_factors(&self, account: &SecondFactorFacts<'_>, out: &mut Vec<String>) {
        if account.recovery_codes_left > 0 {
            out.push("recovery_code".to_owned());
        }
    }
}

/// The digest a code of this account is kept as.
pub(crate) fn digest(identity: &Identity, normalized: &str) -> String {
    recovery_codes::digest(identity.id.0.as_bytes(), normalized)
}

impl Flows {
    /// A new set of codes for the account, replacing every older one; returns them to
    /// show once.
    pub(crate) async fn issue_recovery_codes(
        &self,
        identity: &Identity,
    ) -> Result<Vec<String>, FlowError> {
        let codes = recovery_codes::generate();
        let digests: Vec<String> = codes
            .iter()
            .filter_map(|c| recovery_codes::normalize(c))
            .map(|n| digest(identity, &n))
            .collect();
        self.store
            .replace_recovery_codes(identity.id, &digests, self.now(), &[])
            .await?;
        tracing::info!(identity.id = %identity.id, "recovery codes issued");
        Ok(codes)
    }
}
