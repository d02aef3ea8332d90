//! Passwordless sign-in: a code to the account's verified email or phone.

use crate::journeys::sign_in::payload::Payload;
use crate::journeys::sign_in::{Identified, SignInMethod};
use crate::kernel::codes::{CodeTemplate, Delivery, NewCodeFlow};
use crate::kernel::registry::{SignInLink, SignInWay};
use crate::{ClientInfo, FlowError, Flows};
use latchkey_domain::FlowId;
use latchkey_i18n::Locale;
use latchkey_store::{FlowKind, IdentityState};

/// A one-time code as a way in: the flow the code was sent for, and the code as typed.
pub(crate) struct CodeSignIn<'a> {
    pub flow: FlowId,
    pub code: &'a str,
}

impl SignInMethod for CodeSignIn<'_> {
    const METRIC: &'static str = "code";
    const SESSION_METHOD: &'static str = "code";

    async fn identify(self, flows: &Flows, client: &ClientInfo) -> Result<Identified, FlowError> {
        let flow = flows
            .redeem_code(self.flow, FlowKind::LoginCode, self.code, client)
            .await?;
        let identity_id = flow.identity_id.ok_or(FlowError::FlowExpired)?;
        let identity = flows
            .store
            .identity(identity_id)
            .await?
            .ok_or(FlowError::FlowExpired)?;
        Ok(Identified {
            identity,
            via: Some(flow.channel),
        })
    }
}

impl Flows {
    /// Sends a sign-in code, with the client's IP and challenge solution, so the per-IP
    /// limits and the challenge apply too.
    pub(crate) async fn start_login_code(
        &self,
        identifier: &str,
        locale: Locale,
        client: &ClientInfo,
    ) -> Result<FlowId, FlowError> {
        let identifier = self.parse_identifier(identifier)?;
        self.guard_send_to(&identifier, client).await?;
        let account = self
            .find_account(&identifier)
            .await?
            .filter(|(_, identity)| identity.state == IdentityState::Active);
        let locale = account
            .as_ref()
            .and_then(|(_, i)| i.locale.as_deref())
            .and_then(Locale::parse)
            .unwrap_or(locale);
        self.open_code_flow(NewCodeFlow {
            identity_id: account.as_ref().map(|(_, i)| i.id),
            identifier_key: identifier.key(),
            channel: identifier.kind(),
            payload: Payload {
                delivery: Delivery {
                    recipient: account.map(|(c, _)| c.address),
                    locale,
                    template: CodeTemplate::LoginCode,
                },
            },
            extra_messages: Vec::new(),
        })
        .await
    }
}

/// Beside the password form, the sign-in page offers a code.
impl SignInLink for super::Code {
    fn sign_in_way(&self) -> SignInWay {
        SignInWay {
            path: "/login/code",
            label: "login-with-code",
        }
    }
}
