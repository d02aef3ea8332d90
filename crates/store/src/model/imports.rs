//! Imports: accounts brought in bulk from another system (`latchkey import`).

use super::{Event, NewIdentity};

/// One account of an import batch and the `identity.created` event it is recorded with.
#[derive(Debug, Clone)]
pub struct ImportAccount {
    pub new: NewIdentity,
    pub event: Event,
}

/// What became of one account of an import batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    Imported,
    /// Not imported: one of its verified addresses is already held verified, by an
    /// existing identity or by an earlier account of the same batch.
    AddressTaken,
    /// Not imported: one of its verified addresses is claimed (unverified) by existing
    /// identities. Verifying it releases those claims, which the flow must tell their
    /// owners about (or another account's pending change to it waits for a code, which
    /// the proof voids), so the flow imports this account on the one-account path
    /// (`Identities::create_identity`) instead.
    ClaimsPending,
}
