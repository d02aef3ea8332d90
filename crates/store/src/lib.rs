//! Persistence. One [`Store`] trait, implemented for SQLite (the embedded default) and
//! PostgreSQL (scale-out), with one migration folder per database.
//!
//! Every call that changes state and causes a message takes the messages too and writes
//! them in the same transaction (the courier's outbox), so a crash never leaves a change
//! without its notice or a notice without its change.

pub mod model;
mod sql;

pub use model::*;
pub use sql::{PgStore, SqliteStore, connect};

use async_trait::async_trait;
use latchkey_domain::ids::{FlowId, IdentityId, SessionId};
use std::sync::Arc;
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique constraint refused the write (an address already taken).
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("not found")]
    NotFound,
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// From the SQLite hot-path reader (`sql::sqlite_reads`), which is not sqlx.
    #[error("database error: {0}")]
    Read(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

pub type DynStore = Arc<dyn Store>;

#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Applies pending migrations of this backend.
    async fn migrate(&self) -> Result<()>;
    /// A cheap round trip for readiness checks.
    async fn ping(&self) -> Result<()>;
    /// "sqlite" or "postgres".
    fn backend(&self) -> &'static str;

    // --- identities, contacts, credentials -------------------------------------------

    /// Creates the identity with its contacts and credentials, and the messages, in one
    /// transaction. `Conflict` when a verified contact's address is already verified by
    /// another identity. Other identities' unverified claims of the new identity's
    /// verified addresses are removed in the same transaction.
    async fn create_identity(&self, new: &NewIdentity, messages: &[NewMessage]) -> Result<()>;
    async fn identity(&self, id: IdentityId) -> Result<Option<Identity>>;
    async fn set_identity_locale(&self, id: IdentityId, locale: &str) -> Result<()>;
    /// The contact holding this normalized address key: its verified holder when there is
    /// one, else the oldest unverified claim.
    async fn contact_by_key(&self, kind: ContactKind, key: &str) -> Result<Option<Contact>>;
    /// Every contact holding this address key (one verified at most, any number of
    /// unverified claims by different identities), the verified one first, then oldest.
    async fn contacts_by_key(&self, kind: ContactKind, key: &str) -> Result<Vec<Contact>>;
    async fn contacts(&self, identity: IdentityId) -> Result<Vec<Contact>>;
    /// The identity with its contacts and password flag, in one query.
    async fn account(&self, id: IdentityId) -> Result<Option<Account>>;
    /// The contact holding this address key and its identity, in one query: the first
    /// read of every sign-in attempt, wrong or right.
    async fn contact_and_identity(
        &self,
        kind: ContactKind,
        key: &str,
    ) -> Result<Option<(Contact, Identity)>>;
    /// Marks a contact verified (idempotent), removes other identities' unverified claims
    /// of its address, and writes the messages, in one transaction. `Conflict` when
    /// another identity holds the address verified.
    async fn verify_contact(&self, contact: Uuid, messages: &[NewMessage]) -> Result<()>;
    async fn credentials(&self, identity: IdentityId) -> Result<Vec<Credential>>;
    /// Replaces the secret of the identity's credential of that kind (rehash on login,
    /// password change), writing the messages in the same transaction.
    async fn update_credential_secret(
        &self,
        identity: IdentityId,
        kind: CredentialKind,
        secret: &str,
        now: OffsetDateTime,
        messages: &[NewMessage],
    ) -> Result<()>;

    // --- flows ----------------------------------------------------------------------

    /// Creates a flow, with its first code if any, and the messages.
    async fn create_flow(
        &self,
        flow: &Flow,
        code: Option<&FlowCode>,
        messages: &[NewMessage],
    ) -> Result<()>;
    async fn flow(&self, id: FlowId) -> Result<Option<Flow>>;
    /// Adds a code to a flow (a resend), sets `last_sent_at`, writes the messages.
    async fn add_flow_code(
        &self,
        flow: FlowId,
        code: &FlowCode,
        messages: &[NewMessage],
    ) -> Result<()>;
    /// The flow's codes, newest first.
    async fn flow_codes(&self, flow: FlowId) -> Result<Vec<FlowCode>>;
    /// Reserves one try of the flow before its code is judged, in one statement: counts it
    /// as a failure when the flow is active, unexpired at `now` and below `max` failures,
    /// and returns the flow as it is after the reservation; `None` when no try is left.
    /// Of any number of concurrent guesses, at most `max` are ever judged.
    async fn reserve_flow_try(
        &self,
        flow: FlowId,
        max: u32,
        now: OffsetDateTime,
    ) -> Result<Option<Flow>>;
    /// Moves an active flow to completed after a right code, giving back that code's
    /// reserved try; refuses a flow past `max` failures. Returns false when another
    /// request already completed it (exactly one caller wins a race on the same code).
    async fn complete_flow(&self, flow: FlowId, max: u32, now: OffsetDateTime) -> Result<bool>;
    /// Gives back one failure of a lockout key (the reservation of an attempt that turned
    /// out right), putting back `last_failure_at` when given (the stamp read before the
    /// reservation), so a success does not re-arm a lock.
    async fn refund_lockout_failure(
        &self,
        key: &str,
        last_failure_at: Option<OffsetDateTime>,
    ) -> Result<()>;

    // --- sessions -------------------------------------------------------------------

    async fn create_session(&self, session: &Session, messages: &[NewMessage]) -> Result<()>;
    /// The live (not revoked, not expired at `now`) session with this token hash and its
    /// account. This is the shop's hot path (every page view asks "who is this?"): one
    /// query, one round trip.
    async fn session_by_token_hash(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<SessionLookup>>;
    /// Records activity; also pushes the idle expiry forward to `idle_expires_at`.
    async fn touch_session(
        &self,
        id: SessionId,
        now: OffsetDateTime,
        idle_expires_at: OffsetDateTime,
    ) -> Result<()>;
    /// Live sessions of the identity, newest first.
    async fn sessions(&self, identity: IdentityId, now: OffsetDateTime) -> Result<Vec<Session>>;
    /// Revokes one session of this identity; false when it was not found or not live.
    async fn revoke_session(
        &self,
        identity: IdentityId,
        id: SessionId,
        now: OffsetDateTime,
    ) -> Result<bool>;
    /// Revokes every live session of the identity except `keep`; returns how many.
    async fn revoke_sessions(
        &self,
        identity: IdentityId,
        keep: Option<SessionId>,
        now: OffsetDateTime,
    ) -> Result<u64>;

    // --- courier outbox -------------------------------------------------------------

    async fn enqueue_messages(&self, messages: &[NewMessage]) -> Result<()>;
    /// Leases up to `limit` due messages (pending, `next_attempt_at <= now`, and not leased
    /// or lease expired) until `lease_until`, so two workers never send the same message.
    async fn claim_due_messages(
        &self,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        limit: u32,
    ) -> Result<Vec<OutboxMessage>>;
    /// Records the delivery and blanks the text and HTML bodies (they carry the codes and
    /// links); the subject and the metadata stay until [`Store::purge_messages`].
    async fn mark_message_sent(&self, id: Uuid, now: OffsetDateTime) -> Result<()>;
    /// Records a failed attempt: back to pending at `next_attempt_at`, or abandoned as
    /// [`Store::abandon_message`] does, with the error as the reason.
    async fn mark_message_failed(
        &self,
        id: Uuid,
        attempts: u32,
        next_attempt_at: Option<OffsetDateTime>,
        error: &str,
        now: OffsetDateTime,
    ) -> Result<()>;
    /// Gives a message up after `attempts`: records the last error and why it was given up
    /// (`reason`, never message content), and blanks the bodies as a sent message's are.
    async fn abandon_message(
        &self,
        id: Uuid,
        attempts: u32,
        error: &str,
        reason: &str,
        now: OffsetDateTime,
    ) -> Result<()>;
    /// Deletes sent and abandoned messages created before `before`; returns how many.
    /// Pending ones stay whatever their age: they are still to be delivered or given up.
    async fn purge_messages(&self, before: OffsetDateTime) -> Result<u64>;
    async fn message(&self, id: Uuid) -> Result<Option<OutboxMessage>>;
    /// Outbox messages by status, newest first (operators, tests).
    async fn messages_by_status(
        &self,
        status: MessageStatus,
        limit: u32,
    ) -> Result<Vec<OutboxMessage>>;
    /// How many outbox messages have this status (the metrics' outbox gauge).
    async fn count_messages_by_status(&self, status: MessageStatus) -> Result<u64>;

    // --- dev mailbox ----------------------------------------------------------------

    async fn mailbox_put(&self, entry: &MailboxEntry) -> Result<()>;
    /// Newest first; `to` filters by recipient (exact, case-insensitive for email).
    async fn mailbox_list(&self, to: Option<&str>, limit: u32) -> Result<Vec<MailboxEntry>>;

    // --- recovery -------------------------------------------------------------------

    /// Creates a recovery flow with its first code, the reset-link token when the code
    /// goes out by email, and the messages, in one transaction.
    async fn create_recovery_flow(
        &self,
        flow: &Flow,
        code: &FlowCode,
        link: Option<&ResetToken>,
        messages: &[NewMessage],
    ) -> Result<()>;
    /// A resend, possibly on another channel: sets the flow's channel, payload and
    /// `last_sent_at`, adds the code and the link token if any, writes the messages.
    async fn add_recovery_code(
        &self,
        flow: FlowId,
        channel: ContactKind,
        payload: &serde_json::Value,
        code: &FlowCode,
        link: Option<&ResetToken>,
        messages: &[NewMessage],
    ) -> Result<()>;
    /// Stores a token (used or not) and writes the messages.
    async fn insert_reset_token(&self, token: &ResetToken, messages: &[NewMessage]) -> Result<()>;
    /// The token with this hash, whatever its state.
    async fn reset_token(&self, token_hash: &str) -> Result<Option<ResetToken>>;
    /// Uses a reset token and sets the new password, atomically: the token must be of
    /// purpose `reset`, unused and unexpired at `now`, and the password's `updated_at`
    /// must still equal `expected_stamp`. Then every other unused reset token of the
    /// identity is voided, every session revoked, a `reported` block lifted (the identity
    /// becomes active), the new tokens stored and the messages written. Returns false
    /// (and changes nothing) when the token was not usable: of concurrent callers with
    /// one token exactly one gets true.
    async fn complete_password_reset(
        &self,
        reset: &PasswordReset,
        messages: &[NewMessage],
    ) -> Result<bool>;
    /// Uses a `report` token ("this wasn't me"): the identity is blocked (reason
    /// `reported`), every session revoked, every unused reset token voided. Returns the
    /// identity, or `None` when the token was unknown, used, expired or of another purpose.
    async fn use_report_token(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<IdentityId>>;
    /// Why a blocked identity is blocked (`None`: no reason recorded).
    async fn identity_block_reason(&self, identity: IdentityId) -> Result<Option<String>>;

    // --- abuse ------------------------------------------------------------------------

    /// The lockout state of a key, if it has one.
    async fn lockout(&self, key: &str) -> Result<Option<LockoutRecord>>;
    /// Atomically counts one failure for `key` at `now`: a count whose last failure is
    /// before `forget_before` starts again at 1. Returns the new state, so of concurrent
    /// failures each sees its own count (exactly one sees the count that locks).
    async fn record_lockout_failure(
        &self,
        key: &str,
        now: OffsetDateTime,
        forget_before: OffsetDateTime,
    ) -> Result<LockoutRecord>;
    /// Forgets the keys' failures (a success, a completed reset, an unlock link).
    async fn clear_lockouts(&self, keys: &[String]) -> Result<()>;
    /// The account's device-trust epoch (0 until first bumped).
    async fn device_epoch(&self, identity: IdentityId) -> Result<u32>;
    /// Moves the account to a new device-trust epoch: every device token issued before
    /// stops being trusted. Returns the new epoch.
    async fn bump_device_epoch(&self, identity: IdentityId) -> Result<u32>;
    /// Stores an unlock token and writes the messages that carry it.
    async fn create_unlock_token(&self, token: &UnlockToken, messages: &[NewMessage])
    -> Result<()>;
    /// The identity of a live (unused, unexpired) unlock token, without spending it.
    async fn unlock_token(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<IdentityId>>;
    /// Spends a live unlock token; of concurrent callers exactly one gets the identity.
    async fn consume_unlock_token(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<IdentityId>>;
}
