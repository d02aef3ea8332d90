//! The code method in recovery: each code message (by email with a fresh reset link),
//! and a right code, which yields a reset token.

use crate::journeys::recovery::messages::RecoveryCode;
use crate::journeys::recovery::payload::{Mode, Payload};
use crate::kernel::codes::{channel_of, read_payload};
use crate::{FlowError, Flows};
use latchkey_domain::secret::{new_token, token_hash};
use latchkey_domain::{FlowId, IdentityId};
use latchkey_i18n::Locale;
use latchkey_store::{ContactKind, CredentialKind, FlowKind, NewMessage, ResetToken};
use time::OffsetDateTime;

impl Flows {
    /// The code message (with a fresh reset link by email) and its token.
    pub(crate) fn recovery_code_message(
        &self,
        (flow, identity, stamp): (FlowId, IdentityId, Option<OffsetDateTime>),
        kind: ContactKind,
        to: &str,
        code: &str,
        locale: Locale,
    ) -> (NewMessage, Option<ResetToken>) {
        let now = self.now();
        let (link, token) = if kind == ContactKind::Email {
            let token = new_token();
            let row = self.reset_token_row(&token, identity, Some(flow), stamp, now);
            (Some(self.link("/recovery/link", &token)), Some(row))
        } else {
            (None, None)
        };
        let message = latchkey_courier::compose(
            &self.compose,
            &RecoveryCode {
                code,
                link: link.as_deref(),
            },
            channel_of(kind),
            to,
            locale,
            now,
        );
        (message, token)
    }

    /// Renders, and throws away, what a code message would be: identifiers whose code
    /// goes nowhere pay the same rendering time as those whose code is sent.
    pub(crate) fn dummy_code_message(&self, kind: ContactKind, code: &str, locale: Locale) {
        let token = new_token();
        let _ = token_hash(&token);
        let link = (kind == ContactKind::Email).then(|| self.link("/recovery/link", &token));
        let message = latchkey_courier::compose(
            &self.compose,
            &RecoveryCode {
                code,
                link: link.as_deref(),
            },
            channel_of(kind),
            "",
            locale,
            self.now(),
        );
        std::hint::black_box(message);
    }

    /// `POST /api/recovery/{flow_id}/code`: a correct code yields a reset token. Of
    /// concurrent submissions of one code exactly one gets a token.
    pub(crate) async fn complete_recovery_code(
        &self,
        id: FlowId,
        code: &str,
        client: &crate::ClientInfo,
    ) -> Result<String, FlowError> {
        let flow = self
            .redeem_code(id, FlowKind::Recovery, code, client)
            .await?;
        let payload = read_payload::<Payload>(&flow)?;
        let (Mode::Reset, Some(identity_id)) = (payload.mode, flow.identity_id) else {
            return Err(FlowError::FlowExpired);
        };
        let stamp = self
            .store
            .credentials(identity_id)
            .await?
            .into_iter()
            .find(|c| c.kind == CredentialKind::Password)
            .map(|c| c.updated_at);
        let token = new_token();
        let row = self.reset_token_row(&token, identity_id, Some(id), stamp, self.now());
        self.store.insert_reset_token(&row, &[]).await?;
        Ok(token)
    }
}
