//! The security event types, defined once: the account's own activity
//! (`GET /api/account/events`), the admin API and webhooks all speak these names
//! (API.md, "Account settings"). Add freely; never rename one.

/// What happened to an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventType {
    IdentityCreated,
    SessionCreated,
    SigninFailed,
    IdentityLocked,
    IdentityUnlocked,
    RecoveryRequested,
    RecoveryCompleted,
    PasswordChanged,
    EmailChanged,
    PhoneChanged,
    MfaEnabled,
    MfaDisabled,
    ProviderLinked,
    ProviderUnlinked,
    IdentityBlocked,
    IdentityUnblocked,
    IdentityDeleted,
    ContactDropped,
}

impl EventType {
    /// Every type, in the order API.md lists them.
    pub const ALL: &'static [EventType] = &[
        Self::IdentityCreated,
        Self::SessionCreated,
        Self::SigninFailed,
        Self::IdentityLocked,
        Self::IdentityUnlocked,
        Self::RecoveryRequested,
        Self::RecoveryCompleted,
        Self::PasswordChanged,
        Self::EmailChanged,
        Self::PhoneChanged,
        Self::MfaEnabled,
        Self::MfaDisabled,
        Self::ProviderLinked,
        Self::ProviderUnlinked,
        Self::IdentityBlocked,
        Self::IdentityUnblocked,
        Self::IdentityDeleted,
        Self::ContactDropped,
    ];

    /// The stable name (`session.created`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::IdentityCreated => "identity.created",
            Self::SessionCreated => "session.created",
            Self::SigninFailed => "signin.failed",
            Self::IdentityLocked => "identity.locked",
            Self::IdentityUnlocked => "identity.unlocked",
            Self::RecoveryRequested => "recovery.requested",
            Self::RecoveryCompleted => "recovery.completed",
            Self::PasswordChanged => "password.changed",
            Self::EmailChanged => "email.changed",
            Self::PhoneChanged => "phone.changed",
            Self::MfaEnabled => "mfa.enabled",
            Self::MfaDisabled => "mfa.disabled",
            Self::ProviderLinked => "provider.linked",
            Self::ProviderUnlinked => "provider.unlinked",
            Self::IdentityBlocked => "identity.blocked",
            Self::IdentityUnblocked => "identity.unblocked",
            Self::IdentityDeleted => "identity.deleted",
            Self::ContactDropped => "contact.dropped",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|t| t.as_str() == s)
    }
}

impl std::fmt::Display for EventType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::EventType;

    #[test]
    fn names_are_unique_and_parse_back() {
        let mut seen = std::collections::HashSet::new();
        for t in EventType::ALL {
            assert!(seen.insert(t.as_str()), "{t} twice");
            assert_eq!(EventType::parse(t.as_str()), Some(*t));
        }
        assert_eq!(EventType::parse("session.stolen"), None);
    }

    /// The names API.md fixes (rename none).
    #[test]
    fn the_contract_names_are_all_here() {
        for name in [
            "identity.created",
            "session.created",
            "signin.failed",
            "identity.locked",
            "identity.unlocked",
            "recovery.requested",
            "recovery.completed",
            "password.changed",
            "email.changed",
            "phone.changed",
            "mfa.enabled",
            "mfa.disabled",
            "provider.linked",
            "provider.unlinked",
            "identity.blocked",
            "identity.unblocked",
            "identity.deleted",
            "contact.dropped",
        ] {
            assert!(EventType::parse(name).is_some(), "{name}");
        }
    }
}
