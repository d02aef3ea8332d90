//! Password sign-in with an email or phone number. Unknown identifiers, accounts without a
//! password and wrong passwords all cost one Argon2 verification and get one answer.

use crate::hasher::Verdict;
use crate::{ClientInfo, FlowError, Flows, SignedIn};
use latchkey_domain::{Identifier, Password};
use latchkey_store::{Contact, CredentialKind, Identity};

impl Flows {
    /// The account a verified contact with this identifier belongs to.
    pub(crate) async fn find_account(
        &self,
        identifier: &Identifier,
    ) -> Result<Option<(Contact, Identity)>, FlowError> {
        let Some((contact, identity)) = self
            .store
            .contact_and_identity(identifier.kind(), &identifier.key())
            .await?
        else {
            return Ok(None);
        };
        // An unverified address proves nothing: anyone could have typed it in.
        Ok(contact.verified.then_some((contact, identity)))
    }

    pub fn parse_identifier(&self, input: &str) -> Result<Identifier, FlowError> {
        Identifier::parse(input, self.settings.default_phone_region.as_deref())
            .map_err(|_| FlowError::InvalidIdentifier)
    }

    /// Password sign-in. Every refusal that does not need the password (rate limit,
    /// lockout, challenge) comes before hashing and is the same for known and unknown
    /// identifiers: the lookup and the lockout read happen for both.
    pub async fn sign_in_with_password(
        &self,
        identifier: &str,
        password: &str,
        client: &ClientInfo,
    ) -> Result<SignedIn, FlowError> {
        let result = self.password_sign_in(identifier, password, client).await;
        crate::metrics::sign_in("password", &result);
        result
    }

    async fn password_sign_in(
        &self,
        identifier: &str,
        password: &str,
        client: &ClientInfo,
    ) -> Result<SignedIn, FlowError> {
        let identifier = self.parse_identifier(identifier)?;
        let password = Password::new(password);
        if password.expose().len() > self.passwords.max_bytes {
            return Err(FlowError::InvalidCredentials);
        }
        let account = self.find_account(&identifier).await?;
        let judged = self
            .judge_sign_in(&identifier, account.as_ref().map(|(_, i)| i.id), client)
            .await?;
        let stored = match &account {
            Some((_, identity)) => self
                .store
                .credentials(identity.id)
                .await?
                .into_iter()
                .find(|c| c.kind == CredentialKind::Password),
            None => None,
        };
        let (Some((_, identity)), Some(credential)) = (&account, stored) else {
            self.hasher.verify_dummy(&password).await?;
            self.sign_in_failed(&judged, account.as_ref().map(|(_, i)| i), client)
                .await?;
            return Err(FlowError::InvalidCredentials);
        };
        match self.hasher.verify(&password, &credential.secret).await? {
            Verdict::Mismatch => {
                self.sign_in_failed(&judged, Some(identity), client).await?;
                Err(FlowError::InvalidCredentials)
            }
            Verdict::Match { needs_rehash } => {
                if needs_rehash {
                    let phc = self.hasher.hash(&password).await?;
                    self.store
                        .update_credential_secret(
                            identity.id,
                            CredentialKind::Password,
                            &phc,
                            self.now(),
                            &[],
                        )
                        .await?;
                }
                self.sign_in_succeeded(&judged).await?;
                self.start_session(identity, "password", client, &[]).await
            }
        }
    }
}
