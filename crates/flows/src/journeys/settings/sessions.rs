//! The owner's sessions, as settings lists them and signs them out.

use crate::{Authenticated, FlowError, Flows};
use latchkey_domain::{IdentityId, SessionId};
use latchkey_store::Session;

impl Flows {
    pub(crate) async fn list_sessions(
        &self,
        identity: IdentityId,
    ) -> Result<Vec<Session>, FlowError> {
        Ok(self.store.sessions(identity, self.now()).await?)
    }

    /// Signs out one of the identity's own sessions.
    pub(crate) async fn revoke_session(
        &self,
        identity: IdentityId,
        id: SessionId,
    ) -> Result<(), FlowError> {
        if self.store.revoke_session(identity, id, self.now()).await? {
            Ok(())
        } else {
            Err(FlowError::NotFound)
        }
    }

    /// Signs out every session of the identity except the caller's; returns how many.
    pub(crate) async fn revoke_other_sessions(
        &self,
        auth: &Authenticated,
    ) -> Result<u64, FlowError> {
        Ok(self
            .store
            .revoke_sessions(auth.identity.id, Some(auth.session.id), self.now())
            .await?)
    }
}
