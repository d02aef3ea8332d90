//! The journeys: what a person sets out to do (sign up, sign in, recover, verify a
//! contact, change their settings). Each owns its steps and its stored flow payload and
//! asks the methods (`crate::methods`) to do their part.

pub mod admin;
pub mod import;
pub mod mfa;
pub mod recovery;
pub mod registration;
pub mod settings;
pub mod sign_in;
pub mod verification;
