//! The cookies Latchkey sets, with the attributes the README's "Sessions" section states.

use axum_extra::extract::cookie::{Cookie, SameSite};
use time::Duration;

pub const SESSION_COOKIE: &str = "latchkey_session";
/// The device token (OWASP device cookies): lets a known device past a lockout that
/// strangers caused. Long-lived; bound to one account by its signature.
pub const DEVICE_COOKIE: &str = "latchkey_device";
pub const DEVICE_COOKIE_MAX_AGE: Duration = Duration::days(400);
/// "Remember this device": a device that passed the second factor skips it while this
/// token is live (`[session] remember_device_days`).
pub const TRUSTED_DEVICE_COOKIE: &str = "latchkey_trusted_device";
/// The second step of a sign-in on the pages: the MFA ticket, for five minutes.
pub const MFA_TICKET_COOKIE: &str = "latchkey_mfa";

/// `HttpOnly; SameSite=Lax; Path=/`, and `Secure` unless dev mode over plain http.
pub fn build(
    name: &'static str,
    value: String,
    max_age: Option<Duration>,
    secure: bool,
) -> Cookie<'static> {
    let mut c = Cookie::build((name, value))
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .secure(secure);
    if let Some(age) = max_age {
        c = c.max_age(age);
    }
    c.build()
}

/// A cookie that tells the browser to forget `name`.
pub fn removal(name: &'static str, secure: bool) -> Cookie<'static> {
    build(name, String::new(), Some(Duration::ZERO), secure)
}
