//! Sessions: created at the end of every way in, checked on every request of the shop's
//! backend. Listing and revoking them is the settings journey's.

use crate::{ClientInfo, FlowError, Flows, IdentityView};
use latchkey_domain::secret::{new_token, token_hash};
use latchkey_domain::{Assurance, IdentityId, SessionId};
use latchkey_store::{Identity, IdentityState, NewMessage, Session, SessionLookup};
use time::Duration;

/// The answer to a successful sign-in. The token is shown once and never stored.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub session_token: String,
    pub session: Session,
    pub identity: IdentityView,
    /// The device token to set as the `latchkey_device` cookie (or for apps to keep).
    pub device_token: String,
    /// When the person asked to remember this device after a second factor: its token,
    /// for the `latchkey_trusted_device` cookie (or for apps to keep).
    pub trusted_device_token: Option<String>,
}

/// A request's verified session, with what the session check shows of its account (read
/// in the same query).
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub session: Session,
    pub identity: Identity,
    pub view: IdentityView,
}

/// Activity is written at most this often per session, keeping the hot path read-only.
const TOUCH_EVERY: Duration = Duration::seconds(60);
const MAX_USER_AGENT: usize = 512;

impl Flows {
    /// Starts a session that records `assurance`: how many factors proved the holder, and
    /// which methods (its first one is the session's `method`). A device this account has
    /// not seen before also tells the owner (`kernel/new_device.rs`), in the session's
    /// transaction.
    pub(crate) async fn start_session(
        &self,
        identity: &Identity,
        assurance: Assurance,
        client: &ClientInfo,
        messages: &[NewMessage],
    ) -> Result<SignedIn, FlowError> {
        if identity.state == IdentityState::Blocked {
            return Err(FlowError::AccountBlocked);
        }
        let now = self.now();
        let token = new_token();
        let absolute = now + self.settings.session_absolute;
        let session = Session {
            id: SessionId::new(),
            identity_id: identity.id,
            token_hash: token_hash(&token),
            created_at: now,
            last_seen_at: now,
            expires_at: (now + self.settings.session_idle).min(absolute),
            absolute_expires_at: absolute,
            ip: client.ip.clone(),
            user_agent: client
                .user_agent
                .as_ref()
                .map(|ua| ua.chars().take(MAX_USER_AGENT).collect()),
            method: assurance.amr.first().cloned().unwrap_or_default(),
            aal: assurance.aal,
            amr: assurance.amr,
            authenticated_at: now,
        };
        // Every way in ends here, so a sign-in during a deletion's grace period cancels it
        // (and the owner is told, with the session's own messages).
        let mut messages = messages.to_vec();
        messages.extend(self.cancel_account_deletion(identity).await?);
        messages.extend(self.new_device_notices(identity, client).await?);
        self.store.create_session(&session, &messages).await?;
        if !messages.is_empty() {
            self.wake_courier();
        }
        self.record(
            identity.id,
            latchkey_domain::EventType::SessionCreated,
            Some(client),
            serde_json::json!({
                "session_id": session.id.to_string(),
                "method": session.method,
                "aal": session.aal.as_str(),
                "amr": session.amr,
            }),
        )
        .await;
        Ok(SignedIn {
            session_token: token,
            session,
            identity: self.identity_view(identity).await?,
            device_token: self
                .device_token_for(identity.id, client.device_token.as_deref())
                .await?,
            trusted_device_token: None,
        })
    }

    /// Who holds this token? `None` for unknown, expired or revoked tokens.
    pub(crate) async fn authenticate(
        &self,
        token: &str,
    ) -> Result<Option<Authenticated>, FlowError> {
        // A real token is 43 characters; anything far off is not worth a query.
        if token.is_empty() || token.len() > 128 {
            return Ok(None);
        }
        let now = self.now();
        let Some(SessionLookup {
            mut session,
            account,
        }) = self
            .store
            .session_by_token_hash(&token_hash(token), now)
            .await?
        else {
            return Ok(None);
        };
        if account.identity.state == IdentityState::Blocked {
            return Ok(None);
        }
        if now - session.last_seen_at >= TOUCH_EVERY {
            let idle = (now + self.settings.session_idle).min(session.absolute_expires_at);
            self.store.touch_session(session.id, now, idle).await?;
            session.last_seen_at = now;
            session.expires_at = idle;
        }
        Ok(Some(Authenticated {
            session,
            identity: account.identity.clone(),
            view: IdentityView::new(account),
        }))
    }

    pub(crate) async fn sign_out(&self, auth: &Authenticated) -> Result<(), FlowError> {
        self.store
            .revoke_session(auth.identity.id, auth.session.id, self.now())
            .await?;
        Ok(())
    }
}

/// `flows.sessions()`: the session check, sign-out, and the owner's list of sessions.
#[derive(Clone, Copy)]
pub struct Sessions<'a>(&'a Flows);

impl Flows {
    pub fn sessions(&self) -> Sessions<'_> {
        Sessions(self)
    }
}

impl Sessions<'_> {
    /// Who holds this token? `None` for unknown, expired or revoked tokens.
    pub async fn authenticate(&self, token: &str) -> Result<Option<Authenticated>, FlowError> {
        self.0.authenticate(token).await
    }

    pub async fn sign_out(&self, auth: &Authenticated) -> Result<(), FlowError> {
        self.0.sign_out(auth).await
    }

    pub async fn list(&self, identity: IdentityId) -> Result<Vec<Session>, FlowError> {
        self.0.list_sessions(identity).await
    }

    /// Signs out one of the identity's own sessions.
    pub async fn revoke(&self, identity: IdentityId, id: SessionId) -> Result<(), FlowError> {
        self.0.revoke_session(identity, id).await
    }

    /// Signs out every session of the identity except the caller's; returns how many.
    pub async fn revoke_others(&self, auth: &Authenticated) -> Result<u64, FlowError> {
        self.0.revoke_other_sessions(auth).await
    }
}
