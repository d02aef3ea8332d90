//! The password method at registration: an optional password, checked against the
//! policy and hashed at the first step; the credential it becomes.

use crate::{FlowError, Flows};
use latchkey_domain::{IdentityId, Password, Strength};
use latchkey_store::{Credential, CredentialKind};
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

/// The strength meter's answer for a password being typed.
#[derive(Debug, Clone, Serialize)]
pub struct PasswordAssessment {
    pub strength: Strength,
    pub problems: Vec<latchkey_domain::PasswordProblem>,
    pub acceptable: bool,
}

impl Flows {
    pub(crate) fn assess_password(&self, password: &str, inputs: &[&str]) -> PasswordAssessment {
        let pw = Password::new(password);
        let problems = self.passwords.check(&pw, inputs);
        PasswordAssessment {
            strength: self.passwords.strength(&pw, inputs),
            acceptable: problems.is_empty(),
            problems,
        }
    }

    /// The PHC string of the password given at sign-up, if any: refused when weak
    /// (judged against the address and name too), hashed otherwise.
    pub(crate) async fn registration_password(
        &self,
        raw: Option<&str>,
        address: &str,
        name: Option<&str>,
    ) -> Result<Option<String>, FlowError> {
        let Some(raw) = raw else {
            return Ok(None);
        };
        let pw = Password::new(raw);
        let mut inputs: Vec<&str> = vec![address];
        if let Some(n) = name {
            inputs.push(n);
        }
        let problems = self.passwords.check(&pw, &inputs);
        if !problems.is_empty() {
            return Err(FlowError::WeakPassword(problems));
        }
        // Hashed now, also for a taken identifier, so both cost the same.
        Ok(Some(self.hasher.hash(&pw).await?))
    }

    /// The password credential a new account gets from its stored hash.
    pub(crate) fn password_credential(
        identity: IdentityId,
        phc: &str,
        now: OffsetDateTime,
    ) -> Credential {
        Credential {
            id: Uuid::now_v7(),
            identity_id: identity,
            kind: CredentialKind::Password,
            secret: phc.to_owned(),
            data: serde_json::Value::Null,
            name: None,
            lookup: None,
            counter: 0,
            created_at: now,
            updated_at: now,
            last_used_at: None,
        }
    }
}
