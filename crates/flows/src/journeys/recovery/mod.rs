//! The recovery journey: password recovery (R1–R4), method hints (S2) and "this wasn't
//! me" (L2). Its steps: `start`, `resend` (and the status page), `hint`, `report`; the
//! code step is the code method's (`methods::code::recovery`), the reset the password
//! method's (`methods::password::recovery`).
//!
//! Every identifier gets the same answer and the same store work: a flow with a code row,
//! whether or not anybody receives that code. What is *sent* differs by account:
//!
//! | account | message |
//! |---|---|
//! | active (or blocked by its owner's report) with a password | a code; by email also a reset link |
//! | without a password | the sign-in methods it has and how to use them |
//! | blocked by support | a pointer to support |
//! | none, email identifier | "someone asked, but no account uses this address" (configurable) |
//! | none, phone identifier | nothing (SMS costs money) |
//!
//! Until the person has proven they hold a contact, the flow shows and uses only what they
//! typed: the code goes to the identifier itself, and "send it to my phone instead" asks
//! them to type that phone; a code goes there only when it is a verified contact of the
//! account, and the answer is the same either way. Nothing the flow shows depends on the
//! account (no masked phone of an account found by its email), and the SMS limits count
//! the number a code would go to.
//!
//! A correct code yields a reset token; the link carries one. Tokens are stored as
//! SHA-256, single use, expire, and die when the password changes or another reset
//! completes. Completing a reset ends every session and sends a "your password was
//! changed" notice, with a "this wasn't me" link, to every verified contact.

mod account;
mod hint;
pub mod messages;
pub(crate) mod payload;
mod report;
mod resend;
mod start;

use crate::{ClientInfo, FlowError, Flows};
use latchkey_domain::secret::token_hash;
use latchkey_domain::{Email, FlowId, IdentityId, Phone};
use latchkey_i18n::Locale;
use latchkey_store::{BLOCK_REPORTED, Channel, ContactKind, Identity, IdentityState};
use latchkey_store::{ResetToken, TokenPurpose};
use serde::Serialize;
use time::OffsetDateTime;

/// One way the flow's code can go, as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ChannelOption {
    pub channel: Channel,
    /// `a•••@gmail.com`, `+44 •••• ••89`.
    pub masked: String,
}

/// `GET /api/recovery/{flow_id}`: where the code goes and when a resend is allowed. The
/// same shape and counts for every identifier, known or not: only what the person typed
/// is shown.
#[derive(Debug, Clone, Serialize)]
pub struct RecoveryStatus {
    /// The channel the last code went out on.
    pub channel: Channel,
    /// Exactly one entry: where codes go (the identifier, or the address typed for
    /// "send it to my … instead"), masked.
    pub channels: Vec<ChannelOption>,
    /// Seconds until a resend is allowed (0: now).
    pub resend_after: i64,
    /// Channels a code can be sent to instead by typing that address in full (a resend
    /// with `phone` or `email`); it goes there only if it is a verified contact of the
    /// account. Depends only on the identifier's kind and the deployment.
    pub other_channels: Vec<Channel>,
}

/// What the reset-link page shows before anything is used.
#[derive(Debug, Clone, Serialize)]
pub struct ResetTarget {
    /// The account's address, masked.
    pub masked: String,
}

/// `a•••@gmail.com` / `+44 •••• ••89` from a normalized key, so a known and an unknown
/// identifier are masked alike.
pub(crate) fn mask(kind: ContactKind, key: &str) -> String {
    match kind {
        ContactKind::Email => Email::parse(key)
            .map(|e| e.masked())
            .unwrap_or_else(|_| "•••".to_owned()),
        ContactKind::Phone => Phone::parse(key, None)
            .map(|p| p.masked())
            .unwrap_or_else(|_| "•••".to_owned()),
    }
}

pub(crate) fn kind_of(channel: Channel) -> ContactKind {
    match channel {
        Channel::Email => ContactKind::Email,
        Channel::Sms => ContactKind::Phone,
    }
}

/// The kind of a flow's identifier, from its normalized key (phones are E.164: `+…`).
pub(crate) fn identifier_kind(key: &str) -> ContactKind {
    if key.starts_with('+') {
        ContactKind::Phone
    } else {
        ContactKind::Email
    }
}

pub(crate) fn country_of(kind: ContactKind, key: &str) -> Option<String> {
    (kind == ContactKind::Phone)
        .then(|| Phone::parse(key, None).ok())
        .flatten()
        .map(|p| p.country_code())
}

