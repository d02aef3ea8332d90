//! Latchkey's domain: parsed types and the rules of the product, free of I/O.
//!
//! Everything here takes time as an argument (see [`clock`]) so each rule can be tested
//! without sleeping, and nothing here knows about HTTP or databases.

pub mod assurance;
pub mod challenge;
pub mod clock;
pub mod code;
pub mod contrast;
pub mod email;
pub mod events;
pub mod identifier;
pub mod ids;
pub mod lockout;
pub mod password;
pub mod phone;
pub mod recovery_codes;
pub mod secret;
pub mod totp;

pub use assurance::{Aal, Assurance};
pub use clock::{Clock, SystemClock};
pub use code::{CodeCheck, CodePolicy, IssuedCode};
pub use email::Email;
pub use events::{EventType, Outcome};
pub use identifier::Identifier;
pub use ids::{FlowId, IdentityId, SessionId};
pub use lockout::{Gate, LockoutPolicy, LockoutState};
pub use password::{Password, PasswordConfig, PasswordPolicy, PasswordProblem, Strength};
pub use phone::Phone;
pub use totp::TotpSecret;
