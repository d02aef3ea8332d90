//! The settings journey: what a signed-in person changes or sees of their own account:
//! the password (the password method's part, `methods::password::settings`), their
//! sessions, and the view of the account the API and pages show.

mod sessions;
pub mod view;

use crate::{Authenticated, FlowError, Flows};
use time::Duration;

/// A session this young counts as a fresh sign-in: no current password needed.
pub const PRIVILEGED_WINDOW: Duration = Duration::minutes(10);

/// `flows.settings()`: changes the owner makes to their account.
#[derive(Clone, Copy)]
pub struct Settings<'a>(&'a Flows);

impl Flows {
    pub fn settings(&self) -> Settings<'_> {
        Settings(self)
    }
}

impl Settings<'_> {
    /// `PUT /api/account/password`. Other sessions of the account end; the caller's stays.
    pub async fn change_password(
        &self,
        auth: &Authenticated,
        current_password: Option<&str>,
        new_password: &str,
    ) -> Result<(), FlowError> {
        self.0
            .change_password(auth, current_password, new_password)
            .await
    }
}

impl Settings<'_> {
    /// The cards the methods add to the settings page, from the registry.
    pub fn method_cards(&self) -> Vec<crate::kernel::registry::SettingsCard> {
        crate::kernel::registry::settings_cards()
    }
}
