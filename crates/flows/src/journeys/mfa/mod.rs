//! The second step of a sign-in (M1): once an account has a second factor (a TOTP app or
//! a passkey), every way in that proved one factor ends here instead of in a session.
//!
//! The gate is one rule, [`Flows::after_first_factor`], on the assurance the first step
//! reached: the sign-in journey's `sign_in_by` (password, code, passkey; later social and
//! QR) and the end of a recovery both call it, and no way in checks it by itself. It
//! answers with a ticket (a flow of kind `mfa`, 5 minutes, single use) naming the methods
//! that may finish it; [`Mfa::finish`] takes one of them ([`SecondFactor`], each
//! implemented in its method's folder) and starts the two-factor session.

pub mod messages;
pub(crate) mod payload;
mod remembered;

use crate::kernel::codes::{channel_of, flow_code, read_payload, salt, write_payload};
use crate::kernel::registry::SecondFactorFacts;
use crate::{ClientInfo, FlowError, Flows, SignedIn};
use latchkey_domain::secret::{new_code, token_hash};
use latchkey_domain::{Aal, Assurance, FlowId};
use latchkey_store::{ContactKind, CredentialKind, Flow, FlowKind, FlowState, Identity};
use messages::{SecondFactorCode, SecondFactorFailed};
use payload::TicketPayload;
use time::{Duration, OffsetDateTime};

pub use remembered::TrustedDeviceView;

/// How long a ticket stays usable.
pub const TICKET_LIFETIME: Duration = Duration::minutes(5);

/// How a way in ended: signed in, or a second factor is owed first.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)]
pub enum SignInOutcome {
    SignedIn(SignedIn),
    MfaRequired(MfaRequired),
}

/// `200 {"mfa_required": true, "mfa_ticket", "methods"}`.
#[derive(Debug, Clone)]
pub struct MfaRequired {
    pub ticket: FlowId,
    /// The methods that may finish it, in the registry's order.
    pub methods: Vec<String>,
    pub expires_at: OffsetDateTime,
}

/// A second factor, holding what the person gave (a code, a passkey assertion). Each is
/// its method's (`methods::totp::mfa`, …); trying it on a ticket is the journey's.
pub(crate) trait SecondFactor {
    /// The method key, in the ticket's `methods` and the session's `amr`.
    fn method(&self) -> &'static str;

    /// Checks the factor for the ticket's account; `InvalidCode` when it is wrong. The
    /// ticket's try is already reserved.
    async fn verify(
        self,
        flows: &Flows,
        ticket: &Flow,
        identity: &Identity,
        client: &ClientInfo,
    ) -> Result<(), FlowError>;
}

impl Flows {
    /// The gate: what a first factor proved becomes a session, unless the account has a
    /// second factor this device has not passed, when it becomes a ticket.
    pub(crate) async fn after_first_factor(
        &self,
        identity: &Identity,
        first: Assurance,
        via: Option<ContactKind>,
        client: &ClientInfo,
    ) -> Result<SignInOutcome, FlowError> {
        if identity.state == latchkey_store::IdentityState::Blocked {
            return Err(FlowError::AccountBlocked);
        }
        if first.aal >= Aal::Aal2 {
            let signed_in = self.start_session(identity, first, client, &[]).await?;
            return Ok(SignInOutcome::SignedIn(signed_in));
        }
        let credentials = self.store.credentials(identity.id).await?;
        let gated = credentials
            .iter()
            .any(|c| matches!(c.kind, CredentialKind::Totp | CredentialKind::Webauthn));
        if !gated {
            let signed_in = self.start_session(identity, first, client, &[]).await?;
            return Ok(SignInOutcome::SignedIn(signed_in));
        }
        if self.device_remembered(identity.id, client).await? {
            let assurance = Assurance::two_factors(&first.amr, "remembered_device");
            let signed_in = self.start_session(identity, assurance, client, &[]).await?;
            return Ok(SignInOutcome::SignedIn(signed_in));
        }
        let contacts = self.store.contacts(identity.id).await?;
        let verified = |kind| contacts.iter().any(|c| c.verified && c.kind == kind);
        let facts = SecondFactorFacts {
            credentials: &credentials,
            recovery_codes_left: self.store.recovery_codes_left(identity.id).await?,
            verified_email: verified(ContactKind::Email),
            verified_phone: verified(ContactKind::Phone) && self.settings.sms_enabled,
            via,
        };
        let methods = crate::kernel::registry::second_factor_methods(&facts);
        let locale = identity
            .locale
            .as_deref()
            .and_then(latchkey_i18n::Locale::parse)
            .unwrap_or_default();
        let now = self.now();
        let ticket = Flow {
            id: FlowId::new(),
            kind: FlowKind::Mfa,
            state: FlowState::Active,
            identity_id: Some(identity.id),
            identifier_key: identity.id.to_string(),
            channel: ContactKind::Email,
            payload: write_payload(&TicketPayload {
                first: first.amr,
                methods: methods.clone(),
                locale,
                passkey_state: None,
            })?,
            failures: 0,
            created_at: now,
            expires_at: now + TICKET_LIFETIME,
            // No code was sent yet: the first may go at once.
            last_sent_at: now - self.codes.resend_after,
            completed_at: None,
        };
        self.store.create_flow(&ticket, None, &[]).await?;
        Ok(SignInOutcome::MfaRequired(MfaRequired {
            ticket: ticket.id,
            methods,
            expires_at: ticket.expires_at,
        }))
    }

