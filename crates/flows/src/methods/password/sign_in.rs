//! Password sign-in with an email or phone number. Unknown identifiers, accounts without
//! a password and wrong passwords all cost one Argon2 verification and get one answer.

use crate::journeys::sign_in::{Identified, SignInMethod};
use crate::kernel::hashing::Verdict;
use crate::{ClientInfo, FlowError, Flows};
use latchkey_domain::Password;
use latchkey_store::CredentialKind;

/// The password as a way in: what the person typed, an identifier and a password.
pub(crate) struct PasswordSignIn<'a> {
    pub identifier: &'a str,
    pub password: &'a str,
}

impl SignInMethod for PasswordSignIn<'_> {
    const METRIC: &'static str = "password";
    const SESSION_METHOD: &'static str = "password";

    /// Every refusal that does not need the password (rate limit, lockout, challenge)
    /// comes before hashing and is the same for known and unknown identifiers: the lookup
    /// and the lockout read happen for both.
    async fn identify(self, flows: &Flows, client: &ClientInfo) -> Result<Identified, FlowError> {
        let identifier = flows.parse_identifier(self.identifier)?;
        let password = Password::new(self.password);
        if password.expose().len() > flows.passwords.max_bytes {
            return Err(FlowError::InvalidCredentials);
        }
        let account = flows.find_account(&identifier).await?;
        let judged = flows
            .judge_sign_in(&identifier, account.as_ref().map(|(_, i)| i.id), client)
            .await?;
        let stored = match &account {
            Some((_, identity)) => flows
                .store
                .credentials(identity.id)
                .await?
                .into_iter()
                .find(|c| c.kind == CredentialKind::Password),
            None => None,
        };
        let (Some((_, identity)), Some(credential)) = (&account, stored) else {
            flows.hasher.verify_dummy(&password).await?;
            flows
                .sign_in_failed(&judged, account.as_ref().map(|(_, i)| i), client)
                .await?;
            return Err(FlowError::InvalidCredentials);
        };
        match flows.hasher.verify(&password, &credential.secret).await? {
            Verdict::Mismatch => {
                flows
                    .sign_in_failed(&judged, Some(identity), client)
                    .await?;
                Err(FlowError::InvalidCredentials)
            }
            Verdict::Match { needs_rehash } => {
                if needs_rehash {
                    let phc = flows.hasher.hash(&password).await?;
                    flows
                        .store
                        .update_credential_secret(
                            identity.id,
                            CredentialKind::Password,
                            &phc,
                            flows.now(),
                            &[],
                        )
                        .await?;
                }
                flows.sign_in_succeeded(&judged).await?;
                Ok(identity.clone().into())
            }
        }
    }
}
