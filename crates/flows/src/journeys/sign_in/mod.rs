//! The sign-in journey: a way in (a method) proves who someone is; the journey then
//! counts the attempt and starts the session. Each way in is a [`SignInMethod`]: the
//! password (`methods::password::sign_in`) and a code by email or SMS
//! (`methods::code::sign_in`).

pub(crate) mod payload;

use crate::{ClientInfo, FlowError, Flows, SignedIn};
use latchkey_domain::{Assurance, Identifier};
use latchkey_store::{Contact, Identity};

/// A way in, holding what the person gave (a password, a code): turns it into the
/// account it proves. Every refusal is the method's; the session, and counting the
/// attempt, are the journey's.
pub(crate) trait SignInMethod {
    /// The `method` label of `latchkey_sign_ins_total`.
    const METRIC: &'static str;
    /// What the session records as the way it was started.
    const SESSION_METHOD: &'static str;

    async fn identify(self, flows: &Flows, client: &ClientInfo) -> Result<Identity, FlowError>;
}

impl Flows {
    /// Signs in by `method`: on success a session, either way one count of the attempt.
    pub(crate) async fn sign_in_by<M: SignInMethod>(
        &self,
        method: M,
        client: &ClientInfo,
    ) -> Result<SignedIn, FlowError> {
        let result = async {
            let identity = method.identify(self, client).await?;
            // Every way in proves one factor today. The second factor (two-factor
            // authentication) is one rule here, for every way in at once: while the
            // account requires more than the assurance reached, the journey answers with
            // a ticket for the second step instead of a session.
            let assurance = Assurance::one_factor(M::SESSION_METHOD);
            self.start_session(&identity, assurance, client, &[]).await
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
    ) -> Result<SignedIn, FlowError> {
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
    ) -> Result<SignedIn, FlowError> {
        let method = crate::methods::code::sign_in::CodeSignIn { flow, code };
        self.0.sign_in_by(method, client).await
    }
}

impl SignIn<'_> {
    /// The ways in the sign-in page links to beside its password form, from the
    /// registry.
    pub fn other_ways(&self) -> Vec<crate::kernel::registry::SignInWay> {
        crate::kernel::registry::sign_in_ways()
    }
}
