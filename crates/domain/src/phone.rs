//! Phone numbers, in any common format, normalized to E.164.

use phonenumber::{Mode, country};
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("the phone number is not valid")]
    Invalid,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Phone(String);

impl Phone {
    /// Parses `+44 20 7946 0018`, `(020) 7946-0018` with a default region, `0044…`.
    /// `default_region` is an ISO 3166 alpha-2 code used when no country code is given.
    pub fn parse(input: &str, default_region: Option<&str>) -> Result<Self, PhoneError> {
        let s = input.trim();
        if s.is_empty() || s.len() > 40 {
            return Err(PhoneError::Invalid);
        }
        if !s
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().\u{a0}/".contains(c))
        {
            return Err(PhoneError::Invalid);
        }
        let s = match s.strip_prefix("00") {
            Some(rest) => format!("+{rest}"),
            None => s.to_owned(),
        };
        let region: Option<country::Id> = if s.starts_with('+') {
            None
        } else {
            Some(
                default_region
                    .and_then(|r| r.to_ascii_uppercase().parse().ok())
                    .ok_or(PhoneError::Invalid)?,
            )
        };
        let number = phonenumber::parse(region, &s).map_err(|_| PhoneError::Invalid)?;
        if !phonenumber::is_valid(&number) {
            return Err(PhoneError::Invalid);
        }
        Ok(Self(number.format().mode(Mode::E164).to_string()))
    }

    /// The number in E.164 (`+447946001800`); also the lookup key.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The country calling code's digits (`44`), for per-country SMS limits.
    pub fn country_code(&self) -> String {
        phonenumber::parse(None, &self.0)
            .map(|n| n.code().value().to_string())
            .unwrap_or_default()
    }

    /// `+44 •••• ••89`.
    pub fn masked(&self) -> String {
        let cc = self.country_code();
        let last: String = self
            .0
            .chars()
            .rev()
            .take(2)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        format!("+{cc} •••• ••{last}")
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_common_formats() {
        let want = "+447946001800";
        for s in ["+44 7946 001800", "+44 (0)7946-001800", "0044 7946 001800"] {
            assert_eq!(Phone::parse(s, None).unwrap().as_str(), want, "{s}");
        }
        assert_eq!(
            Phone::parse("07946 001800", Some("gb")).unwrap().as_str(),
            want
        );
        assert_eq!(
            Phone::parse("+1 (202) 555-0143", None).unwrap().as_str(),
            "+12025550143"
        );
    }

    #[test]
    fn rejects_garbage() {
        for s in ["", "abc", "+1", "12345", "+44 7946 001800 ext"] {
            assert!(Phone::parse(s, None).is_err(), "{s}");
        }
        assert!(
            Phone::parse("07946 001800", None).is_err(),
            "no region, no +"
        );
    }

    #[test]
    fn masks_and_country() {
        let p = Phone::parse("+447946001889", None).unwrap();
        assert_eq!(p.country_code(), "44");
        assert_eq!(p.masked(), "+44 •••• ••89");
    }
}
