//! Google: an OpenID provider; its issuer is the default.

/// Google's issuer (discovery at `{issuer}/.well-known/openid-configuration`).
pub const ISSUER: &str = "https://accounts.google.com";