impl Flows {
    /// Whether recovery may lift this identity's state: active, or blocked by its owner.
    pub(crate) async fn recoverable(&self, identity: &Identity) -> Result<bool, FlowError> {
        Ok(match identity.state {
            IdentityState::Active => true,
            IdentityState::Blocked => {
                self.store
                    .identity_block_reason(identity.id)
                    .await?
                    .as_deref()
                    == Some(BLOCK_REPORTED)
            }
        })
    }

    pub(crate) fn sms_check(&self, kind: ContactKind) -> Result<(), FlowError> {
        if kind == ContactKind::Phone && !self.settings.sms_enabled {
            return Err(FlowError::ChannelUnavailable);
        }
        Ok(())
    }

    pub(crate) fn link(&self, path: &str, token: &str) -> String {
        // The configured public URL, never the request's Host header.
        format!("{}{path}?token={token}", self.compose.public_url)
    }

    /// A reset token for the account's current password.
    pub(crate) fn reset_token_row(
        &self,
        token: &str,
        identity: IdentityId,
        flow: Option<FlowId>,
        stamp: Option<OffsetDateTime>,
        now: OffsetDateTime,
    ) -> ResetToken {
        ResetToken {
            token_hash: token_hash(token),
            identity_id: identity,
            flow_id: flow,
            purpose: TokenPurpose::Reset,
            credential_stamp: stamp,
            created_at: now,
            expires_at: now + self.settings.reset_link_ttl,
            used_at: None,
        }
    }
}

/// `flows.recovery()`: recovery's steps, the method hint and "this wasn't me".
#[derive(Clone, Copy)]
pub struct Recovery<'a>(&'a Flows);

impl Flows {
    pub fn recovery(&self) -> Recovery<'_> {
        Recovery(self)
    }
}

impl Recovery<'_> {
    /// `POST /api/recovery`: opens a recovery flow for any identifier.
    pub async fn start(
        &self,
        identifier: &str,
        channel: Option<Channel>,
        locale: Locale,
        client: &ClientInfo,
    ) -> Result<FlowId, FlowError> {
        self.0
            .start_recovery(identifier, channel, locale, client)
            .await
    }

    /// `GET /api/recovery/{flow_id}`: where the code goes and when a resend is allowed.
    pub async fn status(&self, id: FlowId) -> Result<RecoveryStatus, FlowError> {
        self.0.recovery_status(id).await
    }

    /// A new code to where the last one went (or, by `channel`, to the identifier).
    pub async fn resend(
        &self,
        id: FlowId,
        channel: Option<Channel>,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        self.0.resend_recovery_to(id, channel, None, client).await
    }

    /// A new code to an address the person types ("send it to my phone instead").
    pub async fn resend_to(
        &self,
        id: FlowId,
        channel: Option<Channel>,
        to: Option<&str>,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        self.0.resend_recovery_to(id, channel, to, client).await
    }

    /// The code step: a right code yields a reset token.
    pub async fn with_code(
        &self,
        id: FlowId,
        code: &str,
        client: &ClientInfo,
    ) -> Result<String, FlowError> {
        self.0.complete_recovery_code(id, code, client).await
    }

    /// What the reset-link page shows; uses nothing.
    pub async fn inspect_reset_token(&self, token: &str) -> Result<ResetTarget, FlowError> {
        self.0.inspect_reset_token(token).await
    }

    /// Sets the new password with a reset token; returns the device token for the
    /// client that completed the reset.
    pub async fn reset_password(
        &self,
        token: &str,
        new_password: &str,
        client: &ClientInfo,
    ) -> Result<String, FlowError> {
        self.0.reset_password(token, new_password, client).await
    }

    /// Sets the new password and signs in on this device (through the second factor when
    /// the account has one).
    pub async fn reset_and_sign_in(
        &self,
        token: &str,
        new_password: &str,
        client: &ClientInfo,
    ) -> Result<crate::SignInOutcome, FlowError> {
        self.0.reset_and_sign_in(token, new_password, client).await
    }

    /// `POST /api/security/report`: "this wasn't me".
    pub async fn report_not_me(&self, token: &str) -> Result<(), FlowError> {
        self.0.report_not_me(token).await
    }

    /// `POST /api/method-hint`: the owner is told the account's methods by message.
    pub async fn send_method_hint(
        &self,
        identifier: &str,
        locale: Locale,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        self.0.send_method_hint(identifier, locale, client).await
    }
}
