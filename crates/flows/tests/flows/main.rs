//! Integration tests of the flows crate. `messages` and `snapshot`: every message the
//! flows send, composed through the courier's public API as the flows compose them.

mod legacy_hashes;
mod messages;
mod snapshot;
