//! Sign in with Apple (placeholder until its preset lands).

/// Apple's issuer.
pub const ISSUER: &str = "https://appleid.apple.com";
