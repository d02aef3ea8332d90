//! Passwords and the password policy (P1, S4): length in code points after NFKC, never
//! trimmed or truncated, no composition rules, a blocklist, and a zxcvbn score floor.

use serde::Serialize;
use std::collections::HashSet;
use std::fmt;
use unicode_normalization::UnicodeNormalization;

/// A password as the person typed it, NFKC-normalized so the same characters typed on
/// different keyboards compare equal. Never trimmed: a leading space is part of it.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub fn new(raw: &str) -> Self {
        Self(raw.nfkc().collect())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn code_points(&self) -> usize {
        self.0.chars().count()
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

/// Why a new password is refused; each is a stable code in the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum PasswordProblem {
    TooShort { min: usize },
    TooLong { max_bytes: usize },
    Common,
    Guessable,
    SameAsCurrent,
}

impl PasswordProblem {
    pub fn code(&self) -> &'static str {
        match self {
            Self::TooShort { .. } => "too_short",
            Self::TooLong { .. } => "too_long",
            Self::Common => "common",
            Self::Guessable => "guessable",
            Self::SameAsCurrent => "same_as_current",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    Weak,
    Medium,
    Strong,
}

#[derive(Debug, Clone)]
pub struct PasswordPolicy {
    pub min_length: usize,
    pub max_bytes: usize,
    pub min_score: u8,
    blocklist: HashSet<String>,
}

const BUILTIN_BLOCKLIST: &str = include_str!("common-passwords.txt");
/// zxcvbn is quadratic in the input; beyond this many characters nothing changes the score.
const ESTIMATE_CHARS: usize = 128;

impl Default for PasswordPolicy {
    fn default() -> Self {
        PasswordConfig::default().policy()
    }
}

/// The `[password]` section of the config, in its units; [`Self::policy`] builds the
/// [`PasswordPolicy`] from it. Its `Default` holds the defaults (docs/PRODUCT.md, P1).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordConfig {
    /// Minimum length in code points (after NFKC).
    pub min_length: usize,
    /// Extra words to refuse as passwords (the shop's name, brands).
    pub blocklist: Vec<String>,
}

impl Default for PasswordConfig {
    fn default() -> Self {
        Self {
            min_length: 8,
            blocklist: Vec::new(),
        }
    }
}

impl PasswordConfig {
    /// The built-in blocklist plus [`Self::blocklist`], with [`Self::min_length`].
    pub fn policy(&self) -> PasswordPolicy {
        PasswordPolicy::new(self.min_length, self.blocklist.iter().cloned())
    }
}

impl PasswordPolicy {
    /// `extra_blocklist` adds the operator's own words (shop name, brand) to the built-in list.
    pub fn new(min_length: usize, extra_blocklist: impl IntoIterator<Item = String>) -> Self {
        let blocklist = BUILTIN_BLOCKLIST
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .chain(extra_blocklist.into_iter().map(|w| w.to_lowercase()))
            .collect();
        Self {
            min_length,
            max_bytes: 1024,
            min_score: 2,
            blocklist,
        }
    }

    /// zxcvbn's 0–4 score; `user_inputs` (email, name) count as easy to guess.
    pub fn score(&self, password: &Password, user_inputs: &[&str]) -> u8 {
        let cut: String = password.expose().chars().take(ESTIMATE_CHARS).collect();
        if cut.is_empty() {
            return 0;
        }
        let words = expand_inputs(user_inputs);
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        u8::from(zxcvbn::zxcvbn(&cut, &words).score())
    }

    pub fn strength(&self, password: &Password, user_inputs: &[&str]) -> Strength {
        if !self.check(password, user_inputs).is_empty() {
            return Strength::Weak;
        }
        match self.score(password, user_inputs) {
            s if s >= 4 => Strength::Strong,
            3 if password.code_points() >= 12 => Strength::Strong,
            _ => Strength::Medium,
        }
    }

    /// Every reason the password is refused; empty when it is acceptable.
    pub fn check(&self, password: &Password, user_inputs: &[&str]) -> Vec<PasswordProblem> {
        let mut problems = Vec::new();
        if password.code_points() < self.min_length {
            problems.push(PasswordProblem::TooShort {
                min: self.min_length,
            });
        }
        if password.expose().len() > self.max_bytes {
            problems.push(PasswordProblem::TooLong {
                max_bytes: self.max_bytes,
            });
        }
        if self.blocklist.contains(&password.expose().to_lowercase()) {
            problems.push(PasswordProblem::Common);
        } else if self.score(password, user_inputs) < self.min_score {
            problems.push(PasswordProblem::Guessable);
        }
        problems
    }
}

/// zxcvbn matches user inputs as whole dictionary words, so `ann.lee@shop.com` would not
/// catch the password `ann.lee1990`: give it the address, its local part and each piece.
fn expand_inputs(inputs: &[&str]) -> Vec<String> {
    let mut words = Vec::new();
    for input in inputs {
        let lower = input.to_lowercase();
        if let Some((local, _)) = lower.split_once('@') {
            words.push(local.to_owned());
        }
        words.extend(
            lower
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 3)
                .map(str::to_owned),
        );
        words.push(lower);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> PasswordPolicy {
        PasswordPolicy::default()
    }

    #[test]
    fn a_long_passphrase_passes() {
        assert!(
            p().check(&Password::new("correct horse battery staple"), &[])
                .is_empty()
        );
    }

    #[test]
    fn short_common_and_guessable_are_refused_with_every_reason() {
        assert_eq!(
            p().check(&Password::new("abc"), &[]),
            vec![
                PasswordProblem::TooShort { min: 8 },
                PasswordProblem::Guessable
            ]
        );
        assert_eq!(
            p().check(&Password::new("password1"), &[]),
            vec![PasswordProblem::Common]
        );
        assert_eq!(
            p().check(&Password::new("Password1"), &[]),
            vec![PasswordProblem::Common]
        );
        assert!(
            p().check(&Password::new("aaaaaaaaaa"), &[])
                .contains(&PasswordProblem::Guessable)
        );
    }

    #[test]
    fn user_inputs_make_a_password_guessable() {
        let pw = Password::new("annalee1990");
        assert!(
            !p().check(&pw, &["annalee1990@shop.com", "annalee1990"])
                .is_empty()
        );
    }

    #[test]
    fn never_trimmed_and_nfkc_normalized() {
        assert_ne!(Password::new(" secret"), Password::new("secret"));
        // Fullwidth letters typed on a CJK keyboard are the same password.
        assert_eq!(Password::new("ｐａｓｓ"), Password::new("pass"));
        // Length counts code points, not bytes: 8 Cyrillic letters are 8.
        assert_eq!(Password::new("пароль12").code_points(), 8);
    }

    #[test]
    fn over_1024_bytes_is_refused_not_truncated() {
        let long = "x".repeat(1025);
        assert!(
            p().check(&Password::new(&long), &[])
                .contains(&PasswordProblem::TooLong { max_bytes: 1024 })
        );
    }

    #[test]
    fn debug_never_shows_the_password() {
        assert!(!format!("{:?}", Password::new("hunter22")).contains("hunter"));
    }

    #[test]
    fn strength_levels() {
        assert_eq!(
            p().strength(&Password::new("password"), &[]),
            Strength::Weak
        );
        assert_ne!(
            p().strength(&Password::new("Tr0ub4dour&3x"), &[]),
            Strength::Weak
        );
        assert_eq!(
            p().strength(&Password::new("correct horse battery staple"), &[]),
            Strength::Strong
        );
    }
}
