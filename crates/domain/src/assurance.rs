//! How sure a session is of who holds it (NIST SP 800-63B authenticator assurance levels)
//! and which methods proved it (`amr`, as OpenID Connect calls it). Every way in ends in a
//! session that records both, so a rule such as "saved cards need two factors" is one
//! check of the session, not a check in each way in.

use serde::{Deserialize, Serialize};

/// Authenticator assurance level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aal {
    /// One factor: a password, or a code sent to a verified address.
    Aal1,
    /// Two factors of different kinds.
    Aal2,
}

impl Aal {
    /// The stored level: 1 or 2.
    pub fn level(self) -> i16 {
        match self {
            Self::Aal1 => 1,
            Self::Aal2 => 2,
        }
    }

    /// The level stored as `level`. Anything unknown reads as one factor, never more:
    /// a damaged row must not raise a session's assurance.
    pub fn from_level(level: i16) -> Self {
        if level == 2 { Self::Aal2 } else { Self::Aal1 }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Aal1 => "aal1",
            Self::Aal2 => "aal2",
        }
    }
}

/// The assurance a sign-in reached: its level and the methods used, in the order used
/// (method keys of the flows' registry: `password`, `code`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assurance {
    pub aal: Aal,
    pub amr: Vec<String>,
}

impl Assurance {
    /// One factor, proved by `method`.
    pub fn one_factor(method: &str) -> Self {
        Self {
            aal: Aal::Aal1,
            amr: vec![method.to_owned()],
        }
    }

    /// Two factors: `first`, then `second`, a method of another kind.
    pub fn two_factors(first: &[String], second: &str) -> Self {
        let mut amr = first.to_vec();
        if !amr.iter().any(|m| m == second) {
            amr.push(second.to_owned());
        }
        Self {
            aal: Aal::Aal2,
            amr,
        }
    }

    /// A passkey with user verification: something held and something known or been
    /// (the authenticator's PIN or biometric), two factors in one step.
    pub fn passkey() -> Self {
        Self {
            aal: Aal::Aal2,
            amr: vec!["passkey".to_owned()],
        }
    }

    /// `amr` as stored: the method keys joined by spaces (keys never contain one).
    pub fn amr_text(&self) -> String {
        self.amr.join(" ")
    }

    /// The methods of a stored `amr` text.
    pub fn parse_amr(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_round_trip_and_unknown_levels_read_as_one_factor() {
        for aal in [Aal::Aal1, Aal::Aal2] {
            assert_eq!(Aal::from_level(aal.level()), aal);
        }
        assert_eq!(Aal::from_level(0), Aal::Aal1);
        assert_eq!(Aal::from_level(7), Aal::Aal1);
        assert!(Aal::Aal1 < Aal::Aal2);
    }

    #[test]
    fn amr_round_trips_through_its_text() {
        let a = Assurance {
            aal: Aal::Aal2,
            amr: vec!["password".into(), "totp".into()],
        };
        assert_eq!(a.amr_text(), "password totp");
        assert_eq!(Assurance::parse_amr(&a.amr_text()), a.amr);
        assert!(Assurance::parse_amr("").is_empty());
    }
}
