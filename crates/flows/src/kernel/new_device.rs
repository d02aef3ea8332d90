//! The new-device notice: a sign-in from a device this account has not seen before tells
//! the owner once. A "device" is the device token (`latchkey_device` cookie,
//! `Latchkey-Device` header): a client that presents a valid token of this account, or
//! the token of one of its remembered devices, is a device it has seen; any other gets a
//! new token with its session, so the next sign-in from it is known and sends nothing. The account's very first session (the end
//! of a registration, the first social sign-in) sends nothing either: there is no
//! "other" device yet to warn.

use crate::journeys::sign_in::messages::NewDeviceSignIn;
use crate::kernel::user_agent;
use crate::{ClientInfo, FlowError, Flows};
use latchkey_domain::EventType;
use latchkey_i18n::Locale;
use latchkey_store::{Identity, NewMessage};

/// How many recent events are searched for an earlier sign-in.
const HISTORY: u32 = 200;

impl Flows {
    /// The notices a session about to start for `identity` from `client` causes: none
    /// for a known device or the account's first session, else one per verified contact
    /// (email, SMS only without one) with a "this wasn't me" link, whose token this
    /// stores first (a notice whose link does not work would be worse than an unused
    /// token nobody received). The caller writes the messages with the session.
    pub(crate) async fn new_device_notices(
        &self,
        identity: &Identity,
        client: &ClientInfo,
    ) -> Result<Vec<NewMessage>, FlowError> {
        if let Some(token) = client.device_token.as_deref()
            && self.trusted_device(token, identity.id).await?.is_some()
        {
            return Ok(Vec::new());
        }
        // A remembered device ("remember this device" after a second factor) is one the
        // account has seen too, whether or not it kept its device token.
        if self.device_remembered(identity.id, client).await? {
            return Ok(Vec::new());
        }
        if !self.signed_in_before(identity).await? {
            return Ok(Vec::new());
        }
        let contacts = self.store.contacts(identity.id).await?;
        if !contacts.iter().any(|c| c.verified) {
            return Ok(Vec::new());
        }
        // At most one notice per device, however many sign-ins from it land at once: the
        // token it presented (not this account's) is marked once, in one step. A client
        // with no token at all is a new device each time (each gets a token of its own).
        if let Some(presented) = client.device_token.as_deref() {
            let now = self.now();
            let key = format!(
                "new-device:{}:{}",
                identity.id,
                latchkey_domain::secret::token_hash(presented)
            );
            let until = now + self.settings.report_link_ttl;
            if !self.abuse.limits.first_use(&key, until, now).await? {
                return Ok(Vec::new());
            }
        }
        let now = self.now();
        let report_link = self.report_link(identity.id).await?;
        let locale = identity
            .locale
            .as_deref()
            .and_then(Locale::parse)
            .unwrap_or_default();
        let device = client
            .user_agent
            .as_deref()
            .map(|ua| user_agent::describe(ua).unwrap_or_else(|| ua.chars().take(80).collect()))
            .unwrap_or_else(|| "?".to_owned());
        let place = self.place_of(client.ip.as_deref(), locale);
        let message = NewDeviceSignIn {
            at: now,
            device: &device,
            place: place.as_deref(),
            ip: client.ip.as_deref().unwrap_or("?"),
            report_link: &report_link,
        };
        Ok(self.owner_notices(identity, &contacts, &message))
    }

    /// Whether the account had a session before: a live one, or a `session.created`
    /// among its recent events.
    async fn signed_in_before(&self, identity: &Identity) -> Result<bool, FlowError> {
        if !self
            .store
            .sessions(identity.id, self.now())
            .await?
            .is_empty()
        {
            return Ok(true);
        }
        Ok(self
            .store
            .events(identity.id, HISTORY)
            .await?
            .iter()
            .any(|e| e.kind == EventType::SessionCreated))
    }
}
