//! Verifying a contact that is not verified yet (a phone added at registration, an
//! address whose first code expired). Answers the same for every identifier.

use crate::codes::{CodeTemplate, Delivery, NewCodeFlow, payload_str};
use crate::{ClientInfo, FlowError, Flows};
use latchkey_domain::FlowId;
use latchkey_i18n::Locale;
use latchkey_store::FlowKind;
use uuid::Uuid;

impl Flows {
    pub async fn start_verification(
        &self,
        identifier: &str,
        locale: Locale,
    ) -> Result<FlowId, FlowError> {
        self.start_verification_from(identifier, locale, &ClientInfo::default())
            .await
    }

    /// As [`Self::start_verification`], with the client (per-IP limits, challenge).
    pub async fn start_verification_from(
        &self,
        identifier: &str,
        locale: Locale,
        client: &ClientInfo,
    ) -> Result<FlowId, FlowError> {
        let identifier = self.parse_identifier(identifier)?;
        self.guard_send_to(&identifier, client).await?;
        let contact = self
            .store
            .contact_by_key(identifier.kind(), &identifier.key())
            .await?
            .filter(|c| !c.verified);
        let mut payload = serde_json::Map::new();
        payload.insert(
            "contact_id".into(),
            contact.as_ref().map(|c| c.id.to_string()).into(),
        );
        let locale = match &contact {
            Some(c) => self
                .store
                .identity(c.identity_id)
                .await?
                .and_then(|i| i.locale)
                .as_deref()
                .and_then(Locale::parse)
                .unwrap_or(locale),
            None => locale,
        };
        self.open_code_flow(NewCodeFlow {
            kind: FlowKind::Verification,
            identity_id: contact.as_ref().map(|c| c.identity_id),
            identifier_key: identifier.key(),
            channel: identifier.kind(),
            delivery: Delivery {
                recipient: contact.map(|c| c.address),
                locale,
                template: CodeTemplate::Verification,
            },
            payload,
            extra_messages: Vec::new(),
        })
        .await
    }

    pub async fn complete_verification(
        &self,
        flow_id: FlowId,
        code: &str,
        client: &crate::ClientInfo,
    ) -> Result<(), FlowError> {
        let flow = self
            .redeem_code(flow_id, FlowKind::Verification, code, client)
            .await?;
        let contact: Uuid = payload_str(&flow, "contact_id")
            .and_then(|s| s.parse().ok())
            .ok_or(FlowError::FlowExpired)?;
        self.store.verify_contact(contact, &[]).await?;
        Ok(())
    }
}
