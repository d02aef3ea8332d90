//! What a person types to say who they are: an email address or a phone number.

use crate::{Email, Phone};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Identifier {
    Email(Email),
    Phone(Phone),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("enter an email address or a phone number")]
pub struct IdentifierError;

impl Identifier {
    /// Anything with an `@` is an email; everything else must be a phone number.
    pub fn parse(input: &str, default_region: Option<&str>) -> Result<Self, IdentifierError> {
        if input.contains('@') {
            Email::parse(input)
                .map(Self::Email)
                .map_err(|_| IdentifierError)
        } else {
            Phone::parse(input, default_region)
                .map(Self::Phone)
                .map_err(|_| IdentifierError)
        }
    }

    pub fn kind(&self) -> ContactKind {
        match self {
            Self::Email(_) => ContactKind::Email,
            Self::Phone(_) => ContactKind::Phone,
        }
    }

    /// The normalized lookup key.
    pub fn key(&self) -> String {
        match self {
            Self::Email(e) => e.key(),
            Self::Phone(p) => p.as_str().to_owned(),
        }
    }

    /// The address as stored (email as given, phone in E.164).
    pub fn address(&self) -> &str {
        match self {
            Self::Email(e) => e.as_str(),
            Self::Phone(p) => p.as_str(),
        }
    }

    pub fn masked(&self) -> String {
        match self {
            Self::Email(e) => e.masked(),
            Self::Phone(p) => p.masked(),
        }
    }
}

/// The two kinds of contact, which are also the two message channels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    Email,
    Phone,
}

impl ContactKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Phone => "phone",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "email" => Some(Self::Email),
            "phone" => Some(Self::Phone),
            _ => None,
        }
    }
}