    /// The open ticket, its payload and its account.
    pub(crate) async fn open_ticket(
        &self,
        ticket: FlowId,
    ) -> Result<(Flow, TicketPayload, Identity), FlowError> {
        let flow = self.open_flow(ticket, FlowKind::Mfa).await?;
        let payload: TicketPayload = read_payload(&flow)?;
        let identity = self
            .store
            .identity(flow.identity_id.ok_or(FlowError::FlowExpired)?)
            .await?
            .ok_or(FlowError::FlowExpired)?;
        Ok((flow, payload, identity))
    }

    /// Tries `factor` on the ticket: every try is reserved on the ticket first (five per
    /// ticket, however many arrive at once), and the first wrong one tells the owner.
    async fn finish_second_step<F: SecondFactor>(
        &self,
        ticket: FlowId,
        factor: F,
        remember_device: bool,
        client: &ClientInfo,
    ) -> Result<SignedIn, FlowError> {
        let method = factor.method();
        let (_, payload, identity) = self.open_ticket(ticket).await?;
        if !payload.methods.iter().any(|m| m == method) {
            return Err(FlowError::InvalidInput { field: "method" });
        }
        self.guard_code_check(client).await?;
        let now = self.now();
        let max = self.codes.max_failures;
        let flow = self
            .store
            .reserve_flow_try(ticket, max, now)
            .await?
            .ok_or(FlowError::FlowExpired)?;
        match factor.verify(self, &flow, &identity, client).await {
            Ok(()) => {}
            Err(FlowError::InvalidCode { .. }) => {
                if flow.failures == 1 {
                    self.notify_second_factor_failed(&identity, client).await?;
                }
                crate::kernel::metrics::second_factor(method, "invalid_code");
                return Err(FlowError::InvalidCode {
                    attempts_left: max.saturating_sub(flow.failures),
                });
            }
            Err(e) => return Err(e),
        }
        if !self.store.complete_flow(ticket, max, now).await? {
            return Err(FlowError::FlowExpired);
        }
        crate::kernel::metrics::second_factor(method, "success");
        let assurance = Assurance::two_factors(&payload.first, method);
        let mut signed_in = self
            .start_session(&identity, assurance, client, &[])
            .await?;
        if remember_device {
            signed_in.trusted_device_token = Some(self.remember_device(&identity, client).await?);
        }
        Ok(signed_in)
    }

    async fn notify_second_factor_failed(
        &self,
        identity: &Identity,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        let contacts = self.store.contacts(identity.id).await?;
        let report_link = self.report_link(identity.id).await?;
        let message = SecondFactorFailed {
            at: self.now(),
            place: client.ip.as_deref().unwrap_or("?"),
            device: client.user_agent.as_deref().unwrap_or("?"),
            report_link: &report_link,
        };
        let messages = self.owner_notices(identity, &contacts, &message);
        self.store.enqueue_messages(&messages).await?;
        self.wake_courier();
        Ok(())
    }

