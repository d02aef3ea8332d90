//! The proof step (`/login/link`): a provider's verified email is an existing account's,
//! so the person proves that account (its password, a code sent to that email, or one
//! of its passkeys) before the provider identity joins it. Each proof is the sign-in
//! method's own, with all its limits and lockouts; the link flow is then spent once,
//! and the account signs in through the second-factor gate like any way in.

use super::payload::LinkPayload;
use super::provider::Profile;
use super::sign_in::SocialSignIn;
use crate::journeys::mfa::SignInOutcome;
use crate::journeys::sign_in::AccountProof;
use crate::kernel::codes::read_payload;
use crate::{ClientInfo, FlowError, Flows};
use latchkey_domain::{FlowId, IdentityId};
use latchkey_i18n::Locale;
use latchkey_store::{CredentialKind, FlowKind};

/// What the proof page shows: which provider, which address, and the ways the account
/// can be proved.
#[derive(Debug, Clone)]
pub struct LinkView {
    pub flow: FlowId,
    pub provider: String,
    pub provider_label: String,
    pub email: String,
    /// Any of `password`, `email_code`, `passkey`.
    pub proofs: Vec<&'static str>,
}

impl Flows {
    async fn open_link_flow(&self, id: FlowId) -> Result<(IdentityId, LinkPayload), FlowError> {
        let flow = self.open_flow(id, FlowKind::SocialLink).await?;
        let owner = flow
            .identity_id
            .ok_or_else(|| FlowError::Internal("link flow without account".into()))?;
        Ok((owner, read_payload(&flow)?))
    }

    pub(crate) async fn social_link_view(&self, id: FlowId) -> Result<LinkView, FlowError> {
        let (owner, payload) = self.open_link_flow(id).await?;
        let credentials = self.store.credentials(owner).await?;
        let mut proofs = Vec::new();
        if credentials
            .iter()
            .any(|c| c.kind == CredentialKind::Password)
        {
            proofs.push("password");
        }
        proofs.push("email_code");
        if self.passkeys_enabled()
            && credentials
                .iter()
                .any(|c| c.kind == CredentialKind::Webauthn)
        {
            proofs.push("passkey");
        }
        Ok(LinkView {
            flow: id,
            provider_label: self.providers.label(&payload.provider),
            provider: payload.provider,
            email: payload.email,
            proofs,
        })
    }

    /// Sends a sign-in code to the link's email (the account's verified contact), with
    /// the login code's limits.
    pub(crate) async fn social_link_send_code(
        &self,
        id: FlowId,
        locale: Locale,
        client: &ClientInfo,
    ) -> Result<FlowId, FlowError> {
        let (_, payload) = self.open_link_flow(id).await?;
        self.start_login_code(&payload.email, locale, client).await
    }

    pub(crate) async fn social_link_prove(
        &self,
        id: FlowId,
        proof: AccountProof<'_>,
        client: &ClientInfo,
    ) -> Result<(SignInOutcome, Option<String>), FlowError> {
        let (owner, payload) = self.open_link_flow(id).await?;
        // The account's own ways in prove it, each with its limits and lockout.
        let proved = self.prove_account(&payload.email, proof, client).await?;
        if proved.identity.id != owner {
            return Err(FlowError::InvalidCredentials);
        }
        // Spent once: of two proofs at the same moment, one links.
        self.take_ceremony(id, FlowKind::SocialLink).await?;
        let profile = Profile {
            subject: payload.subject,
            email: Some(payload.email),
            email_verified: true,
            name: payload.name,
        };
        self.link_provider(owner, &payload.provider, &profile)
            .await?;
        let outcome = self
            .sign_in_by(
                SocialSignIn {
                    identity: proved.identity,
                },
                client,
            )
            .await?;
        Ok((outcome, payload.return_to))
    }
}
