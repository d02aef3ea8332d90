//! The API shapes more than one feature answers with: the typed ids, the account
//! (`IdentityView` in the description) and the reasons a password is refused. Each is
//! built from the domain or flow value with `From`; the names in `#[schema(as = …)]` are
//! the public schema names of the OpenAPI description.

use latchkey_domain::PasswordProblem;
use latchkey_flows::model::{ContactKind, IdentityState};
use latchkey_flows::{ContactView, IdentityView};
use serde::Serialize;
use time::OffsetDateTime;
use utoipa::ToSchema;
use uuid::Uuid;

macro_rules! id_body {
    ($(#[$doc:meta])* $body:ident as $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Serialize, ToSchema)]
        #[schema(as = $name)]
        #[serde(transparent)]
        pub struct $body(Uuid);

        impl From<latchkey_domain::$name> for $body {
            fn from(id: latchkey_domain::$name) -> Self {
                Self(id.0)
            }
        }
    };
}

id_body!(
    /// One account.
    IdentityIdBody as IdentityId
);
id_body!(
    /// One signed-in state (not its token).
    SessionIdBody as SessionId
);
id_body!(
    /// One multi-step journey kept in the store.
    FlowIdBody as FlowId
);

/// The two kinds of contact, which are also the two message channels.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[schema(as = ContactKind)]
#[serde(rename_all = "snake_case")]
pub enum ContactKindBody {
    Email,
    Phone,
}

impl From<ContactKind> for ContactKindBody {
    fn from(kind: ContactKind) -> Self {
        match kind {
            ContactKind::Email => Self::Email,
            ContactKind::Phone => Self::Phone,
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[schema(as = IdentityState)]
#[serde(rename_all = "snake_case")]
pub enum IdentityStateBody {
    Active,
    /// Sign-in refused until recovery or an operator lifts it.
    Blocked,
}

impl From<IdentityState> for IdentityStateBody {
    fn from(state: IdentityState) -> Self {
        match state {
            IdentityState::Active => Self::Active,
            IdentityState::Blocked => Self::Blocked,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = ContactView)]
pub struct ContactBody {
    #[schema(value_type = String, format = Uuid)]
    pub id: uuid::Uuid,
    pub kind: ContactKindBody,
    pub address: String,
    pub verified: bool,
    pub primary: bool,
}

impl From<ContactView> for ContactBody {
    fn from(c: ContactView) -> Self {
        Self {
            id: c.id,
            kind: c.kind.into(),
            address: c.address,
            verified: c.verified,
            primary: c.primary,
        }
    }
}

// The signed-in account (`identity` in the session answers); the description has no
// text for it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = IdentityView)]
pub struct IdentityBody {
    pub id: IdentityIdBody,
    pub name: Option<String>,
    pub locale: Option<String>,
    pub state: IdentityStateBody,
    pub contacts: Vec<ContactBody>,
    /// The sign-in methods the person sees: "password", "email_code", "sms_code".
    pub methods: Vec<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl From<IdentityView> for IdentityBody {
    fn from(v: IdentityView) -> Self {
        Self {
            id: v.id.into(),
            name: v.name,
            locale: v.locale,
            state: v.state.into(),
            contacts: v.contacts.into_iter().map(ContactBody::from).collect(),
            methods: v.methods,
            created_at: v.created_at,
        }
    }
}

/// Why a new password is refused; each is a stable code in the API.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = PasswordProblem)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum PasswordProblemBody {
    TooShort { min: usize },
    TooLong { max_bytes: usize },
    Common,
    Guessable,
    SameAsCurrent,
}

impl From<PasswordProblem> for PasswordProblemBody {
    fn from(p: PasswordProblem) -> Self {
        match p {
            PasswordProblem::TooShort { min } => Self::TooShort { min },
            PasswordProblem::TooLong { max_bytes } => Self::TooLong { max_bytes },
            PasswordProblem::Common => Self::Common,
            PasswordProblem::Guessable => Self::Guessable,
            PasswordProblem::SameAsCurrent => Self::SameAsCurrent,
        }
    }
}
