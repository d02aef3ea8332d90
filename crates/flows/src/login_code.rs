//! Passwordless sign-in: a code to the account's verified email or phone.

use crate::codes::{CodeTemplate, Delivery, NewCodeFlow};
use crate::{ClientInfo, FlowError, Flows, SignedIn};
use latchkey_domain::FlowId;
use latchkey_i18n::Locale;
use latchkey_store::{FlowKind, IdentityState};

impl Flows {
    pub async fn start_login_code(
        &self,
        identifier: &str,
        locale: Locale,
    ) -> Result<FlowId, FlowError> {
        self.start_login_code_from(identifier, locale, &ClientInfo::default())
            .await
    }

    /// As [`Self::start_login_code`], with the client's IP and challenge solution, so the
    /// per-IP limits and the challenge apply too.
    pub async fn start_login_code_from(
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
            kind: FlowKind::LoginCode,
            identity_id: account.as_ref().map(|(_, i)| i.id),
            identifier_key: identifier.key(),
            channel: identifier.kind(),
            delivery: Delivery {
                recipient: account.map(|(c, _)| c.address),
                locale,
                template: CodeTemplate::LoginCode,
            },
            payload: serde_json::Map::new(),
            extra_messages: Vec::new(),
        })
        .await
    }

    pub async fn complete_login_code(
        &self,
        flow_id: FlowId,
        code: &str,
        client: &ClientInfo,
    ) -> Result<SignedIn, FlowError> {
        let result = self.code_sign_in(flow_id, code, client).await;
        crate::metrics::sign_in("code", &result);
        result
    }

    async fn code_sign_in(
        &self,
        flow_id: FlowId,
        code: &str,
        client: &ClientInfo,
    ) -> Result<SignedIn, FlowError> {
        let flow = self
            .redeem_code(flow_id, FlowKind::LoginCode, code, client)
            .await?;
        let identity_id = flow.identity_id.ok_or(FlowError::FlowExpired)?;
        let identity = self
            .store
            .identity(identity_id)
            .await?
            .ok_or(FlowError::FlowExpired)?;
        self.start_session(&identity, "code", client, &[]).await
    }
}
