//! The methods: one kind of credential each, with one file per journey it takes part in
//! (`password/sign_in.rs`, `code/recovery.rs`, …). The registry (`kernel::registry`)
//! lists them for the journeys that ask which methods take part.

pub mod code;
pub mod passkey;
pub mod password;
pub mod recovery_codes;
pub mod social;
pub mod totp;