    /// Sends a code for the second step to the account's verified contact of that kind.
    async fn send_second_factor_code(
        &self,
        ticket: FlowId,
        channel: &str,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        let (flow, payload, identity) = self.open_ticket(ticket).await?;
        let kind = match channel {
            "email" => ContactKind::Email,
            "sms" => ContactKind::Phone,
            _ => return Err(FlowError::InvalidInput { field: "channel" }),
        };
        if !payload.methods.iter().any(|m| m == channel) {
            return Err(FlowError::InvalidInput { field: "channel" });
        }
        let now = self.now();
        self.codes
            .may_resend(flow.last_sent_at, now)
            .map_err(|retry_after| FlowError::TooSoon { retry_after })?;
        let contacts = self.store.contacts(identity.id).await?;
        let contact = contacts
            .iter()
            .filter(|c| c.verified && c.kind == kind)
            .min_by_key(|c| !c.primary)
            .ok_or(FlowError::InvalidInput { field: "channel" })?;
        let country = (kind == ContactKind::Phone)
            .then(|| latchkey_domain::Phone::parse(&contact.address_key, None).ok())
            .flatten()
            .map(|p| p.country_code());
        self.guard_send(kind, &contact.address_key, country, client)
            .await?;
        let code = new_code();
        let issued = self.codes.issue(&salt(ticket), &code, now);
        let message = latchkey_courier::compose(
            &self.compose,
            &SecondFactorCode { code: &code },
            channel_of(kind),
            &contact.address,
            payload.locale,
            now,
        );
        self.store
            .add_flow_code(ticket, &flow_code(ticket, &issued), &[message])
            .await?;
        crate::kernel::metrics::codes_sent(FlowKind::Mfa, kind, 1);
        self.wake_courier();
        Ok(())
    }
}

/// What the second step is given: the method and what it needs.
#[derive(Debug, Clone)]
pub enum SecondFactorInput {
    Totp {
        code: String,
    },
    RecoveryCode {
        code: String,
    },
    /// A code sent by SMS or email (`"sms"`, `"email"`).
    Code {
        channel: String,
        code: String,
    },
    Passkey {
        credential: serde_json::Value,
    },
}

/// `flows.mfa()`: the second step of a sign-in.
#[derive(Clone, Copy)]
pub struct Mfa<'a>(&'a Flows);

impl Flows {
    pub fn mfa(&self) -> Mfa<'_> {
        Mfa(self)
    }
}

impl Mfa<'_> {
    /// `POST /api/sessions/mfa`: finishes a ticket with one of its methods.
    pub async fn finish(
        &self,
        ticket: FlowId,
        input: SecondFactorInput,
        remember_device: bool,
        client: &ClientInfo,
    ) -> Result<SignedIn, FlowError> {
        use crate::methods;
        let flows = self.0;
        match input {
            SecondFactorInput::Totp { code } => {
                let factor = methods::totp::mfa::TotpFactor { code: &code };
                flows
                    .finish_second_step(ticket, factor, remember_device, client)
                    .await
            }
            SecondFactorInput::RecoveryCode { code } => {
                let factor = methods::recovery_codes::mfa::RecoveryCodeFactor { code: &code };
                flows
                    .finish_second_step(ticket, factor, remember_device, client)
                    .await
            }
            SecondFactorInput::Code { channel, code } => {
                let factor = methods::code::mfa::CodeFactor::new(&channel, &code)?;
                flows
                    .finish_second_step(ticket, factor, remember_device, client)
                    .await
            }
            SecondFactorInput::Passkey { credential } => {
                let factor = methods::passkey::mfa::PasskeyFactor {
                    credential: &credential,
                };
                flows
                    .finish_second_step(ticket, factor, remember_device, client)
                    .await
            }
        }
    }

    /// `POST /api/sessions/mfa/code`: a code for the ticket by `"sms"` or `"email"`.
    pub async fn send_code(
        &self,
        ticket: FlowId,
        channel: &str,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        self.0
            .send_second_factor_code(ticket, channel, client)
            .await
    }

    /// The methods a ticket still accepts (the second-step page shows them).
    pub async fn methods(&self, ticket: FlowId) -> Result<Vec<String>, FlowError> {
        Ok(self.0.open_ticket(ticket).await?.1.methods)
    }

    /// The remembered devices of a signed-in account, and revoking them.
    pub async fn trusted_devices(
        &self,
        auth: &crate::Authenticated,
    ) -> Result<Vec<TrustedDeviceView>, FlowError> {
        self.0.trusted_device_views(auth.identity.id).await
    }

    pub async fn revoke_trusted_device(
        &self,
        auth: &crate::Authenticated,
        id: uuid::Uuid,
    ) -> Result<(), FlowError> {
        self.0.revoke_remembered(auth, Some(id)).await
    }

    pub async fn revoke_trusted_devices(
        &self,
        auth: &crate::Authenticated,
    ) -> Result<(), FlowError> {
        self.0.revoke_remembered(auth, None).await
    }
}

/// The digest a remembered device's token is kept as.
pub(crate) fn device_digest(token: &str) -> String {
    token_hash(token)
}
