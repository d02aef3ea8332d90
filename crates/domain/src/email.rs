//! Email addresses: kept as given, matched case-insensitively.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("the email address is empty")]
    Empty,
    #[error("the email address is too long")]
    TooLong,
    #[error("the email address is not valid")]
    Invalid,
}

/// A syntactically plausible email address.
///
/// Deliberately lenient about the local part (RFC 5321 allows much, and shops lose
/// customers over over-strict checks) and strict about what would break delivery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        // Surrounding spaces come from copy and paste; they are never part of an address.
        let s = input.trim();
        if s.is_empty() {
            return Err(EmailError::Empty);
        }
        if s.len() > 254 {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = s.rsplit_once('@').ok_or(EmailError::Invalid)?;
        if local.is_empty() || local.len() > 64 || domain.is_empty() {
            return Err(EmailError::Invalid);
        }
        if s.chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
        {
            return Err(EmailError::Invalid);
        }
        if local.contains('@') && !(local.starts_with('"') && local.ends_with('"')) {
            return Err(EmailError::Invalid);
        }
        let labels: Vec<&str> = domain.split('.').collect();
        if labels.len() < 2
            || labels.iter().any(|l| {
                l.is_empty()
                    || l.len() > 63
                    || l.starts_with('-')
                    || l.ends_with('-')
                    || !l.chars().all(|c| c.is_alphanumeric() || c == '-')
            })
        {
            return Err(EmailError::Invalid);
        }
        Ok(Self(s.to_owned()))
    }

    /// The address as the person typed it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The lookup key: the whole address lowercased, so `Ann@Shop.com` and
    /// `ann@shop.com` are one account.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }

    /// `a•••@gmail.com`: enough for the owner to recognise, too little to harvest.
    pub fn masked(&self) -> String {
        let (local, domain) = self.0.rsplit_once('@').unwrap_or((&self.0, ""));
        let first: String = local.chars().take(1).collect();
        format!("{first}•••@{domain}")
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_common_addresses() {
        for ok in [
            "a@b.co",
            "Ann.Lee+shop@Example.COM",
            "用户@例子.中国",
            " x@y.org ",
        ] {
            assert!(Email::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn rejects_broken_addresses() {
        for bad in [
            "", "plain", "@b.co", "a@", "a@b", "a b@c.de", "a@b..c", "a@-b.c", "a@b@c.de",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn key_is_case_insensitive_and_display_keeps_case() {
        let e = Email::parse("Ann@Shop.COM").unwrap();
        assert_eq!(e.key(), "ann@shop.com");
        assert_eq!(e.as_str(), "Ann@Shop.COM");
        assert_eq!(e.masked(), "A•••@Shop.COM");
    }
}
