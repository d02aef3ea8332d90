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
    // What the admin API and console did (`admin.<action>`, API.md "Admin API"): the
    // audit trail, naming the key in the event's actor. Not shown to the account's owner.
    AdminViewed,
    AdminCreated,
    AdminBlocked,
    AdminUnblocked,
    AdminUnlocked,
    AdminSessionsEnded,
    AdminRecoverySent,
    AdminMfaRemoved,
    AdminDeleted,
    AdminFactsRecorded,
    AdminPrivilegeChanged,
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
        Self::AdminViewed,
        Self::AdminCreated,
        Self::AdminBlocked,
        Self::AdminUnblocked,
        Self::AdminUnlocked,
        Self::AdminSessionsEnded,
        Self::AdminRecoverySent,
        Self::AdminMfaRemoved,
        Self::AdminDeleted,
        Self::AdminFactsRecorded,
        Self::AdminPrivilegeChanged,
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
            Self::AdminViewed => "admin.viewed",
            Self::AdminCreated => "admin.created",
            Self::AdminBlocked => "admin.blocked",
            Self::AdminUnblocked => "admin.unblocked",
            Self::AdminUnlocked => "admin.unlocked",
            Self::AdminSessionsEnded => "admin.sessions_ended",
            Self::AdminRecoverySent => "admin.recovery_sent",
            Self::AdminMfaRemoved => "admin.mfa_removed",
            Self::AdminDeleted => "admin.deleted",
            Self::AdminFactsRecorded => "admin.facts_recorded",
            Self::AdminPrivilegeChanged => "admin.privilege_changed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|t| t.as_str() == s)
    }

    /// An operator's action (`admin.*`): the audit trail, not the owner's activity.
    pub fn is_admin(self) -> bool {
        self.as_str().starts_with("admin.")
    }

    /// What the account's owner sees on the activity page and in
    /// `GET /api/account/events`.
    pub fn user_visible(self) -> bool {
        !self.is_admin()
    }

    /// How this kind of event ended when nothing else is said: a failed sign-in failed,
    /// everything else happened.
    pub fn default_outcome(self) -> Outcome {
        match self {
            Self::SigninFailed => Outcome::Failure,
            _ => Outcome::Success,
        }
    }
}

/// How the action an event records ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    Success,
    Failure,
    /// Refused before it was tried (an agent acting on a high-privilege account).
    Denied,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::Failure => "failure",
            Self::Denied => "denied",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Success, Self::Failure, Self::Denied]
            .into_iter()
            .find(|o| o.as_str() == s)
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
