//! One-time codes by email or SMS: a way in, the proof of a contact at registration and
//! in verification, and the first step of recovery. The machinery they share (issuing,
//! resending, judging a code) is the kernel's (`kernel::codes`).

mod recovery;
mod registration;
pub(crate) mod sign_in;
mod verification;
