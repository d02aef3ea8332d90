//! The sign-in journey: a way in (a method) proves who someone is; the journey then
//! counts the attempt and starts the session. Each way in is a [`SignInMethod`]: the
//! password (`methods::password::sign_in`) and a code by email or SMS
//! (`methods::code::sign_in`), later a passkey and the social providers.
//!
//! Every way in ends in [`Flows::sign_in_by`], and so in [`Flows::after_first_factor`]:
//! the one place that decides whether the account's second factor is still owed
//! (`journeys::mfa`).

pub mod messages;
pub(crate) mod payload;

use crate::journeys::mfa::SignInOutcome;
use crate::{ClientInfo, FlowError, Flows};
use latchkey_domain::{Assurance, FlowId, Identifier};
use latchkey_store::{Contact, ContactKind, Identity};

/// What a way in proved: the account, and the contact kind whose code proved it, if
/// any (that channel is then no second factor).
pub(crate) struct Identified {
    pub identity: Identity,
    pub via: Option<ContactKind>,
}

impl From<Identity> for Identified {
    fn from(identity: Identity) -> Self {
        Self {
            identity,
            via: None,
        }
    }
}

/// A way in, holding what the person gave (a password, a code): turns it into the
/// account it proves. Every refusal is the method's; the session, and counting the
/// attempt, are the journey's.
pub(crate) trait SignInMethod {
    /// The `method` label of `latchkey_sign_ins_total`.
    const METRIC: &'static str;
    /// What the session records as the way it was started.
    const SESSION_METHOD: &'static str;

    /// What proving it is worth: one factor, unless the method is two in one (a passkey
    /// with user verification).
    fn assurance() -> Assurance {
        Assurance::one_factor(Self::SESSION_METHOD)
    }

    async fn identify(self, flows: &Flows, client: &ClientInfo) -> Result<Identified, FlowError>;
}

/// How someone proves an account they claim, with one of its own ways in (a social
/// link's proof step): the identifier's password, a login code sent to it, or a passkey.
pub enum AccountProof<'a> {
    Password(&'a str),
    /// The login-code flow `send_code` opened, and the code.
    Code {
        flow: FlowId,
        code: &'a str,
    },
    /// A passkey assertion for a challenge from `POST /api/sessions/passkey/options`.
    Passkey {
        challenge: FlowId,
        credential: &'a serde_json::Value,
    },
}

impl Flows {
    /// The account `proof` proves (for `identifier`, a verified contact), by the method
    /// that owns that proof, with all its limits and lockouts; no session is started.
    pub(crate) async fn prove_account(
        &self,
        identifier: &str,
        proof: AccountProof<'_>,
        client: &ClientInfo,
    ) -> Result<Identified, FlowError> {
        match proof {
            AccountProof::Password(password) => {
                crate::methods::password::sign_in::PasswordSignIn {
                    identifier,
                    password,
                }
                .identify(self, client)
                .await
            }
            AccountProof::Code { flow, code } => {
                crate::methods::code::sign_in::CodeSignIn { flow, code }
                    .identify(self, client)
                    .await
            }
            AccountProof::Passkey {
                challenge,
                credential,
            } => {
                crate::methods::passkey::sign_in::PasskeySignIn {
                    challenge,
                    credential,
                }
                .identify(self, client)
                .await
            }
        }
    }

    /// Signs in by `method`: on success a session, or the ticket of the second step
    /// when the account has a second factor; either way one count of the attempt.
    pub(crate) async fn sign_in_by<M: SignInMethod>(
        &self,
        method: M,
        client: &ClientInfo,
    ) -> Result<SignInOutcome, FlowError> {
        let result = async {
            let proved = method.identify(self, client).await?;
            let assurance = M::assurance();
            self.after_first_factor(&proved.identity, assurance, proved.via, client)
                .await
        }
        .await;
        crate::kernel::metrics::sign_in(M::METRIC, &result);
        result
    }

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
}

/// `flows.sign_in()`: the ways in.
#[derive(Clone, Copy)]
pub struct SignIn<'a>(&'a Flows);

impl Flows {
    pub fn sign_in(&self) -> SignIn<'_> {
        SignIn(self)
    }
}

impl SignIn<'_> {
    /// Password sign-in with an email or phone number.
    pub async fn with_password(
        &self,
        identifier: &str,
        password: &str,
        client: &ClientInfo,
    ) -> Result<SignInOutcome, FlowError> {
        let method = crate::methods::password::sign_in::PasswordSignIn {
            identifier,
            password,
        };
        self.0.sign_in_by(method, client).await
    }

    /// Sends a sign-in code to the identifier (if an account holds it verified).
    pub async fn send_code(
        &self,
        identifier: &str,
        locale: latchkey_i18n::Locale,
        client: &ClientInfo,
    ) -> Result<latchkey_domain::FlowId, FlowError> {
        self.0.start_login_code(identifier, locale, client).await
    }

    pub async fn resend_code(
        &self,
        id: latchkey_domain::FlowId,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        self.0
            .resend_code(id, latchkey_store::FlowKind::LoginCode, client)
            .await
    }

    /// Sign-in by the code sent.
    pub async fn with_code(
        &self,
        flow: latchkey_domain::FlowId,
        code: &str,
        client: &ClientInfo,
    ) -> Result<SignInOutcome, FlowError> {
        let method = crate::methods::code::sign_in::CodeSignIn { flow, code };
        self.0.sign_in_by(method, client).await
    }
}

impl SignIn<'_> {
    /// `POST /api/sessions/passkey/options`: discoverable request options (for a button
    /// or the browser's autofill), and the id of their single-use challenge.
    pub async fn passkey_options(
        &self,
        client: &ClientInfo,
    ) -> Result<(latchkey_domain::FlowId, serde_json::Value), FlowError> {
        self.0.passkey_sign_in_options(client).await
    }

    /// `POST /api/sessions/passkey`: signs in with a passkey assertion.
    pub async fn with_passkey(
        &self,
        challenge: latchkey_domain::FlowId,
        credential: &serde_json::Value,
        client: &ClientInfo,
    ) -> Result<SignInOutcome, FlowError> {
        let method = crate::methods::passkey::sign_in::PasskeySignIn {
            challenge,
            credential,
        };
        self.0.sign_in_by(method, client).await
    }

    /// `POST /api/sessions/passkey/options {"mfa_ticket"}`: options bound to the ticket's
    /// account, for a passkey as its second factor.
    pub async fn passkey_mfa_options(
        &self,
        ticket: latchkey_domain::FlowId,
    ) -> Result<serde_json::Value, FlowError> {
        self.0.passkey_mfa_options(ticket).await
    }
}

impl SignIn<'_> {
    /// The ways in the sign-in page links to beside its password form, from the
    /// registry.
    pub fn other_ways(&self) -> Vec<crate::kernel::registry::SignInWay> {
        crate::kernel::registry::sign_in_ways()
    }
}
