//! Imports: many new accounts at once (`latchkey import`), in large transactions.

use crate::Result;
use crate::model::{ImportAccount, ImportOutcome};
use async_trait::async_trait;
use time::OffsetDateTime;

#[async_trait]
pub trait Imports: Send + Sync {
    /// Creates the accounts that may be created, with their contacts, credentials and
    /// events, in one transaction, and says what became of each (in order). Stored as
    /// given: credentials' secrets are written as they are.
    ///
    /// Per account, never aborting the batch: an account with a verified address that
    /// an existing identity (or an earlier account of this batch) holds verified is
    /// [`ImportOutcome::AddressTaken`]; one with a verified address that existing
    /// identities claim unverified is [`ImportOutcome::ClaimsPending`] (the caller
    /// imports it the one-account way, which tells those owners); so is one with a
    /// verified address that another account's live contact change (at `now`) is
    /// waiting to prove, which the proof voids. An unverified
    /// contact never makes an account fail; one whose address another account of the
    /// batch verifies is left out (that verification releases it, as it would a stored
    /// claim). `Conflict` only when a concurrent writer took an address between the
    /// check and the insert (PostgreSQL): nothing of the batch is written, and the batch
    /// may be retried.
    async fn import_accounts(
        &self,
        accounts: &[ImportAccount],
        now: OffsetDateTime,
    ) -> Result<Vec<ImportOutcome>>;
}
