//! The self-service JSON API (`/api/…`), as listed in `openapi.rs` (`/api/openapi.json`).

mod account;
mod account_data;
pub(crate) mod bodies;
mod code_flow;
mod codes;
mod contacts;
mod events;
mod factors;
mod health;
mod mfa;
pub mod openapi;
mod password;
mod recovery;
mod registration;
pub(crate) mod sessions;
mod social;

pub use health::router as health_router;
// The pages sign browsers in with the same cookie as the API.
pub(crate) use sessions::session_cookie;

use crate::web::AppState;
use crate::web::error::ApiError;
use axum::Router;
use axum::routing::{delete, get, post, put};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/registrations", post(registration::start))
        .route(
            "/registrations/{flow_id}/code",
            post(registration::complete),
        )
        .route(
            "/registrations/{flow_id}/resend",
            post(codes::resend_registration),
        )
        .route(
            "/sessions",
            post(sessions::create)
                .get(sessions::list)
                .delete(sessions::revoke_others),
        )
        .route("/sessions/mfa", post(mfa::finish))
        .route("/sessions/mfa/code", post(mfa::send_code))
        .route("/sessions/passkey/options", post(mfa::passkey_options))
        .route("/sessions/passkey", post(mfa::passkey_sign_in))
        .route("/sessions/id-token", post(social::id_token))
        .route("/sessions/link", post(social::prove_link))
        .route("/sessions/link/code", post(social::send_link_code))
        .route("/sessions/link/{flow_id}", get(social::show_link))
        .route("/sessions/{id}", delete(sessions::revoke))
        .route(
            "/session",
            get(sessions::current).delete(sessions::sign_out),
        )
        .route("/verification", post(codes::start_verification))
        .route(
            "/verification/{flow_id}/code",
            post(codes::complete_verification),
        )
        .route(
            "/verification/{flow_id}/resend",
            post(codes::resend_verification),
        )
        .route("/login-codes", post(codes::start_login_code))
        .route(
            "/login-codes/{flow_id}/code",
            post(codes::complete_login_code),
        )
        .route(
            "/login-codes/{flow_id}/resend",
            post(codes::resend_login_code),
        )
        .route("/password/check", post(password::check))
        .route("/recovery", post(recovery::start))
        .route("/recovery/reset", post(recovery::reset))
        .route("/recovery/{flow_id}", get(recovery::status))
        .route("/recovery/{flow_id}/resend", post(recovery::resend))
        .route("/recovery/{flow_id}/code", post(recovery::code))
        .route("/security/report", post(recovery::report))
        .route("/method-hint", post(recovery::method_hint))
        .route(
            "/account",
            get(account_data::get_account)
                .patch(account_data::update_account)
                .delete(account_data::delete_account),
        )
        .route("/account/export", get(account_data::export_account))
        .route("/account/password", put(account::change_password))
        .route("/account/mfa", get(factors::status))
        .route(
            "/account/mfa/totp",
            post(factors::start_totp).delete(factors::remove_totp),
        )
        .route("/account/mfa/totp/confirm", post(factors::confirm_totp))
        .route(
            "/account/mfa/recovery-codes",
            post(factors::regenerate_recovery_codes),
        )
        .route("/account/passkeys/options", post(factors::passkey_options))
        .route("/account/passkeys", post(factors::add_passkey))
        .route("/account/passkeys/{id}", delete(factors::remove_passkey))
        .route(
            "/account/trusted-devices",
            delete(factors::revoke_trusted_devices),
        )
        .route(
            "/account/trusted-devices/{id}",
            delete(factors::revoke_trusted_device),
        )
        .route("/account/contacts", post(contacts::add))
        .route("/account/contacts/{id}", delete(contacts::remove))
        .route("/account/contacts/{id}/code", post(contacts::complete))
        .route("/account/contacts/{id}/resend", post(contacts::resend))
        .route(
            "/account/contacts/{id}/primary",
            post(contacts::make_primary),
        )
        .route("/account/events", get(events::list))
        .route("/account/providers", get(social::list))
        .route("/account/providers/{provider}", delete(social::unlink))
        .route("/account/reauthenticate", post(factors::reauthenticate))
        .route("/unlock", post(crate::web::abuse::unlock_api))
        .fallback(|| async { ApiError::not_found() })
}
