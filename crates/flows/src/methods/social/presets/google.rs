//! Google: an OpenID provider; its issuer is the default.
//!
//! Google documents two spellings of its issuer in ID tokens: `https://accounts.google.com`
//! and `accounts.google.com` ("Validating an ID token": "The value of iss in the ID token
//! is equal to accounts.google.com or https://accounts.google.com").

/// Google's issuer (discovery at `{issuer}/.well-known/openid-configuration`).
pub const ISSUER: &str = "https://accounts.google.com";

/// Every `iss` Google's ID tokens may carry.
pub const ISSUERS: [&str; 2] = [ISSUER, "accounts.google.com"];

/// Whether an ID token's `iss` is Google's.
pub fn accepts_issuer(iss: &str) -> bool {
    ISSUERS.contains(&iss)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_documented_issuers_are_google() {
        assert!(accepts_issuer("https://accounts.google.com"));
        assert!(accepts_issuer("accounts.google.com"));
        assert!(!accepts_issuer("https://accounts.google.com.evil.test"));
        assert!(!accepts_issuer("http://accounts.google.com"));
    }
}
