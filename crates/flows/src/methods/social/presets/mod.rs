//! The providers that differ from plain OpenID Connect, one file each. Google and Apple
//! are OpenID providers with quirks (`oidc.rs` does the protocol, these files the
//! quirks); Facebook, VK and Alipay speak OAuth2 with their own user APIs (what they
//! share is in `common.rs`).

pub mod alipay;
pub mod apple;
pub(crate) mod common;
pub mod facebook;
pub mod google;
pub mod vk;
