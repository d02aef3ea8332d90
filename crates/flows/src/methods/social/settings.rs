//! The settings section: the providers linked to the account, linking another (the
//! start step with `link_to`, in the privileged window) and unlinking one, never the
//! last way in.

use super::provider_of;
use crate::journeys::settings::messages::FactorRemoved;
use crate::{Authenticated, FlowError, Flows};
use time::OffsetDateTime;

/// A linked provider as settings show it.
#[derive(Debug, Clone)]
pub struct LinkedProvider {
    pub provider: String,
    pub label: String,
    /// The email the provider gave, if any.
    pub email: Option<String>,
    pub linked_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
}

impl Flows {
    pub(crate) async fn linked_providers(
        &self,
        auth: &Authenticated,
    ) -> Result<Vec<LinkedProvider>, FlowError> {
        let credentials = self.store.credentials(auth.identity.id).await?;
        Ok(credentials
            .iter()
            .filter_map(|c| {
                let provider = provider_of(c)?;
                Some(LinkedProvider {
                    provider: provider.to_owned(),
                    label: self.providers.label(provider),
                    email: c
                        .data
                        .get("email")
                        .and_then(|e| e.as_str())
                        .map(str::to_owned),
                    linked_at: c.created_at,
                    last_used_at: c.last_used_at,
                })
            })
            .collect())
    }

    /// `DELETE /api/account/providers/{provider}`: every link to that provider goes;
    /// `LastMethod` when nothing else would let the owner in.
    pub(crate) async fn unlink_provider(
        &self,
        auth: &Authenticated,
        provider: &str,
    ) -> Result<(), FlowError> {
        self.require_privileged(auth)?;
        let identity = &auth.identity;
        let credentials = self.store.credentials(identity.id).await?;
        let going: Vec<_> = credentials
            .iter()
            .filter(|c| provider_of(c) == Some(provider))
            .map(|c| c.id)
            .collect();
        if going.is_empty() {
            return Err(FlowError::NotFound);
        }
        let contacts = self.store.contacts(identity.id).await?;
        if !self.other_way_in(&credentials, &contacts, &going) {
            return Err(FlowError::LastMethod);
        }
        let report_link = self.report_link(identity.id).await?;
        for (i, id) in going.iter().enumerate() {
            // One notice, with the last removal.
            let notices = if i + 1 == going.len() {
                self.owner_notices(
                    identity,
                    &contacts,
                    &FactorRemoved {
                        factor: provider,
                        report_link: &report_link,
                    },
                )
            } else {
                Vec::new()
            };
            self.store
                .remove_credential(identity.id, *id, &notices)
                .await?;
        }
        self.wake_courier();
        tracing::info!(identity.id = %identity.id, provider, "provider unlinked");
        self.record(
            identity.id,
            latchkey_domain::EventType::ProviderUnlinked,
            None,
            serde_json::json!({"provider": provider}),
        )
        .await;
        Ok(())
    }
}
